"""The build cache: what the live site was built from, so a rebuild does only what changed.

Kept beside the output folder in `.<out>.cache/`, written after each build is swapped in.
`keys.json` records the digest of each page's inputs (pagekeys.py), so a rebuild renders only the
pages whose digest changed and hard-links the rest from the live site into the new temporary
folder, which is then swapped in as always. `record.json` holds the digest of every file
the build read, with the span of time the pages stay true, so a rebuild with nothing changed
does nothing at all (reading only that small file). A record names the output folder it describes (its device and
inode, new with each swap): a record of another folder, or of another version of this
tool, is ignored. `markdown.json` keeps the HTML of every markdown text the site shows
(render.Converted), so a page made again does not convert its texts again. `files/` keeps what each
content file read as (filecache.py), so a rebuild reads again only the files that changed. `spare/` is the
site the last build replaced, with its files' keys in `spare.json`: the next build starts from it (spare.py).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .errors import Problem, Problems
from .folders import identity
from .output import MARKER
from .sources import Sources, scan

VERSION = 1  # the record's form: a record of another form is ignored
CODE = Path(__file__).resolve().parent  # this package: a changed module must not reuse old pages
LIBRARIES = ("jinja2", "markupsafe", "markdown_it", "mdit_py_plugins", "yaml")  # an upgrade may change the pages


@dataclass(frozen=True)
class Record:
    """What the live site was built from."""

    output: str  # the output folder it describes: its device and inode
    inputs: str  # the digest of every file read, and of the build's options
    since: str  # the pages are true from this moment (ISO 8601) …
    until: str  # … until this one: a content moment passing, or midnight
    zone: str  # the programme's time zone, for "now"
    files: int  # how many files the site has
    warnings: list[Problem]  # the build's warnings, said again when nothing changed


def path_of(out: Path) -> Path:
    """The cache folder beside `out`."""
    return out.parent / f".{out.name}.cache"


def read(out: Path) -> Record | None:
    """The record of the site at `out`, or None if there is none it can trust."""
    try:
        data = json.loads((path_of(out) / "record.json").read_text(encoding="utf-8"))
        if data.get("version") != [VERSION, __version__] or data["output"] != identity(out) \
                or not (out / MARKER).is_file():
            return None
        warnings = [Problem(file, line, message, warning=True) for file, line, message in data["warnings"]]
        return Record(data["output"], data["inputs"], data["since"], data["until"], data["zone"], data["files"],
                      warnings)
    except (OSError, ValueError, KeyError, TypeError):  # none yet, or damaged: build without it
        return None


def write(out: Path, record: Record, keys: dict[str, str], converted: dict[str, str], context: str) -> None:
    """Keep `record`, each file's key and the markdown `converted` in `context` beside `out`, each file whole."""
    data: dict[str, Any] = {"version": [VERSION, __version__], "output": record.output, "inputs": record.inputs,
                            "since": record.since, "until": record.until, "zone": record.zone,
                            "files": record.files, "warnings": [[p.file, p.line, p.message] for p in record.warnings]}
    folder = path_of(out)
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    folder.mkdir(exist_ok=True)
    (folder / ".gitignore").write_text("# the build cache: never committed\n*\n", encoding="utf-8")
    _write_whole(folder / "markdown.json", {"context": context, "html": converted})
    _write_whole(folder / "keys.json", keys)
    _write_whole(folder / "record.json", data)  # last: a record is only trusted with its conversions written


def keys_of(out: Path) -> dict[str, str]:
    """Each file's key in the last build into `out` (call only with its record trusted: `read`)."""
    try:
        data = _read_json(path_of(out) / "keys.json")
        return {name: key for name, key in data.items() if isinstance(key, str)} if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def conversions(out: Path, context: str) -> dict[str, str]:
    """The markdown the last build into `out` converted in `context` (the code, addresses, pictures), or none."""
    try:
        data = _read_json(path_of(out) / "markdown.json")
        if data.get("context") == context and isinstance(data.get("html"), dict):
            return {key: html for key, html in data["html"].items() if isinstance(html, str)}
    except (OSError, ValueError):
        pass
    return {}


def _write_whole(target: Path, data: dict[str, Any]) -> None:
    """Write JSON to `target` by renaming a finished file over it, so a reader never sees half of it."""
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(temporary, target)
    _WRITTEN[target] = (_signature(target), data)


# What this process last wrote to each cache file, while the file is still that one (`serve` reads back what
# its last build wrote: 10,000 pages' keys and conversions take a tenth of a second to parse).
_WRITTEN: dict[Path, tuple[tuple[int, int, int, int], Any]] = {}


def _signature(path: Path) -> tuple[int, int, int, int]:
    state = path.stat()  # a new file each time (os.replace): another inode, even within one clock tick
    return state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns


def _read_json(path: Path) -> Any:
    """The JSON in `path` (OSError, ValueError if it is not there or not JSON)."""
    known = _WRITTEN.get(path)
    if known is not None and known[0] == _signature(path):
        return known[1]
    return json.loads(path.read_text(encoding="utf-8"))


def inputs(source: Path, options: str) -> str:
    """The digest of every file a build of `source` reads, of the code and of `options`.

    Of the files' bytes, not their times: a file saved twice within the file system's clock tick
    keeps its time, and reading 10,000 entries' files takes a few hundredths of a second.
    """
    problems = Problems()
    found = scan(source, problems)
    hashed = hashlib.sha256(f"{options}\0{libraries()}\0{code()}\0{sorted(problems.items)!r}\0".encode())
    for path in sorted(set(_files(found))):
        try:
            data = path.read_bytes()
        except OSError:
            return ""  # gone since the scan: not the same as before
        hashed.update(f"{path}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        hashed.update(data)
    return hashed.hexdigest()


@functools.cache
def code() -> str:
    """The digest of this package's modules, read once by each process: the code a process runs is the
    code it imported (a module edited while `serve` runs changes nothing it makes until it restarts)."""
    hashed = hashlib.sha256()
    for path in sorted(CODE.glob("*.py")):
        data = path.read_bytes()
        hashed.update(f"{path.name}\0{len(data)}\0".encode())
        hashed.update(data)
    return hashed.hexdigest()


@functools.cache
def libraries() -> str:
    """Python's version and where each library that makes the pages is installed (without importing them:
    a build with nothing to do stops before it needs them), found once by each process, like `code`."""
    found = [sys.version]
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin) if spec and spec.origin else None
        state = origin.stat() if origin and origin.exists() else None
        found.append(f"{name} {origin} {state.st_size if state else 0} {state.st_mtime_ns if state else 0}")
    return "\n".join(found)


def _files(found: Sources) -> list[Path]:
    paths = [found.site, found.judges, *found.categories, *found.shortlists, *found.pages, *found.news]
    paths += [path for _, path, _ in found.templates] + [path for _, path in found.assets]
    paths += [path for _, path in found.media]
    for edition in found.editions:
        paths += [edition.info, edition.judges, *edition.categories, *edition.shortlists]
    return [path for path in paths if path is not None]


def still_true(record: Record, digest: str, now: datetime.datetime) -> bool:
    """Whether the site `record` describes is the one a build with these inputs would make at `now`."""
    since, until = datetime.datetime.fromisoformat(record.since), datetime.datetime.fromisoformat(record.until)
    return bool(digest) and digest == record.inputs and since <= now < until

