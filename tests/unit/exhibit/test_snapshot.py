"""The kept last clean load: used only while everything it was made from is unchanged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.exhibit import snapshot
from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.snapshot import (
    load_last_good,
    load_snapshot,
    save_snapshot,
    snapshot_file,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"
ROOT = Path(__file__).resolve().parents[3]
# An alt text that repeats its caption is a warning: the exhibit is still valid.
WARNED = ("caption: {en: The front counter., ru: Прилавок.}",
          "caption: {en: Two people at a counter, ru: Двое у прилавка}")


@pytest.fixture
def exhibit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """good.yaml and its pictures, copied just now: so no wait for files to settle."""
    monkeypatch.setattr(snapshot, "SETTLE_NS", 0)
    folder = tmp_path / "show"
    (folder / "assets").mkdir(parents=True)
    for name in ("tiny.jpg", "tiny.png", "tiny.svg", "tiny.webp", "lossless.webp"):
        shutil.copy(CORPUS / "assets" / name, folder / "assets" / name)
    path = folder / "exhibit.yaml"
    path.write_text((CORPUS / "good.yaml").read_text(encoding="utf-8").replace(*WARNED),
                    encoding="utf-8")
    return path


def keep(path: Path) -> tuple[object, tuple[str, ...]]:
    """Load ``path`` in full and keep it, as the kiosk does after its first frame."""
    result = load_exhibit(path)
    assert result.exhibit is not None
    warnings = tuple(str(warning) for warning in result.warnings)
    assert save_snapshot(path, result)
    return result.exhibit, warnings


def test_an_unchanged_exhibit_comes_back_whole_with_its_warnings(exhibit: Path) -> None:
    kept, warnings = keep(exhibit)
    assert len(warnings) == 2 and all("repeats the caption" in w for w in warnings)
    found = load_snapshot(exhibit)
    assert found is not None
    assert found.exhibit == kept and found.messages == warnings
    assert found.exhibit.eras[0].panels[0].images[0].files.get("en").width == 4  # its header


def test_nothing_kept_means_a_full_load(exhibit: Path) -> None:
    assert load_snapshot(exhibit) is None


@pytest.mark.parametrize("change", [
    "one byte of the file",
    "a picture rewritten",
    "a picture replaced by another file",
    "a picture removed",
    "a picture's time touched",
    "the exhibit file removed",
])
def test_any_change_to_what_it_was_made_from_means_a_full_load(
        exhibit: Path, change: str) -> None:
    keep(exhibit)
    picture = exhibit.parent / "assets" / "tiny.png"
    if change == "one byte of the file":
        exhibit.write_bytes(exhibit.read_bytes().replace(b"Under Glass", b"Under Glasz"))
    elif change == "a picture rewritten":
        picture.write_bytes(picture.read_bytes() + b"\0")
    elif change == "a picture replaced by another file":
        shutil.copy(CORPUS / "assets" / "tiny.png", exhibit.parent / "new.png")
        os.replace(exhibit.parent / "new.png", picture)
    elif change == "a picture removed":
        picture.unlink()
    elif change == "a picture's time touched":
        info = picture.stat()
        os.utime(picture, ns=(info.st_atime_ns, info.st_mtime_ns - 10**9))
    else:
        exhibit.unlink()
    assert load_snapshot(exhibit) is None


def test_a_kiosk_whose_checks_changed_loads_afresh(
        exhibit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keep(exhibit)
    monkeypatch.setattr(snapshot, "__version__", "99.0")
    assert load_snapshot(exhibit) is None


@pytest.mark.parametrize("damage", ["truncated", "a flipped byte", "empty", "another file",
                                    "a folder", "a FIFO"])
def test_a_damaged_snapshot_is_ignored_not_trusted(exhibit: Path, damage: str) -> None:
    keep(exhibit)
    file = snapshot_file(exhibit)
    blob = file.read_bytes()
    if damage == "truncated":
        file.write_bytes(blob[: len(blob) // 2])
    elif damage == "a flipped byte":
        file.write_bytes(blob[:-40] + bytes([blob[-40] ^ 1]) + blob[-39:])
    elif damage == "empty":
        file.write_bytes(b"")
    elif damage == "another file":
        file.write_bytes(b"\x80\x04K\x01.")  # a valid pickle of something else entirely
    elif damage == "a folder":
        file.unlink()
        file.mkdir()
    else:  # a plain open() of a FIFO waits for a writer that never comes
        file.unlink()
        os.mkfifo(file)
    assert load_snapshot(exhibit) is None


def test_a_load_while_a_picture_is_still_being_written_is_not_kept(
        exhibit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "SETTLE_NS", 3_000_000_000)  # the real rule
    result = load_exhibit(exhibit)
    assert result.exhibit is not None
    assert not save_snapshot(exhibit, result)
    assert not snapshot_file(exhibit).exists()


def test_the_bytes_kept_are_the_bytes_loaded_not_the_file_now(exhibit: Path) -> None:
    # Staff save again between the load and the keeping: the snapshot stands for the old
    # bytes, so the next start sees a change and loads the new file.
    result = load_exhibit(exhibit)
    assert result.exhibit is not None
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("Under Glass", "New"),
                       encoding="utf-8")
    assert save_snapshot(exhibit, result)
    assert load_snapshot(exhibit) is None


def test_no_room_to_keep_it_is_not_an_error(
        exhibit: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = load_exhibit(exhibit)
    assert result.exhibit is not None
    assert not save_snapshot(exhibit, result)
    assert load_snapshot(exhibit) is None


def test_each_exhibit_has_its_own(exhibit: Path) -> None:
    other = exhibit.parent / "other.yaml"
    shutil.copy(exhibit, other)
    keep(exhibit)
    assert snapshot_file(other) != snapshot_file(exhibit)
    assert load_snapshot(other) is None


def test_a_start_from_the_snapshot_does_not_even_import_the_yaml_parser(
        exhibit: Path) -> None:
    """What makes it fast, in a fresh interpreter as the kiosk starts."""
    keep(exhibit)
    script = ("import sys; from pathlib import Path;"
              "from kiosk.exhibit.start import load_for_start;"
              f"start = load_for_start(Path({str(exhibit)!r}));"
              "print(start.exhibit.title.get('en'), start.keep is None, 'yaml' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=ROOT, timeout=60, check=True)
    assert done.stdout.split() == ["Under", "Glass", "True", "False"]
    assert "repeats the caption" in done.stderr  # its warnings are still printed


def test_the_last_good_exhibit_outlives_a_broken_edit(
        exhibit: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept, _ = keep(exhibit)
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("version: 1", "versoin: 1"),
                       encoding="utf-8")
    assert load_snapshot(exhibit) is None  # not what the file says now...
    last_good = load_last_good(exhibit)  # ...but what it said when it was last good
    assert last_good is not None and last_good.exhibit == kept
    assert last_good.kept_at > 0
    monkeypatch.setattr(snapshot, "__version__", "99.0")  # kept by another kiosk
    assert load_last_good(exhibit) is None


def test_no_last_good_exhibit_without_one_kept(exhibit: Path) -> None:
    assert load_last_good(exhibit) is None
