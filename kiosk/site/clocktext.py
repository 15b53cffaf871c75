"""Times of day and opening intervals as staff write them: ``09:30``, ``10:00-18:00``."""

from __future__ import annotations

import re

from kiosk.site.model import MINUTES_A_DAY, Interval

_CLOCK = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_DASHES = re.compile(r"\s*[-\u2013\u2014]\s*")  # a hyphen, or an en or em dash from an editor
_HOW_TIMES = "write times as HH:MM on the 24-hour clock, e.g. 09:30"


class ClockError(ValueError):
    """A time or interval that cannot be used; the message says what to write instead."""


def parse_clock(text: str, *, closing: bool = False) -> int:
    """Minutes after midnight of ``HH:MM``; ``24:00`` (1440) only when ``closing``."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ClockError(f"'{text}' is not a time; {_HOW_TIMES}")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours == 24 and minutes == 0:
        if closing:
            return MINUTES_A_DAY
        raise ClockError("24:00 can only close an interval; write 00:00 for midnight")
    if hours > 23:
        raise ClockError(f"'{text}' is not a time of day: hours run from 00 to 23 "
                         "(24:00 is allowed as a closing time)")
    if minutes > 59:
        raise ClockError(f"'{text}' is not a time of day: minutes run from 00 to 59")
    return hours * 60 + minutes


def parse_interval(text: str) -> Interval:
    """``10:00-18:00`` (a hyphen or a dash, spaces allowed) as an :class:`Interval`."""
    parts = _DASHES.split(text.strip())
    if len(parts) != 2 or not all(parts):
        raise ClockError(f"'{text}' is not an opening interval; write the opening and the "
                         "closing time joined by a dash, e.g. \"10:00-18:00\"")
    start = parse_clock(parts[0])
    end = parse_clock(parts[1], closing=True)
    if end == start:
        raise ClockError(f"'{text}' opens and closes at the same time; write the closing "
                         "time after the opening time, or `closed` for a closed day")
    if end < start:
        raise ClockError(f"'{text}' closes before it opens; an interval cannot run past "
                         "midnight: close at 24:00 and open the next day at 00:00 "
                         f"(\"{parts[0]}-24:00\", then \"00:00-{parts[1]}\")")
    return Interval(start, end)
