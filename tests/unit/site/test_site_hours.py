"""Opening hours asked at given instants: the week, closures, special openings."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.site.defaults import default_site
from kiosk.site.nextopening import NextOpening, next_opening
from kiosk.site.schedule import Change, Schedule
from tests.unit.site.sitefiles import BERLIN, WEEK, berlin, schedule_of


def test_open_from_the_opening_minute_until_the_closing_minute(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    tuesday = (2026, 6, 2)
    assert not schedule.is_open(berlin(*tuesday, 9, 59))
    assert schedule.is_open(berlin(*tuesday, 10, 0))
    assert schedule.is_open(berlin(*tuesday, 17, 59))
    assert not schedule.is_open(berlin(*tuesday, 18, 0))
    assert schedule.next_change(berlin(*tuesday, 9, 0)) == Change(berlin(*tuesday, 10), "opens")
    assert schedule.next_change(berlin(*tuesday, 10, 0)) == Change(berlin(*tuesday, 18),
                                                                   "closes")


def test_a_lunch_break_closes_and_opens_again(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    assert schedule.next_change(berlin(2026, 6, 4, 11)) == Change(berlin(2026, 6, 4, 13),
                                                                  "closes")
    assert not schedule.is_open(berlin(2026, 6, 4, 13, 30))
    assert schedule.next_change(berlin(2026, 6, 4, 13)) == Change(berlin(2026, 6, 4, 14),
                                                                  "opens")
    assert schedule.is_open(berlin(2026, 6, 4, 20, 59))


def test_a_closed_monday_opens_on_tuesday(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    sunday_evening = berlin(2026, 5, 31, 17, 0)
    assert not schedule.is_open(sunday_evening)
    assert schedule.next_change(sunday_evening) == Change(berlin(2026, 6, 2, 10), "opens")
    assert not schedule.is_open(berlin(2026, 6, 1, 12))


def test_the_answer_is_in_the_sites_zone_whatever_zone_is_asked_in(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    asked = datetime(2026, 6, 2, 7, 30, tzinfo=UTC)  # 09:30 in Berlin
    change = schedule.next_change(asked)
    assert change is not None and change.when.tzinfo is BERLIN
    assert change == Change(berlin(2026, 6, 2, 10), "opens")
    assert change.when.isoformat() == "2026-06-02T10:00:00+02:00"


def test_intervals_that_touch_are_one_stretch(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, """\
        hours:
          mon: ["13:00-18:00", "10:00-13:00"]
          tue: ["20:00-24:00"]
          wed: ["00:00-02:00", "10:00-12:00"]
          thu: closed
          fri: closed
          sat: closed
          sun: closed
        """)
    assert schedule.next_change(berlin(2026, 6, 1, 11)) == Change(berlin(2026, 6, 1, 18),
                                                                  "closes")
    # Tuesday 20:00 until Wednesday 02:00: no change at midnight.
    assert schedule.next_change(berlin(2026, 6, 2, 21)) == Change(berlin(2026, 6, 3, 2),
                                                                  "closes")
    assert schedule.is_open(berlin(2026, 6, 3, 0, 0))


def test_with_no_hours_the_kiosk_is_open_around_the_clock(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, "name: Foyer\n")
    assert schedule.is_open(berlin(2026, 6, 1, 3))
    assert schedule.next_change(berlin(2026, 6, 1, 3)) is None
    no_site_file = Schedule(default_site(zone=BERLIN, hostname="foyer"))
    assert no_site_file.is_open(berlin(2026, 12, 25, 3))
    assert no_site_file.next_change(berlin(2026, 12, 25, 3)) is None
    assert no_site_file.site.name == "foyer"


def test_a_closure_beats_the_weekday_hours(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        closures:
          - date: 2026-12-24
            reason: Christmas Eve
          - from: 2026-12-31
            to: 2027-01-01
        """)
    assert not schedule.is_open(berlin(2026, 12, 24, 12))  # a Thursday
    assert schedule.next_change(berlin(2026, 12, 23, 12)) == Change(berlin(2026, 12, 23, 18),
                                                                    "closes")
    assert schedule.next_change(berlin(2026, 12, 23, 19)) == Change(berlin(2026, 12, 25, 10),
                                                                    "opens")
    assert schedule.next_change(berlin(2026, 12, 30, 19)) == Change(berlin(2027, 1, 2, 10),
                                                                    "opens")


def test_a_closure_with_no_hours_closes_an_always_open_kiosk(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, "closures: [2026-12-25]\n")
    assert schedule.is_open(berlin(2026, 12, 24, 23, 59))
    assert schedule.next_change(berlin(2026, 12, 24, 12)) == Change(berlin(2026, 12, 25),
                                                                    "closes")
    assert schedule.next_change(berlin(2026, 12, 25, 12)) == Change(berlin(2026, 12, 26),
                                                                    "opens")


def test_a_special_opening_opens_a_closed_monday_until_midnight(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        special_openings:
          - date: 2026-05-18
            hours: "18:00-24:00"
            reason: Museum night
        """)
    assert not schedule.is_open(berlin(2026, 5, 18, 12))
    assert schedule.next_change(berlin(2026, 5, 18, 12)) == Change(berlin(2026, 5, 18, 18),
                                                                   "opens")
    assert schedule.is_open(berlin(2026, 5, 18, 23, 59))
    assert schedule.next_change(berlin(2026, 5, 18, 19)) == Change(berlin(2026, 5, 19),
                                                                   "closes")
    # Tuesday opens at 10:00 as every Tuesday does.
    assert schedule.next_change(berlin(2026, 5, 19)) == Change(berlin(2026, 5, 19, 10),
                                                               "opens")


def test_a_special_opening_replaces_the_weekdays_hours(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        special_openings:
          - date: 2026-06-04
            hours: "10:00-14:00"
        """)
    assert schedule.next_change(berlin(2026, 6, 4, 11)) == Change(berlin(2026, 6, 4, 14),
                                                                  "closes")
    assert not schedule.is_open(berlin(2026, 6, 4, 15))


def test_a_kiosk_that_never_opens_has_no_next_change(tmp_path: Path) -> None:
    week = "\n".join(f"  {day}: closed" for day in ("mon", "tue", "wed", "thu", "fri", "sat",
                                                     "sun"))
    schedule = schedule_of(tmp_path, f"hours:\n{week}\n")
    assert not schedule.is_open(berlin(2026, 6, 1, 12))
    assert schedule.next_change(berlin(2026, 6, 1, 12)) is None
    assert next_opening(schedule, berlin(2026, 6, 1, 12)) is None


def test_a_long_closure_is_looked_past(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        closures:
          - from: 2026-06-01
            to: 2027-03-31
            reason: Renovation
        """)
    assert schedule.next_change(berlin(2026, 5, 31, 12)) == Change(berlin(2026, 5, 31, 17),
                                                                   "closes")
    assert schedule.next_change(berlin(2026, 5, 31, 17)) == Change(berlin(2027, 4, 1, 10),
                                                                   "opens")


@pytest.mark.parametrize(("at", "text", "day"), [
    (berlin(2026, 6, 2, 8), "today at 10:00", "today"),
    (berlin(2026, 6, 2, 18, 30), "tomorrow at 10:00", "tomorrow"),
    (berlin(2026, 6, 4, 13, 15), "today at 14:00", "today"),
    (berlin(2026, 5, 31, 20), "on Tuesday at 10:00", "weekday"),
    (berlin(2026, 6, 2, 12), "tomorrow at 10:00", "tomorrow"),  # open now: the one after
    (berlin(2026, 12, 23, 20), "on Friday at 10:00", "weekday"),
    (berlin(2026, 12, 25, 20), "on 2 January 2027 at 10:00", "date"),
])
def test_the_closed_screen_says_when_it_opens_next(tmp_path: Path, at: datetime, text: str,
                                                   day: str) -> None:
    schedule = schedule_of(tmp_path, WEEK, """\
        closures:
          - date: 2026-12-24
          - from: 2026-12-26
            to: 2027-01-01
        """)
    opening = next_opening(schedule, at)
    assert opening is not None
    assert (str(opening), opening.day) == (text, day)
    assert opening.when.tzinfo is BERLIN


def test_a_far_opening_in_the_same_year_is_named_without_the_year() -> None:
    assert str(NextOpening(berlin(2026, 9, 1, 10), "date")) == "on 1 September at 10:00"


def test_naive_times_are_refused(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, WEEK)
    with pytest.raises(ValueError, match="aware datetime"):
        schedule.is_open(datetime(2026, 6, 2, 12))
    with pytest.raises(ValueError, match="aware datetime"):
        schedule.next_change(datetime(2026, 6, 2, 12))
