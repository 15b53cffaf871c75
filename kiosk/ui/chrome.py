"""The kiosk's own words (buttons, prompts), in the languages exhibits use most.

Exhibit text comes from the exhibit file; these are the few labels around it. A language
missing here falls back to English.
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "ru": "Русский", "de": "Deutsch", "fr": "Français", "es": "Español",
    "uk": "Українська",
}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "home": "Home",
        "next": "Next",
        "previous": "Previous",
        "close": "Close",
        "timeline": "Timeline",
        "stillThere": "Are you still there?",
        "keepExploring": "Keep exploring",
        "resetIn": "Starting over in %1 s",
        "imageOf": "Image %1 of %2",
        "pageOf": "%1 of %2",
        "openImage": "Open image",
        "imageMissing": "This image cannot be shown right now.",
        "zoomHint": "Pinch or double-tap to zoom",
        "era": "Era",
        "intro": "Introduction",
        "eras": "Eras",
        "chooseLanguage": "Choose your language",
        "moreText": "More",
        "openQuote": "\u201c",
        "finish": "The end",
        "thanks": "Thank you for visiting",
        "thanksBody": "Choose an era below to look again, or start again for the next visitor.",
        "startAgain": "Start again",
    },
    "ru": {
        "home": "В начало",
        "next": "Далее",
        "previous": "Назад",
        "close": "Закрыть",
        "timeline": "Хронология",
        "stillThere": "Вы ещё здесь?",
        "keepExploring": "Продолжить",
        "resetIn": "Возврат к началу через %1 с",
        "imageOf": "Изображение %1 из %2",
        "pageOf": "%1 из %2",
        "openImage": "Открыть изображение",
        "imageMissing": "Это изображение сейчас недоступно.",
        "zoomHint": "Сведите или разведите пальцы либо коснитесь дважды, чтобы увеличить",
        "era": "Период",
        "intro": "Введение",
        "eras": "Периоды",
        "chooseLanguage": "Выберите язык",
        "moreText": "Читать дальше",
        "openQuote": "\u00ab",
        "finish": "Завершение",
        "thanks": "Спасибо, что посетили выставку",
        "thanksBody": "Выберите период ниже, чтобы вернуться к нему, "
                      "или начните сначала для следующего посетителя.",
        "startAgain": "Начать сначала",
    },
}


def strings_for(language: str) -> dict[str, str]:
    return {**STRINGS["en"], **STRINGS.get(language, {})}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code.upper())
