"""`build.py serve` at its edges: HEAD, hostile paths, a non-ASCII base path, a pipeline that crashes."""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import unquote_to_bytes, urlsplit

import pytest

from awardsite import pipeline, serve
from awardsite.preview import Preview
from awardsite.serve import make_app
from awardsite.urls import Urls
from awardsite.watch import Reporter, Watcher
from servetools import ServeProcess, request, save

ACCENTED = "https://example.org/prix-été/"
ENCODED_PREFIX = "/prix-%C3%A9t%C3%A9/"


def call(app: Callable, url_path: str, method: str = "GET") -> tuple[str, dict[str, str], bytes]:
    """(status, headers, body) from the WSGI app for a path as a browser sends it (percent-encoded)."""
    # What a WSGI server puts in PATH_INFO: the URL's bytes, unquoted and decoded as latin-1.
    environ = {"REQUEST_METHOD": method, "PATH_INFO": unquote_to_bytes(url_path).decode("latin-1")}
    answer: dict = {}

    def start_response(status: str, headers: list[tuple[str, str]], exc_info: object = None) -> None:
        answer.update(status=status, headers=dict(headers))

    body = b"".join(app(environ, start_response))
    return answer["status"], answer["headers"], body


def previewed(folder: Path, base_url: str | None = None) -> Preview:
    """A Preview of `folder`, built once successfully."""
    preview = Preview(folder, folder / "_site", base_url)
    assert preview.rebuild() == []
    return preview


@pytest.mark.parametrize("segment", ["a" * 300, "b" * 5000, "c" * 256 + "/index.html", "d/" * 2100],
                         ids=["300", "5000", "256-then-a-file", "4200-in-short-parts"])
def test_an_over_long_path_segment_is_not_found(scratch, segment: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(previewed(scratch()))
    status, _, body = call(app, f"/scratch/{segment}")
    assert status.startswith("404") and b"Page not found" in body


def test_a_file_a_rebuild_removes_while_it_is_served_is_not_found(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    preview = previewed(scratch())
    app = make_app(preview)
    gone = preview.out / "assets" / "gone.css"  # found, then removed by a rebuild before it is read
    monkeypatch.setattr(serve, "resolve", lambda out, prefix, path: gone)
    status, _, body = call(app, "/scratch/assets/gone.css")
    assert status.startswith("404") and b"Page not found" in body


@pytest.mark.parametrize("where", ["site.yaml", "--base-url"])
def test_a_non_ascii_base_path_is_served_and_redirected_to_in_ascii(scratch, where: str) -> None:  # type: ignore[no-untyped-def]
    if where == "site.yaml":
        preview = previewed(scratch({"site.yaml": f"title: T\nbase_url: {ACCENTED}\nintro: I.\n"}))
    else:
        preview = previewed(scratch(), ACCENTED)
    app = make_app(preview)
    for page in ("", "shortlist/", "assets/site.css"):
        status, _, _ = call(app, ENCODED_PREFIX + page)
        assert status.startswith("200"), page
    for path, expected in (("/", "302"), (ENCODED_PREFIX.rstrip("/"), "301")):
        status, headers, _ = call(app, path)
        assert status.startswith(expected) and headers["Location"] == ENCODED_PREFIX
    assert call(app, "/prix-%E9t%E9/shortlist/")[0].startswith("404")  # latin-1, not UTF-8: another path


def test_links_under_a_non_ascii_base_path_are_percent_encoded(scratch) -> None:  # type: ignore[no-untyped-def]
    """Sitemap, canonical and og:url must be URIs (ASCII); the same prefix whether or not base_url was encoded."""
    assert Urls(ACCENTED).prefix == Urls("https://example.org" + ENCODED_PREFIX).prefix == ENCODED_PREFIX
    assert Urls("https://example.org/100%/").prefix == "/100%25/"
    folder = scratch({"site.yaml": f"title: T\nbase_url: {ACCENTED}\nintro: I.\n"})
    out = folder / "_site"
    pipeline.build(folder, out)
    sitemap = (out / "sitemap.xml").read_text()
    assert sitemap.isascii() and f"<loc>https://example.org{ENCODED_PREFIX}shortlist/</loc>" in sitemap
    assert f"Sitemap: https://example.org{ENCODED_PREFIX}sitemap.xml" in (out / "robots.txt").read_text()
    for page in out.rglob("*.html"):
        links = re.findall(r'(?:href|src|content)="((?:https://example\.org)?/prix[^"]*)"', page.read_text())
        assert links and all(link.isascii() and ENCODED_PREFIX in link for link in links), page


@pytest.mark.parametrize("failing", ["check", "build"])
def test_any_failed_rebuild_shows_the_error_page(scratch, monkeypatch, failing: str) -> None:  # type: ignore[no-untyped-def]
    preview = previewed(scratch())
    app = make_app(preview)
    assert call(app, "/scratch/shortlist/")[0].startswith("200")

    def crash(*args: object, **kwargs: object) -> None:
        raise ValueError("a bug, not the content")

    monkeypatch.setattr(pipeline, failing, crash)
    problems = preview.rebuild()
    assert len(problems) == 1 and "ValueError: a bug, not the content" in problems[0]
    status, headers, body = call(app, "/scratch/shortlist/")
    assert status == "500 Content Error" and headers["Content-Type"].startswith("text/html")
    assert b"The site cannot be built: 1 problem" in body and b"ValueError: a bug, not the content" in body
    monkeypatch.undo()
    assert preview.rebuild() == [] and call(app, "/scratch/shortlist/")[0].startswith("200")


@pytest.fixture
def accented(scratch):  # type: ignore[no-untyped-def]
    """`build.py serve` of a site whose base path is not ASCII."""
    server = ServeProcess(scratch({"site.yaml": f"title: T\nbase_url: {ACCENTED}\nintro: I.\n"}))
    yield server
    server.stop()


def raw_exchange(url: str, method: str) -> bytes:
    """Everything the server sends back for one request, to the closed connection."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=5) as connection:
        connection.sendall(f"{method} {parts.path} HTTP/1.1\r\nHost: {parts.netloc}\r\nConnection: close\r\n\r\n".encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def test_head_answers_like_get_without_a_body(accented) -> None:  # type: ignore[no-untyped-def]
    root = accented.root
    for path in ("/", ENCODED_PREFIX, f"{ENCODED_PREFIX}shortlist/", f"{ENCODED_PREFIX}assets/site.css",
                 f"{ENCODED_PREFIX}no-such-page/", f"{ENCODED_PREFIX}{'a' * 5000}"):
        got, head = request(root + path), request(root + path, "HEAD")
        assert head[0] == got[0] and head[1] == got[1] and head[2] == b"", path
        assert got[0] in (200, 302, 404), path
        response = raw_exchange(root + path, "HEAD")
        assert response.startswith(f"HTTP/1.1 {got[0]} ".encode()) and response.endswith(b"\r\n\r\n"), path
        assert response.count(b"\r\n\r\n") == 1, path  # no body after the headers
    accented.stop()
    assert "Traceback" not in accented.output()


def test_warnings_of_a_rebuild_are_kept_for_the_terminal(scratch) -> None:  # type: ignore[no-untyped-def]
    preview = previewed(scratch({"shortlist/first.yaml~": "entries: []\n"}))
    assert preview.warnings == ["shortlist/first.yaml~:1: warning: `shortlist/first.yaml~` looks like a backup or "
                                "system file and is not read; delete it"]
    assert call(make_app(preview), "/scratch/shortlist/")[0].startswith("200")


def test_a_busy_port_is_reported_before_building_with_a_free_one_to_try(scratch) -> None:  # type: ignore[no-untyped-def]
    from conftest import run_cli
    folder = scratch()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--port", str(port), "--host", "127.0.0.1", cwd=folder)
    assert result.returncode == 1
    match = re.fullmatch(rf"error: port {port} on 127\.0\.0\.1 is in use \(another preview, perhaps\); try `--port (\d+)`\n",
                         result.stderr)
    assert match and int(match.group(1)) > port, result.stderr
    assert "serving" not in result.stdout and not (folder / "_site").exists()  # nothing started, nothing built


RENAMED = "entries:\n  - organisation: First Trust\n    title: Renamed project\n    synopsis: What it did.\n"


def test_an_entrys_old_address_says_where_it_moved_after_its_title_changed(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    preview = previewed(folder)
    app = make_app(preview)
    assert call(app, "/scratch/shortlist/first/first-project/")[0].startswith("200")
    (folder / "shortlist/first.yaml").write_text(RENAMED)
    assert preview.rebuild() == []
    for old in ("/scratch/shortlist/first/first-project/", "/scratch/shortlist/first/first-project",
                "/scratch/shortlist/first/first-project/index.html"):
        status, headers, body = call(app, old)
        assert status == "404 Not Found" and headers["Content-Type"] == "text/html; charset=utf-8", old
        assert ('<h1>This page has moved to <a href="/scratch/shortlist/first/renamed-project/">'
                "/scratch/shortlist/first/renamed-project/</a></h1>") in body.decode(), old
    assert call(app, "/scratch/shortlist/first/renamed-project/")[0].startswith("200")
    assert not (preview.out / "shortlist/first/first-project").exists()  # the built site is unchanged
    status, _, body = call(app, "/scratch/shortlist/first/never-published/")
    assert status.startswith("404") and b"Page not found" in body and b"This page has moved" not in body


def test_an_old_address_is_not_found_when_its_entry_cannot_be_told(scratch) -> None:  # type: ignore[no-untyped-def]
    """Another organisation's entry, or two entries of one organisation: no guess, the site's 404."""
    folder = scratch()
    preview = previewed(folder)
    app = make_app(preview)
    (folder / "shortlist/first.yaml").write_text(RENAMED.replace("First Trust", "Other Trust"))
    assert preview.rebuild() == []
    assert b"Page not found" in call(app, "/scratch/shortlist/first/first-project/")[2]
    (folder / "shortlist/first.yaml").write_text(RENAMED + RENAMED.replace("entries:\n", "").replace("Renamed", "Second"))
    assert preview.rebuild() == []
    assert b"Page not found" in call(app, "/scratch/shortlist/first/first-project/")[2]


def test_the_terminal_line_of_a_build_and_of_its_problems() -> None:
    lines: list[str] = []
    report = Reporter(lines.append)
    report([], [], 0.214, first=True)
    report(["shortlist/a.yaml:3: unknown key `titel`; did you mean `title`? (it is required)", "site.yaml:1: x"],
           [], 0.05)
    report(["site.yaml:1: x"], [], 0.05)
    report([], ["a.yaml~:1: warning: delete it"], 1.5)
    report([], ["a.yaml~:1: warning: delete it"], 1.5)
    clock = r"\d\d:\d\d:\d\d "
    expected = [clock + r"built in 0\.21 s",
                clock + r"2 problems \(rebuilt in 0\.05 s\); the browser shows them:",
                re.escape("shortlist/a.yaml:3: unknown key `titel`; did you mean `title`? (it is required)"),
                re.escape("site.yaml:1: x"),
                clock + r"1 problem \(rebuilt in 0\.05 s\); the browser shows it:", re.escape("site.yaml:1: x"),
                clock + r"rebuilt in 1\.50 s; 1 warning:", re.escape("a.yaml~:1: warning: delete it"),
                clock + r"rebuilt in 1\.50 s; 1 warning, as before"]
    assert len(lines) == len(expected) and all(re.fullmatch(e, line) for e, line in zip(expected, lines)), lines


class Rebuilds:
    """An `on_change` that records each call (and how many ran at once), optionally held until released."""

    def __init__(self, hold: bool = False) -> None:
        self.calls: list[frozenset[Path]] = []
        self.running = self.most = 0
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def __call__(self, changed: frozenset[Path]) -> None:
        self.running += 1
        self.most = max(self.most, self.running)
        self.calls.append(changed)
        self.started.set()
        self.release.wait(timeout=20)
        self.running -= 1

    def wait_for(self, count: int, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.calls) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(self.calls) >= count, self.calls


@pytest.fixture
def watched(scratch):  # type: ignore[no-untyped-def]
    """A function starting a Watcher on a scratch site (stopped after the test)."""
    started: list[Watcher] = []

    def start(rebuilds: Rebuilds, step_ms: int = 50, on_more: Callable[[], None] = lambda: None) -> Path:
        folder = scratch().resolve()
        watcher = Watcher(folder, folder / "_site", rebuilds, step_ms, on_more)
        watcher.start()
        started.append(watcher)
        return folder

    yield start
    for watcher in started:
        watcher.stop()


def test_a_save_is_handed_to_the_rebuild_with_the_file_saved(watched) -> None:  # type: ignore[no-untyped-def]
    rebuilds = Rebuilds()
    folder = watched(rebuilds)
    save(folder / "shortlist/first.yaml", RENAMED)
    rebuilds.wait_for(1)
    assert rebuilds.calls == [frozenset({folder / "shortlist/first.yaml"})]


def test_a_burst_of_saves_is_one_rebuild(watched) -> None:  # type: ignore[no-untyped-def]
    rebuilds = Rebuilds()
    folder = watched(rebuilds, step_ms=500)  # a burst: saves less than half a second apart
    names = [folder / f"categories/c{n}.yaml" for n in range(20)] + [folder / "site.yaml"]
    for name in names:
        save(name, "title: T\n")
    rebuilds.wait_for(1)
    time.sleep(1.0)  # room for a second rebuild, which must not come
    assert rebuilds.calls == [frozenset(names)]


def test_saves_during_a_rebuild_make_one_more_rebuild_never_an_overlapping_one(watched) -> None:  # type: ignore[no-untyped-def]
    rebuilds, told = Rebuilds(hold=True), []
    folder = watched(rebuilds, on_more=lambda: told.append(len(rebuilds.calls)))
    save(folder / "site.yaml", "title: T\n")
    assert rebuilds.started.wait(timeout=10)
    assert told == []
    later = [folder / f"shortlist/s{n}.yaml" for n in range(10)]
    for number, name in enumerate(later):  # saved while the first rebuild runs, some time apart
        save(name, "entries: []\n")
        time.sleep(0.03 * (number % 3))
    time.sleep(0.3)
    rebuilds.release.set()
    rebuilds.wait_for(2)
    time.sleep(0.5)
    assert rebuilds.calls == [frozenset({folder / "site.yaml"}), frozenset(later)] and rebuilds.most == 1
    assert told and set(told) == {1}  # the rebuild under way was told it is out of date (to stop writing)


def test_the_output_hidden_files_and_other_files_do_not_rebuild_and_new_folders_are_watched(watched) -> None:  # type: ignore[no-untyped-def]
    rebuilds = Rebuilds()
    folder = watched(rebuilds)
    (folder / "_site/shortlist").mkdir(parents=True)
    (folder / "_site/shortlist/index.html").write_text("built")
    (folder / "shortlist/.first.yaml.swp").write_text("vim")
    (folder / "README.md").write_text("notes")
    (folder / "notes").mkdir()
    (folder / "notes/todo.txt").write_text("x")
    time.sleep(0.5)  # had any of those been taken for a change, it would be among the calls below
    (folder / "pages").mkdir()
    rebuilds.wait_for(1)
    save(folder / "pages/about.md", "---\ntitle: About\n---\nText.\n")
    rebuilds.wait_for(2)
    assert rebuilds.calls == [frozenset({folder / "pages"}), frozenset({folder / "pages/about.md"})]


def test_serve_without_a_content_folder_says_so_and_stops(tmp_path: Path) -> None:
    import subprocess
    import sys

    from conftest import ROOT
    from servetools import free_port
    missing = tmp_path / "nowhere"
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "serve", "--source", str(missing),
                             "--port", str(free_port())], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stderr, result.stdout) == (1, f"error: no content folder at {missing}\n", "")
