"""A file the kiosk follows as staff edit it: watched, read and checked on a thread of its
own, so a slow USB stick, a network folder that hangs or a large file never holds up the
screen (or the watchdog pings sent from the GUI thread). What it read reaches the GUI
thread as a signal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from kiosk.live.filewatch import ReloadWatcher

# Reads the file at the path: what was read, and the other files it names that are to be
# watched too (None: keep watching the ones watched so far).
Reader = Callable[[Path], tuple[object, tuple[Path, ...] | None]]


class _Reader(QObject):
    """On the file's thread: watches the files and reads the file when they change."""

    loaded = Signal(object)

    def __init__(self, path: Path, read: Reader, settle_ms: int) -> None:
        super().__init__()
        self._path = path
        self._read = read
        self.watcher = ReloadWatcher(settle_ms, self)
        self.watcher.changed.connect(self.load)

    @Slot(object)
    def watch(self, files: tuple[Path, ...]) -> None:
        self.watcher.watch(self._path, files)

    @Slot()
    def load(self) -> None:
        result, files = self._read(self._path)
        if files is not None:
            self.watcher.watch(self._path, files)
        self.loaded.emit(result)

    @Slot()
    def stop(self) -> None:
        self.watcher.stop()


class FileThread(QObject):
    """Follows ``path`` (and the files it names) on a thread called ``name``: each settled
    change is read with ``read``, and :attr:`loaded` brings the result to this object's
    (the GUI) thread."""

    loaded = Signal(object)
    # To the file's thread (queued: its objects live there).
    _watch_requested = Signal(object)
    _load_requested = Signal()

    def __init__(self, path: Path, read: Reader, name: str, settle_ms: int = 400,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = _Reader(path, read, settle_ms)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        self._reader.moveToThread(self._thread)  # guard: exhibit-files-off-gui-thread
        # Stopped on its own thread, just before that thread ends.
        self._thread.finished.connect(self._reader.stop)
        self._watch_requested.connect(self._reader.watch)
        self._load_requested.connect(self._reader.load)
        self._reader.loaded.connect(self.loaded)
        self._thread.start()

    @property
    def watcher(self) -> ReloadWatcher:
        """The file watcher (on the file's thread: connect to it, do not call it)."""
        return self._reader.watcher

    def watch(self, files: tuple[Path, ...]) -> None:
        """Watch ``path`` and ``files`` (from now on, on the file's thread)."""
        self._watch_requested.emit(files)

    def load(self) -> None:
        """Read the file again now, on its thread."""
        self._load_requested.emit()

    def stop(self) -> None:
        """Stop watching and end the file's thread."""
        self._thread.quit()
        self._thread.wait()
