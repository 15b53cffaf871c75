"""Reading a screenshot back with tesseract, and checking which expected words it holds.

Words are compared as sets after the same normalisation on both sides (case, punctuation,
ё/е), because OCR gets the order and the line breaks of a layout only roughly right.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QImage

# Tesseract's own language codes for the exhibit's; English is always added, as screens
# mix in numbers and Latin names.
TESSERACT_LANGUAGES = {"en": "eng", "ru": "rus", "de": "deu", "fr": "fra", "es": "spa",
                       "uk": "ukr"}
# Sauvola's local threshold reads light-on-dark and accent-coloured text that a single
# global threshold over a screen with bright pictures loses.
TESSERACT_CONFIG = ("-c", "thresholding_method=2")
# A second look, for screens the first missed words on: sparse text, no layout assumed,
# finds big headings that the page layout analysis merged into a picture.
SPARSE = ("--psm", "11")
# Letter-spaced headings come back as "1 9 1 7": a word this long also counts when it
# appears with the spaces taken out.
SPACED_WORD_MIN = 4
_NOT_WORD = re.compile(r"[\W_]+")
# Cyrillic letters OCR reads as their Latin twins ("СССР" as "CCCP", "на" as "Ha"), a
# bold "э" it reads as "з" ("Трумзн") and a capital I as a one ("1am"): compared as one
# letter, the word is the same on screen.
_TWINS = str.maketrans("авекмнорстухэ1", "abekmhopctyxзi")


def tesseract_available(languages: Iterable[str]) -> bool:
    """Whether tesseract and the trained data for every one of ``languages`` are here."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    have = set(listed.stdout.split())
    return all(tesseract_language(code) in have for code in languages)


def tesseract_language(code: str) -> str:
    return TESSERACT_LANGUAGES.get(code, code)


def normalise(text: str) -> str:
    """Casefolded, ё read as е, every run of punctuation or space made one space."""
    folded = text.casefold().replace("ё", "е")
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def words(text: str) -> set[str]:
    return set(normalise(text).split())


def _twin(word: str) -> str:
    return word.translate(_TWINS)


@dataclass(frozen=True)
class WordBox:
    """A word tesseract read, and where (pixels of the image it read)."""

    text: str
    left: int
    top: int
    width: int
    height: int

    @property
    def centre(self) -> tuple[int, int]:
        return self.left + self.width // 2, self.top + self.height // 2


@dataclass(frozen=True)
class Reading:
    """What tesseract read on one screenshot."""

    boxes: tuple[WordBox, ...]

    @property
    def text(self) -> str:
        return " ".join(box.text for box in self.boxes)

    def words(self) -> set[str]:
        return words(self.text)

    def find(self, word: str) -> WordBox | None:
        wanted = _twin(normalise(word))
        return next((box for box in self.boxes if _twin(normalise(box.text)) == wanted), None)

    def merged(self, other: Reading) -> Reading:
        return Reading(self.boxes + other.boxes)


@dataclass(frozen=True)
class FieldCheck:
    """How many of one field's words were read on screen."""

    name: str
    expected: frozenset[str]
    missing: frozenset[str] = field(default_factory=frozenset)

    @property
    def found_share(self) -> float:
        if not self.expected:
            return 1.0
        return 1 - len(self.missing) / len(self.expected)


def check_field(name: str, expected_text: str, reading: Reading) -> FieldCheck:
    """Which words of ``expected_text`` the reading holds, as words or (long ones) letter-spaced."""
    expected = words(expected_text)
    seen = {_twin(w) for w in reading.words()}
    squeezed = _twin(normalise(reading.text).replace(" ", ""))
    # Two short words read as one ("I am" in italics as "Iam") are both on screen.
    in_order = normalise(expected_text).split()
    joined = {w for a, b in zip(in_order, in_order[1:], strict=False)
              if _twin(a + b) in seen for w in (a, b)}
    missing = {w for w in expected if _twin(w) not in seen and w not in joined
               and not (len(w) >= SPACED_WORD_MIN and _twin(w) in squeezed)}
    return FieldCheck(name, frozenset(expected), frozenset(missing))


def prepare(image: QImage) -> QImage:
    """Grey, and dark text on a light ground (what tesseract is trained on) when the
    screen is mostly dark. Nothing is scaled: the pixels are the screen's."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if _mostly_dark(grey):
        grey.invertPixels()
    return grey


def _mostly_dark(grey: QImage) -> bool:
    step = 7  # a sparse sample is plenty to tell a dark screen from a light one
    values = [grey.pixelColor(x, y).value()
              for y in range(0, grey.height(), step) for x in range(0, grey.width(), step)]
    values.sort()
    return bool(values) and values[len(values) // 2] < 128


def read_image(path: Path, language: str, work: Path, *options: str) -> Reading:
    """OCR the screenshot at ``path`` in ``language`` (plus English)."""
    prepared = work / (path.stem + "-ocr.png")
    if not prepared.exists():
        image = QImage(str(path))
        if image.isNull():
            raise OSError(f"{path}: not an image")
        if not prepare(image).save(str(prepared)):
            raise OSError(f"could not write {prepared}")
    return read_prepared(prepared, language, *options)


def read_prepared(path: Path, language: str, *options: str) -> Reading:
    langs = "+".join(dict.fromkeys([tesseract_language(language), "eng"]))
    # One thread each: several run side by side, and tesseract's threads only fight then.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    result = subprocess.run(
        ["tesseract", str(path), "-", "-l", langs, *TESSERACT_CONFIG, *options, "tsv"],
        capture_output=True, text=True, env=env, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed on {path}: {result.stderr.strip()}")
    return Reading(tuple(_parse_tsv(result.stdout)))


def _parse_tsv(tsv: str) -> Iterable[WordBox]:
    lines = tsv.splitlines()
    for line in lines[1:]:
        columns = line.split("\t")
        if len(columns) < 12 or columns[0] != "5" or not columns[11].strip():
            continue
        left, top, width, height = (int(c) for c in columns[6:10])
        yield WordBox(columns[11].strip(), left, top, width, height)
