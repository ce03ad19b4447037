"""Spreadsheet import: a CSV of shortlisted entries (datafiles.COLUMNS) becomes shortlist files.

The built site's `shortlist.csv` and `shortlist.json` import as they are. A row's `edition`
(blank: the current one) picks `shortlist/` or `editions/<name>/shortlist/`. Every row is
checked, and then the whole content is loaded with the planned files laid over the real
ones (`content.load`'s `planned`), so `check`'s own rules decide: if anything would fail,
nothing is written. Each shortlist file named in the CSV is merged with its rows (merge.py)
or, with `replace`, replaced by them; other shortlists are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from . import sheet
from .content import load
from .errors import ContentError, Problem, Problems
from .merge import Change as Change  # re-exported: the CLI lists its entries
from .merge import Incoming, Target, plan_file
from .model import Content, EditionContent
from .validate import did_you_mean
from .yamlsource import MAX_BYTES, parse
from .yamlwrite import write_atomically

SCHEMA = "schemas/shortlist.schema.json"  # from the content folder; each file's header points to it


@dataclass(frozen=True)
class Plan:
    """What an import would do: every shortlist file the CSV names, and the warnings to read first."""

    files: tuple[Change, ...]
    warnings: tuple[Problem, ...]

    @property
    def changes(self) -> tuple[Change, ...]:
        """The files whose text changes."""
        return tuple(f for f in self.files if f.changed)


def plan(csv_path: Path, source: Path, *, replace: bool = False, ignore: Sequence[str] = ()) -> Plan:
    """Read and check the CSV against the content; return what would change, or raise ContentError."""
    content = load(source)
    name = _shown(csv_path, source)
    problems = Problems()
    rows = sheet.read(csv_path, name, problems, ignore)
    problems.raise_if_any()
    grouped = _grouped(rows, content, name, problems)  # a bad row is left out, so the rest are checked too
    before = len(problems.items)
    for place, found in grouped.items():
        _refuse_oversized(_target_name(content, place), found, name, problems)
    if len(problems.items) > before:  # too big: making the files would cost much and say nothing more
        problems.raise_if_any()
    default = content.site.result_names()[-1].slug
    files = [plan_file(_target(source, content, place), found, default, replace, name, problems)
             for place, found in sorted(grouped.items())]
    problems.raise_if_any()
    planned = {f.path: f.new for f in files if f.changed}
    try:
        load(source, planned)
    except ContentError as exc:
        starts: dict[Path, list[int]] = {}  # each planned file's entry lines, found once
        said = [_translated(p, files, source, name, starts) for p in exc.problems]
        raise ContentError(said + list(exc.warnings)) from None
    return Plan(tuple(files), problems.warnings())


def _grouped(rows: list[sheet.Row], content: Content, name: str,
             problems: Problems) -> dict[tuple[int, int], list[Incoming]]:
    """The rows by (edition, category) positions, each made into the fields it gives."""
    grouped: dict[tuple[int, int], list[Incoming]] = {}
    for line, number, row in rows:
        at = sheet.At(name, line, number, problems)
        edition = _edition(row.get("edition", ""), content, at)
        slug = _category_slug(row.get("category", ""), edition, at) if edition else None
        values = sheet.fields(row, content.site, at)
        if edition and slug and values:
            place = (content.editions.index(edition), [c.slug for c in edition.categories].index(slug))
            grouped.setdefault(place, []).append(Incoming(line, number, values))
    return grouped


def _refuse_oversized(target: str, rows: list[Incoming], csv_name: str, problems: Problems) -> None:
    """Refuse, at the row that passes it, rows whose texts alone make a file bigger than `check` reads.

    The written file holds every text at least once, so this never refuses a file `check`
    would read; it saves writing out (and then refusing) many megabytes of YAML.
    """
    size = 0
    for row in rows:
        texts = [v for f, v in row.values.items() if f not in ("result", "slug")]
        size += sum(len(t.encode("utf-8", "surrogatepass")) for v in texts for t in ([v] if isinstance(v, str) else v))
        if size > MAX_BYTES:
            problems.add(csv_name, row.line, f"row {row.number}: with this row, `{target}` would be over {MAX_BYTES:,} "
                                          "bytes, more than `check` reads in a content file: is it the right "
                                          "spreadsheet?")
            return


def _target_name(content: Content, place: tuple[int, int]) -> str:
    edition = content.editions[place[0]]
    category = edition.categories[place[1]].slug
    return f"shortlist/{category}.yaml" if edition.current else f"editions/{edition.name}/shortlist/{category}.yaml"


def _target(source: Path, content: Content, place: tuple[int, int]) -> Target:
    """The shortlist file for (edition, category) positions: `editions/<name>/shortlist/...` for a past edition."""
    edition = content.editions[place[0]]
    category = edition.categories[place[1]].slug
    relative = Path(_target_name(content, place))
    path = source / relative
    old = path.read_bytes().decode("utf-8-sig") if path.exists() else ""  # line ends as they are: CRLF kept
    # The file's own schema line is kept; a new file names the schema only where it exists (or VS Code shows an error).
    header = old.splitlines(keepends=True)[0] if old.startswith("# yaml-language-server:") else \
        f"# yaml-language-server: $schema={'../' * (len(relative.parts) - 1)}{SCHEMA}\n" \
        if (source / SCHEMA).is_file() else ""
    return Target(path, relative.as_posix(), old, edition.shortlists.get(category), header)


def _translated(problem: Problem, files: list[Change], source: Path, csv_name: str,
                starts: dict[Path, list[int]]) -> Problem:
    """A problem in a planned file, said of the row its entry came from (or of the CSV as a whole)."""
    for change in files:
        name = change.path.relative_to(source).as_posix()
        if problem.file != name or not change.changed:
            continue
        if change.path not in starts:
            starts[change.path] = _entry_lines(change.new)
        index = sum(1 for start in starts[change.path] if start <= problem.line) - 1
        row = change.rows[index] if 0 <= index < len(change.rows) else None
        if row is not None:
            return Problem(csv_name, row.line, f"row {row.number}: {problem.message} (in `{name}` as it would be "
                                            "written)", detail=problem.detail)
        return Problem(csv_name, 1, f"`{name}` as it would be written: {problem.message}", detail=problem.detail)
    return problem


def _entry_lines(text: str) -> list[int]:
    """The line each entry of a planned shortlist starts on ([] if it cannot be read)."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return []
    tree = parse(text, "", Problems())
    entries = tree.entries.get("entries") if tree else None
    return [item.line for item in getattr(entries[1], "items", ())] if entries else []


def apply(changes: Sequence[Change]) -> None:
    """Write the planned files that change."""
    for change in changes:
        if change.changed:
            write_atomically(change.path, change.new)


def _shown(csv_path: Path, source: Path) -> str:
    """How problems name the spreadsheet: from the content folder if it is inside it, else by its full path."""
    try:
        return csv_path.resolve().relative_to(source.resolve()).as_posix()
    except ValueError:  # outside the content folder: a relative name would point into it
        return str(csv_path.resolve())


def _edition(value: str, content: Content, at: sheet.At) -> EditionContent | None:
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


def _category_slug(value: str, edition: EditionContent, at: sheet.At) -> str | None:
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


def _listed(words: Sequence[str]) -> str:
    return ", ".join(f"`{word}`" for word in words)
