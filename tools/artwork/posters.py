"""Typographic posters: one date, one place, one abstract motif. No pictures of people.

Each poster is drawn once per language; only the welcome screen's background has no words.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from canvas import (
    BLUE,
    BLUE_PALE,
    INK,
    INK_SOFT,
    NAVY,
    PAPER,
    PAPER_DARK,
    RED,
    RED_PALE,
    RULE,
    Canvas,
    H,
    W,
    drawing,
    font,
    tr,
    width_of,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen
from timeline import MARGIN, wrap

NB = "\u00a0"
# A motif draws into its rectangle; it gets the language for the few words it carries.
Motif = Callable[[Canvas, QRectF, str | None], None]
LIGHT = QColor("#e9e3d6")  # type on navy
LIGHT_SOFT = QColor("#b9c0cc")


def poster(c: Canvas, lang: str | None, year: str, date: tuple[str, str],
           lines: tuple[str, str], motif: Motif, *, dark: bool = False) -> None:
    """The year, large; under it the date and a line or two; the motif on the right."""
    fg = LIGHT if dark else INK
    soft = LIGHT_SOFT if dark else INK_SOFT
    room = W * 0.5 - MARGIN
    big = fit(font(360, serif=True, bold=True), year, room)
    f = font(56)
    parts = wrap(tr(lang, *lines), f, room)
    block = big.pixelSize() * 1.2 + 110 + len(parts) * 76
    y = (H - block) / 2 - 40
    c.text(MARGIN - big.pixelSize() * 0.04, y, year, big, fg)
    y += big.pixelSize() * 1.2
    c.text(MARGIN, y, tr(lang, *date), font(64, bold=True), RED if not dark else fg)
    y += 110
    for part in parts:
        c.text(MARGIN, y, part, f, soft)
        y += 76
    motif(c, QRectF(W * 0.55, 220, W * 0.45 - MARGIN, H - 440), lang)


def fit(f: QFont, text: str, room: float) -> QFont:
    """``f`` shrunk until ``text`` fits in ``room`` pixels."""
    while width_of(f, text) > room and f.pixelSize() > 20:
        f.setPixelSize(f.pixelSize() - 4)
    return f


def broken_front(c: Canvas, r: QRectF, lang: str | None) -> None:
    """Brest-Litovsk: a front held year by year, until the last segment drops away."""
    y = r.center().y() - 60
    seg = r.width() / 5
    for i, year in enumerate(("1914", "1915", "1916", "1917", "1918")):
        x0 = r.left() + i * seg
        last = i == 4
        dy = 220 if last else 0
        c.line(x0 + 16, y + dy, x0 + seg - 16, y + dy, RED if last else INK, 70)
        c.text(x0 + seg / 2, y + dy + 64, year, font(52, bold=True), RED if last else INK_SOFT,
               "center")


def two_circles(c: Canvas, r: QRectF, lang: str | None) -> None:
    """Recognition: two separate circles that now touch."""
    cy = r.center().y()
    radius = min(r.width() / 4.1, r.height() * 0.3)
    cx = r.center().x()
    for sign, colour, pale, name in ((-1, RED, RED_PALE, tr(lang, "USSR", "СССР")),
                                     (1, BLUE, BLUE_PALE, tr(lang, "USA", "США"))):
        x = cx + sign * radius * 0.96
        c.circle(x, cy, radius, pale, colour, 10)
        c.text(x, cy - 46, name, font(80, bold=True), INK, "center", on=pale)


def divided_sheet(c: Canvas, r: QRectF, lang: str | None) -> None:
    """The secret protocol: a sheet of paper split in two by one drawn line."""
    sheet = QRectF(r.center().x() - r.height() * 0.36, r.top() + 30, r.height() * 0.72,
                   r.height() - 60)
    c.rect(sheet.adjusted(14, 14, 14, 14), RULE)
    c.rect(sheet, PAPER_DARK, INK_SOFT, 3)
    west = QPainterPath()
    a = QPointF(sheet.left() + sheet.width() * 0.58, sheet.top() + 150)
    b = QPointF(sheet.left() + sheet.width() * 0.42, sheet.bottom())
    west.moveTo(sheet.left(), sheet.top() + 150)
    west.lineTo(a)
    west.lineTo(b)
    west.lineTo(sheet.left(), sheet.bottom())
    west.closeSubpath()
    c.p.fillPath(west, QColor("#d3cbbb"))
    east = QPainterPath()
    east.moveTo(a)
    east.lineTo(sheet.right(), sheet.top() + 150)
    east.lineTo(sheet.right(), sheet.bottom())
    east.lineTo(b)
    east.closeSubpath()
    c.p.fillPath(east, RED_PALE)
    # The dividing line, drawn as if by hand in a few strokes.
    c.p.setPen(QPen(RED, 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    c.p.drawLine(a, QPointF(a.x() - 40, a.y() + (b.y() - a.y()) * 0.4))
    c.p.drawLine(QPointF(a.x() - 40, a.y() + (b.y() - a.y()) * 0.4),
                 QPointF(b.x() + 30, a.y() + (b.y() - a.y()) * 0.7))
    c.p.drawLine(QPointF(b.x() + 30, a.y() + (b.y() - a.y()) * 0.7), b)
    stamp = tr(lang, "SECRET", "СЕКРЕТНО")
    f = font(56, bold=True)
    w = width_of(f, stamp) + 50
    box = QRectF(sheet.center().x() - w / 2, sheet.top() + 40, w, 84)
    c.rect(box, None, RED, 5)
    c.text(box.center().x(), box.top() + 6, stamp, f, RED, "center", on=PAPER_DARK)


def sputnik(c: Canvas, r: QRectF, lang: str | None) -> None:
    cx, cy = r.center().x(), r.center().y() - 60
    c.p.setPen(QPen(QColor("#5b6884"), 4, Qt.PenStyle.DashLine))
    c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.p.save()
    c.p.translate(cx, cy)
    c.p.rotate(-18)
    c.p.drawEllipse(QPointF(0, 0), r.width() * 0.5, r.height() * 0.28)
    c.p.restore()
    for angle in (196, 208, 220, 232):  # four swept-back antennas
        a = math.radians(angle)
        c.line(cx, cy, cx + math.cos(a) * 460, cy - math.sin(a) * 460, QColor("#c9ced8"), 7)
    c.circle(cx, cy, 120, QColor("#d9dde4"), QColor("#8f99ab"), 4)
    c.circle(cx - 35, cy - 40, 32, QColor("#f4f6f9"))
    stats = tr(lang, "58 cm across · 83.6 kg · one orbit ≈ 96 min",
               "Диаметр 58 см · 83,6 кг · виток ≈ 96 мин")
    c.text(cx, r.bottom() - 50, stats, font(44, bold=True), LIGHT, "center")


def docking(c: Canvas, r: QRectF, lang: str | None) -> None:
    """Apollo–Soyuz: two craft, abstracted to blocks, meeting at a docking ring."""
    cy = r.center().y() - 40
    cx = r.center().x()
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
    c.rect(QRectF(cx + 40, cy - 45, 60, 90), RED_PALE, RED, 6)
    c.circle(cx + 175, cy, 78, RED_PALE, RED, 6)
    c.rect(QRectF(cx + 250, cy - 70, 170, 140), RED_PALE, RED, 6)
    c.rect(QRectF(cx + 290, cy - 230, 60, 150), RED, None)
    c.rect(QRectF(cx + 290, cy + 80, 60, 150), RED, None)
    c.rect(QRectF(cx - 40, cy - 40, 80, 80), PAPER_DARK, INK, 6)
    c.text(cx - 250, cy + 170, tr(lang, "Apollo", "«Аполлон»"), font(60, bold=True), BLUE,
           "center")
    c.text(cx + 300, cy + 260, tr(lang, "Soyuz", "«Союз»"), font(60, bold=True), RED,
           "center")


def helsinki(c: Canvas, r: QRectF, lang: str | None) -> None:
    """Thirty-five states signed the Final Act: 33 European dots, and two across the sea."""
    cols, rows = 7, 5
    step = min(r.width() / cols, (r.height() - 160) / rows)
    x0 = r.center().x() - step * (cols - 1) / 2
    y0 = r.center().y() - step * (rows - 1) / 2 - 70
    for i in range(35):
        x = x0 + (i % cols) * step
        y = y0 + (i // cols) * step
        c.circle(x, y, step * 0.34, BLUE if i >= 33 else QColor("#8a91a0"))
    y = y0 + rows * step - step * 0.2
    f = font(48, bold=True)
    text = tr(lang, "33 European states", "33 европейских государства")
    c.text(x0 - step * 0.34, y, text, f, INK_SOFT)
    c.text(x0 + (cols - 1) * step + step * 0.34, y + 70, tr(lang, "+ USA, Canada",
                                                            "+ США, Канада"), f, BLUE, "right")


def hotline(c: Canvas, r: QRectF, lang: str | None) -> None:
    """A teletype tape running between two capitals, its holes punched as a message."""
    y = r.center().y() - 40
    left, right = r.left() + 90, r.right() - 90
    tape = QRectF(left, y - 95, right - left, 190)
    c.rect(tape, QColor("#efe6cf"), RULE, 3)
    pitch = 46
    n = int((right - left - 220) / pitch)
    for i in range(n):
        x = left + 120 + i * pitch
        c.circle(x, y, 7, INK_SOFT)  # the sprocket holes
        for row, bit in enumerate((1, 2, 4, 8, 16)):
            if (i * 7 + 3) % 23 & bit:
                offset = (row - 2) * 32 + (10 if row > 2 else -10 if row < 2 else 0)
                if row != 2:
                    c.circle(x, y + offset, 12, INK)
    c.circle(left, y, 100, BLUE_PALE, BLUE, 8)
    c.circle(right, y, 100, RED_PALE, RED, 8)
    c.text(left, y + 130, tr(lang, "Washington", "Вашингтон"), font(52, bold=True), BLUE,
           "center")
    c.text(right, y + 130, tr(lang, "Moscow", "Москва"), font(52, bold=True), RED, "center")


def flag_lowered(c: Canvas, r: QRectF, lang: str | None) -> None:
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


def river_meeting(c: Canvas, r: QRectF, lang: str | None) -> None:
    """The Elbe, 1945: an arrow from the west and one from the east meet at a river."""
    cx, cy = r.center().x(), r.center().y() - 40
    river = QPainterPath(QPointF(cx - 30, r.top()))
    for i in range(1, 9):
        y = r.top() + i * r.height() / 8
        river.lineTo(QPointF(cx + (30 if i % 2 else -30), y))
    c.p.setPen(QPen(BLUE_PALE, 46, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                    Qt.PenJoinStyle.RoundJoin))
    c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.p.drawPath(river)
    for sign, colour in ((-1, BLUE), (1, RED)):
        tip = cx + sign * 70
        tail = cx + sign * (r.width() / 2 - 10)
        c.line(tail, cy, tip + sign * 50, cy, colour, 44)
        head = QPainterPath(QPointF(tip, cy))
        head.lineTo(QPointF(tip + sign * 90, cy - 70))
        head.lineTo(QPointF(tip + sign * 90, cy + 70))
        head.closeSubpath()
        c.p.fillPath(head, colour)
    f = font(52, bold=True)
    c.text(cx - r.width() / 4, cy + 110, tr(lang, "USA", "США"), f, BLUE, "center")
    c.text(cx + r.width() / 4, cy + 110, tr(lang, "USSR", "СССР"), f, RED, "center")
    c.text(cx + 60, r.bottom() - 70, tr(lang, "Elbe", "Эльба"), font(48, italic=True), INK_SOFT)


def three_capitals(c: Canvas, r: QRectF, lang: str | None) -> None:
    """The NPT, 1968: signed on one day in three capitals, drawn as three seals on a line."""
    cy = r.center().y() - 40
    names = ((tr(lang, "Washington", "Вашингтон"), BLUE, BLUE_PALE),
             (tr(lang, "London", "Лондон"), INK, PAPER_DARK),
             (tr(lang, "Moscow", "Москва"), RED, RED_PALE))
    step = r.width() / 3
    c.line(r.left() + step / 2, cy, r.right() - step / 2, cy, RULE, 8)
    for i, (name, colour, pale) in enumerate(names):
        x = r.left() + step * (i + 0.5)
        c.circle(x, cy, step * 0.3, pale, colour, 8)
        c.circle(x, cy, step * 0.12, colour)
        c.text(x, cy + step * 0.3 + 40, name, font(48, bold=True), colour, "center")


@drawing("attract", 1920, 1080, NAVY, per_language=False)
def attract(c: Canvas, lang: str | None) -> None:
    """The welcome screen: the two countries' leaders as two bands of colour, 1917–1991."""
    from charts import PRESIDENTS, SOVIET_LEADERS

    left, right = 160, 1760

    def x_of(year: float) -> float:
        return left + (year - 1917) / (1992 - 1917) * (right - left)

    for row, y, colours in ((PRESIDENTS, 470, (BLUE, QColor("#4d77a6"))),
                            (SOVIET_LEADERS, 600, (RED, QColor("#b8513f")))):
        for i, (_, _, start, end) in enumerate(row):
            c.rect(QRectF(x_of(start) + 2, y, max(x_of(end) - x_of(start) - 4, 3), 100),
                   colours[i % 2])
    c.text(left, 300, "1917", font(120, serif=True, bold=True), LIGHT)
    c.text(right, 300, "1991", font(120, serif=True, bold=True), LIGHT, "right")
    c.line(left, 760, right, 760, QColor("#5b6884"), 3)
    for year in range(1920, 1992, 10):
        c.line(x_of(year), 752, x_of(year), 768, QColor("#8f99ab"), 3)
        c.text(x_of(year), 786, str(year), font(30), LIGHT_SOFT, "center")


POSTERS: list[tuple[str, str, tuple[str, str], tuple[str, str], Motif, bool]] = [
    ("brest-litovsk-1918", "1918", ("3 March 1918", "3 марта 1918"),
     ("Brest-Litovsk: Soviet Russia makes peace with the Central Powers",
      "Брест-Литовск: Советская Россия заключает мир с Центральными державами"),
     broken_front, False),
    ("recognition-1933", "1933", ("16 November 1933", "16 ноября 1933"),
     ("Roosevelt and Litvinov exchange letters: the USA recognises the USSR",
      "Рузвельт и Литвинов обмениваются письмами: США признают СССР"),
     two_circles, False),
    ("pact-1939", "1939", ("23 August 1939", "23 августа 1939"),
     ("The Molotov–Ribbentrop Pact: its secret protocol divides Eastern Europe",
      "Пакт" + NB + "Молотова" + NB + "—" + NB + "Риббентропа: секретный протокол делит "
      "Восточную Европу"),
     divided_sheet, False),
    ("elbe-1945", "1945", ("25 April 1945", "25 апреля 1945"),
     ("American and Soviet troops meet on the Elbe at Torgau",
      "Американские и советские войска встречаются на Эльбе у Торгау"),
     river_meeting, False),
    ("sputnik-1957", "1957", ("4 October 1957", "4 октября 1957"),
     ("Sputnik 1, the first artificial satellite of the Earth",
      "Первый искусственный спутник Земли"),
     sputnik, True),
    ("hotline-1963", "1963", ("30 August 1963", "30 августа 1963"),
     ("The Washington–Moscow direct link opens: a teletype line, not a red telephone",
      "Открыта прямая линия Вашингтон" + NB + "— Москва: телетайп, а не «красный телефон»"),
     hotline, False),
    ("npt-1968", "1968", ("1 July 1968", "1 июля 1968"),
     ("The Treaty on the Non-Proliferation of Nuclear Weapons is signed",
      "Подписан Договор о нераспространении ядерного оружия"),
     three_capitals, False),
    ("apollo-soyuz-1975", "1975", ("17 July 1975", "17 июля 1975"),
     ("Apollo and Soyuz dock in orbit", "«Союз» и «Аполлон» стыкуются на орбите"),
     docking, False),
    ("helsinki-1975", "1975", ("1 August 1975", "1 августа 1975"),
     ("Helsinki: 35 states sign the Final Act",
      "Хельсинки: 35 государств подписывают Заключительный акт"),
     helsinki, False),
    ("flag-lowered-1991", "1991", ("25 December 1991", "25 декабря 1991"),
     ("Moscow: the Soviet flag is lowered over the Kremlin",
      "Москва: над Кремлём спущен советский флаг"),
     flag_lowered, True),
]


def _register(stem: str, year: str, date: tuple[str, str], lines: tuple[str, str],
              motif: Motif, dark: bool) -> None:
    @drawing(stem, W, H, NAVY if dark else PAPER)
    def draw(c: Canvas, lang: str | None) -> None:
        poster(c, lang, year, date, lines, motif, dark=dark)


for _poster in POSTERS:
    _register(*_poster)
