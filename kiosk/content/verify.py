"""Whether a release folder holds every file its manifest lists, byte for byte.

A kiosk trusts nothing else: a release still arriving (a sync under way, a copy half
done) or altered on the way fails here and is simply not shown yet.
"""

from __future__ import annotations

from pathlib import Path

from kiosk.content.manifest import (
    MANIFEST_NAME,
    Manifest,
    ManifestError,
    file_digest,
    read_manifest,
)


class Incomplete(Exception):
    """The release is not (yet) all there, or not as its manifest says."""


def verify_release(folder: Path) -> Manifest:
    """The manifest of the release in ``folder``, once every file it lists is there with
    its size and digest; raises :class:`Incomplete` (or ManifestError) saying what is not."""
    manifest = read_manifest(folder / MANIFEST_NAME)
    if folder.name != manifest.release:
        raise ManifestError(f"{folder} holds release {manifest.release}, not {folder.name}")
    # Sizes first: cheap, and a sync under way usually fails here, before any hashing.
    for entry in manifest.files:
        try:
            size = (folder / entry.path).stat().st_size
        except OSError:
            raise Incomplete(f"{entry.path} has not arrived") from None
        if size != entry.size:
            raise Incomplete(f"{entry.path} has {size} of its {entry.size} bytes")
    for entry in manifest.files:
        # guard: release-digests-checked
        if file_digest(folder / entry.path)[1] != entry.sha256:
            raise Incomplete(f"{entry.path} is not the file that was published")
    return manifest
