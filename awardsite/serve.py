"""`build.py serve`: build, serve the output folder, rebuild and reload on every change.

Serving is a small WSGI app of ours (only files inside the output folder, under the
base path, with the site's 404 page and an error page while the content is broken).
livereload watches the files and tells open tabs to reload; it is used only in
`serve()` and `_reloading_server()` (which makes it answer HEAD), so it can be swapped
for another reloader without touching the rest.
"""

from __future__ import annotations

import html
import mimetypes
import os
import socket
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import quote, unquote

from markupsafe import escape

from . import pipeline
from .errors import BuildError, ContentError
from .render import CSP
from .sources import CONTENT_FOLDERS, OTHER_FOLDERS, TEXT_FOLDERS, THEME_FOLDERS
from .urls import Urls

Environ = dict[str, Any]  # a WSGI request
StartResponse = Callable[..., Any]
App = Callable[[Environ, StartResponse], Iterable[bytes]]

# Everything sources.scan reads, so any saved change rebuilds.
WATCHED = ("site.yaml", "judges.yaml", *CONTENT_FOLDERS, *TEXT_FOLDERS, *THEME_FOLDERS, *OTHER_FOLDERS)


class Preview:
    """The site being previewed: rebuilt on demand, remembering the last build's problems."""

    def __init__(self, source: Path, out: Path, base_url: str | None, at: str | None = None) -> None:
        self.source, self.out, self.base_url, self.at = source, out, base_url, at
        self.problems: list[str] = []
        self.warnings: list[str] = []  # the last build's warnings: shown in the terminal, not in the page
        self.prefix = Urls(base_url).prefix if base_url else "/"

    def rebuild(self) -> list[str]:
        """Build again; return the problems (empty when the build succeeded)."""
        try:
            content = pipeline.check(self.source)
            self.prefix = Urls(self.base_url or content.site.base_url).prefix
            built = pipeline.build(self.source, self.out, self.base_url, at=self.at)
            self.problems, self.warnings = [], [p.format() for p in built.warnings]
        except ContentError as exc:
            self.problems = [p.format() for p in exc.problems]
        except (BuildError, OSError) as exc:
            self.problems = [str(exc)]
        except Exception as exc:  # a bug: show it rather than go on serving the last good build as if current
            self.problems = [unexpected(exc)]
        return self.problems


def unexpected(exc: Exception) -> str:
    """One line for the error page about an exception the pipeline should never raise."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # the type and message: this page is only local
    return f"the build failed with an unexpected error (a bug in awardsite, please report it): {detail}"


def resolve(out: Path, prefix: str, path: str) -> Path | None:
    """The file inside `out` that a request path names, or None: nothing outside is ever served."""
    if not path.startswith(prefix) or "\x00" in path:
        return None
    parts = path[len(prefix):].split("/")
    if any(part in ("..", ".") or part.startswith(".") for part in parts):
        return None
    try:
        root = out.resolve()
        candidate = root.joinpath(*[p for p in parts if p])
        if candidate.is_dir():
            candidate = candidate / "index.html"
        real = Path(os.path.realpath(candidate))
        if real != root and root not in real.parents:
            return None  # a symlink pointing out of the site
        return real if real.is_file() else None
    except (OSError, ValueError):  # e.g. a name too long for the file system: no such file, not a crash
        return None


def request_path(environ: Environ) -> str | None:
    """The request's path as text, or None when its bytes are not UTF-8."""
    # WSGI gives the URL's unquoted bytes decoded as latin-1; browsers send paths as UTF-8.
    try:
        return str(environ.get("PATH_INFO", "/")).encode("latin-1").decode("utf-8")
    except UnicodeError:
        return None


PREVIEW_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def make_app(preview: Preview) -> App:
    """The WSGI app serving `preview`'s output folder under its base path."""

    def app(environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        path = request_path(environ)
        prefix = unquote(preview.prefix)  # as text, like `path`; Urls gives it percent-encoded
        if prefix != "/" and path in ("/", prefix.rstrip("/")):
            # The Location header must be ASCII: the prefix percent-encoded, as in the site's links.
            status = "302 Found" if path == "/" else "301 Moved Permanently"
            start_response(status, [("Location", quote(prefix))])
            return [b""]
        file = resolve(preview.out, prefix, path) if path is not None else None
        body = _read(file) if file is not None else None
        if preview.problems and (file is None or body is None or file.suffix == ".html"):
            return _respond(start_response, "500 Content Error", "text/html", error_page(preview.problems))
        if file is None or body is None:
            page = _read(preview.out / "404.html")
            body = page or b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"
            return _respond(start_response, "404 Not Found", "text/html", body)
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind == "text/html":  # livereload adds an inline script: let it run, in the preview only
            body = body.replace(str(escape(CSP)).encode(), str(escape(PREVIEW_CSP)).encode())
        return _respond(start_response, "200 OK", kind, body)

    return app


def _read(file: Path) -> bytes | None:
    """The file's bytes, or None if it cannot be read (a rebuild may just have removed it)."""
    try:
        return file.read_bytes()
    except OSError:
        return None


def _respond(start_response: StartResponse, status: str, kind: str, body: bytes) -> list[bytes]:
    charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "javascript", "json")) else ""
    start_response(status, [("Content-Type", kind + charset), ("Cache-Control", "no-store")])
    return [body]


def error_page(problems: list[str]) -> bytes:
    """The page shown for every page while the content has problems."""
    items = "\n".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Content error</title></head>\n"
        "<body style=\"font-family:system-ui,sans-serif;margin:2rem;max-width:60rem\">\n"
        f"<h1>The site cannot be built: {len(problems)} problem{'s' if len(problems) != 1 else ''}</h1>\n"
        f"<ul>\n{items}\n</ul>\n<p>Fix the file and save: this page reloads by itself.</p>\n</body></html>\n"
    ).encode("utf-8")


class _HeadersOnly:
    """A tornado connection answering a HEAD request: it writes the headers and drops the body."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def write_headers(self, start_line: Any, headers: Any, chunk: bytes | None = None) -> Any:
        """Send the headers (Content-Length included, as for GET) without the body."""
        return self.connection.write_headers(start_line, headers)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def _head_safe(fallback: Callable[[Any], None]) -> Callable[[Any], None]:
    """Wrap livereload's WSGI container so HEAD gets GET's status and headers, without the body."""

    def handle(request: Any) -> None:
        # The container writes the body whatever the method, and tornado refuses a body
        # for HEAD (a 500): it gets a connection that drops it.
        if request.method != "HEAD":
            return fallback(request)
        connection = request.connection
        request.connection = _HeadersOnly(connection)
        try:
            fallback(request)
        finally:
            request.connection = connection

    return handle


def _reloading_server(app: App) -> Any:
    """livereload's Server serving `app`, with HEAD requests answered."""
    from livereload import Server  # type: ignore[import-untyped]

    class _Server(Server):  # type: ignore[misc]
        def get_web_handlers(self, script: Any) -> list[Any]:
            """livereload's handlers, its WSGI container wrapped by `_head_safe`."""
            handlers: list[Any] = super().get_web_handlers(script)
            for handler in handlers:
                if len(handler) > 2 and "fallback" in handler[2]:
                    handler[2]["fallback"] = _head_safe(handler[2]["fallback"])
            return handlers

    return _Server(app=app)


def serve(source: Path, out: Path, base_url: str | None, host: str, port: int, log: Callable[[str], None],
          at: str | None = None) -> None:
    """Build (as of `at`, if given), then serve and rebuild on changes until interrupted."""
    from livereload.handlers import LiveReloadHandler  # type: ignore[import-untyped]

    # livereload ignores changes within 3 s of the last reload (or of starting), so a
    # quick second save would rebuild but never reach the tab; our rebuild is complete
    # before the reload is sent, so no grace period is needed.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    _port_is_free(host, port)  # before building: a busy port is the first thing to know
    preview = Preview(source, out, base_url, at)

    def rebuild() -> None:
        problems = preview.rebuild()
        log("\n".join(problems) if problems else "\n".join([*preview.warnings, "rebuilt"]))

    rebuild()
    server = _reloading_server(make_app(preview))
    for name in WATCHED:
        server.watch(str(source / name), rebuild)
    log(f"serving {out} at http://{host}:{port}{preview.prefix} (Ctrl+C stops)")
    server.serve(host=host, port=port, debug=False, restart_delay=0)


def _port_is_free(host: str, port: int) -> None:
    """Raise BuildError naming a free port to use instead, if another program listens on `port`."""
    def free(number: int) -> bool:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, number))
            except OSError:
                return False
            return True
    if free(port):
        return
    spare = next((n for n in range(port + 1, min(port + 100, 65536)) if free(n)), None)
    hint = f"; try `--port {spare}`" if spare else "; choose another with `--port`"
    raise BuildError(f"port {port} on {host} is in use (another preview, perhaps){hint}")
