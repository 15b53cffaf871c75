"""The systemd watchdog: READY once, then pings from the GUI thread's event loop."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.live.watchdog import Watchdog

pytestmark = pytest.mark.gui


class Listener:
    """Stands in for systemd: a datagram socket that collects what the kiosk sends."""

    def __init__(self, path: Path) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(path))
        self.sock.setblocking(False)
        self.messages: list[str] = []

    def drain(self) -> list[str]:
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except BlockingIOError:
                return self.messages


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch) -> Iterator[Listener]:
    listener = Listener(tmp_path / "notify.sock")
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "notify.sock"))
    monkeypatch.setenv("WATCHDOG_USEC", "100000")  # 0.1 s: pings every 50 ms
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    yield listener
    listener.sock.close()


def test_ready_once_then_regular_pings(qtbot, systemd: Listener) -> None:
    watchdog = Watchdog()
    watchdog.start()
    assert watchdog.active and watchdog.interval_ms() == 50

    def ready_and_two_pings() -> None:
        messages = systemd.drain()
        assert messages[0] == "READY=1"
        assert messages.count("WATCHDOG=1") >= 3  # one at start, two from the timer

    qtbot.waitUntil(ready_and_two_pings, timeout=5000)
    watchdog.start()  # starting again does not announce readiness again
    watchdog.stop()
    assert not watchdog.active
    assert systemd.drain().count("READY=1") == 1


def test_without_a_watchdog_only_readiness_is_sent(qtbot, systemd: Listener,
                                                   monkeypatch) -> None:
    monkeypatch.delenv("WATCHDOG_USEC")
    watchdog = Watchdog()
    watchdog.start()
    assert not watchdog.active
    qtbot.waitUntil(lambda: systemd.drain() == ["READY=1"], timeout=5000)


def test_outside_systemd_start_is_harmless(qtbot, monkeypatch) -> None:
    for name in ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"):
        monkeypatch.delenv(name, raising=False)
    watchdog = Watchdog()
    watchdog.start()
    assert not watchdog.active
