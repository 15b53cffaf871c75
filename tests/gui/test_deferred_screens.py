"""At the kiosk's start-up only the welcome screen is built before the first frame; the
screens behind it follow in the background, or at once when a visitor enters sooner."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.pictures import decoder
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView, create_view


@pytest.fixture
def deferred_view(qtbot: QtBot, sample_exhibit_file: Path) -> Iterator[KioskView]:
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800), defer_screens=True)
    view.nav.animate = False
    view.window.show()
    qtbot.waitExposed(view.window)
    yield view
    view.dispose()


def test_only_the_welcome_screen_is_built_before_the_screens_are_wanted(
        qtbot: QtBot, deferred_view: KioskView) -> None:
    assert deferred_view.find("welcomeScreen") is not None
    assert deferred_view.window.findChild(QObject, "pager") is None
    deferred_view.window.setProperty("screensWanted", True)  # what start-up does next
    qtbot.waitUntil(lambda: deferred_view.window.findChild(QObject, "pager") is not None,
                    timeout=5000)
    assert deferred_view.nav.screen == Screen.Welcome


def test_a_visitor_who_enters_before_then_gets_the_exhibit_at_once(
        deferred_view: KioskView) -> None:
    deferred_view.nav.enter()
    assert deferred_view.window.findChild(QObject, "pager") is not None
    assert deferred_view.find("nextButton") is not None


def test_pictures_are_decoded_after_the_first_frame_once_at_the_size_shown(
        qtbot: QtBot, sample_exhibit_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    frames_rendered = [0]
    started: list[tuple[int, tuple[int, int]]] = []  # (frames rendered by then, size)
    submit = decoder._submit
    monkeypatch.setattr(decoder, "_submit", lambda job, bridge: (
        started.append((frames_rendered[0], job.box)), submit(job, bridge)))
    view = create_view(exhibit, size=(1280, 800), defer_screens=True)
    try:
        view.window.afterRendering.connect(
            lambda: frames_rendered.__setitem__(0, frames_rendered[0] + 1))
        with qtbot.waitSignal(view.window.frameSwapped, timeout=5000):
            view.window.show()
        qtbot.waitUntil(lambda: started != [] and view.decoder.pending == 0, timeout=5000)
        assert not view.decoder.deferring
        # Nothing started while the first frame was being made...
        assert all(frames >= 1 for frames, _ in started), started
        # ...and the welcome picture is asked for at the size it is shown only, not at
        # sizes the window passed through.
        shown = view.find_on_screen("attractImage")
        assert shown is not None
        assert {box for _, box in started} == {(math.ceil(shown.width()),
                                                math.ceil(shown.height()))}
    finally:
        view.dispose()


def test_input_is_watched_from_the_first_frame_on(
        qtbot: QtBot, sample_exhibit_file: Path) -> None:
    """The idle monitor and the staff chord start with the first frame (their event
    filters would build PySide's event types before it), and then both work."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from kiosk.staff.pin import PinStore

    PinStore().set_pin("1357")  # without one, the chord opens nothing (fail closed)
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800), defer_screens=True)
    try:
        with qtbot.waitSignal(view.window.frameSwapped, timeout=5000):
            view.window.show()
        with qtbot.waitSignal(view.idle.activity, timeout=2000):
            QTest.mouseClick(view.window, Qt.MouseButton.LeftButton, pos=QPoint(640, 400))
        assert view.nav.screen == Screen.Exhibit  # the tap entered, and was seen as presence
        QTest.keyClick(view.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                       | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
        assert view.staff.property("padOpen")
    finally:
        view.dispose()
