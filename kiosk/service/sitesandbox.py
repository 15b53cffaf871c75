"""What the site file asks of the service's sandbox: its metrics folder to write, and the
devices (with their groups) that its display power backends open.

The unit is written once and the sandbox is fixed then, so install-service reads the site
file the kiosk will read and opens exactly that; deploy/README.md says why each line.
"""

from __future__ import annotations

import grp
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.paths import APP_NAME
from kiosk.power.backends import CEC_CLIENT, DDCUTIL
from kiosk.site.locate import SITE_FILE_NAME, SYSTEM_SITE_FILE
from kiosk.site.model import AUTO, BACKENDS, Site


@dataclass(frozen=True)
class Devices:
    """The device nodes one display power backend opens, and the groups udev gives them."""

    allow: tuple[tuple[str, str], ...]  # DeviceAllow= name (char-MAJOR in /proc/devices), why
    groups: tuple[tuple[str, str], ...]  # group, the nodes udev gives it


# Debian 12: i2c-tools (a dependency of ddcutil) makes group i2c and gives it /dev/i2c-*;
# systemd's 50-udev-default.rules gives /dev/cec* group video, /dev/ttyACM* group dialout.
DEVICES: dict[str, Devices] = {
    DDCUTIL: Devices(
        (("char-i2c", "ddcutil: DDC/CI to the monitor over its cable's I²C bus, /dev/i2c-*"),),
        (("i2c", "/dev/i2c-*"),)),
    CEC_CLIENT: Devices(
        (("char-cec", "cec-client: the kernel's HDMI-CEC devices, /dev/cec*"),
         ("char-ttyACM", "cec-client: USB-CEC adapters such as Pulse-Eight's, /dev/ttyACM*")),
        (("video", "/dev/cec*"), ("dialout", "/dev/ttyACM*"))),
}
# Where a missing group comes from, for the note that says so.
GROUP_SOURCES = {"i2c": "install ddcutil (sudo apt-get install ddcutil; its i2c-tools make it)"}


def site_file_for(named: Path | None, home: Path) -> Path | None:
    """The site file the service's kiosk will read: ``named``, else the system-wide one,
    else the one in the kiosk account's config folder (the kiosk's own XDG default, as it
    runs with that account's home, not the installer's); None when there is none.

    Anything at a candidate's path counts, as for the kiosk (kiosk.site.locate)."""
    if named is not None:
        return named.expanduser().absolute()
    for candidate in (SYSTEM_SITE_FILE, home / ".config" / APP_NAME / SITE_FILE_NAME):
        try:
            if candidate.exists() or candidate.is_symlink():
                return candidate
        except OSError:  # a folder the installer may not look into: loading will say so
            return candidate
    return None


def device_backends(preference: Iterable[str]) -> tuple[str, ...]:
    """The backends among the site's ``display: power`` that open a device; ``auto`` may
    end up with any of them. Empty for ``none``."""
    names = set(preference)
    if AUTO in names:
        names = set(BACKENDS)
    return tuple(name for name in BACKENDS if name in names and name in DEVICES)


def group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


@dataclass(frozen=True)
class SiteSandbox:
    """What one site file adds to the unit."""

    site_file: Path | None = None  # passed to the kiosk with --site; None: it finds it
    metrics_folder: Path | None = None
    backends: tuple[str, ...] = ()  # those that open a device
    missing_groups: tuple[str, ...] = ()  # left out: naming one would fail every start

    def device_lines(self) -> str:
        """The unit's lines for the backends' devices, each under a comment saying why;
        "" when none opens a device."""
        lines: list[str] = []
        for name in self.backends:
            devices = DEVICES[name]
            for device, why in devices.allow:
                lines += [f"# Display power by {why}.", f"DeviceAllow={device} rw"]
            groups = [(group, nodes) for group, nodes in devices.groups
                      if group not in self.missing_groups]
            if groups:
                given = ", ".join(f"{nodes} to {group}" for group, nodes in groups)
                lines += [f"# So that the kiosk may open them: udev gives {given}.",
                          f"SupplementaryGroups={' '.join(group for group, _ in groups)}"]
        return "".join(line + "\n" for line in lines)


def site_sandbox(site: Site, *, named: bool) -> SiteSandbox:
    """What ``site`` (loaded from an absolute path) asks of the unit; ``named``: the site
    file was given with --site, so the kiosk must be told it too."""
    backends = device_backends(site.display.backends)
    groups = [group for name in backends for group, _ in DEVICES[name].groups]
    folder = site.metrics.folder if site.metrics is not None else None
    return SiteSandbox(
        site_file=site.path if named else None,
        # Resolved as the kernel would: systemd ignores a path holding "..".
        metrics_folder=Path(os.path.realpath(folder)) if folder is not None else None,
        backends=backends,
        missing_groups=tuple(group for group in groups if not group_exists(group)))


def missing_group_note(group: str) -> str:
    source = GROUP_SOURCES.get(group, f"make it (sudo groupadd --system {group})")
    return (f"Note: there is no group {group} on this machine, so the unit does not name it "
            f"(a group that is missing would stop the service from starting): {source}, "
            "then run install-service again\n")
