"""Start-up time: from starting the process to the kiosk's first frame on screen.

Run: ``python bench/bench_startup.py [--runs 5] [--json FILE]``.

Each measurement is a fresh process (``startup_child.py``, which imports nothing of the
benchmarks' own before what it measures); the clock starts just before the process is
spawned, so interpreter start and every import count, and stops at the window's first
``frameSwapped``, which must show the window at its full size. A second figure, "pictures
in", stops at the first frame swapped once every visible picture is in. Both run on
Qt's offscreen platform with one 1920×1080 screen and software rendering. The cases:

* floor: a bare Qt Quick ``Window`` with one 1920×1080 PNG, the least any Qt Quick app
  with a picture can do;
* floor with words: the same window with the welcome screen's words over the picture
  (the bundled exhibit's title, subtitle and invitations, in the kiosk's bundled fonts,
  loaded by QML's ``FontLoader``): what showing any text at all adds, before any kiosk;
* the ``kiosk`` command in kiosk mode (full screen, locked), on the bundled exhibit (or a
  generated stand-in when it does not validate) and on a generated 1,000-panel exhibit of
  4000×3000 PNGs; each as it starts every day (the exhibit unchanged since the last start,
  so its snapshot is used: see ``kiosk/exhibit/snapshot.py``) and "just edited" (no
  snapshot: the file is parsed and every picture's header read).

Every case keeps its own cache folder (Qt's compiled QML, the kiosk's snapshots) and is
started once unmeasured first, as an installed kiosk has started before; the cases are
then measured in turn, so a slow spell of a shared machine falls on all of them. The
target is a first frame within 1.3× the floor. The kiosk's sources are byte-compiled
first, as an installed kiosk has them (``--cold-bytecode``: not, so every run compiles
them). A last run under ``python -X importtime`` lists the imports before the first frame
that cost the most.

Wall-clock times on a shared machine are noisy (a whole run can shift by a fifth, and
the floor's own start varies between two speeds). ``--instructions`` also counts, once
per case under valgrind's callgrind, the instructions each process's GUI thread runs up
to its first frame: a figure that is the same from run to run, to compare changes by (it
leaves out waiting: disk, page faults, the kernel). It needs valgrind (Debian: ``valgrind``).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exhibits import CACHE, bundled_exhibit, large_exhibit
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
CHILD = SCRIPT.parent / "startup_child.py"
SNAPSHOTS = Path("exhibit-kiosk") / "snapshots"  # under the cache folder, see kiosk.paths
FIRST_FRAME_LINE = "BENCH-FIRST-FRAME"  # startup_child.py writes it to stderr
SIZE = (1920, 1080)
TARGET_RATIO = 1.3
KIOSK = 2  # the case the target is for: the kiosk on the bundled exhibit (after the floors)
PHASES = ("interpreter up", "imports done", "window shown", "first frame", "pictures in")
FLOOR_QML = """\
import QtQuick

Window {
    width: %(width)d; height: %(height)d
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
# The floor, with the words of the kiosk's welcome screen at its sizes (1920x1080, the
# fallback 24-inch screen) and in its fonts: the bundled exhibit's title, subtitle,
# invitation and the invitation's other language.
FLOOR_WORDS = (  # text, the FontLoader of its font, bold, pixel size, colour
    ("The Soviet Union and the United States", "serif", True, 81, "#f2efe8"),
    ("Rivals, allies and rivals again, 1917–1991", "sans", False, 36, "#b9b4aa"),
    ("Touch to explore", "sansBold", True, 37, "#f2efe8"),
    ("Коснитесь экрана, чтобы начать", "sans", False, 28, "#b9b4aa"),
)
FLOOR_WORDS_QML = FLOOR_QML.replace("    Image {", """\
    FontLoader { id: serif; source: "%(fonts)s/NotoSerif-Bold.ttf" }
    FontLoader { id: sans; source: "%(fonts)s/NotoSans-Regular.ttf" }
    FontLoader { id: sansBold; source: "%(fonts)s/NotoSans-Bold.ttf" }
    Image {""").rstrip().removesuffix("}") + """\
    Column {
        anchors.centerIn: parent
        spacing: 22
""" + "".join(f"""\
        Text {{
            text: "{text}"
            font {{ family: {font}.font.family; bold: {str(bold).lower()}; pixelSize: {size} }}
            color: "{colour}"
        }}
""" for text, font, bold, size, colour in FLOOR_WORDS) + """\
    }
}
"""


# --- the parent -------------------------------------------------------------------------

def screen_config() -> Path:
    """Qt's offscreen platform with one screen the size of the benchmarks' window."""
    config = CACHE / f"screen-{SIZE[0]}x{SIZE[1]}.json"
    if not config.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        config.write_text(json.dumps({"screens": [{
            "name": "bench", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1],
            "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    return config


def floor_scene(with_words: bool = False) -> Path:
    folder = CACHE / f"floor-{SIZE[0]}x{SIZE[1]}"
    qml = folder / ("FloorWords.qml" if with_words else "Floor.qml")
    if not (folder / "floor.png").exists():
        folder.mkdir(parents=True, exist_ok=True)
        import subprocess

        subprocess.run([sys.executable, str(SCRIPT.parent / "exhibits.py"), "--draw",
                        f"{SIZE[0]}x{SIZE[1]}", str(folder / "floor.png")], check=True)
    fonts = (SCRIPT.parent.parent / "assets" / "fonts").as_uri()
    values = {"width": SIZE[0], "height": SIZE[1], "fonts": fonts}
    qml.write_text((FLOOR_WORDS_QML if with_words else FLOOR_QML) % values, encoding="utf-8")
    return qml


@dataclass
class Case:
    label: str
    args: list[str]
    cache: Path  # the child's XDG cache: Qt's compiled QML, the kiosk's snapshots
    edited: bool = False  # the exhibit changed since the last start: no snapshot to use

    def run(self, env_extra: dict[str, str] | None = None, **options: Any) -> dict[str, Any]:
        if self.edited:
            shutil.rmtree(self.cache / SNAPSHOTS, ignore_errors=True)
        return run_child(CHILD, self.args, timeout=600, env={
            "XDG_CACHE_HOME": str(self.cache),
            # One 1920x1080 screen, which the kiosk fills as it does a gallery's.
            "QT_QPA_PLATFORM": f"offscreen:configfile={screen_config()}",
            **(env_extra or {})}, **options)


def measure(cases: list[Case], runs: int) -> list[dict[str, object]]:
    """``runs`` starts of each case, taken in turn (floor, kiosk, …, floor, kiosk, …), so
    that a slow spell of a shared machine falls on every case alike."""
    for case in cases:
        case.run()  # not measured: leaves what an installed kiosk has after its first start
    samples: dict[str, list[dict[str, float]]] = {case.label: [] for case in cases}
    for _ in range(runs):
        for case in cases:
            result = case.run()
            if result["first_frame_size"] != list(SIZE):
                raise RuntimeError(f"{case.label}: the first frame showed a window of "
                                   f"{result['first_frame_size']}, not {SIZE}: not a first "
                                   "frame of the kiosk as it is seen")
            spawned = result["spawned"]
            phases = {name: result["milestones"][name] - spawned
                      for name in PHASES if name in result["milestones"]}
            samples[case.label].append(phases)
            pictures = (f"{phases['pictures in'] * 1000:.0f} ms" if "pictures in" in phases
                        else f"not in after {result['pictures_timeout']:.0f} s")
            print(f"  {case.label}: first frame {phases['first frame'] * 1000:.0f} ms, "
                  f"pictures in {pictures}", flush=True)
    return [{"label": label, "runs": runs_of,
             **{name: describe([s[name] for s in runs_of]) for name in PHASES
                if all(name in s for s in runs_of)}}
            for label, runs_of in samples.items()]


def count_instructions(cases: list[Case]) -> dict[str, int]:
    """Instructions each case's GUI thread runs up to its first frame, under callgrind.

    The GUI thread only: it makes the first frame (software rendering renders there),
    while a picture decoding on a worker meanwhile (the floor's) runs on the other core."""
    counts = {}
    for case in cases:
        case.run()  # Qt's compiled QML and the snapshot in place, as for the timed runs
        with tempfile.TemporaryDirectory(prefix="kiosk-bench-callgrind-") as folder:
            out = Path(folder) / "callgrind"
            case.run(wrapper=("valgrind", "--tool=callgrind", "--separate-threads=yes",
                              f"--callgrind-out-file={out}"),
                     env_extra={"BENCH_FIRST_FRAME_ONLY": "1"})
            main_thread = out.with_name(out.name + "-01").read_text(encoding="utf-8")
        found = re.search(r"^totals: (\d+)", main_thread, re.MULTILINE)
        if found is None:
            raise RuntimeError(f"{case.label}: callgrind wrote no totals")
        counts[case.label] = int(found[1])
        print(f"  {case.label}: {counts[case.label] / 1e6:.0f} million instructions", flush=True)
    return counts


def import_profile(case: Case, top: int = 12) -> list[tuple[str, float, float]]:
    """(module, self ms, cumulative ms) of the costliest imports before the first frame."""
    stderr = case.run(python_flags=("-X", "importtime"))["stderr"]
    stderr = stderr.partition(FIRST_FRAME_LINE)[0]
    rows = []
    pattern = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
    for line in stderr.splitlines():
        found = pattern.match(line)
        if found:
            rows.append((found[4], int(found[1]) / 1000, int(found[2]) / 1000,
                         len(found[3])))
    total = sum(r[1] for r in rows)
    # Top-level imports (no indent) with their cumulative cost show where time goes; the
    # costliest single modules by their own time show what to defer.
    outer = sorted((r for r in rows if r[3] == 1), key=lambda r: -r[2])[:top // 2]
    inner = sorted((r for r in rows if r not in outer), key=lambda r: -r[1])[:top // 2]
    return [(f"(all {len(rows)} imports, self time summed)", total, total)] + [
        (name, self_ms, cumulative) for name, self_ms, cumulative, _ in outer + inner]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    parser.add_argument("--no-imports", action="store_true", help="skip the import profile")
    parser.add_argument("--cold-bytecode", action="store_true",
                        help="no byte-compiled kiosk: every run compiles its sources")
    parser.add_argument("--instructions", action="store_true",
                        help="also count each case's instructions to its first frame "
                             "(valgrind)")
    args = parser.parse_args(argv[1:])

    print(machine_note())
    print(forget_bytecode() if args.cold_bytecode else byte_compile())
    caches = Path(tempfile.mkdtemp(prefix="kiosk-bench-caches-"))
    cases = [Case("floor", ["floor", str(floor_scene())], caches / "floor"),
             Case("floor with words", ["floor", str(floor_scene(with_words=True))],
                  caches / "floor with words")]
    for exhibit in (bundled_exhibit(), large_exhibit()):
        if exhibit.note:
            print(f"note: {exhibit.note}")
        child_args = ["kiosk", str(exhibit.path)]
        cases += [Case(f"kiosk, {exhibit.name}", child_args, caches / exhibit.name),
                  Case(f"kiosk, {exhibit.name}, just edited", child_args,
                       caches / exhibit.name, edited=True)]
    try:
        results = measure(cases, args.runs)
        profile = [] if args.no_imports else import_profile(cases[KIOSK])
        if args.instructions:
            print("\nInstructions to the first frame (callgrind, one run each)")
            instructions = count_instructions([c for c in cases if "1,000" not in c.label])
        else:
            instructions = {}
    finally:
        shutil.rmtree(caches, ignore_errors=True)

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
    # Each kiosk start against the floor's start just before it: a slow spell of the
    # machine slows both, so the spread of these says how far the ratio can be trusted.
    floor_runs = [run["first frame"] for run in floor["runs"]]  # type: ignore[index, union-attr]
    for result in results[1:]:
        paired = [run["first frame"] / before for run, before in  # type: ignore[index]
                  zip(result["runs"], floor_runs, strict=True)]  # type: ignore[arg-type]
        result["paired ratio"] = describe(paired)
    print()
    print(f"Start-up to first frame, {args.runs} runs each (ms; target ≤ {TARGET_RATIO}× floor)")
    print(table(["case", "first frame median", "min", "÷ floor", "pictures in median", "min",
                 "÷ floor"], rows))

    phase_rows = []
    for result in results:
        medians = [result[name]["median"] if name in result else None  # type: ignore[index]
                   for name in PHASES]
        steps, previous = [], 0.0
        for value in medians:
            steps.append("" if value is None else f"+{(value - previous) * 1000:.0f}")
            previous = value if value is not None else previous
        phase_rows.append([result["label"], *steps])
    print()
    print("Each start ÷ the floor's start just before it (median, and the middle half)")
    print(table(["case", "median", "middle half"], [
        [result["label"], f"{result['paired ratio']['median']:.2f}×",  # type: ignore[index]
         f"{result['paired ratio']['q1']:.2f}× – {result['paired ratio']['q3']:.2f}×"]  # type: ignore[index]
        for result in results[1:]]))
    print()
    print("Where start-up goes (median ms since the previous milestone)")
    print(table(["case", *PHASES], phase_rows))

    if profile:
        print()
        print(f"Costliest imports before the first frame, {cases[KIOSK].label} "
              "(python -X importtime)")
        print(table(["module", "self ms", "cumulative ms"],
                    [[name, f"{s:.0f}", f"{c:.0f}"] for name, s, c in profile]))
    if instructions:
        print()
        print("Instructions to the first frame (millions; callgrind, the same from run to run)")
        floors = [instructions[case.label] for case in cases[:KIOSK]]
        print(table(["case", "instructions", "÷ floor", "÷ floor with words"], [
            [label, f"{count / 1e6:.0f}", f"{count / floors[0]:.2f}×",
             f"{count / floors[1]:.2f}×"] for label, count in instructions.items()]))
    save_json(args.json, {"results": results, "imports": profile,
                          "instructions": instructions})
    ratio = results[KIOSK]["ratio"]
    return 0 if isinstance(ratio, float) and ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
