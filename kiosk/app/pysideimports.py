"""PySide's check of every import, made cheap.

Once PySide is imported it looks at every module imported after it, to learn whether the
module uses PySide (its opt-in `__feature__` switches then apply to that module alone).
It does so by fetching the module's whole source with `inspect.getsource`, which opens,
tokenizes and caches every file line by line, and then searching it for "PySide6". On
the kiosk's way to its first frame that is some fifty modules and about 15 ms, more than
a tenth of what the kiosk adds to a bare Qt Quick window's start. Searching the file's
bytes gives the same answer at a fraction of the cost; whatever is not a plain source
file is left to PySide's own check.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the check this module replaces)

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK = "_mod_uses_pyside"


def speed_up_import_checks() -> bool:
    """Swap PySide's per-import source check for the byte search; False where this PySide
    has no such check (nothing to speed up)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "searches_bytes", False):
        return True
    setattr(feature, _CHECK, searching_bytes(original))
    return True


def searching_bytes(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside.searches_bytes = True  # type: ignore[attr-defined]
    return uses_pyside


speed_up_import_checks()
