"""YAML is read as the editor wrote it: no YAML 1.1 surprises, no objects, lines kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from awardsite.content import load
from awardsite.errors import ContentError


def test_yaml_1_1_lookalikes_stay_exactly_as_written(scratch) -> None:  # type: ignore[no-untyped-def]
    content = load(
        scratch(
            {
                "site.yaml": "title: \"2024\"\nbase_url: https://example.org/\nintro: yes\n"
                "contacts:\n  - role: off\n    phone: \"02076089002\"\n",
                "shortlist/first.yaml": "entries:\n  - organisation: NO\n    title: 12:30\n    synopsis: \"012\"\n"
                "  - organisation: \"1e3\"\n    title: ~x\n    synopsis: \".inf\"\n",
            }
        )
    )
    site, entries = content.site, content.shortlists["first"].entries
    assert (site.title, site.intro) == ("2024", "yes")
    assert (site.contacts[0].role, site.contacts[0].phone) == ("off", "02076089002")
    assert (entries[0].organisation, entries[0].title, entries[0].synopsis) == ("NO", "12:30", "012")
    assert (entries[1].organisation, entries[1].title, entries[1].synopsis) == ("1e3", "~x", ".inf")


@pytest.mark.parametrize("written", ["2024", "02076089002", "1e3", ".inf", "true", "False"])
def test_text_other_yaml_tools_read_as_a_number_or_boolean_needs_quotes(scratch, written: str) -> None:  # type: ignore[no-untyped-def]
    """VS Code's schema and other YAML tools read these as numbers or booleans: check agrees, and says how."""
    folder = scratch({"site.yaml": f"title: {written}\nbase_url: https://example.org/\nintro: I\n"})
    with pytest.raises(ContentError) as raised:
        load(folder)
    reads = "true or false" if written.lower() in ("true", "false") else "a number"
    assert [p.format() for p in raised.value.problems] == [
        f"site.yaml:1: `title` `{written}` reads as {reads} to VS Code and other YAML tools: write it in quotes, "
        f"`\"{written}\"`"]


def test_numbers_are_read_only_where_the_model_wants_one(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/first.yaml": "title: T\nintro: I\neligibility: E\norder: 012\n"
                      "criteria:\n  - heading: H\n    points: [P]\n"})
    assert load(folder).categories[0].order == 12  # decimal, not YAML 1.1's octal 10


def test_byte_order_mark_and_crlf_line_endings_are_accepted(scratch) -> None:  # type: ignore[no-untyped-def]
    text = "\ufeffentries:\r\n  - organisation: A\r\n    title: B\r\n    synopsis: C\r\n"
    content = load(scratch({"shortlist/first.yaml": text}))
    assert content.shortlists["first"].entries[0].organisation == "A"


def test_categories_are_ordered_by_order_then_title(scratch) -> None:  # type: ignore[no-untyped-def]
    body = "intro: I\neligibility: E\ncriteria:\n  - heading: H\n    points: [P]\n"
    folder = scratch({
        "categories/b.yaml": "title: Bravo\norder: 2\n" + body,
        "categories/c.yaml": "title: alpha\n" + body,
        "categories/d.yaml": "title: Charlie\n" + body,
        "categories/first.yaml": "title: Zulu\norder: 1\n" + body,
    })
    assert [c.slug for c in load(folder).categories] == ["first", "b", "c", "d"]


def test_hidden_files_are_ignored_on_purpose(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/.draft.yaml": "not: valid", "shortlist/.DS_Store": "x", ".hidden/x.yaml": "x"})
    assert [c.slug for c in load(folder).categories] == ["first"]


def test_example_content_files_keep_to_the_contract(example_site: Path) -> None:
    from conftest import ROOT

    content = load(ROOT)
    assert content.site.title and content.categories
    assert all(s in {c.slug for c in content.categories} for s in content.shortlists)
