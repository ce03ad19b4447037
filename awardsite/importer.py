"""Spreadsheet import: a CSV of shortlisted entries (datafiles.COLUMNS) becomes shortlist files.

The built site's `shortlist.csv` and `shortlist.json` import as they are. A row's `edition`
(blank: the current one) picks `shortlist/` or `editions/<name>/shortlist/`. Every row is
checked first; if any is bad, nothing is written. Each shortlist named in the CSV is
replaced by the CSV's rows for it, in order; other shortlists are left alone.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .content import load
from .datafiles import COLUMNS, TAG_SEPARATOR, unguard_cell
from .errors import Problems
from .model import PATTERNS, Content, EditionContent, Site
from .urls import entry_slug
from .validate import did_you_mean
from .yamlwrite import dump, write_atomically

REQUIRED = ("category", "organisation", "title", "synopsis")
SCHEMA = "schemas/shortlist.schema.json"  # from the content folder; each file's header points to it


@dataclass(frozen=True)
class Change:
    path: Path  # the shortlist file
    old: str  # its text now ("" when new)
    new: str  # its text after the import

    def diff(self, source: Path) -> str:
        name = self.path.relative_to(source).as_posix()
        lines = difflib.unified_diff(self.old.splitlines(True), self.new.splitlines(True), f"a/{name}", f"b/{name}")
        return "".join(lines)


@dataclass(frozen=True)
class _Row:
    """Where a row is, so its problems name the file, the line and the row number."""

    file: str
    line: int
    number: int
    problems: Problems

    def problem(self, message: str) -> None:
        self.problems.add(self.file, self.line, f"row {self.number}: {message}")


def plan(csv_path: Path, source: Path) -> list[Change]:
    """Read and check the CSV against the content; return the file changes, or raise ContentError."""
    content = load(source)
    name = _shown(csv_path, source)
    problems = Problems()
    text = _read_text(csv_path, name, problems)
    rows = (_json_rows if csv_path.suffix.lower() == ".json" else _read_rows)(text, name, problems) if text else []
    problems.raise_if_any()
    grouped: dict[tuple[int, int], list[dict[str, object]]] = {}  # (edition, category) positions -> entries
    for line, number, row in rows:
        at = _Row(name, line, number, problems)
        edition = _edition(row.get("edition", ""), content, at)
        slug = _category_slug(row.get("category", ""), edition, at) if edition else None
        entry = _entry(row, content.site, at)
        if edition and slug and entry:
            place = (content.editions.index(edition), [c.slug for c in edition.categories].index(slug))
            grouped.setdefault(place, []).append(entry)
    problems.raise_if_any()
    changes = []
    for place in sorted(grouped):
        edition = content.editions[place[0]]
        path, header = _target(source, edition, edition.categories[place[1]].slug)
        old = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        new = header + dump({"entries": grouped[place]})
        if new != old:
            changes.append(Change(path, old, new))
    return changes


def _shown(csv_path: Path, source: Path) -> str:
    """How problems name the spreadsheet: from the content folder if it is inside it, else by its full path."""
    try:
        return csv_path.resolve().relative_to(source.resolve()).as_posix()
    except ValueError:  # outside the content folder: a relative name would point into it
        return str(csv_path.resolve())


def apply(changes: list[Change]) -> None:
    """Write the planned files."""
    for change in changes:
        write_atomically(change.path, change.new)


def _target(source: Path, edition: EditionContent, category: str) -> tuple[Path, str]:
    """The shortlist file (`editions/<name>/shortlist/...` for a past edition) and its schema comment."""
    relative = Path("shortlist", f"{category}.yaml") if edition.current else \
        Path("editions", edition.name, "shortlist", f"{category}.yaml")
    return source / relative, f"# yaml-language-server: $schema={'../' * (len(relative.parts) - 1)}{SCHEMA}\n"


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


def _read_rows(text: str, name: str, problems: Problems) -> list[tuple[int, int, dict[str, str]]]:
    """(line, row number, row) for every data row; CRLF and quoted newlines are fine."""
    header_line = text.split("\n", 1)[0]
    # Excel saves "CSV" with semicolons where the comma is the decimal mark (much of Europe).
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
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


def _edition(value: str, content: Content, at: _Row) -> EditionContent | None:
    """The edition a cell names: blank (or the current edition's name) is the current one."""
    wanted = value.strip()
    for edition in content.editions:
        if wanted == edition.name or (edition.current and not wanted):
            return edition
    names = [e.name for e in content.editions if e.name]
    known = f"the editions are {_listed(names)}" if names else "this site has no editions (site.yaml has no " \
                                                                "`edition`), so leave the cell blank"
    at.problem(f"unknown edition `{value}`; {known}{did_you_mean(wanted, names)}")
    return None


def _category_slug(value: str, edition: EditionContent, at: _Row) -> str | None:
    """The category a cell names, by slug or by title (as judges' spreadsheets often have it)."""
    wanted = " ".join(value.split()).casefold()
    for category in edition.categories:
        if wanted in (category.slug, " ".join(category.title.split()).casefold()):
            return category.slug
    choices = [c.slug for c in edition.categories] + [c.title for c in edition.categories]
    what = f"unknown category `{value}`" if wanted else "the category is empty"
    where = "" if edition.current else f" in edition `{edition.name}`"
    at.problem(f"{what}{where}{did_you_mean(value, choices)}")
    return None


def _entry(row: dict[str, str], site: Site, at: _Row) -> dict[str, object] | None:
    """The entry a row describes, keys in the model's order and defaults left out; None if it is bad."""
    entry: dict[str, object] = {column: " ".join(row[column].split()) for column in ("organisation", "title")}
    entry["synopsis"] = _markdown(row["synopsis"])
    ok = _filled(row, at)
    names = site.result_names()
    result = _match(row.get("result", ""), [(r.slug, r.label) for r in names]) or names[-1].slug
    if result not in {r.slug for r in names}:
        ok = _unknown_result(row["result"], site, at)
    elif result != names[-1].slug:
        entry["result"] = result
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
    elif slug and slug != entry_slug(str(entry["title"])):
        entry["slug"] = slug  # kept only where it differs from the one the title gives
    return entry if ok else None


def _filled(row: dict[str, str], at: _Row) -> bool:
    """Whether the required texts have something in them (each empty one is a problem)."""
    empty = [column for column in ("organisation", "title", "synopsis") if not row[column].strip()]
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


def _unknown_result(cell: str, site: Site, at: _Row) -> bool:
    """Record a result that is not the programme's; False, for the row's verdict."""
    slugs = [r.slug for r in site.result_names()]
    whose = "site.yaml's `results`: " if site.results else ""  # a programme's own list replaces the default one
    hint = did_you_mean("-".join(cell.casefold().split()), slugs)
    at.problem(f"result `{cell}` is not one of {whose}{_listed(slugs)} (a slug or its label){hint}")
    return False


def _focus_areas(cell: str, site: Site, at: _Row) -> list[str] | None:
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
