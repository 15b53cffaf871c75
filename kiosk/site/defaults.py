"""The settings of a kiosk with no site file: open around the clock, as ever."""

from __future__ import annotations

import socket
from zoneinfo import ZoneInfo

from kiosk.site.model import Site
from kiosk.site.zones import machine_zone


def default_site(*, zone: ZoneInfo | None = None, hostname: str | None = None) -> Site:
    """No hours (open always), no metrics, named after the machine, in its time zone."""
    return Site(hostname or socket.gethostname(), zone or machine_zone())
