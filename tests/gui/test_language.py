"""A visitor switches language, and later goes home."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication

from kiosk.exhibit.load import load_exhibit
from kiosk.ui.navigation import Screen
from kiosk.ui.window import create_view

# What every session_end says of the exhibit's idle settings (the sample's).
IDLE = {"idle_timeout": 90.0, "idle_countdown": 15.0}

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
        ("session_end", {"reason": "home", "seconds": 42.0, "panels_seen": 2,
                         **IDLE}),
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


# --- the kiosk's own words ---------------------------------------------------------------

ENGLISH_BUTTONS = {"homeButton": "Home", "previousButton": "Previous", "nextButton": "Next"}
RUSSIAN_BUTTONS = {"homeButton": "В начало", "previousButton": "Назад", "nextButton": "Далее"}


def button_labels(kiosk: Kiosk) -> dict[str, str]:
    return {name: kiosk.item(name).property("text") for name in ENGLISH_BUTTONS}


def test_the_buttons_speak_the_language_the_visitor_taps_and_back(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.swipe(-700)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    assert button_labels(kiosk) == ENGLISH_BUTTONS
    assert kiosk.qml(kiosk.item("timeline"), "Accessible.name") == "Timeline"

    kiosk.tap("languageButton")

    kiosk.wait(lambda: button_labels(kiosk) == RUSSIAN_BUTTONS)
    assert kiosk.item("languageButton").property("text") == "English"
    assert kiosk.qml(kiosk.item("timeline"), "Accessible.name") == "Хронология"

    kiosk.tap("languageButton")

    kiosk.wait(lambda: button_labels(kiosk) == ENGLISH_BUTTONS)
    assert kiosk.item("languageButton").property("text") == "Русский"
    assert kiosk.qml(kiosk.item("timeline"), "Accessible.name") == "Timeline"


def test_the_viewer_and_the_closing_screen_speak_the_chosen_language(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.tap("chooseLanguage-ru")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    kiosk.nav.goToPage(2)  # panel two: two pictures
    kiosk.tap("panelImage")
    kiosk.wait(lambda: kiosk.is_shown("imageViewer"))
    assert kiosk.item("closeViewerButton").property("text") == "Закрыть"
    kiosk.tap("closeViewerButton")
    kiosk.wait(lambda: not kiosk.nav.viewerOpen)

    kiosk.nav.goToPage(kiosk.nav.pageCount - 1)
    kiosk.wait(lambda: kiosk.item("nextButton").property("text") == "Завершение")
    kiosk.tap("nextButton")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Closing)
    assert kiosk.item("thanksText").property("text") == "Спасибо, что посетили выставку"
    assert kiosk.item("startAgainButton").property("text") == "Начать сначала"


def test_a_language_without_translations_shows_the_kiosks_words_in_english(
        make_kiosk: Callable[..., Kiosk], sample_exhibit_file: Path) -> None:
    # The sample exhibit with German in place of English: the kiosk has no German words.
    text = sample_exhibit_file.read_text(encoding="utf-8")
    sample_exhibit_file.write_text(
        re.sub(r"\ben: ", "de: ", text).replace("languages: [en, ru]", "languages: [de, ru]"),
        encoding="utf-8")
    kiosk = make_kiosk(sample_exhibit_file)
    kiosk.enter()
    assert kiosk.nav.language == "de"
    assert button_labels(kiosk) == ENGLISH_BUTTONS

    kiosk.tap("languageButton")
    kiosk.wait(lambda: button_labels(kiosk) == RUSSIAN_BUTTONS)
    assert kiosk.item("languageButton").property("text") == "Deutsch"

    kiosk.tap("languageButton")
    kiosk.wait(lambda: button_labels(kiosk) == ENGLISH_BUTTONS)


def test_a_window_torn_down_in_russian_leaves_no_russian_behind(
        qapp: QCoreApplication, sample_exhibit_file: Path) -> None:
    # Qt's translators are the whole process's: the next window must not inherit them.
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    view = create_view(exhibit)
    view.nav.toggleLanguage()
    assert QCoreApplication.translate("ExhibitScreen", "Home") == "В начало"
    view.dispose()
    assert QCoreApplication.translate("ExhibitScreen", "Home") == "Home"
    assert QCoreApplication.translate("StaffAccess", "Wrong PIN") == "Wrong PIN"
