"""Exhibit content as the visitor sees it: text exactly as written, pictures that fail calmly."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtQuick import QQuickItem

from kiosk.ui.visualtree import items_under

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk


def plain(kiosk: Kiosk, item: QQuickItem) -> bool:
    return kiosk.qml(item, "textFormat === Text.PlainText") is True


def texts_inside(item: QQuickItem) -> list[str]:
    return [text for node in items_under(item) if node is not item
            and isinstance(text := node.property("text"), str)]


def test_a_picture_missing_at_run_time_shows_a_placeholder_with_its_alt_text(
        make_kiosk, sample_exhibit_file: Path) -> None:
    kiosk = make_kiosk(sample_exhibit_file)
    (sample_exhibit_file.parent / "assets" / "img4.png").unlink()  # "Panel Four"

    kiosk.enter()
    kiosk.tap("era-1")
    kiosk.wait(lambda: kiosk.nav.pageIndex == 3)
    kiosk.swipe(-700)
    kiosk.swipe(-700)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 5)

    image = kiosk.item("panelImage")
    placeholder = next(child for child in image.childItems()
                       if child.objectName() == "imagePlaceholder")
    kiosk.wait(lambda: placeholder.isVisible())
    assert kiosk.qml(image, "status === Image.Error")
    assert "A violet field" in texts_inside(placeholder)
    assert kiosk.item("panelTitle").property("text") == "Panel Four"

    # The visitor can still open it: the viewer shows the same calm placeholder.
    kiosk.tap("panelImage")
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    viewer_image = kiosk.item("viewerImage")
    viewer_placeholder = next(child for child in viewer_image.childItems()
                              if child.objectName() == "imagePlaceholder")
    kiosk.wait(lambda: viewer_placeholder.isVisible())
    assert "A violet field" in texts_inside(viewer_placeholder)
    assert kiosk.item("viewerCaption").property("text") == "Violet caption."

    # And the rest of the exhibit carries on.
    kiosk.tap("closeViewerButton")
    kiosk.swipe(-700)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 6)


def test_a_present_picture_shows_no_placeholder(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(1)
    image = kiosk.item("panelImage")
    kiosk.wait(lambda: kiosk.qml(image, "status === Image.Ready"))
    placeholder = next(child for child in image.childItems()
                       if child.objectName() == "imagePlaceholder")
    assert not placeholder.isVisible()


def test_markup_in_a_caption_is_shown_literally(make_kiosk, sample_exhibit_file: Path) -> None:
    source = sample_exhibit_file.read_text(encoding="utf-8")
    marked = '"<b>Red</b> caption <img src=\'http://example.invalid/x.png\'>"'
    sample_exhibit_file.write_text(source.replace("Red caption.", marked), encoding="utf-8")
    kiosk = make_kiosk(sample_exhibit_file)
    kiosk.enter()
    kiosk.nav.goToPage(1)

    caption = kiosk.item("panelCaption")
    expected = "<b>Red</b> caption <img src='http://example.invalid/x.png'>"
    assert caption.property("text") == expected
    assert plain(kiosk, caption)

    kiosk.tap("panelImage")
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    viewer_caption = kiosk.item("viewerCaption")
    assert viewer_caption.property("text") == expected
    assert plain(kiosk, viewer_caption)


def test_every_text_on_screen_is_plain_text(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    kiosk.nav.goToPage(2)
    kiosk.nav.openImage(0)
    pending = [kiosk.window.contentItem()]
    checked = 0
    while pending:
        node = pending.pop()
        pending.extend(node.childItems())
        if node.metaObject().className().startswith("QQuickText"):
            assert plain(kiosk, node), node.property("text")
            checked += 1
    assert checked > 20
