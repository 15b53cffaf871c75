"""A FIFO in place of `exhibit.yaml` never freezes the kiosk: the running kiosk goes on
answering visitors and pinging systemd's watchdog, and a kiosk started on the FIFO comes
up with its last good exhibit. The real program on a real X server, with a stand-in for
systemd's notify socket."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.exhibit import snapshot
from kiosk.exhibit.load import load_exhibit
from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.systemd_notify import Systemd
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, Display, wait_for

pytestmark = NEEDS_X

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Sample Exhibit"


@pytest.fixture
def systemd(tmp_path: Path) -> Iterator[Systemd]:
    listener = Systemd(tmp_path / "notify.sock")
    yield listener
    listener.close()


def tap(kiosk: RealKiosk, x: int, y: int) -> None:
    kiosk.xdotool(f"mousemove {x} {y} click 1")


def keep_last_good(exhibit: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot a kiosk that has shown ``exhibit`` before keeps (its pictures were
    written just now, which the kiosk would wait a few seconds out before keeping it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setattr(snapshot, "SETTLE_NS", 0)
    assert snapshot.save_snapshot(exhibit, load_exhibit(exhibit))


def test_a_fifo_for_the_exhibit_neither_freezes_the_kiosk_nor_stops_its_next_start(
        tablet_display: Display, systemd: Systemd, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    folder = tmp_path / "kiosk"
    keep_last_good(exhibit, folder / "home" / ".cache", monkeypatch)
    kiosk = RealKiosk(tablet_display.name, exhibit, folder, ROOT, environment=systemd.environment())
    try:
        wait_for(lambda: bool(systemd.said("READY=1")), "READY=1", timeout=60)
        width, height = kiosk.wait_mapped(TITLE)
        tap(kiosk, width // 2, height // 4)  # anywhere but a language: enter
        kiosk.wait_event("era_opened")

        exhibit.unlink()
        os.mkfifo(exhibit)
        swapped = time.monotonic()
        rejected = kiosk.wait_event("reload_rejected", timeout=30)
        assert "not a regular file" in " ".join(rejected["messages"]) or \
            "FIFO" in " ".join(rejected["messages"]).upper()
        # Still answering a visitor: a keypad's arrow moves on to the era's first panel.
        kiosk.xdotool("key Right")
        kiosk.wait_event("panel_shown", era="first", panel="one")
        # And still telling systemd it is alive, from the GUI thread, every second or so.
        wait_for(lambda: len(systemd.said("WATCHDOG=1", since=swapped)) >= 3,
                 "three watchdog pings after the FIFO", timeout=20)
        pings = systemd.said("WATCHDOG=1", since=swapped)
        assert max(b - a for a, b in zip(pings, pings[1:], strict=False)) < 2.0
        kiosk.process.kill()  # as a crash or `kill -9` would
        kiosk.process.wait(timeout=20)

        # Started again on the FIFO: up, with the last good exhibit, in good time.
        again = systemd.said("READY=1")
        restarted = time.monotonic()
        before = len(kiosk.events())
        kiosk = RealKiosk(tablet_display.name, exhibit, folder, ROOT,
                          environment=systemd.environment())
        wait_for(lambda: len(systemd.said("READY=1", since=restarted)) > 0,
                 "READY=1 from the kiosk started on a FIFO", timeout=60)
        assert len(systemd.said("READY=1")) == len(again) + 1
        kiosk.wait_mapped(TITLE)
        kiosk.wait_event("start", after=before)
        tap(kiosk, width // 2, height // 4)
        kiosk.wait_event("era_opened", after=before, era="first")
        kiosk.xdotool("key Right")
        kiosk.wait_event("panel_shown", after=before, era="first", panel="one")
    finally:
        kiosk.stop()
