"""A horizontal timeline in one language, and the exhibition's shared layout for charts.

Every chart and timeline of the exhibit uses the same grid: a 2400 x 1500 canvas (16:10),
a 120 px margin, the title at the top left, labels of one size, and a short note (a source
or a caveat) at the bottom left. Events are dots on the axis with a label on a leader
line; periods are pale bands on the axis, labelled like events.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from canvas import (
    BLUE,
    BLUE_PALE,
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
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QLinearGradient

# The charts' and timelines' margin and title on the exhibition grid (W x H, canvas.py).
MARGIN = 120
TITLE_PX = 72
LINE_H = 50  # one label line

SIDE_COLOURS = {"su": RED, "us": BLUE, "both": INK}
PALE_COLOURS = {"su": RED_PALE, "us": BLUE_PALE, "both": RULE}

MONTHS_EN = [calendar.month_name[m] for m in range(1, 13)]
MONTHS_RU = ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
             "сентябрь", "октябрь", "ноябрь", "декабрь"]
MONTHS_RU_OF = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря"]
MONTHS_EN_SHORT = [calendar.month_abbr[m] for m in range(1, 13)]
MONTHS_RU_SHORT = ["янв.", "февр.", "март", "апр.", "май", "июнь", "июль", "авг.", "сент.",
                   "окт.", "нояб.", "дек."]


def day(d: int, m: int, y: int | None = None) -> tuple[str, str]:
    """``("15 March 1917", "15 марта 1917")``; without a year, day and month only."""
    year = f" {y}" if y else ""
    return f"{d} {MONTHS_EN[m - 1]}{year}", f"{d} {MONTHS_RU_OF[m - 1]}{year}"


def month(m: int, y: int) -> tuple[str, str]:
    """``("March 1917", "Март 1917")``."""
    return f"{MONTHS_EN[m - 1]} {y}", f"{MONTHS_RU[m - 1].capitalize()} {y}"


def when(y: int, m: int = 7, d: int = 1) -> float:
    """A date as a fractional year, for placing it on a year axis."""
    start = (m - 1) * 30.44 + d - 0.5
    return y + start / 365.25


def in_year(m: int, d: int = 15) -> float:
    """A date as months from 1 January (0..12), for a one-year axis."""
    return m - 1 + (d - 0.5) / calendar.monthrange(2001, m)[1]


@dataclass(frozen=True)
class Event:
    at: float  # position on the axis: a fractional year, month or day
    when: tuple[str, str]  # the date line in English and Russian
    en: str
    ru: str
    side: str = "both"  # "su", "us" or "both" (joint or international)
    place: str = ""  # "up" or "down" forces the label to that side of the axis


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    when: tuple[str, str]
    en: str
    ru: str
    side: str = "both"
    place: str = ""
    fade: bool = False  # the period runs on past the band's end


@dataclass(frozen=True)
class Ticks:
    marks: list[float]  # tick positions
    labels: list[tuple[float, str, str]]  # position, English, Russian


def years(first: int, last: int, step: int = 1) -> Ticks:
    marks = [float(y) for y in range(first, last + 1, step)]
    return Ticks(marks, [(m, str(int(m)), str(int(m))) for m in marks])


def months() -> Ticks:
    """Month boundaries 0..12, each month's short name centred in it."""
    return Ticks([float(m) for m in range(13)],
                 [(m + 0.5, MONTHS_EN_SHORT[m], MONTHS_RU_SHORT[m]) for m in range(12)])


@dataclass
class Timeline:
    stem: str
    title: tuple[str, str]
    start: float
    end: float
    ticks: Ticks
    events: list[Event | Span]
    su: tuple[str, str] = ("Soviet Union", "Советский Союз")
    us: tuple[str, str] = ("United States", "США")
    note: tuple[str, str] = ("", "")
    label_width: float = 460  # the longest label line, in pixels
    lanes: bool = False  # Soviet events above the axis, American ones below
    scale: list[tuple[float, float]] = field(default_factory=list)  # (value, 0..1) anchors
    axis_at: float = 0.5  # the axis's height, as a fraction of the room below the title


def register(t: Timeline) -> None:
    drawing(t.stem, W, H)(lambda c, lang: draw(c, t, lang))


@dataclass
class Placed:
    x0: float
    x1: float
    d0: float  # distance of the label's near edge from the axis
    d1: float
    stem_x: float


def draw(c: Canvas, t: Timeline, lang: str | None) -> None:
    top = c.heading(tr(lang, *t.title), MARGIN, TITLE_PX) + 20
    bottom = footer(c, lang, t)
    left, right = MARGIN + 30, W - MARGIN - 30
    axis_y = top + (bottom - top) * t.axis_at

    anchors = t.scale or [(t.start, 0.0), (t.end, 1.0)]

    def x_of(value: float) -> float:
        for (v0, f0), (v1, f1) in zip(anchors, anchors[1:], strict=False):
            if value <= v1 or (v1, f1) == anchors[-1]:
                f = f0 + (value - v0) / (v1 - v0) * (f1 - f0)
                return left + f * (right - left)
        raise AssertionError

    room = {-1: axis_y - top, 1: bottom - axis_y}
    labels, spots = place_labels(t, lang, x_of, room, (left - 60, right + 60))
    # Centre the drawing (labels, axis, tick labels) in the room below the title.
    above = max([d + lb.h for lb, (side, _, d) in zip(labels, spots, strict=True)
                 if side < 0] + [0.0])
    below = max([d + lb.h for lb, (side, _, d) in zip(labels, spots, strict=True)
                 if side > 0] + [70.0])
    axis_y = top + above + (bottom - top - above - below) / 2
    for item in t.events:
        if isinstance(item, Span):
            band(c, x_of(item.start), x_of(item.end), axis_y, item, right)
    c.line(left, axis_y, right, axis_y, INK, 4)
    tick_font = font(NOTE_PX, bold=True)
    for mark in t.ticks.marks:
        c.line(x_of(mark), axis_y - 12, x_of(mark), axis_y + 12, INK, 3)
    stems = draw_labels(c, lang, labels, spots, axis_y)
    tick_labels(c, [(x_of(at), tr(lang, en, ru)) for at, en, ru in t.ticks.labels],
                axis_y + 22, tick_font, stems)


def tick_labels(c: Canvas, ticks: list[tuple[float, str]], y: float, f: QFont,
                stems: list[float]) -> None:
    """The ticks' labels, each moved off a leader line running down through it, or left
    out where it would then run into a neighbour."""
    spans = [(x - width_of(f, s) / 2, x + width_of(f, s) / 2) for x, s in ticks]
    last = -1e9
    for i, (x, s) in enumerate(ticks):
        half = width_of(f, s) / 2
        after = spans[i + 1][0] if i + 1 < len(ticks) else 1e9
        for trial in (x, *[stem + side * (half + 10) for stem in stems for side in (1, -1)
                           if abs(stem - x) < half + 10]):
            clear = all(abs(stem - trial) >= half + 10 for stem in stems)
            if clear and trial - half > last + 24 and trial + half < after - 24:
                c.text(trial, y, s, f, INK_SOFT, "center")
                last = trial + half
                break


def band(c: Canvas, x1: float, x2: float, axis_y: float, span: Span, right: float) -> None:
    pale = PALE_COLOURS[span.side]
    rect = QRectF(x1, axis_y - 14, x2 - x1, 28)
    c.rect(rect, pale)
    if span.fade:
        gradient = QLinearGradient(x2, 0, min(right, x2 + 160), 0)
        gradient.setColorAt(0, pale)
        gradient.setColorAt(1, QColor(PAPER))
        c.p.fillRect(QRectF(x2, axis_y - 14, min(right, x2 + 160) - x2, 28), gradient)


def footer(c: Canvas, lang: str | None, t: Timeline) -> float:
    """The note and the legend of sides, on one line if they fit; returns the y above."""
    f = font(NOTE_PX)
    y = c.note_top(MARGIN)
    sides = [e.side for e in t.events]
    entries = [("su", tr(lang, *t.su)), ("us", tr(lang, *t.us)),
               ("both", tr(lang, "Both, or international", "Обе стороны, международное"))]
    shown = [(side, label) for side, label in entries if side in sides]
    note = tr(lang, *t.note)
    legend_w = sum(36 + width_of(f, label) + 56 for _, label in shown) - 56
    if len(shown) > 1:
        x = W - MARGIN - legend_w
        two_rows = bool(note) and width_of(f, note) + 80 > x - MARGIN
        if two_rows:
            x = MARGIN
        for side, label in shown:
            c.circle(x + 12, y + NOTE_PX * 0.7, 12, SIDE_COLOURS[side])
            x += 36 + c.text(x + 36, y, label, f, INK_SOFT) + 56
        if two_rows:
            y -= NOTE_PX * 1.5
    if note:
        c.text(MARGIN, y, note, f, INK_SOFT)
    return y - NOTE_PX * 0.8


@dataclass
class Label:
    item: Event | Span
    x: float
    date: str
    lines: list[str]
    w: float
    h: float
    sides: list[int]  # the sides of the axis it may go on: -1 above, 1 below
    leftward_first: bool


def place_labels(t: Timeline, lang: str | None, x_of,  # type: ignore[no-untyped-def]
                 room: dict[int, float], bounds: tuple[float, float]
                 ) -> tuple[list[Label], list[tuple[int, bool, float]]]:
    """Put each label beside its leader line, as close to the axis as the others allow.

    Labels left of the middle run rightwards and are placed latest first; labels right of
    it run leftwards and are placed earliest first, so that later labels sit further out
    and no leader line crosses a label. Which side of the axis each label takes is
    searched for: the layout with the shortest leader lines wins.
    """
    f_when, f_text = font(LABEL_PX, bold=True), font(LABEL_PX)
    middle = (bounds[0] + bounds[1]) / 2

    def anchor(item: Event | Span) -> float:
        return x_of(item.start) if isinstance(item, Span) else x_of(item.at)

    items = sorted(t.events, key=anchor)
    ordered = ([e for e in reversed(items) if anchor(e) < middle]
               + [e for e in items if anchor(e) >= middle])
    labels = []
    for item in ordered:
        x = anchor(item)
        date = tr(lang, *item.when)
        lines = wrap(tr(lang, item.en, item.ru), f_text, t.label_width)
        w = max([width_of(f_when, date)] + [width_of(f_text, s) for s in lines]) + 16
        if t.lanes and item.side in ("su", "us"):
            sides = [-1] if item.side == "su" else [1]
        elif item.place:
            sides = [-1] if item.place == "up" else [1]
        else:
            sides = [-1, 1]
        labels.append(Label(item, x, date, lines, w, LINE_H * (1 + len(lines)), sides,
                            x >= middle))

    best: list[tuple[float, list[tuple[int, bool, float]]]] = []
    budget = [300_000]  # search nodes; the best layout found by then is kept

    def search(i: int, placed: dict[int, list[Placed]], score: float,
               chosen: list[tuple[int, bool, float]]) -> None:
        budget[0] -= 1
        if (best and score >= best[0][0]) or budget[0] < 0:
            return
        if i == len(labels):
            best[:] = [(score, list(chosen))]
            return
        label = labels[i]
        options = []
        for side in label.sides:
            for leftward in (label.leftward_first, not label.leftward_first):
                for d, penalty in nearest(label, placed[side], room[side], side, bounds,
                                          leftward):
                    options.append((d + penalty, side, leftward, d))
        for cost, side, leftward, d in sorted(options):
            x0, x1 = box_x(label, leftward)
            placed[side].append(Placed(x0, x1, d, d + label.h, label.x))
            chosen.append((side, leftward, d))
            search(i + 1, placed, score + cost, chosen)
            chosen.pop()
            placed[side].pop()

    search(0, {-1: [], 1: []}, 0.0, [])
    if not best:
        raise SystemExit(f"{t.stem} ({lang}): no room for every label: "
                         + ", ".join(f"{round(lb.x)}:{lb.h}:{lb.item.en[:20]}" for lb in labels))
    return labels, best[0][1]


def draw_labels(c: Canvas, lang: str | None, labels: list[Label],
                spots: list[tuple[int, bool, float]], axis_y: float) -> list[float]:
    """Draw the labels where the layout put them; returns where lines run down."""
    f_when, f_text = font(LABEL_PX, bold=True), font(LABEL_PX)
    down = []  # where leader lines run down across the tick labels
    for label, (side, leftward, d) in zip(labels, spots, strict=True):
        if side > 0:
            down.append(label.x)
        x, item = label.x, label.item
        colour = SIDE_COLOURS[item.side]
        box_top = axis_y - d - label.h if side < 0 else axis_y + d
        tip = axis_y - d - label.h + 6 if side < 0 else axis_y + d + label.h - 10
        c.line(x, axis_y, x, tip, colour, 3)
        if isinstance(item, Span):
            c.line(x, axis_y - 20, x, axis_y + 20, colour, 5)
        else:
            c.circle(x, axis_y, 13, colour, PAPER, 3)
        text_x, align = (x - 16, "right") if leftward else (x + 16, "left")
        c.text(text_x, box_top, label.date, f_when, colour, align)
        y = box_top + LINE_H
        for part in label.lines:
            c.text(text_x, y, part, f_text, INK, align)
            y += LINE_H
    return down


GAP_X, GAP_Y = 30, 18
NEAR = {-1: 36.0, 1: 84.0}  # below the axis, clear of the tick labels


def box_x(label: Label, leftward: bool) -> tuple[float, float]:
    return (label.x - label.w, label.x + 8) if leftward else (label.x - 8, label.x + label.w)


def nearest(label: Label, others: list[Placed], room: float, side: int,
            bounds: tuple[float, float], leftward: bool) -> list[tuple[float, float]]:
    """Free spots on one side, (distance, penalty): the closest, and one a level further."""
    x0, x1 = box_x(label, leftward)
    if x0 < bounds[0] or x1 > bounds[1]:
        return []
    penalty = 0.0 if leftward == label.leftward_first else 80.0
    spots: list[tuple[float, float]] = []
    candidates = {NEAR[side], NEAR[side] + 2 * LINE_H + GAP_Y} | \
        {o.d1 + GAP_Y + 1 for o in others} | {o.d1 + 1 for o in others}
    for d in sorted(candidates):
        if d < NEAR[side] or d + label.h > room:
            continue
        if spots and d < spots[0][0] + 2 * LINE_H:
            continue
        if fits(others, label.x, x0, x1, d, label.h, GAP_X, GAP_Y):
            spots.append((d, penalty))
            if len(spots) == 2:
                break
    return spots


def fits(others: list[Placed], x: float, x0: float, x1: float, d: float, h: float,
         gap_x: float, gap_y: float) -> bool:
    for o in others:
        if x1 + gap_x > o.x0 and x0 - gap_x < o.x1 and d + h + gap_y > o.d0 \
                and d - gap_y < o.d1:
            return False  # the labels overlap
        if o.x0 - 14 <= x <= o.x1 + 14 and o.d0 < d + h:
            return False  # this leader line would cross that label
        if x0 - 14 <= o.stem_x <= x1 + 14 and o.d1 > d:
            return False  # that leader line would cross this label
    return True


def wrap(text: str, f: QFont, max_width: float) -> list[str]:
    """Word wrap within ``max_width``, then narrowed so the lines come out balanced.

    A no-break space keeps its neighbours together (Russian: before a dash).
    """
    lines = _greedy(text, f, max_width)
    if len(lines) < 2:
        return lines
    narrow = max_width
    while narrow > 60:
        trial = _greedy(text, f, narrow - 10)
        if len(trial) > len(lines):
            break
        narrow -= 10
        lines = trial
    return lines


GLUED = re.compile(r"^(I|II|III|\d{1,3})[,:;.)]*$")


def words(text: str) -> list[str]:
    """Words to wrap, a numeral kept with the name before it (Pershing II, Flight 007)."""
    out: list[str] = []
    for word in text.split(" "):
        if out and GLUED.match(word) and out[-1][:1].isupper():
            out[-1] += "\u00a0" + word
        else:
            out.append(word)
    return out


def _greedy(text: str, f: QFont, max_width: float) -> list[str]:
    out: list[str] = []
    current = ""
    for word in words(text):
        trial = f"{current} {word}".strip()
        if current and width_of(f, trial) > max_width:
            out.append(current)
            current = word
        else:
            current = trial
    if current:
        out.append(current)
    return out


def chart_frame(c: Canvas, lang: str | None, title: tuple[str, str],
                note: tuple[str, str] = ("", "")) -> tuple[float, float]:
    """The title and the bottom note of a chart; returns the top and bottom of its body."""
    top = c.heading(tr(lang, *title), MARGIN, TITLE_PX) + 20
    bottom = c.note_top(MARGIN)
    text = tr(lang, *note)
    if text:
        c.footer(text, MARGIN)
        bottom -= NOTE_PX * 1.5
    return top, bottom - 10

