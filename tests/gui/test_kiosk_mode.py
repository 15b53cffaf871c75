"""Kiosk mode: a frameless window that nothing closes, with no cursor over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.run import hide_cursor
from kiosk.ui.window import KioskView, create_view


def view_of(sample_exhibit_file: Path, *, locked: bool) -> KioskView:
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    return create_view(exhibit, size=(1280, 800), locked=locked)


@pytest.fixture
def locked_view(qtbot: QtBot, sample_exhibit_file: Path) -> Iterator[KioskView]:
    view = view_of(sample_exhibit_file, locked=True)
    hide_cursor()
    view.window.show()
    qtbot.waitExposed(view.window)
    yield view
    while QGuiApplication.overrideCursor() is not None:
        QGuiApplication.restoreOverrideCursor()
    view.dispose()


def test_a_locked_window_has_no_frame_from_the_start(
        qtbot: QtBot, sample_exhibit_file: Path) -> None:
    locked, preview = (view_of(sample_exhibit_file, locked=flag) for flag in (True, False))
    try:
        assert locked.window.flags() & Qt.WindowType.FramelessWindowHint
        assert not preview.window.flags() & Qt.WindowType.FramelessWindowHint
    finally:
        locked.dispose()
        preview.dispose()


def test_nothing_closes_it(locked_view: KioskView) -> None:
    assert locked_view.window.close() is False
    assert locked_view.window.isVisible()


def test_the_cursor_is_invisible(locked_view: KioskView) -> None:
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
