"""A guard for a reference-count bug of PySide6 6.12 on Python 3.11.

There, many PySide calls return `None` (and signal emits return `True`) without taking
the reference they hand back. Each call loses one; after a few thousand the count
reaches zero and Python aborts ("none_dealloc"), which a kiosk running for months would
certainly reach. From Python 3.12 these singletons are immortal and nothing is needed.
Here we give them a reference count no process can wear down.
"""

from __future__ import annotations

import sys

_HEADROOM = 1 << 60


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12):
        return
    import ctypes  # here: a few milliseconds that `kiosk run` spends after its first frame

    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        if count.value < _HEADROOM // 2:
            count.value += _HEADROOM
