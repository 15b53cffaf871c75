"""The kiosk restarts itself once a day at the site file's ``daily_restart`` time.

A fresh process each night clears whatever a long run gathers (memory, a stuck driver),
so it only makes sense where something starts the kiosk again: systemd's
``Restart=always`` (``kiosk install-service``), told apart by the ``INVOCATION_ID`` systemd
gives every service process. The restart never comes under a visitor: when the time
comes mid-visit it waits for the visit to end. Clock and timer are injected, so tests
turn a fake clock instead of waiting for the night.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable, Mapping
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Slot

from kiosk.site.walltime import local_instant
from kiosk.ui.hours import MAX_WAIT_S, utc_now
from kiosk.ui.idle import SingleShot, precise_timer

log = logging.getLogger(__name__)

# Found this late, the time was not waited for but jumped over (a clock set after boot):
# the day's restart is skipped rather than done in the middle of the day.
LATE_S = MAX_WAIT_S


def next_restart(at: time, zone: ZoneInfo, now: datetime) -> datetime:
    """The first instant strictly after ``now`` whose wall time in ``zone`` is ``at`` (in
    UTC): in a spring-forward gap, the end of the gap; on a fall-back night, the first."""
    today = now.astimezone(zone).date()
    when = local_instant(datetime.combine(today, at), zone)
    if when > now:
        return when
    return local_instant(datetime.combine(today + timedelta(days=1), at), zone)


class DailyRestart(QObject):
    """Calls ``restart`` at ``at`` (wall time in ``zone``) each day, once ``busy()`` (a
    visitor in a session) is False; :meth:`check` is the slot to call when that may have
    changed (the navigator's ``screenChanged``). Only with ``INVOCATION_ID`` in
    ``environ``; otherwise :meth:`start` says so and nothing is armed."""

    def __init__(self, at: time, zone: ZoneInfo, *, busy: Callable[[], bool],
                 restart: Callable[[], None], log_event: Callable[..., None],
                 environ: Mapping[str, str] = os.environ,
                 clock: Callable[[], datetime] = utc_now,
                 timer: Callable[[QObject], SingleShot] = precise_timer,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._at = at
        self._zone = zone
        self._busy = busy
        self._restart = restart
        self._log_event = log_event
        self._under_systemd = "INVOCATION_ID" in environ
        self._clock = clock
        self._timer = timer(self)
        self._timer.timeout.connect(self.check)
        self._due: datetime | None = None  # UTC; None while off or stopped
        self._waiting = False  # the time has come, a visit is under way

    @property
    def due(self) -> datetime | None:
        """The next restart, in the site's zone; None when off or stopped."""
        return None if self._due is None else self._due.astimezone(self._zone)

    def start(self) -> None:
        """Arm for the next restart time, if the service manager will start the kiosk again."""
        if not self._under_systemd:
            log.info("daily restart at %s is off: the kiosk was not started by systemd "
                     "(kiosk install-service)", self._words())
            return
        self._due = next_restart(self._at, self._zone, self._clock())
        log.info("daily restart at %s (%s); next at %s", self._words(), self._zone.key,
                 self._due.astimezone(self._zone).isoformat())
        self.check()

    def stop(self) -> None:
        """No restart from now on (the kiosk is stopping)."""
        self._timer.stop()
        self._due = None
        self._waiting = False

    @Slot()
    def check(self) -> None:
        """Restart if the time has come and no visitor is in a session; else wait again."""
        due = self._due
        if due is None:
            return
        now = self._clock()
        if self._waiting or now >= due:
            if self._busy():
                if not self._waiting:
                    log.info("daily restart due at %s waits for the visit under way to end",
                             due.astimezone(self._zone).isoformat())
                self._waiting = True
                self._arm(MAX_WAIT_S)  # again later, should the visit's end go unnoticed
                return
            if self._waiting or now - due < timedelta(seconds=LATE_S):
                self._restart_now(due, now)
                return
            log.warning("the clock jumped past the daily restart at %s (now %s): no restart "
                        "today", due.astimezone(self._zone).isoformat(),
                        now.astimezone(self._zone).isoformat())
        # Again from now each time: a clock set after boot moves the next restart.
        self._due = next_restart(self._at, self._zone, now)
        self._arm((self._due - now).total_seconds())

    def _restart_now(self, due: datetime, now: datetime) -> None:
        scheduled = due.astimezone(self._zone).isoformat()
        log.info("daily restart (due at %s): the kiosk restarts", scheduled)
        self._log_event("daily_restart", scheduled=scheduled)
        self._waiting = False
        # Armed for tomorrow in case ``restart`` returns and the kiosk runs on.
        self._due = next_restart(self._at, self._zone, now)
        self._arm((self._due - now).total_seconds())
        self._restart()

    def _arm(self, wait_s: float) -> None:
        # Capped, so a clock set after boot is caught up with; never early, never zero.
        self._timer.start(max(1, math.ceil(min(MAX_WAIT_S, wait_s) * 1000)))

    def _words(self) -> str:
        return self._at.isoformat(timespec="minutes")

