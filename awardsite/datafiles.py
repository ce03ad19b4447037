"""The site's non-page files: open data (shortlist.json, shortlist.csv) and GitHub Pages files.

`shortlist.csv` has exactly the columns `build.py import` reads, so the published data
and the editors' spreadsheet are one format and round-trip.
"""

from __future__ import annotations

import csv
import io
import json

from .model import Content
from .urls import Urls

COLUMNS = ("category", "organisation", "title", "synopsis", "result", "tags", "slug")
TAG_SEPARATOR = "; "  # tags in one CSV cell
FORMULA_STARTS = tuple("=+-@\t\r'")  # spreadsheet programs run cells starting so as formulas


def files(content: Content, urls: Urls) -> dict[str, bytes]:
    """Open data, `.nojekyll` and (with a custom domain) `CNAME`, by output path."""
    written = {
        ".nojekyll": b"",  # GitHub Pages: publish as it is, never run Jekyll over it
        "shortlist.json": shortlist_json(content, urls),
        "shortlist.csv": shortlist_csv(content),
    }
    if content.site.domain:
        written["CNAME"] = f"{content.site.domain}\n".encode()
    return written


def shortlist_json(content: Content, urls: Urls) -> bytes:
    """Every category, with its shortlisted entries (none if it has no shortlist yet)."""
    categories = []
    for category in content.categories:
        shortlist = content.shortlists.get(category.slug)
        entries = [{
            "slug": entry.slug, "organisation": entry.organisation, "title": entry.title,
            "synopsis": entry.synopsis, "result": entry.result, "tags": list(entry.tags),
            "url": urls.origin + urls.entry(category.slug, entry.slug or ""),
        } for entry in (shortlist.entries if shortlist else ())]
        categories.append({
            "slug": category.slug, "title": category.title,
            "url": urls.origin + urls.category(category.slug), "entries": entries,
        })
    data = {"programme": content.site.title, "url": urls.absolute(), "categories": categories}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def shortlist_csv(content: Content) -> bytes:
    """One row per entry; UTF-8 with a BOM and CRLF line ends, so Excel opens it cleanly."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for slug, shortlist in content.shortlists.items():
        for entry in shortlist.entries:
            cells = (slug, entry.organisation, entry.title, entry.synopsis.replace("\n", "\r\n").rstrip(),
                     entry.result, TAG_SEPARATOR.join(entry.tags), entry.slug)
            writer.writerow([guard_cell(cell or "") for cell in cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def guard_cell(text: str) -> str:
    """Quote a cell that a spreadsheet would otherwise run as a formula (`- a point` too)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """Undo `guard_cell`: the one quote it added, and only that."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text
