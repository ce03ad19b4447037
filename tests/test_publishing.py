"""Publishing on GitHub Pages: links under a path prefix, Pages files, entry pages, open data, key dates."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import icalendar
import pytest
from browser import SiteServer
from conftest import ROOT, run_cli
from crawl import crawl, fetch
from htmltools import parse

from awardsite import pipeline, render
from awardsite.content import load

CONTENT = load(ROOT)
ENTRY_COUNT = sum(len(s.entries) for s in CONTENT.shortlists.values())
NOV_2026 = "1795000000"  # SOURCE_DATE_EPOCH of 2026-11-18


def copy_example(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name in ("site.yaml", "categories", "shortlist", "schemas"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
    return folder


@pytest.mark.parametrize("base_url", ["https://example.github.io/awards-site/", "https://awards.example.org/"])
def test_every_link_and_asset_resolves_when_served_under_the_base_path(tmp_path: Path, base_url: str) -> None:
    out = tmp_path / "_site"
    pipeline.build(ROOT, out, base_url)
    prefix = "/" + base_url.split("/", 3)[3]
    server = SiteServer(out, prefix)
    try:
        missing_deep_page = f"{server.url}no/such/page/at/depth/"
        seen, problems = crawl(server.url, extra=(missing_deep_page,))
        assert fetch(missing_deep_page)[0] == 404
    finally:
        server.stop()
    assert problems == []
    pages = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    assert {f"{server.url}{p[:-len('index.html')]}" for p in pages} <= seen  # every page is reachable
    assert f"{server.url}shortlist.csv" in seen and f"{server.url}key-dates.ics" in seen


def test_pages_files_metadata_and_custom_domain(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"site.yaml": "title: T\nbase_url: https://awards.example.org/\nintro: I.\n"
                                   "domain: awards.example.org\n"})
    assert run_cli("build", "--source", str(folder)).returncode == 0
    out = folder / "_site"
    assert (out / ".nojekyll").read_bytes() == b""
    assert (out / "CNAME").read_text() == "awards.example.org\n"
    assert "Sitemap: https://awards.example.org/sitemap.xml" in (out / "robots.txt").read_text()
    for path in out.rglob("*.html"):
        head = parse(path.read_bytes()).find("head")
        address = head.find("link", rel="canonical").attrs["href"]
        assert address.startswith("https://awards.example.org/")
        assert head.find("meta", property="og:url").attrs["content"] == address
        for name in ("og:title", "og:description"):
            assert head.find("meta", property=name).attrs["content"].strip()
        assert head.find("meta", name="twitter:card").attrs["content"] == "summary"
        assert (out / head.find("link", rel="icon").attrs["href"].lstrip("/")).is_file()


def test_no_cname_without_a_domain_and_a_bad_domain_is_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("build", "--source", str(scratch())).returncode == 0
    assert not (scratch() / "_site" / "CNAME").exists()
    bad = scratch({"site.yaml": "title: T\nbase_url: https://a.example.org/\nintro: I.\ndomain: https://a.example.org\n"})
    result = run_cli("check", "--source", str(bad))
    assert result.returncode == 1
    assert "site.yaml:4: `domain` should be a domain name without `https://`" in result.stdout + result.stderr


def test_every_entry_has_a_page_linked_from_its_tab(example_site: Path) -> None:
    shortlist = parse((example_site / "shortlist" / "index.html").read_bytes())
    for slug, entries in CONTENT.shortlists.items():
        panel = shortlist.find("section", id=slug)
        hrefs = [a.attrs["href"] for a in panel.find_all("a") if "/shortlist/" in a.attrs["href"]]
        for entry in entries.entries:
            href = f"/hsj-awards/shortlist/{slug}/{entry.slug}/"
            assert href in hrefs
            page = parse((example_site / href.removeprefix("/hsj-awards/") / "index.html").read_bytes())
            text = page.find("main").text()
            assert page.find("h1").text() == " ".join(entry.title.split())
            assert entry.organisation in text and "Shortlisted" in text
            assert page.find("main").find("a", href=f"/hsj-awards/shortlist/#{slug}")
            assert page.find("meta", property="og:title").attrs["content"] == entry.title
    assert len(list((example_site / "shortlist").glob("*/*/index.html"))) == ENTRY_COUNT


def entry_slugs(folder: Path) -> dict[str, str]:
    return {e.title: e.slug for e in load(folder).shortlists["first"].entries}


def test_entry_slugs_do_not_change_when_entries_are_added_or_reordered(scratch) -> None:  # type: ignore[no-untyped-def]
    one = "  - organisation: A\n    title: Eye care at the market\n    synopsis: S.\n"
    two = "  - organisation: B\n    title: 12:30 clinic, Café Nord\n    synopsis: S.\n"
    three = "  - organisation: C\n    title: Own address\n    synopsis: S.\n    slug: chosen-by-hand\n"
    before = entry_slugs(scratch({"shortlist/first.yaml": "entries:\n" + one + two}))
    after = entry_slugs(scratch({"shortlist/first.yaml": "entries:\n" + three + two + one}))
    assert before == {"Eye care at the market": "eye-care-at-the-market", "12:30 clinic, Café Nord": "clinic-cafe-nord"}
    assert {k: after[k] for k in before} == before
    assert after["Own address"] == "chosen-by-hand"


def test_two_entries_with_one_address_are_an_error_on_the_second(scratch) -> None:  # type: ignore[no-untyped-def]
    entry = "  - organisation: A\n    title: Same title\n    synopsis: S.\n"
    result = run_cli("check", "--source", str(scratch({"shortlist/first.yaml": "entries:\n" + entry + entry})))
    assert result.returncode == 1
    assert "shortlist/first.yaml:5: entry page address `same-title` is already used by the entry on line 2" in (
        result.stdout + result.stderr)


def test_open_data_lists_every_entry_and_opens_cleanly_in_excel(example_site: Path) -> None:
    raw = (example_site / "shortlist.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == ENTRY_COUNT
    assert list(rows[0]) == ["edition", "category", "organisation", "title", "synopsis", "result", "citation",
                             "focus_areas", "tags", "slug"]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    data = json.loads((example_site / "shortlist.json").read_text())
    categories = data["editions"][0]["categories"]
    assert [c["slug"] for c in categories] == [c.slug for c in CONTENT.categories]
    assert sum(len(c["entries"]) for c in categories) == ENTRY_COUNT
    first = categories[0]["entries"][0]
    assert first["url"] == f"https://example.github.io/hsj-awards/shortlist/{categories[0]['slug']}/{first['slug']}/"
    links = parse((example_site / "shortlist" / "index.html").read_bytes()).find("p", class_="open-data")
    assert [a.attrs["href"] for a in links.find_all("a")] == ["/hsj-awards/shortlist.csv", "/hsj-awards/shortlist.json"]


@pytest.mark.parametrize("data_file", ["shortlist.csv", "shortlist.json"])
def test_open_data_imports_back_to_identical_shortlist_files(tmp_path: Path, example_site: Path, data_file: str) -> None:
    folder = copy_example(tmp_path / "content")
    for path in (folder / "shortlist").iterdir():
        path.write_text("entries:\n  - organisation: X\n    title: Y\n    synopsis: Z\n")
    result = run_cli("import", str(example_site / data_file), "--replace", "--source", str(folder))
    assert result.returncode == 0, result.stderr
    for path in sorted((ROOT / "shortlist").iterdir()):
        assert (folder / "shortlist" / path.name).read_bytes() == path.read_bytes()


def test_a_synopsis_that_looks_like_a_formula_survives_export_and_import(scratch) -> None:  # type: ignore[no-untyped-def]
    entry = ("entries:\n  - organisation: \"=Sum Trust\"\n    title: \"'Quoted' title\"\n"
             "    synopsis: |\n      - a list\n      - of points\n    slug: own-slug\n")
    folder = scratch({"shortlist/first.yaml": entry})
    assert run_cli("build", "--source", str(folder)).returncode == 0
    exported = (folder / "_site" / "shortlist.csv").read_text(encoding="utf-8-sig")
    assert "'=Sum Trust" in exported and "\"'- a list" in exported
    before = load(folder).shortlists
    assert run_cli("import", str(folder / "_site" / "shortlist.csv"), "--source", str(folder)).returncode == 0
    assert load(folder).shortlists == before


def calendar(folder: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((folder / "key-dates.ics").read_bytes())


def test_key_dates_calendar_parses_with_stable_uids(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_2026)
    dates = ("key_dates:\n  - date: 2026-12-01\n    time: 18:30\n    label: Ceremony; dinner, awards\n"
             "  - date: 2026-03-04\n    label: Entries open\n    url: https://awards.example.org/enter/\n")
    folder = scratch({"site.yaml": "title: T\nbase_url: https://example.org/t/\nintro: I.\n" + dates})
    out = folder / "_site"
    pipeline.build(folder, out)
    events = calendar(out).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Entries open", "Ceremony; dinner, awards"]
    all_day, timed = events
    assert str(all_day["DTSTART"].dt) == "2026-03-04" and str(all_day["DTEND"].dt) == "2026-03-05"
    assert timed["DTSTART"].dt.isoformat() == "2026-12-01T18:30:00+00:00"
    assert str(timed["DTSTART"].dt.tzinfo) == "Europe/London"
    assert str(all_day["URL"]) == "https://awards.example.org/enter/"
    assert all(e["DTSTAMP"].dt.isoformat() == "2026-11-18T00:00:00+00:00" for e in events)
    assert calendar(out).walk("VTIMEZONE")[0]["TZID"] == "Europe/London"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 2
    reordered = folder / "site.yaml"
    reordered.write_text(reordered.read_text().replace("Entries open", "Entries open") + "  - date: 2026-01-01\n"
                         "    label: New year\n")
    pipeline.build(folder, out)
    assert {str(e["UID"]) for e in calendar(out).walk("VEVENT")} >= set(uids)
    lines = (out / "key-dates.ics").read_bytes().split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)


def test_home_page_marks_past_key_dates_by_the_build_date(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_2026)
    dates = ("key_dates:\n  - date: 2026-11-17\n    label: Yesterday's deadline\n"
             "  - date: 2026-11-18\n    time: 12:30\n    label: Today's lunch\n")
    folder = scratch({"site.yaml": "title: T\nbase_url: https://example.org/t/\nintro: I.\n" + dates})
    pipeline.build(folder, folder / "_site")
    home = parse((folder / "_site" / "index.html").read_bytes())
    items = home.find("ul", class_="key-dates").find_all("li")
    assert [("key-date--past" in li.attrs["class"], li.text()) for li in items] == [
        (True, "Tuesday 17 November 2026 Yesterday's deadline (past)"),
        (False, "Wednesday 18 November 2026, 12:30 Today's lunch"),
    ]
    assert items[1].find("time").attrs["datetime"] == "2026-11-18T12:30"
    assert home.find("a", href="/t/key-dates.ics").text() == "Add to calendar"


def test_the_example_has_key_dates_and_its_calendar_parses(example_site: Path) -> None:
    # its milestones, other key dates, and each award's and page's own timetable
    expected = render.calendar_dates(CONTENT, render.words_for(CONTENT.site, CONTENT.site.language))
    assert len(calendar(example_site).walk("VEVENT")) == len(expected) > len(CONTENT.current.info.key_dates)


def test_a_date_not_on_the_calendar_is_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    site = "title: T\nbase_url: https://example.org/t/\nintro: I.\nkey_dates:\n  - date: 2026-02-30\n    label: L\n"
    result = run_cli("check", "--source", str(scratch({"site.yaml": site})))
    assert result.returncode == 1
    assert ("site.yaml:5: `date` should be a date from the years 1900 to 2200, written year-month-day like "
            "`2024-11-20`, not `2026-02-30`") in result.stdout + result.stderr


def test_calendar_text_escapes_every_line_break_and_separator(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_2026)
    labels = ['"Entries\\ropen"', '"a\\r\\nb"', '"c\\nd; e, f \\\\ g\\th"']
    dates = "key_dates:\n" + "".join(f"  - date: 2026-12-0{n}\n    label: {label}\n" for n, label in enumerate(labels, 1))
    folder = scratch({"site.yaml": 'title: "T;\\r\\nU"\nbase_url: https://example.org/t/\nintro: I.\n' + dates})
    pipeline.build(folder, folder / "_site")
    data = (folder / "_site" / "key-dates.ics").read_bytes()
    assert all(b"\r" not in line and b"\n" not in line for line in data.split(b"\r\n"))  # no raw break in a line
    assert b"SUMMARY:Entries\\nopen\r\n" in data and b"SUMMARY:a\\nb\r\n" in data
    summaries = [str(e["SUMMARY"]) for e in calendar(folder / "_site").walk("VEVENT")]
    assert summaries == ["Entries\nopen", "a\nb", "c\nd; e, f \\ g\th"]
    assert b"\r\nX-WR-CALNAME:T\\;\\nU\r\n" in data  # icalendar leaves X- properties as written


RIVERSIDE = ROOT / "examples" / "riverside-awards"
AFTER_RIVERSIDE_WINNERS = "1795000000"  # 2026-11-18, after the 2026 winners of the fictional example


def test_two_editions_under_a_subpath_have_no_broken_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_RIVERSIDE_WINNERS)
    out = tmp_path / "_site"
    pipeline.build(RIVERSIDE, out, "https://example.github.io/riverside-awards/")
    server = SiteServer(out, "/riverside-awards/")
    try:
        seen, problems = crawl(server.url)
    finally:
        server.stop()
    assert problems == []
    pages = {p.relative_to(out).as_posix()[:-len("index.html")] for p in out.rglob("index.html")
             if b'http-equiv="refresh"' not in p.read_bytes()}  # "latest" addresses only send visitors on
    assert {f"{server.url}{p}" for p in pages} <= seen  # every page of both editions is reachable
    editions = {p.split("/", 1)[0] for p in pages if p[:4].isdigit()}
    assert editions == {"2025", "2026"}
    assert any(url.startswith(f"{server.url}media/") for url in seen)  # judges' photos are published and load
