"""Uncaught errors in the running kiosk: logged, counted, and a restart when they pile up."""

from __future__ import annotations

import faulthandler
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from kiosk.live.faults import FaultHandler, install_fault_handler


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Panel(QObject):
    """A stand-in for any adapter whose slot has a bug."""

    touched = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0
        self.touched.connect(self.on_touched, type=Qt.ConnectionType.QueuedConnection)

    @Slot()
    def on_touched(self) -> None:
        self.calls += 1
        raise ZeroDivisionError(f"broken panel, call {self.calls}")


@pytest.fixture
def quits() -> list[str]:
    return []


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def handler(tmp_path: Path, quits: list[str], clock: FakeClock) -> Iterator[FaultHandler]:
    installed = install_fault_handler(threshold=3, window_seconds=60, clock=clock,
                                      on_too_many=lambda: quits.append("quit"),
                                      log_dir=tmp_path)
    yield installed
    installed.uninstall()


def fault_records(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "kiosk.fault" and r.levelno == logging.ERROR]


@pytest.mark.gui
def test_an_error_in_a_slot_is_logged_with_its_traceback(qtbot, handler, caplog,
                                                         quits) -> None:
    panel = Panel()
    with caplog.at_level(logging.ERROR, logger="kiosk.fault"):
        QTimer.singleShot(0, panel.on_touched)
        qtbot.waitUntil(lambda: len(fault_records(caplog)) == 1, timeout=5000)

    record = fault_records(caplog)[0]
    assert "broken panel, call 1" in record.getMessage()
    assert record.exc_info is not None and record.exc_info[0] is ZeroDivisionError
    assert "on_touched" in caplog.text  # the traceback names the slot
    assert handler.recent_faults == 1
    assert quits == []


@pytest.mark.gui
def test_too_many_errors_within_the_window_ask_to_quit_once(qtbot, handler, caplog,
                                                            quits) -> None:
    panel = Panel()
    with caplog.at_level(logging.ERROR, logger="kiosk.fault"):
        panel.touched.emit()
        panel.touched.emit()
        qtbot.waitUntil(lambda: panel.calls == 2, timeout=5000)
        assert quits == []
        panel.touched.emit()
        panel.touched.emit()
        qtbot.waitUntil(lambda: panel.calls == 4, timeout=5000)

    assert len(fault_records(caplog)) == 4
    assert quits == ["quit"]
    assert any(r.levelno == logging.CRITICAL for r in caplog.records)


def test_errors_spread_out_over_time_are_not_too_many(handler, clock, quits) -> None:
    for _ in range(5):
        try:
            raise RuntimeError("now and then")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
        clock.now += 31  # three errors never fall within one minute
    assert quits == []
    assert handler.recent_faults == 1


def test_errors_in_other_threads_are_caught_too(handler, caplog) -> None:
    def work() -> None:
        raise ValueError("in a worker thread")

    with caplog.at_level(logging.ERROR, logger="kiosk.fault"):
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert "in a worker thread" in fault_records(caplog)[0].getMessage()


def test_uninstall_puts_the_previous_hooks_back(tmp_path: Path) -> None:
    before, thread_before = sys.excepthook, threading.excepthook
    installed = install_fault_handler(on_too_many=lambda: None, log_dir=tmp_path)
    assert sys.excepthook == installed.excepthook
    assert faulthandler.is_enabled()
    installed.uninstall()
    assert sys.excepthook is before and threading.excepthook is thread_before


def test_a_hard_crash_leaves_a_stack_in_the_crash_log(tmp_path: Path) -> None:
    # A real segfault, in a child process so the test run survives it.
    script = (
        "import ctypes, pathlib\n"
        "from kiosk.live.faults import install_fault_handler\n"
        "install_fault_handler(on_too_many=lambda: None,\n"
        f"                      log_dir=pathlib.Path({str(tmp_path)!r}))\n"
        "def draw_panel():\n"
        "    ctypes.string_at(0)\n"
        "draw_panel()\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode != 0
    crash = (tmp_path / "crash.log").read_text("utf-8")
    assert "--- kiosk started" in crash
    assert "Segmentation fault" in crash and "draw_panel" in crash
