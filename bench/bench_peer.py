"""The kiosk beside its usual alternative: Chromium in kiosk mode showing a TimelineJS page.

Run: ``python bench/bench_peer.py [--runs 3] [--rest 5] [--no-opengl] [--json FILE]``.

Both show the same content, the bundled exhibit (see ``peer/timelinejs.py`` for how it
becomes a TimelineJS 3.9.11 page, read with the kiosk's own loader), in a real X11
window, not Qt's offscreen platform: each start gets its own Xvfb screen of
1920×1080×24 with a window manager (matchbox, which makes both full screen; without one
Chromium leaves its window a pixel short of the screen). The machine has no GPU, so each
draws on the CPU with its own software renderer: the kiosk with Qt Quick's (as every
other benchmark here), Chromium with its software compositing (its own choice without a
GPU). The kiosk is also run on Qt's default renderer, OpenGL, which here is Mesa's
llvmpipe (a GPU emulated on the CPU): reported beside, not held to the targets
(``--no-opengl`` leaves it out). Several runs (``--runs``), the programs in turn; medians:

* first screen: from just before the process is spawned to the first frame that shows
  the first screen with its picture. The kiosk (``peer/kiosk_child.py``, the ``kiosk``
  command in kiosk mode) records ``time.monotonic()`` at the ``frameSwapped`` after the
  one where every visible picture was in (``bench_startup.py``'s "pictures in", one frame
  on, so the picture is surely in the frame that counts). Chromium
  (``peer/chromium.py``, driven over DevTools on a pipe) opens the page from its command
  line; a script in the page (``peer/page.js``) waits until the title slide is in place
  with its picture loaded and decoded, then two animation frames, and records the time;
* memory: PSS summed over every process of the program (Chromium's browser, GPU,
  renderer, utility and zygote processes; the kiosk's one), from ``/proc/PID/smaps_rollup``,
  ``--rest`` seconds after the first screen, and again after every page has been shown
  (the kiosk: ``nav.next()`` to its last page, animations off, each page's pictures in
  and drawn; Chromium: ``timeline.goToNext()`` to the last slide, each slide in place with
  its picture decoded and drawn). The X server's share (shared-memory images are counted
  half in it) is shown apart.

Targets: the kiosk's first screen within 0.25× Chromium's, and its PSS after every page
within 0.4× Chromium's. Chromium gets a profile folder of its own for the whole run (one
unmeasured start first, as for the kiosk's caches), every background service that goes
on the network switched off, and no host name resolves; the run fails if the page asked
for anything but ``file:`` URLs or any of its processes holds an internet socket.

Needs, from Debian: ``chromium``, ``xvfb``, ``matchbox-window-manager``. TimelineJS is
downloaded once from the npm registry into ``$TMPDIR/exhibit-kiosk-bench/``.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from exhibits import CACHE, bundled_exhibit
from peer.chromium import Chromium, find_chromium
from peer.timelinejs import VERSION, write_page
from runner import REPO, byte_compile, child_env, machine_note, save_json, table

HERE = Path(__file__).resolve().parent
KIOSK_CHILD = HERE / "peer" / "kiosk_child.py"
PREFIX = "BENCH-PEER "
SIZE = (1920, 1080)
FIRST_SCREEN_TARGET = 0.25
MEMORY_TARGET = 0.4
START_TIMEOUT_S = 180.0
VISIT_TIMEOUT_S = 1200.0
SLIDE_TIMEOUT_S = 120.0
NEEDED = {"Xvfb": "xvfb", "matchbox-window-manager": "matchbox-window-manager"}


# --- the screen ---------------------------------------------------------------------------

@contextmanager
def x_display(log: IO[bytes]) -> Iterator[tuple[str, int]]:
    """A fresh Xvfb screen with a window manager: (DISPLAY, the X server's pid)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{SIZE[0]}x{SIZE[1]}x24",
         "-nolisten", "tcp"], pass_fds=(write,), stdout=log, stderr=log,
        start_new_session=True)
    os.close(write)
    manager = None
    try:
        # Xvfb writes its display number once it accepts connections.
        if not select.select([read], [], [], 30)[0]:
            raise RuntimeError("Xvfb did not start")
        display = ":" + os.read(read, 64).decode().strip()
        manager = subprocess.Popen(
            ["matchbox-window-manager", "-use_titlebar", "no", "-use_cursor", "no"],
            env={**os.environ, "DISPLAY": display}, stdout=log, stderr=log,
            start_new_session=True)
        time.sleep(0.5)  # the manager has taken the screen before any window is mapped
        yield display, server.pid
    finally:
        os.close(read)
        for process in (manager, server):
            if process is not None:
                process.terminate()
                process.wait(10)


# --- processes and memory -----------------------------------------------------------------

def process_table() -> dict[int, tuple[int, int]]:
    """Every process: pid -> (parent pid, session id)."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rpartition(")")[2].split()
        except OSError:
            continue
        found[int(entry)] = (int(fields[1]), int(fields[3]))
    return found


def program_pids(root: int) -> list[int]:
    """``root`` and every process it started: its descendants, and anything left in its
    session (it was started in a session of its own), such as a helper that detached."""
    processes = process_table()
    pids = {pid for pid, (_, session) in processes.items() if session == root} | {root}
    grown = True
    while grown:
        children = {pid for pid, (parent, _) in processes.items() if parent in pids}
        grown = not children <= pids
        pids |= children
    return sorted(pid for pid in pids if pid in processes)


def pss_mb(pids: list[int]) -> float:
    """Proportional set size summed over ``pids``: shared pages counted once in all."""
    total_kb = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total_kb += int(line.split()[1])
                        break
        except OSError:  # ended meanwhile
            continue
    return total_kb / 1024


def internet_sockets(pids: list[int]) -> list[str]:
    """Internet sockets held by ``pids`` that face anything but this machine."""
    inodes = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = []
    for kind in ("tcp", "tcp6", "udp", "udp6"):
        try:
            with open(f"/proc/net/{kind}", encoding="ascii") as table_file:
                rows = table_file.read().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            remote, inode = fields[2], fields[9]
            if inode in inodes and not local_address(remote):
                found.append(f"{kind} {remote}")
    return found


def local_address(hex_address: str) -> bool:
    """An address of /proc/net/tcp (hex, host byte order per 32-bit word) that is
    unconnected or on this machine."""
    host = hex_address.partition(":")[0]
    raw = b"".join(int(host[i:i + 8], 16).to_bytes(4, sys.byteorder) for i in
                   range(0, len(host), 8))
    if not raw.strip(b"\0"):
        return True
    if len(raw) == 4:
        return raw[0] == 127
    address = socket.inet_ntop(socket.AF_INET6, raw)
    return address == "::1" or address.startswith("::ffff:127.")


def end_session(process: subprocess.Popen[Any]) -> None:
    """End the process and everything left in its session."""
    try:
        os.killpg(process.pid, 9)
    except ProcessLookupError:
        pass
    process.wait()


# --- the kiosk ----------------------------------------------------------------------------

def read_line(process: subprocess.Popen[str], kind: str, timeout: float) -> dict[str, Any]:
    """The child's next ``BENCH-PEER`` line, which must be of ``kind``."""
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not select.select([process.stdout], [], [], deadline - time.monotonic())[0]:
            break
        line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the kiosk ended (exit {process.wait()}) before {kind}")
        if line.startswith(PREFIX):
            got, _, payload = line[len(PREFIX):].partition(" ")
            result: dict[str, Any] = json.loads(payload)
            if got != kind:
                raise RuntimeError(f"the kiosk: {result.get('error', got)}")
            return result
    raise TimeoutError(f"the kiosk: no {kind} after {timeout:.0f} s")


def run_kiosk(exhibit: Path, cache: Path, rest: float, backend: str | None) -> dict[str, Any]:
    """One start of the kiosk; ``backend`` is Qt Quick's (None: Qt's default, OpenGL)."""
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-peer-") as temp, \
            open(Path(temp) / "log", "w+b") as log, x_display(log) as (display, server):
        env = child_env(Path(temp))
        env.pop("QT_QUICK_BACKEND", None)
        if backend is not None:
            env["QT_QUICK_BACKEND"] = backend
        env.update({"QT_QPA_PLATFORM": "xcb", "DISPLAY": display,
                    "XDG_CACHE_HOME": str(cache)})
        spawned = time.monotonic()
        process = subprocess.Popen([sys.executable, str(KIOSK_CHILD), str(exhibit)],
                                   env=env, cwd=REPO, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=log, text=True,
                                   start_new_session=True)
        try:
            first = read_line(process, "first-screen", START_TIMEOUT_S)
            time.sleep(rest)
            pids = program_pids(process.pid)
            at_rest, server_at_rest = pss_mb(pids), pss_mb([server])
            assert process.stdin is not None
            process.stdin.write("visit\n")
            process.stdin.flush()
            visited = read_line(process, "visited", VISIT_TIMEOUT_S)
            time.sleep(rest)
            pids = program_pids(process.pid)
            after, server_after = pss_mb(pids), pss_mb([server])
        except (RuntimeError, TimeoutError) as error:
            log.seek(0)
            tail = "\n".join(log.read().decode(errors="replace").splitlines()[-15:])
            raise RuntimeError(f"{error}\n{tail}") from None
        finally:
            end_session(process)
    if first["size"] != list(SIZE):
        raise RuntimeError(f"the kiosk's first frame was {first['size']}, not {SIZE}")
    marks = visited["milestones"]
    return {"first_screen": marks["first screen"] - spawned,
            "phases": {name: marks[name] - spawned for name in
                       ("interpreter up", "imports done", "first frame", "first screen")},
            "pss_rest": at_rest, "pss_visited": after, "processes": len(pids),
            "server_rest": server_at_rest, "server_visited": server_after,
            "shown": f"{visited['pages']} pages", "pictures": first["pictures"],
            "renderer": first["renderer"]}


# --- Chromium -----------------------------------------------------------------------------

def run_chromium(binary: str, page: Path, profile: Path, rest: float) -> dict[str, Any]:
    url = page.as_uri()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-peer-") as temp, \
            open(Path(temp) / "log", "w+b") as log, x_display(log) as (display, server):
        browser = Chromium(binary, url, profile, {**os.environ, "DISPLAY": display}, log)
        try:
            session = browser.page_session(url, START_TIMEOUT_S)
            first = browser.evaluate(session, "window.bench.firstPicture",
                                     START_TIMEOUT_S, retry=True)
            size = browser.evaluate(session, "window.bench.size()")
            paints = browser.evaluate(session, "window.bench.paints()")
            time.sleep(rest)
            pids = program_pids(browser.process.pid)
            at_rest, server_at_rest = pss_mb(pids), pss_mb([server])
            slides = browser.evaluate(session, "window.bench.slideCount()")
            for _ in range(slides - 1):
                browser.evaluate(session, "window.bench.next()", SLIDE_TIMEOUT_S)
            time.sleep(rest)
            pids = program_pids(browser.process.pid)
            after, server_after = pss_mb(pids), pss_mb([server])
            # Both list failed requests too, so a blocked fetch still shows here.
            loaded = browser.evaluate(session, "window.bench.resources()")
            tree = browser.call("Page.getResourceTree", {}, session)["frameTree"]
            loaded += [resource["url"] for resource in tree.get("resources", [])]
            remote = sorted({u for u in loaded if not u.startswith(("file:", "data:"))})
            sockets = internet_sockets(pids)
            gpu = browser.call("SystemInfo.getInfo")["gpu"].get("featureStatus", {})
        except Exception as error:
            log.seek(0)
            tail = "\n".join(line for line in log.read().decode(errors="replace").splitlines()
                             if "dbus" not in line)[-2000:]
            raise RuntimeError(f"Chromium: {error}\n{tail}") from None
        finally:
            browser.close()
            end_session(browser.process)
    if size[:2] != list(SIZE):
        raise RuntimeError(f"Chromium's page was {size[:2]}, not {SIZE}")
    if not first["picture"]:
        raise RuntimeError("the title slide has no picture to wait for")
    if remote or sockets:
        raise RuntimeError(f"Chromium went to the network: {remote + sockets}")
    spawned = browser.spawned_wall  # the page's times are wall-clock milliseconds
    return {"first_screen": first["at"] / 1000 - spawned,
            "phases": {name: paints[key] / 1000 - spawned for name, key in
                       (("navigation start", "origin"), ("first paint", "first-paint"))
                       if key in paints} | {"first screen": first["at"] / 1000 - spawned},
            "pss_rest": at_rest, "pss_visited": after, "processes": len(pids),
            "server_rest": server_at_rest, "server_visited": server_after,
            "shown": f"{slides} slides",
            "renderer": f"compositing: {gpu_status(gpu, 'gpu_compositing')}, "
                        f"raster: {gpu_status(gpu, 'rasterization')}"}


def gpu_status(features: dict[str, str], name: str) -> str:
    """Chromium's word for a feature (chrome://gpu) in short: on the GPU or in software."""
    status = features.get(name, "unknown")
    return {"enabled": "GPU", "disabled_software": "software"}.get(status, status)


# --- the comparison -----------------------------------------------------------------------

KIOSK, KIOSK_OPENGL, PEER = "kiosk", "kiosk, OpenGL", "Chromium + TimelineJS"


def missing_tools(chromium: str | None) -> list[str]:
    packages = [package for tool, package in NEEDED.items() if shutil.which(tool) is None]
    return packages + ([] if chromium else ["chromium"])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rest", type=float, default=5.0,
                        help="seconds to wait before each memory reading")
    parser.add_argument("--no-opengl", action="store_true",
                        help="leave out the kiosk on Qt's default renderer (OpenGL)")
    parser.add_argument("--json", type=Path, default=None, help="also write figures here")
    args = parser.parse_args(argv[1:])
    chromium = find_chromium()
    missing = missing_tools(chromium)
    if missing or chromium is None:
        print(f"needs: sudo apt-get install -y {' '.join(missing)}", file=sys.stderr)
        return 2
    print(machine_note().replace("offscreen, software rendering", "Xvfb, no GPU"))
    print(byte_compile())
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True,
                             env={**os.environ, "DISPLAY": ""}).stdout.strip()
    exhibit = bundled_exhibit()
    if exhibit.note:
        print(f"note: {exhibit.note}")
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-peer-"))
    try:
        page = write_page(exhibit.path, CACHE, work / "page")
        print(f"{version}; TimelineJS {VERSION}; page {page}")
        cases: dict[str, Callable[[], dict[str, Any]]] = {
            KIOSK: lambda: run_kiosk(exhibit.path, work / "kiosk", args.rest, "software"),
            KIOSK_OPENGL: lambda: run_kiosk(exhibit.path, work / "kiosk-opengl", args.rest,
                                            None),
            PEER: lambda: run_chromium(chromium, page, work / "profile", args.rest),
        }
        if args.no_opengl:
            del cases[KIOSK_OPENGL]
        for case in cases.values():
            case()  # not measured: caches and profile in place, files in the page cache
        runs: dict[str, list[dict[str, Any]]] = {label: [] for label in cases}
        for number in range(1, args.runs + 1):
            for label, case in cases.items():
                result = case()
                runs[label].append(result)
                print(f"  run {number}, {label}: first screen "
                      f"{result['first_screen'] * 1000:.0f} ms, PSS {result['pss_rest']:.0f} "
                      f"MB at rest, {result['pss_visited']:.0f} MB after {result['shown']}",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report(runs, args, version, exhibit.name)


def median(results: list[dict[str, Any]], key: str) -> float:
    return statistics.median(result[key] for result in results)


def median_phase(results: list[dict[str, Any]], name: str) -> float:
    return statistics.median(result["phases"][name] for result in results)


def cell(results: list[dict[str, Any]], key: str, scale: float = 1) -> str:
    """Median (min–max) of ``key`` over the runs."""
    values = [result[key] * scale for result in results]
    return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"


def report(runs: dict[str, list[dict[str, Any]]], args: argparse.Namespace, version: str,
           exhibit: str) -> int:
    for results in runs.values():
        for result in results:
            result["pss_visited_with_server"] = result["pss_visited"] + result["server_visited"]
    kiosks = [label for label in runs if label != PEER]
    peer = runs[PEER]
    ratios = {label: {key: median(runs[label], key) / median(peer, key) for key in
                      ("first_screen", "pss_rest", "pss_visited", "pss_visited_with_server")}
              for label in kiosks}
    targets = {"first_screen": FIRST_SCREEN_TARGET, "pss_visited": MEMORY_TARGET}
    measures = [
        ("first screen with its picture, ms", "first_screen", 1000),
        (f"PSS {args.rest:g} s after the first screen, MB", "pss_rest", 1),
        ("PSS after every page, MB", "pss_visited", 1),
        ("PSS after every page with the X server's, MB", "pss_visited_with_server", 1),
    ]
    rows = [[name, *(cell(results, key, scale) for results in runs.values()),
             *(f"{ratios[label][key]:.2f}×" for label in kiosks),
             f"≤ {targets[key]}×" if key in targets else ""]
            for name, key, scale in measures]
    blank = [""] * (len(kiosks) + 1)
    rows += [["shown", *(results[0]["shown"] for results in runs.values()), *blank],
             ["processes", *(results[0]["processes"] for results in runs.values()), *blank],
             ["rendering", *(results[0]["renderer"] for results in runs.values()), *blank]]
    print()
    print(f"The {exhibit} exhibit: the kiosk and {version} with TimelineJS {VERSION}, each "
          f"start on its own Xvfb {SIZE[0]}×{SIZE[1]}; median (min–max) of {args.runs} runs")
    print(table(["measure", *runs, *(f"{label} ÷ Chromium" for label in kiosks), "target"],
                rows))
    print()
    print("Where the first screen's time goes (median ms since the process was spawned)")
    print(table(["program", "milestones"], [
        [label, ", ".join(f"{name} {median_phase(results, name) * 1000:.0f}"
                          for name in results[0]["phases"])]
        for label, results in runs.items()]))
    print()
    # Each start against Chromium's in the same round: a slow spell of the machine slows
    # both, so the spread of these says how far the ratio of medians can be trusted.
    paired = {label: [k["first_screen"] / c["first_screen"]
                      for k, c in zip(runs[label], peer, strict=True)] for label in kiosks}
    for label, values in paired.items():
        print(f"first screen, each {label} start ÷ Chromium's in the same round: median "
              f"{statistics.median(values):.2f}× ({min(values):.2f}×–{max(values):.2f}×)")
    passed = True
    for key, target in targets.items():
        ratio = ratios[KIOSK][key]
        passed = passed and ratio <= target
        name = "first screen" if key == "first_screen" else "PSS after every page"
        print(f"{'PASS' if ratio <= target else 'FAIL'}: {name}, kiosk {ratio:.3f}× "
              f"Chromium's (target ≤ {target}×)")
    if KIOSK_OPENGL in ratios:
        print(f"(not a target: the kiosk on Qt's default renderer, OpenGL, "
              f"{ratios[KIOSK_OPENGL]['first_screen']:.2f}× and "
              f"{ratios[KIOSK_OPENGL]['pss_visited']:.2f}×)")
    save_json(args.json, {"exhibit": exhibit, "chromium": version, "timelinejs": VERSION,
                          "runs": runs, "ratios": ratios, "paired_first_screen": paired,
                          "passed": passed})
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
