"""The visitor event log: one JSON object a line, appended as things happen.

It records what visitors did (an era opened, a panel shown, the language changed, an idle
reset), never who they are: callers pass event names and exhibit ids only, no free text a
visitor typed. A kiosk runs for months on a small disk that may fill or be remounted
read-only, so a failed write never stops the exhibit: it is logged once per run of
failures and tried again on the next event.

Once ``events.jsonl`` passes ``max_bytes`` it is rotated, as ``kiosk.log`` is: renamed
aside here (one system call), then renumbered and gzip-compressed on a background thread
(kiosk.live.eventrotation, which also names the files).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.live.eventrotation import compress_rotated, move_along, rotated_path
from kiosk.paths import data_dir

EVENT_LOG_NAME = "events.jsonl"
DEFAULT_MAX_BYTES = 5_000_000  # an hour of non-stop touching, days of ordinary visits
DEFAULT_KEEP = 10
_RESERVED = frozenset({"time", "event"})
_OPEN_FLAGS = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)

logger = logging.getLogger(__name__)


def default_event_log_path() -> Path:
    """``events.jsonl`` in the kiosk's data folder."""
    return data_dir() / EVENT_LOG_NAME


def _now() -> datetime:
    return datetime.now().astimezone()


def _ends_mid_line(path: Path) -> bool:
    """True when the file's last byte is not a newline (power lost, or a disk filled, mid-write)."""
    try:
        with path.open("rb") as file:
            if file.seek(0, os.SEEK_END) == 0:
                return False
            file.seek(-1, os.SEEK_END)
            return file.read(1) != b"\n"
    except OSError:
        return False


class EventLog:
    """Appends events to a JSON Lines file; never raises on a failed write.

    Rotation renames the file aside on the calling (GUI) thread, which costs one system
    call; moving the older files along and compressing happen on a background thread, one
    rotation at a time.
    """

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None, *,
                 max_bytes: int = DEFAULT_MAX_BYTES, keep: int = DEFAULT_KEEP) -> None:
        if max_bytes < 1 or keep < 1:
            raise ValueError(f"max_bytes and keep must be 1 or more, not {max_bytes}, {keep}")
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.keep = keep
        self._clock = clock or _now
        self._failing = False
        # Checked before the first write and after every failure, so a torn line left
        # behind is ended instead of having the next record glued onto it.
        self._check_tail = True
        # Written by the GUI thread only while no rotation runs, and by the rotation only
        # while it runs.
        self._rotate_at = max_bytes
        self._rotation_failing = False
        self._rotation: threading.Thread | None = None

    @property
    def failing(self) -> bool:
        """Whether the last write failed."""
        return self._failing

    def log(self, event: str, **fields: object) -> None:
        """Append ``{"time": …, "event": event, **fields}`` as one line."""
        clash = _RESERVED & fields.keys()
        if clash:
            raise TypeError(f"event fields may not be named {', '.join(sorted(clash))}")
        moment = self._clock()
        if moment.tzinfo is None:
            moment = moment.astimezone()
        record = {"time": moment.isoformat(timespec="milliseconds"), "event": event, **fields}
        line = json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":")) + "\n"
        try:
            size = self._append(line.encode("utf-8"))
        except OSError as error:  # guard: event-log-write-failure
            self._check_tail = True
            if not self._failing:
                logger.warning(
                    "cannot write the event log %s (%s); events are dropped until it "
                    "is writable again", self.path, error.strerror or error)
            self._failing = True
            return
        if self._failing:
            logger.info("the event log %s is writable again", self.path)
        self._failing = False
        self._check_tail = False
        if size >= self._rotate_at:
            self._rotate(size)

    def wait_for_rotation(self, timeout: float | None = None) -> bool:
        """Wait until the rotation under way (if any) is done; False if it still runs."""
        rotation = self._rotation
        if rotation is None:
            return True
        rotation.join(timeout)
        return not rotation.is_alive()

    def _append(self, data: bytes) -> int:
        """Write ``data`` at the end of the file; returns the file's size after it."""
        # Opened per event so a deleted or rotated file is noticed rather than written
        # into the void; events are rare enough that the open costs nothing.
        if self._check_tail and _ends_mid_line(self.path):  # guard: event-log-torn-line
            data = b"\n" + data
        try:
            fd = os.open(self.path, _OPEN_FLAGS, 0o644)
        except FileNotFoundError:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, _OPEN_FLAGS, 0o644)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            return os.fstat(fd).st_size
        finally:
            os.close(fd)

    def _rotate(self, size: int) -> None:
        # guard: event-log-one-rotation-at-a-time
        if self._rotation is not None and self._rotation.is_alive():
            return  # one at a time: the file grows a little past the limit meanwhile
        # Should this attempt fail, the next waits until the file has grown this much more.
        self._rotate_at = size + self.max_bytes  # guard: event-log-rotation-backoff
        pending = rotated_path(self.path, 0, compressed=False)
        # One left by a crash or a failed rotation is moved along first, never renamed over.
        left_over = os.path.lexists(pending)  # guard: event-log-pending-not-renamed-over
        if not left_over:
            try:
                os.rename(self.path, pending)  # guard: event-log-rename-before-compress
            except OSError as refused:  # guard: event-log-rename-refused
                self._rotation_failed(refused)
                return
            self._rotate_at = self.max_bytes
        rotation = threading.Thread(target=self._finish_rotation, args=(left_over,),
                                    name="event-log-rotation", daemon=True)
        try:
            rotation.start()
        except RuntimeError as refused:  # no thread to be had: the pending file waits
            self._rotation_failed(refused)
            return
        self._rotation = rotation

    def _finish_rotation(self, then_again: bool) -> None:
        # Any error is caught here: one escaping a thread would count as a kiosk fault.
        try:
            move_along(self.path, self.keep)
            # guard: event-log-pending-then-current
            if then_again:  # the file that was waiting for the pending one goes next
                self._rotate_at = self.max_bytes
            compress_rotated(self.path)
        except OSError as failure:  # guard: event-log-rotation-failure-said
            self._rotation_failed(failure)
            return
        except Exception:
            logger.exception("rotating the event log %s failed", self.path)
            self._rotation_failing = True
            return
        if self._rotation_failing:
            logger.info("the event log %s is rotated again", self.path)
        self._rotation_failing = False

    def _rotation_failed(self, failure: Exception) -> None:
        if not self._rotation_failing:
            reason = failure.strerror if isinstance(failure, OSError) else None
            logger.warning(
                "cannot rotate the event log %s (%s); no event is lost: it stays in %s "
                "or an uncompressed %s.N, and rotation is tried again later",
                self.path, reason or failure, self.path.name, self.path.name)
        self._rotation_failing = True
