"""Reading a file staff point the kiosk at, without trusting it to be one.

Kept apart from the rest of the exhibit checks (and free of them): a start from the
snapshot of the last clean load reads the exhibit file's bytes and nothing else.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_BYTES = 2 * 1024 * 1024


def read_bytes(path: Path) -> bytes | str:
    """The file's bytes, or what stops them being read (as a message for staff).

    Anything but a regular file of at most MAX_BYTES is refused before it is opened or
    read in full.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "the file does not exist; check the name and folder"
    except (OSError, ValueError) as exc:
        return f"the file cannot be read: {os_reason(exc)}"
    if stat.S_ISDIR(info.st_mode):
        return f"this is a folder; give the exhibit file inside it, e.g. {path / 'exhibit.yaml'}"
    if not stat.S_ISREG(info.st_mode):  # a FIFO would block an open() forever
        return "this is not a regular file (a pipe or device?); give the exhibit file"
    if info.st_size > MAX_BYTES:
        return (f"the file is {info.st_size / 1048576:.1f} MB; exhibit files are limited to "
                f"{MAX_BYTES // 1048576} MB (images belong in their own files)")
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        return f"the file cannot be read: {os_reason(exc)}"
    if len(data) > MAX_BYTES:  # it grew since stat
        return f"the file is larger than {MAX_BYTES // 1048576} MB"
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
