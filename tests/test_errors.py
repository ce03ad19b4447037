"""Every bad-input case folder gives its expected `file:line: message` lines, exit 1, no traceback.

A case folder in tests/cases/ holds the files that differ from conftest.MINIMAL, plus
expected.txt: exactly the problem lines `build.py check` prints, in order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli, write_site

CASES = Path(__file__).parent / "cases"


def _case_site(case: Path, tmp_path: Path) -> Path:
    content = write_site(tmp_path / "content", {})
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.txt":
            target = content / path.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    return content


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
@pytest.mark.parametrize("command", ["check", "build"])
def test_bad_input_is_reported_with_file_and_line(case: str, command: str, tmp_path: Path) -> None:
    content = _case_site(CASES / case, tmp_path)
    result = run_cli(command, cwd=content)
    expected = (CASES / case / "expected.txt").read_text().splitlines()
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert lines[:-1] == expected
    assert lines[-1].endswith("found; nothing was written")
    assert not (content / "_site").exists()


def test_source_prefix_makes_paths_clickable_from_elsewhere(tmp_path: Path) -> None:
    content = _case_site(CASES / "invalid-result", tmp_path)
    result = run_cli("check", "--source", str(content))
    assert result.stderr.splitlines()[0].startswith(f"{content}/shortlist/first.yaml:5: ")


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    content = _case_site(CASES / "unknown-key", tmp_path)
    (content / "shortlist/first.yaml").write_text("entries:\n  - organisation: A\n    title: B\n    synopsis: C\n    result: no\n")
    result = run_cli("check", cwd=content)
    files = {line.split(":")[0] for line in result.stderr.splitlines()[:-1]}
    assert files == {"categories/first.yaml", "shortlist/first.yaml"}
    assert "2 problems found" in result.stderr


def test_missing_content_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_cli("check", "--source", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr.startswith("error: no content folder at ")
    assert "Traceback" not in result.stderr
