"""The kiosk starts and shows its exhibit when it cannot write anywhere in its home: a
read-only disk, or a home that was never made. The real program, started as systemd
would start it, says READY=1 to a stand-in for systemd's notify socket."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.systemd_notify import Systemd
from tests.helpers.xserver import wait_for

READY_WITHIN_S = 60.0
# No one, root included, can create anything under /proc: a home where every write fails.
UNWRITABLE_HOME = "/proc/self/exhibit-kiosk-home"


def test_the_kiosk_starts_and_says_ready_when_its_home_is_unwritable(tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    systemd = Systemd(tmp_path / "notify.sock")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": UNWRITABLE_HOME,
           "QT_QPA_PLATFORM": "offscreen", "NOTIFY_SOCKET": str(systemd.path),
           "LANG": "C.UTF-8"}
    kiosk = subprocess.Popen([sys.executable, "-m", "kiosk", "--windowed", str(exhibit)],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             text=True)
    try:
        wait_for(lambda: bool(systemd.said("READY=1")) or kiosk.poll() is not None,
                 "READY=1, or the kiosk's exit", READY_WITHIN_S)
    finally:
        kiosk.terminate()
        _, stderr = kiosk.communicate(timeout=30)
        systemd.close()
    assert systemd.said("READY=1"), f"no READY=1; the kiosk said on stderr:\n{stderr}"
    # It said, once each, that it could not keep its log or its events, and went on.
    assert "Traceback" not in stderr
    assert stderr.count("cannot open the log file") == 1
