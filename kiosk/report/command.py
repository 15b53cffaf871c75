"""`kiosk report LOG_OR_FOLDER... --out DIR [--exhibit PATH]`."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import TextIO

from kiosk.exhibit.model import Exhibit
from kiosk.report.sources import NoLogs, log_files


class ExhibitProblem(Exception):
    """The exhibit file given with --exhibit cannot name the panels: its first problem."""


def panel_names(exhibit: Exhibit) -> dict[tuple[str, str], str]:
    """(era id, panel id) -> what the page calls the panel, in the exhibit's first language:
    its title alone, which reads best beside a bar and leaves room for it; "Era / Panel"
    for a title that several panels share, so that bars are never told apart by nothing."""
    lang = exhibit.default_language
    shared = Counter(panel.title.get(lang) for _, panel in exhibit.panels())
    return {(era.id, panel.id): (panel.title.get(lang) if shared[panel.title.get(lang)] == 1
                                 else f"{era.title.get(lang)} / {panel.title.get(lang)}")
            for era, panel in exhibit.panels()}


def exhibit_names(path: Path) -> dict[tuple[str, str], str]:
    """The panel names of the exhibit at ``path``; ExhibitProblem when it does not load."""
    from kiosk.exhibit.load import load_exhibit  # the YAML reader: only when asked for

    # Only titles are needed: the pictures are neither opened nor checked.
    result = load_exhibit(path, check_images=False)
    if result.exhibit is None:
        first = result.errors[0] if result.errors else f"{path}: it could not be loaded"
        raise ExhibitProblem(f"{first}; `kiosk validate {path}` lists every problem, or "
                             "leave out --exhibit to name the panels by their ids")
    return panel_names(result.exhibit)


def report_command(targets: list[Path], out: Path, *, exhibit: Path | None = None,
                   stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Read the logs under ``targets`` and write the report into ``out``; with ``exhibit``,
    the page calls panels by their titles in it."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    try:
        files = log_files(targets)
        names = exhibit_names(exhibit) if exhibit is not None else None
    except NoLogs as error:
        print(f"kiosk report: {error}; give a kiosk's event log, its folder, or a "
              "collection folder with one folder a kiosk", file=stderr)
        return 2
    except ExhibitProblem as error:
        print(f"kiosk report: --exhibit: {error}", file=stderr)
        return 2
    started = time.monotonic()
    from kiosk.report.analyse import analyse
    from kiosk.report.outputs import write_tables
    from kiosk.report.page import write_page

    report = analyse(files)
    try:
        written = write_tables(report, out)
        written.append(write_page(report, out, names=names))
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
    if names is not None:
        logged = {(row.era, row.panel) for row in report.panels}
        unnamed = len(logged - names.keys())
        if unnamed:  # an older exhibit's panels, or the wrong exhibit file given
            print(f"{unnamed:,} of the logs' {len(logged):,} panels are not in {exhibit}: "
                  "the page calls them by their ids", file=stdout)
    for path in written:
        print(f"wrote {path}", file=stdout)
    return 0
