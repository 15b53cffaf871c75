"""Start-up time: from starting the process to the kiosk's first frame on screen.

Run: ``python bench/bench_startup.py [--runs 5] [--json FILE]``.

Each measurement is a fresh process started by this script; the clock starts just before
the process is spawned (so interpreter start and every import count) and stops at the
window's first ``frameSwapped``. A second figure, "pictures in", stops at the first frame
swapped once every visible image has finished loading. Three cases:

* floor: a bare Qt Quick ``Window`` with one 1920×1080 PNG, the least any Qt Quick app
  with a picture can do;
* the kiosk on the bundled exhibit (or a generated stand-in when it does not validate);
* the kiosk on a generated 1,000-panel exhibit of 4000×3000 PNGs.

The kiosk runs through the real ``run_kiosk`` (see ``harness.py``). The target is a first
frame within 1.3× the floor. The kiosk's sources are byte-compiled first, as an installed
kiosk has them (``--cold-bytecode``: not, so every run compiles them). A last run under
``python -X importtime`` lists the imports that cost the most.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from exhibits import CACHE, BenchExhibit, bundled_exhibit, large_exhibit
from harness import fail, finish, guarded, mark, run_real_kiosk
from runner import (
    byte_compile,
    describe,
    forget_bytecode,
    machine_note,
    run_child,
    save_json,
    table,
)

SCRIPT = Path(__file__).resolve()
SIZE = (1920, 1080)
TARGET_RATIO = 1.3
PHASES = ("interpreter up", "imports done", "exhibit loaded", "view created",
          "first frame", "pictures in")
FLOOR_QML = """\
import QtQuick

Window {
    width: %d; height: %d
    visible: true
    color: "#14181f"
    Image {
        anchors.fill: parent
        source: "floor.png"
        asynchronous: true
        fillMode: Image.PreserveAspectCrop
        sourceSize.width: width
        sourceSize.height: height
    }
}
"""


# --- the child processes ----------------------------------------------------------------

def _watch_frames(window: object, deadline_s: float = 60.0) -> None:
    """Mark the first frame, then the first frame with every visible picture loaded."""
    from harness import ERROR, image_status, images_settled, shown_images

    started = time.monotonic()

    def swapped() -> None:
        mark("first frame")
        images = shown_images(window)  # type: ignore[arg-type]
        if images and images_settled(window):  # type: ignore[arg-type]
            mark("pictures in")
            errors = sum(image_status(i) == ERROR for i in images)
            finish({"images": len(images), "image_errors": errors})
        elif time.monotonic() - started > deadline_s:
            finish({"images": len(images), "pictures_timeout": deadline_s})

    window.frameSwapped.connect(guarded(swapped))  # type: ignore[attr-defined]


def child_floor(qml: Path) -> int:
    mark("interpreter up")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtQml import QQmlApplicationEngine
    from PySide6.QtQuick import QQuickWindow  # noqa: F401  (root objects come back typed)

    mark("imports done")
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    engine.load(str(qml))
    if not engine.rootObjects():
        fail(f"{qml} did not load")
    mark("view created")
    _watch_frames(engine.rootObjects()[0])
    return app.exec()


def child_kiosk(exhibit: Path) -> int:
    mark("interpreter up")

    def on_view(view: object) -> None:
        _watch_frames(view.window)  # type: ignore[attr-defined]

    return run_real_kiosk(exhibit, SIZE, on_view)


# --- the parent -------------------------------------------------------------------------

def floor_scene() -> Path:
    folder = CACHE / f"floor-{SIZE[0]}x{SIZE[1]}"
    qml = folder / "Floor.qml"
    if not (folder / "floor.png").exists():
        folder.mkdir(parents=True, exist_ok=True)
        import subprocess

        subprocess.run([sys.executable, str(SCRIPT.parent / "exhibits.py"), "--draw",
                        f"{SIZE[0]}x{SIZE[1]}", str(folder / "floor.png")], check=True)
    qml.write_text(FLOOR_QML % SIZE, encoding="utf-8")
    return qml


def measure(label: str, args: list[str], runs: int) -> dict[str, object]:
    samples = []
    for _ in range(runs):
        result = run_child(SCRIPT, args, timeout=240)
        spawned = result["spawned"]
        phases = {name: result["milestones"][name] - spawned
                  for name in PHASES if name in result["milestones"]}
        samples.append(phases)
        pictures = (f"{phases['pictures in'] * 1000:.0f} ms" if "pictures in" in phases
                    else f"not in after {result['pictures_timeout']:.0f} s")
        print(f"  {label}: first frame {phases['first frame'] * 1000:.0f} ms, "
              f"pictures in {pictures}", flush=True)
    return {"label": label, "runs": samples,
            **{name: describe([s[name] for s in samples]) for name in PHASES
               if all(name in s for s in samples)}}


def import_profile(exhibit: Path, top: int = 12) -> list[tuple[str, float, float]]:
    """(module, self ms, cumulative ms) of the costliest imports of one kiosk start-up."""
    result = run_child(SCRIPT, ["kiosk", str(exhibit)], timeout=300,
                       python_flags=("-X", "importtime"))
    rows = []
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
    for line in result["stderr"].splitlines():
        found = pattern.match(line)
        if found:
            rows.append((found[4], int(found[1]) / 1000, int(found[2]) / 1000,
                         len(found[3])))
    total = sum(r[1] for r in rows)
    # Top-level imports (no indent) with their cumulative cost show where time goes; the
    # costliest single modules by their own time show what to defer.
    outer = sorted((r for r in rows if r[3] == 1), key=lambda r: -r[2])[:top // 2]
    inner = sorted((r for r in rows if r not in outer), key=lambda r: -r[1])[:top // 2]
    return [("(all imports, self time summed)", total, total)] + [
        (name, self_ms, cumulative) for name, self_ms, cumulative, _ in outer + inner]


def main(argv: list[str]) -> int:
    if len(argv) > 1 and argv[1] == "--child":
        kind, path = argv[2], Path(argv[3])
        return child_floor(path) if kind == "floor" else child_kiosk(path)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    parser.add_argument("--no-imports", action="store_true", help="skip the import profile")
    parser.add_argument("--cold-bytecode", action="store_true",
                        help="no byte-compiled kiosk: every run compiles its sources")
    args = parser.parse_args(argv[1:])

    print(machine_note())
    print(forget_bytecode() if args.cold_bytecode else byte_compile())
    cases: list[tuple[str, list[str], BenchExhibit | None]] = [
        ("floor", ["floor", str(floor_scene())], None)]
    for exhibit in (bundled_exhibit(), large_exhibit()):
        if exhibit.note:
            print(f"note: {exhibit.note}")
        cases.append((f"kiosk, {exhibit.name}", ["kiosk", str(exhibit.path)], exhibit))
    results = [measure(label, child_args, args.runs) for label, child_args, _ in cases]

    floor = results[0]
    rows = []
    for result in results:
        first = result["first frame"]
        assert isinstance(first, dict)
        ratio = first["median"] / floor["first frame"]["median"]  # type: ignore[index]
        result["ratio"] = ratio
        pictures = result.get("pictures in")
        if isinstance(pictures, dict):
            ratio_pictures = pictures["median"] / floor["pictures in"]["median"]  # type: ignore[index]
            result["ratio_pictures"] = ratio_pictures
            in_cells = [f"{pictures['median'] * 1000:.0f}", f"{pictures['min'] * 1000:.0f}",
                        f"{ratio_pictures:.2f}×"]
        else:  # at least one run gave up waiting
            in_cells = ["timed out", "", ""]
        rows.append([result["label"], f"{first['median'] * 1000:.0f}",
                     f"{first['min'] * 1000:.0f}", f"{ratio:.2f}×", *in_cells])
    print()
    print(f"Start-up to first frame, {args.runs} runs each (ms; target ≤ {TARGET_RATIO}× floor)")
    print(table(["case", "first frame median", "min", "÷ floor", "pictures in median", "min",
                 "÷ floor"], rows))

    phase_rows = []
    for result in results[1:]:
        medians = [result[name]["median"] if name in result else None  # type: ignore[index]
                   for name in PHASES]
        steps, previous = [], 0.0
        for value in medians:
            steps.append("" if value is None else f"+{(value - previous) * 1000:.0f}")
            previous = value if value is not None else previous
        phase_rows.append([result["label"], *steps])
    print()
    print("Where the kiosk's start-up goes (median ms since the previous milestone)")
    print(table(["case", *PHASES], phase_rows))

    profile = []
    if not args.no_imports:
        bundled = cases[1][2]
        assert bundled is not None
        profile = import_profile(bundled.path)
        print()
        print("Costliest imports of one kiosk start-up (python -X importtime)")
        print(table(["module", "self ms", "cumulative ms"],
                    [[name, f"{s:.0f}", f"{c:.0f}"] for name, s, c in profile]))
    save_json(args.json, {"results": results, "imports": profile})
    ratio = results[1]["ratio"]
    return 0 if isinstance(ratio, float) and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
