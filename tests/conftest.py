"""Shared fixtures: the example site built once per session, scratch sites, the CLI."""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from awardsite import folders, pipeline

ROOT = Path(__file__).resolve().parent.parent
# Every example programme: the repository's own content and each one under examples/.
EXAMPLES = [ROOT, *sorted(p for p in (ROOT / "examples").iterdir() if (p / "site.yaml").is_file())]

MINIMAL = {
    "site.yaml": """\
title: Scratch Awards
base_url: https://example.org/scratch/
intro: The scratch programme.
accessibility: {status: full, email: access@example.org, prepared: "2026-01-05"}
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


def png(width: int = 96, height: int = 96, grey: int = 0x80) -> bytes:
    """A real PNG picture of one shade of grey: the build reads its width and height."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + bytes([grey]) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


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


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` and its bytes, by path: two builds compared whole."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def folders_made_ahead(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """From here on, the folders each build makes ahead in its new site (folders.Ahead), one list a build."""
    made: list[list[str]] = []
    ahead = folders.Ahead

    def noted(root: Path, names: list[str]) -> folders.Ahead:
        made.append(names)
        return ahead(root, names)

    monkeypatch.setattr(folders, "Ahead", noted)
    return made


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
