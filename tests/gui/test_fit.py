"""Every text shown whole, at rest: `kiosk render` finds a text that is cut off, shortened
with "…" or left to scrolling, says where the exhibit file has it, and with --strict
fails."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.render import fit
from kiosk.render.command import render_command
from kiosk.render.fit import TextProblem, fit_problems
from kiosk.screens import PROFILES
from kiosk.ui.window import create_view
from tests.helpers.sample_exhibit import write_sample_exhibit

SCENE = """\
import QtQuick
Window {
    width: 400; height: 300
    Item {
        clip: true; x: 10; y: 10; width: 100; height: 40
        Text { objectName: "clipped"; text: "a line too long for its clipping box" }
    }
    Text {
        objectName: "elided"; y: 60; width: 100; elide: Text.ElideRight
        text: "another line too long for its width"
    }
    Text {
        objectName: "twoLines"; y: 80; width: 100; wrapMode: Text.WordWrap
        maximumLineCount: 2; text: "one two three four five six seven eight nine ten eleven"
    }
    Text {
        objectName: "fits"; x: 250; y: 60; width: 100; text: "short"
        horizontalAlignment: Text.AlignHCenter
    }
    Flickable {
        y: 140; width: 200; height: 50; contentHeight: column.height; clip: true
        Column {
            id: column; width: 200
            Text { objectName: "aboveTheFold"; text: "seen at rest" }
            Text {
                objectName: "scrolled"; width: 200; wrapMode: Text.WordWrap
                text: "many words to scroll through ".repeat(12)
            }
        }
    }
    ListView {
        objectName: "strip"; x: 210; y: 140; width: 150; height: 30; clip: true
        orientation: ListView.Horizontal; model: 6
        delegate: Text {
            required property int index
            width: 60; elide: Text.ElideRight; text: "era " + index + " with a long title"
        }
    }
    ListView {
        objectName: "stripThatFits"; x: 210; y: 175; width: 150; height: 20
        orientation: ListView.Horizontal; model: 2
        delegate: Text {
            required property int index
            width: 60; elide: Text.ElideRight; text: "era " + index + " with a long title"
        }
    }
    ListView {
        objectName: "pager"; y: 200; width: 400; height: 30; clip: true; interactive: false
        orientation: ListView.Horizontal; model: 3
        delegate: Item {
            required property int index
            width: 400; height: 30
            Text { objectName: "page" + index; text: "page " + index + " " + "wide ".repeat(100) }
        }
    }
    Text { objectName: "pastTheWindow"; x: 340; y: 240; text: "runs off the edge" }
    Text { visible: false; width: 10; elide: Text.ElideRight; text: "hidden and long" }
    Item {
        objectName: "allowed"; y: 270
        Text { width: 10; elide: Text.ElideRight; text: "exempt and long" }
    }
}
"""


@pytest.fixture
def scene(qapp: Any, tmp_path: Path, qtbot: Any) -> Iterator[tuple[QQuickWindow, Any]]:
    path = tmp_path / "Scene.qml"
    path.write_text(SCENE, encoding="utf-8")
    engine = QQmlApplicationEngine()
    warnings: list[str] = []

    def collect(errors: list[QQmlError]) -> None:
        warnings.extend(error.toString() for error in errors)

    engine.warnings.connect(collect)
    engine.load(QUrl.fromLocalFile(str(path)))
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow), warnings
    with qtbot.waitExposed(window):
        window.show()
    yield window, engine
    window.hide()
    engine.deleteLater()
    assert warnings == []


def test_a_text_cut_shortened_or_left_to_scrolling_is_found(
        scene: tuple[QQuickWindow, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fit, "FIT_EXEMPT_NAMES", frozenset({"allowed"}))
    window, engine = scene

    problems = {p.object_name: p for p in fit_problems(window, engine)}

    assert {name: p.kind for name, p in problems.items()} == {
        "clipped": "cut",
        "elided": "shortened",
        "twoLines": "shortened",
        "scrolled": "scroll",
        "page0": "cut",  # the page on screen, cut by its pager; not those beside it
        "pastTheWindow": "cut",
    }
    # Roughly how much is missing, for the advice: some of the eleven words are shown.
    assert fit.words_to_cut(problems["twoLines"].text, problems["twoLines"].hidden) in (
        range(2, 10))
    assert problems["scrolled"].hidden is not None and problems["scrolled"].hidden > 0.5


def test_without_the_allow_list_the_allowed_text_is_judged_too(
        scene: tuple[QQuickWindow, Any]) -> None:
    window, engine = scene
    names = [p.text for p in fit_problems(window, engine)]
    assert "exempt and long" in names
    assert "hidden and long" not in names  # invisible: nobody reads it


def test_a_pushed_out_text_has_no_estimate() -> None:
    problem = TextProblem("a caption of several words", "scroll", None)
    assert fit.words_to_cut(problem.text, problem.hidden) is None
    assert fit.words_to_cut("one two three four", 0.5) == 2
    assert fit.words_to_cut("one", 0.9) is None


def test_a_window_given_a_physical_size_keeps_it_when_resized(
        qapp: Any, qtbot: Any, sample_exhibit_file: Path) -> None:
    from kiosk.exhibit.load import load_exhibit

    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    small = PROFILES["10.1in"]
    view = create_view(exhibit, size=small.size, physical_mm=small.physical_mm)
    try:
        assert view.metrics.mm == pytest.approx(small.width / small.physical_mm[0])
        view.window.show()
        view.window.resize(1000, 600)

        def remeasured() -> None:
            assert view.metrics.mm == pytest.approx(1000 / small.physical_mm[0])

        qtbot.waitUntil(remeasured)
    finally:
        view.dispose()


# --- kiosk render ------------------------------------------------------------------------

LONG_CAPTION = " ".join(["Очень длинная подпись изображения."] * 100)  # 400 words


def _with_long_caption(folder: Path) -> tuple[Path, str]:
    """The sample exhibit, its first panel's Russian caption 400 words long; and where
    that caption is written (`LINE:COL`)."""
    exhibit = write_sample_exhibit(folder)
    text = exhibit.read_text(encoding="utf-8")
    short = "caption: {en: Red caption., ru: Красная подпись.}"
    assert short in text
    indent = text.split(short)[0].rsplit("\n", 1)[1]
    text = text.replace(short, f"caption:\n{indent}  en: Red caption.\n"
                               f"{indent}  ru: {LONG_CAPTION}")
    exhibit.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, s in enumerate(lines, 1) if s.strip().startswith("ru: Очень"))
    col = lines[line - 1].index("Очень") + 1
    return exhibit, f"{line}:{col}"


def _render(exhibit: Path, out: Path, **kwargs: Any) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = render_command(exhibit, out, stdout=stdout, stderr=stderr, **kwargs)
    return code, stdout.getvalue(), stderr.getvalue()


def test_an_overlong_caption_is_named_by_line_language_and_screen_and_fails_strict(
        qapp: Any, tmp_path: Path) -> None:
    exhibit, where = _with_long_caption(tmp_path / "exhibit")

    code, stdout, stderr = _render(exhibit, tmp_path / "out",
                                   screens=[PROFILES["15.6in"]], strict=True)

    assert code == 1, stdout + stderr
    caption = [line for line in stderr.splitlines() if "the caption" in line]
    assert len(caption) == 1, stderr  # the Russian one, once; the English one fits
    assert re.fullmatch(
        re.escape(f"{exhibit}:{where}: warning: the caption (ru) does not fit on 15.6in "
                  "(1366×768): ") + f"({WHAT}); shorten it by about (\\d+) words", caption[0])
    assert 300 <= _words(caption[0]) <= 400
    total = _fit_count(stdout, "15.6in")
    assert total >= 1
    assert stderr.count(": warning: ") == total
    # Everything was still written.
    assert (tmp_path / "out" / "01-first--one-ru.png").is_file()
    assert (tmp_path / "out" / "proof.pdf").is_file()


WHAT = 'it needs scrolling|it is cut off|it is shortened with "…"'


def _words(warning: str) -> int:
    found = re.search(r"shorten it by about (\d+) words", warning)
    assert found, warning
    return int(found[1])


def _fit_count(stdout: str, *screens: str) -> int:
    """The total of the summary line, which ends what `kiosk render` prints."""
    found = re.fullmatch(r".*: (\d+) fit warnings? \((.*)\)", stdout.splitlines()[-1])
    assert found, stdout
    counts = dict(part.split(": ") for part in found[2].split(", "))
    assert list(counts) == list(screens)
    assert sum(int(count) for count in counts.values()) == int(found[1])
    return int(found[1])


def test_without_strict_it_is_a_warning_and_each_screen_has_its_own_folder(
        qapp: Any, tmp_path: Path) -> None:
    exhibit, where = _with_long_caption(tmp_path / "exhibit")
    out = tmp_path / "out"

    code, stdout, stderr = _render(exhibit, out, screens=[PROFILES["15.6in"], PROFILES["55in"]])

    assert code == 0, stdout + stderr
    for name, label in (("15.6in", "15.6in (1366×768)"), ("55in", "55in (3840×2160)")):
        assert (out / name / "proof.pdf").is_file()
        assert (out / name / "00-welcome.png").is_file()
        assert f"{exhibit}:{where}: warning: the caption (ru) does not fit on {label}" in stderr
        assert f"{out / name}: 22 screens at" in stdout
    assert not (out / "proof.pdf").exists()
    assert _fit_count(stdout, "15.6in", "55in") >= 2


def test_a_sample_that_fits_has_no_warnings(qapp: Any, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    code, stdout, stderr = _render(exhibit, tmp_path / "out", strict=True)
    assert (code, stderr) == (0, "")
    assert stdout.splitlines()[-1] == f"{exhibit}: 0 fit warnings (24in: 0)"
