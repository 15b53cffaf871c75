"""Exhibit pictures decoded off the GUI thread, within a memory budget.

QML asks for a picture with `Backend.decoder.picture(item, file, width, height, crop, …)`
(the file and the size it is shown at) and gets an `image://` URL once it is decoded. (Not
through a QML type written in Python: PySide keeps the Python side of every such object
QML creates after the object is gone, one per page turned.)

The decode runs on a worker thread: the validator's header checks first (the file may have
been swapped since the exhibit was checked), then Qt's decoder at the shown size. At most
`DECODE_BUDGET` bytes of decoding run at once, process-wide, so many near-limit pictures
are decoded one after another instead of together; a picture larger than the whole budget
(the validator allows up to 250 megapixels) is decoded alone. The finished image goes to the
GUI thread, and QML shows it through a *synchronous* image provider that only hands over
what is ready: no Python ever runs on Qt's own loader thread, where it would need the
interpreter lock while Qt holds locks the GUI thread also takes.

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

Key = tuple[str, int, int, bool]  # file URL (with its generation), box width, height, crop


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
        _executor.submit(_run, job, bridge)


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


class _Owner:
    """One item's request: the picture and size it asked for, and the decode it shows."""

    __slots__ = ("key", "token", "shown")

    def __init__(self) -> None:
        self.key: Key | None = None
        self.token: str | None = None
        self.shown: str | None = None


_tokens = itertools.count(1)  # never reused, so Qt can never show a stale picture by URL


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class ImageDecoder(QObject):
    """One window's pictures: who needs which, what is decoded, what is being decoded."""

    pendingChanged = Signal()
    revisionChanged = Signal()  # a picture (or a refusal) is in

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
        self._owners: dict[int, _Owner] = {}
        self._revision_count = 0
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

    def _revision(self) -> int:
        return self._revision_count

    revision = Property(int, _revision, notify=revisionChanged)

    @Slot(QObject, str, int, int, bool, int, result="QVariantMap")
    def picture(self, owner: QObject, source: str, width: int, height: int, crop: bool,
                revision: int) -> dict[str, object]:
        """What `owner` (an item showing a picture) should show of ``source`` decoded to fit
        (or cover) ``width``×``height``: ``url`` for an Image once decoded, ``failed``,
        ``loading`` and ``status`` (as Image.status: 0 null, 1 ready, 2 loading, 3 error).

        QML passes ``revision`` only so the binding is evaluated again whenever a decode
        finishes. The owner's earlier request is released when it asks for another picture
        or size, and when it is destroyed.
        """
        del revision
        held = self._owner_state(owner)
        key = (source, width, height, crop) if source and width > 0 and height > 0 else None
        if key != held.key:
            previous = held.token
            if held.key is None or key is None or key[0] != held.key[0]:
                held.shown = None  # another picture: never leave the last one up meanwhile
            held.key = key
            held.token = self.subscribe(key) if key is not None else None
            if previous is not None:
                self.unsubscribe(previous)
        image, reason = self.result(held.token) if held.token is not None else (None, None)
        if image is not None:
            held.shown = held.token  # (a new size of the same picture replaces the old one)
        failed = reason is not None
        loading = held.token is not None and image is None and not failed
        url = self.url(held.shown) if held.shown is not None and not failed else ""
        status = 3 if failed else 1 if url else 2 if loading else 0
        return {"url": url, "failed": failed, "loading": loading, "status": status}

    def _owner_state(self, owner: QObject) -> _Owner:
        address = getCppPointer(owner)[0]
        held = self._owners.get(address)
        if held is None:
            held = _Owner()
            self._owners[address] = held
            # A partial, not a method of the owner: nothing here keeps a wrapper of it alive.
            owner.destroyed.connect(partial(self._owner_gone, address))
        return held

    def _owner_gone(self, address: int, *_: object) -> None:
        held = self._owners.pop(address, None)
        if held is not None and held.token is not None:
            self.unsubscribe(held.token)

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
        return len(self._owners)

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
            else:
                entry.image = image
            if not entry.users:
                self._keep_unused(entry)
            self._revision_count += 1
            self.revisionChanged.emit()
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
