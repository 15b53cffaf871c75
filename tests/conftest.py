"""Test set-up shared by every suite: offscreen Qt, and `gui` marking.

Qt must see QT_QPA_PLATFORM before the first QGuiApplication is made, so it is set
here at import time rather than in a fixture.
"""

from __future__ import annotations

import os

import pytest

from kiosk.refcounts import make_singletons_immortal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep Qt's own scaling out of pixel assertions, and no user config leaking in.
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
os.environ["QT_QUICK_CONTROLS_STYLE"] = "Basic"
# Offscreen, frames come only when asked for, and Qt Quick holds touch moves back until
# the next frame: deliver each move as it happens, as a touchscreen with vsync does.
os.environ.setdefault("QML_NO_TOUCH_COMPRESSION", "1")
# PySide6 6.12 on Python 3.11 loses references to None/True/False; see the module.
make_singletons_immortal()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture as `gui`, so `-m "not gui"` runs the pure suite."""
    qt_fixtures = {"qtbot", "qapp", "kiosk_window", "touch_device"}
    for item in items:
        if qt_fixtures & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _private_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test writes to the real config, data, cache or runtime folders of the machine it
    runs on."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "runtime"))
