"""A picture swapped for something hostile after the exhibit was checked (a bomb, a
lie about its format, a cut-short file, an SVG that never ends) never takes the kiosk
down or freezes it: the visitor sees the calm placeholder with the alt text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.ui.navigation import Screen
from kiosk.ui.window import create_view
from tests.helpers.sample_exhibit import write_sample_exhibit

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "images"
# (A real JPEG merely named .png is refused by `kiosk validate`; at run time Qt reads it
# by its contents and shows it, which does no harm.)
HOSTILE = ["bomb-100000x100000.png", "text-named.png", "truncated.png",
           "billion-laughs.svg", "use-loop.svg", "use-explosion.svg", "outside-image.svg"]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_hostile_picture_shows_the_placeholder_and_the_kiosk_keeps_running(
        qtbot: QtBot, tmp_path: Path, hostile: str) -> None:
    path = write_sample_exhibit(tmp_path)
    exhibit = load_exhibit(path).exhibit
    assert exhibit is not None
    # Swapped on disk after validation, as a careless copy or a failing disk might.
    target = tmp_path / "assets" / "img0.png"
    if hostile.endswith(".svg"):
        target = tmp_path / "assets" / "img0.svg"
        text = path.read_text(encoding="utf-8").replace("assets/img0.png", "assets/img0.svg")
        shutil.copy(CORPUS / "good.svg", target)
        path.write_text(text, encoding="utf-8")
        exhibit = load_exhibit(path).exhibit
        assert exhibit is not None
    shutil.copy(CORPUS / hostile, target)

    view = create_view(exhibit, size=(1280, 800))
    view.nav.animate = False
    view.window.show()
    qtbot.waitExposed(view.window)
    view.nav.enter()
    view.nav.goToPage(1)  # panel one shows img0
    qtbot.waitUntil(lambda: view.find_on_screen("imagePlaceholder") is not None, timeout=5000)
    assert view.nav.screen == Screen.Exhibit
    # The GUI thread is free: it still renders new frames on request.
    for _ in range(3):
        with qtbot.waitSignal(view.window.frameSwapped, timeout=3000):
            view.window.update()
    view.nav.next()  # and the visit goes on
    assert view.nav.pageIndex == 2
    assert view.warnings == []
    view.dispose()


def test_a_very_large_scan_is_shown_not_refused(qtbot: QtBot, tmp_path: Path) -> None:
    """A 72-megapixel PNG is over Qt's own 256 MB decode limit, but a museum's scan may
    well be that big: it is shown (decoded once, kept screen-sized), not a placeholder."""
    from PySide6.QtGui import QColor, QImage

    path = write_sample_exhibit(tmp_path)
    scan = QImage(9000, 8000, QImage.Format.Format_RGB32)
    scan.fill(QColor("#2a6f97"))
    assert scan.save(str(tmp_path / "assets" / "img0.png"), "PNG", 100)
    del scan
    exhibit = load_exhibit(path).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800))
    view.nav.animate = False
    view.window.show()
    qtbot.waitExposed(view.window)
    view.nav.enter()
    view.nav.goToPage(1)

    def scan_on_screen() -> None:
        image = view.find_on_screen("panelImage")
        assert image is not None
        centre = image.mapToScene(image.boundingRect().center())
        colour = view.window.grabWindow().pixelColor(int(centre.x()), int(centre.y()))
        assert colour.name() == "#2a6f97"

    qtbot.waitUntil(scan_on_screen, timeout=20000)
    assert view.find_on_screen("imagePlaceholder") is None
    view.dispose()


def test_many_large_pictures_at_once_are_decoded_one_by_one_while_the_visit_goes_on(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page's picture is near the decode budget: they are decoded one after another,
    off the GUI thread, and meanwhile the kiosk draws and answers as usual."""
    from kiosk.pictures import decoder as decoder_module
    from kiosk.pictures.decoder import DecodeBudget
    from tests.helpers.sample_exhibit import COLOURS, write_png

    one_picture = 2400 * 1600 * 4
    budget = DecodeBudget(one_picture + one_picture // 2)
    monkeypatch.setattr(decoder_module, "_budget", budget)
    # Worker threads of their own: an earlier test's decode may still be running.
    monkeypatch.setattr(decoder_module, "_executor", None)
    path = write_sample_exhibit(tmp_path)
    for index, colour in enumerate(COLOURS):
        write_png(tmp_path / "assets" / f"img{index}.png", colour, 2400, 1600)
    exhibit = load_exhibit(path).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800))
    view.nav.animate = False
    budget.acquire(budget.limit)  # hold every decode back, as one very long decode would
    try:
        view.window.show()
        qtbot.waitExposed(view.window)
        view.nav.enter()
        for _ in range(5):
            view.nav.next()
        qtbot.waitUntil(lambda: budget.waiting >= 2, timeout=5000)
        assert view.decoder.pending >= 2
        for _ in range(3):  # the GUI thread is free while pictures wait and decode
            with qtbot.waitSignal(view.window.frameSwapped, timeout=3000):
                view.window.update()
        view.nav.previous()
        assert view.nav.pageIndex == 4
    finally:  # (never leave the workers waiting, even when this fails)
        budget.peak = 0
        budget.release(budget.limit)
    qtbot.waitUntil(lambda: view.decoder.pending == 0, timeout=30000)
    assert budget.peak == one_picture  # never two at once
    picture = view.find_on_screen("panelImage")
    assert picture is not None
    qtbot.waitUntil(lambda: view.find_on_screen("exhibitImage") is not None
                    and view.find_on_screen("imagePlaceholder") is None, timeout=5000)
    view.dispose()
