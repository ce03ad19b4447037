"""Check a YAML tree against a model dataclass and build it, collecting every problem.

What each key holds comes from kinds.py, the one reader of the model's type hints: this
module walks mappings (model classes), lists, optional and either-or values, and leaves
every scalar to its kind's check, which gives the value or what is wrong with it.
"""

from __future__ import annotations

from typing import Any

from . import kinds
from .errors import Problems
from .kinds import Bad, Either, Kind, ListOf, Record, Shape
from .kinds import did_you_mean as did_you_mean  # re-exported: crosscheck.py and importer.py use it
from .model import Where
from .schemaforms import unquoted_problem
from .yamlsource import Mapping, Node, Scalar, Sequence, kind_name

_INVALID = object()  # a value that failed; its problem is already recorded


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
        keys = {key.name: key for key in kinds.keys(cls)}  # first: a model kinds.py cannot read raises
        if not isinstance(node, Mapping):
            return self.fail(node.line, f"expected a mapping with `{_first_key(cls)}:`, found {kind_name(node)}")
        values = dict(derived or {})
        before = len(self.problems.items)
        misspelt = self.unknown_keys(node, keys)
        for name, key in keys.items():
            if name in node.entries:
                line, child = node.entries[name]
                values[name] = self.value(key.shape, child, name, line, key.min_items)
            elif key.required and name not in misspelt:
                self.fail(node.line, f"missing required key `{name}`")
        one_of = getattr(cls, "ONE_OF", ())
        if one_of and not any(name in node.entries for name in one_of):
            listed = ", ".join(f"`{k}`" for k in one_of)
            self.fail(node.line, f"a {cls.__name__.lower()} needs at least one of {listed}")
        if "where" in getattr(cls, "__dataclass_fields__", {}):
            values["where"] = Where(self.file, node.line, tuple((key, line) for key, (line, _) in node.entries.items()))
        return cls(**values) if len(self.problems.items) == before else _INVALID

    def unknown_keys(self, node: Mapping, keys: dict[str, kinds.Key]) -> set[str]:
        """Record each unknown key; return the required keys they are misspellings of."""
        missing = [name for name, key in keys.items() if key.required and name not in node.entries]
        misspelt = set()
        for name, (line, _) in node.entries.items():
            if name in keys:
                continue
            # A misspelt required key is one mistake, not two: no "missing `title`" beside "unknown `titel`".
            meant = kinds.closest(name, missing)
            if meant and meant not in misspelt:
                misspelt.add(meant)
                self.fail(line, f"unknown key `{name}`; did you mean `{meant}`? (it is required)")
            else:
                self.fail(line, f"unknown key `{name}`{did_you_mean(name, keys)}")
        return misspelt

    def value(self, shape: Shape, node: Node, name: str, line: int, min_items: int = 0) -> Any:
        if isinstance(shape, Either):
            return self.either(shape, node, name, line, min_items)
        if isinstance(node, Scalar) and node.text is None:
            quote = " (write a colour in quotes, `\"#005eb8\"`: YAML reads an unquoted `#` as a comment)" \
                if isinstance(shape, Kind) and shape.name == "colour" else ""
            return self.fail(line, f"`{name}` is empty; give a value or remove the key{quote}")
        if isinstance(shape, ListOf):
            return self.sequence(shape.item, node, name, line, min_items)
        if isinstance(shape, Record):
            return self.dataclass(shape.cls, node)
        if not isinstance(node, Scalar) or node.text is None:
            return self.fail(line, f"`{name}` should be {_describe(shape)}, found {kind_name(node)}")
        unquoted = unquoted_problem(shape.schema, node.text) if node.plain else None
        if unquoted:  # what VS Code's schema says too, so the two never disagree
            return self.fail(line, f"`{name}` {unquoted}")
        result = shape.check(node.text)
        return self.fail(line, f"`{name}` {result.message}") if isinstance(result, Bad) else result

    def either(self, shape: Either, node: Node, name: str, line: int, min_items: int) -> Any:
        if shape.optional and isinstance(node, Scalar) and node.text is None:
            return None
        for option in shape.options:
            if isinstance(option, Record) == isinstance(node, Mapping) or len(shape.options) == 1:
                return self.value(option, node, name, line, min_items)
        wanted = " or ".join(_describe(o) for o in shape.options)
        return self.fail(line, f"`{name}` should be {wanted}, found {kind_name(node)}")

    def sequence(self, item: Shape, node: Node, name: str, line: int, min_items: int) -> Any:
        if not isinstance(node, Sequence):
            return self.fail(line, f"`{name}` should be a list (lines starting `- `), found {kind_name(node)}")
        if len(node.items) < min_items:
            return self.fail(line, f"`{name}` needs at least {min_items} item(s)")
        items = [self.value(item, child, f"{name} item", child.line) for child in node.items]
        if any(i is _INVALID for i in items):
            return _INVALID
        if isinstance(item, Kind) and item.distinct:
            return self.distinct(items, [child.line for child in node.items], name)
        return tuple(items)

    def distinct(self, values: list[str], lines: list[int], name: str) -> Any:
        """Values of one list (tags of one entry), refused if one is given twice, ignoring case."""
        first: dict[str, int] = {}
        for value, line in zip(values, lines, strict=True):
            if value.casefold() in first:
                return self.fail(line, f"`{name}` lists `{value}` twice (also on line {first[value.casefold()]}); "
                                       "remove one")
            first[value.casefold()] = line
        return tuple(values)


def _first_key(cls: type) -> str:
    return kinds.keys(cls)[0].name


def _describe(shape: Shape) -> str:
    """What a value of `shape` is, for a message about a value of the wrong sort."""
    if isinstance(shape, Record):
        return f"a mapping with `{_first_key(shape.cls)}:`"
    if isinstance(shape, ListOf):
        return "a list"
    if isinstance(shape, Either):
        return " or ".join(_describe(o) for o in shape.options)
    return "a whole number" if shape.base is int else "text"
