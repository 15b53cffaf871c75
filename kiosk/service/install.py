"""``kiosk install-service``: a systemd unit that starts the exhibit at boot and keeps it up.

The kiosk runs inside ``cage``, a Wayland compositor that shows one fullscreen
application and nothing else: no desktop, no panel, no way out for visitors. cage is the
unit's main process and the kiosk its child, which is why notifications are accepted from
the whole unit (``NotifyAccess=all``). Both run sandboxed: they may write only the kiosk's
own folders and reach no network (deploy/README.md, "Hardening").
"""

from __future__ import annotations

import getpass
import os
import pwd
import re
import shlex
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, TextIO

from kiosk.paths import APP_NAME
from kiosk.service.sitesandbox import SiteSandbox, missing_group_note, site_file_for, site_sandbox
from kiosk.service.unittemplate import UNIT_TEMPLATE, WRITTEN_BY
from kiosk.site.locate import SYSTEM_SITE_FILE
from kiosk.site.model import Site

if TYPE_CHECKING:
    from kiosk.site.load import SiteLoadResult

UNIT_NAME = "exhibit-kiosk.service"
DEFAULT_UNIT_DIR = Path("/etc/systemd/system")
CAGE = "/usr/bin/cage"
TTY = "tty7"


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


def unit_path_word(path: str) -> str:
    """``path`` as one word of a path list such as ``ReadWritePaths=``.

    systemd splits such a list at spaces, unquotes ``"…"`` with ``\\`` escapes, and
    expands ``%`` specifiers, so a path is quoted when it needs it and ``%`` doubled.
    Raises :class:`UnitValueError` for a control character, which no quoting can hold."""
    if re.search(r"[\x00-\x1f\x7f]", path):  # guard: unit-home-refuses-controls
        raise UnitValueError(f"{path!r} holds a line break or another control character")
    word = _specifiers_escaped(path)
    if any(c.isspace() or c in "\"'\\" for c in word):  # guard: unit-home-quoted
        word = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return word


def kiosk_folders(home: Path) -> tuple[Path, Path, Path]:
    """The folders the kiosk writes under ``home`` (the XDG defaults of
    :mod:`kiosk.paths`): its settings and PIN record, its logs and events, its cache."""
    return (home / ".config" / APP_NAME, home / ".local/share" / APP_NAME,
            home / ".cache" / APP_NAME)


def render_unit(exhibit: Path, user: str, command: list[str] | None = None,
                header: str = WRITTEN_BY, *, uid: int, home: Path,
                site: SiteSandbox | None = None) -> str:
    """The unit file's text for showing ``exhibit`` (an absolute path) as ``user``, whose
    numeric id is ``uid`` and home folder ``home``, with what ``site`` asks of the sandbox.

    Raises :class:`UnitValueError` for a value holding a line break or another control
    character (a newline would end the setting and start a directive of its own), or a
    home folder that is not a plain absolute path."""
    site = site or SiteSandbox()
    passed = ["--site", str(site.site_file)] if site.site_file is not None else []
    argv = [CAGE, "-s", "--", *(command or kiosk_command()), str(exhibit), *passed]
    for value in (user, *argv, str(home)):
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):  # guard: unit-refuses-line-breaks
            raise UnitValueError(f"{value!r} holds a line break or another control "
                                 "character, which a systemd unit cannot hold safely; "
                                 "rename it")
    if not home.is_absolute() or ".." in home.parts:
        raise UnitValueError(f"the home folder of {user!r} is {str(home)!r}, not a plain "
                             "absolute path; set one with: sudo usermod --home")
    # systemd splits ExecStart= much as a shell does, so shell quoting suits paths with
    # spaces; '%' and '$' are systemd specifiers and must be doubled.
    exec_start = " ".join(
        shlex.quote(arg).replace("%", "%%").replace("$", "$$") for arg in argv)
    config, data, cache = (unit_path_word(str(folder)) for folder in kiosk_folders(home))
    # guard: unit-description-specifiers
    return UNIT_TEMPLATE.format(header=header, exhibit_name=_specifiers_escaped(exhibit.name),
                                user=user, tty=TTY, exec_start=exec_start, uid=int(uid),
                                config_dir=config, data_dir=data, cache_dir=cache,
                                site_rw=_metrics_lines(site), site_dev=site.device_lines())


def _metrics_lines(site: SiteSandbox) -> str:
    if site.metrics_folder is None:
        return ""
    return ("# The site's metrics folder, where the node exporter reads the kiosk's state.\n"
            f"ReadWritePaths=-{unit_path_word(str(site.metrics_folder))}\n")


def make_kiosk_folders(home: Path, uid: int, gid: int) -> str | None:
    """Make the folders the unit lets the kiosk write, private to the account ``uid``,
    since its sandbox cannot make them itself; never the home itself. Returns why they
    could not be made, or None when they are there."""
    folders = [str(folder) for folder in kiosk_folders(home)]
    if all(os.path.isdir(folder) for folder in folders):
        return None
    if not home.is_dir():
        return f"{home}, the account's home folder, does not exist"
    if os.geteuid() not in (0, uid):
        return "only root or the account itself can make them"
    # As the account, not as root: a symbolic link it put in its home must not lead root
    # to make a folder, owned by the account, anywhere else.
    as_root = os.geteuid() == 0
    done = subprocess.run(["mkdir", "-p", "-m", "700", "--", *folders], capture_output=True,
                          text=True, check=False, user=uid if as_root else None,
                          group=gid if as_root else None, extra_groups=[] if as_root else None)
    if done.returncode != 0:
        return done.stderr.strip() or f"mkdir ended with status {done.returncode}"
    return None


def _in_private_tmp(path: Path) -> bool:
    # PrivateTmp= gives the service /tmp and /var/tmp of its own.
    resolved = PurePosixPath(os.path.realpath(path))
    return any(resolved.is_relative_to(tmp) for tmp in ("/tmp", "/var/tmp"))


def _default_user() -> str:
    # Under sudo, the person who typed the command, not root.
    return os.environ.get("SUDO_USER") or getpass.getuser()


def _load_site(path: Path, err: TextIO) -> SiteLoadResult | None:
    """The site file at ``path`` loaded, or None after listing why it cannot be."""
    from kiosk.site.load import load_site  # the YAML reader only where there is a site file

    result = load_site(path)
    if result.site is not None:
        return result
    print(f"kiosk install-service: error: the site file {path} cannot be used; nothing was "
          "written:", file=err)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=err)
    print(f"Fix it (`kiosk validate --site {path}` checks it again), then run install-service "
          "again.", file=err)
    return None


def _tmp_notes(exhibit: Path, site: Site | None) -> str:
    """A note for each file or folder the service will need that it cannot see in /tmp."""
    places = [(exhibit, "the exhibit to /srv/exhibit")]
    if site is not None:
        places += [(path, move) for path, move in (
            (site.path, f"the site file to {SYSTEM_SITE_FILE}"),
            (site.closures_ics, "the calendar file beside the site file"),
            (site.metrics.folder if site.metrics else None,
             "the metrics to the node exporter's folder, /var/lib/prometheus/node-exporter"),
        ) if path is not None]
    return "".join(
        f"Note: {path} is under /tmp or /var/tmp, which the service cannot see (it has a "
        f"private /tmp): move {move} and run install-service again\n\n"
        for path, move in places if _in_private_tmp(path))


def install_service_command(exhibit: Path, *, user: str | None, unit_dir: Path | None,
                            stdout: TextIO | None = None, stderr: TextIO | None = None,
                            command: list[str] | None = None, site: Path | None = None) -> int:
    """Write ``exhibit-kiosk.service`` and say what to do next. Returns the exit code.

    ``site`` names the site file (passed on to the kiosk too); without it, the one the
    kiosk will find is read. What it asks for (a metrics folder, display power devices)
    is opened in the sandbox; a site file with errors writes nothing."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    exhibit = exhibit.expanduser().absolute()
    if not exhibit.is_file():
        print(f"kiosk install-service: error: {exhibit}: no such exhibit file; give the "
              "path of the exhibit.yaml to show", file=err)
        return 2
    account = user or _default_user()
    try:
        record = pwd.getpwnam(account)
    except KeyError:
        print(f"kiosk install-service: error: there is no account named {account!r}; "
              f"create it (sudo adduser --disabled-password {account}) or pass --user",
              file=err)
        return 2
    if account == "root" or record.pw_uid == 0:
        print("kiosk install-service: error: the kiosk must not run as root; create an "
              "account for it (sudo adduser --disabled-password kiosk) and pass --user kiosk",
              file=err)
        return 2
    home = Path(record.pw_dir)
    site_path = site_file_for(site, home)
    loaded = _load_site(site_path, err) if site_path is not None else None
    if site_path is not None and loaded is None:
        return 2
    found = loaded.site if loaded is not None else None
    sandbox = site_sandbox(found, named=site is not None) if found is not None else None

    target_dir = unit_dir if unit_dir is not None else DEFAULT_UNIT_DIR
    unit_path = target_dir / UNIT_NAME
    try:
        text = render_unit(exhibit, account, command, uid=record.pw_uid, home=home,
                           site=sandbox)
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

    print(f"Wrote {unit_path}:\n", file=out)
    print(text, file=out)
    if not Path(CAGE).exists():
        print(f"Note: {CAGE} is not installed yet: sudo apt-get install cage\n", file=out)
    if loaded is not None:
        print(f"Read the site file {site_path}.", file=out)
        for warning in loaded.warnings:
            print(warning, file=out)
        print(file=out)
    print(_tmp_notes(exhibit, found), end="", file=out)
    for group in sandbox.missing_groups if sandbox is not None else ():
        print(missing_group_note(group), file=out)
    folders = kiosk_folders(home)
    problem = make_kiosk_folders(home, record.pw_uid, record.pw_gid)
    if problem:
        print("Note: the service may write only in its own folders, and cannot make them "
              f"({problem}); make them as that account:\n"
              f"    sudo -u {account} mkdir -p -m 700 "
              + " ".join(shlex.quote(str(folder)) for folder in folders) + "\n", file=out)
    data = folders[1]
    print("Next, start it now and at every boot:\n"
          "    sudo systemctl daemon-reload && sudo systemctl enable --now exhibit-kiosk\n"
          "Also set the staff PIN as that account:\n"
          f"    sudo -u {account} -H {shlex.join(command or kiosk_command())} set-pin\n"
          "Logs:\n"
          "    journalctl -u exhibit-kiosk\n"
          f"    {data / 'kiosk.log'}   (rotating log)\n"
          f"    {data / 'events.jsonl'}   (visitor events; older: events.jsonl.N.gz)",
          file=out)
    return 0
