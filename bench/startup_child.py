"""One start-up measurement: a fresh process that starts the floor or the real kiosk.

Run by ``bench_startup.py`` as ``startup_child.py --child floor|kiosk PATH``. It imports
nothing before what it measures, so neither case carries the benchmarks' own modules:

* ``floor``: a bare Qt Quick window showing one picture (``PATH`` is its QML file);
* ``kiosk``: the ``kiosk`` command itself (``kiosk run PATH``), in kiosk mode (full
  screen, locked) as a gallery runs it, argument parsing and all. The only change is a
  wrapper around ``on_first_frame``, which the kiosk calls as soon as its window exists,
  so that this script watches the frames too.

Milestones are ``time.monotonic()``, the clock the parent starts its own from. The result
is printed as one ``BENCH-RESULT`` line once every visible picture is in, or at the first
frame when ``BENCH_FIRST_FRAME_ONLY`` is set (to count the work up to it, see
``bench_startup.py --instructions``).
"""

import os
import sys
import time

milestones: dict[str, float] = {"interpreter up": time.monotonic()}
PICTURES_DEADLINE_S = 60.0
first_frame_size: list[float] = []


def mark(name: str) -> None:
    milestones.setdefault(name, time.monotonic())


def finish(result: dict[str, object]) -> None:
    import json

    from harness import RESULT_PREFIX

    sys.stdout.write(RESULT_PREFIX + json.dumps({
        "milestones": milestones, "first_frame_size": first_frame_size, **result}) + "\n")
    sys.stdout.flush()
    os._exit(0)


def watch_frames(window: object) -> None:
    """Mark the first frame, then the first frame with every visible picture loaded."""
    started = time.monotonic()

    def swapped() -> None:
        if "first frame" not in milestones:
            mark("first frame")
            sys.stderr.write("BENCH-FIRST-FRAME\n")  # where an import profile stops
            # What that frame showed: a window still on its way to its size does not count.
            content = window.contentItem()  # type: ignore[attr-defined]
            first_frame_size.extend([content.width(), content.height()])
            if os.environ.get("BENCH_FIRST_FRAME_ONLY"):
                finish({})
        # Only now: what finds the pictures is not part of what is measured.
        from harness import ERROR, guarded, image_status, images_settled, shown_images

        @guarded
        def check() -> None:
            images = shown_images(window)  # type: ignore[arg-type]
            if images and images_settled(window):  # type: ignore[arg-type]
                mark("pictures in")
                errors = sum(image_status(i) == ERROR for i in images)
                finish({"images": len(images), "image_errors": errors})
            elif time.monotonic() - started > PICTURES_DEADLINE_S:
                finish({"images": len(images), "pictures_timeout": PICTURES_DEADLINE_S})

        check()

    window.frameSwapped.connect(swapped)  # type: ignore[attr-defined]


def floor(qml: str) -> int:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow  # noqa: F401  (root objects come back typed)

    mark("imports done")
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.load(qml)
    if not engine.rootObjects():
        finish({"error": f"{qml} did not load"})
    mark("window shown")
    watch_frames(engine.rootObjects()[0])
    return app.exec()


def kiosk(exhibit: str) -> int:
    # Patched before the kiosk's modules bind it: the kiosk calls it as soon as its window
    # exists, and the first caller connects this script's frame watcher before its own.
    import kiosk.ui.firstframe as first_frame_module

    first_frame = first_frame_module.on_first_frame

    def on_first_frame(window: object, then: object) -> None:
        if "window shown" not in milestones:
            mark("window shown")
            watch_frames(window)
        first_frame(window, then)  # type: ignore[arg-type]

    first_frame_module.on_first_frame = on_first_frame  # type: ignore[assignment]
    from kiosk.cli import main

    mark("imports done")
    events = os.path.join(os.environ.get("BENCH_WORKDIR", "/tmp"), "events.jsonl")
    return main(["run", "--event-log", events, exhibit])


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "--child":
        sys.exit(__doc__)
    sys.exit(floor(sys.argv[3]) if sys.argv[2] == "floor" else kiosk(sys.argv[3]))
