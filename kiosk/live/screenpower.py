"""The display off a while after closing and on again at opening, through kiosk/power.

The power tools (wlr-randr, xset, ddcutil, cec-client) can take seconds, so they run on a
worker thread; what they did comes back to the GUI thread as a signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from kiosk.power.display import DisplaySwitch

log = logging.getLogger(__name__)


class ScreenPower(QObject):
    """Follows the opening hours: ``closed(True)`` starts the grace period, ``closed(False)``
    turns the display on at once."""

    changed = Signal(bool)  # on the GUI thread: the display is now on (True) or off (False)
    _switched = Signal(bool)  # from the worker

    def __init__(self, switch: DisplaySwitch, off_after_s: float,
                 log_event: Callable[..., None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._switch = switch
        self._log_event = log_event
        self._switched.connect(self._done)  # a slot of this GUI-thread object: queued
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="display-power")
        self._grace = QTimer(self, singleShot=True, interval=int(off_after_s * 1000))
        self._grace.timeout.connect(lambda: self._run(on=False))

    @Slot(bool)
    def closed(self, closed: bool) -> None:
        if closed:
            self._grace.start()
        else:
            self._grace.stop()
            if self._switch.is_off:
                self._run(on=True)

    def _run(self, *, on: bool) -> None:
        def work() -> None:
            if self._switch.on() if on else self._switch.off():
                self._switched.emit(on)

        self._worker.submit(work)

    @Slot(bool)
    def _done(self, on: bool) -> None:
        self._log_event("display_on" if on else "display_off", backend=self._switch.backend)
        self.changed.emit(on)

    def stop(self) -> None:
        """Leave the display on: a kiosk stopped at night must not leave a dark screen."""
        self._grace.stop()
        if self._switch.is_off:
            self._worker.submit(self._switch.on)
        self._worker.shutdown(wait=True)
