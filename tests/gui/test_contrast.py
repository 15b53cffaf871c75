"""Every word and every control of the kiosk stands out from what is behind it, measured
on the rendered screens (WCAG 2: 4.5:1 for text, 7:1 for body text, 3:1 for a
control's edge), in every language of the bundled exhibit.

The screens are toured once (welcome, an era's opening, panels, the image viewer, the idle
prompt) and each is grabbed at rest; the tests then read the grabs. What is measured is
found on screen (every visible Text, every item marked `control: true`), so the checks
hold for whatever the screens look like.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtGui import QImage

from kiosk.bundled import bundled_exhibit
from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.pages import Page
from kiosk.render.command import wait_until_settled
from kiosk.ui.window import KioskView, create_view
from tests.helpers.contrast import edge_contrast, opaque, text_contrast
from tests.helpers.scene import Scene, SceneText, survey

SIZE = (1920, 1080)
TEXT_MIN = 4.5  # WCAG 1.4.3
BODY_MIN = 7.0  # WCAG 1.4.6, what the kiosk promises for reading at arm's length
EDGE_MIN = 3.0  # WCAG 1.4.11
BODY_SHARE = 0.95  # of the screen's body size: text this large is read as body text
PROMPT_COUNTDOWN_MS = 600_000  # long enough that the prompt never resets mid-grab
WAIT_MS = 5000


@dataclass
class Shot:
    screen: str
    language: str
    image: QImage
    scene: Scene

    @property
    def where(self) -> str:
        return f"{self.screen} [{self.language}]"


@dataclass
class Tour:
    shots: list[Shot]
    body: float
    unsettled: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _wait_for(condition: Callable[[], bool], what: str, timeout_ms: int = WAIT_MS) -> None:
    """Run the event loop until ``condition`` holds."""
    clock = QElapsedTimer()
    clock.start()
    while not condition():
        if clock.elapsed() > timeout_ms:
            raise AssertionError(f"timed out waiting for {what}")
        loop = QEventLoop()
        QTimer.singleShot(10, loop.quit)
        loop.exec()


def _words_on(page: Page, language: str) -> int:
    panel = page.panel
    assert panel is not None
    texts = [panel.title, panel.text, panel.images[0].caption, panel.images[0].credit]
    return sum(len(t.get(language)) for t in texts if t is not None)


def _screens(view: KioskView, language: str) -> list[tuple[str, Callable[[], None]]]:
    """Each screen to measure, and how to get there from the one before: the first
    panel, one with several pictures, and the one with the most words (the likeliest
    to run out of room)."""
    nav, idle = view.nav, view.idle
    pages = list(nav.pages)
    panels = [i for i, p in enumerate(pages) if p.panel is not None]
    several = next((i for i in panels if len(pages[i].panel.images) > 1), panels[0])
    wordiest = max(panels, key=lambda i: _words_on(pages[i], language))
    chosen = list(dict.fromkeys([panels[0], several, wordiest]))

    def page(index: int) -> Callable[[], None]:
        return lambda: nav.goToPage(index)

    def prompt() -> None:
        idle.set_timing(1, PROMPT_COUNTDOWN_MS)
        idle.start()
        _wait_for(lambda: idle.promptVisible, "the idle prompt")

    def name(index: int) -> str:
        p = pages[index]
        return f"panel {p.era.id}/{p.panel.id}" if p.panel else f"opening {p.era.id}"

    return [
        ("welcome", lambda: None),
        (f"opening {pages[0].era.id}", nav.enter),
        *[(name(i), page(i)) for i in chosen],
        (f"image viewer ({name(several)})", lambda: (nav.goToPage(several), nav.openImage(0))),
        ("idle prompt", lambda: (nav.closeImage(), prompt())),
    ]


@pytest.fixture(scope="module")
def tour(qapp: Any, _fonts: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tour]:
    with pytest.MonkeyPatch.context() as env:
        home = tmp_path_factory.mktemp("home")
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            env.setenv(name, str(home / name.lower()))
        yield _take_tour()


def _take_tour() -> Tour:
    loaded = load_exhibit(bundled_exhibit())
    assert loaded.exhibit is not None, [str(d) for d in loaded.diagnostics]
    exhibit = loaded.exhibit
    view = create_view(exhibit, size=SIZE)
    view.nav.animate = False
    view.idle.stop()
    window = view.window
    window.show()
    result = Tour([], view.metrics.body)
    try:
        for language in exhibit.languages:
            view.nav.reset(reason="tour")
            view.nav.setLanguage(language)
            for screen, show in _screens(view, language):
                show()
                if not wait_until_settled(window, view.engine):
                    result.unsettled.append(f"{screen} [{language}]")
                result.shots.append(Shot(screen, language, opaque(window.grabWindow()),
                                         survey(window, view.engine)))
            view.idle.stop()
            view.idle.set_timing(int(exhibit.idle.timeout * 1000),
                                 int(exhibit.idle.countdown * 1000))
    finally:
        result.warnings = list(view.warnings)
        view.dispose()
    return result


def _is_body(text: SceneText, body: float) -> bool:
    return text.pixel_size >= BODY_SHARE * body and not text.in_control


def _quote(text: str, name: str) -> str:
    short = " ".join(text.split())
    short = short if len(short) <= 40 else short[:39] + "…"
    return f"{name} {short!r}" if name else repr(short)


def test_every_screen_was_measured_at_rest(tour: Tour) -> None:
    assert tour.shots, "no screen was grabbed"
    assert not tour.unsettled, f"screens still changing when grabbed: {tour.unsettled}"
    assert not tour.warnings, "QML reported problems:\n" + "\n".join(tour.warnings)


def _grouped(found: dict[str, list[str]]) -> list[str]:
    """One line a finding, naming every screen it was seen on."""
    return [f"{finding}; on {', '.join(where)}" for finding, where in found.items()]


def test_every_text_stands_out_from_what_is_behind_it(tour: Tour) -> None:
    offenders: dict[str, list[str]] = {}
    inactive: dict[str, list[str]] = {}
    for shot in tour.shots:
        measured = [t for t in shot.scene.texts if not t.over_picture]
        assert measured, f"no text found on the {shot.where} screen"
        for text in measured:
            # Line by line: a fade over the last lines is words a visitor can't read.
            contrast = min((text_contrast(shot.image, line) for line in text.lines()),
                           key=lambda c: c.ratio)
            body = _is_body(text, tour.body)
            needed = BODY_MIN if body else TEXT_MIN
            finding = (f"{_quote(text.text, text.name)} {contrast.describe()}, needs {needed}:1"
                       + (f" (body text, {text.pixel_size} px)" if body else ""))
            if not text.enabled:
                if contrast.ratio < TEXT_MIN:
                    inactive.setdefault(finding, []).append(shot.where)
            elif contrast.ratio < needed:
                offenders.setdefault(finding, []).append(shot.where)
    if offenders:
        pytest.fail(f"{len(offenders)} texts with too little contrast:\n"
                    + "\n".join(_grouped(offenders))
                    + ("\nfor information, on inactive controls (exempt):\n"
                       + "\n".join(_grouped(inactive)) if inactive else ""), pytrace=False)


def test_every_control_edge_stands_out_from_its_surroundings(tour: Tour) -> None:
    bare = [shot.where for shot in tour.shots if not shot.scene.controls]
    offenders: dict[str, list[str]] = {}
    inactive: dict[str, list[str]] = {}
    for shot in tour.shots:
        for control in shot.scene.controls:
            contrast = edge_contrast(shot.image, control.rect, control.radius,
                                     control.text_rects)
            if contrast is None or contrast.ratio >= EDGE_MIN:
                continue  # wholly off screen, or clear
            finding = (f"{_quote(control.label, control.name) or 'unnamed control'} "
                       f"edge {contrast.describe()}, needs {EDGE_MIN}:1")
            (offenders if control.enabled else inactive).setdefault(finding, []).append(
                shot.where)
    problems = [f"no controls found on the {where} screen (tappable items carry "
                "`property bool control: true`)" for where in bare] + _grouped(offenders)
    if problems:
        pytest.fail(f"{len(problems)} problems with controls' edges:\n" + "\n".join(problems)
                    + ("\nfor information, disabled controls (exempt):\n"
                       + "\n".join(_grouped(inactive)) if inactive else ""), pytrace=False)
