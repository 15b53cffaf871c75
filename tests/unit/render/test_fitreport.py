"""A text that does not fit is traced to the line of the exhibit file that has it, in the
language on screen, and told as a curator can act on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit, SourceLocation
from kiosk.exhibit.pages import build_pages
from kiosk.render.fit import TextProblem
from kiosk.render.fitreport import FitLog, advice, fit_warning, locate, shown_texts
from kiosk.screens import PROFILES
from tests.helpers.sample_exhibit import write_sample_exhibit

SMALL = PROFILES["15.6in"]


@pytest.fixture
def sample(tmp_path: Path) -> Exhibit:
    exhibit = load_exhibit(write_sample_exhibit(tmp_path)).exhibit
    assert exhibit is not None
    return exhibit


def _at(exhibit: Exhibit, line: int, col: int) -> SourceLocation:
    return SourceLocation(str(exhibit.path.parent / "exhibit.yaml"), line, col)


def test_a_panel_screen_offers_its_own_texts_first_in_its_language(sample: Exhibit) -> None:
    panel_two = build_pages(sample)[2]
    texts = list(shown_texts(sample, panel_two, "ru"))
    assert [(t.field, t.value) for t in texts[:4]] == [
        ("title", "Панель два"), ("caption", "Синяя подпись."),
        ("credit", "Пример источника"), ("alt text", "Синее поле")]
    assert {t.language for t in texts[:10]} == {"ru"}
    assert ("title", "Panel Two", "en") in [(t.field, t.value, t.language) for t in texts]
    # The timeline shows every era on every screen.
    assert {t.value for t in texts if t.field == "years"} == {"1900–1910", "1920", "1930–1940"}


def test_a_shown_string_is_matched_whole_else_by_the_longest_exhibit_text_in_it(
        sample: Exhibit) -> None:
    panel_one = build_pages(sample)[1]
    texts = list(shown_texts(sample, panel_one, "en"))
    caption = locate("Red caption.", texts)
    assert caption is not None and (caption.field, caption.language) == ("caption", "en")
    header = locate("1900–1910  ·  First Era", texts)  # the kiosk joins years and era
    assert header is not None and (header.field, header.value) == ("era title", "First Era")
    assert locate("Next →", texts) is None


def test_a_warning_names_line_language_screen_what_is_wrong_and_what_to_do(
        sample: Exhibit) -> None:
    panel_one = build_pages(sample)[1]
    problem = TextProblem("Красная подпись.", "scroll", 0.5)

    warning = fit_warning(problem, sample, panel_one, "ru", SMALL, "out/01-first--one-ru.png")

    assert warning.location == _at(sample, 20, 45)
    assert str(warning) == (
        f"{sample.path.parent / 'exhibit.yaml'}:20:45: warning: the caption (ru) does not fit "
        "on 15.6in (1366×768): it needs scrolling; shorten it by about 1 word")


def test_the_kiosk_s_own_words_are_told_against_the_screen(sample: Exhibit) -> None:
    problem = TextProblem("Далее →", "cut", 0.2)
    warning = fit_warning(problem, sample, build_pages(sample)[0], "ru", SMALL,
                          "out/01-first-ru.png")
    assert warning.location is None
    assert str(warning) == (
        'out/01-first-ru.png: warning: the kiosk\'s own text "Далее →" (ru) does not fit on '
        "15.6in (1366×768): it is cut off; the exhibit file has nothing to change here")


def test_the_welcome_screen_shows_each_language_s_prompt(sample: Exhibit) -> None:
    problem = TextProblem("Коснитесь экрана", "cut", 0.5)
    warning = fit_warning(problem, sample, None, "en", SMALL, "00-welcome.png")
    assert (warning.field, warning.language) == ("prompt", "ru")


@pytest.mark.parametrize(("kind", "hidden", "expected"), [
    ("scroll", 0.25, "shorten it by about 3 words"),
    ("cut", 0.01, "shorten it by about 1 word"),
    ("shortened", None, "shorten it"),
    ("cut", None, "shorten the texts shown with it"),
])
def test_advice_estimates_the_words_to_cut_when_it_can(
        kind: str, hidden: float | None, expected: str) -> None:
    words = "one two three four five six seven eight nine ten"
    assert advice(TextProblem(words, kind, hidden)) == expected  # type: ignore[arg-type]


def test_a_single_word_cut_at_the_edge_may_be_the_others_doing() -> None:
    assert advice(TextProblem("1900–1910", "cut", 0.1)) == (
        "shorten it or the texts shown with it")
    assert advice(TextProblem("Revolution", "shortened", 0.1)) == "shorten it"


def test_years_do_not_fit_where_a_title_does_not(sample: Exhibit) -> None:
    opening = build_pages(sample)[0]
    warning = fit_warning(TextProblem("1900–1910", "cut", 0.1), sample, opening, "en", SMALL,
                          "01-first.png")
    assert (warning.field, warning.location) == ("years", _at(sample, 11, 12))
    assert "the years (en) do not fit on 15.6in (1366×768): it is cut off" in str(warning)


def test_each_text_is_reported_once_per_screen_profile(sample: Exhibit) -> None:
    pages = build_pages(sample)
    log = FitLog()
    title = TextProblem("Sample Exhibit", "shortened", None)
    assert log.add(fit_warning(title, sample, pages[1], "en", SMALL, "01-first--one.png"))
    assert not log.add(fit_warning(title, sample, pages[2], "en", SMALL, "01-first--two.png"))
    assert log.add(fit_warning(title, sample, pages[2], "en", PROFILES["10.1in"], "x.png"))
    button = TextProblem("Next →", "cut", None)
    assert log.add(fit_warning(button, sample, pages[1], "en", SMALL, "01-first--one.png"))
    assert not log.add(fit_warning(button, sample, pages[2], "en", SMALL, "01-first--two.png"))
    assert [w.screen_file for w in log.warnings] == [
        "01-first--one.png", "x.png", "01-first--one.png"]
