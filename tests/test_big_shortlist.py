"""A large edition's shortlist (issue #15): beyond lists.SPLIT_AT entries an index of categories, each on a page of its
own, every link to a category's shortlist reaching it; a small one keeps #10's one page of tabs; beyond
lists.LIBRARY_AT entries the library lists its projects without synopses, so its size per project is bounded."""

from __future__ import annotations

import re
from pathlib import Path
import pytest

from awardsite import lists, pipeline
from awardsite.content import load
from awardsite.urls import Urls
from benchmarks.programme import moment, write_programme
from browser import SiteServer
from crawl import crawl
from htmltools import parse
from test_accessibility import assert_no_violations
from webtools import axe_script

BASE = "/example-awards/"  # write_programme's base_url's path
CATEGORIES, ENTRIES = 6, 4  # 24 entries: over the lowered threshold below, far under the real one


def built(folder: Path, phase: str = "results", categories: int = CATEGORIES, entries: int = ENTRIES) -> Path:
    """A generated programme in `phase`, built as of its moment; returns the output folder."""
    source = write_programme(folder / "content", categories, entries, groups=True, phase=phase)
    pipeline.build(source, folder / "_site", at=moment())
    return folder / "_site"


@pytest.fixture(scope="module")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A programme of 24 entries built with SPLIT_AT lowered to 10, so its shortlist is split."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lists, "SPLIT_AT", 10)
        return built(tmp_path_factory.mktemp("split"))


def shortlisted(site: Path) -> dict[str, list[str]]:
    """Each category's slug and its entries' slugs, from the built entry pages' folders."""
    return {folder.name: sorted(entry.name for entry in folder.iterdir() if entry.is_dir())
            for folder in sorted((site / "shortlist").iterdir()) if folder.is_dir()}


def test_a_large_shortlist_is_an_index_of_categories_each_on_its_own_page(split_site: Path) -> None:
    categories = shortlisted(split_site)
    assert len(categories) == CATEGORIES
    index = parse((split_site / "shortlist" / "index.html").read_bytes())
    assert not index.find_all(class_="tabs__panel") and not index.find_all(class_="entry")  # no panels, no entries
    assert not index.find_all("div", class_="tabs")
    links = [a.attrs["href"] for a in index.find_all("a", class_="shortlist-index__link")]
    assert links == [f"{BASE}shortlist/{slug}/" for slug in _in_index_order(split_site)]
    counts = [s.text() for s in index.find_all("span", class_="shortlist-index__count")]
    assert counts == [f"{ENTRIES} shortlisted entries"] * CATEGORIES
    assert len(index.find_all("p", class_="shortlist-index__winners")) == CATEGORIES  # results are out
    for slug, entries in categories.items():
        page = parse((split_site / "shortlist" / slug / "index.html").read_bytes())
        shown = [li.attrs["id"] for li in page.find_all("li", class_="entry")]
        assert sorted(shown) == [f"{slug}/{entry}" for entry in entries]  # that category's entries, no others
        assert page.find("p", class_="breadcrumb").find("a").attrs["href"] == f"{BASE}shortlist/"
        assert page.find("title").text().startswith("Winners and shortlist: ")
        assert page.find("form", class_="finder").find("label").text() == "Search this category"
        assert len(page.find_all("button", class_="entry__more")) == ENTRIES  # synopses still fold on phones


def _in_index_order(site: Path) -> list[str]:
    """The categories in the content's order (write_programme groups them in blocks, in order)."""
    content = load(site.parent / "content")
    return [category.slug for category in content.categories]


def test_each_category_page_links_back_to_the_index_and_on_to_the_next(split_site: Path) -> None:
    order = _in_index_order(split_site)
    for slug, following in zip(order, order[1:] + [None]):
        page = parse((split_site / "shortlist" / slug / "index.html").read_bytes())
        nav = [a.attrs["href"] for a in page.find("p", class_="tabs__panel-nav").find_all("a")]
        assert nav == [f"{BASE}shortlist/"] + ([f"{BASE}shortlist/{following}/"] if following else [])


def test_every_link_to_a_categorys_shortlist_reaches_its_page(split_site: Path) -> None:
    server = SiteServer(split_site, BASE)
    try:
        seen, problems = crawl(server.url)
    finally:
        server.stop()
    assert problems == []
    for slug in shortlisted(split_site):
        assert f"{server.url}shortlist/{slug}/" in seen
    # No page links to a tab the split shortlist no longer has.
    for page in split_site.rglob("*.html"):
        assert not re.search(r'href="[^"]*/shortlist/#', page.read_text(encoding="utf-8")), page


def test_an_entry_pages_breadcrumb_and_links_reach_its_categorys_page(split_site: Path) -> None:
    for slug, entries in shortlisted(split_site).items():
        for entry in entries:
            page = parse((split_site / "shortlist" / slug / entry / "index.html").read_bytes())
            assert page.find("p", class_="breadcrumb").find("a").attrs["href"] == f"{BASE}shortlist/{slug}/"
    home = (split_site / "index.html").read_text(encoding="utf-8")
    category = (split_site / "categories" / slug / "index.html").read_text(encoding="utf-8")
    assert f'href="{BASE}shortlist/{slug}/"' in home and f'href="{BASE}shortlist/{slug}/"' in category


def test_the_sitemap_lists_every_categorys_page(split_site: Path) -> None:
    sitemap = (split_site / "sitemap.xml").read_text(encoding="utf-8")
    for slug in shortlisted(split_site):
        assert f"<loc>https://example.github.io{BASE}shortlist/{slug}/</loc>" in sitemap


def test_a_small_shortlist_keeps_one_page_of_tabs(tmp_path: Path) -> None:
    site = built(tmp_path)  # 24 entries, under the real SPLIT_AT
    assert lists.SPLIT_AT >= 200  # the tests' 100-category programmes (200 entries) keep their tabs
    index = parse((site / "shortlist" / "index.html").read_bytes())
    panels = [s.attrs["id"] for s in index.find_all("section", class_="tabs__panel")]
    assert panels == _in_index_order(site)
    assert [a.attrs["href"] for a in index.find_all("a", class_="tabs__tab")] == [f"#{slug}" for slug in panels]
    assert not any((site / "shortlist" / slug / "index.html").exists() for slug in panels)
    entry = next((site / "shortlist" / panels[0]).iterdir()) / "index.html"
    breadcrumb = parse(entry.read_bytes()).find("p", class_="breadcrumb").find("a")
    assert breadcrumb.attrs["href"] == f"{BASE}shortlist/#{panels[0]}"


@pytest.mark.parametrize("phase", ["open", "shortlist"])
def test_the_split_follows_the_embargo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str) -> None:
    monkeypatch.setattr(lists, "SPLIT_AT", 10)
    site = built(tmp_path, phase)
    pages = sorted(str(p.relative_to(site)) for p in (site / "shortlist").rglob("index.html")) \
        if (site / "shortlist").exists() else []
    if phase == "open":  # before the announcement no shortlist page of any kind exists
        assert pages == []
        assert "/shortlist/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    else:  # announced, no results yet: the index and each category's page, without winners
        assert len([p for p in pages if p.count("/") == 2]) == CATEGORIES
        index = parse((site / "shortlist" / "index.html").read_bytes())
        assert not index.find_all("p", class_="shortlist-index__winners")
        assert index.find("h1").text() == "The shortlist"


def test_urls_give_a_split_editions_category_its_page_and_any_other_its_tab() -> None:
    url = Urls("https://example.org/awards/", split=frozenset({"2026"})).for_edition("2026")
    assert url.shortlist("care") == "/awards/2026/shortlist/care/"
    assert url.shortlist("care", "2025") == "/awards/2025/shortlist/#care"
    assert url.shortlist() == "/awards/2026/shortlist/"
    assert url.for_edition("2025").shortlist("care", "2026") == "/awards/2026/shortlist/care/"
    assert Urls("https://example.org/").shortlist("care") == "/shortlist/#care"


def library_bytes(folder: Path, entries: int) -> int:
    site = built(folder, categories=CATEGORIES, entries=entries)
    return (site / "library" / "index.html").stat().st_size


def test_a_large_librarys_size_per_project_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lists, "LIBRARY_AT", 10)
    small, large = library_bytes(tmp_path / "a", 4), library_bytes(tmp_path / "b", 12)
    per_project = (large - small) / (CATEGORIES * 8)
    # A row is about 300 bytes: 40,000 projects stay under 16 MB (a card with its synopsis is about 1.6 KB).
    assert per_project < 400, per_project
    page = parse((tmp_path / "b" / "_site" / "library" / "index.html").read_bytes())
    assert not page.find_all(class_="entry__synopsis")
    rows = page.find_all("ul", class_="library-rows")
    assert len(rows) == CATEGORIES and all(len(row.find_all("li")) == 12 for row in rows)
    links = {a.attrs["href"] for row in rows for a in row.find_all("a")}
    assert len(links) == CATEGORIES * 12 and all(link.startswith(f"{BASE}shortlist/") for link in links)


def test_a_small_library_keeps_its_cards_with_synopses(tmp_path: Path) -> None:
    site = built(tmp_path)
    page = parse((site / "library" / "index.html").read_bytes())
    cards = page.find_all("li", class_="library-item")
    assert len(cards) == CATEGORIES * ENTRIES
    assert all(card.find_all("div", class_="entry__synopsis") for card in cards)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_split_shortlist_in_a_browser(browser, split_site: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    """From the index to a category's page at phone and desktop widths: its entries, folded on phones, searchable."""
    expect = pytest.importorskip("playwright.sync_api").expect
    server = SiteServer(split_site, BASE)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    slug = _in_index_order(split_site)[1]
    try:
        page.goto(server.url + "shortlist/")
        page.screenshot(path=f"/tmp/h/split-index-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_no_violations(page, axe_script(), f"the split shortlist's index at {width}px")
        page.locator(f'a.shortlist-index__link[href="{BASE}shortlist/{slug}/"]').click()
        page.wait_for_url(f"{server.url}shortlist/{slug}/")
        entries = page.locator("li.entry")
        assert entries.count() == ENTRIES and all(entries.nth(i).is_visible() for i in range(ENTRIES))
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=f"/tmp/h/split-category-{width}.png", full_page=True)
        assert_no_violations(page, axe_script(), f"a category's shortlist page at {width}px")
        more = entries.first.locator(".entry__more")
        assert more.is_visible() == (width < 768)  # long synopses fold on phones only
        if width < 768:
            more.click()
            assert more.get_attribute("aria-expanded") == "true"
        title = entries.last.locator(".entry__title").inner_text()
        page.get_by_label("Search this category").fill(title)
        expect(page.locator("#finder-status")).to_have_text(f"1 of {ENTRIES} entries matches.")
        assert [e for e in range(ENTRIES) if entries.nth(e).is_visible()] == [ENTRIES - 1]
    finally:
        context.close()
        server.stop()
    assert errors == []


def test_a_large_librarys_rows_filter_by_category_and_result(browser, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """library.js on rows grouped by category: a filter hides the other groups, a search finds a category's words."""
    expect = pytest.importorskip("playwright.sync_api").expect
    monkeypatch.setattr(lists, "LIBRARY_AT", 10)
    site = built(tmp_path)
    slug = _in_index_order(site)[2]
    server = SiteServer(site, BASE)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(server.url + "library/")
        status = page.locator("[data-library-status]")
        page.get_by_label("Category").select_option(slug)
        expect(status).to_have_text(f"{ENTRIES} of {CATEGORIES * ENTRIES} projects match.")
        shown = page.eval_on_selector_all("[data-library-group]",
                                          "all => all.filter(g => !g.hidden).map(g => g.dataset.category)")
        assert shown == [slug]
        page.get_by_label("Result").select_option("shortlisted")  # the rows without data-result have the last one
        expect(status).to_have_text(f"{ENTRIES - 2} of {CATEGORIES * ENTRIES} projects match.")
        page.get_by_role("button", name="Clear").click()
        title = page.locator(f'[data-category="{slug}"] h2 a').inner_text()
        page.get_by_label("Search the library").fill(title)  # a category's title finds its projects (and others)
        expect(status).not_to_have_text("")
        rows = page.locator(f'[data-category="{slug}"] li')
        assert rows.count() == ENTRIES and all(rows.nth(i).is_visible() for i in range(ENTRIES))
        assert_no_violations(page, axe_script(), "the library's rows at 1280px")
    finally:
        context.close()
        server.stop()
