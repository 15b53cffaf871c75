"""Charts of public figures: nuclear stockpiles, and who led each country when."""

from __future__ import annotations

import sys

from canvas import (
    BLUE,
    BLUE_PALE,
    GREY,
    INK,
    INK_SOFT,
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
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF

# Estimated total warheads (stockpiled and deployed), rounded to the nearest hundred.
# Source: Robert S. Norris and Hans M. Kristensen, "Global nuclear weapons inventories,
# 1945-2010", Bulletin of the Atomic Scientists; the same series is published by the
# Federation of American Scientists. The chart stops at the Soviet peak in 1986.
US_WARHEADS = [(1945, 0), (1950, 300), (1955, 2400), (1960, 18600), (1965, 31100),
               (1967, 31300), (1970, 26000), (1975, 27500), (1980, 24100), (1985, 23400),
               (1986, 23300)]
USSR_WARHEADS = [(1949, 0), (1950, 0), (1955, 200), (1960, 1600), (1965, 6100),
                 (1970, 11600), (1975, 19100), (1980, 30100), (1985, 39200), (1986, 40200)]


def thousands(value: int) -> str:
    """Digits grouped with a thin space, readable in English and Russian alike."""
    return f"{value:,}".replace(",", "\u2009")


def stockpiles() -> None:
    with canvas("warheads-1945-1986.png", 2400, 1350) as c:
        margin = 110
        top = c.heading("Nuclear warheads, 1945–1986", "Ядерные боеголовки, 1945–1986",
                        margin) + 40
        left, right, bottom = margin + 150, c.w - margin - 60, c.h - margin - 110
        y_max = 45000

        def at(year: float, value: float) -> QPointF:
            x = left + (year - 1945) / (1986 - 1945) * (right - left)
            return QPointF(x, bottom - value / y_max * (bottom - top))

        for value in range(0, y_max + 1, 10000):
            y = at(1945, value).y()
            c.line(left, y, right, y, RULE if value else INK, 2 if value else 3)
            c.text(left - 24, y - 22, thousands(value), font(34), INK_SOFT, "right")
        for year in range(1945, 1987, 5):
            x = at(year, 0).x()
            c.line(x, bottom, x, bottom + 14, INK, 3)
            c.text(x, bottom + 24, str(year), font(34, bold=True), INK_SOFT, "center")

        for year, en, ru in ((1949, "First Soviet test", "Первое испытание в СССР"),
                             (1962, "Cuban missile crisis", "Карибский кризис"),
                             (1972, "SALT I", "ОСВ-1")):
            x = at(year, 0).x()
            c.line(x, bottom, x, top + 10, GREY, 2, dash=True)
            c.text(x + 12, top, en, font(28, bold=True), INK_SOFT)
            c.text(x + 12, top + 38, ru, font(26, italic=True), INK_SOFT)

        paths = []
        for series, colour, pale in ((US_WARHEADS, BLUE, BLUE_PALE),
                                     (USSR_WARHEADS, RED, RED_PALE)):
            path = QPainterPath(at(*series[0]))
            for year, value in series[1:]:
                path.lineTo(at(year, value))
            area = QPainterPath(path)
            area.lineTo(at(series[-1][0], 0))
            area.lineTo(at(series[0][0], 0))
            area.closeSubpath()
            fill = QColor(pale)
            fill.setAlpha(110)
            c.p.fillPath(area, fill)
            paths.append((path, colour))
        for path, colour in paths:
            c.p.setPen(QPen(colour, 9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
            c.p.setBrush(Qt.BrushStyle.NoBrush)
            c.p.drawPath(path)

        us_peak, ussr_peak = at(1967, 31300), at(1986, 40200)
        c.circle(us_peak.x(), us_peak.y(), 16, BLUE, PAPER, 5)
        c.circle(ussr_peak.x(), ussr_peak.y(), 16, RED, PAPER, 5)
        c.text(us_peak.x() - 20, us_peak.y() - 130, "USA · США", font(40, bold=True), BLUE,
               "center")
        c.text(us_peak.x() - 20, us_peak.y() - 80, "≈ 31 000 · 1967", font(38), INK, "center")
        c.text(ussr_peak.x() - 40, ussr_peak.y() - 118, "USSR · СССР", font(40, bold=True),
               RED, "right")
        c.text(ussr_peak.x() - 40, ussr_peak.y() - 66, "≈ 40 000 · 1986", font(38), INK,
               "right")
        c.text(margin, c.h - margin * 0.55 - 34,
               "Estimates, rounded · Оценки, округлено.  Data · Данные: Norris & Kristensen, "
               "Bulletin of the Atomic Scientists; FAS", font(28), GREY)


# (English name, Russian name, first year, last year) as fractions of a year.
PRESIDENTS = [
    ("Wilson", "Вильсон", 1917.0, 1921.17), ("Harding", "Гардинг", 1921.17, 1923.59),
    ("Coolidge", "Кулидж", 1923.59, 1929.17), ("Hoover", "Гувер", 1929.17, 1933.17),
    ("F. D. Roosevelt", "Ф. Д. Рузвельт", 1933.17, 1945.28),
    ("Truman", "Трумэн", 1945.28, 1953.05), ("Eisenhower", "Эйзенхауэр", 1953.05, 1961.05),
    ("Kennedy", "Кеннеди", 1961.05, 1963.89), ("Johnson", "Джонсон", 1963.89, 1969.05),
    ("Nixon", "Никсон", 1969.05, 1974.6), ("Ford", "Форд", 1974.6, 1977.05),
    ("Carter", "Картер", 1977.05, 1981.05), ("Reagan", "Рейган", 1981.05, 1989.05),
    ("G. Bush", "Дж. Буш", 1989.05, 1992.0),
]
# Party and state leaders; the months of collective leadership in 1953 are left blank.
SOVIET_LEADERS = [
    ("Lenin", "Ленин", 1917.85, 1924.06), ("Stalin", "Сталин", 1924.06, 1953.18),
    ("Khrushchev", "Хрущёв", 1953.7, 1964.79), ("Brezhnev", "Брежнев", 1964.79, 1982.86),
    ("Andropov", "Андропов", 1982.87, 1984.11), ("Chernenko", "Черненко", 1984.11, 1985.19),
    ("Gorbachev", "Горбачёв", 1985.19, 1991.98),
]
ERAS = [
    (1917, 1921, "Revolution", "Революция"), (1921, 1930, "Relief and trade", "Годы нэпа"),
    (1933, 1940, "Recognition", "Признание"),
    (1941, 1946, "Allies", "Союзники"),
    (1946, 1961, "Cold War", "Холодная война"), (1961, 1969.5, "To the brink", "На грани"),
    (1969.5, 1975.5, "Détente", "Разрядка"), (1975.5, 1985, "New tensions", "Похолодание"),
    (1985, 1992, "The end of the USSR", "Конец СССР"),
]
EVENTS = [
    (1917.85, "1917", "Bolsheviks take power", "Октябрьская революция", RED),
    (1921.6, "1921", "Famine relief (ARA)", "Помощь голодающим (АРА)", BLUE),
    (1933.87, "1933", "Diplomatic relations", "Дипломатические отношения", INK),
    (1941.48, "1941", "Germany invades the USSR", "Нападение Германии на СССР", RED),
    (1945.1, "1945", "Yalta", "Ялта", INK),
    (1949.66, "1949", "Soviet atomic bomb", "Советская атомная бомба", RED),
    (1957.76, "1957", "Sputnik 1", "Спутник-1", RED),
    (1962.8, "1962", "Cuban missile crisis", "Карибский кризис", INK),
    (1972.4, "1972", "SALT I, ABM Treaty", "ОСВ-1, Договор по ПРО", INK),
    (1975.55, "1975", "Apollo–Soyuz; Helsinki Final Act", "«Союз» — «Аполлон»; Хельсинкский акт",
     INK),
    (1979.98, "1979", "Troops into Afghanistan", "Ввод войск в Афганистан", RED),
    (1987.94, "1987", "INF Treaty", "Договор по РСМД", INK),
    (1989.86, "1989", "Berlin Wall opens", "Падение Берлинской стены", INK),
    (1991.98, "1991", "The USSR is dissolved", "Распад СССР", RED),
]


def leaders() -> None:
    """The large overview: leaders of both countries, the exhibit's eras, key events."""
    with canvas("leaders-1917-1991.png", 4800, 2700) as c:
        margin = 200
        top = c.heading("Seventy-four years: leaders and turning points",
                        "Семьдесят четыре года: руководители и поворотные моменты", margin)
        left, right = margin + 330, c.w - margin

        def x_of(year: float) -> float:
            return left + (year - 1917) / (1992 - 1917) * (right - left)

        band_top, band_bottom = top + 40, c.h - margin * 0.9
        for i, (start, end, en, ru) in enumerate(ERAS):
            x1, x2 = x_of(start), x_of(end)
            c.rect(QRectF(x1, band_top, x2 - x1, band_bottom - band_top),
                   PAPER_DARK if i % 2 == 0 else PAPER)
            _fitted_label(c, (x1 + x2) / 2, band_top + 24, x2 - x1 - 20, en, ru)

        us_y, axis_y, su_y, bar_h = band_top + 200, band_top + 560, band_top + 660, 260
        us_y = axis_y - 100 - bar_h
        _row_label(c, margin, us_y, bar_h, "United States", "США", BLUE)
        _row_label(c, margin, su_y, bar_h, "Soviet Russia, USSR", "Советская Россия, СССР", RED)
        for row, y, colour, pale in ((PRESIDENTS, us_y, BLUE, BLUE_PALE),
                                     (SOVIET_LEADERS, su_y, RED, RED_PALE)):
            for i, (en, ru, start, end) in enumerate(row):
                x1, x2 = x_of(start), x_of(end)
                c.rect(QRectF(x1 + 3, y, x2 - x1 - 6, bar_h), colour if i % 2 else pale)
                text = PAPER if i % 2 else INK
                _bar_label(c, QRectF(x1 + 3, y, x2 - x1 - 6, bar_h), en, ru, text)

        c.line(left, axis_y, right, axis_y, INK, 5)
        for year in range(1917, 1993):
            x = x_of(year)
            major = year % 5 == 0
            c.line(x, axis_y - (22 if major else 10), x, axis_y + (22 if major else 10), INK,
                   4 if major else 2)
            if major or year == 1917:
                c.text(x, axis_y + 28, str(year), font(46, bold=True), INK, "center")

        _events(c, x_of, su_y + bar_h + 70, band_bottom)
        c.text(c.w - margin, c.h - margin * 0.7, "Original artwork for this exhibit. "
               "Years of office from public records.", font(32), GREY, "right")


def _fitted_label(c: Canvas, cx: float, y: float, room: float, en: str, ru: str) -> None:
    size = 48.0
    while size > 26 and max(width_of(font(size, bold=True), en),
                            width_of(font(size * 0.85, italic=True), ru)) > room:
        size -= 2
    c.text(cx, y, en, font(size, bold=True), INK, "center")
    c.text(cx, y + size * 1.3, ru, font(size * 0.85, italic=True), INK_SOFT, "center")


def _row_label(c: Canvas, x: float, y: float, h: float, en: str, ru: str,
               colour: QColor) -> None:
    used = c.block(QRectF(x, y + 30, 300, h), en, font(44, bold=True), colour)
    c.block(QRectF(x, y + 50 + used, 300, h), ru, font(36, italic=True), INK_SOFT)


def _bar_label(c: Canvas, r: QRectF, en: str, ru: str, colour: QColor) -> None:
    f_en, f_ru = font(44, bold=True), font(38, italic=True)
    if max(width_of(f_en, en), width_of(f_ru, ru)) + 30 <= r.width():
        c.text(r.center().x(), r.center().y() - 52, en, f_en, colour, "center")
        c.text(r.center().x(), r.center().y() + 6, ru, f_ru, colour, "center")
        return
    # Short terms: the name runs up the bar, English over Russian.
    c.p.save()
    c.p.translate(r.center().x(), r.center().y())
    c.p.rotate(-90)
    size = 40.0
    while width_of(font(size, bold=True), en) > r.height() - 24 and size > 22:
        size -= 2
    if r.width() > size * 2.3:
        c.text(0, -size * 1.15, en, font(size, bold=True), colour, "center")
        c.text(0, size * 0.05, ru, font(size * 0.85, italic=True), colour, "center")
    else:
        c.text(0, -size * 0.65, en, font(size, bold=True), colour, "center")
    c.p.restore()


def _events(c: Canvas, x_of, top: float, bottom: float) -> None:  # type: ignore[no-untyped-def]
    f_when, f_en, f_ru = font(44, bold=True), font(42), font(38, italic=True)
    row_h = 190
    boxes: list[tuple[float, float, int]] = []  # x0, x1, row of each label placed
    lines: list[tuple[float, int]] = []  # x and row of each leader line
    # Labels on the left run rightwards and are placed latest first; labels on the right
    # run leftwards and are placed earliest first. Each later label then sits lower, so
    # the leader lines never have to cross a label.
    middle = x_of(1960)
    left_half = [e for e in reversed(EVENTS) if x_of(e[0]) < middle]
    right_half = [e for e in EVENTS if x_of(e[0]) >= middle]
    for at, when, en, ru, colour in left_half + right_half:
        x = x_of(at)
        width = max(width_of(f_en, en), width_of(f_ru, ru), width_of(f_when, when)) + 16
        order = (True, False) if x >= middle else (False, True)

        def free(x0: float, x1: float, row: int, strict: bool, x: float = x) -> bool:
            return (x1 <= c.w - 60 and x0 >= 60
                    and all(x1 + 40 < a or x0 - 40 > b for a, b, r in boxes if r == row)
                    and not (strict and any(a - 20 <= x <= b + 20
                                            for a, b, r in boxes if r < row))
                    and not (strict and any(x0 - 20 <= lx <= x1 + 20
                                            for lx, r in lines if r > row)))

        loose, _, row, flip = min(
            (not strict, flip != order[0], row, flip)
            for strict in (True, False) for row in range(12) for flip in order
            if free(*((x - width, x) if flip else (x, x + width)), row, strict))
        if loose:
            print(f"leaders chart: the line to {en!r} crosses a label", file=sys.stderr)
        x0, x1 = (x - width, x) if flip else (x, x + width)
        boxes.append((x0, x1, row))
        lines.append((x, row))
        y = top + row * row_h
        if y + row_h - 30 > bottom:
            raise SystemExit(f"leaders chart: no room for the event {en!r} (row {row})")
        c.line(x, top - 50, x, y + 10, colour, 3)
        marker = QPolygonF([QPointF(x, top - 74), QPointF(x + 16, top - 58),
                            QPointF(x, top - 42), QPointF(x - 16, top - 58)])
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.setBrush(colour)
        c.p.drawPolygon(marker)
        tx, align = (x - 16, "right") if flip else (x + 16, "left")
        c.text(tx, y, when, f_when, colour, align)
        c.text(tx, y + 54, en, f_en, INK, align)
        c.text(tx, y + 108, ru, f_ru, INK_SOFT, align)


def main() -> None:
    stockpiles()
    leaders()


if __name__ == "__main__":
    main()
