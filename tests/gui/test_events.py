"""What the visitor log records of a visit made with real touches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.ui.navigation import Screen

if TYPE_CHECKING:
    from tests.gui.conftest import Kiosk


def test_a_whole_visit_is_logged_in_order_with_its_details(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.tap("welcomeScreen")                     # era_opened first
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Exhibit)
    kiosk.swipe(-700)                              # panel_shown one
    kiosk.wait(lambda: kiosk.nav.pageIndex == 1)
    kiosk.tap("languageButton")                    # language_changed ru
    kiosk.wait(lambda: kiosk.nav.language == "ru")
    kiosk.tap("nextButton")                        # panel_shown two (ru)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 2)
    kiosk.tap("thumbnail-1")                       # image_opened img2
    kiosk.wait(lambda: kiosk.nav.viewerOpen)
    kiosk.tap("closeViewerButton")                 # image_closed
    kiosk.wait(lambda: not kiosk.nav.viewerOpen)
    kiosk.tap("era-2")                             # era_opened third
    kiosk.wait(lambda: kiosk.nav.eraIndex == 2)
    kiosk.swipe(700)                               # panel_shown four (back into era two)
    kiosk.wait(lambda: kiosk.nav.pageIndex == 5)
    kiosk.swipe(-700)                              # era_opened third again
    kiosk.wait(lambda: kiosk.nav.pageIndex == 6)
    kiosk.clock.advance(95.5)
    kiosk.tap("homeButton")                        # session_end, attract_shown
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)

    assert kiosk.events == [
        ("era_opened", {"era": "first"}),
        ("panel_shown", {"era": "first", "panel": "one", "lang": "en"}),
        ("language_changed", {"lang": "ru"}),
        ("panel_shown", {"era": "first", "panel": "two", "lang": "ru"}),
        ("image_opened", {"era": "first", "panel": "two", "image": "assets/img2.png",
                          "index": 1}),
        ("image_closed", {}),
        ("era_opened", {"era": "third"}),
        ("era_opened", {"era": "second"}),
        ("panel_shown", {"era": "second", "panel": "four", "lang": "ru"}),
        ("era_opened", {"era": "third"}),
        ("session_end", {"reason": "home", "seconds": 95.5, "panels_seen": 3,
                         "idle_timeout": 90.0, "idle_countdown": 15.0}),
        ("attract_shown", {}),
    ]


def test_panels_seen_counts_each_panel_once(kiosk_window: Kiosk) -> None:
    kiosk = kiosk_window
    kiosk.enter()
    for _ in range(2):
        kiosk.tap("nextButton")
        kiosk.tap("nextButton")
        kiosk.tap("previousButton")
        kiosk.tap("previousButton")
    kiosk.wait(lambda: kiosk.nav.pageIndex == 0)
    kiosk.tap("homeButton")
    kiosk.wait(lambda: kiosk.nav.screen == Screen.Welcome)
    assert len(kiosk.events_named("panel_shown")) == 6
    assert kiosk.events_named("session_end")[0]["panels_seen"] == 2


def test_no_session_is_logged_when_nobody_visited(kiosk_window: Kiosk) -> None:
    kiosk_window.nav.goHome()
    assert kiosk_window.events == [("attract_shown", {})]
