"""Edit a shortlist file's entries in place, keeping every line the edit does not touch.

An import that merges into a file the editor has worked on changes only the fields it
updates and appends new entries: comments, quoting, order and any field the spreadsheet
does not carry stay as they were written. A field's lines run from its key to the line
before the next line at the key's indentation or less (comments just before the next key
stay with that key). A file whose entries are not all `- key: value` blocks (`- {title: …}`)
cannot be edited so, and merge.py writes it again from its values.
"""

from __future__ import annotations

from typing import Any, Sequence

from .model import Entry, Shortlist
from .yamlwrite import dump

FIELDS = ("organisation", "title", "synopsis", "result", "citation", "focus_areas", "tags", "slug")  # model order

Edit = tuple[int, int, list[str]]  # replace lines [start, end) (0-based) with these lines


def edited(old: str, shortlist: Shortlist, updates: dict[int, dict[str, Any]],
           added: Sequence[dict[str, Any]]) -> str:
    """`old` with each entry's updated fields (by entry index) rewritten and `added` entries appended."""
    lines = old.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    edits: list[Edit] = []
    for index, fields in sorted(updates.items()):
        edits += _entry_edits(lines, shortlist.entries[index], fields)
    if added:
        first, last = shortlist.entries[0], shortlist.entries[-1]
        end = _span_end(lines, last.where.line - 1, _dash_column(lines, last))
        edits.append((end, end, _entries_lines(added, _dash_column(lines, first))))
    ending = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"  # a Windows file keeps its line ends
    out: list[str] = []
    position = 0
    for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):  # stable: inserts keep their order
        out += lines[position:start] + [line[:-1] + ending if ending != "\n" else line for line in replacement]
        position = max(position, end)
    return "".join(out + lines[position:])


def with_line_ends_of(old: str, new: str) -> str:
    """`new` with Windows line ends if `old` has them, so rewriting a file does not change them all."""
    return new.replace("\n", "\r\n") if old.split("\n", 1)[0].endswith("\r") else new


def in_block_style(old: str, shortlist: Shortlist) -> bool:
    """Whether each entry is a `- ` item with one key per line, so fields can be edited where they are."""
    lines = old.splitlines()
    for entry in shortlist.entries:
        keyed = [line for _, line in entry.where.keys]
        if len(set(keyed)) != len(keyed) or not lines[entry.where.line - 1].lstrip().startswith("- "):
            return False
    return True


def entry_data(entry: Entry, given: set[str]) -> dict[str, Any]:
    """An entry's fields as the file gives them (`given`: its keys), lists as lists, in the model's order."""
    data = {}
    for field in FIELDS:
        value = getattr(entry, field)
        if field in given and value not in (None, ()):
            data[field] = list(value) if isinstance(value, tuple) else value
    return data


def _entry_edits(lines: list[str], entry: Entry, fields: dict[str, Any]) -> list[Edit]:
    """Replace each given field's lines, or insert it after the field before it in the model's order."""
    keys = dict(entry.where.keys)
    edits = []
    for field in FIELDS:
        if field not in fields:
            continue
        if field in keys:
            start = keys[field] - 1
            column = _key_column(lines[start])
            end = _span_end(lines, start, column)
            edits.append((start, end, _field_lines(field, fields[field], column, lines[start][:column])))
        else:
            before = max((keys[f] for f in FIELDS[:FIELDS.index(field)] if f in keys), default=entry.where.line)
            column = _key_column(lines[before - 1])
            at = _span_end(lines, before - 1, column)
            edits.append((at, at, _field_lines(field, fields[field], column, " " * column)))
    return edits


def _field_lines(field: str, value: Any, column: int, prefix: str) -> list[str]:
    """`field: value` as YAML lines at `column`, the first after `prefix` (the `  - ` of an entry's first key)."""
    dumped = dump({field: list(value) if isinstance(value, tuple) else value}).splitlines(keepends=True)
    return [prefix + dumped[0]] + [(" " * column + line) if line.strip() else line for line in dumped[1:]]


def _entries_lines(entries: Sequence[dict[str, Any]], dash: int) -> list[str]:
    """New entries as list items whose `-` is at column `dash`, like the file's own."""
    dumped = dump({"entries": list(entries)}).splitlines(keepends=True)[1:]  # `entries:` then items at column 2
    shift = dash - 2
    return [(" " * shift + line if shift >= 0 else line[-shift:]) if line.strip() else line for line in dumped]


def _key_column(line: str) -> int:
    """Where the key starts on its line, after any indentation and list dash."""
    return len(line) - len(line.lstrip(" -"))


def _dash_column(lines: list[str], entry: Entry) -> int:
    line = lines[entry.where.line - 1]
    return len(line) - len(line.lstrip(" "))


def _span_end(lines: list[str], start: int, column: int) -> int:
    """The line after the value begun on line `start`: it ends before the next line at `column` or less.

    Blank lines, and comments at `column` or less, that end the span are left out: they
    belong to what follows.
    """
    end = start + 1
    for index in range(start + 1, len(lines)):
        text = lines[index]
        stripped = text.strip()
        indent = len(text) - len(text.lstrip(" "))
        if stripped and indent <= column and not stripped.startswith("#"):
            break
        if stripped and not (stripped.startswith("#") and indent <= column):
            end = index + 1
    return end
