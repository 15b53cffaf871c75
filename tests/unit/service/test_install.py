"""`kiosk install-service`: the systemd unit that starts the exhibit at boot."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.service.install import install_service_command, kiosk_command, render_unit


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    path = tmp_path / "gallery" / "exhibit.yaml"
    path.parent.mkdir()
    path.write_text("version: 1\n")
    return path


def unit_lines(text: str) -> list[str]:
    return text.splitlines()


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
    text = render_unit(exhibit, "kiosk", ["/opt/kiosk/bin/kiosk"])
    quoted = str(exhibit).replace("%", "%%")
    assert f"ExecStart=/usr/bin/cage -s -- /opt/kiosk/bin/kiosk '{quoted}'" in text


def test_a_percent_in_the_exhibit_folder_is_no_specifier_in_the_description(
        tmp_path: Path) -> None:
    exhibit = tmp_path / "room" / "100%h.yaml"
    text = render_unit(exhibit, "kiosk", ["/opt/kiosk/bin/kiosk"])
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
])
def test_a_bad_account_is_refused(tmp_path: Path, exhibit: Path, user: str,
                                  message: str) -> None:
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
    header = "".join(line + "\n" for line in text.splitlines()[:2])
    assert text == render_unit(Path("/srv/exhibit/exhibit.yaml"), "kiosk",
                               ["/opt/exhibit-kiosk/bin/kiosk"], header=header)
