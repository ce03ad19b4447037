"""Load a content folder: read every file, check it against the model, cross-check.

Reads everything before anything is written, and collects every problem in every
file before raising, so an editor sees the whole list at once.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from .errors import Problems
from .model import SLUG_PATTERN, Category, Content, Shortlist, Site
from .urls import entry_slug, slugify
from .validate import build, did_you_mean
from .yamlsource import Mapping, read_yaml

def load(source: Path) -> Content:
    """Read and validate the content in `source`, or raise ContentError with every problem."""
    problems = Problems()
    site = _load_site(source, problems)
    category_files = _yaml_files(source, "categories", problems)
    shortlist_files = _yaml_files(source, "shortlist", problems)
    categories = [_load_one(path, Category, problems) for path in category_files]
    shortlists = [_with_entry_slugs(*_load_one(path, Shortlist, problems), problems) for path in shortlist_files]
    for category, tree in categories:
        if category is not None:
            _check_category(category, tree, problems)
    _check_shortlists_have_categories(shortlist_files, {p.stem for p in category_files}, problems)
    problems.raise_if_any()
    ordered = tuple(sorted((c for c, _ in categories), key=_order_key))
    by_slug = {s.slug: s for s in shortlists}
    return Content(site, ordered, {c.slug: by_slug[c.slug] for c in ordered if c.slug in by_slug})


def _load_site(source: Path, problems: Problems) -> Site | None:
    path = source / "site.yaml"
    if not path.is_file():
        problems.add("site.yaml", 1, f"missing: every content folder needs a site.yaml (looked in {source})")
        return None
    tree = read_yaml(path, "site.yaml", problems)
    return build(Site, tree, "site.yaml", problems) if tree else None


def _yaml_files(source: Path, folder: str, problems: Problems) -> list[Path]:
    """The `.yaml` files of a content folder, sorted by name so builds are repeatable."""
    directory = source / folder
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        name = f"{folder}/{path.name}"
        if path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix == ".yml":
            problems.add(name, 1, f"rename to `{path.stem}.yaml`: content files end in `.yaml`")
        elif path.suffix == ".yaml" and not re.match(SLUG_PATTERN, path.stem):
            problems.add(name, 1, f"file name `{path.stem}` is not a valid slug: {_slug_hint(path.stem)}")
        elif path.suffix == ".yaml":
            found.append(path)
    return found


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
    lines = [item.line for item in tree.entries["entries"][1].items]
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


def _check_shortlists_have_categories(files: list[Path], slugs: set[str], problems: Problems) -> None:
    for path in files:
        if path.stem not in slugs:
            hint = did_you_mean(path.stem, slugs)
            problems.add(f"shortlist/{path.name}", 1, f"no category `{path.stem}` for this shortlist{hint}")


def _order_key(category: Category) -> tuple[bool, int, str]:
    return (category.order is None, category.order or 0, category.title.casefold())


def _slug_hint(stem: str) -> str:
    suggestion = slugify(stem, limit=200)
    rule = "lower-case letters, digits and hyphens, starting with a letter"
    return f"use {rule}, e.g. `{suggestion}.yaml`" if suggestion else f"use {rule}"
