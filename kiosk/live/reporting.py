"""The running kiosk's metrics: what happens in it counted in a KioskMetrics, and the
node exporter's textfile rewritten every interval (see kiosk/live/metrics.py)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtQuick import QQuickWindow

from kiosk.exhibit.filebytes import read_bytes
from kiosk.live.metrics import KioskMetrics
from kiosk.site.model import Site

log = logging.getLogger(__name__)

DIGEST_CHARS = 12


def digest_of(source: bytes) -> str:
    """A short SHA-256 of an exhibit file's bytes, to tell which version a kiosk shows."""
    return hashlib.sha256(source).hexdigest()[:DIGEST_CHARS]


def exhibit_digest(path: Path) -> str:
    """:func:`digest_of` the exhibit file as it is now ("" when it cannot be read)."""
    data = read_bytes(path)
    return digest_of(data) if isinstance(data, bytes) else ""


class MetricsReporter(QObject):
    """Counts for one kiosk window, written to ``site.metrics.folder`` every interval.

    Each write first asks the window for a frame: Qt Quick draws nothing on a still
    screen, and the last frame's time is how a stuck screen shows up.
    """

    def __init__(self, site: Site, exhibit: Path, metrics: KioskMetrics | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        assert site.metrics is not None
        self.folder = site.metrics.folder
        self._exhibit = exhibit
        self.metrics = metrics or KioskMetrics(site.name, interval=site.metrics.interval,
                                               zone=site.timezone)
        self._window: QQuickWindow | None = None
        self._timer = QTimer(self, interval=int(site.metrics.interval * 1000))
        self._timer.timeout.connect(self._tick)

    def watch(self, window: QQuickWindow) -> None:
        self._window = window
        # A slot of a GUI-thread object: with a threaded render loop frameSwapped comes
        # from the render thread and reaches it queued.
        window.frameSwapped.connect(self.frameShown)

    def start(self, errors: int) -> None:
        self.metrics.started(str(self._exhibit), exhibit_digest(self._exhibit), errors=errors)
        self._timer.start()
        self.write()

    def stop(self) -> None:
        self._timer.stop()
        self.metrics.stopped()
        self.write()

    def write(self) -> None:
        self.metrics.write(self.folder)

    def _tick(self) -> None:
        if self._window is not None:
            self._window.update()
        self.write()

    @Slot()
    def frameShown(self) -> None:  # noqa: N802 (a Qt slot)
        self.metrics.frame_shown()

    @Slot(bytes)
    def reloadApplied(self, source: bytes) -> None:  # noqa: N802
        # The bytes the shown exhibit was loaded from: the file may have changed since.
        self.metrics.reload_applied(digest_of(source))

    @Slot(int)
    def reloadRejected(self, errors: int) -> None:  # noqa: N802
        self.metrics.reload_rejected(errors)

    @Slot()
    def watchdogPinged(self) -> None:  # noqa: N802
        self.metrics.watchdog_pinged()

    @Slot()
    def pictureRefused(self) -> None:  # noqa: N802
        self.metrics.picture_failed()

    @Slot(bool)
    def closedChanged(self, closed: bool) -> None:  # noqa: N802
        self.metrics.set_open(not closed)

    @Slot(bool)
    def displayChanged(self, on: bool) -> None:  # noqa: N802
        self.metrics.set_display_on(on)

    def visitor_event(self, name: str) -> None:
        """Every visitor event passes here: a session's end is a visit."""
        if name == "session_end":
            self.metrics.visit_ended()
