"""Running deploy/ansible against this machine, confined to a test's folder.

The playbook is applied to localhost with every path in a temporary folder and the parts
that touch the machine (apt, accounts, systemd) switched off. What it needs from outside
is made here: a wheelhouse with the kiosk's own wheel (built from the working tree), and a
folder lending the kiosk's venv the dependencies this test run already has, so no 85 MB
of PySide6 wheels are fetched for every run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PLAYBOOK_DIR = REPO / "deploy" / "ansible"
PROJECT = "exhibit-kiosk"
# What the wheel is built from (pyproject.toml's packages and data files).
SOURCE_FILES = ("pyproject.toml", "README.md", "exhibit.yaml")
SOURCE_FOLDERS = ("kiosk", "assets")


def build_kiosk_wheel(work: Path, wheelhouse: Path) -> Path:
    """The kiosk's wheel, built from a copy of the working tree into ``wheelhouse``.

    A copy, because setuptools writes build/ and egg-info/ beside the sources it builds."""
    source = work / "source"
    source.mkdir(parents=True)
    for name in SOURCE_FILES:
        shutil.copy2(REPO / name, source / name)
    for name in SOURCE_FOLDERS:
        shutil.copytree(REPO / name, source / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check",
         "--quiet", "--wheel-dir", str(wheelhouse), str(source)],
        capture_output=True, text=True, check=False)
    wheels = sorted(wheelhouse.glob("exhibit_kiosk-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise RuntimeError(f"could not build the kiosk's wheel:\n{done.stderr}")
    return wheels[0]


def _requirements(name: str) -> list[str]:
    """The names of the distributions ``name`` needs here (markers evaluated, no extras)."""
    needed = []
    for text in metadata.requires(name) or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            needed.append(requirement.name)
    return needed


def lend_dependencies(folder: Path, project: str = PROJECT) -> Path:
    """A folder of links to what ``project`` imports from this Python's packages: its
    dependencies and theirs, never the project itself (an editable install here would
    otherwise count as installed, and pip would put nothing into the kiosk's venv)."""
    folder.mkdir(parents=True)
    seen: set[str] = set()
    queue = _requirements(project)
    while queue:
        name = canonicalize_name(queue.pop())
        if name in seen:
            continue
        seen.add(name)
        distribution = metadata.distribution(name)
        queue.extend(_requirements(name))
        site = Path(str(distribution.locate_file("")))
        for entry in {Path(str(path)).parts[0] for path in distribution.files or ()}:
            if entry not in ("..", "__pycache__") and not (folder / entry).exists():
                (folder / entry).symlink_to(site / entry)
    return folder


@dataclass(frozen=True)
class PlaybookRun:
    """One ansible-playbook run, read from its output."""

    returncode: int
    stats: dict[str, dict[str, int]]
    changed_tasks: list[str]
    failures: list[str]
    stdout: str
    stderr: str

    def summary(self) -> str:
        """What to show when a run is not what a test expected."""
        return (f"exit {self.returncode}, stats {self.stats}\nchanged: {self.changed_tasks}\n"
                "failures:\n" + "\n".join(self.failures)
                + f"\noutput:\n{self.stdout[-4000:]}\n{self.stderr[-2000:]}")


TASK_LINE = re.compile(r"^(?:TASK|RUNNING HANDLER) \[(?P<name>.*)\]")
RESULT_LINE = re.compile(r"^(?P<status>changed|fatal|failed): \[(?P<host>[^\]]+)\]")
RECAP_LINE = re.compile(r"^(?P<host>\S+)\s+:\s+(?P<counts>(?:\w+=\d+\s*)+)$")


def _read_output(output: str) -> tuple[dict[str, dict[str, int]], list[str], list[str]]:
    """The recap's counts per host, the tasks that changed, and the failures, from the
    default callback's text (ansible-core has no JSON callback without ansible.posix)."""
    stats: dict[str, dict[str, int]] = {}
    changed, failures = [], []
    task = ""
    in_recap = False
    for line in output.splitlines():
        if line.startswith("PLAY RECAP"):
            in_recap = True
        elif in_recap and (recap := RECAP_LINE.match(line)):
            stats[recap["host"]] = {key: int(value) for key, value in
                                    re.findall(r"(\w+)=(\d+)", recap["counts"])}
        elif heading := TASK_LINE.match(line):
            task = heading["name"]
        elif result := RESULT_LINE.match(line):
            entry = f"{result['host']}: {task}"
            if result["status"] == "changed":
                changed.append(entry)
            else:
                failures.append(f"{entry}: {line}")
    return stats, changed, failures


def run_playbook(inventory: Path, work: Path, *options: str) -> PlaybookRun:
    """``ansible-playbook site.yml`` with ``inventory``; Ansible's own files (temporary
    modules, facts) and the commands' home and XDG folders stay under ``work``."""
    home = work / "ansible-home"
    environment = {
        **os.environ,
        "ANSIBLE_STDOUT_CALLBACK": "default",
        # Only what the reading needs: changes, failures and the recap.
        "ANSIBLE_DISPLAY_OK_HOSTS": "0",
        "ANSIBLE_DISPLAY_SKIPPED_HOSTS": "0",
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_HOME": str(home),
        "ANSIBLE_LOCAL_TEMP": str(home / "tmp"),
        "ANSIBLE_REMOTE_TEMP": str(home / "remote-tmp"),
        "ANSIBLE_RETRY_FILES_ENABLED": "0",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
    }
    done = subprocess.run(
        ["ansible-playbook", "-i", str(inventory), "site.yml", *options],
        cwd=PLAYBOOK_DIR, env=environment, capture_output=True, text=True, check=False)
    stats, changed, failures = _read_output(done.stdout)
    return PlaybookRun(done.returncode, stats, changed, failures, done.stdout, done.stderr)
