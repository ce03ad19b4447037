"""`build.py new edition NAME`: archive the current edition in `editions/<current>/`, start the next.

Categories are copied (the next year usually keeps them), shortlists and judges.yaml moved
(it starts without them), and edition.yaml cut from site.yaml's text, comments kept. site.yaml
and the categories are rewritten as text with their dates a year on, each changed line marked
for review. Everything is planned, then made and checked in a scratch copy, before any file
of the content folder is written; nothing is deleted.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from . import content as loader
from .errors import BuildError, ContentError, Problems
from .model import PATTERNS, Content, Edition, Site
from .sources import Sources
from .yamlsource import MAX_BYTES, Mapping, Scalar, Sequence, read_yaml
from .yamlwrite import write_atomically

_SCHEMA_LINE = re.compile(r"^(# yaml-language-server: \$schema=)(?![a-z]+:|/)(\S+)", re.M)  # a relative path
MARK = "# check: moved on a year by new edition"
REVIEW = "moved on a year by `new edition`: check the date, then delete the `# check:` comment"
DATE_KEYS = ("entries_open", "entries_close", "shortlist_announced", "winners_announced")


def _keys(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name != "where"]


# The keys of site.yaml that hold for every edition (edition, base_url, timezone, results...): not archived.
PROGRAMME_KEYS = tuple(key for key in _keys(Site) if key not in _keys(Edition))


@dataclass(frozen=True)
class Change:
    """One file `new edition` makes: copied, moved or written."""

    how: str  # "copied", "moved" or "wrote"
    path: Path  # the file it makes or replaces
    origin: Path | None = None  # what it was copied or moved from
    text: str | None = None  # what it writes (for a move: None keeps the bytes, else the moved file's new text)


@dataclass(frozen=True)
class Plan:
    """What `new edition` will do, checked, and what the editor should look at afterwards."""

    root: Path  # the content folder
    current: str  # the edition being archived: `2025`
    name: str  # the edition being started: `2026`
    changes: tuple[Change, ...]  # in the order they are made: the archive first, site.yaml last
    marked: tuple[str, ...]  # `file:line` of each line marked for review
    title: str  # site.yaml's title afterwards


def next_year(date: str) -> str:
    """`2025-03-03` -> `2026-03-03`; 29 February becomes 28 February."""
    day = datetime.date.fromisoformat(date)
    return day.replace(year=day.year + 1, day=28 if (day.month, day.day) == (2, 29) else day.day).isoformat()


def review_marks(paths: Iterable[Path], root: Path) -> list[tuple[str, int]]:
    """(file, line) of every line still marked `# check:` by `new edition`."""
    found = []
    for path in paths:
        if path.stat().st_size > MAX_BYTES:
            continue  # read_yaml refuses it: reading it here would only cost memory
        data = path.read_bytes()  # bytes: a file that is not UTF-8 is reported by read_yaml
        for hit in re.finditer(re.escape(MARK.encode()), data):
            found.append((path.relative_to(root).as_posix(), data.count(b"\n", 0, hit.start()) + 1))
    return found


def warn_review_marks(sources: Sources, problems: Problems) -> None:
    """Warn at each line `new edition` marked in site.yaml and categories/ while the mark is there."""
    paths = ([sources.site] if sources.site else []) + list(sources.categories)
    for file, line in review_marks(paths, sources.root):
        problems.warn(file, line, REVIEW)


def plan(source: Path, name: str) -> Plan:
    """Everything `new edition NAME` would do in `source`, checked; BuildError if it cannot."""
    content = loader.load(source)  # a folder that does not pass `check` is not archived (ContentError)
    found, root, current = content.sources, content.sources.root, _refusals(content, name)
    assert found.site is not None  # load() refuses a folder without one
    archive, marked = root / "editions" / current, []  # site.yaml's lines first, then the categories'
    changes = [Change("wrote", archive / "edition.yaml", text=_edition_text(root, current, name))]
    changes += [Change("copied", archive / "categories" / p.name, p, _rebased(_text(p))) for p in found.categories]
    changes += [Change("moved", archive / "shortlist" / p.name, p, _rebased(_text(p), moved=True))
                for p in found.shortlists]
    changes += [Change("moved", archive / "judges.yaml", found.judges, _rebased(_text(found.judges), moved=True))] \
        if found.judges else []
    for path in (found.site, *found.categories):
        text, lines = _moved_on(path, root, current, name if path == found.site else "")
        marked += lines
        if lines or path == found.site:  # site.yaml always changes: its `edition`
            changes.append(Change("wrote", path, path, text))
    for change in changes:
        if change.origin and change.origin.is_symlink():  # moving or replacing it would not change its target
            raise BuildError(f"{change.origin.relative_to(root).as_posix()} is a symbolic link: put the file "
                             "itself there before `new edition`")
    title = _rehearse(content, changes, current, name)
    return Plan(root, current, name, tuple(changes), tuple(marked), title)


def apply(planned: Plan) -> None:
    """Make the planned changes, each file in one step, the archive first so no file is ever only half moved."""
    for done, change in enumerate(planned.changes):
        try:
            if change.how == "moved" and change.origin:
                if change.path.exists():
                    raise FileExistsError(f"{change.path} appeared while `new edition` ran")
                change.path.parent.mkdir(parents=True, exist_ok=True)
                change.origin.rename(change.path)  # within the content folder: a rename, the bytes stay the same
            if change.text is not None:
                write_atomically(change.path, change.text)  # a moved file: only its schema line changes
        except OSError as exc:  # a full disk, a file locked by another program: say how far it got
            raise BuildError(f"`new edition` stopped after {done} of {len(planned.changes)} changes: {exc}. "
                             "Nothing was deleted; `git status` shows what changed") from None


def _refusals(content: Content, name: str) -> str:
    """The current edition's name, or BuildError saying why `new edition NAME` cannot run."""
    site, root = content.site, content.sources.root
    if not site.edition:
        year = re.search(r"(?<![0-9])(19|20|21)[0-9]{2}(?![0-9])", site.title)
        example = year.group() if year else "2025"
        raise BuildError(f"site.yaml has no `edition`: add `edition: \"{example}\"` naming the current edition "
                         f"first (note that this moves the current pages under /{example}/, so do it before links "
                         "are shared), then run `new edition` again")
    if not re.fullmatch(PATTERNS["edition"][0], name):
        raise BuildError(f"`{name}` is not an edition name: use {PATTERNS['edition'][2]}")
    if name == site.edition:
        following = str(int(name) + 1) if name.isdigit() else "2026"
        raise BuildError(f"`{name}` is already the current edition (site.yaml's `edition`); name the next one, "
                         f"e.g. `new edition {following}`")
    for taken, why in ((site.edition, "the current edition would be archived there; rename that folder first"),
                       (name, "a past edition already has that name; choose another")):
        if (root / "editions" / taken).exists() or (root / "editions" / taken).is_symlink():
            raise BuildError(f"editions/{taken}/ already exists: {why}")
    return site.edition


def _text(path: Path) -> str:
    """A file's text as stored: decoded without touching line endings, so a copy has the same bytes."""
    return path.read_bytes().decode("utf-8")


def _rebased(text: str | None, moved: bool = False) -> str | None:
    """`text` with its `$schema=` path made to work two folders down, in `editions/<name>/`.

    None for a moved file whose text needs no change: it is renamed and keeps its bytes."""
    if text is None:
        return None
    changed = _SCHEMA_LINE.sub(lambda m: f"{m.group(1)}../../{m.group(2)}", text, count=1)
    return None if moved and changed == text else changed


def _tree(path: Path, root: Path) -> Mapping:
    tree = read_yaml(path, path.relative_to(root).as_posix(), Problems())
    assert tree is not None  # load() read this file without problems a moment ago
    return tree


def _edition_text(root: Path, current: str, name: str) -> str:
    """site.yaml's text without the programme's keys: the archived edition.yaml, comments kept."""
    site = root / "site.yaml"
    lines, tree = _text(site).lstrip("\ufeff").splitlines(keepends=True), _tree(site, root)
    starts = sorted((_block_start(lines, line), key) for key, (line, _) in tree.entries.items())
    starts[0] = (min(line for line, _ in tree.entries.values()) - 1, starts[0][1])  # comments above: the file's
    if len({start for start, _ in starts}) < len(starts):
        raise BuildError("site.yaml gives several keys on one line: write one key per line before `new edition`")
    kept = [line for line in lines[:starts[0][0]] if not line.startswith("# yaml-language-server:")]
    for (start, key), (end, _) in zip(starts, starts[1:] + [(len(lines), "")]):
        if key not in PROGRAMME_KEYS:
            kept += lines[start:end]
    schema = root / "schemas" / "edition.schema.json"  # named only where it exists, or VS Code shows an error
    header = ["# yaml-language-server: $schema=../../schemas/edition.schema.json\n"] if schema.is_file() else []
    header += [f"# The {current} edition, archived by `python build.py new edition {name}`: the edition's own\n",
               f"# keys of site.yaml as they were. Its pages keep their addresses, under /{current}/.\n"]
    text = "".join(header + kept)
    return text if text.endswith("\n") else text + "\n"


def _block_start(lines: list[str], key_line: int) -> int:
    """The 0-based line where a top-level key's block starts: the comments right above it are its own."""
    start = key_line - 1
    while start > 0 and lines[start - 1].startswith("#"):
        start -= 1
    return start


def _moved_on(path: Path, root: Path, current: str, name: str) -> tuple[str, list[str]]:
    """The file's text with its dates a year on (given `name`, its title and edition too); the lines marked."""
    tree, lines, file = _tree(path, root), _text(path).splitlines(keepends=True), path.relative_to(root).as_posix()
    spots = [(key, tree.entries[key][1]) for key in DATE_KEYS if key in tree.entries]
    key_dates = tree.entries.get("key_dates", (0, Scalar(None, 0)))[1]
    if isinstance(key_dates, Sequence):
        spots += [(key, item.entries[key][1]) for item in key_dates.items if isinstance(item, Mapping)
                  for key in ("date", "end_date") if key in item.entries]  # a range moves as a whole
    changed: list[int] = []
    for key, node in spots:
        if isinstance(node, Scalar) and node.text:
            date, where = node.text[:10], f"{file}:{node.line}"
            lines[node.line - 1] = _mark(_replace(lines[node.line - 1], key, date, next_year(date), where))
            changed.append(node.line)
    title = tree.entries.get("title", (0, Scalar(None, 0)))[1]
    if name and isinstance(title, Scalar) and title.text and _year(current).search(title.text):
        head, colon, rest = lines[title.line - 1].partition(":")  # the name after the key, never in it
        if colon and _year(current).search(rest):
            lines[title.line - 1] = _mark(head + colon + _year(current).sub(name, rest))
            changed.append(title.line)
    edition = tree.entries.get("edition", (0, Scalar(None, 0)))[1]
    if name and isinstance(edition, Scalar) and edition.text == current:
        lines[edition.line - 1] = _replace(lines[edition.line - 1], "edition", current, name, f"{file}:{edition.line}")
    return "".join(lines), [f"{file}:{line}" for line in sorted(set(changed))]  # two dates on a line: one line


def _year(edition: str) -> re.Pattern[str]:
    """The edition's name as a word of its own: `2025` in `Awards 2025`, not in `2025-26`."""
    return re.compile(rf"(?<![0-9A-Za-z-]){re.escape(edition)}(?![0-9A-Za-z-])")


def _replace(line: str, key: str, old: str, new: str, where: str) -> str:
    """`line` with the value `old` of `key` made `new`: found after its key, or at the start of the line."""
    for pattern in (rf"((?<![\w-]){key}\s*:\s*[\"']?){re.escape(old)}", rf"^(\s*(?:-\s+)?[\"']?){re.escape(old)}"):
        replaced, count = re.subn(pattern, lambda m: m.group(1) + new, line, count=1)
        if count:
            return replaced
    raise BuildError(f"{where}: cannot change `{old}` by itself: write `{key}: {old}` on one line, then run "
                     "`new edition` again")


def _mark(line: str) -> str:
    """`line` with the review comment at its end, before its line break."""
    if MARK in line:
        return line
    body = line.rstrip("\r\n")
    return f"{body}  {MARK}{line[len(body):]}"


def _rehearse(content: Content, changes: list[Change], current: str, name: str) -> str:
    """Make the changes in a scratch copy and check it, so a plan that would fail writes nothing; the new title."""
    root, found = content.sources.root, content.sources
    with tempfile.TemporaryDirectory(prefix="new-edition-") as scratch:
        copy = Path(scratch)
        files = [p for p in (found.site, found.judges) if p] + list(found.categories + found.shortlists)
        files += list(found.pages + found.news) + [path for _, path in found.media]  # the build reads pictures' sizes
        for past in found.editions:
            files += [p for p in (past.info, past.judges) if p] + list(past.categories + past.shortlists)
        for path in files:
            _place(copy / path.relative_to(root)).write_bytes(path.read_bytes())
        for change in changes:
            target = _place(copy / change.path.relative_to(root))
            if change.how == "moved" and change.origin:
                (copy / change.origin.relative_to(root)).rename(target)
            if change.text is not None:
                target.write_text(change.text, encoding="utf-8", newline="")
        try:
            after = loader.load(copy)
        except ContentError as exc:
            listed = "; ".join(p.format() for p in exc.problems[:5])
            raise BuildError(f"after `new edition {name}` the content would not pass `check`, so nothing was "
                             f"written: {listed}") from None
    _compare(content, after, current)
    return after.site.title


def _place(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _compare(before: Content, after: Content, current: str) -> None:
    """The archived edition.yaml reads back as site.yaml's edition did: nothing lost in the cutting."""
    archived = next(e for e in after.editions if e.name == current).info
    lost = [key for key in _keys(Edition) if getattr(archived, key) != getattr(before.site, key)]
    if lost:
        raise BuildError(f"editions/{current}/edition.yaml would not hold `{'`, `'.join(lost)}` as site.yaml "
                         "does, so nothing was written; write one key per line in site.yaml and try again")
