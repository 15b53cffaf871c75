"""``image://exhibit/…``: exhibit images for QML, decoded off the GUI thread.

QML asks with ``Image { source: …; sourceSize: …; asynchronous: true }``; the provider
decodes in its own two-thread pool (see :mod:`kiosk.app.imagedecode` for the checks) and
answers with the image or an error string, so a hostile or broken file shows QML's
``Image.Error`` state, never a crash, a frozen screen or a half-drawn picture.

URL form: ``image://exhibit/<generation>/<path relative to the exhibit folder>``. The app
bumps the generation on every exhibit reload: Qt caches images by URL, so a replaced file
gets a new URL and is never served stale. Build URLs with :func:`exhibit_image_url`.

One hazard comes with a provider written in Python. Qt's image reader thread calls
:meth:`ExhibitImageProvider.requestImageResponse` while holding a lock of its own, and the
call needs Python's interpreter lock. If the GUI thread holds the interpreter lock while Qt
starts or cancels image loads, the two threads can wait on each other forever. Seen here:
``QTest.qWait``/``processEvents`` driving QML that loads images, and ``setProperty`` from
Python creating many images at once. The app's ``exec()`` and ``QEventLoop.exec()``
release the lock and were not seen to hang. So: run the event loop with ``exec()`` (tests
too, see ``wait_for`` in the provider's tests), and let QML bindings, not Python calls
on QML objects, change image sources.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, unquote

from PySide6.QtCore import QMetaObject, QRunnable, QSize, Qt, QThreadPool
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickAsyncImageProvider, QQuickImageResponse, QQuickTextureFactory

from kiosk.app.imagedecode import (
    DEFAULT_BUDGET_BYTES,
    DEFAULT_BUDGET_WAIT,
    DecodeCancelled,
    ImageRefused,
    MemoryBudget,
    decode_image,
)

__all__ = [
    "PROVIDER_ID",
    "ExhibitImageProvider",
    "ExhibitImageResponse",
    "decode_image",
    "exhibit_image_url",
]

log = logging.getLogger(__name__)

#: The name the app registers the provider under: ``engine.addImageProvider(PROVIDER_ID, …)``.
PROVIDER_ID = "exhibit"
#: Decodes at once. Two keep the screen moving on a small mini-PC without starving the GUI.
MAX_THREADS = 2


def exhibit_image_url(generation: int, file: str) -> str:
    """The QML ``source`` for ``file`` (as written in the exhibit file) in ``generation``."""
    return f"image://{PROVIDER_ID}/{generation}/{quote(file, safe='/')}"


def _blank() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    return image


_BLANK = _blank()


class ExhibitImageResponse(QQuickImageResponse):
    """One request's answer: the image, or a human-readable error for ``Image.Error``."""

    def __init__(self) -> None:
        super().__init__()
        self._image = QImage()
        self._error = ""
        self._cancelled = threading.Event()
        self._finished = threading.Event()

    def textureFactory(self) -> QQuickTextureFactory:
        # Never None: PySide mis-counts a None returned from this override and crashes
        # later. On an error Qt reads errorString() and shows Image.Error; the blank
        # pixel is never drawn.
        image = self._image if not self._error and not self._image.isNull() else _BLANK
        return QQuickTextureFactory.textureFactoryForImage(image)

    def errorString(self) -> str:
        return self._error

    def cancel(self) -> None:
        # The image is no longer shown; a decode that has not started yet is skipped.
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    def is_finished(self) -> bool:
        """Whether the result is in: for callers that wait without an event loop signal."""
        return self._finished.is_set()

    def complete(self, image: QImage, error: str = "") -> None:
        """Store the result and tell Qt; called exactly once, from the decoding thread."""
        self._image = image
        self._error = error
        self._finished.set()
        # Not self.finished.emit(): PySide6 6.12's emit() drops a reference to True on
        # every call, which crashes the interpreter after a few hundred emits.
        QMetaObject.invokeMethod(self, "finished", Qt.ConnectionType.DirectConnection)


class _DecodeJob(QRunnable):
    def __init__(self, response: ExhibitImageResponse, work: Callable[[], QImage],
                 refused: Callable[[str], str]) -> None:
        super().__init__()
        self._response = response
        self._work = work
        self._refused = refused

    def run(self) -> None:
        # Whatever happens, finished must be emitted, or QML waits on the image forever.
        image, error = QImage(), ""
        try:
            image = self._work()
        except DecodeCancelled as exc:
            error = exc.message  # QML dropped the request: nothing to report
        except ImageRefused as exc:
            error = self._refused(exc.message)
        except MemoryError:
            error = self._refused("there is not enough memory to decode it")
        except Exception as exc:
            log.exception("decoding an exhibit image failed unexpectedly")
            error = self._refused(f"it could not be decoded ({type(exc).__name__})")
        try:
            self._response.complete(image, error)
        except RuntimeError:  # the engine was torn down and deleted the response first
            log.debug("an image finished after its request was deleted")


class ExhibitImageProvider(QQuickAsyncImageProvider):
    """Serves ``image://exhibit/<generation>/<relative path>`` from the exhibit folder.

    Register once with ``engine.addImageProvider(PROVIDER_ID, provider)``, call
    :meth:`set_root` on every (re)load, and :meth:`shutdown` before the engine is deleted.
    """

    def __init__(
        self, *, budget_bytes: int = DEFAULT_BUDGET_BYTES,
        budget_wait: float = DEFAULT_BUDGET_WAIT, max_threads: int = MAX_THREADS,
    ) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._root: Path | None = None
        self._generation = 0
        self._logged: set[tuple[str, str]] = set()
        self._closing = threading.Event()
        self._budget_wait = budget_wait
        self.budget = MemoryBudget(budget_bytes)
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)

    # --- called by the app ---------------------------------------------------------------

    def set_root(self, root: Path, generation: int) -> None:
        """Serve images from ``root`` from now on; safe to call from any thread."""
        with self._lock:
            self._root = root
            self._generation = generation
            self._logged.clear()  # a reload reports each remaining problem again

    @property
    def generation(self) -> int:
        with self._lock:
            return self._generation

    @property
    def peak_bytes_in_flight(self) -> int:
        return self.budget.peak

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Finish queued requests with an error and wait for running decodes to end."""
        self._closing.set()
        self.budget.wake()
        return self._pool.waitForDone(timeout_ms)

    # --- called by Qt, on its image reader thread ---------------------------------------

    def requestImageResponse(
        self, id: str, requestedSize: QSize,
    ) -> QQuickImageResponse:
        response = ExhibitImageResponse()
        with self._lock:
            root = self._root
        generation, _, encoded = id.partition("/")
        relative = unquote(encoded)
        shown = relative or id
        size = QSize(requestedSize)

        def refused(reason: str) -> str:
            self._log_refusal(shown, reason)
            return f"{shown}: {reason}"

        def work() -> QImage:
            if self._closing.is_set() or response.is_cancelled():
                raise DecodeCancelled()
            if not generation.isdigit() or not relative:
                raise ImageRefused(
                    "the image address is not image://exhibit/<generation>/<file>")
            if root is None:
                raise ImageRefused("no exhibit is loaded")

            def cancelled() -> bool:
                return self._closing.is_set() or response.is_cancelled()

            return decode_image(Path(relative), root, size, budget=self.budget,
                                budget_wait=self._budget_wait, cancelled=cancelled)

        try:
            self._pool.start(_DecodeJob(response, work, refused))
        except RuntimeError as exc:  # the pool is gone: the app is shutting down
            # Never raise or return None here: Qt dereferences the response it gets.
            # Qt 6 notices a response that finished before it connected to it.
            response.complete(QImage(), f"{shown}: the kiosk is shutting down ({exc})")
        return response

    def _log_refusal(self, relative: str, reason: str) -> None:
        key = (relative, reason)
        with self._lock:
            if key in self._logged:
                return
            self._logged.add(key)
            root = self._root
        log.warning("image %s refused: %s", root / relative if root else relative, reason)
