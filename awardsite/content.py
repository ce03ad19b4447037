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
from .yamlsource import Mapping, Sequence, read_yaml

def load(source: Path) -> Content:
    """Read and validate the content in `source`, or raise ContentError with every problem."""
    problems = Problems()
    sources = scan(source, problems)
    site = _load_site(sources.site, problems)
    categories = [_load_one(path, Category, problems) for path in sources.categories]
    shortlists = [_with_entry_slugs(*_load_one(path, Shortlist, problems), problems) for path in sources.shortlists]
    for category, tree in categories:
        if category is not None and tree is not None:
            _check_category(category, tree, problems)
    _check_shortlists_have_categories(sources.shortlists, {p.stem for p in sources.categories}, problems)
    problems.raise_if_any()
    assert site is not None  # without a site, a problem was recorded and raised above
    ordered = tuple(sorted((c for c, _ in categories if c is not None), key=_order_key))
    by_slug = {s.slug: s for s in shortlists if s is not None}
    return Content(site, ordered, {c.slug: by_slug[c.slug] for c in ordered if c.slug in by_slug}, sources,
                   problems.warnings())


def _load_site(path: Path | None, problems: Problems) -> Site | None:
    if path is None:
        return None  # scan() has reported why
    tree = read_yaml(path, "site.yaml", problems)
    return build(Site, tree, "site.yaml", problems) if tree else None


def _load_one(path: Path, cls: type, problems: Problems) -> tuple[Any, Mapping | None]:
    name = f"{path.parent.name}/{path.name}"
    tree = read_yaml(path, name, problems)
    return (build(cls, tree, name, problems, slug=path.stem) if tree else None), tree


def _with_entry_slugs(shortlist: Shortlist | None, tree: Mapping | None, problems: Problems) -> Shortlist | None:
    """Give every entry its page slug: its own `slug`, else one made from its title.

    A clash is an error rather than a numbered suffix, so that an entry's address never
    depends on the entries before it.
    """
    if shortlist is None or tree is None:
        return None
    name = f"shortlist/{shortlist.slug}.yaml"
    listed = tree.entries["entries"][1]
    lines = [item.line for item in listed.items] if isinstance(listed, Sequence) else []
    seen: dict[str, int] = {}
    entries = []
    for entry, line in zip(shortlist.entries, lines):
        slug = entry.slug or entry_slug(entry.title)
        if slug in seen:
            problems.add(name, line, f"entry page address `{slug}` is already used by the entry on line "
                                     f"{seen[slug]}; give one of them a different `slug`")
        seen.setdefault(slug, line)
        entries.append(dataclasses.replace(entry, slug=slug))
    return dataclasses.replace(shortlist, entries=tuple(entries))


def _check_category(category: Category, tree: Mapping, problems: Problems) -> None:
    name = f"categories/{category.slug}.yaml"
    weights = [c.weight for c in category.criteria]
    given = [w for w in weights if w is not None]
    line = tree.entries["criteria"][0]
    if given and len(given) != len(weights):
        problems.add(name, line, "give a `weight` for every criterion or for none")
    elif given and sum(given) != 100:
        problems.add(name, line, f"criteria weights add up to {sum(given)}, not 100")


def _check_shortlists_have_categories(files: tuple[Path, ...], slugs: set[str], problems: Problems) -> None:
    for path in files:
        if path.stem not in slugs:
            hint = did_you_mean(path.stem, slugs)
            problems.add(f"shortlist/{path.name}", 1, f"no category `{path.stem}` for this shortlist{hint}")


def _order_key(category: Category) -> tuple[bool, int, str, str, str]:
    """By `order` (those without one last), then title; ties broken so the order never depends on file order."""
    return (category.order is None, category.order or 0, category.title.casefold(), category.title, category.slug)

