"""Replacing a file whole: written under a temporary name beside it, then renamed over it,
so a reader (the node exporter, a kiosk following a sync) sees the old file or the new
one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_atomically(path: Path, fill: Callable[[Path], object], *,
                       mode: int | None = None) -> None:
    """Have ``fill`` write the temporary file it is given, then put it in ``path``'s place,
    with ``mode`` when given (set by chmod, which the umask does not mask)."""
    # A dot name ending in .tmp, in the same folder: the rename is atomic, and readers'
    # and sync tools' patterns (*.prom, deploy/syncthing's ignores) leave it out.
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    temporary = Path(name)
    try:
        fill(temporary)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
