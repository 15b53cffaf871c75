"""Opening hours across the clock changes in Berlin: 2026-03-29 (02:00 → 03:00) and
2026-10-25 (03:00 → 02:00).

Times that do not exist take effect at the first instant after them (the jump to 03:00);
times that happen twice take effect the first time. Comparisons go through isoformat() and
durations through Change.seconds_after: aware datetimes in one zone compare and subtract
by wall time, and would miss a wrong offset.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.site.walltime import is_missing, local_instant, wall_instant
from tests.unit.site.sitefiles import BERLIN, berlin, schedule_of


def iso(when: datetime | None) -> str:
    assert when is not None
    return when.isoformat()


def closed_but(**days: str) -> str:
    """An hours block closed on every weekday but those given."""
    lines = [f"  {day}: {days.get(day, 'closed')}" for day in
             ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    return "hours:\n" + "\n".join(lines) + "\n"


# -- spring forward: 2026-03-29, 02:00 CET becomes 03:00 CEST -------------------------------

def test_a_closing_at_0230_on_the_spring_forward_night_happens_at_0300(tmp_path: Path
                                                                       ) -> None:
    schedule = schedule_of(tmp_path, closed_but(sat='"20:00-24:00"',
                                                sun='["00:00-02:30", "10:00-18:00"]'))
    change = schedule.next_change(berlin(2026, 3, 28, 21))
    assert change is not None and change.what == "closes"
    assert iso(change.when) == "2026-03-29T03:00:00+02:00"  # the first instant after 02:30
    assert schedule.is_open(berlin(2026, 3, 29, 1, 59))
    assert not schedule.is_open(berlin(2026, 3, 29, 3, 0))
    # Open six real hours that night: 20:00 CET to 03:00 CEST.
    assert change.seconds_after(berlin(2026, 3, 28, 20)) == 6 * 3600


def test_an_opening_at_0230_on_the_spring_forward_day_happens_at_0300(tmp_path: Path
                                                                      ) -> None:
    schedule = schedule_of(tmp_path, closed_but(), """\
        special_openings:
          - date: 2026-03-29
            hours: "02:30-05:00"
        """)
    change = schedule.next_change(berlin(2026, 3, 29, 0))
    assert change is not None and change.what == "opens"
    assert iso(change.when) == "2026-03-29T03:00:00+02:00"


def test_an_interval_inside_the_skipped_hour_never_opens(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, closed_but(sun='["02:00-02:45", "10:00-18:00"]'))
    change = schedule.next_change(berlin(2026, 3, 28, 12))
    assert change is not None
    assert (iso(change.when), change.what) == ("2026-03-29T10:00:00+02:00", "opens")
    # A week later the same hours exist and open at 02:00 as written.
    later = schedule.next_change(berlin(2026, 4, 4, 12))
    assert later is not None and iso(later.when) == "2026-04-05T02:00:00+02:00"


def test_daytime_hours_on_the_spring_forward_day_are_as_written(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, closed_but(sun='"10:00-18:00"'))
    opens = schedule.next_change(berlin(2026, 3, 29, 1))
    assert opens is not None and iso(opens.when) == "2026-03-29T10:00:00+02:00"
    closes = schedule.next_change(opens.when)
    assert closes is not None and iso(closes.when) == "2026-03-29T18:00:00+02:00"


def test_a_closed_spring_forward_day_lasts_23_hours(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, "closures: [2026-03-29]\n")
    closes = schedule.next_change(berlin(2026, 3, 28, 12))
    assert closes is not None and iso(closes.when) == "2026-03-29T00:00:00+01:00"
    opens = schedule.next_change(closes.when)
    assert opens is not None and iso(opens.when) == "2026-03-30T00:00:00+02:00"
    assert opens.seconds_after(closes.when) == 23 * 3600


# -- fall back: 2026-10-25, 03:00 CEST becomes 02:00 CET; 02:00-03:00 happens twice ----------

def test_a_closing_at_0230_on_the_fall_back_night_happens_the_first_time(tmp_path: Path
                                                                         ) -> None:
    schedule = schedule_of(tmp_path, closed_but(sat='"20:00-24:00"', sun='"00:00-02:30"'))
    change = schedule.next_change(berlin(2026, 10, 24, 21))
    assert change is not None and change.what == "closes"
    assert iso(change.when) == "2026-10-25T02:30:00+02:00"
    assert schedule.is_open(berlin(2026, 10, 25, 2, 15, fold=0))
    assert not schedule.is_open(berlin(2026, 10, 25, 2, 45, fold=0))
    assert not schedule.is_open(berlin(2026, 10, 25, 2, 15, fold=1))  # the second 02:15


def test_an_interval_over_the_repeated_hour_lasts_an_hour_longer(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, closed_but(sun='"01:00-04:00"'))
    opens = schedule.next_change(berlin(2026, 10, 25, 0))
    assert opens is not None and iso(opens.when) == "2026-10-25T01:00:00+02:00"
    closes = schedule.next_change(opens.when)
    assert closes is not None and iso(closes.when) == "2026-10-25T04:00:00+01:00"
    assert closes.seconds_after(opens.when) == 4 * 3600
    assert closes.when - opens.when == timedelta(hours=3)  # why a timer must not subtract
    assert schedule.is_open(berlin(2026, 10, 25, 2, 30, fold=1))


def test_an_opening_at_0230_on_the_fall_back_day_happens_the_first_time(tmp_path: Path
                                                                        ) -> None:
    schedule = schedule_of(tmp_path, closed_but(sun='"02:30-06:00"'))
    opens = schedule.next_change(berlin(2026, 10, 25, 0))
    assert opens is not None and iso(opens.when) == "2026-10-25T02:30:00+02:00"


def test_a_closed_fall_back_day_lasts_25_hours(tmp_path: Path) -> None:
    schedule = schedule_of(tmp_path, "closures: [2026-10-25]\n")
    closes = schedule.next_change(berlin(2026, 10, 24, 12))
    opens = schedule.next_change(berlin(2026, 10, 25, 12))
    assert closes is not None and opens is not None
    assert opens.seconds_after(closes.when) == 25 * 3600


# -- the conversion itself ----------------------------------------------------------------

def test_wall_times_become_instants_by_the_two_rules() -> None:
    spring, autumn = date(2026, 3, 29), date(2026, 10, 25)
    assert wall_instant(spring, 1 * 60 + 59, BERLIN).isoformat() == "2026-03-29T00:59:00+00:00"
    for minutes in (120, 150, 179, 180):  # 02:00, 02:30, 02:59 do not exist; 03:00 does
        assert wall_instant(spring, minutes, BERLIN).isoformat() == "2026-03-29T01:00:00+00:00"
    assert wall_instant(autumn, 150, BERLIN).isoformat() == "2026-10-25T00:30:00+00:00"
    assert wall_instant(autumn, 24 * 60, BERLIN) == datetime(2026, 10, 25, 23, tzinfo=UTC)
    assert is_missing(datetime(2026, 3, 29, 2, 30), BERLIN)
    assert not is_missing(datetime(2026, 10, 25, 2, 30), BERLIN)


def test_other_zones_shifts_half_hours_and_a_missing_midnight() -> None:
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # moves by 30 minutes, at 02:00
    assert local_instant(datetime(2026, 10, 4, 2, 15), lord_howe).astimezone(
        lord_howe).isoformat() == "2026-10-04T02:30:00+11:00"
    havana = ZoneInfo("America/Havana")  # springs forward at midnight
    assert wall_instant(date(2026, 3, 8), 0, havana).astimezone(
        havana).isoformat() == "2026-03-08T01:00:00-04:00"
