"""Whether the kiosk is open now, for the closed screen and for whoever powers the display.

Outside opening hours the kiosk shows its closed screen: dark, the exhibit's title and
when it opens next. A touch then lights that screen for a minute (staff at work) and
enters nothing. The object asks its :class:`Schedule` with its own clock and wakes
itself with a single-shot timer at the next opening or closing; both are injected, so
tests turn a fake clock instead of waiting for the evening.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Property, QCoreApplication, QDate, QLocale, QObject, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.site.nextopening import NextOpening, next_opening
from kiosk.site.schedule import Schedule
from kiosk.site.walltime import wall_instant
from kiosk.ui.idle import SingleShot, precise_timer

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

AWAKE_S = 60  # how long a touch lights the closed screen
# Checked at least this often: a clock set after boot (NTP) is caught up with soon.
MAX_WAIT_S = 15 * 60


def utc_now() -> datetime:
    return datetime.now(UTC)


def _weekday_words(weekday: int) -> str:
    """"on Monday at %1": one whole phrase a weekday, as languages inflect the day."""
    # Literal strings each, so that pyside6-lupdate finds them.
    return (
        QCoreApplication.translate("OpeningHours", "on Monday at %1"),
        QCoreApplication.translate("OpeningHours", "on Tuesday at %1"),
        QCoreApplication.translate("OpeningHours", "on Wednesday at %1"),
        QCoreApplication.translate("OpeningHours", "on Thursday at %1"),
        QCoreApplication.translate("OpeningHours", "on Friday at %1"),
        QCoreApplication.translate("OpeningHours", "on Saturday at %1"),
        QCoreApplication.translate("OpeningHours", "on Sunday at %1"),
    )[weekday]


def opening_words(opening: NextOpening, language: str) -> str:
    """When the kiosk opens, in the kiosk's current words: "tomorrow at 10:00",
    "on Monday at 10:00", "on 3 January at 10:00" (Russian: "3 января в 10:00")."""
    clock = f"{opening.when:%H:%M}"  # the 24-hour clock reads the same in every language
    if opening.day == "today":
        return QCoreApplication.translate("OpeningHours", "today at %1").replace("%1", clock)
    if opening.day == "tomorrow":
        return QCoreApplication.translate("OpeningHours", "tomorrow at %1").replace("%1", clock)
    if opening.day == "weekday":
        return _weekday_words(opening.when.weekday()).replace("%1", clock)
    day = QDate(opening.when.year, opening.when.month, opening.when.day)
    # QLocale's "MMMM" is the month as a date names it (Russian's genitive "января").
    date = QLocale(language).toString(day, "d MMMM" if opening.same_year else "d MMMM yyyy")
    #: %1 is a date such as "3 January", %2 a time such as "10:00"
    words = QCoreApplication.translate("OpeningHours", "on %1 at %2")
    return words.replace("%1", date).replace("%2", clock)


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class OpeningHours(QObject):
    """Open or closed now, by the schedule (None: open always), and the words for when
    it opens next. :attr:`closedChanged` tells the app (display power, the navigator)
    of each closing (True) and opening (False) as it happens."""

    openChanged = Signal()
    opensAtChanged = Signal()
    awakeChanged = Signal()
    closedChanged = Signal(bool)

    def __init__(self, schedule: Schedule | None = None, parent: QObject | None = None, *,
                 clock: Callable[[], datetime] = utc_now,
                 timer: Callable[[QObject], SingleShot] = precise_timer,
                 language: str = "en") -> None:
        super().__init__(parent)
        self._schedule = schedule
        self._clock = clock
        self._language = language
        self._open = schedule is None or schedule.is_open(clock())  # no change at start
        self._awake = False
        self._opening: NextOpening | None = None
        self._opens_at = ""
        self._change_timer = timer(self)
        self._change_timer.timeout.connect(self.check)
        self._awake_timer = timer(self)
        self._awake_timer.timeout.connect(self._fall_asleep)
        self.wait_ms: int | None = None  # what the change timer was last armed for
        self.check()

    # --- what QML binds to ------------------------------------------------------------

    def _get_open(self) -> bool:
        return self._open

    def _get_opens_at(self) -> str:
        return self._opens_at

    def _get_awake(self) -> bool:
        return self._awake

    open = Property(bool, _get_open, notify=openChanged)
    opensAt = Property(str, _get_opens_at, notify=opensAtChanged)  # "" when never again
    awake = Property(bool, _get_awake, notify=awakeChanged)

    @Slot()
    def wake(self) -> None:
        """A touch on the closed screen: light it for :data:`AWAKE_S` from this touch."""
        if self._open:
            return
        self._awake_timer.start(AWAKE_S * 1000)
        self._set_awake(True)

    # --- the app's side ----------------------------------------------------------------

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    def now(self) -> datetime:
        """The time on this object's clock (aware, UTC)."""
        return self._clock()

    def set_schedule(self, schedule: Schedule | None) -> None:
        """Take new opening hours (a reloaded site file) and act on them now."""
        self._schedule = schedule
        self.check()

    def stop(self) -> None:
        """No more checks (the window is going away)."""
        self._change_timer.stop()
        self._awake_timer.stop()
        self.wait_ms = None

    def set_language(self, language: str) -> None:
        """Say when it opens in ``language``; call with the kiosk's translator in place."""
        self._language = language
        self._update_words()

    @Slot()
    def check(self) -> None:
        """Open or closed now; announce a change, and wake again at the next one."""
        now = self._clock()
        schedule = self._schedule
        is_open = schedule is None or schedule.is_open(now)
        self._opening = None if is_open or schedule is None else next_opening(schedule, now)
        self._update_words()
        if is_open != self._open:
            self._open = is_open
            if is_open:
                self._awake_timer.stop()
                self._set_awake(False)
            log.info("the kiosk %s (%s)", "opens" if is_open else "closes", now.isoformat())
            self.closedChanged.emit(not is_open)
            self.openChanged.emit()
        self._arm(now)

    def _arm(self, now: datetime) -> None:
        self._change_timer.stop()
        self.wait_ms = None
        schedule = self._schedule
        if schedule is None or schedule.site.always_open:
            return
        # Midnight too: "tomorrow" becomes "today" on the closed screen.
        tomorrow = now.astimezone(schedule.zone).date() + timedelta(days=1)
        waits = [MAX_WAIT_S, (wall_instant(tomorrow, 0, schedule.zone) - now).total_seconds()]
        change = schedule.next_change(now)
        if change is not None:
            waits.append(change.seconds_after(now))
        # Never early, never zero: a change comes strictly after now.
        self.wait_ms = max(1, math.ceil(min(waits) * 1000))
        self._change_timer.start(self.wait_ms)

    def _update_words(self) -> None:
        words = "" if self._opening is None else opening_words(self._opening, self._language)
        if words != self._opens_at:
            self._opens_at = words
            self.opensAtChanged.emit()

    def _set_awake(self, awake: bool) -> None:
        if awake != self._awake:
            self._awake = awake
            self.awakeChanged.emit()

    def _fall_asleep(self) -> None:
        self._set_awake(False)
