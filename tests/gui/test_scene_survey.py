"""The survey of a window finds what a visitor sees, and only that: visible, opaque
enough, on screen, not under a dialog's scrim; words on pictures set apart; controls by
their marker, with their corner radius and their own words."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from tests.helpers.scene import Scene, survey

SAMPLE = Path(__file__).with_name("qml") / "SceneSample.qml"


@pytest.fixture
def scene(qtbot: Any) -> Iterator[Scene]:
    engine = QQmlApplicationEngine()
    engine.load(QUrl.fromLocalFile(str(SAMPLE)))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    qtbot.waitExposed(window)
    yield survey(window, engine)
    window.close()
    engine.deleteLater()


def test_only_words_a_visitor_can_see_are_surveyed(scene: Scene) -> None:
    names = {text.name for text in scene.texts}
    assert {"plain", "onPicture", "buttonLabel", "clipped", "faded", "pointSized"} <= names
    assert not names & {"invisible", "transparent", "away", "empty", "covered"}


def test_words_on_a_picture_and_in_a_control_are_told_apart(scene: Scene) -> None:
    texts = {text.name: text for text in scene.texts}
    assert texts["onPicture"].over_picture
    assert not texts["plain"].over_picture
    assert texts["buttonLabel"].in_control
    assert not texts["plain"].in_control


def test_sizes_set_in_points_are_read_in_pixels(scene: Scene) -> None:
    texts = {text.name: text for text in scene.texts}
    assert texts["plain"].pixel_size == 20
    assert texts["pointSized"].pixel_size == 24  # 18 pt at 96 dpi


def test_clipped_words_are_measured_where_they_show(scene: Scene) -> None:
    clipped = next(text for text in scene.texts if text.name == "clipped")
    assert clipped.rect.height() == pytest.approx(30)
    assert len(clipped.lines()) == 2  # the third line lies wholly below the clip


def test_controls_are_found_by_their_marker(scene: Scene) -> None:
    controls = {control.name: control for control in scene.controls}
    assert set(controls) == {"button", "ghost"}
    button, ghost = controls["button"], controls["ghost"]
    assert button.radius == pytest.approx(20)
    assert button.label == "Go" and len(button.text_rects) == 1
    assert button.enabled
    assert ghost.radius == pytest.approx(8)  # its background's
    assert not ghost.enabled
