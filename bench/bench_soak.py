"""Soak: memory over thousands of visitor sessions, each ended by an idle reset.

Run: ``python bench/bench_soak.py [--cycles 2000] [--exhibit PATH] [--animate]
[--event-log PATH] [--json FILE]``.

A gallery kiosk runs for months, so memory must stay flat however many visitors come and
go. This builds the real kiosk window (``create_view``) offscreen over the bundled exhibit
(or the test suite's sample exhibit when the bundled one is missing or does not validate)
and runs N visitor sessions: enter, turn pages, jump to an era, step back, open a picture,
zoom, close it, switch language, then leave. Most sessions end the way they do in the
gallery, through the idle monitor (quiet spell, "Are you still there?", countdown,
reset), with the timings shortened; the rest end with the Home button. Every step waits,
in Qt's event loop, for the next frame to be drawn, so the scene graph really renders.

Every 100 cycles it samples the resident set (VmRSS), glibc's heap in use, Python's
tracked objects (after a collection), and the QObjects and Qt Quick items alive. The
first 10% of cycles are warm-up (caches filling); growth is reported from there on, as
the change per 1,000 cycles and as a least-squares slope (also over the second half
alone). RSS steps up a few times to a high-water mark (memory glibc keeps after a free, one
more picture in Qt's cache) and then stays; a leak keeps climbing. So the run fails
(exit 1) when the RSS floor's slope over the second half passes ``--max-growth`` MB per
1,000 cycles, a frame or a reset never comes, or a reset does not give back exactly the
state of a fresh start.
"""

from __future__ import annotations

import argparse
import array
import collections
import ctypes
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "exhibit.yaml"
WAIT_MS = 5000  # a frame or a reset that takes longer than this is a failure, not noise
IDLE_TIMEOUT_MS = 50
IDLE_COUNTDOWN_MS = 50
VISIT_TIMEOUT_MS = 3_600_000  # no prompt while a session is being driven
TOP_TYPES = 8

# Qt reads these when the application is created: offscreen, Qt Quick's software
# renderer (as the other benchmarks), no desktop scaling.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "0")
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # the sample exhibit lives in tests/helpers

from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem  # noqa: E402

from kiosk.exhibit.load import load_exhibit  # noqa: E402
from kiosk.exhibit.model import Exhibit  # noqa: E402
from kiosk.live.eventlog import EventLog  # noqa: E402
from kiosk.refcounts import make_singletons_immortal  # noqa: E402
from kiosk.ui.navigation import EventSink, _no_events  # noqa: E402
from kiosk.ui.window import KioskView, create_view, load_fonts  # noqa: E402

# --- waiting on Qt, in Qt's own event loop --------------------------------------------

class SignalWaiter(QObject):
    """Counts a signal's emissions and runs the event loop until the next one.

    Connected once for the whole run: connecting a fresh callable per wait would itself
    allocate on every step, and the soak would measure its own harness."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0
        self._loop = QEventLoop(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._loop.quit)

    @Slot()
    def hit(self) -> None:
        self.count += 1
        if self._loop.isRunning():
            self._loop.quit()

    def wait_past(self, seen: int, timeout_ms: int = WAIT_MS) -> bool:
        """Until the count passes ``seen``; False when ``timeout_ms`` runs out first."""
        if self.count > seen:
            return True
        self._timer.start(timeout_ms)
        while self.count <= seen and self._timer.isActive():
            self._loop.exec()
        self._timer.stop()
        return self.count > seen


# --- measuring --------------------------------------------------------------------------

class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks",
        "uordblks", "fordblks", "keepcost")]


def _mallinfo() -> Callable[[], tuple[float, float]] | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):
        return None

    def heap_mb() -> tuple[float, float]:
        """MB in use, and MB malloc holds from the system (in use or kept after a free)."""
        info = libc.mallinfo2()
        mb = 1024 * 1024
        return (info.uordblks + info.hblkhd) / mb, (info.arena + info.hblkhd) / mb

    return heap_mb


HEAP = _mallinfo()


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status (not Linux?)")


def count_items(root: QQuickItem) -> int:
    """Qt Quick items in the visual tree (list delegates have no QObject parent)."""
    count, stack = 0, [root]
    while stack:
        item = stack.pop()
        count += 1
        stack.extend(item.childItems())
    return count


@dataclass
class Sample:
    """One window of ``--sample-every`` cycles. RSS and heap are read after every cycle:
    the renderer frees and re-takes tens of MB from one frame to the next, so a single
    reading is mostly noise. The floor (least of the window) is what stays resident
    between those swings; a leak lifts it, and it is what the verdict fits."""

    cycle: int  # cycles done at the end of the window
    seconds: float
    rss_floor: float
    rss_median: float
    rss_peak: float
    heap_floor: float | None
    heap_median: float | None
    heap_peak: float | None
    outside_floor: float | None  # RSS less all malloc holds: JavaScript heap, files, stacks
    py_objects: int  # after a collection; the benchmark's own samples left out
    qobjects: int
    quick_items: int


def take_sample(view: KioskView, cycle: int, seconds: float, rss: Sequence[float],
                heap: Sequence[float], outside: Sequence[float]) -> Sample:
    gc.collect()  # what stays, not what the collector has yet to reach
    py_objects = sum(type(o) is not Sample for o in gc.get_objects())
    qobjects = len(view.engine.findChildren(QObject)) + len(view.window.findChildren(QObject))

    def spread(values: Sequence[float]) -> tuple[float | None, float | None, float | None]:
        if not values:
            return None, None, None
        return min(values), statistics.median(values), max(values)

    rss_floor, rss_median, rss_peak = spread(rss)
    return Sample(cycle, seconds, rss_floor or 0.0, rss_median or 0.0, rss_peak or 0.0,
                  *spread(heap), min(outside) if outside else None, py_objects, qobjects,
                  count_items(view.window.contentItem()))


def type_counts() -> collections.Counter[str]:
    gc.collect()
    return collections.Counter(type(o).__qualname__ for o in gc.get_objects()
                               if type(o) is not Sample)


def slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Least-squares slope of ys over xs."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx if sxx else 0.0


# --- the exhibit --------------------------------------------------------------------------

def choose_exhibit(requested: Path | None, scratch: Path) -> tuple[Path, str]:
    """The exhibit file to soak, and a note on why when it is not the one expected."""
    if requested is not None:
        return requested, ""
    if BUNDLED.exists():
        check = subprocess.run([sys.executable, "-m", "kiosk", "validate", str(BUNDLED)],
                               capture_output=True, text=True, cwd=REPO)
        if check.returncode == 0:
            return BUNDLED, ""
        first = ((check.stdout + check.stderr).strip().splitlines() or ["no output"])[0]
        reason = f"kiosk validate {BUNDLED} failed ({first})"
    else:
        reason = f"{BUNDLED} does not exist"
    from tests.helpers.sample_exhibit import write_sample_exhibit

    return write_sample_exhibit(scratch), f"{reason}; soaked the test suite's sample exhibit"


def load(path: Path) -> Exhibit:
    result = load_exhibit(path)
    if result.exhibit is None:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=sys.stderr)
        raise SystemExit(f"{path}: the exhibit has errors (check with: kiosk validate {path})")
    return result.exhibit


# --- one visitor ------------------------------------------------------------------------

class Soak:
    def __init__(self, view: KioskView, idle_share: float) -> None:
        self.view = view
        self.nav = view.nav
        self.idle_share = idle_share
        self.frames = SignalWaiter()
        self.resets = SignalWaiter()
        self.prompts = SignalWaiter()
        view.window.frameSwapped.connect(self.frames.hit)
        view.idle.resetRequested.connect(self.resets.hit)
        view.idle.promptShown.connect(self.prompts.hit)
        self.eras = len(self.nav.exhibit.eras)
        self.failures: list[str] = []
        self.idle_resets = 0
        self.home_resets = 0
        self.steps = 0
        self.fresh = self.nav.snapshot()

    def step(self, action: Callable[[], object], what: str) -> None:
        """Do one visitor action and wait until a frame showing it has been drawn."""
        seen = self.frames.count
        action()
        self.view.window.update()  # a frame even when the action changed nothing visible
        self.steps += 1
        if not self.frames.wait_past(seen):
            self.failures.append(f"no frame within {WAIT_MS} ms after {what}")

    def to_a_panel(self) -> None:
        """Forward until the page has pictures (an era's opening page has none)."""
        for _ in self.nav.pages:
            if self.nav.current_page.panel is not None:
                return
            self.step(self.nav.next, "next")

    def visit(self, cycle: int) -> None:
        nav = self.nav
        self.view.idle.set_timing(VISIT_TIMEOUT_MS, VISIT_TIMEOUT_MS)
        self.step(nav.enter, "enter")
        for _ in range(2 + cycle % 3):
            self.step(nav.next, "next")
        if self.eras > 1:
            # Never era 0, so stepping back from its opening lands on a panel.
            self.step(lambda: nav.openEra(1 + cycle % (self.eras - 1)), "openEra")
        self.step(nav.previous, "previous")
        self.to_a_panel()
        panel = nav.current_page.panel
        if panel is not None:
            self.step(lambda: nav.openImage(cycle % len(panel.images)), "openImage")
            self.step(lambda: nav.setZoom(2.5), "setZoom")
            self.step(lambda: nav.setZoom(4.0 + cycle % 2), "setZoom")
            self.step(nav.closeImage, "closeImage")
        self.step(nav.toggleLanguage, "toggleLanguage")
        self.step(nav.next, "next")
        if int((cycle + 1) * self.idle_share) > int(cycle * self.idle_share):
            self.leave_idle(cycle)
        else:
            self.step(nav.goHome, "goHome")
            self.home_resets += 1
        if nav.snapshot() != self.fresh:
            self.failures.append(f"cycle {cycle}: the reset left {nav.snapshot()}, "
                                 f"not the fresh start {self.fresh}")

    def leave_idle(self, cycle: int) -> None:
        """The visitor walks away: the real prompt, countdown and reset, shortened."""
        seen, prompts = self.resets.count, self.prompts.count
        self.view.idle.set_timing(IDLE_TIMEOUT_MS, IDLE_COUNTDOWN_MS)
        if not self.resets.wait_past(seen):
            self.failures.append(f"cycle {cycle}: no idle reset within {WAIT_MS} ms")
            return
        if self.prompts.count <= prompts:
            self.failures.append(f"cycle {cycle}: reset without the prompt first")
        self.idle_resets += 1
        self.step(lambda: None, "the idle reset")  # the welcome screen, drawn


# --- the run ----------------------------------------------------------------------------

def parse_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    return int(width), int(height)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=2000, help="visitor sessions (2000)")
    parser.add_argument("--exhibit", type=Path, help="exhibit file (the bundled one, else "
                        "the test suite's sample)")
    parser.add_argument("--animate", action="store_true", help="keep the transitions on")
    parser.add_argument("--event-log", type=Path, help="log visitor events to this file, "
                        "as the kiosk does (off by default)")
    parser.add_argument("--size", type=parse_size, default=(1920, 1080), help="WxH (1920x1080)")
    parser.add_argument("--sample-every", type=int, default=100, help="cycles (100)")
    parser.add_argument("--warmup", type=float, default=0.35,
                        help="share of cycles (0.35): the picture cache fills first")
    parser.add_argument("--idle-share", type=float, default=0.75,
                        help="share of sessions ended by the idle monitor; the rest press "
                        "Home (0.75)")
    parser.add_argument("--max-growth", type=float, default=1.0,
                        help="fail above this RSS slope, MB per 1,000 cycles (1.0)")
    parser.add_argument("--json", type=Path, help="write the samples and figures here")
    args = parser.parse_args(argv)
    if args.cycles < 2 * args.sample_every:
        parser.error("--cycles must cover at least two samples (2 × --sample-every)")
    if not 0.0 <= args.idle_share <= 1.0:
        parser.error("--idle-share must be between 0 and 1")

    make_singletons_immortal()  # PySide6 6.12 on Python 3.11 leaks None/True references
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    load_fonts()
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as scratch:
        path, note = choose_exhibit(args.exhibit, Path(scratch))
        exhibit = load(path)
        events: EventSink = EventLog(args.event_log).log if args.event_log else _no_events
        view = create_view(exhibit, size=args.size, log_event=events)
        view.nav.animate = args.animate
        view.window.show()
        result = soak(view, args, path, note)
        view.idle.stop()
        view.window.hide()
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["ok"] else 1


def soak(view: KioskView, args: argparse.Namespace, path: Path, note: str) -> dict[str, Any]:
    runner = Soak(view, args.idle_share)
    if not runner.frames.wait_past(0):
        raise SystemExit("the kiosk window never drew a frame")
    every = args.sample_every
    warmup = max(every, round(args.cycles * args.warmup / every) * every)
    print(f"soak: {args.cycles} cycles over {path}" + (f" ({note})" if note else ""),
          file=sys.stderr)
    # Plain arrays: one reading per cycle, and nothing the garbage collector tracks.
    rss, heap, outside = array.array("d"), array.array("d"), array.array("d")
    started = time.monotonic()
    samples = [take_sample(view, 0, 0.0, [rss_mb()], [], [])]
    before: collections.Counter[str] = collections.Counter()
    for cycle in range(args.cycles):
        runner.visit(cycle)
        rss.append(rss_mb())
        if HEAP:
            in_use, held = HEAP()
            heap.append(in_use)
            outside.append(rss[-1] - held)
        done = cycle + 1
        if done % every == 0 or done == args.cycles or len(runner.failures) > 20:
            first = samples[-1].cycle
            sample = take_sample(view, done, time.monotonic() - started, rss[first:done],
                                 heap[first:done], outside[first:done])
            samples.append(sample)
            print(f"  {done:6d} cycles {sample.seconds:7.1f} s  RSS {sample.rss_floor:6.1f}"
                  f"/{sample.rss_median:6.1f}/{sample.rss_peak:6.1f} MB (floor/median/peak)  "
                  f"heap floor {sample.heap_floor or 0:6.1f} MB  objects {sample.py_objects:6d}"
                  f"  QObjects {sample.qobjects:4d}  items {sample.quick_items:4d}",
                  file=sys.stderr, flush=True)
            if done == warmup:
                before = type_counts()
            if len(runner.failures) > 20:
                break
    wall = time.monotonic() - started
    grown = type_counts() - before if before else collections.Counter()
    result = report(args, runner, samples, warmup, wall, path, note, grown)
    result["per_cycle"] = {"rss_mb": [round(v, 2) for v in rss],
                           "heap_mb": [round(v, 2) for v in heap],
                           "outside_malloc_mb": [round(v, 2) for v in outside]}
    return result


def report(args: argparse.Namespace, runner: Soak, samples: list[Sample], warmup: int,
           wall: float, path: Path, note: str,
           grown: collections.Counter[str]) -> dict[str, Any]:
    after = [s for s in samples if s.cycle >= warmup]
    base, end = after[0], after[-1]
    span = max(1, end.cycle - base.cycle)
    xs = [s.cycle for s in after]

    # The second half: steady state, past one-off steps (all of it when too few samples).
    late = len(after) // 2 if len(after) >= 6 else 0

    def growth(field: str) -> tuple[float, float, float, float, float]:
        """After warm-up, at end, and per 1,000 cycles: the change, the fitted slope, and
        the slope fitted over the second half alone."""
        values = [float(getattr(s, field) or 0.0) for s in after]
        return (values[0], values[-1], (values[-1] - values[0]) * 1000 / span,
                slope(xs, values) * 1000, slope(xs[late:], values[late:]) * 1000)

    # No median row: readings swing between two levels, so a median only says which won.
    measures = [("RSS floor (MB)", "rss_floor"), ("RSS peak (MB)", "rss_peak")]
    if HEAP:
        measures += [("glibc heap in use, floor (MB)", "heap_floor"),
                     ("glibc heap in use, peak (MB)", "heap_peak"),
                     ("RSS outside malloc, floor (MB)", "outside_floor")]
    measures += [("Python objects", "py_objects"), ("QObjects", "qobjects"),
                 ("Qt Quick items", "quick_items")]
    figures = {field: growth(field) for _, field in measures}
    rss_from, rss_to, rss_change, rss_slope, rss_late = figures["rss_floor"]
    heap_slope = figures["heap_floor"][3] if "heap_floor" in figures else None
    # RSS steps up a few times to a high-water mark (glibc keeping freed pages, Qt's
    # picture cache holding one more decoded picture) and then stays; a leak keeps
    # climbing. So the verdict takes the RSS floor's slope over the second half. The heap
    # in use is shown, not judged: its floor moves by a whole cached picture at a time.
    flat = rss_late <= args.max_growth
    ok = flat and not runner.failures and end.cycle == args.cycles

    print()
    print(f"Exhibit: {path}" + (f" ({note})" if note else ""))
    print(f"{end.cycle} cycles ({runner.idle_resets} idle resets, {runner.home_resets} Home), "
          f"{runner.steps} steps, each waited to a drawn frame; {args.size[0]}x{args.size[1]}, "
          f"offscreen, {os.environ.get('QT_QUICK_BACKEND') or 'default'} renderer, animation "
          f"{'on' if args.animate else 'off'}, event log {'on' if args.event_log else 'off'}; "
          f"warm-up {warmup} cycles; RSS and heap read after every cycle, "
          f"summarised per {args.sample_every}")
    print(f"Wall time {wall:.0f} s ({wall * 1000 / max(1, end.cycle):.0f} ms a cycle); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")
    print()
    print("| measure | after warm-up | at end | change per 1,000 cycles "
          "| fitted slope per 1,000 cycles | slope over the last half |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, field in measures:
        first, last, change, fitted, late_fit = figures[field]
        digits = 1 if "MB" in name else 0
        print(f"| {name} | {first:.{digits}f} | {last:.{digits}f} | {change:+.2f} "
              f"| {fitted:+.2f} | {late_fit:+.2f} |")
    if grown:
        top = ", ".join(f"{name} +{n}" for name, n in grown.most_common(TOP_TYPES))
        print(f"\nPython types with more objects at the end than after warm-up: {top}")
    for failure in runner.failures[:10]:
        print(f"FAILED: {failure}")
    print()
    print(f"soak: {end.cycle} cycles, RSS {rss_from:.1f} MB after warm-up → {rss_to:.1f} MB "
          f"at end ({rss_change:+.1f} MB per 1000 cycles; fitted {rss_slope:+.2f}, last half "
          f"{rss_late:+.2f}" + ("" if heap_slope is None else
                                f"; heap in use {heap_slope:+.2f}")
          + f"), {'flat' if flat else 'GROWING'} (limit {args.max_growth:g}), {wall:.0f} s")
    return {
        "ok": ok, "flat": flat, "exhibit": str(path), "note": note, "cycles": end.cycle,
        "warmup_cycles": warmup, "wall_seconds": wall, "animate": args.animate,
        "event_log": bool(args.event_log), "size": list(args.size),
        "idle_resets": runner.idle_resets, "home_resets": runner.home_resets,
        "steps": runner.steps,
        "growth_per_1000_cycles": {field: {"after_warmup": v[0], "end": v[1], "change": v[2],
                                           "slope": v[3], "slope_last_half": v[4]}
                                   for field, v in figures.items()},
        "grown_types": dict(grown.most_common(TOP_TYPES)), "failures": runner.failures,
        "samples": [asdict(s) for s in samples],
    }


if __name__ == "__main__":
    sys.exit(main())
