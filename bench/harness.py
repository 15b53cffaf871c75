"""The child-process side of the benchmarks: the kiosk's real start-up, with hooks to measure.

:func:`run_real_kiosk` calls :func:`kiosk.run.run_kiosk` exactly as ``kiosk --windowed``
does. The only change is a wrapper around ``create_view`` (in ``kiosk.run``, where
``run_kiosk`` finds it) that hands the new view to the benchmark before the window is shown,
so it can watch frames and drive the window from the kiosk's own event loop. A benchmark ends with
:func:`finish`, which prints one ``BENCH-RESULT`` line of JSON and leaves at once.

Times are ``time.monotonic()``: one clock for the whole machine on Linux, so a child's
milestones line up with the moment its parent started it.
"""

from __future__ import annotations

import ctypes
import json
import os
import resource
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtQuick import QQuickItem, QQuickWindow

    from kiosk.ui.window import KioskView

RESULT_PREFIX = "BENCH-RESULT "
# QQuickImage.status values (Image.Null, Image.Ready, Image.Loading, Image.Error).
READY, LOADING, ERROR = 1, 2, 3

AWAKE_MS = 24 * 3600 * 1000

milestones: dict[str, float] = {}


def mark(name: str) -> float:
    now = time.monotonic()
    milestones.setdefault(name, now)
    return now


def finish(result: dict[str, Any], code: int = 0) -> None:
    """Print the result for the parent and leave now: teardown is not what is measured."""
    result = {"milestones": milestones, **result}
    sys.stdout.write(RESULT_PREFIX + json.dumps(result) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def fail(message: str) -> None:
    """End the run with ``message``, and the memory in use then (a failed run says why)."""
    finish({"error": f"{message} (peak RSS {max_rss_mb():.0f} MB, "
                     f"now {proc_status().get('VmRSS', 0):.0f} MB)"}, 1)


def guarded(slot: Callable[..., None]) -> Callable[..., None]:
    """``slot`` for a Qt signal, ending the run with the error if it raises: an exception
    in a slot is only printed by Qt, and the benchmark would wait for ever."""

    def call(*args: Any) -> None:
        try:
            slot(*args)
        except Exception:
            fail(traceback.format_exc())

    return call


def run_real_kiosk(exhibit: Path, size: tuple[int, int],
                   on_view: Callable[[KioskView], None]) -> int:
    """Start the kiosk through ``run_kiosk``; ``on_view`` gets the view before it is shown."""
    import kiosk.exhibit.load as load_module
    import kiosk.run as run_module
    from kiosk.refcounts import make_singletons_immortal

    make_singletons_immortal()  # as the `kiosk` command does first (see the module)
    mark("imports done")
    create_view = run_module.create_view
    load_exhibit = load_module.load_exhibit

    def measured_load(*args: Any, **kwargs: Any) -> Any:
        mark("load started")
        result = load_exhibit(*args, **kwargs)
        mark("exhibit loaded")
        return result

    def measured_create(*args: Any, **kwargs: Any) -> KioskView:
        mark("view started")
        view = create_view(*args, **kwargs)
        mark("view created")
        # A benchmark's visitor gives no input for minutes while pictures load on a busy
        # machine; the idle reset must not send it back to the welcome screen meanwhile.
        view.idle.set_timing(AWAKE_MS, AWAKE_MS)
        on_view(view)
        return view

    load_module.load_exhibit = measured_load
    run_module.create_view = measured_create  # type: ignore[assignment]
    events = Path(os.environ.get("BENCH_WORKDIR", "/tmp")) / "events.jsonl"
    return run_module.run_kiosk(exhibit, windowed=True, size=size, event_log=events)


# --- what is on screen ------------------------------------------------------------------

def drive(window: QQuickWindow, on_frame: Callable[[], None], poll: Callable[[], None],
          every_ms: int) -> None:
    """Call ``on_frame`` at each frame swapped and ``poll`` every ``every_ms``, either ending
    the run if it raises."""
    from PySide6.QtCore import QTimer

    window.frameSwapped.connect(guarded(on_frame))
    timer = QTimer(window)
    timer.timeout.connect(guarded(poll))
    timer.start(every_ms)


def shown_images(window: QQuickWindow) -> list[QQuickItem]:
    """Visible pictures (built pages left and right included): Image items with a source,
    and exhibit pictures still being decoded, whose Image has no source yet."""
    from kiosk.ui.visualtree import items_under

    images = []
    for item in items_under(window.contentItem()):
        if item.property("pictureLoading") is True or (
                item.inherits("QQuickImage") and str(item.property("source").toString())):
            images.append(item)
    return images


def image_status(item: QQuickItem) -> int:
    # The kiosk's own reading (not a QQmlExpression: each one evaluated keeps about 2 KB,
    # which a benchmark polling for minutes would count).
    from PySide6.QtQml import qmlEngine

    from kiosk.render.command import picture_status

    engine = qmlEngine(item)
    status = picture_status(item, engine) if engine is not None else None
    if status is None:
        raise RuntimeError("could not read a picture's status")
    return status


def images_settled(window: QQuickWindow) -> bool:
    """Every shown image is Ready or in Error: nothing still loading."""
    return all(image_status(image) in (READY, ERROR) for image in shown_images(window))


# --- memory -----------------------------------------------------------------------------

def proc_status() -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of this process, in MB."""
    values: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    return values


def max_rss_mb() -> float:
    """``ru_maxrss`` (kilobytes on Linux) in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def malloc_stats() -> dict[str, float]:
    """glibc's view of the heap, in MB: bytes in use and bytes freed but still held."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    mb = 1024 * 1024
    return {"heap_in_use": (info.uordblks + info.hblkhd) / mb,
            "heap_free_held": info.fordblks / mb,
            "mmapped": info.hblkhd / mb}


def malloc_trim() -> bool:
    """Hand freed heap back to the system (what RSS would be without glibc's hoarding)."""
    try:
        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


def cpu_seconds() -> float:
    """User and system time of every thread of this process."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
