"""Editions, milestones, the embargo, the results vocabulary: through the real pipeline, clock pinned.

Every moment is a minute either side of a milestone, computed here with zoneinfo in the
programme's time zone (UK time: entries open in GMT, close in British Summer Time, the
shortlist comes out in BST and the winners in GMT again), so a build that read the
milestones as UTC, or ignored summer time, would publish at the wrong minute.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from typing import Callable, Iterator
from zoneinfo import ZoneInfo

import markupsafe
import pytest

from awardsite import clock, pipeline
from awardsite.model import Edition
from conftest import ROOT, run_cli, write_site
from htmltools import Element, parse

ZONE = "Europe/London"
UTC = datetime.timezone.utc
OPEN, CLOSE = "2026-03-02 09:00", "2026-05-22 17:00"  # GMT, then BST
SHORTLIST, WINNERS = "2026-09-15 10:00", "2026-11-19 18:30"  # BST, then GMT
ENTRY_URL = "https://entries.example.org/phases/first/"
LATE_URL = "https://entries.example.org/phases/late/"
Builder = Callable[[int], Path]  # the `phases` fixture: builds the phase site at an epoch
Scratch = Callable[..., Path]  # conftest's `scratch` fixture

SITE = f"""\
title: Phase Awards
base_url: https://example.org/phases/
intro: An invented programme for testing; every organisation in it is fictional.
entries_open: "{OPEN}"
entries_close: "{CLOSE}"
shortlist_announced: "{SHORTLIST}"
winners_announced: "{WINNERS}"
results:
  - {{slug: laureate, label: Lantern Laureate, plural: Lantern Laureates}}
  - {{slug: commended, label: Commended}}
  - {{slug: finalist, label: Finalist}}
"""
CATEGORY = """\
title: {title}
intro: What the award recognises.
eligibility: Anyone may enter.
criteria:
  - heading: Ambition
    points: [Aims high]
how_to_enter: Fill in the form.
entry_url: {url}
"""
# The winner comes second in the file: until results are out, nothing may rank it first.
SHORTLIST_FILE = """\
entries:
  - organisation: Brackenfold Surgery
    title: Brackenfold Outreach Clinic
    synopsis: Evening clinics in a community hall.
  - organisation: Harbourside & Co Health Partnership
    title: "Salt & Light <Café> Quillworth Project"
    synopsis: A café where people can see a nurse.
    result: laureate
    citation: Quiet & steady work by the Vellanby team, the judges said.
"""
TITLE = "Salt & Light <Café> Quillworth Project"
CITATION = "Quiet & steady work by the Vellanby team"
EMBARGOED_BEFORE_SHORTLIST = ("quillworth", "brackenfold", "harbourside", "vellanby", "laureate")
EMBARGOED_BEFORE_WINNERS = ("vellanby", "laureate")  # the citation; the result's slug, label and plural


def at(text: str, minutes: int = 0) -> int:
    """SOURCE_DATE_EPOCH of `text` (`2026-05-22 17:00` or a date alone) in UK time, plus `minutes`."""
    moment = datetime.datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(ZONE))
    return int((moment + datetime.timedelta(minutes=minutes)).timestamp())


def build_at(folder: Path, epoch: int, out: Path) -> Path:
    """Build `folder` into `out` with the clock pinned to `epoch`; `out`."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        pipeline.build(folder, out)
    return out


def output_files(out: Path) -> Iterator[tuple[str, bytes]]:
    """(path, bytes) of every file the build wrote, hidden ones included."""
    for path in sorted(out.rglob("*")):
        if path.is_file():
            yield path.relative_to(out).as_posix(), path.read_bytes()


def files_with(out: Path, text: str, *, fold: bool = False) -> list[str]:
    """The output files whose bytes contain `text` (case-insensitively with `fold`).

    shortlist.json lists the programme's results vocabulary (every label, as site.yaml
    defines it) in every phase; that list says nothing about who won, so it is left out.
    """
    wanted = text.encode().lower() if fold else text.encode()
    found = []
    for name, data in output_files(out):
        data = without_vocabulary(data) if name == "shortlist.json" else data
        if wanted in (data.lower() if fold else data):
            found.append(name)
    return found


def without_vocabulary(data: bytes) -> bytes:
    """shortlist.json without its top-level `results` list."""
    parsed = json.loads(data)
    parsed.pop("results", None)
    return json.dumps(parsed, ensure_ascii=False).encode()


def escaped_forms(text: str) -> set[str]:
    """`text` as HTML, JSON, CSV or a calendar could write it."""
    dumped = json.dumps(text)[1:-1]
    return {text, str(markupsafe.escape(text)), text.replace("&", "&#38;"), dumped,
            json.dumps(text, ensure_ascii=False)[1:-1],
            dumped.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")}


def shortlist_json(out: Path) -> list[dict[str, object]]:
    """The entries of shortlist.json, every edition's and category's, in order."""
    data = json.loads((out / "shortlist.json").read_text(encoding="utf-8"))
    editions = data.get("editions", [data])  # a site without editions may be written either way
    return [entry for edition in editions for category in edition["categories"] for entry in category["entries"]]


def entries(*items: tuple[str, str]) -> str:
    """A shortlist file: one entry for each (title, further YAML lines of that entry)."""
    entry = "  - organisation: First Trust\n    title: {}\n    synopsis: What it did.\n{}"
    return "entries:\n" + "".join(entry.format(title, more) for title, more in items)


def phase_marks(page: str, state: str) -> list[Element]:
    """The elements of a page marked `data-phase="<state>"`."""
    return parse(page.encode()).find_all(data_phase=state)


@pytest.fixture(scope="module")
def phases(tmp_path_factory: pytest.TempPathFactory) -> Builder:
    """Build the phase site at an epoch (each epoch once per module)."""
    folder = write_site(tmp_path_factory.mktemp("phases") / "content", {
        "site.yaml": SITE, "categories/first.yaml": CATEGORY.format(title="First award", url=ENTRY_URL),
        "shortlist/first.yaml": SHORTLIST_FILE})
    built: dict[int, Path] = {}

    def build(epoch: int) -> Path:
        if epoch not in built:
            built[epoch] = build_at(folder, epoch, folder.parent / f"site-{epoch}")
        return built[epoch]
    return build


def test_the_milestones_fall_either_side_of_summer_time() -> None:
    milestones = (OPEN, CLOSE, SHORTLIST, WINNERS)
    utc = [datetime.datetime.fromtimestamp(at(text), UTC).strftime("%H:%M") for text in milestones]
    assert utc == ["09:00", "16:00", "09:00", "18:30"]  # GMT, BST, BST, GMT


# The call to enter -------------------------------------------------------------------------


def test_a_minute_before_entries_open_the_category_page_says_when_and_has_no_entry_link(phases: Builder) -> None:
    page = (phases(at(OPEN, -1)) / "categories/first/index.html").read_text(encoding="utf-8")
    marked = phase_marks(page, "before")
    assert marked and "entries open" in marked[0].text().casefold()
    assert not phase_marks(page, "open") and not phase_marks(page, "closed")
    assert ENTRY_URL not in page


def first_criterion(page: str) -> int:
    """Where the first criterion heading starts: the first `<h3` after the criteria heading."""
    return page.index("<h3", page.index('id="criteria"'))


@pytest.mark.parametrize("epoch", [at(OPEN, 1), at(CLOSE, -1)], ids=["just-opened", "a-minute-before-the-deadline"])
def test_while_entries_are_open_the_entry_link_comes_before_the_criteria(phases: Builder, epoch: int) -> None:
    page = (phases(epoch) / "categories/first/index.html").read_text(encoding="utf-8")
    marked = phase_marks(page, "open")
    assert marked and any(a.attrs.get("href") == ENTRY_URL for a in marked[0].find_all("a"))
    assert not phase_marks(page, "before") and not phase_marks(page, "closed")
    assert page.index(f'href="{ENTRY_URL}"') < first_criterion(page)


@pytest.mark.parametrize("epoch", [at(CLOSE, 1), at(SHORTLIST, 1), at(WINNERS, 1)],
                         ids=["a-minute-after-the-deadline", "shortlist-out", "winners-out"])
def test_after_the_deadline_the_entry_address_is_in_no_file(phases: Builder, epoch: int) -> None:
    out = phases(epoch)
    assert files_with(out, ENTRY_URL) == []
    page = (out / "categories/first/index.html").read_text(encoding="utf-8")
    assert phase_marks(page, "closed") and not phase_marks(page, "open")


@pytest.mark.parametrize(("epoch", "state"), [(at(OPEN, -1), "before"), (at(OPEN, 1), "open"), (at(CLOSE, -1), "open"),
                                             (at(CLOSE, 1), "closed")], ids=["before", "opened", "closing", "closed"])
def test_the_home_page_status_line_shows_the_entry_window(phases: Builder, epoch: int, state: str) -> None:
    page = (phases(epoch) / "index.html").read_text(encoding="utf-8")
    assert phase_marks(page, state)
    assert not any(phase_marks(page, other) for other in {"before", "open", "closed"} - {state})


# The embargo -------------------------------------------------------------------------------


@pytest.mark.parametrize("epoch", [at(OPEN, -1), at(CLOSE, 1), at(SHORTLIST, -1)],
                         ids=["before-opening", "after-the-deadline", "a-minute-before-the-shortlist"])
def test_before_the_shortlist_is_announced_no_entry_is_in_any_file(phases: Builder, epoch: int) -> None:
    out = phases(epoch)
    for word in EMBARGOED_BEFORE_SHORTLIST:  # titles, organisations, page addresses, citations, results
        assert files_with(out, word, fold=True) == [], word
        assert [name for name, _ in output_files(out) if word in name.lower()] == [], word
    for form in escaped_forms("Salt & Light") | escaped_forms("Harbourside & Co"):
        assert files_with(out, form) == [], form
    assert shortlist_json(out) == []
    assert (out / "shortlist.csv").read_text(encoding="utf-8-sig").splitlines()[1:] == []


@pytest.mark.parametrize("epoch", [at(SHORTLIST, 1), at(WINNERS, -1)],
                         ids=["a-minute-after-the-shortlist", "a-minute-before-the-winners"])
def test_after_the_shortlist_entries_appear_but_no_result_or_citation(phases: Builder, epoch: int) -> None:
    out = phases(epoch)
    assert str(markupsafe.escape(TITLE)) in (out / "shortlist/index.html").read_text(encoding="utf-8")
    assert (out / "shortlist/first/salt-light-cafe-quillworth-project/index.html").is_file()
    entries = shortlist_json(out)
    assert [(e["title"], e["result"]) for e in entries] == [("Brackenfold Outreach Clinic", "finalist"),
                                                            (TITLE, "finalist")]  # file order: no ranking yet
    assert TITLE in (out / "shortlist.csv").read_text(encoding="utf-8-sig")
    for word in EMBARGOED_BEFORE_WINNERS:
        assert files_with(out, word, fold=True) == [], word
    for form in escaped_forms(CITATION) | escaped_forms("Quiet & steady"):
        assert files_with(out, form) == [], form


def test_once_the_winners_are_announced_results_and_citations_appear(phases: Builder) -> None:
    out = phases(at(WINNERS, 1))
    entries = shortlist_json(out)
    assert [(e["title"], e["result"]) for e in entries] == [(TITLE, "laureate"),
                                                            ("Brackenfold Outreach Clinic", "finalist")]
    winners = (out / "winners/index.html").read_text(encoding="utf-8")
    assert "Lantern Laureate" in winners and str(markupsafe.escape(CITATION)) in winners
    assert "entry--laureate" in (out / "shortlist/index.html").read_text(encoding="utf-8")


def test_a_category_deadline_given_as_a_date_is_the_end_of_that_day(scratch: Scratch) -> None:
    late = CATEGORY.format(title="Late award", url=LATE_URL) + 'entries_close: "2026-06-05"\n'
    folder = scratch({"site.yaml": SITE, "categories/first.yaml": CATEGORY.format(title="First award", url=ENTRY_URL),
                      "categories/late.yaml": late, "shortlist/first.yaml": None})
    # 22:59 UTC, still 5 June in British Summer Time; a deadline read as UTC would close an hour later
    last_minute = build_at(folder, at("2026-06-05 23:59"), folder.parent / "last-minute")
    page = (last_minute / "categories/late/index.html").read_text(encoding="utf-8")
    assert any(a.attrs.get("href") == LATE_URL for mark in phase_marks(page, "open") for a in mark.find_all("a"))
    assert files_with(last_minute, ENTRY_URL) == []  # the edition's own deadline passed on 22 May
    midnight = build_at(folder, at("2026-06-06 00:00"), folder.parent / "midnight")
    assert phase_marks((midnight / "categories/late/index.html").read_text(encoding="utf-8"), "closed")
    assert files_with(midnight, LATE_URL) == []


def test_a_site_without_milestones_publishes_everything(scratch: Scratch, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(at(OPEN, -1)))
    entry = "    result: winner\n    citation: The Dunmere judges were unanimous.\n"
    folder = scratch({"categories/first.yaml": CATEGORY.format(title="First award", url=ENTRY_URL),
                      "shortlist/first.yaml": entries(("First project", entry))})
    out = folder / "_site"
    pipeline.build(folder, out)
    assert f'href="{ENTRY_URL}"' in (out / "categories/first/index.html").read_text(encoding="utf-8")
    assert [(e["title"], e["result"]) for e in shortlist_json(out)] == [("First project", "winner")]
    assert "Dunmere judges" in (out / "winners/index.html").read_text(encoding="utf-8")


# The clock on its own ----------------------------------------------------------------------


def test_moments_are_read_in_the_programme_zone_with_summer_time() -> None:
    summer = clock.moment(CLOSE, ZONE, "entries_close")
    winter = clock.moment(WINNERS, ZONE, "winners_announced")
    assert summer.utcoffset() == datetime.timedelta(hours=1) and winter.utcoffset() == datetime.timedelta(0)
    assert summer.astimezone(UTC) == datetime.datetime(2026, 5, 22, 16, 0, tzinfo=UTC)
    assert winter.astimezone(UTC) == datetime.datetime(2026, 11, 19, 18, 30, tzinfo=UTC)
    assert clock.moment(CLOSE, "America/New_York", "entries_close").astimezone(UTC).hour == 21


def test_a_date_alone_ends_a_deadline_at_midnight_and_starts_anything_else() -> None:
    deadline = clock.moment("2026-06-05", ZONE, "entries_close")
    opening = clock.moment("2026-06-05", ZONE, "entries_open")
    assert deadline.astimezone(UTC) == datetime.datetime(2026, 6, 5, 23, 0, tzinfo=UTC)  # midnight BST
    assert opening.astimezone(UTC) == datetime.datetime(2026, 6, 4, 23, 0, tzinfo=UTC)
    now = clock.moment("2026-06-05 23:59", ZONE, "")
    assert clock.window(None, "2026-06-05", ZONE, now).state == "open"
    assert clock.window(None, "2026-06-05", ZONE, now + datetime.timedelta(minutes=1)).state == "closed"


@pytest.mark.parametrize(("epoch", "shortlist", "results"), [
    (at(SHORTLIST, -1), False, False), (at(SHORTLIST, 1), True, False),
    (at(WINNERS, -1), True, False), (at(WINNERS, 1), True, True)],
    ids=["before-shortlist", "after-shortlist", "before-winners", "after-winners"])
def test_phase_publishes_at_each_announcement(epoch: int, shortlist: bool, results: bool) -> None:
    info = Edition(title="T", intro="I.", entries_open=OPEN, entries_close=CLOSE, shortlist_announced=SHORTLIST,
                   winners_announced=WINNERS)
    now = datetime.datetime.fromtimestamp(epoch, UTC).astimezone(ZoneInfo(ZONE))
    shown = clock.phase(info, ZONE, now)
    assert (shown.shortlist_published, shown.results_published, shown.entries.state) == (shortlist, results, "closed")


# The results vocabulary --------------------------------------------------------------------

VOCABULARY = """\
title: Metals Awards
base_url: https://example.org/metals/
intro: An invented programme.
results:
  - {slug: gold, label: Gold award, plural: Gold awards}
  - {slug: silver, label: Silver award}
  - {slug: finalist, label: Finalist}
"""


def test_a_programme_s_own_results_reach_pages_and_open_data(scratch: Scratch, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(at(WINNERS, 1)))
    shortlist = entries(("Gold project", "    result: gold\n    citation: Shone.\n"),
                        ("Silver project", "    result: silver\n"), ("Plain project", ""))
    folder = scratch({"site.yaml": VOCABULARY, "shortlist/first.yaml": shortlist})
    out = folder / "_site"
    pipeline.build(folder, out)
    listing = parse((out / "shortlist/index.html").read_bytes())
    assert "Gold award" in listing.find(class_="entry--gold").text()
    assert "Silver award" in listing.find(class_="entry--silver").text()
    assert "Gold award" in (out / "shortlist/first/gold-project/index.html").read_text(encoding="utf-8")
    assert [e["result"] for e in shortlist_json(out)] == ["gold", "silver", "finalist"]
    rows = list(csv.DictReader(io.StringIO((out / "shortlist.csv").read_text(encoding="utf-8-sig"))))
    assert [row["result"] for row in rows] == ["gold", "silver", "finalist"]


# `check` refusing a result the programme does not use: tests/cases/result-not-in-vocabulary.


# The second example: two editions ----------------------------------------------------------

RIVERSIDE = ROOT / "examples" / "riverside-awards"
PREFIX = "/riverside-awards/"


@pytest.fixture(scope="module")
def riverside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Riverside example, built as of 29 November 2026: after its 2026 winners were announced."""
    return build_at(RIVERSIDE, at("2026-11-29 12:00"), tmp_path_factory.mktemp("riverside") / "_site")


def html(out: Path, page: str) -> Element:
    """The parsed page at site path `page` (`2026/winners/`)."""
    return parse((out / page / "index.html").read_bytes())


def test_riverside_has_pages_for_every_edition(riverside: Path) -> None:
    for page in ("", "editions/", "library/", "2026/", "2025/", "2026/winners/", "2025/winners/", "2026/judges/",
                 "2025/judges/", "2026/categories/early-diagnosis/", "2025/categories/digital-inclusion/",
                 "2026/shortlist/community-partnership/blood-pressure-sundays/"):
        assert (riverside / page / "index.html").is_file(), page
    titled = {a.text(): a.attrs.get("href") for a in html(riverside, "editions/").find_all("a")}
    assert titled["Riverside Health Equity Awards 2025"] == f"{PREFIX}2025/"
    assert titled["Riverside Health Equity Awards 2026"] in (PREFIX, f"{PREFIX}2026/")  # the current one: either
    moved = (riverside / "categories/digital-inclusion/index.html").read_text(encoding="utf-8")  # only in 2025
    assert f'href="{PREFIX}2025/categories/digital-inclusion/"' in moved


def test_riverside_before_its_2026_winners_hides_them_but_shows_2025_s(tmp_path: Path) -> None:
    out = build_at(RIVERSIDE, at("2026-10-01 12:00"), tmp_path / "_site")  # 2026: shortlist out, winners not
    assert (out / "2026/shortlist/index.html").is_file() and not (out / "2026/winners").exists()
    assert files_with(out, "A true partnership") == [] and files_with(out, "went to where") == []
    assert "Health Checks on the Landing" in html(out, "2025/winners/").text()


def test_riverside_library_and_winners_keep_each_edition_apart(riverside: Path) -> None:
    library = {a.attrs.get("href") for a in html(riverside, "library/").find_all("a")}
    assert f"{PREFIX}2026/shortlist/children-and-young-people/breathing-space-for-weirside-schools/" in library
    assert f"{PREFIX}2025/shortlist/children-and-young-people/healthy-weight-walks-for-families/" in library
    this_year, last_year = html(riverside, "2026/winners/").text(), html(riverside, "2025/winners/").text()
    assert "A true partnership" in this_year and "A true partnership" not in last_year
    assert "Health Checks on the Landing" in last_year and "Health Checks on the Landing" not in this_year


def test_riverside_judges_page_shows_each_judge_with_photo(riverside: Path) -> None:
    page = html(riverside, "2026/judges/")
    assert "Tomasz Wren" in page.text() and "Professor Hana Ishikawa-Lowe" in page.text()
    pictures = {img.attrs.get("src"): img.attrs.get("alt", "") for img in page.find_all("img")}
    assert "Tomasz Wren" in pictures[f"{PREFIX}media/judges/tomasz-wren-example.png"]
    assert (riverside / "media/judges/tomasz-wren-example.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("here", "there", "title"), [
    ("2026", "2025", "Children and Young People's Health Equity Award"),
    ("2025", "2026", "Fairer Start Award for Children and Young People")])
def test_a_renamed_category_links_to_itself_in_the_other_edition(riverside: Path, here: str, there: str,
                                                                 title: str) -> None:
    page = html(riverside, f"{here}/categories/children-and-young-people/")
    target = f"{PREFIX}{there}/categories/children-and-young-people/"
    links = [a for a in page.find_all("a") if a.attrs.get("href") == target]
    assert links, f"no link to {target}"
    assert any(title in (a.text() + " " + (a.parent.text() if a.parent else "")) for a in links)


def _check(folder: Path) -> tuple[int, str]:
    result = run_cli("check", cwd=folder)
    return result.returncode, result.stderr


def test_a_default_result_in_a_programme_with_its_own_suggests_the_same_rank(tmp_path: Path) -> None:
    folder = write_site(tmp_path, {
        "site.yaml": "title: T\nbase_url: https://example.org/t/\nintro: I.\nresults:\n"
                     "  - {slug: gold, label: Gold}\n  - {slug: silver, label: Silver}\n"
                     "  - {slug: finalist, label: Finalist}\n",
        "shortlist/first.yaml": "entries:\n  - organisation: A\n    title: B\n    synopsis: C\n    result: winner\n"
                                "  - organisation: D\n    title: E\n    synopsis: F\n    result: shortlisted\n"})
    status, errors = _check(folder)
    assert status == 1
    assert "not `winner`; did you mean `gold`?" in errors
    assert "not `shortlisted`; did you mean `finalist`?" in errors


def test_an_award_closing_after_the_shortlist_is_announced_is_a_warning(tmp_path: Path) -> None:
    folder = write_site(tmp_path, {
        "site.yaml": "title: T\nbase_url: https://example.org/t/\nintro: I.\nentries_close: 2026-05-01 17:00\n"
                     "shortlist_announced: 2026-06-01 10:00\n",
        "categories/first.yaml": "title: First award\nintro: I.\neligibility: E.\ncriteria:\n"
                                 "  - heading: H\n    points: [P]\nentries_close: 2026-06-02\n"})
    status, errors = _check(folder)
    assert status == 0
    assert errors.startswith("categories/first.yaml:7: warning: entries to this award close (2026-06-02) after "
                             "the shortlist is announced (2026-06-01 10:00 in site.yaml)")
