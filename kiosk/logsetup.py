"""Logging for an unattended kiosk: stderr (the journal under systemd) and a rotating file."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.paths import data_dir

LOG_FILE_NAME = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Marks the handlers this module adds, so a second call replaces them instead of doubling.
_MARK = "_exhibit_kiosk_handler"


def _marked(handler: logging.Handler) -> logging.Handler:
    setattr(handler, _MARK, True)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


class RotatingFile(logging.FileHandler):
    """A log file moved aside to ``NAME.1`` (``.2`` … up to ``backup_count``) once it
    passes ``max_bytes``, so months unattended never fill the disk.

    What ``logging.handlers.RotatingFileHandler`` does, without that module's imports
    (sockets, pickling, queues), which were a noticeable share of the kiosk's start-up.
    """

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except OSError:
            self.handleError(record)
            return
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None  # type: ignore[assignment]  # reopened by the next emit
        base = self.baseFilename
        for number in range(self.backup_count - 1, 0, -1):
            if os.path.exists(f"{base}.{number}"):
                os.replace(f"{base}.{number}", f"{base}.{number + 1}")
        os.replace(base, f"{base}.1")


def setup_logging(level: int = logging.INFO, log_dir: Path | None = None) -> Path | None:
    """Send log records to stderr and to ``kiosk.log`` (1 MB × 5) in the data folder.

    Returns the log file's path, or None when it could not be opened (a read-only disk):
    the kiosk then logs to stderr only, and says so once. Calling it again replaces the
    handlers it added before rather than adding more.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _MARK, False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    root.addHandler(_marked(logging.StreamHandler(sys.stderr)))

    try:
        folder = log_dir if log_dir is not None else data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOG_FILE_NAME
        file_handler = RotatingFile(path, MAX_BYTES, BACKUP_COUNT)
    except OSError as error:
        logging.getLogger(__name__).warning(
            "cannot open the log file (%s); logging to stderr only", error)
        return None
    root.addHandler(_marked(file_handler))
    return path
