"""Which version of an exhibit file a kiosk shows: a short digest of its bytes, the same
in the event log, the metrics and `kiosk status`."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kiosk.exhibit.filebytes import read_bytes

DIGEST_CHARS = 12


def digest_of(source: bytes) -> str:
    """A short SHA-256 of an exhibit file's bytes."""
    return hashlib.sha256(source).hexdigest()[:DIGEST_CHARS]


def exhibit_digest(path: Path) -> str:
    """:func:`digest_of` the exhibit file as it is now ("" when it cannot be read)."""
    data = read_bytes(path)
    return digest_of(data) if isinstance(data, bytes) else ""
