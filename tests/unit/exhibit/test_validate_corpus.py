"""`kiosk validate` on the corpus: each broken file holds one kind of problem.

Every ``NAME.yaml`` in tests/corpus/exhibits has a ``NAME.expected`` beside it: the exit
code on the first line, then the exact output. The tests below that spell out single
lines are the contract in miniature: file:line:col, the message, and the exit code.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.exhibit.report import validate_command

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"
NAMES = sorted(path.stem for path in CORPUS.glob("*.yaml"))


def run_validate(name: str) -> tuple[int, list[str], str]:
    out, err = io.StringIO(), io.StringIO()
    code = validate_command(Path(f"{name}.yaml"), out, err)
    return code, out.getvalue().splitlines(), err.getvalue()


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    # Curators run `kiosk validate exhibit.yaml` beside the file; messages name it that way.
    monkeypatch.chdir(CORPUS)


def test_every_corpus_file_has_its_expected_output() -> None:
    missing = [name for name in NAMES if not (CORPUS / f"{name}.expected").is_file()]
    assert NAMES and not missing


@pytest.mark.parametrize("name", NAMES)
def test_output_matches_expected(name: str) -> None:
    first, *lines = (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    code, out, err = run_validate(name)
    assert (code, out) == (int(first.removeprefix("exit ")), lines)
    assert err == ""
    assert "Traceback" not in "\n".join(out)


def test_good_exhibit_is_valid() -> None:
    assert run_validate("good") == (
        0, ["good.yaml: 2 eras, 2 panels, 3 images, 0 warnings, 0 errors"], "")


def test_typo_in_a_key_suggests_the_right_one() -> None:
    code, out, _ = run_validate("unknown-key")
    assert code == 1
    assert "unknown-key.yaml:12:9: error: unknown key 'titel' in panel 'p' of era 'one'; " \
           "did you mean 'title'?" in out
    assert "unknown-key.yaml:11:9: error: panel 'p' of era 'one' is missing 'title' " \
           "(required); add a `title:` line" in out


def test_duplicate_key_points_at_the_second_and_names_the_first() -> None:
    code, out, _ = run_validate("duplicate-key")
    assert code == 1
    assert out[0] == ("duplicate-key.yaml:9:5: error: duplicate key 'years' (first written at "
                      "line 8); remove one of them")


def test_yaml_booleans_where_text_belongs_say_to_quote() -> None:
    code, out, _ = run_validate("yaml11-booleans")
    assert code == 1
    assert out[:3] == [
        'yaml11-booleans.yaml:2:8: error: YAML reads `no` as false, not text; put it in '
        'quotes: title: "no"',
        'yaml11-booleans.yaml:15:18: error: YAML reads `off` as false, not text; put it in '
        'quotes: alt: "off"',
        "yaml11-booleans.yaml:16:21: error: 'caption' has no text; write it after the colon",
    ]


def test_wrong_type_names_what_was_expected_and_found() -> None:
    code, out, _ = run_validate("wrong-type")
    assert code == 1
    assert out[0] == ("wrong-type.yaml:10:13: error: expected a list of panels (lines starting "
                      "with `- `), found 'Some text'")


def test_python_tag_is_refused_not_run() -> None:
    code, out, _ = run_validate("python-tag")
    assert code == 1
    assert out[0].startswith("python-tag.yaml:2:8: error: the tag "
                             "`!!python/object/apply:os.system` is not supported")


def test_syntax_error_has_position_and_plain_hint() -> None:
    code, out, _ = run_validate("syntax")
    assert code == 1
    assert out[0].startswith("syntax.yaml:9:23: error: YAML syntax error: mapping values are "
                             "not allowed")
    assert "put text containing `: `" in out[0]


def test_missing_language_and_unknown_language() -> None:
    code, out, _ = run_validate("languages")
    assert code == 1
    assert out[:2] == [
        "languages.yaml:2:8: error: 'title' has no 'ru' text; every text needs each of the "
        "exhibit's languages (en, ru)",
        "languages.yaml:2:21: error: 'de' in 'title' is not one of the exhibit's languages "
        "(en, ru); add it to `languages:` or remove this line",
    ]


def test_idle_values_out_of_range_or_quoted() -> None:
    code, out, _ = run_validate("idle")
    assert code == 1
    assert out[0] == ("idle.yaml:4:12: error: 'timeout' must be a number of seconds from 10 to "
                      "3600; 5 is out of range")


def test_label_writing_advice_is_warnings_only() -> None:
    code, out, _ = run_validate("labels")
    assert code == 0
    assert out[-1] == "labels.yaml: 1 era, 1 panel, 2 images, 5 warnings, 0 errors"
    assert out[1] == ("labels.yaml:15:18: warning: the alt text repeats the caption; describe "
                      "what the image shows for visitors who cannot see it")


def test_image_problems_each_on_the_line_of_its_file() -> None:
    code, out, _ = run_validate("images")
    assert code == 1
    assert out[2] == ("images.yaml:20:19: error: image 'assets/jpeg-named.png': the file is a "
                      "JPEG image but its name ends in '.png'; rename it to end in '.jpg' or "
                      "save it as PNG")
    assert out[-1] == "images.yaml: 1 era, 1 panel, 13 images, 0 warnings, 12 errors"


def test_empty_file() -> None:
    assert run_validate("empty") == (1, [
        "empty.yaml: error: the file is empty (or holds only comments); start it with "
        "`version: 1`",
        "empty.yaml: 0 eras, 0 panels, 0 images, 0 warnings, 1 error"], "")
