"""A visitor walks up to the welcome screen and touches it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk


def test_the_welcome_screen_shows_the_exhibit_and_an_invitation(kiosk_window: Kiosk) -> None:
    assert kiosk_window.nav.screen == Screen.Welcome
    assert kiosk_window.is_shown("welcomeScreen")
    assert not kiosk_window.item("exhibitScreen").isVisible()
    assert kiosk_window.item("welcomeTitle").property("text") == "Sample Exhibit"
    assert kiosk_window.item("attractPrompt").property("text") == "Touch to explore"


@pytest.mark.parametrize("where", [(0.5, 0.5), (0.8, 0.2), (0.15, 0.85)],
                         ids=["centre", "upper-right", "lower-left"])
def test_a_touch_anywhere_on_the_welcome_screen_enters_the_exhibit(
        kiosk_window: Kiosk, where: tuple[float, float]) -> None:
    window = kiosk_window.window
    kiosk_window.tap(QPoint(int(window.width() * where[0]), int(window.height() * where[1])))

    kiosk_window.wait(lambda: kiosk_window.nav.screen == Screen.Exhibit)
    assert kiosk_window.is_shown("exhibitScreen")
    assert not kiosk_window.item("welcomeScreen").isVisible()
    assert kiosk_window.nav.pageIndex == 0
    assert kiosk_window.events_named("era_opened") == [{"era": "first"}]


def test_a_mouse_click_on_the_welcome_screen_enters_the_exhibit(kiosk_window: Kiosk) -> None:
    kiosk_window.click("welcomeScreen")

    kiosk_window.wait(lambda: kiosk_window.nav.screen == Screen.Exhibit)
    assert kiosk_window.is_shown("exhibitScreen")
    assert kiosk_window.event_names() == ["era_opened"]


def test_the_welcome_screen_fades_into_the_exhibit(make_kiosk) -> None:
    kiosk = make_kiosk(animate=True)
    kiosk.tap("welcomeScreen")

    assert kiosk.nav.screen == Screen.Exhibit
    kiosk.wait(lambda: kiosk.is_shown("exhibitScreen")
               and not kiosk.item("welcomeScreen").isVisible())


def test_a_second_touch_during_the_visit_does_not_restart_it(kiosk_window: Kiosk) -> None:
    kiosk_window.enter()
    kiosk_window.nav.next()
    kiosk_window.tap("panelTitle")

    assert kiosk_window.nav.screen == Screen.Exhibit
    assert kiosk_window.nav.pageIndex == 1
    assert kiosk_window.event_names().count("era_opened") == 1
