"""The one QML singleton: how the screens reach the Python objects of their engine.

Each engine gets its own Backend (QML calls `create(engine)` once per engine), so the
kiosk, `kiosk render` and every test can each build a window over their own state.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

_ENGINE_PROPERTY = "kioskBackend"


@QmlElement
@QmlSingleton
class Backend(QObject):
    def __init__(self, objects: dict[str, Any] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._objects = objects or {}

    @staticmethod
    def create(engine: QQmlEngine) -> Backend:
        backend = engine.property(_ENGINE_PROPERTY)
        if not isinstance(backend, Backend):
            raise RuntimeError("attach a Backend to the engine before loading the kiosk's QML")
        return backend

    @staticmethod
    def attach(engine: QQmlEngine, **objects: Any) -> Backend:
        backend = Backend(objects, engine)
        engine.setProperty(_ENGINE_PROPERTY, backend)
        return backend

    def _get(name: str, kind: type | str = QObject) -> Property:  # type: ignore[misc]
        return Property(kind, lambda self: self._objects.get(name), constant=True)

    nav = _get("nav")
    pages = _get("pages")
    eras = _get("eras")
    metrics = _get("metrics")
    idle = _get("idle")
    banner = _get("banner")
    staff = _get("staff")
    decoder = _get("decoder")
    theme = _get("theme", "QVariantMap")
    fontFamily = _get("fontFamily", str)
    headingFamily = _get("headingFamily", str)
    del _get
