"""Tells the app when staff have saved a change to the exhibit, so it can reload live.

Staff edit `exhibit.yaml` and its images with whatever editor they have, and editors save
in very different ways: some write the file in place, most write a temporary file and
rename it over the old one (which silently ends a `QFileSystemWatcher` watch on the old
file), some delete and recreate. So the watcher also watches the containing folders,
re-arms each file watch whenever the file's inode changes, and compares a signature of
every watched file rather than trusting which notification fired. A slow poll is the
safety net for anything the kernel's notifications miss (a folder removed and recreated,
a full inotify table).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal, Slot

from kiosk.exhibit.filebytes import read_regular_file

log = logging.getLogger(__name__)

# "Changed": a new inode, size, mtime, ctime (no tool sets it back), and for the exhibit
# file a digest too (FAT sticks keep mtime to 2 s; a typo fix often keeps the size).
_Signature = tuple[int, int, int, int, int, bytes] | None
_Identity = tuple[int, int]  # (st_dev, st_ino): which inode a watch is really on

_DIGEST_LIMIT = 8 * 1024 * 1024  # the loader refuses exhibit files far smaller than this


class ReloadWatcher(QObject):
    """Emits :attr:`changed` once writes to the exhibit or any file it shows have settled.

    Only a real change to a watched file counts: editor swap files, backups and anything
    else in the same folders are ignored, because the check compares signatures of the
    watched files only.
    """

    changed = Signal()
    """A watched file was written, replaced, removed or recreated, and has been quiet for
    ``settle_ms``. Emitted once per burst of saves."""

    def __init__(
        self,
        settle_ms: int = 400,
        parent: QObject | None = None,
        *,
        poll_ms: int = 2_000,
    ) -> None:
        super().__init__(parent)
        self._fs = QFileSystemWatcher(self)
        self._fs.fileChanged.connect(self._on_notified)
        self._fs.directoryChanged.connect(self._on_notified)

        self._settle = QTimer(self, singleShot=True, interval=settle_ms)
        self._settle.timeout.connect(self._on_settled)
        self._poll = QTimer(self, interval=poll_ms)
        self._poll.timeout.connect(self._on_notified)
        self._poll_ms = poll_ms

        self._exhibit = ""
        self._files: tuple[str, ...] = ()
        self._emitted: dict[str, _Signature] = {}  # as of the last `changed` (or watch)
        self._seen: dict[str, _Signature] = {}  # as of the last look
        self._watching: dict[str, _Identity] = {}  # path → inode its watch is on
        self._reported_missing: set[str] = set()
        self._unwatchable: set[str] = set()

    # ----------------------------------------------------------------------- API

    def watch(self, exhibit_file: Path, referenced: Iterable[Path] = ()) -> None:
        """Watch *exhibit_file* and *referenced*, replacing whatever was watched before.

        Called again after every reload with the new exhibit's files. A file that was
        already watched keeps the signature it had at the last `changed`, so a save that
        lands while the app is reloading still triggers one more reload.
        """
        self._exhibit = os.path.abspath(exhibit_file)
        files = dict.fromkeys([self._exhibit, *(os.path.abspath(p) for p in referenced)])
        self._files = tuple(files)
        self._rearm()
        current = self._signatures()
        self._emitted = {
            path: self._emitted[path] if path in self._emitted else current[path]
            for path in self._files
        }
        self._seen = current
        if current != self._emitted:
            self._settle.start()
        if self._poll_ms > 0:
            self._poll.start()
        log.info(
            "Watching %s and %d file(s) it names for changes",
            self._exhibit,
            len(self._files) - 1,
        )

    @Slot()
    def stop(self) -> None:
        """Stop watching everything; no `changed` until :meth:`watch` is called again."""
        self._settle.stop()
        self._poll.stop()
        watched = self._fs.files() + self._fs.directories()
        if watched:
            self._fs.removePaths(watched)
        self._watching.clear()
        self._files = ()
        self._emitted.clear()
        self._seen.clear()
        self._reported_missing.clear()
        self._unwatchable.clear()

    # ------------------------------------------------------------------ internals

    def _on_notified(self, _path: str = "") -> None:
        """Something in a watched file or folder moved: re-arm, and restart the settle
        timer only if a watched file really differs from what was last seen."""
        if not self._files:
            return
        self._rearm()
        current = self._signatures()
        if current != self._seen:
            self._seen = current
            self._settle.start()

    def _on_settled(self) -> None:
        self._rearm()
        current = self._signatures()
        if current != self._seen:  # still being written: wait for another quiet spell
            self._seen = current
            self._settle.start()
            return
        differ = [path for path in self._files if current[path] != self._emitted.get(path)]
        if not differ:
            return  # e.g. a file written and then restored before the dust settled
        self._emitted = dict(current)
        log.info("Changed on disk (%s); reading it again", ", ".join(differ[:5]))
        self.changed.emit()

    def _signatures(self) -> dict[str, _Signature]:
        return {path: _signature(path, digest=path == self._exhibit) for path in self._files}

    def _rearm(self) -> None:
        """Make sure every existing watched file and its folder has a live watch.

        A folder that is gone is stood in for by its nearest existing ancestor, so its
        return is noticed at once rather than at the next poll.
        """
        wanted: dict[str, _Identity] = {}
        for folder in dict.fromkeys(os.path.dirname(path) for path in self._files):
            identity = _identity(folder)
            if identity is None:
                self._report_missing(folder, "folder")
                ancestor = _nearest_existing_folder(folder)  # guard: watch-survives-folder-removal
                if ancestor is not None and (ancestor_id := _identity(ancestor)) is not None:
                    wanted[ancestor] = ancestor_id
            else:
                # guard: watch-the-folders
                self._report_back(folder)
                wanted[folder] = identity
        for path in self._files:
            identity = _identity(path)
            if identity is None:
                self._report_missing(path, "file")
            else:
                self._report_back(path)
                wanted[path] = identity

        listed = set(self._fs.files()) | set(self._fs.directories())
        # guard: watch-follows-new-inode
        stale = [p for p in listed if p not in wanted or self._watching.get(p) != wanted[p]]
        if stale:
            self._fs.removePaths(stale)
        self._watching = {p: self._watching[p] for p in listed.difference(stale)}
        for path, identity in wanted.items():
            if path in self._watching:
                continue
            if self._fs.addPath(path):
                self._watching[path] = identity
                self._unwatchable.discard(path)
            elif path not in self._unwatchable:
                # Usually the inotify watch limit (fs.inotify.max_user_watches).
                self._unwatchable.add(path)
                log.warning(
                    "Cannot watch %s for changes; checking it every %.1f s instead",
                    path,
                    self._poll_ms / 1000,
                )

    def _report_missing(self, path: str, kind: str) -> None:
        if path not in self._reported_missing:
            self._reported_missing.add(path)
            log.warning("The %s %s is missing; watching for it to come back", kind, path)

    def _report_back(self, path: str) -> None:
        if path in self._reported_missing:
            self._reported_missing.discard(path)
            log.info("%s is back; watching it again", path)



def _identity(path: str) -> _Identity | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _signature(path: str, *, digest: bool) -> _Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    content = b""
    if digest and st.st_size <= _DIGEST_LIMIT:
        try:
            data = read_regular_file(path, _DIGEST_LIMIT)
            content = hashlib.blake2b(data, digest_size=16).digest()
        except OSError:  # a FIFO or a device in the file's place included: never waited on
            content = b"unreadable"
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, content


def _nearest_existing_folder(path: str) -> str | None:
    parent = os.path.dirname(path)
    while parent != path:
        if os.path.isdir(parent):
            return parent
        path, parent = parent, os.path.dirname(parent)
    return None
