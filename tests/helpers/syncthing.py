"""Real Syncthing instances on this machine, for tests and benchmarks.

Each instance has its own home folder, listens on 127.0.0.1 only (sync and GUI/REST on
free ports) and talks to nothing beyond this machine: discovery, relays, NAT traversal,
usage and crash reporting and upgrades are switched off in its config.xml *before* its
first start, so not even a first start reaches out. Devices and folders are added
through the REST API, as a technician's script adds them.

Waiting is always polling an observable state with a deadline, never a blind sleep.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self

import pytest

SYNCTHING = "/usr/bin/syncthing"
FolderKind = Literal["sendonly", "receiveonly", "sendreceive"]

NEEDS_SYNCTHING = pytest.mark.skipif(
    not Path(SYNCTHING).exists(),
    reason=f"needs Syncthing at {SYNCTHING} (Debian package syncthing; install.sh adds it)",
)

# Every way Syncthing could reach beyond this machine, switched off, as /rest/config
# names them (config.xml's <options> spell them the same). The listen address is per
# instance (tcp://127.0.0.1:PORT) and set beside these.
OFFLINE_OPTIONS: dict[str, bool | int] = {
    "globalAnnounceEnabled": False,
    "localAnnounceEnabled": False,
    "relaysEnabled": False,
    "natEnabled": False,  # UPnP/NAT-PMP, and STUN with it (IsStunDisabled)
    "urAccepted": -1,
    "crashReportingEnabled": False,
    "autoUpgradeIntervalH": 0,
    "startBrowser": False,
    "announceLANAddresses": False,
}
# Retry unconnected devices every 5 s (Syncthing's floor) rather than every minute.
QUICK_OPTIONS: dict[str, bool | int] = {"reconnectionIntervalS": 5}
POLL_S = 0.05


_handed_out: set[int] = set()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, chosen below the kernel's range
    for the local end of outgoing connections: the instances' own calls to each other
    would otherwise take a port between its choice and Syncthing binding it."""
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    for _ in range(1000):
        port = random.randrange(min(10000, low // 2), low)
        if port in _handed_out:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError(f"no free port on 127.0.0.1 below {low}")


def poll_until(condition: Callable[[], bool], what: str, timeout_s: float,
               describe: Callable[[], str] | None = None) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` (and the last state seen)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            detail = f": {describe()}" if describe else ""
            raise TimeoutError(f"timed out after {timeout_s:g} s waiting for {what}{detail}")
        time.sleep(POLL_S)


def syncthing_env(home: Path) -> dict[str, str]:
    """A bare environment: no upgrades, no restart monitor, nothing of the caller's home."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
            "HOME": str(home), "STNOUPGRADE": "1", "STNORESTART": "1",
            "STNODEFAULTFOLDER": "1"}


class Syncthing:
    """One Syncthing instance with its own keys, config, database and log under ``home``."""

    def __init__(self, home: Path, name: str, binary: str = SYNCTHING) -> None:
        self.home = home
        self.name = name
        self.binary = binary
        self.listen_port = free_port()
        self.gui_port = free_port()
        self.api_key = secrets.token_urlsafe(24)
        self.log_path = home / "syncthing.log"
        self._process: subprocess.Popen[bytes] | None = None
        home.mkdir(parents=True, exist_ok=True)
        self.device_id = self._generate()
        self._write_offline_config()

    # --- set-up before the first start ---------------------------------------------------

    @property
    def address(self) -> str:
        """Where other instances reach this one."""
        return f"tcp://127.0.0.1:{self.listen_port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.gui_port}"

    @property
    def config_path(self) -> Path:
        return self.home / "config.xml"

    def _generate(self) -> str:
        done = subprocess.run([self.binary, "generate", f"--home={self.home}",
                               "--no-default-folder", "--skip-port-probing"],
                              capture_output=True, text=True, timeout=60,
                              env=syncthing_env(self.home), check=True)
        for line in (done.stdout + done.stderr).splitlines():
            if "Device ID:" in line:
                return line.split("Device ID:", 1)[1].strip()
        raise RuntimeError(f"syncthing generate printed no device ID:\n{done.stdout}")

    def _write_offline_config(self) -> None:
        tree = ET.parse(self.config_path)
        root = tree.getroot()
        gui = _one(root, "gui")
        gui.set("tls", "false")
        _one(gui, "address").text = f"127.0.0.1:{self.gui_port}"
        _one(gui, "apikey").text = self.api_key
        options = _one(root, "options")
        for element in options.findall("listenAddress"):
            options.remove(element)
        ET.SubElement(options, "listenAddress").text = self.address
        for key, value in {**OFFLINE_OPTIONS, **QUICK_OPTIONS}.items():
            _one(options, key).text = str(value).lower()
        for device in root.iter("device"):
            if device.get("id") == self.device_id:
                device.set("name", self.name)
        tree.write(self.config_path, encoding="utf-8", xml_declaration=False)

    # --- running ---------------------------------------------------------------------------

    def start(self, timeout_s: float = 30.0) -> None:
        """Start Syncthing and wait until its REST API answers."""
        self.spawn()
        self.wait_started(timeout_s)

    def spawn(self) -> None:
        """Start the process without waiting (see :func:`start_all`)."""
        if self._process is not None:
            raise RuntimeError(f"{self.name} is already running")
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [self.binary, "serve", f"--home={self.home}", "--no-browser", "--no-restart",
                 "--no-upgrade", "--logflags=3"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=syncthing_env(self.home))

    def wait_started(self, timeout_s: float = 30.0) -> None:
        poll_until(self._answers, f"{self.name}'s REST API on {self.url}", timeout_s,
                   self.log_tail)

    def _answers(self) -> bool:
        """Whether the REST API answers and the sync listener is up."""
        process = self._process
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{self.name} exited with {process.returncode}:\n"
                               f"{self.log_tail()}")
        try:
            listeners = self.get("/rest/system/status")["connectionServiceStatus"]
        except (OSError, urllib.error.URLError):
            return False
        listener = listeners.get(self.address)
        if listener and listener.get("error"):
            raise RuntimeError(f"{self.name} cannot listen on {self.address}: "
                               f"{listener['error']}")
        return bool(listener and listener.get("lanAddresses"))

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ask Syncthing to shut down; kill it if it has not within ``timeout_s``."""
        self.request_shutdown()
        self.wait_stopped(timeout_s)

    def request_shutdown(self) -> None:
        if self._process is None or self._process.poll() is not None:
            return
        try:
            self.post("/rest/system/shutdown")
        except (OSError, urllib.error.URLError):
            pass  # already going: wait_stopped decides

    def wait_stopped(self, timeout_s: float = 5.0) -> None:
        # 1.19 sometimes waits 10 s for its listener when peers hang up at the same time.
        process, self._process = self._process, None
        if process is None:
            return
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)  # SIGKILL: as long as the kernel takes

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return "(no log)"
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    # --- REST --------------------------------------------------------------------------------

    def request(self, method: str, path: str, body: Any = None,
                params: dict[str, str] | None = None, timeout_s: float = 30.0) -> Any:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}{path}{query}", data=data, method=method,
                                         headers={"X-API-Key": self.api_key,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            payload = response.read()
        return json.loads(payload) if payload.strip() else None

    def get(self, path: str, **params: str) -> Any:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Any = None, **params: str) -> Any:
        return self.request("POST", path, body, params)

    def config(self) -> dict[str, Any]:
        """The effective config, as the running instance holds it."""
        result: dict[str, Any] = self.get("/rest/config")
        return result

    # --- devices and folders -----------------------------------------------------------------

    def add_device(self, other: Syncthing, address: str | None = None) -> None:
        """Know ``other`` by its device ID, at its 127.0.0.1 address by default (or replace
        what is known of it). To pair two instances, use :func:`pair`."""
        device: dict[str, Any] = self.get("/rest/config/defaults/device")
        device.update({"deviceID": other.device_id, "name": other.name,
                       "addresses": [address or other.address]})
        self.post("/rest/config/devices", device)

    def add_folder(self, folder_id: str, path: Path, kind: FolderKind = "sendreceive",
                   devices: Iterable[Syncthing] = (), ignore: Sequence[str] | None = None,
                   rescan_s: int = 10, fs_watcher: bool = True,
                   watcher_delay_s: int = 1) -> None:
        """Share ``path`` as ``folder_id`` with ``devices``. ``ignore`` is written to the
        folder's .stignore first, so the very first scan already leaves those files out."""
        path.mkdir(parents=True, exist_ok=True)
        if ignore is not None:
            (path / ".stignore").write_text("\n".join(ignore) + "\n", encoding="utf-8")
        folder: dict[str, Any] = self.get("/rest/config/defaults/folder")
        folder.update({
            "id": folder_id, "label": folder_id, "path": str(path), "type": kind,
            "devices": [{"deviceID": self.device_id},
                        *({"deviceID": device.device_id} for device in devices)],
            "rescanIntervalS": rescan_s, "fsWatcherEnabled": fs_watcher,
            "fsWatcherDelayS": watcher_delay_s,
        })
        self.post("/rest/config/folders", folder)

    def folder_devices(self, folder_id: str) -> list[str]:
        """The device IDs ``folder_id`` is shared with, this one left out."""
        folder = self.get(f"/rest/config/folders/{urllib.parse.quote(folder_id)}")
        return [d["deviceID"] for d in folder["devices"] if d["deviceID"] != self.device_id]

    # --- state -----------------------------------------------------------------------------

    def rescan(self, folder_id: str) -> None:
        """Scan ``folder_id`` now; returns when the scan is done."""
        self.request("POST", "/rest/db/scan", params={"folder": folder_id}, timeout_s=120)

    def status(self, folder_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.get("/rest/db/status", folder=folder_id)
        return result

    def completion(self, folder_id: str, device: str | None = None) -> dict[str, Any]:
        """How much of ``folder_id`` ``device`` has (this instance when None), as known here."""
        params = {"folder": folder_id, **({"device": device} if device else {})}
        result: dict[str, Any] = self.get("/rest/db/completion", **params)
        return result

    def connected(self) -> set[str]:
        connections = self.get("/rest/system/connections")["connections"]
        return {device for device, state in connections.items() if state.get("connected")}

    def wait_connected(self, others: Iterable[Syncthing], timeout_s: float = 30.0) -> None:
        wanted = {other.device_id for other in others}
        poll_until(lambda: wanted <= self.connected(), f"{self.name} to connect", timeout_s,
                   lambda: f"connected to {sorted(self.connected())}")

    def in_sync(self, folder_id: str, peers: Sequence[str]) -> bool:
        """Idle with nothing needed here, connected to every peer, and every peer reports
        (in its own index) that it has everything of the folder."""
        status = self.status(folder_id)
        if status["state"] != "idle" or status["needTotalItems"] or status["pullErrors"]:
            return False
        if not set(peers) <= self.connected():
            return False
        return all(self._peer_complete(folder_id, peer) for peer in peers)

    def _peer_complete(self, folder_id: str, peer: str) -> bool:
        remote = self.completion(folder_id, peer)
        # 1.19 reports 100 % for a peer that has not sent its index yet (it has not added
        # the folder, or not told us): only an index (sequence > 0) makes the figure real.
        announced = remote["sequence"] > 0 or remote["globalItems"] == 0
        return (announced and remote["completion"] >= 100 and not remote["needItems"]
                and not remote["needDeletes"])

    def wait_synced(self, folder_id: str, timeout_s: float = 30.0,
                    peers: Sequence[str] | None = None) -> None:
        """Wait until ``folder_id`` is complete here and on ``peers`` (default: every
        device it is shared with). Rescan first after writing files: a scan decides what
        there is to send."""
        wanted = self.folder_devices(folder_id) if peers is None else list(peers)
        poll_until(lambda: self.in_sync(folder_id, wanted),
                   f"{folder_id} to be in sync on {self.name} and its peers", timeout_s,
                   lambda: json.dumps({"status": _brief(self.status(folder_id)),
                                       "peers": {p[:7]: self.completion(folder_id, p)
                                                 for p in wanted}}))


def pair(a: Syncthing, b: Syncthing, timeout_s: float = 30.0) -> None:
    """Make two running instances know each other by device ID and 127.0.0.1 address.

    Syncthing 1.19 dials on a timer of its own, and when two devices dial each other at
    once each may keep a different one of the two connections and close the other: both
    are lost, and the timers, started together, can cross again half a minute later. So
    only ``b`` dials: ``a`` first knows it as ``dynamic``, which with discovery off means
    "wait to be called", and learns its address once it has called."""
    a.add_device(b, address="dynamic")
    b.add_device(a)
    poll_until(lambda: b.device_id in a.connected(), f"{b.name} to call {a.name}",
               timeout_s, b.log_tail)
    a.add_device(b)  # connected: Syncthing does not dial it while the connection lasts


def start_all(instances: Sequence[Syncthing], timeout_s: float = 30.0) -> None:
    """Start several instances side by side, then wait for each (their start-ups overlap)."""
    for instance in instances:
        instance.spawn()
    for instance in instances:
        instance.wait_started(timeout_s)


def stop_all(instances: Sequence[Syncthing], timeout_s: float = 5.0) -> None:
    """Stop several instances; their shut-downs overlap, within one ``timeout_s``."""
    for instance in instances:
        instance.request_shutdown()
    deadline = time.monotonic() + timeout_s
    for instance in instances:
        instance.wait_stopped(max(0.0, deadline - time.monotonic()))


def _one(parent: ET.Element, tag: str) -> ET.Element:
    element = parent.find(tag)
    if element is None:
        raise RuntimeError(f"config.xml has no <{tag}> under <{parent.tag}>")
    return element


def _brief(status: dict[str, Any]) -> dict[str, Any]:
    keys = ("state", "globalFiles", "localFiles", "needTotalItems", "pullErrors",
            "receiveOnlyTotalItems")
    return {key: status.get(key) for key in keys}
