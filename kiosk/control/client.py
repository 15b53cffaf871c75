"""The asking side of the control socket (kiosk/control/server.py answers): one request
line of JSON, one answer of JSON, then the kiosk closes the connection."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

from kiosk.control.socketpath import control_socket_path

TIMEOUT_S = 20.0  # a screenshot waits for a frame; a hung kiosk must not hang the terminal
MAX_ANSWER = 256 * 1024 * 1024


class NoKiosk(Exception):
    """Nothing answers: no kiosk runs for this account, or it cannot be reached."""


def ask(command: str, path: Path | None = None, timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Send ``command`` to the running kiosk and return its answer.

    Raises :class:`NoKiosk` saying why, and what to do, when it cannot be asked."""
    path = path or control_socket_path()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout)
        try:
            connection.connect(str(path))
            connection.sendall(json.dumps({"command": command}).encode() + b"\n")
            answer = _read_all(connection)
        except (FileNotFoundError, ConnectionRefusedError) as error:
            raise NoKiosk(f"no kiosk is running for this account (nothing answers at {path}); "
                          "if it runs as another account, ask as that one: "
                          f"sudo -u ACCOUNT kiosk {command}") from error
        except PermissionError as error:
            raise NoKiosk(f"{path} belongs to another account; ask as the kiosk's own: "
                          f"sudo -u ACCOUNT kiosk {command}") from error
        except TimeoutError as error:
            raise NoKiosk(f"the kiosk at {path} did not answer within {timeout:g} s; it may "
                          "be hung (journalctl -u exhibit-kiosk)") from error
        except OSError as error:
            raise NoKiosk(f"cannot reach the kiosk at {path}: {error.strerror or error}") \
                from error
    try:
        reply = json.loads(answer)
    except ValueError as error:
        raise NoKiosk(f"the kiosk at {path} gave an answer that is not JSON "
                      f"({len(answer)} bytes)") from error
    if not isinstance(reply, dict):
        raise NoKiosk(f"the kiosk at {path} gave an answer that is not a JSON object")
    if "error" in reply:
        raise NoKiosk(f"the kiosk could not do it: {reply['error']}")
    return reply


def _read_all(connection: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := connection.recv(1 << 16):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_ANSWER:
            raise OSError(f"an answer over {MAX_ANSWER} bytes")
    return b"".join(chunks)
