"""Outside opening hours the kiosk shows its closed screen: dark, the exhibit's title and
when it opens next. A touch lights it for a minute and enters nothing; at opening the
welcome screen is back; a visit under way at closing time ends there.

Time is a fake clock (`kiosk.hours_time`): advancing it fires the kiosk's own timer."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QObject, QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.site.load import load_site
from kiosk.site.schedule import Schedule
from kiosk.staff.pin import PinStore
from kiosk.ui.hours import AWAKE_S
from kiosk.ui.navigation import Screen
from kiosk.ui.window import create_view
from tests.gui.conftest import Kiosk

BERLIN = ZoneInfo("Europe/Berlin")
# Closed on Mondays, a lunch break on Thursdays that ends five minutes after it starts.
SITE = """\
version: 1
timezone: Europe/Berlin
hours:
  mon: closed
  tue: "10:00-18:00"
  wed: "10:00-18:00"
  thu: ["10:00-13:00", "13:05-21:00"]
  fri: "10:00-18:00"
  sat: "10:00-18:00"
  sun: "11:00-17:00"
"""

MakeKiosk = Callable[..., Kiosk]


def berlin(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=BERLIN)


def schedule(tmp_path: Path, extra: str = "") -> Schedule:
    path = tmp_path / "site.yaml"
    path.write_text(SITE + textwrap.dedent(extra), encoding="utf-8")
    result = load_site(path, hostname="test-kiosk")
    assert result.site is not None, [str(e) for e in result.errors]
    return Schedule(result.site)


def closed_text(kiosk: Kiosk) -> str:
    return kiosk.item("closedText").property("text")


@pytest.mark.parametrize(("at", "language", "text"), [
    (berlin(6, 2, 21), "en", "Closed · opens tomorrow at 10:00"),  # a Tuesday night
    (berlin(6, 2, 21), "ru", "Закрыто · откроется завтра в 10:00"),
    (berlin(6, 3, 7, 30), "en", "Closed · opens today at 10:00"),  # a Wednesday morning
    (berlin(6, 7, 19), "en", "Closed · opens on Tuesday at 10:00"),  # Sunday: Monday is shut
    (berlin(6, 7, 19), "ru", "Закрыто · откроется во вторник в 10:00"),
])
def test_at_night_the_closed_screen_says_when_it_opens_in_the_visitors_language(
        make_kiosk: MakeKiosk, tmp_path: Path, at: datetime, language: str,
        text: str) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=at)
    kiosk.nav.setLanguage(language)

    kiosk.wait(lambda: kiosk.is_shown("closedScreen") and closed_text(kiosk) == text)
    assert not kiosk.view.hours.open
    assert kiosk.item("closedTitle").property("text") == kiosk.nav.title


@pytest.mark.parametrize(("language", "text"), [
    ("en", "Closed · opens on 1 July at 10:00"),
    ("ru", "Закрыто · откроется 1 июля в 10:00"),  # the month as a date names it
])
def test_after_a_long_closure_the_date_it_opens_is_named(
        make_kiosk: MakeKiosk, tmp_path: Path, language: str, text: str) -> None:
    closure = """\
    closures:
      - from: 2026-06-01
        to: 2026-06-30
    """
    kiosk = make_kiosk(schedule=schedule(tmp_path, closure), now=berlin(6, 10, 12))
    kiosk.nav.setLanguage(language)
    kiosk.wait(lambda: closed_text(kiosk) == text)


def test_the_closed_screen_is_dark(make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))
    kiosk.wait(lambda: kiosk.is_shown("closedScreen"))
    image = kiosk.grab()
    lightness = [image.pixelColor(x, y).lightness()
                 for x in range(0, image.width(), 40) for y in range(0, image.height(), 40)]
    assert sum(lightness) / len(lightness) < 8  # nearly black, words and all
    assert max(lightness) < 140  # dimmed: no full-white pixel anywhere


def test_a_touch_while_closed_lights_the_screen_for_a_minute_and_enters_nothing(
        make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))
    hours = kiosk.view.hours
    kiosk.wait(lambda: kiosk.is_shown("closedScreen"))
    words = kiosk.item("closedWords")
    dim = words.opacity()

    kiosk.tap("closedScreen")
    kiosk.tap(kiosk.centre("chooseLanguage-ru"))  # where the welcome screen's button lies
    kiosk.key(Qt.Key.Key_Return)

    assert hours.awake
    kiosk.wait(lambda: words.opacity() > dim)
    assert kiosk.nav.screen == Screen.Welcome
    assert kiosk.nav.language == "en"
    assert "session_start" not in kiosk.event_names()
    assert "era_opened" not in kiosk.event_names()

    kiosk.hours_time.advance(AWAKE_S - 1)
    assert hours.awake  # a minute from the last touch
    kiosk.hours_time.advance(1)
    assert not hours.awake
    kiosk.wait(lambda: words.opacity() == dim)


def test_staff_reach_their_menu_through_the_closed_screen(
        make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    PinStore().set_pin("1357")
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 21))
    kiosk.wait(lambda: kiosk.is_shown("closedScreen"))
    staff = kiosk.view.staff
    staff.cornerHeld()  # the long hold in the top-left corner takes seconds of real time

    corner = QPoint(kiosk.window.width() - 5, kiosk.window.height() - 5)
    kiosk.tap(corner)

    kiosk.wait(lambda: staff.padOpen and kiosk.is_shown("pinPad"))
    for key in ("1", "3", "5", "7", "OK"):
        kiosk.tap(f"pinKey-{key}")
    kiosk.wait(lambda: staff.menuOpen and kiosk.is_shown("staffMenu"))
    assert kiosk.nav.screen == Screen.Welcome


def test_at_opening_the_welcome_screen_shows_and_a_tap_enters(
        make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 3, 9, 59))
    kiosk.wait(lambda: kiosk.is_shown("closedScreen"))

    kiosk.hours_time.advance(59.999)
    assert not kiosk.view.hours.open
    kiosk.hours_time.advance(0.001)

    assert kiosk.view.hours.open
    assert kiosk.event_names()[-1] == "opened"
    kiosk.wait(lambda: not kiosk.items("closedScreen") and kiosk.is_shown("welcomeScreen"))
    kiosk.enter()


def test_a_visit_under_way_at_closing_time_ends_on_the_closed_screen(
        make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    kiosk = make_kiosk(schedule=schedule(tmp_path), now=berlin(6, 2, 17, 55))
    kiosk.tap("chooseLanguage-ru")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    kiosk.clock.advance(300)  # the navigator's clock: how long the visit lasted

    kiosk.hours_time.advance(300)

    assert kiosk.nav.screen == Screen.Welcome
    kiosk.wait(lambda: kiosk.is_shown("closedScreen"))
    ended = kiosk.events_named("session_end")
    assert len(ended) == 1 and ended[0]["reason"] == "closed" and ended[0]["seconds"] == 300
    names = kiosk.event_names()
    assert names.index("session_end") < names.index("closed")
    # The next visitor comes tomorrow: the closed screen and the welcome in the first language.
    assert kiosk.nav.language == "en"
    assert closed_text(kiosk) == "Closed · opens tomorrow at 10:00"
    kiosk.tap("closedScreen")
    assert kiosk.nav.screen == Screen.Welcome


def test_after_each_change_the_timer_is_armed_for_the_next_one(
        make_kiosk: MakeKiosk, tmp_path: Path) -> None:
    hours_of = schedule(tmp_path)
    kiosk = make_kiosk(schedule=hours_of, now=berlin(6, 4, 12, 58))  # a Thursday
    hours = kiosk.view.hours

    assert hours.wait_ms == 120_000  # to the lunch break at 13:00
    kiosk.hours_time.advance(120)
    assert not hours.open
    change = hours_of.next_change(berlin(6, 4, 13))
    assert change is not None and change.what == "opens"
    assert hours.wait_ms == change.seconds_after(berlin(6, 4, 13)) * 1000 == 300_000

    kiosk.hours_time.advance(300)
    assert hours.open
    assert [name for name in kiosk.event_names() if name in ("closed", "opened")] == \
        ["closed", "opened"]


def test_without_opening_hours_the_kiosk_is_always_open(kiosk_window: Kiosk) -> None:
    assert kiosk_window.view.hours.open
    assert kiosk_window.view.hours.wait_ms is None  # nothing to wait for
    assert not kiosk_window.items("closedScreen")
    kiosk_window.enter()


def test_a_kiosk_started_at_night_shows_the_closed_screen_in_its_first_frame(
        qtbot: QtBot, tmp_path: Path, sample_exhibit_file: Path) -> None:
    exhibit = load_exhibit(sample_exhibit_file).exhibit
    assert exhibit is not None
    # As the kiosk starts (after its daily restart at night): only the first screen built.
    view = create_view(exhibit, size=(1280, 800), defer_screens=True,
                       schedule=schedule(tmp_path), hours_clock=lambda: berlin(6, 2, 3))
    try:
        assert view.find("closedScreen") is not None
        assert view.window.findChild(QObject, "pager") is None
        view.nav.enter()
        assert view.nav.screen == Screen.Welcome
    finally:
        assert view.warnings == []
        view.dispose()
