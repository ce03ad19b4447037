"""The shortlist at every size, in Chromium (issue #13): one category at a time on phones, a tab list
that copes with 100 categories, nothing moving as the scripts start, and search counts, topics and
Clear that a visitor can see and use."""

from __future__ import annotations

import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Iterator

import pytest

from awardsite import pipeline, render
from awardsite.content import load
from browser import SiteServer
from conftest import ROOT, write_site
from test_accessibility import assert_no_violations
from webtools import axe_script

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install -r requirements-dev.txt")
expect = sync_api.expect
CONTENT = load(ROOT)
SLUGS = [c.slug for c in CONTENT.categories if c.slug in CONTENT.shortlists]
TOTAL = sum(len(s.entries) for s in CONTENT.shortlists.values())
LONG = " ".join(["Words"] * 70) + "."  # over the 50 words that fold on phones


def generated(count: int) -> dict[str, str | None]:
    """A programme of `count` categories, each with a winner listed last (with a long synopsis) and a runner-up."""
    files: dict[str, str | None] = {"categories/first.yaml": None, "shortlist/first.yaml": None}
    for c in range(count):
        files[f"categories/award-{c:02d}.yaml"] = (f"title: Award number {c} for long-named excellence\norder: {c}\n"
                                                 "intro: I.\neligibility: E.\ncriteria:\n  - heading: H\n    points: [P]\n")
        files[f"shortlist/award-{c:02d}.yaml"] = (f"entries:\n  - organisation: Other {c}\n    title: Runner-up {c}\n"
                                                f"    synopsis: S.\n    tags: [Topic {c % 3}]\n"
                                                f"  - organisation: Trust {c}\n    title: Winning project {c}\n"
                                                f"    synopsis: {LONG}\n    result: winner\n")
    return files


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, SiteServer]]:
    """Generated programmes of 30 and 100 categories, served."""
    served = {}
    for count in (30, 100):
        folder = tmp_path_factory.mktemp(f"c{count}")
        pipeline.build(write_site(folder / "content", generated(count)), folder / "_site")
        served[count] = SiteServer(folder / "_site", "/scratch/")
    yield served
    for site in served.values():
        site.stop()


def open_page(browser, url: str, width: int, **options: Any):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900}, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url)
    return context, page, errors


def visible(page, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the elements matching `selector` that are laid out (not display: none, nor inside one)."""
    return page.eval_on_selector_all(selector, "found => found.filter(e => e.offsetParent !== null).map(e => e.id)")


def in_window(page, selector: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the element's top is on screen, and below the phone's sticky picker if there is one."""
    box = page.locator(selector).bounding_box()
    bar = page.locator(".tabs__picker").bounding_box()
    return box is not None and (bar["y"] + bar["height"] if bar else 0) <= box["y"] < 900


# --- phones -------------------------------------------------------------------------------------------------------

def test_on_a_phone_a_picker_shows_one_category_at_a_time(browser, server) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, server.url + "shortlist/", 375)
    try:
        picker = page.get_by_label("Category", exact=True)
        assert picker.is_visible()
        assert picker.locator("option").evaluate_all("options => options.map(o => o.value)") == SLUGS
        assert visible(page, ".tabs__panel") == [SLUGS[0]]
        assert not page.locator(".tabs__list").first.is_visible() and page.get_by_role("tab").count() == 0
        history = page.evaluate("history.length")
        picker.select_option(SLUGS[1])
        assert visible(page, ".tabs__panel") == [SLUGS[1]]
        assert page.evaluate("location.hash") == f"#{SLUGS[1]}"
        assert page.evaluate("history.length") == history  # choosing adds no history entries
        # The picker stays at the top of the screen however far down the category one reads.
        page.evaluate("window.scrollTo(0, document.body.scrollHeight - 1600)")
        box = picker.bounding_box()
        assert box is not None and 0 <= box["y"] < 40
        # After a category: on to the next one, or back to the picker.
        picker.select_option(SLUGS[0])
        page.locator(f"#{SLUGS[0]} .tabs__next").click()
        assert visible(page, ".tabs__panel") == [SLUGS[1]] and in_window(page, f"#{SLUGS[1]} h2")
        assert page.evaluate("document.activeElement.closest('section').id") == SLUGS[1]
        page.get_by_role("link", name="Back to the list of categories").last.click()
        assert page.evaluate("document.activeElement.id") == "category-picker"
        assert page.locator(f"#{SLUGS[1]}").is_visible()
    finally:
        context.close()
    assert errors == []


def test_a_deep_link_on_a_phone_opens_its_category_and_entry(browser, server) -> None:  # type: ignore[no-untyped-def]
    slug = SLUGS[-1]
    entry = CONTENT.shortlists[slug].entries[-1]
    context, page, errors = open_page(browser, server.url + f"shortlist/#{slug}/{entry.slug}", 375)
    try:
        assert visible(page, ".tabs__panel") == [slug]
        assert page.get_by_label("Category", exact=True).input_value() == slug
        assert in_window(page, f"[id='{slug}/{entry.slug}']")
    finally:
        context.close()
    assert errors == []


def test_without_javascript_a_phone_gets_the_contents_and_every_category(browser, server) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = open_page(browser, server.url + "shortlist/", 375, java_script_enabled=False)
    try:
        assert page.evaluate("matchMedia('(scripting: none)').matches")
        assert not page.locator(".tabs__picker").is_visible() and not page.locator("form[role=search]").is_visible()
        assert page.locator(".tabs__list a").count() == len(SLUGS) and page.locator(".tabs__list").is_visible()
        assert visible(page, ".tabs__panel") == SLUGS and len(visible(page, "li.entry")) == TOTAL
        back = page.get_by_role("link", name="Back to the list of categories")
        assert back.count() == len(SLUGS) and back.first.get_attribute("href") == "#tabs-title"
        assert page.locator(".entry__more").first.is_hidden()  # nothing folded, nothing to press
        assert page.locator("a.entry__tag").first.is_hidden() and page.locator("span.entry__tag").first.is_visible()
    finally:
        context.close()


def test_read_more_opens_and_closes_a_long_synopsis_on_a_phone(browser, server) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, server.url + "shortlist/", 375)
    try:
        button = page.locator(f"#{SLUGS[0]} .entry__more").first
        synopsis = page.locator("#" + button.get_attribute("aria-controls").replace("/", "\\/"))
        assert button.is_visible() and button.get_attribute("aria-expanded") == "false"
        title = synopsis.evaluate("s => s.closest('li').querySelector('h3').textContent.trim()")
        assert button.evaluate("b => b.textContent.replace(/\\s+/g, ' ').trim()") == f"Read more about {title}"
        folded = synopsis.evaluate("s => [s.clientHeight, s.scrollHeight]")
        assert folded[0] < folded[1] and folded[0] <= 4 * 1.5 * 17 + 2  # four lines
        button.click()
        assert button.get_attribute("aria-expanded") == "true" and button.inner_text().startswith("Show less")
        opened = synopsis.evaluate("s => [s.clientHeight, s.scrollHeight]")
        assert opened[0] == opened[1] > folded[0]
        button.click()
        assert button.get_attribute("aria-expanded") == "false" and button.inner_text().startswith("Read more")
        assert synopsis.evaluate("s => s.clientHeight") == folded[0]
    finally:
        context.close()
    # At desktop width nothing is folded.
    context, page, _ = open_page(browser, server.url + "shortlist/", 1280)
    try:
        assert page.locator(".entry__more").first.is_hidden()
        assert page.locator(".entry__synopsis--long").first.evaluate("s => s.clientHeight === s.scrollHeight")
    finally:
        context.close()
    assert errors == []


# --- wide screens and many categories -----------------------------------------------------------------------------

def nav_shows(page, index: int) -> bool:  # type: ignore[no-untyped-def]
    """Whether tab `index` is inside the tab list's visible box and the window."""
    return page.evaluate("""i => {
        const nav = document.querySelector('.tabs__nav').getBoundingClientRect();
        const tab = document.querySelectorAll('.tabs__tab')[i].getBoundingClientRect();
        return tab.top >= Math.max(nav.top, 0) - 1 && tab.bottom <= Math.min(nav.bottom, innerHeight) + 1;
    }""", index)


def test_tab_30_of_100_brings_its_panel_into_view_and_the_list_keeps_it_visible(browser, sites) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, sites[100].url + "shortlist/", 1280)
    try:
        tabs = page.get_by_role("tab")
        assert tabs.count() == 100
        assert page.evaluate("document.documentElement.scrollHeight") < 3000  # not 100 tabs' worth of page
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # read to the end of the first category
        tabs.nth(29).click()
        assert visible(page, ".tabs__panel") == ["award-29"]
        assert in_window(page, "#award-29 h2")  # the panel, not blank space, is on screen
        assert nav_shows(page, 29)
        page.keyboard.press("End")  # the list scrolls on its own to the last tab
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "award-99"
        assert page.evaluate("document.querySelector('.tabs__nav').scrollTop") > 0 and nav_shows(page, 99)
        assert in_window(page, "#award-99 h2")
        page.keyboard.press("Home")
        assert nav_shows(page, 0) and in_window(page, "#award-00 h2")
    finally:
        context.close()
    assert errors == []


def test_a_deep_link_to_tab_80_of_100_shows_that_tab_in_the_list(browser, sites) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, sites[100].url + "shortlist/#award-80", 1280)
    try:
        tab = page.get_by_role("tab").nth(80)
        assert tab.get_attribute("aria-selected") == "true" and visible(page, ".tabs__panel") == ["award-80"]
        assert nav_shows(page, 80) and in_window(page, "#award-80 h2")
    finally:
        context.close()
    assert errors == []


def test_winners_come_first_with_their_result_in_words(browser, sites) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = open_page(browser, sites[30].url + "shortlist/", 1280)
    try:
        first = page.locator("#award-00 li.entry").first
        assert first.locator("h3").inner_text() == "Winning project 0"  # written last, listed first
        assert first.locator(".entry__result").inner_text() == "Winner"
        page.emulate_media(media="print")
        badge = first.locator(".entry__result")
        assert badge.evaluate("b => getComputedStyle(b).backgroundImage === 'none' && getComputedStyle(b).borderStyle")
        assert badge.is_visible()  # on paper it is a word in a box, not a colour
    finally:
        context.close()


# --- no layout shift ----------------------------------------------------------------------------------------------

SHIFTS = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("which", ["example", "example#second", "30 categories"])
def test_nothing_moves_when_the_scripts_start(browser, server, sites, which: str, width: int) -> None:  # type: ignore[no-untyped-def]
    """Cumulative layout shift, as Chromium measures it, with the scripts arriving after the first paint."""
    url = (sites[30].url if which == "30 categories" else server.url) + "shortlist/"
    if which.endswith("#second"):
        url += f"#{SLUGS[1]}"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    # A slow network: the page is painted before its scripts arrive, as on a phone.
    page.route(re.compile(r".*\.js$"), lambda route: (time.sleep(0.5), route.continue_()))
    try:
        page.goto(url, wait_until="load")  # deferred scripts have run by then
        page.wait_for_timeout(400)
        shift = page.evaluate(SHIFTS)
        assert shift < 0.05, f"layout shift {shift:.3f}"
        # and the page is as the scripts leave it
        expected = SLUGS[1] if which.endswith("#second") else ("award-00" if "30" in which else SLUGS[0])
        assert visible(page, ".tabs__panel") == [expected]
        assert page.get_by_role("tab").count() == (0 if width == 375 else 30 if "30" in which else len(SLUGS))
    finally:
        context.close()


# --- search and filters -------------------------------------------------------------------------------------------

def status(page) -> Any:  # type: ignore[no-untyped-def]
    return expect(page.locator("#finder-status"))


def test_filter_counts_say_how_many_of_all_match_and_the_layout_stays(browser, server) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, server.url + "shortlist/", 1280)
    try:
        status(page).to_have_text(f"{TOTAL} shortlisted entries in {len(SLUGS)} categories.")
        first = page.locator(f"#{SLUGS[0]}").bounding_box()
        nav = page.locator(".tabs__nav").bounding_box()
        page.get_by_label("Topic", exact=True).select_option("Hypertension")
        expected = [f"{s}/{e.slug}" for s, sl in CONTENT.shortlists.items() for e in sl.entries if "Hypertension" in e.tags]
        assert len(expected) == 2
        status(page).to_have_text(f"2 of {TOTAL} entries match in 1 category.")
        assert visible(page, "li.entry") == expected
        in_first = len(CONTENT.shortlists[SLUGS[0]].entries)
        assert page.locator(f"#{SLUGS[0]} .tabs__panel-count").inner_text() == f"2 of {in_first} entries match"
        # No jump: the list stays on the left, the matches start where the panel did.
        moved = page.locator(".tabs__nav").bounding_box()
        assert moved is not None and nav is not None
        assert (moved["x"], moved["y"], moved["width"]) == (nav["x"], nav["y"], nav["width"])
        box = page.locator(f"#{SLUGS[0]}").bounding_box()
        assert box is not None and first is not None and (box["x"], box["y"]) == (first["x"], first["y"])
        # The list jumps to the categories with matches, with their counts, and no longer claims to be tabs.
        assert page.get_by_role("tab").count() == 0 and page.get_by_role("tablist").count() == 0
        links = page.locator(".tabs__tab")
        assert [links.nth(i).inner_text() for i in range(links.count()) if links.nth(i).is_visible()] == [
            f"{c.title} (2)" for c in CONTENT.categories if c.slug == SLUGS[0]]
        page.get_by_label("Search every category").fill("blood")  # words and a topic together
        status(page).to_have_text(re.compile(rf"^(\d of {TOTAL} entr.* in 1 category|No entries match)"))
        assert page.evaluate("location.search") == "?q=blood&tag=Hypertension"
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_a_topic_on_an_entry_filters_by_it_and_back_undoes_it(browser, server, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, server.url + "shortlist/", width)
    try:
        tag = "Mental health"
        expected = [f"{s}/{e.slug}" for s, sl in CONTENT.shortlists.items() for e in sl.entries if tag in e.tags]
        groups = len({e.split("/")[0] for e in expected})
        page.locator(f"#{SLUGS[0]} a.entry__tag", has_text=tag).first.click()
        status(page).to_have_text(f"{len(expected)} of {TOTAL} entries match in {groups} categories.")
        assert visible(page, "li.entry") == expected
        assert page.get_by_label("Topic", exact=True).input_value() == tag
        assert page.evaluate("document.activeElement.name") == "tag"  # the visitor is taken to the filter it set
        assert page.evaluate("location.search") == "?tag=Mental+health"
        page.go_back()
        status(page).to_have_text(f"{TOTAL} shortlisted entries in {len(SLUGS)} categories.")
        assert page.get_by_label("Topic", exact=True).input_value() == ""
        assert len(visible(page, ".tabs__panel")) == 1
        page.go_forward()
        status(page).to_have_text(f"{len(expected)} of {TOTAL} entries match in {groups} categories.")
    finally:
        context.close()
    assert errors == []


@pytest.mark.parametrize("width", [375, 1280])
def test_clear_resets_the_search_the_filters_and_the_address(browser, server, width: int) -> None:  # type: ignore[no-untyped-def]
    context, page, errors = open_page(browser, server.url + f"shortlist/?q=young&tag=Mental+health#{SLUGS[1]}", width)
    try:
        clear = page.get_by_role("button", name="Clear the search and filters")
        expect(clear).to_be_enabled()
        status(page).to_have_text(re.compile(rf"of {TOTAL} entr"))
        clear.click()
        assert page.get_by_label("Search every category").input_value() == ""
        assert page.get_by_label("Topic", exact=True).input_value() == ""
        assert page.evaluate("location.search") == ""
        assert page.evaluate("document.activeElement.name") == "q"
        status(page).to_have_text(f"{TOTAL} shortlisted entries in {len(SLUGS)} categories.")
        expect(clear).to_be_disabled()
        assert visible(page, ".tabs__panel") == [SLUGS[1]]  # back to the category that was open
        in_second = len(CONTENT.shortlists[SLUGS[1]].entries)
        assert len(visible(page, "li.entry")) == in_second
        assert page.locator(f"#{SLUGS[1]} .tabs__panel-count").inner_text() == f"{in_second} shortlisted entries"
        assert page.get_by_role("tab").count() == (len(SLUGS) if width == 1280 else 0)
    finally:
        context.close()
    assert errors == []


def test_focus_areas_filter_from_the_form_and_from_an_entry(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = ROOT / "examples" / "riverside-awards"
    edition = load(source).editions[0]
    pipeline.build(source, tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/riverside-awards/")
    entries = [(s, e) for s, sl in edition.shortlists.items() for e in sl.entries]
    wanted = [f"{s}/{e.slug}" for s, e in entries if "deprived-areas" in e.focus_areas]
    groups = len({i.split("/")[0] for i in wanted})
    try:
        context, page, errors = open_page(browser, site.url + f"{edition.name}/shortlist/", 1280)
        focus = page.get_by_label("Focus area", exact=True)
        focus.select_option("deprived-areas")
        status(page).to_have_text(f"{len(wanted)} of {len(entries)} entries match in {groups} categories.")
        assert sorted(visible(page, "li.entry")) == sorted(wanted)  # in the groups' order of categories
        page.get_by_role("button", name="Clear the search and filters").click()
        page.locator(".entry__focus a", has_text="The most deprived areas").first.click()
        assert focus.input_value() == "deprived-areas" and page.evaluate("location.search") == "?focus=deprived-areas"
        status(page).to_have_text(f"{len(wanted)} of {len(entries)} entries match in {groups} categories.")
        context.close()
    finally:
        site.stop()
    assert errors == []


def test_no_focus_area_filter_when_no_entry_has_one(browser, server) -> None:  # type: ignore[no-untyped-def]
    assert not any(e.focus_areas for sl in CONTENT.shortlists.values() for e in sl.entries)
    context, page, _ = open_page(browser, server.url + "shortlist/", 1280)
    try:
        assert page.get_by_label("Focus area").count() == 0 and page.get_by_label("Topic", exact=True).count() == 1
    finally:
        context.close()


def test_the_shortlist_prints_every_entry_without_the_search_or_picker(browser, server) -> None:  # type: ignore[no-untyped-def]
    context, page, _ = open_page(browser, server.url + "shortlist/?tag=Hypertension", 1280)
    try:
        status(page).to_have_text(re.compile("2 of"))
        page.emulate_media(media="print")
        for selector in ("form[role=search]", ".tabs__picker", ".tabs__nav", ".tabs__panel-nav", ".entry__more"):
            assert page.locator(selector).first.is_hidden(), selector
        assert len(visible(page, "li.entry")) == TOTAL and visible(page, ".tabs__panel") == SLUGS
    finally:
        context.close()


def test_on_a_phone_the_search_filters_and_picker_fit_the_first_screen(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Riverside 2026 has three filters (result, topic, focus area): on a 375 x 800 phone they fold behind a
    "Filters" button beside Clear, so the category picker is on the first screen, and they still filter."""
    source = ROOT / "examples" / "riverside-awards"
    edition = next(e for e in load(source).editions if e.name == "2026")
    pipeline.build(source, tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/riverside-awards/")
    entries = [e for sl in edition.shortlists.values() for e in sl.entries]
    tagged = [e for e in entries if "Blood pressure" in e.tags]
    assert len(entries) == 7 and len(tagged) == 2
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(site.url + "2026/shortlist/")
        toggle = page.locator(".finder__toggle")
        for control in (page.get_by_label("Search every category"), toggle,
                        page.get_by_role("button", name="Clear the search and filters"),
                        page.get_by_label("Category", exact=True)):
            box = control.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 800, control
        topic = page.get_by_label("Topic", exact=True)
        expect(toggle).to_have_attribute("aria-expanded", "false")
        assert topic.is_hidden() and toggle.inner_text().strip() == "Filters"
        # The keyboard opens the filters; choosing a topic counts its entries and the button says one is on.
        page.get_by_label("Search every category").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "finder-filters"
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(topic).to_be_visible()
        topic.select_option("Blood pressure")
        status(page).to_have_text(f"2 of {len(entries)} entries match in 2 categories.")
        assert len(visible(page, "li.entry")) == len(tagged)
        expect(toggle).to_have_text("Filters (1)")
        toggle.click()
        assert topic.is_hidden() and page.get_by_label("Category", exact=True).is_visible()
        # A filter from the address shows folded, as a count on the button, with Clear ready.
        page.goto(site.url + "2026/shortlist/?tag=Blood+pressure&result=winner")
        expect(toggle).to_have_text("Filters (2)")
        expect(page.get_by_role("button", name="Clear the search and filters")).to_be_enabled()
        status(page).to_have_text(f"1 of {len(entries)} entries matches in 1 category.")
        assert_no_violations(page, axe_script(), "folded filters at 375px")
    finally:
        context.close()
        site.stop()
    assert errors == []


# --- groups -------------------------------------------------------------------------------------------------------

def test_groups_head_the_tab_list_and_the_picker(browser, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """With category groups the list has a heading per group, each group a tab list, and the picker an optgroup."""
    def grouped(edition, categories):  # type: ignore[no-untyped-def]
        listed = list(categories)
        return [(SimpleNamespace(slug="clinical", title="Clinical awards", description=None), listed[:4]),
                (SimpleNamespace(slug="people", title="People awards", description=None), listed[4:])]

    monkeypatch.setattr(render, "grouped", grouped)
    pipeline.build(write_site(tmp_path / "content", generated(9)), tmp_path / "_site")
    site = SiteServer(tmp_path / "_site", "/scratch/")
    try:
        context, page, errors = open_page(browser, site.url + "shortlist/", 1280)
        lists = page.get_by_role("tablist")
        assert lists.count() == 2 and [lists.nth(i).get_attribute("aria-labelledby") for i in range(2)] == [
            "group_clinical", "group_people"]
        assert page.locator("#group_people").inner_text().lower() == "people awards"
        assert lists.nth(1).get_by_role("tab").count() == 5
        page.get_by_role("tab").nth(3).focus()
        page.keyboard.press("ArrowDown")  # from one group's list into the next
        assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "award-04"
        assert page.get_by_role("tab", selected=True).count() == 1
        assert_no_violations(page, axe_script(), "grouped tabs at 1280px")
        context.close()
        context, page, _ = open_page(browser, site.url + "shortlist/", 375)
        labels = page.locator("#category-picker optgroup").evaluate_all("groups => groups.map(g => g.label)")
        assert labels == ["Clinical awards", "People awards"]
        assert_no_violations(page, axe_script(), "grouped picker at 375px")
        context.close()
    finally:
        site.stop()
    assert errors == []
