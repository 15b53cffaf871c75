"""The pieces the every-word check stands on, proven without an X server or tesseract:
how words are compared, how tesseract's table is read, how a screen is prepared for it,
and the physical screens it imitates."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage

from tests.helpers import ocr
from tests.helpers.xserver import ScreenProfile


def reading(text: str) -> ocr.Reading:
    return ocr.Reading(tuple(ocr.WordBox(word, 10 * i, 0, 8, 8)
                             for i, word in enumerate(text.split())))


def test_words_are_compared_without_case_punctuation_or_the_dots_of_yo() -> None:
    assert ocr.normalise("Reagan called the USSR an “evil empire” in 1983.") == (
        "reagan called the ussr an evil empire in 1983")
    assert ocr.normalise("Соединённые\u00a0Штаты — «Союз»") == "соединенные штаты союз"
    assert ocr.words("Lend-Lease, 1941–1945") == {"lend", "lease", "1941", "1945"}


def test_a_field_read_whole_is_found_whole() -> None:
    check = ocr.check_field("caption", "The Berlin Wall opened on 9 November 1989.",
                            reading("the berlin WALL opened on 9 November, 1989"))
    assert check.found_share == 1.0
    assert not check.missing


def test_words_cut_off_the_screen_are_named() -> None:
    check = ocr.check_field("text", "Convoys sailed under attack to Murmansk and Arkhangelsk.",
                            reading("Convoys sailed under attack to"))
    assert check.missing == {"murmansk", "and", "arkhangelsk"}
    assert check.found_share == pytest.approx(5 / 8)


def test_letter_spaced_years_still_count() -> None:
    check = ocr.check_field("years", "1917–1920", reading("1 9 1 7 = 1 9 2 0 Revolution"))
    assert check.found_share == 1.0


def test_short_words_need_to_be_read_as_words() -> None:
    # "на" inside another word is no proof it is on screen.
    check = ocr.check_field("title", "На грани", reading("Награда грани"))
    assert check.missing == {"на"}


def test_cyrillic_read_as_latin_lookalikes_is_the_same_word() -> None:
    check = ocr.check_field("era title", "Конец СССР", reading("Конец CCCP"))
    assert check.found_share == 1.0
    assert reading("English Pусский").find("Русский") is not None


def test_two_short_words_read_as_one_are_both_there_and_only_neighbours_count() -> None:
    check = ocr.check_field("quotation", "I am ending my work", reading("Iam ending my work"))
    assert check.found_share == 1.0
    check = ocr.check_field("quotation", "I am ending my work", reading("1am ending my work"))
    assert check.found_share == 1.0
    # "my" and "I" are not neighbours: "myi" proves neither.
    check = ocr.check_field("quotation", "I am ending my work", reading("am ending myi work"))
    assert check.missing == {"i", "my"}


def test_a_bold_cyrillic_e_read_as_ze_is_the_same_word() -> None:
    check = ocr.check_field("who", "Президент Гарри Трумэн", reading("Президент Гарри Трумзн,"))
    assert check.found_share == 1.0


def test_tesseracts_table_gives_words_and_where_they_are() -> None:
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
           "\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t1920\t1080\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t1770\t41\t111\t36\t95.1\tРусский\n"
           "5\t1\t1\t1\t1\t2\t10\t10\t5\t5\t30.0\t \n")
    boxes = list(ocr._parse_tsv(tsv))
    assert boxes == [ocr.WordBox("Русский", 1770, 41, 111, 36)]
    assert boxes[0].centre == (1825, 59)


@pytest.mark.parametrize(("ground", "ink"), [
    ("#14181f", "#f4efe4"),  # light words on a dark screen become dark on light
    ("#ffffff", "#202020"),  # already dark on light
])
def test_a_screen_is_prepared_as_dark_words_on_a_light_ground(ground: str, ink: str) -> None:
    image = QImage(200, 100, QImage.Format.Format_RGB32)
    image.fill(QColor(ground))
    for x in range(40, 60):
        image.setPixelColor(x, 50, QColor(ink))
    prepared = ocr.prepare(image)
    assert prepared.format() == QImage.Format.Format_Grayscale8
    assert (prepared.width(), prepared.height()) == (200, 100)  # never scaled
    assert prepared.pixelColor(0, 0).value() > 128
    assert prepared.pixelColor(50, 50).value() < 128


@pytest.mark.parametrize(("profile", "width_mm", "dpi"), [
    (ScreenProfile(1920, 1080, 24.0), 531.3, 92),
    (ScreenProfile(1366, 768, 15.6), 345.4, 100),
])
def test_a_screen_profile_is_its_diagonal_in_millimetres(profile: ScreenProfile,
                                                         width_mm: float, dpi: int) -> None:
    assert profile.size_mm[0] == pytest.approx(width_mm, abs=0.1)
    assert profile.dpi == dpi
    # What Xvfb will report from whole dots per inch stays within half a percent.
    assert profile.width * 25.4 / profile.dpi == pytest.approx(width_mm, rel=0.005)
