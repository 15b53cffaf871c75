"""The report's charts, drawn by matplotlib as SVG text that the page inlines, and the
words and numbers the charts and the page share.

matplotlib is imported only where a chart is drawn (`kiosk report` alone draws), so
importing this module costs nothing. Each chart is a `Chart`, or None when it has no data.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kiosk.exhibit.languages import language_name
from kiosk.report.model import NO_LANGUAGE, PanelRow, Report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ACCENT = "#1d5c7a"
INK = "#1f2328"
MUTED = "#5d6670"
RULE = "#d5d9dc"
EMPTY_CELL = "#eef0f1"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What the page calls a panel, by its (era id, panel id) in the logs: its title in the
# exhibit (`kiosk report --exhibit`). A panel not in it is called by its ids.
Names = Mapping[tuple[str, str], str]
END_REASONS = {"home": "Home button", "start_again": "Start again, at the end",
               "idle": "Left alone: idle reset", "closed": "Closing time"}
TOP_PANELS = 15
TOP_EXITS = 10
STACKED_KIOSKS = 6
STEPS_AFTER_DAYS = 62  # days drawn as bars; more as a filled step shape
MIN_DWELL_VIEWS = 5  # a panel shown once or twice says little about how long it is read
# Figure widths in inches: at the page's widths one point of the chart is about one point
# of the page, so chart text reads at the size of the page's small print.
FULL = 12.0
HALF = 5.6
BAR_IN = 0.38  # the height of one horizontal bar and its gap

STYLE = {
    "svg.fonttype": "none",  # text stays text: small, searchable, in the page's fonts
    "text.parse_math": False,  # "$" in a panel id is a dollar sign, not mathtext
    "font.family": "sans-serif",
    "font.size": 13,
    "text.color": INK,
    "axes.labelcolor": MUTED,
    "axes.labelsize": 12.5,
    "axes.edgecolor": RULE,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.grid": False,
    "grid.color": "#eceef0",
    "xtick.color": RULE,
    "ytick.color": RULE,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.frameon": False,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
}


@dataclass(frozen=True, slots=True)
class Chart:
    """One drawn chart, its words for the page, and its SVG (with the XML prolog)."""

    id: str
    title: str
    caption: str
    desc: str  # the chart told in a sentence, for a screen reader
    svg: str


@dataclass(frozen=True, slots=True)
class PanelTotal:
    """One panel over every kiosk."""

    era: str
    panel: str
    views: int
    dwell_s: float | None


# --- words and numbers ------------------------------------------------------------------

def duration(seconds: float | None) -> str:
    """A length in the words of a clock: "45 s", "4 min 10 s", "1 h 05 min"."""
    if seconds is None:
        return "–"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    return f"{whole // 3600} h {whole % 3600 // 60:02d} min"


def minutes_words(minutes: float) -> str:
    """A round length in words: "30 seconds", "1 minute", "15 minutes"."""
    if minutes < 1:
        return f"{round(minutes * 60)} seconds"
    whole = f"{minutes:g}"
    return f"{whole} minute" if whole == "1" else f"{whole} minutes"


def short_day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def shorten(text: str, limit: int = 34) -> str:
    """A label that fits beside a bar; the tables keep the whole name."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def panel_name(era: str | None, panel: str | None, names: Names | None = None) -> str:
    """A panel as the page calls it: its title, else "era-id / panel-id" as logged."""
    if names and (named := names.get((era or "", panel or ""))):
        return named
    return f"{era or '?'} / {panel or '?'}"


def panel_label(era: str | None, panel: str | None, names: Names | None = None) -> str:
    return shorten(panel_name(era, panel, names))


def unnamed(shown: Iterable[tuple[str, str]], names: Names | None) -> str:
    """A caption's note for a chart of panels named by their titles that shows one by its
    ids (the exhibit does not have it): else that bar would puzzle; "" when none is."""
    if not names or all(names.get(key) for key in shown):
        return ""
    return (" A panel that is not in the exhibit (an older exhibit's) is shown by its ids, "
            "era / panel.")


def language_label(lang: str | None) -> str:
    """The language as the kiosk's own buttons name it ("Русский"), for a curator who
    did not write the codes."""
    return "No panel read" if not lang or lang == NO_LANGUAGE else language_name(lang)


def share_text(share: float) -> str:
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def shades(count: int) -> list[str]:
    """`count` tints of the accent, darkest first: kiosks stacked in one colour."""
    accent = [int(ACCENT[i:i + 2], 16) for i in (1, 3, 5)]
    tints = []
    for i in range(count):
        toward_white = 0.72 * i / max(count - 1, 1)
        tints.append("#" + "".join(f"{round(c + (255 - c) * toward_white):02x}"
                                   for c in accent))
    return tints


# --- figures the charts show ------------------------------------------------------------

def weighted_median(values: Iterable[tuple[float, int]]) -> float | None:
    """The middle value when each counts `weight` times (the lower one on a tie)."""
    ordered = sorted((value, weight) for value, weight in values if weight > 0)
    total = sum(weight for _, weight in ordered)
    running = 0
    for value, weight in ordered:
        running += weight
        if running * 2 >= total:
            return value
    return None


def panel_totals(rows: Iterable[PanelRow]) -> list[PanelTotal]:
    """Panels over every kiosk: views summed; dwell the views-weighted median of the
    kiosks' medians (the logs' single dwell times are not in the report)."""
    grouped: dict[tuple[str, str], list[PanelRow]] = defaultdict(list)
    for row in rows:
        grouped[row.era, row.panel].append(row)
    return [PanelTotal(era, panel, sum(r.views for r in group),
                       weighted_median((r.median_dwell_s, r.views) for r in group
                                       if r.median_dwell_s is not None))
            for (era, panel), group in grouped.items()]


def days_by_kiosk(report: Report) -> tuple[list[date], dict[str, list[int]]]:
    """Every day of the period (closed days too, as 0) and each kiosk's visits on it."""
    if report.first_day is None or report.last_day is None:
        return [], {}
    span = (report.last_day - report.first_day).days + 1
    days = [report.first_day + timedelta(days=i) for i in range(span)]
    index = {day: i for i, day in enumerate(days)}
    kiosks = list(dict.fromkeys([*report.kiosks, *(row.kiosk for row in report.days)]))
    counts = {kiosk: [0] * span for kiosk in kiosks}
    for row in report.days:
        if row.day in index:
            counts[row.kiosk][index[row.day]] += row.sessions
    return days, {k: v for k, v in counts.items() if any(v)}


# --- drawing ----------------------------------------------------------------------------

def figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.subplots()


def whole_numbers(ax: Axes) -> None:
    """Visits are counted: no tick at half a visit when there are few."""
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def visits_axis(ax: Axes, xlabel: str | None = None) -> None:
    """Visits up the side, in whole numbers on a light grid, with no axis line of its own."""
    ax.yaxis.grid(True)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", length=0)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    ax.set_ylabel("Visits")
    whole_numbers(ax)


def svg_text(fig: Figure, salt: str) -> str:
    """The figure as SVG; a salt per chart keeps its clip-path ids apart from the others'."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg",
                    metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return buffer.getvalue()


def bars_across(ax: Axes, labels: Sequence[str], values: Sequence[float],
                texts: Sequence[str], xlabel: str) -> None:
    """Horizontal bars, largest on top, each with its value at its end instead of a scale."""
    positions = range(len(labels))[::-1]
    ax.barh(list(positions), values, color=ACCENT, height=0.68)
    ax.set_yticks(list(positions), labels)
    ax.tick_params(axis="y", length=0)
    ax.set_xticks([])
    ax.spines[["bottom", "top", "right"]].set_visible(False)
    ax.spines["left"].set_color(RULE)
    peak = max(values, default=0) or 1
    for y, value, text in zip(positions, values, texts, strict=True):
        ax.text(value + peak * 0.015, y, text, va="center", fontsize=12, color=INK)
    ax.set_xlim(0, peak * 1.18)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    ax.set_xlabel(xlabel)


def bar_figure(labels: Sequence[str], values: Sequence[float], texts: Sequence[str],
               xlabel: str, width: float = HALF) -> Figure:
    fig, ax = figure(width, 0.9 + BAR_IN * len(labels))
    bars_across(ax, labels, values, texts, xlabel)
    return fig


def days_chart(report: Report) -> Chart | None:
    import matplotlib.dates as mdates

    days, counts = days_by_kiosk(report)
    if not counts:
        return None
    fig, ax = figure(FULL, 3.6)
    bottom = [0] * len(days)
    several = len(counts) > 1
    if len(counts) > STACKED_KIOSKS:  # shades past a few are told apart by nobody
        counts = {"All kiosks": [sum(day) for day in zip(*counts.values(), strict=True)]}
    # Past a few weeks a bar is a hairline: each kiosk's days become one filled step
    # shape instead, which looks the same and draws in a fraction of the time.
    steps = len(days) > STEPS_AFTER_DAYS
    edges = [mdates.date2num(days[0]) - 0.5 + i for i in range(len(days) + 1)]
    for (kiosk, values), colour in zip(counts.items(), shades(len(counts)), strict=True):
        top = [b + v for b, v in zip(bottom, values, strict=True)]
        if steps:
            ax.stairs(top, edges, baseline=bottom, fill=True, color=colour,
                      label=shorten(kiosk, 24), linewidth=0)
        else:
            ax.bar(days, values, bottom=bottom, width=0.8, color=colour,
                   label=shorten(kiosk, 24), linewidth=0)
        bottom = top
    if len(counts) > 1:
        handles, labels = ax.get_legend_handles_labels()
        # Kiosk names passed explicitly: matplotlib hides labels that begin with "_".
        ax.legend(handles, [shorten(k, 24) for k in counts], title="Kiosk",
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), alignment="left")
    if len(days) <= 16:  # room for each day's name under its bar
        ax.set_xticks(days, [f"{WEEKDAYS[d.weekday()]}\n{d.day}" for d in days])
        months = dict.fromkeys(f"{MONTHS[d.month - 1]} {d.year}" for d in days)
        ax.set_xlabel("Day (" + " – ".join(months) + ")")
    else:
        locator = mdates.AutoDateLocator(maxticks=12)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(
            locator, offset_formats=["", "%Y", "%B %Y", "%d %B %Y", "%d %B %Y", "%d %B %Y"]))
        ax.set_xlim(days[0] - timedelta(days=1), days[-1] + timedelta(days=1))
    ax.tick_params(axis="x", length=0)
    visits_axis(ax)
    busiest = max(range(len(days)), key=lambda i: bottom[i])
    caption = ("Each kiosk's visits stacked, one shade a kiosk." if len(counts) > 1
               else "All kiosks' visits together." if several
               else "Visits on each day.") + " A day without a bar had no visits."
    desc = (f"Visits per day from {short_day(days[0])} to {short_day(days[-1])}; the "
            f"busiest day was {short_day(days[busiest])} with {bottom[busiest]:,} visits.")
    return Chart("chart-days", "Visits per day", caption, desc, svg_text(fig, "days"))


def week_hours_chart(report: Report) -> Chart | None:
    grid = [[0] * 24 for _ in WEEKDAYS]
    for weekday, hour, sessions in report.week_hours:
        if 0 <= weekday < 7 and 0 <= hour < 24:
            grid[weekday][hour] += sessions
    peak = max(max(row) for row in grid)
    if peak == 0:
        return None
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.ticker import MaxNLocator

    fig, ax = figure(FULL, 3.5)
    # A few steps read at a glance (and keep the colour bar vector); no visits is grey.
    colours = LinearSegmentedColormap.from_list("visits", ["#d3e3ea", ACCENT], N=6)
    colours = colours.with_extremes(under=EMPTY_CELL)
    mesh = ax.pcolormesh(grid, cmap=colours, vmin=1, vmax=max(peak, 2), edgecolors="white",
                         linewidth=1.5)
    ax.set_xticks([h + 0.5 for h in range(24)], [str(h) for h in range(24)])
    ax.set_yticks([d + 0.5 for d in range(7)], WEEKDAYS)
    ax.invert_yaxis()  # Monday on top, as in a diary
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xlabel("Hour of the day (local time of the kiosks)")
    bar = fig.colorbar(mesh, ax=ax, shrink=0.85, aspect=14, pad=0.01)
    bar.set_label("Visits")
    bar.locator = MaxNLocator(nbins=4, integer=True)
    bar.outline.set_visible(False)
    bar.ax.tick_params(length=0)
    day, hour = max(((d, h) for d in range(7) for h in range(24)),
                    key=lambda dh: grid[dh[0]][dh[1]])
    desc = (f"Visits by weekday and hour; the busiest hour was {WEEKDAYS[day]} "
            f"{hour}:00 to {hour + 1}:00 with {peak:,} visits over the period.")
    caption = ("Visits begun in each hour of each weekday, all weeks of the period added "
               "up: the darker, the busier; grey, none. Hours are the kiosks' own local time.")
    return Chart("chart-week-hours", "Visits by hour of the week", caption, desc,
                 svg_text(fig, "week-hours"))


def lengths_chart(report: Report) -> Chart | None:
    minutes = sorted(s / 60 for s in report.session_lengths_s if s >= 0)
    if not minutes:
        return None
    # Bars up to the 98th percentile; the few longer visits go in the last bar.
    top = max(minutes[min(len(minutes) - 1, int(len(minutes) * 0.98))], 1.0)
    step = next((s for s in (0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120) if top / s <= 30),
                top / 30)
    edges = [i * step for i in range(int(top // step) + 2)]
    counts = [0] * (len(edges) - 1)
    for value in minutes:
        counts[min(int(value // step), len(counts) - 1)] += 1
    fig, ax = figure(HALF, 3.6)
    ax.bar(edges[:-1], counts, width=step * 0.92, align="edge", color=ACCENT, linewidth=0)
    median = (report.median_session_s / 60 if report.median_session_s is not None
              else minutes[len(minutes) // 2])
    ax.axvline(median, color=INK, linewidth=1.2, linestyle=(0, (4, 3)))
    ax.text(median, max(counts) * 1.04, f" median {duration(median * 60)}", color=INK,
            fontsize=12, va="bottom")
    ax.set_ylim(0, max(counts) * 1.15)
    ax.set_xlim(0, edges[-1])
    visits_axis(ax, "Length of the visit (minutes)")
    longer = sum(1 for m in minutes if m >= edges[-2])
    caption = (f"Each bar is {minutes_words(step)}. Visits of {minutes_words(edges[-2])} "
               f"or more ({longer:,}) are in the last bar.")
    sampled = len(report.session_lengths_s) < report.sessions
    if sampled:
        caption += f" Drawn from a sample of {len(minutes):,} visits."
    desc = f"How long visits lasted; the median visit lasted {duration(median * 60)}."
    return Chart("chart-lengths", "How long a visit lasts", caption, desc,
                 svg_text(fig, "lengths"))


def panel_views_chart(totals: list[PanelTotal], names: Names | None = None) -> Chart | None:
    ranked = sorted(totals, key=lambda t: (-t.views, str(t.era), str(t.panel)))[:TOP_PANELS]
    if not ranked:
        return None
    fig = bar_figure([panel_label(t.era, t.panel, names) for t in ranked],
                     [t.views for t in ranked], [f"{t.views:,}" for t in ranked], "Times shown")
    desc = (f"The {len(ranked)} panels shown most often; first "
            f"{panel_name(ranked[0].era, ranked[0].panel, names)}, shown "
            f"{ranked[0].views:,} times.")
    which = (f"The {len(ranked)} panels shown most often" if len(totals) > len(ranked)
             else f"All {len(ranked)} panels, by times shown")
    caption = (f"{which}, all kiosks added up." if names
               else f"{which}, each as era / panel; all kiosks added up.")
    caption += unnamed(((t.era, t.panel) for t in ranked), names)
    return Chart("chart-panel-views", "Panels shown most", caption, desc,
                 svg_text(fig, "panel-views"))


def panel_dwell_chart(totals: list[PanelTotal], names: Names | None = None) -> Chart | None:
    timed = [t for t in totals if t.dwell_s is not None]
    enough = [t for t in timed if t.views >= MIN_DWELL_VIEWS]
    chosen = enough or timed
    ranked = sorted(chosen, key=lambda t: (-(t.dwell_s or 0), str(t.era), str(t.panel)))
    ranked = ranked[:TOP_PANELS]
    if not ranked:
        return None
    fig = bar_figure([panel_label(t.era, t.panel, names) for t in ranked],
                     [t.dwell_s or 0 for t in ranked], [duration(t.dwell_s) for t in ranked],
                     "Median reading time")
    caption = ("The panels read longest: the median time on screen. Across kiosks, the "
               "middle of the kiosks' medians, each kiosk weighted by its views.")
    if enough:
        caption += f" Panels shown fewer than {MIN_DWELL_VIEWS} times are left out."
    caption += unnamed(((t.era, t.panel) for t in ranked), names)
    desc = (f"The {len(ranked)} panels read longest; first "
            f"{panel_name(ranked[0].era, ranked[0].panel, names)}, "
            f"{duration(ranked[0].dwell_s)}.")
    return Chart("chart-panel-dwell", "Panels read longest", caption, desc,
                 svg_text(fig, "panel-dwell"))


def depth_chart(report: Report) -> Chart | None:
    depth = sorted((seen, n) for seen, n in report.depth if n > 0)
    if not depth:
        return None
    fig, ax = figure(HALF, 3.6)
    ax.bar([seen for seen, _ in depth], [n for _, n in depth], width=0.8, color=ACCENT,
           linewidth=0)
    ax.xaxis.get_major_locator().set_params(integer=True)
    visits_axis(ax, "Panels seen in the visit")
    total = sum(n for _, n in depth)
    running, half = 0, depth[-1][0]
    for seen, n in reversed(depth):  # the most panels that half the visits reached
        running += n
        if running * 2 >= total:
            half = seen
            break
    caption = f"Half of the visits saw {half} panels or more."
    desc = f"Visits by the number of panels seen. {caption}"
    return Chart("chart-depth", "How far visitors get", caption, desc, svg_text(fig, "depth"))


def exits_chart(report: Report, names: Names | None = None) -> Chart | None:
    ranked = sorted(((e, p, n) for e, p, n in report.exits if n > 0),
                    key=lambda x: (-x[2], str(x[0]), str(x[1])))[:TOP_EXITS]
    if not ranked:
        return None
    total = sum(n for *_, n in report.exits) or 1
    fig = bar_figure([panel_label(e, p, names) for e, p, _ in ranked], [n for *_, n in ranked],
                     [f"{n:,}  ({share_text(n / total)})" for *_, n in ranked],
                     "Visits whose last panel it was")
    era, panel, n = ranked[0]
    desc = (f"The panels visits ended on most; first {panel_name(era, panel, names)}, "
            f"{n:,} visits.")
    caption = f"The {len(ranked)} panels most often the last one seen, with the share of visits."
    caption += unnamed(((e, p) for e, p, _ in ranked), names)
    return Chart("chart-exits", "Where visitors leave", caption, desc, svg_text(fig, "exits"))


def languages_chart(report: Report) -> Chart | None:
    ranked = sorted(((language_label(lang), share)
                     for lang, share in report.language_share.items() if share > 0),
                    key=lambda x: (-x[1], x[0]))
    if not ranked:
        return None
    fig = bar_figure([shorten(lang, 16) for lang, _ in ranked], [s for _, s in ranked],
                     [share_text(s) for _, s in ranked], "Share of visits")
    desc = "Share of visits by language: " + ", ".join(
        f"{lang} {share_text(share)}" for lang, share in ranked) + "."
    caption = "The language each visit read most of its panels in, or chose if it read none."
    if language_label(None) in (lang for lang, _ in ranked):
        caption += f" {language_label(None)}: visits that read no panel and chose no language."
    return Chart("chart-languages", "Languages", caption, desc, svg_text(fig, "languages"))


def end_reasons_chart(report: Report) -> Chart | None:
    order = [*END_REASONS, *sorted(set(report.end_reasons) - set(END_REASONS), key=str)]
    reasons = [(r, report.end_reasons.get(r, 0)) for r in order]
    total = sum(n for _, n in reasons)
    if total == 0:
        return None
    fig = bar_figure([END_REASONS.get(r, shorten(str(r), 24)) for r, _ in reasons],
                     [n for _, n in reasons],
                     [f"{n:,}  ({share_text(n / total)})" for _, n in reasons],
                     "Visits")
    desc = "How visits ended: " + ", ".join(
        f"{END_REASONS.get(r, str(r)).lower()} {n:,}" for r, n in reasons) + "."
    caption = ("An idle reset is a visit left alone until the kiosk started over; "
               "Home and Start again are a visitor's own ending.")
    return Chart("chart-end-reasons", "How visits end", caption, desc,
                 svg_text(fig, "end-reasons"))


def kiosks_chart(report: Report) -> Chart | None:
    rows = sorted((r for r in report.per_kiosk), key=lambda r: (-r.sessions, r.kiosk))
    if len(rows) < 2:
        return None
    fig = bar_figure([shorten(r.kiosk, 24) for r in rows], [r.sessions for r in rows],
                     [f"{r.sessions:,}" for r in rows], "Visits", width=FULL)
    desc = "Visits per kiosk: " + ", ".join(f"{r.kiosk} {r.sessions:,}" for r in rows) + "."
    return Chart("chart-kiosks", "Visits per kiosk", "Each kiosk's visits over the period.",
                 desc, svg_text(fig, "kiosks"))


def draw_charts(report: Report, names: Names | None = None) -> dict[str, Chart]:
    """Every chart there is data for, by id, in the page's order; panels called by
    ``names`` where it has them."""
    import matplotlib

    totals = panel_totals(report.panels)
    makers: list[Callable[[], Chart | None]] = [
        lambda: days_chart(report), lambda: week_hours_chart(report),
        lambda: lengths_chart(report), lambda: panel_views_chart(totals, names),
        lambda: panel_dwell_chart(totals, names), lambda: depth_chart(report),
        lambda: exits_chart(report, names), lambda: languages_chart(report),
        lambda: end_reasons_chart(report), lambda: kiosks_chart(report)]
    charts: dict[str, Chart] = {}
    with matplotlib.rc_context(STYLE):
        for make in makers:
            chart = make()
            if chart is not None:
                charts[chart.id] = chart
    return charts

