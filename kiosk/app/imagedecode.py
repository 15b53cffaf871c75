"""Decoding one exhibit image to the size it is shown at, refusing anything unsafe.

Pure Qt GUI (no QML), so the image provider, the renderer and tests share one code path.
Every image passes the same gates, cheapest first: the path stays inside the exhibit folder
and names a regular file (checked with ``stat`` before anything opens it, since opening a
FIFO would block); :func:`inspect_image` agrees with the extension and the declared size is
sane; the bytes to decode fit the memory budget; the file is complete. Only then does Qt see
the bytes, and it is told the target size so a huge scan costs screen-sized memory where the
format allows it.
"""

from __future__ import annotations

import math
import os
import stat
import struct
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader, QPainter
from PySide6.QtSvg import QSvgRenderer

from kiosk.exhibit.imagecheck import ImageInfo, ImageRefused, inspect_image, resolve_inside

__all__ = [
    "DEFAULT_BUDGET_BYTES",
    "DEFAULT_BUDGET_WAIT",
    "DecodeCancelled",
    "MAX_FILE_BYTES",
    "MAX_SIDE",
    "ImageRefused",
    "MemoryBudget",
    "decode_image",
    "fit_size",
]

MiB = 1024 * 1024
#: The long side an image is capped to when the caller gives no size (a 4K screen's width).
MAX_SIDE = 4096
#: Bytes all decodes together may hold at once; one image needing more is refused outright.
DEFAULT_BUDGET_BYTES = 256 * MiB
#: Files are read whole before decoding; no exhibit image needs to be bigger than this.
MAX_FILE_BYTES = 128 * MiB
#: How long a decode waits for others to free the budget before giving up.
DEFAULT_BUDGET_WAIT = 30.0
#: Parsing an SVG builds a tree several times the size of its text.
_SVG_PARSE_FACTOR = 8

Cancelled = Callable[[], bool]


class MemoryBudget:
    """Bytes held by decodes in flight, shared by every thread that decodes.

    A decode reserves its worst-case bytes before it starts and gives them back when it
    ends; one that would overflow the budget waits for others to finish.
    """

    def __init__(self, limit_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        if limit_bytes <= 0:
            raise ValueError("the memory budget must be positive")
        self.limit = limit_bytes
        self._in_flight = 0
        self._peak = 0
        self._changed = threading.Condition()

    @property
    def in_flight(self) -> int:
        with self._changed:
            return self._in_flight

    @property
    def peak(self) -> int:
        """The most bytes ever reserved at once: what tests and benchmarks check."""
        with self._changed:
            return self._peak

    @contextmanager
    def hold(
        self, nbytes: int, timeout: float = DEFAULT_BUDGET_WAIT,
        cancelled: Cancelled | None = None,
    ) -> Iterator[None]:
        """Reserve ``nbytes`` for the ``with`` block, waiting up to ``timeout`` seconds.

        Raises :class:`ImageRefused` when ``nbytes`` can never fit, when the wait runs out,
        or when ``cancelled`` turns true while waiting.
        """
        if nbytes > self.limit:
            raise ImageRefused(
                f"decoding it needs {_mb(nbytes)} of memory, more than the "
                f"{_mb(self.limit)} the kiosk allows for images; save it with fewer pixels "
                "(4000 on the long side is plenty for a screen) or as JPEG")
        with self._changed:
            fits = self._changed.wait_for(
                lambda: self._in_flight + nbytes <= self.limit
                or (cancelled is not None and cancelled()),
                timeout)
            if cancelled is not None and cancelled():
                raise DecodeCancelled()
            if not fits:
                raise ImageRefused(
                    "the kiosk was busy decoding other images for too long; it will try "
                    "again when the image is next shown")
            self._in_flight += nbytes
            self._peak = max(self._peak, self._in_flight)
        try:
            yield
        finally:
            with self._changed:
                self._in_flight -= nbytes
                self._changed.notify_all()

    def wake(self) -> None:
        """Let waiting decodes re-check whether they were cancelled."""
        with self._changed:
            self._changed.notify_all()


class DecodeCancelled(ImageRefused):
    """The image was no longer wanted before its decode started; not a problem to report."""

    def __init__(self) -> None:
        super().__init__("the image is no longer needed")


def fit_size(width: int, height: int, bound: QSize, *, upscale: bool = False) -> QSize:
    """``width``×``height`` scaled to fit ``bound``, keeping the aspect ratio.

    A zero or negative side of ``bound`` means "any" (QML's ``sourceSize.width`` alone);
    every side is capped at :data:`MAX_SIDE`. Raster images are never made bigger than they
    are; SVGs (``upscale=True``) are drawn as big as asked.
    """
    box_w = min(bound.width(), MAX_SIDE) if bound.width() > 0 else MAX_SIDE
    box_h = min(bound.height(), MAX_SIDE) if bound.height() > 0 else MAX_SIDE
    if not upscale and bound.width() <= 0 and bound.height() <= 0:
        box_w = box_h = MAX_SIDE
    scale = min(box_w / width, box_h / height)
    if not upscale:
        scale = min(scale, 1.0)
    elif bound.width() <= 0 and bound.height() <= 0:
        scale = min(scale, 1.0)  # no size asked: an SVG's own size, capped
    return QSize(max(1, math.floor(width * scale + 0.5)), max(1, math.floor(height * scale + 0.5)))


def decode_image(
    path: Path, root: Path, max_size: QSize, *,
    budget: MemoryBudget | None = None,
    budget_wait: float = DEFAULT_BUDGET_WAIT,
    cancelled: Cancelled | None = None,
) -> QImage:
    """The image at ``path`` (absolute, or relative to ``root``) scaled to fit ``max_size``.

    Raises :class:`ImageRefused` with a message a curator can act on; never returns a null
    or half-decoded image. Safe to call from any thread.
    """
    budget = budget if budget is not None else _SHARED_BUDGET
    resolved = _resolve(path, root)
    before = _regular_file_stat(resolved)
    info = inspect_image(resolved)
    if before.st_size > MAX_FILE_BYTES:
        raise ImageRefused(
            f"the file is {_mb(before.st_size)}; the limit is {_mb(MAX_FILE_BYTES)}. "
            "Save it smaller")
    with _open_same_file(resolved, before) as stream:
        head = stream.read(32)
        if info.format == "svg":
            target = fit_size(info.width, info.height, max_size, upscale=True)
            cost = before.st_size * _SVG_PARSE_FACTOR + _image_bytes(target, 4)
        else:
            cost = before.st_size + _raster_decode_bytes(info, head, max_size)
        # One reservation for everything, taken before any big allocation: a decode never
        # waits while holding part of the budget, so two decodes cannot starve each other.
        with budget.hold(cost, budget_wait, cancelled):
            data = head + stream.read(before.st_size)
            if len(data) != before.st_size:
                raise ImageRefused("the file changed while it was being read")
            if info.format == "svg":
                return _render_svg(data, target)
            _check_complete(info, data)
            return _read_raster(data, info, max_size, cost)


# --- the file ---------------------------------------------------------------------------

def _resolve(path: Path, root: Path) -> Path:
    relative = path.as_posix()
    if path.is_absolute():
        # Lexically relative to the root, so resolve_inside still judges symlinks; against
        # the resolved root too, for a model path resolved through a linked folder. A path
        # outside both stays absolute, and is refused as such.
        for base in (root, root.resolve()):
            inside = os.path.relpath(path, base)
            if not inside.startswith(".."):
                relative = inside
                break
    return resolve_inside(root, Path(relative).as_posix())


def _regular_file_stat(path: Path) -> os.stat_result:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImageRefused("the file does not exist") from None
    except OSError as exc:
        raise ImageRefused(f"the file cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        if stat.S_ISFIFO(info.st_mode):
            kind = "a named pipe (FIFO)"
        raise ImageRefused(f"it is {kind}, not an image file")
    return info


@contextmanager
def _open_same_file(path: Path, before: os.stat_result) -> Iterator[BinaryIO]:
    """The file opened for reading, provided it is still the regular file that was checked.

    Opened non-blocking and without following a link, then compared with the earlier
    ``stat``: a file swapped for a FIFO, a link or another file in between is refused.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(
        os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ImageRefused(f"the file cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as stream:
        now = os.fstat(fd)
        same = (stat.S_ISREG(now.st_mode) and now.st_ino == before.st_ino
                and now.st_dev == before.st_dev and now.st_size == before.st_size
                and now.st_mtime_ns == before.st_mtime_ns)
        if not same:
            raise ImageRefused(
                "the file changed while it was being read; it is shown after the next reload")
        yield stream


def _check_complete(info: ImageInfo, data: bytes) -> None:
    """Refuse files cut short: Qt would draw what it has and fill the rest with grey."""
    if info.format == "png":
        complete = _PNG_END in data[-4096:]  # some tools append a few bytes after it
    elif info.format == "jpeg":
        complete = _jpeg_has_end(data)
    else:  # webp: the RIFF header states the length of everything after it
        (riff_size,) = struct.unpack("<I", data[4:8])
        complete = len(data) >= riff_size + 8
    if not complete:
        raise ImageRefused(
            "the file is cut short (it ends before the image does); copy or export it again")


def _jpeg_has_end(data: bytes) -> bool:
    """Whether an end-of-image marker follows the first scan.

    Markers before the scan are skipped by their lengths, so an end marker inside an EXIF
    thumbnail does not count; inside compressed data 0xFF is always escaped, so the first
    0xFFD9 after the scan starts is the real end.
    """
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return False
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            pos += 2
            continue
        if marker == 0xDA:
            return data.find(b"\xff\xd9", pos) != -1
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        pos += 2 + length
    return False


# --- raster -----------------------------------------------------------------------------

def _raster_decode_bytes(info: ImageInfo, head: bytes, max_size: QSize) -> int:
    """Worst-case bytes Qt allocates to decode to fit ``max_size``.

    PNG and WebP decode the whole image and then scale it; JPEG decodes at 1/2, 1/4 or 1/8
    scale (the smallest still at least the target) and smooths the rest of the way.
    """
    depth = 8 if info.format == "png" and len(head) > 24 and head[24] == 16 else 4
    # EXIF may rotate a JPEG, which changes which side the box limits: take the worse.
    output = depth * max(_area(fit_size(info.width, info.height, max_size)),
                         _area(fit_size(info.height, info.width, max_size)))
    full = depth * info.width * info.height
    if info.format != "jpeg":
        return full + output
    eighth = depth * math.ceil(info.width / 8) * math.ceil(info.height / 8)
    return output + min(full, max(4 * output, eighth))


def _read_raster(data: bytes, info: ImageInfo, max_size: QSize, cost: int) -> QImage:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, info.format.encode())
    reader.setDecideFormatFromContent(False)
    reader.setAutoTransform(True)  # EXIF orientation, as cameras intend
    # A second guard behind the budget: Qt refuses to allocate more than was planned.
    reader.setAllocationLimit(math.ceil(cost / MiB) + 1)
    stored = reader.size()
    width, height = (stored.width(), stored.height()) if stored.isValid() else (
        info.width, info.height)
    if reader.transformation() & QImageIOHandler.Transformation.TransformationRotate90:
        # The box applies to the image as shown, i.e. after the rotation.
        shown = fit_size(height, width, max_size)
        target = shown.transposed()
    else:
        shown = target = fit_size(width, height, max_size)
    if target != QSize(width, height):
        reader.setScaledSize(target)
    image = reader.read()
    if image.isNull():
        raise ImageRefused(f"the image cannot be decoded ({reader.errorString()}); "
                           "it may be damaged. Export it again")
    if image.width() > shown.width() or image.height() > shown.height():
        image = image.scaled(shown, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    return image


# --- SVG --------------------------------------------------------------------------------

def _render_svg(data: bytes, target: QSize) -> QImage:
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        raise ImageRefused("the SVG cannot be read; it may be damaged. Export it again")
    image = QImage(target, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ImageRefused("there is not enough memory to draw the SVG")
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter)
    finally:
        painter.end()
    return image


# --- helpers ----------------------------------------------------------------------------

def _area(size: QSize) -> int:
    return max(1, size.width()) * max(1, size.height())


def _image_bytes(size: QSize, depth: int) -> int:
    return _area(size) * depth


def _mb(nbytes: int) -> str:
    return f"{nbytes / MiB:.0f} MB" if nbytes >= MiB else f"{nbytes / 1024:.0f} KB"


_PNG_END = b"IEND\xaeB`\x82"
_SHARED_BUDGET = MemoryBudget()
