"""Files made to hurt a parser: each ends in a clear message, no traceback, in bounded time."""

from __future__ import annotations

import io
import os
import random
import shutil
import threading
import time
from pathlib import Path

import pytest
import yaml

from kiosk.exhibit import yamltree
from kiosk.exhibit.load import LoadResult, load_exhibit
from kiosk.exhibit.report import validate_command

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"
GOOD = (CORPUS / "good.yaml").read_bytes()


def validate(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    code = validate_command(path, out, err)
    assert time.perf_counter() - start < 10, "validation must finish in bounded time"
    assert "Traceback" not in out.getvalue() + err.getvalue()
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run hostile inputs through both PyYAML parsers: the C one may be missing."""
    if request.param == "pure-python":
        monkeypatch.setattr(yamltree, "Loader", yaml.SafeLoader)
    return str(request.param)


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path, parser: str) -> None:
    lines = ['lol: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"l{level}: &a{level} [{refs}]")
    path = tmp_path / "exhibit.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = validate(path)
    assert code == 1
    assert (f"{path}:1:6: error: `&a0` defines an anchor; anchors (`&`) and aliases "
            "(`*`) are not supported in exhibit files: remove it") in out
    assert f"{path}:2:10: error: `*a0` refers to an anchor" in out


def test_self_referencing_alias(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text("title: &t [*t]\n", encoding="utf-8")
    code, out, _ = validate(path)
    assert code == 1
    assert f"{path}:1:12: error: `*t` refers to an anchor" in out


def test_ten_thousand_nested_brackets(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text("version: 1\ntitle: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    code, out, _ = validate(path)
    assert code == 1
    # Brackets start at column 8, so the 65th, one too many, is at column 72.
    assert out.splitlines()[0] == (
        f"{path}:2:72: error: the values are nested more than 64 levels deep; an exhibit "
        "needs only a few levels: check for unclosed `[` or `{`")


def test_deep_block_nesting(tmp_path: Path, parser: str) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text("title:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)),
                    encoding="utf-8")
    code, out, _ = validate(path)
    assert code == 1
    assert "nested more than 64 levels deep" in out.splitlines()[0]


def test_three_megabyte_file_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_bytes(b"# padding\n" * 300_000)
    assert validate(path) == (2, "", f"{path}: error: the file is 2.9 MB; exhibit files are "
                                     "limited to 2 MB (images belong in their own files)\n")


def test_python_object_tag_never_runs(tmp_path: Path, parser: str) -> None:
    marker = tmp_path / "ran"
    path = tmp_path / "exhibit.yaml"
    path.write_text(f"version: 1\ntitle: !!python/object/apply:os.system [\"touch {marker}\"]\n",
                    encoding="utf-8")
    code, out, _ = validate(path)
    assert code == 1 and not marker.exists()
    assert (f"{path}:2:8: error: the tag `!!python/object/apply:os.system` is not supported "
            "in exhibit files") in out


def test_nul_byte(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_bytes(b"version: 1\ntitle: A\0B\n")
    code, out, err = validate(path)
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}:2:9: error: the file contains a NUL byte, so it is not "
                          "plain text")
    assert "save the file as UTF-8" in err


def test_utf16_with_and_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text("version: 1\n", encoding="utf-16")
    assert validate(path) == (2, "", f"{path}: error: the file is saved as UTF-16; save the "
                                     "file as UTF-8 (in most editors: Save As… → Encoding: "
                                     "UTF-8)\n")
    path.write_bytes("version: 1\n".encode("utf-16-le"))
    code, _, err = validate(path)
    assert code == 2 and err.startswith(f"{path}:1:2: error: the file contains a NUL byte")


def test_utf32_is_named_utf32(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text("version: 1\n", encoding="utf-32")
    code, _, err = validate(path)
    assert code == 2 and "the file is saved as UTF-32;" in err


def test_control_characters_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    # A file name can hold an ESC or a newline; the message shows them escaped, on one line.
    path = tmp_path / "exhibit.yaml"
    path.write_text('version: 1\ntitle: T\nattract: {prompt: P}\neras:\n  - id: a\n'
                    '    title: A\n    years: "1"\n    summary: S\n    panels:\n'
                    '      - id: p\n        title: P\n        images:\n'
                    '          - file: "assets/a\\e[31m\\nb.png"\n'
                    '            alt: An image\n            caption: A caption\n',
                    encoding="utf-8")
    code, out, err = validate(path)
    assert code == 1
    assert "\x1b" not in out + err and "assets/a\\x1b[31m\\nb.png" in out + err
    line = next(line for line in (out + err).splitlines() if "assets/a" in line)
    assert line.startswith(f"{path}:13:") and "does not exist" in line


@pytest.mark.parametrize("hidden", ["\u202e", "\u2066", "\x85", "\x1b"])
def test_an_invisible_control_character_in_a_display_text_is_an_error(
        tmp_path: Path, hidden: str) -> None:
    shutil.copytree(CORPUS / "assets", tmp_path / "assets")
    path = tmp_path / "exhibit.yaml"
    escaped = hidden.encode("unicode_escape").decode("ascii").replace("\\x", "\\x")
    path.write_bytes(GOOD.replace(b"title: {en: Early years,",
                                  f'title: {{en: "Early{escaped} years",'.encode()))
    code, out, err = validate(path)
    assert code == 1
    assert f"holds an invisible control character (U+{ord(hidden):04X})" in out + err


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_bytes("version: 1\ntitle: ok\nsubtitle: Café\n".encode("latin-1"))
    code, _, err = validate(path)
    assert code == 2
    assert err == (f"{path}:3:14: error: the file is not valid UTF-8 (byte 0xe9 here); save "
                   "the file as UTF-8 (in most editors: Save As… → Encoding: UTF-8)\n")


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    shutil.copytree(CORPUS / "assets", tmp_path / "assets")
    path = tmp_path / "exhibit.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD)
    assert validate(path) == (
        0, f"{path}: 2 eras, 2 panels, 3 images, 0 warnings, 0 errors\n", "")


def test_missing_file_folder_and_fifo_are_unreadable(tmp_path: Path) -> None:
    assert validate(tmp_path / "nope.yaml") == (
        2, "", f"{tmp_path / 'nope.yaml'}: error: the file does not exist; check the name and "
               "folder\n")
    code, _, err = validate(tmp_path)
    assert code == 2 and "this is a folder" in err
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    outcome: list[LoadResult] = []
    thread = threading.Thread(target=lambda: outcome.append(load_exhibit(fifo)), daemon=True)
    thread.start()
    thread.join(timeout=10)
    assert outcome and not outcome[0].readable
    assert "not a regular file" in outcome[0].diagnostics[0].message


def test_every_truncation_of_a_good_file_is_reported_or_still_valid(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    refused = 0
    for cut in range(0, len(GOOD), 5):
        path.write_bytes(GOOD[:cut])
        result = load_exhibit(path, check_images=False)
        # A cut right after a complete era leaves a smaller but valid exhibit.
        assert (result.exhibit is None) == bool(result.errors), cut
        assert all(d.file == str(path) for d in result.diagnostics)
        refused += result.exhibit is None
    assert refused > 0.9 * len(range(0, len(GOOD), 5))


def test_random_byte_damage_never_raises(tmp_path: Path, parser: str) -> None:
    rng = random.Random(20240131)
    path = tmp_path / "exhibit.yaml"
    specials = b"[]{}&*!|>'\"#:-\t\n \0\xff?%@`,"
    for _ in range(300):
        data = bytearray(GOOD)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.choice(specials)
        path.write_bytes(bytes(data))
        result = load_exhibit(path, check_images=False)
        assert list(result.diagnostics) == sorted(result.diagnostics)
        assert (result.exhibit is None) == bool(result.errors)


def test_an_internal_failure_is_a_diagnostic_not_an_exception(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, file: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("kiosk.exhibit.load.parse_tree", broken)
    path = tmp_path / "exhibit.yaml"
    path.write_bytes(GOOD)
    result = load_exhibit(path)
    assert result.exhibit is None and len(result.errors) == 1
    assert "internal error (RuntimeError('boom'))" in result.errors[0].message
