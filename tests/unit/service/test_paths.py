"""Where settings and logs live: the XDG folders, created when first asked for."""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import config_dir, data_dir


def test_folders_follow_xdg_variables_and_are_created(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert config_dir() == tmp_path / "conf" / "exhibit-kiosk"
    assert data_dir() == tmp_path / "data" / "exhibit-kiosk"
    assert config_dir().is_dir() and data_dir().is_dir()


def test_defaults_are_under_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_dir() == tmp_path / ".config" / "exhibit-kiosk"
    assert data_dir() == tmp_path / ".local" / "share" / "exhibit-kiosk"
    assert data_dir().is_dir()
