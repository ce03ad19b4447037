"""The spare site (spare.py): a rebuild starts from the site the last build replaced, and nothing of it leaks."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import files, folders_made_ahead

from awardsite import cache, output, pipeline, spare
from awardsite.errors import ContentError
from benchmarks.edits import Editor
from benchmarks.programme import NOW, write_programme

AT = NOW.strftime("%Y-%m-%d %H:%M")


def spare_of(out: Path) -> Path:
    return cache.path_of(out) / spare.FOLDER


def built_twice(tmp_path: Path, editor: Editor) -> tuple[Path, Path]:
    """A programme built, edited and built again: the second build kept the first's site as the spare."""
    source = write_programme(tmp_path / "content", 4, 5)
    out = tmp_path / "out"
    pipeline.build(source, out, at=AT)
    editor.edit(shortlist(source, 1), "synopsis", "First")
    pipeline.build(source, out, at=AT)
    return source, out


def shortlist(source: Path, index: int) -> Path:
    return sorted((source / "shortlist").glob("*.yaml"))[index]


def cold(source: Path, tmp_path: Path) -> dict[str, bytes]:
    pipeline.build(source, tmp_path / "cold", at=AT, cached=False)
    return files(tmp_path / "cold")


def test_a_rebuild_starts_from_the_spare_and_keeps_the_site_it_replaces(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    editor = Editor()
    source, out = built_twice(tmp_path, editor)
    assert spare_of(out).is_dir() and (cache.path_of(out) / spare.RECORD).is_file()
    live = files(out)
    made_ahead = folders_made_ahead(monkeypatch)
    editor.edit(shortlist(source, 2), "synopsis", "Second")
    built = pipeline.build(source, out, at=AT)
    assert made_ahead == [[]]  # the folders were the spare's
    assert files(spare_of(out)) == live  # the replaced site, exactly as it was live
    assert files(out) == cold(source, tmp_path) and 0 < built.written < built.files // 2
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_what_the_spare_has_that_the_new_site_has_not_never_reaches_it(tmp_path: Path) -> None:
    editor = Editor()
    source, out = built_twice(tmp_path, editor)
    old = spare_of(out)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    (old / "planted.html").write_text("stray", encoding="utf-8")
    (old / "linked.html").symlink_to(outside)
    (old / "extra" / "deep").mkdir(parents=True)
    pages = sorted(p for p in old.rglob("index.html") if p.parent != old)
    pages[0].unlink()  # a file the new site has, gone from the spare: linked from the live site
    pages[1].unlink()
    pages[1].mkdir()  # ... and a folder where the new site has a file
    (pages[1] / "inside.html").write_text("stray", encoding="utf-8")
    (old / "sitemap.xml").unlink()
    (old / "sitemap.xml").symlink_to(outside)  # a link where the new site has a file
    editor.edit(shortlist(source, 2), "synopsis", "Second")
    pipeline.build(source, out, at=AT)
    assert files(out) == cold(source, tmp_path)
    assert not any(path.is_symlink() for path in out.rglob("*"))
    assert outside.read_text(encoding="utf-8") == "not the site's"


def test_a_spare_its_record_does_not_name_is_deleted_and_not_used(tmp_path: Path) -> None:
    editor = Editor()
    source, out = built_twice(tmp_path, editor)
    other = tmp_path / "other"
    shutil.copytree(spare_of(out), other)
    shutil.rmtree(spare_of(out))
    other.rename(spare_of(out))  # the same files, another folder
    (spare_of(out) / "planted.html").write_text("stray", encoding="utf-8")
    live = files(out)
    editor.edit(shortlist(source, 2), "synopsis", "Second")
    pipeline.build(source, out, at=AT)
    assert files(out) == cold(source, tmp_path)
    assert files(spare_of(out)) == live  # the unnamed one deleted, the replaced site kept in its place
    (cache.path_of(out) / spare.RECORD).write_text("{damaged", encoding="utf-8")
    editor.edit(shortlist(source, 3), "synopsis", "Third")
    pipeline.build(source, out, at=AT)
    assert files(out) == cold(source, tmp_path)
    record = json.loads((cache.path_of(out) / spare.RECORD).read_text(encoding="utf-8"))
    assert record["folder"] == f"{spare_of(out).stat().st_dev}:{spare_of(out).stat().st_ino}"


def test_a_failed_build_uses_up_the_spare_and_leaves_the_live_site(tmp_path: Path) -> None:
    editor = Editor()
    source, out = built_twice(tmp_path, editor)
    live = files(out)
    good = shortlist(source, 2).read_text(encoding="utf-8")
    shortlist(source, 2).write_text("entries: [", encoding="utf-8")
    with pytest.raises(ContentError):
        pipeline.build(source, out, at=AT)
    assert files(out) == live and not spare_of(out).exists()
    assert not list(tmp_path.glob(".out.tmp-*"))
    shortlist(source, 2).write_text(good, encoding="utf-8")
    editor.edit(shortlist(source, 3), "synopsis", "Third")
    pipeline.build(source, out, at=AT)
    assert files(out) == cold(source, tmp_path) and files(spare_of(out)) == live


def test_a_build_without_the_cache_neither_takes_nor_keeps_a_spare(tmp_path: Path) -> None:
    editor = Editor()
    source, out = built_twice(tmp_path, editor)
    kept = files(spare_of(out))
    record = (cache.path_of(out) / spare.RECORD).read_bytes()
    editor.edit(shortlist(source, 2), "synopsis", "Second")
    pipeline.build(source, out, at=AT, cached=False)
    assert files(spare_of(out)) == kept and (cache.path_of(out) / spare.RECORD).read_bytes() == record
    editor.edit(shortlist(source, 3), "synopsis", "Third")
    pipeline.build(source, out, at=AT)  # the spare is older than the live site, and still what its record says
    assert files(out) == cold(source, tmp_path)


def test_a_file_written_into_the_new_site_is_always_a_new_one(tmp_path: Path) -> None:
    live, spared = tmp_path / "live.html", tmp_path / "spare.html"
    live.write_bytes(b"live")
    os.link(live, spared)  # the spare's file, a hard link to the live site's
    output.write_file(spared, [b"new"])
    assert live.read_bytes() == b"live" and spared.read_bytes() == b"new"


def test_the_spare_is_listed_alike_with_and_without_find(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "root"
    (root / "a b" / "c").mkdir(parents=True)
    (root / "a b" / "c" / "page\nline.html").write_text("x", encoding="utf-8")
    (root / "index.html").write_text("x", encoding="utf-8")
    (root / "to-file").symlink_to(root / "index.html")
    (root / "to-folder").symlink_to(root / "a b")
    (root / "empty").mkdir()
    with_find = spare.Spare(root, {})
    assert with_find.process is not None  # GNU find is on the machines the tests run on
    listed = sorted(with_find._entries())
    monkeypatch.setattr(spare.shutil, "which", lambda name: None)
    assert sorted(spare.Spare(root, {})._entries()) == listed == [
        ("d", "a b"), ("d", "a b/c"), ("d", "empty"), ("f", "a b/c/page\nline.html"), ("f", "index.html"),
        ("l", "to-file"), ("l", "to-folder")]


def test_the_first_rebuild_links_the_live_site_s_files_but_not_what_was_put_there_by_hand(
        tmp_path: Path) -> None:
    source = write_programme(tmp_path / "content", 4, 5)
    out = tmp_path / "out"
    pipeline.build(source, out, at=AT)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's", encoding="utf-8")
    (out / "CNAME").write_text("awards.example.org", encoding="utf-8")
    (out / "linked.html").symlink_to(outside)
    (out / "sitemap.xml").unlink()
    (out / "sitemap.xml").symlink_to(outside)  # where the site has a file the rebuild would not make again
    Editor().edit(shortlist(source, 1), "synopsis", "First")
    unchanged = min((out / "shortlist" / shortlist(source, 3).stem).glob("*/index.html"))  # an entry's page
    before = unchanged.stat().st_ino
    built = pipeline.build(source, out, at=AT)
    assert files(out) == cold(source, tmp_path) and built.written < built.files // 2
    assert unchanged.stat().st_ino == before  # the live site's file, linked
    assert outside.read_text(encoding="utf-8") == "not the site's"
    assert (spare_of(out) / "CNAME").is_file()  # the replaced site, kept as it was
