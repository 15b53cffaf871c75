"""A visitor walks away mid-visit; the next one finds the welcome screen.

The idle monitor watches real input with real timers, so these tests use short timings
and wait for its signals; the quiet spells are the test's own idle event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QPoint, QTimer

if TYPE_CHECKING:
    from gui.conftest import Kiosk

TIMEOUT_MS = 300
COUNTDOWN_MS = 300
WAIT = 5000  # generous: the spells are short, but the machine may be busy


def visiting(kiosk: Kiosk, page: int = 1, timeout_ms: int = TIMEOUT_MS) -> Kiosk:
    kiosk.enter()
    kiosk.nav.goToPage(page)
    kiosk.idle.set_timing(timeout_ms, COUNTDOWN_MS)
    return kiosk


def prompt_shown(kiosk: Kiosk) -> bool:
    return kiosk.idle.promptVisible and kiosk.is_shown("idlePrompt")


def test_the_prompt_is_off_on_the_welcome_screen(kiosk_window: Kiosk) -> None:
    assert kiosk_window.idle.property("enabled") is False
    kiosk_window.enter()
    assert kiosk_window.idle.property("enabled") is True


def test_after_a_quiet_spell_the_kiosk_asks_if_anyone_is_there(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.wait(lambda: prompt_shown(kiosk), WAIT)
    assert kiosk.item("stillThereText").property("text") == "Are you still there?"
    assert kiosk.item("countdownText").property("text") == "Starting over in 1 s"
    assert "idle_prompt" in kiosk.event_names()


def test_a_touch_dismisses_the_prompt_and_changes_nothing_else(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.wait(lambda: prompt_shown(kiosk), WAIT)
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
    kiosk.wait(lambda: prompt_shown(kiosk), WAIT)
    before = kiosk.nav.snapshot()

    kiosk.tap("panelImage")

    kiosk.wait(lambda: not kiosk.idle.promptVisible)
    assert kiosk.nav.snapshot() == before


def test_keep_exploring_dismisses_the_prompt(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window)
    kiosk.wait(lambda: prompt_shown(kiosk), WAIT)
    kiosk.tap("keepExploringButton")
    kiosk.wait(lambda: not kiosk.idle.promptVisible)
    assert kiosk.nav.screen == "exhibit" and kiosk.nav.pageIndex == 1


def test_with_no_answer_the_kiosk_starts_over(make_kiosk) -> None:
    kiosk = visiting(make_kiosk(), page=5)
    kiosk.nav.toggleLanguage()
    kiosk.nav.openImage(0)
    kiosk.nav.setZoom(3.0)

    kiosk.wait(lambda: kiosk.nav.screen == "welcome", WAIT)

    assert kiosk.is_shown("welcomeScreen")
    assert not kiosk.item("idlePrompt").isVisible()
    assert not kiosk.item("imageViewer").isVisible()
    fresh = make_kiosk()
    assert kiosk.nav.snapshot() == fresh.nav.snapshot()
    names = kiosk.event_names()
    assert names[names.index("idle_prompt"):] == ["idle_prompt", "idle_reset", "session_end",
                                                  "attract_shown"]
    assert kiosk.events_named("session_end")[0]["reason"] == "idle"


def test_the_next_visitor_after_a_reset_starts_at_the_beginning(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, page=7)
    kiosk.wait(lambda: kiosk.nav.screen == "welcome", WAIT)
    kiosk.tap("welcomeScreen")
    kiosk.wait(lambda: kiosk.nav.screen == "exhibit")
    assert kiosk.nav.pageIndex == 0
    assert kiosk.item("eraTitle").property("text") == "First Era"


def keep_touching(kiosk: Kiosk, step: Callable[[int], None], ticks: int,
                  interval_ms: int = 40) -> QTimer:
    """Input from a timer, as a visitor's fingers would send it while the test waits."""
    done = {"ticks": 0}
    timer = QTimer(kiosk.window)
    timer.setInterval(interval_ms)

    def tick() -> None:
        done["ticks"] += 1
        step(done["ticks"])
        if done["ticks"] >= ticks:
            timer.stop()

    timer.timeout.connect(tick)
    timer.start()
    kiosk.wait(lambda: done["ticks"] >= ticks, WAIT * 2)
    return timer


def test_a_long_pinch_keeps_the_kiosk_awake(kiosk_window: Kiosk) -> None:
    # 40 ms between moves against a 600 ms quiet spell: a margin for a busy machine.
    kiosk = visiting(kiosk_window, timeout_ms=600)
    kiosk.nav.openImage(0)
    prompts: list[bool] = []
    kiosk.idle.promptShown.connect(lambda: prompts.append(True))
    centre = kiosk.centre("imageViewer")
    sequence = kiosk._touch()
    sequence.press(0, centre - QPoint(100, 0)).press(1, centre + QPoint(100, 0)).commit()

    def spread(tick: int) -> None:
        gap = 100 + (tick % 10) * 10
        sequence.move(0, centre - QPoint(gap, 0)).move(1, centre + QPoint(gap, 0)).commit()

    keep_touching(kiosk, spread, ticks=45)  # about three quiet spells long

    assert prompts == []
    assert kiosk.nav.zoom > 1  # it really was a pinch
    sequence.release(0, centre).release(1, centre + QPoint(10, 0)).commit()
    kiosk.wait(lambda: prompts == [True], WAIT)  # and the monitor was live all along


def test_panning_in_the_viewer_keeps_the_kiosk_awake(kiosk_window: Kiosk) -> None:
    kiosk = visiting(kiosk_window, timeout_ms=600)
    kiosk.nav.openImage(0)
    kiosk.nav.setZoom(3.0)
    prompts: list[bool] = []
    kiosk.idle.promptShown.connect(lambda: prompts.append(True))
    centre = kiosk.centre("imageViewer")
    sequence = kiosk._touch()
    sequence.press(0, centre).commit()

    def wander(tick: int) -> None:
        sequence.move(0, centre + QPoint((tick % 20) * 15, (tick % 7) * 10)).commit()

    keep_touching(kiosk, wander, ticks=45)

    assert prompts == []
    sequence.release(0, centre).commit()
    kiosk.wait(lambda: prompts == [True], WAIT)
    assert kiosk.nav.viewerOpen  # the prompt sits over the viewer, which stays
