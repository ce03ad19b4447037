"""The schemas and `check` agree, value by value, on cases generated for every field of every model class.

schemacases.py writes the cases and finds both verdicts. Where they differ, the difference must be
one of EXCEPTIONS, each saying why; each must occur, and no case may need two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import pytest

from awardsite import kinds, model
from awardsite.schema import FILES
from awardsite.schemaforms import yaml_reads
from schemacases import CASES, Case, _records, base_folder, places, verdicts

@dataclass(frozen=True)
class Exception_:
    """A documented way the schema and check may differ: why, and which disagreements it covers."""

    why: str
    covers: Callable[[Case, bool, list[str]], bool]  # (case, schema's verdict, check's problems)


def _plain_non_text(case: Case, valid: bool, problems: list[str]) -> bool:
    """An unquoted value YAML 1.2 reads as a number or boolean, in a key check reads as text."""
    written = case.written[1:-1] if case.written.startswith("[") else case.written  # `[2025]`: a list of one
    return not valid and not problems and not written.startswith(('"', "'")) and bool(yaml_reads(written))


def _cross(pattern: str) -> Callable[[Case, bool, list[str]], bool]:
    """Check refuses, for a rule across fields or files (its message matches `pattern`); the schema accepts."""
    return lambda case, valid, problems: valid and bool(problems) and all(re.search(pattern, p) for p in problems)


def _values(*written: str) -> Callable[[Case, bool, list[str]], bool]:
    """The schema accepts one of these values, which check refuses."""
    return lambda case, valid, problems: valid and bool(problems) and case.written in written


EXCEPTIONS = {
    "padded quoted value": Exception_(
        "check trims spaces inside quotes (`\" 3 \"`); the schema's patterns and lists do not, which only "
        "matters inside quotes (YAML trims unquoted values)",
        lambda case, valid, problems: not valid and not problems and re.fullmatch(r'" .* "', case.written) is not None),
    "number notation": Exception_(
        "YAML reads `2.5e1`, `0x19` and `0o31` as the whole number 25, so no schema can tell them from `25`; "
        "check asks for digits", _values("2.5e1", "0x19", "0o31")),
    "weights add up to 100": Exception_("a rule across a stage's criteria", _cross(r"weights add up to .*, not 100")),
    "criteria or stages": Exception_("a rule across two keys, which the model does not declare",
                                     _cross(r"`criteria` or `stages`|missing required key `criteria`")),
    "a link's page": Exception_("a link gives `page` or `url`, not both (a rule across keys), and its page exists "
                                "(a rule across files)", _cross(r"give a link `page` or `url`|no page `")),
    "a key date's range": Exception_("an end needs a start and comes after it: a rule across keys",
                                     _cross(r"`end_time` needs a `time`|is before `date`")),
    "groups": Exception_("a category naming one of site.yaml's groups is a rule across files",
                         _cross(r"names no `group`|has no `groups`")),
    "judges' categories": Exception_("a judge naming a category is a rule across files", _cross(r"no category `")),
    "current edition's name": Exception_("site.yaml needs `edition` when editions/ exists: a rule across files",
                                         _cross(r"there are past editions")),
    "brand contrast": Exception_("a colour's contrast is arithmetic, not a pattern", _cross(r"contrast of")),
    "time zone database": Exception_("which time zones exist is the computer's time zone database, not a pattern",
                                     _cross("time zone")),
    "a picture's alt": Exception_("a picture has `alt` or `decorative: yes`, not both: a rule across keys",
                                  _cross(r"a picture needs `alt`|a decorative picture has no `alt`")),
    "picture exists": Exception_("whether a picture's file exists is not in the file", _cross(r"media/")),
}

Found = list[tuple[Case, bool, list[str]]]


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> Found:
    return verdicts(base_folder(tmp_path_factory.mktemp("parity")))


def verdict(found: Found, cls: type, key: str, written: str) -> tuple[bool, list[str]]:
    """(the schema accepts, check's problems) for the case giving `key` of `cls` the value `written`."""
    matches = [(v, p) for c, v, p in found if (c.cls, c.key, c.written) == (cls, key, written)]
    assert len(matches) == 1, (cls, key, written)
    return matches[0]


def test_every_disagreement_is_a_documented_exception(found: Found) -> None:
    unexplained = [f"{c.file} {c.cls.__name__}.{c.key}: {c.written!r}: schema {'accepts' if v else 'refuses'}, "
                   f"check {p or 'accepts'}" for c, v, p in found
                   if v != (not p) and not any(e.covers(c, v, p) for e in EXCEPTIONS.values())]
    assert unexplained == []


def test_every_exception_is_met_and_each_case_by_one(found: Found) -> None:
    met = {name: 0 for name in EXCEPTIONS}
    for case, valid, problems in found:
        differ = valid != (not problems)
        covering = [name for name, e in EXCEPTIONS.items() if differ and e.covers(case, valid, problems)]
        assert len(covering) <= 1, (case, covering)
        for name in covering:
            met[name] += 1
    assert [name for name, count in met.items() if not count] == []


def test_cases_cover_every_key_of_every_model_class_the_schemas_hold(found: Found) -> None:
    classes = {cls for _, cls, _ in places()}
    reachable, queue = set(), list(FILES.values())
    while queue:
        cls = queue.pop()
        if cls not in reachable:
            reachable.add(cls)
            queue += [r for key in kinds.keys(cls) for r in _records(key.shape)]
    assert classes == reachable and model.Labels in classes and model.Stage in classes
    given = {(c.cls, c.key) for c, _, _ in found}
    assert {(cls, key.name) for cls in classes for key in kinds.keys(cls)} <= given
    assert {(cls, "+tilte") for cls in classes} <= given  # an unknown key, in every class
    assert {(cls, f"-{key.name}") for cls in classes for key in kinds.keys(cls) if key.required} <= given
    assert len({c.written for c, _, _ in found if c.key == "date"}) >= len(CASES["date"])


@pytest.mark.parametrize(("cls", "key", "written", "schema", "check"), [
    (model.Category, "order", '"3"', True, True),  # the schema refused it: check reads the text `3`
    (model.Category, "order", "25.0", True, True),  # check refused it: YAML tools read the number 25
    (model.Category, "order", "25.5", False, False),
    (model.Criterion, "weight", "100.0", True, True),
    (model.Criterion, "weight", '"100 %"', True, True),
    (model.Criterion, "weight", "101", False, False),
    (model.KeyDate, "date", "2025-02-30", False, False),  # the schema accepted a day that is not on the calendar
    (model.KeyDate, "date", "2024-02-29", True, True),
    (model.KeyDate, "date", "2100-02-29", False, False),
    (model.Edition, "entries_close", "2025-02-30 17:00", False, False),
    (model.Category, "title", "true", False, False),  # both ask for quotes: other YAML tools read a boolean
    (model.Category, "title", "2025", False, False),  # and a number
    (model.Category, "title", '"true"', True, True),
    (model.Category, "entry_url", "https://example.org:99999/", False, False),
    (model.Entry, "tags", "[a;b]", False, False),
])
def test_the_disagreements_issue_14_found(found: Found, cls: type, key: str, written: str, schema: bool,
                                          check: bool) -> None:
    valid, problems = verdict(found, cls, key, written)
    assert (valid, not problems) == (schema, check), problems
