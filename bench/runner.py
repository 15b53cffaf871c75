"""The parent side of the benchmarks: one fresh process per measurement, and the figures.

No Qt here: every measurement runs in a child with nothing shared (no warm caches, no
imported modules), offscreen with Qt Quick's software renderer, and private data folders
so the machine's own kiosk log and visitor log are never touched.
"""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from harness import RESULT_PREFIX

REPO = Path(__file__).resolve().parent.parent
# Qt's compiled QML and the kiosk's exhibit snapshots, kept between runs as an installed
# kiosk keeps them, but never in the cache folder of whoever runs the benchmarks.
CHILD_CACHE = Path(tempfile.gettempdir()) / "exhibit-kiosk-bench" / "xdg-cache"


def child_env(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update({
        "QT_QPA_PLATFORM": "offscreen",
        "QT_QUICK_BACKEND": "software",
        "QT_ENABLE_HIGHDPI_SCALING": "0",
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "XDG_CACHE_HOME": str(CHILD_CACHE),
        "BENCH_WORKDIR": str(workdir),
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    # The kiosk package from this checkout, wherever the script is started from.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def run_child(script: Path, args: Sequence[str], *, timeout: float = 600,
              python_flags: Sequence[str] = (), wrapper: Sequence[str] = (),
              env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run ``script --child ARGS`` in a fresh interpreter; its result, with ``spawned`` set
    to the moment just before the process was started (same clock as its milestones).
    ``env`` is added to the child's environment (e.g. a cache folder kept between runs);
    ``wrapper`` runs the interpreter under another program (e.g. valgrind)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as temp:
        command = [*wrapper, sys.executable, *python_flags, str(script), "--child", *args]
        environment = {**child_env(Path(temp)), **(env or {})}
        spawned = time.monotonic()
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              env=environment, cwd=REPO)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"{script.name} {' '.join(args)} exited {done.returncode} "
                           f"without a result:\n{tail}")
    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_PREFIX):])
    if "error" in result:
        raise RuntimeError(f"{script.name} {' '.join(args)}: {result['error']}")
    result["spawned"] = spawned
    result["stderr"] = done.stderr
    return result


def byte_compile() -> str:
    """Byte-compile the kiosk (and these scripts) as installing a wheel does.

    The children run with ``PYTHONDONTWRITEBYTECODE`` so that no run leaves anything for
    the next; without this, every run would compile the kiosk's sources from scratch,
    which an installed kiosk never does (pip compiles at install, and a source checkout
    keeps what its first run wrote). The standard library, PySide and PyYAML come
    compiled already, for the floor and the kiosk alike. Returns a note for the output.
    """
    import compileall

    for folder in ("kiosk", "bench"):
        compileall.compile_dir(REPO / folder, quiet=1)
    return "Python sources byte-compiled first, as an installed kiosk has them."


def forget_bytecode() -> str:
    """Remove what :func:`byte_compile` wrote, so that every run compiles the kiosk."""
    import shutil

    for folder in ("kiosk", "bench"):
        for cache in (REPO / folder).rglob("__pycache__"):
            shutil.rmtree(cache, ignore_errors=True)
    return "Python sources not compiled: every run compiles the kiosk's modules."


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with ``share`` of them at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def describe(values: Sequence[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "q1": percentile(values, 0.25), "q3": percentile(values, 0.75),
            "p95": percentile(values, 0.95), "n": len(values)}


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A Markdown table, ready to paste into the README."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"

    rule = "| " + " | ".join("-" * w for w in widths) + " |"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def save_json(path: Path | None, data: Any) -> None:
    if path is not None:
        path.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")


def machine_note() -> str:
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the start; offscreen, "
            "software rendering. Other work on the machine makes the figures noisy.")
