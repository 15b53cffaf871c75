"""Everyone can use it: named controls, finger-sized targets on every screen size."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem

from kiosk.ui.metrics import TOUCH_TARGET_MM

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (3840, 2160)]


def all_items(kiosk: Kiosk) -> list[QQuickItem]:
    found, pending = [], [kiosk.window.contentItem()]
    while pending:
        node = pending.pop()
        found.append(node)
        pending.extend(node.childItems())
    return found


def buttons(kiosk: Kiosk) -> list[QQuickItem]:
    return [item for item in all_items(kiosk)
            if item.metaObject().className().startswith("KioskButton")]


def chips(kiosk: Kiosk) -> list[QQuickItem]:
    return [kiosk.item(f"era-{index}") for index in range(3)]


def test_every_button_has_a_name_for_screen_readers(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)
    kiosk.nav.openImage(0)  # the viewer's buttons too
    found = buttons(kiosk)
    names = {item.objectName(): kiosk.qml(item, "Accessible.name") for item in found}
    assert {"homeButton", "languageButton", "previousButton", "nextButton",
            "closeViewerButton", "zoomButton", "viewerNext", "viewerPrevious",
            "keepExploringButton"} <= set(names)
    assert all(isinstance(name, str) and name.strip() for name in names.values()), names
    assert all(item.property("accessibleName") for item in found)
    assert all(kiosk.qml(item, "Accessible.role === Accessible.Button") for item in found)


def test_icon_only_buttons_still_have_spoken_names(make_kiosk) -> None:
    kiosk = make_kiosk(size=(1280, 800))  # a short screen: previous/next show only arrows
    kiosk.view.metrics.update_for(1280, 800, (217.0, 136.0))  # a 10.1-inch tablet
    kiosk.enter()
    kiosk.nav.goToPage(1)
    kiosk.wait(lambda: kiosk.item("nextButton").property("text") == "")
    assert kiosk.qml(kiosk.item("nextButton"), "Accessible.name") == "Next"
    assert kiosk.qml(kiosk.item("previousButton"), "Accessible.name") == "Previous"


def test_era_chips_and_pictures_are_named(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    assert [kiosk.qml(chip, "Accessible.name") for chip in chips(kiosk)] == [
        "1900–1910 First Era", "1920 Second Era", "1930–1940 Third Era"]
    kiosk.nav.goToPage(1)
    assert kiosk.qml(kiosk.item("panelImage"), "Accessible.name") == "Open image: A red field"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_touch_targets_are_at_least_20_mm_at_every_size(kiosk_window: Kiosk,
                                                       size: tuple[int, int]) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)
    kiosk.resize(*size)
    metrics = kiosk.view.metrics
    kiosk.wait(lambda: kiosk.item("pager").width() == size[0])
    assert metrics.touch == math.ceil(TOUCH_TARGET_MM * metrics.mm)

    for button in buttons(kiosk):
        assert button.height() >= metrics.touch, button.objectName()
        assert button.width() >= metrics.touch, button.objectName()
    for chip in chips(kiosk):
        assert chip.height() >= metrics.touch and chip.width() >= metrics.touch

    # And the controls a visitor needs are on screen, not pushed off it.
    window = kiosk.window
    for name in ("homeButton", "languageButton", "previousButton", "nextButton", "era-0"):
        item = kiosk.item(name)
        top_left = item.mapToScene(QPointF(0, 0))
        bottom_right = item.mapToScene(QPointF(item.width(), item.height()))
        assert top_left.x() >= 0 and top_left.y() >= 0, name
        assert bottom_right.x() <= window.width() and bottom_right.y() <= window.height(), name


def test_targets_grow_with_the_screen(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    small = kiosk.item("homeButton").height()
    kiosk.resize(3840, 2160)
    kiosk.wait(lambda: kiosk.item("homeButton").height() > small)
    assert kiosk.item("homeButton").height() == pytest.approx(2 * small, abs=2)
