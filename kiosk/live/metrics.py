"""The kiosk's state for Prometheus, written as a file the node exporter's textfile
collector serves (deploy/README.md, "Metrics and alerts"; the rules are in
deploy/prometheus/alerts.yml).

The app records what happens in the :class:`~kiosk.live.kioskstate.KioskState` this
extends, and calls :meth:`KioskMetrics.write` every ``interval`` seconds. Nothing here
listens on the network and nothing needs Qt. Every metric carries the label ``kiosk``
(the site file's ``name``).

Times are Unix timestamps, not "seconds since": a file that stops being written keeps its
last values, so an age written into it would freeze at a healthy few seconds, while
``time() - …_timestamp_seconds`` in a rule keeps growing. Restarts are not counted in a
file of their own: each run exports its start time, and ``changes()`` over it counts
restarts, as Prometheus does for every process.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, tzinfo
from pathlib import Path

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    InfoMetricFamily,
    Metric,
)
from prometheus_client.process_collector import ProcessCollector

from kiosk import __version__
from kiosk.filewrite import replace_atomically
from kiosk.live.kioskstate import KioskState, utc_now

PREFIX = "exhibit_kiosk"
# One kiosk a machine (the service unit's name is fixed), so one fixed file name: a kiosk
# renamed in its site file leaves no file with stale values behind.
METRICS_FILE_NAME = f"{PREFIX}.prom"
DEFAULT_INTERVAL = 15.0  # seconds between writes, as the site file's default
# The node exporter runs as its own account; the kiosk's service has UMask=0077.
FILE_MODE = 0o644

log = logging.getLogger(__name__)


class KioskMetrics(KioskState):
    """The kiosk's state for Prometheus, in a registry of its own (never the global one,
    which would mix in whatever else the process imports)."""

    def __init__(self, kiosk: str, *, exhibit: str = "", digest: str = "",
                 interval: float = DEFAULT_INTERVAL, version: str = __version__,
                 clock: Callable[[], datetime] = utc_now, zone: tzinfo | None = None,
                 process: bool = True) -> None:
        super().__init__(kiosk, exhibit=exhibit, digest=digest, version=version, clock=clock,
                         zone=zone)
        self.interval = interval
        self.last_write: datetime | None = None
        self._failing = False  # so a folder that stays unwritable is logged once
        self.registry = CollectorRegistry()
        self.registry.register(self)
        # Resident memory, start time, CPU and open files of this process, as the client
        # library reads them from /proc; prefixed so they never clash with the node
        # exporter's own process_* metrics about itself.
        self._process = ProcessCollector(namespace=PREFIX, registry=None) if process else None

    # --- the file -----------------------------------------------------------------------

    def text(self) -> bytes:
        """The metrics in Prometheus' text format, as the file holds them."""
        return generate_latest(self.registry)

    def write(self, folder: Path) -> bool:
        """Write ``METRICS_FILE_NAME`` in ``folder`` at once (a temporary file renamed over
        it). Never raises: a kiosk shows its exhibit whether or not it can report."""
        self.last_write = self._clock()
        path = Path(folder) / METRICS_FILE_NAME
        data = self.text()
        try:
            # Not prometheus_client.write_to_textfile: its file gets the service's umask
            # (0077), which the node exporter's account cannot read.
            replace_atomically(path, lambda temporary: temporary.write_bytes(data),
                               mode=FILE_MODE)
        except OSError as error:
            if not self._failing:
                log.warning("cannot write the metrics file %s (%s); trying again every "
                            "%g s", path, error.strerror or error, self.interval)
            self._failing = True
            return False
        if self._failing:
            log.info("the metrics file %s is written again", path)
        self._failing = False
        return True

    # --- the collector the registry calls -----------------------------------------------

    def collect(self) -> Iterator[Metric]:
        kiosk = [self.kiosk]
        info = InfoMetricFamily(PREFIX, "The kiosk's version and the exhibit it shows.",
                                labels=["kiosk"])
        info.add_metric(kiosk, {"version": self.version, "exhibit": self.exhibit,
                                "digest": self.digest, "release": self.release or ""})
        yield info
        yield _gauge("up", "1 while the kiosk runs; 0 once it has stopped cleanly.",
                     kiosk, self.up)
        yield _gauge("metrics_interval_seconds", "How often the kiosk writes this file.",
                     kiosk, self.interval)
        if self.last_write is not None:
            yield _gauge("last_write_timestamp_seconds",
                         "When the kiosk last wrote this file (Unix time).",
                         kiosk, self.last_write.timestamp())
        if self.last_frame is not None:
            yield _gauge("last_frame_timestamp_seconds",
                         "When the kiosk's window last drew a frame (Unix time).",
                         kiosk, self.last_frame.timestamp())
        yield _counter("watchdog_pings", "Pings sent to systemd's watchdog.",
                       kiosk, self.watchdog_pings)
        yield _counter("reloads_applied", "New exhibits put on screen without a restart.",
                       kiosk, self.reloads_applied)
        yield _counter("reloads_rejected", "Saved exhibits refused for their errors.",
                       kiosk, self.reloads_rejected)
        yield _counter("releases_refused",
                       "Published releases refused by this kiosk's own check.",
                       kiosk, self.releases_refused)
        yield _gauge("validation_errors",
                     "Errors in the exhibit file as last read; 0 when it is valid.",
                     kiosk, self.validation_errors)
        yield _gauge("display_on", "1 while the display is on, 0 while switched off.",
                     kiosk, self.display_on)
        yield _gauge("open", "1 during opening hours, 0 while closed.", kiosk, self.open)
        yield _gauge("visits_today", "Visitor sessions ended since local midnight.",
                     kiosk, self.visits_today)
        yield _counter("picture_decode_failures", "Pictures that could not be decoded.",
                       kiosk, self.pictures_failed)
        if self._process is not None:
            yield from _labelled(self._process.collect(), "kiosk", self.kiosk)


def _gauge(name: str, help_text: str, labels: list[str], value: float) -> GaugeMetricFamily:
    family = GaugeMetricFamily(f"{PREFIX}_{name}", help_text, labels=["kiosk"])
    family.add_metric(labels, float(value))
    return family


def _counter(name: str, help_text: str, labels: list[str], value: int) -> CounterMetricFamily:
    family = CounterMetricFamily(f"{PREFIX}_{name}", help_text, labels=["kiosk"])
    family.add_metric(labels, value)
    return family


def _labelled(families: Iterable[Metric], label: str, value: str) -> Iterator[Metric]:
    """The families with one more label on every sample, as this module's own have."""
    for family in families:
        family.samples = [sample._replace(labels={label: value, **sample.labels})
                          for sample in family.samples]
        yield family
