"""`kiosk publish EXHIBIT_DIR --to FOLDER`: a checked exhibit written as a release.

The exhibit is validated first and refused on any error. Its files (``exhibit.yaml`` and
every picture it shows) are copied into ``FOLDER/releases/<release>/``, each under a
temporary name renamed into place, and the manifest is written last: whatever carries the
folder on (Syncthing, rsync) may deliver the files in any order, and a kiosk trusts a
release only once all of them match the manifest.
"""

from __future__ import annotations

import getpass
import shutil
import socket
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from kiosk import __version__
from kiosk.content.manifest import (
    EXHIBIT_NAME,
    MANIFEST_NAME,
    RELEASES,
    FileEntry,
    Manifest,
    ManifestError,
    file_digest,
    release_id,
)
from kiosk.content.verify import Incomplete, verify_release
from kiosk.filewrite import replace_atomically
from kiosk.screens import ScreenProfile


class PublishError(Exception):
    """Why the exhibit was not published."""


def exhibit_files(exhibit_dir: Path) -> tuple[Path, ...]:
    """``exhibit.yaml`` and every file it shows, once the exhibit validates; raises
    :class:`PublishError` with the validator's messages otherwise."""
    from kiosk.exhibit.load import load_exhibit

    exhibit = exhibit_dir / EXHIBIT_NAME
    result = load_exhibit(exhibit)
    if result.exhibit is None:
        raise PublishError("\n".join(str(d) for d in result.diagnostics)
                           or f"{exhibit} cannot be read")
    return (exhibit, *result.exhibit.referenced_files())


def relative_entries(exhibit_dir: Path, files: tuple[Path, ...]) -> list[tuple[Path, str]]:
    """Each file with its path inside the release; all must be inside ``exhibit_dir``."""
    root = exhibit_dir.resolve()
    entries = []
    for path in files:
        resolved = path.resolve()
        if not resolved.is_relative_to(root):
            raise PublishError(f"{path} is outside {exhibit_dir}: a release holds only the "
                               "exhibit's own folder; copy the file into it and refer to "
                               "it from there")
        entries.append((resolved, resolved.relative_to(root).as_posix()))
    return entries


def publish(exhibit_dir: Path, folder: Path, *, by: str | None = None,
            now: datetime | None = None,
            screens: Sequence[ScreenProfile] = ()) -> tuple[Manifest, bool]:
    """Publish the exhibit in ``exhibit_dir`` into ``folder``; the manifest, and whether a
    new release was written (False: the same exhibit was published before). With
    ``screens``, every text must also fit on each of them."""
    entries = relative_entries(exhibit_dir, exhibit_files(exhibit_dir))
    if screens:
        from kiosk.render.fitgate import fit_warnings  # Qt: only when asked for

        warnings = fit_warnings(exhibit_dir / EXHIBIT_NAME, screens)
        if warnings:
            raise PublishError("\n".join(warnings))
    files = tuple(FileEntry(name, *file_digest(path)) for path, name in entries)
    manifest = Manifest(release_id(files), files, __version__, by or _publisher(),
                        now or datetime.now(UTC))
    target = folder / RELEASES / manifest.release
    try:
        return verify_release(target), False
    except (ManifestError, Incomplete):
        pass  # not there, or half written by a publish that was stopped: write it again
    for path, name in entries:
        _copy_into_place(path, target / name)
    replace_atomically(target / MANIFEST_NAME,
                       lambda temporary: temporary.write_bytes(manifest.to_json().encode()))
    return manifest, True


def _publisher() -> str:
    return f"{getpass.getuser()}@{socket.gethostname()}"


def _copy_into_place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_atomically(target, lambda temporary: shutil.copyfile(source, temporary))


def publish_command(exhibit_dir: Path, folder: Path, *, by: str | None = None,
                    screens: Sequence[ScreenProfile] = (), stdout: TextIO | None = None,
                    stderr: TextIO | None = None) -> int:
    out, err = stdout or sys.stdout, stderr or sys.stderr
    if exhibit_dir.is_file():  # the exhibit file named instead of its folder
        exhibit_dir = exhibit_dir.parent
    try:
        manifest, written = publish(exhibit_dir, folder, by=by, screens=screens)
    except PublishError as error:
        print(f"{error}\nkiosk publish: nothing was published: fix the exhibit and publish "
              "again", file=err)
        return 1
    except OSError as error:
        print(f"kiosk publish: cannot write {error.filename or folder}: "
              f"{error.strerror or error}; nothing was published", file=err)
        return 1
    size = sum(entry.size for entry in manifest.files)
    if written:
        print(f"{len(manifest.files)} files, {size / 1e6:.1f} MB, into "
              f"{folder / RELEASES / manifest.release}", file=out)
    else:
        print(f"this exhibit was published before, as {manifest.release}; nothing to do",
              file=out)
    print(f"published {manifest.release}", file=out)
    return 0
