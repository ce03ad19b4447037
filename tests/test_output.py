"""The output folder: replaced whole and only on success; builds are repeatable."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from awardsite import output, pipeline
from awardsite.errors import BuildError
from conftest import ROOT, run_cli


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
    after = {k: v for k, v in _snapshot(folder).items() if not k.startswith("_site/") and k != lock}
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
