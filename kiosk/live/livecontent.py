"""Published releases reaching a running kiosk: the content folder (filled by Syncthing
or rsync) is checked on a thread of its own; a complete, valid release is adopted into the
kiosk's store and its exhibit goes up through the live reload (on the welcome screen or at
the next reset, never under a visitor); a broken one is refused and reported.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal, Slot

from kiosk.content.manifest import RELEASES
from kiosk.content.store import Outcome, ReleaseStore

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 3000  # besides the folder's change notices: a sync tool may write unseen
SETTLE_MS = 500  # a burst of files arriving is checked once it pauses


class _Checker(QObject):
    """On the content thread: checks the incoming folder, now and whenever it changes."""

    checked = Signal(object)  # list[Outcome]

    def __init__(self, store: ReleaseStore, incoming: Path) -> None:
        super().__init__()
        self._store = store
        self._incoming = incoming
        self._waiting_logged: set[str] = set()
        self._fs = QFileSystemWatcher(self)
        self._fs.directoryChanged.connect(self._soon)
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.check)
        self._poll = QTimer(self, interval=CHECK_EVERY_MS)
        self._poll.timeout.connect(self.check)

    @Slot()
    def start(self) -> None:
        self._poll.start()
        self.check()

    @Slot()
    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()

    @Slot()
    def check(self) -> None:
        self._watch()
        try:
            outcomes = self._store.check(self._incoming)
        except OSError as error:  # a store that cannot be written: say so, try again later
            log.warning("cannot check for new releases in %s: %s", self._incoming, error)
            return
        news = [o for o in outcomes
                if o.result != "waiting" or o.release not in self._waiting_logged]
        self._waiting_logged |= {o.release for o in outcomes if o.result == "waiting"}
        if news:
            self.checked.emit(news)

    def _soon(self) -> None:
        self._settle.start()

    def _watch(self) -> None:
        # The folders as they come and go; the poll covers what notices miss.
        releases = self._incoming / RELEASES
        wanted = [str(p) for p in (self._incoming, releases) if p.is_dir()]
        if releases.is_dir():
            wanted += [str(p) for p in releases.iterdir() if p.is_dir()]
        missing = sorted(set(wanted) - set(self._fs.directories()))
        if missing:
            self._fs.addPaths(missing)


class LiveContent(QObject):
    """Adopts releases from ``incoming`` into ``store``. The live reload, which follows
    the store's ``current`` link, sees the switch as it sees any edit (as it sees `kiosk
    rollback`'s) and puts the exhibit up."""

    adopted = Signal(str)  # the release now current
    refused = Signal(int)  # how many errors the refused release has

    def __init__(self, store: ReleaseStore, incoming: Path, log_event: Callable[..., None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log = log_event
        self._checker = _Checker(store, incoming)
        self._thread = QThread(self)
        self._thread.setObjectName("content")
        self._checker.moveToThread(self._thread)
        self._thread.started.connect(self._checker.start)
        self._thread.finished.connect(self._checker.stop)
        self._checker.checked.connect(self._checked)
        self._thread.start()

    def stop(self) -> None:
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _checked(self, outcomes: list[Outcome]) -> None:
        for outcome in outcomes:
            manifest = outcome.manifest
            if outcome.result == "waiting":
                log.info("release %s is still arriving (%s)", outcome.release,
                         "; ".join(outcome.messages))
            elif outcome.result == "refused":
                self._log("release_refused", release=outcome.release,
                          messages=list(outcome.messages))
                self.refused.emit(len(outcome.messages))
            else:
                self._log("release_adopted", release=outcome.release,
                          published_by=manifest.published_by if manifest else "",
                          published_at=(manifest.published_at.isoformat()
                                        if manifest else ""))
                self.adopted.emit(outcome.release)
