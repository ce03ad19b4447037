"""What the JSON Schemas say to help an editor in VS Code, beyond what a value may be.

Each key's description (plain, and as markdown for `markdownDescription`), the examples
the YAML extension offers as completions, and the snippets that write a new category, a
shortlist entry or a criterion: all from the model's field docs and the kinds' examples.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from . import kinds, model
from .kinds import Bad, Either, Key, Kind, ListOf, Record, Shape
from .reference import describe
from .schemaforms import plain

_MARKDOWN_NOTE = ("Takes markdown: `*italic*`, `**bold**`, `[a link](https://example.org/)`, and lists with "
                  "`- ` (a block of lines after `|`).")
_TABLE_BAR = " \\| "  # how the docs' tables write `yes | no`
_EXAMPLE_IN_DOC = re.compile(r"e\.g\. `([^`]+)`")
_NO_EXAMPLE = ("text", "markdown", "choice")  # the docs or the choices say more than the registry's example would
# (model class, the snippet's name, keys beyond the required ones it writes)
SNIPPETS: tuple[tuple[type, str, tuple[str, ...]], ...] = (
    (model.Category, "New category", ("criteria",)),
    (model.Entry, "Shortlist entry", ()),
    (model.Criterion, "Criterion", ("points",)),  # no weight: a stage's criteria give one each, or none
)


def described(key: Key) -> dict[str, Any]:
    """A key's `description` (plain text) and `markdownDescription` (with its type, and a note if it takes markdown)."""
    takes_markdown = _takes_markdown(key.shape)
    kind = describe(key.shape).replace(_TABLE_BAR, " or ")
    notes = [key.doc, f"Type: {kind}."]
    if takes_markdown:
        notes.append(("Each item takes markdown" if isinstance(key.shape, ListOf) else "Takes markdown")
                     + _MARKDOWN_NOTE[len("Takes markdown"):])
    return {"description": plain(" ".join(notes)), "markdownDescription": "\n\n".join(notes)}


def examples(key: Key) -> Optional[list[Any]]:
    """Values to offer for `key`: its doc's `e.g.` if its kind passes it, else the kind's own example."""
    kind = _scalar(key.shape)
    if kind is None:
        return None
    found = _EXAMPLE_IN_DOC.search(key.doc)
    example: Optional[Any] = None
    if found and not isinstance(kind.check(found.group(1)), Bad):
        example = kind.check(found.group(1))
    elif kind.name not in _NO_EXAMPLE:
        example = kind.check(kind.example)
    if example is None:
        return None
    return [[example]] if isinstance(key.shape, ListOf) else [example]


def snippet(cls: type) -> Optional[list[dict[str, Any]]]:
    """The `defaultSnippets` of model class `cls`, if it has one: its required keys, and those SNIPPETS adds."""
    for snipped, label, extra in SNIPPETS:
        if snipped is cls:
            body = _body(cls, extra, [0])
            return [{"label": label, "description": f"{label}: {', '.join(body)}", "body": body}]
    return None


def record_description(cls: type) -> dict[str, str]:
    """A model class's own docstring, when it has one (a dataclass without one has its signature instead)."""
    doc = cls.__doc__ or ""
    if not doc or doc.startswith(f"{cls.__name__}("):
        return {}
    return {"description": plain(doc), "markdownDescription": doc}


def _body(cls: type, extra: tuple[str, ...], stops: list[int]) -> dict[str, Any]:
    """A snippet's body for `cls`: each key a tab stop holding an example; `stops` counts the tab stops."""
    body: dict[str, Any] = {}
    for key in kinds.keys(cls):
        if key.required or key.name in extra:
            body[key.name] = _placeholder(key, stops)
    return body


def _placeholder(key: Key, stops: list[int]) -> Any:
    shape = key.shape.options[0] if isinstance(key.shape, Either) and len(key.shape.options) == 1 else key.shape
    if isinstance(shape, ListOf):
        item = shape.item
        return [_body(item.cls, _extra(item.cls), stops) if isinstance(item, Record) else _stop(key, stops)]
    if isinstance(shape, Record):
        return _body(shape.cls, _extra(shape.cls), stops)
    return _stop(key, stops)


def _stop(key: Key, stops: list[int]) -> str:
    """`${n:what to write}`: the doc's example or the kind's, else the doc's sentence as the instruction."""
    stops[0] += 1
    found = examples(key)
    if found:
        text = str(found[0][0] if isinstance(found[0], list) else found[0])
    else:
        text = plain(key.doc.split(";")[0].rstrip("."))
    escaped = re.sub(r"([$}\\])", r"\\\1", text)  # what a snippet would read as its own syntax
    return f"${{{stops[0]}:{escaped}}}"


def _extra(cls: type) -> tuple[str, ...]:
    return next((extra for snipped, _, extra in SNIPPETS if snipped is cls), ())


def _takes_markdown(shape: Shape) -> bool:
    kind = _scalar(shape)
    return kind is not None and kind.name == "markdown"


def _scalar(shape: Shape) -> Optional[Kind]:
    """The kind of a scalar key, an optional one or a list of scalars; None for records and either-or keys."""
    if isinstance(shape, Either) and len(shape.options) == 1:
        shape = shape.options[0]
    if isinstance(shape, ListOf):
        shape = shape.item
    return shape if isinstance(shape, Kind) else None
