"""Screenshots of an X screen taken by Qt, in a process of their own that stays up.

The test process runs Qt offscreen, so it cannot look at an X server itself; this helper
(``python -m tests.helpers.xgrab`` with DISPLAY set) answers one JSON request a line:

* ``{"do": "describe"}``: the screen's pixels and physical size as Qt sees them, and what
  the kiosk's own code (``physical_size_mm``, ``ScreenMetrics``) makes of them;
* ``{"do": "still", "path": …, "quiet_ms": …, "timeout_ms": …}``: grab the screen until
  it has not changed for ``quiet_ms``, then save that picture.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.helpers.xserver import client_env

POLL_S = 0.04
# Unchanged for this long: no slide (250 ms) or fade is under way. Two grabs in a row can
# match mid-animation when a busy machine holds a frame back.
QUIET_MS = 300
PNG_QUALITY = 80  # Qt's scale: light zlib compression, quick to write
TIMEOUT_MS = 15_000


def _serve() -> None:
    from PySide6.QtGui import QGuiApplication

    from kiosk.refcounts import make_singletons_immortal

    make_singletons_immortal()  # a long-lived PySide process, as the kiosk is
    app = QGuiApplication(sys.argv[:1])
    for line in sys.stdin:
        request = json.loads(line)
        if request["do"] == "describe":
            reply = _describe(app)
        elif request["do"] == "still":
            reply = _still(app, Path(request["path"]), request["quiet_ms"],
                           request["timeout_ms"])
        else:
            reply = {"error": f"unknown request {request!r}"}
        print(json.dumps(reply), flush=True)


def _describe(app: Any) -> dict[str, Any]:
    from PySide6.QtQuick import QQuickWindow

    from kiosk.ui.metrics import ScreenMetrics
    from kiosk.ui.window import physical_size_mm

    screen = app.primaryScreen()
    geometry = screen.geometry()
    window = QQuickWindow()  # full screen, as the kiosk's: never shown
    window.resize(geometry.size())
    kiosk_mm = physical_size_mm(window)
    metrics = ScreenMetrics()
    metrics.update_for(geometry.width(), geometry.height(), kiosk_mm)
    return {"platform": app.platformName(),
            "pixels": [geometry.width(), geometry.height()],
            "device_pixel_ratio": screen.devicePixelRatio(),
            "screen_mm": [screen.physicalSize().width(), screen.physicalSize().height()],
            "kiosk_mm": list(kiosk_mm) if kiosk_mm else None,
            "px_per_mm": metrics.mm, "body_px": metrics.body}


def _still(app: Any, path: Path, quiet_ms: int, timeout_ms: int) -> dict[str, Any]:
    screen = app.primaryScreen()
    started = time.monotonic()
    last = screen.grabWindow(0).toImage()
    unchanged_since = time.monotonic()
    grabs = 1
    settled = False
    while (time.monotonic() - started) * 1000 < timeout_ms:
        time.sleep(POLL_S)  # the poll's pace, not a wait for anything in particular
        image = screen.grabWindow(0).toImage()
        grabs += 1
        now = time.monotonic()
        if image != last:
            last, unchanged_since = image, now
        elif (now - unchanged_since) * 1000 >= quiet_ms:
            settled = True
            break
    saved = last.save(str(path), "PNG", PNG_QUALITY)
    return {"settled": settled, "saved": saved, "grabs": grabs,
            "ms": round((time.monotonic() - started) * 1000)}


class Grabber:
    """The helper process on ``display``, and requests to it."""

    def __init__(self, display: str, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.xgrab"], cwd=root,
            env=client_env(display, root),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def ask(self, **request: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the screen grabber stopped (exit {self.process.poll()})")
        reply: dict[str, Any] = json.loads(line)
        return reply

    def describe(self) -> dict[str, Any]:
        return self.ask(do="describe")

    def still(self, path: Path, quiet_ms: int = QUIET_MS,
              timeout_ms: int = TIMEOUT_MS) -> dict[str, Any]:
        """Save the screen once it has stayed the same for ``quiet_ms``."""
        reply = self.ask(do="still", path=str(path), quiet_ms=quiet_ms, timeout_ms=timeout_ms)
        if not reply.get("saved"):
            raise OSError(f"could not save a screenshot to {path}")
        return reply

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


if __name__ == "__main__":
    _serve()
