"""Plan one shortlist file from the spreadsheet's rows for it: merged into the file, or replacing it.

Rows find their entries by page address (the `slug` column, else the one the title gives);
a row whose title was corrected finds its entry by organisation when only that entry and
that row have it. Merging updates only the fields whose columns the spreadsheet has and
whose cells are filled, keeps everything else (results, citations, tags, comments, the
order) and appends new entries; a result is never taken back to the default by a merge.
`--replace` writes the rows alone, and warns about each result and citation it drops.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .entryedit import FIELDS, edited, entry_data, in_block_style, with_line_ends_of
from .errors import Problems
from .model import Entry, Shortlist
from .urls import entry_slug
from .yamlwrite import dump

NEW_ENTRY = ("organisation", "synopsis")  # what a row adding an entry fills, beside its title

SHOWN = 60  # characters of a long text shown in the list of changes


@dataclass(frozen=True)
class Incoming:
    """One row: where it is in the spreadsheet and the fields it gives (result as a slug, lists as lists)."""

    line: int
    number: int
    values: dict[str, Any]


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str  # shortened for the list of changes
    new: str


@dataclass(frozen=True)
class EntryChange:
    """What happens to one entry: `added`, `changed`, `removed` or `kept` (in the file, not in the spreadsheet)."""

    how: str
    title: str
    row: int | None  # the spreadsheet's row number
    fields: tuple[FieldChange, ...] = ()
    note: str = ""  # how the row found its entry, when not by address


@dataclass(frozen=True)
class Target:
    """One shortlist file to plan: its path, its name in messages, its text and entries now, its header if new."""

    path: Path
    name: str
    old: str
    shortlist: Shortlist | None
    header: str


@dataclass(frozen=True)
class Change:
    """One shortlist file: its text now and after the import, and what happens to each entry."""

    path: Path
    old: str  # "" when the file is new
    new: str
    entries: tuple[EntryChange, ...]
    rows: tuple[Incoming | None, ...]  # for each entry of `new`, in order: the row it came from

    @property
    def changed(self) -> bool:
        return self.new != self.old

    def diff(self, source: Path) -> str:
        """A unified diff of the file's text, for `--verbose`."""
        name = self.path.relative_to(source).as_posix()
        lines = difflib.unified_diff(self.old.splitlines(True), self.new.splitlines(True), f"a/{name}", f"b/{name}")
        return "".join(lines)


def plan_file(target: Target, rows: list[Incoming], default: str, replace: bool, sheet: str,
              problems: Problems) -> Change:
    """The file's planned text; row and entry warnings and address clashes go to `problems`."""
    existing = target.shortlist.entries if target.shortlist else ()
    matched, loose = _match(existing, rows, sheet, problems)
    for incoming, index in zip(rows, matched):
        _complete(incoming, sheet, target.name, problems, index is None or replace)
    if replace or target.shortlist is None:
        return _replaced(target, existing, rows, matched, default, sheet, problems)
    found = {index: row for row, index in zip(rows, matched) if index is not None}
    updates = {index: _updates(existing[index], row, default, sheet, problems) for index, row in found.items()}
    added = [row for row, index in zip(rows, matched) if index is None]
    new = _merged(target, updates, [_plain(row, default) for row in added], problems)
    report = []
    for index, entry in enumerate(existing):
        row = found.get(index)
        if row is None:
            report.append(EntryChange("kept", entry.title, None))
        elif updates[index]:
            fields = _fields(entry, {**_current(entry), **updates[index]})
            report.append(EntryChange("changed", entry.title, row.number, fields, _note(row, loose)))
    report += [EntryChange("added", row.values["title"], row.number) for row in added]
    rows_of: list[Incoming | None] = [found.get(i) for i in range(len(existing))]
    return Change(target.path, target.old, new, tuple(report), tuple(rows_of + list(added)))


def _complete(row: Incoming, sheet: str, name: str, problems: Problems, new: bool) -> None:
    """A row that adds an entry (or replaces one) gives every field an entry needs."""
    missing = [field for field in NEW_ENTRY if field not in row.values]
    if new and missing:
        needed = " and ".join(f"`{field}`" for field in missing)
        problems.add(sheet, row.line, f"row {row.number}: `{row.values['title']}` would be a new entry in {name}, "
                                      f"which needs {needed} (no entry there has this title)")


def _merged(target: Target, updates: dict[int, dict[str, Any]], added: list[dict[str, Any]],
            problems: Problems) -> str:
    """The file with its entries updated in place and `added` appended; a flow-style file written again."""
    assert target.shortlist is not None
    if in_block_style(target.old, target.shortlist):
        return edited(target.old, target.shortlist, {i: u for i, u in updates.items() if u}, added)
    problems.warn(target.name, 1, "written again from its values, without its comments: its entries are not "
                                  "all `- key: value` lines, so they cannot be edited where they are")
    merged = [{**entry_data(e, set(dict(e.where.keys))), **updates.get(i, {})}
              for i, e in enumerate(target.shortlist.entries)]
    return with_line_ends_of(target.old, target.header + dump({"entries": merged + added}))


def _replaced(target: Target, existing: tuple[Entry, ...], rows: list[Incoming], matched: list[int | None],
              default: str, sheet: str, problems: Problems) -> Change:
    """The rows alone, as the file; what each existing entry loses is listed, and its result or citation warned of."""
    new = with_line_ends_of(target.old, target.header + dump({"entries": [_plain(row, default) for row in rows]}))
    report = []
    for row, index in zip(rows, matched):
        if index is None:
            report.append(EntryChange("added", row.values["title"], row.number))
            continue
        entry = existing[index]
        after = {**{f: None for f in ("result", "citation", "slug")}, "focus_areas": (), "tags": (), **row.values}
        after["result"] = after["result"] or default
        fields = _fields(entry, after)
        if fields:
            report.append(EntryChange("changed", entry.title, row.number, fields))
        lost = _losses(entry, after, default)
        if lost:
            problems.warn(sheet, row.line, f"row {row.number}: `--replace` takes away {lost} of `{entry.title}`")
    claimed = set(matched)
    for index, entry in enumerate(existing):
        if index not in claimed:
            report.append(EntryChange("removed", entry.title, None))
            lost = _losses(entry, {"result": default, "citation": None}, default)
            if lost:
                problems.warn(target.name, entry.where.line, f"`--replace` removes `{entry.title}`, which is not in "
                                                             f"the spreadsheet, and with it {lost}")
    return Change(target.path, target.old, new, tuple(report), tuple(rows))


def _losses(entry: Entry, after: dict[str, Any], default: str) -> str:
    """`result: winner and its citation`: what an entry has that `after` would not keep; "" if nothing."""
    lost = [f"`result: {entry.result}`"] if entry.result != default and after["result"] == default else []
    lost += ["its citation"] if entry.citation and not after["citation"] else []
    return " and ".join(lost)


def _match(entries: tuple[Entry, ...], rows: list[Incoming], sheet: str,
           problems: Problems) -> tuple[list[int | None], set[int]]:
    """Each row's entry (its index, or None for a new one), and the rows matched by organisation."""
    by_address = {entry.slug: index for index, entry in enumerate(entries)}
    first: dict[str, Incoming] = {}
    matched: list[int | None] = []
    for row in rows:
        address = row.values.get("slug") or entry_slug(row.values["title"])
        if address in first:
            problems.add(sheet, row.line, f"row {row.number}: gives the entry page address `{address}`, as row "
                                          f"{first[address].number} does; correct the title or give one of them "
                                          "a different `slug` (a column)")
        first.setdefault(address, row)
        index = by_address.get(address)
        matched.append(index if index is not None and index not in matched else None)
    loose = [n for n, index in enumerate(matched) if index is None and "organisation" in rows[n].values]
    free = [i for i in range(len(entries)) if i not in matched]
    rows_of = Counter(_organisation(rows[n].values["organisation"]) for n in loose)
    entries_of = Counter(_organisation(entries[i].organisation) for i in free)
    by_organisation = set()
    for n in loose:
        name = _organisation(rows[n].values["organisation"])
        if rows_of[name] == 1 and entries_of[name] == 1:  # one row, one entry: the title was corrected
            matched[n] = next(i for i in free if _organisation(entries[i].organisation) == name)
            by_organisation.add(rows[n].number)
    return matched, by_organisation


def _organisation(name: str) -> str:
    return " ".join(name.casefold().split())


def _note(row: Incoming, loose: set[int]) -> str:
    return "found by its organisation: no entry has the row's title" if row.number in loose else ""


def _updates(entry: Entry, row: Incoming, default: str, sheet: str, problems: Problems) -> dict[str, Any]:
    """The fields a row changes in its entry: filled cells that differ; never a result back to the default."""
    now = _current(entry)
    updates = {f: v for f, v in row.values.items() if f not in ("result", "slug") and _same(v) != _same(now[f])}
    result = row.values.get("result")
    if result == default and entry.result != default:
        problems.warn(sheet, row.line, f"row {row.number}: keeps `result: {entry.result}` of `{entry.title}`, "
                                       f"where the row says `{default}`; to take a result away, edit the file "
                                       "or import with `--replace`")
    elif result and result != entry.result:
        updates["result"] = result
    address = row.values.get("slug")
    explicit = "slug" in dict(entry.where.keys)
    if address and address != (entry.slug if explicit else entry_slug(updates.get("title", entry.title))):
        updates["slug"] = address  # the row names the address: the entry keeps it even if its title changes
    return updates


def _current(entry: Entry) -> dict[str, Any]:
    """The entry's fields; `slug` only when the file gives one (else it is the title's, and follows it)."""
    explicit = "slug" in dict(entry.where.keys)
    return {field: getattr(entry, field) for field in FIELDS if field != "slug"} | {"slug": entry.slug if explicit
                                                                                       else None}


def _same(value: Any) -> Any:
    """A value compared across the file and the row: lists as tuples, nothing as None, no final line break."""
    if isinstance(value, (list, tuple)):
        return tuple(value) or None
    return value.rstrip() or None if isinstance(value, str) else value


def _fields(entry: Entry, after: dict[str, Any]) -> tuple[FieldChange, ...]:
    """`field: old -> new` for each field that differs, in the model's order, with the page address's change."""
    changes = [FieldChange(f, _shown(getattr(entry, f)), _shown(after[f])) for f in FIELDS
               if f != "slug" and f in after and _same(after[f]) != _same(getattr(entry, f))]
    address = after.get("slug") or entry_slug(after.get("title") or entry.title)  # `after`'s slug: the file's own
    if address != entry.slug:
        changes.append(FieldChange("address", str(entry.slug), str(address)))
    return tuple(changes)


def _shown(value: Any) -> str:
    """A value in one short line: lists joined by `; `, long texts cut."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(value)
    text = " ".join(str(value or "").split())
    if len(text) <= SHOWN:
        return text or "(none)"
    cut = text[:SHOWN]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:SHOWN - 1]).rstrip(",;:") + "…"  # at a word's end


def _plain(row: Incoming, default: str) -> dict[str, Any]:
    """A new entry as the file keeps it: in the model's order, without the default result or the title's address."""
    values = dict(row.values)
    if values.get("result") == default:
        del values["result"]
    if values.get("slug") == entry_slug(values["title"]):
        del values["slug"]
    return {field: values[field] for field in FIELDS if values.get(field)}
