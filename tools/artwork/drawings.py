"""The modules that draw the exhibit's pictures, imported so that each registers its own."""

from __future__ import annotations

import importlib

MODULES = ("posters", "charts", "maps", "timelines")


def load_all() -> None:
    for name in MODULES:
        importlib.import_module(name)
