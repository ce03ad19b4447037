"""Take the README's screenshots of the examples: `python docs/screenshots/take.py`.

Builds examples/riverside-awards as of 2026-11-20 (after its 2026 winners) and
examples/health-equity-collaborative as of 2022-10-10 (while its call is open), serves
each under its base path on 127.0.0.1 and photographs pages with the system Chromium,
whose clock is set to the same moment so the pages' scripts agree with the build.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from awardsite import pipeline  # noqa: E402
from browser import CHROMIUM_FLAGS, SiteServer, chromium_path  # noqa: E402

# example folder: (the moment as SOURCE_DATE_EPOCH, {picture name: page}, whole page?)
SHOTS = {
    "riverside-awards": (1795132800, {"winners": "2026/winners/",  # 2026-11-20 00:00 UTC
                                      "library": "library/?focus=children-and-young-people"}, False),
    "health-equity-collaborative": (1665392400, {"call": "categories/integrated-care-systems/"}, True),  # 2022-10-10
}


def main() -> None:
    for example, (epoch, pages, whole) in SHOTS.items():
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        with tempfile.TemporaryDirectory() as temp:
            out = Path(temp) / "_site"
            pipeline.build(ROOT / "examples" / example, out)
            server = SiteServer(out, f"/{example}/")
            try:
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
                    for name, path in pages.items():
                        for width in (1280, 375):
                            page = browser.new_page(viewport={"width": width, "height": 900})
                            # the countdown counts from the build's moment, not today
                            page.clock.set_fixed_time(datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc))
                            page.goto(server.url + path)
                            page.wait_for_timeout(300)  # the library's filter runs after load
                            page.screenshot(path=str(Path(__file__).parent / f"{name}-{width}.png"), full_page=whole)
                            page.close()
                    browser.close()
            finally:
                server.stop()


if __name__ == "__main__":
    main()
