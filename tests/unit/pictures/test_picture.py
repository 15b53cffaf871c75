"""Each item's picture: its request, what it shows meanwhile and after, and that it hears
only of its own decode and goes with its item."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QUrl
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.pictures.decoder import ImageDecoder
from kiosk.pictures.picture import ERROR, LOADING, NULL, READY, Picture, request_key

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "images"


def _png(path: Path, colour: str, size: tuple[int, int] = (400, 300)) -> Path:
    picture = QImage(*size, QImage.Format.Format_RGB32)
    picture.fill(QColor(colour))
    assert picture.save(str(path))
    return path


def _request(path: Path, width: int = 200, height: int = 200, *,
             crop: bool = False) -> dict[str, object]:
    return {"source": QUrl.fromLocalFile(str(path)).toString() + "?g=1", "width": width,
            "height": height, "crop": crop}


def _shown(qtbot: QtBot, picture: Picture) -> None:
    qtbot.waitUntil(lambda: picture.property("status") in (READY, ERROR), timeout=10000)


def test_a_picture_reads_loading_until_its_decode_is_in_then_its_url(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    owner = QObject()
    picture = decoder.pictureFor(owner)
    assert (picture.property("status"), picture.property("url")) == (NULL, "")
    picture.setProperty("request", _request(_png(tmp_path / "a.png", "#336699")))
    assert picture.property("loading") and picture.property("status") == LOADING
    with qtbot.waitSignal(picture.urlChanged, timeout=10000):
        pass
    url = picture.property("url")
    assert url == decoder.url(picture.token or "")
    assert picture.property("status") == READY and not picture.property("loading")
    shown = decoder.image(url.rsplit("/", 1)[1])
    assert (shown.width(), shown.height()) == (200, 150)


def test_a_refused_file_reads_failed_and_never_has_a_url(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    target = tmp_path / "picture.png"
    target.write_bytes((CORPUS / "text-named.png").read_bytes())
    owner = QObject()
    picture = decoder.pictureFor(owner)
    picture.setProperty("request", _request(target))
    _shown(qtbot, picture)
    assert picture.property("failed") and picture.property("status") == ERROR
    assert picture.property("url") == "" and not picture.property("loading")


def test_each_picture_hears_only_of_its_own_decode(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    owners = [QObject(), QObject()]
    first = decoder.pictureFor(owners[0])
    first.setProperty("request", _request(_png(tmp_path / "a.png", "#aa0000")))
    _shown(qtbot, first)
    heard: list[str] = []
    for name in ("urlChanged", "statusChanged", "failedChanged", "loadingChanged"):
        getattr(first, name).connect(lambda name=name: heard.append(name))
    second = decoder.pictureFor(owners[1])
    second.setProperty("request", _request(_png(tmp_path / "b.png", "#00aa00")))
    with qtbot.waitSignal(second.urlChanged, timeout=10000):
        pass
    assert heard == []


def test_another_size_of_the_same_picture_stays_up_until_it_is_in_another_picture_not(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    owner = QObject()
    picture = decoder.pictureFor(owner)
    path = _png(tmp_path / "a.png", "#336699")
    picture.setProperty("request", _request(path))
    _shown(qtbot, picture)
    small = picture.property("url")
    picture.setProperty("request", _request(path, 300, 300))
    assert picture.property("url") == small and picture.property("loading")
    qtbot.waitUntil(lambda: picture.property("url") != small, timeout=10000)
    assert not picture.property("loading")
    picture.setProperty("request", _request(_png(tmp_path / "b.png", "#000000")))
    assert picture.property("url") == "" and picture.property("status") == LOADING


@pytest.mark.parametrize("request_", [
    {},
    {"source": "", "width": 100, "height": 100},
    {"source": "file:///a.png", "width": 0, "height": 100},
    {"source": "file:///a.png", "width": 100, "height": float("nan")},
    {"source": "file:///a.png", "width": 100, "height": float("inf")},
    {"source": 3, "width": 100, "height": 100},
    {"source": "file:///a.png", "width": "100", "height": 100},
], ids=["empty", "no-file", "no-width", "nan", "infinite", "not-text", "text-width"])
def test_a_request_without_a_file_or_a_size_asks_for_nothing(
        decoder: ImageDecoder, request_: dict[str, object]) -> None:
    assert request_key(request_) is None
    owner = QObject()
    picture = decoder.pictureFor(owner)
    picture.setProperty("request", request_)
    assert picture.property("status") == NULL and not picture.property("loading")
    assert decoder.users() == 0 and decoder.pending == 0


def test_the_same_request_again_asks_for_nothing_new(
        decoder: ImageDecoder, tmp_path: Path) -> None:
    owner = QObject()
    picture = decoder.pictureFor(owner)
    request = _request(_png(tmp_path / "a.png", "#336699"))
    picture.setProperty("request", request)
    token = picture.token
    picture.setProperty("request", dict(request, width=199.2))  # (rounded up as QML does)
    assert picture.token == token and decoder.users() == 1


def test_an_item_asking_twice_gets_the_same_picture(decoder: ImageDecoder) -> None:
    owner = QObject()
    assert decoder.pictureFor(owner) is decoder.pictureFor(owner)
    assert decoder.owners() == 1


def test_the_picture_and_its_decode_go_with_the_item(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    owner = QObject()
    picture = decoder.pictureFor(owner)
    picture.setProperty("request", _request(_png(tmp_path / "a.png", "#336699")))
    _shown(qtbot, picture)
    assert (decoder.owners(), decoder.users()) == (1, 1)
    deleted: list[bool] = []
    picture.destroyed.connect(lambda: deleted.append(True))
    held = weakref.ref(picture)
    del picture
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert (decoder.owners(), decoder.users()) == (0, 0)
    assert deleted == [True] and held() is None  # at once, C++ and Python alike
    assert decoder.unused_bytes() > 0  # the decode is kept for a visitor swiping back
