"""Whether every text on a screen at rest is shown whole: found in the window's items.

The walk goes through the visual tree from the window's content item. Invisible (or fully
transparent) items are skipped with everything inside them, and so is any other item
lying wholly outside the window (the pager keeps its neighbouring pages ready there). A
visible, non-empty Text item then does not fit when it is:

- ``shortened``: elided, or cut to ``maximumLineCount`` lines (its ``truncated``);
- ``cut``: its painted text runs past the window or past an ancestor that clips (a Text
  wholly outside the window, in something that is on screen, was pushed out of it);
- ``scroll``: it lies, wholly or in part, outside the visible part of a Flickable that
  scrolls vertically, so a visitor must scroll to read it.

Texts of a strip that scrolls sideways (the era timeline: a horizontal view of items
narrower than itself, with a cue when there is more) are not judged, on screens where it
scrolls and where it happens to fit alike; nor are texts inside an item named in
:data:`FIT_EXEMPT_NAMES`. A sideways view whose items are as wide as itself is a pager:
its items are screens and are judged as any other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QRectF
from PySide6.QtQml import QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

# objectNames of items whose texts are never judged: screens that are not the exhibit's
# (e.g. "staffOverlay", were its texts ever visible during a render).
FIT_EXEMPT_NAMES: frozenset[str] = frozenset()
TOLERANCE_PX = 1.0  # antialiasing and rounding, not overflow
SHOWN_OPACITY = 0.01  # anything fainter is not seen
_FAR = 1e9  # beyond any screen: a scroller's content goes on above and below

Kind = Literal["shortened", "cut", "scroll"]
# Qt::AlignmentFlag values, as QML hands them over.
_ALIGN_RIGHT, _ALIGN_HCENTER = 0x2, 0x4
_ALIGN_BOTTOM, _ALIGN_VCENTER = 0x40, 0x80
_LIST_HORIZONTAL = 1  # ListView.Horizontal
_FLICK_HORIZONTAL = 1  # Flickable.HorizontalFlick


@dataclass(frozen=True)
class TextProblem:
    """A text on screen that is not shown whole, and roughly how much of it is missing."""

    text: str  # as the item holds it (before eliding)
    kind: Kind
    hidden: float | None  # share of the text not shown (0–1); None when it can't be told
    object_name: str = ""


@dataclass(frozen=True)
class _Context:
    """What the ancestors of an item impose on it."""

    limit: QRectF  # the window, narrowed by every clipping ancestor
    viewport: QRectF | None  # the visible part of the nearest vertical scroller


def fit_problems(window: QQuickWindow, engine: QQmlEngine) -> list[TextProblem]:
    """Every visible text in ``window`` that is not shown whole, in tree order."""
    bounds = QRectF(0, 0, window.width(), window.height())
    inside = bounds.adjusted(TOLERANCE_PX, TOLERANCE_PX, -TOLERANCE_PX, -TOLERANCE_PX)
    problems: list[TextProblem] = []
    stack: list[tuple[QQuickItem, _Context]] = [(window.contentItem(), _Context(bounds, None))]
    while stack:
        item, context = stack.pop()
        if not item.isVisible() or item.opacity() < SHOWN_OPACITY:
            continue  # nor anything inside it
        if item.objectName() in FIT_EXEMPT_NAMES:
            continue
        rect = item.mapRectToScene(item.boundingRect())
        is_text = item.inherits("QQuickText")
        if not is_text and not rect.isEmpty() and not rect.intersects(inside):
            continue
        if is_text:
            problem = _judge(item, engine, context)
            if problem is not None:
                problems.append(problem)
        children = [(child, _inner(item, child, rect, context, engine))
                    for child in item.childItems()]
        stack.extend((child, ctx) for child, ctx in reversed(children) if ctx is not None)
    return problems


def _inner(item: QQuickItem, child: QQuickItem, rect: QRectF, context: _Context,
           engine: QQmlEngine) -> _Context | None:
    """What ``item`` imposes on ``child``; None when the child is not judged at all."""
    if item.inherits("QQuickFlickable") and child == item.property("contentItem"):
        return _content(item, rect, context)
    flickable = item.parentItem()
    if (flickable is not None and flickable.inherits("QQuickFlickable")
            and item == flickable.property("contentItem")
            and _sideways_only(flickable, engine)
            and child.width() < flickable.width() - TOLERANCE_PX):
        return None  # one item of a strip that scrolls sideways
    if item.clip():
        return _Context(context.limit.intersected(rect), context.viewport)
    return context


def _content(flickable: QQuickItem, rect: QRectF, context: _Context) -> _Context:
    """Inside a Flickable: what lies above or below a vertical scroller's visible part
    needs scrolling rather than being cut off."""
    if _scrolls_vertically(flickable):
        visible = context.limit.intersected(rect)
        if context.viewport is not None:
            visible = visible.intersected(context.viewport)
        limit = context.limit
        unbounded = QRectF(limit.x(), -_FAR, limit.width(), 2 * _FAR)
        return _Context(unbounded, visible)
    if flickable.clip():
        return _Context(context.limit.intersected(rect), context.viewport)
    return context


def _scrolls_vertically(flickable: QQuickItem) -> bool:
    return float(flickable.property("contentHeight")) > flickable.height() + TOLERANCE_PX


def _sideways_only(flickable: QQuickItem, engine: QQmlEngine) -> bool:
    """A strip that scrolls sideways (or would, given more): overflowing only sideways,
    a horizontal ListView, or a Flickable set to flick only horizontally."""
    if _scrolls_vertically(flickable):
        return False
    if float(flickable.property("contentWidth")) > flickable.width() + TOLERANCE_PX:
        return True
    value = engine.toScriptValue(flickable)
    if flickable.inherits("QQuickListView"):
        return value.property("orientation").toInt() == _LIST_HORIZONTAL
    return value.property("flickableDirection").toInt() == _FLICK_HORIZONTAL


def _judge(item: QQuickItem, engine: QQmlEngine, context: _Context) -> TextProblem | None:
    text = item.property("text")
    if not isinstance(text, str) or not text.strip():
        return None
    name = item.objectName()
    if item.property("truncated"):
        return TextProblem(text, "shortened", _elided_share(item), name)
    painted = item.mapRectToScene(_painted_rect(item, engine))
    limit = context.limit
    if item.clip():
        limit = limit.intersected(item.mapRectToScene(item.boundingRect()))
    if not _contains(limit, painted):
        return TextProblem(text, "cut", _outside_share(painted, limit), name)
    if context.viewport is not None and not _contains(context.viewport, painted):
        return TextProblem(text, "scroll", _outside_share(painted, context.viewport), name)
    return None


def _painted_rect(item: QQuickItem, engine: QQmlEngine) -> QRectF:
    """Where the text's glyphs are, in the item's own coordinates."""
    # PySide cannot convert QQuickText's alignment enums; QML's view of them is an int.
    value = engine.toScriptValue(item)
    halign = value.property("effectiveHorizontalAlignment").toInt()
    valign = value.property("verticalAlignment").toInt()
    left, right = float(item.property("leftPadding")), float(item.property("rightPadding"))
    top, bottom = float(item.property("topPadding")), float(item.property("bottomPadding"))
    width = float(item.property("contentWidth"))
    height = float(item.property("contentHeight"))
    spare_x = item.width() - left - right - width
    spare_y = item.height() - top - bottom - height
    x = left + (spare_x if halign & _ALIGN_RIGHT else spare_x / 2 if halign & _ALIGN_HCENTER
                else 0.0)
    y = top + (spare_y if valign & _ALIGN_BOTTOM else spare_y / 2 if valign & _ALIGN_VCENTER
               else 0.0)
    return QRectF(x, y, width, height)


def _contains(limit: QRectF, painted: QRectF) -> bool:
    return limit.adjusted(-TOLERANCE_PX, -TOLERANCE_PX, TOLERANCE_PX,
                          TOLERANCE_PX).contains(painted)


def _outside_share(painted: QRectF, limit: QRectF) -> float | None:
    """How much of the painted text lies outside ``limit``, along the way it overflows."""
    shown = painted.intersected(limit)
    if shown.isEmpty():
        return None  # pushed out whole by the texts shown with it
    shares = [1 - shown.height() / painted.height() if painted.height() > 0 else 0.0,
              1 - shown.width() / painted.width() if painted.width() > 0 else 0.0]
    return min(1.0, max(shares))


def _elided_share(item: QQuickItem) -> float | None:
    """The share of an elided text left out: its lines shown against its one-line width."""
    full = item.implicitWidth()
    lines = int(item.property("lineCount") or 1)
    if full <= 0 or item.width() <= 0:
        return None
    share = 1 - lines * item.width() / full
    return min(1.0, share) if share > 0 else None


def words_to_cut(text: str, hidden: float | None) -> int | None:
    """About how many words of ``text`` to cut so that it fits; None when unknown."""
    words = len(text.split())
    if hidden is None or hidden <= 0 or words < 2:
        return None
    return max(1, math.ceil(words * hidden))
