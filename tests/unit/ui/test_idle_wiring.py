"""The idle monitor watches a whole visit, the closing screen included, and resets it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.exhibit.load import load_exhibit
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.navigation import Navigator, Screen
from kiosk.ui.window import wire_idle
from tests.helpers.sample_exhibit import write_sample_exhibit


@pytest.fixture
def events() -> list[tuple[str, dict[str, Any]]]:
    return []


@pytest.fixture
def wired(qapp: Any, tmp_path: Path, events: list[tuple[str, dict[str, Any]]]
          ) -> Iterator[tuple[Navigator, IdleMonitor]]:
    exhibit = load_exhibit(write_sample_exhibit(tmp_path)).exhibit
    assert exhibit is not None

    def log(name: str, **fields: Any) -> None:
        events.append((name, fields))

    nav, idle = Navigator(exhibit, log), IdleMonitor()
    wire_idle(nav, idle, log)
    yield nav, idle
    idle.stop()


def test_the_welcome_screen_has_nothing_to_reset(wired: tuple[Navigator, IdleMonitor]) -> None:
    nav, idle = wired
    assert nav.screen == Screen.Welcome and not idle.enabled


def test_the_idle_monitor_watches_the_exhibit_and_the_closing_screen(
        wired: tuple[Navigator, IdleMonitor]) -> None:
    nav, idle = wired
    nav.enter()
    assert idle.enabled
    nav.goToPage(nav.pageCount - 1)
    nav.next()
    assert nav.screen == Screen.Closing and idle.enabled
    nav.startAgain()
    assert not idle.enabled


def test_walking_away_from_the_closing_screen_resets_to_the_default_language(
        wired: tuple[Navigator, IdleMonitor],
        events: list[tuple[str, dict[str, Any]]]) -> None:
    nav, idle = wired
    nav.chooseLanguage("ru")
    nav.goToPage(nav.pageCount - 1)
    nav.next()
    events.clear()

    idle.resetRequested.emit()  # the countdown ran out

    assert (nav.screen, nav.language) == (Screen.Welcome, "en") and not idle.enabled
    assert [name for name, _ in events] == ["idle_reset", "session_end", "attract_shown"]
    assert events[1][1]["reason"] == "idle"
