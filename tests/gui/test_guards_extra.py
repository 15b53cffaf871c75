"""Run-time promises that only one guard stands between, each checked by
tools/check_guards.py to fail without that guard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.sample_exhibit import write_sample_exhibit

pytestmark = pytest.mark.gui

REPO = Path(__file__).resolve().parents[2]
# The kiosk as `kiosk --windowed` runs it, with one slot that fails every time it runs.
BROKEN_KIOSK = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.run import run_kiosk

app = QGuiApplication(sys.argv[:1])


def broken_slot() -> None:
    raise ZeroDivisionError("a slot with a bug")


timer = QTimer()
timer.timeout.connect(broken_slot)
timer.start(20)
sys.exit(run_kiosk(Path(sys.argv[1]), windowed=True, size=(640, 400),
                   event_log=Path(sys.argv[2])))
"""


def test_a_kiosk_failing_again_and_again_quits_so_systemd_restarts_it(tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    events = tmp_path / "events.jsonl"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
                        "XDG_DATA_HOME": str(tmp_path / "data"),
                        "XDG_CONFIG_HOME": str(tmp_path / "config")}
    # A bound, not a wait: the kiosk quits within a second; one that never quits fails here.
    done = subprocess.run([sys.executable, "-c", BROKEN_KIOSK, str(exhibit), str(events)],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert done.returncode == 3, done.stderr[-2000:]  # not 0: systemd restarts on failure
    assert "a slot with a bug" in done.stderr
    assert "quitting so the service restarts the kiosk" in done.stderr
    last = json.loads(events.read_text(encoding="utf-8").splitlines()[-1])
    assert (last["event"], last["code"]) == ("stop", 3)
