"""The real kiosk on a real X server, closed until a special opening a minute away: `kiosk
status` and `kiosk screenshot` asked from a terminal say and show the closed screen, then,
at the opening the kiosk reaches on its own clock, the welcome screen."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.xgrab import Grabber
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, Display

pytestmark = NEEDS_X

ROOT = Path(__file__).resolve().parents[2]
WEEK_CLOSED = "".join(f"  {day}: closed\n"
                      for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
# Mean difference per colour channel (of 255) between two pictures of one screen taken a
# moment apart: the closed screen drifts by a pixel or two a second.
SAME_SCREEN = 4.0


def opening_soon() -> datetime:
    """The start of a minute at least 20 s away, time for the kiosk to start closed."""
    soon = datetime.now(UTC) + timedelta(seconds=20)
    return soon.replace(second=0, microsecond=0) + timedelta(minutes=1)


def status(kiosk: RealKiosk) -> dict[str, Any]:
    asked = kiosk.command("status", "--json")
    assert asked.returncode == 0, asked.stderr
    answer: dict[str, Any] = json.loads(asked.stdout)
    return answer


def difference(a: Path, b: Path) -> float:
    """Mean difference per channel of two screenshots, both shrunk to 160×100."""
    def pixels(path: Path) -> bytes:
        image = QImage(str(path))
        assert not image.isNull(), path
        small = image.scaled(160, 100, Qt.AspectRatioMode.IgnoreAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        return bytes(small.convertToFormat(QImage.Format.Format_RGB888).constBits())

    first, second = pixels(a), pixels(b)
    return sum(abs(x - y) for x, y in zip(first, second, strict=True)) / len(first)


def shot_and_screen(kiosk: RealKiosk, grabber: Grabber, folder: Path, name: str) -> Path:
    """`kiosk screenshot`, checked against the X server's own picture of the screen."""
    screen = folder / f"{name}-xserver.png"
    grabber.still(screen)
    shot = folder / f"{name}-kiosk.png"
    saved = kiosk.command("screenshot", str(shot))
    assert saved.returncode == 0, saved.stderr
    assert "Saved what the kiosk shows (1280×800)" in saved.stdout
    assert difference(shot, screen) < SAME_SCREEN, f"{shot} is not what {screen} shows"
    return shot


def test_status_and_screenshot_at_night_then_the_welcome_screen_at_opening(
        tablet_display: Display, tmp_path: Path) -> None:
    opening = opening_soon()
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    site = tmp_path / "site.yaml"
    site.write_text("version: 1\nname: foyer\ntimezone: UTC\nhours:\n" + WEEK_CLOSED
                    + f"special_openings:\n  - date: {opening:%Y-%m-%d}\n"
                    f"    hours: \"{opening:%H:%M}-24:00\"\n", encoding="utf-8")
    kiosk = RealKiosk(tablet_display.name, exhibit, tmp_path / "run", ROOT, "--site", str(site))
    grabber = Grabber(tablet_display.name, ROOT)
    try:
        kiosk.wait_event("attract_shown")
        night = status(kiosk)
        assert (night["kiosk"], night["open"], night["screen"]) == ("foyer", False, "closed")
        assert night["next_change"] == {"at": opening.isoformat(timespec="minutes"),
                                        "what": "opens"}
        assert night["site_file"] == str(site)
        closed_shot = shot_and_screen(kiosk, grabber, tmp_path, "closed")

        wait_s = (opening - datetime.now(UTC)).total_seconds() + 30
        kiosk.wait_event("opened", timeout=wait_s)
        day = status(kiosk)
        assert (day["open"], day["screen"]) == (True, "welcome")
        assert day["next_change"]["what"] == "closes"
        open_shot = shot_and_screen(kiosk, grabber, tmp_path, "open")
        # The comparison tells screens apart: the welcome screen is not the closed one.
        assert difference(open_shot, closed_shot) > 5 * SAME_SCREEN

        human = kiosk.command("status")
        assert human.returncode == 0, human.stderr
        assert human.stdout.startswith("kiosk         foyer (exhibit-kiosk ")
        assert "now           open, welcome screen, in en; closes " in human.stdout
    finally:
        grabber.close()
        kiosk.stop()
    gone = kiosk.command("status")
    assert gone.returncode == 1
    assert "no kiosk is running for this account" in gone.stderr
