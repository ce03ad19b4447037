"""Load a content folder: read every file, check it against the model, cross-check.

Reads everything before anything is written, and collects every problem in every
file before raising, so an editor sees the whole list at once.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .errors import Problems
from .model import Category, Content, Shortlist, Site
from .sources import scan
from .urls import entry_slug
from .validate import build, did_you_mean
from .yamlsource import read_yaml

def load(source: Path) -> Content:
    """Read and validate the content in `source`, or raise ContentError with every problem."""
    problems = Problems()
    sources = scan(source, problems)
    site = _load_site(sources.site, problems)
    categories = [c for c in (_load_one(path, Category, problems) for path in sources.categories) if c]
    shortlists = [_with_entry_slugs(s, problems) for s in (_load_one(p, Shortlist, problems) for p in sources.shortlists)
                  if s]
    for category in categories:
        _check_category(category, problems)
    _check_shortlists_have_categories(sources.shortlists, {p.stem for p in sources.categories}, problems)
    _check_tag_spellings(shortlists, problems)
    problems.raise_if_any()
    assert site is not None  # without a site, a problem was recorded and raised above
    ordered = tuple(sorted(categories, key=_order_key))
    by_slug = {s.slug: s for s in shortlists}
    return Content(site, ordered, {c.slug: by_slug[c.slug] for c in ordered if c.slug in by_slug}, sources,
                   problems.warnings())


def _load_site(path: Path | None, problems: Problems) -> Site | None:
    if path is None:
        return None  # scan() has reported why
    tree = read_yaml(path, "site.yaml", problems)
    return build(Site, tree, "site.yaml", problems) if tree else None


def _load_one(path: Path, cls: type, problems: Problems) -> Any:
    """The model object in `path`, or None when it has problems (recorded)."""
    name = f"{path.parent.name}/{path.name}"
    tree = read_yaml(path, name, problems)
    return build(cls, tree, name, problems, slug=path.stem) if tree else None


def _with_entry_slugs(shortlist: Shortlist, problems: Problems) -> Shortlist:
    """Give every entry its page slug: its own `slug`, else one made from its title.

    A clash is an error rather than a numbered suffix, so that an entry's address never
    depends on the entries before it.
    """
    seen: dict[str, int] = {}
    entries = []
    for entry in shortlist.entries:
        slug, line = entry.slug or entry_slug(entry.title), entry.where.line
        if slug in seen:
            problems.add(entry.where.file, line, f"entry page address `{slug}` is already used by the entry on line "
                                                 f"{seen[slug]}; give one of them a different `slug`")
        seen.setdefault(slug, line)
        entries.append(dataclasses.replace(entry, slug=slug))
    return dataclasses.replace(shortlist, entries=tuple(entries))


def _check_category(category: Category, problems: Problems) -> None:
    name, line = category.where.file, category.where.of("criteria")
    weights = [c.weight for c in category.criteria]
    given = [w for w in weights if w is not None]
    if given and len(given) != len(weights):
        problems.add(name, line, "give a `weight` for every criterion or for none")
    elif given and sum(given) != 100:
        problems.add(name, line, f"criteria weights add up to {sum(given)}, not 100")


def _check_shortlists_have_categories(files: tuple[Path, ...], slugs: set[str], problems: Problems) -> None:
    for path in files:
        if path.stem not in slugs:
            hint = did_you_mean(path.stem, slugs)
            problems.add(f"shortlist/{path.name}", 1, f"no category `{path.stem}` for this shortlist{hint}")


def _check_tag_spellings(shortlists: list[Shortlist], problems: Problems) -> None:
    """Warn where one tag is spelt two ways (`NHS`, `nhs`): the shortlist's filter would show both."""
    first: dict[str, tuple[str, str, int]] = {}  # casefolded tag -> (spelling, file, line) first seen
    for shortlist in sorted(shortlists, key=lambda s: s.slug):
        for entry in shortlist.entries:
            for tag in entry.tags:
                spelling, file, line = first.setdefault(tag.casefold(), (tag, entry.where.file, entry.where.of("tags")))
                if spelling != tag:
                    problems.warn(entry.where.file, entry.where.of("tags"), f"the tag `{tag}` is spelt `{spelling}` "
                                  f"in {file}:{line}; use one spelling, or the filter shows two topics")


def _order_key(category: Category) -> tuple[bool, int, str, str, str]:
    """By `order` (those without one last), then title; ties broken so the order never depends on file order."""
    return (category.order is None, category.order or 0, category.title.casefold(), category.title, category.slug)

