"""Staff edit the exhibit while the kiosk runs: valid edits reach the screen without a
restart, broken ones never do, and a visitor mid-panel is not yanked away."""

from __future__ import annotations

import os
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.exhibit import load as load_module
from kiosk.exhibit import snapshot
from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.snapshot import load_snapshot
from kiosk.live import filewatch as filewatch
from kiosk.live.livereload import LiveExhibit
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView, create_view
from tests.helpers.sample_exhibit import write_sample_exhibit

WAIT_MS = 5_000


@dataclass
class Running:
    view: KioskView
    live: LiveExhibit
    path: Path
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def panel_title(self) -> str:
        return self.view.nav.current_page.panel.title.get("en")  # type: ignore[union-attr]


def _start(qtbot: QtBot, tmp_path: Path, *, preview: bool) -> Iterator[Running]:
    path = write_sample_exhibit(tmp_path)
    exhibit = load_exhibit(path).exhibit
    assert exhibit is not None
    events: list[tuple[str, dict[str, Any]]] = []
    view = create_view(exhibit, size=(1280, 800),
                       log_event=lambda name, **f: events.append((name, f)))
    view.nav.animate = False
    live = LiveExhibit(view, path, preview=preview, settle_ms=50,
                       log_event=lambda name, **f: events.append((name, f)))
    view.window.show()
    qtbot.waitExposed(view.window)
    yield Running(view, live, path, events)
    assert view.warnings == []
    live.stop()
    view.dispose()


@pytest.fixture
def preview(qtbot: QtBot, tmp_path: Path) -> Iterator[Running]:
    yield from _start(qtbot, tmp_path, preview=True)


@pytest.fixture
def kiosk(qtbot: QtBot, tmp_path: Path) -> Iterator[Running]:
    yield from _start(qtbot, tmp_path, preview=False)


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8").replace(old, new)
    assert new in text
    return text


def test_an_in_place_save_is_shown_in_a_preview_keeping_the_visitors_place(
        qtbot: QtBot, preview: Running) -> None:
    preview.view.nav.enter()
    preview.view.nav.goToPage(2)  # first era, panel "two"
    revised = _edit(preview.path, "Panel Two", "Panel Two revised")
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        with preview.path.open("r+", encoding="utf-8") as f:  # the same inode, rewritten
            f.write(revised)
            f.truncate()
    assert preview.panel_title() == "Panel Two revised"
    assert preview.view.nav.pageIndex == 2
    assert "reload_applied" in preview.names()


def test_a_save_by_rename_is_picked_up_and_the_watch_survives(
        qtbot: QtBot, preview: Running) -> None:
    preview.view.nav.enter()
    preview.view.nav.goToPage(1)
    original = preview.path.read_text(encoding="utf-8")
    for revision in ("first", "second"):
        temporary = preview.path.with_name(".exhibit.yaml.tmp")
        temporary.write_text(original.replace("Panel One", f"Panel One {revision}"),
                             encoding="utf-8")
        with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
            os.replace(temporary, preview.path)
        assert preview.panel_title() == f"Panel One {revision}"


def test_sed_in_place_is_picked_up(qtbot: QtBot, preview: Running) -> None:
    preview.view.nav.enter()
    preview.view.nav.goToPage(1)
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        subprocess.run(["sed", "-i", "s/Panel One/Panel Uno/", str(preview.path)], check=True)
    assert preview.panel_title() == "Panel Uno"


def test_a_deleted_and_recreated_file_is_picked_up(qtbot: QtBot, preview: Running) -> None:
    text = _edit(preview.path, "Sample Exhibit", "Sample Exhibit Again")
    preview.path.unlink()
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        preview.path.write_text(text, encoding="utf-8")
    assert preview.view.nav.title == "Sample Exhibit Again"


def test_rapid_saves_are_applied_once_with_the_last_version(
        qtbot: QtBot, preview: Running) -> None:
    original = preview.path.read_text(encoding="utf-8")
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        for n in range(8):
            preview.path.write_text(original.replace("Sample Exhibit", f"Draft {n}"),
                                    encoding="utf-8")
    assert preview.view.nav.title == "Draft 7"
    assert preview.names().count("reload_applied") == 1


def test_an_invalid_save_keeps_the_last_good_exhibit_and_tells_staff_in_a_preview(
        qtbot: QtBot, preview: Running) -> None:
    preview.view.nav.enter()
    with qtbot.waitSignal(preview.live.rejected, timeout=WAIT_MS):
        preview.path.write_text(_edit(preview.path, "version: 1", "version: 1\ncolour: red"),
                                encoding="utf-8")
    assert preview.view.nav.title == "Sample Exhibit"
    assert preview.view.nav.screen == Screen.Exhibit
    name, fields = preview.events[-1]
    assert name == "reload_rejected"
    assert any(":2:1: error:" in message for message in fields["messages"])
    banner = preview.view.find("staffBanner")
    assert banner.property("visible") is True
    assert "colour" in preview.view.banner.text


def test_a_valid_edit_is_kept_for_the_next_start_and_a_broken_one_is_not(
        qtbot: QtBot, preview: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "SETTLE_NS", 0)  # the pictures were written just now
    assert load_snapshot(preview.path) is None
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        preview.path.write_text(_edit(preview.path, "Sample Exhibit", "Kept Exhibit"),
                                encoding="utf-8")
    kept = load_snapshot(preview.path)
    assert kept is not None and kept.exhibit.title.get("en") == "Kept Exhibit"

    with qtbot.waitSignal(preview.live.rejected, timeout=WAIT_MS):
        preview.path.write_text(_edit(preview.path, "version: 1", "version: 1\ncolour: red"),
                                encoding="utf-8")
    # The broken file is what a next start finds: it must load it, not trust the snapshot.
    assert load_snapshot(preview.path) is None


def test_errors_found_at_start_up_are_shown_to_staff_in_a_preview_only(
        preview: Running, kiosk: Running) -> None:
    # The kiosk started with the last good exhibit because the file has errors.
    messages = ("exhibit.yaml:2:1: error: unknown field 'colour'",
                "exhibit.yaml:9:5: warning: the alt text repeats the caption")
    for running in (preview, kiosk):
        running.live.started_with(messages, messages[:1])
        assert running.live.last_messages == messages  # for the staff menu's diagnostics
    assert preview.view.banner.text == "exhibit.yaml:2:1: error: unknown field 'colour'"
    assert kiosk.view.banner.text == ""  # visitors never see it


def test_in_kiosk_mode_a_visitor_keeps_their_panel_until_the_reset(
        qtbot: QtBot, kiosk: Running) -> None:
    kiosk.view.nav.enter()
    kiosk.view.nav.goToPage(2)
    kiosk.path.write_text(_edit(kiosk.path, "Panel Two", "Panel Two revised"),
                          encoding="utf-8")
    # Loaded on the exhibit's own thread, then kept back for the reset.
    qtbot.waitUntil(lambda: kiosk.live.pending is not None, timeout=WAIT_MS)
    assert kiosk.panel_title() == "Panel Two"
    assert kiosk.view.banner.text == ""  # visitors never see staff messages
    with qtbot.waitSignal(kiosk.live.applied, timeout=WAIT_MS):
        kiosk.view.nav.reset()
    kiosk.view.nav.enter()
    kiosk.view.nav.goToPage(2)
    assert kiosk.panel_title() == "Panel Two revised"


def test_on_the_welcome_screen_an_edit_goes_up_at_once(qtbot: QtBot, kiosk: Running) -> None:
    with qtbot.waitSignal(kiosk.live.applied, timeout=WAIT_MS):
        kiosk.path.write_text(_edit(kiosk.path, "Sample Exhibit", "New Title"),
                              encoding="utf-8")
    assert kiosk.view.find("welcomeTitle").property("text") == "New Title"


def test_a_replaced_image_is_shown_fresh(qtbot: QtBot, preview: Running) -> None:
    from tests.helpers.sample_exhibit import write_png

    preview.view.nav.enter()
    preview.view.nav.goToPage(1)
    before = preview.view.nav.generation
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        write_png(preview.path.parent / "assets" / "img0.png", "#ffffff")
    assert preview.view.nav.generation > before
    def white_in_the_middle() -> None:
        image = preview.view.find_on_screen("panelImage")
        assert image is not None
        frame = preview.view.window.grabWindow()
        centre = image.mapToScene(image.boundingRect().center())
        assert frame.pixelColor(int(centre.x()), int(centre.y())).name() == "#ffffff"

    qtbot.waitUntil(white_in_the_middle, timeout=WAIT_MS)


def test_a_truncated_or_half_written_file_keeps_the_last_good_exhibit(
        qtbot: QtBot, preview: Running) -> None:
    text = preview.path.read_text(encoding="utf-8")
    for broken in ("", text[: len(text) // 2]):
        with qtbot.waitSignal(preview.live.rejected, timeout=WAIT_MS):
            preview.path.write_text(broken, encoding="utf-8")
        assert preview.view.nav.title == "Sample Exhibit"
        assert preview.view.nav.pageCount == 9
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        preview.path.write_text(text.replace("Sample Exhibit", "Mended"), encoding="utf-8")
    assert preview.view.nav.title == "Mended"


def test_the_exhibit_folder_removed_while_running_keeps_the_last_good_exhibit(
        qtbot: QtBot, kiosk: Running) -> None:
    import shutil

    kiosk.view.nav.enter()
    kiosk.view.nav.goToPage(1)
    folder = kiosk.path.parent
    backup = folder.with_name("backup")
    shutil.copytree(folder, backup)
    with qtbot.waitSignal(kiosk.live.rejected, timeout=WAIT_MS):
        shutil.rmtree(folder)
    assert kiosk.view.nav.screen == Screen.Exhibit and kiosk.view.nav.pageIndex == 1
    assert kiosk.names()[-1] == "reload_rejected"
    # The folder comes back (staff restore it): the kiosk takes it up again.
    with qtbot.waitSignal(kiosk.live.watcher.changed, timeout=WAIT_MS * 2):
        shutil.copytree(backup, folder)
    qtbot.waitUntil(lambda: kiosk.live.pending is not None, timeout=WAIT_MS)


def test_an_image_deleted_while_on_screen_stays_on_screen_and_staff_are_told(
        qtbot: QtBot, kiosk: Running) -> None:
    kiosk.view.nav.enter()
    kiosk.view.nav.goToPage(1)  # panel one, showing assets/img0.png (#8c3b32)

    def picture_colour() -> str:
        image = kiosk.view.find_on_screen("panelImage")
        assert image is not None
        centre = image.mapToScene(image.boundingRect().center())
        return kiosk.view.window.grabWindow().pixelColor(int(centre.x()),
                                                         int(centre.y())).name()

    qtbot.waitUntil(lambda: picture_colour() == "#8c3b32")
    with qtbot.waitSignal(kiosk.live.rejected, timeout=WAIT_MS):
        (kiosk.path.parent / "assets" / "img0.png").unlink()
    name, fields = kiosk.events[-1]
    assert name == "reload_rejected"
    assert any("img0.png" in message for message in fields["messages"])
    assert kiosk.view.nav.pageIndex == 1
    assert picture_colour() == "#8c3b32"
    assert kiosk.view.find_on_screen("imagePlaceholder") is None


def test_the_files_are_hashed_and_loaded_off_the_gui_thread(
        qtbot: QtBot, preview: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow or hung file (a USB stick, a network folder) never holds up the screen."""
    threads: set[threading.Thread] = set()

    def on_thread(function: Callable[..., Any]) -> Callable[..., Any]:
        def recorded(*args: Any, **kwargs: Any) -> Any:
            threads.add(threading.current_thread())
            return function(*args, **kwargs)
        return recorded

    monkeypatch.setattr(filewatch, "_signature", on_thread(filewatch._signature))
    monkeypatch.setattr(load_module, "load_exhibit", on_thread(load_module.load_exhibit))
    revised = _edit(preview.path, "Panel Two", "Panel Two revised")
    with qtbot.waitSignal(preview.live.applied, timeout=WAIT_MS):
        preview.path.write_text(revised, encoding="utf-8")
    assert threads and threading.main_thread() not in threads
