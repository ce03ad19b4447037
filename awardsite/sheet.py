"""Read the editor's spreadsheet: a CSV (as Excel saves it) or a published `shortlist.json`, as rows of cells.

Columns are known by their names in any case, with spaces or `_`, and with or without
apostrophes (straight or curly), and by the names judges' sheets give them (ALIASES):
`Judges' comments` is the citation. A column the import does not know is refused, all of
them in one message, unless the editor leaves it out with `--ignore-column NAME`.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from .datafiles import COLUMNS, TAG_SEPARATOR, unguard_cell
from .errors import Problems
from .model import PATTERNS, Site
from .kinds import closest, did_you_mean

REQUIRED = ("category", "title")  # a row adding an entry needs `organisation` and `synopsis` too (merge.NEW_ENTRY)
ALIASES = {"judges_comments": "citation", "judges_comment": "citation", "judge_comments": "citation",
           "judges_citation": "citation", "citations": "citation", "focus_area": "focus_areas", "tag": "tags",
           "results": "result", "organization": "organisation"}

Row = tuple[int, int, dict[str, str]]  # (line, row number, cells by column)


@dataclass(frozen=True)
class At:
    """Where a row is, so its problems name the file, the line and the row number."""

    file: str
    line: int
    number: int
    problems: Problems

    def problem(self, message: str) -> None:
        self.problems.add(self.file, self.line, f"row {self.number}: {message}")


def read(path: Path, name: str, problems: Problems, ignore: Sequence[str] = ()) -> list[Row]:
    """The rows of the CSV or JSON file at `path` (named `name` in problems), by the import's column names."""
    text = _read_text(path, name, problems)
    if not text:
        return []
    if path.suffix.lower() == ".json":
        return _json_rows(text, name, problems)
    return _csv_rows(text, name, problems, ignore)


def column_key(header: str) -> str:
    """`Judges’ Comments` -> `judges_comments`: a column's name as compared."""
    words = re.split(r"[\s_\-]+", re.sub("['’‘`]", "", header.strip().casefold()))
    key = "_".join(word for word in words if word)
    return ALIASES.get(key, key)


def _read_text(path: Path, name: str, problems: Problems) -> str:
    """The file's text; Excel's byte order mark is dropped."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.add(name, 1, f"not UTF-8 (byte 0x{exc.object[exc.start]:02x}); in Excel use Save As › CSV UTF-8")
    except OSError as exc:
        problems.add(name, 1, f"cannot read the file: {exc.strerror}")
    return ""


def _json_rows(text: str, name: str, problems: Problems) -> list[Row]:
    """Rows from a published `shortlist.json`; entry N counts entries across editions and categories."""
    try:
        data = json.loads(text)
        # Files published before editions have `categories` at the top: one edition without a name.
        editions = data["editions"] if "editions" in data else [{"name": "", "categories": data["categories"]}]
        found = [({"edition": _cell(e["name"]), "category": c["slug"]}, entry)
                 for e in editions for c in e["categories"] for entry in c["entries"]]
        return [(1, number, {**place, **{k: _cell(entry.get(k)) for k in COLUMNS[2:]}})
                for number, (place, entry) in enumerate(found, start=1)]
    except json.JSONDecodeError as exc:
        problems.add(name, exc.lineno, f"invalid JSON: {exc.msg}")
    except (KeyError, TypeError, AttributeError):
        problems.add(name, 1, "not a shortlist.json: expected `editions`, each with `name` and `categories`, "
                              "each with `slug` and `entries`")
    return []


def _cell(value: object) -> str:
    """A JSON value as the CSV cell it would be: lists (tags, focus areas) joined as in the CSV."""
    return TAG_SEPARATOR.join(map(str, value)) if isinstance(value, list) else str(value or "")


def _csv_rows(text: str, name: str, problems: Problems, ignore: Sequence[str]) -> list[Row]:
    """(line, row number, row) for every data row; CRLF and quoted newlines are fine."""
    header_line = text.split("\n", 1)[0]
    # Excel saves "CSV" with semicolons where the comma is the decimal mark (much of Europe).
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = _columns(list(reader.fieldnames or []), name, problems, ignore)
    if columns is None:
        return []
    reader.fieldnames = columns
    rows = []
    line = reader.line_num + 1
    try:
        for row_number, row in enumerate(reader, start=2):
            if any((v or "").strip() for k, v in row.items() if k):
                rows.append((line, row_number, {k: unguard_cell(v or "") for k, v in row.items() if k}))
            if None in row:
                problems.add(name, line, f"row {row_number}: more cells than columns")
            line = reader.line_num + 1
    except csv.Error as exc:  # a cell over the csv module's limit: a runaway file, not a shortlist
        problems.add(name, line, f"cannot read the row here: {exc}; is it the right file?")
    return rows


def _columns(header: list[str], name: str, problems: Problems, ignore: Sequence[str]) -> list[str] | None:
    """Each header cell's column ("" for one left out), or None when one is missing, unknown or given twice."""
    ignored = {column_key(i) for i in ignore}
    for wanted in sorted(ignored - {column_key(h) for h in header}):
        problems.warn(name, 1, f"`--ignore-column {wanted}`: the file has no such column")
    columns = ["" if column_key(h) in ignored else column_key(h) for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    for column in missing:
        problems.add(name, 1, f"missing column `{column}`; the columns are {', '.join(COLUMNS)}")
    unknown = [h for h, c in zip(header, columns) if c and c not in COLUMNS]
    if unknown:
        problems.add(name, 1, _unknown(unknown))
    twice = [c for c in COLUMNS if columns.count(c) > 1]
    for column in twice:
        given = ", ".join(f"`{h}`" for h, c in zip(header, columns) if c == column)
        problems.add(name, 1, f"{given} all give the {column}: keep one, or leave the others out with "
                              "`--ignore-column NAME`")
    return None if missing or unknown or twice else columns


def _unknown(headers: list[str]) -> str:
    """One message for every unknown column, with the option that leaves them out."""
    named = []
    for header in headers:
        close = closest(column_key(header), COLUMNS)
        named.append(f"`{header}` (did you mean `{close}`?)" if close else f"`{header}`")
    options = " ".join(f"--ignore-column {shlex.quote(h.strip())}" for h in headers)
    many = len(headers) > 1
    return (f"unknown column{'s' if many else ''} {', '.join(named)}: to import without {'them' if many else 'it'}, "
            f"add `{options}`; the columns are {', '.join(COLUMNS)} (`judges' comments` is the citation)")


def fields(row: dict[str, str], site: Site, at: At) -> dict[str, Any] | None:
    """The fields a row gives (its filled cells), checked against the programme's lists; None if it is bad."""
    entry: dict[str, Any] = {column: " ".join(row.get(column, "").split()) for column in ("organisation", "title")}
    entry["synopsis"] = _markdown(row.get("synopsis", ""))
    entry = {field: value for field, value in entry.items() if value.strip()}  # an empty cell changes nothing
    ok = _filled(row, at)
    names = site.result_names()
    if row.get("result", "").strip():
        result = _match(row["result"], [(r.slug, r.label) for r in names])
        if result in {r.slug for r in names}:
            entry["result"] = result
        else:
            ok = _unknown_result(row["result"], site, at)
    if _markdown(row.get("citation", "")).strip():
        entry["citation"] = _markdown(row["citation"])
    areas = _focus_areas(row.get("focus_areas", ""), site, at)
    ok = ok and areas is not None
    if areas:
        entry["focus_areas"] = areas
    tags = [tag.strip() for tag in row.get("tags", "").split(";") if tag.strip()]
    if tags:
        entry["tags"] = tags
    slug = row.get("slug", "").strip()
    if slug and not re.match(PATTERNS["slug"][0], slug):
        at.problem(f"slug `{slug}` should be {PATTERNS['slug'][2]}")
        ok = False
    elif slug:
        entry["slug"] = slug
    return entry if ok else None


def _filled(row: dict[str, str], at: At) -> bool:
    """Whether the required texts have something in them (each empty one is a problem)."""
    empty = [column for column in ("title",) if not row[column].strip()]
    for column in empty:
        at.problem(f"`{column}` is empty")
    return not empty


def _markdown(text: str) -> str:
    """A markdown cell as YAML keeps it: Unix line ends, one final line break, otherwise as written."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip() + "\n"


def _match(cell: str, vocabulary: Sequence[tuple[str, str]]) -> str:
    """The slug a cell names by its slug or its label, ignoring case and spacing; the cell's slug form if none."""
    words = cell.casefold().split()
    for slug, label in vocabulary:
        if "-".join(words) == slug or " ".join(words) == " ".join(label.casefold().split()):
            return slug
    return "-".join(words)


def _unknown_result(cell: str, site: Site, at: At) -> bool:
    """Record a result that is not the programme's; False, for the row's verdict."""
    slugs = [r.slug for r in site.result_names()]
    whose = "site.yaml's `results`: " if site.results else ""  # a programme's own list replaces the default one
    hint = did_you_mean("-".join(cell.casefold().split()), slugs)
    at.problem(f"result `{cell}` is not one of {whose}{_listed(slugs)} (a slug or its label){hint}")
    return False


def _focus_areas(cell: str, site: Site, at: At) -> list[str] | None:
    """The focus areas a cell names (`; `-separated slugs or labels); None if any is unknown (recorded)."""
    vocabulary = [(a.slug, a.label) for a in site.focus_areas]
    slugs = [slug for slug, _ in vocabulary]
    found = [(part.strip(), _match(part, vocabulary)) for part in cell.split(";") if part.strip()]
    known = f"site.yaml's `focus_areas` are {_listed(slugs)}" if slugs else "site.yaml defines no `focus_areas`"
    for part, slug in found:
        if slug not in slugs:
            at.problem(f"unknown focus area `{part}`; {known}{did_you_mean(slug, slugs)}")
    return [slug for _, slug in found] if all(slug in slugs for _, slug in found) else None


def _listed(words: Sequence[str]) -> str:
    return ", ".join(f"`{word}`" for word in words)
