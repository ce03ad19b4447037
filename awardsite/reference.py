"""The format reference's field tables, written from the model so docs never drift.

docs/format.md holds marker pairs `<!-- fields: Name -->` ... `<!-- end fields -->`;
`python -m awardsite.reference` rewrites what is between them, and a test checks
that the committed file is current.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import typing
from pathlib import Path
from typing import Any, Literal, Union

from . import model

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"
_MARKERS = re.compile(r"(<!-- fields: (\w+) -->\n).*?(<!-- end fields -->)", re.S)


def describe_type(tp: Any) -> str:
    """A type as an editor would say it: text, markdown, a list of contacts..."""
    origin = typing.get_origin(tp)
    if origin is Union:
        return " or ".join(describe_type(a) for a in typing.get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"list of {describe_type(typing.get_args(tp)[0])}"
    if origin is typing.Annotated:
        kinds = {"markdown": "markdown", "url": "http(s) address", "email": "email address",
                 "percent": "whole number 0–100", **{k: v[1] for k, v in model.PATTERNS.items()}}
        return kinds[typing.get_args(tp)[1]]
    if origin is Literal:
        return " \\| ".join(f"`{c}`" for c in typing.get_args(tp))
    if model.is_record(tp):
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", tp.__name__).lower()  # KeyDate -> key date
    return {str: "text", int: "whole number"}[tp]


def field_table(cls: type) -> str:
    """A markdown table of `cls`'s keys: name, type, required, meaning."""
    hints = typing.get_type_hints(cls, include_extras=True)
    rows = ["| key | type | required | what it is |", "|---|---|---|---|"]
    for f in dataclasses.fields(cls):
        if f.metadata.get("derived"):
            continue
        required = "yes" if f.default is dataclasses.MISSING else "no"
        if f.default not in (dataclasses.MISSING, None, ()):
            required += f" (default `{f.default}`)"
        rows.append(f"| `{f.name}` | {describe_type(hints[f.name])} | {required} | {f.metadata['doc']} |")
    return "\n".join(rows) + "\n"


def render_doc(text: str) -> str:
    """`text` with every marked table rewritten from the model."""
    return _MARKERS.sub(lambda m: m.group(1) + field_table(getattr(model, m.group(2))) + m.group(3), text)


if __name__ == "__main__":
    DOC.write_text(render_doc(DOC.read_text()))
    sys.exit(0)
