"""A big build on every core: its pages rendered, and its programme's files read (`each`), by forked copies.

Each page is rendered by exactly one process from the same loaded content, so the files
are byte for byte those of a serial build; only the order in which they are written
differs, and the site is swapped in only when all are written. Workers are forked (Linux)
after the content is loaded and checked, so nothing is read twice and nothing needs
pickling but the problems of a page that fails. Where forking is unsafe (macOS, Windows)
or the site is small, the build stays serial.

The files are shared out in runs of neighbours in the site's tree (a category's shortlist page
with its entries' pages), each worker taking the next run when it is done: neighbours show the
same synopses, converted once per process, and no worker waits long for another at the end.
Reading (content.py) shares a programme's files out with `each`, its results sent back pickled.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from .errors import ContentError, Problem
from .output import Writer, write_file

Producer = Callable[[], Iterable[bytes]]
Item = TypeVar("Item")
Result = TypeVar("Result")
MIN_FILES = 300  # below this, starting workers costs more than sharing the pages out saves
RUNS_PER_JOB = 8  # runs per process: fewer split more categories' pages, more leave less to wait for at the end
_FILES: Sequence[tuple[str, Producer]] = ()  # the build's files, which forked workers inherit
_ORDER: Sequence[int] = ()  # their positions, neighbours in the site's tree together
_MADE: dict[str, str] = {}  # what rendering remembers (render.Converted.used), which workers add to and send back
Failure = tuple[int, list[Problem]]  # the position of the first page that failed in a run, and its problems
Share = tuple[Failure | None, list[tuple[str, str]]]  # and what the run added to _MADE


def jobs_for(files: int, asked: int | None) -> int:
    """How many processes render a site of `files` files: `asked` (all cores if None), 1 where forking is unsafe."""
    return 1 if files < MIN_FILES else cores(asked)


def cores(asked: int | None) -> int:
    """How many processes to work in: `asked` (all cores if None), 1 where forking is unsafe."""
    if sys.platform != "linux":
        return 1
    return max(1, asked if asked is not None else len(os.sched_getaffinity(0)))


def write_all(files: Sequence[tuple[str, Producer]], writer: Writer, jobs: int, made: dict[str, str] | None = None) \
        -> None:
    """Render and write every file through `writer`, in `jobs` processes; raise the first page's ContentError.

    `made` is the dictionary the producers remember their work in: the workers' additions are gathered into it.
    """
    if jobs <= 1 or not files:
        with _set_aside():
            for name, produce in files:
                writer.write(name, produce())
        return
    global _FILES, _ORDER, _MADE
    assert writer.temp is not None, "use Writer in a with statement"
    # Path parts as a tuple sort a folder's files before its subfolders', each subfolder's whole tree together.
    order = sorted(range(len(files)), key=lambda index: files[index][0].split("/"))
    size = -(-len(files) // (jobs * RUNS_PER_JOB))
    runs = [(writer.temp, start, start + size) for start in range(0, len(files), size)]
    _FILES, _ORDER, _MADE = files, order, made if made is not None else {}
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=gc.freeze) as pool:
            shares = pool.map(_run, runs, chunksize=1)  # one run at a time: a worker takes the next when it is done
    finally:
        _FILES, _ORDER, _MADE = (), (), {}
    writer.count += len(files)
    if made is not None:
        for _, added in shares:
            made.update(added)
    first = min((f for f, _ in shares if f is not None), default=None, key=lambda failure: failure[0])
    if first is not None:  # the page a serial build would have stopped at
        raise ContentError(first[1])


@contextlib.contextmanager
def collector_off() -> Iterator[None]:
    """No garbage collection meanwhile (reading and keying a programme); as it was afterwards.

    Reading makes hundreds of thousands of objects and no garbage that only the collector could free, and each
    of its passes walked what was made so far: at 10,000 entries a rebuild after one edit spent 0.2 s of its
    1.5 s so. Rendering, which makes garbage, has the collector back (with the content set aside, `_set_aside`).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was made joins the oldest generation (and the count of objects made since the last pass is back
        # to naught), rather than being walked at once by a young one's pass. Where something is frozen already
        # (serve), that is left as it is.
        if not gc.get_freeze_count():
            gc.freeze()
            gc.unfreeze()
        if was_on:
            gc.enable()


@contextlib.contextmanager
def _set_aside() -> Iterator[None]:
    """Keep the garbage collector off what is loaded while pages are rendered (gc.freeze), then give it back.

    Rendering makes many short-lived objects, and each of the collector's full passes walked the whole loaded
    content again: a fifth of the time spent rendering a big site. Where something is frozen already (serve
    freezes what it holds), that choice is left alone.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _run(job: tuple[Path, int, int]) -> Share:
    """Render the files from `start` to `end` of _ORDER into `temp`; the failure a serial build would meet first
    among them (or None), and what the run added to _MADE.

    `gc.freeze` is the pool's initializer, as `_set_aside` is a serial build's: the inherited content is not walked
    again and again.
    """
    temp, start, end = job
    before = len(_MADE)  # a dictionary keeps its order: what this run adds comes after what it had
    failure: Failure | None = None
    for index in _ORDER[start:end]:
        if failure is not None and index > failure[0]:
            continue  # a serial build would have stopped before it
        name, produce = _FILES[index]
        try:
            write_file(temp / name, produce())
        except ContentError as exc:
            failure = index, list(exc.problems)
    return failure, list(_MADE.items())[before:]


def each(function: Callable[[Item], Result], items: Sequence[Item], jobs: int) -> list[Result]:
    """`[function(item) for item in items]`, the items shared among `jobs` forked processes, this one among them.

    `function` must be a module's own (it is sent by name) and its results picklable. Serial where forking is
    unsafe, or for one job.
    """
    if sys.platform != "linux" or jobs <= 1 or len(items) < 2:
        return [function(item) for item in items]
    shares = [items[start::jobs] for start in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
        others = pool.map_async(_each, [(function, share) for share in shares[1:]])
        done = [[function(item) for item in shares[0]], *others.get()]
    results: list[Any] = [None] * len(items)
    for start, share in enumerate(done):
        results[start::jobs] = share
    return results


def _each(job: tuple[Callable[[Any], Any], Sequence[Any]]) -> list[Any]:
    function, items = job
    return [function(item) for item in items]
