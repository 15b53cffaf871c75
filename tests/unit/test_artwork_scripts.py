"""Every picture of the bundled exhibit is drawn by a script in tools/artwork/, and every
drawing's output is in assets/: the artwork can always be rebuilt, and nothing in assets/
is a leftover nobody can remake."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.exhibit.load import load_exhibit

REPO = Path(__file__).resolve().parents[2]
ASSETS = REPO / "assets"
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".svg"}


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    """Each file the drawing scripts make, with the script that makes it."""
    listing = subprocess.run(
        [sys.executable, str(REPO / "tools" / "artwork" / "build.py"), "--list"],
        capture_output=True, text=True, check=True, timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    rows = [line.split("\t") for line in listing.stdout.splitlines()]
    return {file: script for file, script in rows}


def pictures_in_assets() -> set[str]:
    return {f"assets/{path.name}" for path in ASSETS.iterdir()
            if path.is_file() and path.suffix.lower() in PICTURE_SUFFIXES}


def test_every_picture_in_assets_has_a_script(drawn: dict[str, str]) -> None:
    assert sorted(pictures_in_assets() - drawn.keys()) == []


def test_every_scripts_output_is_in_assets(drawn: dict[str, str]) -> None:
    assert sorted(drawn.keys() - pictures_in_assets()) == []
    assert all((REPO / script).is_file() for script in drawn.values())


def test_every_picture_the_exhibit_shows_is_drawn(drawn: dict[str, str]) -> None:
    exhibit = load_exhibit(REPO / "exhibit.yaml", check_images=False).exhibit
    assert exhibit is not None
    shown = {str(path.relative_to(REPO)) for path in exhibit.referenced_files()}
    assert sorted(shown - drawn.keys()) == []
