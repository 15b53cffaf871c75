"""The sd_notify protocol against a real datagram socket, as systemd would listen."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.service.sdnotify import notify, watchdog_interval


@pytest.fixture
def listener(tmp_path: Path, monkeypatch) -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = tmp_path / "notify.sock"
    sock.bind(str(path))
    sock.settimeout(5)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    yield sock
    sock.close()


def test_notify_sends_the_message_to_notify_socket(listener: socket.socket) -> None:
    assert notify("READY=1")
    assert listener.recv(4096) == b"READY=1"


def test_notify_reaches_an_abstract_socket(monkeypatch) -> None:
    name = f"exhibit-kiosk-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind(b"\0" + name.encode())
        sock.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
        assert notify("WATCHDOG=1")
        assert sock.recv(4096) == b"WATCHDOG=1"


def test_outside_systemd_notify_is_a_quiet_no(monkeypatch, capsys) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert notify("READY=1") is False
    assert capsys.readouterr() == ("", "")


def test_a_vanished_socket_is_a_quiet_no(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NOTIFY_SOCKET", str(tmp_path / "nobody-listens"))
    assert notify("READY=1") is False


@pytest.mark.parametrize(
    ("usec", "pid", "expected"),
    [
        ("30000000", None, 30.0),
        ("30000000", "self", 30.0),
        ("30000000", "parent", 30.0),  # under cage: the compositor is the main process
        ("30000000", "other", None),  # meant for another process in the unit
        ("0", None, None),
        ("junk", None, None),
        (None, None, None),
        ("30000000", "junk", None),
    ],
)
def test_watchdog_interval(monkeypatch, usec, pid, expected) -> None:
    for name, value in (("WATCHDOG_USEC", usec), ("WATCHDOG_PID", pid)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            value = {"self": str(os.getpid()), "parent": str(os.getppid()),
                     # not 1: a test run started by a container's init has 1 as its parent
                     "other": str(max(os.getpid(), os.getppid()) + 1)}.get(value, value)
            monkeypatch.setenv(name, value)
    assert watchdog_interval() == expected
