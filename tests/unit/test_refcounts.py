"""The None/True/False reference-count guard keeps a long-running kiosk alive.

Both tests run PySide in a fresh interpreter: the bug ends the process."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CALLS = ("from PySide6.QtCore import QObject\n"
         "holder = QObject()\n"
         "for n in range(50_000):\n"
         "    holder.setObjectName(str(n))\n"
         "print('done')\n")

pytestmark = pytest.mark.skipif(sys.version_info >= (3, 12),
                                reason="None, True and False are immortal from Python 3.12")


def run(script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)


def test_without_the_guard_pyside_wears_none_s_count_down_and_python_aborts() -> None:
    """The bug itself. When a PySide release fixes it, this fails: then drop the guard."""
    done = run(CALLS)
    assert done.returncode == -signal.SIGABRT
    assert "none_dealloc" in done.stderr


def test_with_the_guard_the_same_calls_run_to_the_end() -> None:
    done = run("from kiosk.refcounts import make_singletons_immortal\n"
               "make_singletons_immortal()\n" + CALLS)
    assert (done.returncode, done.stdout.strip()) == (0, "done"), done.stderr[-2000:]
