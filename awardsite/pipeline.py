"""The pipeline, top to bottom: load, validate, render, write.

`check` is the same pipeline stopped before rendering. Everything is read and
validated before anything is written; pages are then rendered one at a time and
streamed into a temporary folder that replaces the site only when it is complete.
One build at a time writes to an output folder (output.lock).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import clock, output, render
from .content import load
from .errors import BuildError, Problem
from .model import Content
from .urls import check_url


@dataclass(frozen=True)
class Built:
    """What a build did, for the command line to report."""

    content: Content  # what was read
    files: int  # files written
    warnings: tuple[Problem, ...]  # problems that did not stop the build


def check(source: Path) -> Content:
    """Load and validate the content in `source`; raise ContentError listing every problem."""
    if not source.is_dir():
        raise BuildError(f"no content folder at {source}")
    return load(source)  # reading builds the typed model, which is the validation


def build(source: Path, out: Path, base_url: str | None = None, *, wait: float = output.LOCK_WAIT,
          on_wait: Callable[[str], None] | None = None) -> Built:
    """Build the site in `source` into `out`, replacing it only when the build succeeds."""
    out = output.check_out(out, source)
    if base_url and check_url(base_url):
        raise BuildError(f"--base-url {check_url(base_url)}")
    today = build_date()
    with output.lock(out, wait, on_wait):
        content = check(source)
        files = render.files(content, base_url or content.site.base_url, today)
        if len(files) > output.MAX_FILES:
            raise BuildError(f"the site would have {len(files):,} files, more than the {output.MAX_FILES:,} a build "
                             "may write; is a shortlist repeated many times?")
        with output.Writer(out) as writer:
            for name, produce in files:
                writer.write(name, produce())
    return Built(content, writer.count, content.warnings)


def build_date() -> datetime.date:
    """The build's date in UK time (clock.py decides "now"); a bad SOURCE_DATE_EPOCH is a BuildError."""
    try:
        return clock.today()
    except ValueError as exc:
        raise BuildError(str(exc)) from None
