"""A stand-in for systemd's notify socket: what a kiosk started as a service tells it."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

WATCHDOG_USEC = 2_000_000  # pings every second


class Systemd:
    """What systemd hears on the notify socket: each datagram with the time it came."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        self._socket.settimeout(0.2)
        self.heard: list[tuple[float, str]] = []
        self._lock = threading.Lock()
        self._open = True
        self._thread = threading.Thread(target=self._listen, daemon=True)
        self._thread.start()

    def _listen(self) -> None:
        while self._open:
            try:
                data = self._socket.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.heard.extend((time.monotonic(), line)
                                  for line in data.decode().splitlines())

    def said(self, what: str, since: float = 0.0) -> list[float]:
        with self._lock:
            return [when for when, line in self.heard if line == what and when >= since]

    def close(self) -> None:
        self._open = False
        self._thread.join(timeout=5)
        self._socket.close()

    def environment(self) -> dict[str, str]:
        return {"NOTIFY_SOCKET": str(self.path), "WATCHDOG_USEC": str(WATCHDOG_USEC)}
