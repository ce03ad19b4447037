"""Read one YAML file into a small tree of text values that remember their lines.

PyYAML follows YAML 1.1, where `NO` is false, `012` is 10 and `12:30` is 750. We
only *compose* the document (parse it into nodes) and never let PyYAML construct
Python values, so every scalar stays exactly the text the editor wrote; the model
converts text to numbers only where it asks for one. Tags that would construct
objects, aliases and duplicate keys are refused here, with the line they are on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import yaml

from .errors import Problems
from .yamlerrors import explain

MAX_BYTES = 5 * 1024 * 1024  # far above any real content file; refuses accidents early
_STD = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_STD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_NULL = _STD + "null"
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")  # line breaks to YAML 1.1, not to editors
_EDITOR_BREAKS = re.compile("\r\n|\r|\n")


@dataclass(frozen=True)
class Scalar:
    text: str | None  # the text as written; None for an empty value, `~` or `null`
    line: int  # 1-based line where the value starts


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


def read_yaml(path: Path, name: str, problems: Problems) -> Mapping | None:
    """Parse `path` (reported as `name`) into a Mapping, or add problems and return None."""
    text = _read_text(path, name, problems)
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


def _read_text(path: Path, name: str, problems: Problems) -> str | None:
    """The file's text, or None (with a problem) when it is too big, not UTF-8 or has YAML-only line breaks."""
    size = path.stat().st_size
    if size > MAX_BYTES:  # checked before reading, so a huge file costs no memory
        problems.add(name, 1, f"file is {size:,} bytes; content files are limited to {MAX_BYTES:,}: is it the right file?")
        return None
    text = _decode(path.read_bytes(), name, problems)
    if text is None or _has_yaml_only_line_breaks(text, name, problems):
        return None
    return text


def parse(text: str, name: str, problems: Problems) -> Mapping | None:
    """Parse YAML text (reported as file `name`) into a Mapping, or add problems and return None."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line, message, parser = explain(exc, text)
        problems.add(name, line, message, detail=f"the YAML parser said: {parser}")
        return None
    except yaml.YAMLError as exc:
        problems.add(name, 1, f"invalid YAML: {exc}")
        return None
    except RecursionError:
        problems.add(name, 1, "invalid YAML: nested too deeply")
        return None
    if root is None:
        problems.add(name, 1, "file is empty; expected keys such as `title:`")
        return None
    converter = _Converter(name, problems)
    tree = converter.convert(root)
    if converter.refused_tag:
        return None  # the document's shape is unknown where the tag was: stop at that problem
    if not isinstance(tree, Mapping):
        problems.add(name, tree.line, f"expected a mapping of keys to values, found {kind_name(tree)}")
        return None
    return tree


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



class _Loader(yaml.SafeLoader):
    """Composes like SafeLoader but stops at the first alias, where it stands."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            # Refusing aliases keeps every document linear in size: no "billion laughs".
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.composer.ComposerError(
                None, None, "aliases (`*name`) are not supported; write the value out in full", event.start_mark
            )
        return super().compose_node(parent, index)


class _Converter:
    """Turn composed PyYAML nodes into Scalar/Mapping/Sequence, checking as it goes."""

    def __init__(self, name: str, problems: Problems) -> None:
        self.name = name
        self.problems = problems
        self.refused_tag = False

    def convert(self, node: yaml.Node) -> Node:
        line = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            self.problems.add(self.name, line, f"tag `{node.tag}` is not allowed; remove it")
            self.refused_tag = True
            return Scalar(None, line)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, line)
        if isinstance(node, yaml.SequenceNode):
            return Sequence(tuple(self.convert(item) for item in node.value), line)
        if node.tag == _NULL and getattr(node, "style", None) is None:
            return Scalar(None, line)
        return Scalar(node.value, line)

    def _mapping(self, node: yaml.MappingNode, line: int) -> Mapping:
        entries: dict[str, tuple[int, Node]] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            key = self.convert(key_node)
            if not isinstance(key, Scalar) or key.text is None:
                self.problems.add(self.name, key_line, "a key must be plain text")
                continue
            value = self.convert(value_node)
            if key.text in entries:
                first = entries[key.text][0]
                self.problems.add(self.name, key_line, f"duplicate key `{key.text}` (first given on line {first})")
                continue
            entries[key.text] = (key_line, value)
        return Mapping(entries, line)
