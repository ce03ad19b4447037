#!/usr/bin/env python3
"""Time `build.py serve` from saving a file to the browsers being told to reload, and to the new page served.

    python benchmarks/preview.py                      # the example (repository root) and medium (40 x 12)
    python benchmarks/preview.py --scale example --edits 9
    python benchmarks/preview.py --repo /tmp/old      # another checkout's build.py (to compare before/after)

For each programme, a copy of its content is served on a free loopback port. The script
joins livereload's websocket as a browser tab would (hello, then info), then edits one
entry's synopsis several times, with pauses of different lengths between edits (a
polling watcher's phase then varies). For each edit it records the time from the saved
file being closed to (1) the reload message arriving and (2) the entry's page being
served with the new text (polled until then). Figures, not assertions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tornado.websocket import websocket_connect  # noqa: E402  (tornado comes with livereload)

from awardsite import pipeline  # noqa: E402
from awardsite.urls import Urls, entry_page  # noqa: E402
from benchmarks.programme import SCALES, write_programme  # noqa: E402

CONTENT = ("site.yaml", "judges.yaml", "categories", "shortlist", "pages", "news", "media", "editions")


def example(folder: Path) -> Path:
    """A copy of the repository's own example programme (its content, not the built-in theme)."""
    folder.mkdir()
    for name in CONTENT:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, folder / name)
        elif (ROOT / name).is_file():
            shutil.copy(ROOT / name, folder / name)
    return folder


def first_entry(folder: Path) -> tuple[Path, str]:
    """The shortlist file of the current edition's first entry, and that entry's page (a path under the prefix)."""
    content = pipeline.check(folder)
    edition = content.current
    category, shortlist = next(iter(edition.shortlists.items()))
    prefix = Urls(content.site.base_url).prefix
    return folder / "shortlist" / f"{category}.yaml", prefix + entry_page(edition.name, category,
                                                                            shortlist.entries[0].slug or "")


def edited(text: str, marker: str) -> str:
    """`text` with `marker` put at the start of the first synopsis (a `synopsis: |` block)."""
    return re.sub(r"(synopsis: \|\n\s+)", rf"\g<1>{marker} ", text, count=1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(repo: Path, folder: Path, port: int, timeout: float = 120) -> subprocess.Popen[bytes]:
    """`build.py serve` of `folder` with `repo`'s code, once it answers on `port` (after its first build)."""
    process = subprocess.Popen([sys.executable, str(repo / "build.py"), "serve", "--source", str(folder),
                                "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"serve exited with status {process.returncode}")
            time.sleep(0.05)
    stop(process)
    raise SystemExit(f"serve did not start within {timeout:.0f} s")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def page_has(url: str, marker: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return marker in response.read().decode("utf-8", "replace")
    except OSError:
        return False


async def measure(port: int, file: Path, page: str, edits: int, timeout: float = 20) -> list[tuple[float, float]]:
    """(seconds to the reload message, seconds to the new page served) for each edit of `file`.

    `timeout` is the longest wait for one reload message: a rebuild of a large programme takes a while.
    """
    url = f"http://127.0.0.1:{port}{page}"
    socket_ = await websocket_connect(f"ws://127.0.0.1:{port}/livereload")
    await socket_.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
    await socket_.read_message()  # the server's hello
    await socket_.write_message(json.dumps({"command": "info", "url": url, "plugins": {}}))
    await asyncio.sleep(0.5)  # let the server count this "tab", and any start-up rebuild pass
    original, times = file.read_text(), []
    for number in range(edits):
        marker = f"Edit{number}x{os.getpid()}"
        await asyncio.sleep(0.6 + 0.29 * (number % 4))  # pauses of different lengths: the poll phase varies
        file.write_text(edited(original, marker))
        saved = time.monotonic()
        while True:  # a reload sent for an earlier change may still be on its way: wait for ours
            message = await asyncio.wait_for(socket_.read_message(), timeout=timeout)
            reloaded = time.monotonic()
            if message and json.loads(message).get("command") == "reload" and \
                    await asyncio.to_thread(page_has, url, marker):
                break
        while not await asyncio.to_thread(page_has, url, marker):  # (already served, by the check above)
            await asyncio.sleep(0.005)
        times.append((reloaded - saved, time.monotonic() - saved))
    file.write_text(original)
    socket_.close()
    return times


def describe(values: list[float]) -> str:
    return (f"median {statistics.median(values) * 1000:4.0f} ms, min {min(values) * 1000:4.0f} ms, "
            f"max {max(values) * 1000:4.0f} ms")


def run(repo: Path, name: str, folder: Path, edits: int) -> None:
    file, page = first_entry(folder)
    port = free_port()
    process = start(repo, folder, port)
    try:
        times = asyncio.run(measure(port, file, page, edits))
    finally:
        stop(process)
    print(f"{name}: save to reload message: {describe([t[0] for t in times])}  ({edits} edits)")
    print(f"{name}: save to new page served: {describe([t[1] for t in times])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=["example", *SCALES], action="append",
                        help="which programme (repeatable; default: example and medium)")
    parser.add_argument("--edits", type=int, default=7, help="edits per programme (default 7)")
    parser.add_argument("--repo", type=Path, default=ROOT, help="the checkout whose build.py serves (default: this one)")
    args = parser.parse_args()
    print(f"serving with {args.repo.resolve() / 'build.py'}; {os.cpu_count()} cores")
    for scale in args.scale or ["example", "medium"]:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp) / "site"
            if scale == "example":
                example(folder)
            else:
                write_programme(folder, *SCALES[scale])
            run(args.repo.resolve(), f"{scale:>7}", folder, args.edits)


if __name__ == "__main__":
    main()
