"""Load a content folder: read every file, check it against the model, cross-check.

Reads everything before anything is written, and collects every problem in every
file before raising, so an editor sees the whole list at once. The current edition
is site.yaml, categories/, shortlist/ and judges.yaml; each past one is a folder
`editions/<name>/` laid out the same way, with edition.yaml for site.yaml's first half.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Mapping as Planned

from . import crosscheck, imagesize, reading, references
from .filecache import Store
from . import editions as new_edition  # not `editions`: load() has a variable of that name
from .errors import Problems
from .kinds import KINDS, Bad
from .markdown import image_lines, image_problems
from .memo import PerObject
from .scaffold import PLACEHOLDERS
from .model import Category, Content, Edition, EditionContent, NewsPost, Panel, Shortlist, Site, TextPage
from .sources import EditionSources, Sources, scan
from .validate import build, did_you_mean
from .yamlsource import read_front_matter


def load(source: Path, planned: Planned[Path, str] | None = None, jobs: int = 1, kept: Store | None = None) -> Content:
    """Read and validate the content in `source`, or raise ContentError with every problem.

    `planned` lays texts over shortlist files (an import's, before it writes them): they are
    read as if they were in the folder, so `check`'s own rules decide whether they may be written.
    `jobs`: how many processes read a big programme's categories and shortlists (`reading.read_ahead`).
    `kept`: the objects the last build read its files as (filecache.py), given back for files with the same
    bytes; told of every file read without a problem.
    """
    problems = Problems()
    root = source.resolve()
    texts = {root / path.relative_to(source): text for path, text in (planned or {}).items()}
    sources = _with_planned(scan(source, problems), texts)
    reading.read_ahead(sources, set(texts), jobs, kept)
    new_edition.warn_review_marks(sources, problems)  # lines `new edition` moved on a year, until reviewed
    # None without site.yaml, which scan() has reported
    site = reading.load_file(sources.site, Site, problems, sources.root, kept=kept) if sources.site else None
    current = EditionSources(site.edition or "" if site else "", sources.site, sources.categories,
                             sources.shortlists, sources.judges)
    editions = [_load_edition(current, site, problems, sources.root, texts, kept, is_current=True)]
    editions += [_load_edition(past, site, problems, sources.root, texts, kept, is_current=False)
                 for past in sources.editions]
    found = [e for e in editions if e is not None]
    sizes = _media_sizes(sources, problems)
    pages = [p for p in (_load_text(path, TextPage, problems, sources.root, sizes) for path in sources.pages) if p]
    news = [p for p in (_load_text(path, NewsPost, problems, sources.root, sizes) for path in sources.news) if p]
    problems.raise_if_any()
    assert site is not None  # without a site, a problem was recorded and raised above
    crosscheck.content(site, found, sources, problems)
    references.check(site, found, pages, news, sizes, problems)
    problems.raise_if_any()
    found = [_with_results(e, site.result_names()[-1].slug) for e in found]
    ordered = (found[0], *sorted(found[1:], key=lambda e: (e.name.casefold(), e.name), reverse=True))
    return Content(site, tuple(ordered), sources, problems.warnings(), tuple(sorted(pages, key=_page_key)),
                   tuple(sorted(news, key=lambda p: (p.date, p.slug), reverse=True)), sizes)


def _load_edition(files: EditionSources, site: Site | None, problems: Problems, root: Path,
                  planned: dict[Path, str], kept: Store | None, *, is_current: bool) -> EditionContent | None:
    """One edition's files as model objects; None when its site.yaml or edition.yaml is unusable."""
    info: Edition | None = site if is_current else \
        (reading.load_file(files.info, Edition, problems, root, kept=kept) if files.info else None)
    categories = [c for c in (reading.load_file(p, Category, problems, root, kept=kept) for p in files.categories) if c]
    shortlists = [s for s in (reading.load_file(p, Shortlist, problems, root, planned, kept) for p in files.shortlists)
                  if s]
    panel = reading.load_file(files.judges, Panel, problems, root, kept=kept) if files.judges else None
    if site:  # reported along with each file's own problems, before any cross-check
        crosscheck.vocabulary(site, shortlists, problems)
    if info is None:
        return None
    ordered = tuple(sorted(categories, key=_order_key))
    by_slug = {s.slug: s for s in shortlists}
    crosscheck.shortlists_have_categories(files.shortlists, {p.stem for p in files.categories}, root, problems)
    return EditionContent(files.name, info, ordered, {c.slug: by_slug[c.slug] for c in ordered if c.slug in by_slug},
                          panel, is_current)


def _with_planned(sources: Sources, planned: dict[Path, str]) -> Sources:
    """`sources` with each planned shortlist file that is not there yet added to its edition's."""
    def merged(found: tuple[Path, ...], folder: Path) -> tuple[Path, ...]:
        new = [path for path in planned if path.parent == folder and path not in found]
        return tuple(sorted((*found, *new), key=lambda p: p.name))

    editions = tuple(dataclasses.replace(e, shortlists=merged(e.shortlists, sources.root / "editions" / e.name /
                                                                "shortlist")) for e in sources.editions)
    return dataclasses.replace(sources, shortlists=merged(sources.shortlists, sources.root / "shortlist"),
                               editions=editions)


def _load_text(path: Path, cls: type, problems: Problems, root: Path, sizes: dict[str, tuple[int, int]]) -> Any:
    """A page or news post: its front matter as a `cls`, with its markdown body checked like any markdown."""
    name = path.relative_to(root).as_posix()
    read = read_front_matter(path, name, problems)
    if read is None:
        return None
    tree, body, first_line = read
    before = len(problems.errors())
    if body.strip():
        pictures = image_problems(body)  # reported at their own lines; the markdown check would name only one
        for offset, message in pictures:
            problems.add(name, first_line + offset - 1, message)
        checked = KINDS["markdown"].check(body)
        if isinstance(checked, Bad) and not pictures:
            problems.add(name, first_line + _line_of_problem(body), f"the text {checked.message}")
        for offset, picture in image_lines(body):
            if picture not in sizes:
                problems.add(name, first_line + offset - 1, f"the picture `media/{picture}` is not there"
                                                            f"{did_you_mean(picture, sizes)}")
    page = build(cls, tree, name, problems, slug=path.stem, body=body)
    if page is not None and getattr(page, "draft", None) != "yes" and body.strip() == PLACEHOLDERS["body"]:
        later = " (or add `draft: yes` while you work on it)" if cls is TextPage else ""
        problems.add(name, first_line, f"the text is still the line `new` wrote: write your own{later}")
    return page if len(problems.errors()) == before else None


def _line_of_problem(body: str) -> int:
    """Lines before the first character the markdown check refuses (0 if it is on the body's first line)."""
    for number, line in enumerate(body.splitlines()):
        if isinstance(KINDS["markdown"].check(line + " ."), Bad):
            return number
    return 0


def _media_sizes(sources: Sources, problems: Problems) -> dict[str, tuple[int, int]]:
    """Each picture's width and height, read from its header, so pages can reserve its space."""
    sizes = {}
    for name, path in sources.media:
        size = imagesize.size(path)
        if size is None:
            problems.add(f"media/{name}", 1, "cannot read this picture's width and height: is it a real PNG, JPEG, "
                                             "GIF, WebP or AVIF file (and not renamed from another kind)?")
        else:
            sizes[name] = size
    return sizes


def _page_key(page: TextPage) -> tuple[bool, int, str, str, str]:
    """Pages by `order` (those without one last), then title, then file name."""
    return (page.order is None, page.order or 0, page.title.casefold(), page.title, page.slug)


def _with_results(edition: EditionContent, default: str) -> EditionContent:
    """Give every entry without a `result` the programme's last one (`shortlisted` by default)."""
    shortlists = {slug: _resulted(shortlist, default) for slug, shortlist in edition.shortlists.items()}
    return dataclasses.replace(edition, shortlists=shortlists)


_RESULTED: PerObject[Shortlist] = PerObject()  # an unchanged file's shortlist stays the same object


def _resulted(shortlist: Shortlist, default: str) -> Shortlist:
    return _RESULTED(shortlist, lambda s: dataclasses.replace(s, entries=tuple(
        entry if entry.result else dataclasses.replace(entry, result=default) for entry in s.entries)), default)


def _order_key(category: Category) -> tuple[bool, int, str, str, str]:
    """By `order` (those without one last), then title; ties broken so the order never depends on file order."""
    return (category.order is None, category.order or 0, category.title.casefold(), category.title, category.slug)
