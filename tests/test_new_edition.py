"""`build.py new edition NAME`: archive this year, start the next, keep every address and every file."""

from __future__ import annotations

import datetime
import html
import os
import shutil
from pathlib import Path

import pytest

from awardsite import editions
from awardsite.content import load
from awardsite.editions import MARK, next_year, review_marks
from awardsite.errors import BuildError
from conftest import ROOT, png, run_cli, write_site

SITE = """\
# yaml-language-server: $schema=schemas/site.schema.json
# The programme as a whole.
edition: "2025"
title: Scratch Awards 2025
base_url: https://example.org/scratch/
intro: |
  The scratch programme.

# Milestones, in UK time.
entries_open: "2025-03-03 09:00"
entries_close: 2025-05-23
shortlist_announced: "2025-09-16 10:00"
winners_announced: "2025-11-20 18:30"
key_dates:
  - date: 2024-02-29
    label: Leap-day briefing 2024-02-29
contacts:
  - role: Entries
    email: entries@example.org
# Topics entries are filed under.
focus_areas:
  - slug: maternity
    label: Maternity care
"""

CATEGORY = """\
title: {title}
intro: What the {slug} award recognises.
eligibility: Anyone may enter.
criteria:
  - heading: Ambition
    points: [Aims high]
"""

FILES = {
    "site.yaml": SITE,
    "categories/first.yaml": CATEGORY.format(title="First award", slug="first")
    + 'entries_close: "2025-06-01 12:00"\n',
    # Windows line endings: a copy must keep them, and so must the rewrite.
    "categories/second.yaml": CATEGORY.format(title="Second award", slug="second").replace("\n", "\r\n"),
    "shortlist/first.yaml": """\
entries:
  - organisation: First Trust
    title: Eye screening at the market
    synopsis: What the first project did.
    result: winner
    citation: The judges loved it.
  - organisation: Harbour Health Partnership
    title: Night clinic
    synopsis: Clinics after work.
""",
    "shortlist/second.yaml": """\
entries:
  - organisation: Second Council
    title: Walking buses
    synopsis: Children walk to school together.
    result: highly-commended
    citation: A simple idea, well run.
""",
    "judges.yaml": """\
chair:
  name: Ann Example
  role: Chair of the judges
  categories: [first, second]
judges:
  - name: Bob Example
    role: Nurse
    categories: [second]
""",
}
ENTRIES = {  # page path -> (title, organisation)
    "2025/shortlist/first/eye-screening-at-the-market/index.html": ("Eye screening at the market", "First Trust"),
    "2025/shortlist/first/night-clinic/index.html": ("Night clinic", "Harbour Health Partnership"),
    "2025/shortlist/second/walking-buses/index.html": ("Walking buses", "Second Council"),
}
AFTER_2025 = str(int(datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc).timestamp()))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (path relative to it) with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def build(folder: Path, out: Path) -> dict[str, str]:
    result = run_cli("build", "--source", str(folder), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return pages(out)


def new_edition(folder: Path, name: str = "2026"):  # type: ignore[no-untyped-def]
    return run_cli("new", "edition", name, "--source", str(folder))


@pytest.fixture
def site(scratch, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_2025)  # after every 2025 milestone: results published
    return scratch(FILES)


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    """The site's pages before and after `new edition 2026`, built at the same moment."""
    folder = write_site(tmp_path_factory.mktemp("archived") / "content", FILES)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", AFTER_2025)  # after every 2025 milestone: results published
        before = build(folder, folder.parent / "before")
        result = new_edition(folder)
        assert result.returncode == 0, result.stderr
        return before, build(folder, folder.parent / "after")


def test_every_address_is_kept_and_the_next_edition_starts(archived) -> None:  # type: ignore[no-untyped-def]
    before, after = archived
    earlier = sorted(p for p in before if p.startswith("2025/"))
    assert {"2025/categories/first/index.html", "2025/judges/index.html", *ENTRIES} <= set(earlier)
    missing = [p for p in earlier if p not in after]
    assert not missing, f"addresses lost by `new edition`: {missing}"
    for path, (title, organisation) in ENTRIES.items():
        for page in (before[path], after[path]):
            assert html.escape(title) in page and html.escape(organisation) in page
        for citation in ("The judges loved it.", "A simple idea, well run."):  # where the page gave them
            assert (citation in after[path]) == (citation in before[path]), (path, citation)
    for slug in ("first", "second"):
        assert f"2025/categories/{slug}/index.html" in after
        assert f"2026/categories/{slug}/index.html" in after
    assert not any(p.startswith("2026/shortlist/") for p in after)  # the new year has no shortlist yet


def test_no_address_at_the_root_is_lost(archived) -> None:  # type: ignore[no-untyped-def]
    before, after = archived
    assert sorted(set(before) - set(after)) == []


def test_dates_move_on_a_year_and_check_passes_with_review_warnings(site: Path) -> None:
    assert new_edition(site).returncode == 0
    content = load(site)
    assert content.site.edition == "2026" and content.site.title == "Scratch Awards 2026"
    assert (content.site.entries_open, content.site.entries_close) == ("2026-03-03 09:00", "2026-05-23")
    assert (content.site.shortlist_announced, content.site.winners_announced) == ("2026-09-16 10:00",
                                                                                  "2026-11-20 18:30")
    assert [d.date for d in content.site.key_dates] == ["2025-02-28"]  # 29 February -> 28 February
    assert content.site.key_dates[0].label == "Leap-day briefing 2024-02-29"  # only the date moves
    first = next(c for c in content.categories if c.slug == "first")
    assert first.entries_close == "2026-06-01 12:00"
    past = next(e for e in content.editions if e.name == "2025")
    assert past.info.entries_open == "2025-03-03 09:00" and past.info.title == "Scratch Awards 2025"

    text = (site / "site.yaml").read_text()
    marked = [n for n, line in enumerate(text.splitlines(), 1) if MARK in line]
    keys = [line.split(":")[0].strip(" -") for line in text.splitlines() if MARK in line]
    assert keys == ["title", "entries_open", "entries_close", "shortlist_announced", "winners_announced", "date"]
    check = run_cli("check", "--source", str(site))
    assert check.returncode == 0, check.stderr
    for line in marked:
        assert f"site.yaml:{line}: warning: moved on a year by `new edition`" in check.stderr
    assert "categories/first.yaml:7: warning: moved on a year" in check.stderr

    for name in ("site.yaml", "categories/first.yaml"):  # the editor reviews, and deletes the marks
        path = site / name
        path.write_text(path.read_text().replace(f"  {MARK}", ""))
    check = run_cli("check", "--source", str(site))
    assert check.returncode == 0 and "moved on a year" not in check.stderr


def test_nothing_is_deleted(site: Path) -> None:
    before = snapshot(site)
    assert new_edition(site).returncode == 0
    after = snapshot(site)
    for name, data in before.items():
        if name.startswith("shortlist/") or name == "judges.yaml":  # moved, as documented
            assert name not in after and after[f"editions/2025/{name}"] == data, name
        else:
            assert name in after, name
    for name in ("categories/first.yaml", "categories/second.yaml"):  # copied as they were
        assert after[f"editions/2025/{name}"] == before[name]
    assert after["categories/second.yaml"] == before["categories/second.yaml"]  # no dates: untouched
    assert b"\r\n" in after["editions/2025/categories/second.yaml"]
    assert after["categories/first.yaml"] != before["categories/first.yaml"]  # its own deadline moved


def test_the_archived_edition_yaml_keeps_the_editors_text(site: Path) -> None:
    assert new_edition(site).returncode == 0
    text = (site / "editions/2025/edition.yaml").read_text()
    assert text.startswith("# The 2025 edition, archived by `python build.py new edition 2026`")
    for kept in ("# The programme as a whole.\n", "# Milestones, in UK time.\n", 'entries_open: "2025-03-03 09:00"\n',
                 "  - date: 2024-02-29\n", "title: Scratch Awards 2025\n", "intro: |\n  The scratch programme.\n",
                 "contacts:\n"):
        assert kept in text
    for dropped in ("edition:", "base_url", "focus_areas", "# Topics entries", "yaml-language-server", MARK):
        assert dropped not in text
    site_text = (site / "site.yaml").read_text()
    assert 'edition: "2026"\n' in site_text and "# Topics entries are filed under.\nfocus_areas:" in site_text


def test_it_says_what_it_did_and_what_to_check(site: Path) -> None:
    result = new_edition(site)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for done in ("wrote editions/2025/edition.yaml",
                 "copied categories/first.yaml -> editions/2025/categories/first.yaml",
                 "moved shortlist/second.yaml -> editions/2025/shortlist/second.yaml",
                 "moved judges.yaml -> editions/2025/judges.yaml", "wrote site.yaml", "wrote categories/first.yaml"):
        assert done in out.splitlines(), done
    text = (site / "site.yaml").read_text().splitlines()
    lines = ", ".join(f"site.yaml:{n}" for n, line in enumerate(text, 1) if MARK in line)
    assert f"{lines}, categories/first.yaml:7" in out
    for item in ("the title: `Scratch Awards 2026`", "criteria", "shortlist/ is now empty", "the judges"):
        assert item in out


def test_running_it_twice_refuses_the_second_time(site: Path) -> None:
    assert new_edition(site).returncode == 0
    before = snapshot(site)
    again = new_edition(site)
    assert again.returncode == 1 and "`2026` is already the current edition" in again.stderr
    assert "e.g. `new edition 2027`" in again.stderr
    assert snapshot(site) == before


def _no_edition(site: Path) -> None:
    (site / "site.yaml").write_text(SITE.replace('edition: "2025"\n', ""))


def _archive_exists(site: Path) -> None:
    (site / "editions/2025").mkdir(parents=True)
    (site / "editions/2025/edition.yaml").write_text("title: Old\nintro: Old.\n")


def _next_exists(site: Path) -> None:
    (site / "editions/2026").mkdir(parents=True)
    (site / "editions/2026/edition.yaml").write_text("title: Odd\nintro: A past edition named 2026.\n")


def _bad_content(site: Path) -> None:
    (site / "categories/second.yaml").write_text(CATEGORY.format(title="Second", slug="x") + "eligibilty: x\n")


def _unmovable_date(site: Path) -> None:  # 2200 is the last year a date may have
    (site / "site.yaml").write_text(SITE.replace("2024-02-29", "2200-01-01"))


def _linked_shortlist(site: Path) -> None:
    (site / "first-shortlist.yaml").write_bytes((site / "shortlist/first.yaml").read_bytes())
    (site / "shortlist/first.yaml").unlink()
    os.symlink("../first-shortlist.yaml", site / "shortlist/first.yaml")


@pytest.mark.parametrize("name, setup, message", [
    ("2026", _no_edition, 'site.yaml has no `edition`: add `edition: "2025"`'),
    ("2026", _no_edition, "moves the current pages under /2025/"),
    ("20 26", None, "`20 26` is not an edition name"),
    ("../2026", None, "is not an edition name"),
    ("2026/x", None, "is not an edition name"),
    ("2026\n", None, "is not an edition name"),
    ("", None, "is not an edition name"),
    ("a" * 41, None, "is not an edition name"),
    ("2025", None, "`2025` is already the current edition"),
    ("2026", _archive_exists, "editions/2025"),
    ("2026", _next_exists, "editions/2026/ already exists"),
    ("2026", _bad_content, "categories/second.yaml:7: unknown key `eligibilty`"),
    ("2026", _unmovable_date, "would not pass `check`, so nothing was written"),
    ("2026", _linked_shortlist, "shortlist/first.yaml is a symbolic link"),
])
def test_refusals_say_why_and_write_nothing(site, name, setup, message):  # type: ignore[no-untyped-def]
    if setup:
        setup(site)
    before = snapshot(site)
    result = new_edition(site, name)
    assert result.returncode == 1, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before
    assert not (site / "editions/2025/shortlist").exists()


def test_next_year() -> None:
    assert next_year("2025-03-03") == "2026-03-03"
    assert next_year("2024-02-29") == "2025-02-28"
    assert next_year("2023-12-31") == "2024-12-31"


def test_review_marks_name_each_marked_line(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes(f"title: x\r\nentries_open: 2026-03-03  {MARK}\r\nintro: y\r\ndate: 2026-01-01  {MARK}\n"
                     .encode())
    assert review_marks([path], tmp_path) == [("site.yaml", 2), ("site.yaml", 4)]
    path.write_text("title: x\n# check: this later\n")
    assert review_marks([path], tmp_path) == []


def test_an_archive_that_would_lose_a_value_is_refused(site: Path, tmp_path: Path) -> None:
    """The last safety net: the archived edition.yaml must read back as site.yaml's edition did."""
    before = load(site)
    assert new_edition(site).returncode == 0
    editions._compare(before, load(site), "2025")  # what `new edition` wrote passes
    archive = site / "editions/2025/edition.yaml"
    archive.write_text(archive.read_text().split("contacts:")[0])  # as if cutting site.yaml had dropped them
    with pytest.raises(BuildError, match="edition.yaml would not hold `contacts`"):
        editions._compare(before, load(site), "2025")


def test_a_failure_half_way_says_so_and_deletes_nothing(site, monkeypatch):  # type: ignore[no-untyped-def]
    before = snapshot(site)
    planned = editions.plan(site, "2026")
    assert snapshot(site) == before  # planning writes nothing
    calls, real = [], editions.write_atomically

    def full_disk(path: Path, text: str) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, text)

    monkeypatch.setattr(editions, "write_atomically", full_disk)
    with pytest.raises(BuildError, match=r"stopped after 2 of \d+ changes: .*No space left.*Nothing was deleted"):
        editions.apply(planned)
    after = snapshot(site)
    assert all(name in after or f"editions/2025/{name}" in after for name in before)


def test_a_timetable_range_moves_as_a_whole_and_pages_and_pictures_come_along(scratch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_2025)
    category = FILES["categories/first.yaml"] + ("key_dates:\n  - {date: 2025-11-14, end_date: 2025-11-25, label: Talks}\n"
                                                 "  - date: 2025-12-01\n    end_date: 2025-12-03\n    label: Visits\n")
    site = FILES["site.yaml"] + "organisers:\n  - {name: Org, logo: {file: org.png, alt: Org}}\n"
    folder = scratch({**FILES, "categories/first.yaml": category, "site.yaml": site, "media/org.png": png(),
                      "pages/about.md": "---\ntitle: About\n---\nText.\n"})
    result = new_edition(folder)
    assert result.returncode == 0, result.stderr
    dates = next(c for c in load(folder).categories if c.slug == "first").key_dates
    assert [(d.date, d.end_date) for d in dates] == [("2026-11-14", "2026-11-25"), ("2026-12-01", "2026-12-03")]


def test_archived_files_keep_a_schema_line_that_finds_the_schema(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """VS Code reads `$schema=` relative to the file: two folders down, `../schemas/` would name nothing."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_2025)
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("site.yaml", "categories", "shortlist", "schemas", "news", "media"):
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
        elif (ROOT / name).is_file():
            shutil.copy(ROOT / name, folder / name)
    (folder / "site.yaml").write_text('edition: "2024"\n' + (folder / "site.yaml").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    shortlist = sorted((folder / "shortlist").glob("*.yaml"))[0]
    result = new_edition(folder, "2025")
    assert result.returncode == 0, result.stderr
    archived = sorted((folder / "editions").rglob("*.yaml"))
    assert {p.parent.name for p in archived} == {"categories", "shortlist", "2024"}
    for path in archived:
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("# yaml-language-server: $schema="), path
        assert (path.parent / header.split("$schema=")[1]).resolve().is_file(), (path, header)
    kept = folder / "categories" / sorted((folder / "categories").glob("*.yaml"))[0].name
    assert "$schema=../schemas/category.schema.json" in kept.read_text(encoding="utf-8")  # this year's unchanged
    assert not shortlist.exists()  # moved, not copied
