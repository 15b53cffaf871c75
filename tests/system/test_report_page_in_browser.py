"""report.html in a real browser: Chromium parses every chart, the page says nothing on
its console, nothing leaves the machine, and a screenshot shows how it reads."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kiosk.report.model import DayRow, InputProblems, KioskRow, PanelRow, Report
from kiosk.report.page import write_page
from tests.helpers.chromium import (
    console_messages,
    find_chromium,
    outside_traffic,
    run_headless,
)

CHARTS = ("chart-days", "chart-week-hours", "chart-panel-views", "chart-panel-dwell",
          "chart-lengths", "chart-depth", "chart-exits", "chart-end-reasons",
          "chart-languages", "chart-kiosks")
CHROMIUM = find_chromium()

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="Chromium is not installed (Debian package `chromium`): the "
    "report page is checked in a real browser")


def fortnight() -> Report:
    """Two weeks at two kiosks, the second with a name that is markup."""
    kiosks = ("lobby", "<i>upstairs</i>")
    first = date(2026, 6, 1)
    days = tuple(DayRow(kiosk, first + timedelta(days=i), 30 + (i % 7) * 9 + 11 * k, 250.0, 4)
                 for k, kiosk in enumerate(kiosks) for i in range(14) if i % 7 != 0)
    panels = tuple(PanelRow(kiosk, era, f"panel-{n}", 40 + 37 * n % 200, 15.0 + 13 * n % 90)
                   for kiosk in kiosks for era in ("ancient", "modern") for n in range(9))
    sessions = sum(d.sessions for d in days)
    return Report(
        kiosks=kiosks, first_day=first, last_day=first + timedelta(days=13), sessions=sessions,
        panel_views=sum(p.views for p in panels), median_session_s=251.0,
        language_share={"en": 0.62, "de": 0.29, "uk": 0.09}, idle_reset_share=0.17,
        end_reasons={"home": 500, "start_again": 240, "idle": 160, "closed": 9},
        days=days, panels=panels,
        per_kiosk=tuple(KioskRow(k, sum(d.sessions for d in days if d.kiosk == k), 250.0, 0.17,
                                 1800) for k in kiosks),
        week_hours=tuple((d, h, (d + 1) * (h - 8)) for d in range(1, 7) for h in range(10, 18)),
        session_lengths_s=tuple(20.0 + (i * 37) % 1500 for i in range(900)),
        depth=tuple((n, 400 // (n + 1)) for n in range(15)),
        exits=tuple(("modern", f"panel-{n}", 90 - 7 * n) for n in range(12)),
        pictures_opened=640, pictures_zoomed=151,
        problems=InputProblems(files=3, lines=21000, unreadable_lines=1,
                               unknown_events={"debug": 2}, unfinished_sessions=1))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(fortnight(), tmp_path_factory.mktemp("report"))


def test_chromium_parses_every_chart_and_the_console_stays_quiet(page: Path,
                                                                 tmp_path: Path) -> None:
    assert CHROMIUM is not None
    run = run_headless(CHROMIUM, page, tmp_path, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert dom.count("<svg") == len(CHARTS)
    for chart_id in CHARTS:
        assert f'<figure id="{chart_id}"' in dom
    assert "&lt;i&gt;upstairs&lt;/i&gt;" in dom and "<i>" not in dom
    assert console_messages(run.stderr) == []
    assert outside_traffic(tmp_path / "net.json") == []


def test_a_screenshot_of_the_whole_page(page: Path, tmp_path: Path) -> None:
    assert CHROMIUM is not None
    shot = tmp_path / "report.png"
    run = run_headless(CHROMIUM, page, tmp_path, f"--screenshot={shot}",
                       "--window-size=1280,4800")  # the whole page
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # charts, not a blank page
    assert console_messages(run.stderr) == []
    assert outside_traffic(tmp_path / "net.json") == []


def test_the_console_check_hears_a_page_that_complains(tmp_path: Path) -> None:
    noisy = tmp_path / "noisy.html"
    noisy.write_text("<!DOCTYPE html><title>noisy</title>"
                     "<script>console.error('boom'); undefinedName();</script>", "utf-8")
    assert CHROMIUM is not None
    run = run_headless(CHROMIUM, noisy, tmp_path, "--dump-dom")
    said = "\n".join(console_messages(run.stderr))
    assert "boom" in said and "Uncaught ReferenceError" in said
