"""From the site file's node tree to the frozen :class:`Site`, checking every key.

Paths in the site file (``closures_ics``, ``metrics: folder``) are relative to the site
file's folder unless absolute.
"""

from __future__ import annotations

import difflib
import stat
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.exhibit.diagnostics import INVISIBLE_CONTROLS
from kiosk.exhibit.fields import Reader, describe, yaml_reading
from kiosk.exhibit.filebytes import os_reason
from kiosk.exhibit.yamltree import Node, Scalar, Sequence
from kiosk.site.calendarfile import read_calendar
from kiosk.site.clocktext import ClockError, parse_clock
from kiosk.site.hoursfields import HoursReader
from kiosk.site.model import (
    AUTO,
    BACKENDS,
    DEFAULT_KEEP_RELEASES,
    DEFAULT_METRICS_INTERVAL,
    NONE,
    WEEKDAYS,
    Closure,
    Content,
    DisplayPower,
    Metrics,
    Site,
    TimedClosure,
    WeeklyHours,
)
from kiosk.site.zones import closest_zone_name, zone_named

VERSION = 1
MAX_NAME = 100
OFF_AFTER_RANGE = (0.0, 86400.0)
METRICS_INTERVAL_RANGE = (1.0, 3600.0)
KEYS = ("version", "name", "timezone", "hours", "closures", "special_openings",
        "closures_ics", "daily_restart", "display", "metrics", "content")
KEEP_RANGE = (2.0, 100.0)


@dataclass(frozen=True)
class SiteCounts:
    """What the file describes, counted even when it has errors (for the summary line)."""

    closures: int = 0  # the site file's and the calendar's
    special_openings: int = 0


class SiteBuilder:
    def __init__(self, path: Path, file: str, *, machine_zone: ZoneInfo, hostname: str) -> None:
        self.folder = path.parent
        self.path = path
        self.reader = Reader(file)
        self.hours = HoursReader(self.reader)
        self.machine_zone = machine_zone
        self.hostname = hostname
        self.counts = SiteCounts()

    def build(self, node: Node) -> Site | None:
        r = self.reader
        top = r.mapping(node, "the site settings")
        if top is None:
            return None
        f = r.fields(top, "the site file", ("version",), KEYS[1:])
        version = self._version(f["version"]) if "version" in f else None
        name = self._name(f["name"]) if "name" in f else self.hostname
        zone = self._zone(f["timezone"]) if "timezone" in f else self.machine_zone
        hours = self.hours.weekly(f["hours"]) if "hours" in f else None
        closures = self.hours.closures(f["closures"]) if "closures" in f else ()
        special = (self.hours.special_openings(f["special_openings"], closures or ())
                   if "special_openings" in f else ())
        calendar = (self._calendar(f["closures_ics"], zone or self.machine_zone)
                    if "closures_ics" in f else ((), (), None))
        restart = self._restart(f["daily_restart"], hours) if "daily_restart" in f else None
        display = self._display(f["display"]) if "display" in f else DisplayPower()
        metrics = self._metrics(f["metrics"]) if "metrics" in f else None
        content = self._content(f["content"]) if "content" in f else None
        days, timed, ics = calendar or ((), (), None)
        self.counts = SiteCounts(len(closures or ()) + len(days) + len(timed),
                                 len(special or ()))
        if any(d.is_error for d in r.diagnostics):
            return None
        if (version is None or name is None or zone is None or closures is None
                or special is None or calendar is None or display is None):
            return None  # each of these has reported an error already
        return Site(name, zone, hours, tuple(c for c, _ in closures) + days, timed, special,
                    ics, restart, display, metrics, self.path, content)

    def _version(self, node: Node) -> int | None:
        r = self.reader
        value = r.word(node, "version")
        if value is None:
            return None
        if value.plain and value.value == str(VERSION):
            return VERSION
        if value.plain and value.value.isdigit():
            r.error(value, f"version {value.value} is not supported; this kiosk reads version "
                           f"{VERSION} site files (`version: {VERSION}`)")
        else:
            r.error(value, f"'version' must be the number {VERSION}: `version: {VERSION}`")
        return None

    def _name(self, node: Node) -> str | None:
        r = self.reader
        value = r.word(node, "name")
        if value is None:
            return None
        name = value.value.strip()
        hidden = INVISIBLE_CONTROLS.search(name)
        if hidden:
            r.error(value, f"'name' holds a control character (U+{ord(hidden.group()):04X}); "
                           "give the kiosk a name on one line of plain text")
            return None
        if not name or len(name) > MAX_NAME:
            r.error(value, f"'name' should be 1 to {MAX_NAME} characters, e.g. \"Gallery 2, "
                           f"east wall\"; this one has {len(name)}")
            return None
        return name

    def _zone(self, node: Node) -> ZoneInfo | None:
        r = self.reader
        value = r.word(node, "timezone")
        if value is None:
            return None
        name = value.value.strip()
        zone = zone_named(name)
        if zone is None:
            close = closest_zone_name(name)
            hint = (f"did you mean '{close}'?" if close else "write a zone name like "
                    "Europe/Berlin or America/New_York (`timedatectl list-timezones` lists "
                    "them)")
            r.error(value, f"unknown time zone '{name}'; {hint}")
        return zone

    def _calendar(self, node: Node, zone: ZoneInfo
                  ) -> tuple[tuple[Closure, ...], tuple[TimedClosure, ...], Path | None] | None:
        r = self.reader
        value = r.word(node, "closures_ics")
        if value is None:
            return None
        written = value.value.strip()
        path = self.folder / Path(written).expanduser()
        read = read_calendar(path, str(path), zone)
        if read.problem is not None:
            r.error(value, read.problem)
            return None
        r.diagnostics.extend(read.diagnostics)
        return read.days, read.timed, path

    def _restart(self, node: Node, hours: WeeklyHours | None) -> time | None:
        r = self.reader
        value = r.word(node, "daily_restart")
        if value is None:
            return None
        try:
            minutes = parse_clock(value.value)
        except ClockError as exc:
            r.error(value, str(exc))
            return None
        if hours is not None:
            open_on = [f"{day} {interval}" for day, intervals in zip(WEEKDAYS, hours.days,
                                                                      strict=True)
                       for interval in intervals if interval.start <= minutes < interval.end]
            if open_on:
                r.warning(value, f"the daily restart at {value.value.strip()} falls within "
                                 f"the opening hours ({', '.join(open_on)}); choose a time "
                                 "when the kiosk is closed, so no visitor sees it restart")
        return time(minutes // 60, minutes % 60)

    def _display(self, node: Node) -> DisplayPower | None:
        r = self.reader
        block = r.mapping(node, "display settings (power, off_after)")
        if block is None:
            return None
        f = r.fields(block, "display", (), ("power", "off_after"))
        defaults = DisplayPower()
        backends = self._backends(f["power"]) if "power" in f else defaults.backends
        off_after = (r.number(f["off_after"], "off_after", *OFF_AFTER_RANGE, "seconds")
                     if "off_after" in f else defaults.off_after)
        if backends is None or off_after is None:
            return None
        return DisplayPower(backends, off_after)

    def _backends(self, node: Node) -> tuple[str, ...] | None:
        """The backends in order; ``("auto",)`` for auto, ``()`` for ``power: none``."""
        r = self.reader
        items = node.items if isinstance(node, Sequence) else [node]
        if isinstance(node, Sequence) and not items:
            r.error(node, f"'power' is an empty list; write `power: {AUTO}`, `power: {NONE}` "
                          "for a display the kiosk never switches, or list the backends to "
                          f"try in order ({', '.join(BACKENDS)})")
            return None
        names: list[str] = []
        ok = True
        for item in items:
            name = self._backend(item, listed=isinstance(node, Sequence), names=names)
            if name is None:
                ok = False
            else:
                names.append(name)
        if not ok:
            return None
        return () if names == [NONE] else tuple(names)

    def _backend(self, item: Node, *, listed: bool, names: list[str]) -> str | None:
        r = self.reader
        every = f"{AUTO}, {NONE}, {', '.join(BACKENDS)}"
        if not isinstance(item, Scalar) or yaml_reading(item) is not None:
            # `power: off` or `no` is YAML's false: say how to write "never switch it".
            hint = (f"; to leave the display's power alone, write `power: {NONE}`"
                    if isinstance(item, Scalar) and yaml_reading(item) == "false" else "")
            r.error(item, f"'power' should be `{AUTO}`, `{NONE}` or a backend name "
                          f"({', '.join(BACKENDS)}); found {describe(item)}{hint}")
            return None
        name = item.value.strip()
        if name == AUTO and listed:
            r.error(item, f"`{AUTO}` tries every backend by itself; write `power: {AUTO}` "
                          "alone, or list the backends to try in order")
            return None
        if name == NONE and listed:
            r.error(item, f"`{NONE}` means the kiosk never switches the display; write "
                          f"`power: {NONE}` alone, not in a list, or list only the backends "
                          "to try in order")
            return None
        if name not in (AUTO, NONE) and name not in BACKENDS:
            close = [backend for backend in (NONE, *BACKENDS) if _similar(name, backend)]
            hint = f"; did you mean '{close[0]}'?" if close else ""
            r.error(item, f"'{name}' is not a display power backend ({every}){hint}")
            return None
        if name in names:
            r.error(item, f"'{name}' is listed twice in 'power'; list each backend once")
            return None
        return name

    def _metrics(self, node: Node) -> Metrics | None:
        r = self.reader
        block = r.mapping(node, "metrics settings (folder, interval)")
        if block is None:
            return None
        f = r.fields(block, "metrics", ("folder",), ("interval",))
        interval = (r.number(f["interval"], "interval", *METRICS_INTERVAL_RANGE, "seconds")
                    if "interval" in f else DEFAULT_METRICS_INTERVAL)
        value = r.word(f["folder"], "folder") if "folder" in f else None
        folder = self._existing_folder(
            value, "create it (writable by the kiosk's user), or the kiosk cannot write its "
            "metrics", "give the folder the node exporter's textfile collector reads (e.g. "
            "/var/lib/prometheus/node-exporter)")
        if folder is None or interval is None:
            return None
        return Metrics(folder, interval)

    def _content(self, node: Node) -> Content | None:
        r = self.reader
        block = r.mapping(node, "content settings (folder, keep)")
        if block is None:
            return None
        f = r.fields(block, "content", ("folder",), ("keep",))
        keep = (r.number(f["keep"], "keep", *KEEP_RANGE, "releases")
                if "keep" in f else float(DEFAULT_KEEP_RELEASES))
        if keep is not None and keep != int(keep):
            r.error(f["keep"], "'keep' is a whole number of releases, such as 5")
            keep = None
        value = r.word(f["folder"], "folder") if "folder" in f else None
        folder = self._existing_folder(
            value, "the kiosk waits for it to appear (Syncthing or rsync makes it)",
            "give the folder published releases arrive in (its `releases/` inside)")
        if folder is None or keep is None:
            return None
        return Content(folder, int(keep))

    def _existing_folder(self, value: Scalar | None, missing: str, hint: str
                         ) -> Path | None:
        """The folder named by ``value``, which should exist (a warning ending in
        ``missing`` if not) and be a folder (an error ending in ``hint`` if not)."""
        if value is None:
            return None
        r = self.reader
        folder = self.folder / Path(value.value.strip()).expanduser()
        try:
            is_folder = stat.S_ISDIR(folder.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            r.warning(value, f"the folder '{folder}' does not exist; {missing}")
        except (OSError, ValueError) as exc:
            r.error(value, f"the folder '{folder}' cannot be used: {os_reason(exc)}")
            return None
        else:
            if not is_folder:
                r.error(value, f"'{folder}' is not a folder; {hint}")
                return None
        return folder

def _similar(name: str, backend: str) -> bool:
    """Whether ``name`` looks like a typo of ``backend`` (``ddcutl``, ``xset``, ``cec``)."""
    name = name.lower()
    return (difflib.SequenceMatcher(None, name, backend).ratio() >= 0.6
            or (len(name) >= 3 and backend.startswith(name)))
