"""The site file becomes the frozen model the kiosk runs by, and nothing in it can make
loading fail with anything but a message."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime, time
from pathlib import Path

import pytest

from kiosk.site.load import load_site
from kiosk.site.model import Closure, DisplayPower, Interval, Metrics, SpecialOpening
from tests.unit.site.sitefiles import BERLIN, load_good_site

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "sites"
GOOD = (CORPUS / "good.yaml").read_text(encoding="utf-8")


def test_the_good_site_file_as_the_kiosk_sees_it() -> None:
    site = load_good_site(CORPUS / "good.yaml")
    assert site.name == "Gallery 2, east wall"
    assert site.timezone == BERLIN
    assert site.hours is not None
    assert site.hours.on(date(2026, 6, 1)) == ()  # a Monday: closed
    assert site.hours.on(date(2026, 6, 4)) == (Interval(600, 780), Interval(840, 1260))
    assert [str(i) for i in site.hours.on(date(2026, 6, 7))] == ["11:00-17:00"]
    assert site.closures == (
        Closure(date(2026, 12, 24), date(2026, 12, 24), "Christmas Eve"),
        Closure(date(2026, 12, 31), date(2027, 1, 1), "New Year"),
        Closure(date(2026, 5, 1), date(2026, 5, 1)),
        Closure(date(2026, 6, 10), date(2026, 6, 10), "Staff training day"),  # from the .ics
    )
    (gala,) = site.timed_closures
    assert (gala.start.astimezone(BERLIN), gala.end.astimezone(BERLIN), gala.reason) == (
        datetime(2026, 6, 12, 16, tzinfo=BERLIN), datetime(2026, 6, 12, 23, tzinfo=BERLIN),
        "Private gala")
    assert site.special_openings == (
        SpecialOpening(date(2026, 5, 18), (Interval(1080, 1440),), "Museum night"),)
    assert site.closures_ics == CORPUS / "closures.ics"
    assert site.daily_restart == time(4, 0)
    assert site.display == DisplayPower(("ddcutil", "cec-client"), 600.0)
    assert site.metrics == Metrics(CORPUS, 15.0)
    assert site.path == CORPUS / "good.yaml"
    with pytest.raises(dataclasses.FrozenInstanceError):
        site.name = "changed"  # type: ignore[misc]


def test_defaults_for_display_and_metrics(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("version: 1\ndisplay: {power: xset-dpms}\n",
                                        encoding="utf-8")
    site = load_good_site(tmp_path / "site.yaml")
    assert site.display == DisplayPower(("xset-dpms",), 600.0)
    assert not site.display.auto and DisplayPower().auto
    assert site.metrics is None and site.daily_restart is None


def test_hours_may_be_written_with_a_dash_and_spaces(tmp_path: Path) -> None:
    days = "\n".join(f"  {day}: 10:00 – 18:00" for day in ("mon", "tue", "wed", "thu", "fri",
                                                            "sat", "sun"))
    (tmp_path / "site.yaml").write_text(f"version: 1\nhours:\n{days}\n", encoding="utf-8")
    site = load_good_site(tmp_path / "site.yaml")
    assert site.hours is not None and site.hours.days[0] == (Interval(600, 1080),)


HOSTILE = ["", "~", "no", "[]", "{}", "[[[]]]", "- a", "\"\\u0000\"", "25:99", "24:00",
           "9999-99-99", "../../../../etc/passwd", "/dev/zero", "'\u202e'", "1e400", "-1",
           "!!python/object/apply:os.system [echo]", "&a x", "*a", "? x", "\"\\t\"",
           "x" * 5000]


def _values(text: str) -> list[tuple[int, int]]:
    """Where each value of the good site file is written (start, end of the text)."""
    return [(match.start(1), match.end(1))
            for match in re.finditer(r"(?m)^[ \w-]+(?:: |- )([^\s#\[][^\n]*?)\s*$", text)]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_any_value_replaced_gives_messages_not_a_crash(tmp_path: Path, value: str) -> None:
    spans = _values(GOOD)
    assert len(spans) > 20
    (tmp_path / "closures.ics").write_bytes((CORPUS / "closures.ics").read_bytes())
    path = tmp_path / "site.yaml"
    for start, end in spans:
        path.write_text(GOOD[:start] + value + GOOD[end:], encoding="utf-8")
        result = load_site(path, hostname="sweep")
        assert not any("internal error" in d.message for d in result.diagnostics), value
        assert result.ok == (not result.errors)
