"""A sweep of hostile input through `kiosk validate`: every corpus file, every value of the
good exhibit replaced by something unexpected, every picture swapped for a hostile one.
Whatever comes in, the answer is a diagnostic, never "internal error", and no control
character reaches the terminal raw."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from kiosk.exhibit.report import validate_command
from kiosk.exhibit.yamltree import Mapping, Scalar, Sequence, parse_tree

from . import imagebytes

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EXHIBITS = CORPUS / "exhibits"
GOOD = (EXHIBITS / "good.yaml").read_text(encoding="utf-8")
# The same length and shape, without the SVG: timing an SVG's drawing takes a process each
# time, and the values sweep validates the file hundreds of times.
GOOD_NO_SVG = GOOD.replace("assets/tiny.svg", "assets/tiny.png")
RAW_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE_VALUES = [
    "[]", "{}", "null", "~", '""', "-1", "0", "1e400", "-.inf", ".nan", "0x7fffffff",
    "99999999999999999999999", "2024-02-30", "true", "!!binary aGVsbG8=", "!!set {a, b}",
    "!!python/name:os.system", "{? [a, b] : c}", "{<<: {a: 1}}", "[[[[[[]]]]]]",
    '"\\x1b[31mred\\x1b[0m"', '"\\u202eevil"', '"a\\u0000b"', '"\\t"', "'" + "x" * 20_000 + "'",
    '"\\ud800"', "|\n  a block\n  of text", "&anchor value", "*alias", "{en: }", "{en: [1]}",
    "{xx: text}", "{en: a, ru: b, de: c}", "{file: assets/tiny.png}",
    "assets/../../etc/passwd", "/dev/zero", "assets/tiny.png\\x00.svg",
]


def validate(path: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = validate_command(path, out, err)
    said = out.getvalue() + err.getvalue()
    assert code in (0, 1, 2)
    assert "internal error" not in said and "Traceback" not in said, said
    assert not RAW_CONTROLS.search(said), repr(said)
    return code, said


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(EXHIBITS / "assets", tmp_path / "assets")
    return tmp_path


def _scalar_spans() -> list[tuple[int, int]]:
    """Where each scalar value of good.yaml sits in its text (start, end offsets)."""
    root, problems = parse_tree(GOOD, "good.yaml")
    assert root is not None and not problems
    lines = GOOD.splitlines(keepends=True)
    starts = [sum(len(line) for line in lines[:n]) for n in range(len(lines))]
    spans = []

    def walk(node: object) -> None:
        if isinstance(node, Scalar):
            line = lines[node.line - 1]
            offset = starts[node.line - 1] + node.col - 1
            end = offset
            # The value as written: to the end of its flow item or line.
            while end < starts[node.line - 1] + len(line.rstrip("\n")) and \
                    GOOD[end] not in ",}]":
                end += 1
            spans.append((offset, end))
        if isinstance(node, Mapping):
            for _, child in node.items.values():
                walk(child)
        elif isinstance(node, Sequence):
            for child in node.items:
                walk(child)

    walk(root)
    return sorted(set(spans))


def test_every_corpus_exhibit(tmp_path: Path) -> None:
    for path in sorted(EXHIBITS.glob("*.yaml")):
        validate(path)


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_each_value_of_the_good_exhibit_replaced(folder: Path, value: str) -> None:
    spans = _scalar_spans()
    assert len(spans) > 40
    path = folder / "exhibit.yaml"
    codes = set()
    for start, end in spans:
        path.write_text(GOOD_NO_SVG[:start] + value + GOOD_NO_SVG[end:], encoding="utf-8")
        codes.add(validate(path)[0])
    assert 1 in codes  # the sweep reached the checks, not only the parser


def _hostile_pictures() -> dict[str, bytes]:
    png = imagebytes.png(8, 6)
    jpeg = (CORPUS / "images" / "good.jpg").read_bytes()
    webp = (CORPUS / "images" / "good.webp").read_bytes()
    svg = '<svg xmlns="http://www.w3.org/2000/svg" {}><rect width="4" height="4"/></svg>'
    pictures = {f"corpus-{p.name}": p.read_bytes() for p in (CORPUS / "images").iterdir()
                if p.suffix in (".png", ".jpg", ".webp", ".svg")}
    for size in ['width="1e400" height="10"', 'width="-5" height="10"', 'width="NaN"',
                 'width="inf" height="inf"', 'width="1e-400" height="1"', 'width="0"',
                 'viewBox="0 0 1e400 1"', 'viewBox="a b c d"', 'width="100%"',
                 'width="99999999999" height="99999999999"', 'width="10em" height="2ex"']:
        pictures[f"size {size}.svg"] = svg.format(size).encode()
    for cut in (1, 8, 16, 24, 33, len(png) - 12, len(png) - 1):
        pictures[f"png cut at {cut}.png"] = png[:cut]
    for cut in (2, 4, 20, len(jpeg) // 2, len(jpeg) - 2):
        pictures[f"jpeg cut at {cut}.jpg"] = jpeg[:cut]
    for cut in (12, 20, 29, len(webp) - 1):
        pictures[f"webp cut at {cut}.webp"] = webp[:cut]
    ihdr = struct.pack(">IIBBBBB", 0, 0, 8, 2, 0, 0, 0)
    pictures["png 0x0.png"] = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr
                               + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
                               + imagebytes.PNG_END)
    pictures["jpeg no frame.jpg"] = b"\xff\xd8\xff\xd9"
    pictures["jpeg zero length.jpg"] = b"\xff\xd8\xff\xe0\x00\x00" + b"\0" * 40 + b"\xff\xd9"
    pictures["webp huge.webp"] = (b"RIFF" + struct.pack("<I", 30) + b"WEBPVP8X"
                                  + b"\0" * 8 + b"\xff\xff\xff\xff\xff\xff" + b"\0" * 8)
    pictures["utf-16.svg"] = svg.format("").encode("utf-16")
    pictures["latin-1.svg"] = svg.format('id="caf\xe9"').encode("latin-1")
    pictures["empty.svg"] = b""
    pictures["deep.svg"] = ("<svg xmlns='http://www.w3.org/2000/svg'>" + "<g>" * 100_000
                            + "</g>" * 100_000 + "</svg>").encode()
    return pictures


PICTURES = _hostile_pictures()


@pytest.mark.parametrize("name", sorted(PICTURES))
def test_each_picture_swapped_for_a_hostile_one(folder: Path, name: str) -> None:
    suffix = Path(name).suffix
    (folder / "assets" / f"hostile{suffix}").write_bytes(PICTURES[name])
    path = folder / "exhibit.yaml"
    path.write_text(GOOD.replace("assets/tiny.webp", f"assets/hostile{suffix}"),
                    encoding="utf-8")
    validate(path)


@pytest.mark.parametrize("name", ["a\x1b[31m.png", "a\nb.png", "a\u202egnp.png", "a\x85.png",
                                  "a\u2028b.png"])
def test_control_characters_in_a_picture_s_file_name_are_escaped(folder: Path,
                                                                 name: str) -> None:
    (folder / "assets" / name).write_bytes(imagebytes.png(8, 6))
    path = folder / "exhibit.yaml"
    quoted = name.encode("unicode_escape").decode("ascii").replace('"', '\\"')
    path.write_text(GOOD.replace("assets/tiny.webp", f'"assets/{quoted}"'), encoding="utf-8")
    code, said = validate(path)
    assert code in (0, 1)
