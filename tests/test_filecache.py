"""Kept files (filecache.py): a rebuild reads again only the content files that changed.

Each test starts with `reading.READ` empty, as a build's own process does, so what is not read again comes
from the files kept beside the output.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any, Optional, Union

import pytest
from conftest import EXAMPLES, files

from awardsite import cache, content, filecache, parallel, pipeline, reading
from awardsite.model import Category, Contact, Shortlist, Site, Where, spec
from benchmarks.edits import Editor
from benchmarks.programme import NOW, write_programme

AT = NOW.strftime("%Y-%m-%d %H:%M")


def kept(out: Path) -> Path:
    return cache.path_of(out) / "files"


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Start with nothing read in this process, and list the name of each file read from here on."""
    monkeypatch.setattr(reading, "READ", {})
    names: list[str] = []
    original = reading._read_object

    def read(path: Path, name: str, *args: Any) -> Any:
        names.append(name)
        return original(path, name, *args)

    monkeypatch.setattr(reading, "_read_object", read)
    return names


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_every_file_kept_is_given_back_as_it_was_read(source: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "READ", {})
    store = filecache.Store(tmp_path / "files")
    first = content.load(source, kept=store)
    store.save()
    read = dict(reading.READ)
    names = files_read(monkeypatch)
    again = content.load(source, kept=filecache.Store(tmp_path / "files"))
    assert names == []  # nothing read again: every site.yaml, edition.yaml, category, shortlist and judges.yaml
    assert again == first and again.warnings == first.warnings
    shortlisted = {Shortlist} if list(source.glob("shortlist/*.yaml")) else set()  # not during an open call
    assert {cls for _, _, cls in read} >= {Site, Category} | shortlisted
    assert reading.READ.keys() == read.keys() and len(list((tmp_path / "files").iterdir())) == len(read)
    for key, (data, made, problems) in read.items():
        given = reading.READ[key][1]
        # `where` is not compared by ==, and a class could be another with the same fields
        assert type(given) is type(made) and filecache.encode(given) == filecache.encode(made), key[1]


def test_a_rebuild_reads_again_only_the_file_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 4, 5, groups=True)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT)
    before = set(kept(tmp_path / "out").iterdir())
    assert len(before) == 1 + 4 + 4  # site.yaml, the categories, the shortlists
    edited = sorted((source / "shortlist").glob("*.yaml"))[1]
    Editor().edit(edited, "synopsis", "Changed")
    names = files_read(monkeypatch)
    built = pipeline.build(source, tmp_path / "out", at=AT)
    assert names == [f"shortlist/{edited.name}"] and built.written < built.files // 2
    after = set(kept(tmp_path / "out").iterdir())
    assert len(after) == 9 and len(after - before) == 1  # the edited file's old object is forgotten
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")


def test_a_big_programme_reads_ahead_only_the_files_that_changed(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 4, 5)
    monkeypatch.setattr(reading, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT, jobs=2)
    edited = sorted((source / "categories").glob("*.yaml"))[2]
    Editor().edit(edited, "category", "Changed")
    monkeypatch.setattr(reading, "READ", {})
    shared: list[list[Any]] = []
    original = parallel.each

    def each(function: Any, items: list[Any], jobs: int) -> Any:
        shared.append(list(items))
        return original(function, items, jobs)

    monkeypatch.setattr(parallel, "each", each)
    pipeline.build(source, tmp_path / "out", at=AT, jobs=2)
    assert [[name for _, name, _ in items] for items in shared] == [[f"categories/{edited.name}"]]
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")


def test_a_damaged_or_altered_kept_file_is_read_again_and_kept_anew(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 6, 3)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT)
    shortlists = sorted((source / "shortlist").glob("*.yaml"))

    def kept_file(path: Path) -> Path:
        name = path.relative_to(source).as_posix()
        return kept(tmp_path / "out") / f"{filecache._key(name, Shortlist, path.read_bytes())}.json"

    kept_file(shortlists[0]).write_text('[["half', encoding="utf-8")  # cut short
    altered = json.loads(kept_file(shortlists[1]).read_text(encoding="utf-8"))
    altered[1][0][1] = 5  # the first entry's title a number
    kept_file(shortlists[1]).write_text(json.dumps(altered), encoding="utf-8")
    kept_file(shortlists[2]).write_text(json.dumps(altered[:2]), encoding="utf-8")  # a field missing
    kept_file(shortlists[3]).write_bytes(b'["\xff"]')  # not UTF-8
    kept_file(shortlists[4]).write_text("[" * 100_000, encoding="utf-8")  # nested deeper than Python goes
    Editor().edit(shortlists[5], "synopsis", "Changed")
    names = files_read(monkeypatch)
    pipeline.build(source, tmp_path / "out", at=AT)
    assert sorted(names) == [f"shortlist/{path.name}" for path in shortlists]
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert files(tmp_path / "out") == files(tmp_path / "cold")
    store = filecache.Store(kept(tmp_path / "out"))
    for path in shortlists[:5]:  # kept anew, as read
        name = path.relative_to(source).as_posix()
        read = next(made for (_, known, _), (_, made, _) in reading.READ.items() if known == name)
        assert store.get(name, Shortlist, path.read_bytes()) == read


def test_a_build_without_the_cache_neither_reads_nor_keeps_files(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 2, 3)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT, cached=False)
    assert not kept(tmp_path / "out").exists()
    pipeline.build(source, tmp_path / "out", at="2026-11-20 10:00")  # not the same moment: not nothing to do
    category = sorted((source / "categories").glob("*.yaml"))[0]
    name = category.relative_to(source).as_posix()
    planted = kept(tmp_path / "out") / f"{filecache._key(name, Category, category.read_bytes())}.json"
    altered = json.loads(planted.read_text(encoding="utf-8"))
    assert altered[1].encode() in (tmp_path / "out" / "index.html").read_bytes()  # the title, on the home page
    altered[1] = "Planted title"
    planted.write_text(json.dumps(altered), encoding="utf-8")
    names = files_read(monkeypatch)
    pipeline.build(source, tmp_path / "out", at="2026-11-21 10:00", cached=False)
    assert len(names) == 5 and b"Planted title" not in (tmp_path / "out" / "index.html").read_bytes()


def test_a_kept_folder_that_is_a_link_is_not_read_and_is_replaced(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 2, 3)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT)
    elsewhere = tmp_path / "elsewhere"
    kept(tmp_path / "out").rename(elsewhere)
    kept(tmp_path / "out").symlink_to(elsewhere)
    names = files_read(monkeypatch)
    pipeline.build(source, tmp_path / "out", at="2026-11-21 10:00")
    assert len(names) == 1 + 2 + 2  # read, none taken from the linked folder
    assert not kept(tmp_path / "out").is_symlink() and len(list(kept(tmp_path / "out").iterdir())) == 5
    assert len(list(elsewhere.iterdir())) == 5  # left as it was


@dataclasses.dataclass(frozen=True)
class _Either:
    choice: Optional[Union[Category, tuple[str, ...]]] = spec("A record or a list: both are lists in JSON.", None)


def test_a_model_a_kept_file_could_not_tell_apart_is_refused() -> None:
    with pytest.raises(TypeError, match="one of 2 records or lists"):
        filecache.decoder(_Either)
    contact = filecache.decoder(Contact)(["Judging", None, None, "0100", None, ["site.yaml", 3, [["role", 4]]]])
    assert contact == Contact("Judging", phone="0100") and contact.where == Where("site.yaml", 3, (("role", 4),))
    with pytest.raises(TypeError):  # a line that is not a number
        filecache.decoder(Contact)(["Judging", None, None, "0100", None, ["site.yaml", "3", []]])
    with pytest.raises(TypeError):  # a phone number that is not text
        filecache.decoder(Contact)(["Judging", None, None, 100, None, ["site.yaml", 3, []]])


def test_a_kept_file_that_cannot_be_written_does_not_fail_the_build(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 2, 3)
    monkeypatch.setattr(reading, "READ", {})
    kept(tmp_path / "out").mkdir(parents=True)
    site = source / "site.yaml"
    (kept(tmp_path / "out") / f"{filecache._key('site.yaml', Site, site.read_bytes())}.json").mkdir()
    built = pipeline.build(source, tmp_path / "out", at=AT)
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    assert built.written == built.files and files(tmp_path / "out") == files(tmp_path / "cold")


def test_the_bytes_of_each_file_are_held_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Read ahead in other processes, a file's bytes come back as another copy: the keys keep the copy the
    memo keeps (a second copy took a cold build of 10,000 entries from 157 MB to 169 MB at its peak)."""
    source = write_programme(tmp_path / "content", 4, 5)
    monkeypatch.setattr(reading, "READ_AHEAD_BYTES", 0)
    monkeypatch.setattr(reading, "READ", {})
    pipeline.build(source, tmp_path / "out", at=AT, jobs=2)
    held = {(name, cls): data for (_, name, cls), (data, _, _) in reading.READ.items()}
    assert len(held) == 1 + 4 + 4
    assert all(filecache._KEYS[key][0] is data for key, data in held.items())
