"""Outside opening hours the real kiosk keeps visitors out and switches its display off:
the real program on a real X server, with stand-ins of the display power tools that
record what they are asked and answer as the real ones do."""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.standins import StandIns
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, Display, wait_for

pytestmark = NEEDS_X

ROOT = Path(__file__).resolve().parents[2]
CLOSED_ALL_WEEK = "".join(f"  {day}: closed\n"
                          for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))


def test_at_night_a_tap_does_not_enter_and_the_display_goes_off_through_the_first_tool_that_works(
        tablet_display: Display, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    tools = StandIns(tmp_path / "tools")
    tools.install("xset", "no-dpms")  # Xvfb has no DPMS: xset says so and exits 0
    tools.install("ddcutil", "ok")
    site = tmp_path / "site.yaml"
    site.write_text("version: 1\nname: foyer\ntimezone: Europe/Berlin\nhours:\n"
                    + CLOSED_ALL_WEEK
                    + "display:\n  power: [xset-dpms, ddcutil, cec-client]\n  off_after: 1\n",
                    encoding="utf-8")
    kiosk = RealKiosk(tablet_display.name, exhibit, tmp_path / "run", ROOT, "--site", str(site),
                      environment={"PATH": f"{tools.bin}:{os.environ['PATH']}"})
    try:
        kiosk.wait_event("attract_shown")
        kiosk.xdotool("mousemove 640 400 click 1")
        off = kiosk.wait_event("display_off")
        assert off["backend"] == "ddcutil"
        assert tools.commands() == ["xset dpms force off",
                                    "ddcutil --noverify setvcp D6 04"]
        wait_for(lambda: "using ddcutil" in kiosk.output.read_text(errors="replace"),
                 "the log line naming the backend in use")
        assert not [e for e in kiosk.events() if e["event"] in ("era_opened", "panel_shown")]
    finally:
        kiosk.stop()
    # Stopped at night, the kiosk leaves the display on for whatever comes next.
    assert tools.commands()[-1] == "ddcutil --noverify setvcp D6 01"
