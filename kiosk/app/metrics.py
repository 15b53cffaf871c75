"""Physical sizes for a touchscreen at arm's length, turned into pixels.

Touch targets are sized in millimetres, not pixels, so a 4K panel and a 1080p one give a
visitor's finger the same target. When the screen does not report a believable physical
size (offscreen rendering, some projectors) we assume a 24-inch display.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Property, QObject, Signal

ASSUMED_DIAGONAL_MM = 24 * 25.4
TOUCH_TARGET_MM = 20.0
TARGET_GAP_MM = 6.0
BODY_POINT_SIZE = 24.0  # points, as read at arm's length
MM_PER_POINT = 25.4 / 72
CAPTION_LINE_CHARS = 55


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


class ScreenMetrics(QObject):
    """What QML binds to for every size: `metrics.touch`, `metrics.body`, …"""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mm = pixels_per_mm(1920, 1080)

    def update_for(self, width_px: int, height_px: int,
                   physical_mm: tuple[float, float] | None = None) -> None:
        mm = pixels_per_mm(width_px, height_px, physical_mm)
        if abs(mm - self._mm) > 1e-6:
            self._mm = mm
            self.changed.emit()

    def _get_mm(self) -> float:
        return self._mm

    def _get_touch(self) -> float:
        return math.ceil(TOUCH_TARGET_MM * self._mm)

    def _get_gap(self) -> float:
        return math.ceil(TARGET_GAP_MM * self._mm)

    def _get_body(self) -> float:
        return math.ceil(BODY_POINT_SIZE * MM_PER_POINT * self._mm)

    def _get_caption_chars(self) -> int:
        return CAPTION_LINE_CHARS

    mm = Property(float, _get_mm, notify=changed)
    touch = Property(float, _get_touch, notify=changed)
    gap = Property(float, _get_gap, notify=changed)
    body = Property(float, _get_body, notify=changed)
    captionChars = Property(int, _get_caption_chars, notify=changed)
