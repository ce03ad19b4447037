"""The format reference's field tables are generated from the model and kept current."""

from __future__ import annotations

import dataclasses

from awardsite import kinds, model
from awardsite.reference import DOC, field_table, render_doc

# Every class of the content model: a dataclass whose fields carry the docs (`spec`).
CONTENT_CLASSES = [cls for cls in vars(model).values() if model.is_record(cls) and cls.__module__ == model.__name__
                   and any("doc" in f.metadata and not f.metadata["derived"] for f in dataclasses.fields(cls))]


def test_committed_format_reference_is_current() -> None:
    text = DOC.read_text()
    assert render_doc(text) == text, "run `python -m awardsite.reference` and commit docs/format.md"


def test_every_model_class_has_a_table_and_every_field_a_row() -> None:
    text = DOC.read_text()
    names = {cls.__name__ for cls in CONTENT_CLASSES}
    assert {"Site", "Edition", "Category", "Entry", "ResultName", "FocusArea", "Judge", "Picture", "Panel"} <= names
    for cls in CONTENT_CLASSES:
        assert f"<!-- fields: {cls.__name__} -->" in text, f"docs/format.md has no table for {cls.__name__}"
        table = field_table(cls)
        assert all(f"| `{f.name}` |" in table for f in dataclasses.fields(cls) if not f.metadata.get("derived"))


def test_the_tables_name_each_kind_as_the_registry_does() -> None:
    rows = {line.split(" | ")[0]: line for line in field_table(model.Site).splitlines()}
    assert f"| {kinds.KINDS['timezone'].docs} | no (default `Europe/London`) |" in rows["| `timezone`"]
    assert f"| {kinds.KINDS['moment'].docs} | no |" in rows["| `entries_close`"]
    assert "| list of result name | no |" in rows["| `results`"]
    assert "| `photo` | picture | no |" in field_table(model.Judge)
    assert "`where`" not in field_table(model.Judge) and "`slug`" not in field_table(model.Panel)  # derived
