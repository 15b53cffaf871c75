"""A visitor opens a picture full screen, zooms into it, pans around and closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QPointF

from kiosk.ui.navigation import DOUBLE_TAP_ZOOM, MAX_ZOOM, Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

ONE_IMAGE_PAGE = 1  # "Panel One": a single picture
TWO_IMAGE_PAGE = 2  # "Panel Two": two pictures, the first with a credit


def viewing(kiosk: Kiosk, page: int = ONE_IMAGE_PAGE) -> Kiosk:
    kiosk.enter()
    kiosk.nav.goToPage(page)
    kiosk.tap("panelImage")
    kiosk.wait(lambda: kiosk.nav.viewerOpen and kiosk.is_shown("imageViewer"))
    picture = kiosk.item("viewerImage")
    kiosk.wait(lambda: kiosk.qml(picture, "status === Image.Ready"))
    kiosk.events.clear()
    return kiosk


def beside_centre(kiosk: Kiosk, dx: int) -> QPoint:
    """A point on the picture; double taps far apart are never taken as one triple tap."""
    return kiosk.centre("imageViewer") + QPoint(dx, 0)


def test_tapping_the_panel_picture_opens_it_full_screen(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(ONE_IMAGE_PAGE)
    kiosk.events.clear()

    kiosk.tap("panelImage")

    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    assert kiosk.is_shown("imageViewer")
    assert kiosk.nav.viewerIndex == 0 and kiosk.nav.zoom == 1.0
    assert kiosk.item("viewerImage").property("source") == \
        kiosk.item("panelImage").property("source")
    assert kiosk.events == [("image_opened", {"era": "first", "panel": "one",
                                              "image": "assets/img0.png", "index": 0})]


def test_the_caption_and_credit_are_shown_under_the_picture(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window, TWO_IMAGE_PAGE)
    assert kiosk.is_shown("viewerCaption")
    assert kiosk.item("viewerCaption").property("text") == "Blue caption."
    assert kiosk.qml(kiosk.item("imageViewer"), "Accessible.name") == "A blue field"
    lines = [child.property("text") for child in
             kiosk.item("viewerCaption").parentItem().childItems()]
    assert lines[1] == "Sample credit"
    # Which picture of how many: in the bar above the picture, between its arrows.
    counter = kiosk.item("viewerNext").parentItem().childItems()[1]
    assert counter.property("text") == "Image 1 of 2"


def test_tapping_a_thumbnail_opens_that_picture(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(TWO_IMAGE_PAGE)
    kiosk.tap("thumbnail-1")
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    assert kiosk.nav.viewerIndex == 1
    assert kiosk.item("viewerCaption").property("text") == "Green caption."


def test_the_close_button_closes_the_viewer(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.tap("closeViewerButton")
    kiosk.wait(lambda: not kiosk.nav.viewerOpen)
    assert not kiosk.item("imageViewer").isVisible()
    assert kiosk.nav.pageIndex == ONE_IMAGE_PAGE
    assert kiosk.nav.language == "en"  # the language button lies under Close
    assert kiosk.events == [("image_closed", {})]


# --- zoom ------------------------------------------------------------------------------------

def test_a_double_tap_zooms_in_and_another_zooms_back_out(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    picture = kiosk.item("viewerImage")

    kiosk.double_tap(beside_centre(kiosk, -200))
    kiosk.wait(lambda: kiosk.nav.zoom == DOUBLE_TAP_ZOOM)
    assert picture.scale() == DOUBLE_TAP_ZOOM

    kiosk.double_tap(beside_centre(kiosk, 200))
    kiosk.wait(lambda: kiosk.nav.zoom == 1.0)
    assert picture.scale() == 1.0
    assert kiosk.nav.viewerOpen
    # Zooming in is logged once for the picture; no re-opening by the page underneath.
    assert [name for name, _ in kiosk.events] == ["image_zoomed"]
    kiosk.double_tap(beside_centre(kiosk, -200))
    kiosk.wait(lambda: kiosk.nav.zoom == DOUBLE_TAP_ZOOM)
    assert [name for name, _ in kiosk.events] == ["image_zoomed"]


def test_a_mouse_double_click_zooms_too(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.double_click(beside_centre(kiosk, 0))
    kiosk.wait(lambda: kiosk.nav.zoom == DOUBLE_TAP_ZOOM)


def test_the_zoom_button_zooms_in_and_out(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.tap("zoomButton")
    kiosk.wait(lambda: kiosk.nav.zoom > 1)
    kiosk.tap("zoomButton")
    kiosk.wait(lambda: kiosk.nav.zoom == 1.0)
    assert kiosk.nav.screen == Screen.Exhibit  # the home button lies under the zoom button


def test_pinching_outwards_zooms_in(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.pinch(200, 500)
    kiosk.wait(lambda: kiosk.nav.zoom > 2)
    assert kiosk.nav.zoom == pytest.approx(2.5, rel=0.15)
    assert kiosk.item("viewerImage").scale() == pytest.approx(kiosk.nav.zoom)


def test_pinching_stops_at_the_maximum_zoom(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.pinch(100, 1400)  # 14 times as far apart
    kiosk.wait(lambda: kiosk.nav.zoom == MAX_ZOOM)
    kiosk.pinch(300, 1200)
    assert kiosk.nav.zoom == MAX_ZOOM


def test_pinching_inwards_never_shrinks_below_the_whole_picture(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.pinch(200, 600)
    kiosk.wait(lambda: kiosk.nav.zoom > 2)
    kiosk.pinch(900, 100)
    kiosk.wait(lambda: kiosk.nav.zoom == 1.0)


# --- panning ---------------------------------------------------------------------------------

def painted_edges(kiosk: Kiosk) -> tuple[float, float]:
    """Left and right edges of the zoomed picture as drawn, in window coordinates."""
    picture = kiosk.item("viewerImage")
    inset = (picture.width() - picture.property("paintedWidth")) / 2
    middle = picture.height() / 2
    left = picture.mapToScene(QPointF(inset, middle)).x()
    right = picture.mapToScene(QPointF(picture.width() - inset, middle)).x()
    return left, right


def test_dragging_a_zoomed_picture_pans_it_but_never_off_screen(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    viewer, picture = kiosk.item("imageViewer"), kiosk.item("viewerImage")
    kiosk.tap("zoomButton")
    kiosk.wait(lambda: kiosk.nav.zoom > 1 and viewer.property("maxPanX") > 100)
    kiosk.wait(lambda: kiosk.qml(picture, "status === Image.Ready"))
    limit = viewer.property("maxPanX")

    kiosk.swipe(150, 0, start="imageViewer")
    kiosk.wait(lambda: picture.x() == pytest.approx(150, abs=2))

    kiosk.swipe(3000, 2000, start="imageViewer")  # far beyond the picture's edge
    assert picture.x() == pytest.approx(limit)
    assert picture.y() <= viewer.property("maxPanY") + 0.5
    left, right = painted_edges(kiosk)
    assert left == pytest.approx(0, abs=1) and right >= kiosk.window.width() - 1

    kiosk.swipe(-6000, 0, start="imageViewer")
    assert picture.x() == pytest.approx(-limit)
    left, right = painted_edges(kiosk)
    assert left <= 1 and right == pytest.approx(kiosk.window.width(), abs=1)

    assert kiosk.nav.pageIndex == ONE_IMAGE_PAGE and kiosk.nav.viewerOpen


def test_a_picture_at_full_view_cannot_be_panned(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.swipe(400, 300, start="imageViewer")
    assert kiosk.item("viewerImage").x() == 0
    assert kiosk.item("viewerImage").y() == 0


# --- moving between a panel's pictures -----------------------------------------------------

def test_swiping_moves_between_the_panels_pictures(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window, TWO_IMAGE_PAGE)

    kiosk.swipe(-700, start="imageViewer")
    kiosk.wait(lambda: kiosk.nav.viewerIndex == 1)
    assert kiosk.item("viewerCaption").property("text") == "Green caption."
    kiosk.swipe(-700, start="imageViewer")  # no third picture: stays
    kiosk.swipe(700, start="imageViewer")
    kiosk.wait(lambda: kiosk.nav.viewerIndex == 0)
    assert kiosk.nav.pageIndex == TWO_IMAGE_PAGE  # the page beneath never turned


def test_swiping_a_zoomed_picture_pans_instead_of_moving_on(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window, TWO_IMAGE_PAGE)
    kiosk.tap("zoomButton")
    kiosk.wait(lambda: kiosk.nav.zoom > 1)
    kiosk.swipe(-700, start="imageViewer")
    assert kiosk.nav.viewerIndex == 0
    assert kiosk.item("viewerImage").x() < 0


def test_the_arrow_buttons_move_between_pictures(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window, TWO_IMAGE_PAGE)
    assert not kiosk.item("viewerPrevious").isEnabled()
    kiosk.tap("viewerNext")
    kiosk.wait(lambda: kiosk.nav.viewerIndex == 1)
    assert not kiosk.item("viewerNext").isEnabled()
    kiosk.click("viewerPrevious")
    kiosk.wait(lambda: kiosk.nav.viewerIndex == 0)
    assert [fields["index"] for fields in kiosk.events_named("image_opened")] == [1, 0]


def test_a_one_picture_panel_has_no_arrows(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    assert not kiosk.item("viewerNext").isVisible()
    assert not kiosk.item("viewerPrevious").isVisible()


def test_the_page_beneath_the_viewer_ignores_its_touches(kiosk_window: Kiosk) -> None:
    kiosk = viewing(kiosk_window)
    kiosk.swipe(-700, start="imageViewer")
    kiosk.swipe(700, start="imageViewer")
    kiosk.tap(beside_centre(kiosk, -300))
    assert kiosk.nav.pageIndex == ONE_IMAGE_PAGE
    assert kiosk.nav.viewerOpen
    assert kiosk.events == []
