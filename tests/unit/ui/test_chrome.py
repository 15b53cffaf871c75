"""The kiosk's own words, around the exhibit's."""

from __future__ import annotations

from kiosk.ui.chrome import STRINGS, language_name, strings_for


def test_every_word_the_kiosk_shows_has_a_russian_translation() -> None:
    assert STRINGS["ru"].keys() == STRINGS["en"].keys()
    untranslated = [key for key in STRINGS["en"] if STRINGS["ru"][key] == STRINGS["en"][key]]
    assert untranslated == []


def test_the_closing_screen_thanks_the_visitor_in_their_language() -> None:
    assert strings_for("en")["thanks"] == "Thank you for visiting"
    assert strings_for("ru")["startAgain"] == "Начать сначала"


def test_a_language_the_kiosk_lacks_falls_back_to_english_words() -> None:
    assert strings_for("de")["chooseLanguage"] == "Choose your language"
    assert language_name("de") == "Deutsch" and language_name("xx") == "XX"
