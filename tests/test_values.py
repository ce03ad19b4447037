"""Values at the edges: ranges, addresses that cannot be read, hidden characters, tags, ordering."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awardsite import model
from awardsite.content import _order_key, load
from awardsite.errors import ContentError
from awardsite.ical import sorted_dates
from awardsite.markdown import markdown
from awardsite.lists import all_tags
from awardsite.schema import schema_for
from awardsite.urls import check_url, is_safe_link
from conftest import run_cli

SITE = "title: T\nbase_url: https://example.org/t/\nintro: I.\n"
CATEGORY = "title: A\nintro: I.\neligibility: E.\ncriteria:\n  - heading: H\n    points: [P]\n"


def problems(folder: Path) -> list[str]:
    """The `file:line: message` lines `load` reports for `folder` (none if it loads)."""
    try:
        load(folder)
    except ContentError as error:
        return [p.format() for p in error.problems]
    return []


def entry_site(scratch, **fields: str):  # type: ignore[no-untyped-def]
    """A scratch site whose one entry has `fields` (YAML text) besides its organisation, title and synopsis."""
    given_fields = {"organisation": "O", "title": "T", "synopsis": "S", **fields}
    entry = "".join(f"    {k}: {v}\n" for k, v in given_fields.items()).replace("    ", "  - ", 1)
    return scratch({"shortlist/first.yaml": "entries:\n" + entry})


# Ranges

@pytest.mark.parametrize("command", ["check", "build"])
def test_dates_outside_1900_to_2200_are_refused(scratch, command: str) -> None:  # type: ignore[no-untyped-def]
    dates = "key_dates:\n  - date: 9999-12-31\n    label: L\n  - date: 1899-12-31\n    label: M\n"
    result = run_cli(command, cwd=scratch({"site.yaml": SITE + dates}))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    wanted = "a date from the years 1900 to 2200, written year-month-day like `2024-11-20`"
    assert result.stderr.splitlines()[:2] == [f"site.yaml:5: `date` should be {wanted}, not `9999-12-31`",
                                              f"site.yaml:7: `date` should be {wanted}, not `1899-12-31`"]


def test_the_first_and_last_days_of_the_range_build(scratch) -> None:  # type: ignore[no-untyped-def]
    dates = "key_dates:\n  - date: 1900-01-01\n    label: L\n  - date: 2200-12-31\n    label: M\n"
    folder = scratch({"site.yaml": SITE + dates})
    assert run_cli("build", cwd=folder).returncode == 0
    assert b"DTEND;VALUE=DATE:22010101" in (folder / "_site" / "key-dates.ics").read_bytes()


@pytest.mark.parametrize("command", ["check", "build"])
def test_numbers_of_thousands_of_digits_are_refused(scratch, command: str) -> None:  # type: ignore[no-untyped-def]
    huge = "9" * 5000
    category = CATEGORY.replace("[P]\n", f"[P]\n    weight: {huge}\n") + f"order: -{huge}\n"
    result = run_cli(command, cwd=scratch({"categories/first.yaml": category}))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:2] == [
        "categories/first.yaml:7: `weight` should be a percentage from 0 to 100, not `99999999999999999999…`, "
        "a number 5000 digits long",
        "categories/first.yaml:8: `order` should be a whole number from -999999 to 999999, not "
        "`-99999999999999999999…`, a number 5000 digits long",
    ]


@pytest.mark.parametrize(("order", "fits"), [("999999", True), ("-999999", True), ("0000000000000000000001", True),
                                             ("1000000", False), ("-1000000", False)])
def test_order_has_a_range(scratch, order: str, fits: bool) -> None:  # type: ignore[no-untyped-def]
    found = problems(scratch({"categories/first.yaml": CATEGORY + f"order: {order}\n"}))
    assert found == ([] if fits else [
        f"categories/first.yaml:7: `order` should be a whole number from -999999 to 999999, not `{order}`"])


def test_the_schemas_carry_the_model_ranges() -> None:
    schema = schema_for(model.Category, "category")
    order = schema["properties"]["order"]["anyOf"][0]["anyOf"]
    assert order[0] == {"type": "integer", "minimum": -999999, "maximum": 999999}
    weight = schema["definitions"]["Criterion"]["properties"]["weight"]["anyOf"][0]
    assert weight["anyOf"][0] == {"type": "integer", "minimum": 0, "maximum": 100}
    written = re.compile(weight["anyOf"][1]["pattern"])  # in quotes or with its sign, as the validator reads it
    assert [bool(written.search(w)) for w in ("30%", "30 %", "100%", "101%", "30", "30%%")] == [
        True, True, True, False, True, False]


# Addresses

UNREADABLE = ["https://[bad/", "https://example.org:99999/", "https://example.org:abc/", "http://[::1/", "https://:80/"]


@pytest.mark.parametrize("url", UNREADABLE)
def test_an_address_that_cannot_be_split_is_refused(url: str) -> None:
    assert check_url(url) == (f"is not a web address that can be read: `{url}`; check the site name after `//` "
                              "and any `:number` after it")


@pytest.mark.parametrize("url", ["https://example.org/", "https://example.org:8443/a?b#c", "http://[::1]:80/",
                                 "https://user@example.org/"])
def test_readable_addresses_pass(url: str) -> None:
    assert check_url(url) is None


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.text().map(lambda t: "https://" + t), st.text().map(lambda t: "http://[" + t),
                 st.text().map(lambda t: "https://example.org:" + t)))
def test_address_checks_never_raise(url: str) -> None:
    assert check_url(url) is None or isinstance(check_url(url), str)
    assert isinstance(is_safe_link(url), bool)


@settings(max_examples=300, deadline=None)
@given(st.text().map(lambda t: "https://" + t) | st.text())
def test_any_link_target_in_markdown_renders(target: str) -> None:
    assert isinstance(markdown(f"[x]({target}) [y](<{target}>)"), str)


def test_unreadable_links_in_markdown_do_not_stop_the_build(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = entry_site(scratch, synopsis="'[x](https://[bad/), [y](https://example.org:99999/), [z](http://[::1/)'")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0, result.stderr


# Hidden characters

HIDDEN = ["\u200b", "\u200e", "\u200f", "\u061c", "\ufeff", "\u2060", "\u2064", "\u206a", "\u206f", "\u180e",
          "\U000e0001", "\U000e0041", "\U000e007f"]


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_zero_width_bidi_and_tag_characters_are_refused(scratch, char: str) -> None:  # type: ignore[no-untyped-def]
    folder = entry_site(scratch, organisation=f'"First{char}Trust"')
    [found] = problems(folder)
    assert found.startswith(f"shortlist/first.yaml:2: `organisation` contains the invisible character "
                            f"U+{ord(char):04X} (")


def test_a_leading_byte_order_mark_is_still_fine(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    (folder / "site.yaml").write_text("\ufeff" + SITE, encoding="utf-8")
    assert problems(folder) == []


def _flag(code: str) -> str:
    """A subdivision flag emoji: a black flag, `code` in tag letters, a cancel tag."""
    return "\U0001f3f4" + "".join(chr(0xE0000 + ord(c)) for c in code) + "\U000e007f"


def test_uk_flags_and_joined_emoji_pass(scratch) -> None:  # type: ignore[no-untyped-def]
    text = f"Cymru {_flag('gbwls')} {_flag('gbeng')} {_flag('gbsct')} 👩\u200d⚕\ufe0f 🏳\ufe0f\u200d🌈 کتاب\u200cها"
    folder = entry_site(scratch, organisation=json.dumps(text, ensure_ascii=False),
                        tags=json.dumps([text], ensure_ascii=False))
    assert run_cli("build", cwd=folder).returncode == 0
    assert text in (folder / "_site" / "shortlist" / "index.html").read_text()


def test_other_tag_sequences_are_refused(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = entry_site(scratch, title=json.dumps(f"T {_flag('gbxyz')}", ensure_ascii=False))
    assert problems(folder) == ["shortlist/first.yaml:3: `title` contains the invisible character U+E0067 "
                                "(TAG LATIN SMALL LETTER G), which can hide or reorder what readers see; delete it "
                                "(it often comes with pasted text)"]


# Tags

def test_tags_are_normalised_to_one_spelling(scratch) -> None:  # type: ignore[no-untyped-def]
    entries = ("entries:\n"
               '  - {organisation: A, title: A, synopsis: S, tags: ["Mental  health", "Caf\\u00e9"]}\n'
               '  - {organisation: B, title: B, synopsis: S, tags: ["Mental health ", "Cafe\\u0301", " NHS\\tTrust"]}\n')
    folder = scratch({"shortlist/first.yaml": entries})
    content = load(folder)
    assert [e.tags for e in content.shortlists["first"].entries] == [("Mental health", "Café"),
                                                                     ("Mental health", "Café", "NHS Trust")]
    assert all_tags(content) == ["Café", "Mental health", "NHS Trust"]
    assert run_cli("build", cwd=folder).returncode == 0
    page = (folder / "_site" / "shortlist" / "index.html").read_text()
    assert page.count("<option>Café</option>") == 1 and page.count("<option>Mental health</option>") == 1
    data = json.loads((folder / "_site" / "shortlist.json").read_text())
    assert "Cafe\u0301" not in json.dumps(data, ensure_ascii=False)


# Order

def test_tags_differing_only_in_case_have_one_order() -> None:
    letters = "abcdefghijklmnop"
    tags = [*letters, *letters.upper()]
    content = SimpleNamespace(shortlists={"first": model.Shortlist("first", (
        model.Entry("O", "T", "S", tags=tuple(tags)),))})
    expected = [t for pair in zip(letters.upper(), letters) for t in pair]  # A a B b ...
    assert all_tags(content) == expected  # type: ignore[arg-type]


def test_categories_have_one_order_whatever_order_they_are_read_in() -> None:
    def category(slug: str, title: str, order: int | None = None) -> model.Category:
        return model.Category(slug, title, "I", "E", (), order)
    categories = [category("c", "nhs"), category("b", "NHS"), category("a", "NHS"), category("d", "Z", 1),
                  category("e", "a", 1)]
    orders = {tuple(c.slug for c in sorted(p, key=_order_key)) for p in itertools.permutations(categories)}
    assert orders == {("e", "d", "a", "b", "c")}


def test_key_dates_have_one_order_whatever_order_they_are_written_in() -> None:
    dates = [model.KeyDate("2026-01-01", "nhs"), model.KeyDate("2026-01-01", "NHS", url="https://b.example/"),
             model.KeyDate("2026-01-01", "NHS", url="https://a.example/"), model.KeyDate("2026-01-01", "Z", "09:00"),
             model.KeyDate("2026-01-01", "a", "09:00")]
    orders = {tuple(sorted_dates(p)) for p in itertools.permutations(dates)}
    assert orders == {(dates[2], dates[1], dates[0], dates[4], dates[3])}


@pytest.mark.parametrize("twin", ["Mental health", "mental health", "Mental  health", "Mental health "])
def test_an_entry_giving_one_tag_twice_is_told_so(scratch, twin: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": "entries:\n  - organisation: O\n    title: T\n    synopsis: S\n"
                                              f"    tags:\n      - Mental health\n      - \"{twin}\"\n"})
    result = run_cli("check", cwd=folder)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"shortlist/first.yaml:7: `tags` lists `{' '.join(twin.split())}` twice (also on line 6); remove one")


def test_model_objects_remember_where_they_were_written(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"shortlist/first.yaml": "entries:\n  - organisation: A\n    title: One\n    synopsis: S\n"
                                              "  - organisation: B\n    title: Two\n    synopsis: S\n    tags: [X]\n"})
    content = load(folder)
    category = content.categories[0]
    assert (category.where.file, category.where.line, category.where.of("criteria")) == ("categories/first.yaml", 1, 4)
    assert category.criteria[0].where.line == 5 and category.criteria[0].where.of("points") == 6
    entries = content.shortlists["first"].entries
    assert [(e.where.file, e.where.line) for e in entries] == [("shortlist/first.yaml", 2), ("shortlist/first.yaml", 5)]
    assert entries[1].where.of("tags") == 8 and entries[0].where.of("tags") == 2  # not given: the entry's line
    assert content.site.where.of("intro") == 3


def test_a_tag_spelt_two_ways_is_a_warning_that_names_both_places(scratch) -> None:  # type: ignore[no-untyped-def]
    entry = "  - organisation: {o}\n    title: {o}\n    synopsis: S\n    tags: [{t}]\n"
    folder = scratch({"shortlist/first.yaml": "entries:\n" + entry.format(o="A", t="NHS") + entry.format(o="B", t="nhs")
                      + entry.format(o="C", t="NHS")})
    result = run_cli("build", cwd=folder)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "shortlist/first.yaml:9: warning: the tag `nhs` is spelt `NHS` in shortlist/first.yaml:5; use one spelling, "
        "or the filter shows two topics"]


@pytest.mark.parametrize(("weight", "found"), [("30%", 30), ('"30 %"', 30), ("100%", 100), ("0 %", 0), ("30", 30)])
def test_a_weight_may_be_written_with_its_percent_sign(scratch, weight: str, found: int) -> None:  # type: ignore[no-untyped-def]
    criteria = f"criteria:\n  - heading: H\n    points: [P]\n    weight: {weight}\n  - heading: J\n    points: [Q]\n" \
               f"    weight: {100 - found}\n"
    folder = scratch({"categories/first.yaml": "title: A\nintro: I.\neligibility: E.\n" + criteria})
    assert [c.weight for c in load(folder).categories[0].criteria] == [found, 100 - found]


@pytest.mark.parametrize(("weight", "message"), [
    ("101%", "should be a percentage from 0 to 100, not `101%`"),
    ("30%%", "should be a whole number, not `30%%`"),
    ("thirty %", "should be a whole number, not `thirty %`"),
])
def test_a_weight_with_a_percent_sign_is_still_checked(scratch, weight: str, message: str) -> None:  # type: ignore[no-untyped-def]
    criteria = f"criteria:\n  - heading: H\n    points: [P]\n    weight: {weight}\n"
    folder = scratch({"categories/first.yaml": "title: A\nintro: I.\neligibility: E.\n" + criteria})
    assert problems(folder) == [f"categories/first.yaml:7: `weight` {message}"]
