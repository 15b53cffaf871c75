"""Where the kiosk keeps its per-machine settings, its logs and its caches (XDG base
directories).

Nothing here creates a folder: whatever writes there first does, and copes when it
cannot, so a kiosk whose home is read-only still starts and shows its exhibit."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "exhibit-kiosk"


def _base(variable: str, fallback: str) -> Path:
    # The XDG spec says a relative or empty value is invalid and must be ignored.
    value = os.environ.get(variable, "")
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback
    return base / APP_NAME


def config_dir() -> Path:
    """``$XDG_CONFIG_HOME/exhibit-kiosk`` (default ``~/.config/exhibit-kiosk``)."""
    return _base("XDG_CONFIG_HOME", ".config")


def data_dir() -> Path:
    """``$XDG_DATA_HOME/exhibit-kiosk`` (default ``~/.local/share/exhibit-kiosk``)."""
    # guard: home-folders-not-made-on-asking
    return _base("XDG_DATA_HOME", ".local/share")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/exhibit-kiosk`` (default ``~/.cache/exhibit-kiosk``): what is kept
    here can always be made again."""
    return _base("XDG_CACHE_HOME", ".cache")
