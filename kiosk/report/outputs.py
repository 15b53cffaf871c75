"""The report's files besides the page: summary.json, panels.csv and days.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from kiosk.report.model import Report


def summary(report: Report) -> dict[str, Any]:
    """summary.json's content."""
    problems = report.problems
    return {
        "sessions": report.sessions,
        "panel_views": report.panel_views,
        "median_session_s": report.median_session_s,
        "language_share": report.language_share,
        "idle_reset_share": report.idle_reset_share,
        "kiosks": list(report.kiosks),
        "period": {"first_day": _day(report.first_day), "last_day": _day(report.last_day)},
        "end_reasons": report.end_reasons,
        "pictures": {"opened": report.pictures_opened, "zoomed": report.pictures_zoomed},
        "input": {"files": problems.files, "lines": problems.lines,
                  "unreadable_lines": problems.unreadable_lines,
                  "unknown_events": problems.unknown_events,
                  "unfinished_sessions": problems.unfinished_sessions,
                  "unreadable_files": list(problems.unreadable_files)},
    }


def write_tables(report: Report, out: Path) -> list[Path]:
    """summary.json, panels.csv and days.csv in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    written = [out / "summary.json", out / "panels.csv", out / "days.csv"]
    written[0].write_text(json.dumps(summary(report), indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    _csv(written[1], ("kiosk", "era", "panel", "views", "median_dwell_s"),
         ((p.kiosk, p.era, p.panel, p.views, _number(p.median_dwell_s))
          for p in report.panels))
    _csv(written[2], ("kiosk", "date", "sessions", "median_session_s", "idle_resets"),
         ((d.kiosk, d.day.isoformat(), d.sessions, _number(d.median_session_s),
           d.idle_resets) for d in report.days))
    return written


def _csv(path: Path, header: tuple[str, ...], rows: Any) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _day(value: Any) -> str | None:
    return None if value is None else value.isoformat()
