"""The site being previewed: rebuilt after each save, its new pages served as soon as they are known.

`Preview.rebuild` runs the pipeline with two of serve's hooks: once the build has read the
content and listed its files it hands over a `pipeline.Ready`, from which `serve.found` makes
each file asked for on request while the build keys and writes them behind it; and `interrupt`
(a newer save) stops the writing, leaving the live site as it was for the next build.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable, Collection

from . import pipeline
from .errors import BuildError, ContentError
from .model import Content
from .output import Superseded
from .urls import Urls, entry_page, page_file

EntryKey = tuple[str, str, str]  # (edition, category, organisation): an entry, whatever its title


class Preview:
    """The site being previewed: rebuilt on demand, remembering the last build's problems."""

    def __init__(self, source: Path, out: Path, base_url: str | None, at: str | None = None) -> None:
        self.source, self.out, self.base_url, self.at = source, out, base_url, at
        self.problems: list[str] = []
        self.warnings: list[str] = []  # the last build's warnings: shown in the terminal, not in the page
        self.seconds = 0.0  # how long the last build took
        self.prefix = Urls(base_url).prefix if base_url else "/"
        self.published: dict[str, EntryKey] = {}  # every entry page built this session -> its entry
        self.entries: dict[EntryKey, str] = {}  # each entry's page in the last good build
        self.ready: pipeline.Ready | None = None  # the build under way, once it knows its files (`found`)
        self.on_ready: Callable[[], None] = lambda: None  # told when a build is ready: browsers may reload
        self.announced = False  # whether the last build called `on_ready`
        self.superseded = False  # whether the last build stopped, out of date, before it was written
        self._newer = threading.Event()  # a save newer than the build under way (`interrupt`)
        self._lock = threading.Lock()  # one build at a time: the first one and the watcher's

    def rebuild(self, changed: Collection[Path] = ()) -> list[str]:
        """Build again after `changed` files were saved; return the problems (empty when the build succeeded)."""
        # The build cache re-renders only the pages whose inputs changed (cache.py).
        with self._lock:
            started, self.announced, self.superseded = time.monotonic(), False, False
            self._newer.clear()  # the saves so far are read by this build
            try:
                built = pipeline.build(self.source, self.out, self.base_url, at=self.at, tidy_later=True,
                                       on_ready=self._ready, stop=self._newer.is_set)
                content = built.content or pipeline.check(self.source)  # None: the site was already current
                self.prefix = Urls(self.base_url or content.site.base_url).prefix
                self.problems, self.warnings = [], [p.format() for p in built.warnings]
                self._remember(content)
            except Superseded:  # the next build follows: until it is ready, this one's files are served
                self.superseded = True
                return self.problems
            except ContentError as exc:
                self.problems = [p.format() for p in exc.problems]
            except (BuildError, OSError) as exc:
                self.problems = [str(exc)]
            except Exception as exc:  # a bug: show it rather than go on serving the last good build as if current
                self.problems = [unexpected(exc)]
            finally:
                if not self.superseded:  # the files are written (or the build failed): the output folder is the site
                    self.ready = None
            self.seconds = time.monotonic() - started
            return self.problems

    def interrupt(self) -> None:
        """Say a file was saved since the build under way read the content: it stops before it is written."""
        self._newer.set()

    def _ready(self, ready: pipeline.Ready) -> None:
        """The build knows its files: serve them from now on, while they are written, and say so."""
        self.ready, self.problems = ready, []
        self.prefix = Urls(self.base_url or ready.content.site.base_url).prefix
        self.announced = True
        self.on_ready()

    def _remember(self, content: Content) -> None:
        """Note each published entry's page, so that an address a new title left behind can say where it went."""
        pages: dict[EntryKey, list[str]] = {}
        for edition in content.editions:
            for category, shortlist in edition.shortlists.items():
                for entry in shortlist.entries:
                    page = entry_page(edition.name, category, entry.slug or "")
                    if (self.out / page_file(page)).is_file():  # not embargoed, not a draft's
                        pages.setdefault((edition.name, category, entry.organisation), []).append(page)
        # An organisation with two entries in one category cannot tell them apart: no guess.
        self.entries = {key: found[0] for key, found in pages.items() if len(found) == 1}
        self.published = {**self.published, **{page: key for key, found in pages.items() for page in found}}

    def moved_to(self, page: str) -> str | None:
        """Where the entry once published at `page` (a site path, `shortlist/x/y/`) is now, if it moved."""
        page = page.removesuffix("index.html")
        page = page if page.endswith("/") or not page else page + "/"
        key = self.published.get(page)
        now = self.entries.get(key) if key else None
        return now if now and now != page else None


def unexpected(exc: Exception) -> str:
    """One line for the error page about an exception the pipeline should never raise."""
    detail = " ".join(f"{type(exc).__name__}: {exc}".split())  # the type and message: this page is only local
    return f"the build failed with an unexpected error (a bug in awardsite, please report it): {detail}"
