"""JSON Schemas (draft-07, which VS Code's YAML extension supports) for the content files, from the model.

Editors' tools read these to complete keys, offer examples and snippets, and mark
mistakes as the editor types. They express everything one file can say about
itself, plus the programme's vocabularies from site.yaml (its results and focus
areas) when a site is given; other rules across files or fields (a shortlist names
a category, weights add up to 100) are checked only by `build.py check`. Each value's
schema comes from its kind (kinds.py); the help around it from schemahelp.py.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Optional

from . import kinds, model, schemahelp
from .errors import Problems
from .kinds import Either, Kind, ListOf, Record, Shape
from .validate import build
from .yamlsource import read_yaml

# schema name -> the model class of the file's top level
FILES = {"site": model.Site, "category": model.Category, "shortlist": model.Shortlist, "edition": model.Edition,
         "judges": model.Panel}
DRAFT = "http://json-schema.org/draft-07/schema#"
_NAMED_FILES = {"site": "site.yaml", "edition": "edition.yaml", "judges": "judges.yaml"}  # the rest: one per slug


def schema_for(cls: type, name: str, site: Optional[model.Site] = None) -> dict[str, Any]:
    """The whole schema for a file whose top level is `cls`, with `site`'s vocabularies (else the defaults)."""
    walk = _Walk(vocabularies(site))
    root = walk.record(cls)
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": f"{name}.schema.json"}
    schema.update(title=_NAMED_FILES.get(name, f"{name} file"), **root)
    if walk.definitions:
        schema["definitions"] = dict(sorted(walk.definitions.items()))
    return schema


def vocabularies(site: Optional[model.Site]) -> dict[tuple[type, str], list[str]]:
    """(class, key) -> the slugs that key may hold: the site's results, and its focus areas if it lists any."""
    results = [r.slug for r in site.result_names()] if site else [slug for slug, _, _ in model.DEFAULT_RESULTS]
    found: dict[tuple[type, str], list[str]] = {(model.Entry, "result"): results}
    if site and site.focus_areas:  # none listed: any slug, as the check has nothing to hold them to
        found[(model.Entry, "focus_areas")] = [area.slug for area in site.focus_areas]
    return found


def write_all(folder: Path, site: Optional[model.Site] = None) -> list[Path]:
    """Write every schema as `<name>.schema.json` in `folder`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in FILES.items():
        path = folder / f"{name}.schema.json"
        path.write_text(dump(schema_for(cls, name, site)))
        written.append(path)
    return written


def site_of(source: Path) -> Optional[model.Site]:
    """The site.yaml of content folder `source`, for its vocabularies; None without one.

    Only site.yaml is read, so schemas can be written while other files still have problems.
    Raises ContentError if site.yaml itself has problems.
    """
    path = source / "site.yaml"
    if not path.is_file():
        return None
    problems = Problems()
    tree = read_yaml(path, "site.yaml", problems)
    site = build(model.Site, tree, "site.yaml", problems) if tree else None
    problems.raise_if_any()
    return site if isinstance(site, model.Site) else None


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


class _Walk:
    """One schema's walk over the model: the definitions it has made, the vocabularies it applies."""

    def __init__(self, vocabulary: dict[tuple[type, str], list[str]]) -> None:
        self.vocabulary = vocabulary
        self.definitions: dict[str, Any] = {}

    def record(self, cls: type) -> dict[str, Any]:
        properties = {key.name: self.key(cls, key) for key in kinds.keys(cls)}
        required = [key.name for key in kinds.keys(cls) if key.required]
        result: dict[str, Any] = {**schemahelp.record_description(cls), "type": "object", "properties": properties,
                                  "additionalProperties": False}
        if required:
            result["required"] = required
        one_of = getattr(cls, "ONE_OF", ())
        if one_of:
            result["anyOf"] = [{"required": [k]} for k in one_of]
        snippets = schemahelp.snippet(cls)
        if snippets:
            result["defaultSnippets"] = snippets
        return result

    def key(self, cls: type, key: kinds.Key) -> dict[str, Any]:
        """One key's schema: what it may hold, its descriptions and examples (none where a vocabulary applies)."""
        enum = self.vocabulary.get((cls, key.name))
        shape = self.shape(key.shape, key.min_items, enum)
        if "$ref" in shape:  # draft-07 ignores what stands beside a $ref: put it in an allOf
            shape = {"allOf": [shape]}
        found = None if enum else schemahelp.examples(key)
        return {**schemahelp.described(key), **shape, **({"examples": found} if found else {})}

    def shape(self, shape: Shape, min_items: int, enum: Optional[list[str]]) -> dict[str, Any]:
        """The schema of one shape; `enum`, when given, replaces the schema of its scalar kind."""
        if isinstance(shape, Either):
            options = [self.shape(option, min_items, enum) for option in shape.options]
            return {"anyOf": options + [{"type": "null"}] if shape.optional else options}  # optional: may be empty
        if isinstance(shape, ListOf):
            items = {"type": "array", "items": self.shape(shape.item, 0, enum)}
            return {**items, "minItems": min_items} if min_items else items
        if isinstance(shape, Record):
            name = shape.cls.__name__
            if name not in self.definitions:
                self.definitions[name] = None  # claimed first, so a model that nests itself ends
                self.definitions[name] = self.record(shape.cls)
            return {"$ref": f"#/definitions/{name}"}
        return {"enum": list(enum)} if enum is not None else _kind_schema(shape)


def _kind_schema(kind: Kind) -> dict[str, Any]:
    return copy.deepcopy(kind.schema)  # the registry's own stays as it is
