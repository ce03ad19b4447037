"""What a person sees: the example site in headless Chromium, at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest

from awardsite.content import load
from browser import SiteServer, launch
from conftest import ROOT

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
SCREENSHOTS = ROOT / "tests" / "screenshots"
CONTENT = load(ROOT)
SLUGS = [c.slug for c in CONTENT.categories if c.slug in CONTENT.shortlists]


@pytest.fixture(scope="module")
def server(example_site: Path):  # type: ignore[no-untyped-def]
    site = SiteServer(example_site, "/hsj-awards/")
    yield site
    site.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def desktop(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", ["", "shortlist/", "categories/healthcare-inequalities/"])
def test_pages_render_without_errors_and_are_screenshotted(browser, server, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(request.url))
    response = page.goto(server.url + path)
    assert response and response.status == 200
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")  # CSS loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows sideways
    name = (path.strip("/").replace("/", "-") or "home") + f"-{width}.png"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    context.close()
    assert errors == []


def test_tabs_switch_by_click_and_keyboard_and_follow_the_hash(desktop, server) -> None:  # type: ignore[no-untyped-def]
    page = desktop
    page.goto(server.url + "shortlist/")
    tabs = page.get_by_role("tab")
    assert tabs.count() == len(SLUGS)
    assert page.locator(f"#{SLUGS[0]}").is_visible() and not page.locator(f"#{SLUGS[1]}").is_visible()
    tabs.nth(1).click()
    assert page.locator(f"#{SLUGS[1]}").is_visible() and not page.locator(f"#{SLUGS[0]}").is_visible()
    assert page.evaluate("location.hash") == f"#{SLUGS[1]}"
    assert tabs.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[0]
    assert page.locator(f"#{SLUGS[0]}").is_visible()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[1]


@pytest.mark.parametrize("slug", SLUGS)
def test_a_deep_link_opens_its_tab(desktop, server, slug: str) -> None:  # type: ignore[no-untyped-def]
    desktop.goto(server.url + f"shortlist/#{slug}")
    panel = desktop.locator(f"#{slug}")
    assert panel.is_visible()
    assert panel.locator("li.entry").count() == len(CONTENT.shortlists[slug].entries)
    others = [s for s in SLUGS if s != slug]
    assert not any(desktop.locator(f"#{s}").is_visible() for s in others)


def test_without_javascript_every_entry_is_visible(browser, server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server.url + "shortlist/")
    entries = page.locator("li.entry")
    total = sum(len(s.entries) for s in CONTENT.shortlists.values())
    assert entries.count() == total
    assert all(entries.nth(i).is_visible() for i in range(total))
    context.close()
