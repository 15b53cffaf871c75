"""Closures from an iCalendar file: all-day and timed events close the kiosk; events that
cannot be used are reported at their line in the calendar file."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.site.calendarfile import read_calendar
from kiosk.site.load import load_site
from kiosk.site.model import Closure
from kiosk.site.schedule import Change, Schedule
from tests.unit.site.sitefiles import BERLIN, WEEK, berlin, load_good_site, write_site


def calendar(*events: str) -> str:
    """An .ics file's text holding ``events`` (each the lines between BEGIN/END:VEVENT)."""
    body = "".join(f"BEGIN:VEVENT\r\nUID:{number}@museum.example\r\n{event.strip()}\r\n"
                   "END:VEVENT\r\n" for number, event in enumerate(events, start=1))
    return ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Museum//Closures//EN\r\n"
            f"{body}END:VCALENDAR\r\n").replace("\r\n\r\n", "\r\n")


def site_with_calendar(folder: Path, *events: str) -> Schedule:
    (folder / "closures.ics").write_text(calendar(*events), encoding="utf-8", newline="")
    path = write_site(folder, "version: 1\ntimezone: Europe/Berlin\nclosures_ics: "
                              "closures.ics\n" + WEEK)
    return Schedule(load_good_site(path))


def test_an_all_day_event_closes_the_kiosk_that_day(tmp_path: Path) -> None:
    schedule = site_with_calendar(tmp_path, "SUMMARY:Staff training day\r\n"
                                            "DTSTART;VALUE=DATE:20260610")
    assert not schedule.is_open(berlin(2026, 6, 10, 12))  # a Wednesday
    assert schedule.is_open(berlin(2026, 6, 11, 12))
    assert schedule.next_change(berlin(2026, 6, 9, 19)) == Change(berlin(2026, 6, 11, 10),
                                                                  "opens")
    assert schedule.site.closures == (Closure(berlin(2026, 6, 10).date(),
                                              berlin(2026, 6, 10).date(),
                                              "Staff training day"),)


def test_an_all_day_events_end_date_is_the_day_after_its_last(tmp_path: Path) -> None:
    schedule = site_with_calendar(tmp_path, "SUMMARY:Christmas\r\nDTSTART;VALUE=DATE:20261225"
                                            "\r\nDTEND;VALUE=DATE:20261227")
    assert not schedule.is_open(berlin(2026, 12, 26, 12))
    assert schedule.next_change(berlin(2026, 12, 24, 22)) == Change(berlin(2026, 12, 27, 11),
                                                                    "opens")


def test_a_timed_event_closes_part_of_a_day(tmp_path: Path) -> None:
    schedule = site_with_calendar(tmp_path, "SUMMARY:Private gala\r\n"
                                            "DTSTART;TZID=Europe/Berlin:20260612T160000\r\n"
                                            "DTEND;TZID=Europe/Berlin:20260612T230000")
    assert schedule.next_change(berlin(2026, 6, 12, 11)) == Change(berlin(2026, 6, 12, 16),
                                                                   "closes")
    assert not schedule.is_open(berlin(2026, 6, 12, 17))


def test_utc_and_floating_times(tmp_path: Path) -> None:
    schedule = site_with_calendar(
        tmp_path,
        "SUMMARY:Filming\r\nDTSTART:20260602T100000Z\r\nDTEND:20260602T120000Z",  # 12-14 CEST
        "SUMMARY:Fire drill\r\nDTSTART:20260603T110000\r\nDURATION:PT1H")  # floating: Berlin
    assert schedule.next_change(berlin(2026, 6, 2, 11)) == Change(berlin(2026, 6, 2, 12),
                                                                  "closes")
    assert schedule.next_change(berlin(2026, 6, 2, 12)) == Change(berlin(2026, 6, 2, 14),
                                                                  "opens")
    assert not schedule.is_open(berlin(2026, 6, 3, 11, 30))
    assert schedule.is_open(berlin(2026, 6, 3, 12, 0))


def test_a_floating_time_in_the_skipped_hour_takes_effect_at_0300(tmp_path: Path) -> None:
    (tmp_path / "c.ics").write_text(calendar("DTSTART:20260329T023000\r\nDURATION:PT1H"),
                                    encoding="utf-8")
    read = read_calendar(tmp_path / "c.ics", "c.ics", BERLIN)
    assert [closure.start.astimezone(BERLIN).isoformat() for closure in read.timed] == [
        "2026-03-29T03:00:00+02:00"]


def test_a_duration_is_exact_across_the_fall_back(tmp_path: Path) -> None:
    (tmp_path / "c.ics").write_text(
        calendar("DTSTART;TZID=Europe/Berlin:20261025T010000\r\nDURATION:PT3H"),
        encoding="utf-8")
    (closure,) = read_calendar(tmp_path / "c.ics", "c.ics", BERLIN).timed
    assert closure.end.astimezone(BERLIN).isoformat() == "2026-10-25T03:00:00+01:00"


def test_a_zone_defined_in_the_file_is_used(tmp_path: Path) -> None:
    zone = ("BEGIN:VTIMEZONE\r\nTZID:Gallery Time\r\nBEGIN:STANDARD\r\n"
            "DTSTART:16011028T030000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n"
            "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n"
            "DTSTART:16010325T020000\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n"
            "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n")
    text = calendar("SUMMARY:Gala\r\nDTSTART;TZID=Gallery Time:20260612T160000\r\n"
                    "DTEND;TZID=Gallery Time:20260612T230000")
    (tmp_path / "c.ics").write_text(text.replace("BEGIN:VEVENT", zone + "BEGIN:VEVENT", 1),
                                    encoding="utf-8")
    read = read_calendar(tmp_path / "c.ics", "c.ics", BERLIN)
    assert read.diagnostics == () and read.problem is None
    assert [c.start.astimezone(BERLIN).isoformat() for c in read.timed] == [
        "2026-06-12T16:00:00+02:00"]


def test_a_cancelled_event_closes_nothing(tmp_path: Path) -> None:
    schedule = site_with_calendar(tmp_path, "STATUS:CANCELLED\r\nDTSTART;VALUE=DATE:20260610")
    assert schedule.is_open(berlin(2026, 6, 10, 12))


def test_problems_are_reported_at_their_line_in_the_calendar(tmp_path: Path) -> None:
    (tmp_path / "closures.ics").write_text(calendar(
        "SUMMARY:Every Christmas\r\nDTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY",
        "SUMMARY:A long\r\n  folded summary\r\nDTSTART:20260602T120000Z",
        "DTSTART;VALUE=DATE:20260610\r\nDTEND:20260611T100000"), encoding="utf-8")
    path = write_site(tmp_path, "version: 1\nclosures_ics: closures.ics\n")
    result = load_site(path, zone=BERLIN)
    ics = str(tmp_path / "closures.ics")
    assert [str(d) for d in result.diagnostics] == [
        f"{ics}:8:1: error: a repeating event (RRULE) is not supported: the kiosk reads each "
        "event once, so give each closure its own event, or list the dates under "
        "`closures:` in the site file",
        f"{ics}:14:1: error: a timed event needs an end (DTEND or DURATION); give it one, or "
        "make it an all-day event",
        f"{ics}:19:1: error: DTSTART is a date but the end is a date and time; make both "
        "dates (an all-day closure) or both times",
    ]
    assert result.site is None


def test_a_calendar_path_is_relative_to_the_site_files_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    (folder / "closures.ics").write_text(calendar("DTSTART;VALUE=DATE:20260610"),
                                         encoding="utf-8")
    path = write_site(folder, "version: 1\nclosures_ics: closures.ics\n")
    monkeypatch.chdir(tmp_path)
    site = load_good_site(path.relative_to(tmp_path))
    assert site.closures_ics == Path("etc/closures.ics")
    assert len(site.closures) == 1


def test_a_calendar_that_is_not_icalendar_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "closures.ics").write_text("Closed on 24 December\n", encoding="utf-8")
    path = write_site(tmp_path, "version: 1\nclosures_ics: closures.ics\n")
    (error,) = load_site(path).errors
    assert (error.line, error.col) == (2, 15)
    assert error.message.startswith(f"'{tmp_path / 'closures.ics'}' is not a valid iCalendar "
                                    "file (")
    assert error.message.endswith("); export the closures again from the calendar program "
                                  "as an .ics file")


@pytest.mark.parametrize(("make", "message"), [
    (Path.mkdir, "'{p}' is not a file (a folder?); give the path of the .ics file"),
    (lambda p: p.write_bytes(b"X" * (4 * 1024 * 1024 + 1)),
     "the calendar file '{p}' is 4.0 MB; calendar files are limited to 4 MB"),
    pytest.param(lambda p: (p.write_bytes(b"BEGIN:VCALENDAR\r\n"), p.chmod(0)),
                 "the calendar file '{p}' cannot be read: permission denied",
                 marks=pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")),
], ids=["folder", "too-large", "unreadable"])
def test_a_calendar_that_cannot_be_read_says_why(tmp_path: Path,
                                                 make: Callable[[Path], object],
                                                 message: str) -> None:
    ics = tmp_path / "closures.ics"
    make(ics)
    path = write_site(tmp_path, "version: 1\nclosures_ics: closures.ics\n")
    assert [str(d) for d in load_site(path).errors] == [
        f"{path}:2:15: error: " + message.format(p=ics)]
