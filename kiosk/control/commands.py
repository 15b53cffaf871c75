"""`kiosk status` and `kiosk screenshot`: ask the running kiosk, print or save its answer."""

from __future__ import annotations

import base64
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from kiosk.control.client import NoKiosk, ask


def status_command(*, as_json: bool, stdout: TextIO | None = None,
                   stderr: TextIO | None = None, socket: Path | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        status = ask("status", socket)
    except NoKiosk as error:
        print(f"kiosk status: {error}", file=err)
        return 1
    print(json.dumps(status, indent=2) if as_json else status_text(status), file=out)
    return 0


def screenshot_command(target: Path, *, stdout: TextIO | None = None,
                       stderr: TextIO | None = None, socket: Path | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    try:
        shot = ask("screenshot", socket)
        data = base64.b64decode(shot["png"], validate=True)
    except NoKiosk as error:
        print(f"kiosk screenshot: {error}", file=err)
        return 1
    except (KeyError, TypeError, ValueError):
        print("kiosk screenshot: the kiosk's answer holds no picture", file=err)
        return 1
    try:
        target.write_bytes(data)
    except OSError as error:
        print(f"kiosk screenshot: cannot write {target}: {error.strerror or error}", file=err)
        return 1
    print(f"Saved what the kiosk shows ({shot.get('width')}×{shot.get('height')}) to {target}",
          file=out)
    return 0


def status_text(status: dict[str, Any]) -> str:
    """The status for a person at a terminal: one fact a line, the label first."""
    hours, rest = divmod(int(status["uptime_s"]), 3600)
    rows = [
        ("kiosk", f"{status['kiosk']} (exhibit-kiosk {status['version']}, pid {status['pid']})"),
        ("exhibit", f"{status['exhibit']} (digest {status['digest'] or 'unknown'})"),
        *([("release", status["release"])] if status.get("release") else []),
        ("now", _now_text(status)),
        ("display", _display_text(status["display"])),
        ("last reload", _reload_text(status["last_reload"])),
        ("up since", f"{_when(status['started_at'])} ({hours} h {rest // 60} min)"),
        ("visits today", str(status["visits_today"])),
        ("event log", status["event_log"]),
        ("metrics", status["metrics_file"] or "not written (the site file names no folder)"),
        ("site file", status["site_file"] or "none: open around the clock"),
    ]
    if status["validation_errors"]:
        rows.insert(2, ("errors", f"{status['validation_errors']} in the exhibit file as last "
                                  "saved; visitors see the last good one"))
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def _now_text(status: dict[str, Any]) -> str:
    state = "open" if status["open"] else "closed"
    screen = status["screen"]
    where = f"{state}, {screen} screen" if screen != "closed" else state
    where += f", in {status['language']}" if status["open"] else ""
    change = status["next_change"]
    if change is None:
        return where + ("" if status["open"] else "; no opening ahead")
    return f"{where}; {change['what']} {_when(change['at'])}"


def _display_text(display: dict[str, Any]) -> str:
    state = "on" if display["on"] else "off"
    if display["backend"]:
        return f"{state} (switched by {display['backend']})"
    if not display["power"]:
        return f"{state} (the kiosk does not switch it)"
    return state


def _reload_text(reload: dict[str, Any] | None) -> str:
    if reload is None:
        return "none since it started"
    if reload["result"] == "applied":
        return f"{_when(reload['at'])}: applied (digest {reload['digest']})"
    return f"{_when(reload['at'])}: refused, {reload['errors']} error(s); the last good is shown"


def _when(iso: str) -> str:
    """``2026-12-04T18:00:00+01:00`` as ``2026-12-04 18:00 UTC+01:00``: the kiosk's time."""
    return f"{datetime.fromisoformat(iso):%Y-%m-%d %H:%M %Z}"
