"""The idle monitor: a visitor walks away, the kiosk asks, then resets.

Input is real Qt input sent to a real (offscreen) Qt Quick window, so the monitor sees
exactly what it would see on the gallery floor; time is a fake clock the tests move on,
so a 90-second timeout is checked to the millisecond without waiting for it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QNativeGestureEvent, QPointingDevice
from PySide6.QtQml import QQmlError
from PySide6.QtQuick import QQuickView
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.ui.idle import IdleMonitor
from tests.helpers.fake_time import FakeTime

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

WAIT_MS = 5_000  # upper bound for anything the event loop must deliver
TIMEOUT_S = 90.0
COUNTDOWN_S = 15.0



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
def time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def monitor(qapp: QGuiApplication, time: FakeTime) -> Iterator[IdleMonitor]:
    monitor = IdleMonitor(timeout_ms=int(TIMEOUT_S * 1000), countdown_ms=int(COUNTDOWN_S * 1000),
                          clock=time.clock, timer=time.timer)
    yield monitor
    monitor.stop()


def centre(view: QQuickView) -> QPoint:
    return QPoint(view.width() // 2, view.height() // 2)


def prompts_after(qtbot: QtBot, monitor: IdleMonitor, time: FakeTime, seconds: float) -> None:
    """Not a moment before ``seconds`` of quiet, and then at once."""
    with qtbot.assertNotEmitted(monitor.promptShown):
        time.advance(seconds - 0.001)
    with qtbot.waitSignal(monitor.promptShown, timeout=0):
        time.advance(0.001)
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



def pinch(view: QQuickView, touch: QPointingDevice, time: FakeTime, seconds: float) -> None:
    """Two fingers spreading apart for ``seconds``, a small step every 20 ms."""
    centre_ = centre(view)

    def points(spread: int) -> tuple[QPoint, QPoint]:
        return centre_ - QPoint(20 + spread % 100, 0), centre_ + QPoint(20 + spread % 100, 0)

    left, right = points(0)
    QTest.touchEvent(view, touch).press(0, left).press(1, right).commit()
    for step in range(1, round(seconds / 0.02) + 1):
        time.advance(0.02)
        left, right = points(2 * step)
        QTest.touchEvent(view, touch).move(0, left).move(1, right).commit()
    QTest.touchEvent(view, touch).release(0, left).release(1, right).commit()


# --- the story ---------------------------------------------------------------------


def test_nobody_touching_for_the_timeout_shows_the_prompt(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    assert monitor.phase == "active"
    assert not monitor.promptVisible
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


@pytest.mark.parametrize("visitor_input", VISITOR_INPUT, ids=lambda f: f.__name__)
def test_any_input_during_the_prompt_dismisses_it(
    qtbot: QtBot,
    monitor: IdleMonitor,
    view: QQuickView,
    time: FakeTime,
    touch_device: QPointingDevice,
    visitor_input: Callable[[QQuickView, QPointingDevice], None],
) -> None:
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)
    time.advance(COUNTDOWN_S / 2)

    with qtbot.waitSignals(
        [monitor.promptDismissed, monitor.promptVisibleChanged], timeout=WAIT_MS
    ):
        visitor_input(view, touch_device)

    assert monitor.phase == "active"
    assert not monitor.promptVisible
    # The monitor keeps watching: left alone again, the visitor is asked again.
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_a_long_pinch_keeps_the_kiosk_awake_past_the_timeout(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime,
    touch_device: QPointingDevice
) -> None:
    monitor.set_timing(2_000, int(COUNTDOWN_S * 1000))
    monitor.start()
    with qtbot.assertNotEmitted(monitor.promptShown):
        pinch(view, touch_device, time, seconds=6.0)
    # The quiet spell starts when the fingers lift.
    prompts_after(qtbot, monitor, time, 2.0)


def test_an_animation_alone_does_not_keep_the_kiosk_awake(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    # Rest the cursor where the animated square sweeps past, then keep hands off: Qt
    # Quick sends hover events as it moves under the cursor, which are not a visitor.
    QTest.mouseMove(view, QPoint(100, 120))
    monitor.start()
    frames: list[None] = []
    view.frameSwapped.connect(lambda: frames.append(None))
    qtbot.waitUntil(lambda: len(frames) >= 5, timeout=WAIT_MS)
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_the_kiosk_resets_when_the_countdown_runs_out(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)
    with qtbot.assertNotEmitted(monitor.resetRequested):
        time.advance(COUNTDOWN_S - 0.001)
    with qtbot.waitSignal(monitor.resetRequested, timeout=0):
        time.advance(0.001)
    assert monitor.phase == "active"
    assert not monitor.promptVisible
    # After the reset it keeps watching for the next visitor.
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_seconds_left_counts_down_once_a_second(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.set_timing(int(TIMEOUT_S * 1000), 2_300)
    assert monitor.secondsLeft == 3
    shown: list[tuple[float, int]] = []
    started = time.now

    def record() -> None:
        if monitor.phase == "prompt":
            shown.append((round(time.now - started, 3), monitor.secondsLeft))

    monitor.secondsLeftChanged.connect(record)
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)
    assert monitor.secondsLeft == 3
    with qtbot.waitSignal(monitor.resetRequested, timeout=0):
        time.advance(2.3)
    # 3 until 0.3 s in, 2 until 1.3 s in, 1 until the reset at 2.3 s.
    assert shown == [(TIMEOUT_S + 0.3, 2), (TIMEOUT_S + 1.3, 1)]
    assert monitor.secondsLeft == 3  # ready for the next prompt


def test_keep_exploring_button_dismisses_the_prompt(
    qtbot: QtBot, monitor: IdleMonitor, time: FakeTime
) -> None:
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)
    with qtbot.waitSignal(monitor.promptDismissed, timeout=WAIT_MS):
        monitor.poke()
    assert monitor.phase == "active"


def test_a_disabled_monitor_never_prompts_and_enabling_restarts_the_timeout(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.set_enabled(False)
    assert not monitor.enabled
    monitor.start()
    with qtbot.assertNotEmitted(monitor.promptShown):
        time.advance(10 * TIMEOUT_S)

    with qtbot.waitSignal(monitor.enabledChanged, timeout=0):
        monitor.enabled = True
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_disabling_during_the_prompt_hides_it_and_cancels_the_reset(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)
    with qtbot.assertNotEmitted(monitor.resetRequested):
        monitor.set_enabled(False)
        assert not monitor.promptVisible
        assert monitor.phase == "active"
        time.advance(10 * COUNTDOWN_S)


def test_a_stopped_monitor_neither_prompts_nor_resets(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.start()
    monitor.stop()
    with qtbot.assertNotEmitted(monitor.promptShown):
        time.advance(10 * TIMEOUT_S)
    monitor.start()
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_new_timing_applies_to_the_quiet_spell_under_way(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.start()
    time.advance(30.0)
    monitor.set_timing(40_000, int(COUNTDOWN_S * 1000))  # 30 s of it have passed already
    prompts_after(qtbot, monitor, time, 10.0)


def test_input_restarts_the_quiet_spell(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime,
    touch_device: QPointingDevice
) -> None:
    monitor.start()
    time.advance(TIMEOUT_S - 1)
    tap(view, touch_device)
    prompts_after(qtbot, monitor, time, TIMEOUT_S)


def test_input_passes_through_to_the_exhibit(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, touch_device: QPointingDevice
) -> None:
    monitor.start()
    root = view.rootObject()
    mouse_click(view, touch_device)
    tap(view, touch_device)
    qtbot.waitUntil(lambda: root.property("taps") == 2, timeout=WAIT_MS)


def test_activity_is_reported_at_most_once_per_interval(
    qtbot: QtBot, monitor: IdleMonitor, view: QQuickView, time: FakeTime
) -> None:
    monitor.start()
    reports: list[float] = []
    monitor.activity.connect(lambda: reports.append(time.now))
    started = time.now
    for step in range(30):  # a finger moving for 3 s, a move every 100 ms
        QTest.mouseMove(view, QPoint(10 + step * 5, 5))
        time.advance(0.1)
    assert [round(when - started, 1) for when in reports] == [0.0, 1.0, 2.0]


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
    # would abort Python 3.11 after some tens of thousands of signals; kiosk.refcounts (set
    # up by the test suite as by the kiosk) keeps True's count out of reach.
    monitor.ACTIVITY_INTERVAL_S = 0.0  # report every poke, as a busy day would
    reports: list[None] = []
    monitor.activity.connect(lambda: reports.append(None))
    for _ in range(2_000):
        monitor.poke()
    assert len(reports) == 2_000
    assert sys.getrefcount(True) > 1 << 50


def test_the_kiosk_s_monitor_runs_on_real_time(qtbot: QtBot, view: QQuickView) -> None:
    """The real clock and Qt's precise timers, once, with a short timeout."""
    monitor = IdleMonitor(timeout_ms=50, countdown_ms=50)
    monitor.start()
    try:
        with qtbot.waitSignals([monitor.promptShown, monitor.resetRequested], timeout=WAIT_MS):
            pass
    finally:
        monitor.stop()
