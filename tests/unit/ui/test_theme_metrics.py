"""Readable at arm's length: contrast of every body-text pairing, sizes in millimetres."""

from __future__ import annotations

import math
from typing import Any

import pytest

from kiosk.ui.metrics import (
    ASSUMED_DIAGONAL_MM,
    TOUCH_TARGET_MM,
    ScreenMetrics,
    pixels_per_mm,
)
from kiosk.ui.theme import BODY_TEXT_PAIRS, PALETTE, contrast_ratio

AAA = 7.0


@pytest.mark.parametrize("foreground, background", BODY_TEXT_PAIRS,
                         ids=[f"{f}-on-{b}" for f, b in BODY_TEXT_PAIRS])
def test_body_text_pairs_reach_aaa_contrast(foreground: str, background: str) -> None:
    assert contrast_ratio(PALETTE[foreground], PALETTE[background]) >= AAA


def test_contrast_ratio_matches_the_wcag_formula() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_a_pair_below_aaa_is_caught() -> None:
    # The check above can fail: a muted grey on the surface does not pass.
    assert contrast_ratio("#7a7a7a", PALETTE["surface"]) < AAA


def test_pixels_per_mm_uses_a_believable_physical_size() -> None:
    # A 24" 1920x1080 panel is about 531 x 299 mm.
    assert pixels_per_mm(1920, 1080, (531.0, 299.0)) == pytest.approx(1920 / 531.0)
    assert pixels_per_mm(3840, 2160, (1210.0, 680.0)) == pytest.approx(3840 / 1210.0)


@pytest.mark.parametrize("physical", [None, (0.0, 0.0), (10.0, 10.0), (-531.0, 299.0),
                                      (531.0, 0.0), (5000.0, 3000.0)],
                         ids=["missing", "zero", "one-centimetre", "negative", "flat",
                              "absurdly-big"])
def test_pixels_per_mm_assumes_24_inches_when_the_size_is_missing_or_absurd(
        physical: tuple[float, float] | None) -> None:
    expected = math.hypot(1920, 1080) / ASSUMED_DIAGONAL_MM
    assert ASSUMED_DIAGONAL_MM == pytest.approx(24 * 25.4)
    assert pixels_per_mm(1920, 1080, physical) == pytest.approx(expected)


def test_touch_targets_are_20_mm_whatever_the_resolution(qapp: Any) -> None:
    metrics = ScreenMetrics()
    for width, height in [(1920, 1080), (1080, 1920), (1280, 800), (3840, 2160)]:
        metrics.update_for(width, height)
        assert metrics.touch == math.ceil(TOUCH_TARGET_MM * metrics.mm)
        assert metrics.touch >= TOUCH_TARGET_MM * metrics.mm
    metrics.update_for(1920, 1080, (531.0, 299.0))
    assert metrics.touch == math.ceil(20 * 1920 / 531.0)


def test_metrics_announce_a_change_only_when_the_density_changes(qapp: Any, qtbot: Any) -> None:
    metrics = ScreenMetrics()
    with qtbot.assertNotEmitted(metrics.changed):
        metrics.update_for(1920, 1080)
        metrics.update_for(1080, 1920)  # rotated: the same screen
    with qtbot.waitSignal(metrics.changed):
        metrics.update_for(3840, 2160)
