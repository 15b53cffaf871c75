"""The kiosk keeps its first clean load, and its next start shows it without loading the
exhibit file again; an edit in between means a full load."""

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
# `kiosk --windowed` as it runs, leaving once its services have started after the first
# frame (the exhibit is kept in the same step). The pictures were written moments ago, so
# no wait for them to settle.
KIOSK = """
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication

from kiosk.run import run_kiosk
from kiosk.exhibit import snapshot

snapshot.SETTLE_NS = 0
app = QGuiApplication(sys.argv[:1])
events = Path(sys.argv[2])


def shown() -> int:
    return events.read_text().count('"attract_shown"') if events.exists() else 0


before = shown()
timer = QTimer()
timer.timeout.connect(lambda: shown() > before and app.exit(0))
timer.start(20)
code = run_kiosk(Path(sys.argv[1]), windowed=True, size=(640, 400),
                 event_log=Path(sys.argv[2]))
# The reference-count guard is set up once the services start (see kiosk.refcounts).
print("None immortal:", sys.getrefcount(None) > 1 << 50)
sys.exit(code)
"""


def start(exhibit: Path, tmp_path: Path, code: int = 0) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    # A bound, not a wait: each start leaves within a second or two.
    done = subprocess.run([sys.executable, "-c", KIOSK, str(exhibit),
                           str(tmp_path / "events.jsonl")],
                          env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == code, done.stderr[-2000:]
    return done


def test_the_next_start_uses_the_kept_exhibit_until_staff_edit_it(tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    unchanged = "unchanged since they were last checked"

    first = start(exhibit, tmp_path)
    assert unchanged not in first.stderr  # the first start loads it
    assert f"None immortal: {sys.version_info < (3, 12)}" in first.stdout
    assert unchanged in start(exhibit, tmp_path).stderr

    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace(
        "Sample Exhibit", "Edited Exhibit"), encoding="utf-8")
    assert unchanged not in start(exhibit, tmp_path).stderr
    assert unchanged in start(exhibit, tmp_path).stderr
    events = [json.loads(line) for line in
              (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [e["event"] for e in events].count("attract_shown") == 4


def test_a_file_broken_while_the_kiosk_was_off_starts_it_with_the_last_good_exhibit(
        tmp_path: Path) -> None:
    """A broken save, then a power cut: visitors get the last good exhibit, not a kiosk
    that fails to start again and again; staff get the errors, as they do from a reload."""
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    broken = exhibit.read_text(encoding="utf-8").replace("version: 1", "version: 1\ncolour: red")

    exhibit.write_text(broken, encoding="utf-8")
    never_good = start(exhibit, tmp_path, code=1)  # nothing good yet: nothing to show
    assert "cannot start until these errors are fixed" in never_good.stderr

    exhibit.write_text(broken.replace("\ncolour: red", ""), encoding="utf-8")
    start(exhibit, tmp_path)  # a clean start keeps it
    exhibit.write_text(broken, encoding="utf-8")
    done = start(exhibit, tmp_path)
    assert ":2:1: error:" in done.stderr  # what is wrong, as `kiosk validate` says it
    assert "showing its last good version" in done.stderr
    log = Path(os.environ["XDG_DATA_HOME"]) / "exhibit-kiosk" / "kiosk.log"
    assert "showing its last good version" in log.read_text(encoding="utf-8")
