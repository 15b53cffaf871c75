"""Publishing an exhibit as a release, and a kiosk's store adopting it only when it is
complete, byte for byte, and valid; refusing a broken one; rolling back; pruning."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content.manifest import (
    MANIFEST_NAME,
    FileEntry,
    Manifest,
    ManifestError,
    file_digest,
    read_manifest,
    release_id,
)
from kiosk.content.publish import PublishError, publish, publish_command
from kiosk.content.store import ReleaseStore
from kiosk.content.verify import Incomplete, verify_release
from tests.helpers.sample_exhibit import write_png, write_sample_exhibit

T0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)


def exhibit_dir(tmp_path: Path, title: str = "Sample Exhibit") -> Path:
    folder = tmp_path / "curator" / "exhibit"
    exhibit = write_sample_exhibit(folder)
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("Sample Exhibit", title),
                       encoding="utf-8")
    return folder


def published(tmp_path: Path, title: str, at: datetime) -> tuple[Path, Manifest]:
    """The exhibit titled ``title`` published into tmp_path/publish at ``at``."""
    manifest, written = publish(exhibit_dir(tmp_path, title), tmp_path / "publish",
                                by="curator@office", now=at)
    assert written
    return tmp_path / "publish" / "releases" / manifest.release, manifest


def title_shown(store: ReleaseStore) -> str:
    text = store.current_exhibit.read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if "Sample" in line or "Show" in line)


def test_a_release_holds_every_file_with_its_digest_and_the_manifest_says_who_and_when(
        tmp_path: Path) -> None:
    folder, manifest = published(tmp_path, "Sample Exhibit", T0)
    assert folder.name == manifest.release == release_id(manifest.files)
    names = {entry.path for entry in manifest.files}
    assert {"exhibit.yaml", "assets/img0.png", "assets/img3.ru.png"} <= names
    for entry in manifest.files:
        assert file_digest(folder / entry.path) == (entry.size, entry.sha256)
    again = read_manifest(folder / MANIFEST_NAME)
    assert (again.published_by, again.published_at) == ("curator@office", T0)
    assert not list(folder.rglob("*.tmp")), "no temporary file is left behind"


def test_the_same_exhibit_published_twice_is_the_same_release(tmp_path: Path) -> None:
    _, first = published(tmp_path, "Sample Exhibit", T0)
    manifest, written = publish(tmp_path / "curator" / "exhibit", tmp_path / "publish",
                                now=T0 + timedelta(hours=1))
    assert not written
    assert manifest == first  # the release already there is left exactly as it was


def test_an_invalid_exhibit_is_refused_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = exhibit_dir(tmp_path)
    (folder / "assets" / "img0.png").unlink()
    assert publish_command(folder, tmp_path / "publish") == 1
    err = capsys.readouterr().err
    assert "img0.png" in err and "nothing was published" in err
    assert not (tmp_path / "publish").exists()


def test_a_picture_outside_the_exhibit_folder_is_refused(tmp_path: Path) -> None:
    folder = exhibit_dir(tmp_path)
    outside = write_png(tmp_path / "elsewhere" / "stray.png", "#112233")
    (folder / "assets" / "img0.png").unlink()
    (folder / "assets" / "img0.png").symlink_to(outside)  # the link would not travel
    with pytest.raises(PublishError, match="a symbolic link leads outside the exhibit folder"):
        publish(folder, tmp_path / "publish")


def test_the_command_prints_the_release_on_its_last_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert publish_command(exhibit_dir(tmp_path) / "exhibit.yaml", tmp_path / "publish") == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("published ")
    assert (tmp_path / "publish" / "releases" / last.split()[1] / MANIFEST_NAME).is_file()


def test_a_kiosk_adopts_a_complete_release_and_switches_to_it(tmp_path: Path) -> None:
    _, manifest = published(tmp_path, "Sample Show", T0)
    store = ReleaseStore(tmp_path / "kiosk")
    (outcome,) = store.check(tmp_path / "publish")
    assert (outcome.release, outcome.result) == (manifest.release, "adopted")
    assert store.current == manifest.release
    assert "Sample Show" in title_shown(store)
    assert store.check(tmp_path / "publish") == []  # nothing new


@pytest.mark.parametrize("damage", ["missing", "short", "altered", "no manifest"])
def test_a_release_still_arriving_is_not_shown_until_it_is_complete(
        tmp_path: Path, damage: str) -> None:
    folder, manifest = published(tmp_path, "Sample Show", T0)
    biggest = max(manifest.files, key=lambda entry: entry.size)
    whole = (folder / biggest.path).read_bytes()
    if damage == "missing":
        (folder / biggest.path).unlink()
    elif damage == "short":
        (folder / biggest.path).write_bytes(whole[: len(whole) // 2])
    elif damage == "altered":
        (folder / biggest.path).write_bytes(bytes([whole[0] ^ 0xFF]) + whole[1:])
    else:
        (folder / MANIFEST_NAME).rename(tmp_path / "manifest-later.json")
    store = ReleaseStore(tmp_path / "kiosk")
    outcomes = store.check(tmp_path / "publish")
    assert [o.result for o in outcomes] == ([] if damage == "no manifest" else ["waiting"])
    assert store.current is None
    # The rest arrives.
    (folder / biggest.path).write_bytes(whole)
    if damage == "no manifest":
        (tmp_path / "manifest-later.json").rename(folder / MANIFEST_NAME)
    (outcome,) = store.check(tmp_path / "publish")
    assert outcome.result == "adopted" and store.current == manifest.release


def write_release_by_hand(publish_folder: Path, exhibit_text: str, at: datetime,
                          pictures_from: Path) -> str:
    """A release written without `kiosk publish` (nothing validated): its files and a
    manifest that lists them truthfully."""
    staging = publish_folder / "staging"
    shutil.copytree(pictures_from / "assets", staging / "assets")
    (staging / "exhibit.yaml").write_text(exhibit_text, encoding="utf-8")
    files = tuple(FileEntry(p.relative_to(staging).as_posix(), *file_digest(p))
                  for p in sorted(staging.rglob("*")) if p.is_file())
    manifest = Manifest(release_id(files), files, "0.1.0", "someone", at)
    target = publish_folder / "releases" / manifest.release
    staging.rename(target)
    (target / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")
    return manifest.release


def test_a_broken_release_is_refused_and_the_last_good_one_stays(tmp_path: Path) -> None:
    good, _ = published(tmp_path, "Sample Show", T0)
    store = ReleaseStore(tmp_path / "kiosk")
    store.check(tmp_path / "publish")
    broken = write_release_by_hand(tmp_path / "publish", "version: 1\ntitle: [unclosed\n",
                                   T0 + timedelta(hours=1), good)
    (outcome,) = store.check(tmp_path / "publish")
    assert (outcome.release, outcome.result) == (broken, "refused")
    assert outcome.messages[0].startswith(f"{broken}/exhibit.yaml:3:1: error: YAML syntax")
    assert store.current == good.name and "Sample Show" in title_shown(store)
    assert store.check(tmp_path / "publish") == []  # refused once, not tried again
    assert not (tmp_path / "kiosk" / "releases" / broken).exists()


def test_rollback_returns_to_the_previous_release_which_is_kept(tmp_path: Path) -> None:
    first, _ = published(tmp_path, "Sample Show", T0)
    store = ReleaseStore(tmp_path / "kiosk")
    store.check(tmp_path / "publish")
    second, _ = published(tmp_path / "later", "Sample Sequel", T0 + timedelta(hours=1))
    shutil.copytree(second, tmp_path / "publish" / "releases" / second.name)
    store.check(tmp_path / "publish")
    assert "Sample Sequel" in title_shown(store)

    assert store.rollback() == (second.name, first.name)
    assert store.current == first.name and "Sample Show" in title_shown(store)
    assert store.releases() == [first.name]  # once, and the withdrawn one gone from the order
    assert store.check(tmp_path / "publish") == []  # the withdrawn one is not adopted again
    with pytest.raises(LookupError, match="no earlier release"):
        store.rollback()


def test_a_newer_release_still_arriving_does_not_hold_back_a_complete_one(
        tmp_path: Path) -> None:
    older, _ = published(tmp_path, "Sample Show", T0)
    newer, manifest = published(tmp_path / "later", "Sample Sequel", T0 + timedelta(hours=1))
    shutil.copytree(newer, tmp_path / "publish" / "releases" / newer.name)
    biggest = max(manifest.files, key=lambda entry: entry.size)
    (tmp_path / "publish" / "releases" / newer.name / biggest.path).unlink()
    store = ReleaseStore(tmp_path / "kiosk")
    outcomes = store.check(tmp_path / "publish")
    assert [(o.release, o.result) for o in outcomes] == [(newer.name, "waiting"),
                                                         (older.name, "adopted")]


def test_only_the_newest_releases_are_kept(tmp_path: Path) -> None:
    store = ReleaseStore(tmp_path / "kiosk", keep=2)
    adopted = []
    for hour, title in enumerate(("Sample One", "Sample Two", "Sample Three")):
        folder, _ = published(tmp_path / str(hour), title, T0 + timedelta(hours=hour))
        shutil.copytree(folder, tmp_path / "publish" / "releases" / folder.name)
        store.check(tmp_path / "publish")
        adopted.append(folder.name)
    assert store.releases() == adopted[1:]
    kept = sorted(p.name for p in (tmp_path / "kiosk" / "releases").iterdir())
    assert kept == sorted(adopted[1:])


@pytest.mark.parametrize(("change", "message"), [
    (lambda raw: raw["files"].append({"path": "../escape", "size": 1, "sha256": "0" * 64}),
     "unsafe path"),
    (lambda raw: raw.update(release="0" * 20), "does not match its files"),
    (lambda raw: raw.update(format=9), "not a format 1 manifest"),
])
def test_a_manifest_that_cannot_be_trusted_is_refused(tmp_path: Path, change,
                                                      message: str) -> None:
    folder, _ = published(tmp_path, "Sample Show", T0)
    raw = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    change(raw)
    (folder / MANIFEST_NAME).write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ManifestError, match=message):
        read_manifest(folder / MANIFEST_NAME)


def test_a_file_of_the_right_size_but_other_bytes_is_not_the_published_one(
        tmp_path: Path) -> None:
    folder, manifest = published(tmp_path, "Sample Show", T0)
    biggest = max(manifest.files, key=lambda entry: entry.size)
    whole = (folder / biggest.path).read_bytes()
    (folder / biggest.path).write_bytes(whole[:-1] + bytes([whole[-1] ^ 0xFF]))
    with pytest.raises(Incomplete, match=f"{biggest.path} is not the file that was published"):
        verify_release(folder)
