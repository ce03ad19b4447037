"""Spreadsheet import: a CSV of shortlisted entries becomes `shortlist/<slug>.yaml` files.

Columns: category, organisation, title, synopsis, result, tags, slug (the same columns as
the built site's `shortlist.csv`; its `shortlist.json` is read too). Every row is checked
first; if any is bad, nothing is written.
Each category named in the CSV gets its shortlist replaced by the CSV's rows for it,
in order; shortlists of other categories are left alone.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
import typing
from dataclasses import dataclass
from pathlib import Path

from .content import load
from .datafiles import COLUMNS, TAG_SEPARATOR, unguard_cell
from .errors import Problems
from .model import PATTERNS, Content
from .urls import entry_slug
from .validate import did_you_mean
from .yamlwrite import dump, write_atomically

REQUIRED = ("category", "organisation", "title", "synopsis")
HEADER = "# yaml-language-server: $schema=../schemas/shortlist.schema.json\n"


@dataclass(frozen=True)
class Change:
    path: Path  # the shortlist file
    old: str  # its text now ("" when new)
    new: str  # its text after the import

    def diff(self, source: Path) -> str:
        name = self.path.relative_to(source).as_posix()
        lines = difflib.unified_diff(self.old.splitlines(True), self.new.splitlines(True), f"a/{name}", f"b/{name}")
        return "".join(lines)


def plan(csv_path: Path, source: Path) -> list[Change]:
    """Read and check the CSV against the content; return the file changes, or raise ContentError."""
    content = load(source)
    name = csv_path.name
    problems = Problems()
    text = _read_text(csv_path, name, problems)
    rows = (_json_rows if csv_path.suffix.lower() == ".json" else _read_rows)(text, name, problems) if text else []
    problems.raise_if_any()
    by_category: dict[str, list[dict[str, object]]] = {}
    for line, row_number, row in rows:
        slug = _category_slug(row.get("category", ""), content, name, line, row_number, problems)
        entry = _entry(row, [r.slug for r in content.site.result_names()], name, line, row_number, problems)
        if slug and entry:
            by_category.setdefault(slug, []).append(entry)
    problems.raise_if_any()
    changes = []
    for slug in sorted(by_category, key=[c.slug for c in content.categories].index):
        path = source / "shortlist" / f"{slug}.yaml"
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        new = HEADER + dump({"entries": by_category[slug]})
        if new != old:
            changes.append(Change(path, old, new))
    return changes


def apply(changes: list[Change]) -> None:
    """Write the planned files."""
    for change in changes:
        write_atomically(change.path, change.new)


def _read_text(path: Path, name: str, problems: Problems) -> str:
    """The file's text; Excel's byte order mark is dropped."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(name, 1, f"not UTF-8 (byte 0x{exc.object[exc.start]:02x}); in Excel use Save As › CSV UTF-8")
    except OSError as exc:
        problems.add(name, 1, f"cannot read the file: {exc.strerror}")
    return ""


def _json_rows(text: str, name: str, problems: Problems) -> list[tuple[int, int, dict[str, str]]]:
    """Rows from a published `shortlist.json`; entry N counts entries across categories."""
    try:
        data = json.loads(text)
        pairs = [(c["slug"], e) for c in data["categories"] for e in c["entries"]]
        return [(1, number, {"category": slug, **{k: _cell(entry.get(k)) for k in COLUMNS[1:]}})
                for number, (slug, entry) in enumerate(pairs, start=1)]
    except json.JSONDecodeError as exc:
        problems.add(name, exc.lineno, f"invalid JSON: {exc.msg}")
    except (KeyError, TypeError, AttributeError):
        problems.add(name, 1, "not a shortlist.json: expected `categories`, each with `slug` and `entries`")
    return []


def _cell(value: object) -> str:
    """A JSON value as the CSV cell it would be: lists (tags) joined as in the CSV."""
    return TAG_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value or "")


def _read_rows(text: str, name: str, problems: Problems) -> list[tuple[int, int, dict[str, str]]]:
    """(line, row number, row) for every data row; CRLF and quoted newlines are fine."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in COLUMNS]
    for column in missing:
        problems.add(name, 1, f"missing column `{column}`; the columns are {', '.join(COLUMNS)}")
    for column in unknown:
        problems.add(name, 1, f"unknown column `{column}`{did_you_mean(column, COLUMNS)}")
    if missing or unknown:
        return []
    rows = []
    line = reader.line_num + 1
    for row_number, row in enumerate(reader, start=2):
        if any((v or "").strip() for k, v in row.items() if k is not None):
            rows.append((line, row_number, {k: unguard_cell(v or "") for k, v in row.items() if k is not None}))
        if None in row:
            problems.add(name, line, f"row {row_number}: more cells than columns")
        line = reader.line_num + 1
    return rows


def _category_slug(value: str, content: Content, name: str, line: int, row: int, problems: Problems) -> str | None:
    """The category a cell names, by slug or by title (as judges' spreadsheets often have it)."""
    wanted = " ".join(value.split()).casefold()
    for category in content.categories:
        if wanted in (category.slug, " ".join(category.title.split()).casefold()):
            return category.slug
    choices = [c.slug for c in content.categories] + [c.title for c in content.categories]
    what = f"unknown category `{value}`" if wanted else "the category is empty"
    problems.add(name, line, f"row {row}: {what}{did_you_mean(value, choices)}")
    return None


def _entry(row: dict[str, str], results: list[str], name: str, line: int, number: int, problems: Problems) -> dict[str, object] | None:
    texts = {column: " ".join(row[column].split()) for column in ("organisation", "title")}
    texts["synopsis"] = row["synopsis"].replace("\r\n", "\n").strip() + "\n"
    entry: dict[str, object] = dict(texts)
    ok = True
    for column in ("organisation", "title", "synopsis"):
        if not texts[column].strip():
            problems.add(name, line, f"row {number}: `{column}` is empty")
            ok = False
    result = "-".join(row.get("result", "").lower().split()) or results[-1]
    if result not in results:
        listed = ", ".join(results)
        problems.add(name, line, f"row {number}: result `{row['result']}` is not one of {listed}")
        ok = False
    elif result != results[-1]:
        entry["result"] = result
    tags = [tag.strip() for tag in row.get("tags", "").split(";") if tag.strip()]
    if tags:
        entry["tags"] = tags
    slug = row.get("slug", "").strip()
    if slug and not re.match(PATTERNS["slug"][0], slug):
        problems.add(name, line, f"row {number}: slug `{slug}` should be {PATTERNS['slug'][2]}")
        ok = False
    elif slug and slug != entry_slug(texts["title"]):
        entry["slug"] = slug  # kept only where it differs from the one the title gives
    return entry if ok else None
