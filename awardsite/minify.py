"""The tool's own stylesheet and scripts, published without their comments and indentation.

They are commented for whoever changes them; visitors need none of it, and every page
fetches site.css. Only the built-in theme's files are shortened, by rules that suit how
they are written; a site's own assets are published byte for byte.
"""

from __future__ import annotations

import re

_STRING = r"(\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*')"  # a quoted string, kept whole
_COMMENT_OR_STRING = re.compile(_STRING + r"|/\*.*?\*/", re.S)  # one pass: a `/*` inside a string is text
_PUNCTUATION = re.compile(r"\s*([{};,>])\s*")  # no space is needed around these


def css(text: str) -> str:
    """A stylesheet without comments, and with white space only where it means something."""
    uncommented = _COMMENT_OR_STRING.sub(lambda m: m.group(1) or " ", text)
    parts = re.split(_STRING, uncommented)  # odd parts are strings: `content: " > "` keeps its spaces
    return "".join(part if i % 2 else _tighten(part) for i, part in enumerate(parts)).strip() + "\n"


def _tighten(code: str) -> str:
    """Each run of white space as one space (kept at the ends, next to a string), none around punctuation."""
    spaced = " " * code[:1].isspace() + " ".join(code.split()) + " " * (code[-1:].isspace() and bool(code.strip()))
    return _PUNCTUATION.sub(r"\1", spaced)


def js(text: str) -> str:
    """A script without its comment lines, blank lines and indentation; line breaks stay, so it means the same."""
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"
