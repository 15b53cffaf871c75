"""Reading opening hours, closures and special openings out of the site file's nodes."""

from __future__ import annotations

import re
from datetime import date

from kiosk.exhibit.fields import Reader, describe, yaml_reading
from kiosk.exhibit.yamltree import Node, Refused, Scalar, Sequence
from kiosk.site.clocktext import ClockError, parse_interval
from kiosk.site.model import WEEKDAYS, Closure, Interval, SpecialOpening, WeeklyHours

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HOW_DATES = "write dates as YYYY-MM-DD, e.g. 2026-12-24"
CLOSED = "closed"


class HoursReader:
    """Reads the hours-related keys, reporting through the site file's :class:`Reader`."""

    def __init__(self, reader: Reader) -> None:
        self.r = reader

    def weekly(self, node: Node) -> WeeklyHours | None:
        r = self.r
        block = r.mapping(node, "opening hours for each weekday (mon: \"10:00-18:00\")")
        if block is None:
            return None
        found = r.fields(block, "hours", (), WEEKDAYS)
        missing = [day for day in WEEKDAYS if day not in found]
        if missing:
            r.error(block, f"hours has no {', '.join(missing)}; give every weekday its hours, "
                           f"or `closed` (e.g. `{missing[0]}: closed`)")
        days = [self.day(found[day], day) if day in found else None for day in WEEKDAYS]
        if any(day is None for day in days):
            return None
        return WeeklyHours(tuple(day for day in days if day is not None))

    def day(self, node: Node, field: str, *, closed_allowed: bool = True
            ) -> tuple[Interval, ...] | None:
        """``closed``, ``"10:00-18:00"``, or a list of intervals: sorted, touching ones
        joined; overlapping ones are an error."""
        r = self.r
        if isinstance(node, Refused):
            return None
        wanted = ("hours like \"10:00-18:00\", a list of them"
                  + (", or `closed`" if closed_allowed else ""))
        if isinstance(node, Scalar) and yaml_reading(node) is None:
            if node.value.strip().lower() == CLOSED:
                if closed_allowed:
                    return ()
                r.error(node, "a special opening cannot be `closed`; list the date under "
                              "`closures:` instead")
                return None
            items: list[Node] = [node]
        elif isinstance(node, Sequence) and node.items:
            items = node.items
        else:
            found = "an empty list" if isinstance(node, Sequence) else describe(node)
            r.error(node, f"'{field}' should be {wanted}; found {found}")
            return None
        read: list[tuple[Interval, Scalar]] = []
        for item in items:
            if not isinstance(item, Scalar) or yaml_reading(item) is not None:
                if not isinstance(item, Refused):
                    r.error(item, f"each interval of '{field}' should be like \"10:00-18:00\"; "
                                  f"found {describe(item)}")
                return None
            try:
                read.append((parse_interval(item.value), item))
            except ClockError as exc:
                r.error(item, str(exc))
        if len(read) < len(items):
            return None
        return self._joined(read, field)

    def _joined(self, read: list[tuple[Interval, Scalar]], field: str
                ) -> tuple[Interval, ...] | None:
        read.sort(key=lambda pair: (pair[0].start, pair[0].end))
        joined: list[Interval] = []
        overlapping = False
        for number, (interval, node) in enumerate(read):
            if joined and interval.start < joined[-1].end:
                earlier = read[number - 1][0]
                self.r.error(node, f"'{interval}' overlaps '{earlier}' on {field}; make the "
                                   "intervals follow one another, or join them into one")
                overlapping = True
            elif joined and interval.start == joined[-1].end:
                joined[-1] = Interval(joined[-1].start, interval.end)  # touching: one interval
            else:
                joined.append(interval)
        return None if overlapping else tuple(joined)

    def read_date(self, node: Node, field: str) -> date | None:
        r = self.r
        value = r.word(node, field)
        if value is None:
            return None
        text = value.value.strip()
        if not _DATE.fullmatch(text):
            r.error(value, f"'{text}' is not a date; {_HOW_DATES}")
            return None
        try:
            return date.fromisoformat(text)
        except ValueError as exc:
            r.error(value, f"'{text}' is not a date ({exc}); {_HOW_DATES}")
            return None

    def reason(self, found: dict[str, Node]) -> str | None:
        """The optional ``reason:`` line; "" when there is none."""
        if "reason" not in found:
            return ""
        value = self.r.word(found["reason"], "reason")
        return " ".join(value.value.split()) if value is not None else None

    def closures(self, node: Node) -> tuple[tuple[Closure, Node], ...] | None:
        """Each closure with the node it was written at (for messages that point back)."""
        r = self.r
        items = r.sequence(node, "a list of closures")
        if items is None:
            return None
        read = [self.closure(item, number) for number, item in enumerate(items.items, 1)]
        if any(one is None for one in read):
            return None
        return tuple((one, item) for one, item in zip(read, items.items, strict=True)
                     if one is not None)

    def closure(self, node: Node, number: int) -> Closure | None:
        r = self.r
        where = f"closure {number}"
        if isinstance(node, Scalar):
            day = self.read_date(node, "date")
            return None if day is None else Closure(day, day)
        block = r.mapping(node, "a closure (a date, or `date:` or `from:`/`to:` lines)")
        if block is None:
            return None
        found = r.fields(block, where, (), ("date", "from", "to", "reason"))
        reason = self.reason(found)
        if "date" in found and ("from" in found or "to" in found):
            r.error(block, f"{where} has `date:` and `from:`/`to:`; give either `date:` (one "
                           "day) or `from:` and `to:` (several days), not both")
            return None
        if "date" in found:
            day = self.read_date(found["date"], "date")
            return None if day is None or reason is None else Closure(day, day, reason)
        if "from" not in found or "to" not in found:
            have, lacking = ("from", "to") if "from" in found else ("to", "from")
            if have in found:
                r.error(block, f"{where} has `{have}:` but no `{lacking}:`; closures of "
                               "several days give both (the first and the last closed day)")
            else:
                r.error(block, f"{where} needs `date:` (one day) or `from:` and `to:` (the "
                               "first and the last closed day)")
            return None
        first = self.read_date(found["from"], "from")
        last = self.read_date(found["to"], "to")
        if first is None or last is None or reason is None:
            return None
        if last < first:
            r.error(found["to"], f"{where} ends ({last}) before it starts ({first}); `to:` is "
                                 "the last closed day")
            return None
        return Closure(first, last, reason)

    def special_openings(self, node: Node, closures: tuple[tuple[Closure, Node], ...]
                         ) -> tuple[SpecialOpening, ...] | None:
        r = self.r
        items = r.sequence(node, "a list of special openings")
        if items is None:
            return None
        seen: dict[date, int] = {}
        read: list[SpecialOpening | None] = []
        for number, item in enumerate(items.items, start=1):
            read.append(self.special_opening(item, number, seen, closures))
        if any(one is None for one in read):
            return None
        return tuple(one for one in read if one is not None)

    def special_opening(self, node: Node, number: int, seen: dict[date, int],
                        closures: tuple[tuple[Closure, Node], ...]) -> SpecialOpening | None:
        r = self.r
        block = r.mapping(node, "a special opening (`date:` and `hours:` lines)")
        if block is None:
            return None
        where = f"special opening {number}"
        found = r.fields(block, where, ("date", "hours"), ("reason",))
        day = self.read_date(found["date"], "date") if "date" in found else None
        hours = (self.day(found["hours"], "hours", closed_allowed=False)
                 if "hours" in found else None)
        reason = self.reason(found)
        if day is None:
            return None
        date_node = found["date"]
        if day in seen:
            r.error(date_node, f"there is already a special opening on {day} (line "
                               f"{seen[day]}); give each date once, with all its hours")
            return None
        seen[day] = date_node.line
        for closure, closure_node in closures:
            if closure.covers(day):
                r.error(date_node, f"{day} is also closed by the closure at line "
                                   f"{closure_node.line}; remove one of the two (a closure "
                                   "wins over a special opening)")
                return None
        if hours is None or reason is None:
            return None
        return SpecialOpening(day, hours, reason)
