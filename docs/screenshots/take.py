"""Take the README's screenshots, then the screenshot set: `python docs/screenshots/take.py`.

    python docs/screenshots/take.py            # the README's pictures, then docs/screenshots/set/
    python docs/screenshots/take.py --readme   # only the README's pictures

Builds each example as of the moment a shot names (the HSJ example at the root while its
shortlist is out; examples/riverside-awards while entries are open and after its 2026
winners; examples/health-equity-collaborative while its call is open), serves it under its
base path on 127.0.0.1 and photographs pages with the system Chromium, whose clock is set
to the same moment so the pages' scripts agree with the build. The set (every page type at
four widths, for programmes of 2 to 100 categories) is docs/screenshots/screenshot_set.py.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(HERE)]

from playwright.sync_api import Page, sync_playwright  # noqa: E402

import screenshot_set  # noqa: E402
from awardsite import pipeline  # noqa: E402
from browser import CHROMIUM_FLAGS, SiteServer, chromium_path  # noqa: E402


class Shot(NamedTuple):
    name: str  # the picture is <name>-<width>.png
    path: str  # the page's address under the site's prefix
    tall: int  # the most of the page to keep, in px from the top; 0 keeps the whole page


RIVERSIDE = ROOT / "examples" / "riverside-awards"
# (content folder, the build's moment in UK time, the shots to take of it at 1280 and 375 px)
SHOTS = [
    (ROOT, "2024-10-01 12:00", [Shot("shortlist", "shortlist/", 2400)]),  # the HSJ shortlist is out
    (RIVERSIDE, "2026-05-11 09:00", [Shot("home", "", 2400)]),  # entries open: the landing page's call to enter
    (RIVERSIDE, "2026-11-20 00:00", [Shot("winners", "2026/winners/", 2400),  # after the 2026 winners
                                     Shot("library", "library/?focus=children-and-young-people", 900)]),
    (ROOT / "examples" / "health-equity-collaborative", "2022-10-10 10:00",
     [Shot("call", "categories/integrated-care-systems/", 0)]),  # while the call is open
]


def take(page: Page, url: str, shot: Shot, width: int) -> None:
    page.goto(url + shot.path)
    page.wait_for_timeout(300)  # the library's filter and the shortlist's tabs run after load
    height = page.evaluate("document.documentElement.scrollHeight")
    page.screenshot(path=str(HERE / f"{shot.name}-{width}.png"), full_page=True,
                    clip={"x": 0, "y": 0, "width": width, "height": min(height, shot.tall or height)})


def readme_pictures() -> None:
    with tempfile.TemporaryDirectory() as temp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        for number, (source, at, shots) in enumerate(SHOTS):
            out = Path(temp) / f"site-{number}"
            out.mkdir()
            server = SiteServer(out, f"/{source.name}/")
            try:
                pipeline.build(source, out, server.url, at=at)
                for width in (1280, 375):
                    context = browser.new_context(viewport={"width": width, "height": 900})
                    page = context.new_page()
                    page.clock.set_fixed_time(screenshot_set.instant(at))  # countdowns count from the build's moment
                    for shot in shots:
                        take(page, server.url, shot, width)
                    context.close()
            finally:
                server.stop()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readme", action="store_true", help="only the README's pictures, not the set")
    args = parser.parse_args()
    readme_pictures()
    if not args.readme:
        screenshot_set.main()


if __name__ == "__main__":
    main()
