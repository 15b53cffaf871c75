"""A museum's year of visitor event logs, for benchmarking `kiosk report`.

Run: ``python -m bench.report_logs OUT [--kiosks 5] [--days 300] [--sessions 400]
[--seed 1] [--rotate-mb 64] [--bad-rate 0] [--jobs 2]``.

Writes ``OUT/kiosk-NN/events.jsonl`` (the newest events) and ``events.jsonl.N.gz`` (older,
``.1.gz`` the newest of them), as a kiosk writes them, except that a file is rotated past
``--rotate-mb`` (64 MB by default, the kiosk's is 5 MB) so that a year stays a few hundred
files, and every rotated file is kept. Lines are built by DuckDB in SQL, one kiosk per
process: every random draw is a hash of the seed and the draw's place (kiosk, day,
session, step), so the same seed gives the same bytes however the work is split.

A kiosk's day: ``start`` before opening, ``opened`` at 10:00 local (Europe/Berlin, so
``+01:00`` or ``+02:00``), visits back to back until ``closed`` at 18:00 (on some days the
last visit is cut by it), ``stop`` after. A visit: a language chosen (or not), a walk
through the exhibit's pages (8 eras, each an opening page and 6 panels, two of them
followed by a quotation page) with log-normal dwell times, pictures opened, zoomed and
closed, sometimes a language change or a dismissed idle prompt, and an end: ``home``,
``start_again`` after the closing screen, or an idle reset 105 s after the last touch.
Busy days squeeze the visits' times to fit the opening hours.

``--bad-rate`` replaces that share of lines with bad input, in equal parts: a line torn
short (power lost mid-write), a junk line, an unknown event, and a ``panel_shown`` from an
older kiosk without ``lang``; each kiosk's ``events.jsonl`` then also ends in a torn line.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb

ERAS = 8
PAGES_PER_ERA = 9  # the opening page, 6 panels and 2 quotation pages
LANGUAGES = ("de", "en", "fr")  # the first is the exhibit's default
OPEN_S = 10 * 3600
CLOSE_S = 18 * 3600
IDLE_AFTER_S = 105  # idle timeout 90 s + countdown 15 s
TIMEZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 1, 2)
# Tuesday to Sunday; the museum is closed on Mondays. Averages 1.
WEEKDAY_FACTOR = {1: 0.85, 2: 0.85, 3: 0.9, 4: 1.0, 5: 1.25, 6: 1.15}
TORN_TAIL = '{"time":"2026-12-04T17:59:58.120+01:00","event":"panel_sh'


@dataclass(frozen=True)
class Spec:
    """What to generate; `sessions` is the average number of visits a kiosk has a day."""

    kiosks: int = 5
    days: int = 300
    sessions: int = 400
    seed: int = 1
    rotate_bytes: int = 64_000_000
    bad_rate: float = 0.0


def kiosk_name(number: int) -> str:
    return f"kiosk-{number + 1:02d}"


def open_days(count: int) -> list[tuple[int, date, int, float]]:
    """(day number, date, UTC offset in seconds, visitor factor) of the first `count` days
    the museum is open."""
    days: list[tuple[int, date, int, float]] = []
    day = FIRST_DAY
    while len(days) < count:
        if day.weekday() in WEEKDAY_FACTOR:
            noon = datetime(day.year, day.month, day.day, 12, tzinfo=TIMEZONE)
            offset = noon.utcoffset() or timedelta()
            days.append((len(days), day, int(offset.total_seconds()),
                         WEEKDAY_FACTOR[day.weekday()]))
        day += timedelta(days=1)
    return days


# A uniform draw in [0, 1) from the seed, the kiosk and a place; the same wherever it runs.
# Chained single-value hashes: hash(a, b, c) of small numbers gives correlated draws.
MACROS = """
CREATE MACRO u(a, b, c, salt) AS
    hash(xor(hash(xor(hash(xor(getvariable('base'), (a + 2)::UBIGINT)), (b + 2)::UBIGINT)),
             ((c + 2) * 64 + salt)::UBIGINT)) / 18446744073709551616.0;
CREATE MACRO z(a, b, c, salt) AS
    sqrt(-2 * ln(1 - u(a, b, c, salt))) * cos(2 * pi() * u(a, b, c, salt + 1));
"""

# The days the museum is open: how many visits each, and whether closing cuts the last.
DAYS = """
CREATE TABLE days AS
SELECT *, greatest(1, round(SESSIONS * factor * (0.85 + 0.3 * u(day, -1, 0, 2))))::INT
              AS n_sessions,
       u(day, -1, 0, 3) < 0.3 AS closed_cut
FROM calendar
"""

# One row per visit: how far it goes, in which language, how it ends.
SESSIONS = """
CREATE TABLE sessions AS
WITH raw AS (
    SELECT d.day, d.offset_s, d.date, s.s, d.n_sessions,
           least(PAGES, 1 + floor(-ln(1 - u(d.day, s.s, 0, 1)) * MEAN_STEPS))::INT AS wanted,
           CASE WHEN u(d.day, s.s, 0, 3) < 0.7 THEN 0
                ELSE floor(u(d.day, s.s, 0, 4) * ERAS)::INT END AS era0,
           u(d.day, s.s, 0, 5) < 0.25 AS jumps,
           floor(u(d.day, s.s, 0, 6) * ERAS)::INT AS era1,
           u(d.day, s.s, 0, 8) < 0.65 AS chosen,
           CASE WHEN u(d.day, s.s, 0, 9) < 0.6 THEN 'de'
                WHEN u(d.day, s.s, 0, 9) < 0.9 THEN 'en' ELSE 'fr' END AS lang,
           CASE WHEN u(d.day, s.s, 0, 10) < 0.5 THEN 'en' ELSE 'fr' END AS lang2,
           u(d.day, s.s, 0, 11) AS end_draw,
           d.closed_cut AND s.s = d.n_sessions - 1 AS cut,
           u(d.day, s.s, 0, 12) < RELOAD_RATE AS reload,
           -ln(1 - u(d.day, s.s, 0, 13)) * 8 AS gap
    FROM days d, range(d.n_sessions) s(s)
)
SELECT *,
       -- the walk: from era0's opening page, and after a jump from era1's
       CASE WHEN jumps THEN greatest(1, floor(wanted * u(day, s, 0, 7))::INT)
            ELSE wanted END AS first_leg,
       CASE WHEN wanted > 2 AND u(day, s, 0, 14) < 0.08
            THEN 1 + floor(u(day, s, 0, 15) * (wanted - 1))::INT ELSE -1 END AS change_at
FROM raw
"""

# One row per page a visit shows, with its dwell: `var` squeezed on busy days, `fixed` not
# (the 90 s before an idle prompt someone answered).
STEPS = """
CREATE TABLE steps AS
WITH walk AS (
    SELECT s.day, s.s, i.i, s.lang, s.lang2, s.change_at, s.wanted,
           CASE WHEN i.i < s.first_leg THEN s.era0 * EPP + i.i
                ELSE s.era1 * EPP + i.i - s.first_leg END AS page
    FROM sessions s, range(s.wanted) i(i)
), placed AS (
    SELECT *, page // EPP AS era, page % EPP AS pos,
           [0, 1, 2, 2, 3, 4, 5, 5, 6][page % EPP + 1] AS panel_no,
           u(day, s, i, 20) < 0.003 AS dismissed,
           least(85, exp(ln(DWELL_MEDIAN) + 0.9 * z(day, s, i, 21))) AS dwell
    FROM walk WHERE page < PAGES
)
SELECT day, s, i, era, panel_no,
       CASE WHEN pos = 0 THEN 'era_opened' WHEN pos IN (3, 7) THEN 'quote_shown'
            ELSE 'panel_shown' END AS kind,
       CASE WHEN change_at >= 0 AND i > change_at THEN lang2 ELSE lang END AS lang,
       i = change_at AND NOT dismissed AS changes,
       pos NOT IN (0, 3, 7) AND NOT dismissed AND u(day, s, i, 22) < 0.25 AS img,
       u(day, s, i, 23) < 0.4 AS zoom0,
       panel_no IN (2, 5) AND u(day, s, i, 24) < 0.35 AS img1,
       u(day, s, i, 25) < 0.4 AS zoom1,
       CASE WHEN dismissed THEN 2 + u(day, s, i, 26) * 18 ELSE dwell END AS var,
       CASE WHEN dismissed THEN 90 + 1 + floor(u(day, s, i, 27) * 13) ELSE 0 END AS fixed,
       dismissed
FROM placed
"""

# Each visit's end and length, then the day's layout: visits back to back from opening,
# squeezed by `f` when they would not fit before closing.
LAYOUT = """
CREATE TABLE visits AS
WITH walked AS (
    SELECT day, s, count(*) AS n, max(i) AS last_i,
           sum(var) AS var_sum, sum(fixed) AS fixed_sum,
           count(DISTINCT CASE WHEN kind = 'panel_shown' THEN era * 10 + panel_no END) AS seen,
           arg_max(var, i) AS last_var, arg_max(fixed, i) AS last_fixed
    FROM steps GROUP BY day, s
), ended AS (
    SELECT v.*, w.n, w.last_i, w.seen,
           v.first_leg = v.wanted AND v.era0 * EPP + v.wanted > PAGES AS finished,
           w.var_sum - w.last_var AS var_before, w.fixed_sum - w.last_fixed AS fixed_before,
           w.last_var, w.last_fixed,
           1 + exp(ln(6) + 0.6 * z(v.day, v.s, 0, 30)) AS closing_var
    FROM sessions v JOIN walked w USING (day, s)
), reasoned AS (
    SELECT *,
           CASE WHEN cut AND NOT finished THEN 'closed'
                WHEN finished THEN (CASE WHEN end_draw < 0.6 THEN 'start_again'
                                         WHEN end_draw < 0.7 THEN 'home' ELSE 'idle' END)
                WHEN end_draw < IDLE_SHARE THEN 'idle' ELSE 'home' END AS reason
    FROM ended
), sized AS (
    SELECT *,
           -- until the last page, then that page's dwell, then the closing screen's
           var_before + CASE WHEN reason = 'idle' AND NOT finished THEN 0 ELSE last_var END
               + CASE WHEN finished AND reason <> 'idle' THEN closing_var ELSE 0 END AS var_len,
           fixed_before + last_fixed + CASE WHEN reason = 'idle' THEN IDLE_AFTER ELSE 0 END
               AS fixed_len
    FROM reasoned
), daily AS (
    SELECT *,
           least(1.0, (CLOSE - OPEN - 300 - sum(fixed_len) OVER d)
                      / sum(gap + var_len) OVER d) AS f
    FROM sized WINDOW d AS (PARTITION BY day)
)
SELECT *,
       OPEN + 1 + sum(gap * greatest(f, 0.01) + var_len * greatest(f, 0.01) + fixed_len) OVER w
           - var_len * greatest(f, 0.01) - fixed_len AS start_s
FROM daily WINDOW w AS (PARTITION BY day ORDER BY s ROWS UNBOUNDED PRECEDING)
"""

# A visit cut by closing starts so that closing comes during its last page.
CUT = """
UPDATE visits SET start_s = CLOSE - (var_before * greatest(f, 0.01) + fixed_before)
                            - u(day, s, 0, 31) * last_var * greatest(f, 0.01)
WHERE reason = 'closed'
"""

# Every page's time (seconds after midnight) and its fields, written once.
TIMED = """
CREATE TABLE timed AS
SELECT st.day, st.s, st.i, st.kind, st.lang, st.changes, st.dismissed, st.fixed,
       st.img, st.img AND st.zoom0 AS zoom0, st.img AND st.img1 AS img1,
       st.img AND st.img1 AND st.zoom1 AS zoom1,
       st.img AND NOT (st.i = v.last_i AND v.reason IN ('idle', 'closed')) AS img_closed,
       v.start_s + greatest(v.f, 0.01) * (sum(st.var) OVER w - st.var)
           + (sum(st.fixed) OVER w - st.fixed) AS t,
       st.var * greatest(v.f, 0.01) AS d,
       v.reason = 'closed' AS cut,
       ',"era":"era-' || (st.era + 1) || '"' AS era_f,
       ',"era":"era-' || (st.era + 1) || '","panel":"panel-' || (st.era + 1) || '-'
           || st.panel_no || '"' AS panel_f,
       ',"image":"assets/era-' || (st.era + 1) || '/panel-' || (st.era + 1) || '-'
           || st.panel_no AS img_f
FROM steps st JOIN visits v USING (day, s)
WINDOW w AS (PARTITION BY st.day, st.s ORDER BY st.i ROWS UNBOUNDED PRECEDING)
"""

# Every line: (day, order within the day, event, fields), its time in seconds after
# midnight. One branch per kind of line: plain scans, no correlated subqueries.
EVENTS = """
CREATE TABLE events AS
WITH pages AS (
    SELECT day, s, i, 0 AS sub, t, kind AS ev,
           CASE WHEN kind = 'era_opened' THEN era_f
                ELSE panel_f || ',"lang":"' || lang || '"' END AS fields, cut FROM timed
    UNION ALL SELECT day, s, i, 1, t + 0.25 * d, 'image_opened',
           panel_f || img_f || '-1.jpg","index":0', cut FROM timed WHERE img
    UNION ALL SELECT day, s, i, 2, t + 0.35 * d, 'image_zoomed',
           panel_f || img_f || '-1.jpg","index":0', cut FROM timed WHERE zoom0
    UNION ALL SELECT day, s, i, 3, t + 0.5 * d, 'image_opened',
           panel_f || img_f || '-2.jpg","index":1', cut FROM timed WHERE img1
    UNION ALL SELECT day, s, i, 4, t + 0.6 * d, 'image_zoomed',
           panel_f || img_f || '-2.jpg","index":1', cut FROM timed WHERE zoom1
    UNION ALL SELECT day, s, i, 5, t + 0.8 * d, 'image_closed', '', cut
           FROM timed WHERE img_closed
    UNION ALL SELECT day, s, i, 6, t + 0.9 * d, 'language_changed',
           ',"lang":"' || CASE WHEN lang = 'en' THEN 'fr' ELSE 'en' END || '"', cut
           FROM timed WHERE changes
    UNION ALL SELECT day, s, i, 7, t + 90, 'idle_prompt', '', cut FROM timed WHERE dismissed
    UNION ALL SELECT day, s, i, 8, t + fixed, 'idle_dismissed', '', cut FROM timed WHERE dismissed
), ends AS (
    SELECT *, CASE WHEN reason = 'closed' THEN CLOSE
                   ELSE start_s + greatest(f, 0.01) * var_len + fixed_len END AS end_s,
           start_s + greatest(f, 0.01) * (var_before + last_var) + fixed_before
               + last_fixed AS finish_s,
           start_s + greatest(f, 0.01) * var_before + fixed_before + last_fixed
               AS last_touch_s
    FROM visits
), edges AS (
    SELECT day, s, -1 AS i, 0 AS sub, start_s - 0.5 * gap * greatest(f, 0.01) AS t,
           'reload_applied' AS ev,
           ',"digest":"' || left(sha256('exhibit ' || (day // 14)), 12) || '"' AS fields
           FROM ends WHERE reload
    UNION ALL SELECT day, s, -1, 1, start_s, 'language_chosen', ',"lang":"' || lang || '"'
           FROM ends WHERE chosen
    UNION ALL SELECT day, s, 1000, 0, finish_s, 'exhibit_finished', ',"panels_seen":' || seen
           FROM ends WHERE finished
    UNION ALL SELECT day, s, 1000, 1,
           CASE WHEN finished THEN finish_s ELSE last_touch_s END + 90, 'idle_prompt', ''
           FROM ends WHERE reason = 'idle'
    UNION ALL SELECT day, s, 1000, 2, end_s, 'idle_reset', '' FROM ends WHERE reason = 'idle'
    UNION ALL SELECT day, s, 1000, 3, end_s, 'session_end',
           ',"reason":"' || reason || '","seconds":' || printf('%.1f', end_s - start_s)
           || ',"panels_seen":' || seen
           || ',"idle_timeout":90.0,"idle_countdown":15.0'
           FROM ends
    UNION ALL SELECT day, s, 1000, 4, end_s, 'attract_shown', '' FROM ends
), daily AS (
    SELECT day, -2 AS s, 0 AS i, 0 AS sub, OPEN - 1200 + u(day, 0, 0, 40) * 600 AS t,
           'start' AS ev, ',"exhibit":"exhibit.yaml","mode":"kiosk"' AS fields FROM days
    UNION ALL SELECT day, -2, 0, 1, OPEN - 1197.5 + u(day, 0, 0, 40) * 600, 'attract_shown', ''
           FROM days
    UNION ALL SELECT day, -1, 0, 0, OPEN + 0.02, 'opened', '' FROM days
    UNION ALL SELECT day, 1000000, 0, 0, CLOSE + 0.001, 'closed', '' FROM days
    UNION ALL SELECT day, 1000001, 0, 0, CLOSE + 600 + u(day, 0, 0, 41) * 300, 'stop',
           ',"code":0' FROM days
)
SELECT e.day, e.s, e.i, e.sub,
       '{"time":"' || strftime(make_timestamp(epoch_us(d.date::TIMESTAMP)
                                              + (round(e.t * 1000)::BIGINT * 1000)),
                               '%Y-%m-%dT%H:%M:%S.%g')
       || d.offset_text || '","event":"' || e.ev || '"' || e.fields || '}' AS line
FROM (SELECT day, s, i, sub, t, ev, fields FROM pages WHERE NOT (cut AND t >= CLOSE)
      UNION ALL SELECT * FROM edges UNION ALL SELECT * FROM daily) e
JOIN days d USING (day)
"""

# Bad input mixed in, then each line's file: rotation comes when a file passes the size.
LINES = """
CREATE TABLE lines AS
WITH bad AS (
    SELECT day, s, i, sub,
           CASE WHEN b >= BAD_RATE THEN line
                WHEN b < BAD_RATE * 0.25 THEN left(line, length(line) // 2)
                WHEN b < BAD_RATE * 0.5 THEN 'Xj#~ this is not JSON at all ' || s
                WHEN b < BAD_RATE * 0.75
                    THEN regexp_replace(line, '"event":"[a-z_]+"', '"event":"hologram_shown"')
                -- an older kiosk's panel_shown, without the language
                ELSE regexp_replace(line, '("event":"panel_shown".*),"lang":"[a-z]+"', '\\1')
                END AS line
    FROM (SELECT *, CASE WHEN BAD_RATE > 0 THEN u(day, s, (i + 1) * 16 + sub, 50) ELSE 1 END AS b
          FROM events)
)
SELECT line, (sum(strlen(line) + 1) OVER (ORDER BY day, s, i, sub ROWS UNBOUNDED PRECEDING)
              - strlen(line) - 1) // ROTATE AS chunk,
       row_number() OVER (ORDER BY day, s, i, sub) AS seq
FROM bad
"""


def _sql(text: str, spec: Spec) -> str:
    """The statements with the exhibit's shape and the spec's constants put in."""
    # About 30 lines a visit; at 400 visits a day the dwell times are squeezed to fit.
    values = {"MEAN_STEPS": "21", "PAGES": str(ERAS * PAGES_PER_ERA), "EPP": str(PAGES_PER_ERA),
              "ERAS": str(ERAS), "DWELL_MEDIAN": "9", "IDLE_SHARE": "0.18",
              "IDLE_AFTER": str(IDLE_AFTER_S), "OPEN": str(OPEN_S), "CLOSE": str(CLOSE_S),
              "RELOAD_RATE": str(1 / (14 * max(spec.sessions, 1))),
              "BAD_RATE": repr(float(spec.bad_rate)),
              "SESSIONS": str(spec.sessions), "ROTATE": str(spec.rotate_bytes)}
    for key in sorted(values, key=len, reverse=True):  # never a name inside a longer one
        text = text.replace(key, values[key])
    return text


def write_kiosk(spec: Spec, kiosk: int, folder: Path) -> tuple[int, int]:
    """One kiosk's year into `folder`; (lines, files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("events.jsonl*"):
        old.unlink()
    con = duckdb.connect(config={"threads": 1, "preserve_insertion_order": True})
    try:
        con.execute(f"SET VARIABLE base = hash(xor(hash({int(spec.seed)}::UBIGINT), "
                    f"{int(kiosk)}::UBIGINT))")
        con.execute(MACROS)
        con.execute("CREATE TABLE calendar (day INT, date DATE, offset_s INT, "
                    "offset_text VARCHAR, factor DOUBLE)")
        con.executemany("INSERT INTO calendar VALUES (?, ?, ?, ?, ?)",
                        [(day, when, offset, f"+{offset // 3600:02d}:00", factor)
                         for day, when, offset, factor in open_days(spec.days)])
        # Each table dropped once used: a kiosk-year's tables peak near 2 GB otherwise.
        for statement in (DAYS, SESSIONS, STEPS, LAYOUT, CUT, TIMED, "DROP TABLE steps",
                          EVENTS, "DROP TABLE timed", LINES, "DROP TABLE events"):
            con.execute(_sql(statement, spec))
        lines, chunks = con.execute("SELECT count(*), max(chunk) + 1 FROM lines").fetchone()
        # One unquoted CSV column: DuckDB's JSON writer would write absent fields as null.
        for chunk in range(chunks):
            newest = chunk == chunks - 1
            name = "events.jsonl" if newest else f"events.jsonl.{chunks - 1 - chunk}.gz"
            options = "" if newest else ", COMPRESSION gzip"
            con.execute(f"COPY (SELECT line FROM lines WHERE chunk = {chunk} ORDER BY seq) "
                        f"TO '{folder / name}' (FORMAT csv, HEADER false, QUOTE '', "
                        f"ESCAPE '', DELIMITER '\x01'{options})")
    finally:
        con.close()
    if spec.bad_rate > 0:
        with (folder / "events.jsonl").open("a", encoding="utf-8") as current:
            current.write(TORN_TAIL)  # the power went mid-write: no newline
        lines += 1
    return lines, chunks


def _one(args: tuple[Spec, int, Path]) -> tuple[int, int]:
    spec, kiosk, out = args
    return write_kiosk(spec, kiosk, out / kiosk_name(kiosk))


def write_collection(spec: Spec, out: Path, jobs: int = 2) -> tuple[int, int]:
    """Every kiosk's logs under `out`, a process per kiosk; (lines, files)."""
    out.mkdir(parents=True, exist_ok=True)
    work = [(spec, kiosk, out) for kiosk in range(spec.kiosks)]
    if jobs <= 1:
        results = [_one(item) for item in work]
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_one, work))
    return sum(r[0] for r in results), sum(r[1] for r in results)


def disk_bytes(out: Path) -> int:
    return sum(path.stat().st_size for path in out.glob("*/events.jsonl*"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--kiosks", type=int, default=Spec.kiosks)
    parser.add_argument("--days", type=int, default=Spec.days)
    parser.add_argument("--sessions", type=int, default=Spec.sessions,
                        help="average visits a kiosk has a day")
    parser.add_argument("--seed", type=int, default=Spec.seed)
    parser.add_argument("--rotate-mb", type=float, default=64.0)
    parser.add_argument("--bad-rate", type=float, default=0.0,
                        help="share of lines replaced by bad input (e.g. 0.0001)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    args = parser.parse_args(argv)
    spec = Spec(args.kiosks, args.days, args.sessions, args.seed,
                int(args.rotate_mb * 1_000_000), args.bad_rate)
    began = time.perf_counter()
    lines, files = write_collection(spec, args.out, args.jobs)
    took = time.perf_counter() - began
    print(f"{lines:,} lines in {files} files, {disk_bytes(args.out) / 1e9:.2f} GB on disk, "
          f"in {took:.1f} s ({lines / took / 1e6:.2f} M lines/s) under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
