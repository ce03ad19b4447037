"""What a person sees: the example site in headless Chromium, at desktop and phone widths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from awardsite.content import load
from browser import SiteServer
from conftest import ROOT

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
SCREENSHOTS = ROOT / "tests" / "screenshots"
CONTENT = load(ROOT)
SLUGS = [c.slug for c in CONTENT.categories if c.slug in CONTENT.shortlists]




@pytest.fixture
def desktop(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("width", [1280, 375, 320])
@pytest.mark.parametrize("path", ["", "shortlist/", "categories/healthcare-inequalities/",
                                  "shortlist/healthcare-inequalities/midlands-op-courage/"])
def test_pages_render_without_errors_and_are_screenshotted(browser, server, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("requestfailed", lambda request: errors.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
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


def visible_entries(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("li.entry", "items => items.filter(i => i.offsetParent !== null).map(i => i.id)")


def test_tabs_follow_the_aria_pattern_step_by_step(desktop, server) -> None:  # type: ignore[no-untyped-def]
    page = desktop
    page.goto(server.url + "shortlist/")
    history = page.evaluate("history.length")
    assert page.get_by_role("tablist").get_attribute("aria-orientation") == "vertical"
    tabs = page.get_by_role("tab")
    for i, slug in enumerate(SLUGS):
        tab = tabs.nth(i)
        assert tab.get_attribute("aria-controls") == slug
        panel = page.locator(f"#{slug}")
        assert panel.get_attribute("role") == "tabpanel"
        assert panel.get_attribute("aria-labelledby") == tab.get_attribute("id")
        assert tab.get_attribute("tabindex") == ("0" if i == 0 else "-1")  # one tab in the tab order
    tabs.nth(0).focus()
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[-1]
    assert [tabs.nth(i).get_attribute("tabindex") for i in range(len(SLUGS))][-1] == "0"
    page.keyboard.press("ArrowRight")  # wraps round to the first
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[0]
    page.keyboard.press("ArrowUp")  # and back to the last
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[-1]
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == SLUGS[-2]
    assert page.evaluate("location.hash") == f"#{SLUGS[-2]}"
    page.keyboard.press("Tab")  # from the tab list straight to its panel
    assert page.evaluate("document.activeElement.id") == SLUGS[-2]
    assert page.evaluate("history.length") == history  # tab changes add no history entries


def test_a_link_to_one_entry_opens_its_panel_and_scrolls_to_it(desktop, server) -> None:  # type: ignore[no-untyped-def]
    slug = SLUGS[-1]
    entry = CONTENT.shortlists[slug].entries[-1]
    desktop.goto(server.url + f"shortlist/#{slug}/{entry.slug}")
    target = desktop.locator(f"[id='{slug}/{entry.slug}']")
    assert target.is_visible() and desktop.locator(f"#{slug}").is_visible()
    assert desktop.evaluate("window.scrollY") > 0
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


HOSTILE_HASHES = ["#%", "#100%", "#%E0%A4%A", "#%ZZ", '#"]\\[', "#a'b\"c]d\\e", "#" + "%" * 3000 + "x" * 5000]
HOSTILE_QUERIES = ["?q=%", "?q=%E0%A4%A", "?tag=%ZZ&result=%", "?q=" + "%25" * 2000 + "&tag=" + "]" * 100]


def test_hostile_hashes_and_queries_never_break_the_shortlist(desktop, server) -> None:  # type: ignore[no-untyped-def]
    """Malformed percent escapes, selector characters, huge values: no script error, the tabs still work."""
    page = desktop
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for hash in HOSTILE_HASHES:
        page.goto("about:blank")  # a fresh load each time: going to the same page would only change the hash
        page.goto(server.url + "shortlist/" + hash)
        tabs = page.get_by_role("tab")
        assert tabs.count() == len(SLUGS), hash
        assert tabs.nth(0).get_attribute("aria-selected") == "true", hash  # an unknown hash opens the first tab
        assert page.locator(f"#{SLUGS[0]}").is_visible(), hash
        tabs.nth(1).click()
        assert page.locator(f"#{SLUGS[1]}").is_visible() and not page.locator(f"#{SLUGS[0]}").is_visible(), hash
        page.evaluate("hash => { location.hash = hash; }", hash)  # and as a hashchange on the open page
        page.wait_for_timeout(50)
        assert tabs.nth(1).get_attribute("aria-selected") == "true", hash  # the open tab stays open
    for query in HOSTILE_QUERIES:
        page.goto(server.url + "shortlist/" + query + "#%")
        sync_api.expect(page.locator("#finder-status")).to_have_text(re.compile(r"match|^\d+ shortlisted entries in \d+ categories\.$"))
    assert errors == []


def search(page, text: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the search box and wait for the count that screen readers hear."""
    page.get_by_label("Search every category").fill(text)
    status = page.locator("#finder-status")
    sync_api.expect(status).to_have_text(expected)
    assert status.get_attribute("role") == "status"


@pytest.mark.parametrize("width", [1280, 375])
def test_search_finds_an_entry_by_a_word_of_its_synopsis(browser, server, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(server.url + "shortlist/")
    slug, entry = next((s, e) for s, sl in CONTENT.shortlists.items() for e in sl.entries if "fundal" in e.synopsis)
    total = sum(len(s.entries) for s in CONTENT.shortlists.values())
    search(page, "FUNDAL", f"1 of {total} entries matches in 1 category.")
    assert visible_entries(page) == [f"{slug}/{entry.slug}"]
    assert page.get_by_role("tab").count() == 0  # while searching, matches from every category show in turn
    search(page, "zzz-nothing", "No entries match. Try fewer or different words.")
    assert visible_entries(page) == []
    page.get_by_label("Search every category").fill("")
    sync_api.expect(page.locator("#finder-status")).to_have_text(f"{total} shortlisted entries in {len(SLUGS)} categories.")
    # One category again: in tabs on a wide screen, under the picker on a phone.
    sync_api.expect(page.get_by_role("tab")).to_have_count(len(SLUGS) if width == 1280 else 0)
    assert len(visible_entries(page)) == len(CONTENT.shortlists[SLUGS[0]].entries)
    context.close()


def test_search_filters_by_topic_across_categories(desktop, server) -> None:  # type: ignore[no-untyped-def]
    desktop.goto(server.url + "shortlist/")
    tag = "Mental health"
    expected = [f"{s}/{e.slug}" for s, sl in CONTENT.shortlists.items() for e in sl.entries if tag in e.tags]
    groups = len({e.split("/")[0] for e in expected})
    total = sum(len(s.entries) for s in CONTENT.shortlists.values())
    desktop.get_by_label("Topic", exact=True).select_option(tag)
    sync_api.expect(desktop.locator("#finder-status")).to_have_text(
        f"{len(expected)} of {total} entries match in {groups} categories.")
    assert visible_entries(desktop) == expected
    both = [f"{s}/{e.slug}" for s, sl in CONTENT.shortlists.items() for e in sl.entries
            if tag in e.tags and "young" in f"{e.organisation} {e.title} {e.synopsis}".lower()]
    plural = "entries matches" if len(both) == 1 else "entries match"
    groups = len({e.split("/")[0] for e in both})
    counted = f"{len(both)} of {total} {plural} in {groups} categor{'y' if groups == 1 else 'ies'}."
    search(desktop, "young", counted)
    assert visible_entries(desktop) == both
    assert desktop.evaluate("location.search") == "?q=young&tag=Mental+health"  # shareable
    desktop.goto(server.url + "shortlist/?q=young&tag=Mental+health")
    sync_api.expect(desktop.locator("#finder-status")).to_have_text(counted)
    assert visible_entries(desktop) == both
    assert desktop.get_by_label("Search every category").input_value() == "young"


def test_results_filter_and_thirty_categories_stay_usable(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import write_site
    from awardsite import pipeline

    files = {}
    for c in range(30):
        files[f"categories/award-{c:02d}.yaml"] = (f"title: Award number {c} for long-named excellence\norder: {c}\n"
                                                 "intro: I.\neligibility: E.\ncriteria:\n  - heading: H\n    points: [P]\n")
        files[f"shortlist/award-{c:02d}.yaml"] = (f"entries:\n  - organisation: Trust {c}\n    title: Winning project {c}\n"
                                                f"    synopsis: S.\n    result: winner\n  - organisation: Other {c}\n"
                                                f"    title: Runner-up {c}\n    synopsis: S.\n")
    files["categories/first.yaml"] = None
    files["shortlist/first.yaml"] = None
    folder = write_site(tmp_path / "content", files)
    pipeline.build(folder, tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/scratch/")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.url + "shortlist/")
        tabs = page.get_by_role("tab")
        assert tabs.count() == 30
        lefts = {round(tabs.nth(i).bounding_box()["x"]) for i in range(30)}
        assert len(lefts) == 1  # one column: the list never wraps into rows
        tabs.nth(29).click()
        assert page.locator("#award-29").is_visible()
        page.get_by_label("Result").select_option("winner")
        sync_api.expect(page.locator("#finder-status")).to_have_text("30 of 60 entries match in 30 categories.")
        shown = visible_entries(page)
        assert len(shown) == 30 and all("/winning-project-" in i for i in shown)
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        context.close()
        site.stop()


@pytest.mark.parametrize("width,columns", [(1280, 3), (375, 1)])
def test_the_home_pages_category_grid_uses_the_width(browser, tmp_path: Path, width: int, columns: int) -> None:  # type: ignore[no-untyped-def]
    from conftest import write_site
    from awardsite import pipeline

    files = {f"categories/award-{c}.yaml": f"title: Award {c}\nintro: I.\neligibility: E.\ncriteria:\n  - heading: H\n"
             for c in range(7)}
    folder = write_site(tmp_path / "content", files)
    pipeline.build(folder, tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/scratch/")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site.url)
        cards = page.locator(".cards > li")
        assert cards.count() == 8
        lefts = {round(cards.nth(i).bounding_box()["x"]) for i in range(8)}
        assert len(lefts) == columns  # at desktop width, not squeezed into a text column (issue #13)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
        site.stop()


def test_a_guidance_page_prints_as_a_checklist(desktop, server) -> None:  # type: ignore[no-untyped-def]
    page = desktop
    page.goto(server.url + "categories/healthcare-inequalities/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.site-header__nav', '.site-footer', '.skip-link', '.breadcrumb']
        .map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert hidden == ["none"] * 4
    boxes = page.evaluate("""[...document.querySelectorAll('.criterion li')]
        .map(li => getComputedStyle(li, '::before').content)""")
    points = sum(len(c.points) for c in CONTENT.categories[0].criteria)
    assert boxes == ['"\u2610"'] * points
    # The example's entries closed in 2024: the printout says so, and offers no entry link.
    assert page.evaluate("getComputedStyle(document.querySelector('.call[data-phase=closed]')).display") != "none"
    assert page.locator(".button").count() == 0
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "categories-healthcare-inequalities-print.png"), full_page=True)
    assert len(page.pdf()) > 1000  # Chromium lays it out as a printable document


def test_the_content_security_policy_blocks_scripts_the_site_did_not_ship(desktop, server) -> None:  # type: ignore[no-untyped-def]
    page = desktop
    blocked: list[str] = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(server.url + "shortlist/")
    assert page.get_by_role("tab").count() == len(SLUGS)  # the site's own scripts run
    ran = page.evaluate("""() => {
        const inline = document.createElement('script');
        inline.textContent = 'window.injected = true';
        document.body.append(inline);
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.handler = true');
        img.src = 'nothing.png';
        document.body.append(img);
        return window.injected === true;
    }""")
    page.wait_for_timeout(200)
    assert ran is False and page.evaluate("() => window.handler === undefined")
    assert blocked, "the browser reported no policy violation"
