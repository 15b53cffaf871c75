"""At the kiosk's start-up only the welcome screen is built before the first frame; the
screens behind it follow in the background, or at once when a visitor enters sooner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskView, create_view
from kiosk.exhibit.load import load_exhibit


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
    assert deferred_view.nav.screen == "welcome"


def test_a_visitor_who_enters_before_then_gets_the_exhibit_at_once(
        deferred_view: KioskView) -> None:
    deferred_view.nav.enter()
    assert deferred_view.window.findChild(QObject, "pager") is not None
    assert deferred_view.find("nextButton") is not None
