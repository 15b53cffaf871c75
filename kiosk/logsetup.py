"""Logging for an unattended kiosk: stderr (the journal under systemd) and a rotating file."""

from __future__ import annotations

import logging
import logging.handlers
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
        file_handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
    except OSError as error:
        logging.getLogger(__name__).warning(
            "cannot open the log file (%s); logging to stderr only", error)
        return None
    root.addHandler(_marked(file_handler))
    return path
