"""The examples built from seeds 003 and 004 show every element of their source, and behave.

Seed 004 (examples/health-equity-collaborative) is a call for partners that closed at 12:00
on 31 October 2022: built today it is closed; built `--at 2022-10-10 09:00` it is open.
Seed 003 is a news post in the root example. The tests read the built HTML as a visitor
would (text, links, pictures), and take names, codes and questions from the content model
rather than from copies of the pages.
"""

from __future__ import annotations

import datetime

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from awardsite import imagesize, pipeline
from awardsite.content import load
from awardsite.model import Category, Content
from browser import SiteServer
from conftest import ROOT
from crawl import crawl
from htmltools import Element, parse
from webtools import axe_script

HEC = ROOT / "examples" / "health-equity-collaborative"
OPEN_AT = "2022-10-10 09:00"  # before the deadline of 31 October 2022, 12:00
PREFIX = "/health-equity-collaborative/"
APPLY = "https://www.barnardos.org.uk/health-equity-collaborative"
BOOKING = "https://www.bit.ly/BarnardosCYP"
WEIGHTS = {"B1": 30, "B2": 25, "B3": 30, "B4": 15}  # as the information sheet prints them
POST = "good-practice-guide-on-health-inequalities"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def content() -> Content:
    return load(HEC)


@pytest.fixture(scope="module")
def call(content: Content) -> Category:
    (category,) = content.categories
    return category


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example built with the real clock (after the deadline) and as of 10 October 2022."""
    root = tmp_path_factory.mktemp("hec")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the real clock: years after the call closed
        pipeline.build(HEC, root / "now")
    pipeline.build(HEC, root / "open", at=OPEN_AT)
    return {"now": root / "now", "open": root / "open"}


def page(out: Path, path: str) -> Element:
    file = out / path / "index.html"
    assert file.is_file(), f"no page /{path}"
    return parse(file.read_bytes())


def main_of(doc: Element) -> Element:
    return doc.find("main")


def hrefs(element: Element) -> list[str]:
    return [a.attrs.get("href", "") for a in element.find_all("a")]


def segments(text: str, markers: list[str]) -> list[str]:
    """`text` cut at each marker, in order: the part from each marker up to the next."""
    starts = []
    for marker in markers:
        at = text.find(marker, starts[-1] + 1 if starts else 0)
        assert at >= 0, f"{marker!r} missing or out of order"
        starts.append(at)
    return [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)])]


# --- seed 004: the call and its selection --------------------------------------------------------------------------

def test_the_example_is_valid_content(content: Content, call: Category) -> None:
    assert content.site.entries_open == "2022-09-01" and content.site.entries_close == "2022-10-31 12:00"
    assert call.entry_url == APPLY and len(call.stages) == 3


@pytest.mark.parametrize("when", ["now", "open"])
def test_stage_one_shows_b1_to_b4_with_their_weightings_and_the_other_stages_none(
        builds: dict[str, Path], call: Category, when: str) -> None:
    text = main_of(page(builds[when], f"categories/{call.slug}/")).text()
    stage_texts = segments(text, [stage.title for stage in call.stages])
    first, *later = stage_texts
    criteria = call.stages[0].criteria
    assert [c.code for c in criteria] == list(WEIGHTS)
    for criterion, part in zip(criteria, segments(first, [c.code or "" for c in criteria])):
        assert " ".join(criterion.heading.split()) in part
        assert f"{WEIGHTS[criterion.code or '']}%" in part, criterion.code
        assert criterion.weight == WEIGHTS[criterion.code or ""]
    for stage, part in zip(call.stages[1:], later):
        last = stage.criteria[-1].heading
        part = part[:part.find(last) + len(last)]  # the stage's own text, up to its last criterion
        for criterion in stage.criteria:
            assert criterion.heading in part
        assert "%" not in part and "Weighting" not in part, f"{stage.title} shows a weight"
    assert len(call.stages[1].criteria) == len(call.stages[2].criteria) == 4


def test_the_call_uses_its_own_wording(builds: dict[str, Path], call: Category) -> None:
    main = main_of(page(builds["open"], f"categories/{call.slug}/"))
    headings = [h.text() for h in main.find_all("h2")]
    assert "Selection criteria" in headings and "Judging criteria" not in headings
    assert "Weighting: 30%" in main.text()
    apply = [a for a in main.find_all("a") if a.attrs.get("href") == APPLY]
    assert apply and "Find out more and apply" in " ".join(a.text() for a in apply)


def test_the_apply_link_is_there_while_open_and_gone_after_the_deadline(builds: dict[str, Path],
                                                                       call: Category) -> None:
    assert APPLY in hrefs(page(builds["open"], f"categories/{call.slug}/"))
    assert APPLY not in hrefs(page(builds["now"], f"categories/{call.slug}/"))
    assert not [p for p in builds["now"].rglob("*.html") if APPLY in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("when", ["now", "open"])
def test_the_timetable_shows_times_ranges_and_weeks_commencing(builds: dict[str, Path], call: Category,
                                                               when: str) -> None:
    main = main_of(page(builds[when], f"categories/{call.slug}/"))
    text = main.text()
    for shown in ("Thursday 1 September 2022", "Thursday 22 September 2022, 11:00–12:00",
                  "Thursday 29 September 2022, 11:00–12:00", "Monday 31 October 2022, 12:00",
                  "14–25 November 2022", "Week commencing 12 December 2022", "Week commencing 23 January 2023"):
        assert shown in text, shown
    for key in call.key_dates:
        assert " ".join(key.label.split()) in text
    assert hrefs(main).count(BOOKING) >= 2  # each engagement event links to its booking page


def test_the_calendar_file_has_the_timetable(builds: dict[str, Path], call: Category) -> None:
    calendar = (builds["open"] / "key-dates.ics").read_bytes().decode("utf-8").replace("\r\n ", "")  # unfolded
    for key in call.key_dates:
        assert key.label in calendar
    assert "DTSTART;TZID=Europe/London:20220922T110000\r\nDTEND;TZID=Europe/London:20220922T120000" in calendar
    assert "DTSTART;VALUE=DATE:20221114\r\nDTEND;VALUE=DATE:20221126" in calendar  # 14-25 November, inclusive


@pytest.mark.parametrize("when", ["now", "open"])
def test_the_contact_is_on_the_call(builds: dict[str, Path], call: Category, when: str) -> None:
    assert "mailto:healthteam@barnardos.org.uk" in hrefs(main_of(page(builds[when], f"categories/{call.slug}/")))


# --- seed 004: organisers, pages, footnotes, the figure ------------------------------------------------------------

def pictures(doc: Element, out: Path, prefix: str = PREFIX) -> dict[str, Element]:
    """Each <img> by its src, after checking that it has alt, its file is published and its size is given."""
    found = {}
    for img in doc.find_all("img"):
        src = img.attrs["src"]
        assert src.startswith(prefix) and "alt" in img.attrs, src
        file = out / src[len(prefix):]
        assert file.is_file(), src
        assert (int(img.attrs["width"]), int(img.attrs["height"])) == imagesize.size(file), src
        found[src] = img
    return found


def accessible_name(link: Element) -> str:
    """A link's name as a screen reader says it: its text, with each picture's alt text in its place."""
    parts = [c if isinstance(c, str) else c.attrs.get("alt", "") if c.tag == "img" else accessible_name(c)
             for c in link.children]
    return " ".join(" ".join(parts).split())


def assert_logo_link(doc: Element, out: Path, name: str, url: str | None, logo: str, prefix: str = PREFIX) -> None:
    """The organisation's link shows its logo (sized, published) and is named by the organisation's name once."""
    pictures(doc, out, prefix)
    links = [a for a in doc.find_all("a") if a.attrs.get("href") == url]
    assert links, f"no link to {url}"
    logos = [img for a in links for img in a.find_all("img") if img.attrs["src"] == f"{prefix}media/{logo}"]
    assert logos, f"no logo for {name}"
    assert any(accessible_name(a) == name for a in links), [accessible_name(a) for a in links]


@pytest.mark.parametrize("path", ["", "about/", "categories/integrated-care-systems/"])
def test_both_organisers_are_on_every_page_with_their_logos(builds: dict[str, Path], content: Content,
                                                            path: str) -> None:
    assert len(content.site.organisers) == 2
    for organiser in content.site.organisers:
        assert organiser.logo is not None and organiser.logo.alt == organiser.name  # a logo's alt is its name
        assert_logo_link(page(builds["open"], path), builds["open"], organiser.name, organiser.url,
                         organiser.logo.file)


def test_the_pages_hold_the_rest_of_the_sheet(builds: dict[str, Path], content: Content) -> None:
    assert [p.slug for p in content.pages] == ["about", "programme", "commitments"]
    about = main_of(page(builds["now"], "about/"))
    benefits = [ul for ul in about.find_all("ul") if len(ul.find_all("li")) == 11]
    assert benefits, "the eleven benefits to ICSs"
    programme = main_of(page(builds["now"], "programme/")).text()
    for workstream in ("Framework", "Dynamic Measurement Tool", "Interventions"):
        assert f"Children and Young People's Health Equity {workstream}" in programme
    for year in ("Year 1 (2022/23)", "Year 2 (2023/24)", "Year 3 (2024/25)"):
        assert year in programme
    main = main_of(page(builds["now"], "programme/"))
    headings = [h.text() for level in ("h2", "h3", "h4") for h in main.find_all(level)]
    for party in ("Barnardo's", "Institute of Health Equity", "Integrated Care System"):  # roles and responsibilities
        assert party in headings
    commitments = main_of(page(builds["now"], "commitments/"))
    assert len(commitments.find("ol").find_all("li")) == 6
    assert "Band 8A Health Analyst" in commitments.text() and "last resort" in commitments.text()
    footer = hrefs(page(builds["now"], "").find("footer"))
    for slug in ("about", "programme", "commitments", "accessibility"):
        assert f"{PREFIX}{slug}/" in footer, slug


@pytest.mark.parametrize(("path", "notes", "sources"), [
    ("about/", 3, ["kingsfund.org.uk", "thelancet.com", "sciencedirect.com", "rcpch.ac.uk"]),
    ("programme/", 1, []),
])
def test_footnotes_link_both_ways(builds: dict[str, Path], path: str, notes: int, sources: list[str]) -> None:
    doc = page(builds["now"], path)
    ids = {e.attrs["id"] for e in doc.find_all() if "id" in e.attrs}
    refs = [a for a in doc.find_all("a") if a.parent is not None and "footnote-ref" in a.parent.attrs.get("class", "")]
    backs = doc.find_all("a", class_="footnote-backref")
    assert len(refs) == len(backs) == notes
    for link in refs + backs:
        assert link.attrs["href"].startswith("#") and link.attrs["href"][1:] in ids, link.attrs["href"]
    assert {a.attrs["href"][1:] for a in backs} == {a.attrs["id"] for a in refs}  # each back-link returns to its ref
    listed = " ".join(hrefs(doc.find("section", class_="footnotes")))
    for source in sources:
        assert source in listed


def test_the_governance_figure_has_alt_text_and_says_where_it_comes_from(builds: dict[str, Path]) -> None:
    doc = page(builds["now"], "programme/")
    figure = pictures(main_of(doc), builds["now"])[f"{PREFIX}media/governance-structure.png"]
    assert "Sir Michael Marmot" in figure.attrs["alt"] and "Strategic Board" in figure.attrs["alt"]
    assert "drawn for this site from what the sheet's text says" in main_of(doc).text()


@pytest.mark.parametrize("when", ["now", "open"])
def test_every_link_leads_somewhere_and_every_page_is_reached(builds: dict[str, Path], when: str) -> None:
    server = SiteServer(builds[when], PREFIX)
    try:
        seen, problems = crawl(server.url)
    finally:
        server.stop()
    assert problems == []  # the pages' links to each other (written relative in markdown) and their #targets
    for path in ("about/", "programme/", "commitments/", "categories/integrated-care-systems/", "accessibility/",
                 "media/governance-structure.png"):
        assert server.url + path in seen, path


def test_the_accessibility_statement_is_built(builds: dict[str, Path], content: Content) -> None:
    assert content.site.accessibility is not None
    statement = page(builds["now"], "accessibility/")
    assert f"mailto:{content.site.accessibility.email}" in hrefs(statement)


# --- seed 003: the news post in the root example -------------------------------------------------------------------

def test_the_news_post_is_published_with_its_date(example_site: Path) -> None:
    post = page(example_site, f"news/{POST}/")
    main = main_of(post)
    assert "16 November 2021" in main.text()
    assert any(t.attrs.get("datetime", "").startswith("2021-11-16") for t in main.find_all("time"))
    assert "mailto:ash.alom@yhahsn.com" in hrefs(main)
    for person in ("Richard Stubbs", "Ash Alom", "Dr Bola Owolabi", "Jo Bibby"):
        assert person in main.text()
    assert "“" not in main.text() and "”" not in main.text()  # what people said is reported, not quoted
    assert f"/hsj-awards/news/{POST}/" in hrefs(page(example_site, "news/"))


def test_the_news_post_is_in_the_feed(example_site: Path) -> None:
    feed = ET.parse(example_site / "feed.xml").getroot()
    entries = {e.findtext(f"{ATOM}id"): e for e in feed.iter(f"{ATOM}entry")}
    url = f"https://example.github.io/hsj-awards/news/{POST}/"
    assert url in entries
    assert (entries[url].findtext(f"{ATOM}published") or "").startswith("2021-11-16")
    assert entries[url].findtext(f"{ATOM}title") == next(p.title for p in load(ROOT).news if p.slug == POST)
    assert "mailto:ash.alom@yhahsn.com" in (entries[url].findtext(f"{ATOM}content") or "")


# --- the fictional example: Welsh, partners, pages --------------------------------------------------------------------

@pytest.fixture(scope="module")
def riverside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("riverside") / "_site"
    pipeline.build(ROOT / "examples" / "riverside-awards", out, at="2026-04-01 12:00")
    return out


def test_the_welsh_category_is_in_welsh(riverside: Path) -> None:
    doc = page(riverside, "2026/categories/cynnig-rhagweithiol/")
    assert doc.find("html").attrs["lang"] == "cy"
    assert "Meini prawf beirniadu" in [h.text() for h in main_of(doc).find_all("h2")]
    assert "Dydd Mawrth 21 Ebrill 2026, 12:30–13:30" in main_of(doc).text()


def test_the_partners_and_organisers_show_their_logos(riverside: Path) -> None:
    content = load(ROOT / "examples" / "riverside-awards")
    doc = page(riverside, "2026/categories/community-partnership/")
    (category,) = [c for c in content.categories if c.slug == "community-partnership"]
    assert len(category.partners) == len(content.site.organisers) == 2
    for organisation in (*category.partners, *content.site.organisers):
        assert organisation.logo is not None and organisation.logo.alt == organisation.name
        assert_logo_link(doc, riverside, organisation.name, organisation.url, organisation.logo.file,
                         "/riverside-awards/")
    faqs = main_of(page(riverside, "faqs/"))
    assert "entries-in-welsh" in {e.attrs.get("id") for e in faqs.find_all()}


def test_every_page_of_the_call_is_valid_html(builds: dict[str, Path]) -> None:
    from test_new_pages import vnu_errors
    assert vnu_errors(sorted(path for out in builds.values() for path in out.rglob("*.html"))) == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_calls_pages_have_no_wcag_violations(browser, builds: dict[str, Path], width: int) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import assert_no_violations
    axe = axe_script()
    out = builds["open"]
    server = SiteServer(out, PREFIX)
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.clock.install(time=datetime.datetime(2022, 10, 10, 8, tzinfo=datetime.timezone.utc))  # the build's moment
        for path in sorted(f.parent.relative_to(out).as_posix() + "/" for f in out.rglob("index.html")):
            tab.goto(server.url + path.removeprefix("./"))
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, path
            assert_no_violations(tab, axe, f"the call's {path} at {width}px")
    finally:
        context.close()
        server.stop()
