"""What a visitor can see in a Qt Quick window: its words and its controls, found by
walking the visual tree in paint order, with where each lies in the scene.

Nothing here knows the kiosk's layout: texts are every visible `Text`, controls every
item that says `control: true`, so the measures follow whatever the screens become.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontInfo
from PySide6.QtQml import QJSValue, QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.render.command import picture_status

# A fill at least this opaque, painted over an item, hides it (a dialog's scrim, the
# image viewer): what is under it is not on screen for a visitor.
HIDING_ALPHA = 0.5
# A child rectangle covering this share of a control is what draws its edge.
BACKGROUND_SHARE = 0.9


@dataclass(frozen=True)
class SceneText:
    text: str
    name: str
    rect: QRectF  # the painted words, in scene pixels, cut to what clipping lets show
    pixel_size: int
    in_control: bool
    enabled: bool
    over_picture: bool
    line_rects: tuple[QRectF, ...] = ()  # each line's band, cut the same way

    def lines(self) -> tuple[QRectF, ...]:
        return self.line_rects or (self.rect,)


@dataclass(frozen=True)
class SceneControl:
    name: str
    label: str
    rect: QRectF  # scene pixels
    radius: float
    enabled: bool
    text_rects: tuple[QRectF, ...] = field(default=())


@dataclass
class Scene:
    texts: list[SceneText]
    controls: list[SceneControl]


@dataclass
class _Node:
    item: QQuickItem
    order: int
    rect: QRectF  # scene, cut to clipping ancestors
    opacity: float
    ancestors: tuple[QQuickItem, ...]


MOSTLY = 0.5  # share of an item under an opaque fill that makes it hidden


def _share_covered(cover: QRectF, rect: QRectF) -> float:
    area = rect.width() * rect.height()
    overlap = cover.intersected(rect)
    return overlap.width() * overlap.height() / area if area > 0 else 1.0


def survey(window: QQuickWindow, engine: QQmlEngine) -> Scene:
    """Every text and control on screen: visible, not fully transparent, at least partly
    inside the window and not hidden under an opaque fill painted after it."""
    bounds = QRectF(0, 0, window.width(), window.height())
    nodes: list[_Node] = []
    _walk(window.contentItem(), bounds, 1.0, (), nodes)
    covers = [n for n in nodes if _hides(n)]

    def hidden(node: _Node) -> bool:
        # Painted later, over most of it and not part of it (a control's own background):
        # a tile half behind the timeline's solid end cap is scrolled away, not shown.
        # A parent painted over a child below it counts.
        return any(c.order > node.order and node.item not in c.ancestors
                   and _share_covered(c.rect, node.rect) >= MOSTLY for c in covers)

    def uncovered(node: _Node) -> QRectF:
        # The part of a control a fill painted later (the timeline's end caps) leaves in view.
        rect = QRectF(node.rect)
        for c in covers:
            if (c.order > node.order and node.item not in c.ancestors
                    and c.rect.intersects(rect) and c.rect.top() <= rect.top()
                    and c.rect.bottom() >= rect.bottom()):
                if c.rect.left() <= rect.left():
                    rect.setLeft(c.rect.right())
                elif c.rect.right() >= rect.right():
                    rect.setRight(c.rect.left())
        return rect

    texts: list[SceneText] = []
    controls: list[SceneControl] = []
    for node in nodes:
        item = node.item
        if node.rect.isEmpty() or hidden(node):
            continue
        if item.inherits("QQuickText") and item.property("text"):
            texts.append(SceneText(
                text=str(item.property("text")),
                name=item.objectName(),
                rect=node.rect,
                line_rects=_line_rects(item, node.rect),
                pixel_size=_pixel_size(item),
                in_control=any(_is_control(a) for a in node.ancestors),
                enabled=item.isEnabled(),
                over_picture=any(picture_status(a, engine) is not None
                                 for a in (*node.ancestors, item))))
        if _is_control(item):
            own = [t for t in nodes if item in t.ancestors and t.item.inherits("QQuickText")
                   and t.item.property("text")]
            controls.append(SceneControl(
                name=item.objectName(),
                label=" ".join(str(t.item.property("text")) for t in own),
                rect=uncovered(node),
                radius=_radius(item),
                enabled=item.isEnabled(),
                text_rects=tuple(t.rect for t in own)))
    return Scene(texts, controls)


def _walk(item: QQuickItem, clip: QRectF, opacity: float,
          ancestors: tuple[QQuickItem, ...], out: list[_Node]) -> None:
    """Depth first in the order Qt Quick paints: children below the parent (negative z)
    first, then the parent, then the rest, each group by z."""
    if not item.isVisible():
        return
    opacity *= item.opacity()
    if opacity <= 0:
        return
    rect = _scene_rect(item).intersected(clip)
    children = sorted(item.childItems(), key=lambda child: child.z())
    inner_clip = rect if item.clip() else clip
    inner = (*ancestors, item)
    for child in (c for c in children if c.z() < 0):
        _walk(child, inner_clip, opacity, inner, out)
    out.append(_Node(item, len(out), rect, opacity, ancestors))
    for child in (c for c in children if c.z() >= 0):
        _walk(child, inner_clip, opacity, inner, out)


def _line_rects(item: QQuickItem, shown: QRectF) -> tuple[QRectF, ...]:
    """Bands of equal height, one a line, over the painted text; those that show."""
    painted = _scene_rect(item)
    count = item.property("lineCount") or 1
    height = painted.height() / count
    bands = (QRectF(painted.left(), painted.top() + i * height, painted.width(), height)
             for i in range(count))
    return tuple(band.intersected(shown) for band in bands
                 if not band.intersected(shown).isEmpty())


def _pixel_size(text: QQuickItem) -> int:
    """The text's size in pixels, however its font was sized (pixelSize or pointSize)."""
    font = text.property("font")
    # Not through text.window(): PySide then deletes the window with its Python wrapper.
    return int(font.pixelSize()) if font.pixelSize() > 0 else QFontInfo(font).pixelSize()


def _scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


def _is_control(item: QQuickItem) -> bool:
    return item.property("control") is True


def _hides(node: _Node) -> bool:
    item = node.item
    if not item.inherits("QQuickRectangle"):
        return False
    gradient = item.property("gradient")
    if isinstance(gradient, QJSValue) and not (gradient.isUndefined() or gradient.isNull()):
        return False  # a fade, which shows what is under it
    colour = item.property("color")
    return colour is not None and colour.alphaF() * node.opacity >= HIDING_ALPHA


def _radius(item: QQuickItem) -> float:
    """The corner radius of the control's edge: its own, or its background's."""
    scale = _scene_rect(item).width() / item.width() if item.width() > 0 else 1.0
    own = item.property("radius")
    if isinstance(own, (int, float)):
        return float(own) * scale
    area = item.width() * item.height()
    for child in item.childItems():
        radius = child.property("radius")
        if (isinstance(radius, (int, float)) and child.isVisible()
                and child.width() * child.height() >= BACKGROUND_SHARE * area):
            return float(radius) * scale
    return 0.0
