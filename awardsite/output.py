"""Write the site: one writer at a time, streamed into a temporary folder, swapped in whole.

`lock(out)` lets one build at a time write to an output folder: a second build (say
`build` while `serve` is rebuilding) waits for it, then builds. `Writer` writes each
page as it is rendered into a temporary sibling folder, so memory does not grow with
the site, and swaps it in atomically when every file is written (folders.swap_in). A rebuild's
temporary folder is the site the last build replaced (spare.py), when the cache kept it. The live
output folder is never written to: a build that fails, or is killed, leaves the previous site exactly
as it was. Temporary folders are cleared only under the lock, when no build can be
writing them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

from . import folders, spare
from .errors import BuildError

MARKER = ".awardsite"  # marks a folder this tool built, so a later build may replace it
MAX_FILES = 100_000  # more files than any programme needs: a runaway shortlist, not a site
LOCK_WAIT = 300.0  # seconds a build waits for another build into the same folder


def check_out(out: Path, source: Path) -> Path:
    """The resolved output folder; refuse one whose replacement would destroy something else."""
    try:
        out, source = out.resolve(), source.resolve()
    except (RuntimeError, OSError) as exc:  # a symlink loop, or a path too long to follow
        raise BuildError(f"cannot use --out {out}: {exc}") from None
    if out == source or out in source.parents or out == Path.home().resolve() or out == Path(out.anchor):
        raise BuildError(f"refusing to build into {out}: it holds the content, your home folder or the disk root")
    if out.exists() and not out.is_dir():
        raise BuildError(f"refusing to build into {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(f"refusing to replace {out}: it was not built by this tool; empty it or choose another --out")
    return out


def lock_path(out: Path) -> Path:
    """The lock file beside `out`; it stays there (deleting a lock file others may hold races)."""
    return out.parent / f".{out.name}.lock"


@contextlib.contextmanager
def lock(out: Path, wait: float = LOCK_WAIT, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the output folder's lock; wait up to `wait` seconds for another build to finish."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="utf-8") as handle:
        deadline, told = time.monotonic() + wait, False
        while not _try_lock(handle.fileno()):
            if time.monotonic() >= deadline:
                raise BuildError(f"another build into {out} is still running ({_holder(path)}) after {wait:.0f} s; "
                                 "try again when it has finished")
            if not told and on_wait:
                on_wait(f"waiting for another build into {out} to finish ({_holder(path)})")
                told = True
            time.sleep(0.05)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # only to tell a waiting build who holds it
        handle.flush()
        yield  # the lock is released when the file is closed, or the process dies


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _holder(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace").strip()
    return f"process {text}" if text.isdigit() else "another process"


class Superseded(Exception):
    """The build was told to stop writing (serve, when a newer save makes its site out of date)."""


class Writer:
    """The new site's files, written into a temporary folder that replaces `out` on success.

    Use as `with Writer(out) as writer: writer.write(name, chunks)`, holding `lock(out)`.
    """

    def __init__(self, out: Path, max_files: int = MAX_FILES, tidy_later: bool = False,
                 stop: Callable[[], bool] = lambda: False, old: Mapping[str, str] | None = None,
                 ahead: bool = True, cache: Path | None = None) -> None:
        # `tidy_later`: a site abandoned is deleted in the background (serve's; a build that ends
        # first leaves it to the next build, which clears leftovers). `stop`: asked before each file;
        # True abandons the new site (Superseded), and the live one stays as it was. `old`: the live
        # site's files and the key of each (pagekeys.py), when the cache knows them. `ahead`: make the
        # folders of `old`'s files ahead (folders.py) when there is no spare. `cache`: the cache folder,
        # whose spare site (spare.py) the new one starts from and keeps the replaced one in.
        self.out, self.max_files, self.tidy_later, self.stop = out, max_files, tidy_later, stop
        self.count = 0  # files written so far
        self.temp: Path | None = None
        self.old, self.make_ahead, self.cache, self.needed = old, ahead, cache, set[str]()
        self.ahead: folders.Ahead | None = None
        self.spare: spare.Spare | None = None

    def __enter__(self) -> Writer:
        self.out.parent.mkdir(parents=True, exist_ok=True)
        clear_leftovers(self.out, later=self.tidy_later)  # under the lock, so no other build is writing them
        self.temp = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.tmp-", dir=self.out.parent))
        self.spare = spare.take(self.cache, self.temp) if self.cache is not None else None
        likely = folders.of(self.old or ()) if self.make_ahead and self.spare is None else []
        self.ahead = folders.Ahead(self.temp, likely)
        return self

    def expect(self, keys: Mapping[str, str]) -> None:
        """The new site's files, each with its key: call before any is written.

        What the spare has of them stays; anything else in it goes, as do, before the swap, the folders made
        ahead that none of them is in.
        """
        self.needed = set(folders.of(keys))
        if self.spare is not None:
            self.spare.settle(keys)

    def write(self, name: str, chunks: Iterable[bytes]) -> None:
        """Write one file of the site (a path relative to its root) from its chunks."""
        assert self.temp is not None, "use Writer in a with statement"
        assert self.spare is None or self.spare.settled, "call expect() first"
        if self.stop():
            raise Superseded()
        self.count += 1
        if self.count > self.max_files:
            raise BuildError(f"the site would have more than {self.max_files:,} files; a programme this size "
                             "is a mistake in the content (is a shortlist repeated many times?)")
        write_file(self.temp / name, chunks)

    def keep(self, name: str, key: str) -> bool:
        """Give the new site its file `name`, whose key is `key`, unrendered: the spare's, or the live site's
        (a hard link, else a copy); False if neither has it so."""
        assert self.temp is not None, "use Writer in a with statement"
        assert self.spare is None or self.spare.settled, "call expect() first"
        if self.stop():
            raise Superseded()
        if self.spare is not None and name in self.spare.ready:
            self.count += 1
            return True
        if self.old is None or self.old.get(name) != key:
            return False
        source, target = os.path.join(self.out, name), os.path.join(self.temp, name)
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):  # a link put there by hand, say: made again
                return False
            try:
                os.link(source, target)
            except FileNotFoundError:  # its folder is not made yet (or the live file is gone: then again)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(source, target)
        except FileNotFoundError:
            return False
        except FileExistsError:  # a folder (made ahead, folders.py, or the spare's) where the new site has a file
            shutil.rmtree(target)  # it holds no file of the new site, which cannot have files under a file
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, target)
        self.count += 1
        return True

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        assert self.temp is not None and self.ahead is not None
        try:
            self.ahead.finish(kind is None, self.needed)
            if self.spare is not None and kind is None:
                if not self.spare.settled:  # nothing was written: the new site is empty
                    self.spare.settle({})
                self.spare.tidy(self.needed)
            elif self.spare is not None:
                self.spare.stop()
            if kind is None:
                (self.temp / MARKER).write_text("Built by awardsite; the next build replaces this folder whole.\n")
                self.temp.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
                folders.swap_in(self.temp, self.out)
                if self.temp.exists() and self.cache is not None and self.old is not None:
                    spare.keep(self.temp, self.cache, self.old)  # the replaced site, whose files `old` lists
        finally:
            if not self.temp.exists():  # swapped in, and the replaced site kept as the spare
                pass
            elif self.tidy_later and (kind is None or kind is Superseded):
                folders.remove_later(self.temp)
            else:
                folders.remove(self.temp)


def write_file(target: Path, chunks: Iterable[bytes]) -> None:
    """Write one file of a site being built from its chunks (a worker process writes its pages so too).

    Always a new file: one already there (the spare's, spare.py) may be a hard link to the live site's.
    """
    try:
        handle = open(target, "xb")
    except FileNotFoundError:  # its folder is not made yet
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(target, "xb")
    except FileExistsError:
        if target.is_dir() and not target.is_symlink():  # a folder made ahead (folders.py) or the spare's
            shutil.rmtree(target)  # it holds no file of the new site, which has a file of this name
        else:
            target.unlink()
        handle = open(target, "xb")
    with handle:
        for chunk in chunks:
            handle.write(chunk)


def clear_leftovers(out: Path, later: bool = False) -> None:
    """Remove temporary folders that an interrupted build left beside `out` (call under the lock).

    `later`: in a thread, returning at once (a new temporary folder never has an old one's name).
    """
    found = [leftover for leftover in out.parent.glob(f".{out.name}.tmp-*")
             if leftover.is_dir() and not leftover.is_symlink()]
    for leftover in found:
        if later:
            folders.remove_later(leftover)
        else:
            folders.remove(leftover)
