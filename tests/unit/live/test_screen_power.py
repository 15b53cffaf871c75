"""The display goes off a grace period after closing; a kiosk started while closed (a daily
restart at night) takes the time already spent closed off that grace, so the gallery is
not lit again for the whole of it.

The grace runs on a fake clock; the switching itself is a real :class:`DisplaySwitch`
running a ddcutil stand-in (tests/helpers/standins.py) on the power worker thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.live.screenpower import ScreenPower
from kiosk.power.display import DisplaySwitch
from tests.helpers.fake_time import FakeTime, FakeTimer
from tests.helpers.standins import StandIns

OFF_AFTER_S = 600
OFF = "ddcutil --noverify setvcp D6 04"
ON = "ddcutil --noverify setvcp D6 01"


@dataclass
class Gallery:
    power: ScreenPower
    tools: StandIns
    time: FakeTime
    grace: FakeTimer
    events: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def grace_left_s(self) -> float | None:
        return None if self.grace.due is None else (self.grace.due - self.time.ms) / 1000


@pytest.fixture
def gallery(tmp_path: Path, qtbot: QtBot) -> Iterator[Gallery]:
    tools = StandIns(tmp_path / "tools")
    tools.install("ddcutil")
    time = FakeTime()
    timers: list[FakeTimer] = []

    def timer(parent: QObject) -> FakeTimer:
        timers.append(made := time.timer(parent))
        return made

    events: list[tuple[str, dict[str, object]]] = []
    power = ScreenPower(DisplaySwitch(("ddcutil",), env=tools.env()), OFF_AFTER_S,
                        lambda name, **fields: events.append((name, fields)), timer=timer)
    (grace,) = timers
    yield Gallery(power, tools, time, grace, events)
    power.stop()


def test_at_closing_the_display_goes_off_after_the_whole_grace(gallery: Gallery,
                                                               qtbot: QtBot) -> None:
    gallery.power.closed(True)
    assert gallery.grace_left_s() == OFF_AFTER_S
    with qtbot.waitSignal(gallery.power.changed) as off:
        gallery.time.advance(OFF_AFTER_S)
    assert off.args == [False, "ddcutil"]
    assert gallery.tools.commands() == [OFF]
    assert gallery.events == [("display_off", {"backend": "ddcutil"})]


def test_started_soon_after_closing_the_grace_is_what_is_left(gallery: Gallery,
                                                              qtbot: QtBot) -> None:
    gallery.power.start_closed(200)
    assert gallery.grace_left_s() == OFF_AFTER_S - 200
    with qtbot.waitSignal(gallery.power.changed) as off:
        gallery.time.advance(OFF_AFTER_S - 200)
    assert off.args == [False, "ddcutil"]
    assert gallery.tools.commands() == [OFF]


@pytest.mark.parametrize("closed_for_s", [OFF_AFTER_S, 10 * 3600])
def test_started_long_after_closing_the_display_goes_off_at_once(gallery: Gallery, qtbot: QtBot,
                                                                  closed_for_s: float) -> None:
    with qtbot.waitSignal(gallery.power.changed) as off:
        gallery.power.start_closed(closed_for_s)  # the fake clock never moves
    assert off.args == [False, "ddcutil"]
    assert gallery.grace_left_s() is None
    assert gallery.tools.commands() == [OFF]
    assert gallery.events == [("display_off", {"backend": "ddcutil"})]


def test_a_display_switched_off_at_start_comes_on_at_opening(gallery: Gallery,
                                                             qtbot: QtBot) -> None:
    with qtbot.waitSignal(gallery.power.changed):
        gallery.power.start_closed(10 * 3600)
    with qtbot.waitSignal(gallery.power.changed) as on:
        gallery.power.closed(False)
    assert on.args == [True, "ddcutil"]
    assert gallery.tools.commands() == [OFF, ON]


def test_new_settings_turn_the_display_on_with_the_old_backend_then_off_with_the_new(
        gallery: Gallery, qtbot: QtBot) -> None:
    """An edited site file names another backend while the display is off."""
    with qtbot.waitSignal(gallery.power.changed):
        gallery.power.start_closed(10 * 3600)
    gallery.tools.install("cec-client")
    with qtbot.waitSignal(gallery.power.changed) as on:
        gallery.power.use(DisplaySwitch(("cec-client",), env=gallery.tools.env()), 60)
    assert on.args == [True, "ddcutil"]
    assert gallery.tools.commands() == [OFF, ON]
    gallery.power.closed(True)
    assert gallery.grace_left_s() == 60
    with qtbot.waitSignal(gallery.power.changed) as off:
        gallery.time.advance(60)
    assert off.args == [False, "cec-client"]
    assert gallery.tools.commands()[2:] == ["cec-client -s -d 1"]
