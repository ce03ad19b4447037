"""The one registry of value kinds, and the one reader of the model's type hints.

`keys(cls)` says what each key of a model class holds, as a shape: a `Record` (a nested
dataclass), a `ListOf`, an `Either` (Optional, Union) or a scalar `Kind`. `KINDS` says, for
each scalar kind, how the format reference names it, its JSON Schema, how the validator
reads and checks it, and an example for the scaffolder. validate.py, schema.py,
reference.py and scaffold.py all go through here, so a type nothing here knows (`bool`,
`float`, `dict`, an unregistered `Annotated` kind) raises TypeError naming the field,
rather than being read as text by one of them and as something else by another.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import typing
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Literal, Optional, Union

from . import model
from .markdown import image_problems
from .schemaforms import address_schema, number_schema, pattern_schema, text_schema
from .urls import check_url

_EMAIL = re.compile(model.EMAIL_PATTERN)
_HIDDEN = re.compile(model.HIDDEN_CHARACTERS)
_TAG_CHARACTERS = re.compile(model.TAG_CHARACTERS)
_UK_FLAGS = re.compile("|".join(model.UK_FLAGS))
_SHOWN_DIGITS = 20  # a longer number is shown cut short, with its length


@dataclass(frozen=True)
class Bad:
    """A value refused: what is wrong, said after the field's name (`date` should be ...)."""
    message: str


@dataclass(frozen=True, eq=False)
class Kind:
    """One scalar kind: everything any part of the tool needs to know about it."""

    name: str  # `date`; the key in KINDS
    docs: str  # how the format reference's tables name it, e.g. date (`2024-11-20`)
    schema: dict[str, Any]  # its JSON Schema fragment (copy it before changing it)
    check: Callable[[str], object]  # the text written -> its value, or Bad
    example: str  # a value an editor could write, which passes `check`
    base: type = str  # what an `Annotated` hint of this kind wraps
    distinct: bool = False  # a list of these may not give one twice (ignoring case)


@dataclass(frozen=True)
class Record:
    """A nested model class: a mapping with its own keys."""
    cls: type


@dataclass(frozen=True)
class ListOf:
    """A list (`tuple[X, ...]`) of items of one shape."""
    item: Shape


@dataclass(frozen=True)
class Either:
    """One of several shapes (`Union`); `optional` when the key may be left empty (`Optional`)."""
    options: tuple[Shape, ...]
    optional: bool


Shape = Union[Kind, Record, ListOf, Either]


@dataclass(frozen=True)
class Key:
    """A key an editor writes in a file of a model class (fields `derived` from elsewhere are not keys)."""

    name: str
    shape: Shape
    doc: str  # the field's sentence for the format reference
    default: Any  # dataclasses.MISSING when the key is required
    min_items: int  # for a list: how many items it needs

    @property
    def required(self) -> bool:
        """True when the key must be given."""
        return self.default is dataclasses.MISSING


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice `word` is most likely a misspelling of, or None."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return `; did you mean `x`?` for the closest choice, or an empty string."""
    close = closest(word, choices)
    return f"; did you mean `{close}`?" if close else ""


# Reading the type hints

_OPEN: set[type] = set()  # records whose keys are being read: a model that nests itself stops there


@functools.cache
def keys(cls: type) -> tuple[Key, ...]:
    """The keys of model class `cls`, in order; raises TypeError for a field of a type no kind fits."""
    hints = typing.get_type_hints(cls, include_extras=True)
    _OPEN.add(cls)
    try:
        return tuple(Key(f.name, classify(hints[f.name], f"{cls.__name__}.{f.name}"), f.metadata["doc"], f.default,
                         f.metadata.get("min_items", 0))
                     for f in dataclasses.fields(cls) if not f.metadata.get("derived"))
    finally:
        _OPEN.discard(cls)


def classify(tp: Any, field: str) -> Shape:
    """The shape of type hint `tp` of `field` (`Class.key`); raises TypeError for a type no kind fits."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if model.is_record(tp):
        if tp not in _OPEN:
            keys(tp)  # read now, so that a bad field anywhere in a file's model fails at once
        return Record(tp)
    if origin is Union:
        options = tuple(classify(a, field) for a in args if a is not type(None))
        return Either(options, optional=len(options) < len(args))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return ListOf(classify(args[0], field))
    if origin is Literal and all(isinstance(a, str) for a in args):
        return choice(args)
    if origin is typing.Annotated:
        kind = KINDS.get(args[1]) if len(args) == 2 and isinstance(args[1], str) else None
        if kind and args[0] is kind.base:
            return kind
    elif tp in _PLAIN:  # compared as types are, by identity: `bool` is an int to Python, but not here
        return KINDS[_PLAIN[tp]]
    raise TypeError(f"{field}: the type {tp!r} is not a kind of value the content format knows; use one "
                    f"of {', '.join(sorted(KINDS))} (awardsite/kinds.py), a model class, a tuple or Optional")


# Checking text

def _text_check(refine: Optional[Callable[[str], Optional[str]]] = None, *, strip: bool = True,
                normal: Callable[[str], str] = str) -> Callable[[str], object]:
    """A check for text: no hidden characters, not blank, then `refine` (an error message or None)."""
    def check(text: str) -> object:
        hidden = _hidden_character(text)
        if hidden:
            return Bad(f"contains the invisible character {_describe_char(hidden)}, which can hide or reorder "
                       "what readers see; delete it (it often comes with pasted text)")
        text = normal(text.strip() if strip else text)  # markdown keeps its indentation
        if not text.strip():
            return Bad("is empty; give a value or remove the key")
        error = refine(text) if refine else None
        return Bad(error) if error else text
    return check


def _pattern_check(kind: str) -> Callable[[str], Optional[str]]:
    """The refinement of a kind in model.PATTERNS: its pattern, and for dates the calendar."""
    pattern, _, wanted = model.PATTERNS[kind]

    def refine(text: str) -> Optional[str]:
        return None if re.match(pattern, text) and _on_the_calendar(kind, text) else f"should be {wanted}, not `{text}`"
    return refine


def _on_the_calendar(kind: str, text: str) -> bool:
    """False for a date (or a moment's date) that matches the pattern but is no real day: 2024-02-30."""
    try:
        return kind not in ("date", "moment") or bool(datetime.date.fromisoformat(text[:10]))
    except ValueError:
        return False


def _number_kind(name: str, docs: str, example: str) -> Kind:
    """A whole number within the kind's range (model.NUMBERS), which the schema gives too."""
    low, high, wanted = model.NUMBERS[name]

    def check(text: str) -> object:
        written = text.strip()
        # `30%` or `30 %` as an information sheet prints it; `25.0` and `+25` as spreadsheets and YAML write them
        form = re.fullmatch(r"([-+]?)([0-9]+)(?:\.0+)?" + ("(?: ?%)?" if name == "percent" else ""), written)
        if not form:
            return Bad(f"should be a whole number, not `{written}`")
        sign, digits = form.groups()
        if len(digits.lstrip("0")) <= len(str(max(-low, high))):  # never int() of thousands of digits
            number = int(sign + digits)
            if low <= number <= high:
                return number
        shown = f"`{written}`" if len(written) <= _SHOWN_DIGITS else _shown_number(sign.strip("+") + digits)
        return Bad(f"should be {wanted}, not {shown}")
    return Kind(name, docs, number_schema(name), check, example, int)


def _shown_number(digits: str) -> str:
    """A number for a message: a very long one is cut short, with its length."""
    if len(digits) <= _SHOWN_DIGITS + 1:
        return f"`{digits}`"
    count = len(digits.lstrip("-"))
    return f"`{digits[:_SHOWN_DIGITS + digits.startswith('-')]}…`, a number {count} digits long"


def _hidden_character(text: str) -> Optional[str]:
    """The first character in `text` that the content may not hold (see model.HIDDEN_CHARACTERS), or None."""
    found = _HIDDEN.search(text) or _TAG_CHARACTERS.search(_UK_FLAGS.sub("", text))
    return found.group() if found else None


def _describe_char(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: a character no one can see, named."""
    fallback = "a control character" if unicodedata.category(char) == "Cc" else "an unnamed character"
    return f"U+{ord(char):04X} ({unicodedata.name(char, fallback)})"


def _normal_tag(text: str) -> str:
    """One spelling per tag: composed characters (NFC), single spaces, so `Cafe\\u0301` is `Café`."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def choice(values: Iterable[str]) -> Kind:
    """A kind for one of fixed `values` (a Literal), listed in that order."""
    choices = tuple(values)
    listed = ", ".join(f"`{c}`" for c in choices)

    def check(text: str) -> object:
        return text if text in choices else Bad(f"must be one of {listed}, not `{text}`{did_you_mean(text, choices)}")
    return Kind("choice", " \\| ".join(f"`{c}`" for c in choices), {"enum": list(choices)}, check, choices[0])


# The registry

def _pattern_kind(name: str, example: str, schema: Optional[dict[str, Any]] = None, **extra: Any) -> Kind:
    """A kind of text checked by its pattern in model.PATTERNS, which names it for the docs too."""
    schema = schema or pattern_schema(name)
    return Kind(name, model.PATTERNS[name][1], schema, _text_check(_pattern_check(name), **extra), example,
                distinct=name == "tag")


def _markdown(text: str) -> Optional[str]:
    """The refinement of markdown: its pictures are the site's own and say what they show."""
    found = image_problems(text)
    return found[0][1] if found else None


def _email(text: str) -> Optional[str]:
    """The refinement of an email address: a plain `name@example.org`, no display name."""
    return None if _EMAIL.match(text) else f"is not a plain email address: `{text}`"


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("text", "text", text_schema(), _text_check(), "Replace this text"),
    Kind("markdown", "markdown", text_schema(), _text_check(_markdown, strip=False), "Replace this with *markdown*."),
    _number_kind("number", "whole number", "1"),
    _number_kind("percent", "whole number 0–100, with or without `%`", "25"),
    Kind("url", "http(s) address", address_schema("url"), _text_check(check_url),
         "https://awards.example.org/enter/"),
    Kind("email", "email address", address_schema("email"), _text_check(_email),
         "entries@example.org"),
    _pattern_kind("slug", "first-award"),
    _pattern_kind("date", "2025-11-20"),
    _pattern_kind("time", "18:30"),
    _pattern_kind("moment", "2025-05-23 17:00"),
    # A tag is text without `;`: like any text it may not be blank or hide characters.
    _pattern_kind("tag", "Mental health", text_schema(r"^[^;]*[^;\s][^;]*$"), normal=_normal_tag),
    _pattern_kind("domain", "awards.example.org"),
    # `edition: 2025` unquoted is a number to YAML (and to editors' tools) but a name here: allow both.
    _pattern_kind("edition", "2025", {**pattern_schema("edition"), "type": ["string", "integer"], "minimum": 0}),
    _pattern_kind("image", "judges/ann-example.jpg"),
    _pattern_kind("timezone", "Europe/London"),
    _pattern_kind("language", "cy"),
    _pattern_kind("colour", "#005eb8"),
)}
_PLAIN: dict[Any, str] = {str: "text", int: "number"}  # plain hints: `str` is text, `int` a whole number
