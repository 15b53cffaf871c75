"""report.html tells a curator the figures at a glance, stands alone on a USB stick, and
shows whatever the logs held as text, never as markup."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.report.charts import panel_totals, weighted_median
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
