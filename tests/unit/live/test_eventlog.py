"""The visitor event log: JSON Lines that survive a full or missing disk without stopping."""

from __future__ import annotations

import errno
import gzip
import json
import logging
import os
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.live.eventlog import EventLog, default_event_log_path

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
    with caplog.at_level(logging.WARNING, logger="kiosk.live.eventlog"):
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

    with caplog.at_level(logging.INFO, logger="kiosk.live.eventlog"):
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
    with caplog.at_level(logging.WARNING, logger="kiosk.live.eventlog"):
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


# --- rotation: events.jsonl → events.jsonl.1.gz … events.jsonl.KEEP.gz -------------------

# Every panel_shown line below, with the fixed clock, is this long.
LINE = len(b'{"time":"2024-05-01T10:30:00.000+03:00","event":"panel_shown","panel":"p0000"}\n')


def panel(n: int) -> str:
    return f"p{n:04d}"


def show_panels(log: EventLog, numbers: range, *, wait: bool = True) -> None:
    for n in numbers:
        log.log("panel_shown", panel=panel(n))
        if wait:
            assert log.wait_for_rotation(timeout=30)


def gunzipped(path: Path) -> list[str]:
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    assert text.endswith("\n")  # whole lines only
    return [json.loads(line)["panel"] for line in text.splitlines()]


def plain(path: Path) -> list[str]:
    return [record["panel"] for record in read_lines(path)] if path.exists() else []


def files_in(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def rotating_log(folder: Path, *, lines: int, keep: int) -> EventLog:
    return EventLog(folder / "events.jsonl", clock=fixed_clock(), max_bytes=lines * LINE,
                    keep=keep)


def test_passing_the_size_limit_moves_the_earlier_lines_into_a_compressed_file(
        tmp_path: Path) -> None:
    log = rotating_log(tmp_path, lines=3, keep=2)
    show_panels(log, range(5))

    assert gunzipped(tmp_path / "events.jsonl.1.gz") == ["p0000", "p0001", "p0002"]
    assert plain(tmp_path / "events.jsonl") == ["p0003", "p0004"]
    assert files_in(tmp_path) == ["events.jsonl", "events.jsonl.1.gz"]


def test_thousands_of_events_keep_exactly_the_newest_in_order_and_drop_the_oldest(
        tmp_path: Path) -> None:
    log = rotating_log(tmp_path, lines=20, keep=3)
    show_panels(log, range(2002))  # a hundred rotations

    assert files_in(tmp_path) == ["events.jsonl", "events.jsonl.1.gz", "events.jsonl.2.gz",
                                  "events.jsonl.3.gz"]
    assert gunzipped(tmp_path / "events.jsonl.3.gz") == [panel(n) for n in range(1940, 1960)]
    assert gunzipped(tmp_path / "events.jsonl.2.gz") == [panel(n) for n in range(1960, 1980)]
    assert gunzipped(tmp_path / "events.jsonl.1.gz") == [panel(n) for n in range(1980, 2000)]
    assert plain(tmp_path / "events.jsonl") == ["p2000", "p2001"]


def test_a_touch_storm_outrunning_the_compression_loses_and_repeats_no_event(
        tmp_path: Path) -> None:
    # No waiting: the limit is passed again and again while rotations are compressing.
    log = rotating_log(tmp_path, lines=5, keep=1000)
    show_panels(log, range(2000), wait=False)
    assert log.wait_for_rotation(timeout=30)

    rotated = sorted((name for name in files_in(tmp_path) if name != "events.jsonl"),
                     key=lambda name: int(name.split(".")[2]), reverse=True)
    assert rotated
    assert all(name.endswith(".gz") for name in rotated)
    kept = [p for name in rotated for p in gunzipped(tmp_path / name)]
    assert kept + plain(tmp_path / "events.jsonl") == [panel(n) for n in range(2000)]


def test_the_limit_passed_again_during_a_compression_waits_for_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compressing, go_on = threading.Event(), threading.Event()
    real = gzip.GzipFile

    def held(*args: object, **kwargs: object) -> gzip.GzipFile:
        compressing.set()
        assert go_on.wait(timeout=30)
        return real(*args, **kwargs)

    log = rotating_log(tmp_path, lines=5, keep=3)
    with monkeypatch.context() as patch:
        patch.setattr(gzip, "GzipFile", held)
        show_panels(log, range(5), wait=False)
        assert compressing.wait(timeout=30)
        show_panels(log, range(5, 17), wait=False)  # past the limit twice more
        assert plain(tmp_path / "events.jsonl") == [panel(n) for n in range(5, 17)]
        go_on.set()
        assert log.wait_for_rotation(timeout=30)
    assert gunzipped(tmp_path / "events.jsonl.1.gz") == [panel(n) for n in range(5)]

    show_panels(log, range(17, 18))  # the next event rotates what waited

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz"]
    assert gunzipped(tmp_path / "events.jsonl.1.gz") == [panel(n) for n in range(5, 18)]


def test_lowering_keep_drops_the_files_past_it(tmp_path: Path) -> None:
    show_panels(rotating_log(tmp_path, lines=2, keep=5), range(10))
    assert files_in(tmp_path) == [f"events.jsonl.{n}.gz" for n in range(1, 6)]

    show_panels(rotating_log(tmp_path, lines=2, keep=2), range(10, 12))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz"]
    assert gunzipped(tmp_path / "events.jsonl.2.gz") == ["p0008", "p0009"]
    assert gunzipped(tmp_path / "events.jsonl.1.gz") == ["p0010", "p0011"]


def test_a_failed_compression_keeps_the_uncompressed_file_and_finishes_it_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    log = rotating_log(tmp_path, lines=3, keep=3)
    with caplog.at_level(logging.INFO, logger="kiosk.live.eventlog"):
        with monkeypatch.context() as patch:
            patch.setattr(gzip, "GzipFile", disk_full)
            show_panels(log, range(6))
        assert files_in(tmp_path) == ["events.jsonl.1", "events.jsonl.2"]  # no .tmp left
        assert plain(tmp_path / "events.jsonl.2") == ["p0000", "p0001", "p0002"]
        assert plain(tmp_path / "events.jsonl.1") == ["p0003", "p0004", "p0005"]

        show_panels(log, range(6, 9))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz", "events.jsonl.3.gz"]
    assert [p for n in (3, 2, 1) for p in gunzipped(tmp_path / f"events.jsonl.{n}.gz")] == [
        panel(n) for n in range(9)]
    assert [(r.levelno, "No space left" in r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, True), (logging.INFO, False)]


def test_a_compression_cut_short_by_a_crash_is_redone_at_the_next_rotation(
        tmp_path: Path) -> None:
    older = b'{"time":"2024-05-01T08:00:00.000+03:00","event":"panel_shown","panel":"older"}\n'
    newer = b'{"time":"2024-05-01T09:00:00.000+03:00","event":"panel_shown","panel":"newer"}\n'
    (tmp_path / "events.jsonl.1.gz").write_bytes(gzip.compress(newer))
    (tmp_path / "events.jsonl.2").write_bytes(older)
    (tmp_path / ".events.jsonl.2.gz.tmp").write_bytes(gzip.compress(older)[:10])

    show_panels(rotating_log(tmp_path, lines=2, keep=3), range(2))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz", "events.jsonl.3.gz"]
    assert [p for n in (3, 2, 1) for p in gunzipped(tmp_path / f"events.jsonl.{n}.gz")] == [
        "older", "newer", "p0000", "p0001"]


def test_a_compressed_copy_left_by_a_crash_is_not_kept_twice(tmp_path: Path) -> None:
    # Power lost after events.jsonl.1.gz was in place, before events.jsonl.1 was removed.
    earlier = b'{"time":"2024-05-01T09:00:00.000+03:00","event":"panel_shown","panel":"old"}\n'
    (tmp_path / "events.jsonl.1").write_bytes(earlier)
    (tmp_path / "events.jsonl.1.gz").write_bytes(gzip.compress(earlier))

    show_panels(rotating_log(tmp_path, lines=2, keep=3), range(2))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz"]
    assert gunzipped(tmp_path / "events.jsonl.2.gz") == ["old"]


def test_an_uncompressed_file_unlike_its_compressed_namesake_is_never_deleted(
        tmp_path: Path, caplog) -> None:
    (tmp_path / "events.jsonl.1").write_text(
        '{"time":"2024-05-01T09:00:00.000+03:00","event":"panel_shown","panel":"only-here"}\n')
    (tmp_path / "events.jsonl.1.gz").write_bytes(gzip.compress(
        b'{"time":"2024-05-01T08:00:00.000+03:00","event":"panel_shown","panel":"other"}\n'))

    with caplog.at_level(logging.WARNING, logger="kiosk.live.eventlog"):
        show_panels(rotating_log(tmp_path, lines=2, keep=3), range(2))

    assert plain(tmp_path / "events.jsonl.2") == ["only-here"]
    assert gunzipped(tmp_path / "events.jsonl.2.gz") == ["other"]
    assert "differ" in caplog.records[0].getMessage()


def test_a_file_pending_from_a_crash_is_moved_along_never_renamed_over(tmp_path: Path) -> None:
    # Power lost just after events.jsonl was renamed aside, before it was compressed.
    (tmp_path / "events.jsonl.0").write_text(
        '{"time":"2024-05-01T09:00:00.000+03:00","event":"panel_shown","panel":"pending"}\n')
    log = rotating_log(tmp_path, lines=3, keep=3)
    show_panels(log, range(4))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz"]
    assert gunzipped(tmp_path / "events.jsonl.2.gz") == ["pending"]
    assert gunzipped(tmp_path / "events.jsonl.1.gz") == ["p0000", "p0001", "p0002", "p0003"]


def test_a_folder_refusing_the_rename_keeps_every_event_and_does_not_raise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    # As a folder the kiosk may write its files in but not rename them in would.
    def refuse(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    log = rotating_log(tmp_path, lines=3, keep=3)
    with caplog.at_level(logging.INFO, logger="kiosk.live.eventlog"):
        with monkeypatch.context() as patch:
            patch.setattr(os, "rename", refuse)
            show_panels(log, range(7))  # past the limit twice
        assert files_in(tmp_path) == ["events.jsonl"]
        show_panels(log, range(7, 9))

    assert gunzipped(tmp_path / "events.jsonl.1.gz") == [panel(n) for n in range(9)]
    assert not log.failing
    assert [(r.levelno, "Permission denied" in r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, True), (logging.INFO, False)]


def test_a_disk_turning_read_only_mid_rotation_loses_nothing_and_rotation_resumes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    # events.jsonl is renamed aside; moving it along to .1 then fails.
    rename = os.rename

    def read_only_after_the_first(source: object, target: object) -> None:
        if Path(str(source)).name != "events.jsonl":
            raise OSError(errno.EROFS, "Read-only file system")
        rename(source, target)

    log = rotating_log(tmp_path, lines=3, keep=3)
    with caplog.at_level(logging.WARNING, logger="kiosk.live.eventlog"):
        with monkeypatch.context() as patch:
            patch.setattr(os, "rename", read_only_after_the_first)
            show_panels(log, range(6))
        assert files_in(tmp_path) == ["events.jsonl", "events.jsonl.0"]
        assert plain(tmp_path / "events.jsonl.0") == ["p0000", "p0001", "p0002"]
        show_panels(log, range(6, 10))

    assert files_in(tmp_path) == ["events.jsonl.1.gz", "events.jsonl.2.gz"]
    assert [p for n in (2, 1) for p in gunzipped(tmp_path / f"events.jsonl.{n}.gz")] == [
        panel(n) for n in range(10)]
    assert len(caplog.records) == 1
    assert "Read-only file system" in caplog.records[0].getMessage()


@pytest.mark.parametrize("limits", [{"max_bytes": 0}, {"keep": 0}, {"keep": -1}])
def test_limits_below_one_are_refused(tmp_path: Path, limits: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="1 or more"):
        EventLog(tmp_path / "events.jsonl", **limits)
