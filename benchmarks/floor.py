#!/usr/bin/env python3
"""The parse-and-write floor: the least any build of this content could do, as a whole process.

    python benchmarks/floor.py SOURCE PACK OUT

Reads and parses every content YAML file in SOURCE with libyaml (`CSafeLoader`), then
writes the files a build of it produced (PACK, made beforehand by `pack` from that
build's output) into the fresh folder OUT. No validation, no markdown, no templates: what
is left is the interpreter starting, libyaml, and the file system. Issue #15's targets
compare our rebuilds with this. The imports are kept to the few the work needs, since
their loading is part of the time measured.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import yaml


def content_files(source: Path) -> list[Path]:
    """site.yaml and every category and shortlist file (the generated programme's whole content)."""
    return [source / "site.yaml", *sorted((source / "categories").glob("*.yaml")),
            *sorted((source / "shortlist").glob("*.yaml"))]


def pack(built: Path, into: Path) -> None:
    """Keep every file of the output folder `built` in one file, (relative path, bytes), for the floor to write.

    One file, read at once, so that the floor pays for writing the output and not for reading it back
    from thousands of files: the lower bound stays a lower bound.
    """
    files = []
    for parent, _, names in os.walk(built):
        for name in names:
            path = Path(parent) / name
            files.append((path.relative_to(built).as_posix(), path.read_bytes()))
    into.write_bytes(pickle.dumps(files, protocol=pickle.HIGHEST_PROTOCOL))


def parse_all(source: Path) -> int:
    """Parse every content file with libyaml; the number of entries read (so the work cannot be skipped)."""
    entries = 0
    for path in content_files(source):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        entries += len(document.get("entries", ())) if isinstance(document, dict) else 0
    return entries


def write_all(packed: Path, out: Path) -> int:
    """Write each packed file under `out` (which must not exist yet); the number written."""
    files: list[tuple[str, bytes]] = pickle.loads(packed.read_bytes())
    made: set[Path] = set()
    for name, body in files:
        target = out / name
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(body)
    return len(files)


def main() -> int:
    source, packed, out = map(Path, sys.argv[1:4])
    entries = parse_all(source)
    written = write_all(packed, out)
    print(f"parsed {entries} entries, wrote {written} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
