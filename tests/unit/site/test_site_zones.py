"""The site's time zone: by name, or the machine's own when the site file names none."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.site.defaults import default_site
from kiosk.site.load import load_site
from kiosk.site.zones import UTC, closest_zone_name, machine_zone, zone_named
from tests.unit.site.sitefiles import write_site

ZONEINFO = Path("/usr/share/zoneinfo")


def test_zones_by_name_and_typos() -> None:
    assert zone_named("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    assert zone_named("Europe/Berln") is None
    assert zone_named("/etc/passwd") is None and zone_named("../x") is None
    assert closest_zone_name("europe/berln") == "Europe/Berlin"
    assert closest_zone_name("Mars/Olympus_Mons") is None


def test_the_machine_zone_comes_from_tz_first(tmp_path: Path) -> None:
    assert machine_zone({"TZ": "Asia/Tokyo"}, tmp_path / "none").key == "Asia/Tokyo"
    assert machine_zone({"TZ": ":Europe/Paris"}, tmp_path / "none").key == "Europe/Paris"


def test_the_machine_zone_comes_from_the_localtime_link(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to(ZONEINFO / "America" / "Chicago")
    assert machine_zone({}, link).key == "America/Chicago"
    assert machine_zone({"TZ": "CET-1CEST"}, link).key == "America/Chicago"  # not a name


def test_a_copied_localtime_file_is_read(tmp_path: Path) -> None:
    copy = tmp_path / "localtime"
    copy.write_bytes((ZONEINFO / "Europe" / "Berlin").read_bytes())
    zone = machine_zone({}, copy)
    assert zone.key == "localtime"
    assert zone.utcoffset(datetime(2026, 7, 1)).seconds == 7200


def test_no_localtime_means_utc(tmp_path: Path) -> None:
    assert machine_zone({}, tmp_path / "missing") is UTC


def test_a_site_file_without_timezone_or_name_uses_the_machines(tmp_path: Path) -> None:
    path = write_site(tmp_path, "version: 1\n")
    result = load_site(path, zone=ZoneInfo("Asia/Tokyo"), hostname="gallery-pc-3")
    assert result.site is not None
    assert (result.site.timezone.key, result.site.name) == ("Asia/Tokyo", "gallery-pc-3")
    assert result.site.always_open
    assert default_site(zone=ZoneInfo("Asia/Tokyo"), hostname="pc").always_open
