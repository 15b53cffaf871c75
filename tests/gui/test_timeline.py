"""The era timeline along the bottom: always in reach, showing where the visitor is."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from kiosk.ui.theme import PALETTE

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

ACCENT = QColor(PALETTE["accent"])
RAISED = QColor(PALETTE["background"])  # an era not shown: an outlined tile
ERA_STARTS = {0: 0, 1: 3, 2: 6}


def chip_fill(kiosk: Kiosk, index: int) -> QColor:
    """The colour a visitor sees inside the chip, beside its centred text."""
    chip = kiosk.item(f"era-{index}")
    point = chip.mapToScene(QPointF(8, chip.height() / 2)).toPoint()
    return kiosk.grab().pixelColor(point)


def same_colour(a: QColor, b: QColor, tolerance: int = 2) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a.getRgb()[:3], b.getRgb()[:3],
                                                       strict=True))


@pytest.mark.parametrize("era", [2, 1, 0])
def test_tapping_an_era_opens_it(kiosk_window: Kiosk, era: int) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(7)
    kiosk.events.clear()

    kiosk.tap(f"era-{era}")

    kiosk.wait(lambda: kiosk.nav.eraIndex == era)
    assert kiosk.nav.pageIndex == ERA_STARTS[era]
    assert kiosk.item("eraTitle").property("text") == ["First Era", "Second Era",
                                                       "Third Era"][era]
    assert kiosk.events == [("era_opened", {"era": ["first", "second", "third"][era]})]


def test_clicking_an_era_opens_it(kiosk_window: Kiosk) -> None:
    kiosk_window.enter()
    kiosk_window.click("era-1")
    kiosk_window.wait(lambda: kiosk_window.nav.pageIndex == 3)


def test_the_current_era_is_marked_in_the_accent_colour(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(4)  # a panel of the second era

    colours = [kiosk.item(f"era-{i}").property("color") for i in range(3)]
    assert colours == [RAISED, ACCENT, RAISED]
    assert same_colour(chip_fill(kiosk, 1), ACCENT)
    assert same_colour(chip_fill(kiosk, 0), RAISED)
    assert same_colour(chip_fill(kiosk, 2), RAISED)
    assert kiosk.qml(kiosk.item("era-1"), "Accessible.selected") is True
    assert kiosk.qml(kiosk.item("era-0"), "Accessible.selected") is False


def test_the_mark_follows_a_swipe_into_the_next_era(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(5)
    assert same_colour(chip_fill(kiosk, 1), ACCENT)

    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.eraIndex == 2)
    assert same_colour(chip_fill(kiosk, 2), ACCENT)
    assert same_colour(chip_fill(kiosk, 1), RAISED)


def test_each_chip_shows_the_years_and_title_of_its_era(kiosk_window: Kiosk) -> None:
    kiosk_window.enter()
    chip = kiosk_window.item("era-1")
    texts = [child.property("text") for column in chip.childItems()
             for child in column.childItems()]
    assert texts == ["1920", "Second Era"]
