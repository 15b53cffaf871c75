"""Chromium in kiosk mode, driven over the DevTools protocol on a pipe (standard library only).

``--remote-debugging-pipe`` makes Chromium read protocol messages on file descriptor 3
and write its answers on 4, each a JSON text ending in a NUL byte: no port is opened.

Chromium runs with every background service that would go on the network switched off,
resolves no host name at all (``--host-resolver-rules``), and gets a profile folder of
the benchmark's own. Debian's ``/usr/bin/chromium`` is a shell script that adds flags of
its own (and Google API keys); the browser binary behind it is started instead, so the
flags below are the only ones.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.helpers
from tests.helpers.chromium import OFFLINE_FLAGS, find_chromium  # noqa: E402

__all__ = ["Chromium", "find_chromium"]

FLAGS = (
    "--kiosk",
    "--noerrdialogs",
    "--disable-session-crashed-bubble",
    *OFFLINE_FLAGS,
)


class DevToolsError(RuntimeError):
    pass


class Chromium:
    """One Chromium process showing ``url`` full screen, and its DevTools pipe."""

    def __init__(self, binary: str, url: str, profile: Path, env: dict[str, str],
                 log: IO[bytes]) -> None:
        to_browser, self._to_browser = os.pipe()
        self._from_browser, from_browser = os.pipe()
        command = [binary, "--remote-debugging-pipe", f"--user-data-dir={profile}", *FLAGS]
        if os.geteuid() == 0:
            command.append("--no-sandbox")  # Chromium refuses to start as root otherwise
        command.append(url)

        def pipe_on_3_and_4() -> None:
            # Moved out of the way first: either end may already sit on 3 or 4.
            read = fcntl.fcntl(to_browser, fcntl.F_DUPFD, 10)
            write = fcntl.fcntl(from_browser, fcntl.F_DUPFD, 10)
            os.dup2(read, 3)
            os.dup2(write, 4)

        self.spawned_wall = time.time()
        self.spawned = time.monotonic()
        # close_fds=False: only inheritable descriptors pass, i.e. 0-2 and the two dup2'd.
        self.process = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL,
                                        stdout=log, stderr=log, close_fds=False,
                                        preexec_fn=pipe_on_3_and_4, start_new_session=True)
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next_id = 0

    # --- the protocol ---------------------------------------------------------------------

    def call(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None, timeout: float = 60.0) -> dict[str, Any]:
        """Send one command and wait for its answer (events meanwhile are dropped)."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method,
                                   "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise DevToolsError(f"{method}: {answer['error'].get('message')}")
                result: dict[str, Any] = answer.get("result", {})
                return result

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            readable, _, _ = select.select([self._from_browser], [], [], left)
            if readable:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise DevToolsError(f"Chromium closed its DevTools pipe (exit "
                                        f"{self.process.poll()})")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        found: dict[str, Any] = json.loads(message)
        return found

    def page_session(self, url: str, timeout: float = 60.0) -> str:
        """A DevTools session on the tab showing ``url``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            targets = self.call("Target.getTargets")["targetInfos"]
            for target in targets:
                if target["type"] == "page" and target["url"] == url:
                    attached = self.call("Target.attachToTarget",
                                         {"targetId": target["targetId"], "flatten": True})
                    return str(attached["sessionId"])
            time.sleep(0.05)
        raise TimeoutError(f"no tab showing {url}")

    def evaluate(self, session: str, expression: str, timeout: float = 60.0,
                 retry: bool = False) -> Any:
        """The value of ``expression`` in the page (awaited when it is a promise).

        With ``retry``, tried again until it succeeds or ``timeout`` passes: DevTools may
        attach before the page's first script has run, or while the first document is
        being replaced."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                answer = self.call("Runtime.evaluate", {
                    "expression": expression, "awaitPromise": True, "returnByValue": True},
                    session, timeout=max(0.1, deadline - time.monotonic()))
                details = answer.get("exceptionDetails")
                problem = details["exception"].get("description") if details else None
            except DevToolsError as error:
                answer, problem = {}, str(error)
            if problem is None:
                return answer["result"].get("value")
            if not retry or time.monotonic() >= deadline:
                raise DevToolsError(f"{expression}: {problem}")
            time.sleep(0.05)

    # --- the process ----------------------------------------------------------------------

    def close(self, timeout: float = 15.0) -> None:
        """Close the browser as its user would (its profile stays consistent), else kill it."""
        try:
            self.call("Browser.close", timeout=timeout)
        except (DevToolsError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
