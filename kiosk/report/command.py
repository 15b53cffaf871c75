"""`kiosk report LOG_OR_FOLDER... --out DIR`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from kiosk.report.sources import NoLogs, log_files


def report_command(targets: list[Path], out: Path, *, stdout: TextIO | None = None,
                   stderr: TextIO | None = None) -> int:
    """Read the logs under ``targets`` and write the report into ``out``."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        files = log_files(targets)
    except NoLogs as error:
        print(f"kiosk report: {error}; give a kiosk's event log, its folder, or a "
              "collection folder with one folder a kiosk", file=stderr)
        return 2
    started = time.monotonic()
    from kiosk.report.analyse import analyse
    from kiosk.report.outputs import write_tables
    from kiosk.report.page import write_page

    report = analyse(files)
    try:
        written = write_tables(report, out)
        written.append(write_page(report, out))
    except OSError as error:
        print(f"kiosk report: cannot write {error.filename or out}: "
              f"{error.strerror or error}; choose another folder with --out", file=stderr)
        return 2
    problems = report.problems
    print(f"{problems.lines:,} lines from {problems.files} files of "
          f"{len(report.kiosks)} kiosk(s): {report.sessions:,} sessions "
          f"({time.monotonic() - started:.1f} s)", file=stdout)
    if problems.unreadable_lines or problems.unknown_events:
        print(f"left out: {problems.unreadable_lines:,} unreadable lines, "
              f"{sum(problems.unknown_events.values()):,} lines of unknown events",
              file=stdout)
    for path in written:
        print(f"wrote {path}", file=stdout)
    return 0

