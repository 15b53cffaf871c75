"""Contrast as a visitor sees it: measured from a screenshot's pixels, not from the theme.

Two measures, both WCAG 2 contrast ratios between two colours read off the image:

* :func:`text_contrast`: inside a text's painted rectangle the background is the most
  common colour, and the foreground the ink furthest from it (a high percentile, so a
  stray pixel does not decide); antialiasing and glyph size then do not matter.
* :func:`edge_contrast`: a control's boundary, as the median colour of a thin ring just
  inside its (rounded) edge against one just outside it (WCAG 1.4.11).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QImage

# The share of ink (pixels unlike the background) that is paler than the colour we call
# the foreground: the cores of the strokes, not their antialiased edges.
INK_PERCENTILE = 0.95
# Pixels this close to the background (as a contrast ratio) are background, not ink:
# the gentle steps of a gradient or a picture's noise behind the words.
INK_MIN_RATIO = 1.1
# Background colours are pooled in bins this many levels wide per channel, so that a
# gradient or a photograph still has one most common colour.
BACKGROUND_BIN = 8
# Around a text's rectangle: its own edges are often the clearest background.
TEXT_MARGIN = 3
INSIDE_RING = (1, 3)  # px inside a control's edge
OUTSIDE_RING = (2, 6)  # px outside it

RGB = tuple[int, int, int]


def luminance(colour: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour (0-255 channels)."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = colour
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(a: RGB, b: RGB) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def hex_colour(colour: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


@dataclass(frozen=True)
class Contrast:
    """Two colours measured on screen and the ratio between them."""

    ratio: float
    foreground: RGB
    background: RGB

    def describe(self) -> str:
        return (f"{self.ratio:.2f}:1 ({hex_colour(self.foreground)} on "
                f"{hex_colour(self.background)})")


def opaque(image: QImage) -> QImage:
    """The image as 0xffRRGGBB words, the one layout the measures read."""
    if image.format() == QImage.Format.Format_RGB32:
        return image
    return image.convertToFormat(QImage.Format.Format_RGB32)


def _rgb(word: int) -> RGB:
    return (word >> 16) & 0xFF, (word >> 8) & 0xFF, word & 0xFF


def _words(image: QImage) -> memoryview:
    return memoryview(image.constBits()).cast("I")


def colours_in(image: QImage, rect: QRect) -> Counter[int]:
    """How many pixels of each colour lie in ``rect`` (clipped to the image)."""
    image = opaque(image)
    area = rect.intersected(image.rect())
    counts: Counter[int] = Counter()
    if area.isEmpty():
        return counts
    words = _words(image)
    stride = image.bytesPerLine() // 4
    for y in range(area.top(), area.bottom() + 1):
        start = y * stride + area.left()
        counts.update(words[start:start + area.width()])
    return counts


def pixel_rect(rect: QRectF, margin: float = 0) -> QRect:
    """The pixels a scene rectangle touches, grown by ``margin`` on every side."""
    grown = rect.adjusted(-margin, -margin, margin, margin)
    left, top = math.floor(grown.left()), math.floor(grown.top())
    right, bottom = math.ceil(grown.right()), math.ceil(grown.bottom())
    return QRect(left, top, max(0, right - left), max(0, bottom - top))


def background_of(counts: Counter[int]) -> RGB:
    """The most common colour, pooled over near neighbours (gradients, pictures)."""
    bins: Counter[tuple[int, int, int]] = Counter()
    for word, n in counts.items():
        r, g, b = _rgb(word)
        bins[(r // BACKGROUND_BIN, g // BACKGROUND_BIN, b // BACKGROUND_BIN)] += n
    best_bin = bins.most_common(1)[0][0]
    word = max((w for w in counts if _bin(w) == best_bin), key=counts.__getitem__)
    return _rgb(word)


def _bin(word: int) -> tuple[int, int, int]:
    r, g, b = _rgb(word)
    return r // BACKGROUND_BIN, g // BACKGROUND_BIN, b // BACKGROUND_BIN


def foreground_of(counts: Counter[int], background: RGB) -> RGB:
    """The ink colour: the ``INK_PERCENTILE`` of the pixels unlike the background,
    ranked by their contrast with it. The background itself when there is no ink."""
    ink = [(contrast_ratio(_rgb(w), background), n, _rgb(w)) for w, n in counts.items()]
    ink = [entry for entry in ink if entry[0] >= INK_MIN_RATIO]
    if not ink:
        return background
    ink.sort()
    total = sum(n for _, n, _ in ink)
    wanted = INK_PERCENTILE * total
    seen = 0
    for _, n, colour in ink:
        seen += n
        if seen >= wanted:
            return colour
    return ink[-1][2]


def text_contrast(image: QImage, rect: QRectF, clip: QRectF | None = None) -> Contrast:
    """The contrast of the words painted in ``rect`` (scene pixels) with what is behind
    them; ``clip`` limits where to look (what a clipping parent lets show)."""
    area = rect.adjusted(-TEXT_MARGIN, -TEXT_MARGIN, TEXT_MARGIN, TEXT_MARGIN)
    if clip is not None:
        area = area.intersected(clip)
    counts = colours_in(image, pixel_rect(area))
    if not counts:
        raise ValueError(f"no pixels to measure in {rect}")
    background = background_of(counts)
    foreground = foreground_of(counts, background)
    return Contrast(contrast_ratio(foreground, background), foreground, background)


def rounded_outline(rect: QRectF, radius: float, step: float = 1.0) -> Iterator[QPointF]:
    """Points about ``step`` apart along the outline of a rounded rectangle."""
    radius = max(0.0, min(radius, rect.width() / 2, rect.height() / 2))
    left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
    # Straight runs between the corners.
    for x in _steps(left + radius, right - radius, step):
        yield QPointF(x, top)
        yield QPointF(x, bottom)
    for y in _steps(top + radius, bottom - radius, step):
        yield QPointF(left, y)
        yield QPointF(right, y)
    if radius <= 0:
        return
    corners = ((left + radius, top + radius, math.pi),
               (right - radius, top + radius, 1.5 * math.pi),
               (right - radius, bottom - radius, 0.0),
               (left + radius, bottom - radius, 0.5 * math.pi))
    count = max(2, math.ceil(radius * math.pi / 2 / step))
    for cx, cy, start in corners:
        for i in range(count + 1):
            angle = start + (math.pi / 2) * i / count
            yield QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle))


def _steps(start: float, end: float, step: float) -> Iterator[float]:
    if end < start:
        return
    count = max(1, math.ceil((end - start) / step))
    for i in range(count + 1):
        yield start + (end - start) * i / count


def ring(rect: QRectF, radius: float, distances: Iterable[int],
         outward: bool) -> Iterator[tuple[int, int]]:
    """The pixels ``distances`` px inside (or outside) a rounded rectangle's edge."""
    seen: set[tuple[int, int]] = set()
    for d in distances:
        # Through the middle of the pixel at that distance, not along its edge.
        shift = (d + 0.5) * (1 if outward else -1)
        shape = rect.adjusted(-shift, -shift, shift, shift)
        if shape.width() <= 0 or shape.height() <= 0:
            continue
        for point in rounded_outline(shape, max(0.0, radius + shift)):
            pixel = (math.floor(point.x()), math.floor(point.y()))
            if pixel not in seen:
                seen.add(pixel)
                yield pixel


def median_colour(image: QImage, pixels: Iterable[tuple[int, int]]) -> RGB | None:
    """The colour of median luminance among ``pixels`` inside the image."""
    image = opaque(image)
    words = _words(image)
    stride = image.bytesPerLine() // 4
    width, height = image.width(), image.height()
    colours = [_rgb(words[y * stride + x]) for x, y in pixels if 0 <= x < width and 0 <= y < height]
    if not colours:
        return None
    colours.sort(key=luminance)
    return colours[len(colours) // 2]


def edge_contrast(image: QImage, rect: QRectF, radius: float = 0.0,
                  exclude: Iterable[QRectF] = ()) -> Contrast | None:
    """The contrast across a control's boundary: the median colour just inside its
    (rounded) edge against the median just outside. Pixels inside ``exclude`` (its own
    words) are left out. None where either ring lies wholly off the image."""
    holes = [r.adjusted(-1, -1, 1, 1) for r in exclude]

    def keep(pixel: tuple[int, int]) -> bool:
        centre = QPointF(pixel[0] + 0.5, pixel[1] + 0.5)
        return not any(hole.contains(centre) for hole in holes)

    inner = median_colour(image, filter(keep, ring(rect, radius, range(INSIDE_RING[0],
                                                                       INSIDE_RING[1] + 1),
                                                   outward=False)))
    outer = median_colour(image, filter(keep, ring(rect, radius, range(OUTSIDE_RING[0],
                                                                       OUTSIDE_RING[1] + 1),
                                                   outward=True)))
    if inner is None or outer is None:
        return None
    return Contrast(contrast_ratio(inner, outer), inner, outer)
