"""Run-time promises that only one guard stands between (the reload watcher, the
picture decoder), each checked by tools/check_guards.py to fail without that guard."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from kiosk.exhibit.imagecheck import inspect_image
from kiosk.live.filewatch import ReloadWatcher
from kiosk.pictures.decoder import ImageDecoder
from tests.unit.exhibit.imagebytes import PNG_END

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "images"

SETTLE_MS = 100
WAIT_MS = 5_000  # upper bound for a change to be reported; the machine is shared
QUIET_MS = 400  # long enough that a second, spurious report would have arrived


@pytest.fixture
def exhibit_file(tmp_path: Path) -> Path:
    path = tmp_path / "exhibit" / "exhibit.yaml"
    path.parent.mkdir()
    path.write_text("version: 1\ntitle: Old Harbour\n", encoding="utf-8")
    return path


@pytest.fixture
def watcher(qtbot: QtBot, exhibit_file: Path) -> Iterator[ReloadWatcher]:
    # No poll: the story must be caught by file notifications alone.
    watcher = ReloadWatcher(settle_ms=SETTLE_MS, poll_ms=0)
    watcher.watch(exhibit_file)
    yield watcher
    watcher.stop()


def test_a_file_renamed_over_while_the_old_one_is_still_open_is_watched_again(
        qtbot: QtBot, watcher: ReloadWatcher, exhibit_file: Path) -> None:
    # Something still holds the old file open (a backup tool, a second viewer), so the
    # rename-over frees no inode and the kernel keeps the old watch alive; only a watch
    # re-armed on the new inode sees the edits that follow.
    with exhibit_file.open("rb"):
        temporary = exhibit_file.with_name("exhibit.yaml.tmp")
        temporary.write_text("version: 1\ntitle: Saved atomically\n", encoding="utf-8")
        with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
            os.replace(temporary, exhibit_file)
        with qtbot.waitSignal(watcher.changed, timeout=WAIT_MS):
            with exhibit_file.open("a", encoding="utf-8") as f:  # like `echo >> exhibit.yaml`
                f.write("subtitle: edited in place\n")
        with qtbot.assertNotEmitted(watcher.changed, wait=QUIET_MS):
            pass


def test_a_cut_short_picture_is_refused_by_the_decoder_not_handed_over_blank(
        qtbot: QtBot, tmp_path: Path) -> None:
    # Its header and its end are whole, so the checks before decoding pass; what lies
    # between is missing, and Qt's decoder fails. That must come back as a refusal (logged
    # for staff, remembered as failed), not as an empty picture.
    picture = tmp_path / "picture.png"
    picture.write_bytes((CORPUS / "truncated.png").read_bytes() + PNG_END)
    assert inspect_image(picture).format == "png"
    decoder = ImageDecoder()
    try:
        key = (QUrl.fromLocalFile(str(picture)).toString() + "?g=1", 640, 400, False)
        with qtbot.waitSignal(decoder.decoded, timeout=WAIT_MS):
            token = decoder.subscribe(key)
        image, reason = decoder.result(token)
        assert image is None
        assert reason is not None and reason.startswith("it could not be decoded")
    finally:
        decoder.close()
        qtbot.waitUntil(lambda: decoder.pending == 0, timeout=WAIT_MS)
