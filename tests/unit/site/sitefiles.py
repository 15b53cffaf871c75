"""Site files written for a test, and instants in the Berlin gallery's zone."""

from __future__ import annotations

import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.site.load import load_site
from kiosk.site.model import Site
from kiosk.site.schedule import Schedule

BERLIN = ZoneInfo("Europe/Berlin")

# Tuesday to Sunday, a late Thursday with a lunch break, closed on Mondays.
WEEK = """\
hours:
  mon: closed
  tue: "10:00-18:00"
  wed: "10:00-18:00"
  thu: ["10:00-13:00", "14:00-21:00"]
  fri: "10:00-18:00"
  sat: "10:00-18:00"
  sun: "11:00-17:00"
"""


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0,
           *, fold: int = 0) -> datetime:
    """A wall-clock time in Berlin, as the kiosk's clock would give it."""
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN, fold=fold)


def write_site(folder: Path, text: str, name: str = "site.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load_good_site(path: Path) -> Site:
    """The site in ``path``, which must have no errors."""
    result = load_site(path, hostname="test-kiosk")
    assert result.errors == (), "\n".join(map(str, result.errors))
    assert result.site is not None
    return result.site


def schedule_of(folder: Path, *parts: str) -> Schedule:
    """The schedule of a Berlin site file holding ``parts`` after its version line."""
    body = "version: 1\ntimezone: Europe/Berlin\n" + "".join(map(textwrap.dedent, parts))
    return Schedule(load_good_site(write_site(folder, body)))
