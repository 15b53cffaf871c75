"""The running kiosk keeps its metrics file current: the real program on a real X server,
a site file naming the metrics folder, a visit, a good edit and a broken one."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.exhibit.digest import exhibit_digest
from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.systemd_notify import Systemd
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, Display, wait_for

pytestmark = NEEDS_X

ROOT = Path(__file__).resolve().parents[2]
KIOSK = "gallery-2"


def value(text: str, name: str, **labels: str) -> float | None:
    """The sample ``name`` with ``labels`` (among others) in the text format, or None."""
    for line in text.splitlines():
        match = re.fullmatch(rf"{name}\{{(.*)\}} (\S+)", line)
        if match and all(f'{k}="{v}"' in match.group(1) for k, v in labels.items()):
            return float(match.group(2))
    return None


def test_the_kiosk_writes_what_happens_in_it_for_the_node_exporter(
        tablet_display: Display, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    folder = tmp_path / "metrics"
    folder.mkdir()
    site = tmp_path / "site.yaml"
    site.write_text(f"version: 1\nname: {KIOSK}\ntimezone: Europe/Berlin\n"
                    f"metrics:\n  folder: {folder}\n  interval: 1\n", encoding="utf-8")
    prom = folder / "exhibit_kiosk.prom"
    systemd = Systemd(tmp_path / "notify.sock")
    kiosk = RealKiosk(tablet_display.name, exhibit, tmp_path / "run", ROOT, "--site", str(site),
                      environment={"NOTIFY_SOCKET": str(systemd.path), "WATCHDOG_USEC": "2000000"})
    try:
        kiosk.wait_event("attract_shown")

        def reads(name: str, expected: float, **labels: str) -> bool:
            return prom.exists() and value(prom.read_text(), name, kiosk=KIOSK,
                                           **labels) == expected

        digest = exhibit_digest(exhibit)
        wait_for(lambda: reads("exhibit_kiosk_up", 1.0), "the kiosk up in its metrics")
        wait_for(lambda: reads("exhibit_kiosk_info", 1.0, digest=digest), "the exhibit's digest")
        wait_for(lambda: (value(prom.read_text(), "exhibit_kiosk_watchdog_pings_total",
                                kiosk=KIOSK) or 0) >= 1, "watchdog pings counted")
        wait_for(lambda: value(prom.read_text(), "exhibit_kiosk_last_frame_timestamp_seconds",
                               kiosk=KIOSK) is not None, "a frame's time")

        text = exhibit.read_text(encoding="utf-8")
        exhibit.write_text(text.replace("Sample Exhibit", "Sample Show"),
                           encoding="utf-8")
        kiosk.wait_event("reload_applied", digest=exhibit_digest(exhibit))
        wait_for(lambda: reads("exhibit_kiosk_reloads_applied_total", 1.0), "the reload counted")
        wait_for(lambda: reads("exhibit_kiosk_info", 1.0, digest=exhibit_digest(exhibit)),
                 "the new digest")

        exhibit.write_text("version: 1\ntitle: [unclosed\n", encoding="utf-8")
        kiosk.wait_event("reload_rejected")
        wait_for(lambda: reads("exhibit_kiosk_reloads_rejected_total", 1.0),
                 "the rejected save counted")
        wait_for(lambda: (value(prom.read_text(), "exhibit_kiosk_validation_errors",
                                kiosk=KIOSK) or 0) >= 1, "its errors counted")
    finally:
        kiosk.stop()
        systemd.close()
    assert value(prom.read_text(), "exhibit_kiosk_up", kiosk=KIOSK) == 0.0
