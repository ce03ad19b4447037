"""The YAML parser's errors in plain words, at the line to look at.

PyYAML says where it gave up ("while parsing a block mapping ... expected <block end>");
an editor needs to know what to change, and where. The common mistakes are recognised
from the parser's message and the text around it; anything else keeps the parser's own
words with a hint. The parser's text is always kept for `--verbose`.
"""

from __future__ import annotations

import re

import yaml

_NO_SPACE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w-]*):(\S.*)$")  # `title:Hello`
_COLON_IN_VALUE = re.compile(r"^\s*(?:- )?[^\s:#'\"][^:#]*:\s+[^'\"\s].*?: ")  # `title: Closing the gap: care`
_SCANNING = re.compile(r"while scanning an? (anchor|alias|tag)")  # `& co`: an anchor with no name
_SPECIAL = re.compile(r"found character '(\\t|.)' that cannot start any token")  # a tab is shown as `\t`


def explain(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str, str]:
    """(line, message, the parser's own words) for a YAML syntax error in `text`."""
    lines = text.splitlines() or [""]
    problem, context = exc.problem or "", exc.context or ""
    raw = "; ".join(part for part in (context, problem) if part) or "could not be parsed"
    at = _line(exc.problem_mark or exc.context_mark)
    opened = _line(exc.context_mark) if exc.context_mark else at
    if "end of stream" in problem or "<stream end>" in problem or context.startswith("while parsing a flow"):
        what = _char(lines, exc.context_mark) if exc.context_mark else ""
        closing = {"[": "]", "{": "}"}.get(what, what)
        if what in ("'", '"', "[", "{"):
            return opened, f"the `{what}` that opens on this line is never closed: add `{closing}` where it ends", raw
        return opened, f"invalid YAML: {raw} (a bracket or quote opened here is never closed)", raw
    special = _SPECIAL.search(problem)
    if special and special.group(1) == "\\t":
        return at, "a tab character: YAML indents with spaces only, so replace the tab with spaces", raw
    if special:
        return at, starts_with(special.group(1), lines, _at(exc.problem_mark)), raw
    scanning = _SCANNING.search(context)
    if scanning:
        char = {"anchor": "&", "alias": "*", "tag": "!"}[scanning.group(1)]
        return at, starts_with(char, lines, _at(exc.context_mark)), raw
    if "while scanning a block scalar" in context:
        return at, "`|` and `>` start text on the lines below; to begin a value with one, put it in quotes", raw
    if "mapping values are not allowed here" in problem or "could not find expected ':'" in problem:
        found = _colon_mistake(lines, opened if "could not find" in problem else at)
        if found:
            return found[0], found[1], raw
    if "expected <block end>" in problem or "mapping values are not allowed here" in problem:
        return at, ("this line is indented differently from the lines around it: a list item (`- `) lines up "
                    "with the other items of its list, and a key with the keys beside it"), raw
    return at, f"invalid YAML: {raw}", raw


def starts_with(char: str, lines: list[str], at: tuple[int, int], meaning: str = "") -> str:
    """The message for a value starting, at (0-based line, column), with a character YAML keeps for itself."""
    named = "a backtick" if char == "`" else f"`{char}`"
    because = f" (YAML reads {meaning})" if meaning else ""
    text = lines[at[0]] if at[0] < len(lines) else ""
    before, value = text[:at[1]], text[at[1]:].rstrip()
    quote = '"' if '"' not in value else "'" if "'" not in value else ""
    fix = f": write `{before}{quote}{value}{quote}`" if quote and value else ""
    return f"a value cannot start with {named} unless it is in quotes{because}{fix}"


def _colon_mistake(lines: list[str], line: int) -> tuple[int, str] | None:
    """A missing space after a key's colon (on `line` or the one before), or a `: ` inside a value."""
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if _COLON_IN_VALUE.match(here):
        key, value = here.strip().lstrip("- ").split(": ", 1)
        return line, f"this value has `: ` in it, which YAML reads as another key: put it in quotes, " \
                     f"`{key}: \"{value.strip()}\"`"
    for number in (line, line - 1):
        text = lines[number - 1] if 0 < number <= len(lines) else ""
        missing = _NO_SPACE.match(text)
        if missing:
            return number, f"put a space after the colon: `{missing.group(1).strip()}: {missing.group(2)}`"
    return None


def _at(mark: yaml.Mark | None) -> tuple[int, int]:
    return (mark.line, mark.column) if mark else (0, 0)


def _line(mark: yaml.Mark | None) -> int:
    return mark.line + 1 if mark else 1


def _char(lines: list[str], mark: yaml.Mark) -> str:
    text = lines[mark.line] if mark.line < len(lines) else ""
    return text[mark.column] if mark.column < len(text) else ""
