"""Write the rendered site: into a temporary sibling folder, then swapped in whole.

The live output folder is never written to. A build that fails, or is killed,
leaves the previous site exactly as it was; leftovers are cleared by the next build.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError

MARKER = ".awardsite"  # marks a folder this tool built, so a later build may replace it
_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one atomic step


def check_out(out: Path, source: Path) -> None:
    """Refuse an output folder whose replacement would destroy something else."""
    out, source = out.resolve(), source.resolve()
    if out == source or out in source.parents or out == Path.home().resolve() or out == Path(out.anchor):
        raise BuildError(f"refusing to build into {out}: it holds the content, your home folder or the disk root")
    if out.exists() and not out.is_dir():
        raise BuildError(f"refusing to build into {out}: it is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise BuildError(f"refusing to replace {out}: it was not built by this tool; empty it or choose another --out")


def write(files: dict[str, bytes], out: Path) -> None:
    """Write `files` (site path -> bytes) as the complete new contents of `out`."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    clear_leftovers(out)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        for name, data in sorted(files.items()):
            target = temp / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (temp / MARKER).write_text("Built by awardsite; the next build replaces this folder whole.\n")
        temp.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
        _swap_in(temp, out)
    finally:
        if temp.exists():
            shutil.rmtree(temp)


def clear_leftovers(out: Path) -> None:
    """Remove temporary folders that an interrupted build left beside `out`."""
    for leftover in out.parent.glob(f".{out.name}.tmp-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(new: Path, out: Path) -> None:
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
    return result == 0
