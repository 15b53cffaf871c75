"""A visitor with an accessible keypad (arrows, Enter, Escape, Home) instead of touch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

Key = Qt.Key


def focused_name(kiosk: Kiosk) -> str:
    return kiosk.window.activeFocusItem().objectName()


def focus_on(kiosk: Kiosk, name: str, key: Qt.Key = Key.Key_Down, limit: int = 20) -> None:
    """Press Down (or Up) until `name` has the keyboard focus."""
    for _ in range(limit):
        kiosk.key(key)
        if focused_name(kiosk) == name:
            return
    raise AssertionError(f"{name!r} never took the focus")


def test_enter_on_the_welcome_screen_starts_the_visit(kiosk_window: Kiosk) -> None:
    kiosk_window.key(Key.Key_Return)
    kiosk_window.wait(lambda: kiosk_window.nav.screen == Screen.Exhibit)
    assert kiosk_window.is_shown("exhibitScreen")


def test_the_arrows_turn_pages(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.key(Key.Key_Enter)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)

    kiosk.key(Key.Key_Right)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    kiosk.key(Key.Key_Right)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    kiosk.key(Key.Key_Left)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    assert kiosk.item("panelTitle").property("text") == "Panel One"


def test_escape_closes_the_viewer_and_arrows_inside_it_change_picture(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)
    kiosk.nav.openImage(0)

    kiosk.key(Key.Key_Right)
    kiosk.wait(lambda: kiosk.nav.viewerIndex == 1)
    assert kiosk.nav.pageIndex == 2
    kiosk.key(Key.Key_Escape)
    kiosk.wait(lambda: not kiosk.nav.viewerOpen)
    assert kiosk.nav.pageIndex == 2


def test_home_goes_home(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(4)
    kiosk.key(Key.Key_Home)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert kiosk.events_named("session_end")[0]["reason"] == "home"


def test_down_and_up_move_a_visible_focus_between_controls(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(1)
    home, language = kiosk.item("homeButton"), kiosk.item("languageButton")
    resting_border = kiosk.qml(home, "border.width")

    focus_on(kiosk, "homeButton")
    assert home.hasActiveFocus()
    focused_border = kiosk.qml(home, "border.width")
    assert focused_border >= 3 and focused_border > resting_border
    assert kiosk.qml(home, "border.color") == kiosk.qml(home, "theme.text")  # the focus ring

    kiosk.key(Key.Key_Down)
    assert language.hasActiveFocus() and not home.hasActiveFocus()
    assert kiosk.qml(language, "border.width") == focused_border
    assert kiosk.qml(home, "border.width") == resting_border

    kiosk.key(Key.Key_Up)
    assert home.hasActiveFocus()


def test_the_focus_reaches_every_control_on_the_page(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)  # a panel with two thumbnails
    seen = []
    for _ in range(12):
        kiosk.key(Key.Key_Down)
        seen.append(focused_name(kiosk))
    for name in ("homeButton", "languageButton", "thumbnail-0", "thumbnail-1",
                 "previousButton", "nextButton", "era-0", "era-1", "era-2"):
        assert name in seen
    # Nothing hidden (the closed viewer, the idle prompt) takes the focus.
    assert not {"closeViewerButton", "zoomButton", "keepExploringButton"} & set(seen)


def test_enter_on_a_focused_era_chip_opens_that_era(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    focus_on(kiosk, "era-2")
    chip = kiosk.item("era-2")
    assert kiosk.qml(chip, "border.width") >= 3

    kiosk.key(Key.Key_Return)

    kiosk.wait(lambda: kiosk.nav.eraIndex == 2)
    assert kiosk.nav.pageIndex == 6


def test_enter_on_a_focused_button_presses_it(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    focus_on(kiosk, "nextButton")
    kiosk.key(Key.Key_Space)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    kiosk.key(Key.Key_Enter)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)


def test_enter_on_a_focused_thumbnail_opens_its_picture(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)
    focus_on(kiosk, "thumbnail-1")
    kiosk.key(Key.Key_Return)
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    assert kiosk.nav.viewerIndex == 1
