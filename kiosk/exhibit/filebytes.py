"""Reading a file staff point the kiosk at, without trusting it to be one.

Kept apart from the rest of the exhibit checks (and free of them): a start from the
snapshot of the last clean load reads the exhibit file's bytes and nothing else.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024  # guard: exhibit-size-cap


@dataclass(frozen=True, slots=True)
class FileKind:
    """How messages name the kind of file being read, so one reader serves every kind."""

    one: str  # "an exhibit file"
    the: str  # "the exhibit file"
    many: str  # "exhibit files"
    example: str  # the usual file name
    needs: str  # "an exhibit needs"


EXHIBIT_FILE = FileKind("an exhibit file", "the exhibit file", "exhibit files", "exhibit.yaml",
                        "an exhibit needs")


def read_bytes(path: Path, kind: FileKind = EXHIBIT_FILE) -> bytes | str:
    """The file's bytes, or what stops them being read (as a message for staff).

    Anything but a regular file of at most MAX_BYTES is refused before it is read.
    """
    try:
        return read_regular_file(path, MAX_BYTES)
    except FileNotFoundError:
        return "the file does not exist; check the name and folder"
    except NotRegularFile as exc:
        if stat.S_ISDIR(exc.mode):
            return f"this is a folder; give {kind.the} inside it, e.g. {path / kind.example}"
        return f"this is not a regular file (a pipe or device?); give {kind.the}"
    except TooLarge as exc:
        return (f"the file is {exc.size / 1048576:.1f} MB; {kind.many} are limited to "
                f"{MAX_BYTES // 1048576} MB (images belong in their own files)")
    except (OSError, ValueError) as exc:
        return f"the file cannot be read: {os_reason(exc)}"


class NotRegularFile(OSError):
    """A path that is a folder, a FIFO, a socket or a device where a file belongs."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(f"{path} is not a regular file")
        self.mode = mode  # as fstat found it on the open descriptor


class TooLarge(OSError):
    """A file over the size a reader accepts."""

    def __init__(self, path: Path, size: int, limit: int) -> None:
        super().__init__(f"{path} is larger than {limit} bytes")
        self.size = size


def open_regular_file(path: Path | str) -> tuple[int, os.stat_result]:
    """A descriptor open for reading on ``path``, and its status, if it is a regular file.

    Opened without blocking and checked on the open descriptor, not before: a FIFO put in
    the file's place (even between a check and the open) is refused instead of waited on
    for ever. Raises OSError (:class:`NotRegularFile` for anything but a file)."""
    # guard: regular-files-only-no-fifo-wait
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        # guard: exhibit-not-a-regular-file
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFile(Path(path), info.st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular_file(path: Path | str, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes; raises
    OSError otherwise (:class:`TooLarge`, :class:`NotRegularFile`)."""
    fd, info = open_regular_file(path)
    with os.fdopen(fd, "rb") as stream:
        if info.st_size > limit:
            raise TooLarge(Path(path), info.st_size, limit)
        data = stream.read(limit + 1)
    if len(data) > limit:  # it grew since it was opened
        raise TooLarge(Path(path), len(data), limit)
    return data


def os_reason(exc: BaseException) -> str:
    """Why a file operation failed, in the words staff see (``permission denied``)."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def utf16_or_32(data: bytes) -> str:
    """"UTF-16" or "UTF-32" when the bytes start with that encoding's byte-order mark."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"  # tested first: UTF-32 LE starts with UTF-16 LE's mark
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    return ""
