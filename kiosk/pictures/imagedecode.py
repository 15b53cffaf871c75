"""Decoding one exhibit picture at the size it is shown: the work done off the GUI thread.

Every decode first runs the validator's own header checks (`inspect_image`), so a file
swapped on disk after the exhibit was checked (a bomb, a lie about its format, an SVG
whose `<use>` copies explode, a FIFO) is refused before Qt's decoders see it. An SVG is
drawn in a child process that is stopped when it takes too long (kiosk.pictures.svgdraw).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

from kiosk.exhibit.imagecheck import MAX_PIXELS, ImageInfo, ImageRefused, shown_size
from kiosk.pictures.svgdraw import draw_svg

_QT_FORMAT = {"png": b"png", "jpeg": b"jpeg", "webp": b"webp", "svg": b"svg"}
# Handlers that decode straight to a smaller size (JPEG scales in its DCT, SVG renders at
# any size); the others decode the whole picture before it is scaled down.
_SCALES_WHILE_DECODING = frozenset({"jpeg", "svg"})
_BYTES_PER_PIXEL = 4
_QUARTER_TURN = QImageIOHandler.Transformation.TransformationRotate90.value


def allow_exhibit_sized_images() -> None:
    """Let Qt's image reader take any picture the validator accepts.

    Qt refuses to decode an image over 256 MB (about 64 megapixels) even when a
    screen-sized copy is asked for, so a 100-megapixel scan would show as a placeholder.
    The validator refuses anything over MAX_PIXELS, so that is the bound here; the
    decoder's budget (decoder.py) runs such a decode alone, and what stays in memory is
    screen-sized.
    """
    QImageReader.setAllocationLimit(math.ceil(MAX_PIXELS * 4 / 1_048_576))


allow_exhibit_sized_images()  # before the first decode, which is what imports this module


def decode_cost(info: ImageInfo, target: tuple[int, int]) -> int:
    """Bytes a decode needs at its peak, for the decoder's memory budget: the full
    picture for formats that decode it whole, the target for those that scale as they go."""
    if info.format in _SCALES_WHILE_DECODING:
        # JPEG's DCT scaling stops at one eighth; the decode may be up to 8x the target a side.
        if info.format == "jpeg":
            eighth = (info.width + 7) // 8 * ((info.height + 7) // 8)
            return max(target[0] * target[1], eighth) * _BYTES_PER_PIXEL
        # An SVG's pixels arrive from its drawing process, then are copied into a QImage.
        return 2 * target[0] * target[1] * _BYTES_PER_PIXEL
    return info.pixels * _BYTES_PER_PIXEL


def decode(path: Path, info: ImageInfo, box: tuple[int, int], *, crop: bool) -> QImage:
    """The picture at ``path`` decoded to fit (or, with ``crop``, cover) ``box`` pixels,
    turned upright by its EXIF orientation. Raises :class:`ImageRefused` if it cannot be."""
    if info.format == "svg":
        # guard: svg-drawn-in-its-own-process
        return _draw_svg(path, info, box, crop=crop)
    reader = QImageReader(str(path), _QT_FORMAT[info.format])
    reader.setAutoTransform(True)
    natural = (info.width, info.height)
    # The box is upright; a picture stored on its side is scaled before it is turned.
    if reader.transformation().value & _QUARTER_TURN:
        box = (box[1], box[0])
    target = shown_size(natural, box, crop=crop, scalable=info.format == "svg")
    if target != natural:
        reader.setScaledSize(QSize(*target))
    image = reader.read()
    if image.isNull():  # guard: undecodable-is-refused
        raise ImageRefused(f"it could not be decoded ({reader.errorString()}); "
                           "export it again")
    return image


def _draw_svg(path: Path, info: ImageInfo, box: tuple[int, int], *, crop: bool) -> QImage:
    """An SVG drawn in a child process that is stopped at the time budget (svgdraw.py): a
    drawing that would take minutes frees this worker after seconds."""
    width, height = shown_size((info.width, info.height), box, crop=crop, scalable=True)
    pixels = draw_svg(path, (width, height))
    image = QImage(pixels, width, height, width * _BYTES_PER_PIXEL,
                   QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # its own pixels, not a view of the child's bytes


def _malloc_trim() -> Callable[[], None]:
    """glibc keeps freed memory of each thread's heap for reuse; a decode of a large
    picture leaves tens of megabytes behind that only `malloc_trim` hands back."""
    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the process already has
    except (OSError, AttributeError):
        return lambda: None  # not glibc: nothing to do
    trim.argtypes = [ctypes.c_size_t]

    def release() -> None:
        trim(0)

    return release


release_free_memory = _malloc_trim()
