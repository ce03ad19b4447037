"""docs/editing.md's "A season, step by step", run as written on a copy of the Riverside example.

The section (between `<!-- season:start -->` and `<!-- season:end -->`) is read block by block:

- a ```sh block followed by a ```text block holds one command, run with `run_cli` in the copy;
  the text block is its exact output (stdout and stderr: the terminal shows the two streams
  mixed, so the text may interleave them, each in its own order). Only a time like `in 0.47s`
  may differ. A ```sh block without a text block may hold only commands this test cannot run
  (`NOT_RUN`);
- a ```csv block is written to the file its info string names (```csv ../shortlist.csv),
  relative to the content folder;
- a ```yaml block whose info string names a file (```yaml site.yaml) is an edit the editor makes
  by hand: each of its lines replaces the file's one line that starts with the same key
  (indentation included), so the test makes the same edit; ```yaml <file> excerpt is text
  that must be in that file as it stands.

Then the sites built with `--at` during the season are checked for what the guide says they
show: the call to enter, the shortlist only from `shortlist_announced`, the results and the
judges' words only from `winners_announced`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT, run_cli
from htmltools import parse

GUIDE = ROOT / "docs" / "editing.md"
EXAMPLE = ROOT / "examples" / "riverside-awards"
# `serve` runs until it is stopped, and `git` would commit and push: the guide shows them, the test
# does not run them (the builds with `--at` stand in for `serve --at`).
NOT_RUN = ("python build.py serve", "git ")
# The guide's "now" never matters (every build in it gives `--at`), but is pinned so that the test
# cannot depend on the day it runs: 1 December 2026, after the 2026 ceremony, where the guide starts.
EPOCH = int(datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.timezone.utc).timestamp())
TIMING = re.compile(r"\bin [0-9]+\.[0-9]+s\b")

SHORTLIST = {  # the guide's 2027 shortlist: title -> (category, result, the judges' words or "")
    "Liver Checks at the Job Centre": ("early-diagnosis", "winner", "never been offered a liver check"),
    "Screening on a Saturday": ("early-diagnosis", "highly-commended", "did more than years of reminder letters"),
    "Asthma Plans That Travel": ("children-and-young-people", "winner", "read the same way at home"),
    "Eye Tests Before Reading Lessons": ("children-and-young-people", "shortlisted", ""),
    "Prescribed Plots": ("community-partnership", "highly-commended", "kept coming back to the plots"),
    "Checks While You Wash": ("community-partnership", "winner", "asked nothing of people"),
}


@dataclass
class Block:
    info: str  # the fence's info string: `sh`, `text`, `csv ../shortlist.csv`, `yaml site.yaml`…
    body: str
    line: int  # where the block's fence is in docs/editing.md

    def where(self) -> str:
        return f"docs/editing.md:{self.line}"


@dataclass
class Season:
    """What running the guide did: each mismatch found, and each `--at` build's files."""

    problems: list[str] = field(default_factory=list)
    builds: dict[str, dict[str, bytes]] = field(default_factory=dict)  # `--at` moment -> {path: bytes}


def guide_blocks() -> list[Block]:
    """The fenced blocks of the season section, in order."""
    lines = GUIDE.read_text(encoding="utf-8").splitlines()
    start, end = lines.index("<!-- season:start -->"), lines.index("<!-- season:end -->")
    blocks, number = [], start + 1
    while number < end:
        if lines[number].startswith("```"):
            info, opened = lines[number][3:].strip(), number
            number += 1
            body = []
            while number < end and not lines[number].startswith("```"):
                body.append(lines[number])
                number += 1
            assert number < end, f"docs/editing.md:{opened + 1}: the block is not closed inside the section"
            blocks.append(Block(info, "\n".join(body) + "\n", opened + 1))
        number += 1
    return blocks


def interleaves(expected: list[str], out: list[str], err: list[str]) -> bool:
    """Whether `expected` is the lines of `out` and `err` mixed, each kept in its own order."""
    can = {(0, 0)}  # the (out, err) lines used so far that the expected lines read so far allow
    for line in expected:
        can = {(i + 1, j) for i, j in can if i < len(out) and out[i] == line} | \
              {(i, j + 1) for i, j in can if j < len(err) and err[j] == line}
    return (len(out), len(err)) in can


def lines_of(text: str) -> list[str]:
    return [TIMING.sub("in <time>s", line.rstrip()) for line in text.rstrip("\n").splitlines()]


def edit(path: Path, block: Block) -> None:
    """Make the editor's edit: each line of the block replaces the file's line with the same key."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for new in block.body.rstrip("\n").split("\n"):
        assert ":" in new, f"{block.where()}: `{new}` gives no key to find the line to replace"
        key = new[: new.index(":") + 1]
        found = [number for number, old in enumerate(lines) if old.startswith(key)]
        assert len(found) == 1, f"{block.where()}: {len(found)} lines of {path.name} start `{key}`, not one"
        lines[found[0]] = new
    path.write_text("\n".join(lines), encoding="utf-8")


def run_season(tmp_path: Path) -> tuple[Path, Season]:
    """Copy the example and do what the guide says, in order; return the copy and what was found."""
    content = tmp_path / "riverside-awards"
    shutil.copytree(EXAMPLE, content)
    season, blocks = Season(), guide_blocks()
    assert blocks, "the season section has no blocks"
    number = 0
    while number < len(blocks):
        block = blocks[number]
        kind, *names = block.info.split()
        if kind == "sh":
            commands = [line.strip() for line in block.body.splitlines() if line.strip()]
            if number + 1 < len(blocks) and blocks[number + 1].info == "text":
                number += 1
                assert len(commands) == 1, f"{block.where()}: a block with its output holds one command"
                run_command(commands[0], blocks[number], content, season)
            else:
                unrun = [command for command in commands if not command.startswith(NOT_RUN)]
                assert not unrun, f"{block.where()}: {unrun} has no ```text block of its output after it"
        elif kind == "csv":
            assert len(names) == 1, f"{block.where()}: name the file the CSV is saved as: ```csv ../shortlist.csv"
            path = (content / names[0]).resolve()
            assert path.is_relative_to(tmp_path.resolve()), f"{block.where()}: {names[0]} is outside the test's folder"
            path.write_text(block.body, encoding="utf-8")
        elif kind == "yaml" and names:
            path = content / names[0]
            assert path.is_file(), f"{block.where()}: there is no {names[0]} at this step"
            if names[1:] == ["excerpt"]:
                if block.body not in path.read_text(encoding="utf-8"):
                    season.problems.append(f"{block.where()}: {names[0]} does not have these lines:\n{block.body}"
                                           f"it is:\n{path.read_text(encoding='utf-8')}")
            else:
                assert names[1:] == [], f"{block.where()}: ```yaml FILE is an edit, ```yaml FILE excerpt a check"
                edit(path, block)
        else:
            assert kind not in ("text", "csv", "sh"), f"{block.where()}: a ```{kind} block out of place"
            raise AssertionError(f"{block.where()}: the test does not know what to do with ```{block.info}")
        number += 1
    return content, season


def run_command(command: str, output: Block, content: Path, season: Season) -> None:
    """Run one of the guide's commands; note where its status or output is not what the guide says."""
    words = shlex.split(command)
    assert words[:2] == ["python", "build.py"], f"{output.where()}: `{command}` is not a `python build.py` command"
    args = words[2:]
    result = run_cli(*args, cwd=content)
    if result.returncode != 0:
        season.problems.append(f"{output.where()}: `{command}` exited with {result.returncode}")
    if not interleaves(lines_of(output.body), lines_of(result.stdout), lines_of(result.stderr)):
        season.problems.append(f"{output.where()}: `{command}` printed, on stdout:\n{result.stdout}"
                               f"and on stderr:\n{result.stderr}but the guide says:\n{output.body}")
    if args[0] == "build" and "--at" in args and "--out" in args:
        out = (content / args[args.index("--out") + 1]).resolve()
        season.builds[args[args.index("--at") + 1]] = {
            path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def main_text(site: dict[str, bytes], path: str) -> str:
    return parse(site[path]).find("main").text()


def rows_2027(site: dict[str, bytes]) -> dict[str, dict[str, str]]:
    """The 2027 rows of the site's open data, shortlist.csv, by title."""
    rows = csv.DictReader(io.StringIO(site["shortlist.csv"].decode("utf-8-sig")))
    return {row["title"]: row for row in rows if row["edition"] == "2027"}


def test_the_season_guide_runs_as_written_and_its_builds_show_what_it_says(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    content, season = run_season(tmp_path)
    assert season.problems == [], "\n\n".join(season.problems)
    builds = season.builds
    assert list(builds) == ["2026-12-01 12:00", "2027-03-01 09:00", "2027-09-14 09:59", "2027-09-14 10:00",
                            "2027-11-18 18:29", "2027-11-18 18:30"], "the guide's builds changed: change the checks below"

    # 0. The 2027 awards started: the home page gives the date entries open; 2026 keeps its results page.
    started = builds["2026-12-01 12:00"]
    assert "Entries open on Monday 1 March 2027, 09:00 UK time" in main_text(started, "index.html")
    assert "Winners 2026" in main_text(started, "2026/winners/index.html")
    assert not any(path.startswith("2027/shortlist/") for path in started)

    # 1. Entries open: the call to enter, and the Early Diagnosis award's later deadline; no shortlist yet.
    opening = builds["2027-03-01 09:00"]
    home = main_text(opening, "index.html")
    assert "Entries close Friday 21 May 2027, 17:00 UK time — 81 days left" in home, home
    assert "Enter now" in home and "Entries close Friday 4 June 2027" in home, home
    assert not any(path.startswith("2027/shortlist/") for path in opening)

    # 2. The shortlist: nowhere at 09:59; at 10:00 the shortlist page and one page per entry, and the open data.
    before, after = builds["2027-09-14 09:59"], builds["2027-09-14 10:00"]
    for title in SHORTLIST:
        assert not [path for path, data in before.items() if title.encode() in data], title
    assert rows_2027(before) == {}
    entry_pages = {f"2027/shortlist/{category}/{title.lower().replace(' ', '-')}/index.html"
                   for title, (category, _, _) in SHORTLIST.items()}
    assert set(after) - set(before) == {"2027/shortlist/index.html"} | entry_pages
    assert set(before) <= set(after)
    shortlist_page = main_text(after, "2027/shortlist/index.html")
    assert all(title in shortlist_page for title in SHORTLIST), shortlist_page
    assert {title: row["result"] for title, row in rows_2027(after).items()} == dict.fromkeys(SHORTLIST, "shortlisted")

    # 4. The winners: a minute early, every entry shortlisted and none of the judges' words anywhere.
    early, announced = builds["2027-11-18 18:29"], builds["2027-11-18 18:30"]
    assert "2027/winners/index.html" not in early
    shortlist_page = main_text(early, "2027/shortlist/index.html")
    assert all(title in shortlist_page for title in SHORTLIST) and "Winner" not in shortlist_page, shortlist_page
    for title, (_, _, words) in SHORTLIST.items():
        assert not words or not [path for path, data in early.items() if words.encode() in data], words
    assert {title: (row["result"], row["citation"]) for title, row in rows_2027(early).items()} == \
        dict.fromkeys(SHORTLIST, ("shortlisted", ""))

    # At 18:30: one more file, the results page, with each winner and highly commended entry and the judges' words.
    assert set(announced) - set(early) == {"2027/winners/index.html"} and set(early) <= set(announced)
    winners = main_text(announced, "2027/winners/index.html")
    assert "Winners 2027" in winners, winners
    for title, (_, result, words) in SHORTLIST.items():
        assert (title in winners) == (result != "shortlisted") and words in winners, (title, winners)
    assert {title: row["result"] for title, row in rows_2027(announced).items()} == \
        {title: result for title, (_, result, _) in SHORTLIST.items()}
    shortlist_page = main_text(announced, "2027/shortlist/index.html")
    assert shortlist_page.index("Checks While You Wash") < shortlist_page.index("Prescribed Plots")  # winner first
    assert "Winners announced — see them" in main_text(announced, "index.html")

    # 5. Next year: 2027 is archived with its results, and its pages keep their addresses.
    archived = (content / "editions/2027/shortlist/early-diagnosis.yaml").read_text(encoding="utf-8")
    assert "    result: winner\n" in archived and "never been offered a liver check" in archived
    assert sorted(path.name for path in (content / "shortlist").iterdir()) == []
    later = run_cli("build", "--at", "2028-01-10 09:00", "--out", str(tmp_path / "2028"), cwd=content)
    assert later.returncode == 0, later.stderr
    kept = main_text({"page": (tmp_path / "2028/2027/winners/index.html").read_bytes()}, "page")
    assert all(title in kept for title, (_, result, _) in SHORTLIST.items() if result != "shortlisted"), kept
