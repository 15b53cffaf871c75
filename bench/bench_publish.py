"""From `kiosk publish` on the curator's machine to the release live on every kiosk.

Run: ``python bench/bench_publish.py [--kiosks 10] [--exhibits bundled|large|both]
[--size-gb 1] [--watcher-delay-s 1] [--json FILE]``.

One curator and ``--kiosks`` kiosks, each a real Syncthing on this machine (127.0.0.1
only, every outside connection off; ``tests/helpers/syncthing.py``), the curator's
publish folder send-only and each kiosk's incoming folder receive-only, with the ignore
patterns of ``deploy/syncthing/content.stignore``. No kiosk windows: each kiosk is its
release store (``kiosk.content.store.ReleaseStore``), checked by a thread of its own every
0.1 s as the kiosk's watcher checks it. The clock starts just before ``python -m kiosk
publish EXHIBIT_DIR --to FOLDER`` is spawned; a kiosk is live when its store has adopted
the release the command printed (``published <id>``): every file there, its SHA-256
checked, copied into the store, the exhibit validated, the ``current`` link switched.

Syncthing finds the new files by watching the folder (``--watcher-delay-s``); no rescan
is asked for. Syncthing's own default delay is 10 s: with it, add about 9 s to each figure.

Exhibits: the bundled one (``exhibit.yaml`` and ``assets/``), and a "large" one of about
``--size-gb``: the bundled exhibit with every picture it shows padded with a private PNG
chunk of random bytes (still a valid PNG; random, so neither Syncthing nor the disk can
compress or deduplicate it). It is written to a temporary folder and deleted afterwards;
so are the kiosks' copies (about 2 × kiosks × size on disk).

On one machine every kiosk shares the same cores and disk, so the spread between the
first and the last kiosk is mostly queueing here, not network.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from runner import REPO, child_env, save_json, table

sys.path.insert(0, str(REPO))  # tests.helpers, beside the kiosk package

from kiosk.content.publish import exhibit_files  # noqa: E402
from kiosk.content.store import ReleaseStore  # noqa: E402
from tests.helpers.syncthing import (  # noqa: E402
    SYNCTHING,
    Syncthing,
    pair,
    start_all,
    stop_all,
)

CONTENT = "exhibit-releases"
IGNORES = REPO / "deploy" / "syncthing" / "content.stignore"
POLL_S = 0.1
PUBLISH_TIMEOUT_S = 600.0
LIVE_TIMEOUT_S = 1800.0
PAD_CHUNK = b"prVt"  # private, ancillary, safe to copy: decoders skip it
HEADERS = ("exhibit", "size", "files", "publish", "first kiosk live", "last kiosk live")


@dataclass
class Result:
    exhibit: str
    size_bytes: int
    files: int
    publish_s: float
    live_s: list[float]

    def row(self) -> list[str]:
        return [self.exhibit, f"{self.size_bytes / 1e6:,.0f} MB", str(self.files),
                f"{self.publish_s:.1f} s", f"{min(self.live_s):.1f} s",
                f"{max(self.live_s):.1f} s"]


# --- the exhibits ---------------------------------------------------------------------------

def copy_bundled(target: Path) -> Path:
    """The bundled exhibit's files (only those it shows) copied to ``target``."""
    for source in exhibit_files(REPO):
        destination = target / source.resolve().relative_to(REPO)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    return target


def pad_png(path: Path, extra: int) -> None:
    """Add ``extra`` random bytes to a PNG as a private chunk before IEND."""
    data = path.read_bytes()
    end = data.rindex(b"IEND") - 4
    padding = os.urandom(extra)
    chunk = (struct.pack(">I", len(padding)) + PAD_CHUNK + padding
             + struct.pack(">I", zlib.crc32(PAD_CHUNK + padding)))
    path.write_bytes(data[:end] + chunk + data[end:])


def make_large(target: Path, size_bytes: int) -> Path:
    """The bundled exhibit, its pictures padded to ``size_bytes`` in all."""
    copy_bundled(target)
    pictures = [p for p in exhibit_files(target) if p.suffix.lower() == ".png"]
    have = sum(p.stat().st_size for p in exhibit_files(target))
    extra = max(0, size_bytes - have - len(pictures) * 12) // max(1, len(pictures))
    for picture in pictures:
        pad_png(picture, extra)
    return target


def describe(exhibit_dir: Path) -> tuple[int, int]:
    files = exhibit_files(exhibit_dir)
    return sum(f.stat().st_size for f in files), len(files)


# --- the gallery ------------------------------------------------------------------------------

@dataclass
class Kiosk:
    syncthing: Syncthing
    incoming: Path
    store: ReleaseStore


def build_gallery(root: Path, kiosks: int, watcher_delay_s: int
                  ) -> tuple[Syncthing, Path, list[Kiosk]]:
    ignores = IGNORES.read_text(encoding="utf-8").splitlines()
    curator = Syncthing(root / "curator" / "syncthing", "curator")
    outbox = root / "curator" / "publish"
    built = [Kiosk(Syncthing(root / f"kiosk-{n}" / "syncthing", f"kiosk-{n}"),
                   root / f"kiosk-{n}" / "incoming",
                   ReleaseStore(root / f"kiosk-{n}" / "store"))
             for n in range(1, kiosks + 1)]
    start_all([curator, *(k.syncthing for k in built)], timeout_s=120)
    for kiosk in built:
        pair(curator, kiosk.syncthing)
    # 3600 s: Syncthing's default; the watcher is what notices a publish.
    curator.add_folder(CONTENT, outbox, "sendonly", [k.syncthing for k in built], ignores,
                       rescan_s=3600, watcher_delay_s=watcher_delay_s)
    for kiosk in built:
        kiosk.syncthing.add_folder(CONTENT, kiosk.incoming, "receiveonly", [curator], ignores,
                                   rescan_s=3600, watcher_delay_s=watcher_delay_s)
    curator.wait_synced(CONTENT, timeout_s=120)  # every kiosk has the (empty) folder
    return curator, outbox, built


# --- one measurement ---------------------------------------------------------------------------

def watch(kiosk: Kiosk, release: str, started: float, live: dict[str, float],
          stop: threading.Event) -> None:
    """Check the kiosk's store as its watcher does, until the release is live."""
    while not stop.is_set():
        kiosk.store.check(kiosk.incoming)
        if kiosk.store.current == release:
            live[kiosk.syncthing.name] = time.monotonic() - started
            return
        stop.wait(POLL_S)


def publish_and_wait(name: str, exhibit_dir: Path, outbox: Path, kiosks: list[Kiosk],
                     workdir: Path) -> Result:
    size, files = describe(exhibit_dir)
    command = [sys.executable, "-m", "kiosk", "publish", str(exhibit_dir), "--to", str(outbox),
               "--by", "bench"]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO,
                          env=child_env(workdir), timeout=PUBLISH_TIMEOUT_S)
    publish_s = time.monotonic() - started
    last = (done.stdout.strip().splitlines() or [""])[-1]
    if done.returncode != 0 or not last.startswith("published "):
        raise RuntimeError(f"kiosk publish failed ({done.returncode}):\n{done.stdout}\n"
                           f"{done.stderr}")
    release = last.split()[1]
    live: dict[str, float] = {}
    stop = threading.Event()
    watchers = [threading.Thread(target=watch, args=(k, release, started, live, stop))
                for k in kiosks]
    for watcher in watchers:
        watcher.start()
    deadline = started + LIVE_TIMEOUT_S
    for watcher in watchers:
        watcher.join(max(0.0, deadline - time.monotonic()))
    stop.set()
    missing = sorted(k.syncthing.name for k in kiosks if k.syncthing.name not in live)
    if missing:
        raise RuntimeError(f"release {release} not live within {LIVE_TIMEOUT_S:.0f} s on "
                           f"{', '.join(missing)}")
    return Result(name, size, files, publish_s, sorted(live.values()))


def machine_note() -> str:
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs, load average {load[0]:.2f} at the start; every "
            "Syncthing and every kiosk's store on this one machine and disk.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kiosks", type=int, default=10)
    parser.add_argument("--exhibits", choices=("bundled", "large", "both"), default="both")
    parser.add_argument("--size-gb", type=float, default=1.0, help="the large exhibit's size")
    parser.add_argument("--watcher-delay-s", type=int, default=1,
                        help="Syncthing's fsWatcherDelayS (its default: 10)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv[1:])
    if not Path(SYNCTHING).exists():
        print(f"needs Syncthing at {SYNCTHING} (Debian package syncthing)", file=sys.stderr)
        return 1
    note = machine_note()
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-publish-") as temp:
        root = Path(temp)
        curator, outbox, kiosks = build_gallery(root, args.kiosks, args.watcher_delay_s)
        try:
            if args.exhibits in ("bundled", "both"):
                results.append(publish_and_wait("bundled", REPO, outbox, kiosks,
                                                root / "work-bundled"))
                print(table(HEADERS, [results[-1].row()]), flush=True)
            if args.exhibits in ("large", "both"):
                large = make_large(root / "large-exhibit", int(args.size_gb * 1e9))
                results.append(publish_and_wait(f"large ({args.size_gb:g} GB)", large, outbox,
                                                kiosks, root / "work-large"))
                print(table(HEADERS, [results[-1].row()]), flush=True)
        finally:
            stop_all([curator, *(k.syncthing for k in kiosks)])
    print(f"\n{note}\n{args.kiosks} kiosks, Syncthing {syncthing_version()}, watcher delay "
          f"{args.watcher_delay_s} s; times from spawning `kiosk publish`.\n")
    print(table(HEADERS, [result.row() for result in results]))
    save_json(args.json, {"note": note, "kiosks": args.kiosks,
                          "watcher_delay_s": args.watcher_delay_s,
                          "results": [result.__dict__ for result in results]})
    return 0


def syncthing_version() -> str:
    done = subprocess.run([SYNCTHING, "--version"], capture_output=True, text=True)
    parts = done.stdout.split()
    return parts[1] if len(parts) > 1 else "?"


if __name__ == "__main__":
    sys.exit(main(sys.argv))
