"""One item's picture: what an ExhibitImage asks the decoder for, and what it is to show.

The decoder makes one for each item (`ImageDecoder.pictureFor`) and lets go of it, so that
it is deleted, when the item is destroyed. QML binds the item's request to `request`; the
results (`url`, `status`, `failed`, `loading`) change, each with its own signal, only when
this item's own decode does.
"""

from __future__ import annotations

import math
from typing import Protocol

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

Key = tuple[str, int, int, bool]  # file URL (with its generation), box width, height, crop

# As Image.status.
NULL, READY, LOADING, ERROR = 0, 1, 2, 3


def request_key(request: dict[str, object]) -> Key | None:
    """The decode a request names: its file URL and box (device pixels) and whether the
    picture covers the box; None when there is nothing to show yet."""
    source = request.get("source")
    width, height = _side(request.get("width")), _side(request.get("height"))
    if not isinstance(source, str) or not source or width <= 0 or height <= 0:
        return None
    return (source, width, height, request.get("crop") is True)


def _side(value: object) -> int:
    """A side of the box in whole pixels; 0 for anything not a finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    return math.ceil(value) if math.isfinite(value) else 0


class Decoder(Protocol):
    def ask(self, picture: Picture) -> None:
        """Serve what the picture's request now names."""


@QmlElement
@QmlUncreatable("made by the decoder for each picture item")
class Picture(QObject):
    """An item's request, and what the decoder says it is to show."""

    requestChanged = Signal()
    urlChanged = Signal()
    statusChanged = Signal()
    failedChanged = Signal()
    loadingChanged = Signal()

    def __init__(self, decoder: Decoder) -> None:
        super().__init__()  # no parent: deleted once the decoder lets go of it
        self.decoder = decoder
        self._request: dict[str, object] = {}
        # The decoder's record: the decode asked for, its token, and the decode on screen.
        self.key: Key | None = None
        self.token: str | None = None
        self.shown: str | None = None
        self._url = ""
        self._status = NULL
        self._failed = False
        self._loading = False

    @Property("QVariantMap", notify=requestChanged)
    def request(self) -> dict[str, object]:
        """{source: file URL, width, height: the box in device pixels, crop: bool}."""
        return self._request

    @request.setter
    def request(self, request: dict[str, object]) -> None:
        if request == self._request:
            return
        self._request = dict(request)
        self.requestChanged.emit()
        self.decoder.ask(self)

    def _get_url(self) -> str:
        return self._url

    def _get_status(self) -> int:
        return self._status

    def _get_failed(self) -> bool:
        return self._failed

    def _get_loading(self) -> bool:
        return self._loading

    url = Property(str, _get_url, notify=urlChanged)
    status = Property(int, _get_status, notify=statusChanged)
    failed = Property(bool, _get_failed, notify=failedChanged)
    loading = Property(bool, _get_loading, notify=loadingChanged)

    def show(self, url: str, *, failed: bool, loading: bool) -> None:
        """What to show now: a decoded picture's URL, or that it cannot be shown, or that
        it is on its way (or nothing)."""
        status = ERROR if failed else READY if url else LOADING if loading else NULL
        changed = [signal for signal, old, new in (
            (self.urlChanged, self._url, url), (self.statusChanged, self._status, status),
            (self.failedChanged, self._failed, failed),
            (self.loadingChanged, self._loading, loading)) if old != new]
        self._url, self._status, self._failed, self._loading = url, status, failed, loading
        for signal in changed:  # all four are current before QML hears of any
            signal.emit()
