"""CPU and frame rate of the welcome screen's attract loop while nobody touches the kiosk.

Run: ``python bench/bench_attract.py [--seconds 20] [--json FILE]``.

The kiosk starts through the real ``run_kiosk`` (see ``harness.py``) and is left on its
welcome screen. Once its pictures are in and a 2 s warm-up has passed, it counts swapped
frames and the process's CPU time (user + system, every thread, from ``getrusage``) over
the measured wall time. A second run with ``nav.animate = False`` (the loop stopped, the
screen otherwise the same) gives the cost of simply being up, for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from exhibits import bundled_exhibit
from harness import cpu_seconds, drive, finish, images_settled, run_real_kiosk, shown_images
from runner import machine_note, run_child, save_json, table

SCRIPT = Path(__file__).resolve()
SIZE = (1920, 1080)
WARM_UP_S = 2.0
PICTURES_DEADLINE_S = 120.0


def child(exhibit: Path, seconds: float, animate: bool) -> int:
    def on_view(view: Any) -> None:

        window = view.window
        state: dict[str, Any] = {"frames": 0, "phase": "loading", "start": time.monotonic()}

        def swapped() -> None:
            state["frames"] += 1

        def poll() -> None:
            now = time.monotonic()
            if state["phase"] == "loading":
                settled = bool(shown_images(window)) and images_settled(window)
                if settled or now - state["start"] > PICTURES_DEADLINE_S:
                    view.nav.animate = animate
                    state.update(phase="warming", since=now, pictures_in=settled)
            elif state["phase"] == "warming" and now - state["since"] >= WARM_UP_S:
                state.update(phase="measuring", since=now, cpu=cpu_seconds(), frames=0)
            elif state["phase"] == "measuring" and now - state["since"] >= seconds:
                wall = now - state["since"]
                cpu = cpu_seconds() - state["cpu"]
                finish({"wall": wall, "cpu": cpu, "frames": state["frames"],
                        "pictures_in": state["pictures_in"]})

        drive(window, swapped, poll, 50)

    return run_real_kiosk(exhibit, SIZE, on_view)


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--child":
        return child(Path(argv[2]), float(argv[3]), argv[4] == "animate")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args(argv[1:])
    print(machine_note())
    exhibit = bundled_exhibit()
    if exhibit.note:
        print(f"note: {exhibit.note}")
    results, rows = [], []
    for animate in (True, False):
        out = run_child(SCRIPT, [str(exhibit.path), str(args.seconds),
                                 "animate" if animate else "still"], timeout=600)
        out.pop("stderr", None)
        out.update(animate=animate, cpu_percent=100 * out["cpu"] / out["wall"],
                   fps=out["frames"] / out["wall"], exhibit=exhibit.name)
        results.append(out)
        rows.append([exhibit.name, "running" if animate else "stopped (animate off)",
                     f"{out['wall']:.1f}", f"{out['cpu_percent']:.0f}%", f"{out['fps']:.1f}",
                     "" if out["pictures_in"] else "pictures not in"])
    print()
    print("Welcome screen left alone (CPU % of one core; frames per second)")
    print(table(["exhibit", "attract loop", "s measured", "CPU", "frames/s", "note"], rows))
    save_json(args.json, results)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
