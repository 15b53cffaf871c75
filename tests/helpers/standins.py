"""Stand-ins for the display power tools (wlr-randr, xset, ddcutil, cec-client): small
executables in a folder put on PATH, which record how they were called and answer as the
real tool does, including its failures. No real screen is touched; unit and system tests
alike read back exactly which commands ran.

    tools = StandIns(tmp_path)
    tools.install("wlr-randr")                     # works, one output HDMI-A-1
    tools.install("ddcutil", "display-not-found")  # fails as ddcutil does
    env = tools.env(WAYLAND_DISPLAY="wayland-1")   # PATH holds the stand-ins only
    ... run the kiosk or a DisplaySwitch with env ...
    tools.commands() == ["wlr-randr", "wlr-randr --output HDMI-A-1 --off"]
"""

from __future__ import annotations

import json
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

PROGRAM = Path(__file__).with_name("standin_program.py")

# How each stand-in may behave: "ok", "hang" (never answers) and the tool's own failures.
BEHAVIOURS = {
    "wlr-randr": ("ok", "unsupported", "no-compositor", "apply-fails", "hang"),
    "xset": ("ok", "no-dpms", "no-display", "hang"),
    "ddcutil": ("ok", "display-not-found", "no-ddc", "no-i2c", "set-fails", "hang"),
    "cec-client": ("ok", "no-adapter", "open-fails", "hang"),
}


@dataclass(frozen=True)
class Output:
    """One output as the compositor reports it to wlr-randr."""

    name: str
    make: str = "Dell Inc."
    model: str = "DELL P2419H"
    serial: str = "7XJ6KR2"

    @property
    def description(self) -> str:
        return f"{self.make} {self.model} {self.serial} ({self.name})"  # as wlroots makes it


DEFAULT_OUTPUTS = (Output("HDMI-A-1"),)


@dataclass(frozen=True)
class Call:
    """One run of a stand-in: its arguments after the program name, and its stdin."""

    tool: str
    argv: tuple[str, ...]
    stdin: str = ""

    def __str__(self) -> str:
        return shlex.join((self.tool, *self.argv))


class StandIns:
    """A folder of stand-in tools and the record of every call made to them."""

    def __init__(self, folder: Path) -> None:
        self.bin = folder / "bin"
        self.bin.mkdir(parents=True, exist_ok=True)
        self.log = folder / "calls.jsonl"
        self.wlr_state = folder / "wlr-randr-outputs.json"
        self.outputs: tuple[Output, ...] = ()  # as the wlr-randr stand-in was installed with
        if " " in sys.executable or "\t" in sys.executable:
            raise RuntimeError(f"a shebang cannot name {sys.executable!r}")

    def install(self, tool: str, behaviour: str = "ok", *,
                outputs: tuple[Output, ...] = DEFAULT_OUTPUTS) -> Path:
        """Put a stand-in for ``tool`` on the PATH folder, or replace the one there.

        ``outputs`` are the compositor's outputs (wlr-randr only); they start enabled,
        and the stand-in keeps them on or off as commands switch them, as the
        compositor would, until installed again with other outputs.
        """
        if behaviour not in BEHAVIOURS[tool]:
            raise ValueError(f"{tool} stand-ins behave as one of {BEHAVIOURS[tool]}")
        config = {"tool": tool, "behaviour": behaviour, "calls": str(self.log),
                  "state": str(self.wlr_state),
                  "outputs": [{"name": o.name, "description": o.description, "make": o.make,
                               "model": o.model, "serial": o.serial} for o in outputs]}
        if tool == "wlr-randr":
            self.outputs = outputs
            self.wlr_state.unlink(missing_ok=True)  # the new outputs, all on
        path = self.bin / tool
        # The interpreter by its full path, not `/usr/bin/env python3`, so PATH can hold
        # the stand-ins alone and a real tool installed on the machine is never reached.
        path.write_text(f"#!{sys.executable}\n{PROGRAM.read_text(encoding='utf-8')}\n"
                        f"main(json.loads({json.dumps(json.dumps(config))}))\n",
                        encoding="utf-8")
        path.chmod(0o755)
        return path

    def remove(self, tool: str) -> None:
        """Take ``tool`` off PATH: as on a machine where it is not installed."""
        (self.bin / tool).unlink(missing_ok=True)

    def env(self, **variables: str) -> dict[str, str]:
        """An environment whose PATH holds only the stand-ins, plus ``variables``."""
        return {"PATH": str(self.bin), **variables}

    def calls(self, tool: str | None = None) -> list[Call]:
        """Every call so far, oldest first; only ``tool``'s when given."""
        if not self.log.exists():
            return []
        found = [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]
        return [Call(c["tool"], tuple(c["argv"]), c["stdin"]) for c in found
                if tool is None or c["tool"] == tool]

    def commands(self) -> list[str]:
        """Every call so far as the command line it was, e.g. ``xset dpms force off``."""
        return [str(call) for call in self.calls()]

    def forget(self) -> None:
        """Clear the record, to look at the calls of the next step alone."""
        self.log.unlink(missing_ok=True)

    def outputs_enabled(self) -> dict[str, bool]:
        """Which outputs the wlr-randr stand-in's compositor has on now."""
        if not self.wlr_state.exists():
            return {output.name: True for output in self.outputs}
        return {o["name"]: o["enabled"]
                for o in json.loads(self.wlr_state.read_text(encoding="utf-8"))}
