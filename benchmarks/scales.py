"""Issue #15's benchmark: builds of the named scales timed as whole processes, beside Hugo and the floor.

    python benchmarks/bench.py --scales small,medium,large,huge [--repeat 3] [--results]

For each scale (benchmarks/programme.py's SCALES) it writes the generated programme,
copies this repository's code (awardsite/, templates/, assets/, build.py) so a built-in
template can be edited without touching the repository, and then, `repeat` times, runs in
turn: our cold build, Hugo's cold build, the parse-and-write floor (floor.py), our
no-change rebuild, one synopsis edited and our and Hugo's rebuilds, the synopsis edited again
(the first rebuild after a cold one has no spare site, spare.py; the next has), one category edited,
site.yaml edited, the template edited, each followed by our rebuild. Taking the runs in
turn rather than all of one kind together spreads any other load on the machine over
every figure. Last, `build.py serve` is timed from saving a synopsis to the page served
(benchmarks/preview.py). Figures, not assertions.
"""

from __future__ import annotations

import asyncio
import compileall
import dataclasses
import datetime
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks import floor, hugosite, preview
from benchmarks.edits import TEMPLATE, Editor, first_file
from benchmarks.processes import Run, remove, run, tree_size
from benchmarks.programme import NOW, SCALES, write_programme

ROOT = Path(__file__).resolve().parent.parent
CODE = ("awardsite", "templates", "assets")
OURS = ("cold", "no change", "synopsis", "synopsis again", "category", "site.yaml", "template")  # in table order
HUGO = ("cold", "synopsis")


@dataclasses.dataclass
class ScaleResult:
    scale: str
    categories: int
    entries: int
    ours: dict[str, list[Run]] = dataclasses.field(default_factory=lambda: {name: [] for name in OURS})
    hugo: dict[str, list[Run]] = dataclasses.field(default_factory=lambda: {name: [] for name in HUGO})
    floor: list[Run] = dataclasses.field(default_factory=list)
    preview: list[float] = dataclasses.field(default_factory=list)  # seconds, save to the new page served
    output: tuple[int, int] = (0, 0)  # our cold build's (bytes, files)
    hugo_output: tuple[int, int] = (0, 0)

    @property
    def total_entries(self) -> int:
        return self.categories * self.entries


@dataclasses.dataclass(frozen=True)
class Workspace:
    code: Path  # the copy of this repository's code that builds (its template is edited)
    source: Path  # the generated programme
    out: Path
    pack: Path  # our output, packed for the floor
    floor_out: Path
    hugo: Path | None  # the Hugo binary
    hugo_site: Path | None


def parse_scales(text: str, repeat: int) -> list[tuple[str, int]]:
    """`small,medium,huge:1` -> [(scale, repetitions)]: a `:n` after a scale overrides --repeat for it."""
    chosen = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, times = part.partition(":")
        if name not in SCALES:
            raise SystemExit(f"unknown scale {name!r}: choose from {', '.join(SCALES)}")
        chosen.append((name, int(times) if times else repeat))
    return chosen


def pin_clock() -> None:
    """Every build, ours and the preview's, sees programme.NOW: the generated programme's results are out."""
    moment = NOW.replace(tzinfo=ZoneInfo("Europe/London"))
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))


def copy_code(into: Path, origin: Path = ROOT) -> Path:
    """A copy of the code that builds: awardsite/, templates/, assets/ and build.py from `origin`.

    Its modules are compiled to bytecode, as `pip install` compiles an installed package's (processes.run
    lets Python keep its bytecode, whatever PYTHONDONTWRITEBYTECODE says here).
    """
    into.mkdir()
    for name in CODE:
        shutil.copytree(origin / name, into / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(origin / "build.py", into / "build.py")
    compileall.compile_dir(into / "awardsite", quiet=1)
    return into


def workspace(temp: Path, scale: str, code: Path) -> Workspace:
    """The scale's content, Hugo site and its own copy of `code` (the run's snapshot), whose template it edits."""
    source = write_programme(temp / "content", *SCALES[scale], groups=True)
    hugo = hugosite.binary()
    return Workspace(code=copy_code(temp / "code", code), source=source, out=temp / "site", pack=temp / "site.pack",
                     floor_out=temp / "floor", hugo=hugo,
                     hugo_site=hugosite.prepare(source, temp / "hugo") if hugo else None)


def ours(space: Workspace) -> Run:
    return run([sys.executable, space.code / "build.py", "build", "--source", space.source, "--out", space.out],
               cwd=space.code)


def cold(space: Workspace) -> Run:
    """A build with no output and no cache: the cache (coming in #15) is to live at `.<out>.cache` beside it."""
    remove(space.out, space.out.parent / f".{space.out.name}.cache")
    return ours(space)


def hugo_build(space: Workspace, fresh: bool) -> Run:
    assert space.hugo and space.hugo_site
    if fresh:
        remove(*hugosite.clean(space.hugo_site))
    return run(hugosite.command(space.hugo, space.hugo_site))


def floor_run(space: Workspace) -> Run:
    remove(space.floor_out)
    return run([sys.executable, ROOT / "benchmarks" / "floor.py", space.source, space.pack, space.floor_out])


def repetition(space: Workspace, result: ScaleResult, number: int, editor: Editor, say: Callable[[str], None]) -> None:
    """One of each run, in turn; the edits carry this repetition's marker."""
    marker = f"Edited{number}"

    def record(runs: list[Run], label: str, how: Callable[[], Run]) -> None:
        runs.append(how())
        say(f"{result.scale} #{number + 1} {label}: {runs[-1].seconds:.2f} s, {runs[-1].peak_mb:.0f} MB")

    record(result.ours["cold"], "cold", lambda: cold(space))
    if number == 0:
        result.output = tree_size(space.out)
        floor.pack(space.out, space.pack)
    if space.hugo_site:
        record(result.hugo["cold"], "Hugo cold", lambda: hugo_build(space, fresh=True))
        result.hugo_output = tree_size(space.hugo_site / "public")
    record(result.floor, "floor", lambda: floor_run(space))
    record(result.ours["no change"], "no change", lambda: ours(space))
    synopsis = first_file(space.source / "shortlist")
    editor.edit(synopsis, "synopsis", marker)
    record(result.ours["synopsis"], "synopsis edit", lambda: ours(space))
    if space.hugo_site:
        editor.edit(hugosite.data_file(space.hugo_site, synopsis), "synopsis", marker)
        record(result.hugo["synopsis"], "Hugo synopsis edit", lambda: hugo_build(space, fresh=False))
    editor.edit(synopsis, "synopsis", f"{marker}again")  # an editor's next save: the spare site is there now
    record(result.ours["synopsis again"], "synopsis edited again", lambda: ours(space))
    editor.edit(first_file(space.source / "categories"), "category", marker)
    record(result.ours["category"], "category edit", lambda: ours(space))
    editor.edit(space.source / "site.yaml", "site", marker)
    record(result.ours["site.yaml"], "site.yaml edit", lambda: ours(space))
    editor.edit(space.code / TEMPLATE, "template", marker)
    record(result.ours["template"], "template edit", lambda: ours(space))


def preview_times(space: Workspace, edits: int, build_seconds: float) -> list[float]:
    """Seconds from saving a synopsis to `serve` serving the entry's new page, for each of `edits` edits."""
    file, page = preview.first_entry(space.source)
    port = preview.free_port()
    server = preview.start(space.code, space.source, port, timeout=max(120.0, 10 * build_seconds))
    try:
        times = asyncio.run(preview.measure(port, file, page, edits, timeout=max(20.0, 5 * build_seconds)))
    finally:
        preview.stop(server)
    return [served for _, served in times]


def measure(scale: str, repeat: int, code: Path, say: Callable[[str], None]) -> ScaleResult:
    """Every run at one scale, with `code` (a snapshot taken by copy_code when the benchmark started)."""
    categories, entries = SCALES[scale]
    result = ScaleResult(scale, categories, entries)
    temp = tempfile.mkdtemp(prefix=f"bench-{scale}-")
    try:
        space = workspace(Path(temp), scale, code)
        editor = Editor()
        for number in range(repeat):
            repetition(space, result, number, editor, say)
        build = statistics.median(r.seconds for r in result.ours["cold"])
        # a few edits where a rebuild is quick; one per repetition where each is a whole large build
        result.preview = preview_times(space, repeat if build > 10 else max(3, repeat), build)
        say(f"{scale} preview: {', '.join(f'{t:.2f} s' for t in result.preview)}")
    finally:
        remove(Path(temp))  # deleted with the rest at the end (processes.empty_aside), not before the next scale
    return result


def started_at() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
