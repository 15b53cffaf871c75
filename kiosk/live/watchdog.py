"""Tells systemd the kiosk is up, then keeps telling it the GUI thread is alive.

The pings come from a QTimer on the GUI thread, so a hung event loop stops them and
systemd's watchdog restarts the kiosk: a frozen screen in a gallery is a dark screen.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.service.sdnotify import notify, watchdog_interval

logger = logging.getLogger(__name__)


class Watchdog(QObject):
    """``start()`` sends READY=1 once and pings WATCHDOG=1 at half systemd's interval."""

    pinged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setObjectName("watchdogTimer")
        self._timer.timeout.connect(self._ping)
        self._ready_sent = False

    @property
    def active(self) -> bool:
        """Whether watchdog pings are being sent."""
        return self._timer.isActive()

    def interval_ms(self) -> int:
        """How often pings are sent, in milliseconds (0 when they are not)."""
        return self._timer.interval() if self.active else 0

    def start(self) -> None:
        """Report readiness (once) and start pinging if systemd asked for a watchdog."""
        if not self._ready_sent:
            self._ready_sent = True
            if notify("READY=1"):  # guard: sd-notify-ready
                logger.info("told systemd the kiosk is ready")
        timeout = watchdog_interval()
        if timeout is None:
            return
        self._timer.start(max(1, int(timeout * 1000 / 2)))  # guard: sd-notify-watchdog-timer
        logger.info("sending systemd watchdog pings every %d ms", self._timer.interval())
        self._ping()

    def stop(self) -> None:
        """Stop the pings (e.g. while quitting; systemd then sees the process end)."""
        self._timer.stop()

    def _ping(self) -> None:
        if notify("WATCHDOG=1"):
            self.pinged.emit()
