"""Shared drawing kit for the bundled exhibit's artwork: palette, fonts, a PNG canvas.

Everything is drawn with QPainter on a QImage, offscreen, so the artwork can be rebuilt
on any machine with PySide6 and the Noto fonts, and comes out the same each time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
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

    @property
    def w(self) -> int:
        return self.image.width()

    @property
    def h(self) -> int:
        return self.image.height()

    def text(self, x: float, y: float, s: str, f: QFont, color: QColor = INK,
             align: str = "left") -> float:
        """Draw one line with its top at ``y``; returns its width."""
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
              align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> float:
        """Word-wrapped text in ``rect`` (from its top); returns the height used."""
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

    def heading(self, title_en: str, title_ru: str, margin: float,
                size: float | None = None) -> float:
        """The standard two-language title at the top left; returns the y below it."""
        size = size or self.h * 0.052
        self.text(margin, margin * 0.8, title_en, font(size, serif=True, bold=True), INK)
        self.text(margin, margin * 0.8 + size * 1.35, title_ru, font(size * 0.62, italic=True),
                  INK_SOFT)
        return margin * 0.8 + size * 1.35 + size * 0.62 * 1.6

    def footer(self, note: str, margin: float) -> None:
        f = font(self.h * 0.021)
        self.text(margin, self.h - margin * 0.55 - self.h * 0.021, note, f, GREY)


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
        yield Canvas(image, painter)
    finally:
        painter.end()
    out = ASSETS / name
    out.parent.mkdir(parents=True, exist_ok=True)
    # Quality 0 asks Qt for the strongest PNG compression; JPEG is kept for the largest images.
    if not image.save(str(out), None, 0 if name.endswith(".png") else 88):
        raise SystemExit(f"could not write {out}")
    print(f"{out.relative_to(REPO)}  {width}x{height}  {out.stat().st_size // 1024} KB")
