"""The last exhibit that loaded cleanly, kept so that the next start need not load it again.

Loading an exhibit parses its YAML and reads the header of every picture: a noticeable
part of the kiosk's start-up, and a third of a second for a thousand panels. So a clean
load is kept in the cache folder together with everything it was made from: the exhibit
file's exact bytes, the identity, size and times of every picture it shows, and the
version of the code that checked it. At the next start, when all of that still matches,
a fresh load would give the very same exhibit, and the kept one is shown at once.

Anything else means a full load, exactly as if nothing had been kept: a byte of the file
changed, a picture touched or replaced, a newer kiosk or YAML parser, or a snapshot that
is damaged, unreadable or missing. A load that finished while one of its files was
still being written is not kept (see :data:`SETTLE_NS`). And when that full load finds
errors, the kiosk starts with the last good exhibit rather than not at all
(:func:`load_last_good`), as it keeps it when a broken edit reaches a running kiosk.

Snapshots are written and read only by the kiosk itself, in its own cache folder
(``pickle`` is not for files anyone else can write).
"""

from __future__ import annotations

import importlib.machinery
import logging
import os
import pickle
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.exhibit.filebytes import read_bytes, read_regular_file
from kiosk.exhibit.model import Exhibit
from kiosk.paths import cache_dir

if TYPE_CHECKING:
    from kiosk.exhibit.load import LoadResult  # not imported at start-up: it brings YAML

log = logging.getLogger(__name__)

# A snapshot of a thousand-panel exhibit is a few MB; anything far larger is not ours.
SNAPSHOT_MAX_BYTES = 256 * 1024 * 1024
FORMAT = 4  # raised whenever the pickled model changes shape
MAGIC = b"exhibit-kiosk snapshot\n"
# A file written this short a time before a load ended may have changed while it ran,
# with times that do not show it (FAT keeps them to 2 s): such a load is not kept.
SETTLE_NS = 3_000_000_000

_Signature = tuple[int, int, int, int, int] | None  # dev, inode, size, mtime, ctime


@dataclass(frozen=True, slots=True)
class Snapshot:
    """An exhibit kept from a clean load, with what that load said of it."""

    exhibit: Exhibit
    messages: tuple[str, ...]  # the load's warnings, as `kiosk validate` prints them
    kept_at: float = 0.0  # when, in seconds since the epoch


def snapshot_file(exhibit_path: Path) -> Path:
    """Where the snapshot of the exhibit at ``exhibit_path`` is kept: one per exhibit."""
    resolved = str(exhibit_path.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir() / "snapshots" / f"{exhibit_path.stem}-{zlib.crc32(resolved):08x}"


def load_snapshot(exhibit_path: Path) -> Snapshot | None:
    """The kept exhibit, when it is exactly what loading ``exhibit_path`` would give now."""

    def unchanged(key: dict[str, object]) -> bool:
        files = tuple(name for name, _ in key["files"])  # type: ignore[attr-defined]
        # guard: snapshot-only-if-unchanged
        if key == _key(exhibit_path, read_bytes(exhibit_path), files):
            return True
        log.info("%s changed since it was last loaded; loading it", exhibit_path)
        return False

    return _read(exhibit_path, unchanged)


def load_last_good(exhibit_path: Path) -> Snapshot | None:
    """The last clean load of ``exhibit_path`` by this version of the kiosk, whatever has
    changed since: what the kiosk shows, rather than nothing, while the file has errors.
    (Pictures changed since are checked again as they are shown, as every picture is.)"""

    def same_exhibit_and_kiosk(key: dict[str, object]) -> bool:
        checked_by = key["checked by"]
        return (key["exhibit"] == _identity(exhibit_path) and isinstance(checked_by, tuple)
                and checked_by[0] == __version__)  # guard: last-good-same-kiosk

    return _read(exhibit_path, same_exhibit_and_kiosk)


def _read(exhibit_path: Path, usable: Callable[[dict[str, object]], bool]) -> Snapshot | None:
    """The snapshot kept for ``exhibit_path`` if its key is ``usable``; None for none, or
    one that is damaged or of another format (as if it weren't there)."""
    file = snapshot_file(exhibit_path)
    try:
        blob = read_regular_file(file, SNAPSHOT_MAX_BYTES)
    except FileNotFoundError:
        return None
    except OSError as error:
        log.info("cannot read the exhibit snapshot %s (%s)", file, error)
        return None
    try:
        key, body = _unpack(blob)
        if not usable(key):
            return None
        snapshot = pickle.loads(body)
        if not isinstance(snapshot, Snapshot):
            raise TypeError(f"not a snapshot: {type(snapshot).__name__}")
    except Exception as error:  # damaged or from another version
        log.info("the exhibit snapshot %s is unusable (%s)", file, error)
        return None
    return snapshot


def save_snapshot(exhibit_path: Path, result: LoadResult) -> bool:
    """Keep a clean load of ``exhibit_path`` for the next start, with its warnings. False
    when it is not kept: a file still settling, or no room to write."""
    exhibit = result.exhibit
    if exhibit is None:
        raise ValueError("only a clean load is kept")
    messages = tuple(str(warning) for warning in result.warnings)
    files = tuple(str(path) for path in exhibit.referenced_files())
    key = _key(exhibit_path, result.source, files)  # the bytes it was made from
    fresh = time.time_ns() - SETTLE_NS
    # guard: snapshot-not-while-settling
    if any(sig is not None and max(sig[3], sig[4]) > fresh for _, sig in key["files"]):
        log.info("a picture of %s changed seconds ago; not keeping this load", exhibit_path)
        return False
    snapshot = Snapshot(exhibit, messages, time.time())
    blob = _pack(key, pickle.dumps(snapshot, pickle.HIGHEST_PROTOCOL))
    file = snapshot_file(exhibit_path)
    temporary = file.with_name(f".{file.name}.{os.getpid()}")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as stream:
            stream.write(blob)
        os.replace(temporary, file)  # whole or not at all: a reader never sees half of one
    except OSError as error:
        log.info("cannot keep an exhibit snapshot in %s (%s)", file.parent, error)
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass  # the folder itself is what failed
        return False
    return True


def _key(exhibit_path: Path, source: bytes | str, files: tuple[str, ...]) -> dict[str, object]:
    """What a load of ``exhibit_path`` from ``source`` (its bytes) depends on, as it is now."""
    return {
        "format": FORMAT,
        "checked by": _validator(),
        "exhibit": _identity(exhibit_path),
        "source": source,
        "files": tuple((name, _signature(name)) for name in files),
    }


def _identity(exhibit_path: Path) -> tuple[str, str]:
    return str(exhibit_path), str(exhibit_path.resolve())


def _validator() -> tuple[object, ...]:
    """The code whose checks a snapshot stands for: this kiosk's version, its exhibit
    package's files and the YAML parser's (an upgrade of either means a fresh load)."""
    folder = os.path.dirname(__file__)
    sources = sorted((entry.name, _signature(entry.path)) for entry in os.scandir(folder)
                     if entry.name.endswith(".py"))
    yaml = importlib.machinery.PathFinder.find_spec("yaml")
    origin = yaml.origin if yaml is not None else None
    return __version__, tuple(sources), origin, _signature(origin) if origin else None


def _signature(path: str) -> _Signature:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def _pack(key: dict[str, object], body: bytes) -> bytes:
    head = pickle.dumps(key, pickle.HIGHEST_PROTOCOL)
    payload = len(head).to_bytes(8, "little") + head + body
    return MAGIC + zlib.crc32(payload).to_bytes(4, "little") + payload


def _unpack(blob: bytes) -> tuple[dict[str, object], bytes]:
    """The key and the pickled snapshot; ValueError for anything damaged or foreign."""
    if not blob.startswith(MAGIC):
        raise ValueError("not a snapshot file")
    checksum, payload = blob[len(MAGIC):len(MAGIC) + 4], blob[len(MAGIC) + 4:]
    if int.from_bytes(checksum, "little") != zlib.crc32(payload):  # guard: snapshot-checksum
        raise ValueError("checksum mismatch")
    size = int.from_bytes(payload[:8], "little")
    key = pickle.loads(payload[8:8 + size])
    if not isinstance(key, dict) or key.get("format") != FORMAT:
        raise ValueError("another snapshot format")
    return key, payload[8 + size:]
