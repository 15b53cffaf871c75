"""One run of headless Chromium on a local page: its DOM or a screenshot, what the page
said on the console, and proof that nothing went out to the network.

Debian's ``/usr/bin/chromium`` is a shell script that adds flags of its own (and Google API
keys); the browser binary behind it is started instead, so the flags below are all it gets.
Every background service that goes online is switched off; the few that no flag stops
(sign-in's account list, one component's update check) meet a resolver where no name
resolves. `outside_traffic` reads Chromium's own network log to show that held.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

BINARIES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser")
# What keeps Chromium itself off the network: every background service that goes online
# switched off, and a resolver where no name resolves for the few that no flag stops.
# The benchmark against a browser kiosk (bench/peer/chromium.py) uses these too.
OFFLINE_FLAGS = (
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-component-extensions-with-background-pages",
    "--disable-client-side-phishing-detection",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--disable-crash-reporter",
    "--metrics-recording-only",
    "--no-pings",
    "--no-service-autorun",
    "--dns-prefetch-disable",
    "--password-store=basic",
    "--disable-features=OptimizationHints,OptimizationHintsFetching,MediaRouter,Translate,"
    "NetworkTimeServiceQuerying,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,DialMediaRouteProvider,"
    "InterestFeedContentSuggestions,SafeBrowsingBetterTelemetry,PrivacySandboxSettings4",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
FLAGS = (
    "--headless=new",
    "--disable-gpu",
    "--hide-scrollbars",
    *OFFLINE_FLAGS,
    "--enable-logging=stderr",  # console messages, as "CONSOLE" lines
    "--v=0",
)
# Net log events that mean a packet left for another machine: a DNS query, a TCP connect.
OUTSIDE_EVENTS = {"DNS_TRANSACTION", "TCP_CONNECT", "TCP_CONNECT_ATTEMPT"}
TIMEOUT_S = 60


def find_chromium() -> str | None:
    for name in BINARIES:
        found = shutil.which(name)
        if found:
            return found
    return None


def run_headless(binary: str, page: Path, work: Path,
                 *options: str) -> subprocess.CompletedProcess[str]:
    """Chromium on ``page`` with a fresh profile in ``work``, its network log in
    ``work/net.json``; ``options`` say what to do (``--dump-dom``, ``--screenshot=…``)."""
    command = [binary, *FLAGS, f"--user-data-dir={work / 'profile'}",
               f"--log-net-log={work / 'net.json'}", *options, page.resolve().as_uri()]
    if os.geteuid() == 0:
        command.insert(1, "--no-sandbox")  # Chromium refuses to start as root otherwise
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S,
                          stdin=subprocess.DEVNULL, check=False)


def console_messages(stderr: str) -> list[str]:
    """What the page wrote to the console, or threw: Chromium logs each as a CONSOLE line."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def outside_traffic(net_log: Path) -> list[str]:
    """Every DNS query or TCP connection in Chromium's network log (it should be none)."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    return [f"{names[event['type']]} {json.dumps(event.get('params', {}))}"
            for event in log["events"] if names.get(event["type"]) in OUTSIDE_EVENTS]
