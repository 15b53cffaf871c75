"""deploy/ansible provisions a kiosk, and a second run changes nothing.

The playbook is applied to this machine twice, with every path in a temporary folder and
apt, accounts and systemd switched off; then the kiosk it installed checks what it wrote.
The kiosk runs as `nobody` here: an account every machine has, whose home does not exist,
so `install-service` (which looks the account up) makes nothing outside the test's folder.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from kiosk.staff.pin import PinStore
from tests.helpers.ansible_run import (
    PLAYBOOK_DIR,
    PlaybookRun,
    build_kiosk_wheel,
    lend_dependencies,
    run_playbook,
)
from tests.helpers.sample_exhibit import write_sample_exhibit

pytestmark = [
    pytest.mark.skipif(shutil.which("ansible-playbook") is None,
                       reason="ansible-playbook is not installed (install.sh adds ansible-core)"),
]
# What a run would create on the machine if the playbook escaped its variables.
MACHINE_PATHS = (Path("/etc/exhibit-kiosk"), Path("/opt/exhibit-kiosk"),
                 Path("/var/lib/exhibit-kiosk"), Path("/etc/systemd/system/exhibit-kiosk.service"))
KIOSK_ACCOUNT = "nobody"


@dataclass(frozen=True)
class Provisioned:
    root: Path
    work: Path
    inventory: Path
    variables: dict[str, Any]
    first: PlaybookRun
    second: PlaybookRun
    pin_record: dict[str, Any]
    existed_before: dict[Path, bool]

    def path(self, variable: str) -> Path:
        return Path(self.variables[variable])


def _owner() -> tuple[str, str]:
    """Who owns the kiosk's files: the kiosk's account when the test may give files away
    (as root), else the account running the test."""
    account = pwd.getpwnam(KIOSK_ACCOUNT) if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    return account.pw_name, grp.getgrgid(account.pw_gid).gr_name


def _variables(root: Path, pin_record: dict[str, Any], dependencies: Path) -> dict[str, Any]:
    owner, group = _owner()
    var = root / "var/lib/exhibit-kiosk"
    return {
        "ansible_connection": "local",
        "ansible_python_interpreter": sys.executable,
        "kiosk_manage_packages": False,
        "kiosk_manage_users": False,
        "kiosk_manage_services": False,
        "kiosk_user": KIOSK_ACCOUNT,
        "kiosk_group": grp.getgrgid(pwd.getpwnam(KIOSK_ACCOUNT).pw_gid).gr_name,
        "kiosk_file_owner": owner,
        "kiosk_file_group": group,
        "kiosk_home": str(root / "home/kiosk"),
        "kiosk_prefix": str(root / "opt/exhibit-kiosk"),
        "kiosk_etc": str(root / "etc/exhibit-kiosk"),
        "kiosk_var": str(var),
        "kiosk_unit_dir": str(root / "etc/systemd/system"),
        "kiosk_textfile_dir": str(root / "var/lib/prometheus/node-exporter"),
        "kiosk_wheelhouse_src": str(root / "wheelhouse"),
        "kiosk_exhibit_source": str(root / "exhibit-source"),
        "kiosk_python": sys.executable,
        "kiosk_venv_extra_paths": [str(dependencies)],
        "kiosk_name": "Gallery 2, east wall",
        "kiosk_timezone": "Europe/Berlin",
        "kiosk_hours": {"mon": "closed", "tue": "10:00-18:00", "wed": "10:00-18:00",
                        "thu": ["10:00-13:00", "14:00-21:00"], "fri": "10:00-18:00",
                        "sat": "10:00-18:00", "sun": "11:00-17:00"},
        "kiosk_closures": [{"date": "2026-12-24", "reason": "Christmas Eve"},
                           {"from": "2026-12-31", "to": "2027-01-01", "reason": "New Year"}],
        "kiosk_special_openings": [{"date": "2026-05-18", "hours": "18:00-24:00",
                                    "reason": "Museum night"}],
        "kiosk_daily_restart": "04:00",
        "kiosk_display_power": ["ddcutil", "cec-client"],
        "kiosk_content": {"folder": str(var / "incoming"), "keep": 5},
        "kiosk_staff_pin_record": pin_record,
    }


@pytest.fixture(scope="module")
def provisioned(tmp_path_factory: pytest.TempPathFactory) -> Provisioned:
    """The playbook applied twice to a kiosk whose every path is in a temporary folder."""
    if shutil.which("syncthing") is None:
        pytest.skip("syncthing is not installed (install.sh adds it): the playbook makes "
                    "the kiosk's Syncthing keys with it")
    work = tmp_path_factory.mktemp("ansible")
    root = work / "machine"
    before = {path: path.exists() for path in MACHINE_PATHS}
    build_kiosk_wheel(work, root / "wheelhouse")
    write_sample_exhibit(root / "exhibit-source")
    store = PinStore(work / "set-pin" / "staff.json")
    store.set_pin("480917")
    pin_record = json.loads(store.path.read_text(encoding="utf-8"))
    variables = _variables(root, pin_record, lend_dependencies(work / "dependencies"))
    inventory = work / "inventory.yml"
    inventory.write_text(yaml.safe_dump(
        {"kiosks": {"hosts": {"kiosk-under-test": variables}}}, sort_keys=False),
        encoding="utf-8")
    first = run_playbook(inventory, work)
    second = run_playbook(inventory, work) if first.returncode == 0 else first
    return Provisioned(root, work, inventory, variables, first, second, pin_record, before)


def test_the_first_run_installs_the_kiosk(provisioned: Provisioned) -> None:
    run = provisioned.first
    assert run.returncode == 0 and not run.failures, run.summary()
    assert run.stats["kiosk-under-test"]["changed"] > 0, run.summary()


def test_a_second_run_changes_nothing(provisioned: Provisioned) -> None:
    run = provisioned.second
    assert run.returncode == 0 and not run.failures, run.summary()
    assert (run.stats["kiosk-under-test"]["changed"], run.changed_tasks) == (0, []), run.summary()


def test_nothing_is_written_outside_the_test_folder(provisioned: Provisioned) -> None:
    created = [path for path, existed in provisioned.existed_before.items()
               if path.exists() and not existed]
    assert created == []


def test_the_installed_kiosk_runs_and_accepts_the_site_file(provisioned: Provisioned) -> None:
    kiosk = provisioned.path("kiosk_prefix") / "bin/kiosk"
    version = subprocess.run([kiosk, "--version"], capture_output=True, text=True, check=False)
    assert version.returncode == 0 and "0.1.0" in version.stdout + version.stderr, version

    site_file = provisioned.path("kiosk_etc") / "site.yaml"
    checked = subprocess.run([kiosk, "validate", "--site", site_file],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    assert (site["name"], site["hours"]["thu"], site["display"]["power"]) == (
        "Gallery 2, east wall", ["10:00-13:00", "14:00-21:00"], ["ddcutil", "cec-client"])
    assert site["metrics"]["folder"] == provisioned.variables["kiosk_textfile_dir"]


def test_the_unit_runs_the_kiosk_as_its_account_with_the_site_file(
        provisioned: Provisioned) -> None:
    unit = (provisioned.path("kiosk_unit_dir") / "exhibit-kiosk.service").read_text(
        encoding="utf-8")
    lines = unit.splitlines()
    site_file = provisioned.path("kiosk_etc") / "site.yaml"
    exec_start = next(line for line in lines if line.startswith("ExecStart="))
    assert f"User={KIOSK_ACCOUNT}" in lines
    assert f"--site {site_file}" in exec_start
    assert str(provisioned.path("kiosk_prefix") / "bin/kiosk") in exec_start
    # The site file's metrics folder is opened in the sandbox.
    textfile = provisioned.variables["kiosk_textfile_dir"]
    assert any(line.startswith("ReadWritePaths=") and textfile in line for line in lines)


def test_the_staff_pin_record_is_private_to_the_kiosks_account(
        provisioned: Provisioned) -> None:
    record_file = Path(provisioned.variables["kiosk_home"]) / ".config/exhibit-kiosk/staff.json"
    assert stat.S_IMODE(record_file.stat().st_mode) == 0o600
    assert record_file.owner() == provisioned.variables["kiosk_file_owner"]
    assert json.loads(record_file.read_text(encoding="utf-8")) == provisioned.pin_record
    assert PinStore(record_file).verify("480917")


def test_a_plain_pin_in_the_inventory_is_refused_before_anything_changes(
        provisioned: Provisioned) -> None:
    run = run_playbook(provisioned.inventory, provisioned.work,
                       "-e", json.dumps({"kiosk_staff_pin_record": "480917"}))
    assert run.returncode != 0 and run.stats["kiosk-under-test"]["changed"] == 0, run.summary()
    assert any("Check the staff PIN record" in failure and "never a plain PIN" in failure
               for failure in run.failures), run.summary()
    record_file = Path(provisioned.variables["kiosk_home"]) / ".config/exhibit-kiosk/staff.json"
    assert json.loads(record_file.read_text(encoding="utf-8")) == provisioned.pin_record


def test_syncthing_sends_only_the_event_logs_home(provisioned: Provisioned) -> None:
    data = Path(provisioned.variables["kiosk_home"]) / ".local/share/exhibit-kiosk"
    patterns = [line for line in (data / ".stignore").read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("//")]
    assert patterns == ["!/events.jsonl", "!/events.jsonl.*.gz", "*"]
    incoming = Path(provisioned.variables["kiosk_content"]["folder"])
    assert (incoming / ".stignore").is_file()
    syncthing = Path(provisioned.variables["kiosk_home"]) / ".config/syncthing"
    assert (syncthing / "cert.pem").is_file() and (syncthing / "config.xml").is_file()
    site = yaml.safe_load((provisioned.path("kiosk_etc") / "site.yaml").read_text("utf-8"))
    assert site["content"] == {"folder": str(incoming), "keep": 5}


def test_the_first_exhibit_is_copied_for_the_first_start(provisioned: Provisioned) -> None:
    exhibit = provisioned.path("kiosk_var") / "exhibit/exhibit.yaml"
    assert exhibit.read_bytes() == (provisioned.root / "exhibit-source/exhibit.yaml").read_bytes()


def test_ansible_lint_finds_nothing(tmp_path: Path) -> None:
    if shutil.which("ansible-lint") is None:
        pytest.skip("ansible-lint is not installed (install.sh adds it)")
    # --offline: never install collections or ask Galaxy; the cache stays in tmp_path.
    done = subprocess.run(["ansible-lint", "--offline", "--nocolor"], cwd=PLAYBOOK_DIR,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "HOME": str(tmp_path),
                               "XDG_CACHE_HOME": str(tmp_path / "cache"),
                               "ANSIBLE_HOME": str(tmp_path / "ansible")})
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_example_inventory_passes_the_syntax_check(tmp_path: Path) -> None:
    done = subprocess.run(
        ["ansible-playbook", "--syntax-check", "-i", "inventory.example", "site.yml"],
        cwd=PLAYBOOK_DIR, capture_output=True, text=True, check=False,
        env={**os.environ, "ANSIBLE_HOME": str(tmp_path / "ansible"),
             "ANSIBLE_LOCAL_TEMP": str(tmp_path / "tmp")})
    assert done.returncode == 0, done.stdout + done.stderr
