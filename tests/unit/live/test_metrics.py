"""The kiosk's metrics file: what Prometheus reads about a kiosk after each thing it does."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import prometheus_client
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk import __version__
from kiosk.live.metrics import METRICS_FILE_NAME, KioskMetrics

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    """A wall clock that moves only when the test moves it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def samples(text: bytes | str) -> dict[str, tuple[dict[str, str], float]]:
    """Each sample of the text format by name: its labels and value."""
    if isinstance(text, bytes):
        text = text.decode()
    found: dict[str, tuple[dict[str, str], float]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            assert sample.name not in found, f"{sample.name} appears twice"
            found[sample.name] = (sample.labels, sample.value)
    return found


def value(metrics: KioskMetrics, name: str) -> float:
    return samples(metrics.text())[f"exhibit_kiosk_{name}"][1]


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2025, 3, 14, 10, 0, tzinfo=BERLIN))


@pytest.fixture
def metrics(clock: Clock) -> KioskMetrics:
    return KioskMetrics("hall-2", exhibit="/srv/exhibit/exhibit.yaml", digest="3f9a1c",
                        clock=clock, zone=BERLIN)


@pytest.fixture
def strict_umask() -> Iterator[None]:
    old = os.umask(0o077)  # the kiosk service's UMask=
    try:
        yield
    finally:
        os.umask(old)


def test_a_kiosk_just_started_is_up_open_with_its_display_on_and_nothing_counted(
        metrics: KioskMetrics) -> None:
    found = samples(metrics.text())
    assert found["exhibit_kiosk_up"] == ({"kiosk": "hall-2"}, 1.0)
    assert found["exhibit_kiosk_open"][1] == 1.0
    assert found["exhibit_kiosk_display_on"][1] == 1.0
    assert found["exhibit_kiosk_metrics_interval_seconds"][1] == 15.0
    for counter in ("watchdog_pings_total", "reloads_applied_total", "reloads_rejected_total",
                    "picture_decode_failures_total"):
        assert found[f"exhibit_kiosk_{counter}"] == ({"kiosk": "hall-2"}, 0.0)
    assert found["exhibit_kiosk_validation_errors"][1] == 0.0
    assert found["exhibit_kiosk_visits_today"][1] == 0.0


def test_the_info_metric_names_the_version_the_exhibit_and_its_digest(
        metrics: KioskMetrics) -> None:
    labels, one = samples(metrics.text())["exhibit_kiosk_info"]
    assert one == 1.0
    assert labels == {"kiosk": "hall-2", "version": __version__,
                      "exhibit": "/srv/exhibit/exhibit.yaml", "digest": "3f9a1c",
                      "release": ""}


def test_a_kiosk_with_a_content_folder_names_its_release_and_counts_refusals(
        metrics: KioskMetrics) -> None:
    metrics.release_adopted("1eeb3128cca84d00bd1e")
    metrics.release_refused()
    found = samples(metrics.text())
    assert found["exhibit_kiosk_info"][0]["release"] == "1eeb3128cca84d00bd1e"
    assert found["exhibit_kiosk_releases_refused_total"][1] == 1.0


def test_every_metric_carries_the_kiosk_label(metrics: KioskMetrics) -> None:
    found = samples(metrics.text())
    assert all(labels.get("kiosk") == "hall-2" for labels, _ in found.values())
    assert all(name.startswith("exhibit_kiosk_") for name in found)


def test_an_applied_reload_counts_sets_the_digest_and_clears_the_errors(
        metrics: KioskMetrics) -> None:
    metrics.reload_rejected(3)
    metrics.reload_applied("77be02")
    found = samples(metrics.text())
    assert found["exhibit_kiosk_reloads_applied_total"][1] == 1.0
    assert found["exhibit_kiosk_reloads_rejected_total"][1] == 1.0
    assert found["exhibit_kiosk_validation_errors"][1] == 0.0
    assert found["exhibit_kiosk_info"][0]["digest"] == "77be02"
    assert found["exhibit_kiosk_info"][0]["exhibit"] == "/srv/exhibit/exhibit.yaml"


def test_a_rejected_save_counts_and_shows_its_errors_while_the_digest_stays(
        metrics: KioskMetrics) -> None:
    metrics.reload_applied("77be02")
    metrics.reload_rejected(2)
    metrics.reload_rejected(5)
    found = samples(metrics.text())
    assert found["exhibit_kiosk_reloads_rejected_total"][1] == 2.0
    assert found["exhibit_kiosk_validation_errors"][1] == 5.0
    assert found["exhibit_kiosk_info"][0]["digest"] == "77be02"  # still on screen


def test_a_start_with_the_last_good_exhibit_reports_the_files_errors(
        metrics: KioskMetrics) -> None:
    metrics.started("/srv/exhibit/current/exhibit.yaml", "aa11", errors=4)
    found = samples(metrics.text())
    assert found["exhibit_kiosk_validation_errors"][1] == 4.0
    assert found["exhibit_kiosk_info"][0]["exhibit"] == "/srv/exhibit/current/exhibit.yaml"
    assert found["exhibit_kiosk_reloads_rejected_total"][1] == 0.0  # no reload happened


def test_the_last_frame_is_a_timestamp_absent_until_the_first_frame(
        metrics: KioskMetrics, clock: Clock) -> None:
    assert "exhibit_kiosk_last_frame_timestamp_seconds" not in samples(metrics.text())
    metrics.frame_shown()
    assert value(metrics, "last_frame_timestamp_seconds") == clock.now.timestamp()
    later = clock.now + timedelta(seconds=42.5)
    metrics.frame_shown(later)
    assert value(metrics, "last_frame_timestamp_seconds") == later.timestamp()


def test_counters_for_watchdog_pings_and_pictures_that_failed(metrics: KioskMetrics) -> None:
    for _ in range(3):
        metrics.watchdog_pinged()
    metrics.picture_failed()
    assert value(metrics, "watchdog_pings_total") == 3.0
    assert value(metrics, "picture_decode_failures_total") == 1.0


def test_closing_and_the_display_going_off_show_as_zeros(metrics: KioskMetrics) -> None:
    metrics.set_open(False)
    metrics.set_display_on(False)
    assert (value(metrics, "open"), value(metrics, "display_on")) == (0.0, 0.0)
    metrics.set_open(True)
    metrics.set_display_on(True)
    assert (value(metrics, "open"), value(metrics, "display_on")) == (1.0, 1.0)


def test_visits_today_start_again_at_local_midnight(metrics: KioskMetrics,
                                                    clock: Clock) -> None:
    clock.now = datetime(2025, 3, 14, 23, 50, tzinfo=BERLIN)
    metrics.visit_ended()
    metrics.visit_ended()
    assert value(metrics, "visits_today") == 2.0
    clock.now = datetime(2025, 3, 15, 0, 10, tzinfo=BERLIN)
    assert value(metrics, "visits_today") == 0.0  # no visit yet on the new day
    metrics.visit_ended()
    assert value(metrics, "visits_today") == 1.0


def test_the_day_of_a_visit_is_the_kiosks_not_utcs(clock: Clock) -> None:
    metrics = KioskMetrics("hall-2", clock=clock, zone=BERLIN)
    # 23:30 UTC on the 14th is already 00:30 on the 15th in Berlin.
    clock.now = datetime(2025, 3, 14, 22, 30, tzinfo=UTC)
    metrics.visit_ended()
    clock.now = datetime(2025, 3, 14, 23, 30, tzinfo=UTC)
    assert value(metrics, "visits_today") == 0.0
    metrics.visit_ended()
    clock.now = datetime(2025, 3, 15, 12, 0, tzinfo=UTC)
    assert value(metrics, "visits_today") == 1.0


def test_a_clean_stop_reports_down(metrics: KioskMetrics) -> None:
    metrics.stopped()
    assert value(metrics, "up") == 0.0


def test_resident_memory_and_start_time_come_from_the_process(metrics: KioskMetrics) -> None:
    first = samples(metrics.text())
    rss_labels, rss = first["exhibit_kiosk_process_resident_memory_bytes"]
    assert rss_labels == {"kiosk": "hall-2"}
    assert rss > 1_000_000  # a Python process holds megabytes
    start = first["exhibit_kiosk_process_start_time_seconds"][1]
    assert 0 < start <= datetime.now(UTC).timestamp()
    # One run, one start time: a change of it is what counts a restart.
    assert samples(metrics.text())["exhibit_kiosk_process_start_time_seconds"][1] == start


def test_the_metrics_stay_out_of_the_global_registry(metrics: KioskMetrics) -> None:
    metrics.reload_applied("77be02")
    assert b"exhibit_kiosk" not in prometheus_client.generate_latest()


def test_write_puts_the_file_in_the_folder_readable_by_the_node_exporter(
        metrics: KioskMetrics, clock: Clock, tmp_path: Path, strict_umask: None) -> None:
    metrics.reload_applied("77be02")
    assert metrics.write(tmp_path) is True
    path = tmp_path / METRICS_FILE_NAME
    assert [p.name for p in tmp_path.iterdir()] == [METRICS_FILE_NAME]  # no temporary left
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # despite the service's umask
    written = samples(path.read_text())
    assert written["exhibit_kiosk_reloads_applied_total"][1] == 1.0
    assert written["exhibit_kiosk_last_write_timestamp_seconds"][1] == clock.now.timestamp()


def test_each_write_replaces_the_file(metrics: KioskMetrics, clock: Clock,
                                      tmp_path: Path) -> None:
    metrics.write(tmp_path)
    inode = (tmp_path / METRICS_FILE_NAME).stat().st_ino
    clock.now += timedelta(seconds=15)
    metrics.reload_rejected(2)
    metrics.write(tmp_path)
    path = tmp_path / METRICS_FILE_NAME
    assert path.stat().st_ino != inode  # renamed over, never rewritten in place
    written = samples(path.read_text())
    assert written["exhibit_kiosk_validation_errors"][1] == 2.0
    assert written["exhibit_kiosk_last_write_timestamp_seconds"][1] == clock.now.timestamp()


def test_a_folder_it_cannot_write_is_logged_once_and_tried_again(
        metrics: KioskMetrics, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "not-yet"
    caplog.set_level(logging.INFO, logger="kiosk.live.metrics")
    assert metrics.write(folder) is False
    assert metrics.write(folder) is False
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert str(folder / METRICS_FILE_NAME) in warnings[0].getMessage()
    folder.mkdir()
    assert metrics.write(folder) is True
    assert "written again" in caplog.records[-1].getMessage()
    assert [p.name for p in folder.iterdir()] == [METRICS_FILE_NAME]


def test_the_metrics_module_needs_no_qt() -> None:
    check = ("import sys, kiosk.live.metrics; "
             "print(sorted(m for m in sys.modules if m.startswith('PySide6')))")
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            timeout=60, check=True)
    assert result.stdout.strip() == "[]"
