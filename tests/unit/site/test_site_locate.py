"""Which site file the kiosk reads: --site, else /etc/exhibit-kiosk/site.yaml, else
$XDG_CONFIG_HOME/exhibit-kiosk/site.yaml; none at all means open around the clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.site.locate import SYSTEM_SITE_FILE, find_site_file, site_file_candidates


@pytest.fixture()
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A stand-in for /etc/exhibit-kiosk/site.yaml and the user's config folder (empty)."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return tmp_path / "etc" / "exhibit-kiosk" / "site.yaml", config / "exhibit-kiosk" / "site.yaml"


def put(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("version: 1\n", encoding="utf-8")
    return path


def test_the_places_looked_in_are_etc_then_the_users_config() -> None:
    assert SYSTEM_SITE_FILE == Path("/etc/exhibit-kiosk/site.yaml")
    assert site_file_candidates()[0] == SYSTEM_SITE_FILE


def test_no_site_file_anywhere_means_none(places: tuple[Path, Path]) -> None:
    system, _ = places
    assert find_site_file(system=system) is None


def test_the_users_config_is_used_when_etc_has_none(places: tuple[Path, Path]) -> None:
    system, user = places
    put(user)
    assert find_site_file(system=system) == user


def test_etc_comes_before_the_users_config(places: tuple[Path, Path]) -> None:
    system, user = places
    put(user)
    put(system)
    assert find_site_file(system=system) == system


def test_site_names_the_file_even_when_others_exist(places: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    system, user = places
    put(system)
    put(user)
    named = tmp_path / "elsewhere.yaml"
    assert find_site_file(named, system=system) == named  # missing: loading says so


def test_a_relative_or_empty_xdg_config_home_is_ignored(
        places: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system, _ = places
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    home_site = put(tmp_path / "home" / ".config" / "exhibit-kiosk" / "site.yaml")
    for value in ("", "relative/config"):
        monkeypatch.setenv("XDG_CONFIG_HOME", value)
        assert find_site_file(system=system) == home_site


def test_a_broken_file_in_etc_is_not_passed_over(places: tuple[Path, Path]) -> None:
    system, user = places
    put(user)
    system.parent.mkdir(parents=True)
    system.symlink_to(system.parent / "missing-target.yaml")  # a dangling link is still there
    assert find_site_file(system=system) == system
