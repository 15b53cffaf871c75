"""Logging to stderr and a rotating file, and carrying on when the file cannot be opened."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logsetup import LogFile, setup_logging


@pytest.fixture(autouse=True)
def restore_root_logger() -> Iterator[None]:
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    yield
    for handler in root.handlers:
        if handler not in before:
            handler.close()
    root.handlers[:] = before
    root.setLevel(level)


def ours() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers
            if getattr(h, "_exhibit_kiosk_handler", False)]


def test_logs_go_to_a_rotating_file_and_stderr(tmp_path: Path, capsys) -> None:
    path = setup_logging(log_dir=tmp_path)
    logging.getLogger("kiosk.test").info("exhibit loaded from %s", "exhibit.yaml")

    assert path == tmp_path / "kiosk.log"
    assert "exhibit loaded from exhibit.yaml" in path.read_text("utf-8")
    assert "exhibit loaded from exhibit.yaml" in capsys.readouterr().err
    rotating = [h for h in ours() if isinstance(h, LogFile)]
    assert rotating[0].maxBytes == 1_000_000 and rotating[0].backupCount == 5


@contextlib.contextmanager
def logging_only_to(handler: logging.Handler, name: str) -> Iterator[logging.Logger]:
    """A logger that writes to ``handler`` alone, closed afterwards (a failing last flush
    ignored, as logging.shutdown ignores it at exit)."""
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger(name)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield logger
    finally:
        logger.removeHandler(handler)
        with contextlib.suppress(OSError):
            handler.close()


def test_a_full_log_is_moved_aside_and_the_oldest_dropped(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.log"
    with logging_only_to(LogFile(path, max_bytes=100, backup_count=3), "kiosk.t.r") as logger:
        for number in range(30):
            logger.warning("record %02d %s", number, "x" * 40)  # 50 bytes a line
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    assert all(p.stat().st_size <= 100 for p in tmp_path.iterdir())
    assert "record 29" in path.read_text("utf-8")
    assert "record 28" in (tmp_path / "kiosk.log.1").read_text("utf-8")
    everything = "".join(p.read_text("utf-8") for p in tmp_path.iterdir())
    assert "record 00" not in everything  # the oldest went, not the newest


def test_default_folder_is_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert setup_logging() == tmp_path / "exhibit-kiosk" / "kiosk.log"


def test_calling_twice_does_not_double_the_handlers(tmp_path: Path, capsys) -> None:
    setup_logging(log_dir=tmp_path)
    setup_logging(level=logging.DEBUG, log_dir=tmp_path)
    logging.getLogger("kiosk.test").debug("once")

    assert len(ours()) == 2
    assert capsys.readouterr().err.count("once") == 1
    assert (tmp_path / "kiosk.log").read_text("utf-8").count("once") == 1


def test_an_unopenable_log_file_leaves_stderr_and_says_so_once(tmp_path: Path,
                                                               capsys) -> None:
    # A plain file where the folder should be stands in for a read-only disk (tests run
    # as root, which chmod cannot stop).
    blocker = tmp_path / "data"
    blocker.write_text("x")
    assert setup_logging(log_dir=blocker / "logs") is None
    logging.getLogger("kiosk.test").warning("still visible")

    err = capsys.readouterr().err
    assert err.count("cannot open the log file") == 1
    assert "logging to stderr only" in err
    assert "still visible" in err
    assert [type(h) for h in ours()] == [logging.StreamHandler]


def test_a_full_disk_is_said_once_not_with_a_traceback_a_record(capsys) -> None:
    # /dev/full refuses every write with "No space left on device", as a full disk does.
    full = LogFile(Path("/dev/full"), max_bytes=0, backup_count=0)
    with logging_only_to(full, "kiosk.t.full") as logger:
        for number in range(20):
            logger.warning("record %d", number)
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err
    assert err.count("cannot write") == 1 and "No space left on device" in err
