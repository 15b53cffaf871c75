"""`kiosk report` over event logs with known answers: sessions, their honest lengths, a
panel's views and dwell, the language share, an idle reset, and the lines it cannot use.

Two kiosks. hall-1's log is rotated between its two visits: a visit in Russian ended with
Home, then one in English that ended in an idle reset. foyer's has a long visit ended with
Start again (its one panel read longer than the idle timeout), a visit cut off by a
restart, a line of junk, an unknown event, an older kiosk's line without a language, and a
last line cut short by a power cut.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kiosk.report.analyse import analyse
from kiosk.report.command import report_command
from kiosk.report.sources import log_files

END = {"idle_timeout": 90.0, "idle_countdown": 15.0}


def line(time: str, event: str, **fields: Any) -> str:
    return json.dumps({"time": time, "event": event, **fields}) + "\n"


def day(date: str, clock: str) -> str:
    return f"{date}T{clock}.000+01:00"


HALL_OLDER = [  # events.jsonl.1.gz: a visit in Russian, ended with Home
    line(day("2026-12-04", "10:00:00"), "attract_shown"),
    line(day("2026-12-04", "10:00:10"), "language_chosen", lang="ru"),
    line(day("2026-12-04", "10:00:10"), "era_opened", era="e1"),
    line(day("2026-12-04", "10:00:15"), "panel_shown", era="e1", panel="p1", lang="ru"),
    line(day("2026-12-04", "10:00:45"), "panel_shown", era="e1", panel="p2", lang="ru"),
    line(day("2026-12-04", "10:01:05"), "image_opened", era="e1", panel="p2",
         image="assets/a.png", index=0),
    line(day("2026-12-04", "10:01:10"), "image_zoomed", era="e1", panel="p2",
         image="assets/a.png", index=0),
    line(day("2026-12-04", "10:01:20"), "image_closed"),
    line(day("2026-12-04", "10:01:30"), "session_end", reason="home", seconds=80.0,
         panels_seen=2, **END),
    line(day("2026-12-04", "10:01:30"), "attract_shown"),
]
HALL_CURRENT = [  # events.jsonl: a visit in English, the last touch at 11:00:50, then idle
    line(day("2026-12-04", "11:00:00"), "era_opened", era="e1"),
    line(day("2026-12-04", "11:00:05"), "panel_shown", era="e1", panel="p1", lang="en"),
    line(day("2026-12-04", "11:00:20"), "panel_shown", era="e2", panel="p3", lang="en"),
    line(day("2026-12-04", "11:02:20"), "idle_prompt"),
    line(day("2026-12-04", "11:02:35"), "idle_reset"),
    line(day("2026-12-04", "11:02:35"), "session_end", reason="idle", seconds=155.0,
         panels_seen=2, **END),
    line(day("2026-12-04", "11:02:35"), "attract_shown"),
]
FOYER = [
    line(day("2026-12-05", "14:00:00"), "era_opened", era="e1"),
    line(day("2026-12-05", "14:00:02"), "panel_shown", era="e1", panel="p1", lang="en"),
    "this is not JSON\n",
    line(day("2026-12-05", "14:03:00"), "teleported", where="mars"),
    line(day("2026-12-05", "14:05:00"), "exhibit_finished", panels_seen=1),
    line(day("2026-12-05", "14:05:10"), "session_end", reason="start_again", seconds=310.0,
         panels_seen=1, **END),
    line(day("2026-12-05", "15:00:00"), "era_opened", era="e1"),
    line(day("2026-12-05", "15:00:03"), "panel_shown", era="e1", panel="p1"),  # older: no lang
    line(day("2026-12-05", "15:30:00"), "start", exhibit="exhibit.yaml", mode="kiosk"),
    '{"time":"2026-12-05T15:30:01.000+01:00","event":"attr',  # the power went
]


@pytest.fixture(scope="module")
def collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    collection = tmp_path_factory.mktemp("collection")
    (collection / "hall-1").mkdir()
    with gzip.open(collection / "hall-1" / "events.jsonl.1.gz", "wt", encoding="utf-8") as f:
        f.writelines(HALL_OLDER)
    (collection / "hall-1" / "events.jsonl").write_text("".join(HALL_CURRENT), encoding="utf-8")
    (collection / "foyer").mkdir()
    (collection / "foyer" / "events.jsonl").write_text("".join(FOYER), encoding="utf-8")
    return collection


@pytest.fixture(scope="module")
def out(collection: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("report")
    assert report_command([collection], target) == 0
    return target


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_summary(out: Path) -> None:
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary == {
        "sessions": 3,
        "panel_views": 5,
        # 80 s (Home), 50 s (idle: counted to the last touch, 105 s before the reset),
        # 310 s (Start again)
        "median_session_s": 80.0,
        "language_share": {"en": 0.6667, "ru": 0.3333},
        "idle_reset_share": 0.3333,
        "kiosks": ["foyer", "hall-1"],
        "period": {"first_day": "2026-12-04", "last_day": "2026-12-05"},
        "end_reasons": {"home": 1, "idle": 1, "start_again": 1},
        "pictures": {"opened": 1, "zoomed": 1},
        "input": {"files": 3, "lines": 27, "unreadable_lines": 2,
                  "unknown_events": {"teleported": 1}, "unfinished_sessions": 1,
                  "unreadable_files": []},
    }


def test_each_panels_views_and_median_dwell(out: Path) -> None:
    assert rows(out / "panels.csv") == [
        # read to the next touch, but never longer than the idle timeout (90 s)
        {"kiosk": "foyer", "era": "e1", "panel": "p1", "views": "1", "median_dwell_s": "90"},
        {"kiosk": "hall-1", "era": "e1", "panel": "p1", "views": "2",
         "median_dwell_s": "22.5"},  # 30 s and 15 s
        {"kiosk": "hall-1", "era": "e1", "panel": "p2", "views": "1",
         "median_dwell_s": "20"},  # to the tap that opened its picture
        {"kiosk": "hall-1", "era": "e2", "panel": "p3", "views": "1",
         "median_dwell_s": "30"},  # to the last touch of an idle visit
    ]


def test_each_kiosks_days(out: Path) -> None:
    assert rows(out / "days.csv") == [
        {"kiosk": "foyer", "date": "2026-12-05", "sessions": "1", "median_session_s": "310",
         "idle_resets": "0"},
        {"kiosk": "hall-1", "date": "2026-12-04", "sessions": "2", "median_session_s": "65",
         "idle_resets": "1"},
    ]


def test_the_path_the_hours_and_the_kiosks(collection: Path) -> None:
    report = analyse(log_files([collection]))
    assert report.depth == ((1, 1), (2, 2))
    assert sorted(report.exits) == [("e1", "p1", 1), ("e1", "p2", 1), ("e2", "p3", 1)]
    # Friday 10:00 and 11:00 on hall-1, Saturday 14:00 on foyer (Monday is 0)
    assert report.week_hours == ((4, 10, 1), (4, 11, 1), (5, 14, 1))
    assert sorted(report.session_lengths_s) == [50.0, 80.0, 310.0]
    assert [(k.kiosk, k.sessions, k.median_session_s, k.panel_views)
            for k in report.per_kiosk] == [("foyer", 1, 310.0, 1), ("hall-1", 2, 65.0, 4)]


def test_a_compressed_log_cut_short_is_left_out_and_named_and_the_rest_is_read(
        tmp_path: Path) -> None:
    kiosk = tmp_path / "annex"
    kiosk.mkdir()
    whole = gzip.compress("".join(HALL_OLDER).encode())
    (kiosk / "events.jsonl.1.gz").write_bytes(whole[: len(whole) // 2])  # the power went
    (kiosk / "events.jsonl").write_text("".join(HALL_CURRENT), encoding="utf-8")
    report = analyse(log_files([kiosk]))
    assert report.problems.unreadable_files == (str(kiosk / "events.jsonl.1.gz"),)
    assert (report.sessions, report.end_reasons) == (1, {"idle": 1})
    assert report.problems.lines == len(HALL_CURRENT)


def test_the_figures_follow_the_times_not_the_order_of_the_lines(
        collection: Path, tmp_path: Path) -> None:
    # The same events with every file's lines in another order (a clock set back, or
    # lines gathered by hand) and hall-1's two files' contents swapped: ordering by time,
    # and within a millisecond by the kiosk's own rule, must give the same figures.
    shuffled = tmp_path / "shuffled"
    for kiosk, files in {"hall-1": {"events.jsonl.1.gz": HALL_CURRENT,
                                    "events.jsonl": HALL_OLDER},
                         "foyer": {"events.jsonl": FOYER[:-1]}}.items():
        (shuffled / kiosk).mkdir(parents=True)
        for name, lines in files.items():
            mixed = "".join(random.Random(name).sample(lines, len(lines)))
            if name.endswith(".gz"):
                (shuffled / kiosk / name).write_bytes(gzip.compress(mixed.encode()))
            else:
                (shuffled / kiosk / name).write_text(mixed, encoding="utf-8")
    expected, got = analyse(log_files([collection])), analyse(log_files([shuffled]))
    assert got.problems.lines == expected.problems.lines - 1  # the torn line left aside
    assert replace(got, problems=expected.problems) == expected
