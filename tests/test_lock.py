"""One writer at a time: builds into one output folder never tear each other's site."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest

from awardsite import output, pipeline
from awardsite.errors import BuildError
from conftest import ROOT, run_cli
from test_robustness import snapshot, synthetic


def start_build(source: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build", "--source", str(source),
                             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def fingerprint(site: dict[str, str]) -> str:
    return hashlib.sha256(repr(sorted(site.items())).encode()).hexdigest()


def test_two_builds_into_one_folder_at_once_leave_exactly_one_complete_site(tmp_path: Path) -> None:
    one, two, out = tmp_path / "one", tmp_path / "two", tmp_path / "shared" / "_site"
    synthetic(one, "alpha")
    synthetic(two, "beta")
    references = {}
    for name, source in (("alpha", one), ("beta", two)):
        assert run_cli("build", "--source", str(source), "--out", str(tmp_path / f"ref-{name}")).returncode == 0
        references[fingerprint(snapshot(tmp_path / f"ref-{name}"))] = name
    started = time.monotonic()
    assert run_cli("build", "--source", str(one), "--out", str(tmp_path / "timing")).returncode == 0
    duration = time.monotonic() - started
    seen = []
    for attempt in range(6):  # at once, then the second started later and later while the first writes
        first = start_build(one, out)
        time.sleep(duration * attempt / 8)
        second = start_build(two, out)
        results = [first.communicate(timeout=120), second.communicate(timeout=120)]
        assert (first.returncode, second.returncode) == (0, 0), results
        site = snapshot(out)
        assert fingerprint(site) in references, f"attempt {attempt}: a torn site of {len(site)} files"
        seen.append(references[fingerprint(site)])
        assert not list(out.parent.glob(".*.tmp-*"))  # no temporary folder left behind
    assert "beta" in seen  # the build started second finishes last and its site stays


def test_a_second_build_waits_for_the_first_and_says_so(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, out = scratch(), tmp_path / "site"
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from awardsite import output\n"
        "with output.lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(1.5)\n"), str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout and holder.stdout.readline().strip() == "locked"
    result = run_cli("build", "--source", str(folder), "--out", str(out))
    holder.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    assert f"waiting for another build into {out.resolve()} to finish (process {holder.pid})" in result.stderr
    assert (out / "index.html").exists()


def test_a_build_that_cannot_get_the_lock_in_time_fails_with_one_clear_line(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = (tmp_path / "site").resolve()
    with output.lock(out):
        with pytest.raises(BuildError, match=r"another build into .*site is still running \(process \d+\) after 0 s"):
            pipeline.build(scratch(), out, wait=0.2)
    assert not out.exists()  # nothing was written while the other build held the lock


def test_leftovers_are_cleared_only_under_the_lock(scratch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A temporary folder beside the output is a dead build's only when no build holds the lock."""
    out = (tmp_path / "site").resolve()
    pipeline.build(scratch(), out)
    leftover = out.parent / f".{out.name}.tmp-dead"
    leftover.mkdir()
    with output.lock(out):  # another build is running: a waiting build must not touch its folders
        with pytest.raises(BuildError):
            pipeline.build(scratch(), out, wait=0.1)
        assert leftover.exists()
    pipeline.build(scratch(), out)
    assert not leftover.exists()
