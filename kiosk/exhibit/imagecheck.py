"""Cheap, header-only checks of exhibit images, before anything tries to decode them.

Used by the validator on every image (thousands at a time), so it reads only a few bytes
of a PNG, JPEG or WebP (and at most a few megabytes of an SVG), never follows a FIFO or
device, and refuses files whose contents and name disagree. Also the one rule for the
size a picture is decoded at to fill its place on screen (:func:`shown_size`).
"""

from __future__ import annotations

import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import BinaryIO, Literal

from kiosk.exhibit.filebytes import NotRegularFile, open_regular_file, os_reason
from kiosk.exhibit.imagerefused import ImageRefused
from kiosk.exhibit.svgcheck import SVG_MAX_BYTES, SvgFacts, read_svg

ImageFormat = Literal["png", "jpeg", "webp", "svg"]

#: Above this many pixels an image is accepted with a warning: it is slow to decode.
MEGAPIXEL_WARNING = 100
WARN_PIXELS = MEGAPIXEL_WARNING * 1_000_000
#: Above these an image is refused as a likely decompression bomb.
MAX_PIXELS = 250_000_000
MAX_SIDE = 30_000

EXTENSIONS: dict[str, ImageFormat] = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".webp": "webp",
    ".svg": "svg",
}
_FORMAT_NAMES = {"png": "PNG", "jpeg": "JPEG", "webp": "WebP", "svg": "SVG", "gif": "GIF",
                 "bmp": "BMP", "tiff": "TIFF", "heic": "HEIC", "pdf": "PDF"}
_SUGGESTED_EXTENSION = {"png": ".png", "jpeg": ".jpg", "webp": ".webp", "svg": ".svg"}
_SUPPORTED = "PNG, JPEG, WebP or SVG"


@dataclass(frozen=True)
class ImageInfo:
    """What a picture's header says: its format and size in pixels."""

    format: ImageFormat
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height

    @property
    def megapixels(self) -> float:
        return self.pixels / 1_000_000

    @property
    def is_huge(self) -> bool:
        """Accepted but slow to decode: worth a warning."""
        return self.pixels > WARN_PIXELS


def shown_size(natural: tuple[int, int], box: tuple[int, int], *, crop: bool,
               scalable: bool) -> tuple[int, int]:
    """The size to decode a ``natural``-sized picture at, to fill ``box``: fitted inside
    it, or covering it when ``crop``. Never larger than the picture, unless it is
    ``scalable`` (an SVG is sharp at any size)."""
    width, height = natural
    if width <= 0 or height <= 0 or box[0] <= 0 or box[1] <= 0:
        return (0, 0)
    ratios = (box[0] / width, box[1] / height)
    scale = max(ratios) if crop else min(ratios)
    if not scalable:
        scale = min(scale, 1.0)
    return (max(1, round(width * scale)), max(1, round(height * scale)))


def resolve_inside(root: Path, relative: str, *, root_is_resolved: bool = False) -> Path:
    """The absolute path of ``relative`` under ``root``, refusing anything that leaves it.

    Refuses absolute paths, ``..`` and symbolic links that lead outside ``root``. The file
    need not exist (the caller reports a missing file in its own words). Callers checking
    many paths may resolve ``root`` once and say so with ``root_is_resolved``.
    """
    if not relative or not relative.strip():
        raise ImageRefused("the file name is empty")
    if "\0" in relative:
        raise ImageRefused("the file name contains a NUL character")
    if "\\" in relative:
        raise ImageRefused("the path uses '\\' between folders; write '/' instead, "
                           "e.g. assets/photo.jpg")
    # guard: absolute-path
    if PurePosixPath(relative).is_absolute() or PureWindowsPath(relative).drive:
        raise ImageRefused("the path is absolute; write it relative to the exhibit file's "
                           "folder, e.g. assets/photo.jpg")
    parts = [part for part in relative.split("/") if part not in ("", ".")]
    if ".." in parts:  # guard: dot-dot-path
        raise ImageRefused("the path uses '..' to leave the exhibit folder; keep the images "
                           "inside it")
    base = str(root) if root_is_resolved else os.path.realpath(root)
    # Without '..', only a symbolic link can lead out: lstat each step (cheap), and resolve
    # fully only when a link is met.
    current = base
    for part in parts:
        current = os.path.join(current, part)
        try:
            is_link = stat.S_ISLNK(os.lstat(current).st_mode)
        except OSError:  # missing, or a file where a folder was expected: reported later
            return Path(base, *parts)
        if is_link:
            return _follow_links(Path(base), relative)
    return Path(current)


def _follow_links(base: Path, relative: str) -> Path:
    try:
        resolved = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:  # symlink loops
        raise ImageRefused(f"the path cannot be followed: {os_reason(exc)}") from None
    if not resolved.is_relative_to(base):  # guard: symlink-out-of-folder
        raise ImageRefused(
            f"a symbolic link leads outside the exhibit folder (to {resolved}); copy the "
            "file into the folder instead")
    return resolved


def format_for_extension(path: Path) -> ImageFormat:
    suffix = path.suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        shown = f"'{suffix}'" if suffix else "no extension"
        raise ImageRefused(
            f"unsupported image type ({shown}); use {_SUPPORTED} "
            "(.png, .jpg, .jpeg, .webp, .svg)")
    return fmt


def inspect_image(path: Path) -> ImageInfo:
    """Format and pixel size from the file's header, or :class:`ImageRefused`.

    Never opens anything but a regular file, so a FIFO cannot block the caller.
    """
    expected = format_for_extension(path)
    try:
        fd, info = open_regular_file(path)
    except FileNotFoundError:
        raise ImageRefused(_not_found(path)) from None
    # guard: image-not-a-regular-file
    except NotRegularFile as exc:
        raise ImageRefused(f"it is {_kind(exc.mode)}, not an image file") from None
    except (OSError, ValueError) as exc:
        raise ImageRefused(f"the file cannot be read: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "rb") as stream:
            if info.st_size == 0:
                raise ImageRefused("the file is empty (0 bytes); export the image again")
            head = stream.read(64)
            actual = _sniff(head)
            if actual != expected:  # guard: magic-bytes
                raise ImageRefused(_mismatch(path, actual, expected))
            if expected == "png":
                width, height = _png_size(head)
            elif expected == "jpeg":
                width, height = _jpeg_size(stream)
            elif expected == "webp":
                width, height = _webp_size(head)
            if expected != "svg":
                # guard: picture-cut-short-refused
                _check_complete(stream, expected, head, info.st_size)
            else:
                if info.st_size > SVG_MAX_BYTES:
                    raise ImageRefused(
                        f"the SVG is {info.st_size / 1048576:.1f} MB; the limit is "
                        f"{SVG_MAX_BYTES // 1048576} MB. Simplify it or export it as PNG")
                stream.seek(0)
                svg = inspect_svg(stream.read(SVG_MAX_BYTES + 1), path.parent)
                width, height = svg.width, svg.height
    except OSError as exc:
        raise ImageRefused(f"the file cannot be read: {os_reason(exc)}") from None
    if width <= 0 or height <= 0:
        raise ImageRefused(f"the header gives a size of {width}×{height} pixels")
    # guard: pixel-count-cap
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ImageRefused(
            f"the image is {width}×{height} pixels ({width * height / 1e6:.0f} megapixels); "
            f"the limit is {MAX_SIDE} pixels a side and {MAX_PIXELS // 1_000_000} megapixels. "
            "Scale it down (4000 pixels on the long side is plenty for a screen)")
    return ImageInfo(expected, width, height)


def inspect_svg(data: bytes, folder: Path) -> SvgFacts:
    """What the SVG ``data`` (a file in ``folder``) says, with every picture its
    `<image>`s show checked like an exhibit picture and kept inside ``folder``."""
    svg = read_svg(data)
    for name in svg.pictures:
        try:
            inspect_image(resolve_inside(folder, name))  # guard: svg-pictures-checked
        except ImageRefused as refused:
            raise ImageRefused(f"its <image> '{name}': {refused.message}") from None
    return svg


# --- identifying the format -------------------------------------------------------------

def _sniff(head: bytes) -> str:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"BM"):
        return "bmp"
    if head.startswith((b"II*\0", b"MM\0*")):
        return "tiff"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "heic"
    if head.startswith(b"%PDF"):
        return "pdf"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith((b"<?xml", b"<svg", b"<!--", b"<!DOCTYPE", b"<!doctype")):
        return "svg"
    return "unknown"


def _mismatch(path: Path, actual: str, expected: str) -> str:
    wanted = _FORMAT_NAMES[expected]
    if actual == "unknown":
        article = "an" if wanted == "SVG" else "a"
        return (f"the file does not start like {article} {wanted} image; it may be damaged or "
                f"not an image at all. Export it again as {wanted}")
    found = _FORMAT_NAMES[actual]
    if actual in _SUGGESTED_EXTENSION:
        return (f"the file is a {found} image but its name ends in '{path.suffix}'; rename it "
                f"to end in '{_SUGGESTED_EXTENSION[actual]}' or save it as {wanted}")
    return f"the file is a {found} image, which the kiosk cannot show; save it as {wanted}"


# --- raster headers ---------------------------------------------------------------------

_TRUNCATED = "the file is cut short (its header is incomplete); copy or export it again"


def _png_size(head: bytes) -> tuple[int, int]:
    if len(head) < 24:  # guard: truncated-header
        raise ImageRefused(_TRUNCATED)
    if head[12:16] != b"IHDR":
        raise ImageRefused("the PNG header is damaged (no IHDR chunk first); export it again")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


_CUT_SHORT = ("the file is cut short (its end is missing, as after an interrupted copy); "
              "copy or export it again")
# How far from the end a format's closing marker may sit: some writers pad a little after.
_TAIL_BYTES = 1024


def _check_complete(stream: BinaryIO, fmt: str, head: bytes, size: int) -> None:
    """Refuse a raster picture whose end is missing, by its format's closing marker (PNG's
    IEND chunk, JPEG's end-of-image) or its declared length (WebP), without decoding it."""
    if fmt == "webp":
        declared = int.from_bytes(head[4:8], "little") + 8
        if declared > size:
            raise ImageRefused(_CUT_SHORT)
        return
    stream.seek(max(0, size - _TAIL_BYTES))
    tail = stream.read(_TAIL_BYTES)
    if (b"IEND" if fmt == "png" else b"\xff\xd9") not in tail:
        raise ImageRefused(_CUT_SHORT)


# SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but don't.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xDA)) | {0x01}


def _jpeg_size(stream: BinaryIO) -> tuple[int, int]:
    stream.seek(2)
    for _ in range(10_000):  # a real file reaches its SOF in a few dozen segments
        byte = stream.read(1)
        if not byte:
            raise ImageRefused(_TRUNCATED)
        if byte != b"\xff":
            raise ImageRefused("the JPEG header is damaged; export it again")
        marker = stream.read(1)
        while marker == b"\xff":  # fill bytes
            marker = stream.read(1)
        if not marker:
            raise ImageRefused(_TRUNCATED)
        code = marker[0]
        if code in _STANDALONE:
            continue
        if code == 0xD9 or code == 0xDA:  # end of image, or pixels before any frame header
            raise ImageRefused("the JPEG has no frame header; export it again")
        raw = stream.read(2)
        if len(raw) < 2:
            raise ImageRefused(_TRUNCATED)
        (length,) = struct.unpack(">H", raw)
        if length < 2:
            raise ImageRefused("the JPEG header is damaged; export it again")
        if code in _SOF_MARKERS:
            body = stream.read(5)
            if len(body) < 5:
                raise ImageRefused(_TRUNCATED)
            height, width = struct.unpack(">HH", body[1:5])
            if height == 0:
                raise ImageRefused(
                    "the JPEG does not state its height in its header; re-save it")
            return width, height
        stream.seek(length - 2, os.SEEK_CUR)
    raise ImageRefused("the JPEG header is damaged; export it again")


def _webp_size(head: bytes) -> tuple[int, int]:
    if len(head) < 30:
        raise ImageRefused(_TRUNCATED)
    chunk = head[12:16]
    if chunk == b"VP8 ":
        if head[23:26] != b"\x9d\x01\x2a":
            raise ImageRefused("the WebP header is damaged; export it again")
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L":
        if head[20] != 0x2F:
            raise ImageRefused("the WebP header is damaged; export it again")
        (bits,) = struct.unpack("<I", head[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(head[24:27], "little") + 1
        height = int.from_bytes(head[27:30], "little") + 1
        return width, height
    raise ImageRefused("the WebP header is damaged (unknown chunk); export it again")


# --- plain-words file problems ----------------------------------------------------------

def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _not_found(path: Path) -> str:
    try:
        wanted = path.name.lower()
        near = [entry.name for entry in os.scandir(path.parent) if entry.name.lower() == wanted]
    except OSError:
        near = []
    if near:
        return f"the file does not exist; did you mean '{near[0]}'? (letter case matters)"
    return "the file does not exist; check the spelling and that it is in the exhibit folder"
