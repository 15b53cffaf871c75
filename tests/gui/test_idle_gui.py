"""A visitor walks away mid-visit; the next one finds the welcome screen.

The idle monitor watches real input; its time is fake (`kiosk.idle_time`), so the
exhibit's own 90-second timeout and 15-second countdown pass when a test says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QCoreApplication, QPoint

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk

TIMEOUT_S = 90  # the sample exhibit's idle settings
COUNTDOWN_S = 15
# For the fingers kept moving over three quiet spells: a move every 40 ms for 6 s, not
# for 270 s.
SHORT_SPELL_S = 2.0


def visiting(kiosk: Kiosk, page: int = 1) -> Kiosk:
    kiosk.enter()
    kiosk.nav.goToPage(page)
    return kiosk


def quiet(kiosk: Kiosk, seconds: float) -> Kiosk:
    kiosk.idle_time.advance(seconds)
    return kiosk


def prompt_shown(kiosk: Kiosk) -> bool:
    return kiosk.idle.promptVisible and kiosk.is_shown("idlePrompt")


def test_the_prompt_is_off_on_the_welcome_screen(kiosk_window: Kiosk) -> None:
    assert kiosk_window.idle.property("enabled") is False
    kiosk_window.enter()
    assert kiosk_window.idle.property("enabled") is True


def test_after_a_quiet_spell_the_kiosk_asks_if_anyone_is_there(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    quiet(kiosk, TIMEOUT_S - 0.001)
    assert not kiosk.idle.promptVisible
    quiet(kiosk, 0.001)
    kiosk.wait(lambda: prompt_shown(kiosk))
    assert kiosk.item("stillThereText").property("text") == "Are you still there?"
    assert kiosk.item("countdownText").property("text") == "Starting over in 15 s"
    quiet(kiosk, 5)
    kiosk.wait(lambda: kiosk.item("countdownText").property("text") == "Starting over in 10 s")
    assert "idle_prompt" in kiosk.event_names()


def test_a_touch_dismisses_the_prompt_and_changes_nothing_else(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    quiet(kiosk, TIMEOUT_S)
    kiosk.wait(lambda: prompt_shown(kiosk))
    before = kiosk.nav.snapshot()

    kiosk.tap("panelTitle")  # plain text beneath the prompt's shade

    kiosk.wait(lambda: not kiosk.idle.promptVisible)
    assert not kiosk.item("idlePrompt").isVisible()
    assert kiosk.nav.snapshot() == before
    assert kiosk.event_names()[-2:] == ["idle_prompt", "idle_dismissed"]


@pytest.mark.parametrize("animate", [False, True], ids=["still", "animated"])
def test_the_touch_that_dismisses_the_prompt_goes_no_further(make_kiosk,
                                                               animate: bool) -> None:
    kiosk = visiting(make_kiosk(animate=animate))
    quiet(kiosk, TIMEOUT_S)
    kiosk.wait(lambda: prompt_shown(kiosk))
    before = kiosk.nav.snapshot()

    kiosk.tap("panelImage")

    kiosk.wait(lambda: not kiosk.idle.promptVisible)
    assert kiosk.nav.snapshot() == before


def test_keep_exploring_dismisses_the_prompt(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    quiet(kiosk, TIMEOUT_S)
    kiosk.wait(lambda: prompt_shown(kiosk))
    kiosk.tap("keepExploringButton")
    kiosk.wait(lambda: not kiosk.idle.promptVisible)
    assert kiosk.nav.screen == Screen.Exhibit and kiosk.nav.pageIndex == 1


def test_with_no_answer_the_kiosk_starts_over(make_kiosk) -> None:
    kiosk = visiting(make_kiosk(), page=5)
    kiosk.nav.toggleLanguage()
    kiosk.nav.openImage(0)
    kiosk.nav.setZoom(3.0)

    quiet(quiet(kiosk, TIMEOUT_S), COUNTDOWN_S - 0.001)
    assert kiosk.nav.screen == Screen.Exhibit
    quiet(kiosk, 0.001)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)

    assert kiosk.is_shown("welcomeScreen")
    assert not kiosk.item("idlePrompt").isVisible()
    assert not kiosk.item("imageViewer").isVisible()
    fresh = make_kiosk()
    assert kiosk.nav.snapshot() == fresh.nav.snapshot()
    names = kiosk.event_names()
    assert names[names.index("idle_prompt"):] == ["idle_prompt", "idle_reset", "session_end",
                                                  "attract_shown"]
    ended = kiosk.events_named("session_end")[0]
    assert ended["reason"] == "idle"
    # The last touch was idle timeout and countdown before.
    assert (ended["idle_timeout"], ended["idle_countdown"]) == (TIMEOUT_S, COUNTDOWN_S)


def test_the_next_visitor_after_a_reset_starts_at_the_beginning(kiosk_window: Kiosk) -> None:
    kiosk = quiet(quiet(visiting(kiosk_window, page=7), TIMEOUT_S), COUNTDOWN_S)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    kiosk.tap("welcomeScreen")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.nav.pageIndex == 0
    assert kiosk.item("eraTitle").property("text") == "First Era"


def test_the_prompt_asks_in_the_visitors_language_and_the_reset_brings_back_the_first(
        kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.tap("languageButton")
    kiosk.wait(lambda: kiosk.item("homeButton").property("text") == "В начало")
    quiet(kiosk, TIMEOUT_S)
    kiosk.wait(lambda: prompt_shown(kiosk))
    assert kiosk.item("stillThereText").property("text") == "Вы ещё здесь?"
    assert kiosk.item("countdownText").property("text") == "Возврат к началу через 15 с"
    assert kiosk.item("keepExploringButton").property("text") == "Продолжить"

    quiet(kiosk, COUNTDOWN_S)
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    kiosk.tap("welcomeScreen")

    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    assert kiosk.item("homeButton").property("text") == "Home"
    assert kiosk.item("nextButton").property("text") == "Next"


def keep_touching(kiosk: Kiosk, step: Callable[[int], None], seconds: float,
                  interval_s: float = 0.04) -> None:
    """A visitor's fingers moving for ``seconds``, a step every ``interval_s``."""
    for tick in range(1, round(seconds / interval_s) + 1):
        step(tick)
        QCoreApplication.processEvents()  # what the window does with each move, before the next
        quiet(kiosk, interval_s)


def test_a_long_pinch_keeps_the_kiosk_awake(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.idle.set_timing(int(SHORT_SPELL_S * 1000), COUNTDOWN_S * 1000)
    kiosk.nav.openImage(0)
    kiosk.wait(lambda: kiosk.is_shown("imageViewer")
               and kiosk.qml(kiosk.item("viewerImage"), "status === Image.Ready"))
    prompts: list[bool] = []
    kiosk.idle.promptShown.connect(lambda: prompts.append(True))
    centre = kiosk.centre("imageViewer")
    sequence = kiosk._touch()
    sequence.press(0, centre - QPoint(100, 0)).press(1, centre + QPoint(100, 0)).commit()

    def spread(tick: int) -> None:
        gap = 100 + min(tick, 10) * 10 + tick % 2 * 4  # apart, then a hand's tremor
        sequence.move(0, centre - QPoint(gap, 0)).move(1, centre + QPoint(gap, 0)).commit()

    keep_touching(kiosk, spread, seconds=3 * SHORT_SPELL_S)

    assert prompts == []
    kiosk.wait(lambda: kiosk.nav.zoom > 1)  # it really was a pinch
    sequence.release(0, centre).release(1, centre + QPoint(10, 0)).commit()
    quiet(kiosk, SHORT_SPELL_S)
    assert prompts == [True]  # the monitor was live all along


def test_panning_in_the_viewer_keeps_the_kiosk_awake(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.idle.set_timing(int(SHORT_SPELL_S * 1000), COUNTDOWN_S * 1000)
    kiosk.nav.openImage(0)
    kiosk.nav.setZoom(3.0)
    prompts: list[bool] = []
    kiosk.idle.promptShown.connect(lambda: prompts.append(True))
    centre = kiosk.centre("imageViewer")
    sequence = kiosk._touch()
    sequence.press(0, centre).commit()

    def wander(tick: int) -> None:
        sequence.move(0, centre + QPoint((tick % 20) * 15, (tick % 7) * 10)).commit()

    keep_touching(kiosk, wander, seconds=3 * SHORT_SPELL_S)

    assert prompts == []
    sequence.release(0, centre).commit()
    quiet(kiosk, SHORT_SPELL_S)
    assert prompts == [True]
    assert kiosk.nav.viewerOpen  # the prompt sits over the viewer, which stays
