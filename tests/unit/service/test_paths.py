"""Where settings and logs live: the XDG folders, made only by what writes there."""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import config_dir, data_dir


def test_folders_follow_xdg_variables_and_asking_creates_nothing(tmp_path: Path,
                                                                 monkeypatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert config_dir() == tmp_path / "conf" / "exhibit-kiosk"
    assert data_dir() == tmp_path / "data" / "exhibit-kiosk"
    # Asking must not write: on a read-only home it would raise before the exhibit shows.
    assert not config_dir().exists() and not data_dir().exists()


def test_defaults_are_under_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert config_dir() == tmp_path / ".config" / "exhibit-kiosk"
    assert data_dir() == tmp_path / ".local" / "share" / "exhibit-kiosk"
