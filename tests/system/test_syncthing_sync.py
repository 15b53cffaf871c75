"""Real Syncthing carries a museum's releases out and its visitor logs home.

Four instances on this machine: the curator's (its release folder send-only, and the
collector of every kiosk's event log) and three kiosks (the release folder receive-only,
their data folder send-only behind deploy/syncthing/events.stignore). Each listens on
127.0.0.1 only, with every connection beyond this machine switched off, which the last
test checks on the running instances.
"""

from __future__ import annotations

import gzip
import urllib.error
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers.syncthing import (
    NEEDS_SYNCTHING,
    OFFLINE_OPTIONS,
    Syncthing,
    pair,
    poll_until,
    start_all,
    stop_all,
)

pytestmark = NEEDS_SYNCTHING

DEPLOY = Path(__file__).resolve().parents[2] / "deploy" / "syncthing"
CONTENT = "exhibit-releases"
KIOSKS = ("hall-1", "hall-2", "foyer")
SYNC_TIMEOUT_S = 30.0


def patterns(name: str) -> list[str]:
    """The ignore patterns shipped in deploy/syncthing, as a technician installs them."""
    return (DEPLOY / name).read_text(encoding="utf-8").splitlines()


@dataclass
class Kiosk:
    syncthing: Syncthing
    incoming: Path  # the release folder, receive-only
    data: Path  # ~/.local/share/exhibit-kiosk, its events sent home

    @property
    def events_folder(self) -> str:
        return f"events-{self.syncthing.name}"


@dataclass
class Gallery:
    curator: Syncthing
    outbox: Path  # the release folder `kiosk publish --to` writes, send-only
    collection: Path  # COLLECTION/<kiosk-name>/, one receive-only folder per kiosk
    kiosks: list[Kiosk]

    @property
    def instances(self) -> list[Syncthing]:
        return [self.curator, *(kiosk.syncthing for kiosk in self.kiosks)]


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gallery]:
    root = tmp_path_factory.mktemp("gallery")
    curator = Syncthing(root / "curator" / "syncthing", "curator")
    kiosks = [Kiosk(Syncthing(root / name / "syncthing", name), root / name / "incoming",
                    root / name / "exhibit-kiosk") for name in KIOSKS]
    built = Gallery(curator, root / "curator" / "outbox", root / "curator" / "collection",
                    kiosks)
    start_all(built.instances)
    try:
        for kiosk in kiosks:
            pair(curator, kiosk.syncthing)  # returns once they are connected
        curator.add_folder(CONTENT, built.outbox, "sendonly",
                           [kiosk.syncthing for kiosk in kiosks], patterns("content.stignore"))
        for kiosk in kiosks:
            kiosk.syncthing.add_folder(CONTENT, kiosk.incoming, "receiveonly", [curator],
                                       patterns("content.stignore"))
            kiosk.syncthing.add_folder(kiosk.events_folder, kiosk.data, "sendonly", [curator],
                                       patterns("events.stignore"))
            curator.add_folder(kiosk.events_folder, built.collection / kiosk.syncthing.name,
                               "receiveonly", [kiosk.syncthing])
        yield built
    finally:
        stop_all(built.instances)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, Syncthing's own marker and ignore
    file left out."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*"))
            if path.is_file() and not path.relative_to(folder).parts[0].startswith(".st")}


def in_global_index(instance: Syncthing, folder: str, path: str) -> bool:
    """Whether ``instance`` counts ``path`` as part of ``folder``. A receive-only folder
    announces its local changes flagged invalid: peers see them and never take them."""
    try:
        entry = instance.get("/rest/db/file", folder=folder, file=path)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise
    return not entry["global"]["invalid"]


def write_release(outbox: Path, release: str) -> dict[str, bytes]:
    """A release as `kiosk publish` leaves it, with a temporary file it was interrupted
    writing."""
    files = {
        f"releases/{release}/exhibit.yaml": b"version: 1\n",
        f"releases/{release}/assets/attract.png": bytes(range(256)) * 400,
        f"releases/{release}/assets/maps/europe-1949.en.png": b"\x89PNG" + b"\x00" * 5000,
        f"releases/{release}/manifest.json": b'{"format": 1}\n',
    }
    for name, data in files.items():
        (outbox / name).parent.mkdir(parents=True, exist_ok=True)
        (outbox / name).write_bytes(data)
    (outbox / f"releases/{release}/assets/.big.png.k2j4.tmp").write_bytes(b"half")
    return files


def test_a_release_written_on_the_curators_machine_arrives_on_every_kiosk(
        gallery: Gallery) -> None:
    published = write_release(gallery.outbox, "1c0ffee0000000000001")

    gallery.curator.rescan(CONTENT)
    gallery.curator.wait_synced(CONTENT, SYNC_TIMEOUT_S)

    for kiosk in gallery.kiosks:
        kiosk.syncthing.wait_synced(CONTENT, SYNC_TIMEOUT_S)
        assert tree(kiosk.incoming) == published, kiosk.syncthing.name


def test_a_file_written_on_a_kiosk_does_not_travel_back(gallery: Gallery) -> None:
    first, others = gallery.kiosks[0], gallery.kiosks[1:]
    stray = first.incoming / "releases" / "stray.txt"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("left here by hand\n")
    first.syncthing.rescan(CONTENT)
    poll_until(lambda: first.syncthing.status(CONTENT)["receiveOnlyTotalItems"] >= 1,
               "the kiosk to count the stray file as a local change", SYNC_TIMEOUT_S)

    # A later release that reaches the kiosk: by then the curator has heard all that the
    # kiosk had to say about its earlier scan (one connection keeps messages in order).
    later = write_release(gallery.outbox, "1c0ffee0000000000002")
    gallery.curator.rescan(CONTENT)
    gallery.curator.wait_synced(CONTENT, SYNC_TIMEOUT_S)

    assert not (gallery.outbox / "releases" / "stray.txt").exists()
    assert not in_global_index(gallery.curator, CONTENT, "releases/stray.txt")
    for kiosk in others:
        kiosk.syncthing.wait_synced(CONTENT, SYNC_TIMEOUT_S)
        assert not (kiosk.incoming / "releases" / "stray.txt").exists()
        assert later.items() <= tree(kiosk.incoming).items()
    assert stray.read_text() == "left here by hand\n"  # the kiosk's own copy is left alone


def test_event_logs_travel_home_and_private_files_stay_on_the_kiosk(gallery: Gallery) -> None:
    for number, kiosk in enumerate(gallery.kiosks):
        kiosk.data.joinpath("events.jsonl").write_text(f'{{"kiosk": {number}}}\n')
        kiosk.data.joinpath("events.jsonl.1.gz").write_bytes(gzip.compress(b'{"old": 1}\n'))
        kiosk.data.joinpath("kiosk.log").write_text("INFO started\n")
        kiosk.data.joinpath("pin.json").write_text('{"hash": "secret"}\n')
        kiosk.data.joinpath("snapshot").mkdir(exist_ok=True)
        kiosk.data.joinpath("snapshot", "exhibit.pickle").write_bytes(b"\x80\x04")
        kiosk.syncthing.rescan(kiosk.events_folder)

    for number, kiosk in enumerate(gallery.kiosks):
        kiosk.syncthing.wait_synced(kiosk.events_folder, SYNC_TIMEOUT_S)
        gallery.curator.wait_synced(kiosk.events_folder, SYNC_TIMEOUT_S)
        home = gallery.collection / kiosk.syncthing.name
        assert sorted(tree(home)) == ["events.jsonl", "events.jsonl.1.gz"]
        assert (home / "events.jsonl").read_text() == f'{{"kiosk": {number}}}\n'
        assert gzip.decompress((home / "events.jsonl.1.gz").read_bytes()) == b'{"old": 1}\n'


def test_every_instance_keeps_to_this_machine(gallery: Gallery) -> None:
    for instance in gallery.instances:
        config = instance.config()
        options = config["options"]
        assert {key: options[key] for key in OFFLINE_OPTIONS} == OFFLINE_OPTIONS, \
            instance.name
        assert options["listenAddresses"] == [instance.address]
        assert config["gui"]["address"] == f"127.0.0.1:{instance.gui_port}"
        assert config["gui"]["apiKey"]
        peers = [d for d in config["devices"] if d["deviceID"] != instance.device_id]
        assert peers, instance.name
        for device in peers:
            assert all(address.startswith("tcp://127.0.0.1:")
                       for address in device["addresses"]), device

        # What runs, not only what is written: one TCP listener, no discovery, no relay.
        status = instance.get("/rest/system/status")
        assert list(status["connectionServiceStatus"]) == [instance.address]
        assert not status.get("discoveryStatus"), status.get("discoveryStatus")
        assert not status.get("discoveryEnabled")
