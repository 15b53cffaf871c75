"""The visitor's state without any window: where they are, what is open, what is logged."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit
from kiosk.ui.navigation import DOUBLE_TAP_ZOOM, MAX_ZOOM, Navigator, Screen
from tests.helpers.sample_exhibit import write_sample_exhibit

# What every session_end says of the exhibit's idle settings (the sample's).
IDLE = {"idle_timeout": 90.0, "idle_countdown": 15.0}

LAST_PAGE = 8


class Log:
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, name: str, **fields: Any) -> None:
        self.events.append((name, fields))

    def named(self, name: str) -> list[dict[str, Any]]:
        return [fields for event, fields in self.events if event == name]


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def exhibit(tmp_path: Path) -> Exhibit:
    result = load_exhibit(write_sample_exhibit(tmp_path))
    assert result.exhibit is not None
    return result.exhibit


@pytest.fixture
def log() -> Log:
    return Log()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def nav(qapp: Any, exhibit: Exhibit, log: Log, clock: Clock) -> Navigator:
    return Navigator(exhibit, log, clock=clock)


def without_panel(exhibit: Exhibit, era_id: str, panel_id: str) -> Exhibit:
    eras = tuple(replace(era, panels=tuple(p for p in era.panels if p.id != panel_id))
                 if era.id == era_id else era for era in exhibit.eras)
    return replace(exhibit, eras=eras)


def without_era(exhibit: Exhibit, era_id: str) -> Exhibit:
    return replace(exhibit, eras=tuple(e for e in exhibit.eras if e.id != era_id))


# --- moving around -------------------------------------------------------------------------

def test_a_fresh_navigator_waits_on_the_welcome_screen(nav: Navigator, log: Log) -> None:
    assert (nav.screen, nav.pageIndex, nav.language, nav.viewerOpen, nav.zoom) == (
        Screen.Welcome, 0, "en", False, 1.0)
    assert nav.pageCount == 9
    assert log.events == []


def test_entering_opens_the_first_era(nav: Navigator, log: Log, qtbot: Any) -> None:
    with qtbot.waitSignal(nav.screenChanged):
        nav.enter()
    assert nav.screen == Screen.Exhibit and nav.pageIndex == 0
    assert log.events == [("era_opened", {"era": "first"})]
    nav.enter()  # a second touch changes nothing
    assert len(log.events) == 1


def test_previous_on_the_first_page_stays_there(nav: Navigator, qtbot: Any) -> None:
    nav.enter()
    with qtbot.assertNotEmitted(nav.pageChanged):
        nav.previous()
    assert nav.pageIndex == 0 and nav.screen == Screen.Exhibit


def test_next_walks_every_page_in_order(nav: Navigator) -> None:
    nav.enter()
    pages = [nav.pageIndex]
    while not nav.atLastPage:
        nav.next()
        pages.append(nav.pageIndex)
    assert pages == list(range(LAST_PAGE + 1))
    nav.previous()
    assert nav.pageIndex == LAST_PAGE - 1 and not nav.atLastPage


def test_go_to_page_clamps(nav: Navigator) -> None:
    nav.enter()
    nav.goToPage(100)
    assert nav.pageIndex == LAST_PAGE
    nav.goToPage(-4)
    assert nav.pageIndex == 0


def test_era_position_counts_the_opening_as_the_first_page(nav: Navigator) -> None:
    nav.enter()
    positions = []
    for page in range(LAST_PAGE + 1):
        nav.goToPage(page)
        positions.append((nav.eraIndex, nav.panelIndex, nav.eraPosition, nav.eraPageCount))
    assert positions[:4] == [(0, -1, 1, 3), (0, 0, 2, 3), (0, 1, 3, 3), (1, -1, 1, 3)]
    assert positions[-1] == (2, 1, 3, 3)


def test_open_era_goes_to_its_opening(nav: Navigator, log: Log) -> None:
    nav.enter()
    nav.goToPage(7)
    log.events.clear()
    nav.openEra(1)
    assert nav.pageIndex == 3 and nav.eraIndex == 1
    assert log.events == [("era_opened", {"era": "second"})]
    nav.openEra(3)
    nav.openEra(-1)
    assert nav.pageIndex == 3


def test_open_era_from_the_welcome_screen_starts_the_visit(nav: Navigator) -> None:
    nav.openEra(2)
    assert nav.screen == Screen.Exhibit and nav.pageIndex == 6


@pytest.mark.parametrize("dx, velocity, page", [
    (-400, 0, 2), (400, 0, 0), (-40, -5000, 1), (-100, -2000, 2), (-2000, 0, 2),
])
def test_end_swipe_turns_at_most_one_page(nav: Navigator, dx: float, velocity: float,
                                          page: int) -> None:
    nav.enter()
    nav.goToPage(1)
    nav.endSwipe(dx, velocity, 1000)
    assert nav.pageIndex == page


# --- the image viewer --------------------------------------------------------------------------

def test_the_viewer_opens_on_a_panel_only(nav: Navigator, log: Log) -> None:
    nav.enter()
    nav.openImage(0)  # an era's opening has no viewer
    assert not nav.viewerOpen
    nav.goToPage(2)
    nav.openImage(5)
    assert not nav.viewerOpen
    log.events.clear()
    nav.openImage(1)
    assert nav.viewerOpen and nav.viewerIndex == 1 and nav.viewerCount == 2
    assert nav.viewerImage["caption"] == "Green caption."
    assert nav.viewerImage["alt"] == "A green field"
    assert log.events == [("image_opened", {"era": "first", "panel": "two",
                                            "image": "assets/img2.png", "index": 1})]


def test_moving_to_the_second_picture_in_the_viewer_logs_image_opened_with_index_1(
        nav: Navigator, log: Log) -> None:
    nav.enter()
    nav.goToPage(2)
    nav.openImage(0)
    nav.showImage(1)
    nav.showImage(1)  # already there: nothing new to log
    assert log.named("image_opened") == [
        {"era": "first", "panel": "two", "image": "assets/img1.png", "index": 0},
        {"era": "first", "panel": "two", "image": "assets/img2.png", "index": 1},
    ]


def test_swiping_back_in_the_viewer_logs_the_picture_it_reaches(nav: Navigator,
                                                                log: Log) -> None:
    nav.enter()
    nav.goToPage(2)
    nav.openImage(1)
    log.events.clear()
    nav.endViewerSwipe(400, 0, 1000)
    assert log.events == [("image_opened", {"era": "first", "panel": "two",
                                            "image": "assets/img1.png", "index": 0})]


def test_zoom_is_bounded_and_resets_with_each_picture(nav: Navigator) -> None:
    nav.enter()
    nav.goToPage(2)
    nav.openImage(0)
    nav.setZoom(100)
    assert nav.zoom == MAX_ZOOM
    nav.setZoom(0.2)
    assert nav.zoom == 1.0
    nav.toggleZoom()
    assert nav.zoom == DOUBLE_TAP_ZOOM
    nav.showImage(1)
    assert nav.zoom == 1.0 and nav.viewerIndex == 1
    nav.toggleZoom()
    nav.toggleZoom()
    assert nav.zoom == 1.0


def test_viewer_swipes_move_between_pictures_only_when_not_zoomed(nav: Navigator) -> None:
    nav.enter()
    nav.goToPage(2)
    nav.openImage(0)
    nav.endViewerSwipe(-400, 0, 1000)
    assert nav.viewerIndex == 1
    nav.endViewerSwipe(-400, 0, 1000)
    assert nav.viewerIndex == 1
    nav.setZoom(2)
    nav.endViewerSwipe(400, 0, 1000)
    assert nav.viewerIndex == 1


def test_turning_the_page_closes_the_viewer(nav: Navigator, log: Log) -> None:
    nav.enter()
    nav.goToPage(1)
    nav.openImage(0)
    nav.setZoom(3)
    nav.next()
    assert not nav.viewerOpen and nav.zoom == 1.0 and nav.viewerIndex == 0
    assert "image_closed" not in [name for name, _ in log.events]
    nav.openImage(0)
    nav.closeImage()
    assert log.events[-1] == ("image_closed", {})


# --- language -------------------------------------------------------------------------------

def test_the_language_toggles_through_the_exhibits_languages(nav: Navigator, log: Log,
                                                              qtbot: Any) -> None:
    assert nav.nextLanguageName == "Русский"
    with qtbot.waitSignal(nav.languageChanged):
        nav.toggleLanguage()
    assert nav.language == "ru" and nav.title == "Образец выставки"
    assert nav.nextLanguageName == "English"
    with qtbot.assertNotEmitted(nav.languageChanged):
        nav.setLanguage("de")  # not one of the exhibit's
        nav.setLanguage("ru")  # already
    assert log.events == [("language_changed", {"lang": "ru"})]


def test_panel_shown_carries_era_panel_and_language(nav: Navigator, log: Log) -> None:
    nav.enter()
    nav.next()
    nav.setLanguage("ru")
    nav.next()
    assert log.named("panel_shown") == [
        {"era": "first", "panel": "one", "lang": "en"},
        {"era": "first", "panel": "two", "lang": "ru"},
    ]


# --- choosing a language on the welcome screen ----------------------------------------------

def test_the_welcome_screen_offers_each_language_named_in_itself(nav: Navigator) -> None:
    assert nav.languageChoices == [{"code": "en", "name": "English"},
                                   {"code": "ru", "name": "Русский"}]


def test_the_invitations_languages_follow_the_current_language(nav: Navigator,
                                                               qtbot: Any) -> None:
    assert nav.attractLanguages == ["en", "ru"]
    assert nav.attractPrompts == ["Touch to explore", "Коснитесь экрана"]
    with qtbot.waitSignal(nav.textsChanged):
        nav.setLanguage("ru")
    assert nav.attractLanguages == ["ru", "en"]
    assert nav.attractPrompts == ["Коснитесь экрана", "Touch to explore"]


def test_choosing_russian_on_the_welcome_screen_enters_in_russian_and_logs_language_chosen(
        nav: Navigator, log: Log, qtbot: Any) -> None:
    with qtbot.waitSignals([nav.languageChanged, nav.screenChanged]):
        nav.chooseLanguage("ru")
    assert (nav.screen, nav.pageIndex, nav.language) == (Screen.Exhibit, 0, "ru")
    assert nav.title == "Образец выставки"
    assert log.events == [("language_chosen", {"lang": "ru"}), ("era_opened", {"era": "first"})]
    nav.next()
    assert log.named("panel_shown") == [{"era": "first", "panel": "one", "lang": "ru"}]


def test_choosing_the_language_already_shown_still_counts_as_a_choice(nav: Navigator,
                                                                       log: Log) -> None:
    nav.chooseLanguage("en")
    assert nav.screen == Screen.Exhibit and nav.language == "en"
    assert log.events == [("language_chosen", {"lang": "en"}), ("era_opened", {"era": "first"})]


def test_a_language_the_exhibit_lacks_is_ignored(nav: Navigator, log: Log, qtbot: Any) -> None:
    with qtbot.assertNotEmitted(nav.screenChanged), qtbot.assertNotEmitted(nav.languageChanged):
        nav.chooseLanguage("de")
    assert nav.screen == Screen.Welcome and nav.language == "en"
    assert log.events == []


def test_a_language_button_tapped_again_once_inside_changes_nothing(nav: Navigator,
                                                                     log: Log) -> None:
    nav.chooseLanguage("ru")
    log.events.clear()
    nav.chooseLanguage("en")  # a second tap landing as the welcome screen fades out
    nav.enterIn("en")
    assert nav.language == "ru" and log.events == []


def test_touching_the_russian_invitation_enters_in_russian_without_a_language_change(
        nav: Navigator, log: Log) -> None:
    nav.enterIn("ru")
    assert (nav.screen, nav.language) == (Screen.Exhibit, "ru")
    assert log.events == [("era_opened", {"era": "first"})]


def test_touching_an_invitation_in_an_unknown_language_just_enters(nav: Navigator,
                                                                   log: Log) -> None:
    nav.enterIn("xx")
    assert (nav.screen, nav.language) == (Screen.Exhibit, "en")
    assert log.events == [("era_opened", {"era": "first"})]


# --- the end of the exhibit -----------------------------------------------------------------

def test_only_the_exhibits_last_page_is_the_last_page(nav: Navigator, qtbot: Any) -> None:
    nav.enter()
    assert not nav.atLastPage
    nav.goToPage(LAST_PAGE - 1)
    assert not nav.atLastPage
    with qtbot.waitSignal(nav.pageChanged):
        nav.next()
    assert nav.atLastPage


def test_next_on_the_last_panel_reaches_the_closing_screen_and_logs_exhibit_finished(
        nav: Navigator, log: Log, qtbot: Any) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE - 1)
    nav.next()
    log.events.clear()
    with qtbot.waitSignal(nav.screenChanged), qtbot.assertNotEmitted(nav.pageChanged):
        nav.next()
    assert nav.screen == Screen.Closing and nav.pageIndex == LAST_PAGE
    assert log.events == [("exhibit_finished", {"panels_seen": 2})]


def test_next_on_the_closing_screen_does_nothing(nav: Navigator, log: Log, qtbot: Any) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE)
    nav.next()
    log.events.clear()
    with qtbot.assertNotEmitted(nav.screenChanged), qtbot.assertNotEmitted(nav.pageChanged):
        nav.next()
        nav.endSwipe(-400, 0, 1000)
    assert nav.screen == Screen.Closing and log.events == []


def test_swiping_on_past_the_last_panel_reaches_the_closing_screen(nav: Navigator,
                                                                  log: Log) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE)
    nav.endSwipe(-400, 0, 1000)
    assert nav.screen == Screen.Closing
    assert log.events[-1] == ("exhibit_finished", {"panels_seen": 1})


def test_a_picture_open_on_the_last_panel_closes_on_the_way_out(nav: Navigator,
                                                               log: Log) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE)
    nav.openImage(0)
    nav.setZoom(3)
    nav.next()
    assert nav.screen == Screen.Closing
    assert not nav.viewerOpen and nav.zoom == 1.0 and nav.viewerImage == {}
    assert "image_closed" not in [name for name, _ in log.events]


@pytest.mark.parametrize("back", [
    lambda nav: nav.previous(),
    lambda nav: nav.endSwipe(400, 0, 1000),
], ids=["previous", "swipe back"])
def test_going_back_from_the_closing_screen_shows_the_last_panel_again(
        nav: Navigator, log: Log, qtbot: Any, back: Callable[[Navigator], None]) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE)
    nav.next()
    log.events.clear()
    with qtbot.waitSignal(nav.screenChanged):
        back(nav)
    assert nav.screen == Screen.Exhibit and nav.pageIndex == LAST_PAGE and nav.atLastPage
    assert log.events == [("panel_shown", {"era": "third", "panel": "six", "lang": "en"})]


def test_an_era_opened_from_the_closing_screen_continues_the_visit_at_its_opening(
        nav: Navigator, log: Log, clock: Clock) -> None:
    nav.enter()
    nav.goToPage(LAST_PAGE)
    nav.next()
    log.events.clear()
    nav.openEra(0)
    assert (nav.screen, nav.pageIndex) == (Screen.Exhibit, 0)
    assert log.events == [("era_opened", {"era": "first"})]
    nav.next()
    clock.now += 30
    nav.goHome()
    assert log.named("session_end") == [{"reason": "home", "seconds": 30.0, "panels_seen": 2,
                                          **IDLE}]


def test_start_again_returns_to_the_welcome_screen(nav: Navigator, log: Log,
                                                   clock: Clock, qtbot: Any) -> None:
    nav.chooseLanguage("ru")
    nav.goToPage(LAST_PAGE)
    nav.next()
    clock.now += 120
    log.events.clear()
    with qtbot.waitSignal(nav.resetDone), qtbot.assertNotEmitted(nav.languageChanged):
        nav.startAgain()
    assert (nav.screen, nav.pageIndex, nav.language) == (Screen.Welcome, 0, "ru")
    assert log.events == [
        ("session_end", {"reason": "start_again", "seconds": 120.0, "panels_seen": 1,
                         **IDLE}),
        ("attract_shown", {}),
    ]


def test_the_idle_reset_ends_a_visit_left_on_the_closing_screen(nav: Navigator,
                                                               log: Log) -> None:
    nav.enterIn("ru")
    nav.goToPage(LAST_PAGE)
    nav.next()
    log.events.clear()
    nav.reset(reason="idle")
    assert (nav.screen, nav.language) == (Screen.Welcome, "en")
    assert [name for name, _ in log.events] == ["session_end", "attract_shown"]


# --- starting over --------------------------------------------------------------------------

def test_the_idle_reset_is_exactly_a_fresh_start(nav: Navigator, exhibit: Exhibit) -> None:
    fresh = Navigator(exhibit).snapshot()
    nav.enter()
    nav.goToPage(5)
    nav.setLanguage("ru")
    nav.openImage(0)
    nav.setZoom(4)
    assert nav.snapshot() != fresh

    nav.reset(reason="idle")

    assert nav.snapshot() == fresh


def test_the_idle_reset_returns_to_the_default_language(nav: Navigator, qtbot: Any) -> None:
    nav.chooseLanguage("ru")
    with qtbot.waitSignal(nav.languageChanged):
        nav.reset(reason="idle")
    assert nav.language == "en" and nav.attractLanguages == ["en", "ru"]


def test_home_keeps_the_chosen_language(nav: Navigator, exhibit: Exhibit, qtbot: Any) -> None:
    nav.chooseLanguage("ru")
    nav.goToPage(5)
    nav.openImage(0)
    with qtbot.assertNotEmitted(nav.languageChanged):
        nav.goHome()
    assert nav.snapshot() == {**Navigator(exhibit).snapshot(), "language": "ru"}
    assert nav.attractLanguages == ["ru", "en"] and nav.title == "Образец выставки"


def test_the_visit_after_home_goes_on_in_the_chosen_language(nav: Navigator, log: Log) -> None:
    nav.enterIn("ru")
    nav.goHome()
    log.events.clear()
    nav.enter()
    nav.next()
    assert nav.language == "ru"
    assert log.named("panel_shown") == [{"era": "first", "panel": "one", "lang": "ru"}]


def test_rendering_each_language_after_a_reset_shows_that_language(nav: Navigator) -> None:
    shown = []
    for language in ("ru", "en", "ru"):
        nav.reset(reason="render")
        nav.setLanguage(language)
        shown.append((nav.screen, nav.language, nav.attractLanguages[0]))
    assert shown == [(Screen.Welcome, "ru", "ru"), (Screen.Welcome, "en", "en"),
                     (Screen.Welcome, "ru", "ru")]


def test_reset_logs_the_session(nav: Navigator, log: Log, clock: Clock) -> None:
    nav.enter()
    nav.next()
    nav.next()
    nav.previous()
    clock.now += 61.26
    log.events.clear()
    nav.reset(reason="idle")
    assert log.events == [
        ("session_end", {"reason": "idle", "seconds": 61.3, "panels_seen": 2,
                         **IDLE}),
        ("attract_shown", {}),
    ]


def test_reset_on_the_welcome_screen_logs_no_session(nav: Navigator, log: Log) -> None:
    nav.goHome()
    assert log.events == [("attract_shown", {})]


# --- a new exhibit while someone is visiting ----------------------------------------------------

def test_a_reload_keeps_the_visitors_place_when_it_still_exists(nav: Navigator,
                                                               exhibit: Exhibit) -> None:
    nav.enter()
    nav.goToPage(5)  # second era, panel "four"
    nav.setLanguage("ru")
    generation = nav.generation

    nav.set_exhibit(without_panel(exhibit, "first", "two"))

    assert nav.current_page.panel is not None and nav.current_page.panel.id == "four"
    assert nav.pageIndex == 4  # one page earlier now
    assert nav.language == "ru" and nav.screen == Screen.Exhibit
    assert nav.generation == generation + 1
    assert nav.pageCount == 8


def test_a_reload_without_the_panel_falls_back_to_its_era(nav: Navigator,
                                                         exhibit: Exhibit) -> None:
    nav.enter()
    nav.goToPage(5)
    nav.openImage(0)
    nav.set_exhibit(without_panel(exhibit, "second", "four"))
    assert nav.pageIndex == 3 and nav.current_page.era.id == "second"
    assert not nav.viewerOpen  # an opening page has no picture to show


def test_a_reload_without_the_era_falls_back_to_the_start(nav: Navigator,
                                                          exhibit: Exhibit) -> None:
    nav.enter()
    nav.goToPage(4)
    nav.set_exhibit(without_era(exhibit, "second"))
    assert nav.pageIndex == 0 and nav.current_page.era.id == "first"


def test_a_reload_without_the_language_falls_back_to_the_default(nav: Navigator,
                                                                exhibit: Exhibit,
                                                                qtbot: Any) -> None:
    nav.setLanguage("ru")
    with qtbot.waitSignal(nav.languageChanged):
        nav.set_exhibit(replace(exhibit, languages=("en",)))
    assert nav.language == "en"
    assert nav.languages == ["en"]


def test_a_reload_keeps_the_open_picture_within_range(nav: Navigator, exhibit: Exhibit) -> None:
    nav.enter()
    nav.goToPage(2)
    nav.openImage(1)
    one_image = replace(exhibit.eras[0].panels[1],
                                    images=exhibit.eras[0].panels[1].images[:1])
    era = replace(exhibit.eras[0], panels=(exhibit.eras[0].panels[0], one_image))
    nav.set_exhibit(replace(exhibit, eras=(era, *exhibit.eras[1:])))
    assert nav.viewerOpen and nav.viewerIndex == 0 and nav.viewerCount == 1


def test_the_eras_chooser_opens_closes_and_takes_the_visitor_to_an_era(
        nav: Navigator, qtbot: Any) -> None:
    nav.enter()
    with qtbot.waitSignal(nav.erasChanged):
        nav.showEras()
    assert nav.erasOpen is True
    nav.openEra(2)  # choosing an era closes the chooser on the way there
    assert nav.erasOpen is False
    assert nav.eraIndex == 2 and nav.panelIndex == -1
    nav.showEras()
    nav.hideEras()
    assert nav.erasOpen is False
    nav.showEras()
    nav.reset(reason="idle")  # the next visitor never finds it open
    assert nav.erasOpen is False
    assert nav.snapshot()["eras_open"] is False


def test_escape_closes_the_innermost_thing_first_then_steps_back(nav: Navigator) -> None:
    key = Qt.Key
    assert nav.pressKey(key.Key_Return) and nav.screen == Screen.Exhibit
    nav.next()
    nav.next()
    nav.openImage(0)
    nav.showEras()
    assert nav.pressKey(key.Key_Escape) and not nav.viewerOpen and nav.erasOpen
    assert nav.pressKey(key.Key_Escape) and not nav.erasOpen and nav.pageIndex == 2
    assert nav.pressKey(key.Key_Escape) and nav.pageIndex == 1


def test_enter_and_space_are_left_to_the_focused_control_once_inside(nav: Navigator) -> None:
    nav.enter()
    assert not nav.pressKey(Qt.Key.Key_Return)
    assert not nav.pressKey(Qt.Key.Key_Space)
    assert not nav.pressKey(Qt.Key.Key_Down)  # focus moves in QML
    assert nav.pressKey(Qt.Key.Key_Right) and nav.pageIndex == 1
    assert nav.pressKey(Qt.Key.Key_Home) and nav.screen == Screen.Welcome
