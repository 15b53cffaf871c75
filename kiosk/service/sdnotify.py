"""The systemd notification protocol (sd_notify), in a few lines and no extra dependency.

systemd hands a service the address of a datagram socket in ``$NOTIFY_SOCKET``; the
service sends ``READY=1`` when it is up and ``WATCHDOG=1`` regularly, and systemd
restarts it when the pings stop. Outside systemd every call is a quiet no-op.
"""

from __future__ import annotations

import logging
import os
import socket

logger = logging.getLogger(__name__)


def _address(value: str) -> str | bytes | None:
    if value.startswith("@"):
        # The abstract namespace: a leading NUL byte instead of a path on disk.
        return b"\0" + value[1:].encode()  # guard: sd-notify-abstract-socket
    if value.startswith("/"):
        return value
    return None  # e.g. vsock:…, which a kiosk on a gallery PC never meets


def notify(message: str) -> bool:
    """Send ``message`` (e.g. ``"READY=1"``) to systemd. False when not under systemd."""
    address = _address(os.environ.get("NOTIFY_SOCKET", ""))
    if address is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.sendto(message.encode(), address)
    except OSError as error:
        logger.debug("sd_notify %r to %r failed: %s", message, address, error)
        return False
    return True


def watchdog_interval() -> float | None:
    """The watchdog timeout in seconds systemd expects pings within, or None when off.

    systemd sets ``$WATCHDOG_PID`` to the unit's main process so that children inheriting
    the variable stay quiet. Under ``cage`` the compositor is that main process and the
    kiosk is its direct child, so the parent's PID is accepted as well as our own.
    """
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = os.environ.get("WATCHDOG_PID")
    if pid is not None:
        try:
            if int(pid) not in (os.getpid(), os.getppid()):
                return None
        except ValueError:
            return None
    return usec / 1_000_000
