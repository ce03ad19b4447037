"""The format reference's field tables, written from the model so docs never drift.

docs/format.md holds marker pairs `<!-- fields: Name -->` ... `<!-- end fields -->`;
`python -m awardsite.reference` rewrites what is between them, and a test checks
that the committed file is current.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from . import kinds, model
from .kinds import Either, ListOf, Record, Shape

DOC = Path(__file__).resolve().parent.parent / "docs" / "format.md"
_MARKERS = re.compile(r"(<!-- fields: (\w+) -->\n).*?(<!-- end fields -->)", re.S)


def describe(shape: Shape) -> str:
    """A shape as an editor would say it: text, markdown, a list of contacts..."""
    if isinstance(shape, Either):
        return " or ".join(describe(option) for option in shape.options)
    if isinstance(shape, ListOf):
        return f"list of {describe(shape.item)}"
    if isinstance(shape, Record):
        return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", shape.cls.__name__).lower()  # KeyDate -> key date
    return shape.docs


def field_table(cls: type) -> str:
    """A markdown table of `cls`'s keys: name, type, required, meaning."""
    rows = ["| key | type | required | what it is |", "|---|---|---|---|"]
    for key in kinds.keys(cls):
        required = "yes" if key.required else "no"
        if not key.required and key.default not in (None, ()):
            required += f" (default `{key.default}`)"
        rows.append(f"| `{key.name}` | {describe(key.shape)} | {required} | {key.doc} |")
    return "\n".join(rows) + "\n"


def render_doc(text: str) -> str:
    """`text` with every marked table rewritten from the model."""
    return _MARKERS.sub(lambda m: m.group(1) + field_table(getattr(model, m.group(2))) + m.group(3), text)


if __name__ == "__main__":
    DOC.write_text(render_doc(DOC.read_text()))
    sys.exit(0)
