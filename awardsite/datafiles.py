"""The site's non-page files: open data (shortlist.json, shortlist.csv) and GitHub Pages files.

The open data covers every edition, as published: the pipeline applies the embargo
before rendering, so an unannounced shortlist, result or citation is never in it.
`shortlist.csv` has exactly the columns `build.py import` reads, so the published data
and the editors' spreadsheet are one format and round-trip.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _text  # json's own, in C
from typing import Any, Callable, Sequence

from .model import Category, Content, EditionContent, Entry
from .urls import Urls, edition_page

COLUMNS = ("edition", "category", "organisation", "title", "synopsis", "result", "citation", "focus_areas", "tags",
           "slug")
TAG_SEPARATOR = "; "  # tags (and focus areas) in one CSV cell
FORMULA_STARTS = tuple("=+-@\t\r'")  # spreadsheet programs run cells starting so as formulas


def files(content: Content, urls: Urls) -> dict[str, Callable[[], bytes]]:
    """Open data, `.nojekyll` and (with a custom domain) `CNAME`, by output path, each made when it is called
    (a rebuild that keeps the last build's open data does not make it again)."""
    written: dict[str, Callable[[], bytes]] = {
        ".nojekyll": lambda: b"",  # GitHub Pages: publish as it is, never run Jekyll over it
        "shortlist.json": lambda: shortlist_json(content, urls),
        "shortlist.csv": lambda: shortlist_csv(content),
    }
    if content.site.domain:
        written["CNAME"] = lambda: f"{content.site.domain}\n".encode()
    return written


def shortlist_json(content: Content, urls: Urls) -> bytes:
    """Every edition's categories, each with its published entries; the vocabularies they use."""
    site = content.site
    data = {
        "programme": site.title, "url": urls.absolute(),
        "results": [{"slug": r.slug, "label": r.label, "plural": r.plural or r.label} for r in site.result_names()],
        "focus_areas": [{"slug": a.slug, "label": a.label} for a in site.focus_areas],
        "editions": [_edition_json(edition, urls) for edition in content.editions],
    }
    return (indented_json(data) + "\n").encode("utf-8")


def indented_json(value: Any, pad: str = "") -> str:
    """`value` (dicts with text keys, lists, texts, numbers, None) as `json.dumps(value, ensure_ascii=False,
    indent=2)` writes it, faster: joined texts rather than a generator step for each token.

    At 10,000 entries shortlist.json is 15 MB: written so in 0.085 s rather than 0.13 s, on its own, and in a
    rebuild after one edit the file took 0.18 s rather than 0.21 s.
    """
    if type(value) is str:
        return _text(value)
    if type(value) is dict:
        if not value:
            return "{}"
        inner, deeper = "\n  " + pad, pad + "  "
        return ("{" + inner + ("," + inner).join(_key(key) + ": " + indented_json(item, deeper)
                                                for key, item in value.items()) + "\n" + pad + "}")
    if type(value) in (list, tuple):
        if not value:
            return "[]"
        inner, deeper = "\n  " + pad, pad + "  "
        if all(type(item) is str for item in value):  # tags, focus areas
            return "[" + inner + ("," + inner).join(map(_text, value)) + "\n" + pad + "]"
        return "[" + inner + ("," + inner).join(indented_json(item, deeper) for item in value) + "\n" + pad + "]"
    if value is None:
        return "null"
    return json.dumps(value)  # a number or true/false, as json writes it


def _key(key: object) -> str:
    if type(key) is not str:
        raise TypeError(f"a key must be a text, not {key!r}")
    return _text(key)


def _edition_json(edition: EditionContent, urls: Urls) -> dict[str, Any]:
    """One edition: its name ("" without editions), title, address and categories."""
    categories = []
    for category in edition.categories:
        shortlist = edition.shortlists.get(category.slug)  # none yet, or still embargoed: listed with no entries
        entries = [_entry_json(edition.name, category, e, urls) for e in (shortlist.entries if shortlist else ())]
        categories.append({"slug": category.slug, "title": category.title,
                           "url": urls.origin + urls.category(category.slug, edition=edition.name), "entries": entries})
    return {"name": edition.name, "title": edition.info.title, "current": edition.current,
            "url": urls.absolute(edition_page(edition.name)), "categories": categories}


def _entry_json(edition: str, category: Category, entry: Entry, urls: Urls) -> dict[str, Any]:
    return {"slug": entry.slug, "organisation": entry.organisation, "title": entry.title, "synopsis": entry.synopsis,
            "result": entry.result, "citation": entry.citation, "focus_areas": list(entry.focus_areas),
            "tags": list(entry.tags), "url": urls.origin + urls.entry(category.slug, entry.slug or "", edition=edition)}


def shortlist_csv(content: Content) -> bytes:
    """One row per entry of every edition; UTF-8 with a BOM and CRLF line ends, so Excel opens it cleanly."""
    rows = [csv_line(COLUMNS)]
    for edition in content.editions:
        for slug, shortlist in edition.shortlists.items():
            rows += [csv_line([guard_cell(cell) for cell in _row(edition.name, slug, entry)])
                     for entry in shortlist.entries]
    return ("\ufeff" + "".join(rows)).encode("utf-8")


def csv_line(cells: Sequence[str]) -> str:
    """One row as the csv module writes it (`,` between cells; a cell holding `,` `"` or a line end in quotes,
    its quotes doubled; CRLF after), five times as fast: the module looks at each character in turn, and
    10,000 entries' synopses took it a quarter of a second."""
    return ",".join(_quoted(cell) if '"' in cell or "," in cell or "\n" in cell or "\r" in cell else cell
                    for cell in cells) + "\r\n"


def _quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def _row(edition: str, category: str, entry: Entry) -> tuple[str, ...]:
    """An entry's cells, in the order of COLUMNS."""
    return (edition, category, entry.organisation, entry.title, _multiline(entry.synopsis), entry.result or "",
            _multiline(entry.citation or ""), TAG_SEPARATOR.join(entry.focus_areas), TAG_SEPARATOR.join(entry.tags),
            entry.slug or "")


def _multiline(text: str) -> str:
    """Markdown in a cell: Windows line ends inside it too, as Excel writes them; no trailing break."""
    return text.replace("\n", "\r\n").rstrip()


def guard_cell(text: str) -> str:
    """Quote a cell that a spreadsheet would otherwise run as a formula (`- a point` too)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """Undo `guard_cell`: the one quote it added, and only that."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
