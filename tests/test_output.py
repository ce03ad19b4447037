"""The output folder: replaced whole and only on success; builds are repeatable."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pytest

from awardsite import cache, folders, output, pipeline
from awardsite.errors import BuildError
from conftest import ROOT, folders_made_ahead, run_cli


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failed_build_leaves_the_previous_site_untouched(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert run_cli("build", cwd=folder).returncode == 0
    before = _snapshot(folder / "_site")
    (folder / "shortlist/first.yaml").write_text("entries:\n  - organisation: A\n    title: [unclosed\n")
    result = run_cli("build", cwd=folder)
    assert result.returncode == 1 and "shortlist/first.yaml:3:" in result.stderr
    assert _snapshot(folder / "_site") == before
    assert not list(folder.glob(".*tmp-*"))


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    pipeline.build(ROOT, tmp_path / "one")
    pipeline.build(ROOT, tmp_path / "two")
    one, two = _snapshot(tmp_path / "one"), _snapshot(tmp_path / "two")
    assert one == two and len(one) > 5


def test_a_rebuild_replaces_the_site_whole(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/second.yaml": "title: Second\nintro: I\neligibility: E\n"
                      "criteria:\n  - heading: H\n    points: [P]\n"})
    assert run_cli("build", cwd=folder).returncode == 0
    assert (folder / "_site/categories/second/index.html").exists()
    (folder / "categories/second.yaml").unlink()
    assert run_cli("build", cwd=folder).returncode == 0
    assert not (folder / "_site/categories/second").exists()  # no stale pages survive


def test_build_never_writes_to_the_source_files(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    before = _snapshot(folder)
    assert run_cli("build", cwd=folder).returncode == 0
    lock = output.lock_path(folder / "_site").name  # beside the output, so it outlives each site
    kept = cache.path_of(folder / "_site").name + "/"  # the build cache, beside it too
    after = {k: v for k, v in _snapshot(folder).items() if not k.startswith(("_site/", kept)) and k != lock}
    assert after == before


@pytest.mark.parametrize("where", ["source", "parent", "home", "root"])
def test_dangerous_output_folders_are_refused(scratch, where: str) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    out = {"source": folder, "parent": folder.parent, "home": Path.home(), "root": Path("/")}[where]
    result = run_cli("build", "--out", str(out), cwd=folder)
    assert result.returncode == 1 and result.stderr.startswith("error: refusing to build into")
    assert (folder / "site.yaml").exists()


def test_a_folder_not_built_by_this_tool_is_not_replaced(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(BuildError, match="not built by this tool"):
        pipeline.build(scratch(), precious)
    assert (precious / "thesis.txt").read_text() == "years of work"


def test_leftovers_of_an_interrupted_build_are_cleared(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    leftover = folder / "._site.tmp-abc123"
    (leftover / "assets").mkdir(parents=True)
    pipeline.build(folder, folder / "_site")
    assert not leftover.exists()
    assert (folder / "_site" / output.MARKER).exists()


def test_an_out_that_is_a_symlink_builds_into_its_target_and_keeps_the_link(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "real-site"
    target.mkdir()
    link = tmp_path / "published"
    link.symlink_to(target)
    for _ in range(2):  # the second build replaces the first through the same link
        result = run_cli("build", "--out", str(link), cwd=scratch())
        assert result.returncode == 0, result.stderr
    assert link.is_symlink() and (link / "index.html").exists() and (target / "index.html").exists()


def test_an_out_that_is_a_symlink_loop_is_a_clear_error(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop")
    result = run_cli("build", "--out", str(loop), cwd=scratch())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: cannot use --out {loop}: ")


@pytest.mark.parametrize("epoch", ["99999999999999999999", "1e9", "-5", "١٢٣", "²", "7258118400"])
def test_an_absurd_source_date_epoch_is_a_clear_error(scratch, epoch: str) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build"], cwd=scratch(), capture_output=True,
                            text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch}, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, up to ")


def test_the_last_source_date_epoch_allowed_builds(scratch, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "7258118399")  # 2199-12-31 23:59:59
    assert pipeline.build_now().isoformat() == "2199-12-31T23:59:00+00:00"  # GMT, to the minute
    pipeline.build(scratch(), tmp_path / "out")


@pytest.mark.parametrize("how", ["at once", "without find, xargs and rm", "in the background"])
def test_a_replaced_site_is_deleted_without_following_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            how: str) -> None:
    folder, outside = tmp_path / ".out.tmp-old", tmp_path / "outside"
    (folder / "shortlist" / "a").mkdir(parents=True)
    (folder / "shortlist" / "a" / "index.html").write_text("old page")
    outside.mkdir()
    (outside / "keep.txt").write_text("not the site's")
    (folder / "linked").symlink_to(outside)
    (folder / "shortlist" / "file-link").symlink_to(outside / "keep.txt")
    if how == "in the background":  # serve's
        folders.remove_later(folder)
        folders.remove_later(folder)  # asked twice (a build's tidying and the next one's leftovers): no harm
        deadline = time.monotonic() + 60  # a bound on the wait, not a timing: it is done in a moment
        while folder.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    else:
        if how == "without find, xargs and rm":  # Windows, say: shutil deletes it
            monkeypatch.setattr(folders.shutil, "which", lambda name: None)
        folders.remove(folder)
    assert not folder.exists() and (outside / "keep.txt").read_text() == "not the site's"


def _tree(folder: Path) -> dict[str, str]:
    """Every file's bytes digest and every folder (as "folder") under `folder`."""
    return {p.relative_to(folder).as_posix(): "folder" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*")}


def test_a_rebuild_without_some_pages_leaves_none_of_their_folders(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The last build's folders are made ahead in the new site (folders.py): those of a shortlist deleted since
    # must not stay behind, empty, where the cold build has none.
    from benchmarks.programme import NOW, write_programme
    at = NOW.strftime("%Y-%m-%d %H:%M")
    source = write_programme(tmp_path / "content", 3, 4)
    out = tmp_path / "out"
    pipeline.build(source, out, at=at)
    gone = sorted((source / "shortlist").glob("*.yaml"))[0]
    assert (out / "shortlist" / gone.stem).is_dir()
    gone.unlink()
    made_ahead = folders_made_ahead(monkeypatch)
    pipeline.build(source, out, at=at)
    assert f"shortlist/{gone.stem}" in made_ahead[0]  # made ahead, then removed
    pipeline.build(source, tmp_path / "cold", at=at, cached=False)
    assert _tree(out) == _tree(tmp_path / "cold")
    assert not (out / "shortlist" / gone.stem).exists()


def test_a_folder_made_ahead_where_the_new_site_has_a_file_gives_way(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "media" / "plan" / "sub").mkdir(parents=True)  # the last build had a folder media/plan/ ...
    (out / "media" / "plan" / "sub" / "a.png").write_bytes(b"old")
    (out / output.MARKER).write_text("")
    with output.Writer(out, old={"media/plan/sub/a.png": "a", "media/keep.png": "b"}) as writer:
        writer.expect({"media/plan": "c", "index.html": "d"})
        if writer.ahead is not None and writer.ahead.process is not None:
            writer.ahead.process.wait()  # the folders are made (here; a build goes on writing meanwhile)
        assert (writer.temp / "media" / "plan" / "sub").is_dir()
        writer.write("media/plan", [b"now a file"])  # ... where this one has a file of that name
        writer.write("index.html", [b"home"])
    assert (out / "media" / "plan").read_bytes() == b"now a file"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == [
        output.MARKER, "index.html", "media", "media/plan"]


def test_an_empty_temporary_folder_is_removed_without_starting_a_process(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # A build that fails on the content leaves its temporary folder empty; serve meets that on every bad save.
    def no_process(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process was started")

    monkeypatch.setattr(folders.subprocess, "run", no_process)
    monkeypatch.setattr(folders.subprocess, "Popen", no_process)
    empty = tmp_path / ".out.tmp-empty"
    empty.mkdir()
    folders.remove(empty)
    assert not empty.exists()
