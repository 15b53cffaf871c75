"""Running something once the window's first frame is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtQuick import QQuickWindow


class _FirstFrame(QObject):
    """Calls `then` once, on the GUI thread, after the window's first frame is on screen."""

    def __init__(self, window: QQuickWindow, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._then: Callable[[], None] | None = then
        # A slot of an object living on the GUI thread: with a threaded render loop,
        # frameSwapped comes from the render thread and reaches it queued.
        window.frameSwapped.connect(self.swapped)

    @Slot()
    def swapped(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._window.frameSwapped.disconnect(self.swapped)
            then()


def on_first_frame(window: QQuickWindow, then: Callable[[], None]) -> None:
    """Run `then` once the first frame is on screen, when a visitor can see and touch it."""
    _FirstFrame(window, then)
