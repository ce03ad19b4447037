"""Each content file's model object, kept beside the output between builds, so a rebuild reads again only
the files that changed.

A 10,000-entry programme's 400 category and shortlist files take about 1.7 s to parse and check, and an
edit changes one. A file that read without a problem is kept as JSON in `.<out>.cache/files/<key>.json`,
its key the digest of its name, its model class, its bytes, and this code and its libraries: the object
the same file would read as again. JSON is data: an object is made again by the shapes kinds.py reads from
the model (a list for each record, in field order), each value's type checked, and a kept file that does
not fit (cut short, damaged) is a miss: the content file is read again. Like the kept pages and markdown,
what is kept is trusted as the build left it (`--no-cache` ignores it all). The cross-checks, which look
across files, run on every build whatever was kept.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import typing
from pathlib import Path
from typing import Any, Callable

from . import cache, kinds
from .kinds import Either, Kind, ListOf, Record, Shape
from .model import Where, is_record

FORM = 1  # how objects are written: another form is another key


class Store:
    """The kept objects of one build into one output folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # `.<out>.cache/files`
        self.noted: dict[str, Any] = {}  # key -> object, for every file this build read without a problem
        self.unfit: set[str] = set()  # keys whose kept file is there but did not fit: written again
        # a folder that leads elsewhere is not read from (cache.write and `save` replace it)
        self.usable = not (folder.is_symlink() or folder.parent.is_symlink())

    def get(self, name: str, cls: type, data: bytes) -> Any:
        """The object file `name` with these bytes reads as, if it is kept and fits; else None."""
        if not self.usable:
            return None
        key = _key(name, cls, data)
        try:
            kept = (self.folder / f"{key}.json").read_bytes()
        except OSError:  # not kept
            return None
        try:
            return decoder(cls)(json.loads(kept))
        # damaged (not UTF-8, not JSON, nested too deep), or not what this code would keep
        except (ValueError, TypeError, RecursionError):
            self.unfit.add(key)
            return None

    def note(self, name: str, cls: type, data: bytes, made: Any) -> None:
        """Keep `made`, what file `name` with these bytes read as without a problem, when this build succeeds."""
        self.noted[_key(name, cls, data)] = made

    def save(self) -> None:
        """Write what this build read and is not kept yet, and forget what it did not read. Keeping is only
        a saving: if the folder cannot be written, the next build reads the files again."""
        try:
            if self.folder.is_symlink() or (self.folder.exists() and not self.folder.is_dir()):
                self.folder.unlink()
            self.folder.mkdir(parents=True, exist_ok=True)
            present = {entry.name for entry in os.scandir(self.folder) if not entry.is_dir(follow_symlinks=False)}
            for key, made in sorted(self.noted.items(), key=lambda item: item[0]):
                if f"{key}.json" not in present or key in self.unfit:
                    temporary = self.folder / f"{key}.tmp"
                    temporary.write_text(json.dumps(encode(made), separators=(",", ":")), encoding="utf-8")
                    os.replace(temporary, self.folder / f"{key}.json")  # whole or not at all
            for name in sorted(present - {f"{key}.json" for key in self.noted}):
                (self.folder / name).unlink(missing_ok=True)
        except OSError:
            pass


# Each file's last key by its name and class, with the bytes it is of: `serve` notes every file on every
# reload, and hashing a 10,000-entry programme's 12 MB again would take 30 ms; comparing the bytes, 2 ms.
_KEYS: dict[tuple[str, type], tuple[bytes, str]] = {}


def _key(name: str, cls: type, data: bytes) -> str:
    known = _KEYS.get((name, cls))
    if known is not None and known[0] == data:
        _KEYS[(name, cls)] = (data, known[1])  # the caller's bytes, which it keeps: not a second copy held here
        return known[1]
    hashed = hashlib.sha256(f"{FORM}\0{cache.libraries()}\0{cache.code()}\0{cls.__qualname__}\0{name}\0".encode(
        "utf-8", "surrogateescape"))
    hashed.update(data)
    _KEYS[(name, cls)] = (data, hashed.hexdigest())
    return hashed.hexdigest()


def encode(value: Any) -> Any:
    """`value` (a model object, tuple, text, number or None) as JSON's lists, texts and numbers."""
    if isinstance(value, tuple):
        return [encode(item) for item in value]
    cls: type = type(value)
    if is_record(cls):
        return [encode(getattr(value, name)) for name in _names(cls)]
    return value


@functools.cache
def _names(cls: type) -> tuple[str, ...]:
    return tuple(item.name for item in dataclasses.fields(cls))


@functools.cache
def decoder(cls: type) -> Callable[[Any], Any]:
    """A function making a `cls` from what `encode` made of one; ValueError or TypeError if it does not fit."""
    hints = typing.get_type_hints(cls, include_extras=True)
    names = _names(cls)
    made = [_where if name == "where" else _shaped(kinds.classify(hints[name], f"{cls.__name__}.{name}"))
            for name in names]

    def decode(value: Any) -> Any:
        if type(value) is not list or len(value) != len(names):
            raise ValueError(f"not a {cls.__name__}")
        return cls(**{name: make(item) for name, make, item in zip(names, made, value)})
    return decode


def _shaped(shape: Shape) -> Callable[[Any], Any]:
    """A function making a value of `shape` from its JSON."""
    if isinstance(shape, Record):
        return decoder(shape.cls)
    if isinstance(shape, ListOf):
        item = _shaped(shape.item)
        return lambda value: tuple(item(each) for each in _list(value))
    if isinstance(shape, Either):
        return _either(shape)
    return _number if shape.base is int else _text


def _either(shape: Either) -> Callable[[Any], Any]:
    """One of the options: a record is a list in JSON, and a scalar a text or a number."""
    lists = [option for option in shape.options if not isinstance(option, Kind)]
    if len(lists) > 1:  # a list could then be either of them
        raise TypeError(f"cannot keep a value that is one of {len(lists)} records or lists")
    scalars = {option.base: _shaped(option) for option in shape.options if isinstance(option, Kind)}
    as_list = _shaped(lists[0]) if lists else _list

    def make(value: Any) -> Any:
        if value is None and shape.optional:
            return None
        if type(value) is list:
            return as_list(value)
        scalar = scalars.get(type(value))
        if scalar is None:
            raise TypeError("no option fits")
        return scalar(value)
    return make


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("not a text")
    return value


def _number(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("not a whole number")
    return value


def _where(value: Any) -> Where:
    file, line, keys = _list(value)
    return Where(_text(file), _number(line), tuple((_text(key), _number(at)) for key, at in _list(keys)))
