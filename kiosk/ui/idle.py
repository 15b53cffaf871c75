"""Notices when visitors walk away, asks "Are you still there?", then asks for a reset.

A kiosk left mid-exhibit greets the next visitor with someone else's half-read panel, so
after a quiet spell the app shows a prompt with a countdown and, if nobody touches the
screen, goes back to its welcome screen. Only real visitor input counts as presence:
animations, timers and re-renders produce no input events and so never keep the kiosk
awake by themselves.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Property, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QmlElement, QmlUncreatable

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

ACTIVE = "active"
PROMPT = "prompt"


# Every kind of event a visitor's hand (or a staff keyboard) produces, wherever it lands.
# Hover events are left out on purpose: Qt Quick sends them when an *animated* item moves
# under a resting cursor, which is not a visitor.
INPUT_EVENTS = frozenset({
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.TouchCancel,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.NativeGesture,
    QEvent.Type.TabletPress,
    QEvent.Type.TabletMove,
    QEvent.Type.TabletRelease,
})


class SingleShot(Protocol):
    """What the monitor needs of a timer: QTimer's single-shot use, or a test's fake."""

    @property
    def timeout(self) -> Any: ...  # a signal: ``timeout.connect(callback)``

    def start(self, msec: int) -> None: ...

    def stop(self) -> None: ...


def precise_timer(parent: QObject) -> QTimer:
    """A single-shot timer that fires on the millisecond: coarse ones may fire a little
    early, which would only cost a re-arm, but the visible countdown should change on the
    second."""
    timer = QTimer(parent, singleShot=True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    return timer


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class IdleMonitor(QObject):
    """Tracks visitor presence from the application's whole input stream.

    Phases: ``active`` → (no input for *timeout*) → ``prompt`` (countdown runs) →
    (no input for *countdown*) → :attr:`resetRequested`, then ``active`` again. Any input
    during the prompt dismisses it.

    The event filter only stores a timestamp, because it runs for every mouse move and
    touch update in the app; a single-shot timer later compares that timestamp with the
    clock and re-arms itself for whatever time is left. Events are never consumed.
    """

    phaseChanged = Signal()
    secondsLeftChanged = Signal()
    promptVisibleChanged = Signal()
    enabledChanged = Signal()

    promptShown = Signal()
    promptDismissed = Signal()
    resetRequested = Signal()
    activity = Signal()
    """Visitor input seen; emitted at most once per :attr:`ACTIVITY_INTERVAL_S`."""

    ACTIVITY_INTERVAL_S = 1.0

    def __init__(
        self,
        timeout_ms: int = 90_000,
        countdown_ms: int = 15_000,
        parent: QObject | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        timer: Callable[[QObject], SingleShot] = precise_timer,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout_ms = 0
        self._countdown_ms = 0
        self._phase = ACTIVE
        self._dismissing = False  # a dismissal is queued behind the input that asked for it
        self.watched: QObject | None = None  # what to watch; the whole application if None
        self._enabled = True
        self._running = False
        self._app: QObject | None = None
        self._last_input = clock()
        self._last_activity_signal = -math.inf
        self._deadline = 0.0  # monotonic time the countdown ends
        self._seconds_left = 0

        self._idle_timer = timer(self)
        self._idle_timer.timeout.connect(self._check_idle)
        self._countdown_timer = timer(self)
        self._countdown_timer.timeout.connect(self._countdown_ended)
        self._ticker = timer(self)
        self._ticker.timeout.connect(self._tick)

        self.set_timing(timeout_ms, countdown_ms)

    # ----------------------------------------------------------------- configuration

    def set_timing(self, timeout_ms: int, countdown_ms: int) -> None:
        """Set how long the kiosk waits before prompting, and how long the prompt stays.

        The app passes the exhibit's ``idle`` settings (seconds × 1000); tests pass short
        values. A new timeout applies to the quiet spell under way, measured from the last
        input; a prompt already showing keeps its countdown.
        """
        if timeout_ms <= 0 or countdown_ms <= 0:
            raise ValueError(
                f"idle timeout and countdown must be positive, got {timeout_ms} ms "
                f"and {countdown_ms} ms"
            )
        self._timeout_ms = int(timeout_ms)
        self._countdown_ms = int(countdown_ms)
        log.info(
            "Idle prompt after %.1f s without input; reset %.1f s later",
            timeout_ms / 1000,
            countdown_ms / 1000,
        )
        if self._phase == ACTIVE:
            self._set_seconds_left(self._full_countdown_seconds())
            if self._armed():
                self._check_idle()

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def countdown_ms(self) -> int:
        return self._countdown_ms

    # ---------------------------------------------------------------- QML properties

    def _get_phase(self) -> str:
        return self._phase

    def _get_seconds_left(self) -> int:
        return self._seconds_left

    def _get_prompt_visible(self) -> bool:
        return self._phase == PROMPT

    def _get_enabled(self) -> bool:
        return self._enabled

    phase = Property(str, _get_phase, notify=phaseChanged)
    """``"active"`` or ``"prompt"``."""
    secondsLeft = Property(int, _get_seconds_left, notify=secondsLeftChanged)
    """Whole seconds until the reset, rounded up; the full countdown outside the prompt."""
    promptVisible = Property(bool, _get_prompt_visible, notify=promptVisibleChanged)

    @Slot(bool)
    def set_enabled(self, enabled: bool) -> None:
        """Turn the monitor off while there is nothing to reset (the welcome screen).

        Disabling hides any prompt and stops both timers; enabling starts a fresh
        quiet spell from now, so a visitor who just left the welcome screen gets the
        full timeout.
        """
        enabled = bool(enabled)
        if enabled == self._enabled:
            return
        self._enabled = enabled
        if enabled:
            if self._running:
                self._restart_quiet_spell()
        else:
            self._stop_timers()
            self._enter_active()
        self.enabledChanged.emit()

    enabled = Property(bool, _get_enabled, set_enabled, notify=enabledChanged)

    # ------------------------------------------------------------------------ slots

    @Slot()
    def start(self) -> None:
        """Begin watching the application's input; the timeout starts now."""
        if self._running:
            return
        app = QGuiApplication.instance()
        if not isinstance(app, QGuiApplication):  # a QCoreApplication gets no input
            raise RuntimeError("IdleMonitor.start() needs a QGuiApplication")
        # The window when known: every input reaches it, and little else does.
        self._app = self.watched or app
        self._app.installEventFilter(self)
        self._running = True
        if self._enabled:
            self._restart_quiet_spell()

    @Slot()
    def stop(self) -> None:
        """Stop watching: no prompt, no reset, until :meth:`start` is called again."""
        if not self._running:
            return
        self._running = False
        if self._app is not None:
            self._app.removeEventFilter(self)
            self._app = None
        self._stop_timers()
        self._enter_active()

    @Slot()
    def poke(self) -> None:
        """Count as visitor input, e.g. from the prompt's "Keep exploring" button."""
        self._on_input(self._clock())

    # ----------------------------------------------------------------- event stream

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Runs for every event in the app: keep it to a type test and a timestamp.
        if event.type() in INPUT_EVENTS:
            self._on_input(self._clock())
        return False

    def _on_input(self, now: float) -> None:
        self._last_input = now
        if now - self._last_activity_signal >= self.ACTIVITY_INTERVAL_S:
            self._last_activity_signal = now
            self.activity.emit()
        if self._phase == PROMPT and not self._dismissing:
            # After this event has been delivered: the prompt, still on screen, takes the
            # touch that dismisses it, so nothing underneath reacts to it.
            self._dismissing = True
            QTimer.singleShot(0, self, self._dismiss_prompt)

    def _dismiss_prompt(self) -> None:
        self._dismissing = False
        if self._phase != PROMPT:
            return
        log.info("Idle prompt dismissed by visitor input")
        self._stop_timers()
        self._enter_active()
        self._arm_idle(self._timeout_ms)
        self.promptDismissed.emit()

    # ----------------------------------------------------------------------- phases

    def _armed(self) -> bool:
        return self._running and self._enabled

    def _restart_quiet_spell(self) -> None:
        self._last_input = self._clock()
        self._stop_timers()
        self._enter_active()
        self._arm_idle(self._timeout_ms)

    def _arm_idle(self, delay_ms: int) -> None:
        self._idle_timer.start(max(1, delay_ms))

    def _check_idle(self) -> None:
        if not self._armed() or self._phase != ACTIVE:
            return
        # In whole milliseconds, as timers count: a float's last digits are not a wait.
        quiet_ms = round((self._clock() - self._last_input) * 1000)
        remaining_ms = self._timeout_ms - quiet_ms
        if remaining_ms > 0:
            # Input arrived since the timer was armed: wait out the rest of the spell.
            self._arm_idle(remaining_ms)
            return
        self._show_prompt()

    def _show_prompt(self) -> None:
        log.info(
            "No input for %.1f s: asking whether anyone is still there", self._timeout_ms / 1000
        )
        self._deadline = self._clock() + self._countdown_ms / 1000
        self._set_seconds_left(self._full_countdown_seconds())
        self._phase = PROMPT
        self._countdown_timer.start(self._countdown_ms)
        self._schedule_tick()
        self.phaseChanged.emit()
        self.promptVisibleChanged.emit()
        self.promptShown.emit()

    def _schedule_tick(self) -> None:
        # Fire when the rounded-up count next drops, so the display changes on the second.
        remaining_ms = (self._deadline - self._clock()) * 1000
        until_next_ms = remaining_ms - (self._seconds_left - 1) * 1000
        if self._seconds_left > 1:
            self._ticker.start(max(1, math.ceil(until_next_ms)))

    def _tick(self) -> None:
        if self._phase != PROMPT:
            return
        remaining_ms = (self._deadline - self._clock()) * 1000
        # Never show 0: the reset itself ends the prompt.
        self._set_seconds_left(max(1, math.ceil(remaining_ms / 1000)))
        self._schedule_tick()

    def _countdown_ended(self) -> None:
        if self._phase != PROMPT:
            return
        log.info("Idle countdown ended: resetting the kiosk")
        self._stop_timers()
        self._enter_active()
        self._last_input = self._clock()
        self._arm_idle(self._timeout_ms)
        # Last, so a handler that disables the monitor (welcome screen) has the final word.
        self.resetRequested.emit()

    def _enter_active(self) -> None:
        was_prompt = self._phase == PROMPT
        self._phase = ACTIVE
        self._set_seconds_left(self._full_countdown_seconds())
        if was_prompt:
            self.phaseChanged.emit()
            self.promptVisibleChanged.emit()

    def _stop_timers(self) -> None:
        self._idle_timer.stop()
        self._countdown_timer.stop()
        self._ticker.stop()

    def _full_countdown_seconds(self) -> int:
        return max(1, math.ceil(self._countdown_ms / 1000))


    def _set_seconds_left(self, seconds: int) -> None:
        if seconds != self._seconds_left:
            self._seconds_left = seconds
            self.secondsLeftChanged.emit()
