"""The running kiosk's state: what happens in it recorded in a KioskState, for `kiosk
status`, and, when the site file asks, the node exporter's textfile rewritten every
interval (see kiosk/live/metrics.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

from kiosk.exhibit.digest import digest_of, exhibit_digest
from kiosk.live.kioskstate import KioskState
from kiosk.site.model import Site

log = logging.getLogger(__name__)

class StateReporter(QObject):
    """Records what happens in one kiosk window in its :class:`KioskState`; when the site
    names a metrics folder, writes the state there every interval.

    Each write first asks the window for a frame: Qt Quick draws nothing on a still
    screen, and the last frame's time is how a stuck screen shows up.
    """

    def __init__(self, state: KioskState, exhibit: Path,
                 write: Callable[[], object] | None = None, interval_s: float = 15.0,
                 metrics_file: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.metrics_file = metrics_file  # what `write` writes; None when nothing is
        self._exhibit = exhibit
        self._write = write
        self._window: QQuickWindow | None = None
        self._timer = QTimer(self, interval=int(interval_s * 1000))
        self._timer.timeout.connect(self._tick)

    def watch(self, window: QQuickWindow) -> None:
        """Note each frame of ``window``, for the metrics file only: a kiosk that writes
        none has nothing to add to every frame."""
        if self._write is None:
            return
        self._window = window
        # A slot of a GUI-thread object: with a threaded render loop frameSwapped comes
        # from the render thread and reaches it queued.
        window.frameSwapped.connect(self.frameShown)

    def start(self, errors: int) -> None:
        self.state.started(str(self._exhibit), exhibit_digest(self._exhibit), errors=errors)
        if self._write is not None:
            self._timer.start()
            self._write()

    def stop(self) -> None:
        self._timer.stop()
        self.state.stopped()
        if self._write is not None:
            self._write()

    def _tick(self) -> None:  # only when writing: the timer runs only then
        assert self._write is not None
        if self._window is not None:
            self._window.update()
        self._write()

    @Slot()
    def frameShown(self) -> None:  # noqa: N802 (a Qt slot)
        self.state.frame_shown()

    @Slot(bytes)
    def reloadApplied(self, source: bytes) -> None:  # noqa: N802
        # The bytes the shown exhibit was loaded from: the file may have changed since.
        self.state.reload_applied(digest_of(source))

    @Slot(int)
    def reloadRejected(self, errors: int) -> None:  # noqa: N802
        self.state.reload_rejected(errors)

    @Slot(int)
    def releaseRefused(self, _errors: int) -> None:  # noqa: N802
        self.state.release_refused()

    @Slot()
    def watchdogPinged(self) -> None:  # noqa: N802
        self.state.watchdog_pinged()

    @Slot()
    def pictureRefused(self) -> None:  # noqa: N802
        self.state.picture_failed()

    @Slot(bool)
    def closedChanged(self, closed: bool) -> None:  # noqa: N802
        self.state.set_open(not closed)

    @Slot(bool, str)
    def displayChanged(self, on: bool, backend: str) -> None:  # noqa: N802
        self.state.set_display_on(on, backend or None)

    def visitor_event(self, name: str) -> None:
        """Every visitor event passes here: a session's end is a visit."""
        if name == "session_end":
            self.state.visit_ended()


def state_reporter(site: Site, exhibit: Path, parent: QObject | None = None) -> StateReporter:
    """The reporter for ``site``: its state for Prometheus when the site names a metrics
    folder, else a plain one for `kiosk status`."""
    if site.metrics is None:
        return StateReporter(KioskState(site.name, zone=site.timezone), exhibit, parent=parent)
    # The metrics machinery (prometheus_client) only on kiosks whose site asks for it.
    from kiosk.live.metrics import METRICS_FILE_NAME, KioskMetrics

    metrics = KioskMetrics(site.name, interval=site.metrics.interval, zone=site.timezone)
    folder = site.metrics.folder
    return StateReporter(metrics, exhibit, lambda: metrics.write(folder),
                         site.metrics.interval, folder / METRICS_FILE_NAME, parent)
