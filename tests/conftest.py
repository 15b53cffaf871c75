"""Test set-up shared by every suite: offscreen Qt, and `gui` marking.

Qt must see QT_QPA_PLATFORM before the first QGuiApplication is made, so it is set
here at import time rather than in a fixture.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterator

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt's own scaling out of pixel assertions, and no user config leaking in.
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
os.environ["QT_QUICK_CONTROLS_STYLE"] = "Basic"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture as `gui`, so `-m "not gui"` runs the pure suite."""
    qt_fixtures = {"qtbot", "qapp", "kiosk_window", "touch_device"}
    for item in items:
        if qt_fixtures & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test writes to the real config or data folders of the machine it runs on."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture(autouse=True)
def _give_back_true_references() -> Iterator[None]:
    """Undo a PySide6 6.12 reference-count bug so a long test run can exit cleanly.

    On Python 3.11, `SignalInstance.emit()` and `.disconnect()` (which pytest-qt's
    `waitSignal` and `assertNotEmitted` call) return True without taking a reference;
    once enough are lost the interpreter aborts with "bool_dealloc".
    """
    before = sys.getrefcount(True)
    yield
    for _ in range(before - sys.getrefcount(True)):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
