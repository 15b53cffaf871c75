"""The off-GUI-thread decoder: sizes, the memory budget, and pictures that must be refused."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kiosk.exhibit.imagecheck import ImageInfo, shown_size
from kiosk.pictures import decoder as decoder_module
from kiosk.pictures import imagedecode, svgdraw
from kiosk.pictures.decoder import DecodeBudget, ImageDecoder
from kiosk.pictures.imagedecode import decode_cost
from tests.helpers.slow_svg import write_slow_svg

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "images"


def test_a_picture_is_fitted_or_made_to_cover_and_never_enlarged() -> None:
    assert shown_size((4000, 3000), (800, 800), crop=False, scalable=False) == (800, 600)
    assert shown_size((4000, 3000), (800, 800), crop=True, scalable=False) == (1067, 800)
    assert shown_size((400, 300), (800, 800), crop=False, scalable=False) == (400, 300)
    # An SVG is drawn at the size it is shown, however small its nominal size.
    assert shown_size((400, 300), (800, 800), crop=False, scalable=True) == (800, 600)
    assert shown_size((400, 300), (0, 800), crop=False, scalable=False) == (0, 0)


def test_the_cost_of_a_decode_is_what_the_decoder_holds_at_its_peak() -> None:
    # PNG and WebP decode the whole picture before scaling it.
    assert decode_cost(ImageInfo("png", 4000, 3000), (800, 600)) == 4000 * 3000 * 4
    # JPEG scales in its DCT down to an eighth a side; SVG is drawn at the target, in a
    # process of its own, and its pixels copied into a QImage.
    assert decode_cost(ImageInfo("jpeg", 8000, 8000), (100, 100)) == 1000 * 1000 * 4
    assert decode_cost(ImageInfo("jpeg", 800, 800), (400, 400)) == 400 * 400 * 4
    assert decode_cost(ImageInfo("svg", 300, 150), (1200, 600)) == 2 * 1200 * 600 * 4


def test_the_budget_makes_a_decode_wait_until_there_is_room(qtbot: QtBot) -> None:
    budget = DecodeBudget(100)
    budget.acquire(70)
    granted = threading.Event()

    def second() -> None:
        budget.acquire(50)
        granted.set()

    worker = threading.Thread(target=second)
    worker.start()
    qtbot.waitUntil(lambda: budget.waiting == 1, timeout=2000)
    assert not granted.is_set() and budget.in_use == 70
    budget.release(70)
    assert granted.wait(timeout=2)
    worker.join(timeout=2)
    assert budget.in_use == 50 and budget.peak == 70


def test_a_decode_larger_than_the_whole_budget_runs_but_only_alone(qtbot: QtBot) -> None:
    budget = DecodeBudget(100)
    budget.acquire(500)  # nothing else running: it goes ahead
    granted = threading.Event()
    worker = threading.Thread(target=lambda: (budget.acquire(1), granted.set()))
    worker.start()
    qtbot.waitUntil(lambda: budget.waiting == 1, timeout=2000)
    assert not granted.is_set()
    budget.release(500)
    assert granted.wait(timeout=2)
    worker.join(timeout=2)


def test_the_budget_serves_in_order_so_a_large_decode_is_not_starved(qtbot: QtBot) -> None:
    budget = DecodeBudget(100)
    budget.acquire(10)
    order: list[str] = []

    def ask(name: str, cost: int) -> None:
        budget.acquire(cost)
        order.append(name)

    large = threading.Thread(target=ask, args=("large", 95))
    large.start()
    qtbot.waitUntil(lambda: budget.waiting == 1, timeout=2000)
    small = threading.Thread(target=ask, args=("small", 6))  # would fit now, but is second
    small.start()
    qtbot.waitUntil(lambda: budget.waiting == 2, timeout=2000)
    assert order == []
    budget.release(10)
    large.join(timeout=2)
    assert order == ["large"]
    budget.release(95)
    small.join(timeout=2)
    assert order == ["large", "small"]


def _record_decodes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every decode from now on, as (file name, thread name); each still decodes."""
    decodes: list[tuple[str, str]] = []
    real_decode = imagedecode.decode

    def recorded(path: Path, *args: object, **kwargs: object) -> QImage:
        decodes.append((path.name, threading.current_thread().name))
        return real_decode(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(decoder_module, "decode", recorded)
    return decodes


def _key(path: Path, box: tuple[int, int] = (640, 400)) -> tuple[str, int, int, bool]:
    return (QUrl.fromLocalFile(str(path)).toString() + "?g=1", box[0], box[1], False)


def _decode(qtbot: QtBot, decoder: ImageDecoder, path: Path,
            box: tuple[int, int] = (640, 400)) -> tuple[QImage | None, str | None]:
    with qtbot.waitSignal(decoder.decoded, timeout=10000):
        token = decoder.subscribe(_key(path, box))
    return decoder.result(token)


def test_a_picture_is_decoded_at_the_size_it_is_shown(qtbot: QtBot, decoder: ImageDecoder,
                                                      tmp_path: Path) -> None:
    picture = QImage(2000, 1000, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    assert picture.save(str(tmp_path / "wide.png"))
    image, reason = _decode(qtbot, decoder, tmp_path / "wide.png", (500, 500))
    assert reason is None and image is not None
    assert (image.width(), image.height()) == (500, 250)
    assert image.pixelColor(10, 10).name() == "#336699"


@pytest.mark.parametrize(("name", "reason"), [
    ("bomb-100000x100000.png", "megapixels"),
    ("text-named.png", "does not start like a PNG"),
    ("use-explosion.svg", "<use>"),
    ("billion-laughs.svg", "<!ENTITY>"),
    ("outside-image.svg", "outside the SVG's folder"),
])
def test_a_file_swapped_for_something_hostile_is_refused_with_the_reason(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path, name: str, reason: str) -> None:
    target = tmp_path / ("picture" + Path(name).suffix)
    shutil.copy(CORPUS / name, target)
    image, refusal = _decode(qtbot, decoder, target)
    assert image is None
    assert refusal is not None and reason in refusal


def test_a_fifo_in_place_of_a_picture_is_refused_without_blocking(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "picture.png")
    image, refusal = _decode(qtbot, decoder, tmp_path / "picture.png")
    assert image is None and refusal is not None and "FIFO" in refusal.upper()


def test_many_large_pictures_at_once_are_decoded_within_the_budget_off_the_gui_thread(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Each 1500x1000 PNG costs 6 MB to decode whole; the budget allows 8 MB at once.
    budget = DecodeBudget(8 * 1024 * 1024)
    monkeypatch.setattr(decoder_module, "_budget", budget)
    decodes = _record_decodes(monkeypatch)
    big = QImage(1500, 1000, QImage.Format.Format_RGB32)
    big.fill(QColor("#884422"))
    paths = []
    for index in range(6):
        path = tmp_path / f"big{index}.png"
        assert big.save(str(path))
        paths.append(path)
    tokens = [decoder.subscribe(_key(path)) for path in paths]
    assert decoder.pending == 6
    qtbot.waitUntil(lambda: decoder.pending == 0, timeout=20000)
    assert all(decoder.result(token)[0] is not None for token in tokens)
    assert budget.peak == 1500 * 1000 * 4  # never two at once
    threads = {thread for _, thread in decodes}
    assert threading.main_thread().name not in threads and threads


def test_pictures_no_longer_used_are_kept_only_up_to_the_cache_budget(
        qtbot: QtBot, tmp_path: Path) -> None:
    decoder = ImageDecoder(cache_budget=3 * 640 * 400 * 4)
    picture = QImage(640, 400, QImage.Format.Format_RGB32)
    tokens = []
    for index in range(6):
        picture.fill(QColor.fromHsv(index * 40, 200, 200))
        path = tmp_path / f"p{index}.png"
        assert picture.save(str(path))
        image, _ = _decode(qtbot, decoder, path)
        assert image is not None
        tokens.append(decoder.subscribe(_key(path)))  # (now used twice)
    assert decoder.users() == 12
    for token in tokens:
        decoder.unsubscribe(token)
        decoder.unsubscribe(token)
    assert decoder.users() == 0
    assert decoder.in_use_bytes() <= 3 * 640 * 400 * 4
    # The most recent are the ones kept, ready for a visitor going back.
    assert decoder.result(tokens[-1])[0] is not None
    assert decoder.result(tokens[0]) == (None, None)


def test_a_picture_called_off_before_its_turn_is_never_decoded(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    budget = DecodeBudget(1)
    monkeypatch.setattr(decoder_module, "_budget", budget)
    monkeypatch.setattr(decoder_module, "_executor", None)  # threads of its own
    decodes = _record_decodes(monkeypatch)
    picture = QImage(64, 64, QImage.Format.Format_RGB32)
    picture.fill(QColor("#000000"))
    for name in ("a.png", "b.png"):
        assert picture.save(str(tmp_path / name))
    budget.acquire(1)  # hold the workers at the budget, as a long decode would
    first = decoder.subscribe(_key(tmp_path / "a.png"))
    second = decoder.subscribe(_key(tmp_path / "b.png"))
    qtbot.waitUntil(lambda: budget.waiting == 2, timeout=5000)
    decoder.unsubscribe(second)  # the visitor swiped on
    budget.release(1)
    qtbot.waitUntil(lambda: decoder.pending == 0, timeout=5000)
    assert [name for name, _ in decodes] == ["a.png"]
    assert decoder.result(first)[0] is not None
    assert decoder.result(second) == (None, None)


def test_a_closed_decoder_drops_what_is_still_waiting(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    budget = DecodeBudget(1)
    monkeypatch.setattr(decoder_module, "_budget", budget)
    monkeypatch.setattr(decoder_module, "_executor", None)  # threads of its own
    picture = QImage(64, 64, QImage.Format.Format_RGB32)
    picture.fill(QColor("#000000"))
    assert picture.save(str(tmp_path / "a.png"))
    decodes = _record_decodes(monkeypatch)
    decoder = ImageDecoder()
    budget.acquire(1)
    token = decoder.subscribe(_key(tmp_path / "a.png"))
    qtbot.waitUntil(lambda: budget.waiting == 1, timeout=5000)
    decoder.close()  # the window is going away
    budget.release(1)
    qtbot.waitUntil(lambda: decoder.pending == 0, timeout=5000)
    assert decoder.result(token) == (None, None)
    assert decodes == []  # the waiting decode never ran


def test_an_svg_too_slow_to_draw_frees_its_worker_at_the_budget(
        qtbot: QtBot, decoder: ImageDecoder, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(svgdraw, "DRAW_SECONDS", 0.5)
    slow = [write_slow_svg(tmp_path / f"slow{index}.svg") for index in range(2)]
    picture = QImage(64, 48, QImage.Format.Format_RGB32)
    picture.fill(QColor("#336699"))
    assert picture.save(str(tmp_path / "after.png"))
    tokens = [decoder.subscribe(_key(path, (800, 600))) for path in slow]
    # Both workers start on the slow drawings; this one waits until one of them is free.
    after = decoder.subscribe(_key(tmp_path / "after.png", (64, 48)))
    qtbot.waitUntil(lambda: decoder.result(after)[0] is not None, timeout=10000)
    qtbot.waitUntil(lambda: all(decoder.result(token) != (None, None) for token in tokens),
                    timeout=10000)
    for token in tokens:
        image, reason = decoder.result(token)
        assert image is None and reason is not None and "takes more than 0.5 s" in reason
