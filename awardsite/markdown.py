"""Markdown to HTML for content fields: raw HTML off, tables, footnotes, local pictures.

markdown-it-py's default preset passes raw HTML through, so the renderer is built
from the `commonmark` preset with `html` switched off: `<script>` in content comes
out as the visible text `&lt;script&gt;`. Nothing rendered carries a `style`
attribute or a picture from another site: the CSP (`style-src 'self'; img-src 'self'`)
would block both.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup
from mdit_py_plugins.footnote import footnote_plugin

from .urls import is_safe_link

Media = Callable[[str], tuple[str, int, int] | None]  # media name -> (public URL, width, height)

WORDS = {"notes": "Notes", "back_to_reference": "Back to reference {n}", "table": "Table"}
SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_MEDIA_PREFIXES = ("media/", "./media/", "/media/", "../media/")  # ../ so VS Code previews pages/*.md


def _make() -> MarkdownIt:
    """The renderer: commonmark, raw HTML off, tables and footnotes on, this module's render rules."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable(["html_block", "html_inline"])  # with raw HTML off they only say no, 230,000 times at 10,000 entries
    # No inline `^[...]` notes: `inline()` has nowhere to put a list of notes.
    footnote_plugin(md, inline=False)
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    # Content headings sit under the page's own h1 and section h2.
    md.core.ruler.push("shift_headings", _shift_headings)
    md.core.ruler.push("table_classes", _table_classes)
    rules: dict[str, Callable[..., str]] = {
        "footnote_ref": _footnote_ref, "footnote_block_open": _notes_open, "footnote_block_close": _notes_close,
        "footnote_open": _note_open, "footnote_anchor": _back_link,
        "table_open": _table_open, "table_close": _table_close, "image": _image,
    }
    for name, rule in rules.items():
        md.add_render_rule(name, rule)
    return md


def _shift_headings(state: StateCore) -> None:
    """Make `#` an h3 (env["top"]): a field sits under the page's h1 and a section's h2."""
    top = state.env.get("top", 3)
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + top - 1, 6)}"


# Footnotes: ids carry the field's prefix (env["ids"]) so several fields on a page never clash.

def _ref_id(env: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """The id of a reference to a note; a note referred to twice has `-2` on its second."""
    sub = meta.get("subId", 0)
    return f"{env['ids']}-ref{meta['id'] + 1}" + (f"-{sub + 1}" if sub > 0 else "")


def _footnote_ref(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """A numbered link to its note, described by the list's heading ("1, Notes")."""
    meta, ids = tokens[idx].meta, env["ids"]
    return (f'<sup class="footnote-ref"><a href="#{ids}-note{meta["id"] + 1}" id="{_ref_id(env, meta)}" '
            f'aria-describedby="{ids}-notes">{meta["id"] + 1}</a></sup>')


def _notes_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """The labelled list of notes; h3 like a field's own `#` heading (see _shift_headings)."""
    ids, title, level = env["ids"], escapeHtml(env["words"]["notes"]), env.get("top", 3)
    return (f'<section class="footnotes" aria-labelledby="{ids}-notes">\n'
            f'<h{level} id="{ids}-notes" class="footnotes__title">{title}</h{level}>\n<ol class="footnotes__list">\n')


def _notes_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """End the list of notes."""
    return "</ol>\n</section>\n"


def _note_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """One note, the target of its references."""
    return f'<li id="{env["ids"]}-note{tokens[idx].meta["id"] + 1}" class="footnotes__item">'


def _back_link(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """A link back to one reference, named in words: a bare ↩ would be read as "leftwards arrow"."""
    meta = tokens[idx].meta
    n = str(meta["id"] + 1) + (f" ({meta['subId'] + 1})" if meta["subId"] > 0 else "")
    label = escapeHtml(env["words"]["back_to_reference"].replace("{n}", n))  # not format(): no {n.attr}
    # U+FE0E keeps the arrow a text glyph, not an emoji, on iOS.
    return f' <a href="#{_ref_id(env, meta)}" class="footnote-backref" aria-label="{label}">\u21a9\ufe0e</a>'


# Tables: alignment as a class, each table in a labelled region that scrolls and takes focus.

def _table_classes(state: StateCore) -> None:
    """Column alignment as `align-*` classes, and each table's label from its header row."""
    headers: list[str] = []
    for before, token in zip([None, *state.tokens], state.tokens):
        if token.type == "table_open":
            headers = token.meta["headers"] = []
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrs.pop("style", ""))
            if style.startswith("text-align:"):
                token.attrJoin("class", "align-" + style.removeprefix("text-align:"))
        elif token.type == "inline" and before is not None and before.type == "th_open":
            headers.append(" ".join(_words(token.children or []).split()))


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """Wrap the table in a region keyboard users can scroll (axe: scrollable-region-focusable)."""
    headers = [h for h in tokens[idx].meta.get("headers", []) if h]
    words = env.get("words", WORDS)
    label = escapeHtml(f"{words['table']}: {', '.join(headers)}" if headers else words["table"])
    return (f'<div class="table-scroll" role="region" tabindex="0" aria-label="{label}">\n'
            + str(self.renderToken(tokens, idx, options, env)))


def _table_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """Close the table and its region."""
    return str(self.renderToken(tokens, idx, options, env)) + "</div>\n"


# Pictures: only files under media/, sized so the page does not jump as they load.

def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Mapping[str, Any]) -> str:
    """An <img> of a media file the caller knows, else just its alt text: never a remote src."""
    token = tokens[idx]
    alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env))
    name, media = media_name(str(token.attrGet("src") or "")), env.get("media")
    found = media(name) if media is not None and name else None
    if found is None:
        return alt
    url, width, height = found
    return (f'<img src="{escapeHtml(url)}" alt="{alt}" width="{int(width)}" height="{int(height)}" '
            'loading="lazy" decoding="async" class="md-image">')


def media_name(src: str) -> str | None:
    """The name under media/ that a picture's address means (`media/a/x.png` -> `a/x.png`), or None."""
    if "?" in src or "#" in src or "\\" in src:
        return None
    path = unquote(src)
    prefix = next((p for p in _MEDIA_PREFIXES if path.startswith(p)), None)
    name = path[len(prefix):] if prefix else ""
    parts = name.split("/")
    if not name or not name.isprintable() or any(part in ("", ".", "..") for part in parts):
        return None
    return name


_MD = _make()
_SCAN = _make()
_SCAN.validateLink = lambda url: True  # type: ignore[method-assign]  # find every picture, even unsafe ones


def _env(ids: str, words: Mapping[str, str] | None, media: Media | None, top: int = 3) -> dict[str, Any]:
    """What the rules read: the id prefix, the words for the reader's language, pictures, the top heading level."""
    return {"ids": re.sub(r"\s+", "-", escapeHtml(ids)), "words": {**WORDS, **(words or {})}, "media": media,
            "top": min(max(top, 2), 6)}


def markdown(text: str, media: Media | None = None, ids: str = "", words: Mapping[str, str] | None = None,
             top: int = 3) -> Markup:
    """Render a markdown field as block HTML; footnote ids start with `ids` (default: from the text).

    `#` becomes an h`top`: h3 for a field under a section's h2, h2 for a page's body under its h1.
    """
    prefix = ids or "md-" + hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:8]
    return Markup(_MD.render(text, _env(prefix, words, media, top)))


def inline(text: str, media: Media | None = None) -> Markup:
    """Render one line of markdown without a surrounding paragraph."""
    return Markup(_MD.renderInline(text.strip(), _env("md", None, media)))


def image_problems(text: str) -> list[tuple[int, str]]:
    """(line from 1, message) for each picture that would not show, or shows without alt text."""
    if "![" not in text:  # runs on every markdown field: most have no pictures
        return []
    problems = []
    for line, src, alt in _images(text):
        where = _where_problem(src)
        if where:
            problems.append((line, where))
        if not alt.strip():
            problems.append((line, "a picture needs alt text saying what it shows: `![what it shows](media/x.png)`"))
    return problems


def image_names(text: str) -> list[str]:
    """The media-relative names of the local pictures `text` uses, each once, in order."""
    if "![" not in text:
        return []
    return list(dict.fromkeys(name for _, name in image_lines(text)))


def image_lines(text: str) -> list[tuple[int, str]]:
    """(line from 1, media-relative name) of each local picture, reference-style ones included."""
    if "![" not in text:
        return []
    found = ((line, media_name(src)) for line, src, _ in _images(text))
    return [(line, name) for line, name in found if name]


def _where_problem(src: str) -> str | None:
    """Why a picture's address would show nothing, or None."""
    if _SCHEME.match(src) or src.startswith("//"):
        return (f"`{src}` is not shown: pictures from other sites are not shown, as the site's "
                "Content-Security-Policy allows only its own files; save the picture under `media/` "
                "and write `![what it shows](media/name.png)`")
    name = media_name(src)
    if name is None:
        return f"`{src}` is not under `media/`: put the picture in the `media/` folder and write `![what it shows](media/name.png)`"
    if not name.lower().endswith(SUFFIXES):
        return f"`{src}` is not a picture a browser shows: use a .png, .jpg, .jpeg, .gif, .webp or .avif file"
    return None


def _images(text: str) -> list[tuple[int, str, str]]:
    """(line from 1, address as written, alt text) of every picture, inline or reference-style."""
    found = []
    for block in _SCAN.parse(text, _env("md", None, None)):
        if block.type != "inline" or not block.map:
            continue
        line = block.map[0] + 1
        for child in block.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1  # a line of the block ends here
            elif child.type == "image":
                found.append((line, unquote(str(child.attrGet("src") or "")), _words(child.children or [])))
    return found


def _words(children: Sequence[Token]) -> str:
    """The text a reader sees in inline tokens: no markup, footnote markers or pictures."""
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


@functools.lru_cache(maxsize=4096)  # a category's summary is on its page, the home page and in each build's list
def first_sentence(text: str) -> str:
    """The first sentence of a markdown field's first paragraph, as plain text."""
    paragraph = _plain_text(text).split("\n\n")[0]
    return _SENTENCE_END.split(" ".join(paragraph.split()), maxsplit=1)[0]


def _plain_text(text: str) -> str:
    """Each block's words, blocks apart by a blank line; the notes are left out."""
    tokens = _MD.parse(text.strip(), _env("md", None, None))
    notes = next((i for i, token in enumerate(tokens) if token.type == "footnote_block_open"), len(tokens))
    return "\n\n".join(_words(token.children or []) for token in tokens[:notes] if token.type == "inline")
