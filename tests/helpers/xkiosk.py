"""The kiosk as installed, run as its own process on an X display: private home and
settings folders, its visitor event log to watch, xdotool for a visitor's hands."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.helpers.xserver import client_env, wait_for


class RealKiosk:
    def __init__(self, display: str, exhibit: Path, folder: Path, root: Path,
                 *extra: str, environment: dict[str, str] | None = None) -> None:
        self.display = display
        self.log = folder / "events.jsonl"
        home = folder / "home"
        home.mkdir(parents=True, exist_ok=True)
        # Its control socket's folder, its own for every kiosk under test: short, as a unix
        # socket's path is (108 bytes), like /run/user/UID.
        self.runtime = Path(tempfile.mkdtemp(prefix="kiosk-"))
        runtime = self.runtime
        self.env = env = client_env(display, root, HOME=str(home),
                                    XDG_CONFIG_HOME=str(home / ".config"),
                                    XDG_DATA_HOME=str(home / ".local" / "share"),
                                    XDG_CACHE_HOME=str(home / ".cache"),
                                    XDG_RUNTIME_DIR=str(runtime),
                                    **(environment or {}))
        self.output = folder / "kiosk-output.txt"
        with self.output.open("w") as output:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk", str(exhibit), "--event-log", str(self.log),
                 *extra], cwd=home, env=env, stdout=output, stderr=subprocess.STDOUT)

    def events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines if line.endswith("}")]

    def wait_event(self, name: str, after: int = 0, timeout: float = 20.0,
                   **fields: Any) -> dict[str, Any]:
        """The first event called ``name`` (with ``fields``) past the first ``after``."""
        found: list[dict[str, Any]] = []

        def seen() -> bool:
            self.check_running()
            found[:] = [e for e in self.events()[after:] if e["event"] == name
                        and all(e.get(k) == v for k, v in fields.items())]
            return bool(found)

        wait_for(seen, f"{name} {fields or ''} in the event log (have "
                 f"{[e['event'] for e in self.events()[after:]]})", timeout)
        return found[0]

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``kiosk ARGS`` run as someone at a terminal of this kiosk's account would."""
        return subprocess.run([sys.executable, "-m", "kiosk", *args], env=self.env,
                              capture_output=True, text=True, timeout=60, check=False)

    def check_running(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(f"the kiosk stopped (exit {self.process.returncode}):\n"
                                 + self.output.read_text(errors="replace")[-3000:])

    def xdotool(self, *steps: str) -> None:
        subprocess.run(["xdotool", *" ".join(steps).split()], env=self.env, check=True)

    def wait_mapped(self, title: str) -> tuple[int, int]:
        """Until the kiosk's window is on the X screen (xdotool waits for it itself);
        its size."""
        found = subprocess.run(["timeout", "20", "xdotool", "search", "--sync", "--onlyvisible",
                                "--name", title, "getwindowgeometry"], env=self.env, check=True,
                               capture_output=True, text=True).stdout
        size = re.search(r"Geometry: (\d+)x(\d+)", found)
        if size is None:
            raise AssertionError(f"xdotool gave no window geometry: {found}")
        return int(size.group(1)), int(size.group(2))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        code = self.process.wait()
        shutil.rmtree(self.runtime, ignore_errors=True)
        return code
