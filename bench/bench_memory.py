"""Peak memory after a visitor has seen every page of an exhibit.

Run: ``python bench/bench_memory.py [--exhibits bundled|large|both] [--pages N] [--json FILE]``.

The kiosk starts through the real ``run_kiosk`` (see ``harness.py``), a visit begins, and
the pages are turned one at a time (``nav.next()``, animations off), each time waiting
until every visible picture has loaded and a frame has been drawn with them. At the end
it reports the peak RSS (``ru_maxrss``, ``VmHWM``) and the current RSS (``VmRSS``), with
what explains them:

* RSS along the way, to tell growth (a leak, an unbounded cache) from a one-off peak;
* the bytes of decoded pictures held by live ``Image`` items, visible or not;
* glibc's heap: bytes in use, and bytes freed but kept (RSS after ``malloc_trim``).

The target is a peak under 200 MB.
"""

from __future__ import annotations

import argparse
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
    malloc_stats,
    malloc_trim,
    max_rss_mb,
    proc_status,
    run_real_kiosk,
)
from runner import machine_note, run_child, save_json, table

from kiosk.ui.visualtree import items_under

SCRIPT = Path(__file__).resolve()
SIZE = (1920, 1080)
TARGET_MB = 200.0
PAGE_DEADLINE_S = 120.0
FIRST_SETTLE_S = 600.0  # the first page may queue behind the welcome screen's pictures
SAMPLE_EVERY = 50


# --- the child process --------------------------------------------------------------------

def image_census(window: Any) -> dict[str, float]:
    """Image items alive in the window, and the decoded pixels the loaded ones hold (MB)."""
    images = [item for item in items_under(window.contentItem(), visible_only=False)
              if item.inherits("QQuickImage")]
    ready = [item for item in images if image_status(item) == READY]
    held = sum(item.implicitWidth() * item.implicitHeight() * 4 for item in ready)
    return {"image_items": len(images), "loaded": len(ready),
            "loaded_hidden": sum(not item.isVisible() for item in ready),
            "pixels_held_mb": held / (1024 * 1024)}


def child(exhibit: Path, limit: int) -> int:
    def on_view(view: Any) -> None:

        window, nav = view.window, view.nav
        state: dict[str, Any] = {"phase": "starting", "drawn": False}
        samples: list[dict[str, float]] = []

        def sample(label: str) -> None:
            samples.append({"page": nav.property("pageIndex"), "label": label,
                            "seconds": time.monotonic() - state["started"],
                            **proc_status(), **image_census(window)})

        def swapped() -> None:
            if state["phase"] == "starting":
                state.update(phase="visiting", started=time.monotonic())
                sample("first frame")
                nav.animate = False
                nav.enter()
                state["since"] = time.monotonic()
            state["drawn"] = images_settled(window)

        def poll() -> None:
            if state["phase"] != "visiting":
                return
            now = time.monotonic()
            page, count = nav.property("pageIndex"), nav.property("pageCount")
            deadline = FIRST_SETTLE_S if page == 0 else PAGE_DEADLINE_S
            if now - state["since"] > deadline:
                fail(f"page {page}'s pictures were not in after {deadline:.0f} s")
            # Settled, and a frame has been drawn since: the page has really been seen.
            if not (state["drawn"] and images_settled(window)):
                return
            if page == 0 and not samples[1:]:
                sample("first page in")
            last = min(count, limit) - 1
            if page >= last:
                sample("every page seen")
                heap = malloc_stats()
                trimmed = malloc_trim()
                finish({"samples": samples, "pages": page + 1, "page_count": count,
                        "max_rss_mb": max_rss_mb(), "final": proc_status(), "heap": heap,
                        "after_trim": proc_status() if trimmed else {},
                        "census": image_census(window)})
            if page % SAMPLE_EVERY == 0 and page:
                sample(f"page {page}")
            state.update(drawn=False, since=now)
            nav.next()
            window.update()  # a frame even if nothing new has to load

        drive(window, swapped, poll, 5)

    return run_real_kiosk(exhibit, SIZE, on_view)


# --- the parent ---------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--child":
        return child(Path(argv[2]), int(argv[3]))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exhibits", choices=("bundled", "large", "both"), default="both")
    parser.add_argument("--pages", type=int, default=10**9, help="stop after this many pages")
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args(argv[1:])
    print(machine_note())
    chosen = {"bundled": [bundled_exhibit], "large": [large_exhibit],
              "both": [bundled_exhibit, large_exhibit]}[args.exhibits]
    results, rows = [], []
    for exhibit in (make() for make in chosen):
        if exhibit.note:
            print(f"note: {exhibit.note}")
        out = run_child(SCRIPT, [str(exhibit.path), str(args.pages)], timeout=7200)
        out.pop("stderr", None)
        out["exhibit"] = exhibit.name
        results.append(out)
        print()
        print(f"{exhibit.name}: RSS along the visit")
        print(table(["when", "page", "s", "VmRSS MB", "Image items", "loaded (hidden)",
                     "decoded pixels held MB"],
                    [[s["label"], s["page"], f"{s['seconds']:.0f}", f"{s['VmRSS']:.0f}",
                      s["image_items"], f"{s['loaded']} ({s['loaded_hidden']})",
                      f"{s['pixels_held_mb']:.0f}"] for s in out["samples"]]))
        heap = out["heap"]
        rows.append([exhibit.name, f"{out['pages']}/{out['page_count']}",
                     f"{out['max_rss_mb']:.0f}", f"{out['final']['VmRSS']:.0f}",
                     f"{out['after_trim'].get('VmRSS', float('nan')):.0f}",
                     f"{heap.get('heap_in_use', float('nan')):.0f}",
                     f"{heap.get('heap_free_held', float('nan')):.0f}",
                     "yes" if out["max_rss_mb"] < TARGET_MB else "NO"])
    print()
    print(f"Memory after visiting every page (MB; target: peak under {TARGET_MB:.0f} MB)")
    print(table(["exhibit", "pages", "peak RSS", "RSS at end", "RSS after malloc_trim",
                 "heap in use", "heap freed but held", "under target"], rows))
    save_json(args.json, results)
    return 0 if all(r["max_rss_mb"] < TARGET_MB for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
