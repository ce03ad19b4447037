"""Markdown to HTML for content fields: raw HTML off, tables on, unsafe links dropped.

markdown-it-py's default preset passes raw HTML through, so the renderer is built
from the `commonmark` preset with `html` switched off: `<script>` in content comes
out as the visible text `&lt;script&gt;`.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markupsafe import Markup

from .urls import is_safe_link

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _make() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    # Content headings sit under the page's own h1 and section h2.
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


def _shift_headings(state) -> None:  # type: ignore[no-untyped-def]
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 2, 6)}"


_MD = _make()


def markdown(text: str) -> Markup:
    """Render a markdown field as block HTML."""
    return Markup(_MD.render(text))


def inline(text: str) -> Markup:
    """Render one line of markdown without a surrounding paragraph."""
    return Markup(_MD.renderInline(text.strip()))


def first_sentence(text: str) -> str:
    """The first sentence of a markdown field's first paragraph, as plain text."""
    paragraph = text.strip().split("\n\n")[0]
    plain = " ".join(_plain_text(paragraph).split())
    return _SENTENCE_END.split(plain, maxsplit=1)[0]


def _plain_text(text: str) -> str:
    tokens = _MD.parseInline(text)
    parts = []
    for token in tokens:
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
    return "".join(parts)
