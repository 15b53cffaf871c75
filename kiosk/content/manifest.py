"""A release's manifest: every file of a published exhibit with its size and SHA-256, the
kiosk version that validated it, who published it and when.

A release's name is derived from its files (content-addressed), so the same exhibit
published twice is the same release, and a release's folder never changes once written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

MANIFEST_NAME = "manifest.json"
RELEASES = "releases"  # the folder of releases, in a publish folder and in a kiosk's store
EXHIBIT_NAME = "exhibit.yaml"
FORMAT = 1
ID_CHARS = 20
ID_PATTERN = re.compile(f"[0-9a-f]{{{ID_CHARS}}}")
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
CHUNK = 1 << 20


class ManifestError(ValueError):
    """A manifest that cannot be trusted: unreadable, malformed, or naming unsafe paths."""


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # relative, with forward slashes, inside the release folder
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Manifest:
    release: str
    files: tuple[FileEntry, ...]
    kiosk_version: str
    published_by: str
    published_at: datetime

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "release": self.release, "exhibit": EXHIBIT_NAME,
            "kiosk_version": self.kiosk_version, "published_by": self.published_by,
            "published_at": self.published_at.isoformat(timespec="seconds"),
            "files": [{"path": f.path, "size": f.size, "sha256": f.sha256}
                      for f in self.files],
        }, indent=2, ensure_ascii=False) + "\n"


def release_id(files: Iterable[FileEntry]) -> str:
    """The release's name: a digest of its files' paths, sizes and digests."""
    digest = hashlib.sha256()
    for entry in sorted(files, key=lambda f: f.path):
        digest.update(f"{entry.path}\0{entry.size}\0{entry.sha256}\n".encode())
    return digest.hexdigest()[:ID_CHARS]


def file_digest(path: Path) -> tuple[int, str]:
    """The size and SHA-256 of the file at ``path``."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def safe_relative(path: str) -> bool:
    """Whether ``path`` stays inside the folder it is relative to."""
    pure = PurePosixPath(path)
    return (bool(path) and not pure.is_absolute() and ".." not in pure.parts
            and "\\" not in path and "\0" not in path and pure.as_posix() == path)


def read_manifest(path: Path) -> Manifest:
    """The manifest at ``path``; raises :class:`ManifestError` saying what is wrong."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_MANIFEST_BYTES + 1)
    except OSError as error:
        raise ManifestError(f"cannot read {path}: {error.strerror or error}") from error
    if len(data) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"{path} is larger than a manifest can be")
    try:
        raw = json.loads(data.decode("utf-8"))
        return _from_json(raw)
    except (ValueError, KeyError, TypeError) as error:
        raise ManifestError(f"{path} is not a valid manifest: {error}") from error


def _from_json(raw: Any) -> Manifest:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ValueError(f"not a format {FORMAT} manifest")
    files = tuple(FileEntry(str(f["path"]), int(f["size"]), str(f["sha256"]))
                  for f in raw["files"])
    for entry in files:
        if not safe_relative(entry.path):  # guard: manifest-paths-inside
            raise ValueError(f"unsafe path {entry.path!r}")
        if entry.size < 0 or not re.fullmatch(r"[0-9a-f]{64}", entry.sha256):
            raise ValueError(f"bad size or digest for {entry.path!r}")
    if len({f.path for f in files}) != len(files):
        raise ValueError("a file is listed twice")
    if EXHIBIT_NAME not in {f.path for f in files}:
        raise ValueError(f"no {EXHIBIT_NAME} among the files")
    release = str(raw["release"])
    if release != release_id(files):
        raise ValueError(f"the release name {release!r} does not match its files")
    published_at = datetime.fromisoformat(str(raw["published_at"]))
    if published_at.tzinfo is None:
        raise ValueError("published_at has no time zone")
    return Manifest(release, files, str(raw["kiosk_version"]), str(raw["published_by"]),
                    published_at)
