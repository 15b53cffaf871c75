"""A visitor switches language, and later goes home."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk


def chip_texts(kiosk: Kiosk, index: int) -> list[str]:
    chip = kiosk.item(f"era-{index}")
    return [text.property("text") for column in chip.childItems()
            for text in column.childItems()]


@pytest.mark.parametrize("hand", ["tap", "click"])
def test_the_language_button_switches_every_text_at_once(kiosk_window: Kiosk,
                                                         hand: str) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(1)
    kiosk.events.clear()
    assert kiosk.item("languageButton").property("text") == "Русский"

    getattr(kiosk, hand)("languageButton")

    kiosk.wait(lambda: kiosk.nav.language == "ru")
    assert kiosk.item("panelTitle").property("text") == "Панель один"
    assert kiosk.item("panelBody").property("text") == "Несколько слов."
    assert kiosk.item("panelCaption").property("text") == "Красная подпись."
    assert kiosk.item("homeButton").property("text") == "В начало"
    assert kiosk.item("nextButton").property("text") == "Далее"
    assert chip_texts(kiosk, 0) == ["1900–1910", "Первая эпоха"]
    assert kiosk.window.title() == "Образец выставки"
    assert kiosk.item("languageButton").property("text") == "English"
    assert kiosk.events == [("language_changed", {"lang": "ru"})]


def test_pages_turned_after_switching_stay_in_that_language(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.tap("languageButton")
    kiosk.wait(lambda: kiosk.nav.language == "ru")
    assert kiosk.item("eraTitle").property("text") == "Первая эпоха"

    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    assert kiosk.item("panelTitle").property("text") == "Панель один"
    assert kiosk.events_named("panel_shown")[-1] == {"era": "first", "panel": "one",
                                                      "lang": "ru"}


def test_the_open_viewers_caption_follows_the_language(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(1)
    kiosk.nav.openImage(0)
    kiosk.wait(lambda: kiosk.item("viewerCaption").property("text") == "Red caption.")
    kiosk.nav.toggleLanguage()
    kiosk.wait(lambda: kiosk.item("viewerCaption").property("text") == "Красная подпись.")


def test_switching_back_restores_the_first_language(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.tap("languageButton")
    kiosk.wait(lambda: kiosk.nav.language == "ru")
    kiosk.tap("languageButton")
    kiosk.wait(lambda: kiosk.nav.language == "en")
    assert kiosk.item("eraTitle").property("text") == "First Era"
    assert [e["lang"] for e in kiosk.events_named("language_changed")] == ["ru", "en"]


def test_home_returns_to_the_welcome_screen_in_the_chosen_language_and_ends_the_visit(
        kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.swipe(-700)
    kiosk.swipe(-700)
    kiosk.tap("languageButton")
    kiosk.clock.advance(42)
    kiosk.events.clear()

    kiosk.tap("homeButton")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert kiosk.is_shown("welcomeScreen")
    assert not kiosk.item("exhibitScreen").isVisible()
    assert kiosk.nav.language == "ru" and kiosk.nav.pageIndex == 0
    assert kiosk.item("welcomeTitle").property("text") == "Образец выставки"
    assert kiosk.events == [
        ("session_end", {"reason": "home", "seconds": 42.0, "panels_seen": 2}),
        ("attract_shown", {}),
    ]


def test_the_next_visit_starts_afresh_after_home(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(5)
    kiosk.click("homeButton")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)

    kiosk.tap("welcomeScreen")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.nav.pageIndex == 0
    assert kiosk.item("eraTitle").property("text") == "First Era"
