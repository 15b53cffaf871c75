"""The visitor's path as flat pages, and when a drag counts as a swipe (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.pages import (
    FLICK_MIN_DISTANCE,
    SWIPE_DISTANCE,
    SWIPE_VELOCITY,
    build_pages,
    era_start,
    find_page,
    swipe_step,
)
from tests.helpers.sample_exhibit import write_sample_exhibit

WIDTH = 1000.0


@pytest.fixture
def exhibit(tmp_path: Path) -> Exhibit:
    result = load_exhibit(write_sample_exhibit(tmp_path))
    assert result.exhibit is not None
    return result.exhibit


def test_each_era_is_its_opening_then_its_panels(exhibit: Exhibit) -> None:
    pages = build_pages(exhibit)
    assert [(p.era.id, p.panel.id if p.panel else None) for p in pages] == [
        ("first", None), ("first", "one"), ("first", "two"),
        ("second", None), ("second", "three"), ("second", "four"),
        ("third", None), ("third", "five"), ("third", "six"),
    ]
    assert [p.panel_index for p in pages[:3]] == [-1, 0, 1]
    assert pages[3].is_opening and not pages[4].is_opening


def test_era_start_and_find_page(exhibit: Exhibit) -> None:
    pages = build_pages(exhibit)
    assert [era_start(pages, i) for i in range(3)] == [0, 3, 6]
    with pytest.raises(IndexError):
        era_start(pages, 3)
    assert find_page(pages, "second", "four") == 5
    assert find_page(pages, "third", None) == 6
    assert find_page(pages, "second", "five") is None
    assert find_page(pages, "gone", None) is None


def test_a_quotation_has_a_page_of_its_own_right_after_its_panel(tmp_path: Path) -> None:
    exhibit = load_exhibit(write_sample_exhibit(tmp_path, quote=True)).exhibit
    assert exhibit is not None
    pages = build_pages(exhibit)
    assert [(p.panel.id if p.panel else None, p.quote) for p in pages[3:8]] == [
        (None, False), ("three", False), ("four", False), ("four", True), (None, False)]
    quote_page = pages[6]
    assert quote_page.pictures_panel is None and pages[5].pictures_panel is not None
    # The era counts it: "4 of 4"; and a reload keeps a visitor on it, or on its panel
    # once the quotation is gone.
    assert [(pages[i].era_position, pages[i].era_pages) for i in (3, 5, 6, 7)] == [
        (1, 4), (3, 4), (4, 4), (1, 3)]
    assert find_page(pages, "second", "four", quote=True) == 6
    assert find_page(build_pages(load_exhibit(write_sample_exhibit(tmp_path / "plain")).exhibit),
                     "second", "four", quote=True) == 5


@pytest.mark.parametrize("dx, velocity, step", [
    (-SWIPE_DISTANCE * WIDTH - 1, 0, 1),          # a long slow drag left: next
    (SWIPE_DISTANCE * WIDTH + 1, 0, -1),          # ... right: previous
    (-SWIPE_DISTANCE * WIDTH + 1, 0, 0),          # just short, and slow: stays
    (-WIDTH * 3, 0, 1),                           # however far: one page
    (-FLICK_MIN_DISTANCE * WIDTH - 1, -SWIPE_VELOCITY - 1, 1),  # a short quick flick
    (FLICK_MIN_DISTANCE * WIDTH + 1, SWIPE_VELOCITY + 1, -1),
    (-FLICK_MIN_DISTANCE * WIDTH + 1, -SWIPE_VELOCITY * 5, 0),  # fast but barely moved: a tap
    (-FLICK_MIN_DISTANCE * WIDTH - 1, -SWIPE_VELOCITY + 1, 0),  # short and not quite fast
    (-FLICK_MIN_DISTANCE * WIDTH - 1, SWIPE_VELOCITY * 2, 0),   # flicked back the other way
    (0, 0, 0),
])
def test_swipe_step_thresholds(dx: float, velocity: float, step: int) -> None:
    assert swipe_step(dx, velocity, WIDTH) == step


def test_swipe_step_scales_with_the_width() -> None:
    dx = -0.1 * 4000
    assert swipe_step(dx, 0, 1000) == 1
    assert swipe_step(dx, 0, 4000) == 0


@pytest.mark.parametrize("width", [0, -5])
def test_swipe_step_without_a_width_never_turns(width: float) -> None:
    assert swipe_step(-500, -5000, width) == 0
