"""One run of the kiosk for ``bench_peer.py``: the ``kiosk`` command, watched from inside.

Run as ``kiosk_child.py EXHIBIT``. It starts the kiosk exactly as ``kiosk run EXHIBIT``
does (kiosk mode: full screen, locked), argument parsing and all; the only change is a
wrapper around ``create_view`` (as ``harness.py`` has) that gets the view before the
window is shown, so this script can watch its frames and turn its pages. It imports
nothing of the benchmarks' own, and nothing before the first frame that the kiosk does
not import itself.

It talks to the parent in lines: it writes ``BENCH-PEER first-screen {json}`` once a frame
has been swapped with every visible picture in, then reads ``visit`` on its standard
input, turns every page (``nav.next()``, animations off) waiting each time until its
pictures are in and a frame has been drawn with them, and writes ``BENCH-PEER visited
{json}``; ``quit`` ends it. The parent measures its memory in between.
"""

import time

milestones: dict[str, float] = {"interpreter up": time.monotonic()}

import os  # noqa: E402  (after the clock starts: imports count)
import sys  # noqa: E402
from typing import Any  # noqa: E402

PREFIX = "BENCH-PEER "
AWAKE_MS = 24 * 3600 * 1000
PICTURES_DEADLINE_S = 120.0
PAGE_DEADLINE_S = 120.0
READY, ERROR = 1, 3  # Image.status
alive: list[object] = []  # the watcher, kept for the life of the process


def mark(name: str) -> None:
    milestones.setdefault(name, time.monotonic())


def tell(kind: str, result: dict[str, Any]) -> None:
    import json  # not before the first frame: the kiosk itself imports it only after

    sys.stdout.write(f"{PREFIX}{kind} {json.dumps({'milestones': milestones, **result})}\n")
    sys.stdout.flush()


def fail(message: str) -> None:
    tell("error", {"error": message})
    os._exit(1)


def pictures(window: Any) -> tuple[int, bool]:
    """How many pictures are visible, and whether every one is in (ready, or failed).

    The rules of ``harness.shown_images`` and ``image_status``, read here rather than
    through them: they import ``kiosk render``'s module, tens of milliseconds that would
    count against the kiosk's first screen."""
    from PySide6.QtQml import qmlEngine

    count, waiting = 0, False
    items = [window.contentItem()]
    while items:
        item = items.pop()
        items.extend(item.childItems())
        if not item.isVisible():
            continue
        if item.property("pictureLoading") is True:  # an exhibit picture being decoded
            count, waiting = count + 1, True
        elif item.inherits("QQuickImage") and item.property("source").toString():
            engine = qmlEngine(item)
            status = engine.toScriptValue(item).property("status").toInt()
            count, waiting = count + 1, waiting or status not in (READY, ERROR)
    return count, not waiting


def watch(view: Any) -> None:
    """Hooks the first screen and the visit onto the kiosk's window (before it is shown)."""
    from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Slot

    window, nav = view.window, view.nav
    # A visit gives no input for a while on a busy machine; no idle reset meanwhile.
    view.idle.set_timing(AWAKE_MS, AWAKE_MS)

    class Watcher(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.phase = "starting"
            self.settled = False  # every visible picture in at the last swapped frame
            self.size: list[float] = []
            self.since = time.monotonic()
            self.pages = 0
            # A slot of an object on the GUI thread: with a threaded render loop,
            # frameSwapped comes from the render thread and reaches it queued.
            window.frameSwapped.connect(self.swapped)
            self.commands = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read, self)
            self.commands.activated.connect(self.command)
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.turn)

        @Slot()
        def swapped(self) -> None:
            try:
                self.on_swap()
            except Exception as error:  # an exception in a slot is only printed by Qt
                fail(repr(error))

        def on_swap(self) -> None:
            if "first frame" not in milestones:
                mark("first frame")
                content = window.contentItem()
                self.size = [content.width(), content.height()]
            if self.phase == "starting":
                if self.settled:  # this frame was drawn after every picture was in
                    mark("first screen")
                    self.phase = "resting"
                    tell("first-screen", {"size": self.size, "renderer": renderer(window),
                                          "pictures": pictures(window)[0]})
                    return
                count, settled = pictures(window)
                self.settled = count > 0 and settled
                if self.settled:
                    window.update()  # one more frame, drawn with them
                elif time.monotonic() - self.since > PICTURES_DEADLINE_S:
                    fail(f"the first screen's pictures were not in after "
                         f"{PICTURES_DEADLINE_S:.0f} s")
            elif self.phase == "visiting":
                self.settled = pictures(window)[1]

        @Slot()
        def command(self) -> None:
            line = sys.stdin.readline().strip()
            if line == "visit" and self.phase == "resting":
                self.phase = "visiting"
                nav.animate = False
                nav.enter()
                self.settled = False
                self.since = time.monotonic()
                self.timer.start(5)
            elif line in ("quit", ""):
                os._exit(0)  # teardown is not what is measured

        @Slot()
        def turn(self) -> None:
            try:
                page, count = nav.property("pageIndex"), nav.property("pageCount")
                if time.monotonic() - self.since > PAGE_DEADLINE_S:
                    fail(f"page {page}'s pictures were not in after {PAGE_DEADLINE_S:.0f} s")
                # Settled, and a frame has been drawn since: the page has really been seen.
                if not (self.settled and pictures(window)[1]):
                    return
                self.pages += 1
                if page >= count - 1:
                    self.timer.stop()
                    self.phase = "visited"
                    mark("every page seen")
                    tell("visited", {"pages": self.pages, "page_count": count})
                    return
                self.settled = False
                self.since = time.monotonic()
                nav.next()
                window.update()  # a frame even if nothing new has to load
            except Exception as error:
                fail(repr(error))

    alive.append(Watcher())


def renderer(window: Any) -> str:
    """The graphics API Qt Quick renders with here (e.g. OpenGL on Mesa, or software)."""
    api = window.rendererInterface().graphicsApi()
    return f"Qt Quick, {getattr(api, 'name', api)}"


def main(exhibit: str) -> int:
    import kiosk.run as run_module

    create_view = run_module.create_view

    def watched_create(*args: Any, **kwargs: Any) -> Any:
        view = create_view(*args, **kwargs)
        watch(view)
        return view

    run_module.create_view = watched_create  # type: ignore[assignment]
    from kiosk.cli import main as kiosk_main

    mark("imports done")
    events = os.path.join(os.environ.get("BENCH_WORKDIR", "/tmp"), "events.jsonl")
    return kiosk_main(["run", "--event-log", events, exhibit])


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
