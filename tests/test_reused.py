"""`once_each(items, macro)` and `once(macro, *by)`: markup every page shows alike, made once per build (reused.py)."""

from __future__ import annotations

from pathlib import Path

import re
import shutil

from awardsite import clock, pipeline, reused
from awardsite.lists import other_finalists
from awardsite.model import Entry
from benchmarks.programme import NOW, write_programme

from conftest import ROOT, files

EXAMPLE = ROOT / "examples" / "riverside-awards"

AT = NOW.strftime("%Y-%m-%d %H:%M")


class Macro:
    """Stands for a Jinja macro: called with an item, named."""

    def __init__(self, name: str) -> None:
        self.name, self.calls = name, 0

    def __call__(self, item: object = "whole") -> str:
        self.calls += 1
        return f"<li>{item}</li>"


def test_each_item_is_made_once_for_a_list_and_a_macro() -> None:
    once_each = reused.once_each()
    first, second, finalist, other = ("a", "b"), ("c",), Macro("finalist"), Macro("other")
    assert once_each(first, finalist) == [("a", "<li>a</li>"), ("b", "<li>b</li>")]
    assert once_each(first, finalist) == once_each(first, finalist) and finalist.calls == 2
    assert once_each(second, finalist) == [("c", "<li>c</li>")] and finalist.calls == 3  # another list
    assert once_each(first, other) == once_each(first, finalist) and other.calls == 2  # another macro
    assert reused.once_each()(first, finalist) and finalist.calls == 5  # each build makes its own


def test_a_macro_is_made_once_for_its_name_and_the_values_it_is_keyed_by() -> None:
    once, footer, other = reused.once(), Macro("footer"), Macro("other")
    edition, equal_edition = ["2026"], ["2026"]
    same_edition = edition
    assert once(footer, edition, "en") == "<li>whole</li>" and footer.calls == 1
    assert once(footer, same_edition, "en") is once(footer, edition, "en") and footer.calls == 1
    assert once(footer, edition, "".join(["e", "n"])) and footer.calls == 1  # an equal text, another object
    assert once(footer, edition, "cy") and footer.calls == 2  # another language
    assert once(footer, equal_edition, "en") and footer.calls == 3  # an equal object is not the same edition
    assert once(footer, edition, "en") and once(footer, equal_edition, "en") and footer.calls == 3  # both kept
    assert once(other, edition, "en") and other.calls == 1 and footer.calls == 3  # another macro
    assert reused.once()(footer, edition, "en") and footer.calls == 4  # each build makes its own


def test_tuples_of_texts_are_keyed_by_value_and_tuples_holding_objects_by_identity() -> None:
    once, header, edition = reused.once(), Macro("header"), ["2026"]
    menu = (("Home", "/", False), ("Shortlist", "/shortlist/", True))
    assert once(header, edition, "en", menu) and header.calls == 1
    assert once(header, edition, "en", tuple(list(menu))) and header.calls == 1  # an equal menu: the same header
    assert once(header, edition, "en", (("Home", "/", True), menu[1])) and header.calls == 2  # another page current
    holding, equal_holding = (["a"],), (["a"],)
    assert once(header, holding) and once(header, holding) and header.calls == 3
    assert once(header, equal_holding) and header.calls == 4  # a tuple holding an object: by that object


def test_the_header_and_footer_made_once_are_those_each_page_would_make(tmp_path: Path) -> None:
    """The example with editions and a Welsh category, built as it is and with a theme whose base.html makes the
    header and footer on every page: the same bytes, and more than one of each (so one shared too widely would
    show)."""
    source = shutil.copytree(EXAMPLE, tmp_path / "content")
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    shared = {"once(site_footer, edition, lang)": "site_footer()",
              "once(site_header, edition, lang, menu_items)": "site_header()"}
    for once, each in shared.items():
        assert "{{ %s }}" % once in base
        base = base.replace(once, each)
    (source / "templates").mkdir()
    (source / "templates" / "base.html").write_text(base, encoding="utf-8")
    pipeline.build(source, tmp_path / "each", cached=False)
    shutil.rmtree(source / "templates")
    pipeline.build(source, tmp_path / "once", cached=False)
    each, made_once = files(tmp_path / "each"), files(tmp_path / "once")
    assert made_once == each
    footers = {m.group(0) for data in each.values() for m in re.finditer(rb"<footer.*?</footer>", data, re.S)}
    assert len(footers) >= 3, "the example should have footers for several editions and languages"
    headers = {m.group(0) for data in each.values() for m in re.finditer(rb"<header class=\"site-header.*?</header>",
                                                                           data, re.S)}
    assert len(headers) >= 8, "the example should have headers for several editions, languages and pages current"


def test_an_entry_page_lists_every_other_finalist_of_its_category_and_not_itself(tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 2, 4)
    pipeline.build(source, tmp_path / "out", at=AT)
    content = pipeline.check(source)
    for category, shortlist in content.current.shortlists.items():
        for entry in shortlist.entries:
            page = (tmp_path / "out" / "shortlist" / category / (entry.slug or "") / "index.html").read_text()
            others = page.split('<ul class="entry-page__others">', 1)[1].split("</ul>", 1)[0]
            listed = [line.split('/">', 1)[1].split("</a>", 1)[0] for line in others.strip().splitlines()]
            assert sorted(listed) == sorted(e.title for e in shortlist.entries if e is not entry), entry.slug


def _others_listed(page: str) -> list[str]:
    others = page.split('<ul class="entry-page__others">', 1)[1].split("</ul>", 1)[0]
    return [line.split('/">', 1)[1].split("</a>", 1)[0] for line in others.strip().splitlines()]


def test_a_big_category_lists_the_dozen_after_each_entry_so_each_is_listed_as_often(tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 1, 20)
    pipeline.build(source, tmp_path / "out", at=AT)
    content = pipeline.check(source)
    published = clock.published(content, clock.moment(AT, content.site.timezone, ""))
    ((category, shortlist),) = published.current.shortlists.items()  # the winner first: its results are out
    titles = [e.title for e in shortlist.entries]
    assert shortlist.entries[0].result == "winner"
    times_listed = dict.fromkeys(titles, 0)
    for at, entry in enumerate(shortlist.entries):
        page = (tmp_path / "out" / "shortlist" / category / (entry.slug or "") / "index.html").read_text()
        listed = _others_listed(page)
        following = {titles[(at + step) % len(titles)] for step in range(1, 13)}
        assert listed == [title for title in titles if title in following], entry.slug  # in the category's order
        assert f'/shortlist/#{category}">' in page.split('<ul class="entry-page__links">', 1)[1]  # to them all
        for title in listed:
            times_listed[title] += 1
    assert set(times_listed.values()) == {12}


def test_other_finalists_are_every_other_one_in_order_up_to_the_count() -> None:
    entries = [Entry(organisation="Org", title=f"Entry {n}", synopsis="Text.", slug=f"e{n}") for n in range(5)]
    lines = [(entry, entry.slug) for entry in entries]
    assert [line for _, line in other_finalists(lines, entries[2])] == ["e0", "e1", "e3", "e4"]
    assert [line for _, line in other_finalists(lines, entries[3], 2)] == ["e0", "e4"]  # round to the start
    assert [line for _, line in other_finalists(lines, entries[4], 4)] == ["e0", "e1", "e2", "e3"]
    assert other_finalists(lines[:1], entries[0]) == [] and other_finalists([], entries[0]) == []
