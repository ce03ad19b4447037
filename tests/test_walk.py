"""walk.py: the fields a walk of the content model looks into, from the model's type hints."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Iterator

import pytest
from conftest import EXAMPLES

from awardsite import references
from awardsite.content import load
from awardsite.model import Category, Entry, Partner, Shortlist, Site, Where
from awardsite.walk import record_fields



def every_object(value: Any) -> Iterator[Any]:
    """Every model object in `value`, looking into every field whatever it holds."""
    if isinstance(value, tuple):
        for item in value:
            yield from every_object(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, (type, Where)):
        yield value
        for field in dataclasses.fields(value):
            if field.name != "where":
                yield from every_object(getattr(value, field.name))


@pytest.mark.parametrize("source", EXAMPLES, ids=lambda p: p.name)
def test_looking_only_into_record_fields_finds_every_object(source: Path) -> None:
    content = load(source)
    roots = [content.site, *content.pages, *content.news]
    for edition in content.editions:
        roots += [edition.info, *edition.categories, *edition.shortlists.values(), edition.panel]
    found = [[id(obj) for obj in references._objects(root)] for root in roots if root is not None]
    assert found == [[id(obj) for obj in every_object(root)] for root in roots if root is not None]
    assert sum(map(len, found)) > len(roots)


def test_record_fields_are_those_whose_type_can_hold_a_model_object() -> None:
    assert record_fields(Entry) == ()  # texts and tags only: 10,000 entries are not looked into
    assert record_fields(Shortlist) == ("entries",)
    assert {"partner", "partners", "criteria", "stages", "contacts", "key_dates"} <= set(record_fields(Category))
    assert "title" not in record_fields(Category) and "where" not in record_fields(Category)
    assert record_fields(Partner) == ("logo",)  # Optional[Picture]
    assert {"labels", "brand", "accessibility", "organisers", "groups"} <= set(record_fields(Site))
