"""The theme's templates compiled by a forked helper while the content is read (`ahead`).

Compiling the built-in templates takes about 0.17 s of one core, and each forked worker that
renders pages did it again for itself, after the content was read: a sixth of a cold build at
40 × 12. Done by a helper process meanwhile, on the core reading leaves idle, and handed to this
process's store before the workers are forked, it costs them nothing. What the helper sends is
compiled code, but it never leaves this build's processes: it goes down a pipe, never to disk,
so no cache folder can carry code into a build (a reason Jinja's file cache is not used), and
Jinja compiles a template again if its source no longer has the checksum the code was made from.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import select
import signal
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

WAIT = 10.0  # seconds to wait for the helper before compiling here as before


@contextlib.contextmanager
def ahead(source: Path, jobs: int) -> Iterator[Callable[[], None]]:
    """Start compiling the templates of the content folder `source`; yield `collect`, which waits for the compiled
    code and keeps it for this process's environments. The helper is gone when the block ends, however it ends.

    Only where the build may use more than one core (`jobs`, 0 for every core) and forking is safe; otherwise
    nothing starts and `collect` does nothing, so templates are compiled when first used, as before.
    Imports nothing heavy here: a build with nothing to do starts one and stops it at once.
    """
    if sys.platform != "linux" or (jobs or len(os.sched_getaffinity(0))) < 2:
        yield lambda: None
        return
    receiving, sending = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: never returns into the build's code
        try:
            os.close(receiving)
            _compile_all(source, sending)
        finally:
            os._exit(0)
    os.close(sending)
    try:
        yield lambda: _keep(_received(receiving))
    finally:
        os.close(receiving)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # done already, or the build failed or stopped before it collected
        os.waitpid(pid, 0)


def _received(receiving: int) -> bytes:
    """Everything the helper sends, up to its end; nothing if it takes longer than WAIT."""
    chunks: list[bytes] = []
    until = time.monotonic() + WAIT
    while select.select([receiving], [], [], max(0.0, until - time.monotonic()))[0]:
        chunk = os.read(receiving, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
    return b""


def _keep(data: bytes) -> None:
    from . import templating
    with contextlib.suppress(ValueError, EOFError, TypeError):  # cut short: the helper died while sending
        templating.keep_compiled(marshal.loads(data) if data else {})


def _compile_all(source: Path, sending: int) -> None:
    """In the helper: compile every template the content folder's theme has, and send the code made.

    A template that does not compile is left out: the build compiles it again and reports its line.
    """
    from . import templating
    from .errors import Problems
    from .render import Converted, environment  # the same filters: how each is called is compiled in
    from .sources import scan
    from .urls import Urls
    try:
        templates = scan(source, Problems()).templates
        data = marshal.dumps(templating.compile_all(environment(templates, Urls("/"), {}, Converted({})), templates))
    except Exception:  # noqa: BLE001 (nothing is sent: the build compiles each template itself, as before)
        data = b""
    with open(sending, "wb") as pipe:
        pipe.write(data)
