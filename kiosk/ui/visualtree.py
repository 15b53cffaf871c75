"""Walking the items a window shows, for the render's checks and for the tests."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtQuick import QQuickItem


def items_under(root: QQuickItem, *, visible_only: bool = True) -> Iterator[QQuickItem]:
    """``root`` and every item inside it, parents before children, in the order they are
    declared. With ``visible_only`` an invisible item is skipped with all inside it
    (nothing inside a hidden item is on screen)."""
    stack = [root]
    while stack:
        item = stack.pop()
        if visible_only and not item.isVisible():
            continue
        yield item
        stack.extend(reversed(item.childItems()))
