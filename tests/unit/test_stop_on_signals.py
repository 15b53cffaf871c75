"""SIGTERM, as systemd stops the service, ends the event loop cleanly, from the loop."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kiosk.run import stop_on_signals


@pytest.fixture
def stoppable(qapp: QApplication) -> Iterator[QApplication]:
    stop_on_signals(qapp)
    yield qapp
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)


def test_the_python_handler_does_nothing_itself(stoppable: QApplication,
                                                caplog: pytest.LogCaptureFixture) -> None:
    # Python runs it between any two bytecodes: in the middle of a write to stderr, say,
    # where logging (or anything else) would re-enter what was interrupted.
    with caplog.at_level(logging.INFO):
        signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)  # type: ignore[operator]
    assert caplog.records == []


def test_sigterm_ends_the_event_loop(stoppable: QApplication,
                                     caplog: pytest.LogCaptureFixture) -> None:
    QTimer.singleShot(0, lambda: os.kill(os.getpid(), signal.SIGTERM))
    # Should the signal not stop the loop; stopped after, or it would end a later test's.
    never_stopped = QTimer(singleShot=True, interval=5000)
    never_stopped.timeout.connect(lambda: stoppable.exit(1))
    never_stopped.start()
    with caplog.at_level(logging.INFO):
        code = stoppable.exec()
    never_stopped.stop()
    assert code == 0
    assert "stopping on signal 15" in caplog.text
