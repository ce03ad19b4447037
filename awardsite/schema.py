"""JSON Schemas (draft 2020-12) for the content files, generated from the model.

Editors' tools (VS Code's YAML extension) read these to complete keys and mark
mistakes as the editor types. They express everything one file can say about
itself; rules across files or fields (a shortlist names a category, weights add
up to 100) are checked only by `build.py check`.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any, Literal, Union

from . import model

FILES = {"site": model.Site, "category": model.Category, "shortlist": model.Shortlist}  # schema name -> root
# YAML may read text as a number; the `not` applies to strings only. The validator also refuses
# tag characters (model.TAG_CHARACTERS), which lie beyond U+FFFF where a portable pattern cannot reach.
_TEXT = {
    "type": ["string", "number", "boolean"], "pattern": r"\S",
    "not": {"type": "string", "pattern": model.HIDDEN_CHARACTERS},
}


def schema_for(cls: type, name: str) -> dict[str, Any]:
    """The whole schema for a file whose top level is `cls`."""
    definitions: dict[str, Any] = {}
    root = _object(cls, definitions)
    schema: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"{name}.schema.json"}
    schema.update(title=f"{name}.yaml" if name == "site" else f"{name} file", **root)
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def write_all(folder: Path) -> list[Path]:
    """Write every schema as `<name>.schema.json` in `folder`; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, cls in FILES.items():
        path = folder / f"{name}.schema.json"
        path.write_text(dump(schema_for(cls, name)))
        written.append(path)
    return written


def dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _object(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, include_extras=True)
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        if f.metadata.get("derived"):
            continue
        optional = f.default is not dataclasses.MISSING
        prop = _type(hints[f.name], f.metadata, definitions)
        properties[f.name] = {"description": f.metadata["doc"], **prop}
        if not optional:
            required.append(f.name)
    result: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        result["required"] = required
    one_of = getattr(cls, "ONE_OF", ())
    if one_of:
        result["anyOf"] = [{"required": [k]} for k in one_of]
    return result


def _type(tp: Any, meta: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin is Union:
        options = [_type(a, meta, definitions) for a in typing.get_args(tp) if a is not type(None)]
        options.append({"type": "null"})  # an optional key may be left empty
        return {"anyOf": options}
    if origin is tuple:
        items = {"type": "array", "items": _type(typing.get_args(tp)[0], {}, definitions)}
        return {**items, "minItems": meta["min_items"]} if meta.get("min_items") else items
    if model.is_record(tp):
        definitions.setdefault(tp.__name__, None)
        definitions[tp.__name__] = _object(tp, definitions)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    if origin is Literal:
        return {"enum": list(typing.get_args(tp))}
    kind = typing.get_args(tp)[1] if origin is typing.Annotated else None
    if kind == "url":
        return {"type": "string", "pattern": model.URL_PATTERN}
    if kind == "email":
        return {"type": "string", "pattern": model.EMAIL_PATTERN}
    if kind in model.PATTERNS:
        return {"type": "string", "pattern": model.PATTERNS[kind][0]}
    if (typing.get_args(tp)[0] if kind else tp) is int:
        low, high, _ = model.NUMBERS[kind or "number"]
        return {"type": "integer", "minimum": low, "maximum": high}
    return dict(_TEXT)
