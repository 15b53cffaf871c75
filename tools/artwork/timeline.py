"""A horizontal timeline with two-language labels, used by several panels."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from canvas import (
    BLUE,
    BLUE_PALE,
    GREY,
    INK,
    INK_SOFT,
    RED,
    RED_PALE,
    RULE,
    Canvas,
    canvas,
    font,
    width_of,
)
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFont

SIDE_COLOURS = {"su": RED, "us": BLUE, "both": INK}


@dataclass(frozen=True)
class Event:
    at: float  # position on the axis: a year with its fraction, or a day number
    when: str  # the bold date line, kept language-neutral (years, day numbers)
    en: str
    ru: str
    side: str = "both"  # "su", "us" or "both" (joint or international)
    flip: bool | None = None  # force the label to the left (True) or right (False) of its line


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    en: str
    ru: str
    side: str = "both"


@dataclass
class Timeline:
    name: str
    title_en: str
    title_ru: str
    start: float
    end: float
    ticks: list[tuple[float, str]]
    events: list[Event]
    spans: list[Span] = field(default_factory=list)
    note: str = ""
    label_width: float = 520  # longest label line, in pixels at 1350 px high
    su_label: str = "Soviet Union · СССР"
    size: tuple[int, int] = (2400, 1500)


def draw(t: Timeline) -> None:
    width, height = t.size
    with canvas(t.name, width, height) as c:
        scale = width / 2400  # type sizes follow the width; extra height is room for labels
        margin = 110 * scale
        top = c.heading(t.title_en, t.title_ru, margin, size=70 * scale)
        left, right = margin + 20 * scale, width - margin - 20 * scale
        axis_y = top + (height - top - margin) * 0.53

        def x_of(value: float) -> float:
            return left + (value - t.start) / (t.end - t.start) * (right - left)

        for span in t.spans:
            pale = {"su": RED_PALE, "us": BLUE_PALE}.get(span.side, RULE)
            x1, x2 = x_of(span.start), x_of(span.end)
            band = 26 * scale
            c.rect(QRectF(x1, axis_y - band / 2, x2 - x1, band), pale)
            c.text((x1 + x2) / 2, axis_y + 66 * scale, f"{span.en} · {span.ru}",
                   font(30 * scale, italic=True), INK_SOFT, align="center")
        c.line(left, axis_y, right, axis_y, INK, 4 * scale)
        for value, label in t.ticks:
            x = x_of(value)
            c.line(x, axis_y - 12 * scale, x, axis_y + 12 * scale, INK, 3 * scale)
            c.text(x, axis_y + 20 * scale, label, font(34 * scale, bold=True), INK_SOFT,
                   align="center")

        f_when = font(42 * scale, bold=True)
        f_en = font(38 * scale)
        f_ru = font(34 * scale, italic=True)
        line_h = 50 * scale
        max_w = t.label_width * 1.25 * scale
        pad, gap, step = 16 * scale, 22 * scale, 8 * scale
        room = {-1: axis_y - top - 10 * scale, 1: height - margin - 30 * scale - axis_y}
        boxes: dict[int, list[tuple[float, float, float, float]]] = {-1: [], 1: []}
        lines: dict[int, list[tuple[float, float]]] = {-1: [], 1: []}
        # Labels left of the middle run rightwards and are placed latest first; labels right
        # of it run leftwards and are placed earliest first, so later labels sit further
        # out and leader lines rarely need to cross one.
        middle = (left + right) / 2
        ordered = sorted(t.events, key=lambda e: e.at)
        ordered = ([e for e in reversed(ordered) if x_of(e.at) < middle]
                   + [e for e in ordered if x_of(e.at) >= middle])
        for index, event in enumerate(ordered):
            x = x_of(event.at)
            en_lines = wrap(event.en, f_en, max_w)
            ru_lines = wrap(event.ru, f_ru, max_w)
            box_w = max([width_of(f_when, event.when)]
                        + [width_of(f_en, s) for s in en_lines]
                        + [width_of(f_ru, s) for s in ru_lines]) + 14 * scale + pad
            box_h = line_h * (1 + len(en_lines) + len(ru_lines))
            flip = (x >= middle and x - box_w > margin * 0.6) or x + box_w > right + margin * 0.6
            if event.flip is not None:
                flip = event.flip
            x0, x1 = (x - box_w, x) if flip else (x, x + box_w)
            preferred = -1 if index % 2 == 0 else 1

            def clash(direction: int, d: float, strict: bool, x: float = x, x0: float = x0,
                      x1: float = x1, box_h: float = box_h) -> bool:
                for a, b, d0, d1 in boxes[direction]:
                    if not (x1 + pad < a or x0 - pad > b) and not (d + box_h + gap < d0
                                                                  or d - gap > d1):
                        return True
                    if strict and a - pad <= x <= b + pad and d0 < d:
                        return True
                return strict and any(x0 - pad <= lx <= x1 + pad and ld > d - gap
                                      for lx, ld in lines[direction])

            choice = None
            for strict in (True, False):
                found = []
                for order, direction in enumerate((preferred, -preferred)):
                    d = (48 if direction < 0 else 120) * scale
                    while d + box_h <= room[direction]:
                        if not clash(direction, d, strict):
                            found.append((d, order, direction))
                            break
                        d += step
                if found:
                    choice = min(found)
                    if not strict:
                        print(f"{t.name}: the line to '{event.en}' crosses a label",
                              file=sys.stderr)
                    break
            if choice is None:
                raise SystemExit(f"{t.name}: no room for the label {event.en!r}")
            d, _, direction = choice
            boxes[direction].append((x0, x1, d, d + box_h))
            lines[direction].append((x, d))
            box_top = axis_y - d - box_h if direction < 0 else axis_y + d
            tip = axis_y - d + 4 * scale if direction < 0 else axis_y + d - 4 * scale
            colour = SIDE_COLOURS[event.side]
            c.line(x, axis_y, x, tip, colour, 2.5 * scale)
            c.circle(x, axis_y, 13 * scale, colour, INK, 0)
            text_x = x - 14 * scale if flip else x + 14 * scale
            align = "right" if flip else "left"
            c.text(text_x, box_top, event.when, f_when, colour, align)
            y = box_top + line_h
            for part in en_lines:
                c.text(text_x, y, part, f_en, INK, align)
                y += line_h
            for part in ru_lines:
                c.text(text_x, y, part, f_ru, INK_SOFT, align)
                y += line_h

        _legend(c, t, margin, scale)


def _legend(c: Canvas, t: Timeline, margin: float, scale: float) -> None:
    sides = {e.side for e in t.events}
    entries = [(RED, t.su_label, "su"), (BLUE, "United States · США", "us"),
               (INK, "Both or international · Обе стороны", "both")]
    f = font(30 * scale)
    x = margin
    y = c.h - margin * 0.6 - 34 * scale
    for colour, label, side in entries:
        if side not in sides:
            continue
        c.circle(x + 11 * scale, y + 18 * scale, 11 * scale, colour)
        x += 32 * scale + c.text(x + 32 * scale, y, label, f, INK_SOFT) + 50 * scale
    if t.note:
        c.text(c.w - margin, y, t.note, font(30 * scale, italic=True), GREY, align="right")



def wrap(text: str, f: QFont, max_width: float) -> list[str]:
    """Word wrap within ``max_width``, then narrowed so the lines come out balanced."""
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


def _greedy(text: str, f: QFont, max_width: float) -> list[str]:
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and width_of(f, trial) > max_width:
            out.append(current)
            current = word
        else:
            current = trial
    if current:
        out.append(current)
    return out
