"""How long the kiosk has been closed at a given instant: a kiosk started at night (a daily
restart, a power cut) switches its display off at once rather than after a fresh grace.

Durations are taken in UTC: two aware datetimes of one zone subtract by wall time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.site.defaults import default_site
from kiosk.site.schedule import LOOK_BACK_DAYS, Schedule
from tests.unit.site.sitefiles import WEEK, berlin, schedule_of


def closed_for_s(schedule: Schedule, at: datetime) -> float:
    since = schedule.closed_since(at)
    assert since is not None
    return (at.astimezone(UTC) - since.astimezone(UTC)).total_seconds()


def iso(when: datetime | None) -> str:
    assert when is not None
    return when.isoformat()


def test_open_now_is_not_closed_since_anything(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    assert schedule.closed_since(berlin(2026, 6, 2, 10)) is None  # a Tuesday, opening minute
    assert schedule.closed_since(berlin(2026, 6, 2, 17, 59)) is None


def test_at_night_the_kiosk_has_been_closed_since_the_evening(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    assert iso(schedule.closed_since(berlin(2026, 6, 2, 18))) == "2026-06-02T18:00:00+02:00"
    assert iso(schedule.closed_since(berlin(2026, 6, 3, 4))) == "2026-06-02T18:00:00+02:00"
    assert closed_for_s(schedule, berlin(2026, 6, 3, 4)) == 10 * 3600


def test_a_lunch_break_and_a_closed_monday_count_from_their_own_closing(tmp_path: Path
                                                                          ) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    assert iso(schedule.closed_since(berlin(2026, 6, 4, 13, 30))) == "2026-06-04T13:00:00+02:00"
    # Monday is closed: since Sunday's 17:00.
    assert iso(schedule.closed_since(berlin(2026, 6, 8, 12))) == "2026-06-07T17:00:00+02:00"


def test_a_closure_counts_from_the_last_closing_before_it(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK, "closures: [2026-12-24]\n")
    assert iso(schedule.closed_since(berlin(2026, 12, 24, 12))) == "2026-12-23T18:00:00+01:00"


def test_closed_for_longer_than_the_look_back_is_closed_at_least_that_long(tmp_path: Path
                                                                           ) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        closures:
          - from: 2026-06-01
            to: 2027-03-31
            reason: Renovation
        """)
    assert iso(schedule.closed_since(berlin(2026, 6, 10, 12))) == "2026-05-31T17:00:00+02:00"
    at = berlin(2026, 9, 1, 12)
    assert iso(schedule.closed_since(at)) == "2026-08-18T00:00:00+02:00"
    assert closed_for_s(schedule, at) >= LOOK_BACK_DAYS * 86400


def test_a_closing_skipped_by_spring_forward_counts_from_the_jump(tmp_path: Path) -> None:
    # Saturday 20:00 until Sunday 02:30, which does not exist on 2026-03-29: 03:00 CEST.
    schedule = schedule_of(tmp_path, WEEK.replace('sat: "10:00-18:00"', 'sat: "20:00-24:00"')
                           .replace('sun: "11:00-17:00"', 'sun: ["00:00-02:30", "11:00-17:00"]'))
    at = berlin(2026, 3, 29, 4)
    assert iso(schedule.closed_since(at)) == "2026-03-29T03:00:00+02:00"
    assert closed_for_s(schedule, at) == 3600


def test_on_the_fall_back_night_the_repeated_hour_counts_twice(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK.replace('sat: "10:00-18:00"', 'sat: "20:00-24:00"')
                           .replace('sun: "11:00-17:00"', 'sun: ["00:00-02:30", "11:00-17:00"]'))
    first, second = berlin(2026, 10, 25, 2, 45, fold=0), berlin(2026, 10, 25, 2, 45, fold=1)
    assert iso(schedule.closed_since(first)) == "2026-10-25T02:30:00+02:00"  # the first 02:30
    assert iso(schedule.closed_since(second)) == "2026-10-25T02:30:00+02:00"
    assert closed_for_s(schedule, first) == 15 * 60
    assert closed_for_s(schedule, second) == 75 * 60


def test_an_always_open_kiosk_is_never_closed() -> None:
    assert Schedule(default_site()).closed_since(datetime(2026, 6, 2, 3, tzinfo=UTC)) is None


def test_a_naive_time_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="aware"):
        schedule_of(tmp_path, WEEK).closed_since(datetime(2026, 6, 2, 3))
