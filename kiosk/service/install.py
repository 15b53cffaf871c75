"""``kiosk install-service``: a systemd unit that starts the exhibit at boot and keeps it up.

The kiosk runs inside ``cage``, a Wayland compositor that shows one fullscreen
application and nothing else: no desktop, no panel, no way out for visitors. cage is the
unit's main process and the kiosk its child, which is why notifications are accepted from
the whole unit (``NotifyAccess=all``).
"""

from __future__ import annotations

import getpass
import os
import pwd
import shlex
import sys
from pathlib import Path
from typing import TextIO

UNIT_NAME = "exhibit-kiosk.service"
DEFAULT_UNIT_DIR = Path("/etc/systemd/system")
CAGE = "/usr/bin/cage"
TTY = "tty7"

WRITTEN_BY = "# Written by `kiosk install-service`.\n"
UNIT_TEMPLATE = """\
{header}# Starts the exhibit at boot, fullscreen in the cage kiosk compositor on {tty},
# and restarts it whenever it stops or hangs.
[Unit]
Description=Exhibit kiosk ({exhibit_name})
After=systemd-user-sessions.service plymouth-quit-wait.service getty@{tty}.service
After=dbus.socket systemd-logind.service
Wants=dbus.socket systemd-logind.service
Conflicts=getty@{tty}.service
# Never stop restarting: a gallery screen left dark helps nobody.
StartLimitIntervalSec=0

[Service]
Type=notify
# cage is the main process and the kiosk its child, so accept the kiosk's notifications.
NotifyAccess=all
# The kiosk pings every 15 s from its GUI thread; a hung screen is restarted.
WatchdogSec=30
Restart=always
RestartSec=2
User={user}
# A logind session on the console gives cage the screen and the touch input.
PAMName=login
TTYPath=/dev/{tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={tty}
UtmpMode=user
Environment=QT_QPA_PLATFORM=wayland
Environment=XDG_SESSION_TYPE=wayland
ExecStart={exec_start}

[Install]
WantedBy=graphical.target
"""


def kiosk_command() -> list[str]:
    """How to start this kiosk: the ``kiosk`` script beside this Python (a venv's bin/)."""
    # sys.executable is not resolved: in a venv it is a symlink that must stay one.
    script = Path(sys.executable).parent / "kiosk"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "kiosk"]


class UnitValueError(ValueError):
    """A value that no quoting can put safely into a unit file."""


def _specifiers_escaped(text: str) -> str:
    """``text`` for a unit setting where systemd expands ``%`` specifiers (Description=)."""
    return text.replace("%", "%%")


def render_unit(exhibit: Path, user: str, command: list[str] | None = None,
                header: str = WRITTEN_BY) -> str:
    """The unit file's text for showing ``exhibit`` (an absolute path) as ``user``.

    Raises :class:`UnitValueError` for a value holding a line break or another control
    character: a newline would end the setting and start a directive of its own."""
    argv = [CAGE, "-s", "--", *(command or kiosk_command()), str(exhibit)]
    for value in (user, *argv):
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
            raise UnitValueError(f"{value!r} holds a line break or another control "
                                 "character, which a systemd unit cannot hold safely; "
                                 "rename it")
    # systemd splits ExecStart= much as a shell does, so shell quoting suits paths with
    # spaces; '%' and '$' are systemd specifiers and must be doubled.
    exec_start = " ".join(
        shlex.quote(arg).replace("%", "%%").replace("$", "$$") for arg in argv)
    return UNIT_TEMPLATE.format(header=header, exhibit_name=_specifiers_escaped(exhibit.name),
                                user=user, tty=TTY, exec_start=exec_start)


def _default_user() -> str:
    # Under sudo, the person who typed the command, not root.
    return os.environ.get("SUDO_USER") or getpass.getuser()


def install_service_command(exhibit: Path, *, user: str | None, unit_dir: Path | None,
                            stdout: TextIO | None = None, stderr: TextIO | None = None,
                            command: list[str] | None = None) -> int:
    """Write ``exhibit-kiosk.service`` and say what to do next. Returns the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    exhibit = exhibit.expanduser().absolute()
    if not exhibit.is_file():
        print(f"kiosk install-service: error: {exhibit}: no such exhibit file; give the "
              "path of the exhibit.yaml to show", file=err)
        return 2
    account = user or _default_user()
    try:
        home = Path(pwd.getpwnam(account).pw_dir)
    except KeyError:
        print(f"kiosk install-service: error: there is no account named {account!r}; "
              f"create it (sudo adduser --disabled-password {account}) or pass --user",
              file=err)
        return 2
    if account == "root":
        print("kiosk install-service: error: the kiosk must not run as root; create an "
              "account for it (sudo adduser --disabled-password kiosk) and pass --user kiosk",
              file=err)
        return 2

    target_dir = unit_dir if unit_dir is not None else DEFAULT_UNIT_DIR
    unit_path = target_dir / UNIT_NAME
    try:
        text = render_unit(exhibit, account, command)
    except UnitValueError as error:
        print(f"kiosk install-service: error: {error}; nothing was written", file=err)
        return 2
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        unit_path.write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"kiosk install-service: error: cannot write {unit_path}: "
              f"{error.strerror or error}; run it with sudo, or pass --unit-dir", file=err)
        return 1

    data = home / ".local/share/exhibit-kiosk"
    print(f"Wrote {unit_path}:\n", file=out)
    print(text, file=out)
    if not Path(CAGE).exists():
        print(f"Note: {CAGE} is not installed yet: sudo apt-get install cage\n", file=out)
    print("Next, start it now and at every boot:\n"
          "    sudo systemctl daemon-reload && sudo systemctl enable --now exhibit-kiosk\n"
          "Also set the staff PIN as that account:\n"
          f"    sudo -u {account} -H {shlex.join(command or kiosk_command())} set-pin\n"
          "Logs:\n"
          "    journalctl -u exhibit-kiosk\n"
          f"    {data / 'kiosk.log'}   (rotating log)\n"
          f"    {data / 'events.jsonl'}   (visitor events)", file=out)
    return 0
