"""Logging for an unattended kiosk: stderr (the journal under systemd) and a rotating file."""

from __future__ import annotations

import logging
import sys
from logging.handlers import RotatingFileHandler
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


class LogFile(RotatingFileHandler):
    """``kiosk.log``, moved aside to ``kiosk.log.1`` … once it passes ``maxBytes``, so
    months unattended never fill the disk. A write that fails (a full or read-only disk)
    is said once on stderr, not with a traceback for every record, and again only after
    a record has been written since."""

    def __init__(self, path: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8")
        self._failing = False
        self._errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        errors = self._errors
        super().emit(record)  # on failure it calls handleError, which counts the error
        if self._failing and self._errors == errors:
            self._failing = False
            sys.stderr.write(f"{self.baseFilename}: writing again\n")

    # guard: log-file-full-disk-said-once
    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        self._errors += 1
        if not self._failing:
            self._failing = True
            sys.stderr.write(f"{self.baseFilename}: cannot write ({sys.exc_info()[1]}); "
                             "logging to stderr only until it can\n")


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
        file_handler = LogFile(path, MAX_BYTES, BACKUP_COUNT)
    except OSError as error:
        logging.getLogger(__name__).warning(
            "cannot open the log file (%s); logging to stderr only", error)
        return None
    root.addHandler(_marked(file_handler))
    return path
