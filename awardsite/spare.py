"""The site a build replaced, kept as the next build's starting point instead of being deleted.

A rebuild of a 10,000-entry site after one edit renders 59 files; the other 10,359 are the
live site's. Building the new site beside the live one (output.py) meant making its 10,400
folders and linking those files into them, then deleting the replaced site: 10,400 folders
made and 20,000 entries removed for 59 files, and on a busy disk making folders takes
seconds. So the replaced site is not deleted: it moves to `.<out>.cache/spare/`, with the
key (pagekeys.py) of each of its files in `spare.json`. The next build takes it as its
temporary folder (a rename). A file there whose key is the new site's stays as it is; every
other file in it is removed (files nobody listed, a link, anything the build did not make),
and the new site's other files are linked from the live site or rendered as always. A file
is never written into: its inode may be the live site's (a hard link), so one made again
replaces it (output.write_file). The spare is used only once, and only when its record
names that very folder (its device and inode); anything else about it is deleted. The first
rebuild after a cold build has no spare: its folders are made ahead (folders.py), and the
site it replaces becomes the spare.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from . import __version__, folders

FORM = 1  # the record's form: a record of another form is not trusted
FOLDER, RECORD = "spare", "spare.json"  # in the cache folder


class Spare:
    """The spare site, taken as a build's temporary folder `root`: `settle` keeps of it what the new site has."""

    def __init__(self, root: Path, keys: dict[str, str]) -> None:
        self.root, self.keys = root, keys  # the folder, and the key of each file the spare was built with
        self.ready: set[str] = set()  # the new site's files already in place (after `settle`)
        self.folders: list[str] = []  # the spare's folders, deepest first (after `settle`)
        self.settled = False  # whether `settle` has run: nothing may be written before it
        self.listing: BinaryIO | None = None
        self.process: subprocess.Popen[bytes] | None = None
        find = shutil.which("find")
        if find and os.name == "posix":  # GNU find lists it in a process of its own while the content is read
            self.listing = tempfile.TemporaryFile()  # a file, not a pipe, which would stop find when full
            self.process = subprocess.Popen([find, ".", "-mindepth", "1", "-printf", r"%y %P\0"], cwd=root,
                                            stdin=subprocess.DEVNULL, stdout=self.listing,
                                            stderr=subprocess.DEVNULL)

    def settle(self, wanted: Mapping[str, str]) -> None:
        """Remove every entry but the files of `wanted` (each file's key) that the spare has with that key."""
        for kind, name in self._entries():
            if kind == "d":
                self.folders.append(name)
            elif kind == "f" and name in wanted and self.keys.get(name) == wanted[name]:
                self.ready.add(name)
            else:  # not the new site's, made with other inputs, or not a plain file
                try:
                    os.unlink(self.root / name)
                except FileNotFoundError:
                    pass
        self.folders.sort(key=lambda folder: (-folder.count("/"), folder))
        self.settled = True

    def tidy(self, needed: set[str]) -> None:
        """Remove the spare's folders that the new site does not need (they are empty by now)."""
        for folder in self.folders:
            if folder not in needed:
                try:
                    os.rmdir(self.root / folder)
                except OSError:  # the new site has a file there now, or it went with a folder above it
                    pass

    def stop(self) -> None:
        """Stop listing (the build failed); the folder is deleted whole."""
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None
        if self.listing is not None:
            self.listing.close()
            self.listing = None

    def _entries(self) -> list[tuple[str, str]]:
        """Each entry under the root, as (kind, path): `d` a folder, `f` a plain file, anything else another."""
        if self.process is not None and self.listing is not None:
            status = self.process.wait()
            self.process = None
            self.listing.seek(0)
            data = self.listing.read()
            self.stop()
            if status == 0:
                return [(item[:1].decode(), os.fsdecode(item[2:])) for item in data.split(b"\0") if item]
        return list(_walk(self.root, ""))  # no GNU find, or it failed


def _walk(root: Path, prefix: str) -> Iterator[tuple[str, str]]:
    """What find lists, without find: never following a link."""
    with os.scandir(root / prefix if prefix else root) as found:
        for entry in sorted(found, key=lambda e: e.name):
            name = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                yield "d", name
                yield from _walk(root, f"{name}/")
            else:
                yield ("f" if entry.is_file(follow_symlinks=False) else "l"), name


def take(cache: Path, temp: Path) -> Spare | None:
    """Move the spare kept in the cache folder `cache` to `temp` (an empty folder); None if there is none to use.

    A spare its record does not name is deleted.
    """
    folder, record = cache / FOLDER, cache / RECORD
    if cache.is_symlink() or folder.is_symlink() or not folder.is_dir():
        return None
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    try:
        record.unlink()  # used once: whatever happens next, the record describes no folder
    except OSError:
        pass
    keys = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(data, dict) or data.get("form") != [FORM, __version__] or not isinstance(keys, dict) \
            or data.get("folder") != folders.identity(folder):
        folders.remove(folder)
        return None
    try:
        os.rename(folder, temp)  # onto an empty folder: the spare gets the temporary folder's unique name
    except OSError:
        folders.remove(folder)
        return None
    return Spare(temp, {name: key for name, key in keys.items() if isinstance(key, str)})


def keep(site: Path, cache: Path, keys: Mapping[str, str]) -> bool:
    """Keep the replaced `site`, whose files are `keys` (each one's key), as the next build's spare.

    False, leaving `site` where it is, if the cache folder cannot hold it.
    """
    folder, record = cache / FOLDER, cache / RECORD
    if os.name != "posix":  # a folder cannot be renamed onto an empty one there (`take`)
        return False
    try:
        if cache.is_symlink() or folder.is_symlink() or folder.exists():  # another spare, unused: leave it
            return False
        cache.mkdir(exist_ok=True)
        os.rename(site, folder)
        temporary = cache / f"{RECORD}.tmp"
        temporary.write_text(json.dumps({"form": [FORM, __version__], "folder": folders.identity(folder),
                                         "keys": dict(keys)}, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, record)
    except OSError:
        return False
    return True
