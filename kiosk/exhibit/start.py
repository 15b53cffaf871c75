"""Which exhibit the kiosk starts with: the snapshot of its last clean load while nothing
it was made from has changed, else the file loaded and checked, else, when the file has
errors, its last good version."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.snapshot import load_last_good, load_snapshot, save_snapshot

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StartingExhibit:
    """What the kiosk starts with, and what the validator said of the file."""

    exhibit: Exhibit | None  # None: nothing to show
    keep: Callable[[], object] | None = None  # keeps it for the next start (None: kept)
    messages: tuple[str, ...] = ()  # as `kiosk validate` prints them
    errors: tuple[str, ...] = ()  # of those, the errors: `exhibit` is the last good version


def load_for_start(exhibit_path: Path) -> StartingExhibit:
    """The exhibit to start with.

    When nothing it was made from has changed since the last clean load, that load's
    snapshot is the exhibit (see kiosk.exhibit.snapshot) and the YAML parser is not even
    imported; otherwise the file is loaded and checked in full, its problems printed as
    `kiosk validate` prints them. A file with errors starts the kiosk with its last good
    version, for as long as they are not fixed; with none kept, there is nothing to show.
    """
    snapshot = load_snapshot(exhibit_path)
    if snapshot is not None:
        log.info("%s and its pictures are unchanged since they were last checked; "
                 "starting with that check", exhibit_path)
        for message in snapshot.messages:
            print(message, file=sys.stderr)
        return StartingExhibit(snapshot.exhibit, messages=snapshot.messages)
    # Here: a start from the snapshot never needs the YAML parser at all.
    from kiosk.exhibit.load import load_exhibit
    from kiosk.exhibit.report import report

    result = load_exhibit(exhibit_path)
    report(exhibit_path, result, sys.stderr, sys.stderr, summary_when_valid=False)
    messages = tuple(str(diagnostic) for diagnostic in result.diagnostics)
    if result.exhibit is not None:
        return StartingExhibit(result.exhibit, lambda: save_snapshot(exhibit_path, result),
                               messages)
    errors = tuple(str(error) for error in result.errors)
    last_good = load_last_good(exhibit_path)
    if last_good is None:
        print(f"{exhibit_path}: the kiosk cannot start until these errors are fixed "
              f"(check with: kiosk validate {exhibit_path})", file=sys.stderr)
        return StartingExhibit(None, messages=messages, errors=errors)
    kept = time.strftime("%Y-%m-%d %H:%M", time.localtime(last_good.kept_at))
    log.warning("%s has errors; showing its last good version (from %s) until they are "
                "fixed (check with: kiosk validate %s):\n%s", exhibit_path, kept,
                exhibit_path, "\n".join(errors))
    return StartingExhibit(last_good.exhibit, messages=messages, errors=errors)
