"""Where the running kiosk answers `kiosk status` and `kiosk screenshot`: a unix socket in
the account's runtime folder, which only that account can enter. Nothing listens on the
network. No Qt here: the commands that ask must start fast, over SSH too."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.paths import APP_NAME

SOCKET_NAME = "control.sock"


def runtime_dir(uid: int | None = None) -> Path:
    """``$XDG_RUNTIME_DIR/exhibit-kiosk``; without the variable (``sudo -u kiosk`` clears
    it), the folder systemd-logind makes for the account, ``/run/user/UID``."""
    value = os.environ.get("XDG_RUNTIME_DIR", "")
    # The XDG spec says a relative value is invalid and must be ignored.
    base = Path(value) if value and os.path.isabs(value) else Path(
        f"/run/user/{os.getuid() if uid is None else uid}")
    return base / APP_NAME


def control_socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME
