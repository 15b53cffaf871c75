"""Charts of public figures: nuclear stockpiles, who led each country when, the summits of
1985–1991, and the boycotted Olympic Games. One picture per language, on the exhibition
grid of timeline.py."""

from __future__ import annotations

from canvas import (
    BLUE,
    BLUE_PALE,
    GOLD,
    INK,
    INK_SOFT,
    LABEL_PX,
    NOTE_PX,
    PAPER,
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
from PySide6.QtGui import QColor, QPainterPath, QPen
from timeline import MARGIN, chart_frame

NB = "\u00a0"

# Estimated total warheads (stockpiled and deployed), rounded to the nearest hundred.
# Source: Robert S. Norris and Hans M. Kristensen, "Global nuclear stockpiles, 1945–2006",
# Bulletin of the Atomic Scientists 62, no. 4 (July/August 2006). The chart stops at the
# Soviet peak in 1986.
US_WARHEADS = [(1945, 0), (1950, 300), (1955, 2400), (1960, 18600), (1965, 31100),
               (1967, 31300), (1970, 26000), (1975, 27500), (1980, 24100), (1985, 23400),
               (1986, 23300)]
USSR_WARHEADS = [(1949, 0), (1950, 0), (1955, 200), (1960, 1600), (1965, 6100),
                 (1970, 11600), (1975, 19100), (1980, 30100), (1985, 39200), (1986, 40200)]


def thousands(value: int, lang: str | None) -> str:
    """31,000 in English, 31 000 in Russian (a no-break space)."""
    return f"{value:,}".replace(",", NB if lang == "ru" else ",")


@drawing("warheads-1945-1986", W, H)
def stockpiles(c: Canvas, lang: str | None) -> None:
    top, bottom = chart_frame(
        c, lang, ("Nuclear warheads, 1945–1986", "Ядерные боеголовки, 1945–1986"),
        ("Estimates. Source: Norris and Kristensen, Bulletin of the Atomic Scientists, 2006",
         "Оценки. Источник: Норрис и Кристенсен, Bulletin of the Atomic Scientists, 2006"))
    f = font(NOTE_PX)
    left, right = MARGIN + 150, W - MARGIN - 40
    top += 40
    bottom -= 80
    y_max = 45000

    def at(year: float, value: float) -> QPointF:
        x = left + (year - 1945) / (1986 - 1945) * (right - left)
        return QPointF(x, bottom - value / y_max * (bottom - top))

    for value in range(0, y_max + 1, 10000):
        y = at(1945, value).y()
        c.line(left, y, right, y, RULE if value else INK, 2 if value else 3)
        c.text(left - 24, y - NOTE_PX * 0.7, thousands(value, lang), f, INK_SOFT, "right")
    for year in range(1945, 1987, 5):
        x = at(year, 0).x()
        c.line(x, bottom, x, bottom + 14, INK, 3)
        c.text(x, bottom + 22, str(year), font(NOTE_PX, bold=True), INK_SOFT, "center")

    for year, en, ru in ((1949, "First Soviet test", "Первое испытание в СССР"),
                         (1962, "Cuban missile crisis", "Карибский кризис"),
                         (1972, "SALT I", "ОСВ-1")):
        x = at(year, 0).x()
        c.line(x, bottom, x, top + 10, INK_SOFT, 2, dash=True)
        c.text(x + 12, top - 10, tr(lang, en, ru), f, INK_SOFT)

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
    big, label = font(48, bold=True), font(LABEL_PX)
    c.text(us_peak.x(), us_peak.y() - 150, tr(lang, "USA", "США"), big, BLUE, "center")
    c.text(us_peak.x(), us_peak.y() - 88, tr(lang, "about 31,000 in 1967",
                                             "около 31" + NB + "000 в 1967"),
           label, INK, "center")
    # The Soviet label sits left of the steep climb to its peak, clear of both lines.
    corner = at(1982.3, 43500)
    c.text(corner.x(), corner.y(), tr(lang, "USSR", "СССР"), big, RED, "right")
    c.text(corner.x(), corner.y() + 62, tr(lang, "about 40,000 in 1986",
                                           "около 40" + NB + "000 в 1986"),
           label, INK, "right")


# (English name, Russian name, first year, last year) as fractions of a year.
PRESIDENTS = [
    ("Wilson", "Вильсон", 1917.0, 1921.17), ("Harding", "Гардинг", 1921.17, 1923.59),
    ("Coolidge", "Кулидж", 1923.59, 1929.17), ("Hoover", "Гувер", 1929.17, 1933.17),
    ("F. D. Roosevelt", "Ф. Д. Рузвельт", 1933.17, 1945.28),
    ("Truman", "Трумэн", 1945.28, 1953.05), ("Eisenhower", "Эйзенхауэр", 1953.05, 1961.05),
    ("Kennedy", "Кеннеди", 1961.05, 1963.89), ("Johnson", "Джонсон", 1963.89, 1969.05),
    ("Nixon", "Никсон", 1969.05, 1974.6), ("Ford", "Форд", 1974.6, 1977.05),
    ("Carter", "Картер", 1977.05, 1981.05), ("Reagan", "Рейган", 1981.05, 1989.05),
    ("Bush", "Буш", 1989.05, 1992.0),
]
# Party leaders, from Lenin's government of November 1917. Malenkov headed the government
# from Stalin's death until Khrushchev took the party in September 1953.
SOVIET_LEADERS = [
    ("Lenin", "Ленин", 1917.85, 1924.06), ("Stalin", "Сталин", 1924.06, 1953.18),
    ("Malenkov", "Маленков", 1953.18, 1953.7),
    ("Khrushchev", "Хрущёв", 1953.7, 1964.79), ("Brezhnev", "Брежнев", 1964.79, 1982.86),
    ("Andropov", "Андропов", 1982.86, 1984.11), ("Chernenko", "Черненко", 1984.11, 1985.19),
    ("Gorbachev", "Горбачёв", 1985.19, 1991.98),
]


@drawing("leaders-1917-1991", W, H)
def leaders(c: Canvas, lang: str | None) -> None:
    """Who led each country: US presidents above the years, Soviet leaders below."""
    top, bottom = chart_frame(
        c, lang, ("Leaders, 1917–1991", "Руководители, 1917–1991"),
        ("* Malenkov headed the government for some months after Stalin’s death, "
         "while Khrushchev took over the party.",
         "* Маленков несколько месяцев после смерти Сталина возглавлял правительство, "
         "а Хрущёв" + NB + "— партию."))
    left, right = MARGIN, W - MARGIN

    def x_of(year: float) -> float:
        return left + (year - 1917) / (1992 - 1917) * (right - left)

    bar_h, label_h = 240, 56
    # From the top: the US heading, the presidents, the years, the Soviet leaders, the
    # names too long for their bars, the Soviet heading; all centred in the room.
    block = label_h + 20 + bar_h + 100 + bar_h + 2 * label_h + 30 + label_h
    us_y = top + (bottom - top - block) / 2 + label_h + 20
    mid = us_y + bar_h + 24
    su_y = us_y + bar_h + 100
    label = font(LABEL_PX, bold=True)
    c.text(left, us_y - label_h - 20, tr(lang, "Presidents of the United States",
                                         "Президенты США"), label, BLUE)
    c.text(left, su_y + bar_h + 2 * label_h + 30, tr(
        lang, "Leaders of Soviet Russia and the USSR",
        "Руководители Советской России и СССР"), label, RED)
    for year in range(1920, 1992, 10):
        x = x_of(year)
        c.line(x, us_y - 10, x, su_y + bar_h + 10, RULE, 2)
    c.line(left, mid, right, mid, INK, 3)
    for year in range(1917, 1992):
        major = year % 10 == 0
        c.line(x_of(year), mid, x_of(year), mid + (14 if major else 7), INK,
               3 if major else 2)
    for year in range(1920, 1992, 10):
        c.text(x_of(year), mid + 18, str(year), font(NOTE_PX, bold=True), INK_SOFT,
               "center")
    outside = {"Andropov": 0, "Chernenko": 1, "Malenkov": 0}
    for row, y, colour, pale in ((PRESIDENTS, us_y, BLUE, BLUE_PALE),
                                 (SOVIET_LEADERS, su_y, RED, RED_PALE)):
        for i, (en, ru, start, end) in enumerate(row):
            x1, x2 = x_of(start), x_of(end)
            fill = colour if i % 2 else pale
            name = tr(lang, en, ru)
            if en == "Malenkov":
                name += "*"
                r = QRectF(x1 + 1, y, max(x2 - x1 - 2, 6), bar_h)
                c.rect(r, INK)
            else:
                r = QRectF(x1 + 2, y, x2 - x1 - 4, bar_h)
                c.rect(r, fill)
            if en in outside:
                _outside_label(c, r, name, outside[en], colour)
            else:
                _bar_label(c, r, name, PAPER if i % 2 else INK, fill)


def _bar_label(c: Canvas, r: QRectF, name: str, colour: QColor, fill: QColor) -> None:
    f = font(38, bold=True)
    if width_of(f, name) + 8 <= r.width():
        c.text(r.center().x(), r.center().y() - 27, name, f, colour, "center", on=fill)
        return
    # A short term: the name runs up the bar.
    c.p.save()
    c.p.translate(r.center().x(), r.center().y())
    c.p.rotate(-90)
    c.text(0, -27, name, f, colour, "center", on=fill)
    c.p.restore()


def _outside_label(c: Canvas, r: QRectF, name: str, level: int, colour: QColor) -> None:
    """A name too long for its bar, under the row on a short leader line."""
    f = font(LABEL_PX, bold=True)
    x = r.center().x()
    y = r.bottom() + 12 + level * 56
    c.line(x, r.bottom(), x, y + LABEL_PX * 0.7, colour, 3)
    c.text(x - 12, y, name, f, colour, "right")


# (English place, Russian place, English date, Russian date, treaty signed there)
SUMMITS = [
    [("Geneva", "Женева", "November 1985", "Ноябрь 1985", "", ""),
     ("Reykjavik", "Рейкьявик", "October 1986", "Октябрь 1986", "", ""),
     ("Washington", "Вашингтон", "December 1987", "Декабрь 1987", "INF Treaty signed",
      "Подписан Договор по РСМД"),
     ("Moscow", "Москва", "May–June 1988", "Май" + NB + "— июнь 1988", "", ""),
     ("New York", "Нью-Йорк", "December 1988", "Декабрь 1988", "Governors Island",
      "Говернорс-Айленд")],
    [("Malta", "Мальта", "December 1989", "Декабрь 1989", "", ""),
     ("Washington", "Вашингтон", "May–June 1990", "Май" + NB + "— июнь 1990", "", ""),
     ("Helsinki", "Хельсинки", "September 1990", "Сентябрь 1990", "", ""),
     ("Moscow", "Москва", "July 1991", "Июль 1991", "START signed", "Подписан Договор СНВ")],
]


@drawing("summits-1985-1991", W, H)
def summits(c: Canvas, lang: str | None) -> None:
    """Nine summits: five of Reagan and Gorbachev, four of Bush and Gorbachev."""
    top, bottom = chart_frame(c, lang, ("Summits, 1985–1991",
                                        "Встречи на высшем уровне, 1985–1991"))
    col = (W - 2 * MARGIN) / 5
    row_h = (bottom - top) / 2
    heads = (("Reagan and Gorbachev: five summits", "Рейган и Горбачёв: пять встреч"),
             ("Bush and Gorbachev: four summits", "Буш и Горбачёв: четыре встречи"))
    for r, (row, head) in enumerate(zip(SUMMITS, heads, strict=True)):
        y = top + r * row_h + (row_h - 380) / 2
        c.text(MARGIN, y, tr(lang, *head), font(56, serif=True, bold=True), INK)
        dot_y = y + 150
        first = MARGIN + col / 2
        last = MARGIN + col * (len(row) - 0.5)
        c.line(first, dot_y, last, dot_y, INK, 4)
        for i, (en, ru, when_en, when_ru, note_en, note_ru) in enumerate(row):
            cx = MARGIN + col * (i + 0.5)
            treaty = note_en.endswith("signed")
            c.circle(cx, dot_y, 30 if treaty else 20, GOLD if treaty else INK, PAPER, 5)
            c.text(cx, dot_y + 56, tr(lang, en, ru), font(52, bold=True), INK, "center")
            c.text(cx, dot_y + 128, tr(lang, when_en, when_ru), font(LABEL_PX), INK_SOFT,
                   "center")
            if note_en:
                c.text(cx, dot_y + 184, tr(lang, note_en, note_ru),
                       font(LABEL_PX, italic=not treaty, bold=treaty), INK, "center")


# Nations that took part, and that stayed away, by the organising committees' reports.
GAMES = [("Moscow 1980", "Москва, 1980", 80, 65, RED,
          "about 65 stayed away: the boycott led by the USA",
          "около 65 не приехали: бойкот во главе с США"),
         ("Los Angeles 1984", "Лос-Анджелес, 1984", 140, 14, BLUE,
          "14 Eastern-bloc states and allies stayed away, led by the USSR",
          "14 стран восточного блока и союзников не приехали вслед за СССР")]


@drawing("olympics-1980-1984", W, H)
def olympics(c: Canvas, lang: str | None) -> None:
    """Each nation a square, to one scale: who came to each Games, who stayed away."""
    top, bottom = chart_frame(
        c, lang, ("Two boycotted Olympics", "Две Олимпиады под бойкотом"),
        ("Sources: official reports of the organising committees, Moscow 1980 and "
         "Los Angeles 1984",
         "Источники: официальные отчёты оргкомитетов Игр в Москве (1980) и "
         "Лос-Анджелесе (1984)"))
    per_row = 35
    cell = (W - 2 * MARGIN) / per_row
    size = cell * 0.8
    rows = [(came + stayed + per_row - 1) // per_row for _, _, came, stayed, *_ in GAMES]
    block = sum(100 + n * cell + 14 + 60 for n in rows) + 70
    y = top + (bottom - top - block) / 2
    for en, ru, came, stayed, colour, away_en, away_ru in GAMES:
        c.text(MARGIN, y, tr(lang, en, ru), font(56, serif=True, bold=True), colour)
        y += 100
        for n in range(came + stayed):
            x0 = MARGIN + (n % per_row) * cell
            y0 = y + (n // per_row) * cell
            square = QRectF(x0, y0, size, size)
            if n < came:
                c.rect(square, colour)
            else:
                c.rect(square.adjusted(2, 2, -2, -2), None, colour, 4)
        y += (came + stayed + per_row - 1) // per_row * cell + 14
        label = font(LABEL_PX)
        x = MARGIN
        c.rect(QRectF(x, y + 8, size * 0.8, size * 0.8), colour)
        x += size + c.text(x + size, y, tr(lang, f"{came} nations took part",
                                             f"{came} стран приняли участие"), label, INK) + 60
        c.rect(QRectF(x + 2, y + 10, size * 0.8 - 4, size * 0.8 - 4), None, colour, 4)
        c.text(x + size, y, tr(lang, away_en, away_ru), label, INK)
        y += 130
