"""What the schemas tell an editor in VS Code: text as text, plain and markdown descriptions, examples, snippets."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import yaml

from conftest import run_cli
from test_schema import SCHEMAS


def _properties(schema: Any) -> list[tuple[str, dict[str, Any]]]:
    """(key, its schema) for every key of the file and of each definition."""
    records = [schema, *schema.get("definitions", {}).values()]
    return [(key, value) for record in records for key, value in record["properties"].items()]


def test_text_is_a_string_only_so_editors_are_not_offered_true_or_false() -> None:
    for name, schema in SCHEMAS.items():
        assert '"boolean"' not in json.dumps(schema), name
        for key, value in _properties(schema):
            options = value.get("anyOf", [value])
            types = {str(option.get("type")) for option in options} - {"null"}
            enums = [option["enum"] for option in options if "enum" in option]  # a vocabulary: its words
            if value["markdownDescription"].endswith(("Type: text.", "Type: markdown.")) or "Takes markdown" in \
                    value["markdownDescription"]:
                assert types == {"string"} or (types == {"None"} and all(isinstance(w, str) for w in enums[0])), key


def test_descriptions_are_plain_text_and_markdown_descriptions_say_which_keys_take_markdown() -> None:
    for name, schema in SCHEMAS.items():
        for key, value in _properties(schema):
            assert "`" not in value["description"] and value["description"].strip(), (name, key)
            assert value["description"] == value["markdownDescription"].replace("\n\n", " ").replace("`", ""), key
    category = SCHEMAS["category"]["properties"]
    assert category["intro"]["markdownDescription"] == (
        "What the award recognises and what judges look for.\n\nType: markdown.\n\nTakes markdown: `*italic*`, "
        "`**bold**`, `[a link](https://example.org/)`, and lists with `- ` (a block of lines after `|`).")
    assert "markdown" not in category["title"]["markdownDescription"]
    assert category["group"]["description"] == ("The slug of the group in site.yaml's groups this award is listed "
                                                "under. Type: slug.")
    points = SCHEMAS["category"]["definitions"]["Criterion"]["properties"]["points"]["markdownDescription"]
    assert "Each item takes markdown" in points


def test_every_example_passes_its_key_schema_and_check() -> None:
    counted = 0
    for name, schema in SCHEMAS.items():
        for key, value in _properties(schema):
            for example in value.get("examples", []):
                assert jsonschema.Draft7Validator({**value, "definitions": schema.get("definitions", {})}).is_valid(
                    example), (name, key, example)
                counted += 1
    assert counted > 20
    criterion = SCHEMAS["category"]["definitions"]["Criterion"]["properties"]
    assert criterion["heading"]["examples"] == ["Ambition"] and criterion["weight"]["examples"] == [25]
    site = SCHEMAS["site"]["properties"]
    assert site["entries_close"]["examples"] == ["2025-05-23 17:00"] and site["timezone"]["examples"] == [
        "Europe/London"]


def _expanded(body: Any) -> Any:
    """A snippet's body as the editor gets it on accepting every placeholder: `${2:Ambition}` -> `Ambition`."""
    if isinstance(body, dict):
        return {key: _expanded(value) for key, value in body.items()}
    if isinstance(body, list):
        return [_expanded(item) for item in body]
    return re.sub(r"\$\{[0-9]+:((?:[^}\\]|\\.)*)\}", lambda m: re.sub(r"\\(.)", r"\1", m.group(1)), body)


def test_snippets_for_a_category_an_entry_and_a_criterion_pass_check_and_the_schema(scratch) -> None:  # type: ignore[no-untyped-def]
    category = _expanded(SCHEMAS["category"]["defaultSnippets"][0]["body"])
    entry = _expanded(SCHEMAS["shortlist"]["definitions"]["Entry"]["defaultSnippets"][0]["body"])
    criterion = _expanded(SCHEMAS["category"]["definitions"]["Criterion"]["defaultSnippets"][0]["body"])
    assert set(category) == {"title", "intro", "eligibility", "criteria"} and category["criteria"] == [criterion]
    assert set(entry) == {"organisation", "title", "synopsis"} and criterion["heading"] == "Ambition"
    assert jsonschema.Draft7Validator(SCHEMAS["category"]).is_valid(category)
    assert jsonschema.Draft7Validator(SCHEMAS["shortlist"]).is_valid({"entries": [entry]})
    folder = scratch({"categories/new.yaml": yaml.safe_dump(category), "shortlist/new.yaml": yaml.safe_dump(
        {"entries": [entry]})})
    assert run_cli("check", cwd=folder).returncode == 0
