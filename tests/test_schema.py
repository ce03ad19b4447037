"""The JSON Schemas: generated from the model, current, and agreeing with `build.py check`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from awardsite.errors import Problems
from awardsite.schema import FILES, dump, schema_for
from awardsite.yamlsource import Mapping, Node, Scalar, read_yaml
from conftest import ROOT, run_cli, write_site

CASES = Path(__file__).parent / "cases"
SCHEMAS = {name: schema_for(cls, name) for name, cls in FILES.items()}
# Problems no single-file schema can see: they span files, fields or the file name.
BEYOND_SCHEMA = {
    "unknown-category": "a shortlist naming a category is a rule across files",
    "weights-not-100": "weights adding up to 100 is a rule across fields",
    "bad-slug": "the file name is not part of the file",
    "yml-extension": "the file name is not part of the file",
    "tag-characters": "tag characters lie beyond U+FFFF, where a portable JSON Schema pattern cannot reach",
}


def as_json(node: Node) -> object:
    """A node as VS Code's YAML extension sees it (YAML 1.2 core schema)."""
    if isinstance(node, Mapping):
        return {key: as_json(value) for key, (_, value) in node.entries.items()}
    if not isinstance(node, Scalar):
        return [as_json(item) for item in node.items]
    text = node.text
    if text is None:
        return None
    if re.fullmatch(r"[-+]?[0-9]+", text):
        return int(text)
    if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", text):
        return float(text)
    return {"true": True, "false": False}.get(text.lower(), text)


def schema_verdict(folder: Path) -> bool | None:
    """True if every content file passes its schema; None if some file is not readable YAML."""
    verdicts = []
    for pattern, kind in {"site.yaml": "site", "categories/*.yaml": "category", "shortlist/*.yaml": "shortlist"}.items():
        for path in sorted(folder.glob(pattern)):
            problems = Problems()
            tree = read_yaml(path, path.relative_to(folder).as_posix(), problems)
            if problems.items:
                return None
            verdicts.append(jsonschema.Draft202012Validator(SCHEMAS[kind]).is_valid(as_json(tree)))
    return all(verdicts)


def test_schemas_are_valid_draft_2020_12_and_committed_current() -> None:
    for name, schema in SCHEMAS.items():
        jsonschema.Draft202012Validator.check_schema(schema)
        committed = ROOT / "schemas" / f"{name}.schema.json"
        assert committed.read_text() == dump(schema), "run `python build.py schema` and commit schemas/"


def test_schema_command_writes_the_same_files(tmp_path: Path) -> None:
    assert run_cli("schema", "--source", str(tmp_path)).returncode == 0
    for name in FILES:
        assert (tmp_path / "schemas" / f"{name}.schema.json").read_text() == (
            ROOT / "schemas" / f"{name}.schema.json").read_text()


def test_schemas_reject_unknown_keys_and_missing_ones() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMAS["shortlist"])
    good = {"entries": [{"organisation": "A", "title": "B", "synopsis": "C"}]}
    assert validator.is_valid(good)
    assert not validator.is_valid({"entries": [{"organisation": "A", "title": "B", "synopsis": "C", "tilte": "x"}]})
    assert not validator.is_valid({"entries": [{"organisation": "A", "title": "B"}]})
    assert not validator.is_valid({**good, "extra": 1})


def test_example_content_passes_its_schemas_and_names_them() -> None:
    assert schema_verdict(ROOT) is True
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
