"""Shared drawing kit for the bundled exhibit's artwork: palette, fonts, a PNG canvas.

Everything is drawn with QPainter on a QImage, offscreen, so the artwork can be rebuilt
on any machine with PySide6 and the Noto fonts, and comes out the same each time.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.refcounts import make_singletons_immortal  # noqa: E402

# Thousands of drawing calls would otherwise wear None's count down (see the module).
make_singletons_immortal()

from PySide6.QtCore import QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
)

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"

# The exhibit's languages: a picture with words is drawn once per language, so that a
# visitor reads its labels in the language they chose.
LANGUAGES = ("en", "ru")

# Shown on its panel on a 24-inch 1920x1080 screen, a picture 2400 px wide is drawn about
# 1060 px wide; 36 px of artwork then come to about 4.4 mm, the least a label may have.
MIN_TEXT_PX_PER_2400 = 36
# WCAG's ratio for normal text, between a label and what it is drawn on.
MIN_CONTRAST = 4.5

# Every drawing's grid and type scale: 2400 x 1500 (16:10), one label size, one note size.
W, H = 2400, 1500
LABEL_PX = 40
NOTE_PX = MIN_TEXT_PX_PER_2400


@dataclass(frozen=True)
class Artwork:
    """One picture of the exhibit: the function that draws it and the files it makes."""

    stem: str
    draw: Callable[[str | None], None]
    per_language: bool
    module: str

    def outputs(self) -> list[str]:
        if not self.per_language:
            return [asset_name(self.stem, None)]
        return [asset_name(self.stem, lang) for lang in LANGUAGES]


# Every picture in assets/, by stem, as the drawing modules register them.
ARTWORK: dict[str, Artwork] = {}


def asset_name(stem: str, lang: str | None) -> str:
    """``europe-1949.en.png`` for a picture with words, ``brest-litovsk-1918.png`` without."""
    return f"{stem}.{lang}.png" if lang else f"{stem}.png"


def artwork(stem: str, *, per_language: bool = True
            ) -> Callable[[Callable[[str | None], None]], Callable[[str | None], None]]:
    """Register ``draw(lang)`` as the maker of ``stem``; ``lang`` is None without words."""

    def register(draw: Callable[[str | None], None]) -> Callable[[str | None], None]:
        if stem in ARTWORK:
            raise ValueError(f"two drawings for {stem}")
        ARTWORK[stem] = Artwork(stem, draw, per_language, draw.__module__)
        return draw

    return register


def tr(lang: str | None, en: str, ru: str) -> str:
    """The words for ``lang``."""
    return ru if lang == "ru" else en


def luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

# A restrained palette: warm paper, deep navy ink, muted red (USSR), muted blue (USA).
PAPER = QColor("#f3eee4")
PAPER_DARK = QColor("#e6dece")
RULE = QColor("#cfc5b2")
INK = QColor("#1b2840")
INK_SOFT = QColor("#4a5468")
GREY = QColor("#857f73")
RED = QColor("#a23b2e")
RED_PALE = QColor("#e2c3b8")
BLUE = QColor("#365f8c")
BLUE_PALE = QColor("#bfcddd")
GOLD = QColor("#b3843a")
NAVY = QColor("#16223a")

SANS = "Noto Sans"
SERIF = "Noto Serif"
_FONT_DIRS = (ASSETS / "fonts", Path("/usr/share/fonts/truetype/noto"))
_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf",
               "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf")

_app: QGuiApplication | None = None


def start() -> None:
    """Create the (offscreen) application and load the Noto fonts, once."""
    global _app
    if _app is not None:
        return
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # type: ignore[assignment]
    loaded: set[str] = set()
    for name in _FONT_FILES:
        for folder in _FONT_DIRS:
            path = folder / name
            if name not in loaded and path.is_file():
                if QFontDatabase.addApplicationFont(str(path)) >= 0:
                    loaded.add(name)
    if "NotoSans-Regular.ttf" not in loaded:
        sys.exit("Noto Sans not found: install Debian's fonts-noto-core (apt-get install "
                 "fonts-noto-core) so the artwork renders as designed")


def font(px: float, *, serif: bool = False, bold: bool = False, italic: bool = False) -> QFont:
    f = QFont(SERIF if serif else SANS)
    f.setFamilies([SERIF if serif else SANS, "DejaVu Serif" if serif else "DejaVu Sans"])
    f.setPixelSize(round(px))
    f.setBold(bold)
    f.setItalic(italic)
    f.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return f


def width_of(f: QFont, text: str) -> float:
    return QFontMetricsF(f).horizontalAdvance(text)


@dataclass
class Canvas:
    """A painter on a paper-coloured image, with text helpers that take a top-left anchor."""

    image: QImage
    p: QPainter
    background: QColor

    @property
    def w(self) -> int:
        return self.image.width()

    @property
    def h(self) -> int:
        return self.image.height()

    def check(self, s: str, f: QFont, color: QColor, on: QColor | None) -> None:
        """Refuse words too small to read on the panel or too faint against ``on``."""
        least = MIN_TEXT_PX_PER_2400 * self.w / 2400
        if f.pixelSize() < least - 0.5:
            raise ValueError(f"{s!r}: {f.pixelSize()} px is under the {least:.0f} px a "
                             f"label needs on a {self.w} px picture")
        ratio = contrast(color, on if on is not None else self.background)
        if ratio < MIN_CONTRAST:
            raise ValueError(f"{s!r}: contrast {ratio:.2f} is under {MIN_CONTRAST}")

    def text(self, x: float, y: float, s: str, f: QFont, color: QColor = INK,
             align: str = "left", on: QColor | None = None) -> float:
        """Draw one line with its top at ``y`` on ``on`` (the paper); returns its width."""
        self.check(s, f, color, on)
        metrics = QFontMetricsF(f)
        width = metrics.horizontalAdvance(s)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        self.p.setFont(f)
        self.p.setPen(color)
        self.p.drawText(QPointF(x, y + metrics.ascent()), s)
        return width

    def block(self, rect: QRectF, s: str, f: QFont, color: QColor = INK,
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
              on: QColor | None = None) -> float:
        """Word-wrapped text in ``rect`` (from its top); returns the height used."""
        self.check(s, f, color, on)
        self.p.setFont(f)
        self.p.setPen(color)
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        used = self.p.boundingRect(rect, flags, s)
        self.p.drawText(rect, flags, s)
        return used.height()

    def line(self, x1: float, y1: float, x2: float, y2: float, color: QColor = INK,
             width: float = 2, dash: bool = False) -> None:
        pen = QPen(color, width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dash:
            pen.setDashPattern([4, 3])
        self.p.setPen(pen)
        self.p.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def rect(self, r: QRectF, fill: QColor | None, stroke: QColor | None = None,
             width: float = 2, radius: float = 0) -> None:
        self.p.setPen(QPen(stroke, width) if stroke is not None else Qt.PenStyle.NoPen)
        self.p.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
        if radius:
            self.p.drawRoundedRect(r, radius, radius)
        else:
            self.p.drawRect(r)

    def circle(self, cx: float, cy: float, r: float, fill: QColor | None,
               stroke: QColor | None = None, width: float = 2) -> None:
        self.p.setPen(QPen(stroke, width) if stroke is not None else Qt.PenStyle.NoPen)
        self.p.setBrush(fill if fill is not None else Qt.BrushStyle.NoBrush)
        self.p.drawEllipse(QPointF(cx, cy), r, r)

    def heading(self, title: str, margin: float, size: float | None = None) -> float:
        """The picture's title at the top left; returns the y below it."""
        size = size or self.h * 0.052
        self.text(margin, margin * 0.8, title, font(size, serif=True, bold=True), INK)
        return margin * 0.8 + size * 1.6

    @property
    def note_px(self) -> float:
        """The note's size: the least a label may have, in proportion to the width."""
        return MIN_TEXT_PX_PER_2400 * self.w / 2400

    def note_top(self, margin: float) -> float:
        """The top of the one line of small print (a source, a caveat) at the bottom left."""
        return self.h - margin * 0.55 - self.note_px

    def footer(self, note: str, margin: float) -> float:
        """The small print at the bottom left; returns the top of its line."""
        y = self.note_top(margin)
        self.text(margin, y, note, font(self.note_px), INK_SOFT)
        return y


@contextmanager
def canvas(name: str, width: int, height: int, background: QColor = PAPER) -> Iterator[Canvas]:
    """Yield a canvas; on leaving, save it to ``assets/<name>`` as PNG and report its size."""
    start()
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        yield Canvas(image, painter, QColor(background))
    finally:
        painter.end()
    out = ASSETS / name
    out.parent.mkdir(parents=True, exist_ok=True)
    # Quality 0 asks Qt for the strongest PNG compression; JPEG is kept for the largest images.
    if not image.save(str(out), None, 0 if name.endswith(".png") else 88):
        raise SystemExit(f"could not write {out}")
    print(f"{out.relative_to(REPO)}  {width}x{height}  {out.stat().st_size // 1024} KB")


def drawing(stem: str, width: int, height: int, background: QColor = PAPER, *,
            per_language: bool = True
            ) -> Callable[[Callable[[Canvas, str | None], None]], Callable[[str | None], None]]:
    """Register ``draw(c, lang)`` as the maker of ``stem`` on a fresh ``width`` x ``height``
    canvas for each file, so a drawing names its file once."""

    def register(draw: Callable[[Canvas, str | None], None]) -> Callable[[str | None], None]:
        # wraps keeps the drawing's module (for ``build.py --list``) and its name.
        @functools.wraps(draw)
        def make(lang: str | None) -> None:
            with canvas(asset_name(stem, lang), width, height, background) as c:
                draw(c, lang)

        return artwork(stem, per_language=per_language)(make)

    return register
