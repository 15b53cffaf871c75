"""Exhibit pictures decoded off the GUI thread, within a memory budget.

Each ExhibitImage asks once, when it is complete, for its own `Picture`
(`Backend.decoder.pictureFor(item)`, see picture.py): a small object only the decoder holds,
deleted with the item. The item binds what it wants (the file and the size it is shown
at) to the picture's `request`, and shows the picture's `url`, which changes only when its
own decode does. (Not a QML type written in Python: PySide keeps the Python side of every
such object QML creates after the object is gone, one per page turned.)

The decode runs on a worker thread: the validator's header checks first (the file may have
been swapped since the exhibit was checked), then Qt's decoder at the shown size. At most
`DECODE_BUDGET` bytes of decoding run at once, process-wide, so many near-limit pictures
are decoded one after another instead of together; a picture larger than the whole budget
(the validator allows up to 250 megapixels) is decoded alone. The finished image goes to the
GUI thread, and QML shows it through a *synchronous* image provider that only hands over
what is ready: no Python ever runs on Qt's own loader thread.

Why not Qt's asynchronous image provider: Qt calls it, and its responses, on the loader
thread while holding the loader's lock, and every such call into Python needs the
interpreter lock. Whenever the GUI thread holds the interpreter lock while QML starts or
stops an image load (QML loaded from Python, an Image's source set from Python), each
thread waits for the other for good; tests/unit/pictures/test_async_provider.py shows it.

Decoded pictures stay while an item uses them; those no longer shown are kept, up to
`CACHE_BUDGET` bytes, for a visitor who swipes back.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections import OrderedDict, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import Property, QObject, QSize, QUrl, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtQml import QmlElement, QmlUncreatable, QQmlEngine
from PySide6.QtQuick import QQuickImageProvider
from shiboken6 import getCppPointer

from kiosk.exhibit.imagecheck import ImageRefused, inspect_image, shown_size
from kiosk.pictures.imagedecode import decode, decode_cost, release_free_memory
from kiosk.pictures.picture import Key, Picture, request_key

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

PROVIDER = "exhibit"
#: Bytes of decoding in flight at once, across every window of the process.
DECODE_BUDGET = 64 * 1024 * 1024
#: Bytes of decoded pictures kept after they leave the screen: two or three screen-sized, for
#: a visitor stepping back (the pages next to the current one are built, and hold theirs).
CACHE_BUDGET = 8 * 1024 * 1024
#: Decoded failures remembered (a few bytes each), so a refused file is not re-read per swipe.
CACHE_FAILURES = 256
#: Worker threads: decoding is CPU-bound and a gallery PC has few cores to share with QML.
THREADS = 2

class DecodeBudget:
    """Bytes of decoding allowed at once, granted in the order asked for.

    A decode larger than the whole budget waits until nothing else runs, then runs alone.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._in_use = 0
        self.peak = 0  # the most ever granted at once
        self._queue: deque[object] = deque()
        self._changed = threading.Condition()

    @property
    def in_use(self) -> int:
        return self._in_use

    @property
    def waiting(self) -> int:
        return len(self._queue)

    def acquire(self, cost: int) -> None:
        ticket = object()
        with self._changed:
            self._queue.append(ticket)
            # guard: decode-budget
            self._changed.wait_for(lambda: self._queue[0] is ticket and (
                self._in_use == 0 or self._in_use + cost <= self.limit))
            self._queue.popleft()
            self._in_use += cost
            self.peak = max(self.peak, self._in_use)
            self._changed.notify_all()  # the next in line may fit too

    def release(self, cost: int) -> None:
        with self._changed:
            self._in_use -= cost
            self._changed.notify_all()


_budget = DecodeBudget(DECODE_BUDGET)
_executor_lock = threading.Lock()
_executor: ThreadPoolExecutor | None = None


def _submit(job: _Job, bridge: _Bridge) -> None:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(THREADS, thread_name_prefix="decode")
        _executor.submit(_run, job, bridge)  # guard: decode-off-gui-thread


def shutdown() -> None:
    """Drop the decodes not yet started and wait for those running (at the kiosk's exit)."""
    global _executor
    with _executor_lock:
        executor, _executor = _executor, None
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class _Job:
    """One picture to decode on a worker, at the size of the box it is shown in."""

    token: str
    path: Path
    box: tuple[int, int]
    crop: bool
    cancelled: threading.Event  # set when no item wants it any more


class _Bridge(QObject):
    """Carries results from the worker threads to the GUI thread (a queued signal)."""

    finished = Signal(str, QImage, str, bool)  # token, image, why it was refused, cancelled


def _run(job: _Job, bridge: _Bridge) -> None:
    """On a worker thread: check the file, wait for room in the budget, decode."""
    image, reason, cancelled = QImage(), "", job.cancelled.is_set()
    if not cancelled:
        try:
            # guard: runtime-recheck
            info = inspect_image(job.path)
            target = shown_size((info.width, info.height), job.box, crop=job.crop,
                                scalable=info.format == "svg")
            cost = decode_cost(info, target)
            budget = _budget  # the same one to give back to
            budget.acquire(cost)
            try:
                cancelled = job.cancelled.is_set()  # the visitor may have moved on meanwhile
                if not cancelled:
                    image = decode(job.path, info, job.box, crop=job.crop)
            finally:
                budget.release(cost)
                # The decoder's scratch memory, freed on this thread's own heap, goes back
                # to the system now rather than staying reserved for the next decode.
                release_free_memory()
        except ImageRefused as refused:
            reason = refused.message
        except Exception as error:  # a decoder fault must not end the worker
            log.exception("decoding %s failed", job.path)
            reason = f"it could not be decoded ({error})"
    try:
        bridge.finished.emit(job.token, image, reason, cancelled)
    except RuntimeError:
        pass  # the window it was for is gone


class _Entry:
    """A decode shared by every item showing the same picture at the same size."""

    __slots__ = ("key", "token", "users", "image", "reason", "job")

    def __init__(self, key: Key, token: str) -> None:
        self.key = key
        self.token = token
        self.users = 0
        self.image: QImage | None = None
        self.reason: str | None = None  # why it cannot be shown, once refused
        self.job: _Job | None = None  # while it decodes

    @property
    def done(self) -> bool:
        return self.image is not None or self.reason is not None

    @property
    def size_bytes(self) -> int:
        return self.image.sizeInBytes() if self.image is not None else 0


_tokens = itertools.count(1)  # never reused, so Qt can never show a stale picture by URL


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class ImageDecoder(QObject):
    """One window's pictures: who needs which, what is decoded, what is being decoded."""

    pendingChanged = Signal()
    decoded = Signal(str)  # the token of a decode now in, or refused (for Python, not QML)
    refused = Signal()  # a picture could not be shown (counted in the metrics)

    def __init__(self, parent: QObject | None = None, *,
                 cache_budget: int = CACHE_BUDGET) -> None:
        super().__init__(parent)
        self._cache_budget = cache_budget
        self._entries: dict[Key, _Entry] = {}
        self._by_token: dict[str, _Entry] = {}
        self._unused: OrderedDict[Key, None] = OrderedDict()  # done, no users; oldest first
        self._unused_failures = 0
        self._bridge = _Bridge()  # no parent: workers may still hold it after the window
        self._bridge.finished.connect(self._finished)
        self._closed = False
        # Each item's picture, by the item's address; this is all that keeps one alive.
        self._pictures: dict[int, Picture] = {}
        self._deferred: list[_Job] | None = None  # jobs kept back until start_decoding()

    @staticmethod
    def attach(engine: QQmlEngine) -> ImageDecoder:
        """A decoder for ``engine``'s windows, with the image provider QML reaches it by."""
        decoder = ImageDecoder(engine)
        engine.addImageProvider(PROVIDER, _ReadyImages(decoder))
        return decoder

    # --- requests, by token ----------------------------------------------------------------

    def subscribe(self, key: Key) -> str:
        """Start using the picture ``key`` names; the token identifies it from now on."""
        entry = self._entries.get(key)
        if entry is None:
            entry = _Entry(key, str(next(_tokens)))
            self._entries[key] = entry
            self._by_token[entry.token] = entry
        elif entry.users == 0 and key in self._unused:
            self._forget_unused(key)
        entry.users += 1
        if not entry.done and entry.job is None:
            self._start(entry)
        elif entry.job is not None:
            entry.job.cancelled.clear()  # wanted again before the worker got to it
        return entry.token

    def unsubscribe(self, token: str) -> None:
        entry = self._by_token.get(token)
        if entry is None or entry.users == 0:
            return
        entry.users -= 1
        if entry.users:
            return
        if entry.job is not None:
            entry.job.cancelled.set()  # skipped if not started; dropped when it reports
        elif entry.done:
            self._keep_unused(entry)

    def result(self, token: str) -> tuple[QImage | None, str | None]:
        """The decoded picture, or why it cannot be shown; (None, None) while decoding."""
        entry = self._by_token.get(token)
        if entry is None:
            return None, None
        return entry.image, entry.reason

    @staticmethod
    def url(token: str) -> str:
        return f"image://{PROVIDER}/{token}"

    # --- for QML ---------------------------------------------------------------------------

    @Slot(QObject, result=Picture)
    def pictureFor(self, owner: QObject) -> Picture:
        """The picture `owner` (an item showing one) binds its request to. It is let go of,
        decode and all, when the owner is destroyed."""
        address = getCppPointer(owner)[0]
        picture = self._pictures.get(address)
        if picture is None:
            picture = Picture(self)
            QQmlEngine.setObjectOwnership(picture, QQmlEngine.ObjectOwnership.CppOwnership)
            self._pictures[address] = picture
            # A partial, not a method of the owner: nothing here keeps a wrapper of it alive.
            owner.destroyed.connect(partial(self._owner_gone, address))
        return picture

    def ask(self, picture: Picture) -> None:
        """Decode what the picture's request now names, and let go of what it named."""
        key = request_key(picture.request)
        if key == picture.key:
            return
        previous = picture.token
        if picture.key is None or key is None or key[0] != picture.key[0]:
            picture.shown = None  # another picture: never leave the last one up meanwhile
        picture.key = key
        picture.token = self.subscribe(key) if key is not None else None
        if previous is not None:
            self.unsubscribe(previous)
        self._tell(picture)

    def _tell(self, picture: Picture) -> None:
        """Give the picture what there is for its request now."""
        token = picture.token
        image, reason = self.result(token) if token is not None else (None, None)
        if image is not None:
            picture.shown = token  # (a new size of the same picture replaces the old one)
        failed = reason is not None
        url = self.url(picture.shown) if picture.shown is not None and not failed else ""
        picture.show(url, failed=failed,
                     loading=token is not None and image is None and not failed)

    def _owner_gone(self, address: int, *_: object) -> None:
        picture = self._pictures.pop(address, None)
        if picture is not None and picture.token is not None:
            self.unsubscribe(picture.token)
        # Python held the only reference to the picture: it is deleted as this returns, not
        # later, when the decoder may have gone first (as at the engine's end).

    # --- for the image provider, render and tests ----------------------------------------

    def image(self, token: str) -> QImage:
        entry = self._by_token.get(token)
        return entry.image if entry is not None and entry.image is not None else QImage()

    def _pending(self) -> int:
        return sum(1 for entry in self._entries.values() if entry.job is not None)

    pending = Property(int, _pending, notify=pendingChanged)

    def in_use_bytes(self) -> int:
        """Bytes of decoded pictures held, whether shown or kept for going back."""
        return sum(entry.size_bytes for entry in self._entries.values())

    def users(self) -> int:
        return sum(entry.users for entry in self._entries.values())

    def owners(self) -> int:
        """Items that asked for a picture and are not yet destroyed."""
        return len(self._pictures)

    def unused_bytes(self) -> int:
        """Bytes of decoded pictures no item shows, kept for going back."""
        return sum(self._entries[key].size_bytes for key in self._unused)

    def defer_decoding(self) -> None:
        """Start no decode until :meth:`start_decoding`. At the kiosk's start the first
        frame comes first: a worker starting up beside it delays it by half again."""
        if self._deferred is None:
            self._deferred = []

    @property
    def deferring(self) -> bool:
        return self._deferred is not None

    def start_decoding(self) -> None:
        """Start the decodes asked for since :meth:`defer_decoding`, in the order asked."""
        deferred, self._deferred = self._deferred, None
        for job in deferred or ():
            _submit(job, self._bridge)  # a job called off meanwhile reports at once

    def close(self) -> None:
        """Cancel what has not started; results still arriving are dropped."""
        self._closed = True
        for entry in self._entries.values():
            if entry.job is not None:
                entry.job.cancelled.set()

    # --- inside ---------------------------------------------------------------------------

    def _start(self, entry: _Entry) -> None:
        url = QUrl(entry.key[0])
        if not url.isLocalFile():
            # Exhibit pictures are files in the exhibit folder; nothing is ever fetched.
            entry.reason = "it is not a file in the exhibit folder"
            return
        entry.job = _Job(entry.token, Path(url.toLocalFile()), entry.key[1:3], entry.key[3],
                         threading.Event())
        if self._deferred is not None:
            self._deferred.append(entry.job)
        else:
            _submit(entry.job, self._bridge)
        self.pendingChanged.emit()

    def _finished(self, token: str, image: QImage, reason: str, cancelled: bool) -> None:
        entry = self._by_token.get(token)
        if entry is None:
            return
        entry.job = None
        if self._closed:
            self._drop(entry)
        elif cancelled:
            if entry.users:
                self._start(entry)  # wanted again after it was called off
            else:
                self._drop(entry)
        else:
            if reason:
                entry.reason = reason
                log.warning("the picture %s cannot be shown: %s", QUrl(entry.key[0]).toLocalFile(),
                            reason)
                self.refused.emit()
            else:
                entry.image = image
            if not entry.users:
                self._keep_unused(entry)
            self.decoded.emit(token)
            # Only the items showing this decode hear of it.
            for picture in [p for p in self._pictures.values() if p.token == token]:
                self._tell(picture)
        self.pendingChanged.emit()

    def _keep_unused(self, entry: _Entry) -> None:
        self._unused[entry.key] = None
        if entry.image is None:
            self._unused_failures += 1
        unused_bytes = self.unused_bytes()
        while self._unused and (unused_bytes > self._cache_budget
                                or self._unused_failures > CACHE_FAILURES):
            oldest = self._entries[next(iter(self._unused))]
            unused_bytes -= oldest.size_bytes
            self._forget_unused(oldest.key)
            self._drop(oldest)

    def _forget_unused(self, key: Key) -> None:
        del self._unused[key]
        if self._entries[key].image is None:
            self._unused_failures -= 1

    def _drop(self, entry: _Entry) -> None:
        self._entries.pop(entry.key, None)
        self._by_token.pop(entry.token, None)


class _ReadyImages(QQuickImageProvider):
    """Hands QML the pictures already decoded. Synchronous on purpose: it runs on the GUI
    thread (QML asks with `asynchronous: false`) and only looks a picture up."""

    def __init__(self, decoder: ImageDecoder) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)
        self._decoder = decoder

    def requestImage(self, token: str, size: QSize, requested: QSize) -> QImage:  # noqa: N802
        image = self._decoder.image(token)
        size.setWidth(image.width())
        size.setHeight(image.height())
        return image
