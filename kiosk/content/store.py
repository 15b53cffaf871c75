"""A kiosk's own store of releases, and the switch that puts one on screen.

``ROOT`` (``~/.local/share/exhibit-kiosk/content`` on a kiosk) has ``releases/<release>/``
for each adopted release, copied from the incoming folder (a sync tool may delete or
rewrite that folder; the store is the kiosk's alone).
``ROOT/current`` is a symbolic link to the release shown, replaced in one rename, so the
kiosk reads either the old exhibit or the new one, never a mixture. ``ROOT/state.json``
remembers the order of adoption (for rollback), the releases refused and the ones rolled
back (neither is adopted again). Several processes may use one store (the kiosk, and
`kiosk rollback` from a terminal): every change holds a lock.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TextIO

from kiosk.content.manifest import (
    EXHIBIT_NAME,
    ID_PATTERN,
    MANIFEST_NAME,
    RELEASES,
    Manifest,
    ManifestError,
    file_digest,
    read_manifest,
)
from kiosk.content.verify import Incomplete, verify_release

log = logging.getLogger(__name__)

DEFAULT_KEEP = 5
STORE = "content"  # the store's folder in the kiosk's data folder
CURRENT = "current"
STATE = "state.json"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What :meth:`ReleaseStore.check` did with one incoming release."""

    release: str
    result: Literal["adopted", "refused", "waiting"]
    messages: tuple[str, ...] = ()
    manifest: Manifest | None = None


@dataclass
class _State:
    history: list[str] = field(default_factory=list)  # adopted, oldest first
    refused: dict[str, list[str]] = field(default_factory=dict)
    withdrawn: list[str] = field(default_factory=list)  # rolled back: not adopted again


class ReleaseStore:
    """The releases kept at ``root``: the ``keep`` most recently adopted stay."""

    def __init__(self, root: Path, keep: int = DEFAULT_KEEP) -> None:
        self.root = root
        self.keep = max(2, keep)  # the current one and one to roll back to

    @property
    def current(self) -> str | None:
        """The release shown, or None before the first."""
        try:
            name = os.readlink(self.root / CURRENT)
        except OSError:
            return None
        release = Path(name).name
        return release if ID_PATTERN.fullmatch(release) else None

    @property
    def current_exhibit(self) -> Path:
        """The exhibit file of the release shown, through the ``current`` link (the path
        stays the same when the release changes)."""
        return self.root / CURRENT / EXHIBIT_NAME

    def releases(self) -> list[str]:
        """The adopted releases still kept, oldest first."""
        with self._locked():
            state = self._state()
        return [r for r in state.history if (self.root / RELEASES / r).is_dir()]

    def check(self, incoming: Path) -> list[Outcome]:
        """Adopt the newest complete, valid release in ``incoming/releases`` that is not
        shown, refused or rolled back. Returns what happened to each release looked at:
        the newest first; older ones only while newer ones are still arriving."""
        outcomes: list[Outcome] = []
        with self._locked():
            state = self._state()
            for folder, manifest in _newest_first(incoming / RELEASES):
                release = folder.name
                if release in state.refused or release in state.withdrawn:
                    continue
                if release == self.current or release in state.history:
                    break  # shown now, or adopted before: nothing newer is complete
                outcome = self._adopt(folder, manifest, state)
                outcomes.append(outcome)
                if outcome.result != "waiting":
                    break
            self._save(state)
        return outcomes

    def adopt_folder(self, folder: Path) -> Outcome:
        """Adopt the release in ``folder`` now (a kiosk's first exhibit, from its own
        copy), complete and valid or not at all."""
        with self._locked():
            state = self._state()
            try:
                manifest = read_manifest(folder / MANIFEST_NAME)
            except ManifestError as error:
                return Outcome(folder.name, "refused", (str(error),))
            outcome = self._adopt(folder, manifest, state)
            self._save(state)
        return outcome

    def rollback(self) -> tuple[str, str]:
        """Show the release adopted before the current one again; the current one is not
        adopted again. Returns (from, to); raises LookupError when there is none."""
        with self._locked():
            state = self._state()
            current = self.current
            kept = [r for r in state.history if (self.root / RELEASES / r).is_dir()]
            earlier = kept[:kept.index(current)] if current in kept else kept
            if current is None or not earlier:
                raise LookupError("there is no earlier release kept to go back to")
            previous = earlier[-1]
            self._switch(previous)
            state.withdrawn.append(current)
            state.history = [r for r in state.history if r not in (current, previous)]
            state.history.append(previous)
            self._save(state)
        log.info("rolled back from release %s to %s", current, previous)
        return current, previous

    # --- inside the lock ---------------------------------------------------------------

    def _adopt(self, folder: Path, manifest: Manifest, state: _State) -> Outcome:
        release = manifest.release
        try:
            verify_release(folder)
        except (Incomplete, ManifestError) as error:
            return Outcome(release, "waiting", (str(error),), manifest)
        staging = self.root / RELEASES / f".{release}.incoming"
        shutil.rmtree(staging, ignore_errors=True)
        try:
            _copy_checked(folder, staging, manifest)
        except (Incomplete, OSError) as error:
            shutil.rmtree(staging, ignore_errors=True)
            return Outcome(release, "waiting", (str(error),), manifest)
        # guard: release-validated-on-the-kiosk
        problems = _exhibit_errors(staging / EXHIBIT_NAME, release)
        if problems:
            shutil.rmtree(staging, ignore_errors=True)
            state.refused[release] = list(problems)
            log.warning("release %s refused; the kiosk keeps what it shows:\n%s", release,
                        "\n".join(problems))
            return Outcome(release, "refused", problems, manifest)
        target = self.root / RELEASES / release
        shutil.rmtree(target, ignore_errors=True)
        os.replace(staging, target)
        self._switch(release)
        state.history = [r for r in state.history if r != release] + [release]
        self._prune(state)
        log.info("release %s adopted (published by %s at %s)", release, manifest.published_by,
                 manifest.published_at.isoformat())
        return Outcome(release, "adopted", (), manifest)

    def _switch(self, release: str) -> None:
        link = self.root / CURRENT
        temporary = self.root / f".{CURRENT}.new"
        temporary.unlink(missing_ok=True)
        os.symlink(Path(RELEASES) / release, temporary)  # relative: the store may move
        os.replace(temporary, link)

    def _prune(self, state: _State) -> None:
        current = self.current
        keep = set(state.history[-self.keep:]) | ({current} if current else set())
        for folder in (self.root / RELEASES).iterdir():
            if folder.is_dir() and ID_PATTERN.fullmatch(folder.name) and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)
        state.history = [r for r in state.history if r in keep]

    def _state(self) -> _State:
        try:
            raw = json.loads((self.root / STATE).read_text(encoding="utf-8"))
            return _State(list(raw["history"]), dict(raw["refused"]), list(raw["withdrawn"]))
        except (OSError, ValueError, KeyError, TypeError):
            return _State()  # none yet, or damaged: the releases themselves are still there

    def _save(self, state: _State) -> None:
        temporary = self.root / f".{STATE}.new"
        temporary.write_text(json.dumps({"history": state.history, "refused": state.refused,
                                         "withdrawn": state.withdrawn}, indent=2) + "\n",
                             encoding="utf-8")
        os.replace(temporary, self.root / STATE)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        (self.root / RELEASES).mkdir(parents=True, exist_ok=True)
        with open(self.root / ".lock", "a+b") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield


def _newest_first(releases: Path) -> list[tuple[Path, Manifest]]:
    """The releases in ``releases`` whose manifest has arrived, newest published first."""
    found = []
    try:
        folders = [f for f in releases.iterdir() if ID_PATTERN.fullmatch(f.name) and f.is_dir()]
    except OSError:
        return []
    for folder in folders:
        try:
            found.append((folder, read_manifest(folder / MANIFEST_NAME)))
        except ManifestError:
            continue  # its manifest has not arrived yet (it comes last)
    found.sort(key=lambda pair: (pair[1].published_at, pair[0].name), reverse=True)
    return found


def _copy_checked(folder: Path, target: Path, manifest: Manifest) -> None:
    """Copy the release into ``target``, checking each copy against the manifest (the
    incoming folder may change while it is copied)."""
    for entry in manifest.files:
        destination = target / entry.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(folder / entry.path, destination)
        if file_digest(destination) != (entry.size, entry.sha256):
            raise Incomplete(f"{entry.path} changed while it was copied")
    shutil.copyfile(folder / MANIFEST_NAME, target / MANIFEST_NAME)


def _exhibit_errors(exhibit: Path, release: str) -> tuple[str, ...]:
    """The validator's errors for the release's exhibit, checked on this kiosk, each naming
    the file as ``RELEASE/exhibit.yaml`` (not the copy's temporary folder)."""
    from kiosk.exhibit.load import load_exhibit

    result = load_exhibit(exhibit)
    if result.exhibit is not None:
        return ()
    return tuple(str(replace(d, file=f"{release}/{EXHIBIT_NAME}") if d.file == str(exhibit)
                     else d) for d in result.errors)


def rollback_command(root: Path, stdout: TextIO, stderr: TextIO) -> int:
    """`kiosk rollback`: the kiosk's store at ``root`` goes back one release."""
    store = ReleaseStore(root)
    try:
        withdrawn, shown = store.rollback()
    except LookupError as error:
        print(f"kiosk rollback: {error} (in {root})", file=stderr)
        return 1
    except OSError as error:
        print(f"kiosk rollback: cannot change {root}: {error.strerror or error}; run it as "
              "the kiosk's account (sudo -u ACCOUNT kiosk rollback)", file=stderr)
        return 1
    print(f"Back to release {shown}; release {withdrawn} is withdrawn on this kiosk and not "
          "adopted again. The running kiosk shows it on its welcome screen, or at the next "
          "reset if a visit is under way.", file=stdout)
    return 0
