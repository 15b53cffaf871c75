"""The display off a while after closing and on again at opening, through kiosk/power.

The power tools (wlr-randr, xset, ddcutil, cec-client) can take seconds, so they run on a
worker thread; what they did comes back to the GUI thread as a signal.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.power.display import DisplaySwitch
from kiosk.ui.idle import SingleShot, precise_timer

log = logging.getLogger(__name__)


class ScreenPower(QObject):
    """Follows the opening hours: ``closed(True)`` starts the grace period, ``closed(False)``
    turns the display on at once; ``start_closed`` is a kiosk started while closed.
    ``timer`` makes the grace's single-shot timer (a test's fake)."""

    # On the GUI thread: the display is now on (True) or off (False), and the backend.
    changed = Signal(bool, str)
    _switched = Signal(bool, str)  # from the worker

    def __init__(self, switch: DisplaySwitch, off_after_s: float,
                 log_event: Callable[..., None], parent: QObject | None = None, *,
                 timer: Callable[[QObject], SingleShot] = precise_timer) -> None:
        super().__init__(parent)
        self._switch = switch
        self._log_event = log_event
        self._off_after_s = off_after_s
        self._switched.connect(self._done)  # a slot of this GUI-thread object: queued
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="display-power")
        self._grace = timer(self)
        self._grace.timeout.connect(lambda: self._run(on=False))

    @Slot(bool)
    def closed(self, closed: bool) -> None:
        if closed:
            self.start_closed(0.0)
        else:
            self._grace.stop()
            if self._switch.is_off:
                self._run(on=True)

    @Slot(float)
    def start_closed(self, closed_for_s: float) -> None:
        """Closed ``closed_for_s`` seconds ago: the display goes off when the grace is over,
        at once if it is. A kiosk restarted at night must not light the gallery again."""
        left_s = self._off_after_s - closed_for_s
        self._grace.stop()
        if left_s > 0:
            self._grace.start(math.ceil(left_s * 1000))
        else:
            self._run(on=False)

    def use(self, switch: DisplaySwitch, off_after_s: float) -> None:
        """New settings from an edited site file. A display the old switch turned off is
        turned on by it first (the new one may not reach it); the caller then says
        whether the kiosk is closed, which starts the grace again."""
        old, self._switch, self._off_after_s = self._switch, switch, off_after_s
        self._grace.stop()
        if old.is_off:
            self._run(on=True, switch=old)

    def _run(self, *, on: bool, switch: DisplaySwitch | None = None) -> None:
        switch = switch or self._switch

        def work() -> None:
            if switch.on() if on else switch.off():
                self._switched.emit(on, switch.backend or "")

        self._worker.submit(work)

    @Slot(bool, str)
    def _done(self, on: bool, backend: str) -> None:
        self._log_event("display_on" if on else "display_off", backend=backend)
        self.changed.emit(on, backend)

    def stop(self, *, leave_on: bool = True) -> None:
        """Leave the display on: a kiosk stopped at night must not leave a dark screen
        (``leave_on=False``: a kiosk restarting at night, whose next run keeps it off)."""
        self._grace.stop()
        if leave_on and self._switch.is_off:
            self._worker.submit(self._switch.on)
        self._worker.shutdown(wait=True)
