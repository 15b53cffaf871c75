"""PySide's check of each import gives the same answers, read from the file's bytes."""

from __future__ import annotations

import inspect
import json
import sys
import types
from pathlib import Path

import pytest

import kiosk.app  # noqa: F401  (swaps the check in)
import kiosk.app.window
import kiosk.exhibit.model
from kiosk.app.pysideimports import searching_bytes, speed_up_import_checks

feature = sys.modules.get("shibokensupport.feature")
pytestmark = pytest.mark.skipif(
    feature is None or not hasattr(feature, "_mod_uses_pyside"),
    reason="this PySide checks no imports")


def pyside_answer(module: types.ModuleType) -> bool:
    """PySide's own check, as it is written in shibokensupport.feature."""
    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False


def test_the_kiosk_swaps_in_the_byte_search_once() -> None:
    check = feature._mod_uses_pyside  # type: ignore[union-attr]
    assert getattr(check, "searches_bytes", False)
    assert speed_up_import_checks()
    assert feature._mod_uses_pyside is check  # type: ignore[union-attr]  (not wrapped twice)


@pytest.mark.parametrize("module", [kiosk.app.window, kiosk.exhibit.model, json, sys],
                         ids=["uses PySide", "Qt-free", "standard library", "built in"])
def test_it_answers_as_pyside_does(module: types.ModuleType) -> None:
    check = feature._mod_uses_pyside  # type: ignore[union-attr]
    assert check(module) is pyside_answer(module)


def test_what_is_not_a_readable_source_file_goes_to_pyside(tmp_path: Path) -> None:
    asked: list[str] = []

    def original(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    check = searching_bytes(original)
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # deleted since it was imported
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.so")
    written = tmp_path / "written.py"
    written.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    uses = types.ModuleType("written")
    uses.__file__ = str(written)

    assert check(gone) is False and check(compiled) is False and check(sys) is False
    assert check(uses) is True
    assert asked == ["gone", "compiled", "sys"]
