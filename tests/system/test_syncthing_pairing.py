"""A technician pairs the curator's machine with a kiosk using deploy/syncthing/pair.py,
against two real Syncthing instances on this machine, and a release travels."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.syncthing import (
    NEEDS_SYNCTHING,
    OFFLINE_OPTIONS,
    Syncthing,
    start_all,
    stop_all,
)

pytestmark = NEEDS_SYNCTHING

PAIR = Path(__file__).resolve().parents[2] / "deploy" / "syncthing" / "pair.py"
TIMEOUT_S = 30.0


def pair_py(instance: Syncthing, *args: str) -> str:
    """Run pair.py as the technician would, against ``instance``; its output."""
    done = subprocess.run([sys.executable, str(PAIR), "--home", str(instance.home), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def machines(tmp_path: Path) -> Iterator[tuple[Syncthing, Syncthing]]:
    curator = Syncthing(tmp_path / "curator" / "syncthing", "curator")
    kiosk = Syncthing(tmp_path / "hall-2" / "syncthing", "hall-2")
    start_all([curator, kiosk])
    try:
        yield curator, kiosk
    finally:
        stop_all([curator, kiosk])


def test_pair_py_pairs_a_kiosk_with_the_curator_and_a_release_arrives(
        machines: tuple[Syncthing, Syncthing], tmp_path: Path) -> None:
    curator, kiosk = machines
    for machine in machines:
        pair_py(machine, "gallery-network", "--no-local-discovery", "--listen", machine.address)
    curator_id = pair_py(curator, "id").strip()
    kiosk_id = pair_py(kiosk, "id").strip()
    assert (curator_id, kiosk_id) == (curator.device_id, kiosk.device_id)

    # The curator's side as a technician types it first (`dynamic`: with discovery off,
    # it waits for the kiosk to call), then the kiosk's, with the curator's address.
    pair_py(curator, "add-peer", kiosk_id, "--name", "hall-2")
    pair_py(kiosk, "add-peer", curator_id, "--name", "curator", "--address", curator.address)
    curator.wait_connected([kiosk], TIMEOUT_S)
    # Now the kiosk's fixed address too: only one side ever dialled (see pair()).
    pair_py(curator, "add-peer", kiosk_id, "--name", "hall-2", "--address", kiosk.address)
    outbox, incoming = tmp_path / "curator" / "publish", tmp_path / "hall-2" / "incoming"
    pair_py(curator, "content", "curator", str(outbox), "--share-with", kiosk_id)
    pair_py(kiosk, "content", "kiosk", str(incoming), "--share-with", curator_id)

    release = outbox / "releases" / "0123456789abcdef0123"
    (release / "assets").mkdir(parents=True)
    (release / "exhibit.yaml").write_text("version: 1\n")
    (release / "assets" / ".attract.png.x1y2.tmp").write_bytes(b"half written")
    (release / "manifest.json").write_text('{"format": 1}\n')
    curator.rescan("exhibit-releases")
    curator.wait_synced("exhibit-releases", TIMEOUT_S)

    arrived = incoming / "releases" / "0123456789abcdef0123"
    assert (arrived / "exhibit.yaml").read_text() == "version: 1\n"
    assert (arrived / "manifest.json").read_text() == '{"format": 1}\n'
    assert not (arrived / "assets" / ".attract.png.x1y2.tmp").exists()
    for machine, kind in ((curator, "sendonly"), (kiosk, "receiveonly")):
        config = machine.config()
        folder, = (f for f in config["folders"] if f["id"] == "exhibit-releases")
        assert folder["type"] == kind
        assert not folder["paused"]
        options = config["options"]
        assert {key: options[key] for key in OFFLINE_OPTIONS} == OFFLINE_OPTIONS
        assert options["listenAddresses"] == [machine.address]
        peer, = (d for d in config["devices"] if d["deviceID"] != machine.device_id)
        assert peer["addresses"] == [(kiosk if machine is curator else curator).address]
    ignores = kiosk.get("/rest/db/ignores", folder="exhibit-releases")["ignore"]
    assert "(?d).*.tmp" in ignores
