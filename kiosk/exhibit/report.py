"""``kiosk validate``: every problem on its own line, the way compilers print them."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.exhibit.load import LoadResult, load_exhibit

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_UNREADABLE = 2


def validate_command(path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Check ``path`` and its images; 0 valid (warnings allowed), 1 invalid, 2 unreadable.

    Diagnostics and the summary go to ``stdout`` (they are the report asked for); a file
    that cannot be read at all is reported on ``stderr``.
    """
    # guard: validate-times-svgs
    return report(path, load_exhibit(path, time_svgs=True), stdout, stderr)


def report(path: Path, result: LoadResult, stdout: TextIO, stderr: TextIO, *,
           summary_when_valid: bool = True) -> int:
    """Print what loading found the way `kiosk validate` does; return its exit status.

    Shared by every command that loads an exhibit, so staff read one format everywhere.
    """
    if not result.readable:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=stderr)
        return EXIT_UNREADABLE
    for diagnostic in result.diagnostics:
        print(diagnostic, file=stdout)
    if summary_when_valid or not result.ok:
        print(summary(path, result), file=stdout)
    return EXIT_VALID if result.ok else EXIT_INVALID


def summary(path: Path, result: LoadResult) -> str:
    counts = result.counts
    parts = [_plural(counts.eras, "era"), _plural(counts.panels, "panel"),
             _plural(counts.images, "image"), _plural(len(result.warnings), "warning"),
             _plural(len(result.errors), "error")]
    return f"{path}: {', '.join(parts)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
