"""The kiosk's own words in every language it has translations for.

The .ts files are checked against what `pyside6-lupdate` finds in the screens and the
Python now (in a copy, so a test never rewrites them): every word has a finished
translation and none is left over. The .qm files the kiosk loads must say the same.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

from kiosk.ui.translation import I18N_DIR, translated_languages, translation_file

REPO = Path(__file__).resolve().parents[3]
PLACEHOLDER = re.compile(r"%\d")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool",
                                                  REPO / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    state: str  # "" when finished; else "unfinished", "vanished" or "obsolete"


def messages(ts: Path) -> list[Message]:
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts.name}: {name}: a message with no translation"
            found.append(Message(name, message.findtext("source", ""), translation.text or "",
                                 translation.get("type", "")))
    return found


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Message]]:
    """Each language's .ts as lupdate brings it up to date with the sources now."""
    tool = _tool()
    folder = tmp_path_factory.mktemp("i18n")
    copies = [Path(shutil.copy(ts, folder / ts.name)) for ts in tool.ts_files()]
    tool.lupdate(copies, quiet=True)
    return {ts.stem.removeprefix("kiosk_"): messages(ts) for ts in copies}


def test_the_kiosk_speaks_english_and_russian() -> None:
    languages = translated_languages()
    assert languages[0] == "en" and "ru" in languages


def test_every_word_of_the_screens_has_a_finished_translation_in_every_language(
        refreshed: dict[str, list[Message]]) -> None:
    assert "ru" in refreshed
    for language, found in refreshed.items():
        unfinished = [(m.context, m.source) for m in found
                      if m.state == "unfinished" or not m.translation.strip()]
        assert unfinished == [], f"kiosk_{language}.ts: run tools/translations.py, translate"


def test_no_translation_is_left_over_from_words_the_screens_no_longer_show(
        refreshed: dict[str, list[Message]]) -> None:
    for language, found in refreshed.items():
        gone = [(m.context, m.source) for m in found if m.state in ("vanished", "obsolete")]
        assert gone == [], f"kiosk_{language}.ts: run tools/translations.py"


def test_the_screens_words_are_all_found(refreshed: dict[str, list[Message]]) -> None:
    found = {(m.context, m.source) for m in refreshed["ru"]}
    assert {("ExhibitScreen", "Next"), ("ExhibitScreen", "Home"),
            ("IdlePrompt", "Are you still there?"), ("StaffOverlay", "Staff PIN"),
            ("StaffAccess", "Wrong PIN")} <= found


@pytest.mark.parametrize("ts", sorted(I18N_DIR.glob("kiosk_*.ts")), ids=lambda ts: ts.stem)
def test_every_translation_keeps_the_numbers_it_is_given(ts: Path) -> None:
    def numbers(text: str) -> list[str]:
        return sorted(PLACEHOLDER.findall(text))

    changed = [(m.context, m.source, m.translation) for m in messages(ts)
               if numbers(m.source) != numbers(m.translation)]
    assert changed == []


@pytest.mark.parametrize("ts", sorted(I18N_DIR.glob("kiosk_*.ts")), ids=lambda ts: ts.stem)
def test_the_compiled_translations_say_what_the_ts_file_says(ts: Path) -> None:
    translator = QTranslator()
    assert translator.load(str(ts.with_suffix(".qm"))), "run tools/translations.py"
    stale = [(m.context, m.source) for m in messages(ts)
             if translator.translate(m.context, m.source) != m.translation]
    assert stale == [], "the .qm is older than its .ts: run tools/translations.py"


def test_the_russian_words_are_those_the_kiosk_always_had() -> None:
    russian = {(m.context, m.source): m.translation for m in messages(I18N_DIR / "kiosk_ru.ts")}
    assert russian[("ExhibitScreen", "Home")] == "В начало"
    assert russian[("ExhibitScreen", "Next")] == "Далее"
    assert russian[("ClosingScreen", "Start again")] == "Начать сначала"
    assert russian[("IdlePrompt", "Starting over in %1 s")] == "Возврат к началу через %1 с"
    assert russian[("QuotePage", "\u201c")] == "\u00ab"


def test_english_needs_no_file_and_a_language_without_one_falls_back_to_it() -> None:
    assert translation_file("en") is None
    assert translation_file("de") is None
    assert translation_file("ru") == I18N_DIR / "kiosk_ru.qm"


def test_the_compiled_translations_travel_with_the_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.qm" in config["tool"]["setuptools"]["package-data"]["*"]
