"""A panel's quotation and a picture drawn per language, as a visitor meets them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from helpers.sample_exhibit import COLOURS, RUSSIAN_OCHRE, write_sample_exhibit
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

PANEL_THREE, PANEL_FOUR, FOUR_QUOTE = 4, 5, 6  # pages: each era's opening comes first


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


def test_a_quotation_has_its_own_page_after_its_panel(
        make_kiosk: Callable[..., Kiosk], tmp_path: Path) -> None:
    kiosk = make_kiosk(write_sample_exhibit(tmp_path / "quoted", quote=True))
    kiosk.enter()
    kiosk.nav.goToPage(PANEL_FOUR)
    kiosk.wait(lambda: kiosk.is_shown("panelTitle"))
    assert not kiosk.is_shown("quotePage")

    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == FOUR_QUOTE and kiosk.is_shown("quotePage"))
    assert kiosk.item("quoteText").property("text") == "We shall meet again."
    assert kiosk.item("quoteWho").property("text") == "A traveller, 1 May 1920"
    assert kiosk.item("quoteSource").property("text") == "A letter home"
    assert kiosk.item("quotePlace").property("text").endswith("Panel Four  \u00b7  4 of 4")
    # Set apart from the panel's own words: larger, and in the heading serif.
    quote_font = kiosk.item("quoteText").property("font")
    assert quote_font.family() == kiosk.qml(kiosk.item("quoteText"), "Backend.headingFamily")
    assert quote_font.pixelSize() > kiosk.item("quoteWho").property("font").pixelSize()
    assert kiosk.events_named("quote_shown") == [{"era": "second", "panel": "four",
                                                  "lang": "en"}]
    kiosk.nav.openImage(0)  # nothing to open: the quotation page shows no picture
    assert not kiosk.nav.viewerOpen

    kiosk.tap("languageButton")

    kiosk.wait(lambda: kiosk.item("quoteText").property("text") == "Мы ещё встретимся.")
    assert kiosk.item("quoteWho").property("text") == "Путешественник, 1 мая 1920 года"


def test_welcome_pictures_carry_their_alt_text(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    assert kiosk.nav.attractImages[0]["alt"] == "A red field"
    assert kiosk.item("attractImage").property("alt") == "A red field"
