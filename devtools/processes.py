"""Subprocesses for development tools and tests: each in its own process group with its
output in a log file, waited for by polling, and an HTTP server run for the length of a
block. Used by `workers.py` (Celery), `pages.py` (the demo site) and the install test.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
STARTUP_TIMEOUT = 30.0


class ServiceError(AssertionError):
    """A process or service did not start or answer (fails a test; never skips it)."""


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition: Callable[[], T], timeout: float, step: float = 0.05) -> T:
    """Call `condition` every `step` seconds until it returns something truthy, and return
    that; after `timeout` seconds, return what it returns then (falsy)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(step)
    return condition()


def wait_for(probe: Callable[[], T], *, timeout: float = 60, every: float = 0.2) -> T:
    """`wait_until` that raises ServiceError when `probe` stays falsy for `timeout` s."""
    result = wait_until(probe, timeout, every)
    if not result:
        raise ServiceError(f"Gave up after {timeout} s waiting for {probe}")
    return result


class Process:
    """One subprocess in its own process group, its output in the file `log`."""

    def __init__(self, name: str, args: list[str], *, env: dict, cwd: Path, log: Path):
        self.name, self.log = name, log
        self._file = log.open("wb")
        self.popen = subprocess.Popen(
            args, env=env, cwd=cwd, stdout=self._file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, text: str, timeout: float = STARTUP_TIMEOUT) -> None:
        """Wait until the process has logged `text`; ServiceError if it exits first or
        `timeout` seconds pass."""
        wait_until(lambda: text in self.output() or self.popen.poll() is not None, timeout)
        if text not in self.output():
            raise ServiceError(f"{self.name} did not log {text!r}:\n{self.output()[-4000:]}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the whole group (a prefork worker's pool processes too), as a
        machine crash or an OOM kill of the container would."""
        if self.popen.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.popen.pid, sig)

    def stop(self) -> None:
        """End the process group at once: a graceful shutdown waits for the broker loop and
        the tests gain nothing from it (each purges the broker first)."""
        self.kill(signal.SIGKILL)
        with suppress(subprocess.TimeoutExpired):
            self.popen.wait(10)
        self._file.close()


def answers(url: str) -> bool:
    """Whether an HTTP server answers `url` at all (an error status is an answer)."""
    try:
        urllib.request.urlopen(url, timeout=2).close()  # noqa: S310  loopback only
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


@contextmanager
def http_server(
    args: list[str], *, port: int, env: dict, cwd: Path, log: Path, probe: str = "/",
    timeout: float = 60,
) -> Iterator[str]:
    """Run the server `args` start (listening on 127.0.0.1:`port`) for the length of the
    block; yields its base URL once it answers `probe`. ServiceError, with its log, if it
    exits or does not answer within `timeout` seconds."""
    server = Process("server", args, env=env, cwd=cwd, log=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: server.popen.poll() is not None or answers(base + probe), timeout)
        if server.popen.poll() is not None or not answers(base + probe):
            raise ServiceError(f"The server did not start:\n{server.output()[-4000:]}")
        yield base
    finally:
        server.stop()
