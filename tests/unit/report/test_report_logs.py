"""The benchmark's generated event logs look like what kiosks write (bench/report_logs.py)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.report_logs import Spec, kiosk_name, write_collection

SMALL = Spec(kiosks=2, days=3, sessions=20, seed=7, rotate_bytes=20_000)
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
