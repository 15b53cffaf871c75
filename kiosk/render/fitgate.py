"""The fit check before publishing: every text of an exhibit, on each screen the museum's
kiosks have, shown whole; what does not fit is listed as `kiosk render` lists it."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from kiosk.refcounts import make_singletons_immortal
from kiosk.render.command import check_fit
from kiosk.screens import ScreenProfile
from kiosk.ui.window import load_fonts


def fit_warnings(exhibit_path: Path, screens: Sequence[ScreenProfile]) -> list[str]:
    """What does not fit on ``screens``; the exhibit must be valid."""
    # Before any QGuiApplication exists: publish over SSH, anywhere without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_singletons_immortal()
    from kiosk.exhibit.load import load_exhibit

    exhibit = load_exhibit(exhibit_path).exhibit
    assert exhibit is not None, "checked by the caller"
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    load_fonts()
    return [str(warning) for screen in screens for warning in check_fit(exhibit, screen).fit]
