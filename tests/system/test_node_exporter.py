"""The real node exporter (Debian's prometheus-node-exporter) serves the kiosk's metrics
file over HTTP, as Prometheus scrapes it on a gallery PC, with the right values after a
reload goes up and after a save is refused. It listens on 127.0.0.1 only, with every
collector but the textfile one off."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from kiosk import __version__
from kiosk.live.metrics import METRICS_FILE_NAME, KioskMetrics
from tests.helpers.xserver import wait_for

EXPORTER = "prometheus-node-exporter"  # Debian's name for node_exporter
EXHIBIT = "/srv/exhibit/current/exhibit.yaml"
KIOSK = "hall-2"


@dataclass
class NodeExporter:
    url: str
    log: Path

    def scrape(self) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
        """Every sample served, by name, then by its labels."""
        with urllib.request.urlopen(self.url, timeout=10) as response:
            assert response.status == 200
            text = response.read().decode()
        found: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
        for family in text_string_to_metric_families(text):
            for sample in family.samples:
                found.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = \
                    sample.value
        return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def metrics_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "node-exporter"
    folder.mkdir()
    return folder


@pytest.fixture
def node_exporter(tmp_path: Path, metrics_folder: Path) -> Iterator[NodeExporter]:
    binary = shutil.which(EXPORTER) or shutil.which(EXPORTER, path="/usr/bin")
    # Not a skip: install.sh installs it.
    assert binary, f"{EXPORTER} is missing: run ./install.sh"
    port = free_port()
    log = tmp_path / "node-exporter.log"
    with log.open("w") as out:
        exporter = subprocess.Popen(
            [binary, f"--web.listen-address=127.0.0.1:{port}",
             "--collector.disable-defaults", "--collector.textfile",
             f"--collector.textfile.directory={metrics_folder}"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"})
    served = NodeExporter(f"http://127.0.0.1:{port}/metrics", log)

    def listening() -> bool:
        assert exporter.poll() is None, f"{EXPORTER} exited:\n{log.read_text()}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    try:
        wait_for(listening, f"{EXPORTER} listening on 127.0.0.1:{port}")
        yield served
    finally:
        exporter.terminate()
        exporter.wait(timeout=20)


def kiosk_value(scraped: dict, name: str, **labels: str) -> float:
    series = scraped.get(name)
    assert series, f"{name} is not served"
    key = tuple(sorted({"kiosk": KIOSK, **labels}.items()))
    assert key in series, f"{name}{dict(key)} is not served; it has {list(series)}"
    return series[key]


def assert_served_cleanly(scraped: dict) -> None:
    assert scraped["node_textfile_scrape_error"][()] == 0.0
    files = [dict(labels)["file"] for labels in scraped["node_textfile_mtime_seconds"]]
    assert [Path(file).name for file in files] == [METRICS_FILE_NAME]


def test_the_node_exporter_serves_the_kiosks_state_after_a_reload_and_a_refused_save(
        node_exporter: NodeExporter, metrics_folder: Path) -> None:
    old_umask = os.umask(0o077)  # as under the kiosk's service
    try:
        metrics = KioskMetrics(KIOSK, interval=15)
        metrics.started(EXHIBIT, "digest-1")
        metrics.frame_shown()
        assert metrics.write(metrics_folder)

        scraped = node_exporter.scrape()
        assert_served_cleanly(scraped)
        assert kiosk_value(scraped, "exhibit_kiosk_up") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_info", version=__version__,
                           exhibit=EXHIBIT, digest="digest-1", release="") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_reloads_applied_total") == 0.0
        assert kiosk_value(scraped, "exhibit_kiosk_process_resident_memory_bytes") > 0

        # Staff save a valid exhibit and it goes up on screen.
        metrics.reload_applied("digest-2")
        assert metrics.write(metrics_folder)
        scraped = node_exporter.scrape()
        assert_served_cleanly(scraped)
        assert kiosk_value(scraped, "exhibit_kiosk_reloads_applied_total") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_reloads_rejected_total") == 0.0
        assert kiosk_value(scraped, "exhibit_kiosk_validation_errors") == 0.0
        assert kiosk_value(scraped, "exhibit_kiosk_info", version=__version__,
                           exhibit=EXHIBIT, digest="digest-2", release="") == 1.0
        assert len(scraped["exhibit_kiosk_info"]) == 1  # the old digest is gone

        # Then a save with 2 errors: refused, and the good exhibit stays on screen.
        metrics.reload_rejected(2)
        assert metrics.write(metrics_folder)
        scraped = node_exporter.scrape()
        assert_served_cleanly(scraped)
        assert kiosk_value(scraped, "exhibit_kiosk_reloads_applied_total") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_reloads_rejected_total") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_validation_errors") == 2.0
        assert kiosk_value(scraped, "exhibit_kiosk_info", version=__version__,
                           exhibit=EXHIBIT, digest="digest-2", release="") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_up") == 1.0

        # A published release goes up; the next one fails the kiosk's own check.
        metrics.reload_applied("digest-3")
        metrics.release_adopted("1eeb3128cca84d00bd1e")
        metrics.release_refused()
        assert metrics.write(metrics_folder)
        scraped = node_exporter.scrape()
        assert_served_cleanly(scraped)
        assert kiosk_value(scraped, "exhibit_kiosk_info", version=__version__,
                           exhibit=EXHIBIT, digest="digest-3",
                           release="1eeb3128cca84d00bd1e") == 1.0
        assert kiosk_value(scraped, "exhibit_kiosk_releases_refused_total") == 1.0
    finally:
        os.umask(old_umask)


def test_the_kiosks_process_metrics_do_not_clash_with_the_exporters_own(
        node_exporter: NodeExporter, metrics_folder: Path) -> None:
    metrics = KioskMetrics(KIOSK)
    assert metrics.write(metrics_folder)
    scraped = node_exporter.scrape()
    assert_served_cleanly(scraped)
    # The exporter's own memory, and the kiosk's under its own name, side by side.
    assert scraped["process_resident_memory_bytes"][()] > 0
    assert kiosk_value(scraped, "exhibit_kiosk_process_resident_memory_bytes") > 0
    assert kiosk_value(scraped, "exhibit_kiosk_process_start_time_seconds") > 0
