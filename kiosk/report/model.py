"""What `kiosk report` found in the event logs: plain data, no DuckDB and no charts, so the
page, the JSON and the CSV files are each written from the same figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The language of a visit that read no panel and chose none (summary.json's word for it).
NO_LANGUAGE = "unknown"


@dataclass(frozen=True, slots=True)
class DayRow:
    """One kiosk's day (days.csv): its sessions, their median length, idle resets."""

    kiosk: str
    day: date
    sessions: int
    median_session_s: float | None
    idle_resets: int


@dataclass(frozen=True, slots=True)
class PanelRow:
    """One panel on one kiosk (panels.csv): how often it was shown and how long read."""

    kiosk: str
    era: str
    panel: str
    views: int
    median_dwell_s: float | None


@dataclass(frozen=True, slots=True)
class KioskRow:
    """One kiosk over the whole period."""

    kiosk: str
    sessions: int
    median_session_s: float | None
    idle_reset_share: float | None
    panel_views: int


@dataclass(frozen=True, slots=True)
class InputProblems:
    """What could not be read, counted, so the page says what the figures leave out."""

    files: int = 0  # files read
    lines: int = 0  # lines in them
    unreadable_lines: int = 0  # not JSON (a truncated last line after a power cut, junk)
    unknown_events: dict[str, int] = field(default_factory=dict)  # event name -> lines
    unfinished_sessions: int = 0  # a visit cut off by a stop or a crash: not counted
    unreadable_files: tuple[str, ...] = ()  # a gzip file cut short: left out whole


@dataclass(frozen=True, slots=True)
class Report:
    """The figures of the whole report. Shares are fractions (0 to 1) of sessions."""

    kiosks: tuple[str, ...]
    first_day: date | None
    last_day: date | None
    sessions: int
    panel_views: int
    median_session_s: float | None
    language_share: dict[str, float]  # language -> share of sessions (by most panels read)
    idle_reset_share: float | None
    end_reasons: dict[str, int]  # home, start_again, idle, closed -> sessions
    days: tuple[DayRow, ...]
    panels: tuple[PanelRow, ...]
    per_kiosk: tuple[KioskRow, ...]
    week_hours: tuple[tuple[int, int, int], ...]  # (weekday 0=Mon, hour, sessions)
    session_lengths_s: tuple[float, ...]  # the lengths for the histogram (a sample if huge)
    depth: tuple[tuple[int, int], ...]  # (panels seen, sessions)
    exits: tuple[tuple[str, str, int], ...]  # (era, panel, sessions whose last panel it was)
    pictures_opened: int
    pictures_zoomed: int
    problems: InputProblems = InputProblems()
