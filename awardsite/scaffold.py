"""`build.py new category|page|post "Title"`: a new content file with every field, each explained."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from . import kinds
from .errors import BuildError
from .kinds import Either, Kind, Shape
from .model import PATTERNS, SLUG_PATTERN, Category, NewsPost, TextPage
from .urls import slugify
from .yamlwrite import dump

# Text a new file holds for the editor to replace: `check` refuses a file still holding any (a draft excepted).
PLACEHOLDERS = {
    "intro": "Replace this with what the award recognises and why it matters.",
    "eligibility": "Replace this with who may enter.",
    "point": "Replace this with what judges look for.",
    "body": "Write the text here, in markdown. Headings start with `#`, a list with `- `.",
}
# Starting values for a new file; the comments above each key come from the model.
_STARTERS = {
    "intro": PLACEHOLDERS["intro"] + "\n",
    "eligibility": PLACEHOLDERS["eligibility"] + "\n",
    "criteria": [{"heading": "Ambition", "points": [PLACEHOLDERS["point"]]}],
    "how_to_enter": "1. Read the criteria on this page.\n2. Write your entry.\n3. Submit it before the deadline.\n",
}
_APOSTROPHES = re.compile("['\u2019\u02bc]")  # ' ’ ʼ: part of a word, not a break between words
_SELF_EXPLAINED = ("text", "markdown")  # kinds whose example would say no more than the comment does


def new_slug(title: str, given: str | None = None) -> str:
    """The file name for a new file: `given` (`--slug`) if any, else the whole title as a slug, not shortened.

    An apostrophe joins its word ("People's" -> `peoples`, not `people-s`), and a title that starts with a
    number keeps it at the end ("2025 Nursing Award" -> `nursing-award-2025`): a slug starts with a letter.
    """
    if given is not None:
        if not re.fullmatch(SLUG_PATTERN, given):
            raise BuildError(f"`--slug {given}` cannot be a file name here: use {PATTERNS['slug'][2]}")
        return given
    words = _APOSTROPHES.sub("", title)
    number = re.match(r"\s*([0-9][0-9 ./-]*)", words)
    if number:
        words = f"{words[number.end():]} {number.group(1)}"
    slug = slugify(words, limit=200)
    if not slug:
        raise BuildError(f"cannot make a file name from `{title}`: use a title with letters in it, or give `--slug`")
    return slug


def category_text(title: str) -> str:
    """The YAML for a new category: every key, with the model's description above it.

    A key left empty whose kind has a form to follow (a date, an address) shows the registry's example.
    """
    parts = ["# yaml-language-server: $schema=../schemas/category.schema.json\n"]
    for key in kinds.keys(Category):
        value = title if key.name == "title" else _STARTERS.get(key.name, _default(key))
        parts.append(f"\n# {key.doc}\n")
        kind = _scalar_kind(key.shape)
        if value is None and kind and kind.name not in _SELF_EXPLAINED:
            parts.append(f"# For example: `{kind.example}`\n")
        parts.append(dump({key.name: value}).replace(": null\n", ":\n"))
    return "".join(parts)


def _default(key: kinds.Key) -> object:
    """What a key holds when left out, written out: `[]` for a list, `yes` for a switch; None otherwise."""
    return [] if key.default == () else None if key.required else key.default


def _scalar_kind(shape: Shape) -> Optional[Kind]:
    """The kind of a scalar or optional scalar key; None for records, lists and either-or keys."""
    if isinstance(shape, Either) and len(shape.options) == 1:
        shape = shape.options[0]
    return shape if isinstance(shape, Kind) else None


def new_category(source: Path, title: str, slug: str | None = None) -> Path:
    """Write `categories/<slug>.yaml` for `title`; refuse to overwrite an existing file."""
    path = source / "categories" / f"{new_slug(title, slug)}.yaml"
    if path.exists():
        raise BuildError(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(category_text(title))
    return path


def text_file(cls: type, title: str, today: str) -> str:
    """A new page or news post: front matter with `title` (and a post's `date`), every other key explained
    and left commented out, then a line of markdown to replace."""
    parts = ["---\n"]
    for key in kinds.keys(cls):
        value = {"title": title, "date": today}.get(key.name)
        parts.append(f"# {key.doc}\n")
        parts.append(dump({key.name: value}) if value else f"# {key.name}:\n")
    parts.append(f"---\n{PLACEHOLDERS['body']}\n")
    return "".join(parts)


def new_text(source: Path, kind: str, title: str, today: str, slug: str | None = None) -> Path:
    """Write `pages/<slug>.md` or `news/<slug>.md` for `title`; refuse to overwrite an existing file."""
    folder, cls = ("pages", TextPage) if kind == "page" else ("news", NewsPost)
    path = source / folder / f"{new_slug(title, slug)}.md"
    if path.exists():
        raise BuildError(f"{path} already exists; choose another title or edit that file")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as out:
        out.write(text_file(cls, title, today))
    return path
