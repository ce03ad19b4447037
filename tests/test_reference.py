"""The format reference's field tables are generated from the model and kept current."""

from __future__ import annotations

import dataclasses

from awardsite import model
from awardsite.reference import DOC, field_table, render_doc


def test_committed_format_reference_is_current() -> None:
    text = DOC.read_text()
    assert render_doc(text) == text, "run `python -m awardsite.reference` and commit docs/format.md"


def test_every_model_class_has_a_table_and_every_field_a_row() -> None:
    text = DOC.read_text()
    for cls in (model.Site, model.Contact, model.Category, model.Criterion, model.Partner, model.Shortlist, model.Entry,
                model.KeyDate):
        assert f"<!-- fields: {cls.__name__} -->" in text
        table = field_table(cls)
        assert all(f"| `{f.name}` |" in table for f in dataclasses.fields(cls) if not f.metadata.get("derived"))
