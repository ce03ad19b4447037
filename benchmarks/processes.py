"""Whole processes timed from start to exit, with their peak memory; folders measured.

The benchmark times what an editor waits for: a fresh interpreter (or Hugo binary) that
reads, renders and writes, and exits. `os.wait4` gives the child's own resource usage,
so its peak memory is measured without polling (see SPAWNER for why a small process
starts it).
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path


@dataclasses.dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the child's maximum resident set size


class ProcessFailed(RuntimeError):
    pass


# Runs the measured command and reports "seconds peak-KB exit-status". The command must not be started from
# this process: Linux keeps a process's peak memory across exec, and a child forked from here starts with this
# process's (which grows with the benchmark), so a small command would read as large as this one. Forked from
# this small interpreter (-I -S: no site, no environment), it starts at a few MB, below anything measured.
SPAWNER = """
import os, sys, time
argv = sys.argv[1:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


# The runs' environment: this one, but Python keeps compiled bytecode, as it does unless told not to. This machine
# sets PYTHONDONTWRITEBYTECODE, and every build then compiled our 50 modules again (0.03-0.06 s of each).
ENVIRONMENT = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(argv: Sequence[str | Path], cwd: Path | None = None) -> Run:
    """Run `argv` to completion; its wall time and peak memory. Raises ProcessFailed on a non-zero exit."""
    with tempfile.TemporaryFile() as errors:
        done = subprocess.run([sys.executable, "-I", "-S", "-c", SPAWNER, *map(str, argv)], cwd=cwd, env=ENVIRONMENT,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors, text=True,
                              check=False)  # the spawner reports the command's status
        seconds, peak_kb, status = done.stdout.split()
        if done.returncode != 0 or status != "0":
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace")[-2000:]
            raise ProcessFailed(f"{' '.join(map(str, argv))} exited with {status}:\n{tail}")
    return Run(float(seconds), int(peak_kb) / 1024)  # ru_maxrss is in KB on Linux


# Where `remove` moves what a run leaves, until `empty_aside` deletes it all once nothing more is timed. On ext4
# without a journal (this machine's disk), the kernel passes over the inodes freed in the last one to five
# minutes each time it makes a file (`recently_deleted` in fs/ext4/ialloc.c): a build started just after the
# last run's 20,000 files and folders were deleted took seconds longer (2.8 s to make 10,000 folders and files
# in one test, 8.8 s just after deleting them, 11.5 s after the second deletion), and whichever tool ran next
# paid for the harness's tidying. Moving is a rename, which frees no inode.
_ASIDE: list[Path] = []  # the folder, made in the temporary folder (where the runs' folders are) when first needed
_MOVED = itertools.count()


def remove(*paths: Path) -> None:
    """Take each folder or file that exists (an output, a cache, a lock) out of the way, deleting nothing yet."""
    for path in paths:
        if not (path.exists() or path.is_symlink()):
            continue
        if not _ASIDE:
            _ASIDE.append(Path(tempfile.mkdtemp(prefix="bench-aside-")))
        try:
            path.rename(_ASIDE[0] / str(next(_MOVED)))
        except OSError:  # on another disk than the first: deleted now
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()


def empty_aside() -> None:
    """Delete what `remove` took out of the way: at the end of the benchmark, when nothing more is timed."""
    while _ASIDE:
        shutil.rmtree(_ASIDE.pop(), ignore_errors=True)


def tree_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of every file under `folder`."""
    total = count = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(parent, name))
            count += 1
    return total, count


@dataclasses.dataclass(frozen=True)
class Summary:
    median: float
    low: float
    high: float
    runs: int
    peak_mb: float  # the median of the runs' peaks

    @classmethod
    def of(cls, runs: Sequence[Run]) -> Summary:
        seconds = [r.seconds for r in runs]
        return cls(statistics.median(seconds), min(seconds), max(seconds), len(runs),
                   statistics.median(r.peak_mb for r in runs))

    def text(self, spread: bool = True) -> str:
        """`1.23 s (1.20–1.31)`: the median, then the fastest and slowest run when there were several."""
        if not spread or self.runs == 1:
            return seconds_text(self.median)
        return f"{seconds_text(self.median)} ({number_text(self.low)}–{number_text(self.high)})"


def number_text(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 0.1 else f"{seconds:.2f}" if seconds < 10 else f"{seconds:.1f}"


def seconds_text(seconds: float) -> str:
    return f"{number_text(seconds)} s"
