"""The visitor event log: JSON Lines that survive a full or missing disk without stopping."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.app.eventlog import EventLog, default_event_log_path

MOSCOW = timezone(timedelta(hours=3))


def fixed_clock(moment: datetime = datetime(2024, 5, 1, 10, 30, tzinfo=MOSCOW)):
    return lambda: moment


def read_lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_each_event_is_one_json_object_a_line(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl", clock=fixed_clock())
    log.log("era_opened", era="recognition")
    log.log("language_changed", language="ru")

    assert read_lines(tmp_path / "events.jsonl") == [
        {"time": "2024-05-01T10:30:00.000+03:00", "event": "era_opened", "era": "recognition"},
        {"time": "2024-05-01T10:30:00.000+03:00", "event": "language_changed",
         "language": "ru"},
    ]


def test_a_line_is_on_disk_as_soon_as_it_is_logged(tmp_path: Path) -> None:
    # Another reader sees it at once: nothing waits in a buffer for a power cut to lose.
    path = tmp_path / "events.jsonl"
    log = EventLog(path)
    log.log("attract_shown")
    assert path.read_bytes().endswith(b"\n")
    assert read_lines(path)[0]["event"] == "attract_shown"


def test_time_carries_a_timezone_by_default(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl")
    log.log("idle_reset")
    stamp = datetime.fromisoformat(read_lines(tmp_path / "events.jsonl")[0]["time"])
    assert stamp.tzinfo is not None
    assert abs(stamp - datetime.now(UTC)) < timedelta(minutes=1)


def test_a_naive_clock_is_taken_as_local_time(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl", clock=fixed_clock(datetime(2024, 5, 1, 10, 30)))
    log.log("idle_reset")
    assert datetime.fromisoformat(read_lines(tmp_path / "events.jsonl")[0]["time"]).tzinfo


def test_reserved_field_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="time"):
        EventLog(tmp_path / "events.jsonl").log("panel_shown", time=3)


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "gone" / "events.jsonl"
    EventLog(path).log("attract_shown")
    assert read_lines(path)[0]["event"] == "attract_shown"


def test_a_full_disk_drops_events_warns_once_and_does_not_raise(caplog) -> None:
    # /dev/full accepts the open and fails every write with ENOSPC, like a full disk.
    log = EventLog(Path("/dev/full"))
    with caplog.at_level(logging.WARNING, logger="kiosk.app.eventlog"):
        for _ in range(3):
            log.log("panel_shown", panel="a")

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "/dev/full" in warnings[0].getMessage()
    assert "No space left on device" in warnings[0].getMessage()
    assert log.failing


def test_an_unwritable_location_recovers_when_it_is_writable_again(tmp_path: Path,
                                                                   caplog) -> None:
    # The log's folder cannot be created while a plain file sits at its name. (Tests run
    # as root, which chmod cannot stop, so this stands in for a read-only or removed
    # folder: it proves the failure path and the recovery, not the EROFS errno itself.)
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    path = blocker / "events.jsonl"
    log = EventLog(path, clock=fixed_clock())

    with caplog.at_level(logging.INFO, logger="kiosk.app.eventlog"):
        log.log("panel_shown", panel="lost-1")
        log.log("panel_shown", panel="lost-2")
        assert log.failing
        blocker.unlink()
        log.log("panel_shown", panel="kept")

    assert not log.failing
    assert [r["panel"] for r in read_lines(path)] == ["kept"]
    levels = [r.levelno for r in caplog.records]
    assert levels == [logging.WARNING, logging.INFO]


def test_each_new_run_of_failures_warns_again(tmp_path: Path, caplog) -> None:
    blocker = tmp_path / "data"
    log = EventLog(blocker / "events.jsonl")
    with caplog.at_level(logging.WARNING, logger="kiosk.app.eventlog"):
        blocker.write_text("x")
        log.log("a")
        blocker.unlink()
        log.log("b")
        (blocker / "events.jsonl").unlink()
        blocker.rmdir()
        blocker.write_text("x")
        log.log("c")
    assert len(caplog.records) == 2


def test_a_torn_last_line_is_ended_before_the_next_event(tmp_path: Path) -> None:
    # What a power cut or a disk filling mid-write leaves behind.
    path = tmp_path / "events.jsonl"
    path.write_text('{"time":"2024-05-01T10:00:00+03:00","event":"ok"}\n{"time":"2024-0')
    EventLog(path, clock=fixed_clock()).log("after_restart")

    lines = path.read_text("utf-8").splitlines()
    assert lines[1] == '{"time":"2024-0'
    assert json.loads(lines[2])["event"] == "after_restart"


def test_default_path_is_in_the_data_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_event_log_path() == tmp_path / "exhibit-kiosk" / "events.jsonl"
    assert not (tmp_path / "exhibit-kiosk").exists()  # made by the first event, not by asking
    EventLog(default_event_log_path()).log("attract_shown")
    assert (tmp_path / "exhibit-kiosk" / "events.jsonl").is_file()
