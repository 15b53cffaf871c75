"""A text a curator made too long for the screen is still all there: a "More" button
says so and scrolls it, a touch at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tests.gui.conftest import Kiosk

LONG_TEXT = " ".join(["A sentence that goes on about the panel's subject."] * 60)


def test_a_text_too_long_for_the_screen_gets_a_more_button_that_scrolls_it(
        make_kiosk, sample_exhibit_file: Path) -> None:
    text = sample_exhibit_file.read_text()
    sample_exhibit_file.write_text(text.replace("{en: Some words., ru: Несколько слов.}",
                                                f"{{en: {LONG_TEXT}, ru: Несколько слов.}}", 1))
    kiosk: Kiosk = make_kiosk(sample_exhibit_file)
    kiosk.enter()
    kiosk.nav.goToPage(1)
    kiosk.wait(lambda: kiosk.is_shown("moreTextButton"))
    words = kiosk.item("panelText")
    assert words.property("overflowing") is True
    assert words.property("contentY") == 0

    kiosk.tap("moreTextButton")

    kiosk.wait(lambda: words.property("contentY") > 0)
    while kiosk.is_shown("moreTextButton"):  # on to the end, where it goes away
        before = words.property("contentY")
        kiosk.tap("moreTextButton")
        kiosk.wait(lambda before=before: words.property("contentY") > before)
    assert words.property("atYEnd") is True


def test_a_text_that_fits_has_no_more_button(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(1)
    kiosk.wait(lambda: kiosk.is_shown("panelTitle"))
    assert not kiosk.is_shown("moreTextButton")
    assert kiosk.item("panelText").property("overflowing") is False
