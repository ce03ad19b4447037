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
    "starts with @": ("title: @Hello\n", 1, 'a value cannot start with `@` unless it is in quotes: write '
                                           '`title: "@Hello"`'),
    "starts with %": ("intro: x\ntitle: %Hello\n", 2,
                      'a value cannot start with `%` unless it is in quotes: write `title: "%Hello"`'),
    "starts with a backtick": ("title: `Hello`\n", 1,
                               'a value cannot start with a backtick unless it is in quotes: write '
                               '`title: "`Hello`"`'),
    "starts with a backtick, both quotes inside": ("title: `a` \"b\" 'c'\n", 1,
                                                   "a value cannot start with a backtick unless it is in quotes"),
    "starts with @, a double quote inside": ('title: @x "y"\n', 1, "a value cannot start with `@` unless it is "
                                                                   "in quotes: write `title: '@x \"y\"'`"),
    # `&`, `*` and `!` are read as an anchor, an alias and a tag: refused, not silently dropped
    "starts with &": ("title: T\nsummary: &more to come\n", 2,
                      'a value cannot start with `&` unless it is in quotes (YAML reads `&more` as an anchor): '
                      'write `summary: "&more to come"`'),
    "starts with & and a space": ("summary: & co\n", 1,
                                  'a value cannot start with `&` unless it is in quotes: write `summary: "& co"`'),
    "starts with *": ("points:\n  - *star rating\n", 2, 'a value cannot start with `*` unless it is in quotes '
                                                        '(YAML reads `*star` as an alias): write `  - "*star rating"`'),
    "starts with !": ("title: !important\n", 1, 'a value cannot start with `!` unless it is in quotes (YAML reads '
                                                '`!important` as a tag): write `title: "!important"`'),
    "starts with ! and a space": ("title: ! not\n", 1, 'a value cannot start with `!` unless it is in quotes (YAML '
                                                       'reads `!` as a tag): write `title: "! not"`'),
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
    if problems.items[0].detail:  # the parser's own words, for --verbose (not for what only we refuse)
        assert problems.items[0].detail.startswith("the YAML parser said: ")


def test_verbose_adds_the_parsers_own_words(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"categories/first.yaml": "title: A\nintro:I\neligibility: E\n"})
    plain = run_cli("check", cwd=folder)
    assert plain.returncode == 1 and "could not find expected" not in plain.stderr
    assert "categories/first.yaml:2: put a space after the colon: `intro: I`" in plain.stderr
    verbose = run_cli("check", "--verbose", cwd=folder)
    assert "categories/first.yaml:2: put a space after the colon: `intro: I`\n    the YAML parser said: while " \
           "scanning a simple key; could not find expected ':'\n" in verbose.stderr


@pytest.mark.parametrize("text, line, message", [
    ("criteria: &shared\n  - heading: H\n", 1, "YAML reads `&shared` as an anchor, which content files do not use: "
                                                "remove it"),
    ("a:\n  - !!python/object/apply:os.system [x]\n", 2,
     "YAML reads `!!python/object/apply:os.system` as a tag, which content files do not use: remove it"),
    ("title: A\n---\ntitle: B\n", 2, "a second YAML document starts here (a line `---`): a content file holds one; "
                                      "remove the line or split the file"),
])
def test_anchors_and_tags_on_lists_and_a_second_document_are_refused(text: str, line: int, message: str) -> None:
    problems = Problems()
    assert parse(text, "categories/x.yaml", problems) is None
    assert [(p.line, p.message) for p in problems.items] == [(line, message)]


def test_yaml_keywords_stay_the_text_written() -> None:
    """Read through libyaml's events, `NO`, `012`, `12:30` and `~` mean what an editor wrote."""
    problems = Problems()
    tree = parse("a: NO\nb: 012\nc: 12:30\nd: ~\ne: '~'\nf:\ng: \"\"\n", "x.yaml", problems)
    assert tree is not None and not problems.items
    assert {key: node.text for key, (_, node) in tree.entries.items()} == {  # type: ignore[union-attr]
        "a": "NO", "b": "012", "c": "12:30", "d": None, "e": "~", "f": None, "g": ""}
