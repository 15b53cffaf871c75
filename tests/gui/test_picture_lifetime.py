"""Pictures are held only while an item shows them: turning pages for a long time holds
no more than the pages that are built, and leaves nothing of the pages behind."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.pictures.decoder import CACHE_BUDGET, ImageDecoder
from kiosk.pictures.picture import Picture
from kiosk.ui.visualtree import items_under

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

LAST_PAGE = 8


def _picture_items(kiosk: Kiosk) -> int:
    """Items alive that show a decoded picture (exhibit pictures and the welcome's)."""
    return sum(item.property("pictureLoading") is not None
               for item in items_under(kiosk.window.contentItem(), visible_only=False))


def _pictures_alive(decoder: ImageDecoder) -> int:
    """The decoder's per-item picture objects that Python still holds."""
    gc.collect()
    return sum(isinstance(thing, Picture) and thing.decoder is decoder
               for thing in gc.get_objects())


def test_turning_pages_for_a_long_time_holds_only_the_pictures_of_built_pages(
        kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    decoder = kiosk.view.decoder
    for _ in range(4):
        for page in (*range(1, LAST_PAGE + 1), *range(LAST_PAGE - 1, -1, -1)):
            kiosk.nav.goToPage(page)
            kiosk.wait(lambda: decoder.pending == 0)
        kiosk.nav.openImage(0)
        kiosk.wait(lambda: decoder.pending == 0)
        kiosk.nav.closeImage()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    items = _picture_items(kiosk)
    assert 0 < decoder.users() <= items
    assert decoder.owners() <= items
    # Each item's picture object goes with its item, Python side and all.
    assert 0 < _pictures_alive(decoder) <= items
    # What is no longer shown is kept only up to the cache budget.
    assert decoder.unused_bytes() <= CACHE_BUDGET
