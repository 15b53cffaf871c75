"""Time that moves only when a test says so: a clock and single-shot timers on it.

``advance(seconds)`` fires every timer that falls due on the way, in order, each at its
own moment on the clock, so what a component does at 89.9 s and at 90 s is seen exactly,
without waiting for either."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject


class _Signal:
    def __init__(self) -> None:
        self._slots: list[Callable[[], object]] = []

    def connect(self, slot: Callable[[], object]) -> None:
        self._slots.append(slot)

    def emit(self) -> None:
        for slot in list(self._slots):
            slot()


class FakeTimer:
    """A single-shot timer on a :class:`FakeTime` clock (QTimer's start/stop/timeout)."""

    def __init__(self, time: FakeTime) -> None:
        self._time = time
        self.timeout = _Signal()
        self.due: int | None = None  # on the clock, in milliseconds

    def start(self, msec: int) -> None:
        self.due = self._time.ms + int(msec)

    def stop(self) -> None:
        self.due = None

    def isActive(self) -> bool:  # noqa: N802 (QTimer's name)
        return self.due is not None


class FakeTime:
    """Counted in whole milliseconds, as Qt's timers are, so sums of steps stay exact."""

    def __init__(self, start_s: int = 1000) -> None:
        self._ms = start_s * 1000
        self._timers: list[FakeTimer] = []

    @property
    def now(self) -> float:
        return self._ms / 1000

    def clock(self) -> float:
        return self.now

    def timer(self, _parent: QObject) -> FakeTimer:
        made = FakeTimer(self)
        self._timers.append(made)
        return made

    @property
    def ms(self) -> int:
        return self._ms

    def advance(self, seconds: float) -> None:
        """Move the clock on by ``seconds``, firing what falls due on the way."""
        target = self._ms + round(seconds * 1000)
        while True:
            due = [t for t in self._timers if t.due is not None and t.due <= target]
            if not due:
                break
            first = min(due, key=lambda t: t.due or 0)
            self._ms = max(self._ms, first.due or self._ms)
            first.due = None
            first.timeout.emit()
        self._ms = target
