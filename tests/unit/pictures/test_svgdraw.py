"""SVGs are drawn in a child process that is stopped at the time budget."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from kiosk.exhibit.imagecheck import ImageRefused
from kiosk.exhibit.report import validate_command
from kiosk.pictures import svgdraw
from kiosk.pictures.svgdraw import draw_svg
from tests.helpers.slow_svg import write_slow_svg

IMAGES = Path(__file__).resolve().parents[2] / "corpus" / "images"
EXHIBITS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"


def test_an_svg_is_drawn_at_the_size_asked_for() -> None:
    pixels = draw_svg(IMAGES / "good.svg", (160, 80))
    assert len(pixels) == 160 * 80 * 4
    blue, green, red, alpha = pixels[(40 * 160 + 80) * 4:][:4]  # ARGB32, little-endian
    assert (red, green, blue, alpha) == (0x2E, 0x86, 0xC1, 0xFF)


def test_an_svg_too_slow_to_draw_is_stopped_at_the_budget(tmp_path: Path) -> None:
    slow = write_slow_svg(tmp_path / "slow.svg")
    with pytest.raises(ImageRefused) as caught:
        draw_svg(slow, (800, 600), seconds=0.5)
    assert caught.value.message.startswith(
        "it takes more than 0.5 s to draw at 800×600 pixels; simplify it")


def test_the_drawing_process_checks_the_bytes_it_draws_itself() -> None:
    # As if the file had been swapped after the caller's own check.
    with pytest.raises(ImageRefused) as caught:
        draw_svg(IMAGES / "outside-image.svg", (80, 40))
    assert "outside the SVG's folder" in caught.value.message


def test_the_exhibit_folder_cannot_put_code_on_the_drawing_process_s_path(
        tmp_path: Path) -> None:
    # The child works in the SVG's folder; a package there must not be imported.
    (tmp_path / "kiosk").mkdir()
    (tmp_path / "kiosk" / "__init__.py").write_text("raise SystemExit(9)\n", encoding="utf-8")
    (tmp_path / "PySide6.py").write_text("raise SystemExit(9)\n", encoding="utf-8")
    shutil.copy(IMAGES / "good.svg", tmp_path / "good.svg")
    assert len(draw_svg(tmp_path / "good.svg", (80, 40))) == 80 * 40 * 4


def test_validate_refuses_an_svg_that_draws_too_slowly(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(EXHIBITS / "good.yaml", tmp_path / "good.yaml")
    shutil.copytree(EXHIBITS / "assets", tmp_path / "assets")
    write_slow_svg(tmp_path / "assets" / "tiny.svg")
    monkeypatch.setattr(svgdraw, "DRAW_SECONDS", 0.5)
    monkeypatch.chdir(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert validate_command(Path("good.yaml"), out, err) == 1
    assert out.getvalue().splitlines()[0] == (
        "good.yaml:15:14: error: image 'assets/tiny.svg': it takes more than 0.5 s to draw "
        "at 3600×2700 pixels; simplify it (blurs and filters over many shapes are slow) or "
        "export it as PNG")
