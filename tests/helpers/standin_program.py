"""The body of the display power tools' stand-ins (see standins.py, which writes them).

Each stand-in records its arguments (and, for cec-client, what it read on stdin) as a line
of JSON, then answers as the real tool does: its output format, messages and exit codes,
including the ways it fails. What each real tool prints was read from its sources:
wlr-randr 0.2-0.4 (main.c), xset 1.2 (x11-xserver-utils, tried against Xvfb), ddcutil 1.4
and 2.x (app_ddcutil/main.c, ddc_display_selection.c), libcec's cec-client.cpp.

Runs only as a script: the writer puts a shebang before it and ``main(CONFIG)`` after.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

HANG_SECONDS = 300  # far past any timeout under test; the caller kills it long before

XSET_USAGE = """\
usage:  xset [-display host:dpy] option ...
    To turn bell off:
\t-b                b off               b 0
    To control Energy Star (DPMS) features:
\t-dpms      Energy Star features off
\t+dpms      Energy Star features on
\t dpms [standby [suspend [off]]]
\t      force standby
\t      force suspend
\t      force off
\t      force on
\t      (also implicitly enables DPMS features)
\t      a timeout value of zero disables the mode
    For screen-saver control:
\t s [timeout [cycle]]  s default    s on
\t s blank              s noblank    s off
\t s expose             s noexpose
\t s activate           s reset
    For status information:  q
    To print version: -version
"""  # abridged: the real one has fifty lines

WLR_RANDR_USAGE = """\
usage: wlr-randr [options…]
--help
--json
--output <name>
  --on
  --off
"""

MODES = ((1920, 1080, 60.0), (1280, 720, 60.0), (640, 480, 59.94))


def err(text: str) -> None:
    sys.stderr.write(text if text.endswith("\n") else text + "\n")


def record(config: dict[str, Any], argv: list[str], stdin: str) -> None:
    line = json.dumps({"tool": config["tool"], "argv": argv, "stdin": stdin}) + "\n"
    # One write to a file opened for appending: calls from parallel runs never interleave.
    fd = os.open(config["calls"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


# ---- wlr-randr: lists outputs; --output NAME --off/--on applies all changes at once


def load_outputs(config: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        with open(config["state"], encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        return [dict(output, enabled=True) for output in config["outputs"]]


def save_outputs(config: dict[str, Any], outputs: list[dict[str, Any]]) -> None:
    temporary = config["state"] + ".new"
    with open(temporary, "w", encoding="utf-8") as file:
        json.dump(outputs, file)
    os.replace(temporary, config["state"])


def print_outputs(outputs: list[dict[str, Any]]) -> None:
    """As wlr-randr 0.4 prints them for a compositor with output management version 4."""
    x = 0
    for output in outputs:
        print(f'{output["name"]} "{output["description"]}"')
        print(f"  Make: {output['make']}")
        print(f"  Model: {output['model']}")
        print(f"  Serial: {output['serial']}")
        print("  Physical size: 530x300 mm")
        print(f"  Enabled: {'yes' if output['enabled'] else 'no'}")
        print("  Modes:")
        for index, (width, height, hertz) in enumerate(MODES):
            tags = []
            if index == 0:
                tags.append("preferred")
            if index == 0 and output["enabled"]:
                tags.append("current")  # a disabled output has no current mode
            shown = f" ({', '.join(tags)})" if tags else ""
            print(f"    {width}x{height} px, {hertz:f} Hz{shown}")
        if not output["enabled"]:
            continue
        print(f"  Position: {x},0")
        print("  Transform: normal")
        print(f"  Scale: {1.0:f}")
        print("  Adaptive Sync: disabled")
        x += MODES[0][0]


def print_outputs_json(outputs: list[dict[str, Any]]) -> None:
    listed = []
    for output in outputs:
        item: dict[str, Any] = {
            key: output[key] for key in ("name", "description", "make", "model", "serial")}
        item["physical_size"] = {"width": 530, "height": 300}
        item["enabled"] = output["enabled"]
        item["modes"] = [{"width": w, "height": h, "refresh": hz, "preferred": i == 0,
                          "current": i == 0 and output["enabled"]}
                         for i, (w, h, hz) in enumerate(MODES)]
        if output["enabled"]:
            item.update(position={"x": 0, "y": 0}, transform="normal", scale=1.0,
                        adaptive_sync=False)
        listed.append(item)
    print(json.dumps(listed, indent=2))


def wlr_randr(config: dict[str, Any], argv: list[str]) -> int:
    behaviour = config["behaviour"]
    if behaviour == "no-compositor":
        err("failed to connect to display")
        return 1
    if behaviour == "unsupported":
        err("compositor doesn't support wlr-output-management-unstable-v1")
        return 1
    outputs = load_outputs(config)
    current: dict[str, Any] | None = None
    changes: list[tuple[dict[str, Any], bool]] = []
    as_json = False
    args = iter(argv)
    for arg in args:
        if arg in ("-h", "--help"):
            err(WLR_RANDR_USAGE)
            return 0
        if arg == "--json":
            as_json = True
        elif arg == "--output" or arg.startswith("--output="):
            name = arg.partition("=")[2] if "=" in arg else next(args, None)
            if name is None:
                err("wlr-randr: option '--output' requires an argument")
                return 1
            current = next((o for o in outputs if o["name"] == name), None)
            if current is None:
                err(f"unknown output {name}")
                return 1
        elif arg in ("--on", "--off"):
            if current is None:
                err(f"no --output specified before {arg}")
                return 1
            changes.append((current, arg == "--on"))
        else:
            err(f"wlr-randr: unrecognized option '{arg}'")
            return 1
    if not changes:
        (print_outputs_json if as_json else print_outputs)(outputs)
        return 0
    if behaviour == "apply-fails":
        err("failed to apply configuration")
        return 1
    for output, enabled in changes:
        output["enabled"] = enabled
    save_outputs(config, outputs)
    return 0


# ---- xset: exits 0 even when the server lacks DPMS; only stderr says so


def xset(config: dict[str, Any], argv: list[str]) -> int:
    """Only the answers that matter are copied; commands are checked from the record."""
    display = os.environ.get("DISPLAY", "")
    if config["behaviour"] == "no-display" or not display:
        err(f'xset:  unable to open display "{display}"')
        return 1
    if config["behaviour"] == "no-dpms":
        for index, arg in enumerate(argv):
            if arg in ("dpms", "-dpms", "+dpms"):
                err(f"server does not have extension for {arg} option")
                if arg == "dpms" and index + 1 < len(argv):
                    # The words after `dpms` are then read as options of their own.
                    err(f"xset:  unknown option {argv[index + 1]}\n\n")
                    err(XSET_USAGE)
                    return 0
    return 0


# ---- ddcutil: silent on success; errors on stderr with exit status 1


def ddcutil(config: dict[str, Any], argv: list[str]) -> int:
    behaviour = config["behaviour"]
    if behaviour == "no-i2c":
        err("No /dev/i2c devices exist.")
        err("ddcutil requires module i2c-dev.")
        return 1
    if behaviour == "display-not-found":  # 1.4 (Debian 12); 2.x says it when one is missing
        err("Display not found")
        return 1
    if behaviour == "no-ddc":  # 2.x, when no display answers DDC/CI (an HDMI TV, say)
        err("No displays implementing DDC/CI found")
        return 1
    if behaviour == "set-fails":
        feature = argv[argv.index("setvcp") + 1].lower() if "setvcp" in argv else "00"
        err(f"Setting value failed for feature {feature}, rc=DDCRC_RETRIES(-3007): "
            "maximum retries exceeded")
        return 1
    return 0


# ---- cec-client -s: reads one command on stdin; everything it says goes to stdout


def cec_client(config: dict[str, Any], argv: list[str]) -> int:
    if config["behaviour"] == "no-adapter":
        print("autodetect FAILED")
        return 1
    print("opening a connection to the CEC adapter...")
    if config["behaviour"] == "open-fails":
        print("unable to open the device on port RPI")
        return 1
    return 0


TOOLS = {"wlr-randr": wlr_randr, "xset": xset, "ddcutil": ddcutil, "cec-client": cec_client}


def main(config: dict[str, Any]) -> None:
    argv = sys.argv[1:]
    # Only cec-client reads its stdin (a terminal would block the others, as it does them).
    stdin = sys.stdin.read() if config["tool"] == "cec-client" else ""
    record(config, argv, stdin)
    if config["behaviour"] == "hang":
        time.sleep(HANG_SECONDS)
        sys.exit(0)
    sys.exit(TOOLS[config["tool"]](config, argv))
