"""report.html tells a curator the figures at a glance, stands alone on a USB stick, and
shows whatever the logs held as text, never as markup."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.report.charts import (
    STYLE,
    languages_chart,
    panel_totals,
    shorten,
    unnamed,
    weighted_median,
)
from kiosk.report.command import exhibit_names, report_command
from kiosk.report.model import DayRow, InputProblems, KioskRow, PanelRow, Report
from kiosk.report.page import page as page_text
from kiosk.report.page import write_page

HOSTILE = "<script>alert(1)</script>"
CHARTS = ("chart-days", "chart-week-hours", "chart-panel-views", "chart-panel-dwell",
          "chart-lengths", "chart-depth", "chart-exits", "chart-end-reasons",
          "chart-languages", "chart-kiosks")  # in the page's order


def two_kiosks() -> Report:
    """A week at two kiosks, one of them named by someone hostile."""
    kiosks = ("lobby", HOSTILE)
    first = date(2026, 6, 1)
    days = tuple(DayRow(kiosk, first + timedelta(days=i), 20 + 5 * i + k, 240.0 + i, 2)
                 for k, kiosk in enumerate(kiosks) for i in range(7))
    panels = tuple(PanelRow(kiosk, era, panel, views, dwell)
                   for kiosk in kiosks
                   for era, panel, views, dwell in (
                       ("ancient", "fire", 120, 40.0), ("ancient", "wheel & axle", 90, 75.0),
                       ("modern", "steam $5 <b>", 60, 20.0), ("modern", "space", 3, 300.0)))
    return Report(
        kiosks=kiosks, first_day=first, last_day=first + timedelta(days=6), sessions=1234,
        panel_views=5678, median_session_s=251.0,
        language_share={"en": 0.6, "de": 0.3, "fr": 0.1}, idle_reset_share=0.18,
        end_reasons={"home": 700, "start_again": 300, "idle": 222, "closed": 12},
        days=days, panels=panels,
        per_kiosk=(KioskRow("lobby", 700, 240.0, 0.2, 3000),
                   KioskRow(HOSTILE, 534, 262.0, 0.15, 2678)),
        week_hours=tuple((d, h, 3 + d + h % 4) for d in range(7) for h in range(10, 18)),
        session_lengths_s=tuple(30.0 + 17 * i % 900 for i in range(400)),
        depth=((0, 50), (1, 200), (2, 300), (3, 400), (4, 284)),
        exits=(("ancient", "fire", 500), ("modern", HOSTILE, 400), ("modern", "space", 334)),
        pictures_opened=812, pictures_zoomed=203,
        problems=InputProblems(files=4, lines=48213, unreadable_lines=2,
                               unknown_events={"debug<b>": 4, "foo": 1},
                               unfinished_sessions=3))


def empty() -> Report:
    return Report(kiosks=(), first_day=None, last_day=None, sessions=0, panel_views=0,
                  median_session_s=None, language_share={}, idle_reset_share=None,
                  end_reasons={}, days=(), panels=(), per_kiosk=(), week_hours=(),
                  session_lengths_s=(), depth=(), exits=(), pictures_opened=0,
                  pictures_zoomed=0)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("report")
    return write_page(two_kiosks(), out, title="Visitors & friends").read_text("utf-8")


def figures(html: str) -> dict[str, str]:
    """Each <figure>'s id and its markup."""
    return dict(re.findall(r'<figure id="([^"]+)".*?>(.*?)</figure>', html, re.S))


def test_the_page_is_report_html_in_the_folder_given(tmp_path: Path) -> None:
    written = write_page(empty(), tmp_path / "out")
    assert written == tmp_path / "out" / "report.html"
    assert written.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_every_chart_is_an_inline_svg_in_its_own_figure(page: str) -> None:
    found = figures(page)
    assert list(found) == list(CHARTS)
    for chart_id, markup in found.items():
        assert markup.count("<svg") == 1, chart_id
        assert "<figcaption>" in markup, chart_id
    assert page.count("<svg") == len(CHARTS)
    assert "<?xml" not in page and "<!DOCTYPE svg" not in page


def test_each_chart_has_a_title_and_description_for_a_screen_reader(page: str) -> None:
    for chart_id, markup in figures(page).items():
        svg = markup[markup.index("<svg"):]
        assert f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"' in svg
        assert f'<title id="{chart_id}-title">' in svg
        assert f'<desc id="{chart_id}-desc">' in svg


def test_the_headline_gives_visits_median_visit_panels_idle_period_and_kiosks(
        page: str) -> None:
    headline = page[page.index('<dl class="headline">'):page.index("</dl>")]
    text = re.sub(r"<[^>]+>", "", headline)
    for words in ("Visits1,234", "Median visit4min 11s", "Panels read5,678", "4.6 a visit",
                  "Left idle18%", "Period7days", "1–7 June 2026", "Kiosks2", "lobby"):
        assert words in text
    assert "<h1>Visitors &amp; friends</h1>" in page


def test_text_from_the_logs_is_shown_escaped_never_as_markup(page: str) -> None:
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the table, headline, charts
    assert "<b>" not in page
    assert "<code>debug&lt;b&gt;</code> (4)" in page
    assert "steam $5 &lt;b&gt;" in page  # a dollar sign is not mathtext


def test_nothing_is_loaded_from_anywhere_but_the_page_itself(page: str) -> None:
    references = re.findall(r'\b(?:src|href)\s*=\s*"([^"]*)"', page)
    assert references and all(ref.startswith("#") for ref in references)
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {
        ref for ref in re.findall(r"url\((#[^)]*)\)", page)}
    for loader in ("<link", "<img", "<iframe", "<object", "@import", "@font-face"):
        assert loader not in page


def test_no_id_is_used_twice_so_each_chart_clips_to_its_own_box(page: str) -> None:
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', page):
        assert ref in ids


def test_the_same_report_gives_the_same_page(tmp_path: Path, page: str) -> None:
    again = write_page(two_kiosks(), tmp_path, title="Visitors & friends")
    assert again.read_text("utf-8") == page


def test_what_the_figures_leave_out_is_told_in_plain_words(page: str) -> None:
    section = page[page.index('<section id="left-out">'):]
    text = re.sub(r"<[^>]+>", "", section)
    assert "What the figures leave out" in text
    assert "Read 4 log files with 48,213 lines." in text
    assert "2 lines could not be read" in text
    assert "5 lines with events this report does not know" in text
    assert "3 visits cut off by a stop or a crash" in text


def test_a_clean_read_says_so_and_no_problems_at_all_leave_no_section() -> None:
    # The words only: no charts drawn.
    clean = page_text(replace(two_kiosks(), problems=InputProblems(files=2, lines=100)), {},
                      "Visitors")
    assert "Every line was read and counted." in clean
    assert "could not be read" not in clean and "cut off" not in clean
    nothing = page_text(replace(two_kiosks(), problems=InputProblems()), {}, "Visitors")
    assert "What the figures leave out" not in nothing


def test_one_kiosk_has_its_table_but_no_chart_of_kiosks(tmp_path: Path) -> None:
    report = two_kiosks()
    one = replace(report, kiosks=("lobby",), per_kiosk=report.per_kiosk[:1],
                  days=tuple(d for d in report.days if d.kiosk == "lobby"))
    html = write_page(one, tmp_path).read_text("utf-8")
    assert list(figures(html)) == [c for c in CHARTS if c != "chart-kiosks"]
    assert "<td>lobby</td>" in html


def test_a_report_without_visits_says_so_and_draws_nothing(tmp_path: Path) -> None:
    html = write_page(empty(), tmp_path).read_text("utf-8")
    assert "No visits were recorded in these logs" in html
    assert "<svg" not in html and "<figure" not in html
    assert "What the figures leave out" not in html


def test_unread_lines_are_told_even_when_nothing_else_was_found(tmp_path: Path) -> None:
    problems = InputProblems(files=1, lines=3, unreadable_lines=3)
    html = write_page(replace(empty(), problems=problems), tmp_path).read_text("utf-8")
    assert "No visits were recorded" in html
    assert "3 lines could not be read" in html


def test_a_chart_without_data_leaves_a_line_instead(tmp_path: Path) -> None:
    html = write_page(replace(two_kiosks(), exits=(), language_share={}),
                      tmp_path).read_text("utf-8")
    assert '<p class="none" id="chart-exits">' in html
    assert '<p class="none" id="chart-languages">' in html


def test_dwell_over_kiosks_is_the_median_of_their_medians_weighted_by_views() -> None:
    assert weighted_median([(10.0, 1), (20.0, 1), (90.0, 5)]) == 90.0
    assert weighted_median([(10.0, 3), (20.0, 1), (90.0, 1)]) == 10.0
    assert weighted_median([]) is None
    rows = [PanelRow("a", "ancient", "fire", 100, 30.0), PanelRow("b", "ancient", "fire", 10, 90.0),
            PanelRow("b", "modern", "space", 5, None)]
    totals = {(t.era, t.panel): t for t in panel_totals(rows)}
    assert (totals["ancient", "fire"].views, totals["ancient", "fire"].dwell_s) == (110, 30.0)
    assert (totals["modern", "space"].views, totals["modern", "space"].dwell_s) == (5, None)


def test_importing_the_page_does_not_load_matplotlib() -> None:
    """`kiosk report` pays for matplotlib when it draws, and nothing else ever does."""
    code = "import sys, kiosk.report.page; print('matplotlib' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert loaded.strip() == "False"


def test_odd_figures_still_draw(tmp_path: Path) -> None:
    """One day, one kiosk, visits of no length and one of three days, no reading times, an
    end reason the page does not know."""
    day = date(2026, 6, 1)
    odd = replace(
        empty(), kiosks=("lobby",), first_day=day, last_day=day, sessions=3, panel_views=1,
        median_session_s=0.0, language_share={"en": 1.0}, idle_reset_share=0.0,
        end_reasons={"home": 2, "unknown": 1}, days=(DayRow("lobby", day, 3, 0.0, 0),),
        panels=(PanelRow("lobby", "ancient", "fire", 1, None),),
        per_kiosk=(KioskRow("lobby", 3, 0.0, 0.0, 1),), week_hours=((0, 23, 3),),
        session_lengths_s=(0.0, 0.0, 3 * 86400.0), depth=((0, 2), (1, 1)))
    html = write_page(odd, tmp_path).read_text("utf-8")
    assert list(figures(html)) == ["chart-days", "chart-week-hours", "chart-panel-views",
                                   "chart-lengths", "chart-depth", "chart-end-reasons",
                                   "chart-languages"]
    assert '<p class="none" id="chart-panel-dwell">' in html


def test_a_museums_year_fits_the_headline_cards() -> None:
    year = replace(two_kiosks(), sessions=6_000_000, panel_views=76_186_750,
                   pictures_opened=21_228_920, pictures_zoomed=950)
    text = page_text(year, {}, "Visitors")
    assert '6.0<span class="unit">million</span>' in text
    assert '76.2<span class="unit">million</span>' in text
    assert '21.2<span class="unit">million</span>' in text
    assert "76,186,750" not in text


# --- with the exhibit: titles, not ids ---------------------------------------------------

# Two of two_kiosks()'s panels, titled first in Russian (the first language is the one
# shown); "wheel & axle" and "steam $5 <b>" are an older exhibit's, not in this one.
EXHIBIT = """\
version: 1
title: {ru: Выставка, en: Exhibit}
languages: [ru, en]
attract: {prompt: {ru: Коснитесь, en: Touch}}
eras:
  - id: ancient
    title: {ru: Древность, en: Antiquity}
    years: '1000'
    summary: {ru: Давно, en: Long ago}
    panels:
      - id: fire
        title: {ru: 'Огонь, очаг и первые печи: как люди приручили пламя', en: Fire}
        images: [{file: a.png, alt: {ru: а, en: a}, caption: {ru: п, en: c}}]
  - id: modern
    title: {ru: Новое время, en: Modern times}
    years: '1900'
    summary: {ru: Недавно, en: Lately}
    panels:
      - id: space
        title: {ru: 'Космос & <звёзды>', en: Space}
        images: [{file: a.png, alt: {ru: а, en: a}, caption: {ru: п, en: c}}]
"""
PANEL_CHARTS = ("chart-panel-views", "chart-panel-dwell", "chart-exits")


@pytest.fixture(scope="module")
def exhibit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exhibit") / "exhibit.yaml"
    path.write_text(EXHIBIT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def titled(exhibit: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("titled")
    return write_page(two_kiosks(), out, names=exhibit_names(exhibit)).read_text("utf-8")


def test_with_the_exhibit_panels_are_called_by_their_titles_in_its_first_language(
        exhibit: Path, titled: str) -> None:
    names = exhibit_names(exhibit)
    fire, space = names["ancient", "fire"], names["modern", "space"]
    assert fire.startswith("Огонь") and space == "Космос & <звёзды>"
    found = figures(titled)
    for chart_id in PANEL_CHARTS:
        markup = found[chart_id]
        assert "Космос &amp; &lt;звёзды&gt;" in markup, chart_id  # a title is text too
        assert "ancient / fire" not in markup and "modern / space" not in markup, chart_id
        assert ">Space<" not in markup and ">Fire<" not in markup, chart_id
        assert "is not in the exhibit" in markup, chart_id  # each shows one of those
    # A long title is shortened beside its bar, as ids are, and said whole to a screen reader.
    views = found["chart-panel-views"]
    assert len(fire) > 34 and f">{shorten(fire)}<" in views
    assert f"first {fire}, shown 240 times" in views
    assert "ancient / fire" not in titled


def test_a_panel_the_exhibit_does_not_have_keeps_its_ids(titled: str) -> None:
    found = figures(titled)
    assert ">ancient / wheel &amp; axle<" in found["chart-panel-views"]
    assert "modern / &lt;script&gt;" in found["chart-exits"]
    assert unnamed([("ancient", "fire")], {("ancient", "fire"): "Fire"}) == ""
    assert "not in the exhibit" in unnamed([("ancient", "fire"), ("old", "gone")],
                                           {("ancient", "fire"): "Fire"})


def test_without_the_exhibit_panels_are_called_by_their_ids(page: str) -> None:
    views = figures(page)["chart-panel-views"]
    assert ">ancient / fire<" in views and ">modern / space<" in views
    assert "each as era / panel" in views and "not in the exhibit" not in views


def test_the_languages_chart_names_languages_as_the_kiosk_does_and_no_panel_plainly(
) -> None:
    import matplotlib

    with matplotlib.rc_context(STYLE):  # the page's: text as text, not drawn as paths
        chart = languages_chart(replace(two_kiosks(),
                                        language_share={"en": 0.7, "unknown": 0.3}))
        named = languages_chart(replace(two_kiosks(), language_share={"ru": 0.6, "xx": 0.4}))
    assert chart is not None
    assert ">No panel read<" in chart.svg and "No panel read 30%" in chart.desc
    assert "unknown" not in chart.svg and "unknown" not in chart.desc
    assert ">English<" in chart.svg  # as the kiosk's language button names it
    assert named is not None
    assert ">Русский<" in named.svg and "Русский 60%" in named.desc
    assert ">XX<" in named.svg  # a language the kiosk has no name for: its code
    known = languages_chart(replace(two_kiosks(), language_share={"en": 1.0}))
    assert known is not None and "No panel read" not in known.caption


def event(clock: str, name: str, **fields: object) -> str:
    return json.dumps({"time": f"2026-06-01T{clock}.000+02:00", "event": name, **fields})


END = {"reason": "home", "idle_timeout": 90.0, "idle_countdown": 15.0}


@pytest.fixture(scope="module")
def log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three visits: two panels of the exhibit and one it no longer has, in Russian; one
    panel in English; and one that read no panel and chose no language."""
    path = tmp_path_factory.mktemp("lobby") / "events.jsonl"
    path.write_text("\n".join([
        event("10:00:00", "era_opened", era="ancient"),
        event("10:00:01", "panel_shown", era="ancient", panel="fire", lang="ru"),
        event("10:00:30", "panel_shown", era="old", panel="gone", lang="ru"),
        event("10:01:00", "session_end", seconds=60.0, panels_seen=2, **END),
        event("11:00:00", "era_opened", era="modern"),
        event("11:00:01", "panel_shown", era="modern", panel="space", lang="en"),
        event("11:00:40", "session_end", seconds=40.0, panels_seen=1, **END),
        event("12:00:00", "era_opened", era="modern"),
        event("12:00:05", "session_end", seconds=5.0, panels_seen=0, **END),
    ]) + "\n", encoding="utf-8")
    return path


def test_the_exhibit_names_panels_on_the_page_only_the_files_keep_ids(
        log: Path, exhibit: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    assert report_command([log], tmp_path, exhibit=exhibit, stdout=out) == 0
    assert f"1 of the logs' 3 panels are not in {exhibit}" in out.getvalue()
    html = (tmp_path / "report.html").read_text("utf-8")
    assert "Космос &amp; &lt;звёзды&gt;" in html and ">old / gone<" in html
    assert "modern / space" not in html and ">No panel read<" in html
    with (tmp_path / "panels.csv").open(encoding="utf-8", newline="") as file:
        panels = {(row["era"], row["panel"]) for row in csv.DictReader(file)}
    assert panels == {("ancient", "fire"), ("old", "gone"), ("modern", "space")}
    summary = json.loads((tmp_path / "summary.json").read_text("utf-8"))
    assert set(summary["language_share"]) == {"ru", "en", "unknown"}


def test_a_broken_exhibit_is_named_with_its_line_and_nothing_is_written(
        log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "exhibit.yaml"
    broken.write_text(EXHIBIT.replace("- id: space", "- id: space: here"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", str(log), "--out", str(out), "--exhibit", str(broken)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"kiosk report: --exhibit: {broken}:19:18: error: YAML")
    assert error.count("\n") == 1 and "leave out --exhibit" in error
    assert not out.exists()
    assert main(["report", str(log), "--out", str(out),
                 "--exhibit", str(tmp_path / "missing.yaml")]) == 2
    assert f"{tmp_path / 'missing.yaml'}: error: " in capsys.readouterr().err
    assert not out.exists()


def test_panels_that_share_a_title_are_told_apart_by_their_eras(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text(EXHIBIT.replace("'Космос & <звёзды>'", "Огонь").replace(
        "'Огонь, очаг и первые печи: как люди приручили пламя'", "Огонь"), encoding="utf-8")
    assert exhibit_names(path) == {("ancient", "fire"): "Древность / Огонь",
                                   ("modern", "space"): "Новое время / Огонь"}
