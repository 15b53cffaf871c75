"""The event logs read and measured by DuckDB: sessions, how long they lasted, what was
read and for how long. docs/report.md says how each figure is measured and why.

Each kiosk's logs are read once into a table (DuckDB reads JSON lines, gzipped or not, in
parallel) and measured with SQL; its sessions and panels are kept, its events dropped
before the next kiosk's are read. The database and its spill folder live in a temporary
folder, so what does not fit in memory spills to disk instead of failing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Any

import duckdb

from kiosk.report.model import (
    NO_LANGUAGE,
    DayRow,
    InputProblems,
    KioskRow,
    PanelRow,
    Report,
)
from kiosk.report.sources import LogFile

# What a visitor's touch causes: the moments a visit is measured between.
INPUTS = ("language_chosen", "era_opened", "panel_shown", "quote_shown", "image_opened",
          "image_zoomed", "image_closed", "language_changed", "exhibit_finished",
          "idle_dismissed")
# Every event a kiosk writes; any other name is counted as unknown and left out.
KNOWN = (*INPUTS, "start", "stop", "attract_shown", "idle_prompt", "idle_reset",
         "session_end", "reload_applied", "reload_rejected", "closed", "opened",
         "display_off", "display_on", "site_applied", "site_rejected", "release_adopted",
         "release_refused", "daily_restart")
# An older kiosk's session_end has no idle settings: the kiosk's defaults then.
DEFAULT_IDLE_TIMEOUT_S = 90.0
DEFAULT_IDLE_COUNTDOWN_S = 15.0
LENGTH_SAMPLE = 20_000  # session lengths kept for the histogram


def _names(names: Sequence[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)  # constants of this module only


# An event a touch caused, or the tap that ended a visit.
TOUCH = (f"(event IN ({_names(INPUTS)}) OR (event = 'session_end' "
         "AND reason IN ('home', 'start_again')))")
# Within one millisecond: a restart before anything else, a visit's end after the touches.
TIE = "CASE event WHEN 'start' THEN 0 WHEN 'session_end' THEN 2 ELSE 1 END"
COLUMNS = {"time": "VARCHAR", "event": "VARCHAR", "era": "VARCHAR", "panel": "VARCHAR",
           "lang": "VARCHAR", "reason": "VARCHAR", "idle_timeout": "DOUBLE",
           "idle_countdown": "DOUBLE"}




def analyse(files: list[LogFile], *, memory_limit: str = "1GB",
            threads: int | None = None) -> Report:
    """Read ``files`` and measure what visitors did."""
    with tempfile.TemporaryDirectory(prefix="kiosk-report-") as work:
        con = duckdb.connect(str(Path(work) / "report.duckdb"))
        try:
            con.execute(f"SET memory_limit = '{memory_limit}'")
            con.execute(f"SET temp_directory = '{Path(work) / 'spill'}'")
            # Event names as an enum: each is compared many times over millions of rows.
            con.execute(f"CREATE TYPE event_name AS ENUM ({_names(KNOWN)})")
            if threads is not None:
                con.execute(f"SET threads = {int(threads)}")
            return _Analysis(con, files).report()
        finally:
            con.close()


class _Analysis:
    def __init__(self, con: duckdb.DuckDBPyConnection, files: list[LogFile]) -> None:
        self.con = con
        self.files = files  # sorted by kiosk
        self._measured = False  # the tables sessions and panels exist
        self._unfinished = 0

    def report(self) -> Report:
        problems = InputProblems()
        for kiosk, files in groupby(self.files, key=lambda f: f.kiosk):
            # One kiosk at a time: a museum's year never has to fit in memory at once,
            # and each kiosk's events are ordered on their own.
            problems = self._read(list(files), problems)
            self._measure(kiosk)
        if not self._measured:  # no log at all: empty tables, so the figures say none
            self._load([])
            self._measure("")
        totals = self._one("""
            SELECT count(*), coalesce(sum(panel_views), 0), median(length_s),
                   avg(CASE WHEN reason = 'idle' THEN 1.0 ELSE 0.0 END),
                   min(day), max(day)
            FROM sessions""")
        sessions, panel_views, median_s, idle_share, first, last = totals
        return Report(
            kiosks=tuple(sorted({f.kiosk for f in self.files})),
            first_day=first, last_day=last, sessions=sessions, panel_views=int(panel_views),
            median_session_s=_rounded(median_s),
            language_share={lang: round(share, 4) for lang, share in self._rows("""
                SELECT language, count(*) / (SELECT count(*) FROM sessions)
                FROM sessions GROUP BY language ORDER BY 2 DESC, 1""")},
            idle_reset_share=None if idle_share is None else round(idle_share, 4),
            end_reasons=dict(self._rows("""
                SELECT coalesce(reason, 'unknown'), count(*) FROM sessions
                GROUP BY 1 ORDER BY 2 DESC, 1""")),
            days=tuple(DayRow(k, d, n, _rounded(m), i) for k, d, n, m, i in self._rows("""
                SELECT kiosk, day, count(*), median(length_s),
                       count(*) FILTER (WHERE reason = 'idle')
                FROM sessions GROUP BY kiosk, day ORDER BY kiosk, day""")),
            panels=tuple(PanelRow(k, e, p, v, _rounded(m)) for k, e, p, v, m in self._rows("""
                SELECT kiosk, era, panel, views, median_dwell_s
                FROM panels ORDER BY kiosk, era, panel""")),
            per_kiosk=tuple(KioskRow(k, n, _rounded(m), None if i is None else round(i, 4),
                                     int(v)) for k, n, m, i, v in self._rows("""
                SELECT kiosk, count(*), median(length_s),
                       avg(CASE WHEN reason = 'idle' THEN 1.0 ELSE 0.0 END), sum(panel_views)
                FROM sessions GROUP BY kiosk ORDER BY kiosk""")),
            week_hours=tuple(self._rows("""
                SELECT isodow(day) - 1, hour, count(*) FROM sessions
                GROUP BY 1, 2 ORDER BY 1, 2""")),
            session_lengths_s=tuple(length for (length,) in self._rows(f"""
                SELECT length_s FROM sessions
                USING SAMPLE reservoir({LENGTH_SAMPLE} ROWS) REPEATABLE (7)""")),
            depth=tuple(self._rows("""
                SELECT panels_seen, count(*) FROM sessions GROUP BY 1 ORDER BY 1""")),
            exits=tuple(self._rows("""
                SELECT last_era, last_panel, count(*) FROM sessions
                WHERE last_panel IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2""")),
            pictures_opened=self._one("SELECT coalesce(sum(opened), 0) FROM sessions")[0],
            pictures_zoomed=self._one("SELECT coalesce(sum(zoomed), 0) FROM sessions")[0],
            problems=replace(problems, unfinished_sessions=self._unfinished),
        )

    # --- reading ----------------------------------------------------------------------

    def _read(self, files: list[LogFile], problems: InputProblems) -> InputProblems:
        """One kiosk's logs into the table ``events``; ``problems`` with what they add."""
        broken: list[str] = []
        readable = [str(f.path) for f in files]
        while True:
            try:
                self._load(readable)
                break
            except duckdb.IOException as error:
                # A gzip file cut short (the power went while it was compressed) stops
                # the whole read: leave that file out, say so, and read the rest.
                culprit = next((p for p in readable if p in str(error)), None)
                if culprit is None:
                    raise
                readable.remove(culprit)
                broken.append(culprit)
        lines, unreadable = self._one("""
            SELECT count(*),
                   count(*) FILTER (WHERE (event IS NULL AND unknown IS NULL) OR ts IS NULL)
            FROM events""")
        unknown = dict(problems.unknown_events)
        for event, count in self._rows("""
                SELECT unknown, count(*) FROM events
                WHERE unknown IS NOT NULL GROUP BY unknown"""):
            unknown[event] = unknown.get(event, 0) + count
        return replace(problems, files=problems.files + len(files),
                       lines=problems.lines + lines,
                       unreadable_lines=problems.unreadable_lines + unreadable,
                       unknown_events=dict(sorted(unknown.items(),
                                                  key=lambda item: (-item[1], item[0]))),
                       unreadable_files=(*problems.unreadable_files, *broken))

    def _load(self, paths: list[str]) -> None:
        # Every line, unusable ones too (all columns NULL for a line that is not JSON), so
        # that what is left out is counted from the same single read.
        source = (f"read_json(?, format = 'newline_delimited', ignore_errors = true, "
                  f"columns = {COLUMNS!r})" if paths else
                  "(SELECT " + ", ".join(f"NULL::{kind} AS {name}"
                                         for name, kind in COLUMNS.items()) + " WHERE false)")
        self.con.execute(f"""
            CREATE OR REPLACE TEMP TABLE events AS
            SELECT try_cast(event AS event_name) AS event,
                   CASE WHEN event NOT IN ({_names(KNOWN)}) THEN event END AS unknown,
                   era, panel, lang, reason, idle_timeout, idle_countdown,
                   try_cast(time AS TIMESTAMPTZ) AS ts,
                   -- the kiosk's own wall clock, as written: its day and hour
                   try_cast(substr(time, 1, 10) AS DATE) AS day,
                   try_cast(substr(time, 12, 2) AS INTEGER) AS hour
            FROM {source}""", [paths] if paths else [])

    # --- sessions ---------------------------------------------------------------------

    def _measure(self, kiosk: str) -> None:
        """The sessions and panels of ``kiosk``, whose events are in ``events``, added to
        ``sessions``, ``panels`` and the unfinished count."""
        con = self.con
        # A session is what lies between one session_end (or a start: a restart cuts a
        # visit off) and the next, in time order. In the same ordered pass, each event's
        # next touch (the tap that ends a visit counts): where the reading of a panel
        # ends. Only row numbers and times go through the sort; the events' text joins
        # back by row, which costs far less than sorting it along.
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE ordered AS
            SELECT rowid AS row,
                coalesce(sum(CASE WHEN event IN ('session_end', 'start') THEN 1 END)
                    OVER (ORDER BY ts, {TIE}
                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS seg,
                lead(CASE WHEN {TOUCH} THEN ts END IGNORE NULLS)
                    OVER (ORDER BY ts, {TIE}) AS next_touch
            FROM events WHERE event IS NOT NULL AND ts IS NOT NULL""")
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE segments AS
            SELECT seg,
                   min(ts) FILTER (WHERE event IN ({_names(INPUTS)})) AS first_input,
                   max(ts) FILTER (WHERE event IN ({_names(INPUTS)})) AS last_input,
                   arg_min(day, ts) FILTER (WHERE event IN ({_names(INPUTS)})) AS day,
                   arg_min(hour, ts) FILTER (WHERE event IN ({_names(INPUTS)})) AS hour,
                   max(ts) FILTER (WHERE event = 'session_end') AS ended,
                   max(reason) FILTER (WHERE event = 'session_end') AS reason,
                   coalesce(max(idle_timeout) FILTER (WHERE event = 'session_end'),
                            {DEFAULT_IDLE_TIMEOUT_S}) AS idle_timeout,
                   coalesce(max(idle_countdown) FILTER (WHERE event = 'session_end'),
                            {DEFAULT_IDLE_COUNTDOWN_S}) AS idle_countdown,
                   count(*) FILTER (WHERE event = 'panel_shown') AS panel_views,
                   arg_max(era, ts) FILTER (WHERE event = 'panel_shown') AS last_era,
                   arg_max(panel, ts) FILTER (WHERE event = 'panel_shown') AS last_panel,
                   arg_max(lang, ts) FILTER (WHERE event IN ('language_chosen',
                                                             'language_changed')) AS chosen,
                   count(*) FILTER (WHERE event = 'image_opened') AS opened,
                   count(*) FILTER (WHERE event = 'image_zoomed') AS zoomed
            FROM events JOIN ordered ON events.rowid = ordered.row GROUP BY seg""")
        con.execute("""
            CREATE OR REPLACE TEMP TABLE shown AS
            SELECT seg, era, panel, lang, ts, next_touch
            FROM events JOIN ordered ON events.rowid = ordered.row
            WHERE event = 'panel_shown'""")
        # Where a visit ends: at the tap on Home or Start again; for an idle reset, at the
        # last touch (the reset comes the idle timeout and countdown after it); at closing
        # time or in a log cut short, at the last event a touch caused.
        con.execute("""
            CREATE OR REPLACE TEMP TABLE kiosk_sessions AS
            SELECT s.*, epoch(end_at - first_input) AS length_s,
                   coalesce(seen.panels_seen, 0) AS panels_seen,
                   coalesce(read.language, s.chosen, ?) AS language
            FROM (SELECT *,
                    CASE WHEN reason IN ('home', 'start_again') THEN ended
                         WHEN reason = 'idle' THEN greatest(last_input, ended
                              - to_microseconds(CAST((idle_timeout + idle_countdown)
                                                     * 1e6 AS BIGINT)))
                         ELSE last_input END AS end_at
                  FROM segments
                  WHERE first_input IS NOT NULL AND ended IS NOT NULL) s
            LEFT JOIN (SELECT seg, count(*) AS panels_seen
                       FROM (SELECT DISTINCT seg, era, panel FROM shown
                             WHERE era IS NOT NULL AND panel IS NOT NULL)
                       GROUP BY seg) seen USING (seg)
            LEFT JOIN (SELECT seg, arg_max(lang, score) AS language
                       FROM (SELECT seg, lang,
                                    -- most panels; a tie goes to the language read first
                                    count(*) * 1e12 - epoch(min(ts)) AS score
                             FROM shown WHERE lang IS NOT NULL GROUP BY seg, lang)
                       GROUP BY seg) read USING (seg)""", [NO_LANGUAGE])
        # Only what the figures need of each session: a museum's year has millions.
        add = "INSERT INTO {} " if self._measured else "CREATE TEMP TABLE {} AS "
        con.execute(add.format("sessions") + """
            SELECT ?::VARCHAR AS kiosk, day, hour, length_s, reason, language,
                   panel_views, panels_seen, last_era, last_panel, opened, zoomed
            FROM kiosk_sessions""", [kiosk])
        # A panel is read from the moment it is shown to the next touch (the tap that
        # ends the visit included), or to the visit's end; never longer than the idle
        # timeout, after which the kiosk itself asks whether anyone is there.
        con.execute(add.format("panels") + """
            SELECT ?::VARCHAR AS kiosk, era, panel, count(*) AS views,
                   -- in microseconds: subtracting times makes intervals, far slower
                   median(least(greatest((epoch_us(least(coalesce(o.next_touch, s.end_at),
                                                         s.end_at)) - epoch_us(o.ts)) / 1e6,
                                         0),
                                s.idle_timeout)) AS median_dwell_s
            FROM shown o JOIN kiosk_sessions s USING (seg)
            GROUP BY era, panel""", [kiosk])
        self._unfinished += self._one("""
            SELECT count(*) FROM segments
            WHERE first_input IS NOT NULL AND ended IS NULL""")[0]
        self._measured = True
        # Freed now, not when the next kiosk's replace them: two kiosks' events at once
        # would crowd the memory limit and spill.
        for table in ("events", "ordered", "segments", "shown", "kiosk_sessions"):
            con.execute(f"DROP TABLE {table}")

    # --- small helpers ----------------------------------------------------------------

    def _rows(self, sql: str) -> list[tuple[Any, ...]]:
        return self.con.execute(sql).fetchall()

    def _one(self, sql: str) -> tuple[Any, ...]:
        row = self.con.execute(sql).fetchone()
        assert row is not None
        return row


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)

