"""The theme's templates compiled by a forked helper while the content is read (`ahead`).

Compiling the built-in templates takes about 0.17 s of one core, and each forked worker that
renders pages did it again for itself, after the content was read: a sixth of a cold build at
40 × 12. A helper process compiles them meanwhile, on the core reading leaves idle, and sends
each as it is done; once the content is read, this process takes what has come and compiles the
rest itself from the other end of the list, so neither waits for the other, and the workers,
forked after, inherit them all. What the helper sends is compiled code, but it never leaves this
build's processes: it goes down a pipe, never to disk, so no cache folder can carry code into a
build (a reason Jinja's file cache is not used), and Jinja compiles a template again if its
source no longer has the checksum the code was made from.
"""

from __future__ import annotations

import contextlib
import fcntl
import marshal
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:
    from .sources import Templates
    from .templating import Sandbox

# Imports nothing heavy at the top: a build with nothing to do starts a helper and stops it at once.
PIPE_SIZE = 1 << 20  # Linux's most for a process without privileges


@contextlib.contextmanager
def ahead(source: Path, jobs: int) -> Iterator[Callable[[Templates], None]]:
    """Start compiling the templates of the content folder `source`; yield `collect(templates)`, which, given the
    templates the content was read with, ends with each compiled, by the helper or here, and kept for this
    process's environments. The helper is gone when the block ends, however it ends.

    Only where the build may use more than one core (`jobs`, 0 for every core) and forking is safe; otherwise
    nothing starts and `collect` does nothing, so templates are compiled when first used, as before.
    """
    if sys.platform != "linux" or (jobs or len(os.sched_getaffinity(0))) < 2:
        yield lambda templates: None
        return
    receiving, sending = os.pipe()
    with contextlib.suppress(OSError):  # room for the built-in theme's code (0.45 MB), so the helper rarely waits
        fcntl.fcntl(sending, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    pid = os.fork()
    if pid == 0:  # the helper: never returns into the build's code
        try:
            os.close(receiving)
            _helper(source, sending)
        finally:
            os._exit(0)
    os.close(sending)
    os.set_blocking(receiving, False)  # this process takes what has come, and never waits for more
    try:
        yield lambda templates: _collect(templates, _Received(receiving))
    finally:
        os.close(receiving)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # done already, or the build failed or stopped before it collected
        os.waitpid(pid, 0)


def _helper(source: Path, sending: int) -> None:
    """In the helper: compile the theme's templates from the first, sending each one's code as it is made.

    A template that does not compile is sent without code: the build compiles it again and reports its line.
    """
    from . import templating
    from .errors import Problems
    from .sources import scan
    with open(sending, "wb") as pipe:
        templates = scan(source, Problems()).templates
        env = _environment(templates)
        for name, _, _ in templates:
            message = marshal.dumps((name, templating.compile_one(env, name)))
            pipe.write(len(message).to_bytes(4, "big") + message)
            pipe.flush()


def _collect(templates: Templates, received: _Received) -> None:
    """Keep what the helper has sent; compile the others here, from the last, until the two meet."""
    from . import templating
    env = _environment(templates)
    pending = [name for name, _, _ in templates]
    while pending:
        for name, code in received.messages():
            templating.keep_compiled(code)
            if name in pending:
                pending.remove(name)
        if pending:
            templating.compile_one(env, pending.pop())


class _Received:
    """The helper's messages (a length, then marshalled data), read as far as they have come."""

    def __init__(self, fd: int) -> None:
        self.fd, self.data = fd, b""

    def messages(self) -> list[tuple[str, dict[str, bytes]]]:
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(self.fd, 1 << 20):  # empty once the helper has gone
                self.data += chunk
        done: list[tuple[str, dict[str, bytes]]] = []
        while len(self.data) >= 4 and len(self.data) >= 4 + (size := int.from_bytes(self.data[:4], "big")):
            with contextlib.suppress(ValueError, EOFError, TypeError):
                done.append(marshal.loads(self.data[4:4 + size]))
            self.data = self.data[4 + size:]
        return done


def _environment(templates: Templates) -> Sandbox:
    """A sandbox with the build's filters: how each filter is called is compiled into the code."""
    from .render import Converted, environment
    from .urls import Urls
    return environment(templates, Urls("/"), {}, Converted({}))
