"""The JSON Schema fragments of the value kinds that need more than the model's pattern.

kinds.py gives each kind its schema from here, so the schemas editors' tools read say what
`check` says: text is a string (never a number or `true`), a whole number may be quoted
(`order: "3"`), and a date is a day on the calendar (no `2025-02-30`). Every pattern is
written for both Python and JavaScript regexes, as VS Code's YAML extension runs them.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from . import model

_YEAR = r"(19[0-9]{2}|2[01][0-9]{2}|2200)"  # the years of model.DATE_PATTERN
# Multiples of 4 from 1904 to 2196, less the centuries that are not leap years (1900, 2100, 2200).
_LEAP_YEAR = r"((19|20|21)(0[48]|[2468][048]|[13579][26])|2000)"
_MONTH_DAY = r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))"
CALENDAR_DATE = rf"({_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_ANY_PORT = "(:[0-9]{0,5})?"
_PORT = "(:0*([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])?)?"
_CLOCK = r"([01][0-9]|2[0-3]):[0-5][0-9]"  # the time of model.PATTERNS["moment"]

# What YAML 1.2 (the core schema VS Code's YAML extension follows) reads an unquoted value as.
_YAML_NUMBER = re.compile(r"[-+]?([0-9]+|(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?)|0o[0-7]+|0x[0-9a-fA-F]+"
                          r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_YAML_BOOLEAN = re.compile(r"true|True|TRUE|false|False|FALSE")


def yaml_reads(text: str) -> Optional[str]:
    """What other YAML tools read an unquoted `text` as, when not text: `a number` or `true or false`."""
    if _YAML_NUMBER.fullmatch(text):
        return "a number"
    return "true or false" if _YAML_BOOLEAN.fullmatch(text) else None


def unquoted_problem(schema: dict[str, Any], text: str) -> Optional[str]:
    """Why an unquoted `text` is refused where a value of `schema` goes, or None.

    The reader keeps the exact text, so `title: 2025` is the title `2025`; but editors' YAML tools
    (and the schemas) read a number there, and `true` as a boolean. For the schemas and `check` to
    agree, a value written without quotes that those tools read as something the schema does not take
    is refused, saying to put it in quotes. Meant for the validator, for scalars written unquoted.
    """
    reads = yaml_reads(text)
    if reads is None or "anyOf" in schema or "enum" in schema:  # a number kind takes numbers; a choice says its own
        return None
    if reads == "a number" and "integer" in schema.get("type", ()) and re.fullmatch(r"[-+]?[0-9]+", text):
        return None  # `edition: 2025`
    return f"`{text}` reads as {reads} to VS Code and other YAML tools: write it in quotes, `\"{text}\"`"


def text_schema(pattern: str = r"\S") -> dict[str, Any]:
    """Text: a string only (so editors are not offered `true`), not blank, without hidden characters.

    The validator also refuses tag characters (model.TAG_CHARACTERS), which lie beyond U+FFFF
    where a portable pattern cannot reach.
    """
    return {"type": "string", "pattern": pattern, "not": {"pattern": model.HIDDEN_CHARACTERS},
            "patternErrorMessage": "should not be empty"}


def pattern_schema(kind: str) -> dict[str, Any]:
    """A kind of text checked by its pattern (model.PATTERNS); a date or moment on the calendar too."""
    pattern = model.PATTERNS[kind][0]
    if kind == "date":
        pattern = f"^{CALENDAR_DATE}$"
    elif kind == "moment":
        pattern = f"^{CALENDAR_DATE}( {_CLOCK})?$"
    return {"type": "string", "pattern": pattern, "patternErrorMessage": plain(f"should be {model.PATTERNS[kind][2]}")}


def address_schema(kind: str) -> dict[str, Any]:
    """An address (`url`) or an email address: its pattern, and no hidden characters, as check says."""
    pattern = model.URL_PATTERN if kind == "url" else model.EMAIL_PATTERN
    if kind == "url":  # a port is a number up to 65535, as Python's URL parser reads it
        assert _ANY_PORT in pattern, "model.URL_PATTERN changed: update schemaforms.address_schema"
        pattern = pattern.replace(_ANY_PORT, _PORT)
    wanted = "an http:// or https:// address" if kind == "url" else "a plain email address, like name@example.org"
    return {"type": "string", "pattern": pattern, "not": {"pattern": model.HIDDEN_CHARACTERS},
            "patternErrorMessage": f"should be {wanted}"}


def number_schema(name: str) -> dict[str, Any]:
    """A whole number in the kind's range (model.NUMBERS), or the same written in quotes: `"3"`, `"30%"`."""
    low, high, wanted = model.NUMBERS[name]
    digits = _digits_up_to(high)
    if low < 0:  # a range symmetric about 0 (model.NUMBERS): a sign and the same digits
        written = rf"[-+]?{digits}"
    else:  # 0 and up: `-0` is still 0
        written = rf"(\+?{digits}|-0+)"
    percent = "( ?%)?" if name == "percent" else ""
    return {"anyOf": [{"type": "integer", "minimum": low, "maximum": high},
                      {"type": "string", "pattern": rf"^{written}(\.0+)?{percent}$",
                       "patternErrorMessage": f"should be {wanted}"}]}


def _digits_up_to(high: int) -> str:
    """A pattern for the whole numbers 0 to `high` (999999 or 100), leading zeros allowed."""
    if high == 100:
        return "0*(100|[1-9]?[0-9])"
    if str(high) == "9" * len(str(high)):
        return f"0*[0-9]{{1,{len(str(high))}}}"
    raise ValueError(f"no pattern for numbers up to {high}")


def plain(text: str) -> str:
    """A description for tools that show plain text: without markdown's backticks."""
    return text.replace("`", "")
