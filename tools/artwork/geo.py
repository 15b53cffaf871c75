"""True outlines for the exhibit's maps: Natural Earth 1:50m (public domain), read from the
TopoJSON of world-atlas 2.0.2 (see data/README.md), projected and drawn with QPainter.

Today's borders are merged or split into the states of the time: the fifteen Soviet
successor states are drawn as one USSR, Czechia and Slovakia as Czechoslovakia, and so on.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from canvas import Canvas, font
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

DATA = Path(__file__).resolve().parent / "data" / "countries-50m.json"
EARTH_KM = 6371.0

LonLat = tuple[float, float]
Ring = list[LonLat]

# Natural Earth's names of the states that were one state in the Cold War.
SOVIET = ("Russia", "Ukraine", "Belarus", "Moldova", "Estonia", "Latvia", "Lithuania",
          "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Uzbekistan", "Turkmenistan",
          "Kyrgyzstan", "Tajikistan")
CZECHOSLOVAK = ("Czechia", "Slovakia")
YUGOSLAV = ("Slovenia", "Croatia", "Bosnia and Herz.", "Serbia", "Montenegro", "Kosovo",
            "Macedonia")
# Cold War units of Europe: merged state -> its parts in today's map.
COLD_WAR_UNITS = {"USSR": SOVIET, "Czechoslovakia": CZECHOSLOVAK, "Yugoslavia": YUGOSLAV,
                  "Cyprus": ("Cyprus", "N. Cyprus"), "Somalia": ("Somalia", "Somaliland")}

# The inner-German border, simplified: from Lübeck Bay south along the Elbe, past the
# Harz and the Rhön, to the Czechoslovak border east of Hof.
INNER_GERMAN_BORDER: list[LonLat] = [
    (10.95, 54.06), (10.90, 53.95), (10.80, 53.70), (10.95, 53.55), (10.62, 53.38),
    (11.05, 53.22), (11.57, 53.04), (11.30, 52.90), (10.95, 52.85), (10.95, 52.55),
    (11.05, 52.22), (10.85, 52.05), (10.60, 51.90), (10.55, 51.62), (10.30, 51.45),
    (10.10, 51.22), (10.15, 50.98), (9.95, 50.85), (10.00, 50.66), (10.20, 50.47),
    (10.45, 50.38), (10.85, 50.32), (11.10, 50.33), (11.40, 50.50), (11.60, 50.40),
    (11.86, 50.42), (12.10, 50.32)]
# Closes the polygon east of the line, keeping Fehmarn (West German) outside it.
_EAST_OF_LINE: list[LonLat] = [(12.5, 50.2), (16.5, 50.2), (16.5, 56.0), (12.0, 56.0),
                               (12.0, 55.0), (11.45, 54.3)]
BERLIN: LonLat = (13.40, 52.52)


@dataclass
class Atlas:
    """Decoded TopoJSON: every arc as (lon, lat) points, and each country as arc references."""

    arcs: list[Ring]
    countries: dict[str, list[list[list[int]]]]  # name -> polygons -> rings -> arc refs
    land: list[list[list[int]]]

    def ring(self, refs: Sequence[int]) -> Ring:
        points: Ring = []
        for ref in refs:
            arc = self.arcs[ref] if ref >= 0 else self.arcs[~ref][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    def rings(self, names: Iterable[str]) -> list[Ring]:
        out: list[Ring] = []
        for name in names:
            for polygon in self.countries[name]:
                out.extend(self.ring(refs) for refs in polygon)
        return out

    def land_rings(self) -> list[Ring]:
        return [self.ring(refs) for polygon in self.land for refs in polygon]

    def borders(self, unit_of: Callable[[str], str]) -> tuple[list[Ring], list[Ring]]:
        """Arcs between two different units (borders) and arcs on one unit only (coasts).

        Arcs inside one unit (the USSR's internal borders) are in neither list; nor are the
        straight cuts along the antimeridian, which are not coasts.
        """
        users: dict[int, set[str]] = {}
        for name, polygons in self.countries.items():
            for polygon in polygons:
                for refs in polygon:
                    for ref in refs:
                        users.setdefault(ref if ref >= 0 else ~ref, set()).add(name)
        borders: list[Ring] = []
        coasts: list[Ring] = []
        for index, names in users.items():
            arc = self.arcs[index]
            if all(abs(lon) > 179.99 for lon, _ in arc):
                continue
            units = {unit_of(name) for name in names}
            if len(names) == 1:
                coasts.append(arc)
            elif len(units) > 1:
                borders.append(arc)
        return borders, coasts

    def shared(self, a: Iterable[str], b: Iterable[str]) -> list[Ring]:
        """The arcs that a country of ``a`` shares with a country of ``b``."""
        a, b = set(a), set(b)
        users: dict[int, set[str]] = {}
        for name in a | b:
            for polygon in self.countries[name]:
                for refs in polygon:
                    for ref in refs:
                        users.setdefault(ref if ref >= 0 else ~ref, set()).add(name)
        return [self.arcs[i] for i, names in sorted(users.items()) if names & a and names & b]


@cache
def atlas() -> Atlas:
    topo = json.loads(DATA.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:  # delta-encoded, quantised positions
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def polygons(geometry: dict) -> list[list[list[int]]]:  # type: ignore[type-arg]
        if geometry["type"] == "Polygon":
            return [geometry["arcs"]]
        if geometry["type"] == "MultiPolygon":
            return list(geometry["arcs"])
        return []

    countries = {g["properties"]["name"]: polygons(g)
                 for g in topo["objects"]["countries"]["geometries"]}
    land = [p for g in topo["objects"]["land"]["geometries"] for p in polygons(g)]
    return Atlas(arcs, countries, land)


def cold_war_unit(name: str) -> str:
    for unit, parts in COLD_WAR_UNITS.items():
        if name in parts:
            return unit
    return name


# --- Projections: (lon, lat) in degrees -> (x, y) on the unit sphere's plane, y up. ----

Projection = Callable[[float, float], tuple[float, float] | None]


def azimuthal(lon0: float, lat0: float, reach: float = 110) -> Projection:
    """Lambert azimuthal equal-area centred on (lon0, lat0); None beyond ``reach`` degrees."""
    l0, p0 = math.radians(lon0), math.radians(lat0)
    least_cos = math.cos(math.radians(reach))

    def project(lon: float, lat: float) -> tuple[float, float] | None:
        lam, phi = math.radians(lon) - l0, math.radians(lat)
        cos_c = math.sin(p0) * math.sin(phi) + math.cos(p0) * math.cos(phi) * math.cos(lam)
        if cos_c < least_cos:
            return None
        k = math.sqrt(2 / (1 + cos_c))
        return (k * math.cos(phi) * math.sin(lam),
                k * (math.cos(p0) * math.sin(phi) - math.sin(p0) * math.cos(phi) * math.cos(lam)))

    return project


def albers(lon0: float, lat0: float, lat1: float, lat2: float) -> Projection:
    """Albers equal-area conic: the classic projection for the USSR's wide east-west span."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c - 2 * n * math.sin(math.radians(lat0))) / n

    def project(lon: float, lat: float) -> tuple[float, float] | None:
        dl = (lon - lon0 + 180) % 360 - 180
        rho = math.sqrt(c - 2 * n * math.sin(math.radians(lat))) / n
        theta = n * math.radians(dl)
        return rho * math.sin(theta), rho0 - rho * math.cos(theta)

    return project


def equal_earth(lon0: float) -> Projection:
    """Equal Earth (Šavrič, Patterson, Jenny 2018); longitudes are taken as given, unwrapped."""
    a1, a2, a3, a4 = 1.340264, -0.081106, 0.000893, 0.003796
    m = math.sqrt(3) / 2

    def project(lon: float, lat: float) -> tuple[float, float] | None:
        theta = math.asin(m * math.sin(math.radians(lat)))
        t2 = theta * theta
        t6 = t2 * t2 * t2
        x = (2 * math.sqrt(3) * math.radians(lon - lon0) * math.cos(theta)
             / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1)))
        y = theta * (a4 * t6 * t2 + a3 * t6 + a2 * t2 + a1)
        return x, y

    return project


def distance_km(a: LonLat, b: LonLat) -> float:
    """Great-circle distance."""
    (l1, p1), (l2, p2) = (map(math.radians, a)), (map(math.radians, b))
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def great_circle(a: LonLat, b: LonLat, steps: int = 64) -> Ring:
    """Points along the shortest path from ``a`` to ``b``."""
    (l1, p1), (l2, p2) = (map(math.radians, a)), (map(math.radians, b))
    d = distance_km(a, b) / EARTH_KM
    if d == 0:
        return [a]
    out: Ring = []
    for i in range(steps + 1):
        f = i / steps
        s1, s2 = math.sin((1 - f) * d) / math.sin(d), math.sin(f * d) / math.sin(d)
        x = s1 * math.cos(p1) * math.cos(l1) + s2 * math.cos(p2) * math.cos(l2)
        y = s1 * math.cos(p1) * math.sin(l1) + s2 * math.cos(p2) * math.sin(l2)
        z = s1 * math.sin(p1) + s2 * math.sin(p2)
        out.append((math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y)))))
    return out


def destination(start: LonLat, bearing: float, km: float) -> LonLat:
    """The point ``km`` from ``start`` on the initial ``bearing`` (degrees from north)."""
    lon, lat = map(math.radians, start)
    d, b = km / EARTH_KM, math.radians(bearing)
    lat2 = math.asin(math.sin(lat) * math.cos(d) + math.cos(lat) * math.sin(d) * math.cos(b))
    lon2 = lon + math.atan2(math.sin(b) * math.sin(d) * math.cos(lat),
                            math.cos(d) - math.sin(lat) * math.sin(lat2))
    return math.degrees(lon2), math.degrees(lat2)


def circle(centre: LonLat, km: float, steps: int = 180) -> Ring:
    return [destination(centre, 360 * i / steps, km) for i in range(steps + 1)]


# --- A projected view in a rectangle of the canvas. -----------------------------------


@dataclass
class MapView:
    """A projection scaled and placed so that ``extent`` fills ``rect``."""

    project: Projection
    rect: QRectF
    k: float = 1.0
    ox: float = 0.0
    oy: float = 0.0
    wrap: bool = False  # a world map: unwrap rings across the antimeridian
    lon0: float = 0.0

    @classmethod
    def fit(cls, project: Projection, rect: QRectF, extent: Sequence[LonLat],
            wrap: bool = False, lon0: float = 0.0) -> MapView:
        """Scale so the points of ``extent`` just fit ``rect``, centred in it."""
        xy = [p for p in (project(lon, lat) for lon, lat in extent) if p is not None]
        x0, x1 = min(x for x, _ in xy), max(x for x, _ in xy)
        y0, y1 = min(y for _, y in xy), max(y for _, y in xy)
        k = min(rect.width() / (x1 - x0), rect.height() / (y1 - y0))
        ox = rect.center().x() - k * (x0 + x1) / 2
        oy = rect.center().y() + k * (y0 + y1) / 2
        return cls(project, rect, k, ox, oy, wrap, lon0)

    def at(self, lon: float, lat: float) -> QPointF:
        xy = self.project(lon, lat)
        if xy is None:
            raise ValueError(f"{lon}, {lat} is off this map's projection")
        return QPointF(self.ox + self.k * xy[0], self.oy - self.k * xy[1])

    def px_per_km(self, at: LonLat) -> float:
        a, b = self.at(*at), self.at(*destination(at, 90, 100))
        return math.hypot(a.x() - b.x(), a.y() - b.y()) / 100

    def _unwrapped(self, ring: Ring) -> list[Ring]:
        """A world map's ring as continuous longitudes, plus copies shifted by 360°."""
        out: Ring = []
        prev = None
        for lon, lat in ring:
            rel = (lon - self.lon0 + 180) % 360 - 180 if prev is None else lon - self.lon0
            if prev is not None:
                while rel - prev > 180:
                    rel -= 360
                while prev - rel > 180:
                    rel += 360
            out.append((rel + self.lon0, lat))
            prev = rel
        rels = [lon - self.lon0 for lon, _ in out]
        copies = [out]
        if max(rels) > 180:
            copies.append([(lon - 360, lat) for lon, lat in out])
        if min(rels) < -180:
            copies.append([(lon + 360, lat) for lon, lat in out])
        return copies

    def polygon(self, ring: Ring) -> QPolygonF | None:
        points = [self.project(lon, lat) for lon, lat in ring]
        if any(p is None for p in points):
            return None
        return QPolygonF([QPointF(self.ox + self.k * x, self.oy - self.k * y)
                          for x, y in points])  # type: ignore[misc]

    def area(self, rings: Iterable[Ring]) -> QPainterPath:
        """The filled area of polygons' rings (holes by the odd-even rule)."""
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in rings:
            for copy in self._unwrapped(ring) if self.wrap else [ring]:
                polygon = self.polygon(copy)
                if polygon is not None:
                    path.addPolygon(polygon)
                    path.closeSubpath()
        return path

    def lines(self, lines: Iterable[Ring], densify: float = 0.0) -> QPainterPath:
        """Open polylines; ``densify`` (degrees) adds points so straight runs follow the
        projection's curves."""
        path = QPainterPath()
        for line in lines:
            for copy in self._unwrapped(line) if self.wrap else [line]:
                if densify:
                    copy = _densified(copy, densify)
                started = False
                for lon, lat in copy:
                    xy = self.project(lon, lat)
                    if xy is None:
                        started = False
                        continue
                    point = QPointF(self.ox + self.k * xy[0], self.oy - self.k * xy[1])
                    if started:
                        path.lineTo(point)
                    else:
                        path.moveTo(point)
                        started = True
        return path

    def outline(self) -> QPainterPath:
        """A world map's edge: the meridians 180° either side of the centre."""
        ring = ([(self.lon0 - 180, lat) for lat in range(-90, 91)]
                + [(self.lon0 + 180, lat) for lat in range(90, -91, -1)])
        path = QPainterPath()
        polygon = self.polygon(ring)
        if polygon is not None:
            path.addPolygon(polygon)
        return path


def _densified(line: Ring, step: float) -> Ring:
    out: Ring = []
    for (x1, y1), (x2, y2) in zip(line, line[1:], strict=False):
        n = max(1, math.ceil(max(abs(x2 - x1), abs(y2 - y1)) / step))
        out.extend((x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n) for i in range(n))
    out.append(line[-1])
    return out


def germany_split(view: MapView) -> tuple[QPainterPath, QPainterPath]:
    """Germany cut along the inner-German border: (west, east), Berlin included in the east."""
    germany = view.area(atlas().rings(["Germany"]))
    east_side = view.area([INNER_GERMAN_BORDER + _EAST_OF_LINE])
    east = germany.intersected(east_side)
    west = germany.subtracted(east_side)
    return west, east


# --- Drawing. --------------------------------------------------------------------------


def fill(c: Canvas, path: QPainterPath, colour: QColor) -> None:
    """Fill with a hairline of the same colour, so neighbouring fills leave no seam."""
    c.p.setPen(QPen(colour, 1.2))
    c.p.setBrush(colour)
    c.p.drawPath(path)


def stroke(c: Canvas, path: QPainterPath, colour: QColor, width: float,
           dash: Sequence[float] | None = None, cap: Qt.PenCapStyle = Qt.PenCapStyle.RoundCap
           ) -> None:
    pen = QPen(colour, width)
    pen.setCapStyle(cap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dash:
        pen.setDashPattern(list(dash))
    c.p.setPen(pen)
    c.p.setBrush(Qt.BrushStyle.NoBrush)
    c.p.drawPath(path)


def hatch(c: Canvas, path: QPainterPath, colour: QColor, spacing: float = 16,
          width: float = 4) -> None:
    """Diagonal lines across an area, for a state that sits between two categories."""
    box = path.boundingRect()
    c.p.save()
    c.p.setClipPath(path, Qt.ClipOperation.IntersectClip)
    pen = QPen(colour, width)
    c.p.setPen(pen)
    span = box.width() + box.height()
    x = box.left() - box.height()
    while x < box.left() + span:
        c.p.drawLine(QPointF(x, box.bottom()), QPointF(x + box.height(), box.top()))
        x += spacing
    c.p.restore()


def halo_text(c: Canvas, x: float, y: float, s: str, f: QFont, colour: QColor, on: QColor,
              align: str = "left", halo: float = 0.0) -> float:
    """A label with a rim of ``on`` behind it, so borders and lines never run through it."""
    if halo:
        metrics = QFontMetricsF(f)
        width = metrics.horizontalAdvance(s)
        left = x - width / 2 if align == "center" else x - width if align == "right" else x
        outline = QPainterPath()
        outline.addText(QPointF(left, y + metrics.ascent()), f, s)
        stroker = QPainterPathStroker()
        stroker.setWidth(halo)
        stroker.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        c.p.setPen(Qt.PenStyle.NoPen)
        c.p.setBrush(on)
        c.p.drawPath(stroker.createStroke(outline).united(outline))
    return c.text(x, y, s, f, colour, align, on)


def marker(c: Canvas, point: QPointF, r: float, fill_colour: QColor, ring: QColor,
           width: float = 4) -> None:
    c.circle(point.x(), point.y(), r, fill_colour, ring, width)


def number_badge(c: Canvas, point: QPointF, n: int, colour: QColor, ink: QColor, r: float = 30
                 ) -> None:
    """A numbered disc that a list beside the map explains."""
    c.circle(point.x(), point.y(), r, colour, ink, 4)
    f = font(max(36.0, r * 1.25), bold=True)
    c.text(point.x(), point.y() - f.pixelSize() * 0.69, str(n), f, ink, "center", on=colour)


def arrowhead(c: Canvas, tip: QPointF, towards_from: QPointF, size: float, colour: QColor
              ) -> None:
    """A filled triangle at ``tip`` pointing away from ``towards_from``."""
    dx, dy = tip.x() - towards_from.x(), tip.y() - towards_from.y()
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    base = QPointF(tip.x() - ux * size, tip.y() - uy * size)
    c.p.setPen(Qt.PenStyle.NoPen)
    c.p.setBrush(colour)
    c.p.drawPolygon(QPolygonF([tip, QPointF(base.x() - uy * size * 0.6, base.y() + ux * size * 0.6),
                               QPointF(base.x() + uy * size * 0.6, base.y() - ux * size * 0.6)]))
