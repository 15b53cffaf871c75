"""Live reload: a saved edit to the exhibit reaches the screen without a restart, and a
broken one never does.

A valid new exhibit is swapped in whole — at once in a staff preview or while the
welcome screen shows, otherwise at the visitor's next reset, so nobody is yanked away
mid-panel. An invalid one is logged with the validator's messages and, in a preview,
shown to staff in a banner; visitors keep the last good exhibit.

The files are watched, hashed and loaded on a thread of their own: a slow USB stick, a
network folder that hangs or a large exhibit never holds up the screen (or the watchdog
pings sent from the GUI thread).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.exhibit.digest import digest_of
from kiosk.exhibit.model import Exhibit
from kiosk.live.filethread import FileThread
from kiosk.live.filewatch import ReloadWatcher
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView

if TYPE_CHECKING:
    from kiosk.exhibit.load import LoadResult

log = logging.getLogger(__name__)


def _read_exhibit(path: Path) -> tuple[LoadResult, tuple[Path, ...] | None]:
    """On the exhibit's thread: the exhibit, the files it shows (to watch), and its
    snapshot saved for the next start."""
    # Here, not at the top: a kiosk started from its snapshot needs the YAML parser only
    # once staff change something.
    from kiosk.exhibit.load import load_exhibit
    from kiosk.exhibit.snapshot import save_snapshot

    result = load_exhibit(path)
    if result.exhibit is None:
        return result, None
    save_snapshot(path, result)
    return result, result.exhibit.referenced_files()


class LiveExhibit(QObject):
    applied = Signal(bytes)  # the bytes of the file the exhibit now shown was loaded from
    rejected = Signal(int)  # how many errors the rejected file has

    def __init__(self, view: KioskView, path: Path, *, preview: bool,
                 log_event: Callable[..., None], settle_ms: int = 400,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._path = path
        self.preview = preview
        self._log = log_event
        self._pending: tuple[Exhibit, bytes] | None = None  # with its file's bytes
        self.last_messages: tuple[str, ...] = ()
        self._files = FileThread(path, _read_exhibit, "exhibit-files", settle_ms, self)
        self._files.loaded.connect(self._loaded)
        view.nav.screenChanged.connect(self._apply_pending)
        self._files.watch(view.nav.exhibit.referenced_files())

    @property
    def watcher(self) -> ReloadWatcher:
        """The file watcher (on the exhibit's thread: connect to it, do not call it)."""
        return self._files.watcher

    @property
    def pending(self) -> Exhibit | None:
        return self._pending[0] if self._pending is not None else None

    @Slot()
    def reload(self) -> None:
        """Load the exhibit again now (staff asked), on the exhibit's thread."""
        self._files.load()

    def stop(self) -> None:
        """Stop watching and end the exhibit's thread (at the kiosk's exit)."""
        self._files.stop()

    @Slot(object)
    def _loaded(self, result: LoadResult) -> None:
        self.last_messages = tuple(str(d) for d in result.diagnostics)
        if result.exhibit is None:  # guard: reload-keeps-last-good
            errors = [str(d) for d in result.errors] or ["the exhibit file cannot be read"]
            log.warning("reload rejected; still showing the last good exhibit:\n%s",
                        "\n".join(errors))
            self._log("reload_rejected", messages=errors)
            self._tell_staff(errors)
            self.rejected.emit(len(errors))
            return
        self._view.banner.set_text("")
        if self.preview or self._view.nav.screen == Screen.Welcome:
            self._apply(result.exhibit, result.source)
        else:
            log.info("new exhibit is valid; it goes up at the next reset")
            self._pending = (result.exhibit, result.source)

    def started_with(self, messages: tuple[str, ...], errors: tuple[str, ...]) -> None:
        """What the validator said at start-up. Errors mean the kiosk started with the
        last good version of a file that now has them (see kiosk.run)."""
        self.last_messages = messages
        self._tell_staff(errors)

    def _tell_staff(self, errors: Sequence[str]) -> None:
        if self.preview and errors:
            self._view.banner.set_text("\n".join(errors[:6]))

    def _apply_pending(self) -> None:
        if self._pending is not None and self._view.nav.screen == Screen.Welcome:
            (exhibit, source), self._pending = self._pending, None
            self._apply(exhibit, source)

    def _apply(self, exhibit: Exhibit, source: bytes) -> None:
        self._view.set_exhibit(exhibit)
        log.info("exhibit reloaded from %s", self._path)
        self._log("reload_applied", digest=digest_of(source))
        self.applied.emit(source)
