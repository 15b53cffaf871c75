"""`kiosk render`: a curator gets every screen of the real kiosk as PNG, at any screen
size, and a proof sheet; a broken exhibit or an unwritable folder gets a clear refusal."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QImageReader, QPdfWriter

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.pages import build_pages
from kiosk.render.command import render_command, screenshot_name, stale_screens
from kiosk.render.proof import proof_document, write_proof
from kiosk.render.rendered import RenderResult
from kiosk.screens import DEFAULT_PROFILE
from tests.helpers.sample_exhibit import COLOURS, write_sample_exhibit

SIZES = [(1920, 1080), (1080, 1920), (1280, 800), (3840, 2160)]
# The sample: 3 era openings, 6 panels and the closed screen, each on one proof page,
# after the cover.
PROOF_PAGES = 1 + 3 + 6 + 1
REPO = Path(__file__).resolve().parents[2]


def _sample_stems() -> list[str]:
    return ["00-welcome",
            "01-first", "01-first--one", "01-first--two",
            "02-second", "02-second--three", "02-second--four",
            "03-third", "03-third--five", "03-third--six",
            "99-closed"]


def _colours(image: QImage) -> set[int]:
    """The distinct colours of a 96-pixel-wide sample (nearest pixels, nothing blended)."""
    small = image.scaledToWidth(96, Qt.TransformationMode.FastTransformation)
    return {small.pixel(x, y) for y in range(small.height()) for x in range(small.width())}


def _shows(image: QImage, colour: str) -> bool:
    """Whether a solid-coloured sample image appears anywhere, pixel-exact."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    data, row = bytes(rgb.constBits()), rgb.bytesPerLine()
    want = bytes(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    at = data.find(want)
    while at >= 0:
        if at % row % 3 == 0:
            return True
        at = data.find(want, at + 1)
    return False


def _render(exhibit: Path, out: Path, size: tuple[int, int]) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = render_command(exhibit, out, size, stdout=stdout, stderr=stderr)
    return code, stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_is_rendered_at_the_screen_size_with_a_proof_sheet(
        qapp: object, tmp_path: Path, size: tuple[int, int]) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    out = tmp_path / "out"

    code, stdout, stderr = _render(exhibit, out, size)

    assert code == 0, stdout + stderr
    assert stderr == ""  # no QML warnings, no screen grabbed before its images were in
    expected = {f"{stem}{suffix}.png" for stem in _sample_stems() for suffix in ("", "-ru")}
    assert {p.name for p in out.iterdir()} == expected | {"proof.pdf"}
    for name in expected:
        stored = QImageReader(str(out / name)).size()
        assert (stored.width(), stored.height()) == size, name
    looked_at = ("00-welcome.png", "00-welcome-ru.png", "01-first.png", "01-first--one.png",
                 "01-first--one-ru.png", "01-first--two.png", "02-second--three.png")
    screens = {name: QImage(str(out / name)) for name in looked_at}
    for name, image in screens.items():
        assert len(_colours(image)) >= 8, f"{name} looks blank"

    # Each panel shows its own picture, the second panel its thumbnails too.
    assert _shows(screens["01-first--one.png"], COLOURS[0])
    assert not _shows(screens["01-first--one.png"], COLOURS[3])
    assert _shows(screens["02-second--three.png"], COLOURS[3])
    assert _shows(screens["01-first--two.png"], COLOURS[1])
    assert _shows(screens["01-first--two.png"], COLOURS[2])
    # The second language really is another rendering, not a copy.
    assert screens["01-first--one-ru.png"] != screens["01-first--one.png"]
    assert screens["00-welcome-ru.png"] != screens["00-welcome.png"]

    pdf = (out / "proof.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == PROOF_PAGES
    assert f"22 screens at {size[0]}x{size[1]} (en, ru) and proof.pdf ({PROOF_PAGES} pages)" \
        in stdout


def test_an_invalid_exhibit_is_not_rendered_and_its_errors_are_shown(
        qapp: object, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    text = exhibit.read_text(encoding="utf-8")
    exhibit.write_text(text.replace("title: {en: Panel One", "titel: {en: Panel One"),
                       encoding="utf-8")
    out = tmp_path / "out"

    code, stdout, stderr = _render(exhibit, out, (1280, 800))

    assert code == 1
    assert re.search(r"exhibit\.yaml:\d+:\d+: error: .*titel", stdout), stdout
    assert "fix the errors above" in stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_missing_exhibit_is_unreadable(qapp: object, tmp_path: Path) -> None:
    code, _, stderr = _render(tmp_path / "nowhere.yaml", tmp_path / "out", (1280, 800))
    assert code == 2
    assert "nowhere.yaml" in stderr


def test_an_output_folder_that_cannot_be_made_is_refused(qapp: object, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    code, _, stderr = _render(exhibit, blocker / "out", (1280, 800))

    assert code == 2
    assert str(blocker / "out") in stderr
    assert "--out" in stderr


def test_screens_are_named_after_their_era_and_panel(tmp_path: Path) -> None:
    loaded = load_exhibit(write_sample_exhibit(tmp_path))
    assert loaded.exhibit is not None
    pages = build_pages(loaded.exhibit)
    names = [screenshot_name(page, "en", "en") for page in (None, *pages)]
    names.append(screenshot_name(None, "en", "en", closed=True))
    assert names == [f"{stem}.png" for stem in _sample_stems()]
    assert screenshot_name(None, "ru", "en", closed=True) == "99-closed-ru.png"
    assert screenshot_name(pages[2], "ru", "en") == "01-first--two-ru.png"


def test_screens_left_by_an_earlier_render_are_pointed_out(tmp_path: Path) -> None:
    for name in ("00-welcome.png", "01-first--old.png", "notes.png", "proof.pdf"):
        (tmp_path / name).write_bytes(b"")
    from kiosk.render.rendered import Screenshot

    written = [Screenshot(tmp_path / "00-welcome.png", "en", None)]
    assert stale_screens(tmp_path, written) == [tmp_path / "01-first--old.png"]


def test_renders_with_no_display_at_all(tmp_path: Path) -> None:
    """Over SSH: no DISPLAY, no platform chosen; the command picks offscreen itself."""
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "render", str(exhibit), "--out", str(tmp_path / "out"),
         "--size", "1280x800"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / "out" / "00-welcome.png").is_file()
    assert (tmp_path / "out" / "proof.pdf").is_file()


def test_the_proof_sheet_shows_exhibit_text_exactly_as_written(qapp: object,
                                                                tmp_path: Path) -> None:
    """Exhibit text is untrusted: markup in it is printed, never interpreted."""
    text = '<b>not bold</b> &amp; <img src="x.png"> </td></table>  two  spaces'
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    yaml = exhibit.read_text(encoding="utf-8")
    exhibit.write_text(yaml.replace("caption: {en: Red caption.", f"caption: {{en: '{text}'", 1),
                       encoding="utf-8")
    loaded = load_exhibit(exhibit)
    assert loaded.exhibit is not None
    writer = QPdfWriter(str(tmp_path / "proof.pdf"))
    doc = proof_document(loaded.exhibit, RenderResult(DEFAULT_PROFILE, ("en", "ru")),
                         datetime.now().astimezone(), writer)
    shown = doc.toPlainText()
    assert f"Caption  {text}\n" in shown
    assert "Caption  Красная подпись." in shown  # the Russian one beside it


def test_a_proof_sheet_that_cannot_be_written_is_an_error(qapp: object, tmp_path: Path) -> None:
    """QTextDocument.print_ fails silently; the render command needs an OSError."""
    loaded = load_exhibit(write_sample_exhibit(tmp_path / "exhibit"))
    assert loaded.exhibit is not None
    rendered = RenderResult(DEFAULT_PROFILE, loaded.exhibit.languages)
    now = datetime.now().astimezone()
    assert write_proof(loaded.exhibit, rendered, tmp_path / "proof.pdf", now) == PROOF_PAGES
    with pytest.raises(OSError, match="could not write the proof sheet"):
        write_proof(loaded.exhibit, rendered, tmp_path / "missing" / "proof.pdf", now)
