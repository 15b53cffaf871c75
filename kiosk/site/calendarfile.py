"""Closures from an iCalendar (.ics) file, read with the ``icalendar`` package.

Every event is a closure, except one whose STATUS is CANCELLED: an all-day event closes
the kiosk for its days (in the site's time zone), a timed event from its start to its end.
Repeating events (RRULE, RDATE, and changed occurrences with RECURRENCE-ID) are refused
with an error, not expanded: each closure is its own event. Problems inside the file are
reported at the event's line in it, ``closures.ics:LINE:1: error: …``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.exhibit.diagnostics import Diagnostic
from kiosk.exhibit.filebytes import NotRegularFile, TooLarge, os_reason, read_regular_file
from kiosk.site.model import Closure, TimedClosure
from kiosk.site.walltime import local_instant

MAX_BYTES = 4 * 1024 * 1024
_REPEATING = {
    "RRULE": "a repeating event (RRULE)",
    "RDATE": "an event with extra dates (RDATE)",
    "RECURRENCE-ID": "a changed occurrence of a repeating event (RECURRENCE-ID)",
}
_ONE_EVENT_EACH = ("is not supported: the kiosk reads each event once, so give each closure "
                   "its own event, or list the dates under `closures:` in the site file")


@dataclass(frozen=True)
class CalendarClosures:
    """What a calendar file closes, or why it could not be used."""

    days: tuple[Closure, ...] = ()
    timed: tuple[TimedClosure, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()  # problems inside the calendar file
    problem: str | None = None  # why the file as a whole is unusable (missing, not iCalendar)


@dataclass
class _EventLines:
    """Where an event starts in the file, and the line of each of its own properties."""

    begin: int
    properties: dict[str, int]


def read_calendar(path: Path, shown: str, zone: ZoneInfo) -> CalendarClosures:
    """The closures in the calendar at ``path``, named ``shown`` in messages; a floating
    time (one with no zone) is a time in ``zone``."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        return CalendarClosures(problem=f"the calendar file '{shown}' does not exist; check "
                                        "the name and folder (a relative path starts at the "
                                        "site file's folder)")
    except NotRegularFile:
        return CalendarClosures(problem=f"'{shown}' is not a file (a folder?); give the path "
                                        "of the .ics file")
    except TooLarge as exc:
        return CalendarClosures(problem=f"the calendar file '{shown}' is "
                                        f"{exc.size / 1048576:.1f} MB; calendar files are "
                                        f"limited to {MAX_BYTES // 1048576} MB")
    except (OSError, ValueError) as exc:
        return CalendarClosures(problem=f"the calendar file '{shown}' cannot be read: "
                                        f"{os_reason(exc)}")
    try:
        # Only sites with a calendar of closures need the iCalendar reader.
        from icalendar import Calendar

        calendar = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError mostly, but is not bound to
        return CalendarClosures(problem=f"'{shown}' is not a valid iCalendar file "
                                        f"({_short(str(exc))}); export the closures again "
                                        "from the calendar program as an .ics file")
    if calendar.name != "VCALENDAR":
        return CalendarClosures(problem=f"'{shown}' is not an iCalendar file (it does not "
                                        "start with BEGIN:VCALENDAR); export the closures "
                                        "again from the calendar program as an .ics file")
    reader = _EventReader(shown, zone, _event_lines(data.decode("utf-8", "replace")))
    for number, event in enumerate(calendar.walk("VEVENT")):
        reader.read(number, event)
    return CalendarClosures(tuple(reader.days), tuple(reader.timed),
                            tuple(sorted(reader.diagnostics)))


class _EventReader:
    """Turns events into closures, collecting a diagnostic for each unusable one."""

    def __init__(self, shown: str, zone: ZoneInfo, lines: list[_EventLines]) -> None:
        self.shown = shown
        self.zone = zone
        self.lines = lines
        self.days: list[Closure] = []
        self.timed: list[TimedClosure] = []
        self.diagnostics: list[Diagnostic] = []
        self.where = _EventLines(0, {})

    def error(self, prop: str | None, message: str) -> None:
        line = self.where.properties.get(prop, self.where.begin) if prop else self.where.begin
        self.diagnostics.append(Diagnostic(self.shown, line, 1 if line else 0, "error", message))

    def read(self, number: int, event: Any) -> None:
        self.where = self.lines[number] if number < len(self.lines) else _EventLines(0, {})
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            return  # a cancelled closure closes nothing
        broken = False
        for prop, reason in event.errors:
            self.error(prop, f"{prop} cannot be read ({_short(str(reason))}); fix or remove "
                             "it, or export the calendar again")
            broken = True
        for prop, what in _REPEATING.items():
            if prop in event:
                self.error(prop, f"{what} {_ONE_EVENT_EACH}")
                broken = True
        if "DTSTART" not in event:
            self.error(None, "the event has no start (DTSTART); give it a date or a time")
            return
        if broken:
            return
        reason = " ".join(str(event.get("SUMMARY", "")).split())
        start = event.decoded("DTSTART")
        if isinstance(start, datetime):
            self.read_timed(event, start, reason)
        elif isinstance(start, date):
            self.read_all_day(event, start, reason)
        else:
            self.error("DTSTART", "DTSTART must be a date or a date and time")

    def read_all_day(self, event: Any, start: date, reason: str) -> None:
        end: object = start + timedelta(days=1)  # RFC 5545: a date alone lasts that day
        end_prop = "DTEND" if "DTEND" in event else "DURATION"
        if "DTEND" in event:
            end = event.decoded("DTEND")
        elif "DURATION" in event:
            end = start + event.decoded("DURATION")
        if isinstance(end, datetime) or not isinstance(end, date):
            self.error(end_prop, "DTSTART is a date but the end is a date and time; make "
                                 "both dates (an all-day closure) or both times")
            return
        if end <= start:
            self.error(end_prop, f"the event ends ({end}) before it starts ({start}); an "
                                 "all-day event's DTEND is the day after its last day")
            return
        self.days.append(Closure(start, end - timedelta(days=1), reason))

    def read_timed(self, event: Any, start: datetime, reason: str) -> None:
        first = self.instant(event, "DTSTART", start)
        if first is None:
            return
        if "DTEND" in event:
            end = event.decoded("DTEND")
            if not isinstance(end, datetime):
                self.error("DTEND", "DTSTART is a date and time but DTEND only a date; "
                                    "make both times, or both dates for an all-day closure")
                return
            last = self.instant(event, "DTEND", end)
            if last is None:
                return
        elif "DURATION" in event:
            last = first + event.decoded("DURATION")  # an exact duration, DST or not
        else:
            self.error("DTSTART", "a timed event needs an end (DTEND or DURATION); give it "
                                  "one, or make it an all-day event")
            return
        if last <= first:
            self.error("DTEND" if "DTEND" in event else "DURATION",
                       "the event ends before it starts (or when it starts); give it a later "
                       "end")
            return
        self.timed.append(TimedClosure(first, last, reason))

    def instant(self, event: Any, prop: str, value: datetime) -> datetime | None:
        """``value`` in UTC; a floating time is read in the site's zone."""
        if value.tzinfo is not None:
            return value.astimezone(UTC)
        zone_id = event[prop].params.get("TZID") if prop in event else None
        if zone_id:  # icalendar gives an unknown zone's time without a zone: refuse it
            self.error(prop, f"{prop} names the time zone '{zone_id}', which is neither "
                             "a known zone nor defined in the file (VTIMEZONE); export the "
                             "calendar again, or use a zone name like Europe/Berlin")
            return None
        return local_instant(value, self.zone)


def _event_lines(text: str) -> list[_EventLines]:
    """Each VEVENT's first line and the lines of its own properties, in file order (the
    order ``Calendar.walk`` gives them in)."""
    events: list[_EventLines] = []
    open_events: list[tuple[_EventLines, int]] = []  # with the nesting depth it opened at
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line[0] in " \t":
            continue  # a folded continuation of the line before
        name = line.split(":", 1)[0].split(";", 1)[0].strip().upper()
        value = line.split(":", 1)[1].strip().upper() if ":" in line else ""
        if name == "BEGIN":
            depth += 1
            if value == "VEVENT":
                event = _EventLines(number, {})
                events.append(event)
                open_events.append((event, depth))
        elif name == "END":
            if open_events and open_events[-1][1] == depth:
                open_events.pop()
            depth -= 1
        elif open_events and open_events[-1][1] == depth:
            open_events[-1][0].properties.setdefault(name, number)
    return events


def _short(text: str) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= 100 else text[:97] + "…"
