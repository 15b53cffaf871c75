"""What `kiosk render` made: the screenshots of one screen profile and what went wrong,
read by the render command's report and by the proof sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kiosk.exhibit.pages import Page
from kiosk.render.fitreport import FitWarning
from kiosk.screens import ScreenProfile


@dataclass(frozen=True)
class Screenshot:
    """One rendered screen: the welcome screen (``page`` is None), one page, or the
    closed screen (``closed``)."""

    path: Path
    language: str
    page: Page | None
    closed: bool = False


@dataclass
class RenderResult:
    """What `kiosk render` made on one screen profile, and what did not go as it should."""

    screen: ScreenProfile
    languages: tuple[str, ...]
    shots: list[Screenshot] = field(default_factory=list)
    fit: list[FitWarning] = field(default_factory=list)  # each text once
    qml_warnings: list[str] = field(default_factory=list)
    unsettled: list[str] = field(default_factory=list)  # screens grabbed at the deadline
    seconds: float = 0.0

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.size

    def shot(self, page: Page | None, language: str) -> Screenshot | None:
        return next((s for s in self.shots
                     if s.page == page and s.language == language and not s.closed), None)
