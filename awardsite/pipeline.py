"""The pipeline, top to bottom: load, validate, publish (the embargo), render, write.

`check` is the same pipeline stopped before rendering. Everything is read and
validated before any file is written (a rebuild's temporary folder gets only the last
build's folders meanwhile); pages are then rendered one at a time and streamed into
that folder, which replaces the site only when it is complete.
One build at a time writes to an output folder (output.lock).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from . import cache, clock, folders, output, precompile
from .errors import BuildError, Problem
from .model import Content
from .urls import check_url

if TYPE_CHECKING:
    from .filecache import Store

# Loading, checking and rendering (markdown-it, Jinja) are imported when a build needs them: one with
# nothing to do (cache.py) then takes a fifth of a second less, half its time.


@dataclass(frozen=True)
class Built:
    """What a build did, for the command line to report."""

    content: Content | None  # what was read; None when nothing had changed since the last build
    written: int  # files rendered and written (the others were the last build's, unchanged)
    warnings: tuple[Problem, ...]  # problems that did not stop the build
    files: int  # files the site has


@dataclass(frozen=True)
class Ready:
    """A build once its content is read and checked and its files listed, before any is written.

    `serve` answers from it while the files are written: each file asked for is made on request.
    """

    content: Content  # what was read
    files: Mapping[str, Callable[[], Iterable[bytes]]]  # every file the site will have, each made when called


def check(source: Path, jobs: int = 1, kept: Store | None = None) -> Content:
    """Load and validate the content in `source` (a big programme's in `jobs` processes; a file whose object
    `kept` has from the last build, from there); raise ContentError listing every problem."""
    from .content import load
    if not source.is_dir():
        raise BuildError(f"no content folder at {source}")
    return load(source, jobs=jobs, kept=kept)  # reading builds the typed model, which is the validation


def build(source: Path, out: Path, base_url: str | None = None, *, at: str | None = None,
          wait: float = output.LOCK_WAIT, on_wait: Callable[[str], None] | None = None, jobs: int = 1,
          cached: bool = True, tidy_later: bool = False, on_ready: Callable[[Ready], None] | None = None,
          stop: Callable[[], bool] = lambda: False) -> Built:
    """Build the site in `source` into `out`, replacing it only when the build succeeds.

    `at` (`2026-11-19 18:30`, in the programme's time zone) builds the site as it will be
    then, to preview an announcement; such a build must never be published. `jobs`: how many
    processes read a big programme and render a big site (0: one per core); the files are the same
    whatever it is.
    `cached`: reuse what the last build into `out` made from inputs that have not changed
    (cache.py; the objects of unchanged content files, filecache.py); the files are the same as a build
    without it. `tidy_later`: delete a replaced site the cache does not keep (spare.py), or an abandoned
    one, in the background, after returning (serve). `on_ready` is told of the build once
    it knows every file, before it keys and writes them; `stop` is asked before each
    file is written, and True abandons the build, leaving the live site as it was (output.Superseded).
    Both are serve's.
    """
    if at is not None and _bad_moment(at):
        raise BuildError(f"--at should be a date and time like `2026-11-19 18:30`, not `{at}`")
    out = output.check_out(out, source)
    if base_url and check_url(base_url):
        raise BuildError(f"--base-url {check_url(base_url)}")
    build_now()  # a bad SOURCE_DATE_EPOCH is reported before waiting for the lock
    options = f"{base_url}\0{at}"
    # The theme's templates are compiled meanwhile by a helper process (precompile.py). Not for serve (`tidy_later`),
    # which compiles them once for the session and whose preview wants the second core.
    with precompile.ahead(source, 1 if tidy_later else jobs) as compiled, output.lock(out, wait, on_wait):
        record = cache.read(out) if cached else None
        inputs = cache.inputs(source, options)
        if record and cache.still_true(record, inputs, _now(record.zone, at)):  # nothing changed: nothing to do
            output.clear_leftovers(out)  # but a killed build's folders, as every build under the lock does
            return Built(None, 0, tuple(record.warnings), record.files)
        from . import pagekeys, pagelist, parallel, render
        from .filecache import Store
        old = cache.keys_of(out) if record else None
        # Entered before the content is read: the new site starts from the spare site (spare.py), listed
        # meanwhile, or else the last build's folders are made in its temporary folder meanwhile (folders.py).
        # Nothing else is written there until everything is read and checked. Not for serve (`tidy_later`),
        # whose preview is ready before it writes: that process would take the second core from the pages asked
        # for meanwhile.
        with output.Writer(out, tidy_later=tidy_later, stop=stop, old=old, ahead=not tidy_later,
                           cache=cache.path_of(out) if cached else None) as writer:
            with parallel.collector_off():  # reading and keying make no garbage for it to find (parallel.py)
                kept = Store(cache.path_of(out) / "files") if cached else None
                content = check(source, parallel.cores(jobs or None), kept)
                now = _now(content.site.timezone, at)
                published, base = clock.published(content, now), base_url or content.site.base_url
                code = pagekeys.code_digest(content)  # the code and theme: every key and kept markdown depend on it
                context = render.conversion_context(content, base, code)
                converted = render.Converted(cache.conversions(out, context) if record else {})
                listed = pagelist.pages(published)
                files = render.files(published, base, now, converted, listed)
                if len(files) > output.MAX_FILES:
                    raise BuildError(f"the site would have {len(files):,} files, more than the {output.MAX_FILES:,} a "
                                     "build may write; is a shortlist repeated many times?")
                if stop():  # out of date already: say nothing of it
                    raise output.Superseded()
                if on_ready is not None:
                    on_ready(Ready(content, dict(files)))
                label, since, until = clock.period(content, now)
                keys = pagekeys.keys(published, listed, [name for name, _ in files], base, label, code)
                writer.expect(keys)
                fresh = [(name, produce) for name, produce in files
                         if not (name in keys and writer.keep(name, keys[name]))]
            compiled(content.sources.templates)  # before the workers are forked, so none compiles them again
            parallel.write_all(fresh, writer, parallel.jobs_for(len(fresh), jobs or None), converted.used)
        cache.write(out, cache.Record(folders.identity(out), inputs, since.isoformat(), until.isoformat(),
                                      content.site.timezone, writer.count, list(content.warnings)), keys,
                    converted.kept(pagekeys.markdown_texts(published)), context)
        if kept is not None:
            kept.save()
    return Built(content, len(fresh), content.warnings, writer.count)


def _bad_moment(at: str) -> bool:
    """Whether `--at` is not a date and time, by the check site.yaml's milestones get."""
    from .kinds import KINDS, Bad
    return isinstance(KINDS["moment"].check(at), Bad)


def _now(zone: str, at: str | None) -> datetime.datetime:
    """The moment the build is made as of: now, or `--at`."""
    return build_now(zone) if at is None else clock.moment(at, zone, "")


def build_now(zone: str = clock.UK) -> datetime.datetime:
    """The build's moment in `zone` (clock.py decides "now"); a bad SOURCE_DATE_EPOCH is a BuildError."""
    try:
        return clock.now(zone)
    except ValueError as exc:
        raise BuildError(str(exc)) from None
