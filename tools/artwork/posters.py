"""Typographic posters: one date, one place, one abstract motif. No pictures of people."""

from __future__ import annotations

import math
from collections.abc import Callable

from canvas import (
    BLUE,
    BLUE_PALE,
    GOLD,
    INK,
    INK_SOFT,
    NAVY,
    PAPER,
    PAPER_DARK,
    RED,
    RED_PALE,
    RULE,
    Canvas,
    canvas,
    font,
    width_of,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen

Motif = Callable[[Canvas, QRectF, bool], None]
W, H = 2400, 1350


def poster(name: str, year: str, lines: list[tuple[str, str]], motif: Motif, *,
           dark: bool = False, note: str = "") -> None:
    """``lines`` are (English, Russian) pairs printed under the big year."""
    with canvas(name, W, H, NAVY if dark else PAPER) as c:
        fg = PAPER if dark else INK
        soft = QColor("#b9c0cc") if dark else INK_SOFT
        margin = 130
        room = W * 0.56 - margin - 50
        big = fit(font(300, serif=True, bold=True), year, room)
        c.text(margin, 230, year, big, fg)
        size = 64.0
        while size > 40 and max(max(width_of(font(size), en), width_of(font(size * 0.85,
                                italic=True), ru)) for en, ru in lines) > room:
            size -= 2
        y = 650
        for en, ru in lines:
            c.text(margin, y, en, font(size), fg)
            c.text(margin, y + size * 1.35, ru, font(size * 0.85, italic=True), soft)
            y += 210
        if note:
            c.text(margin, H - 120, note, font(34), soft)
        motif(c, QRectF(W * 0.56, 120, W * 0.44 - margin, H - 240), dark)


def fit(f: QFont, text: str, room: float) -> QFont:
    """``f`` shrunk until ``text`` fits in ``room`` pixels."""
    while width_of(f, text) > room and f.pixelSize() > 20:
        f.setPixelSize(f.pixelSize() - 4)
    return f


def broken_front(c: Canvas, r: QRectF, dark: bool) -> None:
    """Brest-Litovsk: a front held year by year, until the last segment drops away."""
    y = r.center().y() - 40
    seg = r.width() / 5
    for i, year in enumerate(("1914", "1915", "1916", "1917", "1918")):
        x0 = r.left() + i * seg
        last = i == 4
        dy = 110 if last else 0
        c.line(x0 + 12, y + dy, x0 + seg - 12, y + dy, RED if last else INK, 34)
        c.text(x0 + seg / 2, y + dy + 40, year, font(46, bold=True), RED if last else INK_SOFT,
               "center")


def two_circles(c: Canvas, r: QRectF, dark: bool) -> None:
    """Recognition: two separate circles that now touch."""
    cy = r.center().y()
    radius = min(r.width() / 4.1, r.height() * 0.3)
    cx = r.center().x()
    c.circle(cx - radius * 0.92, cy, radius, RED_PALE, RED, 8)
    c.circle(cx + radius * 0.92, cy, radius, BLUE_PALE, BLUE, 8)
    c.text(cx - radius * 0.92, cy - 40, "СССР", font(74, bold=True), RED, "center")
    c.text(cx + radius * 0.92, cy - 40, "USA", font(74, bold=True), BLUE, "center")


def sputnik(c: Canvas, r: QRectF, dark: bool) -> None:
    cx, cy = r.center().x(), r.center().y() - 40
    c.p.setPen(QPen(QColor("#5b6884"), 4, Qt.PenStyle.DashLine))
    c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.p.save()
    c.p.translate(cx, cy)
    c.p.rotate(-18)
    c.p.drawEllipse(QPointF(0, 0), r.width() * 0.5, r.height() * 0.26)
    c.p.restore()
    body = 110
    for angle in (196, 208, 220, 232):  # four swept-back antennas
        a = math.radians(angle)
        c.line(cx, cy, cx + math.cos(a) * 430, cy - math.sin(a) * 430, QColor("#c9ced8"), 7)
    c.circle(cx, cy, body, QColor("#d9dde4"), QColor("#8f99ab"), 4)
    c.circle(cx - 32, cy - 36, 30, QColor("#f4f6f9"))
    stats = "Ø 58 cm · 83.6 kg · 96 min"
    c.text(cx, r.bottom() - 70, stats, font(52, bold=True), QColor("#d8dde6"), "center")


def docking(c: Canvas, r: QRectF, dark: bool) -> None:
    """Apollo–Soyuz: two craft, abstracted to blocks, meeting at a docking ring."""
    cy = r.center().y() - 20
    cx = r.center().x()
    # Apollo: a cone and a cylinder, in blue, from the left.
    apollo = QPainterPath()
    apollo.moveTo(cx - 40, cy - 50)
    apollo.lineTo(cx - 170, cy - 120)
    apollo.lineTo(cx - 420, cy - 120)
    apollo.lineTo(cx - 420, cy + 120)
    apollo.lineTo(cx - 170, cy + 120)
    apollo.lineTo(cx - 40, cy + 50)
    apollo.closeSubpath()
    c.p.setPen(QPen(BLUE, 6))
    c.p.setBrush(BLUE_PALE)
    c.p.drawPath(apollo)
    # Soyuz: spheres and panels, in red, from the right.
    c.rect(QRectF(cx + 40, cy - 45, 60, 90), RED_PALE, RED, 6)
    c.circle(cx + 175, cy, 78, RED_PALE, RED, 6)
    c.rect(QRectF(cx + 250, cy - 70, 170, 140), RED_PALE, RED, 6)
    c.rect(QRectF(cx + 290, cy - 230, 60, 150), RED, None)
    c.rect(QRectF(cx + 290, cy + 80, 60, 150), RED, None)
    c.rect(QRectF(cx - 40, cy - 40, 80, 80), PAPER_DARK, INK, 6)
    c.text(cx - 250, cy + 190, "Apollo", font(60, bold=True), BLUE, "center")
    c.text(cx + 230, cy + 260, "Союз", font(60, bold=True), RED, "center")


def helsinki(c: Canvas, r: QRectF, dark: bool) -> None:
    """Thirty-five states signed the Final Act: 35 dots, two of them coloured."""
    cols, rows = 7, 5
    step = min(r.width() / cols, (r.height() - 120) / rows)
    x0 = r.center().x() - step * (cols - 1) / 2
    y0 = r.center().y() - step * (rows - 1) / 2
    for i in range(35):
        x = x0 + (i % cols) * step
        y = y0 + (i // cols) * step
        colour = {17: RED, 24: BLUE}.get(i, RULE)
        c.circle(x, y, step * 0.34, colour)


def olympics(c: Canvas, r: QRectF, dark: bool) -> None:
    """Two Games, each missing part of the world: a ring drawn only in part."""
    for i, (colour, year, missing) in enumerate(((RED, "1980", 0.35), (BLUE, "1984", 0.2))):
        cx = r.left() + r.width() * (0.27 + 0.5 * i)
        cy = r.center().y() - 40
        radius = r.width() * 0.21
        c.p.setBrush(Qt.BrushStyle.NoBrush)
        c.p.setPen(QPen(colour, 34, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        span = int(360 * 16 * (1 - missing))
        c.p.drawArc(QRectF(cx - radius, cy - radius, radius * 2, radius * 2), 90 * 16, span)
        c.p.setPen(QPen(RULE, 34, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        c.p.drawArc(QRectF(cx - radius, cy - radius, radius * 2, radius * 2),
                    90 * 16 + span, 360 * 16 - span)
        c.text(cx, cy + radius + 50, year, font(70, bold=True), colour, "center")


def hotline(c: Canvas, r: QRectF, dark: bool) -> None:
    """A direct line between two capitals, with a pulse running along it."""
    y = r.center().y()
    left, right = r.left() + 90, r.right() - 90
    c.line(left, y, right, y, INK, 10)
    for i in range(1, 8):
        x = left + (right - left) * i / 8
        c.line(x, y - 40 - 30 * (i % 2), x, y + 40 + 30 * (i % 2), GOLD, 8)
    c.circle(left, y, 70, BLUE_PALE, BLUE, 8)
    c.circle(right, y, 70, RED_PALE, RED, 8)
    c.text(left, y + 110, "Washington", font(50, bold=True), BLUE, "center")
    c.text(left, y + 175, "Вашингтон", font(44, italic=True), INK_SOFT, "center")
    c.text(right, y + 110, "Moscow", font(50, bold=True), RED, "center")
    c.text(right, y + 175, "Москва", font(44, italic=True), INK_SOFT, "center")


def flag_lowered(c: Canvas, r: QRectF, dark: bool) -> None:
    """A pole with a red flag shown twice: at the top faintly, and lowered."""
    pole_x = r.left() + r.width() * 0.3
    c.line(pole_x, r.top() + 20, pole_x, r.bottom() - 20, QColor("#c9ced8"), 12)
    flag_w, flag_h = r.width() * 0.5, r.width() * 0.25
    faded = QColor(RED)
    faded.setAlpha(70)
    c.rect(QRectF(pole_x + 6, r.top() + 40, flag_w, flag_h), faded)
    for i in range(1, 4):
        c.line(pole_x + flag_w * 0.55, r.top() + 60 + flag_h + i * 60,
               pole_x + flag_w * 0.55, r.top() + 90 + flag_h + i * 60, QColor("#8f99ab"), 6)
    c.rect(QRectF(pole_x + 6, r.bottom() - flag_h - 60, flag_w, flag_h), RED)


def attract() -> None:
    """The welcome screen: the two countries' leaders as two bands of colour, 1917–1991."""
    from charts import PRESIDENTS, SOVIET_LEADERS

    with canvas("attract.png", 1920, 1080, NAVY) as c:
        left, right = 160, 1760

        def x_of(year: float) -> float:
            return left + (year - 1917) / (1992 - 1917) * (right - left)

        for row, y, colours in ((PRESIDENTS, 470, (BLUE, QColor("#4d77a6"))),
                                (SOVIET_LEADERS, 600, (RED, QColor("#b8513f")))):
            for i, (_, _, start, end) in enumerate(row):
                c.rect(QRectF(x_of(start) + 2, y, x_of(end) - x_of(start) - 4, 100),
                       colours[i % 2])
        light = QColor("#e9e3d6")
        c.text(left, 300, "1917", font(120, serif=True, bold=True), light)
        c.text(right, 300, "1991", font(120, serif=True, bold=True), light, "right")
        c.line(left, 760, right, 760, QColor("#5b6884"), 3)
        for year in range(1920, 1992, 10):
            c.line(x_of(year), 752, x_of(year), 768, QColor("#8f99ab"), 3)
            c.text(x_of(year), 786, str(year), font(30), QColor("#8f99ab"), "center")


def main() -> None:
    attract()
    poster("brest-litovsk-1918.png", "1918",
           [("3 March · Brest-Litovsk", "3 марта · Брест-Литовск"),
            ("Russia leaves the war", "Россия выходит из войны")], broken_front)
    poster("recognition-1933.png", "1933",
           [("16 November · Washington", "16 ноября · Вашингтон"),
            ("Roosevelt — Litvinov", "Рузвельт — Литвинов")], two_circles)
    poster("sputnik-1957.png", "1957",
           [("4 October · Sputnik 1", "4 октября · Первый спутник"),
            ("The first artificial satellite", "Первый искусственный спутник Земли")],
           sputnik, dark=True)
    poster("hotline-1963.png", "1963",
           [("A direct line for a crisis", "Прямая линия на случай кризиса"),
            ("Moscow — Washington", "Москва — Вашингтон")], hotline)
    poster("apollo-soyuz-1975.png", "1975",
           [("17 July · docking in orbit", "17 июля · стыковка на орбите"),
            ("Apollo — Soyuz", "«Союз» — «Аполлон»")], docking)
    poster("helsinki-1975.png", "1975",
           [("1 August · Helsinki", "1 августа · Хельсинки"),
            ("35 states sign the Final Act", "Заключительный акт: 35 государств")],
           helsinki)
    poster("olympics-1980-1984.png", "1980 · 1984",
           [("Moscow: the United States stays away", "Москва: США бойкотируют Игры"),
            ("Los Angeles: the USSR stays away", "Лос-Анджелес: бойкот СССР")], olympics)
    poster("flag-lowered-1991.png", "1991",
           [("25 December · Moscow", "25 декабря · Москва"),
            ("The Soviet flag comes down", "Советский флаг спущен над Кремлём")],
           flag_lowered, dark=True)


if __name__ == "__main__":
    main()
