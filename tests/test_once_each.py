"""`once_each(items, macro)`: markup every page shows alike, made once per build (render.once_each)."""

from __future__ import annotations

from pathlib import Path

from awardsite import pipeline, render
from benchmarks.programme import NOW, write_programme

AT = NOW.strftime("%Y-%m-%d %H:%M")


class Macro:
    """Stands for a Jinja macro: called with an item, named."""

    def __init__(self, name: str) -> None:
        self.name, self.calls = name, 0

    def __call__(self, item: object) -> str:
        self.calls += 1
        return f"<li>{item}</li>"


def test_each_item_is_made_once_for_a_list_and_a_macro() -> None:
    once_each = render.once_each()
    first, second, finalist, other = ("a", "b"), ("c",), Macro("finalist"), Macro("other")
    assert once_each(first, finalist) == [("a", "<li>a</li>"), ("b", "<li>b</li>")]
    assert once_each(first, finalist) == once_each(first, finalist) and finalist.calls == 2
    assert once_each(second, finalist) == [("c", "<li>c</li>")] and finalist.calls == 3  # another list
    assert once_each(first, other) == once_each(first, finalist) and other.calls == 2  # another macro
    assert render.once_each()(first, finalist) and finalist.calls == 5  # each build makes its own


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
