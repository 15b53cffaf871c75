"""Screen profiles: the six displays an exhibit is checked on, and any other written as
WxH@INCHES, each with the physical size the kiosk sizes its text by."""

from __future__ import annotations

import argparse
import math
import re

import pytest

from kiosk.cli import build_parser
from kiosk.screens import (
    ASSUMED_DIAGONAL_IN,
    DEFAULT_PROFILE,
    PROFILES,
    ScreenProfile,
    parse_profile,
    parse_screens,
    sized,
    unique,
)


def test_the_six_profiles_are_the_kiosk_displays_we_ship_on() -> None:
    assert [(p.name, p.width, p.height, p.diagonal_in) for p in PROFILES.values()] == [
        ("24in", 1920, 1080, 24.0),
        ("27in", 2560, 1440, 27.0),
        ("15.6in", 1366, 768, 15.6),
        ("10.1in", 1280, 800, 10.1),
        ("43in-portrait", 1080, 1920, 43.0),
        ("55in", 3840, 2160, 55.0),
    ]
    assert DEFAULT_PROFILE is PROFILES["24in"]


@pytest.mark.parametrize("profile", PROFILES.values(), ids=lambda p: p.name)
def test_physical_size_has_the_diagonal_and_the_pixels_aspect(profile: ScreenProfile) -> None:
    width_mm, height_mm = profile.physical_mm
    assert math.hypot(width_mm, height_mm) == pytest.approx(profile.diagonal_in * 25.4)
    assert width_mm / height_mm == pytest.approx(profile.width / profile.height)


def test_physical_sizes_of_known_displays() -> None:
    # A 24-inch 16:9 panel is 531 × 299 mm; a 10.1-inch 16:10 tablet 218 × 136 mm.
    assert PROFILES["24in"].physical_mm == pytest.approx((531.3, 298.9), abs=0.1)
    assert PROFILES["10.1in"].physical_mm == pytest.approx((217.6, 136.0), abs=0.1)
    width_mm, height_mm = PROFILES["43in-portrait"].physical_mm
    assert width_mm < height_mm  # standing up
    assert (width_mm, height_mm) == pytest.approx((535.4, 951.9), abs=0.1)


def test_messages_name_a_profile_and_its_pixels() -> None:
    assert PROFILES["15.6in"].label == "15.6in (1366×768)"
    assert sized(1280, 800).label == "1280×800"


@pytest.mark.parametrize("text", ["15.6in", "15.6IN", " 43in-portrait "])
def test_a_profile_is_found_by_its_name(text: str) -> None:
    assert parse_profile(text) is PROFILES[text.strip().lower()]


@pytest.mark.parametrize("text", ["1366x768@15.6", "1366X768@15.6", "1366×768@15.6in",
                                  "1366x768 @ 15.6"])
def test_a_custom_screen_is_written_as_pixels_at_inches(text: str) -> None:
    profile = parse_profile(text)
    assert profile == ScreenProfile("1366x768@15.6", 1366, 768, 15.6)
    assert profile.physical_mm == PROFILES["15.6in"].physical_mm
    assert parse_profile("800x1280@8").name == "800x1280@8"


@pytest.mark.parametrize(("text", "message"), [
    ("24inch", "unknown screen '24inch': use one of 24in, 27in, 15.6in, 10.1in, "
               "43in-portrait, 55in, all, or WIDTHxHEIGHT@INCHES such as 1366x768@15.6"),
    ("1366x768", "unknown screen"),
    ("1366x768@", "unknown screen"),
    ("100x768@15.6", "100x768 is out of range (200 to 16384 pixels a side)"),
    ("1366x768@3", "a diagonal of 3 inches is out of range (7 to 110)"),
    ("1366x768@300", "a diagonal of 300 inches is out of range"),
])
def test_anything_else_is_refused_saying_what_is_accepted(text: str, message: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match=re.escape(message)):
        parse_profile(text)


def test_all_means_the_six_profiles() -> None:
    assert parse_screens("all") == tuple(PROFILES.values())
    assert parse_screens("ALL") == tuple(PROFILES.values())
    assert parse_screens("55in") == (PROFILES["55in"],)
    assert unique([PROFILES["55in"], *PROFILES.values(), PROFILES["55in"]]) == (
        PROFILES["55in"], *(p for p in PROFILES.values() if p.name != "55in"))


def test_size_alone_is_that_many_pixels_on_a_24_inch_screen() -> None:
    assert sized(1920, 1080) == ScreenProfile("1920x1080", 1920, 1080, ASSUMED_DIAGONAL_IN)
    assert sized(1920, 1080).physical_mm == PROFILES["24in"].physical_mm


def test_render_takes_screens_repeated_or_all() -> None:
    parser = build_parser("render")
    args = parser.parse_args(["render", "--out", "x", "--screen", "10.1in",
                              "--screen", "1024x600@7", "--strict"])
    assert args.screens == [PROFILES["10.1in"], ScreenProfile("1024x600@7", 1024, 600, 7.0)]
    assert args.strict and args.size is None
    args = parser.parse_args(["render", "--out", "x", "--screen", "all"])
    assert args.screens == list(PROFILES.values())
    args = parser.parse_args(["render", "--out", "x"])
    assert (args.screens, args.size, args.strict) == (None, None, False)


@pytest.mark.parametrize("argv", [
    ["render", "--out", "x", "--screen", "24inch"],
    ["render", "--out", "x", "--screen", "24in", "--size", "1920x1080"],
])
def test_render_refuses_an_unknown_screen_or_both_ways_of_giving_one(
        argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser("render").parse_args(argv)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "unknown screen '24inch'" in error or "not allowed with argument" in error
