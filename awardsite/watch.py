"""The live half of `build.py serve`: the file watcher, the browsers' reload, the terminal's lines.

`Watcher` is told of each saved file by the operating system (inotify, through the
Rust `notify` crate that `watchfiles` wraps), gathers a burst of saves into one set and
hands it to one callback, in a thread of its own: so rebuilds never overlap, and saves
made during a rebuild are gathered into the next one, while the rebuild under way is told
it is out of date (`on_more`: the preview stops writing a site that is already old). The
callback gets the files that changed.
livereload is kept for the browsers' side only (its script and websocket): it is imported
here and nowhere else, and its own polling is never started.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path
from typing import Any, Callable, Collection

from watchfiles._rust_notify import RustNotify

from .sources import CONTENT_FOLDERS, OTHER_FOLDERS, TEXT_FOLDERS, THEME_FOLDERS

# Everything sources.scan reads, so any saved change rebuilds.
WATCHED = ("site.yaml", "judges.yaml", *CONTENT_FOLDERS, *TEXT_FOLDERS, *THEME_FOLDERS, *OTHER_FOLDERS)
# A burst ends when nothing more is saved for this long: an editor's save is one write, and "save all" writes
# its files a millisecond or two apart. watchfiles looks every STEP_MS, so a save is seen 1 to 2 steps after it
# is made (50 ms made that 80 ms); a burst split in two costs only a rebuild stopped before it is written.
STEP_MS = 10
DEBOUNCE_MS = 1600  # ... or when it has lasted this long (a long `git checkout`): rebuild, then gather the rest


class Watcher:
    """Calls `on_change(files)` in its own thread, once for each burst of saves in `source`'s content."""

    def __init__(self, source: Path, out: Path, on_change: Callable[[frozenset[Path]], None],
                 step_ms: int = STEP_MS, on_more: Callable[[], None] = lambda: None) -> None:
        self.source, self.out = source.resolve(), out.resolve()
        self.on_change, self.step_ms, self.on_more = on_change, step_ms, on_more
        self._stop = threading.Event()
        self._folders: list[Path] = []
        self._notify: RustNotify | None = None
        self._thread = threading.Thread(target=self._run, name="awardsite-watcher", daemon=True)
        self._pending: set[Path] = set()  # saved since the rebuild under way started
        self._rebuilding: threading.Thread | None = None  # the thread calling on_change, while it runs
        self._guard = threading.Lock()  # over the two above

    def start(self) -> None:
        """Start watching: every save from now on is seen (the watch is in place when this returns)."""
        self._notify = self._watch()
        self._thread.start()

    def stop(self) -> None:
        """Stop watching, after the rebuild under way (if any) ends."""
        self._stop.set()
        for thread in (self._thread, self._rebuilding):
            if thread is not None and thread.is_alive() and threading.current_thread() is not thread:
                thread.join(timeout=5)  # daemons: a long build is left to end with the process

    def _watch(self) -> RustNotify:
        # The content folders one by one, not the whole folder recursively: the output folder
        # (often inside it) would add a watch for every page's folder on every build.
        attempts = 3
        while True:
            self._folders = folders(self.source, self.out)
            try:
                return RustNotify([str(f) for f in self._folders], False, _polling(), 300, False, True)
            except FileNotFoundError:  # a folder deleted as we listed them: list them again
                attempts -= 1
                if not attempts or not self.source.is_dir():
                    raise

    def _run(self) -> None:
        notify = self._notify
        while notify is not None:
            try:
                found = notify.watch(DEBOUNCE_MS, self.step_ms, 1000, self._stop)
            except RuntimeError:  # watchfiles' thread failed: watch afresh rather than stop rebuilding unseen
                notify.close()
                time.sleep(0.5)
                notify = self._notify = self._watch()
                continue
            if found == "stop":
                notify.close()
                return
            if isinstance(found, str):  # "timeout"; "signal" only reaches the main thread
                continue
            changed = frozenset(p for p in (Path(name) for _, name in found) if self.wanted(p))
            if changed and any(p.is_dir() and p not in self._folders for p in changed):
                notify.close()  # a new folder (`new edition`, `media/2026/`): watch it too
                notify = self._notify = self._watch()
            if changed:
                self._hand_over(changed)

    def _hand_over(self, changed: frozenset[Path]) -> None:
        """Rebuild for `changed`, in a thread of its own; or, if a rebuild is under way, after it."""
        with self._guard:
            self._pending |= changed
            if self._rebuilding is not None:
                self.on_more()  # the rebuild under way is out of date: it may stop early
                return
            self._rebuilding = threading.Thread(target=self._rebuild, name="awardsite-rebuild", daemon=True)
            self._rebuilding.start()

    def _rebuild(self) -> None:
        try:
            while True:
                with self._guard:  # ends (under the guard) only when no save is left to rebuild for
                    changed, self._pending = frozenset(self._pending), set()
                    if not changed or self._stop.is_set():
                        self._rebuilding = None
                        return
                self.on_change(changed)
        except BaseException:
            with self._guard:  # a bug in on_change: the next save still rebuilds
                self._rebuilding = None
            raise

    def wanted(self, path: Path) -> bool:
        """Whether a change to `path` can change the site: a file the build reads, not one it writes."""
        try:
            parts = path.relative_to(self.source).parts
        except ValueError:
            return False
        if not parts or parts[0] not in WATCHED or path == self.out or self.out in path.parents:
            return False
        return not any(part.startswith(".") for part in parts)  # editors' swap files; scan skips dotfiles


def folders(source: Path, out: Path) -> list[Path]:
    """The content folder and every folder in it that the build reads, each to be watched on its own."""
    found = [source]
    for name in WATCHED:
        for root, subfolders, _ in os.walk(source / name):  # nothing when it is a file or missing
            here = Path(root)
            if here == out:
                subfolders.clear()
                continue
            found.append(here)
            subfolders[:] = sorted(s for s in subfolders if not s.startswith("."))
    return found


def _polling() -> bool:
    """Poll instead of inotify where inotify is blind (a Windows drive under WSL), as watchfiles does."""
    return bool(os.environ.get("WATCHFILES_FORCE_POLLING"))


class Reporter:
    """Says each build in one line through `log`, with the problems (what the editor must fix) under it."""

    def __init__(self, log: Callable[[str], None]) -> None:
        self.log = log
        self.warnings: list[str] = []  # the last warnings listed: the same ones are not listed again

    def __call__(self, problems: Collection[str], warnings: list[str], seconds: float, first: bool = False) -> None:
        """Log one build: `12:04:31 rebuilt in 0.21 s`, or the problem count and then each problem."""
        now, took = time.strftime("%H:%M:%S"), f"{'built' if first else 'rebuilt'} in {seconds:.2f} s"
        if problems:
            count = len(problems)
            self.log(f"{now} {count} problem{'s' if count != 1 else ''} ({took}); the browser shows "
                     f"{'them' if count != 1 else 'it'}:")
            for problem in problems:
                self.log(problem)
            return
        if not warnings:
            self.log(f"{now} {took}")
        elif warnings == self.warnings:
            self.log(f"{now} {took}; {_count(warnings, 'warning')}, as before")
        else:
            self.log(f"{now} {took}; {_count(warnings, 'warning')}:")
            for warning in warnings:
                self.log(warning)
        self.warnings = list(warnings)


def _count(items: Collection[str], noun: str) -> str:
    return f"{len(items)} {noun}{'s' if len(items) != 1 else ''}"


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


def reloading_server(app: Callable[..., Any], verbose: bool = False) -> Any:
    """livereload's Server serving the WSGI `app`: HEAD answered, no polling, its logging only if `verbose`."""
    from livereload import Server  # type: ignore[import-untyped]
    from livereload.watcher import Watcher as Registry  # type: ignore[import-untyped]

    class _Told(Registry):  # type: ignore[misc]
        def start(self, callback: Any) -> bool:
            """Say the changes come by themselves (our Watcher), so livereload starts no 800 ms polling."""
            return True

    class _Server(Server):  # type: ignore[misc]
        def get_web_handlers(self, script: Any) -> list[Any]:
            """livereload's handlers, its WSGI container wrapped by `_head_safe`."""
            handlers: list[Any] = super().get_web_handlers(script)
            for handler in handlers:
                if len(handler) > 2 and "fallback" in handler[2]:
                    handler[2]["fallback"] = _head_safe(handler[2]["fallback"])
            return handlers

        def _setup_logging(self) -> None:
            if verbose:
                return super()._setup_logging()  # type: ignore[no-any-return]
            _quiet()

    registry = _Told()
    registry.watch("livereload needs one entry here, or it watches the working folder", None)
    return _Server(app=app, watcher=registry)


def _quiet() -> None:
    """No access lines (`[I ...] 200 GET`, `500 GET` for the error page) and no livereload chatter."""
    for name in ("livereload", "tornado.access"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    logging.getLogger("tornado").setLevel(logging.ERROR)  # a real error (a bug) still reaches stderr


def reload_browsers(loop: Any) -> None:
    """Tell every open tab to reload, from any thread (the message is sent on the server's own loop)."""
    from livereload.handlers import LiveReloadHandler  # type: ignore[import-untyped]

    loop.add_callback(LiveReloadHandler.reload_waiters, "*")
