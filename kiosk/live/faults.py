"""What happens to an error nobody caught: logged for staff, never shown to visitors.

PySide prints an exception raised inside a slot and carries on, so a kiosk could fail the
same way on every touch for months with nobody the wiser. This hook logs each one with its
traceback and, when they come too often, asks the application to quit with an error so
systemd restarts it from a clean state. Hard crashes (a segfault in a driver, or the
SIGABRT systemd's watchdog sends a hung kiosk) leave a Python stack in ``crash.log``.
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import TextIO

from kiosk.paths import data_dir

CRASH_LOG_NAME = "crash.log"
CRASH_LOG_MAX_BYTES = 1_000_000

logger = logging.getLogger("kiosk.fault")


class FaultHandler:
    """Counts uncaught exceptions and calls ``on_too_many`` once when they pile up."""

    def __init__(self, threshold: int, window_seconds: float,
                 on_too_many: Callable[[], None], clock: Callable[[], float]) -> None:
        self.threshold = threshold
        self.window_seconds = window_seconds
        self._on_too_many = on_too_many
        self._clock = clock
        self._times: deque[float] = deque()
        self._gave_up = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._faulthandler_was_on = faulthandler.is_enabled()
        self.crash_log: TextIO | None = None

    @property
    def recent_faults(self) -> int:
        """How many uncaught exceptions fell within the last ``window_seconds``."""
        self._forget_old(self._clock())
        return len(self._times)

    def _forget_old(self, now: float) -> None:
        while self._times and now - self._times[0] > self.window_seconds:
            self._times.popleft()

    def excepthook(self, kind: type[BaseException], value: BaseException,
                   traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            # Ctrl+C in a terminal preview: let Python stop as it normally would.
            self._previous_hook(kind, value, traceback)
            return
        logger.error("unexpected error (the exhibit carries on): %s", value,
                     exc_info=(kind, value, traceback))
        now = self._clock()
        self._forget_old(now)
        self._times.append(now)
        # guard: restart-past-threshold
        if len(self._times) >= self.threshold and not self._gave_up:
            self._gave_up = True
            logger.critical("%d unexpected errors within %g s; quitting so the service "
                            "restarts the kiosk", len(self._times), self.window_seconds)
            try:
                self._on_too_many()
            except Exception:
                logger.exception("could not quit after repeated errors")

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def uninstall(self) -> None:
        """Put back the hooks that were there before (tests, and a clean shutdown)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook
        faulthandler.disable()
        if self._faulthandler_was_on:
            faulthandler.enable(all_threads=True)
        if self.crash_log is not None:
            self.crash_log.close()
            self.crash_log = None


def _open_crash_log(folder: Path) -> TextIO:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CRASH_LOG_NAME
    if path.exists() and path.stat().st_size > CRASH_LOG_MAX_BYTES:
        path.replace(path.with_name(CRASH_LOG_NAME + ".1"))
    file = path.open("a", encoding="utf-8")
    # faulthandler writes no time of its own; this line dates whatever follows it.
    file.write(f"--- kiosk started {datetime.now().astimezone().isoformat()} ---\n")
    file.flush()
    return file


def install_fault_handler(*, on_too_many: Callable[[], None], threshold: int = 5,
                          window_seconds: float = 60,
                          clock: Callable[[], float] = time.monotonic,
                          log_dir: Path | None = None) -> FaultHandler:
    """Log uncaught exceptions (main and other threads) and call ``on_too_many`` once
    ``threshold`` of them fall within ``window_seconds``. Also enable ``faulthandler``
    into ``crash.log`` in ``log_dir`` (default: the data folder), or stderr if that
    cannot be opened. Returns the handler; ``uninstall()`` undoes it all.
    """
    handler = FaultHandler(threshold, window_seconds, on_too_many, clock)
    try:
        handler.crash_log = _open_crash_log(log_dir if log_dir is not None else data_dir())
        faulthandler.enable(file=handler.crash_log, all_threads=True)
    except OSError as error:
        logger.warning("cannot open the crash log (%s); hard crashes go to stderr", error)
        faulthandler.enable(all_threads=True)
    sys.excepthook = handler.excepthook  # guard: slot-exception-logged
    threading.excepthook = handler._thread_hook
    return handler
