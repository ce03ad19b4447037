"""Read one YAML file into a small tree of text values that remember their lines.

PyYAML follows YAML 1.1, where `NO` is false, `012` is 10 and `12:30` is 750. We
only read the parser's *events* (libyaml's, in C, where available) and build our own
nodes, never letting PyYAML construct Python values, so every scalar stays exactly the
text the editor wrote; the model converts text to numbers only where it asks for one.
Tags, anchors, aliases and duplicate keys are refused here, with the line they are on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import yaml

from .errors import Problems
from .yamlerrors import explain, starts_with

MAX_BYTES = 5 * 1024 * 1024  # far above any real content file; refuses accidents early
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML 1.1, not to editors
_EDITOR_BREAKS = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class Scalar:
    text: str | None  # the text as written; None for an empty value, `~` or `null`
    line: int  # 1-based line where the value starts
    plain: bool = False  # written without quotes (so other YAML tools may read `2025` as a number)


@dataclass(frozen=True)
class Mapping:
    entries: dict[str, tuple[int, "Node"]]  # key -> (line of the key, value)
    line: int  # 1-based line where the mapping starts


@dataclass(frozen=True)
class Sequence:
    items: tuple["Node", ...]  # the items, in order
    line: int  # 1-based line where the list starts


Node = Union[Scalar, Mapping, Sequence]


def kind_name(node: Node) -> str:
    """Describe a node's kind the way an editor would: text, a list, a mapping."""
    if isinstance(node, Mapping):
        return "a mapping (key: value pairs)"
    if isinstance(node, Sequence):
        return "a list"
    return "nothing" if node.text is None else "text"


def read_yaml(path: Path, name: str, problems: Problems, data: bytes | None = None) -> Mapping | None:
    """Parse `path` (reported as `name`; its bytes are `data` when given) into a Mapping, or add problems."""
    text = _read_text(path, name, problems, data)
    return None if text is None else parse(text, name, problems)


def read_front_matter(path: Path, name: str, problems: Problems) -> tuple[Mapping, str, int] | None:
    """A markdown file's front matter (between `---` lines), its body, and the body's first line number.

    Lines are counted from the top of the file, so problems in the front matter name
    the line the editor sees. None (with problems added) when it cannot be read.
    """
    text = _read_text(path, name, problems)
    if text is None:
        return None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        problems.add(name, 1, "a page starts with its front matter: a line `---`, then keys such as `title: …`, "
                              "then another `---`, then the text in markdown")
        return None
    close = next((i for i, line in enumerate(lines[1:], start=1) if line.rstrip() in ("---", "...")), None)
    if close is None:
        problems.add(name, 1, "the front matter opened by `---` on line 1 is never closed: add a line `---` after "
                              "its last key")
        return None
    # Blank lines stand in for the opening `---`, so the parser's line numbers are the file's.
    tree = parse("\n" + "".join(lines[1:close]), name, problems)
    return None if tree is None else (tree, "".join(lines[close + 1:]), close + 2)


def _read_text(path: Path, name: str, problems: Problems, data: bytes | None = None) -> str | None:
    """The file's text, or None (with a problem) when it is too big, not UTF-8 or has YAML-only line breaks."""
    size = path.stat().st_size if data is None else len(data)
    if size > MAX_BYTES:  # checked before reading, so a huge file costs no memory
        problems.add(name, 1, f"file is {size:,} bytes; content files are limited to {MAX_BYTES:,}: is it the right file?")
        return None
    text = _decode(path.read_bytes() if data is None else data, name, problems)
    if text is None or _has_yaml_only_line_breaks(text, name, problems):
        return None
    return text


def parse(text: str, name: str, problems: Problems) -> Mapping | None:
    """Parse YAML text (reported as file `name`) into a Mapping, or add problems and return None."""
    try:
        root = _Builder(text, name, problems).document()
    except yaml.MarkedYAMLError as exc:
        exc = _python_error(text) or exc  # libyaml's words are terser; explain() knows PyYAML's
        line, message, parser = explain(exc, text)
        problems.add(name, line, message, detail=f"the YAML parser said: {parser}")
        return None
    except yaml.YAMLError as exc:
        problems.add(name, 1, f"invalid YAML: {exc}")
        return None
    except _Refused as refused:
        problems.add(name, refused.line, refused.message)
        return None
    except RecursionError:
        problems.add(name, 1, "invalid YAML: nested too deeply")
        return None
    if root is None:
        problems.add(name, 1, "file is empty; expected keys such as `title:`")
        return None
    if not isinstance(root, Mapping):
        problems.add(name, root.line, f"expected a mapping of keys to values, found {kind_name(root)}")
        return None
    return root


def _decode(data: bytes, name: str, problems: Problems) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(
            name, line, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; save the file as UTF-8"
        )
        return None


def _has_yaml_only_line_breaks(text: str, name: str, problems: Problems) -> bool:
    """Refuse U+0085, U+2028 and U+2029: YAML ends a line there and editors do not, so every
    line number after one would be wrong. Reported at the line the editor sees."""
    found = _YAML_ONLY_BREAKS.search(text)
    if found is None:
        return False
    line = len(_EDITOR_BREAKS.findall(text, 0, found.start())) + 1
    char = found.group()
    problems.add(name, line, f"contains the invisible character U+{ord(char):04X} "
                             f"({unicodedata.name(char, 'NEXT LINE')}), which YAML reads as a line break; delete it "
                             "(it often comes with pasted text)")
    return True



_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser, in C, where PyYAML was built with it
_NULLS = ("", "~", "null", "Null", "NULL")  # a plain scalar YAML reads as no value


class _Refused(Exception):
    """A YAML feature content files do not use (an alias, anchor or tag): the file is read no further."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Builder:
    """Build Scalar/Mapping/Sequence straight from the parser's events.

    Only events are asked of PyYAML, never constructed values, so scalars stay the text
    written. Aliases are refused at the first one, which keeps a document linear in size
    (no "billion laughs"); anchors and tags too, since their marks at the start of a value
    are almost always text that needed quotes.
    """

    def __init__(self, text: str, name: str, problems: Problems) -> None:
        self.text, self.name, self.problems = text, name, problems
        self.events = iter(yaml.parse(text, Loader=_PARSER))
        self.lines = _EDITOR_BREAKS.split(text)
        # libyaml marks the end of a file one line past its last newline: keep lines on the file's own.
        self.last = max(0, len(self.lines) - (2 if text.endswith(("\n", "\r")) else 1))

    def document(self) -> Node | None:
        """The one document's root node; None for a file with no document."""
        next(self.events)  # the stream's start
        start = next(self.events)
        if isinstance(start, yaml.StreamEndEvent):
            return None
        root = self.node(next(self.events))
        next(self.events)  # the document's end
        after = next(self.events)
        if isinstance(after, yaml.DocumentStartEvent):
            raise _Refused(self.start(after)[0] + 1, "a second YAML document starts here (a line `---`): a "
                                                      "content file holds one; remove the line or split the file")
        return root

    def node(self, event: yaml.Event) -> Node:
        """The node that starts with `event`, reading its children's events."""
        line = self.start(event)[0] + 1
        self.refuse_marks(event)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(line)
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            while not isinstance(item := next(self.events), yaml.SequenceEndEvent):
                items.append(self.node(item))
            return Sequence(tuple(items), line)
        assert isinstance(event, yaml.ScalarEvent)
        plain = not event.style  # libyaml says '' for a plain scalar, PyYAML None
        return Scalar(None if plain and event.value in _NULLS else event.value, line, plain)

    def mapping(self, line: int) -> Mapping:
        entries: dict[str, tuple[int, Node]] = {}
        while not isinstance(event := next(self.events), yaml.MappingEndEvent):
            key_line = self.start(event)[0] + 1
            key = self.node(event)
            value = self.node(next(self.events))
            if not isinstance(key, Scalar) or key.text is None:
                self.problems.add(self.name, key_line, "a key must be plain text")
            elif key.text in entries:
                first = entries[key.text][0]
                self.problems.add(self.name, key_line, f"duplicate key `{key.text}` (first given on line {first})")
            else:
                entries[key.text] = (key_line, value)
        return Mapping(entries, line)

    def start(self, event: yaml.Event) -> tuple[int, int]:
        """Where an event starts: (0-based line, column), on a line of the file."""
        mark = event.start_mark
        return (min(mark.line, self.last), mark.column) if mark else (0, 0)

    def refuse_marks(self, event: yaml.Event) -> None:
        """Raise _Refused for an alias (`*x`), an anchor (`&x`) or a tag (`!x`)."""
        if isinstance(event, yaml.AliasEvent):
            char, what = "*", "an alias"
        elif getattr(event, "anchor", None) is not None:
            char, what = "&", "an anchor"
        elif getattr(event, "tag", None) is not None:
            char, what = "!", "a tag"
        else:
            return
        line, column = self.start(event)
        lines = self.lines
        written = lines[line][column:].split() if line < len(lines) else []
        word = f"`{written[0]}`" if written else f"`{char}…`"
        if isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):  # most likely text that needed quotes
            raise _Refused(line + 1, starts_with(char, lines, (line, column), f"{word} as {what}"))
        raise _Refused(line + 1, f"YAML reads {word} as {what}, which content files do not use: remove it")


def _python_error(text: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's own error for `text`, whose words yamlerrors.explain recognises."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as exc:
        return exc
    return None
