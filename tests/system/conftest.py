"""What the system tests share: the real kiosk on a virtual X screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.xserver import Display, ScreenProfile, xvfb


@pytest.fixture
def tablet_display() -> Iterator[Display]:
    """A 10.1-inch 1280×800 screen, the smallest the kiosk is checked on."""
    with xvfb(ScreenProfile(1280, 800, 10.1)) as running:
        yield running
