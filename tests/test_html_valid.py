"""Valid markup: the Nu HTML checker (vnu.jar) over every page of the example build, the CSS and the SVG.

vnu.jar comes from tests/tools (`npm ci --prefix tests/tools`) and needs Java; see webtools.py.
Two checker processes, each one JVM for all its files, run side by side:

- the pages and the favicon, with `--skip-non-html --also-check-svg`. Without `--also-check-css`
  vnu still checks the CSS in <style> and style="", and its line numbers are right: with that
  flag (vnu 26.9.27) every HTML and SVG line number it reports is one too low;
- the stylesheets in assets/, with `--also-check-css`, whose line numbers are right.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT
from webtools import java, vnu_jar

ASSETS = ROOT / "assets"
FAVICON = ASSETS / "favicon.svg"
COMMON = ["--errors-only", "--format", "json"]


def _start(jar: Path, options: list[str], files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [java(), "-jar", str(jar), *COMMON, *options, *map(str, files)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )


def _messages(process: subprocess.Popen[str]) -> list[dict]:
    out, err = process.communicate(timeout=300)
    # --format json writes one JSON document to stderr; exit status 1 only means "errors found".
    try:
        report = json.loads(err)
    except ValueError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {process.returncode}):\n{err}{out}", pytrace=False)
    if process.returncode not in (0, 1) or (process.returncode and not report.get("messages")):
        pytest.fail(f"vnu.jar failed (exit {process.returncode}):\n{err}{out}", pytrace=False)
    return report["messages"]


@pytest.fixture(scope="module")
def vnu(example_site: Path) -> dict[Path, list[dict]]:
    """Every error vnu finds, by file (an absolute path)."""
    jar = vnu_jar()
    pages = sorted(example_site.rglob("*.html"))
    assert pages, "the example build has no pages"
    stylesheets = sorted(ASSETS.glob("*.css"))
    assert stylesheets, "no stylesheet in assets/"
    processes = [
        _start(jar, ["--skip-non-html", "--also-check-svg"], [*pages, FAVICON]),
        _start(jar, ["--skip-non-html", "--also-check-css"], stylesheets),
    ]
    errors: dict[Path, list[dict]] = {path: [] for path in [*pages, FAVICON, *stylesheets]}
    for process in processes:
        for message in _messages(process):
            path = Path(unquote(urlparse(message.get("url", "")).path)) if message.get("url") else Path("?")
            errors.setdefault(path, []).append(message)
    return errors


def report(errors: dict[Path, list[dict]], base: Path, label: str) -> list[str]:
    lines = []
    for path, messages in sorted(errors.items()):
        try:
            name = f"{label}{path.relative_to(base).as_posix()}"
        except ValueError:
            name = str(path)
        for m in messages:
            line = m.get("firstLine", m.get("lastLine", "?"))
            column = m.get("firstColumn", "?")
            extract = (m.get("extract") or "").replace("\n", "⏎")
            lines.append(f"{name}:{line}:{column}: [{m.get('type')}] {m.get('message')}  «{extract}»")
    return lines


def check(errors: dict[Path, list[dict]], base: Path, label: str) -> None:
    lines = report(errors, base, label)
    if lines:
        pytest.fail(f"{len(lines)} vnu error(s):\n" + "\n".join(lines), pytrace=False)


def test_every_page_of_the_build_is_valid_html(vnu, example_site: Path) -> None:  # type: ignore[no-untyped-def]
    pages = {path: messages for path, messages in vnu.items() if path.suffix == ".html" or path == Path("?")}
    assert len(pages) >= len(list(example_site.rglob("*.html")))
    check(pages, example_site, "_site/")


def test_the_stylesheets_are_valid_css(vnu) -> None:  # type: ignore[no-untyped-def]
    check({path: messages for path, messages in vnu.items() if path.suffix == ".css"}, ROOT, "")


def test_the_favicon_is_valid_svg(vnu) -> None:  # type: ignore[no-untyped-def]
    check({path: messages for path, messages in vnu.items() if path.suffix == ".svg"}, ROOT, "")
