"""Exhibit images reach QML decoded off the GUI thread, at screen size, or as a calm error.

Every hostile file must end in ``Image.Error`` with a reason a curator can act on: never a
crash, a hang, a frozen screen or a half-drawn picture.
"""

from __future__ import annotations

import logging
import os
import shutil
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDeadlineTimer, QEventLoop, QObject, QSize, QTimer, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtQml import QQmlApplicationEngine

from kiosk.app.imagedecode import (
    DecodeCancelled,
    ImageRefused,
    MemoryBudget,
    decode_image,
    fit_size,
)
from kiosk.app.imageprovider import (
    PROVIDER_ID,
    ExhibitImageProvider,
    ExhibitImageResponse,
    exhibit_image_url,
)

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "images"
READY, LOADING, ERROR = 1, 2, 3  # QQuickImageBase.Status
MiB = 1024 * 1024


# --- helpers ----------------------------------------------------------------------------

def wait_for(predicate: Callable[[], object], timeout_ms: int = 5000) -> None:
    """Run the event loop until ``predicate()`` is true, failing after ``timeout_ms``.

    Not ``qtbot.waitUntil``: ``QTest.qWait`` keeps Python's interpreter lock while Qt
    dispatches events, and an image load started in there can deadlock with Qt's reader
    thread waiting for that lock inside the provider. ``QEventLoop.exec`` releases it, as
    the app's own event loop does.
    """
    loop = QEventLoop()
    deadline = QDeadlineTimer(timeout_ms)
    met: list[bool] = []

    def check() -> None:
        if predicate():
            met.append(True)
            loop.quit()
        elif deadline.hasExpired():
            loop.quit()

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()
    assert met, f"not true after {timeout_ms} ms"


def png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def crafted_png(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width``×``height`` but holds only two rows of data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\0" * (1 + 3 * width) * 2, 9)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows)
            + png_chunk(b"IEND", b""))


def solid_png(path: Path, width: int, height: int, color: str) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    """An exhibit folder with the corpus images under ``assets/``."""
    root = tmp_path / "exhibit"
    shutil.copytree(CORPUS, root / "assets")
    return root


@pytest.fixture
def provider(exhibit: Path) -> Iterator[ExhibitImageProvider]:
    image_provider = ExhibitImageProvider(budget_wait=5.0)
    image_provider.set_root(exhibit, 1)
    yield image_provider
    assert image_provider.shutdown(5000), "decodes still running after 5 s"


class Page:
    """A real QML window showing ``files`` through ``image://exhibit/<generation>/…``."""

    def __init__(self, engine: QQmlApplicationEngine, warnings: list[str]) -> None:
        self.engine = engine
        self.warnings = warnings
        self.window = engine.rootObjects()[0]

    def image(self, index: int = 0) -> QObject:
        found = self.window.findChild(QObject, f"image{index}")
        assert found is not None
        return found

    def statuses(self) -> list[int]:
        count = self.window.property("count")
        return [self.image(i).property("st") for i in range(count)]

    def wait_settled(self, timeout: int = 5000) -> list[int]:
        wait_for(lambda: LOADING not in self.statuses() and all(self.statuses()), timeout)
        return self.statuses()

    def decoded_size(self, index: int = 0) -> QSize:
        item = self.image(index)
        return QSize(round(item.property("implicitWidth")), round(item.property("implicitHeight")))


PAGE_QML = """
import QtQuick
Window {
    id: root
    width: 200; height: 200; visible: true
    property bool go: false
    property int generation: 1
    readonly property int count: %(count)d
    // Sources are set from the event loop, not while Python holds the interpreter lock
    // inside engine.load(): see the module docs of kiosk.app.imageprovider.
    Timer { interval: 0; running: true; onTriggered: root.go = true }
%(images)s
}
"""

IMAGE_QML = """
    Image {
        objectName: "image%(index)d"
        property int st: status
        width: 100; height: 100
        asynchronous: true
        sourceSize.width: %(width)d
        sourceSize.height: %(height)d
        source: root.go ? "image://exhibit/" + root.generation + "/%(file)s" : ""
    }"""


@pytest.fixture
def show(qapp, tmp_path: Path, provider: ExhibitImageProvider) -> Iterator[
        Callable[..., Page]]:
    engines: list[QQmlApplicationEngine] = []

    def load(files: list[str], width: int = 100, height: int = 100) -> Page:
        qml = tmp_path / f"page{len(engines)}.qml"
        images = "".join(IMAGE_QML % {"index": i, "file": file, "width": width,
                                      "height": height} for i, file in enumerate(files))
        qml.write_text(PAGE_QML % {"count": len(files), "images": images}, encoding="utf-8")
        engine = QQmlApplicationEngine()
        warnings: list[str] = []
        engine.warnings.connect(lambda errors: warnings.extend(e.toString() for e in errors))
        engine.addImageProvider(PROVIDER_ID, provider)
        engine.load(QUrl.fromLocalFile(str(qml)))
        assert engine.rootObjects(), warnings
        engines.append(engine)
        return Page(engine, warnings)

    yield load
    assert provider.shutdown(5000)
    for engine in engines:
        for window in engine.rootObjects():
            window.close()
        engine.deleteLater()


# --- in QML -----------------------------------------------------------------------------

def test_a_6000_by_4000_png_arrives_no_bigger_than_the_requested_size(
        show, exhibit: Path) -> None:
    image = QImage(6000, 4000, QImage.Format.Format_Grayscale8)
    image.fill(90)
    assert image.save(str(exhibit / "assets" / "scan.png"))

    page = show(["assets/scan.png"], width=600, height=600)

    assert page.wait_settled() == [READY]
    assert page.decoded_size() == QSize(600, 400)  # aspect kept, long side fits
    assert page.warnings == []


@pytest.mark.parametrize("file, reason", [
    ("assets/bomb-100000x100000.png", "100000×100000 pixels"),
    ("assets/jpeg-named.png", "is a JPEG image but its name ends in '.png'"),
    ("assets/text-named.png", "does not start like a PNG image"),
    ("assets/truncated.png", "cut short"),
    ("assets/billion-laughs.svg", "<!DOCTYPE> or <!ENTITY>"),
    ("assets/use-explosion.svg", "more than 10000 copies"),
    ("assets/use-loop.svg", "form a loop"),
    ("assets/missing.png", "does not exist"),
    ("..%2Foutside.png", "uses '..' to leave the exhibit folder"),
    ("%2Fetc%2Fpasswd.png", "the path is absolute"),
], ids=["bomb", "jpeg-as-png", "text-as-png", "truncated", "billion-laughs",
        "use-explosion", "use-loop", "missing", "dot-dot", "absolute"])
def test_a_hostile_file_ends_in_image_error_with_its_reason(
        show, file: str, reason: str) -> None:
    page = show([file])

    assert page.wait_settled() == [ERROR]
    assert any(reason in warning for warning in page.warnings), page.warnings


def test_a_fifo_named_like_an_image_is_refused_without_blocking(
        show, exhibit: Path) -> None:
    os.mkfifo(exhibit / "assets" / "x.png")  # opening it for reading would block forever

    page = show(["assets/x.png"])

    assert page.wait_settled() == [ERROR]
    assert any("named pipe" in warning for warning in page.warnings), page.warnings


def test_a_folder_named_like_an_image_is_refused(show, exhibit: Path) -> None:
    (exhibit / "assets" / "y.png").mkdir()

    page = show(["assets/y.png"])

    assert page.wait_settled() == [ERROR]
    assert any("a folder" in warning for warning in page.warnings), page.warnings


def test_a_symlink_leading_out_of_the_exhibit_is_refused(
        show, exhibit: Path, tmp_path: Path) -> None:
    secret = solid_png(tmp_path / "secret.png", 4, 4, "black")
    (exhibit / "assets" / "link.png").symlink_to(secret)

    page = show(["assets/link.png"])

    assert page.wait_settled() == [ERROR]
    assert any("outside the exhibit folder" in w for w in page.warnings), page.warnings


def test_good_images_of_every_format_and_awkward_names_are_shown(
        show, exhibit: Path) -> None:
    shutil.copy(exhibit / "assets" / "good.png", exhibit / "assets" / "Зал 1 #2.png")
    files = ["assets/good.png", "assets/good.jpg", "assets/good.webp", "assets/good.svg",
             exhibit_image_url(1, "assets/Зал 1 #2.png").split("/1/", 1)[1]]

    page = show(files, width=160, height=160)

    assert page.wait_settled() == [READY] * 5, page.warnings
    assert page.decoded_size(0) == QSize(8, 6)  # a raster is never enlarged
    assert page.decoded_size(3) == QSize(160, 80)  # an SVG is drawn at the size asked
    assert page.decoded_size(4) == QSize(8, 6)
    assert page.warnings == []


def test_after_a_file_is_replaced_and_the_generation_bumped_the_new_pixels_show(
        show, exhibit: Path, provider: ExhibitImageProvider) -> None:
    photo = solid_png(exhibit / "assets" / "photo.png", 20, 20, "#ff0000")
    page = show(["assets/photo.png"])
    wait_for(page.window.isExposed)
    assert page.wait_settled() == [READY]
    wait_for(lambda: page.window.grabWindow().pixelColor(50, 50) == QColor("#ff0000"))

    solid_png(photo, 20, 20, "#0000ff")
    provider.set_root(exhibit, 2)
    page.window.setProperty("generation", 2)

    wait_for(lambda: page.window.grabWindow().pixelColor(50, 50) == QColor("#0000ff"))


def test_many_near_limit_images_stay_within_the_budget_and_the_screen_keeps_moving(
        show, exhibit: Path, provider: ExhibitImageProvider) -> None:
    source = solid_png(exhibit / "assets" / "big0.png", 2500, 2500, "#808080")
    files = ["assets/big0.png"]
    for i in range(1, 8):
        shutil.copy(source, exhibit / "assets" / f"big{i}.png")
        files.append(f"assets/big{i}.png")
    one_image = source.stat().st_size + 2500 * 2500 * 4 + 800 * 800 * 4
    # Room for one decode and a half: the second decoding thread has to wait its turn.
    provider.budget = MemoryBudget(one_image * 3 // 2)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()

    page = show(files, width=800, height=800)
    statuses = page.wait_settled(timeout=10_000)
    timer.stop()

    assert statuses == [READY] * 8, page.warnings
    assert one_image <= provider.peak_bytes_in_flight <= provider.budget.limit
    assert provider.budget.in_flight == 0
    gaps = [later - earlier for earlier, later in zip(ticks, ticks[1:], strict=False)]
    assert len(ticks) > 10 and max(gaps) < 0.25, f"GUI thread stalled for {max(gaps):.2f} s"


# --- the provider without QML -----------------------------------------------------------

def request(provider: ExhibitImageProvider, id: str,
            size: QSize | None = None) -> ExhibitImageResponse:
    response = provider.requestImageResponse(id, size or QSize(100, 100))
    assert isinstance(response, ExhibitImageResponse)
    wait_for(response.is_finished)
    return response


def test_each_refusal_is_logged_once_with_file_and_reason(
        qapp, provider: ExhibitImageProvider, exhibit: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="kiosk.app.imageprovider"):
        first = request(provider, "1/assets/truncated.png")
        request(provider, "1/assets/truncated.png", QSize(50, 50))

    assert first.errorString().startswith("assets/truncated.png: the file is cut short")
    assert [r.getMessage() for r in caplog.records] == [
        f"image {exhibit / 'assets' / 'truncated.png'} refused: the file is cut short "
        "(it ends before the image does); copy or export it again"]


def test_a_malformed_address_or_no_exhibit_is_an_error_not_a_crash(
        qapp, provider: ExhibitImageProvider) -> None:
    assert "image://exhibit/<generation>/<file>" in request(
        provider, "assets/good.png").errorString()
    fresh = ExhibitImageProvider()
    try:
        assert "no exhibit is loaded" in request(fresh, "1/assets/good.png").errorString()
    finally:
        assert fresh.shutdown()


def test_an_image_url_survives_spaces_hashes_and_cyrillic() -> None:
    url = exhibit_image_url(7, "assets/Зал 1 #2.png")

    assert url == "image://exhibit/7/assets/%D0%97%D0%B0%D0%BB%201%20%232.png"
    assert QUrl(url).isValid()


# --- decoding and the budget ------------------------------------------------------------

def test_a_bomb_within_the_header_limits_is_refused_by_the_memory_budget(
        qapp, exhibit: Path) -> None:
    # 20000×12000 passes the header check (240 megapixels) but would need ~1 GB to decode.
    (exhibit / "assets" / "wide.png").write_bytes(crafted_png(20000, 12000))

    with pytest.raises(ImageRefused, match=r"needs 9\d\d MB of memory, more than the 256 MB"):
        decode_image(Path("assets/wide.png"), exhibit, QSize(800, 800),
                     budget=MemoryBudget(256 * MiB))


def test_decode_image_accepts_an_absolute_path_inside_the_root(qapp, exhibit: Path) -> None:
    image = decode_image(exhibit / "assets" / "good.jpg", exhibit, QSize(4, 4))

    assert image.size() == QSize(4, 3)


def test_a_jpeg_cut_short_is_refused_not_drawn_half_grey(qapp, exhibit: Path) -> None:
    whole = (exhibit / "assets" / "good.jpg").read_bytes()
    (exhibit / "assets" / "cut.jpg").write_bytes(whole[: len(whole) - 40])

    with pytest.raises(ImageRefused, match="cut short"):
        decode_image(Path("assets/cut.jpg"), exhibit, QSize(100, 100))


@pytest.mark.parametrize("bound, upscale, expected", [
    (QSize(600, 600), False, QSize(600, 400)),
    (QSize(600, 0), False, QSize(600, 400)),
    (QSize(0, 100), False, QSize(150, 100)),
    (QSize(-1, -1), False, QSize(4096, 2731)),  # no size asked: capped
    (QSize(9000, 9000), False, QSize(4096, 2731)),
])
def test_fit_size_keeps_the_aspect_and_caps_the_long_side(
        bound: QSize, upscale: bool, expected: QSize) -> None:
    assert fit_size(6000, 4000, bound, upscale=upscale) == expected


def test_fit_size_never_enlarges_a_raster_but_draws_an_svg_as_big_as_asked() -> None:
    assert fit_size(80, 40, QSize(800, 800)) == QSize(80, 40)
    assert fit_size(80, 40, QSize(800, 800), upscale=True) == QSize(800, 400)
    assert fit_size(80, 40, QSize(), upscale=True) == QSize(80, 40)


def test_the_budget_refuses_what_can_never_fit_and_times_out_when_full() -> None:
    budget = MemoryBudget(100)
    with pytest.raises(ImageRefused, match="more than"):
        with budget.hold(101):
            pass
    with budget.hold(60):
        with pytest.raises(ImageRefused, match="busy"):
            with budget.hold(60, timeout=0.01):
                pass
        with pytest.raises(DecodeCancelled):
            with budget.hold(60, timeout=5, cancelled=lambda: True):
                pass
    assert budget.in_flight == 0
    assert budget.peak == 60
