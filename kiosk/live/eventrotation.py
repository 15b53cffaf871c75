"""Rotated event logs: ``events.jsonl`` moved aside, renumbered and gzip-compressed.

The files beside ``events.jsonl``, each a whole number of whole lines, newest first::

    events.jsonl          the events being written now
    events.jsonl.0        just renamed aside, about to become .1.gz (uncompressed)
    events.jsonl.1.gz     the next older events … up to events.jsonl.KEEP.gz, the oldest
    events.jsonl.N        .N.gz not yet compressed: compressing it failed (a full disk), and
                          is tried again at the next rotation

so ``events.jsonl*`` is every event kept, each once. A ``.gz`` is written as a hidden
``.events.jsonl.N.gz.tmp`` and renamed into place whole before its source is removed.
(Should the power fail between those two steps, the next rotation removes the source once
it has checked the ``.gz`` holds the same.)
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import logging
import os
import re
import shutil
import zlib
from pathlib import Path

# What follows "events.jsonl." in a rotated file's name, and in a ".gz" being written.
_ROTATED = re.compile(r"(0|[1-9][0-9]*)(\.gz)?")
_TEMPORARY = re.compile(r"[0-9]+\.gz\.tmp")
_CHUNK = 1 << 20

logger = logging.getLogger(__name__)


def rotated_path(path: Path, number: int, compressed: bool = True) -> Path:
    """``events.jsonl.N.gz`` (or ``events.jsonl.N``) beside ``path``."""
    return path.with_name(f"{path.name}.{number}{'.gz' if compressed else ''}")


def _rotated_files(path: Path) -> tuple[dict[int, list[Path]], list[Path]]:
    """The rotated files by number (``.N`` and ``.N.gz``), and any ``.gz.tmp`` left."""
    prefix = path.name + "."
    numbered: dict[int, list[Path]] = {}
    temporary: list[Path] = []
    with os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix):
                if match := _ROTATED.fullmatch(entry.name, len(prefix)):
                    numbered.setdefault(int(match[1]), []).append(Path(entry.path))
            elif entry.name.startswith("." + prefix):
                if _TEMPORARY.fullmatch(entry.name, len(prefix) + 1):
                    temporary.append(Path(entry.path))
    return numbered, temporary

def move_along(path: Path, keep: int) -> None:
    """``.0`` becomes ``.1``, ``.1`` becomes ``.2`` … up to the first free number; the
    files then numbered past ``keep`` are dropped."""
    numbered, _ = _rotated_files(path)
    if 0 not in numbered:
        return
    free = 1
    while free in numbered:
        free += 1
    # Oldest first, so each file moves onto the number just vacated, never onto a file
    # that is kept.
    for number in range(free - 1, -1, -1):  # guard: event-log-shift-never-overwrites
        for source in numbered[number]:
            target = rotated_path(path, number + 1, source.suffix == ".gz")
            if os.path.lexists(target):
                raise FileExistsError(errno.EEXIST, "will not replace", str(target))
            os.rename(source, target)
    numbered, _ = _rotated_files(path)
    for number, files in numbered.items():
        if number > keep:  # guard: event-log-keep-count
            for file in files:
                file.unlink(missing_ok=True)

def compress_rotated(path: Path) -> None:
    """Compress every uncompressed ``.N`` (N ≥ 1): the new ``.1``, and any left by an
    earlier failure or crash."""
    numbered, temporary = _rotated_files(path)
    for stale in temporary:  # a compression cut short; its source is still there
        stale.unlink(missing_ok=True)  # guard: event-log-stale-tmp-removed
    for number, files in sorted(numbered.items()):
        plain = rotated_path(path, number, compressed=False)
        if number == 0 or plain not in files:  # guard: event-log-leftovers-compressed
            continue
        packed = rotated_path(path, number)
        if packed not in files:
            _compress(plain, packed)
        # guard: event-log-crash-copy-checked, event-log-crash-copy-removed
        elif _same_content(packed, plain):
            # Left by a crash after the .gz was in place, before its source was removed.
            plain.unlink()
        else:
            logger.warning("%s and %s differ; both are kept", plain, packed)

def _compress(plain: Path, packed: Path) -> None:
    """Write ``packed`` whole (via a temporary file) and only then remove ``plain``."""
    temporary = packed.with_name(f".{packed.name}.tmp")  # hidden from events.jsonl* readers
    try:
        with plain.open("rb") as source, temporary.open("wb") as raw:
            # No name in the header: the file is renumbered as newer ones arrive.
            with gzip.GzipFile("", "wb", compresslevel=6, fileobj=raw) as sink:
                shutil.copyfileobj(source, sink, _CHUNK)
            raw.flush()
            os.fsync(raw.fileno())
        os.rename(temporary, packed)
        _fsync_folder(packed.parent)  # the .gz's name on disk before its source goes
    except BaseException:
        with contextlib.suppress(OSError):  # a read-only folder: the next rotation removes it
            # guard: event-log-keep-uncompressed-on-failure
            temporary.unlink(missing_ok=True)
        raise
    plain.unlink()


def _same_content(packed: Path, plain: Path) -> bool:
    try:
        with gzip.open(packed, "rb") as unpacked, plain.open("rb") as source:
            while True:
                expected = source.read(_CHUNK)
                if unpacked.read(len(expected) or 1) != expected:
                    return False
                if not expected:
                    return True
    except (OSError, EOFError, zlib.error):
        return False


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
