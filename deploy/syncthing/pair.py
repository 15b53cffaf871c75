#!/usr/bin/env python3
"""Set up Syncthing on a museum machine: the curator's, a kiosk, or the collector.

Run it on each machine as the account Syncthing runs as (e.g. `sudo -u kiosk`). It talks
to this machine's own Syncthing through its REST API, with the API key read from
Syncthing's config.xml, and changes nothing else. Python 3 standard library only.

Steps (see deploy/syncthing/README.md):
  1. every machine, once:     pair.py gallery-network
  2. every machine:           pair.py id                  (write the device ID down)
  3. pair the machines that exchange folders, on both of them:
       pair.py add-peer DEVICE_ID --name hall-2 [--address tcp://10.0.0.12:22000]
  4. the releases:
       curator: pair.py content curator /srv/exhibit/publish --share-with KIOSK_ID ...
       kiosk:   pair.py content kiosk /var/lib/exhibit-kiosk/incoming --share-with CURATOR_ID
  5. the visitor event logs:
       kiosk:     pair.py events kiosk ~/.local/share/exhibit-kiosk --kiosk hall-2
                      --share-with COLLECTOR_ID
       collector: pair.py events collector /srv/kiosk-events --kiosk hall-2
                      --share-with KIOSK_ID
"""

from __future__ import annotations

import argparse
import json
import os
import ssl
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONTENT_FOLDER = "exhibit-releases"
EVENTS_PREFIX = "events-"
CONTENT_IGNORES = HERE / "content.stignore"
EVENTS_IGNORES = HERE / "events.stignore"
RESTART_TIMEOUT_S = 60.0


class SetupError(Exception):
    """Something the technician can fix; the message says what."""


# --- finding and talking to this machine's Syncthing ----------------------------------------

def syncthing_home(given: Path | None) -> Path:
    """Syncthing's config folder: as given, else where Syncthing itself looks."""
    if given is not None:
        return given
    home = Path.home()
    candidates = [os.environ.get("STHOMEDIR"), os.environ.get("STCONFDIR")]
    for variable, fallback in (("XDG_STATE_HOME", home / ".local" / "state"),
                               ("XDG_CONFIG_HOME", home / ".config")):
        candidates.append(str(Path(os.environ.get(variable) or fallback) / "syncthing"))
    for candidate in filter(None, candidates):
        if (Path(candidate) / "config.xml").is_file():
            return Path(candidate)
    raise SetupError("cannot find Syncthing's config.xml (looked in $STHOMEDIR, "
                     "~/.local/state/syncthing, ~/.config/syncthing): run this as the "
                     "account Syncthing runs as, or give --home")


class Syncthing:
    """This machine's Syncthing, reached at the GUI address in its config.xml."""

    def __init__(self, home: Path) -> None:
        config = home / "config.xml"
        try:
            gui = ET.parse(config).getroot().find("gui")
        except (OSError, ET.ParseError) as error:
            raise SetupError(f"cannot read {config}: {error}") from error
        if gui is None or not gui.findtext("apikey") or not gui.findtext("address"):
            raise SetupError(f"{config} has no GUI address or API key: open Syncthing's "
                             "GUI once (Actions > Settings > GUI) to make an API key")
        address = gui.findtext("address", "").strip()
        if address.startswith("/"):
            raise SetupError(f"Syncthing's GUI listens on a UNIX socket ({address}); "
                             "this script needs a TCP address such as 127.0.0.1:8384")
        host, _, port = address.rpartition(":")
        if host in ("", "0.0.0.0", "[::]"):
            host = "127.0.0.1"  # listening everywhere: ask it here
        tls = gui.get("tls") == "true"
        self.url = f"{'https' if tls else 'http'}://{host}:{port}"
        self.api_key = gui.findtext("apikey", "").strip()
        # The GUI's certificate is self-signed: trust exactly that one.
        self.context = None
        if tls:
            self.context = ssl.create_default_context(cafile=str(home / "https-cert.pem"))
            self.context.check_hostname = False

    def request(self, method: str, path: str, body: Any = None, **params: str) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}{query}", data=data, method=method,
                                         headers={"X-API-Key": self.api_key,
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30, context=self.context) as answer:
                payload = answer.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()
            raise SetupError(f"Syncthing refused {method} {path}: {error.code} "
                             f"{detail or error.reason}") from error
        except OSError as error:
            raise SetupError(f"cannot reach Syncthing at {self.url} ({error}): is it "
                             "running? (systemctl status syncthing@$USER)") from error
        return json.loads(payload) if payload.strip() else None

    def get(self, path: str, **params: str) -> Any:
        return self.request("GET", path, **params)

    def device_id(self) -> str:
        return str(self.get("/rest/system/status")["myID"])

    def known_devices(self) -> dict[str, str]:
        """Device ID to name, this machine left out."""
        me = self.device_id()
        return {d["deviceID"]: d["name"] for d in self.get("/rest/config/devices")
                if d["deviceID"] != me}

    def restart_if_needed(self) -> bool:
        if not self.get("/rest/config/restart-required").get("requiresRestart"):
            return False
        self.request("POST", "/rest/system/restart")
        deadline = time.monotonic() + RESTART_TIMEOUT_S
        while time.monotonic() < deadline:
            time.sleep(0.5)  # polling a restarting daemon: nothing to wait on but time
            try:
                self.get("/rest/system/ping")
                return True
            except SetupError:
                continue
        raise SetupError(f"Syncthing did not come back within {RESTART_TIMEOUT_S:.0f} s "
                         "of a restart: check `journalctl -u syncthing@$USER`")


# --- what each subcommand does ---------------------------------------------------------------

def show_id(syncthing: Syncthing, _: argparse.Namespace) -> None:
    print(syncthing.device_id())


def add_peer(syncthing: Syncthing, args: argparse.Namespace) -> None:
    device_id = args.device_id.strip().upper()
    if device_id == syncthing.device_id():
        raise SetupError("that is this machine's own device ID: give the other machine's")
    device = syncthing.get("/rest/config/defaults/device")
    device.update({"deviceID": device_id, "name": args.name, "addresses": [args.address],
                   "autoAcceptFolders": False, "introducer": False})
    syncthing.request("POST", "/rest/config/devices", device)
    print(f"added {args.name} ({device_id}) at {args.address}")


def share_folder(syncthing: Syncthing, folder_id: str, path: Path, kind: str,
                 peers: list[str], ignores: Path | None) -> None:
    """Add (or replace) a folder shared with ``peers``, its ignore patterns in place
    before its first scan: it is created paused, given them, then resumed."""
    known = syncthing.known_devices()
    unknown = [peer for peer in peers if peer not in known]
    if unknown:
        raise SetupError(f"not paired yet: {', '.join(unknown)}; run `pair.py add-peer` "
                         "for each first")
    patterns = None
    if ignores is not None:
        try:
            patterns = ignores.read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise SetupError(f"cannot read {ignores}: keep pair.py beside its .stignore "
                             "files (copy the whole deploy/syncthing folder)") from error
    path.mkdir(parents=True, exist_ok=True)
    me = syncthing.device_id()
    folder = syncthing.get("/rest/config/defaults/folder")
    folder.update({"id": folder_id, "label": folder_id, "path": str(path.resolve()),
                   "type": kind, "paused": patterns is not None,
                   "devices": [{"deviceID": device} for device in [me, *peers]]})
    syncthing.request("POST", "/rest/config/folders", folder)
    if patterns is not None:
        syncthing.request("POST", "/rest/db/ignores", {"ignore": patterns}, folder=folder_id)
        syncthing.request("PATCH", f"/rest/config/folders/{urllib.parse.quote(folder_id)}",
                          {"paused": False})
    names = ", ".join(known[peer] or peer[:7] for peer in peers)
    print(f"folder {folder_id}: {path} ({kind}), shared with {names}")


def content(syncthing: Syncthing, args: argparse.Namespace) -> None:
    kind = "sendonly" if args.role == "curator" else "receiveonly"
    share_folder(syncthing, CONTENT_FOLDER, args.path, kind, args.share_with, CONTENT_IGNORES)


def events(syncthing: Syncthing, args: argparse.Namespace) -> None:
    folder_id = f"{EVENTS_PREFIX}{args.kiosk}"
    if args.role == "kiosk":
        share_folder(syncthing, folder_id, args.path, "sendonly", args.share_with,
                     EVENTS_IGNORES)
    else:
        share_folder(syncthing, folder_id, args.path / args.kiosk, "receiveonly",
                     args.share_with, None)


def gallery_network(syncthing: Syncthing, args: argparse.Namespace) -> None:
    options = {
        "listenAddresses": [args.listen],
        "globalAnnounceEnabled": False,
        "localAnnounceEnabled": args.local_discovery,
        "relaysEnabled": False,
        "natEnabled": False,  # UPnP/NAT-PMP, and STUN with it
        "urAccepted": -1,
        "crashReportingEnabled": False,
        "autoUpgradeIntervalH": 0,
        "startBrowser": False,
        "announceLANAddresses": False,
    }
    syncthing.request("PATCH", "/rest/config/options", options)
    for key, value in options.items():
        print(f"{key} = {json.dumps(value)}")
    if syncthing.restart_if_needed():
        print("Syncthing restarted for the new settings")


# --- the command line ------------------------------------------------------------------------

def device_id(text: str) -> str:
    cleaned = text.strip().upper()
    if len(cleaned.replace("-", "")) != 56:
        raise argparse.ArgumentTypeError(f"{text!r} is not a device ID (8 groups of 7 letters "
                                         "and digits; `pair.py id` on that machine shows it)")
    return cleaned


def kiosk_name(text: str) -> str:
    if not text or not all(c.isalnum() or c in "-_." for c in text) or text.startswith("."):
        raise argparse.ArgumentTypeError(f"{text!r}: use letters, digits, '-', '_' or '.' "
                                         "(it becomes a folder ID and a folder name)")
    return text


def parser() -> argparse.ArgumentParser:
    summary, _, steps = __doc__.partition("\n\n")
    top = argparse.ArgumentParser(
        prog="pair.py", description=summary, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=steps.rstrip() + "\n\nRun `pair.py COMMAND --help` for each command's options.")
    top.add_argument("--home", type=Path, default=None,
                     help="Syncthing's config folder, holding config.xml (default: found "
                          "as Syncthing finds it, for the account running this)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    command = commands.add_parser("id", help="print this machine's device ID")
    command.set_defaults(run=show_id)

    command = commands.add_parser("add-peer", help="pair with another machine by its ID")
    command.add_argument("device_id", type=device_id, metavar="DEVICE_ID")
    command.add_argument("--name", required=True, help="what to call it, e.g. hall-2")
    command.add_argument("--address", default="dynamic",
                         help="tcp://HOST:22000 for a fixed address; 'dynamic' (default) "
                              "finds it by local discovery on the LAN")
    command.set_defaults(run=add_peer)

    command = commands.add_parser(
        "content", help=f"the release folder ({CONTENT_FOLDER}): send-only on the "
                        "curator's machine, receive-only on a kiosk")
    command.add_argument("role", choices=("curator", "kiosk"))
    command.add_argument("path", type=Path,
                         help="curator: the folder `kiosk publish --to` writes; kiosk: its "
                              "incoming folder, e.g. /var/lib/exhibit-kiosk/incoming")
    command.add_argument("--share-with", type=device_id, action="append", required=True,
                         metavar="DEVICE_ID", help="a paired machine (repeat for each kiosk)")
    command.set_defaults(run=content)

    command = commands.add_parser(
        "events", help=f"a kiosk's visitor event logs ({EVENTS_PREFIX}NAME): send-only on "
                       "the kiosk, receive-only on the collector")
    command.add_argument("role", choices=("kiosk", "collector"))
    command.add_argument("path", type=Path,
                         help="kiosk: its data folder (~kiosk/.local/share/exhibit-kiosk); "
                              "collector: the collection, each kiosk in a folder of its name")
    command.add_argument("--kiosk", type=kiosk_name, required=True,
                         help="the kiosk's name, e.g. hall-2")
    command.add_argument("--share-with", type=device_id, action="append", required=True,
                         metavar="DEVICE_ID", help="kiosk: the collector; collector: the kiosk")
    command.set_defaults(run=events)

    command = commands.add_parser(
        "gallery-network", help="switch off what a closed gallery network does not need: "
                                "global discovery, relays, NAT traversal, usage and crash "
                                "reports, upgrades (restarts Syncthing if needed)")
    command.add_argument("--local-discovery", action=argparse.BooleanOptionalAction,
                         default=True, help="find peers on the LAN by broadcast (default: "
                                            "on; off when every peer has a tcp:// address)")
    command.add_argument("--listen", default="tcp://0.0.0.0:22000",
                         help="where to accept connections (default: %(default)s)")
    command.set_defaults(run=gallery_network)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.run(Syncthing(syncthing_home(args.home)), args)
    except SetupError as error:
        print(f"pair.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
