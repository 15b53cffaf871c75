"""Opening hours as the closed screen sees them: open or closed now, when it opens next,
a minute lit by a touch, and a timer that wakes the kiosk at each change (a fake clock)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kiosk.site.model import Interval, Site, WeeklyHours
from kiosk.site.nextopening import NextOpening
from kiosk.site.schedule import Schedule
from kiosk.ui.hours import AWAKE_S, MAX_WAIT_S, OpeningHours, opening_words
from tests.helpers.fake_time import FakeTime

BERLIN = ZoneInfo("Europe/Berlin")
DAILY = Schedule(Site("test", BERLIN, WeeklyHours(((Interval(600, 1080),),) * 7)))  # 10-18


def berlin(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, day, hour, minute, tzinfo=BERLIN)


def hours_at(start: datetime, schedule: Schedule | None = DAILY) -> tuple[OpeningHours, FakeTime]:
    time = FakeTime()
    base = time.ms
    hours = OpeningHours(schedule, clock=lambda: start + timedelta(milliseconds=time.ms - base),
                         timer=time.timer)
    return hours, time


def test_closing_and_opening_are_announced_each_once_in_order() -> None:
    hours, time = hours_at(berlin(2, 17, 59))
    told: list[bool] = []
    hours.closedChanged.connect(told.append)

    time.advance(60)
    assert not hours.open and told == [True]
    assert hours.opensAt == "tomorrow at 10:00"
    time.advance(16 * 3600)
    assert hours.open and told == [True, False]
    assert hours.opensAt == ""


def test_at_midnight_tomorrow_becomes_today() -> None:
    hours, time = hours_at(berlin(2, 23, 50))
    assert hours.opensAt == "tomorrow at 10:00"
    assert hours.wait_ms == 10 * 60 * 1000  # to midnight, well before the opening
    time.advance(10 * 60)
    assert hours.opensAt == "today at 10:00"
    assert not hours.open


def test_the_timer_never_waits_longer_than_the_cap() -> None:
    hours, time = hours_at(berlin(2, 1))
    assert hours.wait_ms == MAX_WAIT_S * 1000  # a clock set after boot is noticed soon
    time.advance(9 * 3600)
    assert hours.open


def test_a_touch_lights_the_closed_screen_for_a_minute_from_the_last_touch() -> None:
    hours, time = hours_at(berlin(2, 21))
    hours.wake()
    time.advance(AWAKE_S - 10)
    hours.wake()
    time.advance(AWAKE_S - 1)
    assert hours.awake
    time.advance(1)
    assert not hours.awake


def test_a_touch_while_open_lights_nothing() -> None:
    hours, _ = hours_at(berlin(2, 12))
    hours.wake()
    assert not hours.awake


def test_opening_puts_the_closed_screen_out() -> None:
    hours, time = hours_at(berlin(3, 9, 59))
    hours.wake()
    time.advance(60)
    assert hours.open and not hours.awake


def test_without_a_schedule_it_is_open_and_waits_for_nothing() -> None:
    hours, _ = hours_at(berlin(2, 3), schedule=None)
    assert hours.open and hours.wait_ms is None and hours.opensAt == ""


def test_new_hours_take_effect_at_once() -> None:
    hours, _ = hours_at(berlin(2, 12), schedule=None)
    told: list[bool] = []
    hours.closedChanged.connect(told.append)
    mornings = Schedule(Site("test", BERLIN, WeeklyHours(((Interval(480, 600),),) * 7)))
    hours.set_schedule(mornings)
    assert not hours.open and told == [True]
    assert hours.opensAt == "tomorrow at 08:00"


def test_the_words_for_each_kind_of_day_in_english() -> None:
    assert opening_words(NextOpening(berlin(8, 10), "weekday"), "en") == "on Monday at 10:00"
    assert opening_words(NextOpening(berlin(30, 9, 30), "date"), "en") == "on 30 June at 09:30"
    far = NextOpening(datetime(2027, 1, 3, 10, tzinfo=BERLIN), "date", same_year=False)
    assert opening_words(far, "en") == "on 3 January 2027 at 10:00"
