"""A published release reaches the real kiosk's screen: the kiosk on a real X server follows
a content folder; a release goes up (events, `kiosk status`, a screenshot read back), a
broken one is refused while the last good stays, and `kiosk rollback` goes back."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from kiosk.content.manifest import MANIFEST_NAME, FileEntry, Manifest, file_digest, release_id
from kiosk.exhibit.digest import exhibit_digest
from tests.helpers.ocr import read_image, tesseract_available
from tests.helpers.sample_exhibit import write_sample_exhibit
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, Display, wait_for

pytestmark = NEEDS_X

ROOT = Path(__file__).resolve().parents[2]
NEW_TITLE = "Harbour Lights"


def exhibit_titled(folder: Path, title: str) -> Path:
    exhibit = write_sample_exhibit(folder)
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("Sample Exhibit", title),
                       encoding="utf-8")
    return exhibit


def publish(kiosk: RealKiosk, exhibit: Path, folder: Path) -> str:
    done = kiosk.command("publish", str(exhibit.parent), "--to", str(folder),
                         "--by", "curator@office")
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[-1].split()[1]


def broken_release_by_hand(folder: Path, like: Path) -> str:
    """A release whose exhibit.yaml is broken, written straight into the publish folder
    (as a slip with a file manager would), with a truthful manifest written last."""
    staging = folder / "by-hand"
    shutil.copytree(like / "assets", staging / "assets")
    (staging / "exhibit.yaml").write_text("version: 1\ntitle: [unclosed\n", encoding="utf-8")
    files = tuple(FileEntry(p.relative_to(staging).as_posix(), *file_digest(p))
                  for p in sorted(staging.rglob("*")) if p.is_file())
    manifest = Manifest(release_id(files), files, "0.1.0", "someone",
                        datetime.now().astimezone())
    staging.rename(folder / "releases" / manifest.release)
    (folder / "releases" / manifest.release / MANIFEST_NAME).write_text(manifest.to_json())
    return manifest.release


def status(kiosk: RealKiosk) -> dict[str, Any]:
    done = kiosk.command("status", "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_release_goes_up_a_broken_one_is_refused_and_rollback_goes_back(
        tablet_display: Display, tmp_path: Path) -> None:
    first = exhibit_titled(tmp_path / "first", "Sample Exhibit")
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    site = tmp_path / "site.yaml"
    site.write_text(f"version: 1\nname: foyer\ncontent:\n  folder: {incoming}\n  keep: 3\n",
                    encoding="utf-8")
    kiosk = RealKiosk(tablet_display.name, first, tmp_path / "run", ROOT, "--site", str(site))
    try:
        kiosk.wait_event("attract_shown")
        seeded = status(kiosk)["release"]
        assert seeded, "the exhibit it started with is its first release"

        second = exhibit_titled(tmp_path / "second", NEW_TITLE)
        release = publish(kiosk, second, incoming)
        kiosk.wait_event("release_adopted", release=release)
        kiosk.wait_event("reload_applied", digest=exhibit_digest(second))
        assert status(kiosk)["release"] == release
        shot = tmp_path / "after-publish.png"
        assert kiosk.command("screenshot", str(shot)).returncode == 0
        if tesseract_available(["en"]):
            reading = read_image(shot, "en", tmp_path)
            assert {"harbour", "lights"} <= reading.words(), reading.text

        broken = broken_release_by_hand(incoming, second.parent)
        refused = kiosk.wait_event("release_refused", release=broken)
        assert refused["messages"][0].startswith(f"{broken}/exhibit.yaml:")
        assert status(kiosk)["release"] == release  # the last good stays

        applied = len(kiosk.events())
        back = kiosk.command("rollback")
        assert back.returncode == 0, back.stderr
        assert f"Back to release {seeded}" in back.stdout
        kiosk.wait_event("reload_applied", applied, digest=exhibit_digest(first))
        wait_for(lambda: status(kiosk)["release"] == seeded, "the status naming it")
    finally:
        kiosk.stop()
