"""Where the bundled exhibit and fonts are: beside the package in a source checkout, or
under <prefix>/share/exhibit-kiosk when installed from a wheel (offline installs)."""

from __future__ import annotations

import sys
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
_INSTALLED = Path(sys.prefix) / "share" / "exhibit-kiosk"


def bundled_dir() -> Path:
    for folder in (_CHECKOUT, _INSTALLED):
        if (folder / "exhibit.yaml").is_file():
            return folder
    return _CHECKOUT


def bundled_exhibit() -> Path:
    return bundled_dir() / "exhibit.yaml"


def font_dir() -> Path:
    return bundled_dir() / "assets" / "fonts"
