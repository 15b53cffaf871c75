"""The display goes off after closing and on before opening through the first tool that
works on the gallery PC, falls back to the next when one fails, and says which it uses.

The tools are stand-ins on PATH (tests/helpers/standins.py) that answer as the real
wlr-randr, xset, ddcutil and cec-client do; no real screen is touched.
"""

from __future__ import annotations

import ast
import logging
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import kiosk.power
from kiosk.power.backends import Head, auto_order, backend_order, parse_heads
from kiosk.power.display import DisplaySwitch
from kiosk.site.load import load_site
from tests.helpers.standins import Call, Output, StandIns

WAYLAND = {"WAYLAND_DISPLAY": "wayland-1"}
X11 = {"DISPLAY": ":0"}
TIMEOUT = 10.0  # only a tool that hangs on purpose ever comes near it


@pytest.fixture
def tools(tmp_path: Path) -> StandIns:
    return StandIns(tmp_path / "tools")


@pytest.fixture
def power_log(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="kiosk.power")
    return caplog


def switch(tools: StandIns, preference: tuple[str, ...] = ("auto",),
           timeout: float = TIMEOUT, **env: str) -> DisplaySwitch:
    return DisplaySwitch(preference, env=tools.env(**env), timeout=timeout)


def lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == level]


# ---- which backends, in which order


@pytest.mark.parametrize(("env", "order"), [
    (WAYLAND, ("wlr-randr", "ddcutil", "cec-client")),
    ({**WAYLAND, **X11}, ("wlr-randr", "ddcutil", "cec-client")),  # cage with Xwayland
    (X11, ("xset-dpms", "ddcutil", "cec-client")),
    ({}, ("ddcutil", "cec-client")),
    ({"WAYLAND_DISPLAY": "", "DISPLAY": ""}, ("ddcutil", "cec-client")),
])
def test_auto_starts_with_the_session_s_own_switch(env: dict[str, str],
                                                   order: tuple[str, ...]) -> None:
    assert auto_order(env) == order
    assert backend_order(("auto",), env) == order


def test_a_named_list_is_tried_as_written_whatever_the_session() -> None:
    assert backend_order(("cec-client", "ddcutil"), WAYLAND) == ("cec-client", "ddcutil")
    assert backend_order(("xset-dpms",), {}) == ("xset-dpms",)


@pytest.mark.parametrize("env", [WAYLAND, X11, {}])
def test_no_backends_stays_none_whatever_the_session(env: dict[str, str]) -> None:
    assert backend_order((), env) == ()


def test_an_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="'xrandr'"):
        DisplaySwitch(("xrandr",), env={})


def test_the_site_file_s_display_power_is_the_order(tools: StandIns, tmp_path: Path) -> None:
    site_file = tmp_path / "site.yaml"
    site_file.write_text("version: 1\ndisplay: {power: [cec-client, ddcutil]}\n",
                         encoding="utf-8")
    site = load_site(site_file, zone=ZoneInfo("Europe/Berlin"), hostname="gallery-2").site
    assert site is not None
    assert switch(tools, site.display.backends, **WAYLAND).order == ("cec-client", "ddcutil")

    site_file.write_text("version: 1\n", encoding="utf-8")  # no display block: auto
    site = load_site(site_file, zone=ZoneInfo("Europe/Berlin"), hostname="gallery-2").site
    assert site is not None
    assert switch(tools, site.display.backends, **X11).order == (
        "xset-dpms", "ddcutil", "cec-client")


# ---- the commands each backend runs


def test_under_cage_wlr_randr_switches_the_output_off_and_on(tools: StandIns) -> None:
    tools.install("wlr-randr")
    display = switch(tools, **WAYLAND)

    assert display.off()
    assert tools.commands() == ["wlr-randr", "wlr-randr --output HDMI-A-1 --off"]
    assert tools.outputs_enabled() == {"HDMI-A-1": False}
    assert (display.backend, display.is_off) == ("wlr-randr", True)

    tools.forget()
    assert display.on()
    assert tools.commands() == ["wlr-randr", "wlr-randr --output HDMI-A-1 --on"]
    assert tools.outputs_enabled() == {"HDMI-A-1": True}
    assert (display.backend, display.is_off) == ("wlr-randr", False)


def test_every_lit_output_goes_off_at_once_and_only_those_come_back(tools: StandIns) -> None:
    tools.install("wlr-randr", outputs=(Output("HDMI-A-1"), Output("DP-2"), Output("DP-3")))
    # The installer switched DP-3 off for good (a second connector, say).
    subprocess.run(["wlr-randr", "--output", "DP-3", "--off"], env=tools.env(**WAYLAND),
                   check=True)
    tools.forget()
    display = switch(tools, **WAYLAND)

    assert display.off()
    assert tools.commands()[1:] == ["wlr-randr --output HDMI-A-1 --off --output DP-2 --off"]
    tools.forget()
    assert display.on()
    assert tools.commands()[1:] == ["wlr-randr --output HDMI-A-1 --on --output DP-2 --on"]
    assert tools.outputs_enabled() == {"HDMI-A-1": True, "DP-2": True, "DP-3": False}


def test_on_after_a_restart_lights_the_outputs_found_dark(tools: StandIns) -> None:
    tools.install("wlr-randr", outputs=(Output("HDMI-A-1"), Output("DP-2")))
    subprocess.run(["wlr-randr", "--output", "DP-2", "--off"], env=tools.env(**WAYLAND),
                   check=True)
    tools.forget()

    assert switch(tools, **WAYLAND).on()  # a new switch: it turned nothing off itself
    assert tools.commands() == ["wlr-randr", "wlr-randr --output DP-2 --on"]


def test_under_x_dpms_switches_the_monitor_off_and_keeps_it_awake_when_on(
        tools: StandIns) -> None:
    tools.install("xset")
    display = switch(tools, **X11)

    assert display.off()
    assert tools.commands() == ["xset dpms force off"]
    tools.forget()
    assert display.on()
    assert tools.commands() == ["xset dpms force on", "xset s off -dpms"]
    assert display.backend == "xset-dpms"


def test_ddcutil_sets_the_monitor_s_power_mode(tools: StandIns) -> None:
    tools.install("ddcutil")
    display = switch(tools)  # neither Wayland nor X: ddcutil comes first

    assert display.off()
    assert tools.commands() == ["ddcutil --noverify setvcp D6 04"]
    tools.forget()
    assert display.on()
    assert tools.commands() == ["ddcutil --noverify setvcp D6 01"]


def test_cec_client_sends_standby_and_on_to_the_tv(tools: StandIns) -> None:
    tools.install("cec-client")
    display = switch(tools, ("cec-client",), **WAYLAND)

    assert display.off()
    assert tools.calls() == [Call("cec-client", ("-s", "-d", "1"), "standby 0\n")]
    tools.forget()
    assert display.on()
    assert tools.calls() == [Call("cec-client", ("-s", "-d", "1"), "on 0\n")]


# ---- falling back


FAILURES = [
    # (the session, the site's list or auto, the failing tool, how it fails,
    #  what its warning says, the backend that takes over, that backend's off command)
    (WAYLAND, ("auto",), "wlr-randr", "missing", "`wlr-randr` is not installed",
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    (WAYLAND, ("auto",), "wlr-randr", "unsupported",
     "exited with status 1: compositor doesn't support wlr-output-management-unstable-v1",
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    (WAYLAND, ("auto",), "wlr-randr", "no-compositor", "failed to connect to display",
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    (WAYLAND, ("auto",), "wlr-randr", "apply-fails", "failed to apply configuration",
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    (X11, ("auto",), "xset", "no-dpms",
     "the X server has no DPMS extension (server does not have extension for dpms option)",
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    (X11, ("auto",), "xset", "no-display", 'unable to open display ":0"',
     "ddcutil", "ddcutil --noverify setvcp D6 04"),
    ({}, ("auto",), "ddcutil", "display-not-found", "exited with status 1: Display not found",
     "cec-client", "cec-client -s -d 1"),
    ({}, ("auto",), "ddcutil", "no-ddc", "No displays implementing DDC/CI found",
     "cec-client", "cec-client -s -d 1"),
    ({}, ("auto",), "ddcutil", "no-i2c",
     "No /dev/i2c devices exist. / ddcutil requires module i2c-dev.",
     "cec-client", "cec-client -s -d 1"),
    ({}, ("auto",), "ddcutil", "set-fails", "Setting value failed for feature d6",
     "cec-client", "cec-client -s -d 1"),
    ({}, ("cec-client", "ddcutil"), "cec-client", "no-adapter",
     "exited with status 1: autodetect FAILED", "ddcutil", "ddcutil --noverify setvcp D6 04"),
    ({}, ("cec-client", "ddcutil"), "cec-client", "open-fails",
     "unable to open the device on port RPI", "ddcutil", "ddcutil --noverify setvcp D6 04"),
]


@pytest.mark.parametrize(("env", "preference", "tool", "failure", "said", "next_backend",
                          "next_command"), FAILURES,
                         ids=[f"{f[2]}-{f[3]}" for f in FAILURES])
def test_a_failing_tool_hands_over_to_the_next(
        tools: StandIns, power_log: pytest.LogCaptureFixture, env: dict[str, str],
        preference: tuple[str, ...], tool: str, failure: str, said: str, next_backend: str,
        next_command: str) -> None:
    for name in ("wlr-randr", "xset", "ddcutil", "cec-client"):
        tools.install(name)
    if failure == "missing":
        tools.remove(tool)
    else:
        tools.install(tool, failure)
    display = switch(tools, preference, **env)

    assert display.off()
    assert display.backend == next_backend
    assert tools.commands()[-1] == next_command
    (warning,) = lines(power_log, logging.WARNING)
    assert warning.startswith(f"Display power: {tool.replace('xset', 'xset-dpms')} could not "
                              "switch the display off: ")
    assert said in warning
    (using,) = lines(power_log, logging.INFO)
    assert using.startswith(f"Display power: using {next_backend} (")


def test_a_tool_that_hangs_is_stopped_and_the_next_one_tried(
        tools: StandIns, power_log: pytest.LogCaptureFixture) -> None:
    tools.install("wlr-randr", "hang")
    tools.install("ddcutil")
    display = switch(tools, timeout=0.5, **WAYLAND)

    assert display.off()
    assert display.backend == "ddcutil"
    assert tools.commands()[-1] == "ddcutil --noverify setvcp D6 04"
    (warning,) = lines(power_log, logging.WARNING)
    assert "`wlr-randr` did not finish within 0.5 s and was stopped" in warning


def test_one_line_says_which_backend_is_in_use(
        tools: StandIns, power_log: pytest.LogCaptureFixture) -> None:
    tools.install("wlr-randr", "unsupported")
    tools.install("ddcutil")
    display = switch(tools, **WAYLAND)

    for _closing_and_opening in range(3):
        assert display.off()
        assert display.on()

    assert lines(power_log, logging.INFO) == [
        "Display power: using ddcutil (DDC/CI: ddcutil setvcp D6 04 / 01)"]
    # The failing tool was tried once; from then on the working one goes first.
    assert len(tools.calls("wlr-randr")) == 1
    assert len(lines(power_log, logging.WARNING)) == 1


def test_on_uses_the_backend_that_turned_the_display_off(tools: StandIns) -> None:
    tools.install("wlr-randr", "unsupported")
    tools.install("ddcutil")
    display = switch(tools, **WAYLAND)
    assert display.off()

    tools.install("wlr-randr")  # would work now, but did not turn the display off
    tools.forget()
    assert display.on()
    assert tools.commands() == ["ddcutil --noverify setvcp D6 01"]


def test_when_the_backend_that_turned_it_off_cannot_turn_it_on_the_others_try(
        tools: StandIns, power_log: pytest.LogCaptureFixture) -> None:
    tools.install("ddcutil")
    tools.install("cec-client")
    display = switch(tools, ("ddcutil", "cec-client"))
    assert display.off()

    tools.install("ddcutil", "set-fails")  # a monitor that stops answering while off
    tools.forget()
    assert display.on()
    assert tools.commands() == ["ddcutil --noverify setvcp D6 01", "cec-client -s -d 1"]
    assert tools.calls("cec-client")[0].stdin == "on 0\n"
    assert display.backend == "cec-client"
    assert lines(power_log, logging.INFO)[-1].startswith("Display power: using cec-client (")


def test_when_no_backend_works_the_switch_says_so_and_stays_put(
        tools: StandIns, power_log: pytest.LogCaptureFixture) -> None:
    tools.install("wlr-randr", "unsupported")
    tools.install("ddcutil", "no-i2c")  # and no cec-client installed at all
    display = switch(tools, **WAYLAND)

    assert not display.off()
    assert (display.backend, display.is_off) == (None, False)
    assert len(lines(power_log, logging.WARNING)) == 3
    assert lines(power_log, logging.ERROR) == [
        "Display power: no backend could switch the display off (tried wlr-randr, ddcutil, "
        "cec-client); see 'Display power' in deploy/README.md"]
    assert lines(power_log, logging.INFO) == []


def test_with_no_display_power_configured_nothing_is_run(
        tools: StandIns, power_log: pytest.LogCaptureFixture) -> None:
    for name in ("wlr-randr", "xset", "ddcutil", "cec-client"):
        tools.install(name)

    switch(tools, **WAYLAND)  # making a switch runs nothing: tools run at closing and opening
    assert power_log.records == []
    display = switch(tools, (), **WAYLAND)
    said_at_start = [(r.levelno, r.getMessage()) for r in power_log.records]
    for _night in range(3):
        assert not display.off()
        assert not display.on()

    assert tools.calls() == []
    assert (display.backend, display.is_off) == (None, False)
    # Said once, when the kiosk starts; not a failure at every closing and opening.
    assert said_at_start == [(logging.INFO, "Display power: off by the site's choice "
                              "(`display: power: none`): the kiosk never switches the "
                              "display, and shows the closed screen while closed")]
    assert len(power_log.records) == 1


def test_a_site_with_power_none_gets_a_switch_that_runs_nothing(
        tools: StandIns, tmp_path: Path) -> None:
    tools.install("wlr-randr")
    site_file = tmp_path / "site.yaml"
    every_day = ", ".join(f'{day}: "10:00-18:00"' for day in
                          ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    site_file.write_text(f"version: 1\nhours: {{{every_day}}}\ndisplay: {{power: none}}\n",
                         encoding="utf-8")
    site = load_site(site_file, zone=ZoneInfo("Europe/Berlin"), hostname="gallery-2").site
    assert site is not None and not site.always_open
    assert site.display.backends == ()

    display = switch(tools, site.display.backends, **WAYLAND)
    assert display.order == ()
    assert not display.off()
    assert tools.calls() == []


# ---- how commands are run


class FakeRun:
    """subprocess.run as the switch calls it: records each call, answers from a script."""

    def __init__(self, *answers: int | BaseException) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[Any, dict[str, Any]]] = []

    def __call__(self, args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.calls.append((args, kwargs))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return subprocess.CompletedProcess(args, answer, "", "xset: some failure\n")


def test_each_command_runs_without_a_shell_under_a_time_limit() -> None:
    run = FakeRun(0)
    display = DisplaySwitch(("ddcutil",), run=run, env={"PATH": "/usr/bin"}, timeout=7.5)

    assert display.off()
    ((args, kwargs),) = run.calls
    assert args == ["ddcutil", "--noverify", "setvcp", "D6", "04"]
    assert "shell" not in kwargs
    assert kwargs["timeout"] == 7.5
    assert kwargs["env"] == {"PATH": "/usr/bin"}
    assert (kwargs["input"], kwargs["capture_output"], kwargs["text"]) == ("", True, True)


def test_a_timeout_hands_over_to_the_next_backend(
        power_log: pytest.LogCaptureFixture) -> None:
    run = FakeRun(subprocess.TimeoutExpired(["ddcutil"], 2.0), 0)
    display = DisplaySwitch(("ddcutil", "cec-client"), run=run, env={}, timeout=2.0)

    assert display.off()
    assert display.backend == "cec-client"
    assert "did not finish within 2 s" in lines(power_log, logging.WARNING)[0]


def test_x_stays_on_even_when_keeping_it_awake_fails(
        power_log: pytest.LogCaptureFixture) -> None:
    run = FakeRun(0, 1)  # `xset dpms force on` works, `xset s off -dpms` fails
    display = DisplaySwitch(("xset-dpms",), run=run, env=X11)

    assert display.on()
    assert display.backend == "xset-dpms"
    (warning,) = lines(power_log, logging.WARNING)
    assert "X may blank it again" in warning and "xset: some failure" in warning


# ---- reading wlr-randr


def test_wlr_randr_0_2_listing_is_read_too() -> None:
    listing = (
        'eDP-1 "Sharp Corporation 0x148B 0x00000000 (eDP-1)"\n'
        "  Physical size: 290x170 mm\n"
        "  Enabled: yes\n"
        "  Modes:\n"
        "    1920x1080 px, 60.000000 Hz (preferred, current)\n"
        "  Position: 0,0\n"
        "  Transform: normal\n"
        "  Scale: 1.000000\n"
        'HDMI-A-2 "Samsung Electric Company SAMSUNG 0x01000E00 (HDMI-A-2)"\n'
        "  Enabled: no\n"
        "  Modes:\n"
        "    3840x2160 px, 30.000000 Hz (preferred)\n")
    assert parse_heads(listing) == [Head("eDP-1", True), Head("HDMI-A-2", False)]
    assert parse_heads("") == []


def test_the_display_power_package_needs_no_qt() -> None:
    imported = set()
    for path in Path(kiosk.power.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
    assert not [name for name in imported if name.startswith(("PySide6", "shiboken6"))]
