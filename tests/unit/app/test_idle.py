"""The idle monitor: a visitor walks away, the kiosk asks, then resets.

Input is real Qt input sent to a real (offscreen) Qt Quick window, so the monitor sees
exactly what it would see on the gallery floor.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QPointF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QNativeGestureEvent, QPointingDevice
from PySide6.QtQml import QQmlError
from PySide6.QtQuick import QQuickView
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app.idle import IdleMonitor

# A stage with something to tap and something that never stops moving: the animated
# square passes under a resting cursor, which makes Qt Quick send hover events.
STAGE_QML = """
import QtQuick

Rectangle {
    id: root
    width: 320; height: 240
    property int taps: 0
    TapHandler { onTapped: root.taps++ }
    Rectangle {
        width: 120; height: 120; y: 60; color: "tomato"
        HoverHandler {}
        NumberAnimation on x {
            from: 0; to: 200; duration: 250; loops: Animation.Infinite
        }
    }
}
"""

WAIT_MS = 5_000  # upper bound for anything that should happen; the machine is shared
LONG_COUNTDOWN_MS = 20_000  # keeps the kiosk from resetting while a test acts on the prompt



@pytest.fixture(scope="module")
def touch_device(qapp: QGuiApplication) -> QPointingDevice:
    return QTest.createTouchDevice()


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> Iterator[QQuickView]:
    """The stage, shown offscreen; any QML warning fails the test."""
    source = tmp_path / "Stage.qml"
    source.write_text(STAGE_QML, encoding="utf-8")
    view = QQuickView()
    warnings: list[QQmlError] = []
    view.engine().warnings.connect(warnings.extend)
    view.setSource(QUrl.fromLocalFile(str(source)))
    assert view.status() == QQuickView.Status.Ready, [e.toString() for e in view.errors()]
    view.show()
    qtbot.waitExposed(view)
    yield view
    view.close()
    view.deleteLater()
    assert not warnings, [w.toString() for w in warnings]


@pytest.fixture
def monitor(qapp: QGuiApplication) -> Iterator[IdleMonitor]:
    monitor = IdleMonitor(timeout_ms=200, countdown_ms=200)
    yield monitor
    monitor.stop()


def centre(view: QQuickView) -> QPoint:
    return QPoint(view.width() // 2, view.height() // 2)


def wait_for_prompt(qtbot: QtBot, monitor: IdleMonitor) -> None:
    with qtbot.waitSignal(monitor.promptShown, timeout=WAIT_MS):
        pass
    assert monitor.phase == "prompt"
    assert monitor.promptVisible


# --- the kinds of input a visitor (or staff keyboard) produces ------------------------


def tap(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.touchEvent(view, touch).press(0, centre(view)).commit()
    QTest.touchEvent(view, touch).move(0, centre(view) + QPoint(5, 0)).commit()
    QTest.touchEvent(view, touch).release(0, centre(view) + QPoint(5, 0)).commit()


def mouse_click(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(view))


def mouse_double_click(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.mouseDClick(
        view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(view)
    )


def mouse_move(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.mouseMove(view, QPoint(10, 10))
    QTest.mouseMove(view, QPoint(40, 30))


def wheel(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.wheelEvent(view, QPointF(centre(view)), QPoint(0, 120))


def key(view: QQuickView, touch: QPointingDevice) -> None:
    QTest.keyClick(view, Qt.Key.Key_Space)


def trackpad_pinch(view: QQuickView, touch: QPointingDevice) -> None:
    # QTest has no native gestures; deliver one the way the platform plugin would.
    where = QPointF(centre(view))
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture,
        QPointingDevice.primaryPointingDevice(),
        2,
        where,
        where,
        QPointF(view.mapToGlobal(centre(view))),
        0.1,
        QPointF(0, 0),
    )
    QGuiApplication.sendEvent(view, event)


VISITOR_INPUT: list[Callable[[QQuickView, QPointingDevice], None]] = [
    tap,
    mouse_click,
    mouse_double_click,
    mouse_move,
    wheel,
    key,
    trackpad_pinch,
]


class TwoFingerPinch(QObject):
    """Spreads two touch points apart in small steps, like a visitor zooming an image.

    Driven by a timer so the event loop (and the monitor's timers) run between steps.
    """

    finished = Signal()

    def __init__(self, view: QQuickView, touch: QPointingDevice, duration_ms: int) -> None:
        super().__init__()
        self._view = view
        self._touch = touch
        self._duration_s = duration_ms / 1000
        self._timer = QTimer(self, interval=20)
        self._timer.timeout.connect(self._step)
        self._spread = 0
        self._started = 0.0

    def start(self) -> None:
        self._started = time.monotonic()
        QTest.touchEvent(self._view, self._touch).press(0, self._left()).press(
            1, self._right()
        ).commit()
        self._timer.start()

    def _left(self) -> QPoint:
        return centre(self._view) - QPoint(20 + self._spread % 100, 0)

    def _right(self) -> QPoint:
        return centre(self._view) + QPoint(20 + self._spread % 100, 0)

    def _step(self) -> None:
        self._spread += 2
        if time.monotonic() - self._started < self._duration_s:
            QTest.touchEvent(self._view, self._touch).move(0, self._left()).move(
                1, self._right()
            ).commit()
            return
        self._timer.stop()
        QTest.touchEvent(self._view, self._touch).release(0, self._left()).release(
            1, self._right()
        ).commit()
        self.finished.emit()


# --- the story ---------------------------------------------------------------------


def test_nobody_touching_for_the_timeout_shows_the_prompt(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    assert monitor.phase == "active"
    assert not monitor.promptVisible
    started = time.monotonic()
    monitor.start()
    wait_for_prompt(qtbot, monitor)
    assert time.monotonic() - started >= 0.2


@pytest.mark.parametrize("visitor_input", VISITOR_INPUT, ids=lambda f: f.__name__)
def test_any_input_during_the_prompt_dismisses_it(
    qtbot: QtBot,
    monitor: IdleMonitor,
    view: QQuickView,
    touch_device: QPointingDevice,
    visitor_input: Callable[[QQuickView, QPointingDevice], None],
) -> None:
    monitor.set_timing(200, LONG_COUNTDOWN_MS)
    monitor.start()
    wait_for_prompt(qtbot, monitor)

    with qtbot.waitSignals(
        [monitor.promptDismissed, monitor.promptVisibleChanged], timeout=WAIT_MS
    ):
        visitor_input(view, touch_device)

    assert monitor.phase == "active"
    assert not monitor.promptVisible
    # The monitor keeps watching: left alone again, the visitor is asked again.
    wait_for_prompt(qtbot, monitor)


def test_a_long_pinch_keeps_the_kiosk_awake_past_the_timeout(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, touch_device: QPointingDevice
) -> None:
    timeout_ms = 400
    monitor.set_timing(timeout_ms, LONG_COUNTDOWN_MS)
    monitor.start()
    pinch = TwoFingerPinch(view, touch_device, duration_ms=3 * timeout_ms)
    started = time.monotonic()

    with qtbot.assertNotEmitted(monitor.promptShown):
        with qtbot.waitSignal(pinch.finished, timeout=WAIT_MS):
            pinch.start()
    assert time.monotonic() - started >= 3 * timeout_ms / 1000

    lifted = time.monotonic()
    wait_for_prompt(qtbot, monitor)
    assert time.monotonic() - lifted >= timeout_ms / 1000


def test_an_animation_alone_does_not_keep_the_kiosk_awake(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    # Rest the cursor where the animated square sweeps past, then keep hands off.
    QTest.mouseMove(view, QPoint(100, 120))
    frames: list[None] = []
    view.frameSwapped.connect(lambda: frames.append(None))
    monitor.start()
    wait_for_prompt(qtbot, monitor)
    assert len(frames) >= 2, "the animation should have been drawing all along"


def test_the_kiosk_resets_when_the_countdown_runs_out(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    started = time.monotonic()
    monitor.start()
    with qtbot.waitSignals([monitor.promptShown, monitor.resetRequested], timeout=WAIT_MS):
        pass
    assert time.monotonic() - started >= 0.4
    assert monitor.phase == "active"
    assert not monitor.promptVisible
    # After the reset it keeps watching for the next visitor.
    wait_for_prompt(qtbot, monitor)


def test_seconds_left_counts_down_once_a_second(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    monitor.set_timing(200, 2_300)
    assert monitor.secondsLeft == 3
    shown_during_prompt: list[int] = []

    def record() -> None:
        if monitor.phase == "prompt":
            shown_during_prompt.append(monitor.secondsLeft)

    monitor.secondsLeftChanged.connect(record)
    monitor.start()
    wait_for_prompt(qtbot, monitor)
    assert monitor.secondsLeft == 3
    with qtbot.waitSignal(monitor.resetRequested, timeout=WAIT_MS + 2_300):
        pass
    assert shown_during_prompt == [2, 1]
    assert monitor.secondsLeft == 3  # ready for the next prompt


def test_keep_exploring_button_dismisses_the_prompt(
    qtbot: QtBot, monitor: IdleMonitor
) -> None:
    monitor.set_timing(200, LONG_COUNTDOWN_MS)
    monitor.start()
    wait_for_prompt(qtbot, monitor)
    with qtbot.waitSignal(monitor.promptDismissed, timeout=WAIT_MS):
        monitor.poke()
    assert monitor.phase == "active"


def test_a_disabled_monitor_never_prompts_and_enabling_restarts_the_timeout(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    monitor.set_enabled(False)
    assert not monitor.enabled
    monitor.start()
    with qtbot.assertNotEmitted(monitor.promptShown, wait=1_000):
        pass

    with qtbot.waitSignal(monitor.enabledChanged, timeout=WAIT_MS):
        monitor.enabled = True
    enabled_at = time.monotonic()
    wait_for_prompt(qtbot, monitor)
    assert time.monotonic() - enabled_at >= 0.2


def test_disabling_during_the_prompt_hides_it_and_cancels_the_reset(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    monitor.set_timing(200, 300)
    monitor.start()
    wait_for_prompt(qtbot, monitor)
    with qtbot.assertNotEmitted(monitor.resetRequested, wait=1_000):
        monitor.set_enabled(False)
        assert not monitor.promptVisible
        assert monitor.phase == "active"


def test_a_stopped_monitor_neither_prompts_nor_resets(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    monitor.start()
    monitor.stop()
    with qtbot.assertNotEmitted(monitor.promptShown, wait=800):
        pass
    monitor.start()
    wait_for_prompt(qtbot, monitor)


def test_new_timing_applies_to_the_quiet_spell_under_way(
    qtbot: QtBot, view: QQuickView
) -> None:
    monitor = IdleMonitor()  # the 90-second default
    monitor.start()
    try:
        monitor.set_timing(200, 200)
        wait_for_prompt(qtbot, monitor)
    finally:
        monitor.stop()


def test_input_passes_through_to_the_exhibit(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, touch_device: QPointingDevice
) -> None:
    monitor.set_timing(60_000, LONG_COUNTDOWN_MS)
    monitor.start()
    root = view.rootObject()
    mouse_click(view, touch_device)
    tap(view, touch_device)
    qtbot.waitUntil(lambda: root.property("taps") == 2, timeout=WAIT_MS)


def test_activity_is_reported_at_most_once_per_interval(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView
) -> None:
    monitor.ACTIVITY_INTERVAL_S = 60.0  # no second report can be due during this test
    monitor.set_timing(60_000, LONG_COUNTDOWN_MS)
    monitor.start()
    with qtbot.waitSignal(monitor.activity, timeout=WAIT_MS):
        # Two points: Qt drops a move to where the cursor already is.
        QTest.mouseMove(view, QPoint(5, 5))
        QTest.mouseMove(view, QPoint(6, 7))
    with qtbot.assertNotEmitted(monitor.activity, wait=100):
        for x in range(10, 200, 10):
            QTest.mouseMove(view, QPoint(x, 5))


@pytest.mark.parametrize(("timeout_ms", "countdown_ms"), [(0, 1_000), (1_000, 0), (-5, 10)])
def test_timing_must_be_positive(
    monitor: IdleMonitor, timeout_ms: int, countdown_ms: int
) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        monitor.set_timing(timeout_ms, countdown_ms)


def test_months_of_visitor_activity_do_not_exhaust_the_interpreter(
    qtbot: QtBot, monitor: IdleMonitor
) -> None:
    # PySide6 6.12's SignalInstance.emit() drops a reference to True on every call, which
    # would abort Python 3.11 after a few thousand signals; kiosk.refcounts (set up by
    # the test suite as by the kiosk) keeps True's count out of reach.
    monitor.ACTIVITY_INTERVAL_S = 0.0  # report every poke, as a busy day would
    reports: list[None] = []
    monitor.activity.connect(lambda: reports.append(None))
    for _ in range(2_000):
        monitor.poke()
    assert len(reports) == 2_000
    assert sys.getrefcount(True) > 1 << 50
