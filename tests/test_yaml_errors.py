"""The common YAML mistakes, said in plain words at the line to change (yamlerrors.py)."""

from __future__ import annotations

import pytest

from awardsite.errors import Problems
from awardsite.yamlsource import parse
from conftest import run_cli

INDENT = ("this line is indented differently from the lines around it: a list item (`- `) lines up with the other "
          "items of its list, and a key with the keys beside it")
CASES = {
    # an unclosed quote: where it opens, even when the parser only notices at the end of the file
    "quote left open mid-file": ('title: A\nintro: "Unclosed\neligibility: E\ncriteria:\n  - heading: H\n'
                                 "order: 1\n", 2, 'the `"` that opens on this line is never closed: add `"` where '
                                                  "it ends"),
    "quote left open at the end": ('title: A\nintro: I\nsummary: "never closed\n', 3,
                                   'the `"` that opens on this line is never closed: add `"` where it ends'),
    "single quote": ("title: A\nintro: 'Unclosed\neligibility: E\n", 2,
                     "the `'` that opens on this line is never closed: add `'` where it ends"),
    "bracket": ("title: A\npoints: [P, Q\nintro: x\n", 2,
                "the `[` that opens on this line is never closed: add `]` where it ends"),
    "tab": ("title: A\ncriteria:\n\t- heading: H\n", 3,
            "a tab character: YAML indents with spaces only, so replace the tab with spaces"),
    "no space after the colon": ("title: A\nintro:I\neligibility: E\n", 2,
                                 "put a space after the colon: `intro: I`"),
    "no space after the first colon": ("title:Hello\nintro: I\n", 1, "put a space after the colon: `title: Hello`"),
    "list item out of line": ("title: A\ncriteria:\n  - heading: H\n    points:\n    - P\n   - Q\n", 6, INDENT),
    "key out of line": ("entries:\n  - organisation: O\n    title: T\n   synopsis: S\n", 4, INDENT),
    "starts with @": ("title: @Hello\n", 1, 'a value cannot start with `@` unless it is in quotes, e.g. title: "@…"'),
    "starts with %": ("intro: x\ntitle: %Hello\n", 2,
                      'a value cannot start with `%` unless it is in quotes, e.g. title: "%…"'),
    "starts with a backtick": ("title: `Hello`\n", 1,
                               'a value cannot start with a backtick unless it is in quotes, e.g. title: "`…"'),
    "starts with |": ("title: | Hello\n", 1,
                      "`|` and `>` start text on the lines below; to begin a value with one, put it in quotes"),
    "colon inside a value": ("intro: x\ntitle: Closing the gap: diabetes\n", 2,
                             "this value has `: ` in it, which YAML reads as another key: put it in quotes, "
                             '`title: "Closing the gap: diabetes"`'),
}


@pytest.mark.parametrize("name", CASES)
def test_a_common_mistake_is_said_in_plain_words_at_its_line(name: str) -> None:
    text, line, message = CASES[name]
    problems = Problems()
    assert parse(text, "categories/x.yaml", problems) is None
    assert [(p.line, p.message) for p in problems.items] == [(line, message)]
    assert problems.items[0].detail.startswith("the YAML parser said: ")  # kept for --verbose


def test_verbose_adds_the_parsers_own_words(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/first.yaml": "title: A\nintro:I\neligibility: E\n"})
    plain = run_cli("check", cwd=folder)
    assert plain.returncode == 1 and "could not find expected" not in plain.stderr
    assert "categories/first.yaml:2: put a space after the colon: `intro: I`" in plain.stderr
    verbose = run_cli("check", "--verbose", cwd=folder)
    assert "categories/first.yaml:2: put a space after the colon: `intro: I`\n    the YAML parser said: while " \
           "scanning a simple key; could not find expected ':'\n" in verbose.stderr
