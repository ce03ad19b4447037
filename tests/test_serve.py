"""`build.py serve`: live rebuilds, an error page while content is broken, only the site served."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from servetools import ServeProcess, fetch, save


@pytest.fixture
def served(scratch):  # type: ignore[no-untyped-def]
    folder = scratch()
    server = ServeProcess(folder)
    yield folder, server
    server.stop()


def test_an_edit_is_served_within_two_seconds_and_errors_show_then_clear(served) -> None:  # type: ignore[no-untyped-def]
    folder, server = served
    page = f"{server.root}/scratch/shortlist/"
    status, body = fetch(page)
    assert status == 200 and "First project" in body and "livereload.js" in body
    shortlist = folder / "shortlist/first.yaml"
    shortlist.write_text(shortlist.read_text().replace("First project", "Renamed project"))
    server.wait_for(page, lambda s, b: "Renamed project" in b)  # how soon is benchmarks/preview.py's to say
    shortlist.write_text("entries:\n  - organisation: [broken\n")
    server.wait_for(page, lambda s, b: s == 500 and "shortlist/first.yaml:2:" in b)
    shortlist.write_text(shortlist.read_text().replace("[broken", "Fixed Trust") + "    title: T\n    synopsis: S\n")
    server.wait_for(page, lambda s, b: s == 200 and "Fixed Trust" in b)
    assert server.process.poll() is None


def test_the_site_is_served_under_its_base_path_with_its_404_page(served) -> None:  # type: ignore[no-untyped-def]
    _, server = served
    assert fetch(f"{server.root}/scratch/")[0] == 200
    assert fetch(f"{server.root}/scratch/assets/site.css")[0] == 200
    status, body = fetch(f"{server.root}/scratch/no-such-page/")
    assert status == 404 and "Page not found" in body
    assert fetch(f"{server.root}/index.html")[0] == 404  # outside the base path


def test_nothing_outside_the_output_folder_is_served(served, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, server = served
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    os.symlink(secret, folder / "_site" / "link.txt")
    for path in ["/scratch/../site.yaml", "/scratch/%2e%2e/site.yaml", "/scratch/%2E%2E/%2e%2e/secret.txt",
                 "/scratch/..%2fsite.yaml", f"/scratch/{secret}", "/scratch//etc/passwd", "/scratch/link.txt",
                 "/scratch/.awardsite", "/scratch/%00"]:
        status, body = fetch(server.root + path)
        assert status == 404 and "SECRET" not in body and "base_url" not in body, path


def livereload_connected(page) -> bool:  # type: ignore[no-untyped-def]
    """Whether livereload's script has finished its handshake; False while the page is reloading."""
    try:
        return bool(page.evaluate("""() => {
            const connector = window.LiveReload && window.LiveReload.connector;
            return Boolean(connector && connector.protocol && connector.socket && connector.socket.readyState === 1);
        }"""))
    except Exception as error:  # Playwright's Error: the page navigated (a reload) while asked
        if "navigat" in str(error) or "context was destroyed" in str(error):
            return False
        raise


def test_the_preview_reloads_the_open_tab_through_livereload(served) -> None:  # type: ignore[no-untyped-def]
    """In a real browser: livereload's script runs despite the site's strict CSP, and a save reloads the tab."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
    from browser import launch

    folder, server = served
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page()
            errors: list[str] = []
            messages: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.on("console", lambda message: messages.append(message.text))
            page.on("framenavigated", lambda frame: messages.append(f"navigated {frame.url}"))
            page.goto(f"{server.root}/scratch/shortlist/")
            # livereload.js retries a failed connection after 1 s, 2 s, ...: allow a couple of retries.
            for _ in range(150):  # not wait_for_function: it evaluates strings, which the CSP forbids
                if livereload_connected(page):
                    break
                page.wait_for_timeout(100)
            assert livereload_connected(page), f"livereload's script did not connect: {messages}\n{server.output()}"
            # The server counts the tab only after the client's next message ("info"), which
            # follows the handshake at once; a change polled before that would reload no one.
            page.wait_for_timeout(500)
            shortlist = folder / "shortlist/first.yaml"
            shortlist.write_text(shortlist.read_text().replace("First project", "Reloaded project"))
            sync_api.expect(page.locator("h3.entry__title")).to_have_text("Reloaded project", timeout=10_000)
            assert errors == []
        finally:
            browser.close()


MISSPELT = "entries:\n  - organisation: First Trust\n    titel: First project\n    synopsis: What it did.\n"
BUILT = r"\d\d:\d\d:\d\d built in \d+\.\d\d s"
REBUILT = r"\d\d:\d\d:\d\d rebuilt in \d+\.\d\d s"


def break_and_mend(folder: Path, server: ServeProcess) -> str:
    """Serve a page, misspell a key, then mend it; what the server printed by then."""
    page = f"{server.root}/scratch/shortlist/"
    assert fetch(page)[0] == 200 and fetch(f"{server.root}/scratch/no-such-page/")[0] == 404
    shortlist = folder / "shortlist/first.yaml"
    original = shortlist.read_text()
    save(shortlist, MISSPELT)
    server.wait_for(page, lambda s, b: s == 500 and "titel" in b, timeout=15)
    save(shortlist, original)
    server.wait_for(page, lambda s, b: s == 200 and "First project" in b, timeout=15)
    return server.wait_for_output(lambda text: len(re.findall(r"rebuilt in", text)) >= 2)


def test_the_terminal_says_one_line_per_rebuild_with_the_problems_and_nothing_else(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    server = ServeProcess(folder, printed=tmp_path / "printed.txt")
    try:
        break_and_mend(folder, server)
    finally:
        server.stop()
    lines = server.output().splitlines()
    assert len(lines) == 5, lines
    assert re.fullmatch(BUILT, lines[0]), lines
    assert lines[1] == f"serving {folder / '_site'} at {server.root}/scratch/ (Ctrl+C stops)"
    assert re.fullmatch(r"\d\d:\d\d:\d\d 1 problem \(rebuilt in \d+\.\d\d s\); the browser shows it:", lines[2]), lines
    # One misspelt key is one problem (validate.py says the key is required in the same line).
    assert lines[3] == "shortlist/first.yaml:3: unknown key `titel`; did you mean `title`? (it is required)"
    assert re.fullmatch(REBUILT, lines[4]), lines


def test_livereload_and_tornado_log_only_with_verbose(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    server = ServeProcess(folder, "--verbose", printed=tmp_path / "printed.txt")
    try:
        printed = break_and_mend(folder, server)
    finally:
        server.stop()
    assert re.search(r"\] 500 GET /scratch/shortlist/ ", printed) and re.search(r"\] 404 GET /scratch/no-such-page/ ", printed)
    assert re.search(r"\] Serving on http://127\.0\.0\.1:", printed)  # livereload's own
