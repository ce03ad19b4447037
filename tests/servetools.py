"""Start `build.py serve` as its own process on a free loopback port, and stop it by pid."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from conftest import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """(status, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def request(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one request, redirects not followed (`fetch` follows them)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=5)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class ServeProcess:
    """`build.py serve --source folder` on 127.0.0.1; `stop()` ends it by its process id."""

    def __init__(self, folder: Path, *args: str, printed: Path | None = None) -> None:
        self.port = free_port()
        self.printed = printed  # a file for what the server prints (stdout and stderr), to read while it runs
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--source", str(folder), "--port", str(self.port), *args],
            stdout=printed.open("wb") if printed else subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
        )
        self.root = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                assert self.process.poll() is None, self.output()
                time.sleep(0.1)
        self.stop()
        raise AssertionError("serve did not start within 20 seconds")

    def wait_for(self, url: str, predicate, timeout: float = 5.0) -> float:  # type: ignore[no-untyped-def]
        """Seconds until `predicate(status, body)` holds for `url`; fails after `timeout`."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            assert self.process.poll() is None, "the server exited"
            if predicate(*fetch(url)):
                return time.monotonic() - started
            time.sleep(0.05)
        raise AssertionError(f"{url} did not change within {timeout}s: {fetch(url)}")

    def output(self) -> str:
        if self.printed:
            return self.printed.read_text()
        return self.process.stdout.read().decode() if self.process.stdout and self.process.poll() is not None else ""

    def wait_for_output(self, predicate, timeout: float = 10.0) -> str:  # type: ignore[no-untyped-def]
        """What the server has printed once `predicate(text)` holds for it; fails after `timeout`."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if predicate(self.output()):
                return self.output()
            time.sleep(0.05)
        raise AssertionError(f"the server did not print what was expected within {timeout}s:\n{self.output()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def save(path: Path, text: str) -> None:
    """Save as many editors do: write a hidden file beside it, then rename it over the file (one change)."""
    temporary = path.with_name(f".{path.name}.saving")
    temporary.write_text(text)
    os.replace(temporary, path)
