"""A build's folders: made ahead in the background while the content is read, and deleted.

A site with a page per entry has a folder per entry, and making 10,000 folders took a
rebuild at that size 0.8 s, more than linking its 10,000 unchanged files. The folders of
the last build are nearly always the next one's, so they are made in the new site's
temporary folder by `xargs mkdir -p`, a process of its own (a thread would take turns with
the build for Python's lock), while this process reads the content. Making a folder that
exists is no error, for that process or for the writer, so files are written while it
runs; it is waited for before the site is swapped in, and the folders the new site does
not need are removed then. Without `xargs` (Windows) the writer makes each folder as before.

A rebuild that starts from the spare site (spare.py) has its folders already and makes none.
A replaced site the cache cannot keep as the spare, or an abandoned one, is deleted by `rm -rf`
in processes of their own (`remove`): at once, or in the background for `serve` (`remove_later`).
`swap_in` puts a finished site in the live one's place in one atomic step (Linux's renameat2).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one atomic step


def of(names: Iterable[str]) -> list[str]:
    """Every folder that holds a file of `names` (site paths such as `shortlist/a/b/index.html`), deepest first."""
    found = set()
    for name in names:
        while "/" in name:
            name = name.rpartition("/")[0]
            if name in found:
                break
            found.add(name)
    return sorted(found, key=lambda folder: (-folder.count("/"), folder))


class Ahead:
    """The folders `folders` (relative, deepest first) being made under `root`; `finish` waits for them."""

    def __init__(self, root: Path, folders: list[str]) -> None:
        self.root, self.folders = root, folders
        self.process: subprocess.Popen[bytes] | None = None
        xargs, mkdir = shutil.which("xargs"), shutil.which("mkdir")
        if not folders or not xargs or not mkdir or os.name != "posix":
            return
        with tempfile.TemporaryFile() as listed:  # a file, not a pipe: writing to xargs would wait on each mkdir
            listed.write(b"\0".join(os.fsencode(folder) for folder in folders))
            listed.seek(0)
            self.process = subprocess.Popen([xargs, "-0", mkdir, "-p", "--"], cwd=root, stdin=listed,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(self, succeeded: bool, needed: set[str]) -> None:
        """Wait for the folders; once the site is complete (`succeeded`), remove those it does not need."""
        if self.process is not None:
            if not succeeded:
                self.process.kill()
            self.process.wait()
            self.process = None
        if succeeded:
            for folder in self.folders:  # deepest first, so a folder holding only unneeded ones goes too
                if folder not in needed:
                    try:
                        os.rmdir(self.root / folder)
                    except OSError:  # never made (the making was cut short), or not empty
                        pass


_REMOVING: set[Path] = set()  # the folders being deleted in the background


def remove(folder: Path, spread: bool = True) -> None:
    """Delete `folder` and everything in it, never following a symlink out of it.

    By `rm -rf`, four at a time on the folders two levels down (`find | xargs -P 4`), then once on the rest:
    a replaced site of 10,000 pages goes in 0.6 s, where one `rm` takes 1.0 s and shutil 1.2 s, most of it
    waiting on the file system rather than working. Not `spread`: by one `rm -rf`.
    """
    try:
        folder.rmdir()  # empty, as a build that failed before writing leaves it: no process to start
        return
    except OSError:
        pass
    found = [shutil.which(tool) for tool in ("find", "xargs", "rm")] if os.name == "posix" else []
    if found and all(found):
        find, xargs, rm = (str(tool) for tool in found)
        quiet = subprocess.DEVNULL
        if spread:  # the folders two levels down first, four `rm` at a time; the last `rm` takes what is left
            listing = subprocess.Popen([find, str(folder), "-mindepth", "2", "-maxdepth", "2", "-type", "d",
                                        "-print0"], stdin=quiet, stdout=subprocess.PIPE, stderr=quiet)
            assert listing.stdout is not None
            subprocess.run([xargs, "-0", "-P", "4", "-n", "64", rm, "-rf", "--"], stdin=listing.stdout,
                           stdout=quiet, stderr=quiet, check=False)
            listing.stdout.close()
            listing.wait()
        subprocess.run([rm, "-rf", "--", str(folder)], stdin=quiet, stdout=quiet, stderr=quiet, check=False)
    if folder.exists():  # no such tools, or they could not delete everything
        shutil.rmtree(folder, ignore_errors=True)


def remove_later(folder: Path) -> None:
    """Delete `folder` in the background, returning at once.

    By one `rm -rf`, a process of its own: deleting 10,000 files in a thread of this process slowed `serve`'s
    next rebuild by half, as the two took turns with Python's lock, and more processes would take the second
    core from the preview.
    """
    if folder in _REMOVING:
        return
    _REMOVING.add(folder)

    def in_background() -> None:
        try:
            remove(folder, spread=False)
        finally:
            _REMOVING.discard(folder)

    threading.Thread(target=in_background, name="awardsite-tidy", daemon=True).start()


def identity(folder: Path) -> str:
    """A folder's device and inode: each build swaps in a new folder, so each has its own."""
    state = folder.stat()
    return f"{state.st_dev}:{state.st_ino}"


def swap_in(new: Path, out: Path) -> None:
    """Put `new` at `out`; afterwards `new` holds the old site (or nothing) to delete."""
    if not out.exists():
        new.rename(out)
        return
    if _exchange(new, out):
        return
    # No atomic exchange on this system: two renames, with a moment between them.
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    old.rmdir()
    out.rename(old)
    new.rename(out)
    old.rename(new)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with Linux's renameat2; False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)
