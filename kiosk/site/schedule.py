"""Whether the kiosk is open at a given instant, and when that next changes.

Time is always given, never read: every question takes an aware ``datetime``, so the
kiosk asks with its clock and tests with any instant they like.

How a day's hours are found, highest first:
1. closures (the site file's dates, the calendar's all-day and timed events) close,
   whatever the hours say;
2. a special opening's hours replace that weekday's hours (a closed weekday included);
3. the weekday's hours; with no ``hours:`` in the site file, open around the clock.
Intervals that touch (one closing as the next opens, including 24:00 and the next day's
00:00) are one stretch of opening: no change happens where they meet. Wall times become
instants by the rules of :mod:`kiosk.site.walltime` (DST gaps and repeats).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Literal, NamedTuple

from kiosk.site.model import ALL_DAY, Interval, Site
from kiosk.site.walltime import wall_instant

HORIZON_DAYS = 1100  # about three years: no change further away than this is looked for
LOOK_BACK_DAYS = 14  # how far back a closing is looked for: past any display's grace
Span = tuple[datetime, datetime]  # from, until (UTC); the "until" instant is outside


class Change(NamedTuple):
    """The kiosk opens or closes at ``when`` (in the site's zone)."""

    when: datetime
    what: Literal["opens", "closes"]

    def seconds_after(self, at: datetime) -> float:
        """Real seconds from ``at`` to the change, for a timer. Taken in UTC: two aware
        datetimes of one zone subtract by wall time, an hour off across a DST change."""
        return (self.when.astimezone(UTC) - at.astimezone(UTC)).total_seconds()


class Schedule:
    """The opening hours of one site, asked about instants."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.zone = site.timezone
        self._special = {opening.day: opening.hours for opening in site.special_openings}

    def is_open(self, at: datetime) -> bool:
        _require_aware(at)
        if self.site.always_open:
            return True
        first = self._local_day(at) - timedelta(days=1)
        return any(start <= at < end for start, end in self._open_spans(first, 3))

    def next_change(self, at: datetime) -> Change | None:
        """The first opening or closing after ``at``; None if none comes within
        :data:`HORIZON_DAYS` (open, or closed, for good)."""
        _require_aware(at)
        if self.site.always_open:
            return None
        first = self._local_day(at) - timedelta(days=1)  # a stretch may have begun yesterday
        days = 8
        while True:
            window_end = wall_instant(first + timedelta(days=days), 0, self.zone)
            for start, end in self._open_spans(first, days):
                # A stretch reaching the window's end may go on past it: look further.
                if at < start < window_end:
                    return Change(start.astimezone(self.zone), "opens")
                if at < end < window_end:
                    return Change(end.astimezone(self.zone), "closes")
            if days >= HORIZON_DAYS:
                return None
            days = min(days * 2, HORIZON_DAYS)

    def next_opening(self, at: datetime) -> datetime | None:
        """When the kiosk next opens after ``at`` (in the site's zone), open now or not."""
        when = at
        for _ in range(2):  # open now: first it closes, then it opens
            change = self.next_change(when)
            if change is None:
                return None
            if change.what == "opens":
                return change.when
            when = change.when
        return None

    def closed_since(self, at: datetime) -> datetime | None:
        """When the kiosk, closed at ``at``, last closed (in the site's zone); None when open.
        Closed through all of the last :data:`LOOK_BACK_DAYS`: the first of those midnights."""
        _require_aware(at)
        if self.site.always_open:
            return None
        first = self._local_day(at) - timedelta(days=LOOK_BACK_DAYS)
        # Through tomorrow: a stretch under way at ``at`` is whole, not cut at midnight.
        spans = self._open_spans(first, LOOK_BACK_DAYS + 2)
        if any(start <= at < end for start, end in spans):
            return None
        closings = [end for _, end in spans if end <= at]
        since = max(closings) if closings else wall_instant(first, 0, self.zone)
        return since.astimezone(self.zone)

    def hours_on(self, day: date) -> tuple[Interval, ...]:
        """The hours written for ``day`` (a special opening's, or the weekday's), before
        closures are taken away."""
        special = self._special.get(day)
        if special is not None:
            return special
        return ALL_DAY if self.site.hours is None else self.site.hours.on(day)

    def _local_day(self, at: datetime) -> date:
        return at.astimezone(self.zone).date()

    def _open_spans(self, first: date, days: int) -> list[Span]:
        """The stretches of opening from ``first``'s midnight for ``days`` days, closures
        taken away, touching stretches joined, in order."""
        zone = self.zone
        spans: list[Span] = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            for interval in self.hours_on(day):
                start = wall_instant(day, interval.start, zone)
                end = wall_instant(day, interval.end, zone)
                if start < end:  # both ends in one DST gap: the interval never happens
                    spans.append((start, end))
        last = first + timedelta(days=days)
        return _joined(_without(spans, self._closed_spans(first, last)))

    def _closed_spans(self, first: date, last: date) -> list[Span]:
        """Closures meeting the days from ``first`` up to (not including) ``last``."""
        zone = self.zone
        closed: list[Span] = []
        for closure in self.site.closures:
            if closure.last >= first and closure.first < last:
                begin = max(closure.first, first)
                until = min(closure.last, last) + timedelta(days=1)
                closed.append((wall_instant(begin, 0, zone), wall_instant(until, 0, zone)))
        window = (wall_instant(first, 0, zone), wall_instant(last, 0, zone))
        closed.extend((timed.start, timed.end) for timed in self.site.timed_closures
                      if timed.end > window[0] and timed.start < window[1])
        return sorted(closed)


def _without(spans: Iterable[Span], closed: list[Span]) -> list[Span]:
    """``spans`` with every part inside a ``closed`` span cut out."""
    left: list[Span] = []
    for start, end in spans:
        pieces = [(start, end)]
        for shut_start, shut_end in closed:
            cut: list[Span] = []
            for piece_start, piece_end in pieces:
                if shut_end <= piece_start or shut_start >= piece_end:
                    cut.append((piece_start, piece_end))
                    continue
                if piece_start < shut_start:
                    cut.append((piece_start, shut_start))
                if shut_end < piece_end:
                    cut.append((shut_end, piece_end))
            pieces = cut
        left.extend(pieces)
    return left


def _joined(spans: list[Span]) -> list[Span]:
    """Sorted, with spans that touch or overlap made one."""
    joined: list[Span] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"the schedule needs an aware datetime (with a zone), not {at!r}")
