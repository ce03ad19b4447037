"""The JSON Schemas: generated from the model, current, and agreeing with `build.py check`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from awardsite import model
from awardsite.errors import ContentError, Problems
from awardsite.schema import FILES, dump, schema_for, site_of, write_all
from awardsite.yamlsource import read_yaml
from conftest import MINIMAL, ROOT, run_cli, write_site

CASES = Path(__file__).parent / "cases"
SCHEMAS = {name: schema_for(cls, name) for name, cls in FILES.items()}
# Which schema each content file is checked against (`editions/<name>/` is laid out like the top level).
FILE_SCHEMAS = {"site.yaml": "site", "categories/*.yaml": "category", "shortlist/*.yaml": "shortlist",
                "judges.yaml": "judges", "editions/*/edition.yaml": "edition", "editions/*/judges.yaml": "judges",
                "editions/*/categories/*.yaml": "category", "editions/*/shortlist/*.yaml": "shortlist"}
# Problems no single-file schema can see: they span files, fields or the file name.
BEYOND_SCHEMA = {
    "unknown-category": "a shortlist naming a category is a rule across files",
    "weights-not-100": "weights adding up to 100 is a rule across fields",
    "bad-slug": "the file name is not part of the file",
    "yml-extension": "the file name is not part of the file",
    "tag-characters": "tag characters lie beyond U+FFFF, where a portable JSON Schema pattern cannot reach",
    "category-closes-before-opening": "a deadline after the opening is a rule across fields (and files)",
    "milestones-out-of-order": "milestones in order is a rule across fields",
    "judge-on-unknown-category": "a judge naming a category is a rule across files",
    "missing-judge-photo": "whether a picture exists is not in the file",
    "past-edition-without-edition-name": "site.yaml needing `edition` when editions/ exists is a rule across files",
    "edition-named-like-current": "two editions with one name is a rule across files",
    "unknown-timezone": "which time zones exist is the computer's time zone database, not a pattern",
    "brand-low-contrast": "a colour's contrast with white is arithmetic, not a pattern",
    "group-missing": "a category needing a group when site.yaml has groups is a rule across files",
    "unknown-group": "a category naming a group is a rule across files",
}


def as_json(text: str) -> object:
    """A YAML document as VS Code's YAML extension sees it: YAML 1.2's core schema, where an unquoted
    `2025` is a number and `true` a boolean, and a quoted value is always text."""
    return _resolved(yaml.compose(text, Loader=yaml.SafeLoader))


def _resolved(node: yaml.Node | None) -> object:
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {key.value: _resolved(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_resolved(item) for item in node.value]
    text = node.value
    if node.style:  # quoted, or a block after `|` or `>`
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if re.fullmatch(r"true|True|TRUE|false|False|FALSE", text):
        return text.lower() == "true"
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"0o[0-7]+|0x[0-9a-fA-F]+", text):
        return int(text[2:], 8 if text[1] == "o" else 16)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", text):
        return float(text)
    if re.fullmatch(r"[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)", text):
        return float(text.replace(".", ""))
    return text


def schema_verdict(folder: Path) -> bool | None:
    """True if every content file passes its schema (with site.yaml's vocabularies, as `build.py schema` writes
    them); None if some file is not readable YAML, or site.yaml is not valid (no vocabularies to write)."""
    try:
        site = site_of(folder)
    except ContentError:
        return None
    schemas = {name: schema_for(cls, name, site) for name, cls in FILES.items()}
    verdicts = []
    for pattern, kind in FILE_SCHEMAS.items():
        for path in sorted(folder.glob(pattern)):
            problems = Problems()
            read_yaml(path, path.relative_to(folder).as_posix(), problems)  # readable by check's own reader
            if problems.items:
                return None
            verdicts.append(jsonschema.Draft7Validator(schemas[kind]).is_valid(as_json(path.read_text())))
    return all(verdicts)


def test_schemas_are_valid_draft_07_and_committed_current() -> None:
    for name, schema in SCHEMAS.items():
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#" and "$defs" not in json.dumps(schema)
        jsonschema.Draft7Validator.check_schema(schema)
        committed = ROOT / "schemas" / f"{name}.schema.json"
        assert committed.read_text() == dump(schema), "run `python build.py schema` and commit schemas/"


def test_schema_command_writes_the_same_files(tmp_path: Path) -> None:
    assert run_cli("schema", "--source", str(tmp_path)).returncode == 0
    for name in FILES:
        assert (tmp_path / "schemas" / f"{name}.schema.json").read_text() == (
            ROOT / "schemas" / f"{name}.schema.json").read_text()


def test_schemas_reject_unknown_keys_and_missing_ones() -> None:
    validator = jsonschema.Draft7Validator(SCHEMAS["shortlist"])
    good = {"entries": [{"organisation": "A", "title": "B", "synopsis": "C"}]}
    assert validator.is_valid(good)
    assert not validator.is_valid({"entries": [{"organisation": "A", "title": "B", "synopsis": "C", "tilte": "x"}]})
    assert not validator.is_valid({"entries": [{"organisation": "A", "title": "B"}]})
    assert not validator.is_valid({**good, "extra": 1})


def test_example_content_passes_its_schemas_and_names_them() -> None:
    assert schema_verdict(ROOT) is True
    riverside = ROOT / "examples" / "riverside-awards"  # editions, judges, its own results and focus areas
    assert (riverside / "judges.yaml").is_file() and list(riverside.glob("editions/*/edition.yaml"))
    assert schema_verdict(riverside) is True
    for path in [ROOT / "site.yaml", *ROOT.glob("categories/*.yaml"), *ROOT.glob("shortlist/*.yaml")]:
        first = path.read_text().splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()), ids=str)
def test_schema_and_check_agree_on_every_invalid_case(case: str, tmp_path: Path) -> None:
    content = write_site(tmp_path / "content", {})
    shutil.copytree(CASES / case, content, dirs_exist_ok=True)
    (content / "expected.txt").unlink()
    assert run_cli("check", cwd=content).returncode == 1
    verdict = schema_verdict(content)
    if verdict is None:
        return  # not readable YAML: the editor's YAML extension flags the syntax itself
    if case in BEYOND_SCHEMA:
        assert verdict is True, f"{case} is now caught by the schema: remove it from BEYOND_SCHEMA"
    else:
        assert verdict is False, f"the schema accepts {case}, which check rejects"


def test_scratch_site_passes_both(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch()
    assert run_cli("check", cwd=folder).returncode == 0 and schema_verdict(folder) is True
    assert json.loads(json.dumps(SCHEMAS))  # plain JSON, as editors' tools load it


VOCABULARY_SITE = MINIMAL["site.yaml"] + """\
results:
  - slug: gold
    label: Gold
  - slug: silver
    label: Silver
  - slug: finalist
    label: Finalist
focus_areas:
  - slug: maternity
    label: Maternity care
"""


def entry_schema(folder: Path) -> Any:
    """The Entry definition of the shortlist schema written for `folder`'s site.yaml."""
    write_all(folder / "schemas", site_of(folder))
    return json.loads((folder / "schemas" / "shortlist.schema.json").read_text())["definitions"]["Entry"]["properties"]


def test_the_results_and_focus_areas_of_site_yaml_reach_the_schema(scratch) -> None:  # type: ignore[no-untyped-def]
    folder = scratch({"site.yaml": VOCABULARY_SITE})
    properties = entry_schema(folder)
    assert properties["result"]["anyOf"] == [{"enum": ["gold", "silver", "finalist"]}, {"type": "null"}]
    assert properties["focus_areas"]["items"] == {"enum": ["maternity"]}
    validator = jsonschema.Draft7Validator(json.loads((folder / "schemas" / "shortlist.schema.json").read_text()))
    entry = {"organisation": "A", "title": "B", "synopsis": "C"}
    assert validator.is_valid({"entries": [{**entry, "result": "gold", "focus_areas": ["maternity"]}]})
    assert not validator.is_valid({"entries": [{**entry, "result": "winner"}]})
    assert not validator.is_valid({"entries": [{**entry, "focus_areas": ["maternty"]}]})


def test_without_a_vocabulary_the_schema_has_the_default_results_and_any_focus_area_slug(tmp_path: Path) -> None:
    defaults = [slug for slug, _, _ in model.DEFAULT_RESULTS]
    for folder in (write_site(tmp_path / "site", {}), tmp_path / "no-site"):  # site.yaml without them; none at all
        folder.mkdir(exist_ok=True)
        properties = entry_schema(folder)
        assert properties["result"]["anyOf"][0] == {"enum": defaults}
        assert properties["focus_areas"]["items"]["pattern"] == model.SLUG_PATTERN


def test_schemas_for_every_file_kind_are_written_and_a_bad_site_yaml_is_reported(tmp_path: Path) -> None:
    written = write_all(tmp_path / "schemas")
    assert sorted(p.name for p in written) == sorted(f"{name}.schema.json" for name in
                                                      ("site", "category", "shortlist", "edition", "judges"))
    judges = json.loads((tmp_path / "schemas" / "judges.schema.json").read_text())
    assert judges["title"] == "judges.yaml" and set(judges["properties"]) == {"chair", "judges"}
    (tmp_path / "site.yaml").write_text(MINIMAL["site.yaml"] + "results:\n  - slug: Gold\n    label: Gold\n")
    with pytest.raises(ContentError, match="`slug` should be lower-case letters"):
        site_of(tmp_path)

