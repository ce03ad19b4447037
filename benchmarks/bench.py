#!/usr/bin/env python3
"""Print build times, peak memory and the save-to-served time of `serve`.

    python benchmarks/bench.py            # all figures
    python benchmarks/bench.py --quick    # fewer repetitions

Figures, not assertions: the tests never time anything.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from awardsite import pipeline  # noqa: E402


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
    """Peak resident memory of a whole `build.py build` process, in MB."""
    code = ("import resource,sys; sys.argv=['build.py','build','--source',sys.argv[1],'--out',sys.argv[2]];"
            "from awardsite.cli import main; main();"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    result = subprocess.run([sys.executable, "-c", code, str(source), str(out)], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return int(result.stdout.split()[-1]) / 1024


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
    from htmltools import parse

    html = (out / page).read_bytes()
    tree = parse(html)
    refs = [e.attrs["href"] for e in tree.find_all("link") if e.attrs.get("rel") in ("stylesheet", "icon")]
    refs += [e.attrs["src"] for e in tree.find_all("script") if "src" in e.attrs]
    bodies = [html] + [(out / ref.removeprefix(prefix)).read_bytes() for ref in refs]
    return sum(map(len, bodies)), sum(len(gzip.compress(b, mtime=0)) for b in bodies)


def describe(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {len(times)} runs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    repeat = 3 if parser.parse_args().quick else 10
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "_site"
        print(f"example build: {describe(time_builds(ROOT, out, repeat))}")
        print(f"example build peak memory: {peak_memory_mb(ROOT, out):.0f} MB")
        for page in ("index.html", "categories/healthcare-inequalities/index.html", "shortlist/index.html"):
            raw, zipped = page_weight(out, "/hsj-awards/", page)
            print(f"page weight {page}: {raw / 1024:.1f} KB, {zipped / 1024:.1f} KB gzipped")
        big = synthetic(Path(temp) / "big", categories=30, entries=30)
        print(f"30 categories x 30 entries build: {describe(time_builds(big, out, max(3, repeat // 3)))}")
        print(f"30 categories x 30 entries peak memory: {peak_memory_mb(big, out):.0f} MB")
        at_thousand, per_thousand = memory_per_thousand_entries(Path(temp))
        print(f"peak memory: {at_thousand:.0f} MB at 1,000 entries, +{per_thousand:.1f} MB per further 1,000 entries")
    print(f"serve, save to rebuilt page served: {describe(serve_latency(repeat))}")
    print(f"(this process peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
