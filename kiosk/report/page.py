"""report.html: the report as one page a curator reads at a glance.

The page stands alone (charts inlined as SVG, the system's fonts, no script, nothing
fetched), so it opens from a USB stick. Every string from the logs is escaped: kiosk
names, panel ids and titles, and event names come from files anyone could have written.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape
from pathlib import Path

from kiosk.report.charts import Chart, Names, draw_charts, duration, share_text
from kiosk.report.model import InputProblems, KioskRow, Report

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
KIOSKS_NAMED = 4  # in the headline; the table lists every kiosk
FONTS = ('system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", '
         '"Liberation Sans", Arial, sans-serif')
# Sections of the page: heading, and its charts (side by side when two fit).
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("when", "When visitors came", ("chart-days", "chart-week-hours")),
    ("reading", "What they read", ("chart-panel-views", "chart-panel-dwell")),
    ("visits", "How visits go",
     ("chart-lengths", "chart-depth", "chart-exits", "chart-end-reasons")),
)
# Charts drawn full width (by their figure size) span the grid; the others go two a row.
WIDE = frozenset({"chart-days", "chart-week-hours"})
CSS = """
:root { --ink: #1f2328; --muted: #5d6670; --accent: #1d5c7a; --rule: #e1e4e6;
  --paper: #fbfaf7; color: var(--ink); background: var(--paper);
  font-family: FONTS; font-size: 18px; line-height: 1.45; }
body { max-width: 72rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 2.3rem; margin: 0; line-height: 1.15; }
.period { color: var(--muted); font-size: 1.15rem; margin: .3rem 0 0; }
h2 { font-size: 1.5rem; margin: 2.8rem 0 1rem; padding-bottom: .3rem;
  border-bottom: 2px solid var(--rule); }
.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(10.5rem, 1fr));
  gap: .9rem; margin: 1.6rem 0 0; padding: 0; }
.headline div, figure, .numbers div { background: #fff; border: 1px solid var(--rule);
  border-radius: .5rem; }
.headline div { padding: .8rem 1rem; }
.headline dt, .numbers dt { color: var(--muted); font-size: .95rem; }
.headline dd { margin: .1rem 0 0; font-size: 2.1rem; font-weight: 650; color: var(--accent);
  line-height: 1.15; white-space: nowrap; }
.unit { font-size: .6em; font-weight: 600; margin: 0 .25em 0 .1em; }
.headline small, .numbers small { display: block; color: var(--muted); font-size: .9rem;
  font-weight: 400; white-space: normal; margin-top: .15rem; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(28rem, 100%), 1fr));
  gap: 1.2rem; align-items: start; }
.wide { grid-column: 1 / -1; overflow-x: auto; }
/* A wide chart shrunk to a phone's width would shrink its words past reading (a half-width
   one keeps them legible): below this width it scrolls sideways in its card instead. */
.wide svg { min-width: 40rem; }
figure { margin: 0; padding: 1rem 1.1rem .8rem; }
figure svg { display: block; width: 100%; height: auto; margin: .6rem auto 0; }
figcaption { color: var(--muted); font-size: .95rem; }
figcaption strong { display: block; color: var(--ink); font-size: 1.15rem; }
.numbers { display: flex; flex-wrap: wrap; gap: .9rem; margin: 0; }
.numbers div { padding: .8rem 1.1rem; flex: 1 1 12rem; }
.numbers dd { margin: 0; font-size: 1.9rem; font-weight: 650; color: var(--accent); }
table { border-collapse: collapse; width: 100%; background: #fff; margin-bottom: 1.2rem;
  border: 1px solid var(--rule); }
th, td { padding: .45rem .8rem; text-align: right; border-bottom: 1px solid var(--rule); }
th:first-child, td:first-child { text-align: left; overflow-wrap: anywhere; }
th { color: var(--muted); font-weight: 600; font-size: .9rem; white-space: nowrap; }
td + td { white-space: nowrap; }
.none, .empty { color: var(--muted); }
.empty { font-size: 1.25rem; background: #fff; border: 1px solid var(--rule);
  border-radius: .5rem; padding: 1.2rem 1.4rem; margin-top: 1.6rem; }
.leftout li { margin: .3rem 0; }
code { font-size: .92em; background: #eef0f1; padding: 0 .25em; border-radius: .2em;
  overflow-wrap: anywhere; }
@media print { :root { background: #fff; font-size: 14px; } figure, table, .headline div
  { break-inside: avoid; } }
""".replace("FONTS", FONTS)


def write_page(report: Report, out: Path, *, title: str = "Visitors",
               names: Names | None = None) -> Path:
    """Write out/report.html and return its path; panels called by ``names`` (their titles
    in the exhibit) where it has them, else by their ids."""
    import matplotlib

    matplotlib.use("Agg")  # before anything reaches for pyplot: no display needed
    path = out / "report.html"
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(page(report, draw_charts(report, names), title), encoding="utf-8")
    return path


def page(report: Report, charts: dict[str, Chart], title: str) -> str:
    parts = [header(report, title), headline(report)]
    if report.sessions == 0:
        parts.append('<p class="empty">No visits were recorded in these logs, so there is '
                      "nothing to chart.</p>")
    else:
        parts += [section(key, heading, [charts.get(c) for c in ids], ids)
                  for key, heading, ids in SECTIONS]
        parts += [languages_and_pictures(report, charts), kiosks(report, charts)]
    parts.append(left_out(report.problems))
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}: {escape(period(report))}</title>\n"
            f"<style>{CSS}</style>\n</head>\n<body>\n"
            + "\n".join(p for p in parts if p) + "\n</body>\n</html>\n")


# --- words ------------------------------------------------------------------------------

def count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def span(first: date, last: date) -> str:
    """A period in words: "1–14 June 2026", "28 May – 3 June 2026"."""
    month = MONTH_NAMES[last.month - 1]
    if first == last:
        return f"{last.day} {month} {last.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month} {last.year}"
    start = f"{first.day} {MONTH_NAMES[first.month - 1]}"
    if first.year != last.year:
        start += f" {first.year}"
    return f"{start} – {last.day} {month} {last.year}"


def period(report: Report) -> str:
    first, last = report.first_day, report.last_day
    return "No visits" if first is None or last is None else span(first, last)


def days_in(report: Report) -> int:
    first, last = report.first_day, report.last_day
    return 0 if first is None or last is None else (last - first).days + 1


def number(text: str) -> str:
    """A headline figure, escaped, its units ("min", "s", "%") set smaller than the digits."""
    return re.sub(r"\s?([^\d\s,.–]+)", r'<span class="unit">\1</span>', escape(text))


def big(n: int) -> str:
    """A count for a headline card: whole up to six digits, then in millions, so that a
    museum's year fits its card ("7.6 million" rather than "7,618,675")."""
    return f"{n:,}" if n < 1_000_000 else f"{n / 1_000_000:.1f} million"


# --- parts of the page ------------------------------------------------------------------

def header(report: Report, title: str) -> str:
    kiosks = count(len(report.kiosks), "kiosk")
    return (f"<header><h1>{escape(title)}</h1>"
            f'<p class="period">{escape(period(report))} · {kiosks}</p></header>')


def headline(report: Report) -> str:
    some = report.sessions > 0
    per_visit = f"{report.panel_views / report.sessions:.1f} a visit" if some else ""
    idle = "–" if report.idle_reset_share is None else share_text(report.idle_reset_share)
    days = days_in(report)
    names = ", ".join(report.kiosks[:KIOSKS_NAMED])
    if len(report.kiosks) > KIOSKS_NAMED:
        names += f" and {len(report.kiosks) - KIOSKS_NAMED:,} more"
    cards = [
        ("Visits", big(report.sessions), ""),
        ("Median visit", duration(report.median_session_s),
         "half the visits were longer" if some else ""),
        ("Panels read", big(report.panel_views), per_visit),
        ("Left idle", idle, "of the visits ended by the idle reset" if some else ""),
        ("Period", f"{days:,} {'day' if days == 1 else 'days'}", period(report) if some else ""),
        ("Kiosks", f"{len(report.kiosks):,}", names),
    ]
    items = [f"<div><dt>{escape(label)}</dt><dd>{number(value)}"
             f"{f'<small>{escape(note)}</small>' if note else ''}</dd></div>"
             for label, value, note in cards]
    return f'<dl class="headline">{"".join(items)}</dl>'


def figure(chart: Chart | None, chart_id: str, wide: bool = False) -> str:
    """One chart in its <figure>; a missing chart is a line saying there was nothing."""
    cls = ' class="wide"' if wide else ""
    if chart is None:
        return f'<p class="none" id="{chart_id}"{cls}>Nothing to show here for this period.</p>'
    return (f'<figure id="{chart.id}"{cls}><figcaption><strong>{escape(chart.title)}</strong>'
            f"{escape(chart.caption)}</figcaption>\n{inline_svg(chart)}\n</figure>")


def inline_svg(chart: Chart) -> str:
    """matplotlib's SVG made fit for an HTML page: no prolog, sized by its box, an accessible
    title and description, and ids prefixed with the chart's so charts never share one."""
    svg = compact(chart.svg[chart.svg.index("<svg"):])
    prefix = chart.id + "-"
    svg = re.sub(r'\bid="', f'id="{prefix}', svg)
    svg = svg.replace("url(#", f"url(#{prefix}").replace('href="#', f'href="#{prefix}')
    root_end = svg.index(">") + 1
    # Sized by the page, up to its drawn size: a small chart is never blown up.
    points = re.search(r'\swidth="([\d.]+)pt"', svg[:root_end])
    natural = f' style="max-width: {float(points[1]) * 4 / 3:.0f}px"' if points else ""
    root = re.sub(r'\s(width|height)="[^"]*"', "", svg[:root_end - 1])
    labels = f"{prefix}title {prefix}desc"
    return (f'{root}{natural} role="img" aria-labelledby="{labels}">'
            f'<title id="{prefix}title">{escape(chart.title)}</title>'
            f'<desc id="{prefix}desc">{escape(chart.desc)}</desc>{svg[root_end:]}').strip()


def compact(svg: str) -> str:
    """matplotlib's SVG made smaller, its text in the page's fonts: path coordinates to a
    tenth of a point, no indentation (SVG collapses white space in text anyway), and no
    font named in the text's style, so it inherits the page's."""
    svg = re.sub(r'\sd="([^"]*)"',
                 lambda path: ' d="' + re.sub(r"(\.\d)\d+", r"\1", path[1]) + '"', svg)
    svg = re.sub(r"font-family:[^;\"]*;?\s*", "", svg)
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", svg))


def section(key: str, heading: str, charts: list[Chart | None], ids: tuple[str, ...]) -> str:
    body = "\n".join(figure(chart, chart_id, chart_id in WIDE)
                     for chart, chart_id in zip(charts, ids, strict=True))
    return f'<section id="{key}"><h2>{escape(heading)}</h2><div class="grid">{body}</div></section>'


def languages_and_pictures(report: Report, charts: dict[str, Chart]) -> str:
    opened, zoomed = report.pictures_opened, report.pictures_zoomed
    zoom_share = share_text(zoomed / opened) if opened else "–"
    per_visit = f"{opened / report.sessions:.1f} a visit" if report.sessions else ""
    numbers = (
        '<dl class="numbers">'
        f"<div><dt>Pictures opened</dt><dd>{number(big(opened))}<small>{per_visit}</small>"
        "</dd></div>"
        f"<div><dt>Pictures zoomed into</dt><dd>{number(big(zoomed))}"
        f"<small>{zoom_share} of the pictures opened</small></dd></div></dl>")
    pictures = f"<div>{numbers}</div>"
    return ('<section id="languages"><h2>Languages and pictures</h2><div class="grid">'
            f'{figure(charts.get("chart-languages"), "chart-languages")}{pictures}'
            "</div></section>")


def kiosk_row(row: KioskRow) -> str:
    idle = "–" if row.idle_reset_share is None else share_text(row.idle_reset_share)
    return (f"<tr><td>{escape(row.kiosk)}</td><td>{row.sessions:,}</td>"
            f"<td>{duration(row.median_session_s)}</td><td>{idle}</td>"
            f"<td>{row.panel_views:,}</td></tr>")


def kiosks(report: Report, charts: dict[str, Chart]) -> str:
    if not report.per_kiosk:
        return ""
    rows = "".join(kiosk_row(row) for row in sorted(report.per_kiosk, key=lambda r: r.kiosk))
    table = ("<table><thead><tr><th>Kiosk</th><th>Visits</th><th>Median visit</th>"
             "<th>Left idle</th><th>Panels read</th></tr></thead>"
             f"<tbody>{rows}</tbody></table>")
    chart = charts.get("chart-kiosks")
    drawn = figure(chart, "chart-kiosks", wide=True) if chart is not None else ""
    return f'<section id="kiosks"><h2>Each kiosk</h2>{table}{drawn}</section>'


def left_out(problems: InputProblems) -> str:
    """What the figures leave out, in plain words; nothing at all when nothing was read."""
    items = []
    if problems.files or problems.lines:
        items.append(f"Read {count(problems.files, 'log file')} with "
                     f"{count(problems.lines, 'line')}.")
    if problems.unreadable_lines:
        items.append(f"{count(problems.unreadable_lines, 'line')} could not be read (not "
                     "JSON: a line cut short by a power cut, or junk) and "
                     f"{'is' if problems.unreadable_lines == 1 else 'are'} left out.")
    if problems.unknown_events:
        named = sorted(problems.unknown_events.items(), key=lambda x: (-x[1], x[0]))
        listed = ", ".join(f"<code>{escape(str(name))}</code> ({n:,})" for name, n in named)
        total = sum(problems.unknown_events.values())
        items.append(f"{count(total, 'line')} with events this report does not know, left "
                     f"out: {listed}.")
    if problems.unreadable_files:
        listed = ", ".join(f"<code>{escape(name)}</code>" for name in problems.unreadable_files)
        items.append(f"{count(len(problems.unreadable_files), 'compressed log')} cut short "
                     f"(the power went while it was written) could not be read at all and "
                     f"{'is' if len(problems.unreadable_files) == 1 else 'are'} left out: "
                     f"{listed}.")
    if problems.unfinished_sessions:
        n = problems.unfinished_sessions
        items.append(f"{count(n, 'visit')} cut off by a stop or a crash before "
                     f"{'it' if n == 1 else 'they'} ended {'is' if n == 1 else 'are'} "
                     "not counted.")
    if not items:
        return ""
    if len(items) == 1 and (problems.files or problems.lines):
        items.append("Every line was read and counted.")
    body = "".join(f"<li>{item}</li>" for item in items)
    return ('<section id="left-out"><h2>What the figures leave out</h2>'
            f'<ul class="leftout">{body}</ul></section>')
