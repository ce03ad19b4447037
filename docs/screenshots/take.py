"""Take the README's screenshots of the fictional example: `python docs/screenshots/take.py`.

Builds examples/riverside-awards as of 2026-11-20 (after its 2026 winners), serves it
under its base path on 127.0.0.1 and photographs pages with the system Chromium.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from playwright.sync_api import sync_playwright  # noqa: E402

from awardsite import pipeline  # noqa: E402
from browser import CHROMIUM_FLAGS, SiteServer, chromium_path  # noqa: E402

SHOTS = {"winners": "2026/winners/", "library": "library/?focus=children-and-young-people"}


def main() -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1795132800"  # 2026-11-20 00:00 UTC
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "_site"
        pipeline.build(ROOT / "examples" / "riverside-awards", out)
        server = SiteServer(out, "/riverside-awards/")
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
                for name, path in SHOTS.items():
                    for width in (1280, 375):
                        page = browser.new_page(viewport={"width": width, "height": 900})
                        page.goto(server.url + path)
                        page.wait_for_timeout(300)  # the library's filter runs after load
                        page.screenshot(path=str(Path(__file__).parent / f"{name}-{width}.png"))
                        page.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
