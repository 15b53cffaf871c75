"""Fit problems as curators read them: which text of the exhibit file, in which language,
on which screen, what is wrong and what to do (no Qt).

A text on screen is traced back to the exhibit by the exact string it shows: first the
texts of the page on screen, then those every screen shows (the exhibit's title, the
timeline's eras), in the screen's language first. A string made of an exhibit text and
the kiosk's own words (``1933–1939 · Recognition``) goes to the longest exhibit text it
contains. Anything else is the kiosk's own words, reported against the screen's file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kiosk.exhibit.model import Exhibit, SourceLocation, Text
from kiosk.exhibit.pages import Page
from kiosk.render.fit import TextProblem, words_to_cut
from kiosk.screens import ScreenProfile

KIOSK_TEXT = "kiosk text"  # the field of words that are the kiosk's, not the exhibit's
_WHAT = {
    "shortened": 'it is shortened with "…"',
    "cut": "it is cut off",
    "scroll": "it needs scrolling",
}


@dataclass(frozen=True)
class ShownText:
    """An exhibit text as a screen may show it, and where it is written."""

    value: str
    field: str  # as curators know it: "caption", "title", "years" …
    language: str
    location: SourceLocation | None


@dataclass(frozen=True)
class FitWarning:
    """One text that does not fit on one screen profile, as a compiler-style warning."""

    location: SourceLocation | None  # where the exhibit file has it; None: the kiosk's words
    screen_file: str  # the screen it was first found on
    field: str
    language: str
    screen: ScreenProfile
    kind: str
    advice: str
    shown: str  # the text on screen
    page: Page | None = None  # that screen's page; None: the welcome screen

    def __str__(self) -> str:
        return f"{self.where}: warning: {self.message}"

    @property
    def where(self) -> str:
        return str(self.location) if self.location is not None else self.screen_file

    @property
    def message(self) -> str:
        what = (f'the kiosk\'s own text "{_short(self.shown)}"' if self.field == KIOSK_TEXT
                else f"the {self.field}")
        verb = "do" if self.field == "years" else "does"
        return (f"{what} ({self.language}) {verb} not fit on {self.screen.label}: "
                f"{_WHAT.get(self.kind, self.kind)}; {self.advice}")


# (field, the text, or for years no text but their string, and where the years are)
_Entry = tuple[str, Text | None, str, SourceLocation | None]


def _entries(exhibit: Exhibit, page: Page | None) -> list[_Entry]:
    """The exhibit's texts the screen of ``page`` may show, its own page's first."""
    entries: list[_Entry] = []

    def text(name: str, value: Text | None) -> None:
        if value is not None:
            entries.append((name, value, "", None))

    if page is None:
        text("title", exhibit.title)
        text("subtitle", exhibit.subtitle)
        text("prompt", exhibit.attract.prompt)
        return entries
    era, panel = page.era, page.panel
    if panel is None:
        text("title", era.title)
        text("summary", era.summary)
        entries.append(("years", None, era.years, era.years_location))
        for image in era.panels[0].images[:1]:  # the opening's picture
            text("alt text", image.alt)
    else:
        if page.quote and panel.quote is not None:
            text("quote text", panel.quote.text)
            text("quote's who", panel.quote.who)
            text("quote's when", panel.quote.when)
            text("quote's source", panel.quote.source)
        text("title", panel.title)
        text("text", panel.text)
        for image in panel.images:
            text("caption", image.caption)
            text("credit", image.credit)
            text("alt text", image.alt)
        text("era title", era.title)
        entries.append(("years", None, era.years, era.years_location))
    text("exhibit title", exhibit.title)
    text("subtitle", exhibit.subtitle)
    for other in exhibit.eras:  # the timeline
        text("era title", other.title)
        entries.append(("years", None, other.years, other.years_location))
    return entries


def shown_texts(exhibit: Exhibit, page: Page | None, language: str) -> Iterator[ShownText]:
    """Every exhibit text the screen of ``page`` (None: the welcome screen) in
    ``language`` may show, most likely first: its language, then the others (the welcome
    screen shows every language's prompt)."""
    entries = _entries(exhibit, page)
    others = [code for code in exhibit.languages if code != language]
    for code in (language, *others):
        for name, text, plain, where in entries:
            if text is None:
                if code == language:
                    yield ShownText(plain, name, language, where)
            elif code in text.languages():
                yield ShownText(text.get(code), name, code, text.location(code))


def locate(shown: str, candidates: Iterable[ShownText]) -> ShownText | None:
    """The exhibit text ``shown`` on screen: the same string, else the longest one it holds."""
    wanted = shown.strip()
    best: ShownText | None = None
    for candidate in candidates:
        value = candidate.value.strip()
        if not value:
            continue
        if value == wanted:
            return candidate
        if value in wanted and (best is None or len(value) > len(best.value.strip())):
            best = candidate
    return best


def advice(problem: TextProblem) -> str:
    """What to do: how many words to cut, where the overflow tells it."""
    if problem.hidden is None and problem.kind != "shortened":
        return "shorten the texts shown with it"  # pushed out whole by them
    words = words_to_cut(problem.text, problem.hidden)
    if words is not None:
        return f"shorten it by about {words} word{'s' if words != 1 else ''}"
    if problem.kind == "shortened":
        return "shorten it"
    return "shorten it or the texts shown with it"  # a word pushed partly out by the others


def fit_warning(problem: TextProblem, exhibit: Exhibit, page: Page | None, language: str,
                screen: ScreenProfile, screen_file: str) -> FitWarning:
    """The warning for ``problem`` found on the screen of ``page`` in ``language``."""
    found = locate(problem.text, shown_texts(exhibit, page, language))
    if found is None:
        return FitWarning(None, screen_file, KIOSK_TEXT, language, screen, problem.kind,
                          "the exhibit file has nothing to change here", problem.text, page)
    return FitWarning(found.location, screen_file, found.field, found.language, screen,
                      problem.kind, advice(problem), problem.text, page)


class FitLog:
    """The warnings of a render, each text once per screen profile."""

    def __init__(self) -> None:
        self.warnings: list[FitWarning] = []
        self._seen: set[tuple[object, ...]] = set()

    def add(self, warning: FitWarning) -> bool:
        """Keep ``warning`` unless the same text was already reported on that screen."""
        key = (warning.location or warning.shown, warning.language, warning.screen)
        if key in self._seen:
            return False
        self._seen.add(key)
        self.warnings.append(warning)
        return True


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:37] + "…"
