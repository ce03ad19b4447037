"""`build.py new category|page|post "Title"`: a new content file with every field, each explained."""

from __future__ import annotations

import re
from pathlib import Path

from . import kinds
from .errors import BuildError
from .kinds import Either, ListOf, Record, Shape
from .schemahelp import examples
from .model import PATTERNS, SLUG_PATTERN, Category, Criterion, NewsPost, TextPage
from .urls import slugify
from .yamlwrite import dump

# Text a new file holds for the editor to replace: `check` refuses a file still holding any (a draft excepted).
PLACEHOLDERS = {
    "intro": "Replace this with what the award recognises and why it matters.",
    "eligibility": "Replace this with who may enter.",
    "point": "Replace this with what judges look for.",
    "body": "Write the text here, in markdown. Headings start with `#`, a list with `- `.",
    # The examples `new` shows, commented out, for text: uncommented and left as they are, they are refused too.
    **{kind: kinds.KINDS[kind].example for kind in ("text", "markdown")},
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

    The keys every category needs hold a starting value to replace; every other key is
    commented out with an example (from the kinds' registry) to copy, so a file written by
    `new category` shows the whole model, `weight` and `stages` included.
    """
    parts = ["# yaml-language-server: $schema=../schemas/category.schema.json\n"]
    for key in kinds.keys(Category):
        parts.append(f"\n# {key.doc}\n")
        value = title if key.name == "title" else _STARTERS.get(key.name)
        if value is None:
            parts.append(_commented(dump({key.name: _key_example(key)})))
        elif key.name == "criteria":
            parts.append(_with_optional_keys(dump({key.name: value}), Criterion, "    "))
        else:
            parts.append(dump({key.name: value}))
    return "".join(parts)


def example(shape: Shape) -> object:
    """A value of `shape` to show: the kind's example; a record with its keys (not its optional lists)."""
    if isinstance(shape, Either):
        return example(shape.options[0])
    if isinstance(shape, ListOf):
        return [example(shape.item)]
    if isinstance(shape, Record):  # its optional lists and switches (`decorative`, `week`) would say too much
        return {k.name: _key_example(k) for k in kinds.keys(shape.cls) if k.required or not _is_list_or_switch(k)}
    return int(shape.example) if shape.base is int and shape.example.isdigit() else shape.example


def _key_example(key: kinds.Key) -> object:
    """The example the schemas offer for `key` (its doc's `e.g.`), else its kind's."""
    offered = examples(key)
    return offered[0] if offered else example(key.shape)


def _is_list_or_switch(key: kinds.Key) -> bool:
    shape = key.shape.options[0] if isinstance(key.shape, Either) else key.shape
    return isinstance(shape, ListOf) or (isinstance(shape, kinds.Kind) and shape.name == "choice")


def _commented(text: str) -> str:
    return "".join(f"# {line}" for line in text.splitlines(keepends=True))


def _with_optional_keys(text: str, cls: type, indent: str) -> str:
    """`text` (a key holding a list of `cls` records) with `cls`'s optional scalar keys commented out in each item."""
    optional = {k.name: _key_example(k) for k in kinds.keys(cls) if not k.required and not _is_list_or_switch(k)}
    extra = "".join(f"{indent}# {line}" for line in dump(optional).splitlines(keepends=True))
    item = indent[:-2] + "- "  # an item of the list itself, not of a list inside it
    return "".join(line + (extra if line.startswith(item) else "") for line in text.splitlines(keepends=True))


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
