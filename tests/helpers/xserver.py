"""A virtual X screen (Xvfb) for the real kiosk, of a given size and physical density.

The kiosk sizes everything in millimetres from the screen's physical size, so a screen
profile is pixels *and* a diagonal: Xvfb is given the matching dots per inch and reports
the millimetres that follow from it.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

MM_PER_INCH = 25.4
# Set for the test process (offscreen, pixel-exact); a Qt program on a real screen runs
# with Qt's defaults.
TEST_ONLY_VARIABLES = ("QT_QPA_PLATFORM", "QT_ENABLE_HIGHDPI_SCALING",
                       "QML_NO_TOUCH_COMPRESSION", "QT_QUICK_CONTROLS_STYLE")

NEEDS_X = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("xdotool")),
    reason="needs Xvfb and xdotool (Debian packages xvfb, xdotool; install.sh adds them)",
)


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 20.0) -> None:
    """Poll an outside process's observable state until it holds (never a blind sleep)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@dataclass(frozen=True)
class ScreenProfile:
    """A physical screen: its pixels and its diagonal."""

    width: int
    height: int
    diagonal_in: float

    @property
    def name(self) -> str:
        return f"{self.diagonal_in:g}in-{self.width}x{self.height}"

    @property
    def size_mm(self) -> tuple[float, float]:
        """Width and height of the picture area, for square pixels."""
        diagonal_px = math.hypot(self.width, self.height)
        diagonal_mm = self.diagonal_in * MM_PER_INCH
        return diagonal_mm * self.width / diagonal_px, diagonal_mm * self.height / diagonal_px

    @property
    def dpi(self) -> int:
        # Xvfb takes whole dots per inch: the millimetres it reports land within 0.5 %.
        return round(self.width * MM_PER_INCH / self.size_mm[0])


@dataclass(frozen=True)
class Display:
    name: str  # ":N"
    profile: ScreenProfile


@contextmanager
def xvfb(profile: ScreenProfile) -> Iterator[Display]:
    """An X server with one screen of ``profile``, stopped on leaving."""
    read_end, write_end = os.pipe()
    # Without RandR: Xvfb's RandR output reports no physical size, and Qt then falls back
    # to 96 dpi whatever -dpi says; the core protocol's screen size is the -dpi one.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0",
         f"{profile.width}x{profile.height}x24", "-dpi", str(profile.dpi),
         "-nolisten", "tcp", "-extension", "RANDR"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as announced:
            number = announced.readline().strip()  # written once the server is ready
        if not number.isdigit():
            raise RuntimeError("Xvfb did not start")
        yield Display(f":{number}", profile)
    finally:
        server.terminate()
        server.wait(timeout=10)


def client_env(display: str, root: Path, **extra: str) -> dict[str, str]:
    """The environment for a Qt program of this checkout shown on ``display``."""
    env = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    path = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return env | {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "PYTHONPATH": path, **extra}


def reported_size(display: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """The screen's pixels and millimetres, as xdpyinfo reads them from the server."""
    info = subprocess.run(["xdpyinfo", "-display", display], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"dimensions:\s+(\d+)x(\d+) pixels \((\d+)x(\d+) millimeters\)", info)
    if found is None:
        raise AssertionError(f"xdpyinfo gave no screen dimensions:\n{info}")
    w, h, w_mm, h_mm = (int(g) for g in found.groups())
    return (w, h), (w_mm, h_mm)
