"""Maps, drawn from Natural Earth's true outlines (see geo.py and data/README.md), and the
ARA dot grid. Each picture is drawn once per language, with its words in that language."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

import geo
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
from geo import LonLat, MapView, Ring, fill, halo_text, hatch, stroke
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QPolygonF

# The maps' layout on the shared grid (canvas.W x canvas.H): a column of words left of the map.
M = 100
TITLE = 68
TOP = 240
SIDE = 660
EUROPE_H = 1600  # Europe needs the extra height (3:2)


def map_rect(h: int = H) -> QRectF:
    """The map's place on a canvas ``h`` tall, right of the column of words."""
    return QRectF(M + SIDE + 50, TOP, W - 2 * M - SIDE - 50, h - TOP - M - 10)

SEA = QColor("#dde3e5")
OTHER = QColor("#ece6da")   # land outside the story
NEUTRAL = QColor("#d8ceb9")
BORDER = QColor("#9d9482")
COAST = QColor("#a9b4b8")
LAND = QColor("#e3dac8")  # land on the maps that draw no borders


def unit_colours(fills: dict[str, QColor], default: QColor = OTHER
                 ) -> Callable[[str], QColor]:
    def colour(name: str) -> QColor:
        return fills.get(geo.cold_war_unit(name), default)

    return colour


def draw_base(c: Canvas, view: MapView, colour: Callable[[str], QColor], *,
              borders: bool = True, germany: tuple[QColor, QColor] | None = None,
              unit_of: Callable[[str], str] = geo.cold_war_unit) -> None:
    """Sea, land coloured by state, then borders (none inside a merged state) and coasts.

    ``germany`` gives (west, east) colours to split Germany along the inner-German border.
    """
    atlas = geo.atlas()
    c.p.save()
    c.p.setClipRect(view.rect, Qt.ClipOperation.IntersectClip)
    c.rect(view.rect, SEA)
    for name in atlas.countries:
        if germany and name == "Germany":
            west, east = geo.germany_split(view)
            fill(c, west, germany[0])
            fill(c, east, germany[1])
            continue
        fill(c, view.area(atlas.rings([name])), colour(name))
    if borders:
        lines, coasts = atlas.borders(unit_of)
        stroke(c, view.lines(coasts), COAST, 1.6)
        stroke(c, view.lines(lines), BORDER, 2.2)
        if germany:
            west, east = geo.germany_split(view)
            c.p.save()
            c.p.setClipPath(west.united(east))
            stroke(c, view.lines([geo.INNER_GERMAN_BORDER]), BORDER, 2.2)
            c.p.restore()
    else:
        stroke(c, view.lines(atlas.land_rings()), COAST, 1.6)
    c.p.restore()


def frame(c: Canvas, view: MapView) -> None:
    c.rect(view.rect, None, RULE, 3)


def title(c: Canvas, text: str) -> None:
    """The map's title, refused if it would run into the right margin."""
    if width_of(font(TITLE, serif=True, bold=True), text) > c.w - 2 * M:
        raise ValueError(f"title too long for the picture: {text!r}")
    c.heading(text, M, TITLE)


def source(c: Canvas, text: str, width: float | None = None) -> None:
    """The short source note at the bottom left."""
    c.footer(text, M)
    room = width if width is not None else SIDE + 40
    if width_of(font(NOTE_PX), text) > room:
        raise ValueError(f"source note too long for its column: {text!r}")


def side_block(c: Canvas, y: float, text: str, *, bold: bool = False, size: float = LABEL_PX,
               colour: QColor = INK, x: float = M, width: float = SIDE) -> float:
    """Words in the column beside the map; returns the y below them."""
    used = c.block(QRectF(x, y, width, 800), text, font(size, bold=bold), colour)
    return y + used


def swatch(c: Canvas, x: float, y: float, colour: QColor, *, hatch_colour: QColor | None = None,
           cross: QColor | None = None, size: float = 52) -> None:
    r = QRectF(x, y, size * 1.3, size)
    path = QPainterPath()
    path.addRect(r)
    fill(c, path, colour)
    if hatch_colour is not None:
        hatch(c, path, hatch_colour, 13, 3.5)
    if cross is not None:
        _cross_hatch(c, path, cross)
    c.rect(r, None, BORDER, 2)


def _cross_hatch(c: Canvas, path: QPainterPath, colour: QColor) -> None:
    """Lines the other way, so two hatchings cross."""
    c.p.save()
    box = path.boundingRect()
    c.p.translate(box.center())
    c.p.scale(-1, 1)
    c.p.translate(-box.center())
    hatch(c, path, colour, 13, 3.5)
    c.p.restore()


def line_sample(c: Canvas, x: float, y: float, length: float, colour: QColor, width: float,
                dash: list[float] | None = None) -> None:
    """A level stretch of a line drawn on the map, ``length`` long from ``x, y``, for a key."""
    path = QPainterPath(QPointF(x, y))
    path.lineTo(x + length, y)
    stroke(c, path, colour, width, dash, Qt.PenCapStyle.FlatCap)


def line_key(c: Canvas, y: float, colour: QColor, width: float, text: str, *,
             dash: list[float] | None = None, size: float = NOTE_PX + 2) -> float:
    """A sample of a line on the map and its words beside it; returns the y below them."""
    line_sample(c, M, y + 26, 68, colour, width, dash)
    return side_block(c, y - 4, text, size=size, x=M + 96, width=SIDE - 96)


def numbered_item(c: Canvas, y: float, n: int, badge: QColor, head: str, body: str, *,
                  width: float = SIDE, gaps: tuple[float, float] = (6, 44)) -> float:
    """A numbered badge, as on the map, with a bold heading and a note beside it; returns
    the y below them, ``gaps`` being the space after the heading and after the note."""
    geo.number_badge(c, QPointF(M + 30, y + 30), n, badge, INK, 30)
    y = side_block(c, y, head, bold=True, x=M + 84, width=width - 84) + gaps[0]
    return side_block(c, y, body, size=NOTE_PX + 2, x=M + 84, width=width - 84) + gaps[1]


def legend_item(c: Canvas, y: float, colour: QColor, text: str, *,
                hatch_colour: QColor | None = None, cross: QColor | None = None,
                line: tuple[QColor, float, bool] | None = None, size: float = NOTE_PX) -> float:
    """A swatch (or line sample) and its words; returns the y below the item."""
    if line is not None:
        colour_, width, dashed = line
        line_sample(c, M, y + 26, 68, colour_, width, [3, 1.6] if dashed else None)
    else:
        swatch(c, M, y, colour, hatch_colour=hatch_colour, cross=cross)
    used = c.block(QRectF(M + 96, y - 4, SIDE - 96, 600), text, font(size), INK)
    return y + max(used, 56) + 18


def city(c: Canvas, view: MapView, lang: str | None, lonlat: LonLat, en: str, ru: str,
         dx: float, dy: float, align: str = "left", bold: bool = False,
         on: QColor = LAND, r: float = 10) -> QPointF:
    """A place as a dot, its name ``dx, dy`` pixels away on a rim of ``on``."""
    point = view.at(*lonlat)
    c.circle(point.x(), point.y(), r, INK, PAPER, 3)
    halo_text(c, point.x() + dx, point.y() + dy, tr(lang, en, ru), font(NOTE_PX + 2, bold=bold),
              INK, on, align, halo=11)
    return point


def name_at(c: Canvas, view: MapView, lang: str | None, lonlat: LonLat, en: str, ru: str,
            on: QColor, colour: QColor = INK, size: float = LABEL_PX, bold: bool = False,
            italic: bool = False, leader: LonLat | None = None, halo: bool = True) -> None:
    """A region's name centred on ``lonlat``; with ``leader``, a line from there to it."""
    point = view.at(*lonlat)
    f = font(size, bold=bold, italic=italic)
    lines = tr(lang, en, ru).split("\n")
    if leader is not None:
        target = view.at(*leader)
        path = QPainterPath(QPointF(point.x(), point.y()))
        path.lineTo(target)
        stroke(c, path, INK_SOFT, 2.5)
        c.circle(target.x(), target.y(), 5, INK_SOFT)
    step = size * 1.2
    y = point.y() - step * len(lines) / 2
    for line in lines:
        halo_text(c, point.x(), y, line, f, colour, on, "center",
                  halo=size * 0.3 if halo else 0.0)
        y += step


def europe_view(rect: QRectF) -> MapView:
    extent = [(-24.5, 64.5), (-10.0, 36.5), (33.0, 70.5), (33.0, 37.0), (-6.0, 70.5),
              (28.0, 36.0)]
    return MapView.fit(geo.azimuthal(12, 52), rect, extent)


def curtain(view: MapView, east: Iterable[str]) -> QPainterPath:
    """The frontier between Moscow's bloc and the rest of Europe, with the inner-German
    border and West Germany's border with Czechoslovakia."""
    atlas = geo.atlas()
    east = set(east)
    others = set(atlas.countries) - east - {"Germany"}
    arcs = [arc for arc in atlas.shared(east, others) if all(lon < 32 for lon, _ in arc)]
    for arc in atlas.shared(["Germany"], ["Czechia"]):
        run: Ring = []
        for lon, lat in arc:
            if lat < 50.3:
                run.append((lon, lat))
            elif run:
                arcs.append(run)
                run = []
        if run:
            arcs.append(run)
    path = view.lines(arcs)
    path.addPath(view.lines([geo.INNER_GERMAN_BORDER[1:]]))
    return path


def berlin(c: Canvas, view: MapView, r: float = 17) -> QPointF:
    """Berlin as a divided disc: West (blue) and East (red)."""
    point = view.at(*geo.BERLIN)
    berlin_disc(c, point, r)
    return point


def berlin_disc(c: Canvas, point: QPointF, r: float) -> None:
    c.circle(point.x(), point.y(), r + 4, PAPER)
    c.p.setPen(Qt.PenStyle.NoPen)
    c.p.setBrush(BLUE)
    c.p.drawPie(QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r), 90 * 16, 180 * 16)
    c.p.setBrush(RED)
    c.p.drawPie(QRectF(point.x() - r, point.y() - r, 2 * r, 2 * r), -90 * 16, 180 * 16)
    c.circle(point.x(), point.y(), r, None, INK, 3)


MOSCOW_1949 = ("Poland", "Czechia", "Slovakia", "Hungary", "Romania", "Bulgaria", "Albania")
NATO_1949 = ("Belgium", "Denmark", "France", "Iceland", "Italy", "Luxembourg", "Netherlands",
             "Norway", "Portugal", "United Kingdom")
NEUTRAL_1949 = ("Sweden", "Switzerland", "Ireland", "Finland", "Spain", "Greece", "Turkey")
WARSAW_1989 = ("Poland", "Czechia", "Slovakia", "Hungary", "Romania", "Bulgaria")
NATO_1989 = NATO_1949 + ("Greece", "Turkey", "Spain")
NEUTRAL_1989 = ("Austria", "Switzerland", "Sweden", "Finland", "Ireland")
# Small or coastal states of Europe that the maps mark but do not name.
MICRO = ("Liechtenstein", "Andorra", "Monaco", "San Marino", "Vatican", "Malta")


def europe_fills(year: int) -> dict[str, QColor]:
    fills: dict[str, QColor] = {"USSR": RED}
    if year == 1949:
        fills.update({n: RED_PALE for n in MOSCOW_1949})
        fills.update({n: BLUE_PALE for n in NATO_1949})
        fills.update({n: NEUTRAL for n in NEUTRAL_1949})
        fills.update({"Yugoslavia": NEUTRAL, "Czechoslovakia": RED_PALE, "Austria": NEUTRAL})
    else:
        fills.update({n: RED_PALE for n in WARSAW_1989})
        fills.update({n: BLUE_PALE for n in NATO_1989})
        fills.update({n: NEUTRAL for n in NEUTRAL_1989})
        fills.update({"Yugoslavia": NEUTRAL, "Albania": NEUTRAL, "Czechoslovakia": RED_PALE})
    for n in MICRO:
        fills[n] = NEUTRAL
    return fills


def europe_names(c: Canvas, view: MapView, lang: str | None, year: int) -> None:
    """The states' names, on their own colour; small ones by a leader line."""
    f = europe_fills(year)
    s = NOTE_PX + 2
    name_at(c, view, lang, (36, 58.5), "USSR", "СССР", RED, PAPER, size=56, bold=True,
            halo=False)
    # The other states, named inside their borders: (state, where, English, Russian).
    for state, at, en, ru in (
            ("Czechoslovakia", (18.2, 49.35), "Czecho-\nslovakia", "Чехо-\nсловакия"),
            ("Poland", (19.2, 52.0), "Poland", "Польша"),
            ("Romania", (25.3, 45.8), "Romania", "Румыния"),
            ("Bulgaria", (25.3, 42.75), "Bulgaria", "Болгария"),
            ("Hungary", (19.9, 47.0), "Hungary", "Венгрия"),
            ("Yugoslavia", (17.3, 44.4), "Yugoslavia", "Югославия"),
            ("France", (2.6, 46.7), "France", "Франция"),
            ("Spain", (-3.6, 40.0), "Spain", "Испания"),
            ("United Kingdom", (-1.5, 52.6), "UK", "Велико-\nбритания"),
            ("Sweden", (16.0, 62.8), "Sweden", "Швеция"),
            ("Finland", (26.4, 63.4), "Finland", "Финляндия"),
            ("Norway", (9.2, 61.7), "Norway", "Норвегия"),
            ("Turkey", (31.5, 39.4), "Turkey", "Турция"),
            ("Greece", (22.2, 39.3), "Greece", "Греция"),
            ("Italy", (12.3, 43.0), "Italy", "Италия"),
            ("Iceland", (-18.8, 64.9), "Iceland", "Исландия")):
        name_at(c, view, lang, at, en, ru, f.get(state, OTHER), size=s)
    # Small states, named beside them.
    for at, leader, en, ru in (
            ((-12.5, 53.2), (-8.0, 53.2), "Ireland", "Ирландия"),
            ((-11.2, 44.2), (-8.2, 40.2), "Portugal", "Португалия"),
            ((4.0, 56.6), (9.2, 56.0), "Denmark", "Дания"),
            ((1.0, 55.0), (5.6, 52.4), "Netherlands", "Нидерланды"),
            ((-2.6, 50.0), (4.6, 50.6), "Belgium", "Бельгия"),
            ((3.2, 48.9), (6.1, 49.7), "Luxembourg", "Люксембург"),
            ((5.0, 45.3), (8.0, 46.8), "Switzerland", "Швейцария"),
            ((16.6, 41.9), (20.0, 41.1), "Albania", "Албания")):
        name_at(c, view, lang, at, en, ru, SEA if at[0] < 5 or at[1] < 42 else OTHER,
                size=s, leader=leader)


EUROPE_SOURCE = ("Natural Earth 1:50m (public domain), via world-atlas 2.0.2; borders "
                 "simplified", "Natural Earth 1:50m (общественное достояние), через world-atlas "
                 "2.0.2; границы упрощены")


@drawing("europe-1949", W, EUROPE_H)
def europe_1949(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Europe divided, 1949", "Разделённая Европа, 1949"))
    view = europe_view(map_rect(EUROPE_H))
    colours = unit_colours(europe_fills(1949))
    draw_base(c, view, colours, germany=(BLUE_PALE, RED_PALE))
    west, east = geo.germany_split(view)
    c.p.save()
    c.p.setClipRect(view.rect)
    hatch(c, west, BLUE, 13, 3.5)
    austria = view.area(geo.atlas().rings(["Austria"]))
    hatch(c, austria, RED, 13, 3.5)
    _cross_hatch(c, austria, BLUE)
    yugoslavia = view.area(geo.atlas().rings(geo.YUGOSLAV))
    hatch(c, yugoslavia, RED, 13, 3.5)
    stroke(c, curtain(view, geo.SOVIET + MOSCOW_1949), INK, 7)
    europe_names(c, view, lang, 1949)
    point = berlin(c, view)
    halo_text(c, point.x(), point.y() - 74, tr(lang, "Berlin", "Берлин"),
              font(NOTE_PX + 2, bold=True), INK, PAPER, "center", halo=12)
    c.p.restore()
    frame(c, view)

    y = TOP
    y = legend_item(c, y, RED, tr(lang, "USSR, with the Baltic states annexed in 1940",
                                  "СССР, включая Эстонию, Латвию и Литву, "
                                  "присоединённые в 1940"))
    y = legend_item(c, y, RED_PALE, tr(lang, "Communist states allied to Moscow, and the "
                                             "Soviet zone of Germany (the GDR from "
                                             "October\u00a01949)",
                                       "Коммунистические союзники Москвы и советская зона "
                                       "Германии (ГДР с октября 1949)"))
    y = legend_item(c, y, NEUTRAL, tr(lang, "Yugoslavia: communist, broke with Moscow in "
                                            "1948",
                                      "Югославия: коммунистическая, в 1948 порвала с "
                                      "Москвой"), hatch_colour=RED)
    y = legend_item(c, y, BLUE_PALE, tr(lang, "Founding members of NATO, 4\u00a0April 1949 "
                                              "(with the USA and Canada)",
                                        "Основатели НАТО, 4\u00a0апреля 1949 (вместе с США и "
                                        "Канадой)"))
    y = legend_item(c, y, BLUE_PALE, tr(lang, "Western zones of Germany: the FRG from "
                                              "May 1949",
                                        "Западные зоны Германии: ФРГ с мая 1949"),
                    hatch_colour=BLUE)
    y = legend_item(c, y, NEUTRAL, tr(lang, "Austria: occupied by four powers (1945–55)",
                                      "Австрия: оккупирована четырьмя державами "
                                      "(1945–1955)"), hatch_colour=RED, cross=BLUE)
    y = legend_item(c, y, NEUTRAL, tr(lang, "Neutral or outside the blocs",
                                      "Нейтральные или вне блоков"))
    y = legend_item(c, y, NEUTRAL, tr(lang, "The Iron Curtain", "Линия «железного занавеса»"),
                    line=(INK, 7, False))
    berlin_disc(c, QPointF(M + 34, y + 26), 22)
    c.block(QRectF(M + 96, y - 4, SIDE - 96, 600),
            tr(lang, "Berlin, divided among the four powers. The Soviet blockade of West "
                     "Berlin: June 1948 – May\u00a01949",
               "Берлин разделён между четырьмя державами. Советская блокада "
               "Западного Берлина: июнь 1948\u00a0— май\u00a01949"), font(NOTE_PX), INK)
    source(c, tr(lang, "Borders simplified", "Границы упрощены"))


@drawing("europe-1989", W, EUROPE_H)
def europe_1989(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Europe in 1989", "Европа в 1989 году"))
    view = europe_view(map_rect(EUROPE_H))
    draw_base(c, view, unit_colours(europe_fills(1989)), germany=(BLUE_PALE, RED_PALE))
    c.p.save()
    c.p.setClipRect(view.rect)
    hatch(c, view.area(geo.atlas().rings(geo.YUGOSLAV + ("Albania",))), RED, 13, 3.5)
    stroke(c, curtain(view, geo.SOVIET + WARSAW_1989), INK, 7)
    europe_names(c, view, lang, 1989)
    for n, lonlat in enumerate(EVENTS_1989, start=1):
        geo.number_badge(c, view.at(*lonlat), n, GOLD_PALE, INK, 28)
    berlin(c, view, 14)
    c.p.restore()
    frame(c, view)

    y = TOP
    y = legend_item(c, y, BLUE_PALE, tr(lang, "NATO", "НАТО"))
    y = legend_item(c, y, RED, tr(lang, "USSR", "СССР"))
    y = legend_item(c, y, RED_PALE, tr(lang, "Its Warsaw Pact allies",
                                       "Союзники СССР по Варшавскому договору"))
    y = legend_item(c, y, NEUTRAL, tr(lang, "Communist, outside both blocs: Yugoslavia "
                                            "(non-aligned) and Albania",
                                      "Коммунистические вне обоих блоков: Югославия "
                                      "(неприсоединение) и Албания"), hatch_colour=RED)
    y = legend_item(c, y, NEUTRAL, tr(lang, "Neutral", "Нейтральные"))
    y = legend_item(c, y, NEUTRAL, tr(lang, "The Iron Curtain", "Линия «железного занавеса»"),
                    line=(INK, 7, False))
    y += 24
    for n, (en, ru) in enumerate(EVENTS_1989_TEXT, start=1):
        geo.number_badge(c, QPointF(M + 30, y + 26), n, GOLD_PALE, INK, 28)
        used = c.block(QRectF(M + 96, y - 4, SIDE - 96, 400), tr(lang, en, ru),
                       font(NOTE_PX + 2), INK)
        y += max(used, 56) + 14
    source(c, tr(lang, "Borders simplified", "Границы упрощены"))


GOLD_PALE = QColor("#ecd3a6")
# Where 1989 happened, in the order of the list beside the map.
EVENTS_1989: list[LonLat] = [(22.6, 53.3), (16.55, 47.65), (13.3, 53.75), (13.4, 49.7),
                             (26.1, 44.43)]
EVENTS_1989_TEXT = [
    ("Poland: elections, June", "Польша: выборы, июнь"),
    ("Hungary opens its border with Austria", "Венгрия открывает границу с Австрией"),
    ("The Berlin Wall falls, 9\u00a0November", "Падение Берлинской стены, 9\u00a0ноября"),
    ("Czechoslovakia: the Velvet Revolution, November",
     "Чехословакия: «бархатная революция», ноябрь"),
    ("Romania: revolution, December", "Румыния: революция, декабрь"),
]


@drawing("fifteen-states-1991", W, H)
def fifteen_states(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Fifteen states, 1991", "Пятнадцать государств, 1991"))
    view = MapView.fit(geo.albers(90, 56, 30, 55), QRectF(M, TOP - 20, W - 2 * M, H - TOP
                                                            - M + 20), USSR_EXTENT)
    fills = {n: (BALTIC_FILL if n in BALTIC else RED_PALE) for n in geo.SOVIET}
    draw_base(c, view, lambda n: fills.get(n, OTHER), unit_of=lambda n: n, borders=False)
    c.p.save()
    c.p.setClipRect(view.rect)
    atlas = geo.atlas()
    lines, _ = atlas.borders(lambda n: n)
    inner = atlas.shared(geo.SOVIET, geo.SOVIET)
    stroke(c, view.lines(lines), BORDER, 2)
    stroke(c, view.lines(inner), PAPER, 5)
    stroke(c, view.lines(inner), RED, 2)
    for en, ru, at, size in REPUBLIC_NAMES:
        big = en in ("Russia", "Kazakhstan")
        name_at(c, view, lang, at, en, ru, fills[en], size=size, bold=big, halo=not big)
    for en, ru, target, (x, y), align in REPUBLIC_LEADERS:
        leader_label(c, view, lang, QPointF(x, y), target, en, ru, align=align)
    c.p.restore()
    frame(c, view)
    # The legend beside the title; the note on Ukraine in the empty corner over China.
    x, y = 1200.0, 58.0
    for colour, en, ru in ((BALTIC_FILL, "Baltic states: independence recognised "
                                         "6 September 1991",
                            "Прибалтика: независимость признана 6\u00a0сентября 1991"),
                           (RED_PALE, "The other twelve: independent by December 1991",
                            "Остальные двенадцать: независимы к декабрю 1991")):
        swatch(c, x, y, colour, size=44)
        c.text(x + 80, y - 2, tr(lang, en, ru), font(NOTE_PX), INK)
        y += 64
    panel = QRectF(view.rect.right() - 700, view.rect.bottom() - 200, 680, 180)
    c.rect(panel, PAPER, RULE, 2)
    c.block(panel.adjusted(28, 22, -28, 0),
            tr(lang, "Ukraine’s referendum, 1\u00a0December 1991: over 90% for independence",
               "Референдум на Украине 1\u00a0декабря 1991: более 90% за независимость"),
            font(NOTE_PX + 2, bold=True), INK, on=PAPER)
    source(c, tr(lang, "Natural Earth 1:50m; borders of 1991 as today’s",
                 "Natural Earth 1:50m; границы 1991 года как нынешние"), 1200)


BALTIC = ("Estonia", "Latvia", "Lithuania")
BALTIC_FILL = QColor("#e7cc9a")
USSR_EXTENT: list[LonLat] = [(12.0, 54.0), (190.0, 66.0), (52.0, 35.0), (70.0, 35.0),
                             (60.0, 81.0), (100.0, 81.5), (140.0, 42.0), (27.0, 44.0),
                             (20.0, 60.0), (180.0, 71.0), (160.0, 52.0)]
# (English, Russian, where the name goes, what its leader line points at, size).
# Names that fit inside their state: (English, Russian, where, size).
REPUBLIC_NAMES: list[tuple[str, str, LonLat, float]] = [
    ("Russia", "Россия", (95.0, 63.0), 64),
    ("Kazakhstan", "Казахстан", (67.5, 48.3), 46),
    ("Ukraine", "Украина", (34.0, 49.9), 38),
    ("Uzbekistan", "Узбекистан", (63.8, 41.9), 36),
]
# Small states, named in the margin by a leader line: (English, Russian, the state's point,
# the label's top-left, top-right or top-centre on the canvas, alignment).
REPUBLIC_LEADERS: list[tuple[str, str, LonLat, tuple[float, float], str]] = [
    ("Estonia", "Эстония", (25.8, 58.7), (400, 450), "right"),
    ("Latvia", "Латвия", (25.3, 56.85), (400, 520), "right"),
    ("Lithuania", "Литва", (24.0, 55.3), (400, 590), "right"),
    ("Belarus", "Беларусь", (27.8, 53.4), (400, 690), "right"),
    ("Moldova", "Молдова", (28.5, 47.2), (330, 860), "right"),
    ("Georgia", "Грузия", (43.6, 42.1), (420, 960), "right"),
    ("Armenia", "Армения", (44.8, 40.2), (420, 1150), "right"),
    ("Azerbaijan", "Азербайджан", (47.6, 40.3), (600, 1225), "center"),
    ("Turkmenistan", "Туркменистан", (59.0, 39.0), (760, 1325), "center"),
    ("Tajikistan", "Таджикистан", (70.9, 38.7), (1010, 1330), "left"),
    ("Kyrgyzstan", "Кыргызстан", (75.0, 41.5), (1090, 1250), "left"),
]


def leader_label(c: Canvas, view: MapView, lang: str | None, text_at: QPointF, target: LonLat,
                 en: str, ru: str, *, size: float = NOTE_PX + 2, bold: bool = False,
                 align: str = "left", colour: QColor = INK) -> None:
    """A label on a paper rim with a thin line to the point it names."""
    point = view.at(*target)
    f = font(size, bold=bold)
    lines = tr(lang, en, ru).split("\n")
    middle = text_at.y() + size * 0.65 * len(lines)
    if align == "right":
        anchor = QPointF(text_at.x() + 8, middle)
    elif align == "left":
        anchor = QPointF(text_at.x() - 8, middle)
    elif point.y() < text_at.y():
        anchor = QPointF(text_at.x(), text_at.y() + 2)
    else:
        anchor = QPointF(text_at.x(), text_at.y() + size * 1.3 * len(lines))
    path = QPainterPath(anchor)
    path.lineTo(point)
    stroke(c, path, INK_SOFT, 2.5)
    for i, line in enumerate(lines):
        halo_text(c, text_at.x(), text_at.y() + i * size * 1.2, line, f, colour, PAPER, align,
                  halo=size * 0.3)


# --- Lend-Lease -----------------------------------------------------------------------

LL_LON0 = 11.0  # the seam of the world map falls in the Bering Strait
PACIFIC: Ring = [(-124.0, 46.2), (-140.0, 50.5), (-160.0, 52.0), (-175.0, 51.5),
                 (170.0, 49.5), (155.0, 46.5), (146.0, 45.8), (139.0, 44.0), (131.9, 43.1)]
PERSIAN: Ring = [(-74.0, 39.5), (-55.0, 28.0), (-32.0, 5.0), (-10.0, -20.0), (8.0, -36.5),
                 (25.0, -38.0), (40.0, -30.0), (51.0, -12.0), (56.0, 5.0), (59.0, 20.0),
                 (56.4, 26.3), (50.0, 29.6), (51.4, 35.7), (49.5, 40.4)]
ARCTIC: Ring = [(-74.0, 40.5), (-58.0, 46.0), (-38.0, 58.0), (-22.0, 64.0), (-8.0, 68.5),
                (10.0, 72.5), (26.0, 73.0), (33.1, 69.0)]
ARKHANGELSK_LEG: Ring = [(30.0, 72.7), (40.0, 69.5), (41.0, 66.5), (40.5, 64.6)]
ALSIB: Ring = [(-111.3, 47.5), (-147.7, 64.8), (-166.0, 65.2), (-178.5, 65.5), (165.0, 64.0),
               (129.7, 62.0), (92.9, 56.0)]
SHARE = {"Pacific": 47, "Persian": 24, "Arctic": 23}


@drawing("lend-lease-routes", W, H)
def lend_lease(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Lend-Lease to the USSR, 1941–1945",
                "Ленд-лиз: поставки в СССР, 1941–1945"))
    rect = QRectF(M, TOP - 30, W - 2 * M, 900)
    project = geo.equal_earth(LL_LON0)
    view = MapView.fit(project, rect, [(LL_LON0 - 180, 0), (LL_LON0 + 180, 0),
                                       (LL_LON0, 77), (LL_LON0, -42)],
                       wrap=True, lon0=LL_LON0)
    view.rect = rect
    fills = {"USSR": RED_PALE, "United States of America": BLUE_PALE}
    c.p.save()
    c.p.setClipRect(rect)
    c.rect(rect, PAPER)
    c.p.setClipPath(view.outline(), Qt.ClipOperation.IntersectClip)
    draw_base(c, view, unit_colours(fills), borders=False)
    px_per = 1.35
    for ring, key in ((PACIFIC, "Pacific"), (PERSIAN, "Persian"), (ARCTIC, "Arctic")):
        stroke(c, view.lines([ring], densify=1.0), GOLD, SHARE[key] * px_per,
               cap=Qt.PenCapStyle.FlatCap)
    stroke(c, view.lines([ARKHANGELSK_LEG], densify=1.0), GOLD, 12,
           cap=Qt.PenCapStyle.FlatCap)
    stroke(c, view.lines([ALSIB], densify=1.0), INK, 6, dash=[3, 2])
    c.p.restore()
    c.rect(rect, None, RULE, 3)
    for ring, width in ((PACIFIC, SHARE["Pacific"] * px_per),
                        (PERSIAN, SHARE["Persian"] * px_per), (ARKHANGELSK_LEG, 12),
                        (ARCTIC, SHARE["Arctic"] * px_per)):
        # The band stops short of the port, and an arrowhead wider than the band ends it.
        tip, before = view.at(*ring[-1]), view.at(*ring[-2])
        geo.arrowhead(c, tip, before, max(40.0, width * 1.4), GOLD)
    for lonlat, en, ru, dx, dy, align in (
            ((131.9, 43.1), "Vladivostok", "Владивосток", -20, 12, "right"),
            ((33.1, 69.0), "Murmansk", "Мурманск", 22, -56, "left"),
            ((40.5, 64.6), "Arkhangelsk", "Архангельск", 22, -4, "left"),
            ((51.4, 35.7), "Iran", "Иран", 26, -10, "left"),
            ((92.9, 56.0), "Krasnoyarsk", "Красноярск", -10, 14, "center"),
            ((-147.7, 64.8), "Fairbanks", "Фэрбанкс", 20, 0, "left"),
            ((-111.3, 47.5), "Great Falls", "Грейт-Фолс", 16, -2, "left")):
        city(c, view, lang, lonlat, en, ru, dx, dy, align, on=PAPER, r=9)
    for lonlat, key, en, ru in (((158.0, 33.0), "Pacific", "Pacific route",
                                 "Тихоокеанский путь"),
                                ((-12.0, -30.0), "Persian", "Persian Corridor",
                                 "Персидский коридор"),
                                ((-14.0, 44.0), "Arctic", "Arctic convoys",
                                 "Арктические конвои")):
        point = view.at(*lonlat)
        label = f"{tr(lang, en, ru)} · {SHARE[key]}%"
        halo_text(c, point.x(), point.y(), label, font(LABEL_PX, bold=True), INK, SEA,
                  "center", halo=12)
    point = view.at(130.0, 66.0)
    halo_text(c, point.x(), point.y() - 60, tr(lang, "ALSIB air ferry", "АлСиб"),
              font(NOTE_PX + 2, bold=True), INK, PAPER, "center", halo=12)
    y = rect.bottom() + 36
    c.block(QRectF(M, y, 1300, 300),
            tr(lang, "About 17.5 million tonnes of supplies in all. Band widths show each "
                     "sea route’s share of the tonnage; the small rest went by the Black "
                     "Sea and the Soviet Arctic.",
               "Всего около 17,5 млн тонн грузов. Ширина полосы — доля каждого морского "
               "пути в тоннаже; небольшой остаток шёл через Чёрное море и по советской "
               "Арктике."), font(LABEL_PX), INK)
    line_sample(c, 1500, y + 26, 90, INK, 6, [3, 2])
    c.block(QRectF(1620, y - 4, W - M - 1620, 300),
            tr(lang, "Alaska–Siberia air ferry (ALSIB): about 8,000 aircraft, flown from "
                     "Great Falls via Fairbanks to Krasnoyarsk",
               "Авиатрасса Аляска — Сибирь (АлСиб): около 8000 самолётов, перегнанных из "
               "Грейт-Фолса через Фэрбанкс в Красноярск"), font(LABEL_PX), INK)
    source(c, tr(lang, "H. P. van Tuyll, Feeding the Bear (1989) · routes simplified",
                 "H. P. van Tuyll, Feeding the Bear (1989) · пути упрощены"), 2000)


# --- Cuba, October 1962 -----------------------------------------------------------------

HAVANA: LonLat = (-82.37, 23.13)
WASHINGTON: LonLat = (-77.04, 38.90)
KEY_WEST: LonLat = (-81.78, 24.555)
MISSILE_SITES: list[tuple[LonLat, str, str]] = [
    ((-83.05, 22.72), "San Cristóbal", "Сан-Кристобаль"),
    ((-82.69, 22.92), "Guanajay", "Гуанахай"),
    ((-80.07, 22.81), "Sagua la Grande", "Сагуа-ла-Гранде"),
    ((-79.54, 22.49), "Remedios", "Ремедиос"),
]
R12_KM = 2000
QUARANTINE_KM = 926  # where the ring is drawn: the line's exact place changed and is disputed
CAPE_MAISI: LonLat = (-74.13, 20.24)


def missile_site(c: Canvas, point: QPointF, size: float = 13) -> None:
    """A small red triangle."""
    c.p.setPen(QPen(PAPER, 3))
    c.p.setBrush(RED)
    c.p.drawPolygon(QPolygonF([QPointF(point.x(), point.y() - size * 1.1),
                               QPointF(point.x() - size, point.y() + size * 0.7),
                               QPointF(point.x() + size, point.y() + size * 0.7)]))


@drawing("cuba-florida-1962", W, H)
def cuba(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Cuba, October 1962", "Куба, октябрь 1962"))
    rect = map_rect()
    extent = [p for site, _, _ in MISSILE_SITES for p in geo.circle(site, R12_KM + 160, 72)]
    view = MapView.fit(geo.azimuthal(-81, 25), rect, extent)
    fills = {"Cuba": RED_PALE, "United States of America": BLUE_PALE}
    draw_base(c, view, unit_colours(fills))
    c.p.save()
    c.p.setClipRect(rect)
    # The R-12's reach from any of the four sites: the union of their circles.
    reach = QPainterPath()
    for lonlat, _, _ in MISSILE_SITES:
        reach = reach.united(view.area([geo.circle(lonlat, R12_KM)]))
    stroke(c, reach, RED, 6)
    arc = [geo.destination(CAPE_MAISI, b, QUARANTINE_KM) for b in range(-30, 121, 2)]
    stroke(c, view.lines([arc]), BLUE, 7, dash=[2.5, 1.5], cap=Qt.PenCapStyle.FlatCap)
    to_dc = view.lines([geo.great_circle(HAVANA, WASHINGTON, 32)])
    stroke(c, to_dc, INK, 3.5, dash=[3, 2], cap=Qt.PenCapStyle.FlatCap)
    for lonlat, _, _ in MISSILE_SITES:
        missile_site(c, view.at(*lonlat))
    for lonlat, en, ru, dx, dy, align in (
            (WASHINGTON, "Washington", "Вашингтон", -20, -30, "right"),
            (HAVANA, "Havana", "Гавана", -18, 4, "right"),
            ((-80.19, 25.77), "Miami", "Майами", 20, -34, "left")):
        city(c, view, lang, lonlat, en, ru, dx, dy, align, bold=lonlat == WASHINGTON, on=PAPER)
    mid = view.at(-79.6, 31.0)
    halo_text(c, mid.x() + 14, mid.y(), tr(lang, "≈ 1,800 km", "≈ 1800 км"),
              font(NOTE_PX + 2, bold=True), INK, SEA, "left", halo=10)
    point = view.at(-99.0, 36.0)
    halo_text(c, point.x(), point.y(), tr(lang, "R-12 range ≈ 2,000 km",
                                          "Дальность Р-12 ≈ 2000 км"),
              font(NOTE_PX + 2, bold=True), RED, PAPER, "center", halo=12)
    point = view.at(-66.0, 25.0)
    halo_text(c, point.x(), point.y(), tr(lang, "“Quarantine” line", "Линия «карантина»"),
              font(NOTE_PX + 2, bold=True), BLUE, SEA, "center", halo=10)
    c.p.restore()
    frame(c, view)

    # The left column: the Florida Straits, close up.
    inset = QRectF(M, 640, SIDE, 620)
    close = MapView.fit(geo.azimuthal(-81.9, 23.9), inset,
                        [(-83.6, 22.5), (-80.2, 22.5), (-83.6, 25.3), (-80.2, 25.3)])
    draw_base(c, close, unit_colours(fills))
    c.p.save()
    c.p.setClipRect(inset)
    for lonlat, _, _ in MISSILE_SITES[:2]:
        missile_site(c, close.at(*lonlat))
    kw, coast = close.at(*KEY_WEST), close.at(-81.72, 23.17)
    path = QPainterPath(kw)
    path.lineTo(coast)
    stroke(c, path, RED, 5, dash=[3, 2], cap=Qt.PenCapStyle.FlatCap)
    for lonlat, en, ru, dx, dy, align in (
            (KEY_WEST, "Key West", "Ки-Уэст", -18, -50, "right"),
            (HAVANA, "Havana", "Гавана", -16, -56, "right")):
        city(c, close, lang, lonlat, en, ru, dx, dy, align, on=PAPER)
    mid = QPointF((kw.x() + coast.x()) / 2, (kw.y() + coast.y()) / 2)
    halo_text(c, mid.x() + 22, mid.y() - 50, tr(lang, "≈ 145 km", "≈ 145 км"),
              font(LABEL_PX, bold=True), RED, SEA, "left", halo=10)
    halo_text(c, mid.x() + 22, mid.y() + 2, tr(lang, "(90 miles)", "(90 миль)"),
              font(NOTE_PX + 2), RED, SEA, "left", halo=10)
    c.p.restore()
    c.rect(inset, None, RULE, 3)

    y = TOP
    missile_site(c, QPointF(M + 20, y + 26))
    y = side_block(c, y - 4, tr(lang, "Soviet missile sites: San Cristóbal, Guanajay, Sagua "
                                      "la Grande, Remedios",
                                "Советские ракетные позиции: Сан-Кристобаль, Гуанахай, "
                                "Сагуа-ла-Гранде, Ремедиос"),
                   size=NOTE_PX + 2, x=M + 60, width=SIDE - 60) + 24
    line_sample(c, M, y + 24, 44, BLUE, 7, [2.5, 1.5])
    y = side_block(c, y - 4, tr(lang, "US naval “quarantine”, announced 22 October 1962 "
                                      "(line approximate)",
                                "Морской «карантин» США, объявлен 22 октября 1962 года "
                                "(линия приблизительна)"),
                   size=NOTE_PX + 2, x=M + 60, width=SIDE - 60) + 24
    source(c, tr(lang, "Borders: Natural Earth 1:50m", "Границы: Natural Earth 1:50m"))


# --- Land-only maps of Russia and the USSR ----------------------------------------------

def land_map(c: Canvas, view: MapView) -> None:
    """Land without any borders: today's would be anachronistic."""
    atlas = geo.atlas()
    c.p.save()
    c.p.setClipRect(view.rect, Qt.ClipOperation.IntersectClip)
    c.rect(view.rect, SEA)
    fill(c, view.area(atlas.land_rings()), LAND)
    stroke(c, view.lines(atlas.land_rings()), COAST, 1.6)
    c.p.restore()


@drawing("intervention-1918-1920", W, H)
def intervention(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "American troops in Russia, 1918–1920",
                "Американские войска в России, 1918–1920"))
    rect = map_rect()
    view = MapView.fit(geo.albers(80, 58, 45, 65), rect,
                       [(17, 58), (40, 71), (136, 41), (152, 50), (30, 44), (100, 77),
                        (80, 43), (155, 58), (142, 38)])
    land_map(c, view)
    c.p.save()
    c.p.setClipRect(rect)
    for lonlat in ((37.0, 66.8), (132.0, 43.9)):
        point = view.at(*lonlat)
        c.circle(point.x(), point.y(), 95, None, BLUE, 6)
    city(c, view, lang, (30.32, 59.94), "Petrograd", "Петроград", -18, -2, "right")
    city(c, view, lang, (37.62, 55.75), "Moscow", "Москва", 18, -4, bold=True)
    city(c, view, lang, (33.08, 68.97), "Murmansk", "Мурманск", -18, -40, "right",
         on=SEA)
    city(c, view, lang, (40.54, 64.54), "Arkhangelsk", "Архангельск", 20, -2)
    city(c, view, lang, (131.89, 43.12), "Vladivostok", "Владивосток", -18, 6, "right")
    for lonlat, n in (((47.5, 68.2), 1), ((140.0, 47.5), 2)):
        geo.number_badge(c, view.at(*lonlat), n, BLUE_PALE, INK, 30)
    c.p.restore()
    frame(c, view)

    y = TOP
    for n, head, body in (
            (1, tr(lang, "North Russia", "Север России"),
             tr(lang, "Arkhangelsk and Murmansk: about 5,000 American troops, September "
                      "1918 – summer 1919",
                "Архангельск и Мурманск: около 5000 американских военных, с сентября "
                "1918 до лета 1919")),
            (2, tr(lang, "Siberia", "Сибирь"),
             tr(lang, "Vladivostok: about 8,000 American troops, August 1918 – April 1920",
                "Владивосток: около 8000 американских военных, с августа 1918 по апрель "
                "1920"))):
        y = numbered_item(c, y, n, BLUE_PALE, head, body)
    y = side_block(c, y, tr(lang, "Part of the Allied intervention during the Russian "
                                  "Civil War.",
                            "Часть интервенции союзников в годы Гражданской войны в "
                            "России."), size=NOTE_PX + 2, colour=INK_SOFT)
    source(c, tr(lang, "Coastlines: Natural Earth 1:50m", "Берега: Natural Earth 1:50m"))


FACTORIES: list[tuple[LonLat, str, str, str, str]] = [
    ((43.86, 56.24), "Nizhny Novgorod", "Нижний Новгород",
     "Car plant built with Ford; opened January 1932",
     "Автозавод, построенный с Ford; открыт в январе 1932"),
    ((44.58, 48.78), "Stalingrad", "Сталинград",
     "Tractor plant designed by Albert Kahn’s firm of Detroit, 1930",
     "Тракторный завод по проекту фирмы Альберта Кана из Детройта, 1930"),
    ((61.40, 55.16), "Chelyabinsk", "Челябинск",
     "Tractor plant designed by Kahn’s firm",
     "Тракторный завод по проекту фирмы Кана"),
    ((58.98, 53.41), "Magnitogorsk", "Магнитогорск",
     "Steelworks by Arthur McKee & Co. of Cleveland, modelled on US Steel’s works at Gary, "
     "Indiana; first iron 1932",
     "Металлургический комбинат фирмы Arthur McKee & Co. (Кливленд) по образцу завода US Steel "
     "в Гэри (Индиана); первый чугун в 1932"),
    ((35.09, 47.87), "Dnieper dam", "Днепрогэс",
     "Consulting engineer Hugh Cooper; opened 1932",
     "Консультант — инженер Хью Купер; открыта в 1932"),
]


@drawing("factories-1929-1932", W, H)
def factories(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "American firms build Soviet industry, 1929–1932",
                "Американские фирмы на стройках пятилетки, 1929–1932"))
    rect = map_rect()
    view = MapView.fit(geo.albers(48, 52, 45, 58), rect,
                       [(29, 46), (66, 56), (42, 59), (46, 44.5)])
    land_map(c, view)
    c.p.save()
    c.p.setClipRect(rect)
    city(c, view, lang, (37.62, 55.75), "Moscow", "Москва", -18, -40, "right", bold=True)
    for n, (lonlat, en, ru, _, _) in enumerate(FACTORIES, start=1):
        point = view.at(*lonlat)
        geo.number_badge(c, point, n, GOLD_PALE, INK, 30)
        dy = -86 if en == "Chelyabinsk" else 36
        halo_text(c, point.x(), point.y() + dy, tr(lang, en, ru), font(NOTE_PX + 2), INK,
                  LAND, "center", halo=11)
    c.p.restore()
    frame(c, view)
    y = TOP
    width = rect.left() - M - 60
    for n, (_, en, ru, note_en, note_ru) in enumerate(FACTORIES, start=1):
        y = numbered_item(c, y, n, GOLD_PALE, tr(lang, en, ru), tr(lang, note_en, note_ru),
                          width=width, gaps=(4, 30))
    source(c, tr(lang, "Coastlines: Natural Earth 1:50m", "Берега: Natural Earth 1:50m"))


# --- Korea, 1950-1953 -------------------------------------------------------------------

MIG_ALLEY: Ring = [(124.3, 39.75), (124.4, 40.05), (125.0, 40.4), (125.8, 40.8), (126.6, 41.25),
                   (126.95, 41.0), (126.6, 40.3), (125.9, 39.75), (125.5, 39.55), (124.8, 39.6)]


@drawing("korea-1950-1953", W, H)
def korea(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "The Korean War, 1950–1953", "Корейская война, 1950–1953"))
    rect = map_rect()
    view = MapView.fit(geo.azimuthal(127.5, 38.3), rect,
                       [(123.0, 33.0), (131.5, 43.3), (123.0, 43.3), (131.5, 33.0)])
    fills = {"North Korea": RED_PALE, "South Korea": BLUE_PALE}
    draw_base(c, view, unit_colours(fills))
    atlas = geo.atlas()
    c.p.save()
    c.p.setClipRect(rect)
    mig = view.area([MIG_ALLEY])
    hatch(c, mig, RED, 14, 4)
    stroke(c, mig, RED, 3, dash=[3, 2])
    parallel = view.lines([[(121.0, 38.0), (133.0, 38.0)]], densify=0.2)
    stroke(c, parallel, INK, 4, dash=[4, 3], cap=Qt.PenCapStyle.FlatCap)
    stroke(c, view.lines(atlas.shared(["North Korea"], ["South Korea"])), INK, 8)
    yalu = [[p for p in arc if p[0] < 128.1]
            for arc in atlas.shared(["North Korea"], ["China"])]
    stroke(c, view.lines([a for a in yalu if len(a) > 1]), BLUE, 6)
    city(c, view, lang, (125.75, 39.03), "Pyongyang", "Пхеньян", 18, -4, on=RED_PALE)
    city(c, view, lang, (126.98, 37.57), "Seoul", "Сеул", 18, 0, on=BLUE_PALE)
    for lonlat, en, ru, colour, on in (
            ((124.2, 38.55), "38th parallel", "38-я параллель", INK, SEA),
            ((125.15, 40.95), "MiG Alley", "«Аллея МиГов»", RED, PAPER),
            ((126.0, 41.75), "Yalu", "Ялу", BLUE, PAPER),
            ((126.3, 43.0), "China", "Китай", INK, OTHER),
            ((130.9, 42.9), "USSR", "СССР", INK, OTHER),
            ((130.9, 37.6), "Sea of Japan", "Японское море", INK_SOFT, SEA),
            ((128.0, 36.3), "South Korea", "Южная Корея", INK, BLUE_PALE),
            ((127.6, 40.1), "North Korea", "Северная Корея", INK, RED_PALE)):
        point = view.at(*lonlat)
        halo_text(c, point.x(), point.y() - 24, tr(lang, en, ru),
                  font(LABEL_PX if colour != INK_SOFT else NOTE_PX + 2, bold=colour in (RED, BLUE)),
                  colour, on, "center", halo=12)
    c.p.restore()
    frame(c, view)

    y = TOP
    for sample, en, ru in (
            ((INK, 4, True), "38th parallel: the line between North and South before the "
                             "war",
             "38-я параллель: граница Севера и Юга до войны"),
            ((INK, 8, False), "Armistice line, July 1953 (about today’s border)",
             "Линия перемирия, июль 1953 (примерно нынешняя граница)"),
            ((BLUE, 6, False), "The Yalu river: the border with China",
             "Река Ялу: граница с Китаем")):
        colour_, width, dashed = sample
        y = line_key(c, y, colour_, width, tr(lang, en, ru),
                     dash=[4, 3] if dashed else None) + 26
    swatch(c, M, y, PAPER, hatch_colour=RED)
    y = side_block(c, y - 4, tr(lang, "“MiG Alley”: here Soviet pilots, in secret, fought "
                                      "American aircraft",
                                "«Аллея МиГов»: здесь советские лётчики тайно воевали с "
                                "американской авиацией"),
                   size=NOTE_PX + 2, x=M + 96, width=SIDE - 96) + 26
    source(c, tr(lang, "Borders: Natural Earth 1:50m", "Границы: Natural Earth 1:50m"))


# --- The U-2, 1 May 1960 ----------------------------------------------------------------

PESHAWAR: LonLat = (71.58, 34.01)
SVERDLOVSK: LonLat = (60.6, 56.84)
BODO: LonLat = (14.40, 67.28)


@drawing("u2-1960", W, H)
def u2(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "The U-2 flight, 1 May 1960", "Полёт U-2, 1 мая 1960"))
    rect = map_rect()
    view = MapView.fit(geo.azimuthal(45, 53), rect,
                       [(10.0, 69.0), (78.0, 29.5), (12.0, 51.0), (84.0, 58.0), (44, 71)])
    draw_base(c, view, unit_colours({"USSR": RED_PALE}), germany=(OTHER, OTHER))
    c.p.save()
    c.p.setClipRect(rect)
    flown = view.lines([geo.great_circle(PESHAWAR, SVERDLOVSK)])
    stroke(c, flown, INK, 7)
    planned = view.lines([geo.great_circle(SVERDLOVSK, BODO)])
    stroke(c, planned, INK, 5, dash=[2.5, 2], cap=Qt.PenCapStyle.FlatCap)
    city(c, view, lang, PESHAWAR, "Peshawar", "Пешавар", -18, -4, "right", on=OTHER)
    city(c, view, lang, BODO, "Bodø", "Будё", -18, -50, "right", on=OTHER)
    city(c, view, lang, (37.62, 55.75), "Moscow", "Москва", -18, -4, "right",
         on=RED_PALE)
    point = view.at(*SVERDLOVSK)
    for dx, dy in ((1, 1), (1, -1)):
        path = QPainterPath(QPointF(point.x() - 22 * dx, point.y() - 22 * dy))
        path.lineTo(point.x() + 22 * dx, point.y() + 22 * dy)
        stroke(c, path, PAPER, 16)
        stroke(c, path, RED, 9)
    halo_text(c, point.x() + 36, point.y() - 30, tr(lang, "Sverdlovsk", "Свердловск"),
              font(LABEL_PX, bold=True), INK, RED_PALE, "left", halo=12)
    for lonlat, en, ru in (((52.0, 48.5), "USSR", "СССР"),):
        p = view.at(*lonlat)
        c.text(p.x(), p.y(), tr(lang, en, ru), font(56, bold=True), INK, "center",
               on=RED_PALE)
    c.p.restore()
    frame(c, view)

    y = TOP
    y = line_key(c, y, INK, 7, tr(lang, "Francis Gary Powers flew from Peshawar (Pakistan) "
                                        "across the USSR…",
                                  "Фрэнсис Гэри Пауэрс вылетел из Пешавара (Пакистан) "
                                  "через СССР…")) + 26
    y = line_key(c, y, INK, 5, tr(lang, "…towards Bodø (Norway)",
                                  "…в сторону Будё (Норвегия)"), dash=[2.5, 2]) + 26
    y = side_block(c, y, tr(lang, "He was shot down near Sverdlovsk by a Soviet "
                                  "surface-to-air missile.",
                            "Его самолёт сбила советская зенитная ракета под "
                            "Свердловском."), size=NOTE_PX + 2, bold=True)
    source(c, tr(lang, "Route simplified · borders simplified",
                 "Маршрут и границы упрощены"))


# --- Chernobyl, 26 April 1986 -----------------------------------------------------------

CHERNOBYL: LonLat = (30.10, 51.39)
FORSMARK: LonLat = (18.17, 60.40)


@drawing("chernobyl-1986", W, H)
def chernobyl(c: Canvas, lang: str | None) -> None:
    km = round(geo.distance_km(CHERNOBYL, FORSMARK), -1)
    title(c, tr(lang, "Chernobyl, 26 April 1986", "Чернобыль, 26 апреля 1986"))
    rect = map_rect()
    view = MapView.fit(geo.azimuthal(26, 55), rect,
                       [(9.0, 62.5), (41.0, 57.0), (12.0, 48.0), (36.0, 47.5)])
    draw_base(c, view, unit_colours({"USSR": RED_PALE}), germany=(OTHER, OTHER))
    c.p.save()
    c.p.setClipRect(rect)
    line = view.lines([geo.great_circle(CHERNOBYL, FORSMARK)])
    stroke(c, line, INK, 4, dash=[3, 2], cap=Qt.PenCapStyle.FlatCap)
    city(c, view, lang, (30.52, 50.45), "Kyiv", "Киев", 18, -2, on=RED_PALE)
    city(c, view, lang, (37.62, 55.75), "Moscow", "Москва", -18, -2, "right", on=RED_PALE)
    city(c, view, lang, FORSMARK, "Forsmark", "Форсмарк", -18, -44, "right", bold=True,
         on=OTHER)
    point = view.at(*CHERNOBYL)
    c.circle(point.x(), point.y(), 22, RED, PAPER, 5)
    halo_text(c, point.x() - 34, point.y() - 40, tr(lang, "Chernobyl", "Чернобыль"),
              font(LABEL_PX, bold=True), RED, PAPER, "right", halo=14)
    mid = view.at(24.5, 56.2)
    label = tr(lang, f"≈ {km:,.0f} km", f"≈ {km:.0f} км")
    halo_text(c, mid.x() + 20, mid.y(), label, font(LABEL_PX, bold=True), INK, SEA, "left",
              halo=12)
    for lonlat, en, ru, on in (((14.8, 59.2), "Sweden", "Швеция", OTHER),
                               ((33.0, 53.6), "USSR", "СССР", RED_PALE),
                               ((19.5, 52.0), "Poland", "Польша", OTHER)):
        p = view.at(*lonlat)
        halo_text(c, p.x(), p.y(), tr(lang, en, ru), font(LABEL_PX), INK_SOFT, on, "center",
                  halo=10)
    c.p.restore()
    frame(c, view)

    y = TOP
    y = side_block(c, y, tr(lang, "26 April", "26 апреля"), bold=True, colour=RED)
    y = side_block(c, y, tr(lang, "A reactor of the Chernobyl nuclear power plant "
                                  "explodes.",
                            "Взрыв реактора на Чернобыльской АЭС."), size=NOTE_PX + 2) + 40
    y = side_block(c, y, tr(lang, "28 April", "28 апреля"), bold=True, colour=RED)
    y = side_block(c, y, tr(lang, f"Raised radiation is detected at Forsmark in Sweden, "
                                  f"{label[2:]} away, before Moscow has announced "
                                  f"anything.",
                            f"На шведской АЭС Форсмарк, в {km:.0f} км от Чернобыля, "
                            f"фиксируют повышенную радиацию. Москва ещё ничего не "
                            f"сообщила."),
                   size=NOTE_PX + 2)
    source(c, tr(lang, "Borders simplified", "Границы упрощены"))


# --- The ARA feeds ten million ----------------------------------------------------------


@drawing("ara-ten-million", W, H)
def famine_relief(c: Canvas, lang: str | None) -> None:
    title(c, tr(lang, "Ten million people fed every day", "Десять миллионов человек в день"))
    cols, rows, step = 20, 5, 96
    x0, y0 = (c.w - (cols - 1) * step) / 2, 420
    for i in range(cols * rows):
        c.circle(x0 + (i % cols) * step, y0 + (i // cols) * step, 33, BLUE)
    y = y0 + rows * step + 40
    c.circle(x0, y + 30, 33, BLUE)
    c.text(x0 + 66, y, tr(lang, "= 100,000 people fed each day, summer 1922",
                          "= 100 000 человек, получавших еду каждый день, лето 1922"),
           font(LABEL_PX + 4), INK)
    c.block(QRectF(x0 - 33, y + 120, c.w - 2 * (x0 - 33), 300),
            tr(lang, "At its height the American Relief Administration (ARA) fed about ten "
                     "million people a day in Soviet Russia’s famine.",
               "В разгар работы Американская администрация помощи (АРА) кормила около "
               "десяти миллионов человек в день в охваченной голодом Советской России."),
            font(LABEL_PX), INK)
    source(c, tr(lang, "H. H. Fisher, The Famine in Soviet Russia, 1919–1923 (1927)",
                 "H. H. Fisher, The Famine in Soviet Russia, 1919–1923 (1927)"), 2000)


def main() -> None:
    names = set(sys.argv[1:])
    for draw in (europe_1949, europe_1989, fifteen_states, lend_lease, cuba, intervention,
                 factories, korea, u2, chernobyl, famine_relief):
        if not names or draw.__name__ in names:
            for lang in ("en", "ru"):
                draw(lang)


if __name__ == "__main__":
    main()
