"""Reading one content file into its model object, once.

A file is parsed (yamlsource.py) and checked against its model class (validate.py) only when nothing
already has it as it is: `READ`, this process's memo by path, class and bytes (`serve` reloads the content
on every save), or the objects the last build kept (filecache.py). A big programme's categories and
shortlists are first read in one process per core (`read_ahead`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from . import parallel
from .errors import Problem, Problems
from .filecache import Store
from .model import Category, Shortlist
from .sources import Sources
from .urls import entry_slug
from .validate import build
from .yamlsource import MAX_BYTES, read_yaml


# Each file's model object and problems, by its path, class and bytes: `serve` reloads the content on every
# save, and only the files that changed are parsed and checked again (a 10,000-entry programme's 400 files
# take two seconds to read; their bytes, a twentieth of that).
READ: dict[tuple[Path, str, type], tuple[bytes, Any, list[Problem]]] = {}


def load_file(path: Path | None, cls: type, problems: Problems, root: Path,
              planned: dict[Path, str] | None = None, kept: Store | None = None) -> Any:
    """The model object in `path` (a file under `root`, or its planned text), or None when it has problems;
    given back by `kept` if it has it, and told to `kept` if read without a problem."""
    if path is None:
        return None
    name = path.relative_to(root).as_posix()  # `shortlist/x.yaml`, `editions/2024/edition.yaml`: as problems name it
    text = (planned or {}).get(path)
    if text is not None:  # a lone surrogate (from JSON) is then "not UTF-8", as it would be in a file
        return _read_object(path, name, cls, problems, text.encode("utf-8", "surrogatepass"))
    if path.stat().st_size > MAX_BYTES:
        return _read_object(path, name, cls, problems, None)  # refused before it is read
    data = path.read_bytes()
    known = READ.get((path, name, cls))
    if known is None or known[0] != data:
        before, made = len(problems.items), kept.get(name, cls, data) if kept else None
        if made is None:
            made = _read_object(path, name, cls, problems, data)
        known = READ[(path, name, cls)] = (data, made, problems.items[before:])
    else:
        problems.items += known[2]
    if kept is not None and known[1] is not None and not known[2]:
        kept.note(name, cls, known[0], known[1])  # the bytes `READ` keeps
    return known[1]


READ_AHEAD_BYTES = 1_000_000  # below this much YAML (about 1,000 entries), one process reads it sooner than two


def read_ahead(sources: Sources, planned: set[Path], jobs: int, kept: Store | None) -> None:
    """Read and check every category and shortlist file in `jobs` processes into `READ`, where `load_file`
    then finds each as if it had read it itself (a 10,000-entry programme's take about 1.7 s in one process);
    not those `READ` or `kept` has already."""
    if jobs <= 1:
        return
    lists = [(sources.categories, Category), (sources.shortlists, Shortlist)]
    lists += [(paths, cls) for past in sources.editions
              for paths, cls in ((past.categories, Category), (past.shortlists, Shortlist))]
    wanted = [(path, path.relative_to(sources.root).as_posix(), cls) for paths, cls in lists for path in paths
              if path not in planned]
    wanted = [job for job in wanted if not _known(job, kept)]
    if sum(path.stat().st_size for path, _, _ in wanted) < READ_AHEAD_BYTES:
        return
    for (path, name, cls), read in zip(wanted, parallel.each(_read_one, wanted, jobs)):
        if read is not None:
            READ[(path, name, cls)] = read


def _known(job: tuple[Path, str, type], kept: Store | None) -> bool:
    """Whether `READ` has the file as it is now, from an earlier reading or (put there now) from `kept`;
    True for a file too big to read, which `load_file` refuses unread."""
    path, name, cls = job
    if path.stat().st_size > MAX_BYTES:
        return True
    data = path.read_bytes()
    known = READ.get(job)
    if known is not None and known[0] == data:
        return True
    made = kept.get(name, cls, data) if kept else None
    if made is not None:
        READ[job] = (data, made, [])
    return made is not None


def _read_one(job: tuple[Path, str, type]) -> tuple[bytes, Any, list[Problem]] | None:
    """What `load_file` keeps in `READ` for one file (None for one too big to read)."""
    path, name, cls = job
    if path.stat().st_size > MAX_BYTES:
        return None
    data, problems = path.read_bytes(), Problems()
    return data, _read_object(path, name, cls, problems, data), problems.items


def _read_object(path: Path, name: str, cls: type, problems: Problems, data: bytes | None) -> Any:
    tree = read_yaml(path, name, problems, data)
    derived = {"slug": path.stem} if "slug" in {f.name for f in dataclasses.fields(cls)} else {}
    made = build(cls, tree, name, problems, **derived) if tree else None
    return _with_entry_slugs(made, problems) if isinstance(made, Shortlist) else made


def _with_entry_slugs(shortlist: Shortlist, problems: Problems) -> Shortlist:
    """Give every entry its page slug: its own `slug`, else one made from its title.

    A clash is an error rather than a numbered suffix, so that an entry's address never
    depends on the entries before it.
    """
    seen: dict[str, int] = {}
    entries = []
    for entry in shortlist.entries:
        slug, line = entry.slug or entry_slug(entry.title), entry.where.line
        if slug in seen:
            problems.add(entry.where.file, line, f"entry page address `{slug}` is already used by the entry on line "
                                                 f"{seen[slug]}; give one of them a different `slug`")
        seen.setdefault(slug, line)
        entries.append(dataclasses.replace(entry, slug=slug))
    return dataclasses.replace(shortlist, entries=tuple(entries))
