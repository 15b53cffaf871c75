"""Physical sizes for a touchscreen, turned into pixels.

Touch targets are sized in millimetres, not pixels, so a 4K panel and a 1080p one give a
visitor's finger the same target. Type is sized for the distance a screen of that size is
read from: a 15.6-inch screen on a lectern is read closer than a 43-inch one on a stand,
so its letters may be smaller in millimetres and look the same size to the eye. When the
screen does not report a believable physical size (offscreen rendering, some projectors)
we assume a 24-inch display.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

ASSUMED_DIAGONAL_MM = 24 * 25.4
TOUCH_TARGET_MM = 20.0
TARGET_GAP_MM = 6.0
BODY_POINT_SIZE = 24.0  # points, as read from a 24-inch screen at arm's length
MM_PER_POINT = 25.4 / 72
CAPTION_LINE_CHARS = 60
OUTLINE_MM = 1.0  # a control's outline: thick enough to read as its edge at arm's length
FOCUS_OUTLINE_MM = 1.6
# (diagonal in inches, reading distance in mm): a tablet held close, a desk screen at arm's
# length, a floor-standing display read from a step back. Between them, linear.
READING_DISTANCES: tuple[tuple[float, float], ...] = (
    (10.0, 350.0), (15.6, 450.0), (24.0, 600.0), (27.0, 650.0), (43.0, 850.0), (55.0, 1000.0),
)
REFERENCE_DISTANCE_MM = 600.0  # where BODY_POINT_SIZE is measured


def pixels_per_mm(width_px: int, height_px: int,
                  physical_mm: tuple[float, float] | None = None) -> float:
    """Pixel density of the screen; a 24-inch assumption when the real one is unknown."""
    if physical_mm is not None:
        width_mm, height_mm = physical_mm
        diagonal_in = math.hypot(width_mm, height_mm) / 25.4
        # Believable screens only: EDIDs of 0 or 1 cm, or a "100 inch" phone, are common lies.
        if width_mm > 0 and height_mm > 0 and 7 <= diagonal_in <= 110:
            return width_px / width_mm
    return math.hypot(width_px, height_px) / ASSUMED_DIAGONAL_MM


def reading_distance_mm(diagonal_in: float) -> float:
    """How far from a screen of this size a visitor reads it."""
    points = READING_DISTANCES
    if diagonal_in <= points[0][0]:
        return points[0][1]
    for (d0, r0), (d1, r1) in zip(points, points[1:], strict=False):
        if diagonal_in <= d1:
            return r0 + (r1 - r0) * (diagonal_in - d0) / (d1 - d0)
    return points[-1][1]


def body_mm(diagonal_in: float) -> float:
    """Body text height that reads like 24 pt at arm's length, at this screen's distance."""
    return BODY_POINT_SIZE * MM_PER_POINT * reading_distance_mm(diagonal_in) / REFERENCE_DISTANCE_MM


QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class ScreenMetrics(QObject):
    """What QML binds to for every size: `metrics.touch`, `metrics.body`, …"""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mm = pixels_per_mm(1920, 1080)
        self._diagonal_in = 24.0

    def update_for(self, width_px: int, height_px: int,
                   physical_mm: tuple[float, float] | None = None) -> None:
        mm = pixels_per_mm(width_px, height_px, physical_mm)
        diagonal_in = math.hypot(width_px, height_px) / mm / 25.4
        if abs(mm - self._mm) > 1e-6 or abs(diagonal_in - self._diagonal_in) > 0.05:
            self._mm = mm
            self._diagonal_in = diagonal_in
            self.changed.emit()

    def _get_mm(self) -> float:
        return self._mm

    def _get_touch(self) -> float:
        return math.ceil(TOUCH_TARGET_MM * self._mm)

    def _get_gap(self) -> float:
        return math.ceil(TARGET_GAP_MM * self._mm)

    def _get_body(self) -> float:
        return math.ceil(body_mm(self._diagonal_in) * self._mm)

    def _get_outline(self) -> float:
        return max(4, math.ceil(OUTLINE_MM * self._mm))

    def _get_focus_outline(self) -> float:
        return max(6, math.ceil(FOCUS_OUTLINE_MM * self._mm))

    def _get_caption_chars(self) -> int:
        return CAPTION_LINE_CHARS

    def _get_diagonal(self) -> float:
        return self._diagonal_in

    mm = Property(float, _get_mm, notify=changed)
    touch = Property(float, _get_touch, notify=changed)
    gap = Property(float, _get_gap, notify=changed)
    body = Property(float, _get_body, notify=changed)
    outline = Property(float, _get_outline, notify=changed)
    focusOutline = Property(float, _get_focus_outline, notify=changed)
    captionChars = Property(int, _get_caption_chars, notify=changed)
    diagonal = Property(float, _get_diagonal, notify=changed)
