"""The four ways to switch a display off and on, and the order ``auto`` tries them in.

Each backend runs the tool's own command line (see deploy/README.md, "Display power",
for trying each by hand) and raises :class:`CommandFailed` when the tool cannot do it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from kiosk.power.commands import CommandFailed, Commands
from kiosk.site.model import AUTO, BACKENDS

log = logging.getLogger(__name__)

WLR_RANDR = "wlr-randr"
XSET_DPMS = "xset-dpms"
DDCUTIL = "ddcutil"
CEC_CLIENT = "cec-client"

# MCCS VCP feature D6, "power mode": 01 on, 04 off (DPM off, still answers DDC/CI),
# 05 off as by the power button (the monitor then ignores DDC/CI, so nothing turns it on).
VCP_POWER_MODE = "D6"
VCP_POWER_ON = "01"
VCP_POWER_OFF = "04"

# xset exits with 0 even when the X server lacks DPMS (Xvfb, Xwayland): only its message,
# "server does not have extension for dpms option" (or "-dpms", "+dpms"), says so.
XSET_NO_DPMS = "does not have extension for"


class Backend(Protocol):
    """Switches the display with one tool; raises CommandFailed when it cannot."""

    name: str
    how: str  # for the log line naming the backend in use

    def off(self, run: Commands) -> None: ...

    def on(self, run: Commands) -> None: ...


def auto_order(env: Mapping[str, str]) -> tuple[str, ...]:
    """The backends ``power: auto`` tries, best first, for the session the kiosk runs in.

    The compositor's or X server's own switch comes first: it needs no extra hardware
    or permission and knows every output. Under Wayland, X DPMS would only reach
    Xwayland, which does not drive the screen, so it is left out. DDC/CI reaches most
    monitors over the video cable; HDMI-CEC needs a CEC adapter and reaches TVs.
    """
    if env.get("WAYLAND_DISPLAY"):
        return (WLR_RANDR, DDCUTIL, CEC_CLIENT)
    if env.get("DISPLAY"):
        return (XSET_DPMS, DDCUTIL, CEC_CLIENT)
    return (DDCUTIL, CEC_CLIENT)


def backend_order(preference: Sequence[str], env: Mapping[str, str]) -> tuple[str, ...]:
    """The backends to try: the site's list as written, or ``auto``'s order for ``env``.

    An empty preference means no display power at all: nothing is ever run.
    """
    names = tuple(preference)
    if names == (AUTO,):
        return auto_order(env)
    unknown = [name for name in names if name not in BACKENDS]
    if unknown:
        raise ValueError(f"unknown display power backend {unknown[0]!r}; "
                         f"expected {AUTO!r} or some of {', '.join(BACKENDS)}")
    return names


def make_backend(name: str) -> Backend:
    """A fresh backend called ``name`` (one of kiosk.site.model.BACKENDS)."""
    makers: dict[str, type[Backend]] = {WLR_RANDR: WlrRandr, XSET_DPMS: XsetDpms,
                                        DDCUTIL: Ddcutil, CEC_CLIENT: CecClient}
    return makers[name]()


@dataclass(frozen=True)
class Head:
    """One output as ``wlr-randr`` lists it."""

    name: str
    enabled: bool


def parse_heads(listing: str) -> list[Head]:
    """The outputs in ``wlr-randr``'s listing: a line ``NAME "description"`` per output,
    then indented properties, among them ``Enabled: yes``. The same in versions 0.2 to
    0.4 (``--json`` is newer than Debian 12's 0.2, so the text is read)."""
    heads: list[Head] = []
    for line in listing.splitlines():
        if line.strip() and not line[0].isspace():
            heads.append(Head(line.split(" ", 1)[0], enabled=False))
        elif heads and line.strip().startswith("Enabled:"):
            enabled = line.split(":", 1)[1].strip() == "yes"
            heads[-1] = Head(heads[-1].name, enabled)
    return heads


def output_switches(names: Sequence[str], switch: str) -> list[str]:
    """``--output A --off --output B --off``: every output in one command, applied at once."""
    return [arg for name in names for arg in ("--output", name, switch)]


class WlrRandr:
    """Wayland output management (cage 0.1.5 and later, sway, labwc …): disables the
    outputs, so the compositor stops sending a picture and the screen goes to standby."""

    name = WLR_RANDR
    how = "Wayland output management: wlr-randr --output NAME --off / --on"

    def __init__(self) -> None:
        self.turned_off: tuple[str, ...] = ()  # the outputs off() disabled, for on()

    def _heads(self, run: Commands) -> list[Head]:
        heads = parse_heads(run(["wlr-randr"]).stdout)
        if not heads:
            raise CommandFailed("`wlr-randr` lists no outputs")
        return heads

    def off(self, run: Commands) -> None:
        lit = [head.name for head in self._heads(run) if head.enabled]
        if lit:
            run(["wlr-randr", *output_switches(lit, "--off")])
            self.turned_off = tuple(lit)

    def on(self, run: Commands) -> None:
        # Only the outputs off() disabled (or, after a restart, every disabled one): an
        # output the installer switched off for good stays off. Listed first, as a
        # name that has gone (unplugged) would fail the whole command.
        dark = [head.name for head in self._heads(run) if not head.enabled
                and (not self.turned_off or head.name in self.turned_off)]
        if dark:
            run(["wlr-randr", *output_switches(dark, "--on")])
        self.turned_off = ()


class XsetDpms:
    """X11 DPMS: the X server puts the monitor into its power-saving off state."""

    name = XSET_DPMS
    how = "X11 DPMS: xset dpms force off / on"

    def _xset(self, run: Commands, args: list[str]) -> None:
        done = run(["xset", *args])
        if XSET_NO_DPMS in done.stderr:
            raise CommandFailed(f"`xset {' '.join(args)}`: the X server has no DPMS "
                                f"extension ({done.stderr.strip().splitlines()[0]})")

    def off(self, run: Commands) -> None:
        self._xset(run, ["dpms", "force", "off"])

    def on(self, run: Commands) -> None:
        self._xset(run, ["dpms", "force", "on"])
        # `force` also turned DPMS's timers on, and the screen saver blanks after 10
        # minutes by default: both would darken the screen in opening hours without a
        # visitor, so both go off until the next closing.
        try:
            self._xset(run, ["s", "off", "-dpms"])
        except CommandFailed as failure:
            log.warning("Display power: the display is on, but X may blank it again after "
                        "its screen saver time: %s", failure)


class Ddcutil:
    """DDC/CI over the video cable's I²C bus: the monitor's own power mode (VCP D6)."""

    name = DDCUTIL
    how = f"DDC/CI: ddcutil setvcp {VCP_POWER_MODE} {VCP_POWER_OFF} / {VCP_POWER_ON}"

    def _set(self, run: Commands, value: str) -> None:
        # --noverify: a monitor in power-saving mode often stops answering the read-back,
        # which ddcutil 1.x does by default and would report as a failure.
        run(["ddcutil", "--noverify", "setvcp", VCP_POWER_MODE, value])

    def off(self, run: Commands) -> None:
        self._set(run, VCP_POWER_OFF)

    def on(self, run: Commands) -> None:
        self._set(run, VCP_POWER_ON)


class CecClient:
    """HDMI-CEC through libcec's cec-client: asks the TV (logical address 0) to go to
    standby or come on. -s runs the one command read from stdin and exits; -d 1 logs
    errors only."""

    name = CEC_CLIENT
    how = "HDMI-CEC: echo 'standby 0' / 'on 0' | cec-client -s -d 1"

    def _send(self, run: Commands, command: str) -> None:
        run(["cec-client", "-s", "-d", "1"], stdin=f"{command}\n")

    def off(self, run: Commands) -> None:
        self._send(run, "standby 0")

    def on(self, run: Commands) -> None:
        self._send(run, "on 0")
