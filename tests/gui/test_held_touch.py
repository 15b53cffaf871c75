"""Hesitant hands rest on the screen before they lift: a touch held past Qt's long-press
time (0.8 s) still acts when it lifts, wherever a visitor can tap."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

HELD_S = 1.2  # how long the finger rests: past the long-press time


def hold_then_lift(kiosk: Kiosk, target: str) -> None:
    from PySide6.QtTest import QTest

    point = kiosk.centre(target)
    sequence = QTest.touchEvent(kiosk.window, kiosk.device)
    sequence.press(0, point).commit()
    pressed = time.monotonic()
    # The finger resting is the gesture itself, not a wait for the kiosk to settle.
    kiosk.wait(lambda: time.monotonic() - pressed >= HELD_S)
    sequence.release(0, point).commit()


def test_a_held_touch_on_the_welcome_screen_enters(kiosk_window: Kiosk) -> None:
    hold_then_lift(kiosk_window, "welcomeScreen")
    kiosk_window.wait(lambda: kiosk_window.nav.screen == Screen.Exhibit)
    assert kiosk_window.event_names() == ["era_opened"]


@pytest.mark.parametrize(("target", "done"), [
    ("nextButton", lambda nav: nav.pageIndex == 1),
    ("era-1", lambda nav: nav.eraIndex == 1),
    ("panelImage", lambda nav: nav.viewerOpen),
], ids=["next button", "timeline era", "picture"])
def test_a_held_touch_acts_when_it_lifts(kiosk_window: Kiosk, target: str, done: object) -> None:
    kiosk_window.nav.enter()
    if target == "panelImage":
        kiosk_window.nav.next()  # the first panel, with its picture
    before = kiosk_window.nav.pageIndex
    hold_then_lift(kiosk_window, target)
    kiosk_window.wait(lambda: done(kiosk_window.nav))  # type: ignore[operator]
    if target == "panelImage":
        assert kiosk_window.nav.pageIndex == before  # a resting finger is no swipe
