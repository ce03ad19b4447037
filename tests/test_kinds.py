"""One registry of value kinds: every reader of the model goes through it, and it refuses a type it does not know."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Annotated, Any, Callable, Literal, Optional, Union

import jsonschema
import pytest

from awardsite import kinds, model, reference, scaffold, schema, schemaforms, validate
from awardsite.content import load
from awardsite.errors import ContentError, Problems
from awardsite.kinds import KINDS, Bad, Either, ListOf, Record
from awardsite.model import Where, spec
from awardsite.yamlsource import Mapping, Scalar
from test_schema import as_json


@dataclasses.dataclass(frozen=True)
class WithBool:
    title: str = spec("A title.")
    published: bool = spec("Whether it is out.", False)
    where: Where = model.located()


@dataclasses.dataclass(frozen=True)
class WithFloat:
    title: str = spec("A title.")
    score: Optional[float] = spec("A score.", None)
    where: Where = model.located()


@dataclasses.dataclass(frozen=True)
class WithUnknownKind:
    title: str = spec("A title.")
    shade: Annotated[str, "shade"] = spec("A shade.", "red")
    where: Where = model.located()


@dataclasses.dataclass(frozen=True)
class WithWrongBase:
    link: Annotated[int, "url"] = spec("An address that is not text.")
    where: Where = model.located()


@dataclasses.dataclass(frozen=True)
class WithBadNested:
    title: str = spec("A title.")
    inner: tuple[WithBool, ...] = spec("Records with a bad field.", ())
    where: Where = model.located()


@dataclasses.dataclass(frozen=True)
class WithChoice:
    size: Literal["small", "large"] = spec("How big.")
    where: Where = model.located()


BAD = {WithBool: "WithBool.published", WithFloat: "WithFloat.score", WithUnknownKind: "WithUnknownKind.shade",
       WithWrongBase: "WithWrongBase.link", WithBadNested: "WithBool.published"}
READERS: dict[str, Callable[[type], Any]] = {
    "validation": lambda cls: validate.build(cls, Mapping({"title": (1, Scalar("T", 1))}, 1), "x.yaml", Problems()),
    "schema": lambda cls: schema.schema_for(cls, "x"),
    "docs table": reference.field_table,
}


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("cls", BAD, ids=lambda cls: cls.__name__)
def test_a_type_no_kind_fits_raises_in_every_reader(cls: type, reader: str) -> None:
    with pytest.raises(TypeError, match=rf"^{BAD[cls]}: the type .* is not a kind of value"):
        READERS[reader](cls)


def test_the_scaffolder_raises_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scaffold, "Category", WithBool)
    with pytest.raises(TypeError, match="WithBool.published"):
        scaffold.category_text("X")


@pytest.mark.parametrize("hint", [bool, float, dict, list[str], tuple[str, str], Any, Annotated[str, "shade"],
                                  Annotated[str, "url", "extra"], Literal[1, 2]], ids=repr)
def test_classify_refuses_what_it_does_not_know(hint: Any) -> None:
    with pytest.raises(TypeError, match="^C.k: "):
        kinds.classify(hint, "C.k")


def test_classify_knows_the_shapes_of_the_model() -> None:
    assert kinds.classify(str, "C.k") is KINDS["text"] and kinds.classify(int, "C.k") is KINDS["number"]
    assert kinds.classify(model.Moment, "C.k") is KINDS["moment"]
    assert kinds.classify(Optional[model.Url], "C.k") == Either((KINDS["url"],), optional=True)
    assert kinds.classify(Union[str, model.Partner], "C.k") == Either((KINDS["text"], Record(model.Partner)),
                                                                     optional=False)
    assert kinds.classify(tuple[model.Tag, ...], "C.k") == ListOf(KINDS["tag"])


def test_every_kind_the_model_names_is_registered() -> None:
    assert set(model.PATTERNS) | set(model.NUMBERS) | {"text", "markdown", "url", "email"} == set(KINDS)
    for cls in schema.FILES.values():
        assert kinds.keys(cls)  # the whole model of every file reads without a TypeError


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_every_kind_has_a_docs_name_a_schema_and_an_example_that_passes_both_checks(kind: kinds.Kind) -> None:
    assert kind.docs.strip() and kind.example.strip()
    jsonschema.Draft7Validator.check_schema(kind.schema)
    value = kind.check(kind.example)
    assert not isinstance(value, Bad), value
    assert value == (int(kind.example) if kind.base is int else kind.example)
    written = f'"{kind.example}"' if kind.name == "colour" else kind.example  # as the docs say to write it
    read = as_json(f"value: {written}")  # as editors' YAML tools read it
    assert isinstance(read, dict) and jsonschema.Draft7Validator(kind.schema).is_valid(read["value"])


@pytest.mark.parametrize("kind", KINDS.values(), ids=lambda k: k.name)
def test_every_kind_refuses_a_value_of_the_wrong_form(kind: kinds.Kind) -> None:
    for wrong in (["   ", "a;b\u202e"] if kind.base is str else ["twelve", "1.5"]):
        result = kind.check(wrong)
        assert isinstance(result, Bad) and not result.message.startswith("`"), (wrong, result)  # said after the name
        assert not jsonschema.Draft7Validator(kind.schema).is_valid(wrong)


def test_a_choice_from_a_literal_is_checked_documented_and_in_the_schema() -> None:
    problems = Problems()
    assert validate.build(WithChoice, Mapping({"size": (2, Scalar("smal", 2))}, 1), "x.yaml", problems) is None
    assert [p.format() for p in problems.items] == [
        "x.yaml:2: `size` must be one of `small`, `large`, not `smal`; did you mean `small`?"]
    built = validate.build(WithChoice, Mapping({"size": (2, Scalar("large", 2))}, 1), "x.yaml", Problems())
    assert built.size == "large"
    assert "| `size` | `small` \\| `large` | yes | How big. |" in reference.field_table(WithChoice)
    assert schema.schema_for(WithChoice, "x")["properties"]["size"]["enum"] == ["small", "large"]


def test_a_bool_written_in_a_file_is_not_taken_as_text() -> None:
    """Today's failure the registry prevents: `published: yes` read silently as the text `yes`."""
    node = Mapping({"title": (1, Scalar("T", 1)), "published": (2, Scalar("yes", 2))}, 1)
    with pytest.raises(TypeError):
        validate.build(WithBool, node, "x.yaml", Problems())


def test_a_moment_on_no_real_day_is_a_problem_not_a_crash(scratch) -> None:  # type: ignore[no-untyped-def]
    site = "title: T\nbase_url: https://example.org/t/\nintro: I.\nentries_close: 2025-02-30 17:00\n"
    with pytest.raises(ContentError) as caught:
        load(scratch({"site.yaml": site}))
    assert [p.format() for p in caught.value.problems] == [
        "site.yaml:4: `entries_close` should be a date and a 24-hour time in the programme's time zone, like "
        "`2025-05-23 17:00`, or a date alone, not `2025-02-30 17:00`"]


def test_the_scaffolder_shows_the_registry_example_for_the_entry_window() -> None:
    text = scaffold.category_text("X")
    for key in ("entries_open", "entries_close"):
        assert f"\n# {key}: {KINDS['moment'].example}\n" in text
    assert f"\n# entry_url: {KINDS['url'].example}\n" in text


def test_the_example_site_yaml_loads(tmp_path: Path) -> None:
    """The registry's examples, written into a file, pass the whole validator (not just each check)."""
    example = {kind: KINDS[kind].example for kind in ("moment", "edition", "timezone", "domain")}
    site = (f"title: T\nbase_url: https://example.org/t/\nintro: I.\nentries_open: {example['moment']}\n"
            f"edition: \"{example['edition']}\"\ntimezone: {example['timezone']}\ndomain: {example['domain']}\n")
    (tmp_path / "site.yaml").write_text(site)
    loaded = schema.site_of(tmp_path)
    assert loaded is not None and (loaded.entries_open, loaded.edition, loaded.timezone, loaded.domain) == (
        example["moment"], example["edition"], example["timezone"], example["domain"])


@pytest.mark.parametrize(("written", "number"), [("25.0", 25), ("+25", 25), ("0025", 25), ("-3.00", -3),
                                                 ("30.0 %", 30)])
def test_a_whole_number_may_be_written_as_yaml_tools_and_spreadsheets_write_it(written: str, number: int) -> None:
    kind = KINDS["percent"] if "%" in written else KINDS["number"]
    assert kind.check(written) == number


@pytest.mark.parametrize(("kind", "written", "message"), [
    ("number", "25.5", "should be a whole number, not `25.5`"),
    ("number", "2.5e1", "should be a whole number, not `2.5e1`"),
    ("number", "+", "should be a whole number, not `+`"),
    ("percent", "-5%", "should be a percentage from 0 to 100, not `-5%`"),
    ("number", "+1000000", "should be a whole number from -999999 to 999999, not `+1000000`"),
])
def test_other_numbers_are_refused_with_what_to_write(kind: str, written: str, message: str) -> None:
    assert KINDS[kind].check(written) == Bad(message)


@pytest.mark.parametrize("name", ["number", "percent"])
def test_a_number_in_quotes_passes_the_schema_exactly_when_it_passes_check(name: str) -> None:
    """`order: "3"` is the number 3 to check, so the schema takes it too: the two agree on every form."""
    validator = jsonschema.Draft7Validator(KINDS[name].schema)
    forms = ("{}", "+{}", "{}.0", "{}.5", "00{}", "{}%", "{} %", "{}e0", " {}")
    numbers = (-1000000, -999999, -101, -1, 0, 1, 99, 100, 101, 999999, 1000000)
    for written in (form.format(n) for form in forms for n in numbers):
        checked = not isinstance(KINDS[name].check(written), Bad)
        assert validator.is_valid(written) == checked or written.startswith(" "), written  # check trims spaces


@pytest.mark.parametrize("name", ["date", "moment"])
def test_the_schema_knows_the_calendar_as_check_does(name: str) -> None:
    """Years 1899 to 2201, months 0-13, days 0-32: no `2025-02-30`, and `2024-02-29` only in leap years."""
    pattern = re.compile(KINDS[name].schema["pattern"])
    suffix = " 17:00" if name == "moment" else ""
    for year in range(1899, 2202):
        for month in range(14):
            for day in range(33):
                written = f"{year}-{month:02}-{day:02}{suffix}"
                checked = not isinstance(KINDS[name].check(written), Bad)
                assert bool(pattern.match(written)) == checked, written


@pytest.mark.parametrize(("kind", "written", "problem"), [
    ("text", "2025", '`2025` reads as a number to VS Code and other YAML tools: write it in quotes, `"2025"`'),
    ("markdown", "true", '`true` reads as true or false to VS Code and other YAML tools: write it in quotes, `"true"`'),
    ("tag", "1e3", '`1e3` reads as a number to VS Code and other YAML tools: write it in quotes, `"1e3"`'),
    ("edition", "False", '`False` reads as true or false to VS Code and other YAML tools: write it in quotes, '
                         '`"False"`'),
    ("text", "yes", None), ("text", "012x", None), ("edition", "2025", None), ("number", "25", None),
    ("date", "2025-02-28", None),
])
def test_an_unquoted_value_yaml_tools_read_as_a_number_or_boolean_is_named_for_text(kind: str, written: str,
                                                                                     problem: str | None) -> None:
    assert schemaforms.unquoted_problem(KINDS[kind].schema, written) == problem
