"""A guard for a reference-count bug of PySide6 6.12 on Python 3.11.

There, many PySide calls return `None` (and signal emits return `True`) without taking
the reference they hand back. Each call loses one; after some tens of thousands the count
reaches zero and Python aborts ("none_dealloc"), which a kiosk running for months would
certainly reach. tests/unit/test_refcounts.py shows it: 50,000 `setObjectName` calls
abort a bare interpreter. From Python 3.12 these singletons are immortal and nothing is
needed. Here they get a reference count no process can wear down. No upstream report
was found to cite; the test above is the reproduction to attach to one (PYSIDE, at
bugreports.qt.io), and it fails once a PySide release fixes the bug, so the guard can go.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 60


def make_singletons_immortal() -> None:
    # guard: pyside-refcount-headroom
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt comes first
        if count.value < _HEADROOM // 2:
            count.value += _HEADROOM
