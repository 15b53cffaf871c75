"""From a wall-clock time on a date in a zone to the instant it happens, across DST.

Two rules, the same for opening, closing, closures and calendar events:
- A time that does not exist (skipped when clocks spring forward, e.g. 02:30 in Berlin on
  2026-03-29) takes effect at the first instant that exists after it: the moment the
  clocks jump (03:00 local).
- A time that happens twice (when clocks fall back, e.g. 02:30 in Berlin on 2026-10-25)
  takes effect at its first occurrence (02:30 summer time).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def wall_instant(day: date, minutes: int, zone: ZoneInfo) -> datetime:
    """The instant (in UTC) at which ``minutes`` after midnight on ``day`` is on the clocks
    of ``zone``; ``minutes`` may be 1440, the next day's midnight."""
    return local_instant(datetime.combine(day, time()) + timedelta(minutes=minutes), zone)


def local_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The instant (in UTC) at which the naive wall-clock time ``wall`` is shown in ``zone``."""
    first = wall.replace(tzinfo=zone, fold=0)  # fold=0: the first of two, or before a gap
    instant = first.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall:
        return instant
    return _end_of_gap(wall, zone)


def _end_of_gap(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant whose wall time in ``zone`` is at or after ``wall``, which lies
    in a gap: found by halving between the gap's two readings, to the second."""
    # Read with the offset after the gap, ``wall`` is too early; with the one before, late.
    readings = (wall.replace(tzinfo=zone, fold=1), wall.replace(tzinfo=zone, fold=0))
    low, high = sorted(int(reading.timestamp()) for reading in readings)
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def is_missing(wall: datetime, zone: ZoneInfo) -> bool:
    """Whether ``wall`` is skipped on the clocks of ``zone`` (a spring-forward gap)."""
    instant = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    return instant.astimezone(zone).replace(tzinfo=None) != wall
