"""The real kiosk on a real X server (Xvfb, the `xcb` platform gallery PCs use), driven
by real pointer and key input through xdotool, checked through its event log and a
screenshot, and stopped the way systemd stops it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.xserver import NEEDS_X, wait_for

pytestmark = NEEDS_X

WIDTH, HEIGHT = 1280, 800


@pytest.fixture
def display() -> Iterator[str]:
    number = next(n for n in range(90, 140) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(lambda: Path(f"/tmp/.X11-unix/X{number}").exists(), "the X server")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


class Kiosk:
    def __init__(self, display: str, exhibit: Path, log: Path, *extra: str) -> None:
        self.display = display
        self.log = log
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env |= {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        self.env = env
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", str(exhibit), "--event-log", str(log), *extra],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def events(self) -> list[dict[str, object]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def names(self) -> list[str]:
        return [str(event["event"]) for event in self.events()]

    def wait_mapped(self) -> None:
        """Until the kiosk's window is on the X screen (xdotool waits for it itself)."""
        subprocess.run(["timeout", "20", "xdotool", "search", "--sync", "--onlyvisible",
                        "--name", "Sample Exhibit"], env=self.env, check=True,
                       stdout=subprocess.DEVNULL)

    def wait_event(self, name: str, count: int = 1, timeout: float = 20.0) -> None:
        wait_for(lambda: self.names().count(name) >= count, f"{count}× {name!r} in the "
                 f"event log (have {self.names()})", timeout)

    def xdotool(self, *steps: str) -> None:
        subprocess.run(["xdotool", *" ".join(steps).split()], env=self.env, check=True)

    def screenshot(self, path: Path) -> None:
        grab = ("from PySide6.QtGui import QGuiApplication; import sys; "
                "app = QGuiApplication(sys.argv); "
                "sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)")
        subprocess.run([sys.executable, "-c", grab, str(path)], env=self.env, check=True)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)


def _launch(display: str, tmp_path: Path, *extra: str, **idle: int) -> Iterator[Kiosk]:
    exhibit = write_sample_exhibit(tmp_path / "exhibit", **idle)
    running = Kiosk(display, exhibit, tmp_path / "events.jsonl", *extra)
    running.wait_event("attract_shown")
    running.wait_mapped()
    yield running
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


@pytest.fixture
def kiosk(display: str, tmp_path: Path) -> Iterator[Kiosk]:
    """The kiosk as installed: fullscreen, and quick to give up on an absent visitor."""
    yield from _launch(display, tmp_path, timeout=10, countdown=3)


def test_a_visit_with_real_pointer_input(kiosk: Kiosk, tmp_path: Path) -> None:
    kiosk.xdotool(f"mousemove {WIDTH // 2} {HEIGHT // 2} click 1")  # touch to explore
    kiosk.wait_event("era_opened")
    # A swipe to the left with the button held: the first panel.
    y = HEIGHT // 2
    # A finger moves over time: xdotool's sleeps pace the motion events like a hand does.
    kiosk.xdotool(f"mousemove {WIDTH - 200} {y} mousedown 1 sleep 0.03 "
                  + " ".join(f"mousemove {x} {y} sleep 0.02" for x in range(WIDTH - 240, 300, -60))
                  + " mouseup 1")
    kiosk.wait_event("panel_shown")
    kiosk.xdotool("key Right")  # a keypad's arrow: the next panel
    kiosk.wait_event("panel_shown", 2)
    shown = [e for e in kiosk.events() if e["event"] == "panel_shown"]
    assert [e["panel"] for e in shown] == ["one", "two"]

    shot = tmp_path / "kiosk.png"
    kiosk.screenshot(shot)
    from PySide6.QtGui import QImage

    image = QImage(str(shot))
    assert (image.width(), image.height()) == (WIDTH, HEIGHT)
    colours = {image.pixel(x, y) for x in range(0, WIDTH, 40) for y in range(0, HEIGHT, 40)}
    assert len(colours) > 8, "the screen looks blank"

    kiosk.xdotool("key Home")
    kiosk.wait_event("session_end")
    assert kiosk.stop() == 0
    assert kiosk.names()[-1] == "stop"


def test_left_alone_it_asks_then_starts_over(kiosk: Kiosk) -> None:
    kiosk.xdotool(f"mousemove {WIDTH // 2} {HEIGHT // 2} click 1")
    kiosk.wait_event("era_opened")
    kiosk.wait_event("idle_prompt", timeout=30)
    kiosk.wait_event("idle_reset", timeout=15)
    events = kiosk.events()

    def at(name: str) -> float:
        from datetime import datetime

        stamp = next(e["time"] for e in events if e["event"] == name)
        return datetime.fromisoformat(str(stamp)).timestamp()

    entered = at("era_opened")
    assert 9.0 <= at("idle_prompt") - entered <= 12.0
    assert 12.0 <= at("idle_reset") - entered <= 15.5
    assert "session_end" in kiosk.names()
    assert kiosk.stop() == 0


@pytest.fixture
def preview(display: str, tmp_path: Path) -> Iterator[Kiosk]:
    """A staff preview (`--windowed`): edits go up at once, not at the next reset."""
    yield from _launch(display, tmp_path, "--windowed", "--size", f"{WIDTH}x{HEIGHT}")


def enter(kiosk: Kiosk, tries: int = 3) -> None:
    """Tap the welcome screen until the visit begins: on a loaded machine the kiosk's very
    first tap after its window maps can be lost between the X server and Qt."""
    for attempt in range(1, tries + 1):
        kiosk.xdotool(f"mousemove {WIDTH // 2} {HEIGHT // 2} click 1")
        try:
            kiosk.wait_event("era_opened", timeout=5.0)
            return
        except AssertionError:
            if attempt == tries:
                raise


def test_edits_reach_the_running_kiosk_and_a_broken_one_does_not(
        preview: Kiosk, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    kiosk = preview
    exhibit = tmp_path / "exhibit" / "exhibit.yaml"
    enter(kiosk)
    kiosk.xdotool("key Right")
    kiosk.wait_event("panel_shown")  # a still screen: the first panel, its title on top

    def shot(name: str) -> QImage:
        # Two grabs in a row agree once the screen has settled (images faded in).
        wait_for(lambda: _grab(kiosk, tmp_path / "a.png") == _grab(kiosk, tmp_path / "b.png"),
                 "a still screen")
        kiosk.screenshot(tmp_path / name)
        return QImage(str(tmp_path / name))

    before = shot("before.png")
    # sed -i writes a new file and renames it over the old one.
    subprocess.run(["sed", "-i", r"s/Red caption\./Caption edited with sed./", str(exhibit)],
                   check=True)
    kiosk.wait_event("reload_applied")
    after_sed = shot("after-sed.png")
    assert after_sed != before, "the edited caption is not on screen"
    # An editor's write-then-rename.
    temporary = exhibit.with_name(".exhibit.yaml.swp")
    temporary.write_text(exhibit.read_text().replace("Caption edited with sed.",
                                                     "Caption saved by rename."))
    os.replace(temporary, exhibit)
    kiosk.wait_event("reload_applied", 2)
    after_rename = shot("after-rename.png")
    assert after_rename not in (before, after_sed)
    # A broken save: refused, the process lives on, the screen keeps the last good one
    # (with a banner for staff on top).
    exhibit.write_text(exhibit.read_text().replace("version: 1", "version: 1\n\tbroken"))
    kiosk.wait_event("reload_rejected")
    rejected = next(e for e in kiosk.events() if e["event"] == "reload_rejected")
    assert any("exhibit.yaml:" in str(m) for m in rejected["messages"])  # type: ignore[union-attr]
    assert kiosk.process.poll() is None
    with_banner = shot("with-banner.png")
    lower = (0, HEIGHT // 3, WIDTH, HEIGHT - HEIGHT // 3)
    assert with_banner.copy(*lower) == after_rename.copy(*lower)
    assert kiosk.stop() == 0


def _grab(kiosk: Kiosk, path: Path) -> bytes:
    kiosk.screenshot(path)
    return path.read_bytes()
