"""Every value of one kind in the content model, found from the model's own type hints.

`gather(parts, "markdown")` gives every markdown text, `gather(parts, "moment")` every date
and time, `gather(parts, "KeyDate")` every key date: the build cache and the clock need them,
and the type hints of `model.py` say where they are, so no list of fields is kept by hand.
A class none of whose fields can hold the kind (an entry, for a moment) is passed over
without being read, so 10,000 entries cost nothing.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import fields, is_dataclass
from typing import Any, Iterator


def gather(value: Any, kind: str) -> Iterator[Any]:
    """Each value in `value` and the objects it holds of `kind`: an `Annotated` name or a model class's name."""
    if is_dataclass(value) and not isinstance(value, type):
        for name, found in _plan(type(value), kind):
            item = getattr(value, name)
            if found:
                yield from item if isinstance(item, (tuple, list)) else (() if item is None else (item,))
            else:
                yield from gather(item, kind)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from gather(item, kind)
    elif isinstance(value, dict):
        for item in value.values():
            yield from gather(item, kind)


@functools.cache
def _plan(cls: type, kind: str) -> tuple[tuple[str, bool], ...]:
    """The fields of `cls` to look in for `kind`: (name, True) holds it, (name, False) holds objects that may."""
    hints = typing.get_type_hints(cls, include_extras=True)
    plan = []
    for item in fields(cls):
        names = _kinds(hints[item.name])
        if item.name != "where" and (kind in names or any(_holds(other, kind) for other in _classes(hints[item.name]))):
            plan.append((item.name, kind in names))
    return tuple(plan)


def fields_of(cls: type, kind: str) -> tuple[str, ...]:
    """The names of the fields of model class `cls` that hold values of `kind` themselves."""
    return tuple(name for name, found in _plan(cls, kind) if found)


@functools.cache
def record_fields(cls: type) -> tuple[str, ...]:
    """The fields of model class `cls` (but `where`) whose values can hold model objects: a walk of every
    object need look into no other (an entry's texts and tags, 10,000 times over)."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple(item.name for item in fields(cls) if item.name != "where" and _classes(hints[item.name]))


def _holds(cls: type, kind: str) -> bool:
    return bool(_plan(cls, kind))


def _kinds(hint: Any) -> set[str]:
    """The kinds a hint names: its `Annotated` names and its model classes' names, at any depth."""
    if typing.get_origin(hint) is typing.Annotated:
        return {name for name in hint.__metadata__ if isinstance(name, str)}
    if isinstance(hint, type):
        return {hint.__name__} if is_dataclass(hint) else set()
    return set().union(*(_kinds(arg) for arg in typing.get_args(hint)))


def _classes(hint: Any) -> list[type]:
    """The model classes a hint names, at any depth."""
    if isinstance(hint, type):
        return [hint] if is_dataclass(hint) else []
    return [cls for arg in typing.get_args(hint) for cls in _classes(arg)]
