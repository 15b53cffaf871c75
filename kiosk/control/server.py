"""The answering side of the control socket: a QLocalServer in the GUI thread's event loop.

Each connection sends one line of JSON, ``{"command": "status"}``, and gets one JSON object
back before the kiosk closes it: what the command's handler returned, or ``{"error": …}``.
The socket's folder is the account's runtime folder, made private to it, and the socket
itself is for its user only: nobody else on the machine may ask.
"""

from __future__ import annotations

import json
import logging
import os
import socket
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

Handler = Callable[[], dict[str, Any]]
MAX_REQUEST = 4096  # bytes; a request is one short line
REQUEST_TIMEOUT_MS = 5000  # a client that connects and says nothing is let go
MAX_SOCKET_PATH = 108  # sun_path, with its terminating zero byte


class ControlServer(QObject):
    """Answers the commands in ``handlers`` on a unix socket at ``path``."""

    def __init__(self, path: Path, handlers: Mapping[str, Handler],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._handlers = dict(handlers)
        self._server = QLocalServer(self)
        # guard: control-socket-user-only
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start answering; False (logged) when the socket cannot be made, or another kiosk
        of this account already answers there. The kiosk runs on either way."""
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(self.path.parent, 0o700)  # guard: control-folder-private
        except OSError as error:
            log.warning("no `kiosk status` for this kiosk: cannot make %s (%s)",
                        self.path.parent, error.strerror or error)
            return False
        if len(os.fsencode(self.path)) >= MAX_SOCKET_PATH:
            log.warning("no `kiosk status` for this kiosk: %s is too long for a unix socket "
                        "(under %d bytes); give it a shorter XDG_RUNTIME_DIR", self.path,
                        MAX_SOCKET_PATH)
            return False
        if _answers(self.path):
            log.warning("no `kiosk status` for this kiosk: another kiosk of this account "
                        "already answers at %s", self.path)
            return False
        QLocalServer.removeServer(str(self.path))  # left behind by a kiosk that crashed
        if not self._server.listen(str(self.path)):
            log.warning("no `kiosk status` for this kiosk: cannot listen at %s (%s)",
                        self.path, self._server.errorString())
            return False
        log.info("`kiosk status` and `kiosk screenshot` reach this kiosk at %s", self.path)
        return True

    def close(self) -> None:
        self._server.close()  # removes the socket file

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            _Conversation(connection, self._handlers, parent=self)


class _Conversation(QObject):
    """One connection: read the request line, answer, close."""

    def __init__(self, connection: QLocalSocket, handlers: Mapping[str, Handler],
                 parent: QObject) -> None:
        super().__init__(parent)
        self._connection = connection
        self._handlers = handlers
        self._buffer = b""
        self._answered = False
        connection.setParent(self)
        connection.readyRead.connect(self._read)
        connection.disconnected.connect(self.deleteLater)
        QTimer.singleShot(REQUEST_TIMEOUT_MS, self, self._give_up)
        self._read()  # it may have written before we connected

    def _read(self) -> None:
        if self._answered:
            return
        self._buffer += bytes(self._connection.readAll().data())
        if b"\n" in self._buffer:
            self._answer(self._reply(self._buffer.split(b"\n", 1)[0]))
        elif len(self._buffer) > MAX_REQUEST:
            self._answer({"error": "the request is too long"})

    def _reply(self, line: bytes) -> dict[str, Any]:
        try:
            request = json.loads(line)
        except ValueError:
            return {"error": "the request is not JSON"}
        command = request.get("command") if isinstance(request, dict) else None
        handler = self._handlers.get(command) if isinstance(command, str) else None
        if handler is None:
            return {"error": f"unknown command {command!r}; known: "
                             + ", ".join(sorted(self._handlers))}
        try:
            return handler()
        except Exception as error:  # a failed answer must not take the kiosk down
            log.exception("the control command %r failed", command)
            return {"error": f"{type(error).__name__}: {error}"}

    def _answer(self, reply: dict[str, Any]) -> None:
        self._answered = True
        self._connection.write(QByteArray(json.dumps(reply).encode() + b"\n"))
        self._connection.disconnectFromServer()  # after what is written has gone

    def _give_up(self) -> None:
        if not self._answered:
            self._connection.abort()
            self.deleteLater()


def _answers(path: Path) -> bool:
    """Whether something already accepts connections at ``path``."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True
