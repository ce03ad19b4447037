"""A real browser for the tests: Playwright driving the system Chromium, and a local server.

The built site is served under its base path on 127.0.0.1, as GitHub Pages would
serve a project site, by a server thread that the fixture stops when done.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
INSTALL_HINT = (
    "no browser for the browser tests: install Debian's chromium (apt-get install chromium) "
    "or set AWARDSITE_CHROMIUM to a Chromium binary; REQUIRE_BROWSER=1 makes this a failure"
)


def chromium_path() -> str | None:
    """The Chromium to drive: $AWARDSITE_CHROMIUM, then the system's, else None (Playwright's own)."""
    for candidate in (os.environ.get("AWARDSITE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def launch(playwright):  # type: ignore[no-untyped-def]
    """Start headless Chromium, or skip (fail under REQUIRE_BROWSER=1) when there is none."""
    try:
        return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)
    except Exception as exc:  # Playwright raises its own Error when no browser can start
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise
        pytest.skip(f"{INSTALL_HINT} ({type(exc).__name__})")


class _PrefixHandler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):  # type: ignore[no-untyped-def]
        # Like GitHub Pages: a missing page gets the site's own 404.html.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):  # type: ignore[no-untyped-def]
        pass


class SiteServer:
    """Serve `folder` at http://127.0.0.1:<port><prefix> until `stop()`."""

    handler: type[_PrefixHandler] = _PrefixHandler  # a subclass may serve files differently (gzipped, say)

    def __init__(self, folder: Path, prefix: str) -> None:
        handler = type("Handler", (self.handler,), {"prefix": prefix})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
