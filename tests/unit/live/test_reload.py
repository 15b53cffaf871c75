"""The reload watcher: staff save a change, however their editor saves, and the kiosk
reloads once.

Each change is made the way a real tool makes it, and every story ends by checking that
the watch still works for the next save.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

from kiosk.live.filewatch import ReloadWatcher

SETTLE_MS = 100
WAIT_MS = 5_000  # upper bound for a change to be reported; the machine is shared
QUIET_MS = 400  # long enough that a second, spurious report would have arrived



class Exhibit:
    """An exhibit folder on disk: the file staff edit and two images it shows."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.file = root / "exhibit.yaml"
        self.images = [root / "assets" / "harbour.png", root / "assets" / "mill.png"]
        self.create()

    def create(self) -> None:
        (self.root / "assets").mkdir(parents=True, exist_ok=True)
        self.file.write_text("version: 1\ntitle: Old Harbour\n", encoding="utf-8")
        for image in self.images:
            image.write_bytes(b"\x89PNG fake image " + image.name.encode())


@pytest.fixture
def exhibit(tmp_path: Path) -> Exhibit:
    return Exhibit(tmp_path / "exhibit")


@pytest.fixture
def watcher(qtbot: QtBot, exhibit: Exhibit) -> Iterator[ReloadWatcher]:
    # No poll: these stories must be caught by file notifications alone.
    watcher = ReloadWatcher(settle_ms=SETTLE_MS, poll_ms=0)
    watcher.watch(exhibit.file, exhibit.images)
    yield watcher
    watcher.stop()


def expect_one_reload(qtbot: QtBot, watcher: ReloadWatcher, change: Callable[[], None]) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        change()
    with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS):
        pass


def expect_no_reload(qtbot: QtBot, watcher: ReloadWatcher, change: Callable[[], None]) -> None:
    with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS):
        change()


def append(path: Path, text: str = "subtitle: A second line\n") -> Callable[[], None]:
    def change() -> None:
        with path.open("a", encoding="utf-8") as f:  # like `echo >> exhibit.yaml`
            f.write(text)

    return change


# --- ways editors save -------------------------------------------------------------


def write_in_place(path: Path) -> None:
    path.write_text("version: 1\ntitle: New Harbour, rewritten\n", encoding="utf-8")


def copy_over(path: Path) -> None:
    draft = path.with_name("draft.txt")
    draft.write_text("version: 1\ntitle: Copied from a draft\n", encoding="utf-8")
    shutil.copyfile(draft, path)  # like `cp draft.txt exhibit.yaml`


def rename_over(path: Path) -> None:
    # VS Code, gedit, nano, rsync, vim with backupcopy=no: write a temporary file, rename.
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text("version: 1\ntitle: Saved atomically\n", encoding="utf-8")
    os.replace(temporary, path)


def sed_in_place(path: Path) -> None:
    subprocess.run(["sed", "-i", "s/Harbour/Quay/", str(path)], check=True)


def vim_save(path: Path) -> None:
    # vim (backupcopy=auto): probe file "4913", move the original to a backup, write a
    # new file, drop the backup; a swap file sits beside it all along.
    probe = path.with_name("4913")
    probe.write_bytes(b"")
    probe.unlink()
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_text("version: 1\ntitle: Saved by vim\n", encoding="utf-8")
    backup.unlink()


EDITOR_SAVES = [write_in_place, copy_over, rename_over, sed_in_place, vim_save]


@pytest.mark.parametrize("save", EDITOR_SAVES, ids=lambda f: f.__name__)
def test_every_kind_of_save_reloads_once_and_the_watch_survives(
    qtbot: QtBot,
    watcher: ReloadWatcher,
    exhibit: Exhibit,
    save: Callable[[Path], None],
) -> None:
    if save is sed_in_place and shutil.which("sed") is None:
        pytest.skip("needs sed")
    expect_one_reload(qtbot, watcher, lambda: save(exhibit.file))
    expect_one_reload(qtbot, watcher, append(exhibit.file))
    expect_one_reload(qtbot, watcher, lambda: save(exhibit.file))


def test_appending_to_the_exhibit_reloads(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    expect_one_reload(qtbot, watcher, append(exhibit.file))
    expect_one_reload(qtbot, watcher, append(exhibit.file, "# and a comment\n"))


def test_a_deleted_exhibit_file_is_noticed_and_so_is_its_return(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    expect_one_reload(qtbot, watcher, exhibit.file.unlink)
    expect_one_reload(qtbot, watcher, lambda: write_in_place(exhibit.file))
    expect_one_reload(qtbot, watcher, append(exhibit.file))


def test_deleting_and_recreating_at_once_is_one_reload(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    def recreate() -> None:
        exhibit.file.unlink()
        write_in_place(exhibit.file)

    expect_one_reload(qtbot, watcher, recreate)
    expect_one_reload(qtbot, watcher, append(exhibit.file))


class RapidSaver(QObject):
    """Saves the file every 20 ms, like an editor with autosave and a busy curator."""

    finished = Signal()

    def __init__(self, path: Path, saves: int) -> None:
        super().__init__()
        self._path = path
        self._left = saves
        self.last_save = 0.0
        self._timer = QTimer(self, interval=20)
        self._timer.timeout.connect(self._save)

    def start(self) -> None:
        self._timer.start()

    def _save(self) -> None:
        append(self._path, f"# save {self._left}\n")()
        self.last_save = time.monotonic()
        self._left -= 1
        if self._left == 0:
            self._timer.stop()
            self.finished.emit()


def test_a_burst_of_saves_reloads_once_after_the_writes_settle(
    qtbot: QtBot, exhibit: Exhibit
) -> None:
    settle_ms = 300  # far above the 20 ms between saves, even on a loaded machine
    watcher = ReloadWatcher(settle_ms=settle_ms, poll_ms=0)
    watcher.watch(exhibit.file, exhibit.images)
    saver = RapidSaver(exhibit.file, saves=10)
    try:
        with qtbot.waitSignal(saver.finished, timeout=WAIT_MS):
            with qtbot.assertNotEmitted(watcher.changed):
                saver.start()
        with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
            pass
        assert time.monotonic() - saver.last_save >= 0.95 * settle_ms / 1000
        with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS):
            pass
        expect_one_reload(qtbot, watcher, append(exhibit.file))
    finally:
        watcher.stop()


def test_ten_saves_in_a_row_reload_once(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    def ten_saves() -> None:
        for n in range(10):
            write_in_place(exhibit.file)
            append(exhibit.file, f"# save {n}\n")()

    expect_one_reload(qtbot, watcher, ten_saves)
    expect_one_reload(qtbot, watcher, append(exhibit.file))


def test_a_replaced_image_reloads(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    image = exhibit.images[1]

    def replace_image() -> None:
        new = image.with_name("export.png")
        new.write_bytes(b"\x89PNG a better scan")
        os.replace(new, image)

    expect_one_reload(qtbot, watcher, replace_image)
    expect_one_reload(qtbot, watcher, lambda: image.write_bytes(b"\x89PNG retouched again"))
    expect_one_reload(qtbot, watcher, replace_image)


def test_other_files_in_the_folders_are_ignored(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    def editor_clutter() -> None:
        (exhibit.root / ".exhibit.yaml.swp").write_bytes(b"swap")
        (exhibit.root / ".exhibit.yaml.swp").write_bytes(b"swap, updated")
        (exhibit.root / "4913").write_bytes(b"")
        (exhibit.root / "4913").unlink()
        (exhibit.root / "exhibit.yaml~").write_text("backup", encoding="utf-8")
        (exhibit.root / "notes.txt").write_text("ideas for next year", encoding="utf-8")
        (exhibit.root / "assets" / "unused.png").write_bytes(b"\x89PNG not shown")
        (exhibit.root / "drafts").mkdir()

    expect_no_reload(qtbot, watcher, editor_clutter)
    expect_no_reload(qtbot, watcher, lambda: (exhibit.root / "notes.txt").unlink())
    expect_one_reload(qtbot, watcher, append(exhibit.file))


def test_the_exhibit_folder_removed_and_restored_is_watched_again(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.live.filewatch"):
        expect_one_reload(qtbot, watcher, lambda: shutil.rmtree(exhibit.root))
    assert "missing" in caplog.text
    assert str(exhibit.root) in caplog.text

    expect_one_reload(qtbot, watcher, exhibit.create)
    expect_one_reload(qtbot, watcher, append(exhibit.file))
    expect_one_reload(qtbot, watcher, lambda: exhibit.images[0].write_bytes(b"\x89PNG new"))


def test_watch_replaces_the_watched_files(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit, tmp_path: Path
) -> None:
    other = Exhibit(tmp_path / "other")
    watcher.watch(other.file, other.images[:1])

    expect_no_reload(qtbot, watcher, append(exhibit.file))
    expect_no_reload(qtbot, watcher, append(exhibit.images[0]))
    expect_no_reload(qtbot, watcher, append(other.images[1]))
    expect_one_reload(qtbot, watcher, append(other.file))
    expect_one_reload(qtbot, watcher, append(other.images[0]))


def test_a_save_made_while_the_app_reloads_is_not_lost(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        append(exhibit.file)()
    # The app is busy loading when the curator saves again, then it re-watches.
    append(exhibit.file, "# saved during the reload\n")()
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        watcher.watch(exhibit.file, exhibit.images)


def test_watching_afresh_without_changes_reports_nothing(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    expect_no_reload(qtbot, watcher, lambda: watcher.watch(exhibit.file, exhibit.images))
    expect_one_reload(qtbot, watcher, append(exhibit.file))


def test_the_safety_net_poll_reports_real_changes_only(
    qtbot: QtBot, exhibit: Exhibit
) -> None:
    watcher = ReloadWatcher(settle_ms=SETTLE_MS, poll_ms=50)
    watcher.watch(exhibit.file, exhibit.images)
    try:
        expect_no_reload(qtbot, watcher, lambda: None)
        expect_one_reload(qtbot, watcher, lambda: rename_over(exhibit.file))
    finally:
        watcher.stop()


def test_a_stopped_watcher_stays_quiet(
    qtbot: QtBot, watcher: ReloadWatcher, exhibit: Exhibit
) -> None:
    watcher.stop()
    expect_no_reload(qtbot, watcher, append(exhibit.file))
    watcher.watch(exhibit.file, exhibit.images)
    expect_one_reload(qtbot, watcher, append(exhibit.file))


def test_a_fifo_put_in_place_of_the_exhibit_file_is_seen_as_a_change_not_waited_on(
        qtbot: QtBot, tmp_path: Path) -> None:
    exhibit = tmp_path / "exhibit.yaml"
    exhibit.write_text("title: first\n", encoding="utf-8")
    watcher = ReloadWatcher(settle_ms=SETTLE_MS, poll_ms=50)
    watcher.watch(exhibit, ())
    exhibit.unlink()
    os.mkfifo(exhibit)  # reading it as the old file was read would hang the GUI thread
    with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
        pass
    watcher.stop()
