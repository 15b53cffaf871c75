"""Header checks: the right size from each format, and a clear refusal for everything else."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.exhibit.imagecheck import (
    MAX_PIXELS,
    MAX_SIDE,
    ImageInfo,
    ImageRefused,
    inspect_image,
    resolve_inside,
)

from . import imagebytes

CORPUS_ASSETS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits" / "assets"


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(ImageRefused) as caught:
        inspect_image(path)
    return caught.value.message


@pytest.mark.parametrize(("name", "expected"), [
    ("tiny.png", ImageInfo("png", 4, 3)),
    ("tiny.jpg", ImageInfo("jpeg", 4, 3)),
    ("tiny.webp", ImageInfo("webp", 4, 3)),
    ("lossless.webp", ImageInfo("webp", 4, 3)),
    ("tiny.svg", ImageInfo("svg", 40, 30)),
])
def test_real_files_written_by_an_image_library(name: str, expected: ImageInfo) -> None:
    assert inspect_image(CORPUS_ASSETS / name) == expected


@pytest.mark.parametrize(("name", "make", "expected"), [
    ("a.png", lambda: imagebytes.png(1920, 1080), ImageInfo("png", 1920, 1080)),
    ("a.jpg", lambda: imagebytes.jpeg(640, 480), ImageInfo("jpeg", 640, 480)),
    ("a.JPEG", lambda: imagebytes.jpeg(7, 9, sof=0xC2), ImageInfo("jpeg", 7, 9)),
    ("a.jpg", lambda: imagebytes.jpeg(300, 200, app_bytes=60_000), ImageInfo("jpeg", 300, 200)),
    ("a.webp", lambda: imagebytes.webp_lossy(800, 600), ImageInfo("webp", 800, 600)),
    ("a.webp", lambda: imagebytes.webp_lossless(16383, 2), ImageInfo("webp", 16383, 2)),
    ("a.webp", lambda: imagebytes.webp_extended(5000, 4000), ImageInfo("webp", 5000, 4000)),
])
def test_sizes_from_headers(tmp_path: Path, name: str, make: Callable[[], bytes],
                            expected: ImageInfo) -> None:
    assert inspect_image(write(tmp_path, name, make())) == expected


@pytest.mark.parametrize(("root", "expected"), [
    ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80">', (120, 80)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="1in" height="72pt">', (96, 96)),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480">', (640, 480)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0,0,64,48">', (64, 48)),
    ('<svg xmlns="http://www.w3.org/2000/svg" width="200" viewBox="0 0 100 50">', (200, 100)),
    ('<svg xmlns="http://www.w3.org/2000/svg">', (300, 150)),
    ("<svg:svg xmlns:svg='http://www.w3.org/2000/svg' width='10' height='20'>", (10, 20)),
])
def test_svg_size_from_root_element(tmp_path: Path, root: str,
                                    expected: tuple[int, int]) -> None:
    closing = "</svg:svg>" if root.startswith("<svg:") else "</svg>"
    text = f'<?xml version="1.0" encoding="UTF-8"?>\n<!-- drawn by hand -->\n{root}{closing}\n'
    info = inspect_image(write(tmp_path, "a.svg", text))
    assert (info.format, info.width, info.height) == ("svg", *expected)


def test_extension_must_match_the_bytes(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, "photo.png", imagebytes.jpeg(4, 4))) == (
        "the file is a JPEG image but its name ends in '.png'; rename it to end in '.jpg' "
        "or save it as PNG")
    assert refusal(write(tmp_path, "anim.webp", b"GIF89a" + b"\0" * 20)) == (
        "the file is a GIF image, which the kiosk cannot show; save it as WebP")
    assert "does not start like a PNG image" in refusal(write(tmp_path, "x.png", b"hello"))


def test_unsupported_extension(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, "x.gif", b"GIF89a")).startswith(
        "unsupported image type ('.gif'); use PNG, JPEG, WebP or SVG")
    assert refusal(tmp_path / "noext").startswith("unsupported image type (no extension)")


@pytest.mark.parametrize(("name", "data"), [
    ("cut.png", imagebytes.png(4, 4)[:20]),
    ("cut.jpg", imagebytes.jpeg(4, 4)[:30]),
    ("cut.webp", imagebytes.webp_lossy(4, 4)[:25]),
])
def test_truncated_headers(tmp_path: Path, name: str, data: bytes) -> None:
    assert refusal(write(tmp_path, name, data)) == (
        "the file is cut short (its header is incomplete); copy or export it again")


BUNDLED_ASSETS = Path(__file__).resolve().parents[3] / "assets"


@pytest.mark.parametrize(("name", "lost"), [("tiny.png", 12), ("tiny.jpg", 12),
                                            ("tiny.webp", 4), ("lossless.webp", 4)])
def test_a_picture_cut_short_is_refused_by_its_end_not_a_decode(tmp_path: Path, name: str,
                                                                 lost: int) -> None:
    whole = (CORPUS_ASSETS / name).read_bytes()
    assert inspect_image(write(tmp_path, "whole" + Path(name).suffix, whole)).width > 0
    cut = write(tmp_path, "cut" + Path(name).suffix, whole[:-lost])  # its last bytes lost
    assert refusal(cut) == ("the file is cut short (its end is missing, as after an "
                            "interrupted copy); copy or export it again")


def test_a_large_picture_cut_in_half_is_refused(tmp_path: Path) -> None:
    # As from a USB stick pulled out mid-copy: the header whole, the rest gone.
    whole = (BUNDLED_ASSETS / "europe-1949.en.png").read_bytes()
    assert "cut short" in refusal(write(tmp_path, "map.png", whole[:len(whole) // 2]))


@pytest.mark.parametrize("size", ['width="1e400" height="10"', 'viewBox="0 0 1e400 10"',
                                  'width="10" height="1e400mm"'])
def test_an_svg_size_too_large_to_be_a_number_is_refused_not_a_crash(tmp_path: Path,
                                                                       size: str) -> None:
    svg = write(tmp_path, "big.svg", f'<svg xmlns="http://www.w3.org/2000/svg" {size}/>')
    message = refusal(svg)
    assert "size" in message and "internal error" not in message


def test_empty_and_zero_sized(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, "e.png", b"")) == (
        "the file is empty (0 bytes); export the image again")
    assert refusal(write(tmp_path, "z.png", imagebytes.png(0, 10))) == (
        "the header gives a size of 0×10 pixels")


@pytest.mark.parametrize(("width", "height"), [(MAX_SIDE + 1, 10), (20_000, 20_000)])
def test_decompression_bombs_are_refused(tmp_path: Path, width: int, height: int) -> None:
    assert width * height > MAX_PIXELS or max(width, height) > MAX_SIDE
    message = refusal(write(tmp_path, "bomb.png", imagebytes.png(width, height)))
    assert message.startswith(f"the image is {width}×{height} pixels")


def test_very_large_but_allowed_is_marked_huge(tmp_path: Path) -> None:
    info = inspect_image(write(tmp_path, "big.png", imagebytes.png(12_000, 9_000)))
    assert info.is_huge and round(info.megapixels) == 108
    assert not inspect_image(write(tmp_path, "ok.png", imagebytes.png(9_000, 9_000))).is_huge


def test_missing_file_suggests_a_name_differing_in_case(tmp_path: Path) -> None:
    write(tmp_path, "Photo.PNG", imagebytes.png(1, 1))
    assert refusal(tmp_path / "photo.png") == (
        "the file does not exist; did you mean 'Photo.PNG'? (letter case matters)")
    assert refusal(tmp_path / "other.png").startswith("the file does not exist; check")


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    outcome: list[str] = []
    # Opening a FIFO for reading blocks until a writer comes; the check must not open it.
    thread = threading.Thread(target=lambda: outcome.append(refusal(fifo)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert outcome == ["it is a named pipe (FIFO), not an image file"]


def test_folder_and_device_are_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.png").mkdir()
    assert refusal(tmp_path / "folder.png") == "it is a folder, not an image file"
    (tmp_path / "null.png").symlink_to("/dev/null")
    assert refusal(tmp_path / "null.png") == "it is a device, not an image file"


def test_svg_with_doctype_or_entities_is_refused(tmp_path: Path) -> None:
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;">]>\n'
              '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')
    assert refusal(write(tmp_path, "lol.svg", laughs)).startswith(
        "the SVG has a <!DOCTYPE> or <!ENTITY> declaration")


@pytest.mark.parametrize("body", [
    '<g id="a"><use href="#a"/></g>',
    '<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>',
])
def test_svg_use_loops_are_refused(tmp_path: Path, body: str) -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" '
           f'xmlns:xlink="http://www.w3.org/1999/xlink" width="5" height="5">{body}</svg>')
    assert "<use> elements form a loop" in refusal(write(tmp_path, "loop.svg", svg))


def test_svg_use_chains_are_counted_after_expansion(tmp_path: Path) -> None:
    layers = ['<rect id="l0" width="1" height="1"/>']
    for i in range(1, 6):  # 10^5 copies from 50 <use> elements
        layers.append(f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>")
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5"><defs>'
           + "".join(layers) + '</defs><use href="#l5"/></svg>')
    assert "expand to more than 10000 copies" in refusal(write(tmp_path, "bomb.svg", svg))
    modest = ('<svg xmlns="http://www.w3.org/2000/svg" width="5" height="5">'
              '<circle id="c" r="1"/>' + '<use href="#c"/>' * 200 + "</svg>")
    assert inspect_image(write(tmp_path, "ok.svg", modest)).format == "svg"


def test_svg_other_refusals(tmp_path: Path) -> None:
    assert refusal(write(tmp_path, "h.svg", "<html><body/></html>")).startswith(
        "the file does not start like an SVG image")
    assert refusal(write(tmp_path, "x.svg", "<?xml version='1.0'?><html/>")) == (
        "the root element is <html>, not <svg>; this is not an SVG image")
    big = "<svg xmlns='http://www.w3.org/2000/svg'>" + " " * (5 * 1024 * 1024) + "</svg>"
    assert refusal(write(tmp_path, "big.svg", big)).startswith("the SVG is 5.0 MB; the limit")


def test_resolve_inside_accepts_paths_and_links_within_the_folder(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    target = write(tmp_path / "assets", "a.png", imagebytes.png(1, 1))
    (tmp_path / "link.png").symlink_to(target)
    assert resolve_inside(tmp_path, "assets/a.png") == target.resolve()
    assert resolve_inside(tmp_path, "link.png") == target.resolve()
    assert resolve_inside(tmp_path, "assets/./a.png") == target.resolve()


@pytest.mark.parametrize(("relative", "message"), [
    ("/etc/passwd", "the path is absolute; write it relative to the exhibit file's folder, "
                    "e.g. assets/photo.jpg"),
    ("C:/photos/a.png", "the path is absolute; write it relative to the exhibit file's folder, "
                        "e.g. assets/photo.jpg"),
    ("assets/../../secret.png", "the path uses '..' to leave the exhibit folder; keep the "
                                "images inside it"),
    ("assets\\a.png", "the path uses '\\' between folders; write '/' instead, e.g. "
                      "assets/photo.jpg"),
    ("", "the file name is empty"),
])
def test_resolve_inside_refuses_paths_that_leave(tmp_path: Path, relative: str,
                                                 message: str) -> None:
    with pytest.raises(ImageRefused) as caught:
        resolve_inside(tmp_path, relative)
    assert caught.value.message == message


def test_resolve_inside_refuses_symlinks_that_escape(tmp_path: Path) -> None:
    root = tmp_path / "exhibit"
    root.mkdir()
    outside = write(tmp_path, "secret.png", imagebytes.png(1, 1))
    (root / "escape.png").symlink_to(outside)
    (root / "dir").symlink_to(tmp_path)
    for relative in ("escape.png", "dir/secret.png"):
        with pytest.raises(ImageRefused) as caught:
            resolve_inside(root, relative)
        assert caught.value.message.startswith("a symbolic link leads outside the exhibit "
                                               "folder")
