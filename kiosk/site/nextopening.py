"""When a closed kiosk opens next, in the words its closed screen and status use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from kiosk.site.schedule import Schedule

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                 "Sunday")
Day = Literal["today", "tomorrow", "weekday", "date"]


@dataclass(frozen=True, slots=True)
class NextOpening:
    """The next opening, and how far off its day is from now: ``today``, ``tomorrow``,
    ``weekday`` (within the coming week: name the weekday) or ``date`` (name the date).

    ``when`` is local to the site. A screen translates from ``day`` and ``when``; the
    English of :meth:`__str__` is for logs and ``kiosk status``.
    """

    when: datetime
    day: Day
    same_year: bool = True

    def __str__(self) -> str:
        at = f"at {self.when:%H:%M}"
        if self.day in ("today", "tomorrow"):
            return f"{self.day} {at}"
        if self.day == "weekday":
            return f"on {WEEKDAY_NAMES[self.when.weekday()]} {at}"
        year = "" if self.same_year else f" {self.when.year}"
        return f"on {self.when.day} {MONTHS[self.when.month - 1]}{year} {at}"


def next_opening(schedule: Schedule, at: datetime) -> NextOpening | None:
    """When the kiosk opens next after ``at``; None if it does not within the horizon."""
    when = schedule.next_opening(at)
    if when is None:
        return None
    days = (when.date() - at.astimezone(schedule.zone).date()).days
    day: Day = ("today" if days == 0 else "tomorrow" if days == 1
                else "weekday" if days < 7 else "date")
    return NextOpening(when, day, when.year == at.astimezone(schedule.zone).year)
