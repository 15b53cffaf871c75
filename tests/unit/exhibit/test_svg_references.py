"""An SVG shows nothing from outside its own file but pictures beside it.

Qt's renderer opens an `<image>`'s file from any path it is given, so these checks are
what keeps a picture elsewhere on the kiosk's disk off the screen.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from kiosk.exhibit.imagecheck import ImageRefused, inspect_image

from . import imagebytes

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
       'width="40" height="20">{}</svg>')


def svg(folder: Path, body: str, name: str = "a.svg") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SVG.format(body), encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ImageRefused) as caught:
        inspect_image(path)
    return caught.value.message


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A picture outside the exhibit folder, which no exhibit SVG may show."""
    path = tmp_path / "secret.png"
    path.write_bytes(imagebytes.png(4, 4))
    return path


@pytest.fixture
def exhibit(tmp_path: Path) -> Path:
    folder = tmp_path / "exhibit" / "assets"
    folder.mkdir(parents=True)
    return folder


@pytest.mark.parametrize("attribute", ["href", "xlink:href"])
def test_an_image_by_absolute_path_is_refused(exhibit: Path, secret: Path,
                                              attribute: str) -> None:
    path = svg(exhibit, f'<image {attribute}="{secret}" width="4" height="4"/>')
    assert refusal(path) == (
        f"its <image> refers to '{secret}', outside the SVG's folder; embed the picture in "
        "the SVG, or put it in the SVG's folder and refer to it by its name")


@pytest.mark.parametrize("target", ["../../secret.png", "sub/../../../secret.png",
                                    "file:///etc/passwd", "http://example.org/a.png",
                                    "https://example.org/a.png", ":/qt/resource.png",
                                    "~/secret.png", "..\\secret.png"])
def test_an_image_that_leaves_the_folder_or_names_a_url_is_refused(
        exhibit: Path, secret: Path, target: str) -> None:
    message = refusal(svg(exhibit, f'<image href="{target}" width="4" height="4"/>'))
    assert message.startswith(f"its <image> refers to '{target}'")


def test_a_symbolic_link_beside_the_svg_that_leads_out_is_refused(exhibit: Path,
                                                                  secret: Path) -> None:
    (exhibit / "link.png").symlink_to(secret)
    message = refusal(svg(exhibit, '<image href="link.png" width="4" height="4"/>'))
    assert message.startswith("its <image> 'link.png': a symbolic link leads outside")


def test_pictures_beside_the_svg_or_below_it_are_shown(exhibit: Path) -> None:
    (exhibit / "beside.png").write_bytes(imagebytes.png(4, 4))
    (exhibit / "photos").mkdir()
    (exhibit / "photos" / "below.png").write_bytes(imagebytes.png(4, 4))
    path = svg(exhibit, '<image href="beside.png" width="4" height="4"/>'
                        '<image xlink:href="./photos/below.png" width="4" height="4"/>')
    assert inspect_image(path).format == "svg"


def test_a_picture_it_shows_is_checked_like_any_picture(exhibit: Path) -> None:
    (exhibit / "half.png").write_bytes(imagebytes.png(40, 40).removesuffix(imagebytes.PNG_END))
    message = refusal(svg(exhibit, '<image href="half.png" width="4" height="4"/>'))
    assert message.startswith("its <image> 'half.png': the file is cut short")
    message = refusal(svg(exhibit, '<image href="gone.png" width="4" height="4"/>'))
    assert message.startswith("its <image> 'gone.png': the file does not exist")


def test_an_svg_inside_an_svg_is_refused(exhibit: Path) -> None:
    svg(exhibit, "", name="inner.svg")
    message = refusal(svg(exhibit, '<image href="inner.svg" width="4" height="4"/>'))
    assert "an SVG inside an SVG" in message


def test_embedded_pictures_are_accepted_and_other_data_is_not(exhibit: Path) -> None:
    png = base64.b64encode(imagebytes.png(4, 4)).decode()
    path = svg(exhibit, f'<image href="data:image/png;base64,{png}" width="4" height="4"/>')
    assert inspect_image(path).format == "svg"
    message = refusal(svg(exhibit, '<image href="data:text/html,hi" width="4" height="4"/>'))
    assert message.endswith("only PNG, JPEG or WebP pictures may be embedded")


@pytest.mark.parametrize("body", [
    '<use href="other.svg#shape"/>',
    '<feImage xlink:href="beside.png"/>',
    '<rect width="4" height="4" fill="url(other.svg#gradient)"/>',
    '<rect width="4" height="4" style="fill: url(\'/etc/secret.png\')"/>',
    '<style>rect { fill: url(http://example.org/p.png) }</style>',
    '<style>@font-face { font-family: F; src: url(font.ttf) }</style>',
    '<style>@import "theme.css";</style>',
])
def test_other_references_outside_the_file_are_refused(exhibit: Path, body: str) -> None:
    message = refusal(svg(exhibit, body))
    assert "outside the SVG" in message or "@import" in message


def test_an_external_style_sheet_is_refused(exhibit: Path) -> None:
    path = exhibit / "a.svg"
    path.write_text('<?xml version="1.0"?><?xml-stylesheet href="theme.css"?>'
                    + SVG.format(""), encoding="utf-8")
    assert refusal(path).startswith("the SVG links an external style sheet")


def test_references_within_the_file_and_links_are_accepted(exhibit: Path) -> None:
    path = svg(exhibit, '<defs><linearGradient id="g"/><rect id="r" width="4" height="4"/>'
                        '</defs><use href="#r"/><rect width="4" height="4" fill="url(#g)"/>'
                        '<a href="https://museum.example.org"><text>site</text></a>')
    assert inspect_image(path).format == "svg"
