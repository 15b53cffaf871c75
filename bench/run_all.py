"""Every kiosk benchmark in turn, then one summary table.

Run: ``python bench/run_all.py [--quick] [--json FILE]``.

Each benchmark prints its own detailed tables as it goes; the summary at the end is the
one to paste into ``bench/README.md``. ``--quick`` cuts the repetitions (2 start-ups,
10 turns, 200 pages, 10 s of attract loop) for a first look; the full run takes about
half an hour, most of it visiting the 1,000-panel exhibit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from runner import machine_note, table

HERE = Path(__file__).resolve().parent


def run(script: str, args: list[str], out: Path) -> Any:
    """Run one benchmark (its output straight to the console); its figures, or None."""
    print(f"\n=== {script} {' '.join(args)}", flush=True)
    done = subprocess.run([sys.executable, str(HERE / script), *args, "--json", str(out)])
    if not out.exists():
        print(f"{script} failed (exit {done.returncode}); left out of the summary")
        return None
    return json.loads(out.read_text(encoding="utf-8"))


def ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, default=None, help="also write all figures here")
    args = parser.parse_args(argv[1:])
    quick = args.quick
    note = machine_note()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        startup = run("bench_startup.py", ["--runs", "2" if quick else "5"],
                      folder / "startup.json")
        latency = run("bench_latency.py", ["--turns", "10" if quick else "50"],
                      folder / "latency.json")
        memory = run("bench_memory.py", ["--pages", "200"] if quick else [],
                     folder / "memory.json")
        attract = run("bench_attract.py", ["--seconds", "10" if quick else "20"],
                      folder / "attract.json")

    print("\n=== Summary")
    print(note)
    print(summary(startup, latency, memory, attract))
    if args.json:
        args.json.write_text(json.dumps({"startup": startup, "latency": latency,
                                         "memory": memory, "attract": attract},
                                        indent=2) + "\n", encoding="utf-8")
    return 0 if all(part is not None for part in (startup, latency, memory, attract)) else 1


def summary(startup: Any, latency: Any, memory: Any, attract: Any) -> str:
    """One table of the headline figures from each benchmark's ``--json`` output."""
    rows: list[list[str]] = []
    if startup:
        results = startup["results"]
        for result in results:
            pictures = result.get("pictures in")
            rows.append([f"start-up to first frame: {result['label']}",
                         f"{ms(result['first frame']['median'])} (min "
                         f"{ms(result['first frame']['min'])})"
                         + (f"; ×{result['ratio']:.2f} floor" if result is not results[0]
                            else ""),
                         f"pictures in {ms(pictures['median'])}" if pictures
                         else "pictures not in within 60 s"])
    for result in latency or []:
        rows.append([f"next panel: {result['exhibit']}, {result['gesture']}, animations "
                     f"{'on' if result['animate'] else 'off'}",
                     f"median {ms(result['in_place']['median'])}, p95 "
                     f"{ms(result['in_place']['p95'])}",
                     f"first frame median {ms(result['first_frame']['median'])}"])
    for result in memory or []:
        rows.append([f"peak memory: {result['exhibit']}, {result['pages']} pages",
                     f"{result['max_rss_mb']:.0f} MB peak RSS",
                     f"{result['final']['VmRSS']:.0f} MB at the end"])
    for result in attract or []:
        rows.append([f"welcome screen, attract loop {'on' if result['animate'] else 'off'}",
                     f"{result['cpu_percent']:.0f}% CPU", f"{result['fps']:.1f} frames/s"])
    return table(["measure", "figure", "also"], rows)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
