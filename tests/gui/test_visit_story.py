"""A visit from first touch to the end: the language chosen at the door holds, and the
last panel leads to a closing screen that starts the kiosk again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk


def test_choosing_russian_on_the_welcome_screen_gives_russian_panels(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    assert kiosk.item("chooseLanguage-ru").property("text") == "Русский"
    assert kiosk.item("chooseLanguage-en").property("text") == "English"

    kiosk.tap("chooseLanguage-ru")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.nav.language == "ru"
    kiosk.tap("nextButton")
    kiosk.wait(lambda: kiosk.is_shown("panelTitle"))
    assert kiosk.item("panelTitle").property("text") == "Панель один"
    assert ("language_chosen", {"lang": "ru"}) in kiosk.events


def test_home_keeps_the_chosen_language_and_the_idle_reset_does_not(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.tap("chooseLanguage-ru")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)

    kiosk.tap("homeButton")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert kiosk.nav.language == "ru"
    assert kiosk.item("welcomeTitle").property("text") == "Образец выставки"

    kiosk.tap(kiosk.window.contentItem())  # anywhere but a language button
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.nav.language == "ru"

    kiosk.idle.resetRequested.emit()  # what the idle monitor sends when nobody answers
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert kiosk.nav.language == "en"
    assert kiosk.item("welcomeTitle").property("text") == "Sample Exhibit"


def test_the_last_panels_next_reaches_the_closing_screen_and_start_again_the_welcome(
        kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(kiosk.nav.pageCount - 1)
    kiosk.wait(lambda: kiosk.nav.atLastPage)
    assert kiosk.item("nextButton").property("enabled") is True

    kiosk.tap("nextButton")

    kiosk.wait(lambda: kiosk.is_shown("closingScreen"))
    assert kiosk.nav.screen == Screen.Closing
    assert kiosk.event_names()[-1] == "exhibit_finished"

    kiosk.tap("startAgainButton")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert kiosk.is_shown("welcomeScreen")


def test_an_era_tile_on_the_closing_screen_opens_that_era(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(kiosk.nav.pageCount - 1)
    kiosk.tap("nextButton")
    kiosk.wait(lambda: kiosk.is_shown("closingScreen"))

    kiosk.tap("eraTile-0")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.nav.pageIndex == 0
