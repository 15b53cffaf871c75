"""Publish once, every gallery shows it, none shows a broken one: three real kiosks (each
its own home, site file and X screen) and four real Syncthing instances (the curator's and
one beside each kiosk), all on this machine and talking only over 127.0.0.1.

A published release goes up on all three screens; a release with a broken exhibit,
written into the publish folder by hand, is refused on all three while they keep the last
good; a release whose largest picture arrives last is not shown until it is complete;
`kiosk rollback` goes back.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from kiosk.content.manifest import MANIFEST_NAME, FileEntry, Manifest, file_digest, release_id
from kiosk.content.publish import publish
from kiosk.exhibit.digest import exhibit_digest
from tests.helpers.ocr import read_image, tesseract_available
from tests.helpers.sample_exhibit import write_png, write_sample_exhibit
from tests.helpers.syncthing import NEEDS_SYNCTHING, Syncthing, pair, start_all, stop_all
from tests.helpers.xkiosk import RealKiosk
from tests.helpers.xserver import NEEDS_X, ScreenProfile, wait_for, xvfb

pytestmark = [NEEDS_X, NEEDS_SYNCTHING]

ROOT = Path(__file__).resolve().parents[2]
CONTENT = "exhibit-releases"
NAMES = ("hall-1", "hall-2", "foyer")
SCREEN = ScreenProfile(1024, 600, 7.0)  # small: three kiosks share two cores
SYNC_S = 60.0


def content_ignores() -> list[str]:
    return (ROOT / "deploy" / "syncthing" / "content.stignore").read_text(
        encoding="utf-8").splitlines()


def exhibit_titled(folder: Path, title: str) -> Path:
    exhibit = write_sample_exhibit(folder)
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace("Sample Exhibit", title),
                       encoding="utf-8")
    return exhibit


class Fleet:
    def __init__(self, tmp_path: Path, stack: ExitStack) -> None:
        self.outbox = tmp_path / "curator" / "outbox"
        self.curator = Syncthing(tmp_path / "curator" / "syncthing", "curator")
        self.syncthings = [self.curator]
        self.kiosks: list[RealKiosk] = []
        first = exhibit_titled(tmp_path / "first", "Sample Exhibit")
        homes = []
        for name in NAMES:
            home = tmp_path / name
            self.syncthings.append(Syncthing(home / "syncthing", name))
            homes.append(home)
        start_all(self.syncthings)
        stack.callback(stop_all, self.syncthings)
        for syncthing in self.syncthings[1:]:
            pair(self.curator, syncthing)
        self.curator.add_folder(CONTENT, self.outbox, "sendonly", self.syncthings[1:],
                                ignore=content_ignores())
        for home, syncthing in zip(homes, self.syncthings[1:], strict=True):
            syncthing.add_folder(CONTENT, home / "incoming", "receiveonly", [self.curator],
                                 ignore=content_ignores())
            site = home / "site.yaml"
            site.write_text(f"version: 1\nname: {syncthing.name}\ncontent:\n"
                            f"  folder: {home / 'incoming'}\n  keep: 3\n", encoding="utf-8")
            display = stack.enter_context(xvfb(SCREEN))
            kiosk = RealKiosk(display.name, first, home / "run", ROOT, "--site", str(site))
            stack.callback(kiosk.stop)
            self.kiosks.append(kiosk)
        for kiosk in self.kiosks:
            kiosk.wait_event("attract_shown", timeout=60)
        self.curator.wait_connected(self.syncthings[1:])
        self.first_digest = exhibit_digest(first)

    def sent(self) -> None:
        """What is in the outbox now has reached every kiosk's incoming folder."""
        self.curator.rescan(CONTENT)
        self.curator.wait_synced(CONTENT, SYNC_S)

    def status(self, kiosk: RealKiosk) -> dict[str, Any]:
        done = kiosk.command("status", "--json")
        assert done.returncode == 0, done.stderr
        answer: dict[str, Any] = json.loads(done.stdout)
        return answer


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Fleet]:
    with ExitStack() as stack:
        yield Fleet(tmp_path, stack)


def release_by_hand(outbox: Path, exhibit_text: str, pictures: Path) -> str:
    """A release written into the publish folder without `kiosk publish` (so nothing
    validated it): its files, then a truthful manifest."""
    staging = outbox.parent / "by-hand"
    shutil.copytree(pictures / "assets", staging / "assets")
    (staging / "exhibit.yaml").write_text(exhibit_text, encoding="utf-8")
    files = tuple(FileEntry(p.relative_to(staging).as_posix(), *file_digest(p))
                  for p in sorted(staging.rglob("*")) if p.is_file())
    manifest = Manifest(release_id(files), files, "0.1.0", "by hand",
                        datetime.now().astimezone())
    target = outbox / "releases" / manifest.release
    shutil.move(staging, target)
    (target / MANIFEST_NAME).write_text(manifest.to_json(), encoding="utf-8")
    return manifest.release


def test_publish_once_every_kiosk_shows_it_and_none_shows_a_broken_one(
        fleet: Fleet, tmp_path: Path) -> None:
    # 1. A published change goes up on all three screens.
    second = exhibit_titled(tmp_path / "second", "Harbour Lights")
    manifest, _ = publish(second.parent, fleet.outbox, by="curator@office")
    fleet.sent()
    for kiosk in fleet.kiosks:
        kiosk.wait_event("release_adopted", release=manifest.release)
        kiosk.wait_event("reload_applied", digest=exhibit_digest(second))
        wait_for(lambda k=kiosk: fleet.status(k)["release"] == manifest.release,
                 "the status naming the release")
    shot = tmp_path / "hall-2.png"
    assert fleet.kiosks[1].command("screenshot", str(shot)).returncode == 0
    if tesseract_available(["en"]):
        reading = read_image(shot, "en", tmp_path)
        assert {"harbour", "lights"} <= reading.words(), reading.text

    # 2. A broken release, written by hand, is refused on all three; the last good stays.
    broken = release_by_hand(fleet.outbox, "version: 1\ntitle: [unclosed\n", second.parent)
    fleet.sent()
    for kiosk in fleet.kiosks:
        refused = kiosk.wait_event("release_refused", release=broken)
        assert refused["messages"][0].startswith(f"{broken}/exhibit.yaml:")
        assert fleet.status(kiosk)["release"] == manifest.release

    # 3. A release whose largest picture arrives last is not shown until it has.
    third = exhibit_titled(tmp_path / "third", "Lighthouse Keepers")
    write_png(third.parent / "assets" / "img1.png", "#204060", 2400, 1600)  # the largest
    local = tmp_path / "local-outbox"
    late, _ = publish(third.parent, local, by="curator@office")
    biggest = max(late.files, key=lambda entry: entry.size)
    assert biggest.path == "assets/img1.png"
    shutil.copytree(local / "releases" / late.release, fleet.outbox / "releases" / late.release,
                    ignore=lambda folder, names: ["img1.png"] if folder.endswith("assets")
                    else [])
    fleet.sent()
    for kiosk in fleet.kiosks:
        wait_for(lambda k=kiosk: f"release {late.release} is still arriving"
                 in k.output.read_text(errors="replace"), "the kiosk to see it arriving")
        assert not [e for e in kiosk.events() if e.get("release") == late.release]
        assert fleet.status(kiosk)["release"] == manifest.release
    shutil.copyfile(local / "releases" / late.release / biggest.path,
                    fleet.outbox / "releases" / late.release / biggest.path)
    fleet.sent()
    for kiosk in fleet.kiosks:
        kiosk.wait_event("release_adopted", release=late.release)
        kiosk.wait_event("reload_applied", digest=exhibit_digest(third))

    # 4. `kiosk rollback` on one kiosk goes back to the release before; the others stay.
    kiosk = fleet.kiosks[2]
    seen = len(kiosk.events())
    back = kiosk.command("rollback")
    assert back.returncode == 0, back.stderr
    assert f"Back to release {manifest.release}" in back.stdout
    kiosk.wait_event("reload_applied", seen, digest=exhibit_digest(second))
    wait_for(lambda: fleet.status(kiosk)["release"] == manifest.release, "the rollback shown")
    assert fleet.status(fleet.kiosks[0])["release"] == late.release
