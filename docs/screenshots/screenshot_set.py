"""The screenshot set of issue #13: every page type at 320, 375, 768 and 1280 px, small to huge programmes.

    python docs/screenshots/screenshot_set.py    # only the set
    python docs/screenshots/take.py              # the README's pictures, then this set

Writes docs/screenshots/set/<programme>-<page>-<width>.png and set/README.md, a table of
them. Each picture is the first screen a visitor sees (800 px tall on phones, 900 from 768 px
up), not the whole page, to keep the files small. The programmes: the HSJ example at the
root (2 categories, shortlist out, no results yet), the Riverside example (4 categories,
results out) and made-up ones of 9, 30 and 100 categories with results and category groups,
written by benchmarks/programme.py. Each is built as of a fixed moment, served under its
base path on 127.0.0.1, and photographed with the system Chromium, whose clock is set to
the same moment so the pages' scripts agree with the build.
"""

from __future__ import annotations

import datetime
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from awardsite import pipeline  # noqa: E402
from benchmarks.programme import NOW, write_programme  # noqa: E402
from browser import CHROMIUM_FLAGS, SiteServer, chromium_path  # noqa: E402

SET = Path(__file__).resolve().parent / "set"
WIDTHS = (320, 375, 768, 1280)
PAGE_TYPES = ("home", "category", "shortlist", "entry", "results")


def height(width: int) -> int:
    """The first screen's height at `width`: a phone's, or a laptop's."""
    return 800 if width < 768 else 900


@dataclass
class Programme:
    """One programme of the set: where its content comes from and the moment it is built at."""

    name: str  # the pictures' file-name prefix
    about: str  # the README's words for it
    at: str  # the build's moment, `2026-11-20 12:00`, UK time
    source: Path | None = None  # a content folder, or None for a generated programme
    size: tuple[int, int] = (0, 0)  # a generated programme's categories x entries
    edition: str = ""  # the current edition's folder in the output, `2026/`, when it has one
    extra: dict[str, str] = field(default_factory=dict)  # more pages to photograph: name -> address


PROGRAMMES = [
    Programme("hsj", "the HSJ example at the root: 2 categories, 9 entries; shortlist out, results not yet",
              "2024-10-01 12:00", source=ROOT),
    Programme("riverside", "the Riverside example: 4 categories (one in Welsh), 2 editions, results out",
              "2026-11-20 12:00", source=ROOT / "examples" / "riverside-awards", edition="2026/"),
    Programme("009", "generated: 9 categories x 8 entries, 2 groups, results out", NOW.strftime("%Y-%m-%d %H:%M"),
              size=(9, 8)),
    Programme("030", "generated: 30 categories x 8 entries, 5 groups, results out", NOW.strftime("%Y-%m-%d %H:%M"),
              size=(30, 8)),
    Programme("100", "generated: 100 categories x 6 entries, 8 groups, results out; also the shortlist with "
                     "tab 30 chosen", NOW.strftime("%Y-%m-%d %H:%M"), size=(100, 6)),
]


def instant(at: str) -> datetime.datetime:
    """`at`, UK time, as an aware moment for the browser's clock."""
    return datetime.datetime.fromisoformat(at).replace(tzinfo=ZoneInfo("Europe/London"))


def in_order(out: Path, edition: str) -> list[str]:
    """The edition's category slugs in the programme's order: as its home page lists them."""
    home = (out / edition / "index.html").read_text()
    slugs = [page.parent.name for page in (out / edition / "categories").glob("*/index.html")]
    return sorted(slugs, key=lambda slug: home.find(f"categories/{slug}/"))


def addresses(out: Path, programme: Programme) -> dict[str, str]:
    """Each page type's address under the site's prefix (the first category, its first entry)."""
    edition = programme.edition
    first = in_order(out, edition)[0]
    entry = sorted((out / edition / "shortlist" / first).glob("*/index.html"))[0]
    found = {"home": "", "category": f"{edition}categories/{first}/", "shortlist": f"{edition}shortlist/",
             "entry": entry.parent.relative_to(out).as_posix() + "/"}
    if (out / edition / "winners" / "index.html").exists():
        found["results"] = f"{edition}winners/"
    return found | programme.extra


def photograph(browser: Browser, programme: Programme, url: str, pages: dict[str, str]) -> list[tuple[str, str, int]]:
    """Take every page at every width: [(page type, file name, width)]."""
    taken = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": height(width)})
        page = context.new_page()
        page.clock.set_fixed_time(instant(programme.at))  # countdowns count from the build's moment
        for kind, path in pages.items():
            name = f"{programme.name}-{kind}-{width}.png"
            page.goto(url + path)
            page.wait_for_timeout(300)  # the shortlist's and the countdown's scripts run after load
            page.screenshot(path=str(SET / name))
            taken.append((kind, name, width))
        context.close()
    return taken


def build(programme: Programme, temp: Path, server_url: str, out: Path) -> None:
    source = programme.source
    if source is None:
        categories, entries = programme.size
        source = write_programme(temp / f"{programme.name}-content", categories, entries, groups=True,
                                 phase="results")
    pipeline.build(source, out, server_url, at=programme.at)


def readme(rows: list[tuple[Programme, list[tuple[str, str, int]]]]) -> str:
    lines = ["# The screenshot set", "",
             "Every page type at 320, 375, 768 and 1280 px: the first screen a visitor sees (800 px tall on",
             "phones, 900 px from 768 up). Made by `python docs/screenshots/take.py` (or",
             "`python docs/screenshots/screenshot_set.py` for this set alone); do not edit by hand.",
             "The made-up programmes are written by `benchmarks/programme.py`: every name in them is invented.", ""]
    for programme, taken in rows:
        lines += [f"## {programme.name}: {programme.about}", "", f"Built as of {programme.at} (UK time).", "",
                  "| page | " + " | ".join(f"{w} px" for w in WIDTHS) + " |",
                  "|---|" + "---|" * len(WIDTHS)]
        kinds = list(dict.fromkeys(kind for kind, _, _ in taken))
        for kind in kinds:
            cells = {width: name for k, name, width in taken if k == kind}
            lines.append(f"| {kind} | " + " | ".join(f"[{w}]({cells[w]})" for w in WIDTHS) + " |")
        missing = [kind for kind in PAGE_TYPES if kind not in kinds]
        if missing:
            lines += ["", f"No {', '.join(missing)} page: "
                          + ("the results are not out at this moment; see the Riverside example's." if
                             missing == ["results"] else "this programme has none.")]
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    SET.mkdir(exist_ok=True)
    for old in SET.glob("*.png"):  # a page type or programme dropped from the set leaves no stale picture
        old.unlink()
    rows = []
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for programme in PROGRAMMES:
            out = Path(temp) / f"{programme.name}-site"
            out.mkdir()
            server = SiteServer(out, f"/{programme.name}/")
            try:
                build(programme, Path(temp), server.url, out)
                pages = addresses(out, programme)
                if programme.name == "100":  # tab 30 of 100 chosen: the tab list must bring it into view
                    pages["shortlist-tab-30"] = f"shortlist/#{in_order(out, '')[29]}"
                taken = photograph(browser, programme, server.url, pages)
            finally:
                server.stop()
            rows.append((programme, taken))
            print(f"{programme.name}: {len(taken)} pictures")
        browser.close()
    (SET / "README.md").write_text(readme(rows))
    total = sum(p.stat().st_size for p in SET.glob("*.png"))
    print(f"{sum(len(t) for _, t in rows)} pictures, {total / 1e6:.1f} MB, index in {SET / 'README.md'}")


if __name__ == "__main__":
    main()
