"""The None/True/False reference-count guard keeps a long-running kiosk alive."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject

from kiosk.refcounts import make_singletons_immortal


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons since 3.12")
def test_many_pyside_calls_returning_none_cannot_wear_the_count_down() -> None:
    make_singletons_immortal()
    before = sys.getrefcount(None)
    assert before > 1 << 50
    holder = QObject()
    for n in range(20_000):  # each call may lose a reference to None on 6.12 / 3.11
        holder.setObjectName(str(n))
    assert sys.getrefcount(None) > 1 << 50
    make_singletons_immortal()  # calling again adds nothing: the headroom is there
    assert sys.getrefcount(None) <= before + 1
