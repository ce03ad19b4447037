"""Rendering a big site on every core: the pages shared out among forked copies of the build.

Each page is rendered by exactly one process from the same loaded content, so the files
are byte for byte those of a serial build; only the order in which they are written
differs, and the site is swapped in only when all are written. Workers are forked (Linux)
after the content is loaded and checked, so nothing is read twice and nothing needs
pickling but the problems of a page that fails. Where forking is unsafe (macOS, Windows)
or the site is small, the build stays serial.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .errors import ContentError, Problem
from .output import Writer, write_file

Producer = Callable[[], Iterable[bytes]]
MIN_FILES = 300  # below this, starting workers costs more than sharing the pages out saves
_FILES: Sequence[tuple[str, Producer]] = ()  # the build's files, which forked workers inherit
_MADE: dict[str, str] = {}  # what rendering remembers (render.Converted.used), which workers add to and send back
Failure = tuple[int, list[Problem]]  # the position of the first page that failed in a share, and its problems
Share = tuple[Failure | None, list[tuple[str, str]]]  # and what the share added to _MADE


def jobs_for(files: int, asked: int | None) -> int:
    """How many processes render a site of `files` files: `asked` (all cores if None), 1 where forking is unsafe."""
    if sys.platform != "linux" or files < MIN_FILES:
        return 1
    return max(1, asked if asked is not None else len(os.sched_getaffinity(0)))


def write_all(files: Sequence[tuple[str, Producer]], writer: Writer, jobs: int, made: dict[str, str] | None = None) \
        -> None:
    """Render and write every file through `writer`, in `jobs` processes; raise the first page's ContentError.

    `made` is the dictionary the producers remember their work in: the workers' additions are gathered into it.
    """
    if jobs <= 1:
        for name, produce in files:
            writer.write(name, produce())
        return
    global _FILES, _MADE
    assert writer.temp is not None, "use Writer in a with statement"
    _FILES, _MADE = files, made if made is not None else {}
    try:
        with multiprocessing.get_context("fork").Pool(jobs - 1) as pool:
            others = pool.map_async(_share, [(writer.temp, start, jobs) for start in range(1, jobs)])
            shares = [_share((writer.temp, 0, jobs)), *others.get()]
    finally:
        _FILES, _MADE = (), {}
    writer.count += len(files)
    if made is not None:
        for _, added in shares[1:]:  # the first share is this process's: its additions are in `made` already
            made.update(added)
    first = min((f for f, _ in shares if f is not None), default=None, key=lambda failure: failure[0])
    if first is not None:  # the page a serial build would have stopped at
        raise ContentError(first[1])


def _share(job: tuple[Path, int, int]) -> Share:
    """Render every `step`th file from `start` into `temp`; the first failure (or None) and what it added to _MADE."""
    temp, start, step = job
    before = len(_MADE)  # a dictionary keeps its order: what this share adds comes after what it inherited
    failure = None
    for index in range(start, len(_FILES), step):
        name, produce = _FILES[index]
        try:
            write_file(temp / name, produce())
        except ContentError as exc:
            failure = index, list(exc.problems)
            break
    return failure, list(_MADE.items())[before:]
