"""The benchmark's harness: what a run leaves is set aside while anything is timed, and deleted at the end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks import processes


def test_an_output_is_moved_aside_keeping_its_inodes_and_deleted_only_at_the_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "_ASIDE", [])
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))  # the aside folder is made in the temporary folder
    site, lock = tmp_path / "site", tmp_path / "site.lock"
    (site / "shortlist").mkdir(parents=True)
    (site / "shortlist" / "index.html").write_text("page", encoding="utf-8")
    lock.write_text("", encoding="utf-8")
    inode = os.stat(site / "shortlist" / "index.html").st_ino
    processes.remove(site, lock, tmp_path / "absent")
    assert not site.exists() and not lock.exists()
    (aside,) = processes._ASIDE
    moved = sorted(aside.rglob("index.html"))
    assert [p.read_text(encoding="utf-8") for p in moved] == ["page"] and os.stat(moved[0]).st_ino == inode
    assert len(list(aside.iterdir())) == 2
    processes.empty_aside()
    assert not aside.exists() and processes._ASIDE == []
