"""Shared fixtures: the example site built once per session, scratch sites, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from awardsite import pipeline

ROOT = Path(__file__).resolve().parent.parent

MINIMAL = {
    "site.yaml": """\
title: Scratch Awards
base_url: https://example.org/scratch/
intro: The scratch programme.
""",
    "categories/first.yaml": """\
title: First award
intro: What the first award recognises.
eligibility: Anyone may enter.
criteria:
  - heading: Ambition
    points: [Aims high]
""",
    "shortlist/first.yaml": """\
entries:
  - organisation: First Trust
    title: First project
    synopsis: What the first project did.
""",
}


def write_site(folder: Path, files: dict[str, str]) -> Path:
    """Write a content folder: MINIMAL overlaid with `files` (a value of None removes one)."""
    merged = {**MINIMAL, **files}
    for name, text in merged.items():
        if text is None:
            continue
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return folder


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run `build.py` as an editor would, in a separate process."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example content in the repository, built once for the whole session."""
    out = tmp_path_factory.mktemp("example") / "_site"
    pipeline.build(ROOT, out)
    return out


@pytest.fixture
def scratch(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A function that writes a scratch content folder and returns its path."""

    def make(files: dict[str, str] | None = None) -> Path:
        return write_site(tmp_path / "content", files or {})

    return make


@pytest.fixture(scope="module")
def server(example_site: Path):  # type: ignore[no-untyped-def]
    """The example site served under its base path, as GitHub Pages would serve it."""
    from browser import SiteServer

    site = SiteServer(example_site, "/hsj-awards/")
    yield site
    site.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Headless Chromium (skipped, or failed under REQUIRE_BROWSER=1, when there is none)."""
    from browser import launch

    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()
