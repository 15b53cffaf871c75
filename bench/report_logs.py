"""A museum's year of visitor event logs, for benchmarking `kiosk report`.

Run: ``python -m bench.report_logs OUT [--kiosks 5] [--days 300] [--sessions 400]
[--seed 1] [--rotate-mb 64] [--bad-rate 0] [--jobs 2] [--exhibit exhibit.yaml]``.

Writes ``OUT/kiosk-NN/events.jsonl`` (the newest events) and ``events.jsonl.N.gz`` (older,
``.1.gz`` the newest of them), as a kiosk writes them, except that a file is rotated past
``--rotate-mb`` (64 MB by default, the kiosk's is 5 MB) so that a year stays a few hundred
files, and every rotated file is kept. Lines are built by DuckDB in SQL, one kiosk per
process: every random draw is a hash of the seed and the draw's place (kiosk, day,
session, step), so the same seed gives the same bytes however the work is split.

A kiosk's day: ``start`` before opening, ``opened`` at 10:00 local (Europe/Berlin, so
``+01:00`` or ``+02:00``), visits back to back until ``closed`` at 18:00 (on some days the
last visit is cut by it), ``stop`` after. A visit: a language chosen (or not), a walk
through the exhibit's pages in the kiosk's swipe order (`kiosk.exhibit.pages.build_pages`)
from an era's opening page, sometimes with a jump to another era's, with log-normal dwell
times, pictures opened, zoomed and closed, sometimes a language change or a dismissed idle
prompt, and an end: ``home``, ``start_again`` after the closing screen, or an idle reset
(idle timeout + countdown after the last touch). Busy days squeeze the visits' times to
fit the opening hours.

The exhibit: without ``--exhibit``, a made-up one (8 eras ``era-1``…, each an opening
page and 6 panels ``panel-1-1``…, panels 2 and 5 with two pictures and a quotation page,
the others with one picture; languages de, en, fr; idle 90 s + 15 s), whose logs stay the
same bytes as they always were. With ``--exhibit PATH``, that exhibit file's eras, panels,
quotation pages, pictures (their files in the visitor's language, as the kiosk logs them),
languages and idle settings, loaded as the kiosk does (`kiosk.exhibit.load`, pictures not
read). Visitors behave the same in both but for how long they read a panel (below). They
open a panel's first picture and, when it has more, its second; a page is read at most
85 s, or 5 s less than an idle timeout shorter than 90 s, so that no idle prompt comes
while someone reads.
With ``--exhibit``, a panel page's dwell (log-normal, median 9 s) is multiplied by the
panel's reading factor, in SQL from the ``exhibit_pages`` table, before the cap: the
square root of its body text's words in the visit's language (a plain whitespace count,
markup and all) over the exhibit's median panel in that language, kept within 0.5-2.5
(visitors skim a long text), times its pull (some panels hold visitors more than others:
log-normal, sigma 0.45, within 0.4-2.5, from a hash of its era and panel ids, the same at
every kiosk and with every seed). For the bundled exhibit (21 to 46 words a panel in
English) the factors run about 0.4 to 2.1, so ``kiosk report``'s median dwell runs about
2 s to 13 s a panel at 40 visits a day; busier days squeeze every dwell alike (about
1.5 s to 8 s at 150). Era openings and quotation pages are read as before, and the
made-up exhibit (no words) keeps every factor at 1.
Visits begin in the default language (the exhibit's first) or another with these shares:
one language 100 %, two 70/30, three 60/30/10, more 60 % the default and the rest
shared equally. A visit that changes language mid-way goes to the next one in the
exhibit's list, as the kiosk's language button does (the made-up exhibit keeps its old
draw: English or French at even odds, logged as if toggled between the two, even when
that is not the language the visit goes on in).

``--bad-rate`` replaces that share of lines with bad input, in equal parts: a line torn
short (power lost mid-write), a junk line, an unknown event, and a ``panel_shown`` from an
older kiosk without ``lang``; each kiosk's ``events.jsonl`` then also ends in a torn line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import NormalDist, median
from zoneinfo import ZoneInfo

import duckdb

from kiosk.exhibit.model import (
    Attract,
    Era,
    Exhibit,
    IdleSettings,
    Image,
    Panel,
    Picture,
    PictureFiles,
    Quote,
    Text,
)
from kiosk.exhibit.pages import build_pages

ERAS = 8  # the made-up exhibit's
PANELS_PER_ERA = 6
LANGUAGES = ("de", "en", "fr")  # the first is the exhibit's default
OPEN_S = 10 * 3600
CLOSE_S = 18 * 3600
TIMEZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2026, 1, 2)
# Tuesday to Sunday; the museum is closed on Mondays. Averages 1.
WEEKDAY_FACTOR = {1: 0.85, 2: 0.85, 3: 0.9, 4: 1.0, 5: 1.25, 6: 1.15}
TORN_TAIL = '{"time":"2026-12-04T17:59:58.120+01:00","event":"panel_sh'
# A panel page's reading time (--exhibit only): its text's words in the visit's language
# over the exhibit's median panel in that language, square-rooted (visitors skim a long
# text) within these bounds, times the panel's pull, log-normal from a hash of its ids.
TEXT_FACTOR = (0.5, 2.5)
PULL_SIGMA = 0.45
PULL_FACTOR = (0.4, 2.5)


@dataclass(frozen=True)
class Spec:
    """What to generate; `sessions` is the average number of visits a kiosk has a day."""

    kiosks: int = 5
    days: int = 300
    sessions: int = 400
    seed: int = 1
    rotate_bytes: int = 64_000_000
    bad_rate: float = 0.0
    exhibit: Path | None = None  # an exhibit file; None: the made-up exhibit


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


def made_up_exhibit() -> Exhibit:
    """The exhibit the logs have without ``--exhibit``: 8 eras of 6 panels, panels 2 and 5
    with two pictures and a quotation each. Nothing visitors read: the logs never say it."""
    blank = Text(())

    def panel(era: int, number: int) -> Panel:
        more = number in (2, 5)  # a second picture and a quotation
        files = [f"assets/era-{era}/panel-{era}-{number}-{k}.jpg"
                 for k in range(1, 3 if more else 2)]
        images = tuple(Image(PictureFiles(tuple((lang, Picture(file, Path(file)))
                                                for lang in LANGUAGES)), blank, blank)
                       for file in files)
        quote = Quote(blank, blank, blank, blank) if more else None
        return Panel(f"panel-{era}-{number}", blank, images, quote=quote)

    eras = tuple(Era(f"era-{era}", blank, "", blank,
                     tuple(panel(era, number) for number in range(1, PANELS_PER_ERA + 1)))
                 for era in range(1, ERAS + 1))
    return Exhibit(1, blank, LANGUAGES, Attract(blank), eras, Path("exhibit.yaml"))


def read_exhibit(path: Path) -> Exhibit:
    """The exhibit file as the kiosk loads it (its pictures not read)."""
    from kiosk.exhibit.load import load_exhibit  # the YAML reader, only when asked for

    loaded = load_exhibit(Path(path), check_images=False)
    if loaded.exhibit is None:
        errors = [str(d) for d in loaded.diagnostics if d.severity == "error"]
        raise ValueError(f"{path} is not a valid exhibit: " + "; ".join(errors[:5]))
    return loaded.exhibit


def _field(name: str, value: object) -> str:
    """``,"name":value``, as the kiosk's event log writes it (kiosk/live/eventlog.py)."""
    return f',"{name}":' + json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Shape:
    """An exhibit as the SQL walks it: the rows of its `exhibit_pages` and `pictures`
    tables, and its settings. Page numbers are the kiosk's page order (`build_pages`), so
    a swipe is one page on."""

    # (page, kind, panel number or None, pictures, era fields, era and panel fields,
    # the page's reading time factor in each of `languages`)
    pages: list[tuple[int, str, int | None, int, str, str | None, list[float]]]
    # (page, language, the first picture's fields, the second's or None)
    pictures: list[tuple[int, str, str, str | None]]
    era_starts: list[int]  # each era's opening page
    languages: tuple[str, ...]  # the first is the default
    idle: IdleSettings
    name: str  # the exhibit file's name, as `start` says it
    made_up: bool  # the made-up exhibit: its language change as it always was

    @classmethod
    def of(cls, exhibit: Exhibit, made_up: bool = False) -> Shape:
        pages: list[tuple[int, str, int | None, int, str, str | None, list[float]]] = []
        pictures: list[tuple[int, str, str, str | None]] = []
        era_starts: list[int] = []
        # The made-up exhibit has no words: every page as it always was.
        plain = [1.0] * len(exhibit.languages)
        factors = {} if made_up else reading_factors(exhibit)
        panels: dict[tuple[int, int], int] = {}  # a number for each panel, to count them
        for number, page in enumerate(build_pages(exhibit)):
            era_fields = _field("era", page.era.id)
            if page.panel is None:
                era_starts.append(number)
                pages.append((number, "era_opened", None, 0, era_fields, None, plain))
                continue
            panel = panels.setdefault((page.era_index, page.panel_index), len(panels))
            # The pictures a visitor opens: none on a quotation page, at most two.
            shown = page.pictures_panel.images[:2] if page.pictures_panel else ()
            # A quotation page is read as it always was; only a panel's own text counts.
            reading = plain if page.quote else factors.get((page.era.id, page.panel.id), plain)
            pages.append((number, "quote_shown" if page.quote else "panel_shown", panel,
                          len(shown), era_fields, era_fields + _field("panel", page.panel.id),
                          reading))
            for lang in exhibit.languages if shown else ():
                # The file in the visit's language: a chart with words has one a language.
                fields = [_field("image", image.files.get(lang).file) + _field("index", index)
                          for index, image in enumerate(shown)]
                pictures.append((number, lang, fields[0], fields[1] if len(fields) > 1
                                 else None))
        return cls(pages, pictures, era_starts, exhibit.languages, exhibit.idle,
                   exhibit.path.name, made_up)


def words(text: Text | None, lang: str) -> int:
    """Whitespace-separated words of a text in `lang`; its markup, if any, counted too."""
    return len(text.get(lang).split()) if text is not None else 0


def _bounded(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def pull(era_id: str, panel_id: str) -> float:
    """How much more (or less) than its text alone a panel holds visitors: a hash of its
    ids, so the same panels pull at every kiosk, with every seed."""
    digest = hashlib.sha256(f"{era_id}/{panel_id}".encode()).digest()
    uniform = (int.from_bytes(digest[:6], "big") + 0.5) / 2**48  # never 0 or 1
    return _bounded(math.exp(PULL_SIGMA * NormalDist().inv_cdf(uniform)), PULL_FACTOR)


def reading_factors(exhibit: Exhibit) -> dict[tuple[str, str], list[float]]:
    """Each panel's (era id, panel id) reading time factor in each of the exhibit's
    languages: its text length's (see TEXT_FACTOR) times its pull."""
    panels = list(exhibit.panels())
    middles = {lang: median(words(panel.text, lang) for _, panel in panels) if panels else 0
               for lang in exhibit.languages}
    factors: dict[tuple[str, str], list[float]] = {}
    for era, panel in panels:
        held = pull(era.id, panel.id)
        factors[era.id, panel.id] = [
            held * (_bounded(math.sqrt(words(panel.text, lang) / middles[lang]), TEXT_FACTOR)
                    if middles[lang] > 0 else 1.0)
            for lang in exhibit.languages]
    return factors


def exhibit_shape(spec: Spec) -> Shape:
    """The shape of the spec's exhibit, or of the made-up one."""
    if spec.exhibit is None:
        return Shape.of(made_up_exhibit(), made_up=True)
    return Shape.of(read_exhibit(spec.exhibit))


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
           FIRST_LANG AS lang,
           -- the language after a change (may name `lang` just above)
           CHANGED_LANG AS lang2,
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
       CASE WHEN wanted > 2 AND u(day, s, 0, 14) < CHANGE_RATE
            THEN 1 + floor(u(day, s, 0, 15) * (wanted - 1))::INT ELSE -1 END AS change_at
FROM raw
"""

# One row per page a visit shows, with its dwell: `var` squeezed on busy days, `fixed` not
# (the idle timeout before an idle prompt someone answered within its countdown).
STEPS = """
CREATE TABLE steps AS
WITH walk AS (
    SELECT s.day, s.s, i.i, s.change_at, s.wanted,
           -- the language the page is read in
           CASE WHEN s.change_at >= 0 AND i.i > s.change_at THEN s.lang2 ELSE s.lang END
               AS lang,
           CASE WHEN i.i < s.first_leg THEN ERA_STARTS[s.era0 + 1] + i.i
                ELSE ERA_STARTS[s.era1 + 1] + i.i - s.first_leg END AS page
    FROM sessions s, range(s.wanted) i(i)
), placed AS (
    -- a page past the last one is not in `exhibit_pages`: the visit walked off the end
    SELECT *, u(day, s, i, 20) < 0.003 AS dismissed,
           -- the page's own reading time (its text, its pull), capped after that
           least(DWELL_CAP, exp(ln(DWELL_MEDIAN) + 0.9 * z(day, s, i, 21))
                            * reading[list_position(LANGUAGES, lang)]) AS dwell
    FROM walk JOIN exhibit_pages USING (page)
)
SELECT day, s, i, page, panel, kind, lang,
       i = change_at AND NOT dismissed AS changes,
       pictures > 0 AND NOT dismissed AND u(day, s, i, 22) < 0.25 AS img,
       u(day, s, i, 23) < 0.4 AS zoom0,
       pictures > 1 AND u(day, s, i, 24) < 0.35 AS img1,
       u(day, s, i, 25) < 0.4 AS zoom1,
       CASE WHEN dismissed THEN 2 + u(day, s, i, 26) * 18 ELSE dwell END AS var,
       CASE WHEN dismissed THEN IDLE_TIMEOUT + 1 + floor(u(day, s, i, 27) * DISMISS_SPAN)
            ELSE 0 END AS fixed,
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
           count(DISTINCT CASE WHEN kind = 'panel_shown' THEN panel END) AS seen,
           arg_max(var, i) AS last_var, arg_max(fixed, i) AS last_fixed
    FROM steps GROUP BY day, s
), ended AS (
    SELECT v.*, w.n, w.last_i, w.seen,
           v.first_leg = v.wanted AND ERA_STARTS[v.era0 + 1] + v.wanted > PAGES AS finished,
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
       p.era_f, p.panel_f, pic.first_f, pic.second_f
FROM steps st JOIN visits v USING (day, s) JOIN exhibit_pages p USING (page)
     -- the picture files in the language the page is read in
     LEFT JOIN pictures pic ON pic.page = st.page AND pic.lang = st.lang
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
    UNION ALL SELECT day, s, i, 1, t + 0.25 * d, 'image_opened', panel_f || first_f, cut
           FROM timed WHERE img
    UNION ALL SELECT day, s, i, 2, t + 0.35 * d, 'image_zoomed', panel_f || first_f, cut
           FROM timed WHERE zoom0
    UNION ALL SELECT day, s, i, 3, t + 0.5 * d, 'image_opened', panel_f || second_f, cut
           FROM timed WHERE img1
    UNION ALL SELECT day, s, i, 4, t + 0.6 * d, 'image_zoomed', panel_f || second_f, cut
           FROM timed WHERE zoom1
    UNION ALL SELECT day, s, i, 5, t + 0.8 * d, 'image_closed', '', cut
           FROM timed WHERE img_closed
    UNION ALL SELECT day, s, i, 6, t + 0.9 * d, 'language_changed',
           ',"lang":"' || CHANGED_TO || '"', cut
           FROM timed WHERE changes
    UNION ALL SELECT day, s, i, 7, t + IDLE_TIMEOUT, 'idle_prompt', '', cut
           FROM timed WHERE dismissed
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
           CASE WHEN finished THEN finish_s ELSE last_touch_s END + IDLE_TIMEOUT,
           'idle_prompt', ''
           FROM ends WHERE reason = 'idle'
    UNION ALL SELECT day, s, 1000, 2, end_s, 'idle_reset', '' FROM ends WHERE reason = 'idle'
    UNION ALL SELECT day, s, 1000, 3, end_s, 'session_end',
           ',"reason":"' || reason || '","seconds":' || printf('%.1f', end_s - start_s)
           || ',"panels_seen":' || seen
           || IDLE_FIELDS
           FROM ends
    UNION ALL SELECT day, s, 1000, 4, end_s, 'attract_shown', '' FROM ends
), daily AS (
    SELECT day, -2 AS s, 0 AS i, 0 AS sub, OPEN - 1200 + u(day, 0, 0, 40) * 600 AS t,
           'start' AS ev, START_FIELDS AS fields FROM days
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


def language_shares(count: int) -> list[float]:
    """The share of visits in each of `count` languages, the default first."""
    if count <= 3:
        return [[1.0], [0.7, 0.3], [0.6, 0.3, 0.1]][count - 1]
    return [0.6] + [0.4 / (count - 1)] * (count - 1)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _number(value: float) -> str:
    """90.0 as 90: the made-up exhibit's statements stay as they were written."""
    return str(int(value)) if value == int(value) else repr(value)


def _drawn(draw: str, languages: tuple[str, ...], shares: list[float]) -> str:
    """SQL for the language a uniform draw lands on, each language taking its share."""
    whens, edge = [], 0.0
    for lang, share in zip(languages[:-1], shares, strict=False):
        edge += share
        whens.append(f"WHEN {draw} < {round(edge, 6)!r} THEN {_sql_text(lang)}")
    last = _sql_text(languages[-1])
    return f"CASE {' '.join(whens)} ELSE {last} END" if whens else last


def _toggled(languages: tuple[str, ...]) -> str:
    """SQL for the language after `lang`: the next in the list, as the kiosk's button."""
    if len(languages) == 1:
        return _sql_text(languages[0])
    whens = " ".join(f"WHEN {_sql_text(lang)} THEN {_sql_text(after)}"
                     for lang, after in zip(languages, languages[1:], strict=False))
    return f"CASE lang {whens} ELSE {_sql_text(languages[0])} END"


def _values(spec: Spec, shape: Shape) -> dict[str, str]:
    """What the statements' capitalised names stand for."""
    idle = shape.idle
    languages = shape.languages
    first = _drawn("u(d.day, s.s, 0, 9)", languages, language_shares(len(languages)))
    if shape.made_up:  # as it always was, so that the made-up logs stay the same bytes
        changed = "CASE WHEN u(d.day, s.s, 0, 10) < 0.5 THEN 'en' ELSE 'fr' END"
        changed_to = "CASE WHEN lang = 'en' THEN 'fr' ELSE 'en' END"
    else:
        changed = changed_to = _toggled(languages)
    # About 30 lines a visit; at 400 visits a day the dwell times are squeezed to fit.
    return {"MEAN_STEPS": "21", "PAGES": str(len(shape.pages)),
            "ERA_STARTS": str(shape.era_starts), "ERAS": str(len(shape.era_starts)),
            "DWELL_MEDIAN": "9", "IDLE_SHARE": "0.18",
            "LANGUAGES": "[" + ", ".join(_sql_text(lang) for lang in languages) + "]",
            # a page is left before the idle prompt would come
            "DWELL_CAP": _number(min(85.0, idle.timeout - 5)),
            "IDLE_TIMEOUT": _number(idle.timeout),
            "IDLE_AFTER": _number(idle.timeout + idle.countdown),
            # an idle prompt is answered a second after it comes at the soonest, two before
            # the reset at the latest
            "DISMISS_SPAN": _number(max(idle.countdown - 2, 0.0)),
            "IDLE_FIELDS": _sql_text(_field("idle_timeout", idle.timeout)
                                     + _field("idle_countdown", idle.countdown)),
            "START_FIELDS": _sql_text(_field("exhibit", shape.name) + _field("mode", "kiosk")),
            "FIRST_LANG": first, "CHANGED_LANG": changed, "CHANGED_TO": changed_to,
            "CHANGE_RATE": "0.08" if len(languages) > 1 else "0",
            "OPEN": str(OPEN_S), "CLOSE": str(CLOSE_S),
            "RELOAD_RATE": str(1 / (14 * max(spec.sessions, 1))),
            "BAD_RATE": repr(float(spec.bad_rate)),
            "SESSIONS": str(spec.sessions), "ROTATE": str(spec.rotate_bytes)}


def _sql(text: str, values: dict[str, str]) -> str:
    """The statements with the exhibit's shape and the spec's constants put in."""
    # One pass, whole names only: a value (a file name, say) is never looked into.
    names = sorted(values, key=len, reverse=True)
    return re.sub(r"\b(" + "|".join(names) + r")\b", lambda m: values[m.group(1)], text)


def write_kiosk(spec: Spec, kiosk: int, folder: Path, shape: Shape | None = None
                ) -> tuple[int, int]:
    """One kiosk's year into `folder`; (lines, files). `shape` is the spec's exhibit."""
    shape = shape or exhibit_shape(spec)
    values = _values(spec, shape)
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
        con.execute("CREATE TABLE exhibit_pages (page INT, kind VARCHAR, panel INT, pictures INT, "
                    "era_f VARCHAR, panel_f VARCHAR, reading DOUBLE[])")
        con.executemany("INSERT INTO exhibit_pages VALUES (?, ?, ?, ?, ?, ?, ?)", shape.pages)
        con.execute("CREATE TABLE pictures (page INT, lang VARCHAR, first_f VARCHAR, "
                    "second_f VARCHAR)")
        if shape.pictures:
            con.executemany("INSERT INTO pictures VALUES (?, ?, ?, ?)", shape.pictures)
        # Each table dropped once used: a kiosk-year's tables peak near 2 GB otherwise.
        for statement in (DAYS, SESSIONS, STEPS, LAYOUT, CUT, TIMED, "DROP TABLE steps",
                          EVENTS, "DROP TABLE timed", LINES, "DROP TABLE events"):
            con.execute(_sql(statement, values))
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


def _one(args: tuple[Spec, Shape, int, Path]) -> tuple[int, int]:
    spec, shape, kiosk, out = args
    return write_kiosk(spec, kiosk, out / kiosk_name(kiosk), shape)


def write_collection(spec: Spec, out: Path, jobs: int = 2) -> tuple[int, int]:
    """Every kiosk's logs under `out`, a process per kiosk; (lines, files)."""
    shape = exhibit_shape(spec)  # read once, and a broken exhibit file stops us here
    out.mkdir(parents=True, exist_ok=True)
    work = [(spec, shape, kiosk, out) for kiosk in range(spec.kiosks)]
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
    parser.add_argument("--exhibit", type=Path, default=None, metavar="PATH",
                        help="the logs of this exhibit file's pages, languages and idle "
                             "settings (default: a made-up exhibit)")
    args = parser.parse_args(argv)
    if args.exhibit is not None and not args.exhibit.is_file():
        parser.error(f"--exhibit {args.exhibit}: no such file")
    spec = Spec(args.kiosks, args.days, args.sessions, args.seed,
                int(args.rotate_mb * 1_000_000), args.bad_rate, args.exhibit)
    began = time.perf_counter()
    lines, files = write_collection(spec, args.out, args.jobs)
    took = time.perf_counter() - began
    print(f"{lines:,} lines in {files} files, {disk_bytes(args.out) / 1e9:.2f} GB on disk, "
          f"in {took:.1f} s ({lines / took / 1e6:.2f} M lines/s) under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
