"""The kiosk's own words (buttons, prompts) in the visitor's language, by Qt's translation
system: `qsTr()` in QML, `QCoreApplication.translate()` in Python.

English is the language they are written in. Every other language has its translations
in kiosk/i18n/kiosk_<code>.ts, compiled to the kiosk_<code>.qm beside it, which is what is
loaded here (tools/translations.py updates both). A language with no .qm file shows the
English words.

Qt's translators belong to the whole process, not to one window: the language a window
last switched to is the one every window's words are in. The kiosk shows one window.
"""

from __future__ import annotations

import logging
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTranslator, Signal, Slot
from PySide6.QtQml import QQmlEngine

from kiosk.ui.navigation import Navigator

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
SOURCE_LANGUAGE = "en"  # the words as written in the code: no translation needed

# The kiosk translator installed in the application now, whichever window installed it.
_installed: QTranslator | None = None


def translation_file(language: str) -> Path | None:
    """The compiled translations for `language`, or None where its words are English."""
    if language == SOURCE_LANGUAGE:
        return None
    path = I18N_DIR / f"kiosk_{language}.qm"
    return path if path.is_file() else None


def translated_languages() -> list[str]:
    """Every language the kiosk's words can be shown in, English first."""
    codes = sorted(path.stem.removeprefix("kiosk_") for path in I18N_DIR.glob("kiosk_*.qm"))
    return [SOURCE_LANGUAGE, *(code for code in codes if code != SOURCE_LANGUAGE)]


def _install(translator: QTranslator | None) -> None:
    """Make `translator` (None: English) the kiosk's one translator in the application."""
    global _installed
    if translator is _installed:
        return
    # A translator goes out of the application by itself when its window's engine is
    # destroyed: only a live one is left to remove.
    if _installed is not None and shiboken6.isValid(_installed):
        QCoreApplication.removeTranslator(_installed)
    if translator is not None:
        QCoreApplication.installTranslator(translator)
    _installed = translator


class Translations(QObject):
    """Keeps the kiosk's words in one navigator's language: on each change of language it
    installs that language's translator (none for English) and re-evaluates every qsTr()
    of the engine. Parented to the engine, so its translators go with it."""

    retranslated = Signal()  # for words Python makes, which qsTr() does not cover

    def __init__(self, engine: QQmlEngine, nav: Navigator) -> None:
        super().__init__(engine)
        self._engine = engine
        self._nav = nav
        self._translators: dict[str, QTranslator | None] = {}
        _install(self._translator(nav.language))  # before the QML is loaded: no retranslate
        nav.languageChanged.connect(self._follow)

    @Slot()
    def _follow(self) -> None:
        self.apply(self._nav.language)

    def apply(self, language: str) -> None:
        """Show the kiosk's words in `language` from now on."""
        _install(self._translator(language))
        self._engine.retranslate()
        self.retranslated.emit()

    def _translator(self, language: str) -> QTranslator | None:
        """The translator for `language`, loaded once; None for English or a language the
        kiosk has no translations for."""
        if language in self._translators:
            return self._translators[language]
        translator: QTranslator | None = None
        path = translation_file(language)
        if path is None:
            if language != SOURCE_LANGUAGE:
                log.info("the kiosk's own words have no translation into %r: they show in "
                         "English", language)
        else:
            translator = QTranslator(self)
            if not translator.load(str(path)):
                log.warning("could not load %s: the kiosk's own words show in English", path)
                translator.deleteLater()
                translator = None
        self._translators[language] = translator
        return translator
