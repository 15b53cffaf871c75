"""The benchmark's generated event logs look like what kiosks write (bench/report_logs.py)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bench.report_logs import (
    Shape,
    Spec,
    kiosk_name,
    read_exhibit,
    reading_factors,
    words,
    write_collection,
)
from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.pages import build_pages, find_page
from kiosk.report.command import report_command

SMALL = Spec(kiosks=2, days=3, sessions=20, seed=7, rotate_bytes=20_000)
BUNDLED = Path(__file__).resolve().parents[3] / "exhibit.yaml"
SHAPED = Spec(kiosks=2, days=3, sessions=30, seed=7, rotate_bytes=20_000, exhibit=BUNDLED)
PAGE_EVENTS = ("era_opened", "panel_shown", "quote_shown")
KNOWN_EVENTS = {
    "start", "attract_shown", "language_chosen", "era_opened", "panel_shown", "quote_shown",
    "image_opened", "image_zoomed", "image_closed", "language_changed", "exhibit_finished",
    "idle_prompt", "idle_dismissed", "idle_reset", "session_end", "reload_applied", "closed",
    "opened", "stop",
}


def oldest_first(folder: Path) -> list[Path]:
    """The files as the kiosk leaves them: ``.N.gz`` the oldest, ``events.jsonl`` newest."""
    rotated = sorted(folder.glob("events.jsonl.*.gz"), key=lambda p: int(p.name.split(".")[2]))
    return [*reversed(rotated), folder / "events.jsonl"]


def read_lines(path: Path) -> list[str]:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return data.decode("utf-8").splitlines()


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("collection")
    write_collection(SMALL, out, jobs=1)
    return out


def test_each_kiosk_has_the_current_log_and_numbered_gzip_files(collection: Path) -> None:
    for number in range(SMALL.kiosks):
        folder = collection / kiosk_name(number)
        names = {path.name for path in folder.iterdir()}
        rotated = sorted(int(name.split(".")[2]) for name in names if name.endswith(".gz"))
        assert "events.jsonl" in names
        assert rotated == list(range(1, len(rotated) + 1)) and len(rotated) >= 2
        for path in oldest_first(folder)[:-1]:
            assert path.read_bytes()[:2] == b"\x1f\x8b"  # gzip
            assert gzip.decompress(path.read_bytes()).endswith(b"\n")  # whole lines only


def test_every_line_is_a_kiosk_event_in_time_order(collection: Path) -> None:
    for number in range(SMALL.kiosks):
        events = [json.loads(line) for path in oldest_first(collection / kiosk_name(number))
                  for line in read_lines(path)]
        assert {event["event"] for event in events} <= KNOWN_EVENTS
        assert all(list(event)[:2] == ["time", "event"] for event in events)
        times = [event["time"] for event in events]
        assert times == sorted(times)
        assert all(t[-6:] in ("+01:00", "+02:00") for t in times)  # Europe/Berlin
        # Visits within the opening hours; the kiosk starts before them and stops after.
        assert all("10:00" <= event["time"][11:16] <= "18:00" for event in events
                   if event["event"] not in ("start", "attract_shown", "stop"))


def test_a_visit_ends_with_session_end_and_an_idle_reset_says_when(collection: Path) -> None:
    events = [json.loads(line) for path in oldest_first(collection / kiosk_name(0))
              for line in read_lines(path)]
    visiting = False
    ends = []
    for previous, event in zip([{}, *events], events, strict=False):
        name = event["event"]
        if name in ("language_chosen", "era_opened") and not visiting:
            visiting = True
        elif name == "session_end":
            assert visiting, "a session_end without a visit"
            visiting = False
            ends.append(event)
            # What the kiosk writes: its idle settings, on every session_end
            assert (event["idle_timeout"], event["idle_countdown"]) == (90.0, 15.0)
            if event["reason"] == "idle":
                assert previous["event"] == "idle_reset"
        elif name in ("closed", "stop"):
            assert not visiting, f"{name} during a visit that never ended"
    assert len(ends) >= SMALL.days * SMALL.sessions // 2
    assert {end["reason"] for end in ends} <= {"home", "start_again", "idle", "closed"}
    assert all(end["seconds"] >= 0 and end["panels_seen"] >= 0 for end in ends)


def test_the_same_seed_writes_the_same_events(tmp_path: Path, collection: Path) -> None:
    write_collection(SMALL, tmp_path / "again", jobs=2)
    write_collection(Spec(**{**SMALL.__dict__, "seed": 8}), tmp_path / "other", jobs=1)
    for number in range(SMALL.kiosks):
        first = [read_lines(p) for p in oldest_first(collection / kiosk_name(number))]
        again = [read_lines(p) for p in oldest_first(tmp_path / "again" / kiosk_name(number))]
        other = [read_lines(p) for p in oldest_first(tmp_path / "other" / kiosk_name(number))]
        assert first == again
        assert first != other


def test_bad_input_is_mixed_in_at_the_rate_asked(tmp_path: Path) -> None:
    write_collection(Spec(**{**SMALL.__dict__, "kiosks": 1, "bad_rate": 0.05}), tmp_path)
    folder = tmp_path / kiosk_name(0)
    lines = [line for path in oldest_first(folder) for line in read_lines(path)]
    unreadable, unknown, no_lang = 0, 0, 0
    for line in lines:
        try:
            event = json.loads(line)
        except ValueError:
            unreadable += 1
            continue
        unknown += event["event"] not in KNOWN_EVENTS
        no_lang += event["event"] == "panel_shown" and "lang" not in event
    assert unreadable > 0.01 * len(lines) and unknown > 0 and no_lang > 0
    assert not (folder / "events.jsonl").read_bytes().endswith(b"\n")  # torn by a power cut


# --- logs shaped like a real exhibit (--exhibit) -------------------------------------------


def kiosk_events(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for path in oldest_first(folder) for line in read_lines(path)]


def seconds(event: dict[str, Any]) -> float:
    return datetime.fromisoformat(event["time"]).timestamp()


def visits(events: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each visit's events, up to its session_end."""
    found: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for event in events:
        if event["event"] in ("start", "opened", "closed", "stop"):
            continue
        current.append(event)
        if event["event"] == "session_end":
            found.append(current)
            current = []
    return found


@pytest.fixture(scope="module")
def bundled() -> Exhibit:
    return read_exhibit(BUNDLED)


@pytest.fixture(scope="module")
def shaped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shaped")
    write_collection(SHAPED, out, jobs=1)
    return out


def test_an_exhibits_logs_walk_its_own_pages_in_the_kiosks_order(
        shaped: Path, bundled: Exhibit) -> None:
    pages = build_pages(bundled)
    panels = {(era.id, panel.id) for era, panel in bundled.panels()}
    quoted = {(era.id, panel.id) for era, panel in bundled.panels() if panel.quote}
    shown: set[tuple[str, str]] = set()
    for number in range(SHAPED.kiosks):
        events = kiosk_events(shaped / kiosk_name(number))
        shown |= {(e["era"], e["panel"]) for e in events if e["event"] == "panel_shown"}
        assert {(e["era"], e["panel"]) for e in events if e["event"] == "quote_shown"} <= quoted
        assert ({e["era"] for e in events if e["event"] == "era_opened"}
                == {era.id for era in bundled.eras})
        for visit in visits(events):
            # A swipe is the next page; otherwise a visitor jumps to an era's opening page.
            places = [find_page(pages, e["era"], e.get("panel"), e["event"] == "quote_shown")
                      for e in visit if e["event"] in PAGE_EVENTS]
            assert None not in places
            assert all(after == before + 1 or pages[after].is_opening
                       for before, after in zip(places, places[1:], strict=False))
    assert shown <= panels
    assert len(shown) > 0.9 * len(panels)  # eras of 2 to 6 panels, all walked through


def test_an_exhibits_logs_speak_its_languages_and_open_its_pictures(
        shaped: Path, bundled: Exhibit) -> None:
    panels = {(era.id, panel.id): panel for era, panel in bundled.panels()}
    events = kiosk_events(shaped / kiosk_name(0))
    languages = [e["lang"] for e in events if "lang" in e]
    assert set(languages) == set(bundled.languages)  # en and ru, no de or fr
    chosen = [e["lang"] for e in events if e["event"] == "language_chosen"]
    assert chosen.count(bundled.default_language) > len(chosen) / 2
    pictures, lang = 0, None
    for event in events:
        if event["event"] in PAGE_EVENTS[1:]:
            lang = event["lang"]
        elif event["event"] in ("image_opened", "image_zoomed"):
            # The file the kiosk shows in the language the panel is read in.
            image = panels[event["era"], event["panel"]].images[event["index"]]
            assert event["image"] == image.files.get(lang).file
            pictures += 1
        elif event["event"] == "language_changed":
            assert event["lang"] != lang  # the kiosk's language button: the other language
            lang = event["lang"]
    assert pictures > 0
    assert any(".ru." in e["image"] for e in events if "image" in e)


def test_an_exhibits_idle_settings_time_its_idle_resets(tmp_path: Path) -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    idle = "idle:\n  timeout: 90\n  countdown: 15\n"
    assert idle in source
    exhibit = tmp_path / "exhibit.yaml"  # its pictures are not read: no assets needed
    exhibit.write_text(source.replace(idle, "idle:\n  timeout: 60\n  countdown: 20\n"),
                       encoding="utf-8")
    spec = Spec(kiosks=1, days=2, sessions=30, seed=3, exhibit=exhibit)
    write_collection(spec, tmp_path / "logs", jobs=1)
    resets = 0
    for visit in visits(kiosk_events(tmp_path / "logs" / kiosk_name(0))):
        end = visit[-1]
        assert (end["idle_timeout"], end["idle_countdown"]) == (60.0, 20.0)
        if end["reason"] != "idle":
            continue
        # ... last touch, the idle prompt after the timeout, the reset after the countdown
        resets += 1
        prompt, reset = visit[-3], visit[-2]
        assert (prompt["event"], reset["event"]) == ("idle_prompt", "idle_reset")
        touched = [e for e in visit[:-3]
                   if e["event"] in (*PAGE_EVENTS, "idle_dismissed", "exhibit_finished")]
        assert seconds(prompt) - seconds(touched[-1]) == pytest.approx(60, abs=0.002)
        assert seconds(reset) - seconds(prompt) == pytest.approx(20, abs=0.002)
    assert resets > 0


def test_kiosk_report_reads_an_exhibits_logs(
        shaped: Path, bundled: Exhibit, tmp_path: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    assert report_command([shaped], tmp_path, stdout=stdout, stderr=stderr) == 0, stderr
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["sessions"] > 0
    # "unknown": a visit that never reached a panel
    assert set(summary["language_share"]) - {"unknown"} == set(bundled.languages)
    with (tmp_path / "panels.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    panels = {(era.id, panel.id) for era, panel in bundled.panels()}
    assert rows and {(row["era"], row["panel"]) for row in rows} <= panels
    assert (tmp_path / "report.html").exists()


# --- reading times: each panel its own (--exhibit) ----------------------------------------


def panel_dwells(events: list[dict[str, Any]]) -> list[tuple[str, str, float]]:
    """(era, panel, seconds) from each panel_shown to the next event, as `kiosk report`
    reads it; left out: a page the idle prompt came on (by design past the reading cap)
    and one cut short by closing time."""
    found = []
    for event, after in zip(events, events[1:], strict=False):
        if event["event"] == "panel_shown" and after["event"] not in ("idle_prompt", "closed"):
            found.append((event["era"], event["panel"], seconds(after) - seconds(event)))
    return found


def median_dwells(rows: list[dict[str, str]]) -> dict[str, float]:
    """Each panel's median dwell over the kiosks, as the report's chart takes it: the
    views-weighted median of the kiosks' medians."""
    grouped: dict[str, list[tuple[float, int]]] = {}
    for row in rows:
        grouped.setdefault(row["panel"], []).append((float(row["median_dwell_s"]),
                                                     int(row["views"])))
    result = {}
    for panel, values in grouped.items():
        ordered, running = sorted(values), 0
        total = sum(views for _, views in ordered)
        for dwell, views in ordered:
            running += views
            if running * 2 >= total:
                result[panel] = dwell
                break
    return result


def test_panels_with_longer_texts_are_read_longer_in_kiosk_report(
        bundled: Exhibit, tmp_path: Path) -> None:
    spec = Spec(kiosks=2, days=8, sessions=40, seed=11, exhibit=BUNDLED)
    write_collection(spec, tmp_path / "logs", jobs=1)
    stderr = io.StringIO()
    assert report_command([tmp_path / "logs"], tmp_path / "report", stdout=io.StringIO(),
                          stderr=stderr) == 0, stderr.getvalue()
    with (tmp_path / "report" / "panels.csv").open(encoding="utf-8", newline="") as file:
        dwell = median_dwells(list(csv.DictReader(file)))
    by_length = sorted(bundled.panels(),
                       key=lambda pair: words(pair[1].text, bundled.default_language))
    shortest, longest = by_length[0][1].id, by_length[-1][1].id
    assert (shortest, longest) == ("diplomatic-relations", "war-scare")  # 21 and 46 words
    assert dwell[longest] > 1.5 * dwell[shortest], dwell
    # The chart of panels read longest has something to say: medians a few times apart.
    assert len(dwell) == len(by_length) and max(dwell.values()) > 3 * min(dwell.values())
    for number in range(spec.kiosks):
        dwells = panel_dwells(kiosk_events(tmp_path / "logs" / kiosk_name(number)))
        assert dwells and max(d for *_, d in dwells) <= 85 + 0.002  # the reading cap


def test_a_long_read_still_ends_before_the_idle_prompt(tmp_path: Path) -> None:
    source = BUNDLED.read_text(encoding="utf-8")
    idle = "idle:\n  timeout: 90\n  countdown: 15\n"
    assert idle in source
    exhibit = tmp_path / "exhibit.yaml"  # a 30 s timeout: pages are read at most 25 s
    exhibit.write_text(source.replace(idle, "idle:\n  timeout: 30\n  countdown: 15\n"),
                       encoding="utf-8")
    write_collection(Spec(kiosks=1, days=3, sessions=30, seed=5, exhibit=exhibit),
                     tmp_path / "logs", jobs=1)
    dwells = [d for *_, d in panel_dwells(kiosk_events(tmp_path / "logs" / kiosk_name(0)))]
    assert max(dwells) <= 25 + 0.002
    # Long texts and strong pulls push many pages to the cap: it is what holds them.
    assert sum(d > 25 - 0.002 for d in dwells) > 0.05 * len(dwells)


def test_a_panels_reading_factor_follows_its_text_dampened(bundled: Exhibit) -> None:
    factors = reading_factors(bundled)
    era = bundled.eras[2]
    panel = era.panels[0]
    longer = replace(panel, text=replace(panel.text, values=tuple(
        (lang, " ".join([text] * 4)) for lang, text in panel.text.values)))
    changed = replace(bundled, eras=tuple(
        replace(e, panels=(longer, *e.panels[1:])) if e is era else e for e in bundled.eras))
    grown = reading_factors(changed)
    for index in range(len(bundled.languages)):
        # Four times the words, read about twice as long: visitors skim a long text.
        ratio = grown[era.id, panel.id][index] / factors[era.id, panel.id][index]
        assert 1.6 < ratio < 2.5
    # Only panel pages: era openings and quotation pages are read as they always were.
    shape = Shape.of(bundled)
    assert all(row[-1] == [1.0] * len(bundled.languages)
               for row in shape.pages if row[1] != "panel_shown")
    spread = [f for row in shape.pages if row[1] == "panel_shown" for f in row[-1]]
    assert min(spread) < 0.7 and max(spread) > 1.4
