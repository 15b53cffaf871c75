"""The exhibit as the kiosk uses it: immutable, validated, free of Qt.

A reload builds a whole new :class:`Exhibit` and swaps it in, or keeps the old one;
nothing here is ever changed in place.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where something was written in the exhibit file, 1-based like an editor shows."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Text:
    """A visitor-facing text in each of the exhibit's languages.

    ``values`` is a tuple of ``(language, text)`` pairs so the object stays hashable;
    ``locations`` says where each language's text is written (one string shared by
    every language has the same location for each).
    """

    values: tuple[tuple[str, str], ...]
    locations: tuple[tuple[str, SourceLocation], ...] = ()

    @classmethod
    def of(cls, mapping: Mapping[str, str]) -> Text:
        return cls(tuple(mapping.items()))

    def get(self, lang: str) -> str:
        """The text in ``lang``; the first language's text if ``lang`` is missing."""
        for code, value in self.values:
            if code == lang:
                return value
        return self.values[0][1] if self.values else ""

    def location(self, lang: str) -> SourceLocation | None:
        """Where the text in ``lang`` is written, when known."""
        for code, location in self.locations:
            if code == lang:
                return location
        return None

    def languages(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.values)

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.values)


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture file."""

    file: str  # as written in the exhibit file, relative to its folder
    path: Path  # resolved absolute path, checked to lie inside the exhibit folder
    width: int | None = None  # pixel size read from the file's header, when known
    height: int | None = None


@dataclass(frozen=True, slots=True)
class PictureFiles:
    """A picture's file for each language: one file shared by all, or, for a chart or map
    with words in it, one file per language."""

    values: tuple[tuple[str, Picture], ...]

    def get(self, lang: str) -> Picture:
        """The file for ``lang``; the first language's if ``lang`` is missing."""
        for code, picture in self.values:
            if code == lang:
                return picture
        return self.values[0][1]

    def distinct(self) -> tuple[Picture, ...]:
        return tuple(dict.fromkeys(picture for _, picture in self.values))


@dataclass(frozen=True, slots=True)
class Image:
    """A picture on a panel, with what visitors read about it."""

    files: PictureFiles
    alt: Text
    caption: Text
    credit: Text | None = None
    location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A voice of the time on a panel: the words, who said or wrote them, when, and where
    they are kept or published (and, for a translation, which language is the original)."""

    text: Text
    who: Text
    when: Text
    source: Text


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel of an era: its title, pictures and text."""

    id: str
    title: Text
    images: tuple[Image, ...]
    text: Text | None = None
    quote: Quote | None = None
    location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class Era:
    """A period of the exhibit, with its opening summary and its panels."""

    id: str
    title: Text
    years: str
    summary: Text
    panels: tuple[Panel, ...]
    location: SourceLocation | None = None
    years_location: SourceLocation | None = None


@dataclass(frozen=True, slots=True)
class IdleSettings:
    """When an unattended kiosk asks whether anyone is there, then resets."""

    timeout: float = 90.0  # seconds without input before "Are you still there?"
    countdown: float = 15.0  # seconds that prompt shows before the kiosk resets


@dataclass(frozen=True, slots=True)
class AttractImage:
    """A picture for the welcome screen, with what it shows for visitors who cannot see it."""

    files: PictureFiles
    alt: Text


@dataclass(frozen=True, slots=True)
class Attract:
    """The welcome screen: its invitation and its pictures."""

    prompt: Text
    image: AttractImage | None = None
    images: tuple[AttractImage, ...] = ()  # extra highlights for the attract loop


@dataclass(frozen=True, slots=True)
class Exhibit:
    """A whole exhibit, as checked and loaded from its file."""

    version: int
    title: Text
    languages: tuple[str, ...]
    attract: Attract
    eras: tuple[Era, ...]
    path: Path  # the exhibit file
    subtitle: Text | None = None
    idle: IdleSettings = IdleSettings()

    @property
    def root(self) -> Path:
        """The exhibit folder: every path in the file is relative to it."""
        return self.path.parent

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def panels(self) -> Iterator[tuple[Era, Panel]]:
        for era in self.eras:
            for panel in era.panels:
                yield era, panel

    def images(self) -> Iterator[Image]:
        for _, panel in self.panels():
            yield from panel.images

    def referenced_files(self) -> tuple[Path, ...]:
        """Every file the exhibit shows, for the reload watcher."""
        attract = self.attract
        shown = [*([attract.image] if attract.image else []), *attract.images, *self.images()]
        return tuple(dict.fromkeys(picture.path for image in shown
                                   for picture in image.files.distinct()))
