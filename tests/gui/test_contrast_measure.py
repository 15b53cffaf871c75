"""The contrast measures read known colours back off synthetic pictures: words painted
in a known grey on a known ground give that pair's WCAG ratio, and a control's edge
gives the ratio between its fill and what surrounds it."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

from tests.helpers.contrast import (
    RGB,
    contrast_ratio,
    edge_contrast,
    rounded_outline,
    text_contrast,
)

TOLERANCE = 0.03  # of the expected ratio


def rgb(name: str) -> RGB:
    colour = QColor(name)
    return colour.red(), colour.green(), colour.blue()


def canvas(ground: str, size: tuple[int, int] = (600, 160)) -> QImage:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(ground))
    return image


def write(image: QImage, words: str, ink: str, pixel_size: int = 40,
          at: tuple[int, int] = (20, 20)) -> QRectF:
    """Paint ``words`` and return the rectangle they were painted in."""
    font = QFont("DejaVu Sans")
    font.setPixelSize(pixel_size)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(QColor(ink))
    box = QRectF(at[0], at[1], image.width() - at[0], image.height() - at[1])
    used = painter.boundingRect(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, words)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, words)
    painter.end()
    return used


def test_the_wcag_formula_gives_its_known_values() -> None:
    assert contrast_ratio((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast_ratio((255, 255, 255), (255, 255, 255)) == pytest.approx(1.0)
    # #767676 on white is the palest grey that passes 4.5:1.
    assert contrast_ratio(rgb("#767676"), rgb("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio(rgb("#777777"), rgb("#ffffff")) < 4.5


@pytest.mark.parametrize(("ink", "ground"), [
    ("#a0a0a0", "#202020"),  # light on dark
    ("#595959", "#ffffff"),  # dark on light: 7:1
    ("#808080", "#606060"),  # barely there
    ("#f4efe4", "#14181f"),
    ("#14181f", "#e0b66a"),
])
def test_words_in_a_known_grey_give_the_known_ratio(qapp: Any, ink: str, ground: str) -> None:
    image = canvas(ground)
    rect = write(image, "Museum Музей 1917", ink)
    measured = text_contrast(image, rect)
    expected = contrast_ratio(rgb(ink), rgb(ground))
    assert measured.ratio == pytest.approx(expected, rel=TOLERANCE)
    assert measured.background == rgb(ground)


def test_small_words_are_measured_by_their_ink_not_their_soft_edges(qapp: Any) -> None:
    image = canvas("#ffffff")
    rect = write(image, "credit line in small type", "#333333", pixel_size=16)
    expected = contrast_ratio(rgb("#333333"), rgb("#ffffff"))
    assert text_contrast(image, rect).ratio == pytest.approx(expected, rel=0.1)


def test_words_the_colour_of_their_ground_measure_one_to_one(qapp: Any) -> None:
    image = canvas("#445566")
    rect = write(image, "invisible", "#445566")
    assert text_contrast(image, rect).ratio == pytest.approx(1.0)


def test_a_few_stray_pixels_do_not_decide_the_ink(qapp: Any) -> None:
    image = canvas("#202020")
    rect = write(image, "Museum", "#707070")
    for x in range(3):  # a speck of pure white inside the words' box
        image.setPixelColor(int(rect.left()) + x, int(rect.top()) + 1, QColor("#ffffff"))
    expected = contrast_ratio(rgb("#707070"), rgb("#202020"))
    assert text_contrast(image, rect).ratio == pytest.approx(expected, rel=TOLERANCE)


def test_words_over_a_gentle_gradient_take_its_commonest_shade(qapp: Any) -> None:
    image = canvas("#000000")
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 0, image.height())
    gradient.setColorAt(0, QColor("#181818"))
    gradient.setColorAt(1, QColor("#2a2a2a"))
    painter.fillRect(image.rect(), gradient)
    painter.end()
    rect = write(image, "Museum", "#e0e0e0")
    measured = text_contrast(image, rect)
    low = contrast_ratio(rgb("#e0e0e0"), rgb("#2a2a2a"))
    high = contrast_ratio(rgb("#e0e0e0"), rgb("#181818"))
    assert low * (1 - TOLERANCE) <= measured.ratio <= high * (1 + TOLERANCE)


def test_a_clip_keeps_what_lies_outside_it_out(qapp: Any) -> None:
    image = canvas("#202020")
    rect = write(image, "Museum", "#c0c0c0")
    # A bright block just below the words, outside the clip.
    below = QRect(0, int(rect.bottom()) + 1, image.width(), 20)
    painter = QPainter(image)
    painter.fillRect(below, QColor("#ffffff"))
    painter.end()
    measured = text_contrast(image, rect, clip=rect)
    assert measured.background == rgb("#202020")


def button(image: QImage, rect: QRectF, radius: float, fill: str, label: str = "",
           ink: str = "#000000") -> QRectF | None:
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(rect, radius, radius)
    painter.end()
    if not label:
        return None
    return write(image, label, ink, pixel_size=int(rect.height() * 0.6),
                 at=(int(rect.left() + radius / 2), int(rect.top() + rect.height() * 0.15)))


@pytest.mark.parametrize("radius", [0.0, 12.0, 35.0])
def test_a_controls_edge_gives_its_fill_against_its_surroundings(qapp: Any,
                                                                 radius: float) -> None:
    image = canvas("#14181f", (400, 200))
    rect = QRectF(60.4, 50.3, 260, 70)
    button(image, rect, radius, "#e0b66a")
    measured = edge_contrast(image, rect, radius)
    assert measured is not None
    assert measured.ratio == pytest.approx(contrast_ratio(rgb("#e0b66a"), rgb("#14181f")),
                                           rel=TOLERANCE)
    assert measured.foreground == rgb("#e0b66a")
    assert measured.background == rgb("#14181f")


def test_a_faint_control_on_its_ground_measures_low(qapp: Any) -> None:
    image = canvas("#14181f", (400, 200))
    rect = QRectF(60, 50, 260, 70)
    button(image, rect, 35, "#1d232c")
    measured = edge_contrast(image, rect, 35)
    assert measured is not None
    assert measured.ratio == pytest.approx(contrast_ratio(rgb("#1d232c"), rgb("#14181f")),
                                           rel=TOLERANCE)
    assert measured.ratio < 1.3


def test_a_label_that_fills_the_control_is_left_out_of_its_edge(qapp: Any) -> None:
    image = canvas("#ffffff", (400, 200))
    rect = QRectF(40, 60, 300, 40)
    label = button(image, rect, 0, "#3060a0", "WIDE LABEL TEXT", ink="#ffffff")
    assert label is not None
    measured = edge_contrast(image, rect, 0, exclude=[label])
    assert measured is not None
    assert measured.foreground == rgb("#3060a0")


def test_an_edge_off_the_picture_cannot_be_measured() -> None:
    image = canvas("#000000", (100, 100))
    assert edge_contrast(image, QRectF(300, 300, 50, 50), 5) is None


@pytest.mark.parametrize("radius", [0.0, 10.0, 25.0])
def test_the_outline_follows_the_rounded_rectangle(radius: float) -> None:
    rect = QRectF(10, 20, 100, 50)
    points = list(rounded_outline(rect, radius))
    assert points
    for point in points:
        assert _distance_to_outline(point, rect, radius) < 0.01
    # Every stretch of the outline is visited, about a pixel apart.
    perimeter = 2 * (rect.width() + rect.height()) - (8 - 2 * math.pi) * radius
    assert len(points) >= perimeter * 0.9


def _distance_to_outline(point: QPointF, rect: QRectF, radius: float) -> float:
    inner = rect.adjusted(radius, radius, -radius, -radius)
    x = min(max(point.x(), inner.left()), inner.right())
    y = min(max(point.y(), inner.top()), inner.bottom())
    if radius > 0 and not (inner.left() <= point.x() <= inner.right()
                           or inner.top() <= point.y() <= inner.bottom()):
        return abs(math.hypot(point.x() - x, point.y() - y) - radius)
    return min(abs(point.x() - rect.left()), abs(point.x() - rect.right()),
               abs(point.y() - rect.top()), abs(point.y() - rect.bottom()))
