"""`kiosk install-service`: the systemd unit that starts the exhibit at boot."""

from __future__ import annotations

import grp
import io
import os
import pwd
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.cli import build_parser, main
from kiosk.service import sitesandbox
from kiosk.service.install import (
    UnitValueError,
    install_service_command,
    kiosk_command,
    make_kiosk_folders,
    render_unit,
    unit_path_word,
)

KIOSK_HOME = Path("/home/kiosk")
# Spaces, both quotes, a backslash and a specifier: all that a path word must survive.
AWKWARD_HOME = Path("/home/Room 3 \"100%h\" o'k \\ end")


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    path = tmp_path / "gallery" / "exhibit.yaml"
    path.parent.mkdir()
    path.write_text("version: 1\n")
    return path


@pytest.fixture
def account(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[[str, int], Path]:
    """Makes an account that only install-service sees, with a home in ``tmp_path``:
    the real accounts of a test machine are not the kiosk's (systemd warns of nobody)."""
    real_getpwnam = pwd.getpwnam
    accounts: dict[str, pwd.struct_passwd] = {}

    def getpwnam(name: str) -> pwd.struct_passwd:
        return accounts[name] if name in accounts else real_getpwnam(name)

    def make(name: str, uid: int) -> Path:
        home = tmp_path / "home" / name
        home.mkdir(parents=True)
        accounts[name] = pwd.struct_passwd((name, "x", uid, uid, "", str(home), "/bin/sh"))
        return home

    monkeypatch.setattr(pwd, "getpwnam", getpwnam)
    return make


@pytest.fixture(autouse=True)
def no_system_site_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Where install-service looks for the system-wide site file: this machine's own is
    not the test's. Nothing is there unless a test puts it there."""
    path = tmp_path / "etc" / "site.yaml"
    monkeypatch.setattr(sitesandbox, "SYSTEM_SITE_FILE", path)
    return path


@pytest.fixture
def groups(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The groups install-service finds on the machine: those of Debian with ddcutil
    installed, unless a test takes one away."""
    known = {"i2c", "video", "dialout"}

    def getgrnam(name: str) -> grp.struct_group:
        if name not in known:
            raise KeyError(name)
        return grp.struct_group((name, "x", 100 + len(name), []))

    monkeypatch.setattr(grp, "getgrnam", getgrnam)
    return known


def write_site(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\n" + text, encoding="utf-8")
    return path


def install(exhibit: Path, unit_dir: Path, site: Path | None = None, user: str = "nobody"
            ) -> tuple[int, str, str]:
    """install-service's exit status, what it said and what it wrote ("" for nothing)."""
    out, err = io.StringIO(), io.StringIO()
    code = install_service_command(exhibit, user=user, unit_dir=unit_dir, stdout=out,
                                   stderr=err, command=["/opt/k/bin/kiosk"], site=site)
    unit = unit_dir / "exhibit-kiosk.service"
    return code, out.getvalue() + err.getvalue(), unit.read_text("utf-8") if unit.exists() else ""


def unit_lines(text: str) -> list[str]:
    return text.splitlines()


def systemd_analyze(*args: str) -> subprocess.CompletedProcess[str]:
    """Run systemd-analyze; its absence fails the test, as ./install.sh installs it."""
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.fail("systemd-analyze is missing: run ./install.sh (Debian package systemd)")
    return subprocess.run([tool, "--no-pager", *args], capture_output=True,
                          encoding="utf-8", errors="replace", timeout=120, check=False)


@pytest.fixture
def systemd_root(tmp_path: Path) -> Path:
    """A root folder for `systemd-analyze verify --root`: the system's own units, so that
    the kiosk's dependencies resolve, and a stand-in cage, as verify checks that
    ExecStart='s program is there."""
    root = tmp_path / "root"
    units = next((folder for folder in (Path("/usr/lib/systemd/system"),
                                        Path("/lib/systemd/system")) if folder.is_dir()), None)
    if units is None:
        pytest.fail("systemd's units are missing: run ./install.sh (Debian package systemd)")
    shutil.copytree(units, root / "usr/lib/systemd/system", symlinks=True)
    cage = root / "usr/bin/cage"
    cage.parent.mkdir(parents=True)
    cage.write_text("#!/bin/sh\n")
    cage.chmod(0o755)
    (root / "etc/systemd/system").mkdir(parents=True)
    return root


def verify(root: Path) -> subprocess.CompletedProcess[str]:
    return systemd_analyze("verify", f"--root={root}", "exhibit-kiosk.service")


def test_writes_a_unit_that_starts_the_exhibit_in_cage(tmp_path: Path, exhibit: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = install_service_command(exhibit, user="nobody", unit_dir=tmp_path / "units",
                                   stdout=out, stderr=err,
                                   command=["/opt/exhibit-kiosk/bin/kiosk"])
    assert (code, err.getvalue()) == (0, "")
    lines = unit_lines((tmp_path / "units" / "exhibit-kiosk.service").read_text("utf-8"))

    assert f"ExecStart=/usr/bin/cage -s -- /opt/exhibit-kiosk/bin/kiosk {exhibit}" in lines
    for expected in ("Type=notify", "NotifyAccess=all", "WatchdogSec=30", "Restart=always",
                     "RestartSec=2", "User=nobody", "PAMName=login", "TTYPath=/dev/tty7",
                     "Environment=QT_QPA_PLATFORM=wayland", "WantedBy=graphical.target",
                     "StandardOutput=journal"):
        assert expected in lines
    unit_section = lines[lines.index("[Unit]"):lines.index("[Service]")]
    assert "StartLimitIntervalSec=0" in unit_section
    assert any(line.startswith("After=systemd-user-sessions.service") for line in unit_section)
    assert lines.index("[Install]") > lines.index("[Service]")


def test_tells_what_it_wrote_and_what_to_do_next(tmp_path: Path, exhibit: Path) -> None:
    out = io.StringIO()
    install_service_command(exhibit, user="nobody", unit_dir=tmp_path, stdout=out,
                            stderr=io.StringIO(), command=["/opt/k/bin/kiosk"])
    text = out.getvalue()
    assert f"Wrote {tmp_path / 'exhibit-kiosk.service'}" in text
    assert "systemctl daemon-reload && sudo systemctl enable --now exhibit-kiosk" in text
    assert "journalctl -u exhibit-kiosk" in text
    assert "sudo -u nobody -H /opt/k/bin/kiosk set-pin" in text


def test_paths_with_spaces_and_specifiers_are_quoted(tmp_path: Path) -> None:
    exhibit = tmp_path / "Room 3 100%" / "exhibit.yaml"
    text = render_unit(exhibit, "kiosk", ["/opt/kiosk/bin/kiosk"], uid=1001, home=KIOSK_HOME)
    quoted = str(exhibit).replace("%", "%%")
    assert f"ExecStart=/usr/bin/cage -s -- /opt/kiosk/bin/kiosk '{quoted}'" in text


def test_a_percent_in_the_exhibit_folder_is_no_specifier_in_the_description(
        tmp_path: Path) -> None:
    exhibit = tmp_path / "room" / "100%h.yaml"
    text = render_unit(exhibit, "kiosk", ["/opt/kiosk/bin/kiosk"], uid=1001, home=KIOSK_HOME)
    assert "Description=Exhibit kiosk (100%%h.yaml)" in text


@pytest.mark.parametrize("name", ["inj\nExecStartPre=/bin/touch /tmp/PWNED", "a\rb", "tab\there"])
def test_a_line_break_in_the_exhibit_path_is_refused_not_written_into_the_unit(
        tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir(parents=True)
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text("version: 1\n")
    err = io.StringIO()
    code = install_service_command(exhibit, user="nobody", unit_dir=tmp_path / "units",
                                   stdout=io.StringIO(), stderr=err,
                                   command=["/opt/k/bin/kiosk"])
    assert code == 2
    assert "control character" in err.getvalue() and "nothing was written" in err.getvalue()
    assert not (tmp_path / "units" / "exhibit-kiosk.service").exists()


def test_the_default_command_is_this_installs_kiosk_script() -> None:
    command = kiosk_command()
    assert Path(command[0]).is_absolute()
    if len(command) == 1:
        assert Path(command[0]).parent == Path(sys.executable).parent
    else:
        assert command[1:] == ["-m", "kiosk"]


def test_a_missing_exhibit_is_refused(tmp_path: Path) -> None:
    err = io.StringIO()
    code = install_service_command(tmp_path / "nope.yaml", user="nobody", unit_dir=tmp_path,
                                   stdout=io.StringIO(), stderr=err)
    assert code == 2
    assert "nope.yaml: no such exhibit file" in err.getvalue()
    assert not (tmp_path / "exhibit-kiosk.service").exists()


@pytest.mark.parametrize(("user", "message"), [
    ("no-such-account-here", "there is no account named"),
    ("root", "must not run as root"),
    ("toor", "must not run as root"),  # another name for uid 0
])
def test_a_bad_account_is_refused(tmp_path: Path, exhibit: Path, user: str, message: str,
                                  account: Callable[[str, int], Path]) -> None:
    account("toor", 0)
    err = io.StringIO()
    assert install_service_command(exhibit, user=user, unit_dir=tmp_path,
                                   stdout=io.StringIO(), stderr=err) == 2
    assert message in err.getvalue()


def test_an_unwritable_unit_folder_says_how_to_fix(tmp_path: Path, exhibit: Path) -> None:
    blocker = tmp_path / "units"
    blocker.write_text("x")
    err = io.StringIO()
    assert install_service_command(exhibit, user="nobody", unit_dir=blocker,
                                   stdout=io.StringIO(), stderr=err) == 1
    assert f"cannot write {blocker / 'exhibit-kiosk.service'}" in err.getvalue()


def test_through_the_command_line(tmp_path: Path, exhibit: Path, capsys) -> None:
    assert main(["install-service", str(exhibit), "--user", "nobody",
                 "--unit-dir", str(tmp_path / "units")]) == 0
    unit = (tmp_path / "units" / "exhibit-kiosk.service").read_text("utf-8")
    assert f"{kiosk_command()[-1]} {exhibit}\n" in unit
    assert "Wrote" in capsys.readouterr().out


def test_the_template_in_deploy_matches_what_the_command_writes() -> None:
    template = Path(__file__).parents[3] / "deploy" / "exhibit-kiosk.service"
    text = template.read_text("utf-8")
    lines = text.splitlines()
    header = "".join(line + "\n" for line in lines[:lines.index("[Unit]") - 2])
    assert header.startswith("# A template of the unit `kiosk install-service` writes.")
    assert text == render_unit(Path("/srv/exhibit/exhibit.yaml"), "kiosk",
                               ["/opt/exhibit-kiosk/bin/kiosk"], header=header,
                               uid=1001, home=KIOSK_HOME)


def test_the_written_unit_is_sandboxed_to_an_exposure_of_5_or_less(
        tmp_path: Path, exhibit: Path, account: Callable[[str, int], Path]) -> None:
    account("kiosk", 1001)
    assert install_service_command(exhibit, user="kiosk", unit_dir=tmp_path / "units",
                                   stdout=io.StringIO(), stderr=io.StringIO(),
                                   command=["/opt/k/bin/kiosk"]) == 0
    unit = tmp_path / "units" / "exhibit-kiosk.service"
    # The threshold is in tenths: 50 is an exposure of 5.0.
    done = systemd_analyze("security", "--offline=yes", "--threshold=50", str(unit))
    score = re.search(r"Overall exposure level for \S+: (\d+\.\d+) ", done.stdout)
    assert score is not None, done.stdout + done.stderr
    assert float(score.group(1)) <= 5.0, done.stdout
    assert done.returncode == 0, done.stdout
    assert done.stderr == ""  # systemd ignores, with a warning, any setting it cannot read


def test_systemd_accepts_every_setting_of_the_written_unit(
        systemd_root: Path, exhibit: Path, account: Callable[[str, int], Path]) -> None:
    account("kiosk", 1001)
    assert install_service_command(exhibit, user="kiosk",
                                   unit_dir=systemd_root / "etc/systemd/system",
                                   stdout=io.StringIO(), stderr=io.StringIO(),
                                   command=["/opt/k/bin/kiosk"]) == 0
    done = verify(systemd_root)
    assert (done.returncode, done.stderr) == (0, "")


def test_the_verify_check_would_catch_a_setting_systemd_ignores(systemd_root: Path) -> None:
    text = render_unit(Path("/srv/exhibit/exhibit.yaml"), "kiosk", ["/opt/k/bin/kiosk"],
                       uid=1001, home=KIOSK_HOME)
    (systemd_root / "etc/systemd/system/exhibit-kiosk.service").write_text(
        text.replace("ProtectHome=read-only", "ProtectHome=read-only-ish"), "utf-8")
    assert "ignoring: read-only-ish" in verify(systemd_root).stderr


def test_an_awkward_home_folder_is_quoted_so_systemd_reads_every_setting(
        systemd_root: Path) -> None:
    text = render_unit(Path("/srv/exhibit/exhibit.yaml"), "kiosk", ["/opt/k/bin/kiosk"],
                       uid=1001, home=AWKWARD_HOME)
    (systemd_root / "etc/systemd/system/exhibit-kiosk.service").write_text(text, "utf-8")
    assert (verify(systemd_root).stderr, text.count("ReadWritePaths=-\"/home/Room 3 ")) == ("", 3)


@pytest.mark.parametrize("path", [str(AWKWARD_HOME / ".cache/exhibit-kiosk"),
                                  "/home/kiosk/.cache/exhibit-kiosk", "/srv/Saal Ü"])
def test_a_path_word_reads_back_as_the_same_path_in_systemd(
        systemd_root: Path, path: str) -> None:
    # systemd shows a value it ignores as it read it: "/x/.." makes it ignore the path, and
    # "-bad" the variable, so both words are read back through systemd's own parser.
    word = unit_path_word(path)
    (systemd_root / "etc/systemd/system/exhibit-kiosk.service").write_text(
        "[Service]\nExecStart=/usr/bin/cage\n"
        f"ReadWritePaths=-{unit_path_word('/x/..' + path)}\nEnvironment=-bad={word}\n",
        "utf-8")
    said = verify(systemd_root).stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in said] == [
        f"ReadWritePaths= path is not normalized, ignoring: /x/..{path}",
        f"Invalid environment assignment, ignoring: -bad={path}"], said


def test_the_kiosk_may_write_only_its_own_folders_and_its_sessions_runtime_folder(
        tmp_path: Path) -> None:
    lines = unit_lines(render_unit(tmp_path / "exhibit.yaml", "kiosk", ["/opt/k/bin/kiosk"],
                                   uid=1001, home=KIOSK_HOME))
    assert [line for line in lines if line.startswith("ReadWritePaths=")] == [
        "ReadWritePaths=-/home/kiosk/.config/exhibit-kiosk",
        "ReadWritePaths=-/home/kiosk/.local/share/exhibit-kiosk",
        "ReadWritePaths=-/home/kiosk/.cache/exhibit-kiosk",
        "ReadWritePaths=/run/user/1001",
    ]
    assert "Environment=MESA_SHADER_CACHE_DIR=/home/kiosk/.cache/exhibit-kiosk" in lines
    for expected in ("ProtectSystem=strict", "ProtectHome=read-only", "PrivateTmp=yes",
                     "NoNewPrivileges=yes", "DevicePolicy=closed", "DeviceAllow=char-drm rw",
                     "DeviceAllow=/dev/tty7 rw", "RestrictAddressFamilies=AF_UNIX AF_NETLINK"):
        assert expected in lines
    # Mesa's llvmpipe and the QML engine compile code as they run.
    assert not any(line.startswith("MemoryDenyWriteExecute=") for line in lines)


@pytest.mark.parametrize("home", [Path("relative/home"), Path("/home/../etc"),
                                  Path("/home/a\nExecStartPre=/bin/sh")])
def test_a_home_folder_no_unit_can_hold_is_refused(tmp_path: Path, home: Path) -> None:
    with pytest.raises(UnitValueError):
        render_unit(tmp_path / "exhibit.yaml", "kiosk", ["/opt/k/bin/kiosk"], uid=1001,
                    home=home)


def test_the_kiosks_folders_are_made_private_under_its_home(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".config").mkdir(mode=0o755)
    assert make_kiosk_folders(home, os.getuid(), os.getgid()) is None
    for folder in (".config/exhibit-kiosk", ".local/share/exhibit-kiosk",
                   ".cache/exhibit-kiosk"):
        assert stat.S_IMODE((home / folder).stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((home / ".config").stat().st_mode) == 0o755  # was there already
    assert make_kiosk_folders(home, os.getuid(), os.getgid()) is None  # again: no change


def test_a_home_that_is_missing_is_reported_not_made(tmp_path: Path) -> None:
    home = tmp_path / "gone"
    assert make_kiosk_folders(home, os.getuid(), os.getgid()) == (
        f"{home}, the account's home folder, does not exist")
    assert not home.exists()


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A folder in /tmp that other accounts may enter (pytest's tmp_path is root's alone)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root makes folders for another account")
def test_root_makes_the_folders_as_the_account_so_a_link_leads_nowhere(
        open_tmp: Path) -> None:
    nobody = pwd.getpwnam("nobody")
    home = open_tmp / "home"
    home.mkdir()
    os.chown(home, nobody.pw_uid, nobody.pw_gid)
    elsewhere = open_tmp / "etc"  # root's, as /etc would be
    elsewhere.mkdir()
    (home / ".config").symlink_to(elsewhere)
    assert make_kiosk_folders(home, nobody.pw_uid, nobody.pw_gid) is not None
    assert list(elsewhere.iterdir()) == []
    assert (home / ".cache/exhibit-kiosk").stat().st_uid == nobody.pw_uid


def test_says_how_to_make_the_folders_it_could_not(tmp_path: Path, exhibit: Path) -> None:
    out = io.StringIO()
    install_service_command(exhibit, user="nobody", unit_dir=tmp_path, stdout=out,
                            stderr=io.StringIO(), command=["/opt/k/bin/kiosk"])
    home = Path(os.path.expanduser("~nobody"))
    assert (f"sudo -u nobody mkdir -p -m 700 {home}/.config/exhibit-kiosk "
            f"{home}/.local/share/exhibit-kiosk {home}/.cache/exhibit-kiosk") in out.getvalue()


@pytest.fixture
def exhibit_in_tmp() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    (folder / "exhibit.yaml").write_text("version: 1\n")
    yield folder / "exhibit.yaml"
    shutil.rmtree(folder)


def test_warns_that_the_service_cannot_see_an_exhibit_in_tmp(
        tmp_path: Path, exhibit_in_tmp: Path) -> None:
    out = io.StringIO()
    assert install_service_command(exhibit_in_tmp, user="nobody", unit_dir=tmp_path,
                                   stdout=out, stderr=io.StringIO(),
                                   command=["/opt/k/bin/kiosk"]) == 0
    assert f"Note: {exhibit_in_tmp} is under /tmp or /var/tmp" in out.getvalue()


@pytest.mark.parametrize("path", ["/home/a\nExecStartPre=/bin/sh", "/home/a\x1b[31m", "/a\x7f"])
def test_a_path_word_refuses_what_no_quoting_can_hold(path: str) -> None:
    with pytest.raises(UnitValueError):
        unit_path_word(path)


# ---- what the site file asks of the sandbox


def test_the_sites_metrics_folder_is_opened_for_writing(
        tmp_path: Path, exhibit: Path, groups: set[str]) -> None:
    metrics = tmp_path / "node exporter"
    metrics.mkdir()
    site = write_site(tmp_path / "site" / "site.yaml",
                      "metrics:\n  folder: ../node exporter\n")
    code, said, unit = install(exhibit, tmp_path / "units", site)
    assert code == 0, said
    lines = unit_lines(unit)
    writable = [line for line in lines if line.startswith("ReadWritePaths=")]
    # The kiosk's own folders and its runtime folder, then the metrics folder, resolved.
    assert writable[4:] == [f'ReadWritePaths=-"{metrics}"']
    assert len(writable) == 5
    assert lines[lines.index(writable[4]) - 1].startswith("# The site's metrics folder")


@pytest.mark.parametrize(("power", "devices", "supplementary"), [
    ("ddcutil", ["char-i2c"], ["i2c"]),
    ("cec-client", ["char-cec", "char-ttyACM"], ["video dialout"]),
    ("[cec-client, ddcutil]", ["char-i2c", "char-cec", "char-ttyACM"], ["i2c", "video dialout"]),
    ("auto", ["char-i2c", "char-cec", "char-ttyACM"], ["i2c", "video dialout"]),
    ("[wlr-randr, xset-dpms]", [], []),
    ("none", [], []),
])
def test_display_power_opens_the_devices_its_tools_need_and_no_others(
        tmp_path: Path, exhibit: Path, groups: set[str], power: str, devices: list[str],
        supplementary: list[str]) -> None:
    site = write_site(tmp_path / "site.yaml", f"display:\n  power: {power}\n")
    code, said, unit = install(exhibit, tmp_path / "units", site)
    assert code == 0, said
    lines = unit_lines(unit)
    assert [line for line in lines if line.startswith("DeviceAllow=")] == [
        "DeviceAllow=char-drm rw", "DeviceAllow=/dev/tty7 rw",
        *(f"DeviceAllow={device} rw" for device in devices)]
    assert [line.removeprefix("SupplementaryGroups=") for line in lines
            if line.startswith("SupplementaryGroups=")] == supplementary
    for number, line in enumerate(lines):
        if line.startswith(("DeviceAllow=char-i2c", "DeviceAllow=char-cec",
                            "DeviceAllow=char-ttyACM", "SupplementaryGroups=")):
            assert lines[number - 1].startswith("# "), line  # each says why


def test_a_group_this_machine_lacks_is_left_out_and_said(
        tmp_path: Path, exhibit: Path, groups: set[str]) -> None:
    groups.discard("i2c")  # ddcutil, and so i2c-tools, not installed
    site = write_site(tmp_path / "site.yaml", "display:\n  power: [ddcutil, cec-client]\n")
    code, said, unit = install(exhibit, tmp_path / "units", site)
    assert code == 0
    lines = unit_lines(unit)
    assert "DeviceAllow=char-i2c rw" in lines
    assert [line for line in lines if line.startswith("SupplementaryGroups=")] == [
        "SupplementaryGroups=video dialout"]
    assert "Note: there is no group i2c on this machine, so the unit does not name it" in said
    assert "sudo apt-get install ddcutil" in said


def test_a_broken_site_file_is_listed_and_nothing_is_written(
        tmp_path: Path, exhibit: Path) -> None:
    site = write_site(tmp_path / "site.yaml", "display:\n  power: [ddcutil, none]\n")
    code, said, unit = install(exhibit, tmp_path / "units", site)
    assert (code, unit) == (2, "")
    assert not (tmp_path / "units").exists()
    assert f"{site}:3:20: error: `none` means the kiosk never switches the display" in said
    assert "nothing was written" in said and f"kiosk validate --site {site}" in said


def test_a_site_file_that_is_missing_is_refused_too(tmp_path: Path, exhibit: Path) -> None:
    code, said, unit = install(exhibit, tmp_path / "units", tmp_path / "nope.yaml")
    assert (code, unit) == (2, "")
    assert str(tmp_path / "nope.yaml") in said


def test_a_named_site_file_is_passed_to_the_kiosk(
        tmp_path: Path, exhibit: Path, groups: set[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    site = write_site(tmp_path / "site files" / "site.yaml", "display: {power: none}\n")
    monkeypatch.chdir(site.parent)  # named relative to where install-service runs
    code, said, unit = install(exhibit, tmp_path / "units", Path("site.yaml"))
    assert code == 0, said
    [exec_start] = [line for line in unit_lines(unit) if line.startswith("ExecStart=")]
    assert exec_start == f"ExecStart=/usr/bin/cage -s -- /opt/k/bin/kiosk {exhibit} --site '{site}'"
    # The kiosk reads the same arguments as the exhibit and the site file.
    after_kiosk = shlex.split(exec_start.split("/opt/k/bin/kiosk ", 1)[1])
    args = build_parser("run").parse_args(["run", *after_kiosk])
    assert (args.exhibit, args.site) == (exhibit, site)


def test_the_site_file_the_kiosk_finds_is_read_but_not_passed(
        tmp_path: Path, exhibit: Path, groups: set[str],
        account: Callable[[str, int], Path], no_system_site_file: Path) -> None:
    home = account("kiosk", 1001)
    # The kiosk account's own, as the kiosk finds it with that account's home.
    write_site(home / ".config/exhibit-kiosk/site.yaml", "display: {power: cec-client}\n")
    code, said, unit = install(exhibit, tmp_path / "units", user="kiosk")
    assert code == 0, said
    assert "DeviceAllow=char-cec rw" in unit_lines(unit) and "--site" not in unit
    # The system-wide one comes first.
    write_site(no_system_site_file, "display: {power: ddcutil}\n")
    code, said, unit = install(exhibit, tmp_path / "units2", user="kiosk")
    assert code == 0, said
    assert "DeviceAllow=char-i2c rw" in unit_lines(unit) and "char-cec" not in unit
    assert f"Read the site file {no_system_site_file}." in said


def test_without_a_site_file_the_unit_is_as_before(
        tmp_path: Path, exhibit: Path, account: Callable[[str, int], Path]) -> None:
    home = account("kiosk", 1001)
    code, said, unit = install(exhibit, tmp_path / "units", user="kiosk")
    assert code == 0
    assert unit == render_unit(exhibit, "kiosk", ["/opt/k/bin/kiosk"], uid=1001, home=home)
    assert "site file" not in said


def test_the_site_file_and_its_calendar_in_tmp_are_noted(
        tmp_path: Path, exhibit: Path, groups: set[str]) -> None:
    write_site(tmp_path / "closures.ics", "")
    (tmp_path / "closures.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nEND:VCALENDAR\r\n")
    site = write_site(tmp_path / "site.yaml", "closures_ics: closures.ics\n")
    code, said, _ = install(exhibit, tmp_path / "units", site)
    assert code == 0, said
    assert f"Note: {site} is under /tmp or /var/tmp" in said
    assert f"Note: {tmp_path / 'closures.ics'} is under /tmp or /var/tmp" in said


def test_systemd_accepts_every_line_the_site_file_adds(
        systemd_root: Path, tmp_path: Path, exhibit: Path, groups: set[str],
        account: Callable[[str, int], Path]) -> None:
    account("kiosk", 1001)
    (tmp_path / "metrics 100%").mkdir()
    site = write_site(tmp_path / "site.yaml",
                      "display: {power: auto}\nmetrics: {folder: metrics 100%}\n")
    code, said, unit = install(exhibit, systemd_root / "etc/systemd/system", site, "kiosk")
    assert code == 0, said
    assert "SupplementaryGroups=video dialout" in unit_lines(unit)
    done = verify(systemd_root)
    assert (done.returncode, done.stderr) == (0, "")


def test_through_the_command_line_with_a_site_file(
        tmp_path: Path, exhibit: Path, groups: set[str]) -> None:
    site = write_site(tmp_path / "site.yaml", "display: {power: ddcutil}\n")
    assert main(["install-service", str(exhibit), "--user", "nobody",
                 "--unit-dir", str(tmp_path / "units"), "--site", str(site)]) == 0
    unit = (tmp_path / "units" / "exhibit-kiosk.service").read_text("utf-8")
    assert f"{exhibit} --site {site}\n" in unit and "DeviceAllow=char-i2c rw\n" in unit
