"""Trying hard to break it: huge and odd files, killed builds, machines that differ."""

from __future__ import annotations

import hashlib
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from awardsite.sources import CONTENT_FOLDERS, TEXT_FOLDERS
from conftest import ROOT, run_cli, write_site

MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space for a check of one bad file


def bounded_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """`build.py check` with its memory capped and a deadline, so a blow-up fails the test, not the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--source", str(folder)],
                          capture_output=True, text=True, timeout=60, preexec_fn=limit)


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {})
    with (folder / "shortlist" / "first.yaml").open("w") as huge:
        huge.write("entries:\n")
        huge.write("  - organisation: A\n    title: T\n    synopsis: S\n" * 1_100_000)  # about 50 MB
    result = bounded_check(folder)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{folder}/shortlist/first.yaml:1: file is ")
    assert "content files are limited to 5,242,880" in result.stderr


def test_an_alias_bomb_is_refused_within_bounds(tmp_path: Path) -> None:
    folder = write_site(tmp_path / "content", {"shortlist/first.yaml": (
        ROOT / "tests" / "cases" / "alias-bomb" / "shortlist" / "first.yaml").read_text()})
    result = bounded_check(folder)
    assert result.returncode == 1 and "shortlist/first.yaml:1: YAML reads `&a` as an anchor" in result.stderr


def test_a_very_long_text_is_built_as_written(tmp_path: Path) -> None:
    long_title = "Long " * 200_000  # a megabyte on one line
    folder = write_site(tmp_path / "content", {"shortlist/first.yaml": (
        f"entries:\n  - organisation: O\n    title: {long_title.strip()}\n    synopsis: S\n")})
    assert run_cli("build", "--source", str(folder)).returncode == 0
    page = next((folder / "_site" / "shortlist" / "first").glob("*/index.html")).read_text()
    assert long_title.strip() in page


@pytest.mark.parametrize("name", ["Capital.yaml", "two words.yaml", "dotted.name.yaml", "x..yaml", "-dash.yaml",
                                  "ünïcode.yaml", "9lives.yaml"])
def test_file_names_that_are_not_slugs_are_refused(tmp_path: Path, name: str) -> None:
    folder = write_site(tmp_path / "content", {f"categories/{name}": "title: X\n"})
    result = run_cli("check", "--source", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{folder}/categories/{name}:1: file name `" in result.stderr and "is not a valid slug" in result.stderr


@pytest.mark.parametrize("slug", ["../../etc", "UPPER", "with space", "dot.ted", ".."])
def test_an_entry_slug_cannot_leave_its_folder(tmp_path: Path, slug: str) -> None:
    entry = f'entries:\n  - organisation: O\n    title: T\n    synopsis: S\n    slug: "{slug}"\n'
    result = run_cli("check", "--source", str(write_site(tmp_path / "content", {"shortlist/first.yaml": entry})))
    assert result.returncode == 1
    assert "shortlist/first.yaml:5: `slug` should be lower-case letters, digits and hyphens" in result.stderr


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def synthetic(folder: Path, version: str) -> None:
    """A site big enough that a build takes a while: 20 categories of 20 entries."""
    files: dict[str, str | None] = {"categories/first.yaml": None, "shortlist/first.yaml": None}
    for c in range(20):
        files[f"categories/award-{c}.yaml"] = f"title: Award {c} {version}\nintro: I.\neligibility: E.\n" \
                                              "criteria:\n  - heading: H\n    points: [P]\n"
        files[f"shortlist/award-{c}.yaml"] = "entries:\n" + "".join(
            f"  - organisation: Trust {e}\n    title: Project {e} {version}\n    synopsis: S {version}.\n"
            for e in range(20))
    write_site(folder, files)


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site(tmp_path: Path) -> None:
    folder = tmp_path / "content"
    synthetic(folder, "v0")
    assert run_cli("build", cwd=folder).returncode == 0
    current = snapshot(folder / "_site")
    started = time.monotonic()
    assert run_cli("build", cwd=folder).returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(20261128)
    outcomes = set()
    for attempt in range(1, 13):
        synthetic(folder, f"v{attempt}")
        process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "build"], cwd=folder,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0, duration * 1.2))
        process.send_signal(signal.SIGKILL)
        process.wait()
        after = snapshot(folder / "_site")
        assert run_cli("check", cwd=folder).returncode == 0  # the editors' files are intact
        if after != current:  # the new site, complete: a fresh build of this version gives the same
            reference = tmp_path / f"reference-{attempt}"
            assert run_cli("build", "--out", str(reference), cwd=folder).returncode == 0
            assert after == snapshot(reference)
            shutil.rmtree(reference)
            outcomes.add("new")
        else:
            outcomes.add("old")
        current = after
    assert run_cli("build", cwd=folder).returncode == 0
    assert [p.name for p in folder.iterdir() if ".tmp-" in p.name] == []  # no stray temporary folders
    assert outcomes  # and the kills really landed at different moments (reported when run with -s)
    print(f"killed builds left: {sorted(outcomes)}")


def build_in(environment: dict[str, str], source: Path, out: Path) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1795000000", **environment}
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "build", "--source", str(source),
                             "--out", str(out)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return snapshot(out)


def copy_in_reverse_order(target: Path) -> Path:
    """The example, each folder's files created in reverse name order (file systems may list them so)."""
    for name in (*CONTENT_FOLDERS, *TEXT_FOLDERS):  # every folder of content files the example has
        (target / name).mkdir(parents=True)
        for path in sorted((ROOT / name).glob("*"), reverse=True):
            shutil.copyfile(path, target / name / path.name)
    shutil.copyfile(ROOT / "site.yaml", target / "site.yaml")
    return target


def test_builds_are_identical_across_locale_timezone_file_order_and_time(tmp_path: Path) -> None:
    first = build_in({"TZ": "Pacific/Kiritimati", "LC_ALL": "C", "LANG": "C"}, ROOT, tmp_path / "a")
    time.sleep(1.1)  # a later second, too
    second = build_in({"TZ": "America/Adak", "LC_ALL": "fr_FR.UTF-8", "LANG": "de_DE.UTF-8", "PYTHONHASHSEED": "7"},
                      copy_in_reverse_order(tmp_path / "reversed"), tmp_path / "b")
    assert first == second
    assert any(name.endswith(".ics") for name in first)  # the dated parts are included


def test_builds_are_identical_across_hash_seeds_with_tags_that_differ_in_case_or_form(tmp_path: Path) -> None:
    # YAML escapes: `Café` composed and decomposed, and in capitals
    tags = ["NHS", "nhs", "Nhs", "Caf\\u00e9", "Cafe\\u0301", "CAF\\u00c9", "Mental  health", "mental health", "A", "a"]
    entries = "entries:\n" + "".join(f'  - {{organisation: O{n}, title: T{n}, synopsis: S., tags: ["{tag}"]}}\n'
                                     for n, tag in enumerate(tags))
    dates = "key_dates:\n" + "".join(f"  - {{date: 2026-01-01, label: {label}}}\n" for label in ("nhs", "NHS", "Nhs"))
    source = write_site(tmp_path / "content", {"shortlist/first.yaml": entries,
                                               "site.yaml": "title: T\nbase_url: https://e.org/\nintro: I.\n" + dates})
    builds = [build_in({"PYTHONHASHSEED": seed}, source, tmp_path / f"out-{seed}") for seed in ("0", "1", "2", "3")]
    assert {name for build in builds for name in build if build[name] != builds[0].get(name)} == set()
