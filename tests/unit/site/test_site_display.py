"""`display: power` in the site file: auto, backends in order, or none for a display whose
power the kiosk leaves alone (a projector on its own timer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.site.load import load_site
from kiosk.site.model import DisplayPower
from tests.unit.site.sitefiles import WEEK, load_good_site, write_site


def errors_of(folder: Path, text: str) -> list[str]:
    result = load_site(write_site(folder, text), hostname="test-kiosk")
    assert result.site is None
    return [str(error).removeprefix(f"{folder}/") for error in result.errors]


def test_power_none_keeps_the_hours_but_switches_nothing(tmp_path: Path) -> None:
    site = load_good_site(write_site(tmp_path, "version: 1\n" + WEEK
                                     + "display:\n  power: none\n  off_after: 60\n"))
    assert site.display == DisplayPower((), 60.0)
    assert not site.display.switched and not site.display.auto
    assert not site.always_open  # the closed screen still shows after closing


def test_auto_and_named_backends_are_switched(tmp_path: Path) -> None:
    site = load_good_site(write_site(tmp_path, "version: 1\ndisplay: {power: ddcutil}\n"))
    assert site.display.switched and DisplayPower().switched


@pytest.mark.parametrize("power", ["[ddcutil, none]", "[none, cec-client]", "[none]"])
def test_none_in_a_list_is_refused_with_what_to_write(tmp_path: Path, power: str) -> None:
    column = 10 + power.index("none")
    assert errors_of(tmp_path, f"version: 1\ndisplay:\n  power: {power}\n") == [
        f"site.yaml:3:{column}: error: `none` means the kiosk never switches the display; "
        "write `power: none` alone, not in a list, or list only the backends to try in "
        "order"]


@pytest.mark.parametrize("written", ["off", "no", "false"])
def test_yaml_s_false_is_refused_with_a_pointer_to_none(tmp_path: Path, written: str) -> None:
    assert errors_of(tmp_path, f"version: 1\ndisplay:\n  power: {written}\n") == [
        f"site.yaml:3:10: error: 'power' should be `auto`, `none` or a backend name "
        f"(wlr-randr, xset-dpms, ddcutil, cec-client); found `{written}` (which YAML reads "
        "as false); to leave the display's power alone, write `power: none`"]


def test_a_typo_of_none_is_named(tmp_path: Path) -> None:
    assert errors_of(tmp_path, "version: 1\ndisplay:\n  power: nnoe\n") == [
        "site.yaml:3:10: error: 'nnoe' is not a display power backend (auto, none, "
        "wlr-randr, xset-dpms, ddcutil, cec-client); did you mean 'none'?"]


def test_an_empty_list_says_none_is_written_alone(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path, "version: 1\ndisplay:\n  power: []\n")
    assert error.startswith("site.yaml:3:10: error: 'power' is an empty list; write "
                            "`power: auto`, `power: none` for a display the kiosk never "
                            "switches, or list the backends")
