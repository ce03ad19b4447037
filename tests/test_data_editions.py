"""Open data, calendar and import across editions: every edition, the embargo, the site's vocabularies and time zone."""

from __future__ import annotations

import csv
import datetime
import io
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from conftest import run_cli

from awardsite import importer, pipeline
from awardsite.content import load
from awardsite.datafiles import COLUMNS, csv_line, indented_json
from awardsite.errors import ContentError
from awardsite.ical import calendar
from awardsite.model import KeyDate
from awardsite.urls import Urls

UTC = datetime.timezone.utc
NOV_2026 = "1795000000"  # SOURCE_DATE_EPOCH of 2026-11-18 12:53 UTC

# --- The calendar in the site's time zone ---------------------------------------------------------
#
# The check below reads the file as a calendar program must: each observance starts at its
# DTSTART, a local time in the offset before it (TZOFFSETFROM); an event's local time is in
# the latest observance that has begun by then. It knows nothing of zoneinfo.


def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def blocks(lines: list[str], *kinds: str) -> list[tuple[str, dict[str, str]]]:
    """Each component of the given kinds: (kind, {property with its parameters: value})."""
    found: list[tuple[str, dict[str, str]]] = []
    current: tuple[str, dict[str, str]] | None = None
    for line in lines:
        key, _, value = line.partition(":")
        if key == "BEGIN" and value in kinds:
            current = (value, {})
        elif key == "END" and current and value == current[0]:
            found.append(current)
            current = None
        elif current is not None:
            current[1][key] = value
    return found


def offset(text: str) -> datetime.timedelta:
    size = datetime.timedelta(hours=int(text[1:3]), minutes=int(text[3:5]), seconds=int(text[5:7] or 0))
    return -size if text[0] == "-" else size


def wall(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y%m%dT%H%M%S")


def instants(data: bytes, zone: str) -> list[datetime.datetime]:
    """The UTC instant of each timed event, worked out from the file's own VTIMEZONE."""
    lines = unfold(data)
    rules = sorted((wall(p["DTSTART"]) - offset(p["TZOFFSETFROM"]), offset(p["TZOFFSETTO"]))
                   for _, p in blocks(lines, "STANDARD", "DAYLIGHT"))
    found = []
    for _, event in blocks(lines, "VEVENT"):
        local = wall(event[f"DTSTART;TZID={zone}"])
        begun = [local - to for onset, to in rules if onset <= local - to]
        assert begun, f"{local} is before the first observance"
        found.append(begun[-1].replace(tzinfo=UTC))
    return found


def observances(data: bytes) -> list[tuple[str, ...]]:
    return [(kind, p["DTSTART"], p["TZOFFSETFROM"], p["TZOFFSETTO"], p["TZNAME"])
            for kind, p in blocks(unfold(data), "STANDARD", "DAYLIGHT")]


def timed(*moments: str) -> list[KeyDate]:
    return [KeyDate(date=m[:10], label=f"Event {n}", time=m[11:]) for n, m in enumerate(moments)]


def make(zone: str, dates: list[KeyDate]) -> bytes:
    return calendar("Awards", dates, zone, Urls("https://example.org/t/"), datetime.datetime(2025, 1, 1, tzinfo=UTC))


ZONES = {  # zone: (local event times, the same instants in UTC); some just after the clocks change
    "Europe/London": (("2025-01-15 10:00", "2025-03-30 02:30", "2025-07-01 18:30", "2025-10-26 02:30"),
                      ("2025-01-15 10:00", "2025-03-30 01:30", "2025-07-01 17:30", "2025-10-26 02:30")),
    "America/New_York": (("2025-03-01 12:00", "2025-03-09 03:30", "2026-01-10 08:00", "2026-08-01 20:00"),
                         ("2025-03-01 17:00", "2025-03-09 07:30", "2026-01-10 13:00", "2026-08-02 00:00")),
    "Asia/Kolkata": (("2025-06-01 10:00", "2026-02-01 23:45"), ("2025-06-01 04:30", "2026-02-01 18:15")),
}


@pytest.mark.parametrize("zone", ZONES)
def test_calendar_times_read_as_the_right_instants_from_its_own_vtimezone(zone: str) -> None:
    local, expected = ZONES[zone]
    data = make(zone, timed(*local))
    utc = [datetime.datetime.fromisoformat(m).replace(tzinfo=UTC) for m in expected]
    assert instants(data, zone) == utc
    assert [datetime.datetime.fromisoformat(m).replace(tzinfo=ZoneInfo(zone)) for m in local] == utc
    # icalendar, told to ignore the zone's name, builds its time zone from the VTIMEZONE alone.
    parsed = icalendar.Calendar.from_ical(data)
    tz = parsed.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    naive = [wall(e["DTSTART"].to_ical().decode()) for e in parsed.walk("VEVENT")]
    assert [t.replace(tzinfo=tz).astimezone(UTC) for t in naive] == utc
    assert data.count(b"\r\nDTSTART;TZID=" + zone.encode() + b":") == len(local)
    assert (b"London" in data) == (zone == "Europe/London")  # no trace of the old hard-coded zone


def test_london_lists_the_observance_at_the_start_then_each_change_of_that_year() -> None:
    data = make("Europe/London", timed("2025-07-01 18:30", "2025-12-01 09:00"))
    assert observances(data) == [
        ("STANDARD", "20250101T000000", "+0000", "+0000", "GMT"),
        ("DAYLIGHT", "20250330T010000", "+0000", "+0100", "BST"),  # 01:00 GMT: clocks go forward
        ("STANDARD", "20251026T020000", "+0100", "+0000", "GMT"),  # 02:00 BST: clocks go back
    ]
    assert b"DTSTART;TZID=Europe/London:20250701T183000\r\n" in data
    assert b"RRULE" not in data


def test_new_york_over_two_years_has_each_years_changes() -> None:
    data = make("America/New_York", timed("2025-03-01 12:00", "2026-08-01 20:00"))
    assert observances(data) == [
        ("STANDARD", "20250101T000000", "-0500", "-0500", "EST"),
        ("DAYLIGHT", "20250309T020000", "-0500", "-0400", "EDT"),
        ("STANDARD", "20251102T020000", "-0400", "-0500", "EST"),
        ("DAYLIGHT", "20260308T020000", "-0500", "-0400", "EDT"),
        ("STANDARD", "20261101T020000", "-0400", "-0500", "EST"),
    ]


def test_a_zone_without_summer_time_has_one_standard_observance() -> None:
    data = make("Asia/Kolkata", timed("2025-06-01 10:00", "2026-02-01 23:45"))
    assert observances(data) == [("STANDARD", "20250101T000000", "+0530", "+0530", "IST")]
    assert b"DAYLIGHT" not in data


def test_all_day_dates_need_no_time_zone() -> None:
    data = make("America/New_York", [KeyDate(date="2025-05-01", label="Open day")])
    assert b"VTIMEZONE" not in data and b"DTSTART;VALUE=DATE:20250501\r\n" in data


def test_the_built_calendar_uses_site_yaml_timezone_for_milestones_and_key_dates(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_2026)
    site = ("title: T\nbase_url: https://example.org/t/\nintro: I.\ntimezone: America/New_York\n"
            "entries_close: 2026-05-23 17:00\nkey_dates:\n  - date: 2026-12-01\n    time: \"18:30\"\n"
            "    label: Ceremony\n")
    folder = scratch({"site.yaml": site})
    pipeline.build(folder, folder / "_site")
    data = (folder / "_site" / "key-dates.ics").read_bytes()
    assert instants(data, "America/New_York") == [datetime.datetime(2026, 5, 23, 21, 0, tzinfo=UTC),
                                                  datetime.datetime(2026, 12, 1, 23, 30, tzinfo=UTC)]
    assert b"\r\nTZID:America/New_York\r\n" in data and b"London" not in data


# --- Open data across editions --------------------------------------------------------------------

SITE = """\
title: Awards 2026
edition: "2026"
base_url: https://example.org/scratch/
intro: The 2026 programme.
shortlist_announced: 2026-09-01
winners_announced: 2026-11-10 19:00
focus_areas:
  - slug: maternity
    label: Maternity care
  - slug: mental-health
    label: Mental health
"""
CURRENT = """\
# yaml-language-server: $schema=../schemas/shortlist.schema.json
entries:
  - organisation: First Trust
    title: First project
    synopsis: |
      What the first project did.
    result: winner
    citation: |
      A *remarkable* change:

      - for mothers, first
    focus_areas:
      - maternity
      - mental-health
    tags:
      - Eye health
  - organisation: =Sum Trust
    title: Second project
    synopsis: |
      - a list
      - of points
    slug: own-address
"""
PAST = """\
# yaml-language-server: $schema=../../../schemas/shortlist.schema.json
entries:
  - organisation: Old Trust
    title: Old project
    synopsis: |
      What the old project did.
    result: highly-commended
    citation: |
      Steady, careful work.
    focus_areas:
      - maternity
"""
CATEGORY = ("title: {title}\nintro: What it recognises.\neligibility: Anyone.\ncriteria:\n  - heading: Ambition\n"
            "    points: [Aims high]\n")
TWO_EDITIONS = {
    "site.yaml": SITE,
    "schemas/shortlist.schema.json": "{}\n",  # the header a new shortlist file gets names it
    "shortlist/first.yaml": CURRENT,
    "editions/2025/edition.yaml": "title: Awards 2025\nintro: The 2025 programme.\n",
    "editions/2025/categories/first.yaml": CATEGORY.format(title="First award"),
    "editions/2025/categories/retired.yaml": CATEGORY.format(title="Retired award"),
    "editions/2025/shortlist/first.yaml": PAST,
}


@pytest.fixture
def two_editions(scratch, monkeypatch):  # type: ignore[no-untyped-def]
    """A site whose current edition (2026) has announced its winners, with a past edition (2025)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_2026)

    def make(**changes: str) -> Path:
        folder: Path = scratch({**TWO_EDITIONS, **changes})
        pipeline.build(folder, folder / "_site")
        return folder

    return make


def csv_rows(folder: Path) -> list[dict[str, str]]:
    raw = (folder / "_site" / "shortlist.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_the_csv_has_every_editions_entries_with_citations_and_focus_areas(two_editions) -> None:  # type: ignore[no-untyped-def]
    rows = csv_rows(two_editions())
    assert [(r["edition"], r["category"], r["title"], r["result"]) for r in rows] == [
        ("2026", "first", "First project", "winner"),
        ("2026", "first", "Second project", "shortlisted"),
        ("2025", "first", "Old project", "highly-commended"),
    ]
    first, second, old = rows
    assert first["citation"] == "A *remarkable* change:\r\n\r\n- for mothers, first"
    assert first["focus_areas"] == "maternity; mental-health" and first["tags"] == "Eye health"
    assert second["organisation"] == "'=Sum Trust" and second["synopsis"] == "'- a list\r\n- of points"
    assert second["slug"] == "own-address" and second["citation"] == "" and second["focus_areas"] == ""
    assert old["citation"] == "Steady, careful work." and old["focus_areas"] == "maternity"


def test_the_json_describes_its_vocabularies_and_every_edition(two_editions) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((two_editions() / "_site" / "shortlist.json").read_text(encoding="utf-8"))
    assert data["results"] == [{"slug": "winner", "label": "Winner", "plural": "Winners"},
                               {"slug": "highly-commended", "label": "Highly commended", "plural": "Highly commended"},
                               {"slug": "shortlisted", "label": "Shortlisted", "plural": "Shortlisted"}]
    assert data["focus_areas"] == [{"slug": "maternity", "label": "Maternity care"},
                                   {"slug": "mental-health", "label": "Mental health"}]
    assert [(e["name"], e["title"], e["current"], e["url"]) for e in data["editions"]] == [
        ("2026", "Awards 2026", True, "https://example.org/scratch/2026/"),
        ("2025", "Awards 2025", False, "https://example.org/scratch/2025/"),
    ]
    past = data["editions"][1]["categories"]
    assert [(c["slug"], c["url"], len(c["entries"])) for c in past] == [
        ("first", "https://example.org/scratch/2025/categories/first/", 1),
        ("retired", "https://example.org/scratch/2025/categories/retired/", 0),
    ]
    old = past[0]["entries"][0]
    assert old["url"] == "https://example.org/scratch/2025/shortlist/first/old-project/"
    assert (old["result"], old["citation"], old["focus_areas"]) == ("highly-commended", "Steady, careful work.\n",
                                                                   ["maternity"])
    second = data["editions"][0]["categories"][0]["entries"][1]
    assert second["url"] == "https://example.org/scratch/2026/shortlist/first/own-address/"
    assert (second["result"], second["citation"], second["focus_areas"]) == ("shortlisted", None, [])


def test_the_open_data_keeps_the_embargo_of_each_edition(two_editions) -> None:  # type: ignore[no-untyped-def]
    unannounced = two_editions(**{"site.yaml": SITE.replace("2026-11-10 19:00", "2026-12-01 19:00")})
    rows = csv_rows(unannounced)
    assert [(r["edition"], r["result"], r["citation"]) for r in rows] == [
        ("2026", "shortlisted", ""), ("2026", "shortlisted", ""), ("2025", "highly-commended", "Steady, careful work.")]
    text = (unannounced / "_site" / "shortlist.json").read_text(encoding="utf-8")
    assert "remarkable" not in text and "remarkable" not in (unannounced / "_site" / "shortlist.csv").read_text()
    hidden = two_editions(**{"site.yaml": SITE.replace("2026-09-01", "2026-12-01").replace("2026-11-10", "2026-12-10")})
    assert [r["edition"] for r in csv_rows(hidden)] == ["2025"]
    current = json.loads((hidden / "_site" / "shortlist.json").read_text())["editions"][0]
    assert [len(c["entries"]) for c in current["categories"]] == [0]


# --- Import, and the round trip -------------------------------------------------------------------

def shortlist_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("shortlist/*.yaml"))
            if "_site" not in p.parts}


@pytest.mark.parametrize("data_file", ["shortlist.csv", "shortlist.json"])
def test_the_sites_own_open_data_imports_with_no_changes(two_editions, data_file: str) -> None:  # type: ignore[no-untyped-def]
    folder = two_editions()
    before = shortlist_files(folder)
    assert importer.plan(folder / "_site" / data_file, folder).changes == ()
    # And from shortlists emptied out, `--replace` writes them back byte for byte, past edition included.
    for name in before:
        (folder / name).write_text("entries:\n  - organisation: X\n    title: Y\n    synopsis: Z\n")
    result = run_cli("import", str(folder / "_site" / data_file), "--replace", "--source", str(folder))
    assert result.returncode == 0, result.stderr
    assert "changed 2 shortlist files" in result.stdout
    assert shortlist_files(folder) == before


def import_csv(folder: Path, rows: str) -> tuple[importer.Change, ...]:
    """The files a `--replace` import of `rows` changes (merging is tested in test_import.py)."""
    path = folder / "judges.csv"
    path.write_text("edition,category,organisation,title,synopsis,result,citation,focus_areas\n" + rows)
    return importer.plan(path, folder, replace=True).changes


def problems_of(folder: Path, rows: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        import_csv(folder, rows)
    return [p.format() for p in caught.value.problems]


def test_import_routes_rows_to_their_editions_and_reads_results_by_slug_or_label(two_editions) -> None:  # type: ignore[no-untyped-def]
    folder = two_editions()
    changes = import_csv(folder, "2026,first,A,One,S,Highly  COMMENDED,,Maternity care; mental-health\n"
                                 "2025,Retired award,B,Two,S,highly-commended,\"Kept *as* is,\n\n- really\",\n"
                                 ",first,C,Three,S,WINNER,,\n"
                                 "2025,retired,D,Four,S,shortlisted,,\n")
    texts = {c.path.relative_to(folder).as_posix(): c.new for c in changes}
    assert list(texts) == ["shortlist/first.yaml", "editions/2025/shortlist/retired.yaml"]
    assert texts["editions/2025/shortlist/retired.yaml"] == (
        "# yaml-language-server: $schema=../../../schemas/shortlist.schema.json\nentries:\n"
        "  - organisation: B\n    title: Two\n    synopsis: |\n      S\n    result: highly-commended\n"
        "    citation: |\n      Kept *as* is,\n\n      - really\n"
        "  - organisation: D\n    title: Four\n    synopsis: |\n      S\n")  # the default result is not written
    assert "    result: highly-commended\n    focus_areas:\n      - maternity\n      - mental-health\n" in \
        texts["shortlist/first.yaml"]
    assert "title: Three\n    synopsis: |\n      S\n    result: winner\n" in texts["shortlist/first.yaml"]


def test_import_checks_editions_categories_results_and_focus_areas_before_writing(two_editions) -> None:  # type: ignore[no-untyped-def]
    folder = two_editions()
    before = shortlist_files(folder)
    found = problems_of(folder, "2o25,first,A,B,S,,,\n2026,retired,A,B,S,,,\n2025,first,A,B,S,winer,,\n"
                                "2025,first,A,B,S,,,maternty; Mental health; nope\n2026,first,A,Fine,S,,,\n")
    assert found == [
        "judges.csv:2: row 2: unknown edition `2o25`; the editions are `2026`, `2025`; did you mean `2025`?",
        "judges.csv:3: row 3: unknown category `retired`",
        "judges.csv:4: row 4: result `winer` is not one of `winner`, `highly-commended`, `shortlisted` "
        "(a slug or its label); did you mean `winner`?",
        "judges.csv:5: row 5: unknown focus area `maternty`; site.yaml's `focus_areas` are `maternity`, "
        "`mental-health`; did you mean `maternity`?",
        "judges.csv:5: row 5: unknown focus area `nope`; site.yaml's `focus_areas` are `maternity`, `mental-health`",
    ]
    assert shortlist_files(folder) == before  # the good row was not written either


def test_a_site_without_editions_takes_only_a_blank_edition(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert problems_of(folder, "2025,first,A,B,S,,,\n") == [
        "judges.csv:2: row 2: unknown edition `2025`; this site has no editions (site.yaml has no `edition`), "
        "so leave the cell blank"]
    assert [c.path.name for c in import_csv(folder, ",first,A,B,S,,,\n")] == ["first.yaml"]



def test_a_shortlist_json_from_before_editions_imports_into_the_current_edition(two_editions) -> None:  # type: ignore[no-untyped-def]
    folder = two_editions()
    old = {"programme": "T", "categories": [{"slug": "first", "entries": [
        {"organisation": "A", "title": "B", "synopsis": "S", "result": "winner", "tags": ["Eye health"]}]}]}
    (folder / "old.json").write_text(json.dumps(old))
    (change,) = importer.plan(folder / "old.json", folder).changes  # merged: appended after the file's entries
    assert change.path == folder / "shortlist" / "first.yaml"
    assert change.new.endswith("own-address\n  - organisation: A\n    title: B\n    synopsis: |\n      S\n"
                               "    result: winner\n    tags:\n      - Eye health\n")

# --- A programme's own results vocabulary ----------------------------------------------------------

MEDALS = ("results:\n  - slug: gold\n    label: Gold\n    plural: Gold awards\n  - slug: silver\n    label: Silver\n"
          "  - slug: finalist\n    label: Finalist\n    plural: Finalists\n")


def test_a_results_vocabulary_reaches_the_open_data_and_the_import(two_editions) -> None:  # type: ignore[no-untyped-def]
    folder = two_editions(**{
        "site.yaml": SITE + MEDALS,
        "shortlist/first.yaml": CURRENT.replace("result: winner", "result: gold"),
        "editions/2025/shortlist/first.yaml": PAST.replace("result: highly-commended", "result: silver"),
    })
    data = json.loads((folder / "_site" / "shortlist.json").read_text())
    assert data["results"] == [{"slug": "gold", "label": "Gold", "plural": "Gold awards"},
                               {"slug": "silver", "label": "Silver", "plural": "Silver"},
                               {"slug": "finalist", "label": "Finalist", "plural": "Finalists"}]
    assert [e["result"] for ed in data["editions"] for c in ed["categories"] for e in c["entries"]] == [
        "gold", "finalist", "silver"]
    assert [r["result"] for r in csv_rows(folder)] == ["gold", "finalist", "silver"]
    assert importer.plan(folder / "_site" / "shortlist.csv", folder).changes == ()
    (change,) = import_csv(folder, "2026,first,A,B,S,Gold,,\n2026,first,C,D,S,finalist,,\n")
    assert "    result: gold\n" in change.new and "finalist" not in change.new
    assert problems_of(folder, "2026,first,A,B,S,winner,,\n") == [
        "judges.csv:2: row 2: result `winner` is not one of site.yaml's `results`: `gold`, `silver`, `finalist` "
        "(a slug or its label)"]
    assert load(folder).editions[1].shortlists["first"].entries[0].result == "silver"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(), min_size=2, max_size=6))
@example(["", ""])
@example(['say "yes"', "a, b", "one\r\ntwo", "cr\ronly", "lf\nonly", " spaced ", "tab\there", "'=1+1"])
def test_a_row_of_the_open_data_is_what_the_csv_module_writes(cells: list[str]) -> None:
    """`datafiles.csv_line` writes rows itself, five times as fast: the same text for any cells (two or more,
    as every row has ten; the module quotes a lone empty cell)."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    assert csv_line(cells) == buffer.getvalue()
    assert next(csv.reader(io.StringIO(csv_line(cells), newline=""))) == cells


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30)


@settings(max_examples=500, deadline=None)
@given(JSON_VALUES)
@example({"entries": [{"slug": "a", "tags": ["x", "y"], "focus_areas": [], "citation": None, "n": 3}], "e": {}})
@example(["quote \" slash \\ é ✓ \u2028 \x00 \ud800"])
def test_the_open_data_s_json_is_what_the_json_module_writes(value: object) -> None:
    """`datafiles.indented_json` writes shortlist.json itself, twice as fast: the same text for any value."""
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)

