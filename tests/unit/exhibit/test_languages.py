"""Language names: each language is named in itself, whatever language the kiosk shows."""

from __future__ import annotations

from kiosk.exhibit.languages import language_name


def test_each_language_is_named_in_itself() -> None:
    assert language_name("en") == "English" and language_name("ru") == "Русский"
    assert language_name("de") == "Deutsch"


def test_a_language_without_a_name_shows_its_code() -> None:
    assert language_name("xx") == "XX"
