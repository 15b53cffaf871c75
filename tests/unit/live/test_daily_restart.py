"""The kiosk restarts itself at the site's daily_restart time, in the site's zone, never
under a visitor, and only where systemd starts it again: on a fake clock, from a given
wall time in Berlin."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

import pytest

from kiosk.live.dailyrestart import DailyRestart
from kiosk.ui.hours import MAX_WAIT_S
from tests.helpers.fake_time import FakeTime
from tests.unit.site.sitefiles import BERLIN, berlin

SYSTEMD = {"INVOCATION_ID": "5f6ad1c1b4e54f2c9c0e1f0d2a3b4c5d"}
HOUR = 3600
DAY = 24 * HOUR


class Kiosk:
    """A kiosk whose clock reads ``start`` now and then goes on as the fake time does;
    ``visiting`` is a visitor in a session; what it was told to do is kept."""

    def __init__(self, start: datetime, at: time = time(4),
                 environ: dict[str, str] = SYSTEMD) -> None:
        self.time = FakeTime()
        self._base = self.time.ms
        self._start = start.astimezone(UTC)  # a Berlin datetime would add by wall time
        self.set_back = timedelta()  # a clock set after boot
        self.visiting = False
        self.restarts: list[str] = []  # local times, as isoformat
        self.events: list[tuple[str, dict[str, object]]] = []
        self.daily = DailyRestart(at, BERLIN, busy=lambda: self.visiting,
                                  restart=lambda: self.restarts.append(self.local_now()),
                                  log_event=lambda name, **fields: self.events.append(
                                      (name, fields)),
                                  environ=environ, clock=self.now, timer=self.time.timer)
        self.daily.start()

    def now(self) -> datetime:
        return self._start + self.set_back + timedelta(milliseconds=self.time.ms - self._base)

    def local_now(self) -> str:
        return self.now().astimezone(BERLIN).isoformat()


def test_the_kiosk_restarts_at_the_site_s_time() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 3))
    kiosk.time.advance(HOUR - 0.001)
    assert kiosk.restarts == []
    kiosk.time.advance(0.001)
    assert kiosk.restarts == ["2026-06-02T04:00:00+02:00"]
    assert kiosk.events == [("daily_restart", {"scheduled": "2026-06-02T04:00:00+02:00"})]


def test_started_just_after_the_time_the_next_restart_is_tomorrow() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 4, 0) + timedelta(seconds=1))
    assert kiosk.daily.due == berlin(2026, 6, 3, 4)
    kiosk.time.advance(DAY - 1.001)
    assert kiosk.restarts == []
    kiosk.time.advance(0.001)
    assert kiosk.restarts == ["2026-06-03T04:00:00+02:00"]


def test_a_visit_puts_the_restart_off_until_the_visitor_is_gone() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 3, 50))
    kiosk.visiting = True
    kiosk.time.advance(HOUR)  # many checks, and the screen changing on the way
    kiosk.daily.check()
    assert kiosk.restarts == []
    kiosk.visiting = False
    kiosk.daily.check()  # the navigator's screenChanged: back at the welcome screen
    assert kiosk.restarts == ["2026-06-02T04:50:00+02:00"]
    assert kiosk.events == [("daily_restart", {"scheduled": "2026-06-02T04:00:00+02:00"})]


def test_a_visit_end_missed_is_caught_at_the_next_check() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 3, 59))
    kiosk.visiting = True
    kiosk.time.advance(2 * 60)
    kiosk.visiting = False
    kiosk.time.advance(MAX_WAIT_S)
    assert kiosk.restarts == ["2026-06-02T04:15:00+02:00"]  # due at 04:00, checked again


def test_a_restart_time_skipped_by_spring_forward_happens_at_the_jump() -> None:
    # 2027-03-28 in Berlin: 02:00 CET becomes 03:00 CEST, and 02:30 never shows.
    kiosk = Kiosk(berlin(2027, 3, 28, 1), at=time(2, 30))
    kiosk.time.advance(HOUR - 0.001)  # one real hour to the jump
    assert kiosk.restarts == []
    kiosk.time.advance(0.001)
    assert kiosk.restarts == ["2027-03-28T03:00:00+02:00"]


def test_a_restart_time_repeated_by_fall_back_happens_once() -> None:
    # 2026-10-25 in Berlin: 03:00 CEST becomes 02:00 CET, and 02:30 shows twice.
    kiosk = Kiosk(berlin(2026, 10, 24, 23), at=time(2, 30))
    kiosk.time.advance(DAY + 5 * HOUR)  # until 03:00 on the 26th, a 25-hour day later
    assert kiosk.restarts == ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"]


def test_a_clock_set_after_boot_is_followed_within_the_check_interval() -> None:
    kiosk = Kiosk(berlin(2026, 6, 1, 20))  # a stale clock at boot: last night's
    kiosk.time.advance(60)
    kiosk.set_back = berlin(2026, 6, 2, 3, 30) - berlin(2026, 6, 1, 20, 1)  # NTP answers
    kiosk.time.advance(HOUR)
    assert kiosk.restarts == ["2026-06-02T04:00:00+02:00"]


def test_a_clock_set_back_after_boot_restarts_on_the_real_night() -> None:
    kiosk = Kiosk(berlin(2026, 6, 3, 2))  # a clock a day ahead at boot
    kiosk.time.advance(60)
    kiosk.set_back = berlin(2026, 6, 2, 3, 30) - berlin(2026, 6, 3, 2, 1)
    kiosk.time.advance(HOUR)
    assert kiosk.restarts == ["2026-06-02T04:00:00+02:00"]


def test_a_clock_set_forward_past_the_time_does_not_restart_in_the_day() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 3))
    kiosk.time.advance(60)
    kiosk.set_back = berlin(2026, 6, 2, 11) - berlin(2026, 6, 2, 3, 1)
    kiosk.time.advance(DAY - 2 * HOUR)
    assert kiosk.restarts == ["2026-06-03T04:00:00+02:00"]


def test_without_systemd_nothing_restarts_the_kiosk_and_the_log_says_why(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.live.dailyrestart")
    kiosk = Kiosk(berlin(2026, 6, 2, 3), environ={})
    kiosk.time.advance(2 * DAY)
    assert kiosk.restarts == [] and kiosk.daily.due is None
    assert [r.getMessage() for r in caplog.records] == [
        "daily restart at 04:00 is off: the kiosk was not started by systemd "
        "(kiosk install-service)"]


def test_stopped_it_restarts_nothing() -> None:
    kiosk = Kiosk(berlin(2026, 6, 2, 3))
    kiosk.daily.stop()
    kiosk.time.advance(2 * DAY)
    kiosk.daily.check()
    assert kiosk.restarts == [] and kiosk.daily.due is None
