"""What the running kiosk knows about itself, for `kiosk status` and for the metrics file.

The app calls the plain methods below as things happen (a reload, a frame, a visit);
`kiosk status` reads them over the control socket (kiosk/live/control.py) and, when the
site file names a metrics folder, :class:`kiosk.live.metrics.KioskMetrics` (a subclass)
writes them for Prometheus. Nothing here needs Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Literal

from kiosk import __version__


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ReloadOutcome:
    """The last saved exhibit the kiosk read: put on screen, or refused for its errors."""

    at: datetime
    result: Literal["applied", "rejected"]
    errors: int = 0
    digest: str = ""  # of the exhibit that went up; "" for a refused one


class KioskState:
    """The kiosk's counters and what it shows, as they stand now."""

    def __init__(self, kiosk: str, *, exhibit: str = "", digest: str = "",
                 version: str = __version__, clock: Callable[[], datetime] = utc_now,
                 zone: tzinfo | None = None) -> None:
        self.kiosk = kiosk
        self.exhibit = exhibit
        self.digest = digest
        self.version = version
        self._clock = clock
        self.zone = zone  # where "today" is for visits; None is the machine's zone
        self.started_at = clock()
        self.up = True
        self.open = True  # no site hours: open always
        self.display_on = True
        self.display_backend: str | None = None  # the backend that last switched it
        self.validation_errors = 0
        self.watchdog_pings = 0
        self.reloads_applied = 0
        self.reloads_rejected = 0
        self.last_reload: ReloadOutcome | None = None
        self.release: str | None = None  # the adopted release shown (a content folder)
        self.releases_refused = 0
        self.pictures_failed = 0
        self.last_frame: datetime | None = None  # absent until the first frame
        self._visits = 0
        self._visits_day: date | None = None

    def now(self) -> datetime:
        return self._clock()

    def started(self, exhibit: str, digest: str, errors: int = 0) -> None:
        """The exhibit shown at start-up; ``errors`` when it is the last good version of a
        file that now has errors."""
        self.exhibit, self.digest, self.validation_errors = exhibit, digest, errors

    def reload_applied(self, digest: str, exhibit: str | None = None) -> None:
        """A new exhibit went up on screen."""
        self.reloads_applied += 1
        self.digest = digest
        if exhibit is not None:
            self.exhibit = exhibit
        self.validation_errors = 0
        self.last_reload = ReloadOutcome(self._clock(), "applied", digest=digest)

    def reload_rejected(self, errors: int) -> None:
        """A saved exhibit had ``errors``; visitors keep the last good one."""
        self.reloads_rejected += 1
        self.validation_errors = errors
        self.last_reload = ReloadOutcome(self._clock(), "rejected", errors=errors)

    def release_adopted(self, release: str) -> None:
        """The exhibit of ``release`` (adopted, or gone back to) is on screen."""
        self.release = release

    def release_refused(self) -> None:
        """A published release failed the kiosk's own check; the kiosk keeps what it has."""
        self.releases_refused += 1

    def frame_shown(self, at: datetime | None = None) -> None:
        self.last_frame = at or self._clock()

    def watchdog_pinged(self) -> None:
        self.watchdog_pings += 1

    def picture_failed(self) -> None:
        """A picture could not be decoded (counted per attempt, not per file)."""
        self.pictures_failed += 1

    def set_open(self, is_open: bool) -> None:
        self.open = is_open

    def set_display_on(self, on: bool, backend: str | None = None) -> None:
        self.display_on = on
        if backend is not None:
            self.display_backend = backend

    def visit_ended(self, at: datetime | None = None) -> None:
        """A visitor session ended; counted on the local day it ended."""
        day = self._day(at or self._clock())
        if day != self._visits_day:
            self._visits, self._visits_day = 0, day
        self._visits += 1

    def stopped(self) -> None:
        """The kiosk is stopping cleanly."""
        self.up = False

    @property
    def visits_today(self) -> int:
        return self._visits if self._visits_day == self._day(self._clock()) else 0

    def _day(self, moment: datetime) -> date:
        return moment.astimezone(self.zone).date()
