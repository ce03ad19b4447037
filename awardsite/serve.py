"""`build.py serve`: build, serve the output folder, rebuild and reload on every change.

Serving is a small WSGI app of ours (only files inside the output folder, under the
base path, with the site's 404 page and an error page while the content is broken).
`watch.py` is the live half: the file watcher, livereload (the browsers' reload) and the
terminal's one line per rebuild.
"""

from __future__ import annotations

import gc
import html
import mimetypes
import os
import socket
import sys
import threading
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Collection, Iterable
from urllib.parse import quote, unquote

from markupsafe import escape

from .errors import BuildError, ContentError
from .preview import Preview
from .render import CSP

Environ = dict[str, Any]  # a WSGI request
StartResponse = Callable[..., Any]
App = Callable[[Environ, StartResponse], Iterable[bytes]]
def site_path(prefix: str, path: str) -> str | None:
    """The part of a request path under the base path, or None if it leaves the site or names a hidden file."""
    if not path.startswith(prefix) or "\x00" in path:
        return None
    rest = path[len(prefix):]
    return None if any(part in ("..", ".") or part.startswith(".") for part in rest.split("/")) else rest


def resolve(out: Path, prefix: str, path: str) -> Path | None:
    """The file inside `out` that a request path names, or None: nothing outside is ever served."""
    rest = site_path(prefix, path)
    if rest is None:
        return None
    parts = rest.split("/")
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


def site_file(prefix: str, path: str, names: Collection[str]) -> str | None:
    """Which of a build's files (`names`, paths in the site) a request path names, as `resolve` finds them."""
    rest = site_path(prefix, path)
    if rest is None:
        return None
    asked = rest + "index.html" if rest.endswith("/") or not rest else rest
    return next((name for name in (asked, rest + "/index.html") if name in names), None)


def found(preview: Preview, prefix: str, path: str | None) -> tuple[PurePosixPath | None, bytes | None]:
    """The file a request names and its bytes (None, None: not found).

    While a rebuild writes its files, each file asked for is made on request from what it read
    (the bytes it is writing), and a file it drops is not found: the preview shows an edit
    without waiting for the whole site to be written.
    """
    if path is None:
        return None, None
    ready = preview.ready
    if ready is None:
        file = resolve(preview.out, prefix, path)
        return (None, None) if file is None else (PurePosixPath(file.name), _read(file))
    name = site_file(prefix, path, ready.files)
    return (None, None) if name is None else (PurePosixPath(name), b"".join(ready.files[name]()))


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
        try:
            file, body = found(preview, prefix, path)
        except ContentError as exc:  # a page's own problem, found as it was rendered on request
            return _respond(start_response, "500 Content Error", "text/html",
                            error_page([p.format() for p in exc.problems]))
        if preview.problems and (file is None or body is None or file.suffix == ".html"):
            return _respond(start_response, "500 Content Error", "text/html", error_page(preview.problems))
        moved = preview.moved_to(path[len(prefix):]) if file is None and path and path.startswith(prefix) else None
        if moved is not None:  # an entry whose new title gave it a new address this session
            return _respond(start_response, "404 Not Found", "text/html", moved_page(preview.prefix + quote(moved)))
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


def moved_page(address: str) -> bytes:
    """The preview's page at an entry's old address: where the entry is now (the built site has no such page)."""
    link = html.escape(address)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page moved</title></head>\n"
        "<body style=\"font-family:system-ui,sans-serif;margin:2rem;max-width:60rem\">\n"
        f"<h1>This page has moved to <a href=\"{link}\">{link}</a></h1>\n"
        "<p>The entry's title changed, and its address is made from its title. Only this preview knows "
        "where it went: on the published site the old address is not found.</p>\n</body></html>\n"
    ).encode("utf-8")


def serve(source: Path, out: Path, base_url: str | None, host: str, port: int, log: Callable[[str], None],
          at: str | None = None, verbose: bool = False) -> None:
    """Build (as of `at`, if given), then serve and rebuild on changes until interrupted."""
    from tornado.ioloop import IOLoop

    from .watch import Reporter, Watcher, reload_browsers, reloading_server

    _port_is_free(host, port)  # before building: a busy port is the first thing to know
    if not source.is_dir():  # nothing to watch
        raise BuildError(f"no content folder at {source}")
    preview, report, loop = Preview(source, out, base_url, at), Reporter(log), IOLoop.current()
    # The server answers while a rebuild writes in another thread: a page asked for then waits at most this
    # long for each of its turns with Python's lock (5 ms by default, several times over for one request).
    sys.setswitchinterval(0.0005)
    reporting = threading.Lock()  # the first build's lines and the watcher's never interleave
    # Browsers reload as soon as a rebuild knows its files: each file is then made as it is asked for
    # (`found`). A build that fails after that has them reload once more, to its problems.
    preview.on_ready = lambda: reload_browsers(loop)

    def rebuild(changed: frozenset[Path], first: bool = False) -> None:
        problems = preview.rebuild(changed)
        if preview.superseded:  # out of date before it was written: the next rebuild says how it went
            return
        with reporting:
            report(problems, preview.warnings, preview.seconds, first)
        if preview.problems or not preview.announced:
            reload_browsers(loop)

    watcher = Watcher(source, out, rebuild, on_more=preview.interrupt)
    watcher.start()  # before the first build: a save made during it is rebuilt after it
    try:
        rebuild(frozenset(), first=True)
        # What the first build made and keeps (the parsed files, the templates) lives as long as the preview:
        # the garbage collector need not go through it on every rebuild (a tenth of a second at 10,000 entries).
        gc.collect()
        gc.freeze()
        server = reloading_server(make_app(preview), verbose)
        log(f"serving {out} at http://{host}:{port}{preview.prefix} (Ctrl+C stops)")
        server.serve(host=host, port=port, debug=False, restart_delay=0)
    finally:
        watcher.stop()


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
