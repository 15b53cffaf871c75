"""An edit to the site file takes effect in the running kiosk without a restart; an edit
with errors is refused and the kiosk keeps the settings it had.

The kiosk's window is real and its opening hours run on a fake clock (a Tuesday, 21:00 in
Berlin); the site file is followed by the real watcher, on its own thread."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kiosk.live.kioskstate import KioskState
from kiosk.live.livesite import LiveSite
from kiosk.live.reporting import StateReporter
from kiosk.live.sitesettings import SiteSettings
from kiosk.site.load import load_site
from kiosk.site.schedule import Schedule
from kiosk.ui.navigation import Screen
from tests.gui.conftest import Kiosk
from tests.gui.test_closed_hours import SITE, berlin

MakeKiosk = Callable[..., Kiosk]
WAIT_MS = 5000
NO_POWER = "display:\n  power: none\n"  # nothing on this machine is switched off


class Following:
    """The kiosk, its site settings, and the site file followed live."""

    def __init__(self, kiosk: Kiosk, path: Path) -> None:
        result = load_site(path, hostname="test-kiosk")
        assert result.site is not None, [str(e) for e in result.errors]
        self.kiosk = kiosk
        self.path = path
        self.events: list[tuple[str, dict[str, Any]]] = []
        self.state = KioskState(result.site.name)
        self.settings = SiteSettings(kiosk.view, StateReporter(self.state, path), self.log,
                                     restart=lambda: None, windowed=False)
        self.settings.apply(result.site)
        self.live = LiveSite(path, result.site, self.log, settle_ms=50)
        self.live.applied.connect(self.settings.apply)

    def log(self, name: str, **fields: Any) -> None:
        self.events.append((name, fields))

    def stop(self) -> None:
        self.live.stop()
        self.settings.stop()


@pytest.fixture
def following(make_kiosk: MakeKiosk, tmp_path: Path) -> Iterator[Following]:
    path = tmp_path / "site.yaml"
    path.write_text(SITE + NO_POWER, encoding="utf-8")
    result = load_site(path, hostname="test-kiosk")
    assert result.site is not None
    kiosk = make_kiosk(schedule=Schedule(result.site), now=berlin(6, 2, 21))  # Tuesday night
    made = Following(kiosk, path)
    yield made
    made.stop()


def test_a_late_opening_added_tonight_opens_the_kiosk_at_once(following: Following,
                                                              qtbot: QtBot) -> None:
    kiosk = following.kiosk
    assert not kiosk.view.hours.open
    with qtbot.waitSignal(following.live.applied, timeout=WAIT_MS):
        following.path.write_text(SITE + NO_POWER + "special_openings:\n"
                                  "  - date: 2026-06-02\n    hours: \"10:00-23:00\"\n"
                                  "    reason: Late opening\n", encoding="utf-8")
    assert kiosk.view.hours.open
    assert ("site_applied", {}) in following.events
    assert ("opened", {}) in kiosk.events
    kiosk.tap("welcomeScreen")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)


def test_a_broken_edit_is_refused_and_the_hours_stay(following: Following,
                                                     qtbot: QtBot) -> None:
    kiosk = following.kiosk
    with qtbot.waitSignal(following.live.rejected, timeout=WAIT_MS) as rejected:
        following.path.write_text(SITE.replace('tue: "10:00-18:00"', 'tue: "10:00-25:00"')
                                  + NO_POWER + "special_openings:\n  - date: 2026-06-02\n"
                                  "    hours: \"10:00-23:00\"\n", encoding="utf-8")
    assert rejected.args == [1]
    ((name, fields),) = [event for event in following.events if event[0] == "site_rejected"]
    assert fields["messages"][0].startswith(f"{following.path}:5:")
    assert not kiosk.view.hours.open  # the late opening in the broken file is not taken
    assert kiosk.view.hours.schedule is not None

    with qtbot.waitSignal(following.live.applied, timeout=WAIT_MS):  # fixed again
        following.path.write_text(SITE + NO_POWER + "special_openings:\n"
                                  "  - date: 2026-06-02\n    hours: \"10:00-23:00\"\n",
                                  encoding="utf-8")
    assert kiosk.view.hours.open


def test_removing_the_hours_opens_the_kiosk_around_the_clock_and_renames_it(
        following: Following, qtbot: QtBot) -> None:
    with qtbot.waitSignal(following.live.applied, timeout=WAIT_MS):
        following.path.write_text("version: 1\nname: foyer\n", encoding="utf-8")
    assert following.kiosk.view.hours.open
    assert following.kiosk.view.hours.schedule is None
    assert following.state.kiosk == "foyer"
    assert following.settings.site is not None and following.settings.site.always_open

