"""The visitor event log: one JSON object a line, appended as things happen.

It records what visitors did (an era opened, a panel shown, the language changed, an idle
reset), never who they are: callers pass event names and exhibit ids only, no free text a
visitor typed. A kiosk runs for months on a small disk that may fill or be remounted
read-only, so a failed write never stops the exhibit: it is logged once per run of
failures and tried again on the next event.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.paths import data_dir

EVENT_LOG_NAME = "events.jsonl"
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
    """Appends events to a JSON Lines file; never raises on a failed write."""

    def __init__(self, path: Path, clock: Callable[[], datetime] | None = None) -> None:
        self.path = Path(path)
        self._clock = clock or _now
        self._failing = False
        # Checked before the first write and after every failure, so a torn line left
        # behind is ended instead of having the next record glued onto it.
        self._check_tail = True

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
        import json  # here: the kiosk's first event comes after its first frame

        line = json.dumps(record, ensure_ascii=False, default=str, separators=(",", ":")) + "\n"
        try:
            self._append(line.encode("utf-8"))
        except OSError as error:
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

    def _append(self, data: bytes) -> None:
        # Opened per event so a deleted or rotated file is noticed rather than written
        # into the void; events are rare enough that the open costs nothing.
        if self._check_tail and _ends_mid_line(self.path):
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
        finally:
            os.close(fd)
