"""The pipeline, top to bottom: load, validate, render, write.

`check` is the same pipeline stopped before rendering. Everything is read and
rendered in memory before anything is written.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

from . import output, render
from .content import load
from .errors import BuildError
from .model import Content
from .urls import check_url


def check(source: Path) -> Content:
    """Load and validate the content in `source`; raise ContentError listing every problem."""
    if not source.is_dir():
        raise BuildError(f"no content folder at {source}")
    return load(source)  # reading builds the typed model, which is the validation


def build(source: Path, out: Path, base_url: str | None = None) -> dict[str, bytes]:
    """Build the site in `source` into `out`, replacing it only when the build succeeds."""
    output.check_out(out, source)
    content = check(source)
    base = base_url or content.site.base_url
    if base_url and check_url(base_url):
        raise BuildError(f"--base-url {check_url(base_url)}")
    files = render.render(content, source, base, build_date())
    output.write(files, out)
    return files


def build_date() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names, for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.date.today()
    if not epoch.isdigit():
        raise BuildError(f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not `{epoch}`")
    return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
