"""A big site rendered by several processes is byte for byte the serial build (parallel.py)."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Any, Iterable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from conftest import files

from awardsite import pagekeys, parallel, pipeline, reading
from awardsite.errors import ContentError
from awardsite.output import Writer
from benchmarks.programme import NOW, PHASES, write_programme

AT = NOW.strftime("%Y-%m-%d %H:%M")  # the generated programme's phases are set around this moment


def test_a_site_over_the_threshold_is_rendered_by_workers_and_is_the_same(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 12, 30, groups=True)
    serial = pipeline.build(source, tmp_path / "serial", at=AT, jobs=1)
    writers = tmp_path / "writers"  # each process that writes a page adds its id here
    original = parallel.write_file

    def write_file(target: Path, chunks: Iterable[bytes]) -> None:
        with writers.open("a") as record:
            record.write(f"{os.getpid()}\n")
        original(target, chunks)

    monkeypatch.setattr(parallel, "write_file", write_file)  # forked workers inherit it
    shared = pipeline.build(source, tmp_path / "shared", at=AT, jobs=3)
    assert serial.files == shared.files > parallel.MIN_FILES
    assert len(set(writers.read_text().split())) == 3
    assert files(tmp_path / "shared") == files(tmp_path / "serial")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(categories=st.integers(1, 6), entries=st.integers(1, 9), groups=st.booleans(), phase=st.sampled_from(sorted(PHASES)),
       jobs=st.integers(2, 4))
def test_any_programme_in_any_phase_is_the_same_in_any_number_of_processes(
        tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, categories: int, entries: int,
        groups: bool, phase: str, jobs: int) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 0)  # small programmes too, so each example is quick
    folder = tmp_path_factory.mktemp("programme")
    source = write_programme(folder / "content", categories, entries, groups=groups, phase=phase)
    pipeline.build(source, folder / "serial", at=AT, jobs=1)
    pipeline.build(source, folder / "shared", at=AT, jobs=jobs)
    assert files(folder / "shared") == files(folder / "serial")


def test_a_page_failing_in_a_worker_is_reported_as_the_serial_build_reports_it(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "MIN_FILES", 0)
    source = write_programme(tmp_path / "content", 3, 6)
    entry = (Path(pipeline.__file__).parent.parent / "templates" / "entry.html").read_text(encoding="utf-8")
    # Each entry page after the first few fails, on a line of its own: the report names the one a serial build
    # meets first, whichever process met it.
    (source / "templates").mkdir()
    (source / "templates" / "entry.html").write_text(entry.replace(
        "{% block main %}", "{% block main %}{% if page.entry.title > 'M' %}{{ {}[page.path] }}{% endif %}", 1),
        encoding="utf-8")
    reports = []
    for jobs in (1, 2, 3):
        with pytest.raises(ContentError) as caught:
            pipeline.build(source, tmp_path / f"out{jobs}", at=AT, jobs=jobs)
        reports.append([p.format() for p in caught.value.problems])
        assert not (tmp_path / f"out{jobs}").exists()
    assert reports[0] == reports[1] == reports[2] and len(reports[0]) == 1
    assert "has no attribute 'shortlist/" in reports[0][0]  # names the page


def test_a_category_s_pages_are_rendered_by_one_process_so_its_synopses_are_converted_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Interleaved sharing sent a category's shortlist page to one process and half its entries' pages to the
    # other, which converted their synopses again. Runs of neighbours in the site's tree split only the
    # categories that straddle a run's end.
    source = write_programme(tmp_path / "content", 24, 20)
    writers = tmp_path / "writers"
    original = parallel.write_file

    def write_file(target: Path, chunks: Iterable[bytes]) -> None:
        with writers.open("a") as record:
            record.write(f"{os.getpid()} {target.relative_to(target.parents[len(target.parents) - 1])}\n")
        original(target, chunks)

    monkeypatch.setattr(parallel, "write_file", write_file)
    pipeline.build(source, tmp_path / "out", at=AT, jobs=2)
    by_category: dict[str, set[str]] = {}
    for line in writers.read_text().splitlines():
        pid, path = line.split(" ", 1)
        parts = Path(path).parts
        if "shortlist" in parts and len(parts) > parts.index("shortlist") + 2:  # shortlist/<category>/...
            by_category.setdefault(parts[parts.index("shortlist") + 1], set()).add(pid)
    assert len(by_category) == 24
    runs = 2 * parallel.RUNS_PER_JOB
    split = [category for category, pids in by_category.items() if len(pids) > 1]
    assert len(split) < runs, split


def test_a_serial_render_keeps_the_collector_off_what_is_loaded_then_gives_it_back(tmp_path: Path) -> None:
    # Full collections walked the whole loaded content again and again while pages were rendered.
    frozen_while_rendering = []

    def produce() -> list[bytes]:
        frozen_while_rendering.append(gc.get_freeze_count())
        return [b"page"]

    gc.unfreeze()  # as a build's process starts, whatever a test of serve in this process froze
    with Writer(tmp_path / "out") as writer:
        parallel.write_all([("index.html", produce)], writer, 1)
    assert frozen_while_rendering[0] > 0
    assert gc.get_freeze_count() == 0  # given back: what the build loaded can be collected once it is dropped
    assert (tmp_path / "out" / "index.html").read_bytes() == b"page"


def test_a_serial_render_leaves_what_serve_froze_alone(tmp_path: Path) -> None:
    gc.freeze()  # as serve does after its first build
    try:
        before = gc.get_freeze_count()
        with Writer(tmp_path / "out") as writer:
            parallel.write_all([("index.html", lambda: [b"page"])], writer, 1)
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()


def test_the_collector_is_off_while_the_content_is_read_and_keyed_and_back_on_to_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reading makes no garbage cycles, and each of the collector's passes walked everything read so far.
    source = write_programme(tmp_path / "content", 3, 4)
    seen: dict[str, list[bool]] = {"read": [], "keyed": [], "rendered": []}
    load, keys, render = pipeline.check, pagekeys.keys, parallel.write_all

    def noted(step: str, function: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen[step].append(gc.isenabled())
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(pipeline, "check", noted("read", load))
    monkeypatch.setattr(pagekeys, "keys", noted("keyed", keys))
    monkeypatch.setattr(parallel, "write_all", noted("rendered", render))
    gc.unfreeze()  # as a build's process starts, whatever a test of serve in this process froze
    assert gc.isenabled()
    pipeline.build(source, tmp_path / "out", at=AT, jobs=1)
    assert seen == {"read": [False], "keyed": [False], "rendered": [True]}
    assert gc.isenabled() and gc.get_freeze_count() == 0  # as it was
    gc.disable()  # someone's own choice is kept
    try:
        pipeline.build(source, tmp_path / "again", at=AT, jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _read_in_processes(monkeypatch: pytest.MonkeyPatch, record: Path) -> None:
    """Read ahead whatever the size, and note which process reads each category and shortlist."""
    monkeypatch.setattr(reading, "READ_AHEAD_BYTES", 0)
    original = reading._read_object

    def read(path: Path, *args: Any) -> Any:
        with record.open("a") as noted:
            noted.write(f"{os.getpid()}\n")
        return original(path, *args)

    monkeypatch.setattr(reading, "_read_object", read)


def test_a_programme_read_in_several_processes_is_the_content_read_in_one(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 6, 8, groups=True)
    monkeypatch.setattr(reading, "READ", {})
    alone = pipeline.check(source)
    monkeypatch.setattr(reading, "READ", {})  # nothing remembered from that reading
    _read_in_processes(monkeypatch, tmp_path / "readers")
    shared = pipeline.check(source, jobs=3)
    assert len(set((tmp_path / "readers").read_text().split())) == 3
    assert shared == alone and shared.warnings == alone.warnings


def test_problems_found_in_several_processes_are_the_problems_found_in_one(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    source = write_programme(tmp_path / "content", 4, 5)
    shortlists = sorted((source / "shortlist").glob("*.yaml"))
    shortlists[1].write_text(shortlists[1].read_text().replace("organisation:", "organisaton:", 1))
    shortlists[3].write_text(shortlists[3].read_text() + "entries: again\n")
    category = sorted((source / "categories").glob("*.yaml"))[2]
    category.write_text(category.read_text() + "order: first\n")
    reports = []
    for jobs in (1, 2, 3):
        monkeypatch.setattr(reading, "READ", {})
        if jobs > 1:
            _read_in_processes(monkeypatch, tmp_path / f"readers{jobs}")
        with pytest.raises(ContentError) as caught:
            pipeline.check(source, jobs=jobs)
        reports.append([p.format() for p in caught.value.problems])
    assert reports[0] == reports[1] == reports[2] and len(reports[0]) >= 3
    assert len(set((tmp_path / "readers3").read_text().split())) == 3
