"""Running one display power command: no shell, a time limit, and any failure as one
exception that says what happened in words an installer can act on."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

# subprocess.run, or a stand-in with its keyword arguments, for tests.
Runner = Callable[..., "subprocess.CompletedProcess[str]"]

DEFAULT_TIMEOUT = 15.0  # seconds; ddcutil's display detection and cec-client's opening take a few
MAX_REPORTED_LINES = 3  # xset follows its one useful line with fifty lines of usage
MAX_REPORTED_CHARS = 300


class CommandFailed(Exception):
    """A command could not be run, did not finish in time, or reported a failure."""


@dataclass(frozen=True)
class Commands:
    """Runs commands for one display power switch, all with the same environment and limit."""

    run: Runner = subprocess.run
    env: Mapping[str, str] | None = None  # None: the kiosk's own environment
    timeout: float = DEFAULT_TIMEOUT

    def __call__(self, args: Sequence[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
        """Run ``args`` with ``stdin`` as its input; its result when it exits with 0."""
        shown = " ".join(args)
        try:
            done = self.run(
                list(args), input=stdin, capture_output=True, text=True, errors="replace",
                timeout=self.timeout, env=dict(self.env) if self.env is not None else None,
                check=False)
        except FileNotFoundError:
            raise CommandFailed(f"`{args[0]}` is not installed (not found on PATH)") from None
        except subprocess.TimeoutExpired:
            raise CommandFailed(f"`{shown}` did not finish within {self.timeout:g} s "
                                "and was stopped") from None
        except OSError as error:
            raise CommandFailed(f"`{shown}` could not be started: {error}") from None
        if done.returncode < 0:
            raise CommandFailed(f"`{shown}` was killed by signal {-done.returncode}"
                                f"{said(done)}")
        if done.returncode != 0:
            raise CommandFailed(f"`{shown}` exited with status {done.returncode}{said(done)}")
        return done


def said(done: subprocess.CompletedProcess[str]) -> str:
    """What a command printed, shortened for one log line: stderr, else stdout (ddcutil and
    cec-client print their errors there), as ``: first line / second line``; or ""."""
    text = (done.stderr or "").strip() or (done.stdout or "").strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    summary = " / ".join(lines[:MAX_REPORTED_LINES])
    if len(lines) > MAX_REPORTED_LINES:
        summary += " / …"
    if len(summary) > MAX_REPORTED_CHARS:
        summary = summary[:MAX_REPORTED_CHARS - 1] + "…"
    return f": {summary}"
