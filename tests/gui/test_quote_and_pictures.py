"""A panel's quotation and a picture drawn per language, as a visitor meets them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from helpers.sample_exhibit import COLOURS, RUSSIAN_OCHRE
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from gui.conftest import Kiosk

PANEL_THREE, PANEL_FOUR = 4, 5  # page numbers: each era's opening comes first


def picture_colour(kiosk: Kiosk) -> str:
    image = kiosk.grab()
    return kiosk.pixel(image, kiosk.centre("panelImage")).name()


def close_to(shown: str, wanted: str) -> bool:
    a, b = QColor(shown), QColor(wanted)
    return max(abs(a.red() - b.red()), abs(a.green() - b.green()),
               abs(a.blue() - b.blue())) <= 3


def test_a_picture_with_words_follows_the_visitors_language(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(PANEL_THREE)
    kiosk.wait(lambda: close_to(picture_colour(kiosk), COLOURS[3]))

    kiosk.tap("languageButton")

    kiosk.wait(lambda: kiosk.nav.language == "ru")
    kiosk.wait(lambda: close_to(picture_colour(kiosk), RUSSIAN_OCHRE))
    kiosk.tap("panelImage")
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    assert kiosk.events_named("image_opened")[-1]["image"] == "assets/img3.ru.png"


def test_a_quotation_shows_apart_from_the_text_with_who_when_and_source(
        kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(PANEL_FOUR)
    kiosk.wait(lambda: kiosk.is_shown("panelQuote"))
    assert kiosk.item("quoteText").property("text") == "\u201cWe shall meet again.\u201d"
    assert kiosk.item("quoteWho").property("text") == "\u2014 A traveller, 1 May 1920"
    assert kiosk.item("quoteSource").property("text") == "A letter home"
    # It reads as a voice: a serif in italics, unlike the panel's own words.
    quote, body = kiosk.item("quoteText"), kiosk.item("panelTitle")
    assert quote.property("font").italic() and not body.property("font").italic()

    kiosk.tap("languageButton")

    kiosk.wait(lambda: kiosk.item("quoteText").property("text")
               == "\u00abМы ещё встретимся.\u00bb")
    assert kiosk.item("quoteWho").property("text") == "\u2014 Путешественник, 1 мая 1920 года"


def test_a_panel_without_a_quotation_shows_none(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(PANEL_THREE)
    kiosk.wait(lambda: kiosk.is_shown("panelTitle"))
    assert not kiosk.is_shown("panelQuote")


def test_welcome_pictures_carry_their_alt_text(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    assert kiosk.nav.attractImages[0]["alt"] == "A red field"
    shown = kiosk.item("attractImage")
    assert shown.property("alt") == "A red field"
