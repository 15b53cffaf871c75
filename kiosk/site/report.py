"""``kiosk validate --site``: the site file's problems one a line, as for an exhibit."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kiosk.exhibit.report import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID
from kiosk.site.load import SiteLoadResult, load_site


def validate_site_command(path: Path, stdout: TextIO, stderr: TextIO) -> int:
    """Check the site file ``path`` (and the calendar it names); 0 valid (warnings
    allowed), 1 invalid, 2 unreadable, the exit codes of ``kiosk validate``."""
    return report_site(path, load_site(path), stdout, stderr)


def report_site(path: Path, result: SiteLoadResult, stdout: TextIO, stderr: TextIO) -> int:
    if not result.readable:
        for diagnostic in result.diagnostics:
            print(diagnostic, file=stderr)
        return EXIT_UNREADABLE
    for diagnostic in result.diagnostics:
        print(diagnostic, file=stdout)
    print(summary(path, result), file=stdout)
    return EXIT_VALID if result.ok else EXIT_INVALID


def summary(path: Path, result: SiteLoadResult) -> str:
    counts = result.counts
    parts = [_plural(counts.closures, "closure"),
             _plural(counts.special_openings, "special opening"),
             _plural(len(result.warnings), "warning"), _plural(len(result.errors), "error")]
    return f"{path}: {', '.join(parts)}"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
