"""Time zones by IANA name, and the zone the machine itself runs in."""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

LOCALTIME = Path("/etc/localtime")
UTC = ZoneInfo("UTC")


def zone_named(name: str) -> ZoneInfo | None:
    """The zone called ``name`` (``Europe/Berlin``), or None if there is none."""
    if not name or name.startswith(("/", ".")) or ".." in name:
        return None  # a path, not a name: ZoneInfo would refuse it with a ValueError anyway
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def closest_zone_name(name: str) -> str | None:
    """The zone name a typo most likely meant (``Europe/Berln`` → ``Europe/Berlin``)."""
    by_lower = {zone.lower(): zone for zone in _zone_names()}
    close = difflib.get_close_matches(name.lower(), by_lower, n=1, cutoff=0.75)
    return by_lower[close[0]] if close else None


@cache
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())  # reads the whole zone database: once is enough


def machine_zone(environ: Mapping[str, str] = os.environ,
                 localtime: Path = LOCALTIME) -> ZoneInfo:
    """The zone the machine's clock is set to: ``$TZ`` if it names a zone, else the zone
    ``/etc/localtime`` links to (or holds), else UTC."""
    named = zone_named(environ.get("TZ", "").removeprefix(":"))
    if named is not None:
        return named
    try:
        target = str(localtime.resolve(strict=True))
    except OSError:
        return UTC
    marker = "/zoneinfo/"
    if marker in target:
        named = zone_named(target.split(marker, 1)[1])
        if named is not None:
            return named
    try:
        with localtime.open("rb") as stream:
            return ZoneInfo.from_file(stream, key="localtime")
    except (OSError, ValueError):
        return UTC
