"""Reading the exhibit file's bytes safely, before any YAML parser sees them.

Everything that can make a parser crash, hang or mislead is refused here with a message
that says where and what to do: size, NUL bytes, encodings other than UTF-8, and tabs
used for indentation (which YAML forbids with a confusing message of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.exhibit.diagnostics import Diagnostic
from kiosk.exhibit.filebytes import EXHIBIT_FILE, FileKind, read_bytes, utf16_or_32

MAX_TAB_ERRORS = 10
_SAVE_AS_UTF8 = "save the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)"


@dataclass(frozen=True)
class Source:
    """The file's text, or why there is none."""

    text: str | None
    diagnostics: tuple[Diagnostic, ...] = ()
    readable: bool = True
    data: bytes = field(default=b"", repr=False)  # the bytes read, exactly as on disk


def read_source(path: Path, file: str, kind: FileKind = EXHIBIT_FILE) -> Source:
    """Text of the file, with the BOM removed; never raises for file problems."""

    def refuse(message: str, line: int = 0, col: int = 0) -> Source:
        return Source(None, (Diagnostic(file, line, col, "error", message),), readable=False)

    data = read_bytes(path, kind)
    if isinstance(data, str):
        return refuse(data)
    encoding = utf16_or_32(data)
    # guard: utf16
    if encoding:
        return refuse(f"the file is saved as {encoding}; {_SAVE_AS_UTF8}")
    nul = data.find(b"\0")  # guard: nul-byte
    if nul >= 0:
        line, col = _byte_position(data, nul)
        return refuse(f"the file contains a NUL byte, so it is not plain text (UTF-16 or a "
                      f"binary file?); {_SAVE_AS_UTF8}", line, col)
    try:
        text = data.decode("utf-8")  # guard: invalid-utf8
    except UnicodeDecodeError as exc:
        line, col = _byte_position(data, exc.start)
        return refuse(f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} here); "
                      f"{_SAVE_AS_UTF8}", line, col)
    text = text.removeprefix("\ufeff")
    return Source(text, _tab_indentation(text, file), data=data)  # guard: tab-indentation


def _tab_indentation(text: str, file: str) -> tuple[Diagnostic, ...]:
    if "\t" not in text:
        return ()
    found: list[Diagnostic] = []
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        tab = indent.find("\t")
        if tab < 0 or not line.strip():
            continue
        lines += 1
        if len(found) < MAX_TAB_ERRORS:
            found.append(Diagnostic(
                file, number, tab + 1, "error",
                "a tab is used for indentation; YAML allows only spaces. Indent with spaces "
                "(tip: set your editor to insert spaces when you press Tab)"))
    if lines > MAX_TAB_ERRORS:
        last = found[-1]
        found[-1] = Diagnostic(file, last.line, last.col, "error",
                               f"{last.message} ({lines - MAX_TAB_ERRORS + 1} lines here and "
                               "below have tabs too)")
    return tuple(found)


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[start:offset].decode("utf-8", "replace")) + 1
    return line, col
