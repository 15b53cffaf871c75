"""Language names, each written in its own language.

The language button names the next language in that language, the welcome screen offers
each of the exhibit's languages the same way, and the proof sheet and the visitor report
name them so too: these are data shown whatever the current language, not translations.
The kiosk's own words (buttons, prompts) are translated by Qt instead (see
kiosk.ui.translation).
"""

from __future__ import annotations

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English", "ru": "Русский", "de": "Deutsch", "fr": "Français", "es": "Español",
    "uk": "Українська",
}


def language_name(code: str) -> str:
    """The language's name in itself; a language not listed shows its code."""
    return LANGUAGE_NAMES.get(code, code.upper())
