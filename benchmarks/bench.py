#!/usr/bin/env python3
"""Print build times, peak memory and the save-to-served time of `serve`.

    python benchmarks/bench.py                # all figures
    python benchmarks/bench.py --quick        # fewer repetitions
    python benchmarks/bench.py --weights      # only the page weights against benchmarks/budget.json
    python benchmarks/bench.py --weights --readme  # ... and write them into README.md's table
    python benchmarks/bench.py --scale large  # also time a build of a generated programme (programme.SCALES)
    python benchmarks/bench.py --scales small,medium,large,huge --repeat 3 --results
                                              # issue #15's benchmark (benchmarks/scales.py), beside Hugo;
                                              # `huge:1` repeats one scale once; --results writes RESULTS.md

Figures, not assertions: the tests never time anything. Page weights are not timings, so
`--weights` exits with status 1 when a page is over its budget (the weight before issue #13's
redesign, plus 20%).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from awardsite import pipeline  # noqa: E402
from benchmarks.programme import SCALES, moment, write_programme  # noqa: E402

BUDGET = ROOT / "benchmarks" / "budget.json"
README = ROOT / "README.md"
README_START, README_END = "<!-- page-weights:start -->", "<!-- page-weights:end -->"
# The sites the budget's pages come from: (content folder, the prefix their links start with).
WEIGHED_SITES = {"hsj": (ROOT, "/hsj-awards/"),
                 "riverside": (ROOT / "examples" / "riverside-awards", "/riverside-awards/")}


def synthetic(folder: Path, categories: int, entries: int) -> Path:
    """A programme with `categories` categories of `entries` shortlisted entries each."""
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "site.yaml", folder / "site.yaml")
    (folder / "categories").mkdir()
    (folder / "shortlist").mkdir()
    for c in range(categories):
        slug = f"category-{c:02d}"
        (folder / "categories" / f"{slug}.yaml").write_text(
            f"title: Category {c}\norder: {c}\nintro: |\n  What award {c} recognises. " + "Detail. " * 40 + "\n"
            "eligibility: Teams in the UK.\ncriteria:\n"
            + "".join(f"  - heading: Criterion {k}\n    points: [First point, Second point]\n" for k in range(5))
        )
        lines = ["entries:"]
        for e in range(entries):
            lines += [f"  - organisation: Organisation {c}-{e}", f"    title: Project {c}-{e}",
                      "    synopsis: |", "      " + "The team changed how care reaches people. " * 6]
        (folder / "shortlist" / f"{slug}.yaml").write_text("\n".join(lines) + "\n")
    return folder


def time_builds(source: Path, out: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        pipeline.build(source, out)
        times.append(time.perf_counter() - started)
    return times


def peak_memory_mb(source: Path, out: Path) -> float:
    """Peak resident memory of a whole `build.py build` process, in MB.

    Started by processes.run, not from here: a child forked from this process (which has built sites
    in memory) would count this process's memory as its own.
    """
    from benchmarks.processes import run

    return run([sys.executable, ROOT / "build.py", "build", "--source", source, "--out", out], cwd=ROOT).peak_mb


def memory_per_thousand_entries(temp: Path) -> tuple[float, float]:
    """Peak memory of builds of 1,000 and 4,000 entries: (MB at 1,000, extra MB per further 1,000).

    Pages are streamed to disk as they are rendered, so the growth is the content model,
    not the site: it is what this figure watches.
    """
    small = peak_memory_mb(synthetic(temp / "m1000", 20, 50), temp / "m1000-out")
    large = peak_memory_mb(synthetic(temp / "m4000", 40, 100), temp / "m4000-out")
    return small, (large - small) / 3


def serve_latency(repeat: int) -> list[float]:
    """Seconds from saving a shortlist file to `serve` returning the rebuilt page."""
    from servetools import ServeProcess

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "site"
        folder.mkdir()
        for name in ("site.yaml", "categories", "shortlist"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
        server = ServeProcess(folder)
        try:
            page = f"{server.root}/hsj-awards/shortlist/"
            path = folder / "shortlist" / "healthcare-inequalities.yaml"
            original = path.read_text()
            times = []
            for i in range(repeat):
                marker = f"Edited title {i}"
                path.write_text(original.replace("title: ", f"title: {marker} ", 1))
                times.append(server.wait_for(page, lambda s, b, m=marker: m in b, timeout=10))
            return times
        finally:
            server.stop()


def page_weight(out: Path, prefix: str, page: str) -> tuple[int, int]:
    """Bytes a first visit to `page` fetches (the HTML, its CSS, scripts and icon): raw and gzipped.

    GitHub Pages serves text gzipped, so the second figure is what crosses the network.
    """
    bodies = [body for _, body in page_files(out, prefix, page)]
    return sum(map(len, bodies)), sum(len(gzip.compress(b, mtime=0)) for b in bodies)


def page_files(out: Path, prefix: str, page: str) -> list[tuple[str, bytes]]:
    """The files a first visit to `page` fetches, (name, contents): the page, its CSS, scripts and icon."""
    from htmltools import parse

    html = (out / page).read_bytes()
    tree = parse(html)
    refs = [e.attrs["href"] for e in tree.find_all("link") if e.attrs.get("rel") in ("stylesheet", "icon")]
    refs += [e.attrs["src"] for e in tree.find_all("script") if "src" in e.attrs]
    return [(Path(page).name, html)] + [(Path(ref).name, (out / ref.removeprefix(prefix)).read_bytes())
                                        for ref in refs]


def weights(temp: Path, readme: bool = False) -> bool:
    """Print each budgeted page's gzipped weight against its budget; True when every one is within it.

    With `readme`, also write them as a table between README.md's page-weights markers.
    """
    budget = json.loads(BUDGET.read_text())
    allowance = budget["allowance"]
    outs = {}
    for site, (source, _) in WEIGHED_SITES.items():
        outs[site] = temp / f"weights-{site}"
        pipeline.build(source, outs[site])
    within = True
    rows = [f"| page | gzipped | before #13 ({budget['measured_at']}) | change | limit (+{allowance - 1:.0%}) | |",
            "|---|---|---|---|---|---|"]
    print(f"page weights, gzipped (HTML, CSS, JS, icon), against the weight at {budget['measured_at']} "
          f"x {allowance}:")
    for page in budget["pages"]:
        files = page_files(outs[page["site"]], WEIGHED_SITES[page["site"]][1], page["path"])
        sizes = [(name, len(body), len(gzip.compress(body, mtime=0))) for name, body in files]
        raw, zipped = sum(size[1] for size in sizes), sum(size[2] for size in sizes)
        limit = page["gzipped"] * allowance
        ok = zipped <= limit
        within &= ok
        verdict = "within budget" if ok else "OVER budget"
        change = (zipped - page["gzipped"]) / page["gzipped"] * 100
        print(f"  {page['name']:<10} {zipped:>6} B gzipped ({raw / 1024:.1f} KB raw), budget {page['gzipped']} B "
              f"{change:+.0f}%, limit {limit:.0f} B: {verdict}  ({page['path']})")
        print("             " + ", ".join(f"{name} {gzipped} B" for name, _, gzipped in sizes))
        rows.append(f"| {page['name']} (`{page['site']}` {page['path'].removesuffix('index.html') or '/'}) | "
                    f"{zipped / 1024:.1f} KB | {page['gzipped'] / 1024:.1f} KB | {change:+.0f}% | "
                    f"{limit / 1024:.1f} KB | {verdict} |")
    if readme:
        text = README.read_text()
        if README_START not in text or README_END not in text:
            raise SystemExit(f"README.md has no {README_START} ... {README_END} markers to write the table between")
        before, rest = text.split(README_START, 1)
        after = rest.split(README_END, 1)[1]
        README.write_text(f"{before}{README_START}\n" + "\n".join(rows) + f"\n{README_END}{after}")
        print(f"written to {README}")
    return within


def scale_build(temp: Path, scale: str, repeat: int) -> None:
    """Time a build of the generated programme of a named size (benchmarks/programme.py), and its peak memory."""
    categories, entries = SCALES[scale]
    source = write_programme(temp / f"scale-{scale}", categories, entries, groups=True)
    out = temp / f"scale-{scale}-out"
    started = time.perf_counter()
    pipeline.build(source, out, at=moment())
    first = time.perf_counter() - started
    times = [first] + (time_builds(source, out, repeat - 1) if repeat > 1 else [])
    print(f"{scale} ({categories} categories x {entries} entries, generated) build: {describe(times)}")
    print(f"{scale} peak memory: {peak_memory_mb(source, out):.0f} MB")


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs"


def compare_scales(spec: str, repeat: int, results: bool) -> None:
    """Issue #15's benchmark: whole-process builds at the named scales, against Hugo and the floor.

    The code is copied once, at the start, so that every scale measures the same code even when
    the repository changes during a long run.
    """
    from benchmarks import processes, report, scales

    scales.pin_clock()
    chosen = scales.parse_scales(spec, repeat)
    command = "python benchmarks/bench.py --scales " + ",".join(f"{name}:{times}" for name, times in chosen)
    when, load, code, measured = scales.started_at(), report.load_average(), report.commit(), []
    try:
        with tempfile.TemporaryDirectory(prefix="bench-code-") as snapshot:
            copied = scales.copy_code(Path(snapshot) / "code")
            for name, times in chosen:
                measured.append(scales.measure(name, times, copied,
                                               lambda line: print(line, file=sys.stderr, flush=True)))
                if results:  # after each scale, so a long run that is stopped keeps what it measured
                    report.write(measured, command + " --results", when, (load, report.load_average()), code)
    finally:
        processes.empty_aside()  # the runs' outputs, kept until nothing more is timed
    print("\n".join(report.tables(measured)))
    if results:
        print(f"written to {report.RESULTS}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--weights", action="store_true", help="only the page weights against the budget")
    parser.add_argument("--readme", action="store_true", help="with --weights: also write them into README.md")
    parser.add_argument("--scale", choices=SCALES, action="append", default=[],
                        help="also time a build of a generated programme of this size (repeatable)")
    parser.add_argument("--scales", metavar="SCALE[:N],...",
                        help="only issue #15's benchmark at these scales (" + ", ".join(SCALES) + "), as whole "
                             "processes beside Hugo; `huge:1` repeats that scale once")
    parser.add_argument("--repeat", type=int, default=3, help="with --scales: repetitions of each run (default 3)")
    parser.add_argument("--results", action="store_true", help="with --scales: write benchmarks/RESULTS.md")
    args = parser.parse_args()
    if args.scales:
        return compare_scales(args.scales, args.repeat, args.results)
    repeat = 3 if args.quick else 10
    if args.weights:
        with tempfile.TemporaryDirectory() as temp:
            sys.exit(0 if weights(Path(temp), args.readme) else 1)
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "_site"
        print(f"example build: {describe(time_builds(ROOT, out, repeat))}")
        print(f"example build peak memory: {peak_memory_mb(ROOT, out):.0f} MB")
        weights(Path(temp))
        big = synthetic(Path(temp) / "big", categories=30, entries=30)
        print(f"30 categories x 30 entries build: {describe(time_builds(big, out, max(3, repeat // 3)))}")
        print(f"30 categories x 30 entries peak memory: {peak_memory_mb(big, out):.0f} MB")
        at_thousand, per_thousand = memory_per_thousand_entries(Path(temp))
        print(f"peak memory: {at_thousand:.0f} MB at 1,000 entries, +{per_thousand:.1f} MB per further 1,000 entries")
        for scale in args.scale:
            scale_build(Path(temp), scale, max(1, repeat // 5))
    print(f"serve, save to rebuilt page served: {describe(serve_latency(repeat))}")
    print(f"(this process peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
