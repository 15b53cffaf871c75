"""A visitor turns pages by swiping and with the previous/next buttons.

Pages of the sample exhibit: 0 first era's opening, 1-2 its panels, 3 second era's
opening, 4-5 its panels, 6 third era's opening, 7-8 its panels.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.pages import SWIPE_DISTANCE
from kiosk.ui.navigation import Screen
from kiosk.ui.theme import PALETTE
from kiosk.ui.window import create_view

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

LAST_PAGE = 8


def visiting(kiosk: Kiosk, page: int) -> Kiosk:
    kiosk.enter()
    kiosk.nav.goToPage(page)
    assert kiosk.nav.pageIndex == page
    kiosk.events.clear()
    return kiosk


def shown_title(kiosk: Kiosk) -> str:
    return kiosk.item("panelTitle").property("text")


# --- swiping -------------------------------------------------------------------------------

def test_swiping_left_turns_to_the_next_page(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    assert shown_title(kiosk) == "Panel One"

    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    assert shown_title(kiosk) == "Panel Two"
    assert kiosk.events == [("panel_shown", {"era": "first", "panel": "two", "lang": "en"})]


def test_swiping_right_turns_to_the_previous_page(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 2)

    kiosk.swipe(700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    assert shown_title(kiosk) == "Panel One"


def test_swiping_left_on_the_last_panel_of_an_era_opens_the_next_era(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 2)

    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 3)
    assert kiosk.nav.eraIndex == 1
    assert kiosk.item("eraTitle").property("text") == "Second Era"
    assert kiosk.events == [("era_opened", {"era": "second"})]


def test_swiping_back_on_the_first_page_stays_put(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 0)
    kiosk.swipe(700)
    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    assert [fields["panel"] for fields in kiosk.events_named("panel_shown")] == ["one"]


def test_swiping_on_from_the_last_panel_reaches_the_end_of_the_exhibit(
        kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, LAST_PAGE)
    kiosk.swipe(-700)

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Closing)
    assert kiosk.nav.pageIndex == LAST_PAGE
    assert kiosk.events == [("exhibit_finished", {"panels_seen": 1})]


def just_enough(kiosk: Kiosk) -> int:
    return int(kiosk.item("pager").width() * SWIPE_DISTANCE) + 12


def test_a_deliberate_drag_just_past_the_threshold_turns(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    kiosk.swipe(-just_enough(kiosk))
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)


# The gestures below must not turn the page. Each is followed by one real swipe: if the
# gesture had turned the page too, the swipe would land a page further on.

def then_one_swipe_lands_on(kiosk: Kiosk, page: int) -> None:
    kiosk.swipe(-700)
    kiosk.wait(lambda: kiosk.nav.pageIndex == page)
    assert len(kiosk.events_named("panel_shown")) == 1


def test_a_tap_is_not_a_swipe(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    kiosk.tap("panelTitle")
    kiosk.tap("pager")  # on the picture: opens it, but turns nothing
    assert kiosk.nav.pageIndex == 1
    kiosk.nav.closeImage()
    then_one_swipe_lands_on(kiosk, 2)


@pytest.mark.parametrize("dx, dy", [(-60, 0), (-90, 140), (-50, -200)],
                         ids=["short", "mostly-down", "mostly-up"])
def test_a_short_sloppy_drag_does_not_turn(kiosk_window: Kiosk, dx: int, dy: int) -> None:
    kiosk = visiting(kiosk_window, 1)
    kiosk.swipe(dx, dy, start="panelTitle")
    assert kiosk.nav.pageIndex == 1
    then_one_swipe_lands_on(kiosk, 2)


def test_a_drag_that_comes_back_does_not_turn(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    origin = kiosk.centre("pager")
    far = just_enough(kiosk) + 100
    # Out past the threshold and nearly back before lifting: the visitor changed their mind.
    out = [origin - QPoint(far * step // 8, 0) for step in range(9)]
    back = [origin - QPoint(far * step // 8 + 10, 0) for step in range(8, -1, -1)]

    kiosk.drag_path(out + back)

    assert kiosk.nav.pageIndex == 1
    then_one_swipe_lands_on(kiosk, 2)


def test_a_two_finger_drag_does_not_turn(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    kiosk.two_finger_drag(-800)
    kiosk.two_finger_drag(800)
    assert kiosk.nav.pageIndex == 1
    then_one_swipe_lands_on(kiosk, 2)


def test_one_long_swipe_never_skips_more_than_one_page(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 1)
    window = kiosk.window
    start = QPoint(window.width() - 30, kiosk.centre("pager").y())

    kiosk.swipe(-(window.width() - 60), start=start, steps=30)

    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    assert kiosk.event_names() == ["panel_shown"]


def test_with_animations_on_the_page_slides_into_place(make_kiosk) -> None:
    kiosk = visiting(make_kiosk(animate=True), 1)
    pager = kiosk.item("pager")
    kiosk.wait(lambda: pager.property("contentX") == pager.width())

    kiosk.swipe(-700)

    assert kiosk.nav.pageIndex == 2
    kiosk.wait(lambda: abs(pager.property("contentX") - 2 * pager.width()) < 0.5)
    assert shown_title(kiosk) == "Panel Two"


# --- buttons -------------------------------------------------------------------------------

@pytest.mark.parametrize("hand", ["tap", "click"])
def test_the_next_and_previous_buttons_turn_pages(kiosk_window: Kiosk, hand: str) -> None:
    kiosk = visiting(kiosk_window, 1)
    press = getattr(kiosk, hand)

    press("nextButton")
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    press("nextButton")
    kiosk.wait(lambda: kiosk.nav.pageIndex == 3)
    press("previousButton")
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    assert shown_title(kiosk) == "Panel Two"


def test_previous_is_off_on_the_first_page_and_next_leads_on_to_the_end(
        kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, 0)
    previous, following = kiosk.item("previousButton"), kiosk.item("nextButton")
    assert not previous.isEnabled() and following.isEnabled()
    kiosk.tap(previous)
    assert kiosk.nav.pageIndex == 0
    # Switched off, yet its words stay legible: no fill, a dim outline.
    assert previous.property("color").alpha() == 0
    assert kiosk.qml(previous, "border.color") == QColor(PALETTE["disabledEdge"])

    kiosk.nav.goToPage(LAST_PAGE)
    kiosk.wait(lambda: kiosk.nav.atLastPage)
    assert previous.isEnabled() and following.isEnabled()
    assert following.property("text") == "The end"
    kiosk.tap(following)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Closing)


@pytest.mark.parametrize("page, position", [(1, 2), (2, 3), (4, 2), (5, 3)])
def test_a_panel_says_its_place_in_the_era_in_words(kiosk_window: Kiosk, page: int,
                                                    position: int) -> None:
    kiosk = visiting(kiosk_window, page)
    assert kiosk.nav.eraPosition == position
    place = kiosk.item("panelPlace").property("text")
    assert place.endswith(f"{position} of 3"), place


def test_pages_turned_before_the_screen_was_first_laid_out_land_on_the_right_page(
        qtbot: QtBot, sample_exhibit_file: Path) -> None:
    """The pager gets its pages only once it has a width; pages turned before that (a
    window shown and paged through at once) still end on the page asked for."""
    from kiosk.exhibit.load import load_exhibit
    from kiosk.ui.window import create_view

    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800))
    view.nav.animate = False
    view.window.show()
    view.nav.enter()
    for _ in range(5):
        view.nav.next()
    view.nav.previous()
    assert view.nav.pageIndex == 4
    qtbot.waitUntil(lambda: view.find_on_screen("panelTitle") is not None, timeout=5000)
    title = view.find_on_screen("panelTitle")
    assert title is not None and title.property("text") == "Panel Three"
    view.dispose()


def test_a_page_chosen_before_the_window_has_its_size_is_the_one_shown(
        qtbot: QtBot, sample_exhibit_file: Path) -> None:
    # A key press or a staff command can come between the window's first showing and its
    # first resize: the page then chosen is where the pager must be once it has a width.
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800))
    try:
        view.nav.animate = False
        view.window.show()
        pager = view.window.findChild(QObject, "pager")
        assert pager.property("width") == 0
        view.nav.enter()
        view.nav.goToPage(1)
        qtbot.waitUntil(lambda: pager.property("width") == 1280, timeout=5000)
        qtbot.waitUntil(lambda: view.find_on_screen("panelImage") is not None, timeout=5000)
        assert pager.property("contentX") == pager.property("originX") + 1280
    finally:
        view.dispose()
