"""Touch-to-next-panel latency: a visitor's tap or swipe until the next panel is on screen.

Run: ``python bench/bench_latency.py [--turns 50] [--input tap|swipe|both] [--json FILE]``.

The kiosk starts through the real ``run_kiosk`` (see ``harness.py``) and a visit begins.
Each turn then sends real touch events (``QTest.createTouchDevice()``, every step
committed): a tap on the Next button, or a one-finger swipe of a third of the pager's
width (from the last page, back again with Previous or a swipe the other way). The
clock starts just before the finger lifts (the moment both gestures act) and
stops at the first swapped frame in which the pager rests on the new page:

* with animations off (``nav.animate = False``) that is the input-to-frame latency;
* with animations on, the 250 ms slide must also finish; the first frame that shows any
  response is recorded too.

Before each turn the kiosk is left to settle (every visible picture loaded, no frame for
100 ms), as it is when a visitor reads a panel before moving on. Each configuration runs
in its own process, on the bundled exhibit and the generated 1,000-panel one.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from exhibits import bundled_exhibit, large_exhibit
from harness import (
    READY,
    drive,
    fail,
    finish,
    image_status,
    images_settled,
    run_real_kiosk,
    shown_images,
)
from runner import describe, machine_note, run_child, save_json, table

SCRIPT = Path(__file__).resolve()
SIZE = (1920, 1080)
QUIET_S = 0.1  # no frame for this long: nothing is moving
TURN_DEADLINE_S = 60.0
FIRST_SETTLE_S = 600.0  # the first panel's pictures, queued behind the welcome screen's


# --- the child process --------------------------------------------------------------------

def child(exhibit: Path, gesture: str, animate: bool, turns: int) -> int:
    # Offscreen, Qt Quick would hold touch moves back for a frame that may never come and
    # merge them; deliver each as sent, like a real touch panel (as the GUI tests do).
    os.environ["QML_NO_TOUCH_COMPRESSION"] = "1"

    def on_view(view: Any) -> None:
        from PySide6.QtCore import QPoint, QPointF
        from PySide6.QtTest import QTest

        window, nav = view.window, view.nav
        device = QTest.createTouchDevice()
        state: dict[str, Any] = {"phase": "starting", "last_frame": 0.0, "target": -1}
        samples: list[dict[str, float | bool]] = []

        def centre(item: Any) -> QPoint:
            return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

        def touch() -> Any:
            return QTest.touchEvent(window, device)

        def pager_at_rest_on(index: int) -> bool:
            pager = view.find("pager")
            return abs(pager.property("contentX") - index * pager.width()) < 0.5

        def current_picture_ready() -> bool:
            """The picture of the page now shown (not a neighbour) has been drawn."""
            pager = view.find("pager")
            left = pager.mapToScene(QPointF(0, 0)).x()
            shown = [item for item in shown_images(window)
                     if left - 1 <= item.mapToScene(QPointF(0, 0)).x() < left + pager.width()]
            return bool(shown) and all(image_status(item) == READY for item in shown)

        def turn() -> None:
            # Forwards, and back again from the last page: a short exhibit still gives
            # as many turns as asked for.
            page, count = nav.property("pageIndex"), nav.property("pageCount")
            step = state["step"] = -1 if page == count - 1 else (
                1 if page == 0 else state.get("step", 1))
            target = page + step
            state.update(target=target, first=None, changed=None)
            if gesture == "tap":
                button = view.find("nextButton" if step > 0 else "previousButton")
                point = centre(button)
                touch().press(0, point).commit()
                touch().move(0, point + QPoint(1, 0)).commit()
                state.update(phase="turning", input=time.monotonic())
                touch().release(0, point + QPoint(1, 0)).commit()
            else:
                origin = centre(view.find("pager"))
                distance = -step * int(view.find("pager").width() / 3)
                sequence = touch()
                sequence.press(0, origin).commit()
                for part in range(1, 13):
                    sequence.move(0, origin + QPoint(distance * part // 12, 0)).commit()
                state.update(phase="turning", input=time.monotonic())
                sequence.release(0, origin + QPoint(distance, 0)).commit()
            if nav.property("pageIndex") != target:
                fail(f"the {gesture} did not turn the page (still on {nav.property('pageIndex')})")

        def swapped() -> None:
            now = time.monotonic()
            state["last_frame"] = now
            if state["phase"] == "starting":
                nav.animate = animate
                nav.enter()
                state.update(phase="settling", since=now, entered=now)
            elif state["phase"] == "turning" and state["changed"] is not None:
                if state["first"] is None:
                    state["first"] = now
                if pager_at_rest_on(state["target"]):
                    samples.append({"handled": state["changed"] - state["input"],
                                    "first_frame": state["first"] - state["input"],
                                    "in_place": now - state["input"],
                                    "picture_ready": current_picture_ready()})
                    state.update(phase="settling", since=now)

        def poll() -> None:
            now = time.monotonic()
            if state["phase"] == "turning" and now - state["input"] > TURN_DEADLINE_S:
                fail(f"turn {len(samples) + 1} did not finish in {TURN_DEADLINE_S:.0f} s")
            if state["phase"] != "settling":
                return
            limit = FIRST_SETTLE_S if not samples else TURN_DEADLINE_S
            if now - state["since"] > limit:
                fail(f"the pictures did not settle within {limit:.0f} s")
            if now - state["last_frame"] < QUIET_S or not images_settled(window):
                return
            state.setdefault("entered_settled", now - state["entered"])
            if len(samples) >= turns:
                finish({"samples": samples, "entered_settled": state["entered_settled"]})
            turn()

        def page_changed() -> None:
            if state["phase"] == "turning" and state["changed"] is None:
                state["changed"] = time.monotonic()

        nav.pageChanged.connect(page_changed)
        drive(window, swapped, poll, 10)

    return run_real_kiosk(exhibit, SIZE, on_view)


# --- the parent ---------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--child":
        return child(Path(argv[2]), argv[3], argv[4] == "animate", int(argv[5]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=50)
    parser.add_argument("--input", choices=("tap", "swipe", "both"), default="both")
    parser.add_argument("--exhibits", choices=("bundled", "large", "both"), default="both")
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args(argv[1:])
    print(machine_note())
    gestures = ("tap", "swipe") if args.input == "both" else (args.input,)
    results = []
    chosen = {"bundled": [bundled_exhibit], "large": [large_exhibit],
              "both": [bundled_exhibit, large_exhibit]}[args.exhibits]
    for exhibit in (make() for make in chosen):
        if exhibit.note:
            print(f"note: {exhibit.note}")
        for gesture in gestures:
            for animate in (False, True):
                mode = "animate" if animate else "still"
                out = run_child(SCRIPT, [str(exhibit.path), gesture, mode, str(args.turns)],
                                timeout=1800)
                samples = out["samples"]
                result = {"exhibit": exhibit.name, "gesture": gesture, "animate": animate,
                          "handled": describe([s["handled"] for s in samples]),
                          "first_frame": describe([s["first_frame"] for s in samples]),
                          "in_place": describe([s["in_place"] for s in samples]),
                          "picture_ready": sum(bool(s["picture_ready"]) for s in samples),
                          "turns": len(samples), "entered_settled": out["entered_settled"]}
                results.append(result)
                print(f"  {exhibit.name}, {gesture}, animations {'on' if animate else 'off'}: "
                      f"in place median {result['in_place']['median'] * 1000:.1f} ms",
                      flush=True)
    rows = [[r["exhibit"], r["gesture"], "on" if r["animate"] else "off",
             f"{r['handled']['median'] * 1000:.1f}",
             f"{r['first_frame']['median'] * 1000:.1f}", f"{r['first_frame']['p95'] * 1000:.1f}",
             f"{r['in_place']['median'] * 1000:.1f}", f"{r['in_place']['p95'] * 1000:.1f}",
             f"{r['picture_ready']}/{r['turns']}", f"{r['entered_settled']:.1f}"]
            for r in results]
    print()
    print(f"Touch to next panel, {args.turns} turns each (ms from the finger lifting)")
    print(table(["exhibit", "input", "animations", "handled median", "first frame median", "p95",
                 "page in place median", "p95", "picture already drawn",
                 "s until the first page's pictures are in"], rows))
    save_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
