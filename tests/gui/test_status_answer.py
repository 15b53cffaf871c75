"""What the running kiosk answers `kiosk status` and `kiosk screenshot` with, read from its
real window and objects, and how the status reads at a terminal."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtGui import QImage

from kiosk.control.answers import RunningKiosk
from kiosk.control.commands import status_text
from kiosk.live.kioskstate import KioskState
from tests.gui.conftest import Kiosk
from tests.gui.test_closed_hours import BERLIN, berlin, schedule

MakeKiosk = Callable[..., Kiosk]


def running(kiosk: Kiosk, tmp_path: Path) -> RunningKiosk:
    """Answers for ``kiosk`` made at 21:00 on a Tuesday, its state on the hours' clock."""
    hours = kiosk.view.hours
    assert hours.schedule is not None
    start_ms = kiosk.hours_time.ms
    state = KioskState("gallery-2", exhibit="/srv/exhibit/exhibit.yaml", digest="3f9a1c2b4d5e",
                       clock=lambda: berlin(6, 2, 21) + timedelta(
                           milliseconds=kiosk.hours_time.ms - start_ms), zone=BERLIN)
    return RunningKiosk(kiosk.view, state, hours.schedule.site, tmp_path / "events.jsonl",
                        tmp_path / "metrics" / "exhibit_kiosk.prom")


def test_status_at_night_then_at_opening_then_in_a_visit(make_kiosk: MakeKiosk,
                                                         tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))  # a Tuesday night
    answers = running(kiosk, tmp_path)
    status = answers.status()
    assert (status["open"], status["screen"]) == (False, "closed")
    assert status["next_change"] == {"at": "2026-06-03T10:00+02:00", "what": "opens"}
    assert status["kiosk"] == "gallery-2" and status["digest"] == "3f9a1c2b4d5e"
    assert status["display"] == {"on": True, "backend": None, "power": ["auto"]}
    assert status["site_file"] == str(tmp_path / "site.yaml")

    kiosk.hours_time.advance(13 * 3600)  # 10:00 on Wednesday
    kiosk.wait(lambda: kiosk.view.hours.open)
    status = answers.status()
    assert (status["open"], status["screen"], status["language"]) == (True, "welcome", "en")
    assert status["next_change"] == {"at": "2026-06-03T18:00+02:00", "what": "closes"}
    assert status["uptime_s"] == 13 * 3600

    kiosk.tap("welcomeScreen")
    kiosk.wait(lambda: answers.status()["screen"] == "exhibit")


def test_status_tells_of_reloads_visits_and_the_display(make_kiosk: MakeKiosk,
                                                        tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))
    answers = running(kiosk, tmp_path)
    answers.state.reload_rejected(3)
    answers.state.set_display_on(False, "ddcutil")
    answers.state.visit_ended()
    status = answers.status()
    assert status["last_reload"] == {"at": "2026-06-02T21:00:00+02:00", "result": "rejected",
                                     "errors": 3, "digest": ""}
    assert status["validation_errors"] == 3
    assert status["display"]["on"] is False and status["display"]["backend"] == "ddcutil"
    assert status["visits_today"] == 1

    text = status_text(status)
    assert "errors        3 in the exhibit file as last saved" in text
    assert "now           closed; opens 2026-06-03 10:00 UTC+02:00" in text
    assert "display       off (switched by ddcutil)" in text
    assert ("last reload   2026-06-02 21:00 UTC+02:00: refused, 3 error(s); the last good "
            "is shown") in text
    assert "visits today  1" in text
    assert f"metrics       {tmp_path / 'metrics' / 'exhibit_kiosk.prom'}" in text

    answers.state.reload_applied("77aa00bb11cc")
    text = status_text(answers.status())
    assert "last reload   2026-06-02 21:00 UTC+02:00: applied (digest 77aa00bb11cc)" in text
    assert "errors " not in text


def test_the_screenshot_is_what_the_window_shows(make_kiosk: MakeKiosk,
                                                 tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))
    shot = running(kiosk, tmp_path).screenshot()
    image = QImage.fromData(base64.b64decode(shot["png"]), "PNG")
    shown = kiosk.window.grabWindow()
    assert (shot["width"], shot["height"]) == (shown.width(), shown.height()) == (1920, 1080)
    assert image.convertToFormat(QImage.Format.Format_RGB32) == \
        shown.convertToFormat(QImage.Format.Format_RGB32)
