"""Check a YAML tree against a model dataclass and build it, collecting every problem.

The model's type hints are the whole specification: this module knows how to read
text, whole numbers, choices (Literal), optional values, lists (tuple[X, ...]),
either-or types (Union) and nested dataclasses, plus the Annotated kinds in model.py.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import re
import typing
import unicodedata
from typing import Any, Literal, Union

from .errors import Problems
from .model import EMAIL_PATTERN, HIDDEN_CHARACTERS, NUMBERS, PATTERNS, TAG_CHARACTERS, UK_FLAGS, Where, is_record
from .urls import check_url
from .yamlsource import Mapping, Node, Scalar, Sequence, kind_name

_INVALID = object()  # a value that failed; its problem is already recorded
_EMAIL = re.compile(EMAIL_PATTERN)
_HIDDEN = re.compile(HIDDEN_CHARACTERS)
_TAG_CHARACTERS = re.compile(TAG_CHARACTERS)
_UK_FLAGS = re.compile("|".join(UK_FLAGS))
_SHOWN_DIGITS = 20  # a longer number is shown cut short, with its length


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str:
    """Return `; did you mean `x`?` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def build(cls: type, node: Mapping, file: str, problems: Problems, **derived: Any) -> Any:
    """Build a `cls` from a mapping, or record problems and return None."""
    value = _Checker(file, problems).dataclass(cls, node, derived)
    return None if value is _INVALID else value


class _Checker:
    def __init__(self, file: str, problems: Problems) -> None:
        self.file = file
        self.problems = problems

    def fail(self, line: int, message: str) -> Any:
        self.problems.add(self.file, line, message)
        return _INVALID

    def dataclass(self, cls: type, node: Node, derived: dict[str, Any] | None = None) -> Any:
        if not isinstance(node, Mapping):
            return self.fail(node.line, f"expected a mapping with `{_first_field(cls)}:`, found {kind_name(node)}")
        hints = typing.get_type_hints(cls, include_extras=True)
        fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("derived")}
        values = dict(derived or {})
        before = len(self.problems.items)
        for key, (line, _) in node.entries.items():
            if key not in fields:
                self.fail(line, f"unknown key `{key}`{did_you_mean(key, fields)}")
        for name, f in fields.items():
            if name in node.entries:
                line, child = node.entries[name]
                values[name] = self.value(hints[name], child, name, line, f.metadata)
            elif f.default is dataclasses.MISSING:
                self.fail(node.line, f"missing required key `{name}`")
        one_of = getattr(cls, "ONE_OF", ())
        if one_of and not any(name in node.entries for name in one_of):
            keys = ", ".join(f"`{k}`" for k in one_of)
            self.fail(node.line, f"a {cls.__name__.lower()} needs at least one of {keys}")
        if "where" in getattr(cls, "__dataclass_fields__", {}):
            values["where"] = Where(self.file, node.line, tuple((key, line) for key, (line, _) in node.entries.items()))
        return cls(**values) if len(self.problems.items) == before else _INVALID

    def value(self, tp: Any, node: Node, name: str, line: int, meta: Any) -> Any:
        origin = typing.get_origin(tp)
        if origin is Union:
            return self.union(tp, node, name, line, meta)
        if isinstance(node, Scalar) and node.text is None:
            return self.fail(line, f"`{name}` is empty; give a value or remove the key")
        if origin is tuple:
            return self.sequence(typing.get_args(tp)[0], node, name, line, meta)
        if is_record(tp):
            return self.dataclass(tp, node)
        if not isinstance(node, Scalar) or node.text is None:
            return self.fail(line, f"`{name}` should be {_describe(tp)}, found {kind_name(node)}")
        return self.scalar(tp, node.text, name, line)

    def union(self, tp: Any, node: Node, name: str, line: int, meta: Any) -> Any:
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if isinstance(node, Scalar) and node.text is None:
            return None
        for option in options:
            fits_mapping = is_record(option)
            if fits_mapping == isinstance(node, Mapping) or len(options) == 1:
                return self.value(option, node, name, line, meta)
        wanted = " or ".join(_describe(o) for o in options)
        return self.fail(line, f"`{name}` should be {wanted}, found {kind_name(node)}")

    def sequence(self, item_tp: Any, node: Node, name: str, line: int, meta: Any) -> Any:
        if not isinstance(node, Sequence):
            return self.fail(line, f"`{name}` should be a list (lines starting `- `), found {kind_name(node)}")
        if len(node.items) < meta.get("min_items", 0):
            return self.fail(line, f"`{name}` needs at least {meta['min_items']} item(s)")
        items = [self.value(item_tp, item, f"{name} item", item.line, {}) for item in node.items]
        if any(i is _INVALID for i in items):
            return _INVALID
        if typing.get_args(item_tp)[1:] == ("tag",):
            return self.distinct_tags(items, [item.line for item in node.items], name)
        return tuple(items)

    def distinct_tags(self, tags: list[str], lines: list[int], name: str) -> Any:
        """Tags of one entry, refused if one is given twice (once normalised, ignoring case)."""
        first: dict[str, int] = {}
        for tag, line in zip(tags, lines):
            if tag.casefold() in first:
                return self.fail(line, f"`{name}` lists `{tag}` twice (also on line {first[tag.casefold()]}); "
                                       "remove one")
            first[tag.casefold()] = line
        return tuple(tags)

    def scalar(self, tp: Any, text: str, name: str, line: int) -> Any:
        kind = typing.get_args(tp)[1] if typing.get_origin(tp) is typing.Annotated else None
        base = typing.get_args(tp)[0] if kind else tp
        if typing.get_origin(base) is Literal:
            choices = typing.get_args(base)
            if text not in choices:
                listed = ", ".join(f"`{c}`" for c in choices)
                return self.fail(line, f"`{name}` must be one of {listed}, not `{text}`{did_you_mean(text, choices)}")
            return text
        if base is int:
            return self.number(text, name, line, kind)
        hidden = _hidden_character(text)
        if hidden:
            return self.fail(line, f"`{name}` contains the invisible character {_describe_char(hidden)}, which "
                                   "can hide or reorder what readers see; delete it (it often comes with pasted text)")
        if kind != "markdown":
            text = text.strip()
        if kind == "tag":
            text = _normal_tag(text)
        if not text.strip():
            return self.fail(line, f"`{name}` is empty; give a value or remove the key")
        if kind == "url":
            error = check_url(text)
            return self.fail(line, f"`{name}` {error}") if error else text
        if kind == "email" and not _EMAIL.match(text):
            return self.fail(line, f"`{name}` is not a plain email address: `{text}`")
        if kind in PATTERNS and not (re.match(PATTERNS[kind][0], text) and _real(kind, text)):
            return self.fail(line, f"`{name}` should be {PATTERNS[kind][2]}, not `{text}`")
        return text

    def number(self, text: str, name: str, line: int, kind: str | None) -> Any:
        text = text.strip()
        if not re.fullmatch(r"-?[0-9]+", text):
            return self.fail(line, f"`{name}` should be a whole number, not `{text}`")
        low, high, wanted = NUMBERS[kind or "number"]
        number = _bounded_int(text, low, high)
        if number is None:
            return self.fail(line, f"`{name}` should be {wanted}, not {_shown_number(text)}")
        return number


def _bounded_int(digits: str, low: int, high: int) -> int | None:
    """`digits` as a number if it lies from `low` to `high`, else None; never int() of thousands of digits."""
    significant = digits.lstrip("-").lstrip("0")
    if len(significant) > len(str(max(-low, high))):
        return None
    number = int(digits)
    return number if low <= number <= high else None


def _shown_number(digits: str) -> str:
    """A number for a message: a very long one is cut short, with its length."""
    if len(digits) <= _SHOWN_DIGITS + 1:
        return f"`{digits}`"
    count = len(digits.lstrip("-"))
    return f"`{digits[:_SHOWN_DIGITS + digits.startswith('-')]}…`, a number {count} digits long"


def _hidden_character(text: str) -> str | None:
    """The first character in `text` that the content may not hold (see model.HIDDEN_CHARACTERS), or None."""
    found = _HIDDEN.search(text) or _TAG_CHARACTERS.search(_UK_FLAGS.sub("", text))
    return found.group() if found else None


def _normal_tag(text: str) -> str:
    """One spelling per tag: composed characters (NFC), single spaces, so `Cafe\\u0301` is `Café`."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def _describe_char(char: str) -> str:
    fallback = "a control character" if unicodedata.category(char) == "Cc" else "an unnamed character"
    return f"U+{ord(char):04X} ({unicodedata.name(char, fallback)})"


def _real(kind: str, text: str) -> bool:
    """False for a date that matches the pattern but is not on the calendar (2024-02-30)."""
    try:
        return kind != "date" or bool(datetime.date.fromisoformat(text))
    except ValueError:
        return False


def _first_field(cls: type) -> str:
    return next(f.name for f in dataclasses.fields(cls) if not f.metadata.get("derived"))


def _describe(tp: Any) -> str:
    if is_record(tp):
        return f"a mapping with `{_first_field(tp)}:`"
    if typing.get_origin(tp) is tuple:
        return "a list"
    base = typing.get_args(tp)[0] if typing.get_origin(tp) is typing.Annotated else tp
    return "a whole number" if base is int else "text"
