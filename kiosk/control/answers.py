"""What the running kiosk answers on its control socket: its status, and a picture of what
it shows. Called on the GUI thread, where the window and its objects live."""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice

from kiosk.live.kioskstate import KioskState
from kiosk.site.model import Site
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView


@dataclass
class RunningKiosk:
    """The parts of the running kiosk its answers read."""

    view: KioskView
    state: KioskState
    site: Site
    event_log: Path
    metrics_file: Path | None = None

    def site_applied(self, site: Site) -> None:
        self.site = site

    def status(self) -> dict[str, Any]:
        state, hours, nav = self.state, self.view.hours, self.view.nav
        now = state.now()
        schedule = hours.schedule
        change = schedule.next_change(now) if schedule is not None else None
        reload = state.last_reload
        return {
            "kiosk": state.kiosk,
            "version": state.version,
            "pid": os.getpid(),
            "exhibit": state.exhibit,
            "digest": state.digest,
            "release": state.release,
            "validation_errors": state.validation_errors,
            "open": hours.open,
            "screen": "closed" if not hours.open else Screen(nav.screen).name.lower(),
            "language": nav.language,
            "next_change": None if change is None else {
                "at": change.when.isoformat(timespec="minutes"), "what": change.what},
            "display": {"on": state.display_on, "backend": state.display_backend,
                        # Open around the clock, nothing switches the display.
                        "power": [] if self.site.always_open
                        else list(self.site.display.backends)},
            "last_reload": None if reload is None else {
                "at": _local(reload.at, self.site), "result": reload.result,
                "errors": reload.errors, "digest": reload.digest},
            "started_at": _local(state.started_at, self.site),
            "uptime_s": round((now - state.started_at).total_seconds(), 1),
            "visits_today": state.visits_today,
            "event_log": str(self.event_log),
            "metrics_file": None if self.metrics_file is None else str(self.metrics_file),
            "site_file": None if self.site.path is None else str(self.site.path),
        }

    def screenshot(self) -> dict[str, Any]:
        """The window as it is drawn now, as a PNG."""
        image = self.view.window.grabWindow()
        if image.isNull():
            raise RuntimeError("the window could not be read back")
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return {"width": image.width(), "height": image.height(),
                "png": base64.b64encode(bytes(data.data())).decode("ascii")}


def _local(moment: datetime, site: Site) -> str:
    return moment.astimezone(site.timezone).isoformat(timespec="seconds")
