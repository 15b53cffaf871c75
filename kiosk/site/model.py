"""The site file as the kiosk uses it: immutable, validated, free of Qt.

A reload builds a whole new :class:`Site` and swaps it in, or keeps the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # datetime.weekday() order
BACKENDS = ("wlr-randr", "xset-dpms", "ddcutil", "cec-client")
AUTO = "auto"
NONE = "none"  # in the site file: the kiosk never switches the display
MINUTES_A_DAY = 24 * 60
DEFAULT_OFF_AFTER = 600.0  # seconds the closed screen stays lit after closing
DEFAULT_METRICS_INTERVAL = 15.0  # seconds; the node exporter reads the file when scraped
DEFAULT_KEEP_RELEASES = 5


@dataclass(frozen=True, slots=True, order=True)
class Interval:
    """Open from ``start`` to ``end``, in minutes after local midnight (``end`` may be
    1440, written 24:00)."""

    start: int
    end: int

    def __str__(self) -> str:
        return f"{clock_text(self.start)}-{clock_text(self.end)}"


def clock_text(minutes: int) -> str:
    """``600`` as ``10:00``; ``1440`` as ``24:00``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


ALL_DAY = (Interval(0, MINUTES_A_DAY),)


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """The opening hours of each weekday, Monday first; an empty day is closed."""

    days: tuple[tuple[Interval, ...], ...]  # seven entries

    def on(self, day: date) -> tuple[Interval, ...]:
        return self.days[day.weekday()]


@dataclass(frozen=True, slots=True)
class Closure:
    """Closed all day from ``first`` to ``last`` (both included), in the site's zone."""

    first: date
    last: date
    reason: str = ""

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True, slots=True)
class TimedClosure:
    """Closed from ``start`` until ``end`` (aware datetimes), from a timed calendar event."""

    start: datetime
    end: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class SpecialOpening:
    """Hours for one date that replace that weekday's hours (closed weekday or not)."""

    day: date
    hours: tuple[Interval, ...]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DisplayPower:
    """How the display is switched off after closing and on before opening."""

    # ("auto",), backend names in preference order, or () for `power: none`
    backends: tuple[str, ...] = (AUTO,)
    off_after: float = DEFAULT_OFF_AFTER  # seconds after closing before the display goes off

    @property
    def auto(self) -> bool:
        return self.backends == (AUTO,)

    @property
    def switched(self) -> bool:
        """False for `power: none`: the display's power is managed elsewhere."""
        return bool(self.backends)


@dataclass(frozen=True, slots=True)
class Metrics:
    """Where the kiosk writes its state for Prometheus' node exporter, and how often."""

    folder: Path
    interval: float = DEFAULT_METRICS_INTERVAL  # seconds


@dataclass(frozen=True, slots=True)
class Content:
    """Where published releases arrive (a folder Syncthing or rsync fills), and how many
    adopted releases the kiosk keeps to roll back to."""

    folder: Path
    keep: int = DEFAULT_KEEP_RELEASES


@dataclass(frozen=True, slots=True)
class Site:
    """One kiosk machine's settings. ``hours`` None means open around the clock."""

    name: str
    timezone: ZoneInfo
    hours: WeeklyHours | None = None
    closures: tuple[Closure, ...] = ()  # whole days: the site file's and the calendar's
    timed_closures: tuple[TimedClosure, ...] = ()  # from the calendar's timed events
    special_openings: tuple[SpecialOpening, ...] = ()
    closures_ics: Path | None = None  # the calendar file the closures above were read from
    daily_restart: time | None = None  # local wall time
    display: DisplayPower = field(default_factory=DisplayPower)
    metrics: Metrics | None = None  # None: no metrics are written
    path: Path | None = None  # the site file this came from; None when there is none
    content: Content | None = None  # None: the exhibit comes from the command line only

    @property
    def always_open(self) -> bool:
        return self.hours is None and not self.closures and not self.timed_closures
