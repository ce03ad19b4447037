"""The templates compiled by a helper while the content is read (precompile.py)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, files

from awardsite import pipeline, precompile, render, sources, templating
from awardsite.errors import ContentError, Problems
from awardsite.urls import Urls


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """This process's compiled templates, emptied: what the test's helper sends is all there is."""
    empty: dict[str, bytes] = {}
    monkeypatch.setattr(templating._COMPILED, "store", empty)
    return empty


def children() -> set[str]:
    """The processes this one has started and not yet reaped."""
    pid = os.getpid()
    return set(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())


def theme(source: Path) -> tuple[tuple[str, Path, str], ...]:
    """The templates a build of `source` uses, as the pipeline gives them to `collect`."""
    return sources.scan(source, Problems()).templates


def environment(source: Path) -> tuple[templating.Sandbox, list[str]]:
    templates = sources.scan(source, Problems()).templates
    return render.environment(templates, Urls("/"), {}, render.Converted({})), [name for name, _, _ in templates]


def refuse_to_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    def parse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled in this process")
    monkeypatch.setattr(templating.Sandbox, "_parse", parse)


def helper_finished(before: set[str]) -> None:
    """Wait (up to 60 s) until the helper started since `before` has sent everything and ended."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        states = [Path(f"/proc/{pid}/stat").read_text().split()[2] for pid in children() - before]
        if states and all(state == "Z" for state in states):
            return
        time.sleep(0.01)
    raise AssertionError("the helper did not finish")


def test_the_helper_compiles_every_template_so_the_build_compiles_none(
        store: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    before = children()
    with precompile.ahead(ROOT, 2) as collect:
        helper_finished(before)
        refuse_to_compile(monkeypatch)  # here; the helper was forked before
        collect(theme(ROOT))
    env, names = environment(ROOT)
    assert len(store) == len(names) > 10
    for name in names:
        assert env.get_template(name).name == name


def test_without_the_helper_this_process_compiles_every_template_when_it_collects(
        store: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(precompile, "_helper", lambda source, sending: None)  # a helper that sends nothing
    with precompile.ahead(ROOT, 2) as collect:
        collect(theme(ROOT))
    env, names = environment(ROOT)
    assert len(store) == len(names) > 10
    refuse_to_compile(monkeypatch)
    for name in names:
        assert env.get_template(name).name == name


def test_one_process_or_one_core_starts_no_helper(store: dict[str, bytes], monkeypatch: pytest.MonkeyPatch) -> None:
    with precompile.ahead(ROOT, 1) as collect:
        collect(theme(ROOT))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    with precompile.ahead(ROOT, 0) as collect:
        collect(theme(ROOT))
    assert store == {}


def test_a_template_changed_after_the_helper_compiled_it_is_compiled_again(store: dict[str, bytes],
                                                                            scratch: Any) -> None:
    source = scratch({"templates/robots.txt": "User-agent: *\nAllow: /old\n"})
    with precompile.ahead(source, 2) as collect:
        collect(theme(source))
    assert len(store) > 10
    (source / "templates" / "robots.txt").write_text("User-agent: *\nAllow: /new\n", encoding="utf-8")
    env, _ = environment(source)
    assert env.get_template("robots.txt").render() == "User-agent: *\nAllow: /new\n"


def test_a_template_that_does_not_compile_is_reported_at_its_line_as_without_the_helper(
        store: dict[str, bytes], scratch: Any, tmp_path: Path) -> None:
    source = scratch({"templates/404.html": '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'})
    reported = []
    for jobs in (2, 1):
        with pytest.raises(ContentError) as raised:
            pipeline.build(source, tmp_path / f"out-{jobs}", jobs=jobs)
        reported.append([(problem.file, problem.line, problem.message) for problem in raised.value.problems])
        store.clear()
    assert reported[0] == reported[1]
    assert reported[0][0][:2] == ("templates/404.html", 3)


def test_the_helper_is_gone_when_the_build_ends_however_it_ends(store: dict[str, bytes], scratch: Any,
                                                                 tmp_path: Path) -> None:
    before = children()
    source = scratch()
    pipeline.build(source, tmp_path / "built", jobs=2)
    assert children() == before
    (source / "site.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ContentError):
        pipeline.build(source, tmp_path / "failed", jobs=2)
    assert children() == before
    with precompile.ahead(source, 2):  # left before it is collected
        assert len(children() - before) == 1
    assert children() == before


def test_the_site_is_the_same_with_the_helper_as_without(store: dict[str, bytes], tmp_path: Path) -> None:
    pipeline.build(ROOT, tmp_path / "with", jobs=2)
    store.clear()
    pipeline.build(ROOT, tmp_path / "without", jobs=1)
    assert files(tmp_path / "with") == files(tmp_path / "without")
