"""Schematic maps and diagrams. Deliberately stylised: shapes are simplified by hand and
tile maps are not to scale, so nothing here pretends to a surveyor's precision."""

from __future__ import annotations

import math

from canvas import (
    BLUE,
    BLUE_PALE,
    GOLD,
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

SEA = QColor("#dfe4e6")
LAND = QColor("#efe7d6")

# Outlines as (longitude, latitude), simplified by hand from general-reference maps.
FLORIDA = [(-86.5, 31.5), (-86.5, 30.35), (-85.4, 29.68), (-84.9, 29.7), (-84.3, 30.0),
           (-83.7, 29.9), (-83.3, 29.4), (-82.8, 29.0), (-82.75, 28.3), (-82.8, 27.8),
           (-82.6, 27.3), (-82.2, 26.7), (-81.8, 26.1), (-81.3, 25.6), (-81.0, 25.15),
           (-80.45, 25.2), (-80.3, 25.6), (-80.1, 26.1), (-80.05, 26.7), (-80.2, 27.3),
           (-80.5, 28.0), (-80.6, 28.6), (-80.9, 29.2), (-81.25, 29.9), (-81.4, 30.6),
           (-81.3, 31.5)]
CUBA = [(-84.95, 21.86), (-84.4, 22.3), (-83.9, 22.75), (-83.2, 22.95), (-82.6, 23.05),
        (-82.36, 23.14), (-81.6, 23.15), (-81.1, 23.2), (-80.3, 22.98), (-79.6, 22.65),
        (-78.6, 22.4), (-77.8, 22.05), (-77.2, 21.6), (-76.4, 21.25), (-75.6, 21.05),
        (-74.9, 20.65), (-74.15, 20.22), (-74.6, 20.05), (-75.6, 19.92), (-76.6, 19.95),
        (-77.7, 19.85), (-77.15, 20.4), (-77.8, 20.7), (-78.7, 21.5), (-79.5, 21.65),
        (-80.45, 22.05), (-81.1, 22.1), (-81.6, 22.2), (-82.0, 22.6), (-82.6, 22.7),
        (-83.4, 22.2), (-84.2, 21.9)]
KEYS = [(-80.55, 25.05), (-80.8, 24.88), (-81.1, 24.74), (-81.4, 24.66), (-81.78, 24.56)]


def cuba() -> None:
    with canvas("cuba-florida-1962.png", 2400, 1350) as c:
        lon0, lon1, lat0, lat1 = -85.6, -73.8, 19.4, 30.4
        frame = QRectF(1000, 60, 1340, 1230)
        k = min(frame.width() / ((lon1 - lon0) * math.cos(math.radians(25))),
                frame.height() / (lat1 - lat0))

        def at(lon: float, lat: float) -> QPointF:
            return QPointF(frame.left() + (lon - lon0) * math.cos(math.radians(25)) * k,
                           frame.top() + (lat1 - lat) * k)

        c.rect(frame, SEA)
        c.p.save()
        c.p.setClipRect(frame)
        for outline in (FLORIDA, CUBA):
            c.p.setPen(QPen(INK_SOFT, 3))
            c.p.setBrush(LAND)
            c.p.drawPolygon(QPolygonF([at(*point) for point in outline]))
        for lon, lat in KEYS:
            point = at(lon, lat)
            c.circle(point.x(), point.y(), 7, LAND, INK_SOFT, 3)
        youth = at(-82.8, 21.7)
        c.circle(youth.x(), youth.y(), 26, LAND, INK_SOFT, 3)
        c.p.restore()
        c.rect(frame, None, RULE, 3)

        key_west, coast = at(-81.78, 24.56), at(-81.6, 23.16)
        pen = QPen(RED, 6, Qt.PenStyle.DashLine)
        c.p.setPen(pen)
        c.p.drawLine(key_west, coast)
        mid = (key_west + coast) / 2
        c.text(mid.x() + 30, mid.y() - 62, "≈ 145 km", font(50, bold=True), RED)
        c.text(mid.x() + 30, mid.y() - 2, "≈ 90 miles · миль", font(40), RED)

        for lon, lat, en, ru, dx, dy, align in (
                (-82.36, 23.13, "Havana", "Гавана", -10, 14, "right"),
                (-81.78, 24.56, "Key West", "Ки-Уэст", -24, -40, "right"),
                (-80.19, 25.77, "Miami", "Майами", 22, -40, "left")):
            point = at(lon, lat)
            c.circle(point.x(), point.y(), 12, INK, PAPER, 3)
            c.text(point.x() + dx, point.y() + dy, en, font(40, bold=True), INK, align)
            c.text(point.x() + dx, point.y() + dy + 50, ru, font(34, italic=True), INK_SOFT,
                   align)
        for lon, lat, en, ru in ((-81.3, 27.9, "FLORIDA", "ФЛОРИДА"),
                                 (-78.2, 21.2, "CUBA", "КУБА")):
            point = at(lon, lat)
            c.text(point.x(), point.y() - 40, en, font(46, bold=True), INK_SOFT, "center")
            c.text(point.x(), point.y() + 14, ru, font(38, italic=True), INK_SOFT, "center")
        for lon, lat, en, ru in ((-84.0, 26.9, "Gulf of Mexico", "Мексиканский залив"),
                                 (-76.6, 27.8, "Atlantic Ocean", "Атлантический океан")):
            point = at(lon, lat)
            c.text(point.x(), point.y(), en, font(36, italic=True), GREY, "center")
            c.text(point.x(), point.y() + 46, ru, font(32, italic=True), GREY, "center")
        # Washington lies far off the top edge of the map: show the direction only.
        arrow_x = at(-79.2, 30.4).x()
        c.line(arrow_x, frame.top() + 210, arrow_x, frame.top() + 40, INK, 5)
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.setBrush(INK)
        c.p.drawPolygon(QPolygonF([QPointF(arrow_x, frame.top() + 20),
                                   QPointF(arrow_x - 20, frame.top() + 56),
                                   QPointF(arrow_x + 20, frame.top() + 56)]))
        c.text(arrow_x + 30, frame.top() + 60, "Washington ≈ 1 800 km", font(36, bold=True), INK)
        c.text(arrow_x + 30, frame.top() + 108, "Вашингтон ≈ 1 800 км", font(32, italic=True),
               INK_SOFT)

        margin = 110
        c.text(margin, 100, "Ninety miles", font(80, serif=True, bold=True), INK)
        c.text(margin, 210, "Девяносто миль", font(52, italic=True), INK_SOFT)
        c.text(margin, 330, "October 1962", font(52, bold=True), RED)
        c.text(margin, 400, "Октябрь 1962", font(44, italic=True), INK_SOFT)
        c.block(QRectF(margin, 520, 820, 400),
                "Soviet missiles on Cuba could reach much of the United States within minutes.",
                font(42), INK)
        c.block(QRectF(margin, 760, 820, 400),
                "Советские ракеты на Кубе могли за считаные минуты достичь большей части США.",
                font(38, italic=True), INK_SOFT)
        c.text(margin, c.h - 120, "Schematic map · Схематичная карта", font(30), GREY)


# Tile map of Europe: (column, row, English, Russian). Not to scale; neighbours stay near.
TILES = {
    "NOR": (4, 0, "Norway", "Норвегия"), "SWE": (5, 0, "Sweden", "Швеция"),
    "FIN": (6, 0, "Finland", "Финляндия"), "IRL": (1, 1, "Ireland", "Ирландия"),
    "GBR": (2, 1, "United\nKingdom", "Велико-\nбритания"), "DNK": (4, 1, "Denmark", "Дания"),
    "EST": (7, 1, "Estonia", "Эстония"), "BEL": (2, 2, "Belgium", "Бельгия"),
    "NLD": (3, 2, "Nether-\nlands", "Нидер-\nланды"), "FRG": (4, 2, "West\nGermany", "ФРГ"),
    "GDR": (5, 2, "East\nGermany", "ГДР"), "POL": (6, 2, "Poland", "Польша"),
    "LVA": (7, 2, "Latvia", "Латвия"), "FRA": (2, 3, "France", "Франция"),
    "CHE": (3, 3, "Switzer-\nland", "Швейцария"), "AUT": (4, 3, "Austria", "Австрия"),
    "CSK": (5, 3, "Czecho-\nslovakia", "Чехо-\nсловакия"), "HUN": (6, 3, "Hungary", "Венгрия"),
    "LTU": (7, 3, "Lithuania", "Литва"), "PRT": (0, 4, "Portugal", "Португалия"),
    "ESP": (1, 4, "Spain", "Испания"), "ITA": (3, 4, "Italy", "Италия"),
    "YUG": (5, 4, "Yugo-\nslavia", "Юго-\nславия"), "ROU": (6, 4, "Romania", "Румыния"),
    "ALB": (4, 5, "Albania", "Албания"), "GRC": (5, 5, "Greece", "Греция"),
    "BGR": (6, 5, "Bulgaria", "Болгария"), "TUR": (7, 5, "Turkey", "Турция"),
}
BLOC = {"POL", "GDR", "CSK", "HUN", "ROU", "BGR", "ALB"}
BALTIC = {"EST", "LVA", "LTU"}
NATO_1949 = {"NOR", "DNK", "GBR", "NLD", "BEL", "FRA", "ITA", "PRT"}
NATO_1989 = NATO_1949 | {"GRC", "TUR", "FRG", "ESP"}
FELL_1989 = {"POL", "GDR", "CSK", "HUN", "ROU", "BGR"}


def europe(year: int) -> None:
    with canvas(f"europe-{year}.png", 3200, 2000) as c:
        margin, tile, gap = 140, 212, 12
        if year == 1949:
            c.heading("Europe divided, 1949", "Разделённая Европа, 1949", margin)
        else:
            c.heading("1989: communist rule ends in Eastern Europe",
                      "1989: конец коммунистического правления в Восточной Европе", margin)
        x0, y0, tall = margin, 380, 236
        nato = NATO_1949 if year == 1949 else NATO_1989

        def box(col: float, row: float, cols: float = 1, rows: float = 1) -> QRectF:
            return QRectF(x0 + col * (tile + gap), y0 + row * (tall + gap),
                          cols * (tile + gap) - gap, rows * (tall + gap) - gap)

        ussr = box(8, 0, 1.6, 6)
        c.rect(ussr, RED, None, radius=10)
        c.text(ussr.center().x(), ussr.center().y() - 60, "USSR", font(56, bold=True), PAPER,
               "center")
        c.text(ussr.center().x(), ussr.center().y() + 10, "СССР", font(50, italic=True), PAPER,
               "center")
        if year == 1989:
            c.text(ussr.center().x(), ussr.center().y() + 110, "1991", font(50, bold=True),
                   PAPER, "center")
        for code, (col, row, en, ru) in TILES.items():
            r = box(col, row)
            if code in BALTIC:
                fill, text = RED, PAPER
            elif code in BLOC:
                fill, text = RED_PALE, INK
            elif code == "YUG":
                fill, text = PAPER_DARK, INK
            elif code in nato:
                fill, text = BLUE_PALE, INK
            else:
                fill, text = PAPER_DARK, INK_SOFT
            c.rect(r, fill, RED if code == "YUG" else None, 5, radius=10)
            _tile_text(c, r, en, ru, text)
            mark = ""
            if year == 1989 and code in FELL_1989:
                mark = "1989"
            elif year == 1989 and code in BALTIC:
                mark = "1991"
            if mark:
                c.text(r.center().x(), r.bottom() - 50, mark, font(36, bold=True),
                       RED if code not in BALTIC else PAPER, "center")
        _curtain(c, box)

        legend = [(RED, "Soviet Union (with the Baltic states, annexed in 1940)",
                   "СССР (с прибалтийскими республиками, присоединёнными в 1940 году)"),
                  (RED_PALE, "Communist states allied to Moscow",
                   "Коммунистические союзники Москвы"),
                  (PAPER_DARK, "Yugoslavia: communist, but independent of Moscow from 1948",
                   "Югославия: коммунистическая, но с 1948 года независимая от Москвы"),
                  (BLUE_PALE, "NATO members" if year == 1989 else "Founding members of NATO",
                   "Члены НАТО" if year == 1989 else "Страны — основатели НАТО")]
        lx, ly = x0 + 9.9 * (tile + gap), y0
        for fill, en, ru in legend:
            c.rect(QRectF(lx, ly, 60, 60), fill, RED if fill == PAPER_DARK else None, 5, 8)
            used = c.block(QRectF(lx + 90, ly - 4, c.w - lx - 90 - margin * 0.6, 300), en,
                           font(34), INK)
            used += c.block(QRectF(lx + 90, ly + used, c.w - lx - 90 - margin * 0.6, 300), ru,
                            font(30, italic=True), INK_SOFT)
            ly += max(used, 60) + 44
        c.line(lx, ly + 30, lx + 60, ly + 30, INK, 12)
        used = c.block(QRectF(lx + 90, ly - 4, c.w - lx - 90 - margin, 200),
                       "The “Iron Curtain”", font(34), INK)
        c.block(QRectF(lx + 90, ly + used, c.w - lx - 90 - margin, 200), "«Железный занавес»",
                font(30, italic=True), INK_SOFT)
        if year == 1989:
            ly += 160
            c.text(lx, ly, "1989", font(42, bold=True), RED)
            used = c.block(QRectF(lx + 130, ly, c.w - lx - 130 - margin * 0.6, 200),
                           "The year communist rule ended", font(34), INK)
            c.block(QRectF(lx + 130, ly + used, c.w - lx - 130 - margin * 0.6, 200),
                    "Год падения коммунистического режима", font(30, italic=True), INK_SOFT)
        c.text(margin, c.h - 100, "Schematic tile map, not to scale · Схема, без соблюдения "
               "масштаба", font(30), GREY)


def _tile_text(c: Canvas, r: QRectF, en: str, ru: str, colour: QColor) -> None:
    lines = [(part, font(31, bold=True), 40) for part in en.split("\n")]
    lines += [(part, font(28, italic=True), 36) for part in ru.split("\n")]
    y = r.top() + 18
    for text, f, step in lines:
        c.text(r.center().x(), y, text, f, colour, "center")
        y += step


def _curtain(c: Canvas, box) -> None:  # type: ignore[no-untyped-def]
    """The frontier between Moscow's states and the rest, drawn along shared tile edges."""
    east = BLOC | BALTIC
    cells = {(col, row): code for code, (col, row, _, _) in TILES.items()}
    for (col, row), code in cells.items():
        if code not in east:
            continue
        for dc, dr in ((1, 0), (-1, 0), (0, 1), (0, -1)):
            other = cells.get((col + dc, row + dr))
            if other is None or other in east:
                continue
            r = box(col, row)
            half = 6
            if dc == -1:
                c.line(r.left() - half, r.top() - half, r.left() - half, r.bottom() + half, INK, 12)
            elif dc == 1:
                c.line(r.right() + half, r.top() - half, r.right() + half, r.bottom() + half,
                       INK, 12)
            elif dr == -1:
                c.line(r.left() - half, r.top() - half, r.right() + half, r.top() - half, INK, 12)
            else:
                c.line(r.left() - half, r.bottom() + half, r.right() + half, r.bottom() + half,
                       INK, 12)


# The fifteen republics, placed roughly as on a map.
REPUBLICS = [
    (0, 0, "Estonia", "Эстония"), (0, 1, "Latvia", "Латвия"), (0, 2, "Lithuania", "Литва"),
    (1, 2, "Belarus", "Беларусь"), (0, 3, "Moldova", "Молдова"), (1, 3, "Ukraine", "Украина"),
    (1, 4, "Georgia", "Грузия"), (2, 4, "Azerbaijan", "Азербайджан"),
    (1, 5, "Armenia", "Армения"), (3, 4, "Turkmenistan", "Туркменистан"),
    (4, 4, "Uzbekistan", "Узбекистан"), (5, 4, "Kyrgyzstan", "Кыргызстан"),
    (4, 5, "Tajikistan", "Таджикистан"),
]


def republics() -> None:
    with canvas("fifteen-states-1991.png", 2400, 1900) as c:
        margin, tile, gap = 110, 226, 12
        c.heading("Fifteen states, December 1991", "Пятнадцать государств, декабрь 1991",
                  margin)
        x0, y0 = 760, 380

        def box(col: float, row: float, cols: float = 1, rows: float = 1) -> QRectF:
            return QRectF(x0 + col * (tile + gap), y0 + row * (tile + gap),
                          cols * (tile + gap) - gap, rows * (tile + gap) - gap)

        russia = box(2, 0, 4, 3)
        c.rect(russia, RED, None, radius=10)
        c.text(russia.center().x(), russia.center().y() - 60, "Russia", font(60, bold=True),
               PAPER, "center")
        c.text(russia.center().x(), russia.center().y() + 20, "Россия", font(52, italic=True),
               PAPER, "center")
        kazakhstan = box(3, 3, 3, 1)
        c.rect(kazakhstan, RED_PALE, None, radius=10)
        _tile_text(c, kazakhstan.adjusted(0, 70, 0, 0), "Kazakhstan", "Казахстан", INK)
        for col, row, en, ru in REPUBLICS:
            r = box(col, row)
            c.rect(r, RED_PALE, None, radius=10)
            f_en = font(32, bold=True)
            while width_of(f_en, en) > tile - 24:
                f_en.setPixelSize(f_en.pixelSize() - 2)
            c.text(r.center().x(), r.center().y() - 44, en, f_en, INK, "center")
            f_ru = font(28, italic=True)
            while width_of(f_ru, ru) > tile - 24:
                f_ru.setPixelSize(f_ru.pixelSize() - 2)
            c.text(r.center().x(), r.center().y() + 6, ru, f_ru, INK_SOFT, "center")
        c.block(QRectF(margin, 420, 600, 600),
                "The fifteen Soviet republics became independent states.", font(40), INK)
        c.block(QRectF(margin, 640, 600, 600),
                "Пятнадцать союзных республик стали независимыми государствами.",
                font(36, italic=True), INK_SOFT)
        c.text(margin, c.h - 100, "Schematic, not to scale · Схема, без соблюдения масштаба",
               font(30), GREY)


def lend_lease() -> None:
    with canvas("lend-lease-routes.png", 2400, 1350) as c:
        margin = 110
        c.heading("Lend-Lease: three routes to the Soviet Union",
                  "Ленд-лиз: три пути в Советский Союз", margin)
        us = QPointF(380, 800)
        routes = [("Arctic convoys", "Арктические конвои", "Murmansk, Arkhangelsk",
                   "Мурманск, Архангельск", 470, QPointF(1900, 480)),
                  ("Persian Corridor", "Персидский коридор", "by sea to Iran, then overland",
                   "морем в Иран, затем по суше", 800, QPointF(1900, 800)),
                  ("Pacific route", "Тихоокеанский путь", "Vladivostok",
                   "Владивосток", 1130, QPointF(1900, 1120))]
        for en, ru, via_en, via_ru, y, end in routes:
            path = QPainterPath(us)
            path.cubicTo(QPointF(800, us.y()), QPointF(800, y), QPointF(1150, y))
            path.lineTo(end)
            c.p.setPen(QPen(GOLD, 18, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            c.p.setBrush(Qt.BrushStyle.NoBrush)
            c.p.drawPath(path)
            c.p.setPen(Qt.PenStyle.NoPen)
            c.p.setBrush(GOLD)
            c.p.drawPolygon(QPolygonF([end + QPointF(30, 0), end + QPointF(-20, -34),
                                       end + QPointF(-20, 34)]))
            c.text(1160, y - 130, en, font(46, bold=True), INK)
            c.text(1160, y - 70, ru, font(40, italic=True), INK_SOFT)
            c.text(1160, y + 30, via_en, font(36), INK_SOFT)
            c.text(1160, y + 76, via_ru, font(32, italic=True), INK_SOFT)
        c.circle(us.x(), us.y(), 150, BLUE, None)
        c.text(us.x(), us.y() - 46, "USA", font(60, bold=True), PAPER, "center")
        c.text(us.x(), us.y() + 26, "США", font(52, italic=True), PAPER, "center")
        su = QRectF(1960, 360, 320, 880)
        c.rect(su, RED, None, radius=24)
        c.text(su.center().x(), su.center().y() - 46, "USSR", font(60, bold=True), PAPER,
               "center")
        c.text(su.center().x(), su.center().y() + 26, "СССР", font(52, italic=True), PAPER,
               "center")
        c.text(margin, c.h - 100, "Diagram, not a map · Схема, не карта", font(30), GREY)


def famine_relief() -> None:
    with canvas("ara-ten-million.png", 2400, 1350) as c:
        margin = 110
        c.heading("Ten million people fed every day", "Десять миллионов человек в день", margin)
        cols, rows, step = 20, 5, 88
        x0, y0 = (c.w - (cols - 1) * step) / 2, 420
        for i in range(cols * rows):
            x = x0 + (i % cols) * step
            y = y0 + (i // cols) * step
            c.circle(x, y, 30, BLUE if i < 100 else RULE)
        legend_y = y0 + rows * step + 60
        c.circle(x0, legend_y + 24, 30, BLUE)
        c.text(x0 + 60, legend_y, "= 100 000 people fed each day, summer 1922", font(42), INK)
        c.text(x0 + 60, legend_y + 64, "= 100 000 человек, получавших еду каждый день, "
               "лето 1922 года", font(36, italic=True), INK_SOFT)
        c.text(margin, c.h - 110, "American Relief Administration (ARA), 1921–1923 · "
               "Американская администрация помощи (АРА)", font(32), GREY)


def main() -> None:
    cuba()
    europe(1949)
    europe(1989)
    republics()
    lend_lease()
    famine_relief()


if __name__ == "__main__":
    main()
