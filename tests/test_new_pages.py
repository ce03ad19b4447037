"""The pages of a programme with editions: call to enter, status, winners, judges, library, editions.

A scratch two-edition programme (the Riverside Health Equity Awards: 2026 is current, 2025 is
past) is built at fixed moments (SOURCE_DATE_EPOCH) through its year, served under a base path
as GitHub Pages would, and checked in headless Chromium: the library's filters, the countdown
closing the call when the deadline passes, axe-core and the Nu HTML checker on one page of
each kind and phase, and screenshots at phone and desktop widths (in /tmp/shots/).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import struct
import subprocess
import zlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from browser import SiteServer
from conftest import ROOT
from htmltools import parse
from webtools import java, vnu_jar

from awardsite import model, pipeline

UK = ZoneInfo("Europe/London")
PREFIX = "/riverside/"
SHOTS = Path("/tmp/shots")

SITE = {
    "site.yaml": """\
title: Riverside Health Equity Awards 2026
edition: "2026"
base_url: https://example.org/riverside/
intro: |
  The Riverside Health Equity Awards celebrate teams that close gaps in health
  between neighbourhoods, generations and communities.
entries_open: 2026-03-02 09:00
entries_close: 2026-05-22 17:00
shortlist_announced: 2026-07-01 10:00
winners_announced: 2026-10-15 19:00
key_dates:
  - date: 2026-06-18
    label: Judging day
contacts:
  - role: Entries and eligibility
    name: Awards team
    email: awards@example.org
  - role: Press
    phone: "020 7946 0000"
results:
  - slug: gold
    label: Gold award
    plural: Gold awards
  - slug: silver
    label: Silver award
    plural: Silver awards
  - slug: shortlisted
    label: Shortlisted
focus_areas:
  - slug: maternity
    label: Maternity care
  - slug: mental-health
    label: Mental health
  - slug: children
    label: Children and families
  - slug: digital
    label: Digital inclusion
""",
    "categories/children.yaml": """\
title: Children and young people's award
order: 1
intro: For teams that improve the health of children and young people who are least well served.
eligibility: NHS and voluntary sector teams in the Riverside area.
criteria:
  - heading: Impact
    points: [Measured change for children and families]
how_to_enter: Read the criteria, then fill in the online form.
entry_url: https://enter.example.org/children
""",
    "categories/mental-health.yaml": """\
title: Mental health services award
order: 2
intro: For mental health services that reach people who were missed before.
eligibility: Any mental health service in the Riverside area.
criteria:
  - heading: Reach
    points: [Who the service now reaches]
entry_url: https://enter.example.org/mental-health
entries_close: 2026-04-30
""",
    "categories/community.yaml": """\
title: Community partnership award
order: 3
intro: For partnerships between the NHS and community groups.
eligibility: Partnerships of two or more organisations.
criteria:
  - heading: Partnership
    points: [Shared decisions and shared credit]
entry_url: https://enter.example.org/community
entries_open: 2026-06-01 09:00
entries_close: 2026-06-26 17:00
""",
    "shortlist/children.yaml": """\
entries:
  - organisation: Northbank Children's Trust
    title: Breakfast clinics in primary schools
    synopsis: Nurses ran clinics at breakfast clubs in six schools.
    result: gold
    citation: A simple idea, done well, that reached **every** child in the schools.
    focus_areas: [children]
    tags: [Schools]
  - organisation: Riverside Maternity Network
    title: Midwives on the bus
    synopsis: A mobile antenatal clinic for families without a car.
    result: silver
    citation: Brought care to families who had stopped coming.
    focus_areas: [maternity, children]
    tags: [Transport]
  - organisation: Eastside Digital Health
    title: Text reminders in twelve languages
    synopsis: Appointment reminders in the languages families speak.
    focus_areas: [digital, children]
""",
    "shortlist/mental-health.yaml": """\
entries:
  - organisation: Westbank Mental Health Service
    title: Crisis cafe at the station
    synopsis: An evening cafe where people in crisis can talk to a nurse.
    result: gold
    citation: Open when people need it, where they are.
    focus_areas: [mental-health]
  - organisation: Riverside Young Minds
    title: Peer support online
    synopsis: Young people trained to support each other in a moderated forum.
    focus_areas: [mental-health, digital]
""",
    "judges.yaml": """\
chair:
  name: Dr Ann Example
  role: Chair of the judges
  organisation: Riverside Health Partnership
  photo:
    file: judges/ann.png
    alt: Ann Example, smiling, in a blue jacket
  bio: Ann has led community health services for **twenty years**.
  categories: [children, mental-health]
judges:
  - name: Bo Sample
    role: Director of nursing
    organisation: Northbank Hospitals
    bio: Bo trained as a children's nurse.
    categories: [children]
  - name: Cy Person
    role: Patient representative
    categories: [mental-health, community]
""",
    "editions/2025/edition.yaml": """\
title: Riverside Health Equity Awards 2025
intro: The first year of the Riverside Health Equity Awards.
entries_open: 2025-03-03 09:00
entries_close: 2025-05-23 17:00
shortlist_announced: 2025-07-01 10:00
winners_announced: 2025-10-16 19:00
contacts:
  - role: Entries and eligibility
    email: awards@example.org
""",
    "editions/2025/categories/children.yaml": """\
title: Children's health award
order: 1
intro: For teams that improve children's health.
eligibility: NHS teams in the Riverside area.
criteria:
  - heading: Impact
    points: [Measured change]
entry_url: https://enter.example.org/2025/children
""",
    "editions/2025/categories/mental-health.yaml": """\
title: Mental health services award
order: 2
intro: For mental health services that reach people who were missed before.
eligibility: Any mental health service in the Riverside area.
criteria:
  - heading: Reach
    points: [Who the service now reaches]
""",
    "editions/2025/shortlist/children.yaml": """\
entries:
  - organisation: Southbank Health Visitors
    title: Weighing clinics in libraries
    synopsis: Baby clinics moved from the surgery to the local library.
    result: gold
    citation: Made the library the friendliest clinic in town.
    focus_areas: [children, maternity]
  - organisation: Riverside School Nurses
    title: Asthma plans for every pupil
    synopsis: Every pupil with asthma got a written plan.
    focus_areas: [children]
""",
    "editions/2025/shortlist/mental-health.yaml": """\
entries:
  - organisation: Harbour Talking Therapies
    title: Therapy in community languages
    synopsis: Talking therapies offered in Bengali, Polish and Somali.
    result: silver
    citation: Opened therapy to people who had never been offered it.
    focus_areas: [mental-health]
  - organisation: Riverside Recovery College
    title: Courses co-produced with students
    synopsis: Recovery courses written with the people who take them.
    focus_areas: [mental-health]
""",
    "editions/2025/judges.yaml": """\
chair:
  name: Dr Ann Example
  role: Chair of the judges
  categories: [children, mental-health]
""",
}


def png(width: int = 96, height: int = 96, colour: tuple[int, int, int] = (0, 94, 184)) -> bytes:
    """A plain PNG picture of one colour, for a judge's photo."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes(colour) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def write_riverside(folder: Path) -> Path:
    """The scratch two-edition programme's content folder."""
    for name, text in SITE.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (folder / "media" / "judges").mkdir(parents=True)
    (folder / "media" / "judges" / "ann.png").write_bytes(png())
    return folder


def epoch(text: str) -> int:
    """SOURCE_DATE_EPOCH for a UK time, `2026-05-11 10:00`."""
    return int(datetime.datetime.fromisoformat(text).replace(tzinfo=UK).timestamp())


# Moments of the current (2026) edition's year, UK time.
MOMENTS = {
    "before": "2026-02-01 12:00",  # entries open on 2 March
    "open": "2026-05-11 10:00",  # 11 days to the deadline; mental health closed, community not yet open
    "closed": "2026-06-10 12:00",  # entries closed, no shortlist yet (community is open)
    "shortlist": "2026-08-01 12:00",  # shortlist announced, results not yet
    "results": "2026-11-01 12:00",  # winners announced
}


def build_at(content: Path, out: Path, moment: str) -> Path:
    """Build `content` into `out` as of `moment` (UK time)."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch(moment))
    try:
        pipeline.build(content, out)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return out


# --- the builds -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The programme built at each moment of MOMENTS: phase -> output folder."""
    root = tmp_path_factory.mktemp("riverside")
    content = write_riverside(root / "content")
    return {phase: build_at(content, root / phase, moment) for phase, moment in MOMENTS.items()}


@pytest.fixture(scope="module")
def served(builds: dict[str, Path]):  # type: ignore[no-untyped-def]
    """Each build served under /riverside/, as GitHub Pages would: phase -> server."""
    servers = {phase: SiteServer(out, PREFIX) for phase, out in builds.items()}
    yield servers
    for server in servers.values():
        server.stop()


def page(out: Path, path: str):  # type: ignore[no-untyped-def]
    return parse((out / path / "index.html").read_bytes() if not path.endswith(".html") else (out / path).read_bytes())


def text(element) -> str:  # type: ignore[no-untyped-def]
    """Visible text as read, without the space the parser leaves before punctuation."""
    return re.sub(r"\s+([,.:;)])", r"\1", element.text())


def hrefs(element) -> list[str]:  # type: ignore[no-untyped-def]
    return [a.attrs.get("href", "") for a in element.find_all("a")]


ENTRY_URLS = ("https://enter.example.org/children", "https://enter.example.org/mental-health",
              "https://enter.example.org/community", "https://enter.example.org/2025/children")


# --- category pages: the call to enter --------------------------------------------------------------------------

def test_an_open_call_comes_first_with_its_deadline_countdown_and_entry_link(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["open"], "2026/categories/children").find("main")
    call = main.find(class_="call")
    assert call.attrs["data-phase"] == "open"
    assert call.attrs["data-deadline"] == "2026-05-22T17:00+01:00"
    assert text(call).startswith("Entries close Friday 22 May 2026, 17:00 UK time")
    assert call.find("span", class_="countdown").text() == "11 days left"
    assert "https://enter.example.org/children" in hrefs(call)
    assert call.find("a", class_="button").text() == "Start your entry for the Children and young people's award"
    html = (builds["open"] / "2026/categories/children/index.html").read_text()
    assert html.index('class="call') < html.index("<h2") < html.index(">Eligibility<")  # before every heading


def test_before_entries_open_the_call_says_when_and_nothing_links_to_the_entry_form(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["open"], "2026/categories/community").find("main")
    call = main.find(class_="call")
    assert call.attrs["data-phase"] == "before" and "data-deadline" not in call.attrs
    assert text(call).startswith("Entries open on Monday 1 June 2026, 09:00 UK time")
    assert "https://enter.example.org/community" not in (builds["open"] / "2026/categories/community/index.html").read_text()


def test_once_entries_close_the_call_says_so_and_no_page_links_to_the_entry_form(builds) -> None:  # type: ignore[no-untyped-def]
    call = page(builds["open"], "2026/categories/mental-health").find("main").find(class_="call")
    assert call.attrs["data-phase"] == "closed"
    assert text(call).startswith("Entries closed on Thursday 30 April 2026")  # a date alone: that whole day
    for phase, closed in {"open": ENTRY_URLS[1:2] + ENTRY_URLS[2:], "results": ENTRY_URLS}.items():
        for path in builds[phase].rglob("*.html"):
            html = path.read_text()
            assert not any(url in html for url in closed), (phase, path)
    children = page(builds["results"], "2026/categories/children").find("main")
    assert children.find(class_="call").attrs["data-phase"] == "closed"
    assert "How to enter" in [h.text() for h in children.find_all("h2")]  # the guidance stays, the button goes
    assert not children.find_all("a", class_="button")


@pytest.mark.parametrize(("moment", "slug", "wording"), [
    ("2026-05-21 09:00", "children", "closes tomorrow at 17:00"),
    ("2026-05-22 16:58", "children", "closes today at 17:00"),
    ("2026-04-28 23:59", "mental-health", "2 days left"),
    ("2026-04-29 00:00", "mental-health", "closes tomorrow"),  # a date alone: closes at the end of 30 April
    ("2026-04-30 23:59", "mental-health", "closes today"),
])
def test_the_countdown_is_written_as_of_the_build(tmp_path: Path, moment: str, slug: str, wording: str) -> None:
    out = build_at(write_riverside(tmp_path / "content"), tmp_path / "out", moment)
    call = page(out, f"2026/categories/{slug}").find(class_="call")
    assert call.attrs["data-phase"] == "open"
    assert call.find("span", class_="countdown").text() == wording
    assert ("data-all-day" in call.attrs) == (slug == "mental-health")


def test_with_results_the_category_names_its_winners_panel_and_other_years(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["results"], "2026/categories/children").find("main")
    note = main.find(class_="winners-note")
    assert text(note) == "Gold award: Breakfast clinics in primary schools, Northbank Children's Trust"
    assert hrefs(note) == ["/riverside/2026/shortlist/children/breakfast-clinics-in-primary-schools/"]
    headings = [h.text() for h in main.find_all("h2")]
    assert headings[:2] == ["Eligibility", "Judging criteria"]
    assert "Judging panel" in headings and headings[-1] == "This award in other years"
    panel = main.find("ul", class_="panel-list")
    assert [li.find("span").text() for li in panel.find_all("li")] == ["Dr Ann Example", "Bo Sample"]
    assert "/riverside/2026/judges/" in hrefs(main)
    other = main.find("ul", class_="other-years")
    assert hrefs(other) == ["/riverside/2025/categories/children/"]
    assert text(other) == "Riverside Health Equity Awards 2025: Children's health award"
    assert not page(builds["shortlist"], "2026/categories/children").find_all(class_="winners-note")  # embargoed


def test_a_past_editions_pages_say_so_and_point_to_the_current_one(builds) -> None:  # type: ignore[no-untyped-def]
    for path in ("2025", "2025/categories/children", "2025/winners", "2025/judges", "2025/shortlist"):
        notice = page(builds["open"], path).find("main").find(class_="notice")
        assert text(notice) == "This is the 2025 edition. See the current edition"
        assert hrefs(notice) == ["/riverside/"]
    for path in ("", "2026", "2026/categories/children", "library", "editions"):
        assert not page(builds["open"], path).find_all(class_="notice"), path


# --- home pages: the status line --------------------------------------------------------------------------------

STATUS = {
    "before": ("before", "Entries open on Monday 2 March 2026, 09:00 UK time", []),
    "open": ("open", "Entries close Friday 22 May 2026, 17:00 UK time — 11 days left Enter now", ["#categories"]),
    # One award has its own, later deadline: the home page says it is still open, and links to it.
    "closed": ("closed", "Entries have closed, except for Community partnership award (until Friday 26 June 2026, "
                         "17:00 UK time). The shortlist will be announced on Wednesday 1 July 2026, 10:00 UK time.",
               ["/riverside/2026/categories/community/"]),
    "shortlist": ("shortlist", ("Shortlist announced — see it The winners will be announced on Thursday 15 October "
                                "2026, 19:00 UK time."), ["/riverside/2026/shortlist/"]),
    "results": ("results", "Winners announced — see them", ["/riverside/2026/winners/"]),
}


@pytest.mark.parametrize("phase", list(MOMENTS))
def test_the_home_page_says_where_the_year_is(builds, phase: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("", "2026"):
        main = page(builds[phase], path).find("main")
        status = main.find(class_="status")
        assert (status.attrs["data-phase"], text(status), hrefs(status)) == STATUS[phase]
    assert main.find("h2", id="categories").text() == "Award categories"  # where "Enter now" goes
    if phase == "open":
        assert status.attrs["data-deadline"] == "2026-05-22T17:00+01:00"


def test_key_dates_include_the_milestones_and_mark_the_past(builds) -> None:  # type: ignore[no-untyped-def]
    dates = page(builds["open"], "").find("ul", class_="key-dates").find_all("li")
    assert [(d.find("span", class_="key-date__label").text(), "key-date--past" in d.attrs["class"]) for d in dates] == [
        ("Entries open", True), ("Entries close", False), ("Judging day", False), ("Shortlist announced", False),
        ("Winners announced", False)]


def test_the_navigation_follows_the_pages_there_are(builds) -> None:  # type: ignore[no-untyped-def]
    def nav(phase: str, path: str) -> list[tuple[str, str, bool]]:
        links = page(builds[phase], path).find("nav", class_="site-header__nav").find_all("a")
        return [(a.text(), a.attrs["href"], a.attrs.get("aria-current") == "page") for a in links]

    assert nav("open", "library") == [("Home", "/riverside/", False), ("Judges", "/riverside/2026/judges/", False),
                                      ("Library", "/riverside/library/", True),
                                      ("Every year", "/riverside/editions/", False)]
    assert nav("results", "2026/winners") == [
        ("Home", "/riverside/", False), ("Shortlist", "/riverside/2026/shortlist/", False),
        ("Winners", "/riverside/2026/winners/", True), ("Judges", "/riverside/2026/judges/", False),
        ("Library", "/riverside/library/", False), ("Every year", "/riverside/editions/", False)]
    assert nav("open", "2025/judges")[:4] == [
        ("Home", "/riverside/2025/", False), ("Shortlist", "/riverside/2025/shortlist/", False),
        ("Winners", "/riverside/2025/winners/", False), ("Judges", "/riverside/2025/judges/", True)]
    assert nav("open", "")[0] == ("Home", "/riverside/", True)
    footer = page(builds["open"], "2025").find("footer")
    assert {"/riverside/editions/", "/riverside/library/", "mailto:awards@example.org"} <= set(hrefs(footer))


# --- shortlist, entry and winners pages ---------------------------------------------------------------------------

def test_the_shortlist_shows_results_distinctly_once_published(builds) -> None:  # type: ignore[no-untyped-def]
    before = page(builds["shortlist"], "2026/shortlist").find("main")
    assert before.find("h1").text() == "The shortlist"
    assert not before.find_all(class_="entry__result") and not before.find_all(class_="citation")
    assert not before.find_all("li", class_="entry--awarded")
    after = page(builds["results"], "2026/shortlist").find("main")
    assert after.find("h1").text() == "Winners and shortlist"
    panel = after.find("section", id="children")
    entries = panel.find_all("li", class_="entry")
    assert [e.attrs["class"].split() for e in entries] == [
        ["entry", "entry--awarded", "entry--gold", "entry--rank-1"],
        ["entry", "entry--awarded", "entry--silver", "entry--rank-2"], ["entry"]]
    assert [[b.text() for b in e.find_all("p", class_="entry__result")] for e in entries] == [
        ["Gold award"], ["Silver award"], []]
    citation = entries[0].find(class_="citation")
    assert citation.find("h4").text() == "The judges said"
    assert text(citation.find(class_="citation__text")) == "A simple idea, done well, that reached every child in " \
                                                           "the schools."


def test_an_entry_page_says_what_it_won_where_and_when(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["results"], "2026/shortlist/children/midwives-on-the-bus").find("main")
    assert main.find("h1").text() == "Midwives on the bus"
    assert text(main.find(class_="entry-page__award")) == \
        "Silver award · Children and young people's award 2026"
    assert main.find(class_="citation").find("h2").text() == "The judges said"
    focus = main.find("ul", class_="entry__focus")
    assert [li.text().split(":")[0].strip() for li in focus.find_all("li")] == ["Maternity care", "Children and families"]
    assert hrefs(focus) == ["/riverside/library/?focus=maternity", "/riverside/library/?focus=children"]
    assert [li.text() for li in main.find("ul", class_="entry__tags").find_all("li")] == ["Transport"]
    assert hrefs(main.find("ul", class_="entry-page__others")) == [
        "/riverside/2026/shortlist/children/breakfast-clinics-in-primary-schools/",
        "/riverside/2026/shortlist/children/text-reminders-in-twelve-languages/"]
    plain = page(builds["shortlist"], "2026/shortlist/children/midwives-on-the-bus").find("main")
    assert text(plain.find(class_="entry-page__award")).startswith("Shortlisted · Children")  # embargoed
    assert not plain.find_all(class_="citation")


def test_the_winners_page_lists_every_award_with_its_citation_and_no_plain_shortlisted_entry(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["results"], "2026/winners").find("main")
    assert main.find("h1").text() == "Winners 2026"
    groups = main.find_all("section", class_="award-group")
    assert [g.find("h2").text() for g in groups] == ["Children and young people's award", "Mental health services award"]
    titles = [[e.find("h3").text() for e in g.find_all("li", class_="entry")] for g in groups]
    assert titles == [["Breakfast clinics in primary schools", "Midwives on the bus"], ["Crisis cafe at the station"]]
    assert len(main.find_all(class_="citation")) == 3
    assert "Text reminders" not in main.text() and "Peer support" not in main.text()
    assert not (builds["shortlist"] / "2026/winners").exists()  # nothing to show before the results


def test_the_judges_page_puts_the_chair_first_with_photos_and_panels(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["open"], "2026/judges").find("main")
    judges = main.find_all("li", class_="judge")
    assert [j.find("h3").text() for j in judges] == ["Dr Ann Example", "Bo Sample", "Cy Person"]
    assert "judge--chair" in judges[0].attrs["class"]
    photo = judges[0].find("img")
    assert photo.attrs["src"] == "/riverside/media/judges/ann.png"
    assert photo.attrs["alt"] == "Ann Example, smiling, in a blue jacket"
    assert (builds["open"] / "media/judges/ann.png").is_file()
    assert judges[0].find(class_="judge__bio").find("strong").text() == "twenty years"
    assert text(judges[2].find(class_="judge__panels")) == "Judges Mental health services award and Community " \
                                                           "partnership award"
    panels = main.find("dl", class_="panels")
    assert [text(d) for d in panels.find_all("dd")] == ["Dr Ann Example (chair), Bo Sample",
                                                        "Dr Ann Example (chair), Cy Person", "Cy Person"]


def test_the_editions_page_lists_every_year_newest_first_with_its_pages(builds) -> None:  # type: ignore[no-untyped-def]
    cards = page(builds["results"], "editions").find("main").find_all("li", class_="edition-card")
    assert [c.find("h2").text() for c in cards] == ["Riverside Health Equity Awards 2026",
                                                    "Riverside Health Equity Awards 2025"]
    assert hrefs(cards[0]) == ["/riverside/2026/", "/riverside/2026/shortlist/", "/riverside/2026/winners/",
                               "/riverside/2026/judges/"]
    assert hrefs(cards[1]) == ["/riverside/2025/", "/riverside/2025/shortlist/", "/riverside/2025/winners/",
                               "/riverside/2025/judges/"]
    early = page(builds["open"], "editions").find("main").find_all("li", class_="edition-card")
    assert hrefs(early[0]) == ["/riverside/2026/", "/riverside/2026/judges/"]  # no shortlist or winners yet


def test_the_library_lists_every_published_entry_with_what_the_filters_read(builds) -> None:  # type: ignore[no-untyped-def]
    main = page(builds["results"], "library").find("main")
    items = main.find_all("li", class_="library-item")
    assert len(items) == 9
    first = items[0]
    assert {k: first.attrs[k] for k in ("data-edition", "data-category", "data-result", "data-focus")} == {
        "data-edition": "2026", "data-category": "children", "data-result": "gold", "data-focus": "children"}
    assert hrefs(first.find("h2")) == ["/riverside/2026/shortlist/children/breakfast-clinics-in-primary-schools/"]
    form = main.find("form")
    assert "hidden" not in form.attrs  # the stylesheet shows it where scripts run (`scripting: enabled`), from the first paint
    for name in ("q", "focus", "edition", "category", "result"):
        field = form.find(id=f"library-{name}")
        assert field.attrs["name"] == name
        assert form.find("label", for_=f"library-{name}")
    assert form.find(role="status")
    assert [o.attrs["value"] for o in form.find("select", id="library-edition").find_all("option")] == ["", "2026", "2025"]
    early = page(builds["open"], "library").find("main").find_all("li", class_="library-item")
    assert {i.attrs["data-edition"] for i in early} == {"2025"}  # the 2026 shortlist is not out yet


def test_the_ids_of_the_new_pages_are_reserved_so_no_category_can_take_them() -> None:
    """The home page's `categories` and the library form's field ids: a category slug is an id on the shortlist."""
    assert {"categories", "library-q", "library-focus", "library-edition", "library-category",
            "library-result"} <= set(model.RESERVED_IDS)


# --- in the browser ---------------------------------------------------------------------------------------------

def open_page(browser, url: str, width: int = 1280, *, at: str | None = None, javascript: bool = True):  # type: ignore[no-untyped-def]
    """A fresh page at `url`; with `at` (UK time), the page's clock starts then instead of now."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=javascript)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    if at:
        tab.clock.install(time=epoch(at))
    response = tab.goto(url)
    assert response and response.status == 200, url
    return context, tab, errors


def shown_items(tab) -> list[str]:  # type: ignore[no-untyped-def]
    return tab.eval_on_selector_all(
        ".library-item", "items => items.filter(i => !i.hidden && i.offsetParent !== null)"
                         ".map(i => i.querySelector('h2').textContent.trim())")


def library_titles(out: Path, **wanted: str) -> list[str]:
    """The titles of the library items whose data- attributes match `wanted` (focus: one of several)."""
    items = page(out, "library").find_all("li", class_="library-item")
    def keep(item) -> bool:  # type: ignore[no-untyped-def]
        return all(value in item.attrs[f"data-{key}"].split() for key, value in wanted.items())
    return [i.find("h2").text() for i in items if keep(i)]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_library_filters_by_focus_area_and_edition_offline(browser, served, builds, width: int) -> None:  # type: ignore[no-untyped-def]
    expect = pytest.importorskip("playwright.sync_api").expect
    context, tab, errors = open_page(browser, served["results"].url + "library/", width)
    try:
        status = tab.locator("[data-library-status]")
        assert status.get_attribute("role") == "status"
        tab.context.set_offline(True)  # everything it needs is already on the page
        tab.get_by_label("Focus area", exact=True).select_option("maternity")
        wanted = library_titles(builds["results"], focus="maternity")
        assert len(wanted) == 2
        expect(status).to_have_text(f"{len(wanted)} of 9 projects match.")
        assert shown_items(tab) == wanted
        assert tab.evaluate("location.search") == "?focus=maternity"
        tab.get_by_label("Year", exact=True).select_option("2025")
        wanted = library_titles(builds["results"], focus="maternity", edition="2025")
        expect(status).to_have_text("1 of 9 projects match.")
        assert shown_items(tab) == wanted == ["Weighing clinics in libraries"]
        tab.get_by_label("Focus area", exact=True).select_option("")
        wanted = library_titles(builds["results"], edition="2025")
        expect(status).to_have_text(f"{len(wanted)} of 9 projects match.")
        assert shown_items(tab) == wanted
        tab.get_by_label("Search the library").fill("THERAPIES")  # any case
        expect(status).to_have_text("1 of 9 projects match.")
        assert shown_items(tab) == ["Therapy in community languages"]
        assert tab.evaluate("location.search") == "?q=THERAPIES&edition=2025"
        tab.get_by_label("Search the library").fill("zzz")
        expect(status).to_have_text("No projects match. Try fewer words or other filters.")
        assert shown_items(tab) == []
        tab.get_by_role("button", name="Clear the search and filters").click()
        expect(status).to_have_text("")
        assert len(shown_items(tab)) == 9 and tab.evaluate("location.search") == ""
        tab.context.set_offline(False)
        tab.goto(served["results"].url + "library/?result=silver&category=children")  # a shared address
        expect(status).to_have_text("1 of 9 projects match.")
        assert shown_items(tab) == ["Midwives on the bus"]
        assert tab.get_by_label("Result", exact=True).input_value() == "silver"
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
    # Offline, Chromium's fetch of the favicon again when the address changes fails: not the page's doing.
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def test_without_javascript_the_library_lists_everything_and_hides_the_form(browser, served) -> None:  # type: ignore[no-untyped-def]
    context, tab, _ = open_page(browser, served["results"].url + "library/?focus=maternity", javascript=False)
    try:
        assert len(shown_items(tab)) == 9
        assert not tab.locator("form").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("path", ["2026/categories/children/", ""])
def test_the_countdown_closes_the_call_when_the_deadline_passes(browser, served, path: str) -> None:  # type: ignore[no-untyped-def]
    expect = pytest.importorskip("playwright.sync_api").expect
    context, tab, errors = open_page(browser, served["open"].url + path, at="2026-05-22 16:59")
    try:
        call = tab.locator("[data-deadline]")
        expect(call.locator("[data-countdown]")).to_have_text("closes today at 17:00")  # kept current: not "11 days"
        assert call.get_attribute("data-phase") == "open"
        links = tab.locator("[data-entry-link] a")
        assert links.count() == (2 if path else 1)  # the call's and How to enter's; the home page's Enter now
        tab.clock.run_for(61_000)
        expect(call).to_have_attribute("data-phase", "closed")
        expect(call).to_have_text("Entries have closed")
        assert links.count() == 0
        assert tab.locator("a[href^='https://enter.example.org']").count() == 0
    finally:
        context.close()
    assert errors == []


def test_the_countdown_counts_the_days_in_uk_time(browser, served) -> None:  # type: ignore[no-untyped-def]
    expect = pytest.importorskip("playwright.sync_api").expect
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="America/Los_Angeles")
    tab = context.new_page()
    try:
        tab.clock.install(time=epoch("2026-05-20 23:30"))  # 15:30 in Los Angeles, still 20 May there
        tab.goto(served["open"].url + "2026/categories/children/")
        countdown = tab.locator("[data-countdown]")
        expect(countdown).to_have_text("2 days left")
        tab.clock.run_for(31 * 60_000)  # past midnight in the UK: 21 May
        expect(countdown).to_have_text("closes tomorrow at 17:00")
    finally:
        context.close()


def test_the_countdown_to_a_deadline_given_as_a_date_alone_runs_to_the_end_of_that_day(browser, tmp_path) -> None:  # type: ignore[no-untyped-def]
    expect = pytest.importorskip("playwright.sync_api").expect
    out = build_at(write_riverside(tmp_path / "content"), tmp_path / "out", "2026-04-28 12:00")
    server = SiteServer(out, PREFIX)
    try:
        context, tab, errors = open_page(browser, server.url + "2026/categories/mental-health/", at="2026-04-28 12:00")
        call, countdown = tab.locator(".call"), tab.locator("[data-countdown]")
        expect(countdown).to_have_text("2 days left")
        tab.clock.run_for("12:01:00")  # 29 April, 00:01
        expect(countdown).to_have_text("closes tomorrow")
        tab.clock.run_for("24:00:00")  # 30 April, 00:01: the last day
        expect(countdown).to_have_text("closes today")
        assert call.get_attribute("data-phase") == "open"
        tab.clock.run_for("23:59:00")  # 1 May, 00:00
        expect(call).to_have_text("Entries have closed")
        assert tab.locator("a[href='https://enter.example.org/mental-health']").count() == 0
        context.close()
    finally:
        server.stop()
    assert errors == []


# --- accessibility and valid HTML ------------------------------------------------------------------------------

# (phase, path): one page of each new kind, each call and status phase, and an entry with a citation.
CHECKED = [
    ("results", "2026/winners/"), ("results", "2025/judges/"), ("results", "2026/judges/"), ("results", "library/"),
    ("results", "editions/"), ("results", "categories/children/"),  # a redirect
    ("open", "2026/categories/children/"), ("open", "2026/categories/community/"),
    ("open", "2026/categories/mental-health/"), ("results", "2026/categories/children/"),
    ("results", "2025/categories/children/"),
    *[(phase, "") for phase in MOMENTS], ("results", "2025/"),
    ("results", "2026/shortlist/children/breakfast-clinics-in-primary-schools/"), ("results", "2026/shortlist/"),
    ("shortlist", "2026/shortlist/children/midwives-on-the-bus/"),
]


@pytest.fixture(scope="module")
def axe() -> str:
    from webtools import axe_script
    return axe_script()


def redirected_elsewhere(tab) -> None:  # type: ignore[no-untyped-def]
    """Keep a redirect page on screen: a 204 answer to where it sends the browser means "stay"."""
    tab.route(re.compile(r".*/riverside/2026/.*"), lambda route: route.fulfill(status=204))


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize(("phase", "path"), CHECKED, ids=[f"{p}:{q or 'home'}" for p, q in CHECKED])
def test_no_wcag_violations(browser, served, axe, phase: str, path: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import assert_no_violations
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.clock.install(time=epoch(MOMENTS[phase]))
        if path.startswith("categories/"):
            redirected_elsewhere(tab)
        tab.goto(served[phase].url + path)
        tab.wait_for_timeout(50)
        assert tab.url == served[phase].url + path
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
        assert_no_violations(tab, axe, f"{phase} {path or 'home'} at {width}px")
    finally:
        context.close()


def test_the_library_has_no_wcag_violations_while_filtered(browser, served, axe) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import assert_no_violations
    expect = pytest.importorskip("playwright.sync_api").expect
    context, tab, _ = open_page(browser, served["results"].url + "library/?focus=mental-health", 375)
    try:
        expect(tab.get_by_role("status")).to_have_text("4 of 9 projects match.")
        assert_no_violations(tab, axe, "library filtered")
    finally:
        context.close()


def vnu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors in `files`, one JVM for all of them: `file:line: message «extract»`."""
    result = subprocess.run([java(), "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
                            check=False, capture_output=True, text=True, encoding="utf-8", timeout=600)
    messages = json.loads(result.stderr)["messages"]  # exit status 1 only means "errors found"
    return [f"{m.get('url', '?')}:{m.get('firstLine', m.get('lastLine'))}: {m.get('message')} «{m.get('extract', '')}»"
            for m in messages]


def test_every_page_of_every_phase_is_valid_html(builds) -> None:  # type: ignore[no-untyped-def]
    problems = vnu_errors(sorted(path for out in builds.values() for path in out.rglob("*.html")))
    assert problems == []
    assert {(phase, path) for phase, path in CHECKED} <= {
        (p, f.relative_to(builds[p]).as_posix()[:-len("index.html")]) for p in builds for f in builds[p].rglob("*.html")}


# --- screenshots ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize(("phase", "path", "name"), [("results", "2026/winners/", "winners"),
                                                     ("results", "library/", "library"),
                                                     ("open", "2026/categories/children/", "category-open")])
def test_screenshots(browser, served, phase: str, path: str, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    context, tab, errors = open_page(browser, served[phase].url + path, width, at=MOMENTS[phase])
    try:
        assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")  # CSS loaded
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    finally:
        context.close()
    assert errors == []


# --- the Riverside example in the repository (examples/riverside-awards) -------------------------------------------

EXAMPLE = ROOT / "examples" / "riverside-awards"
EXAMPLE_MOMENTS = {"open": "2026-05-11 10:00", "shortlist": "2026-10-01 12:00", "results": "2026-11-29 12:00"}
EXAMPLE_PAGES = ["", "editions/", "library/", "2025/", "2025/winners/", "2025/judges/", "2026/judges/",
                 "2026/categories/children-and-young-people/", "2026/categories/early-diagnosis/",
                 "2025/categories/digital-inclusion/", "2026/shortlist/", "2026/winners/",
                 "<an entry with a citation>", "2026/categories/cynnig-rhagweithiol/",  # in Welsh
                 "2026/categories/community-partnership/", "about/", "faqs/", "news/", "news/entries-open-for-2026/",
                 "accessibility/", "categories/digital-inclusion/"]  # a redirect: last, see below


@pytest.fixture(scope="module")
def example_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not (EXAMPLE / "site.yaml").is_file():
        pytest.skip("no examples/riverside-awards in this checkout")
    root = tmp_path_factory.mktemp("example")
    return {phase: build_at(EXAMPLE, root / phase, moment) for phase, moment in EXAMPLE_MOMENTS.items()}


def test_every_page_of_the_example_in_every_phase_is_valid_html(example_builds) -> None:  # type: ignore[no-untyped-def]
    assert vnu_errors(sorted(path for out in example_builds.values() for path in out.rglob("*.html"))) == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("phase", list(EXAMPLE_MOMENTS))
def test_the_examples_pages_have_no_wcag_violations(browser, example_builds, axe, phase: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from test_accessibility import assert_no_violations
    out = example_builds[phase]
    server = SiteServer(out, "/riverside-awards/")
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.clock.install(time=epoch(EXAMPLE_MOMENTS[phase]))
        for path in EXAMPLE_PAGES:
            if path.startswith("<"):
                cited = [p for p in sorted(out.glob("2025/shortlist/*/*/index.html")) if "The judges said" in p.read_text()]
                path = cited[0].parent.relative_to(out).as_posix() + "/"
            if not (out / path / "index.html").is_file():
                continue  # not published yet in this phase
            if path.startswith("categories/"):  # keep the page that only sends visitors on: 204 means "stay"
                tab.route("**/20*/categories/**", lambda route: route.fulfill(status=204))
            tab.goto(server.url + path)
            tab.wait_for_timeout(100)
            assert tab.url == server.url + path
            assert tab.evaluate("document.documentElement.scrollWidth") <= width, path
            assert_no_violations(tab, axe, f"example {phase} {path or 'home'} at {width}px")
    finally:
        context.close()
        server.stop()


@pytest.mark.parametrize("width", [1280, 375])
def test_the_librarys_filters_are_there_from_the_first_paint_so_nothing_moves(browser, served, width: int) -> None:  # type: ignore[no-untyped-def]
    """Cumulative layout shift as Chromium measures it, with library.js arriving after the page has painted."""
    import re
    import time
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.route(re.compile(r".*\.js$"), lambda route: (time.sleep(0.5), route.continue_()))
    try:
        tab.goto(served["results"].url + "library/", wait_until="load")
        tab.wait_for_timeout(400)
        shift = tab.evaluate("""() => new Promise(resolve => {
            let total = 0;
            new PerformanceObserver(list => {
                for (const shift of list.getEntries()) if (!shift.hadRecentInput) total += shift.value;
            }).observe({type: 'layout-shift', buffered: true});
            setTimeout(() => resolve(total), 300);
        })""")
        assert shift < 0.05, f"layout shift {shift:.3f}"
        assert tab.get_by_label("Focus area", exact=True).is_visible()
        tab.get_by_label("Focus area", exact=True).select_option("maternity")
        assert len(shown_items(tab)) == 2  # and the script is at work
    finally:
        context.close()
