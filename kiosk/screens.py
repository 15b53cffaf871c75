"""The screens an exhibit is checked on: named profiles of real kiosk displays, or any
``WxH@INCHES`` (no Qt, so the command line can parse them before Qt is loaded).

A profile's physical size follows from its diagonal and its pixels' aspect (square
pixels), which is all the kiosk needs to size text and touch targets in millimetres.
"""

from __future__ import annotations

import argparse
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

MM_PER_INCH = 25.4
# Densities the kiosk believes (see kiosk.ui.metrics): outside this it assumes 24 inches.
MIN_DIAGONAL_IN = 7.0
MAX_DIAGONAL_IN = 110.0
MIN_SIDE_PX = 200
MAX_SIDE_PX = 16384
# What `--size WxH` alone means: that many pixels on a screen of this diagonal.
ASSUMED_DIAGONAL_IN = 24.0
ALL = "all"
_CUSTOM = re.compile(r"(\d+)\s*[x×]\s*(\d+)\s*@\s*(\d+(?:\.\d+)?)\s*(?:in|\")?", re.IGNORECASE)


@dataclass(frozen=True)
class ScreenProfile:
    """A kiosk display: its name, its size in pixels and its diagonal in inches."""

    name: str
    width: int
    height: int
    diagonal_in: float

    @property
    def size(self) -> tuple[int, int]:
        return self.width, self.height

    @property
    def physical_mm(self) -> tuple[float, float]:
        """Width and height of the picture in millimetres."""
        diagonal_px = math.hypot(self.width, self.height)
        diagonal_mm = self.diagonal_in * MM_PER_INCH
        return self.width * diagonal_mm / diagonal_px, self.height * diagonal_mm / diagonal_px

    @property
    def label(self) -> str:
        """How messages name it: ``15.6in (1366×768)``."""
        pixels = f"{self.width}×{self.height}"
        return pixels if self.name == f"{self.width}x{self.height}" else f"{self.name} ({pixels})"


PROFILES: dict[str, ScreenProfile] = {profile.name: profile for profile in (
    ScreenProfile("24in", 1920, 1080, 24.0),
    ScreenProfile("27in", 2560, 1440, 27.0),
    ScreenProfile("15.6in", 1366, 768, 15.6),
    ScreenProfile("10.1in", 1280, 800, 10.1),
    ScreenProfile("43in-portrait", 1080, 1920, 43.0),
    ScreenProfile("55in", 3840, 2160, 55.0),
)}
DEFAULT_PROFILE = PROFILES["24in"]


def sized(width: int, height: int) -> ScreenProfile:
    """A screen known only by its pixels, named after them: ``--size 1280x800``."""
    return ScreenProfile(f"{width}x{height}", width, height, ASSUMED_DIAGONAL_IN)


def parse_profile(value: str) -> ScreenProfile:
    """A profile's name (``15.6in``) or a custom ``WxH@INCHES`` (``1366x768@15.6``).

    Raises argparse.ArgumentTypeError, with what is accepted, for anything else.
    """
    text = value.strip()
    for name, profile in PROFILES.items():
        if text.lower() == name.lower():
            return profile
    match = _CUSTOM.fullmatch(text)
    if match is None:
        raise argparse.ArgumentTypeError(
            f"unknown screen {value!r}: use one of {', '.join(PROFILES)}, {ALL}, or "
            "WIDTHxHEIGHT@INCHES such as 1366x768@15.6")
    width, height, diagonal = int(match[1]), int(match[2]), float(match[3])
    if not (MIN_SIDE_PX <= width <= MAX_SIDE_PX and MIN_SIDE_PX <= height <= MAX_SIDE_PX):
        raise argparse.ArgumentTypeError(
            f"screen {value}: {width}x{height} is out of range "
            f"({MIN_SIDE_PX} to {MAX_SIDE_PX} pixels a side)")
    if not MIN_DIAGONAL_IN <= diagonal <= MAX_DIAGONAL_IN:
        raise argparse.ArgumentTypeError(
            f"screen {value}: a diagonal of {diagonal:g} inches is out of range "
            f"({MIN_DIAGONAL_IN:g} to {MAX_DIAGONAL_IN:g})")
    return ScreenProfile(f"{width}x{height}@{diagonal:g}", width, height, diagonal)


def parse_screens(value: str) -> tuple[ScreenProfile, ...]:
    """``--screen``: one profile, or all six for ``all`` (use with ``action="extend"``)."""
    if value.strip().lower() == ALL:
        return tuple(PROFILES.values())
    return (parse_profile(value),)


def unique(profiles: Iterable[ScreenProfile]) -> tuple[ScreenProfile, ...]:
    """In the order given, each once (``--screen all --screen 24in``)."""
    return tuple(dict.fromkeys(profiles))
