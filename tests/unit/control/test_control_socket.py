"""The control socket: the kiosk's QLocalServer answering the blocking client of
`kiosk status`, in one process (the client on a worker thread, the server in Qt's loop)."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from kiosk.control.client import NoKiosk, ask
from kiosk.control.server import ControlServer
from kiosk.control.socketpath import control_socket_path, runtime_dir

WAIT_MS = 5000


@pytest.fixture
def worker() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(1) as pool:
        yield pool


@pytest.fixture
def server(qtbot, tmp_path: Path) -> Iterator[ControlServer]:
    handlers = {"status": lambda: {"kiosk": "hall-2", "open": True},
                "broken": lambda: {"never": 1 // 0}}
    control = ControlServer(tmp_path / "run" / "exhibit-kiosk" / "control.sock", handlers)
    assert control.listen()
    yield control
    control.close()


def answer(qtbot, future: Future[Any]) -> Any:
    """What the client on the worker got, the Qt loop running meanwhile to answer it."""
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    return future.result()


def test_status_is_asked_and_answered(qtbot, server: ControlServer,
                                      worker: ThreadPoolExecutor) -> None:
    assert answer(qtbot, worker.submit(ask, "status", server.path)) == {
        "kiosk": "hall-2", "open": True}


def test_an_unknown_command_is_an_error_naming_the_known_ones(
        qtbot, server: ControlServer, worker: ThreadPoolExecutor) -> None:
    future = worker.submit(ask, "reboot", server.path)
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    with pytest.raises(NoKiosk, match=r"unknown command 'reboot'; known: broken, status"):
        future.result()


def test_a_failing_command_answers_an_error_and_the_server_goes_on(
        qtbot, server: ControlServer, worker: ThreadPoolExecutor) -> None:
    future = worker.submit(ask, "broken", server.path)
    qtbot.waitUntil(future.done, timeout=WAIT_MS)
    with pytest.raises(NoKiosk, match="ZeroDivisionError"):
        future.result()
    assert answer(qtbot, worker.submit(ask, "status", server.path))["kiosk"] == "hall-2"


def raw(path: Path, request: bytes) -> bytes:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(WAIT_MS / 1000)
        connection.connect(str(path))
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(4096):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(("request_bytes", "error"), [
    (b"status\n", "the request is not JSON"),
    (b'["status"]\n', "unknown command None"),
    (b"x" * 5000, "the request is too long"),
])
def test_bad_requests_get_an_error_not_a_crash(qtbot, server: ControlServer,
                                               worker: ThreadPoolExecutor,
                                               request_bytes: bytes, error: str) -> None:
    reply = answer(qtbot, worker.submit(raw, server.path, request_bytes))
    assert error in reply.decode()


def test_only_the_kiosk_account_may_enter_the_folder_or_use_the_socket(
        server: ControlServer) -> None:
    assert stat.S_IMODE(server.path.parent.stat().st_mode) == 0o700
    mode = stat.S_IMODE(server.path.stat().st_mode)
    assert stat.S_ISSOCK(server.path.stat().st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_a_second_kiosk_does_not_take_over_the_first_ones_socket(
        qtbot, server: ControlServer, worker: ThreadPoolExecutor,
        caplog: pytest.LogCaptureFixture) -> None:
    second = ControlServer(server.path, {"status": lambda: {"kiosk": "imposter"}})
    assert not second.listen()
    assert "another kiosk of this account already answers" in caplog.text
    assert answer(qtbot, worker.submit(ask, "status", server.path))["kiosk"] == "hall-2"


def test_a_socket_left_by_a_crashed_kiosk_is_replaced(qtbot, tmp_path: Path,
                                                      worker: ThreadPoolExecutor) -> None:
    path = tmp_path / "control.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as dead:
        dead.bind(str(path))  # bound, never listening: as a crash leaves it
    control = ControlServer(path, {"status": lambda: {"kiosk": "hall-2"}})
    try:
        assert control.listen()
        assert answer(qtbot, worker.submit(ask, "status", path))["kiosk"] == "hall-2"
    finally:
        control.close()
    assert not path.exists(), "a kiosk that stops takes its socket away"


def test_asking_with_no_kiosk_running_says_so(tmp_path: Path) -> None:
    with pytest.raises(NoKiosk, match=r"no kiosk is running for this account \(nothing "
                                      r"answers at .*control.sock\); .*sudo -u ACCOUNT"):
        ask("status", tmp_path / "control.sock")


def test_a_kiosk_that_does_not_answer_times_out(tmp_path: Path) -> None:
    path = tmp_path / "control.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as hung:
        hung.bind(str(path))
        hung.listen(1)  # accepted by the kernel, never answered
        with pytest.raises(NoKiosk, match="did not answer within 0.2 s"):
            ask("status", path, timeout=0.2)


def test_the_socket_lives_in_the_runtime_folder(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert control_socket_path() == tmp_path / "exhibit-kiosk" / "control.sock"
    # sudo -u clears the variable (and a relative one is invalid): logind's folder then.
    for value in ("", "relative/run"):
        monkeypatch.setenv("XDG_RUNTIME_DIR", value)
        assert runtime_dir() == Path(f"/run/user/{os.getuid()}/exhibit-kiosk")
    assert runtime_dir(uid=1001) == Path("/run/user/1001/exhibit-kiosk")


def test_a_runtime_folder_that_cannot_be_made_leaves_the_kiosk_without_status(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    control = ControlServer(blocker / "exhibit-kiosk" / "control.sock", {})
    assert not control.listen()
    assert "no `kiosk status` for this kiosk: cannot make" in caplog.text



def test_a_socket_path_too_long_for_unix_is_said_plainly(tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    control = ControlServer(tmp_path / ("d" * 120) / "control.sock", {})
    assert not control.listen()
    assert "is too long for a unix socket (under 108 bytes)" in caplog.text
