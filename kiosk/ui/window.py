"""Builds the kiosk's Qt Quick window over an exhibit: the one place that wires the
Python state objects into the QML module. Used by the kiosk itself, `kiosk render`
and the tests, so all three show exactly the same screens."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.bundled import font_dir as bundled_font_dir
from kiosk.exhibit.model import Exhibit
from kiosk.pictures.decoder import ImageDecoder
from kiosk.site.schedule import Schedule
from kiosk.staff.access import StaffAccess
from kiosk.staff.pin import PinLockout, PinStore
from kiosk.ui.backend import Backend
from kiosk.ui.banner import StaffBanner
from kiosk.ui.firstframe import on_first_frame
from kiosk.ui.hours import OpeningHours, utc_now
from kiosk.ui.idle import IdleMonitor, SingleShot, precise_timer
from kiosk.ui.metrics import ScreenMetrics
from kiosk.ui.models import ErasModel, PagesModel
from kiosk.ui.navigation import EventSink, Navigator, Screen, no_events
from kiosk.ui.theme import PALETTE
from kiosk.ui.translation import Translations
from kiosk.ui.visualtree import items_under

log = logging.getLogger(__name__)

QML_DIR = Path(__file__).resolve().parent.parent / "qml"
BODY_FAMILY = "Noto Sans"
HEADING_FAMILY = "Noto Serif"
IMAGE_FAILURE = "QML Image: "


def load_fonts(font_dir: Path | None = None) -> None:
    """Register the bundled fonts, so every install looks the same whatever it has."""
    families: set[str] = set()
    for font in sorted((font_dir or bundled_font_dir()).glob("*.ttf")):
        loaded = QFontDatabase.addApplicationFont(str(font))
        if loaded < 0:
            log.warning("could not load the font %s; using the system's", font)
        else:
            # What this file added, rather than every family the system has: listing
            # those all is a noticeable part of start-up.
            families.update(QFontDatabase.applicationFontFamilies(loaded))
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and BODY_FAMILY in families:
        font = app.font()
        font.setFamily(BODY_FAMILY)
        app.setFont(font)


@dataclass(frozen=True, slots=True)
class KioskView:
    """The kiosk's window and the Python objects its screens are bound to."""

    engine: QQmlApplicationEngine
    window: QQuickWindow
    nav: Navigator
    pages: PagesModel
    eras: ErasModel
    metrics: ScreenMetrics
    idle: IdleMonitor
    banner: StaffBanner
    staff: StaffAccess
    warnings: list[str]
    decoder: ImageDecoder
    hours: OpeningHours

    def set_exhibit(self, exhibit: Exhibit) -> None:
        """Swap in a new exhibit whole."""
        self.nav.set_exhibit(exhibit)
        self.idle.set_timing(int(exhibit.idle.timeout * 1000), int(exhibit.idle.countdown * 1000))

    def dispose(self) -> None:
        """Tear the window down now. Left to the interpreter's exit, QML would go on
        evaluating bindings on objects Python had already let go."""
        self.idle.stop()
        self.hours.stop()
        self.window.hide()
        self.decoder.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def find(self, object_name: str) -> Any:
        """The first object of that name: found through the QObject tree, then the visual
        tree, where list delegates live (they have no QObject parent)."""
        found = self.window.findChild(QObject, object_name)
        return found if found is not None else self.find_on_screen(object_name)

    def find_on_screen(self, object_name: str) -> QQuickItem | None:
        """The visible item of that name whose centre is inside the window, e.g. the
        current page's image rather than its neighbours' (built off-screen)."""
        bounds = QRectF(0, 0, self.window.width(), self.window.height())
        return next((item for item in items_under(self.window.contentItem())
                     if item.objectName() == object_name
                     and bounds.contains(item.mapToScene(item.boundingRect().center()))), None)


def create_view(exhibit: Exhibit, *, size: tuple[int, int] = (1920, 1080),
                log_event: EventSink = no_events,
                clock: Callable[[], float] | None = None,
                idle_clock: Callable[[], float] = time.monotonic,
                idle_timer: Callable[[QObject], SingleShot] = precise_timer,
                defer_screens: bool = False, locked: bool = False,
                physical_mm: tuple[float, float] | None = None,
                schedule: Schedule | None = None,
                hours_clock: Callable[[], datetime] = utc_now,
                hours_timer: Callable[[QObject], SingleShot] = precise_timer) -> KioskView:
    """Create (but don't show) the kiosk window for `exhibit`.

    With `defer_screens` only the welcome screen is built now, no picture is decoded and
    no input is watched, so the first frame comes sooner; the screens behind it are built
    once the window's `screensWanted` is set, or as soon as a visitor or staff need one
    (see Main.qml), and pictures are decoded and input watched (idle monitor, staff
    chord) once the first frame is on screen. A `locked` window (kiosk mode) has no frame
    and refuses to close from the start. `clock` is the navigator's (session lengths),
    `idle_clock` and `idle_timer` the idle monitor's: tests give them fake time. With
    `physical_mm` (width, height) its sizes in
    millimetres assume a screen of that size rather than asking the platform (offscreen
    knows none), also after a resize. `schedule` is the site's opening hours (None: open
    always); outside them the closed screen covers everything. `hours_clock` (aware
    datetimes) and `hours_timer` are its time, faked by tests; a reloaded site goes to
    `view.hours.set_schedule`, and `view.hours.closedChanged` tells of each closing and
    opening (display power).
    """
    nav = Navigator(exhibit, log_event, **({"clock": clock} if clock else {}))
    pages = PagesModel(nav)
    eras = ErasModel(nav)
    metrics = ScreenMetrics()
    metrics.update_for(*size, physical_mm)
    idle = IdleMonitor(int(exhibit.idle.timeout * 1000), int(exhibit.idle.countdown * 1000),
                       clock=idle_clock, timer=idle_timer)
    banner = StaffBanner()
    store = PinStore()
    staff = StaffAccess(store, PinLockout.beside(store))
    nav.resetDone.connect(staff.close)
    wire_idle(nav, idle, log_event)
    hours = OpeningHours(schedule, clock=hours_clock, timer=hours_timer,
                         language=nav.language)
    wire_hours(nav, hours, log_event)

    engine = QQmlApplicationEngine()
    # Parented to the engine: QObjects QML reaches without a parent can be collected by
    # its JavaScript garbage collector.
    for obj in (nav, pages, eras, metrics, idle, banner, staff, hours):
        obj.setParent(engine)
    warnings: list[str] = []

    def collect(errors: list[QQmlError]) -> None:
        for error in errors:
            text = error.toString()
            if IMAGE_FAILURE in text:
                # A picture that can't be shown is expected in the field: QML shows the
                # placeholder with the alt text, and the log says which file.
                log.warning("%s", text)
                continue
            warnings.append(text)
            log.warning("QML: %s", text)

    engine.warnings.connect(collect)
    # The kiosk's own words in the navigator's language, from the first frame on.
    translations = Translations(engine, nav)
    translations.retranslated.connect(staff.changed)  # its messages are made in Python
    translations.retranslated.connect(lambda: hours.set_language(nav.language))
    hours.set_language(nav.language)  # now the translator is in place
    engine.addImportPath(str(QML_DIR))
    decoder = ImageDecoder.attach(engine)
    if defer_screens:
        decoder.defer_decoding()  # until the first frame is on screen (below)
    Backend(nav, pages, eras, metrics, idle, banner, staff, decoder, PALETTE,
            BODY_FAMILY, HEADING_FAMILY, hours).attach(engine)
    # The size from the start: bound to a window still being sized, the pictures would be
    # asked for (and decoded) at each size it passes through on the way.
    engine.setInitialProperties({"width": size[0], "height": size[1],
                                 "deferScreens": defer_screens, "locked": locked})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        raise RuntimeError("the kiosk's QML did not load: " + "; ".join(warnings))
    window = roots[0]
    idle.watched = window

    def watch_input() -> None:
        window.installEventFilter(staff)  # the keyboard chord that opens the staff menu
        idle.start()

    if defer_screens:
        # Once the first frame is up: pictures, and the input watchers, Python event
        # filters whose first event builds PySide's QEvent types (see kiosk.ui.idle).
        on_first_frame(window, decoder.start_decoding)
        # guard: input-watched-from-first-frame
        on_first_frame(window, watch_input)
    else:
        watch_input()
    # Sizes in millimetres follow the window: a resize or another screen re-derives them.
    window.widthChanged.connect(lambda _w: _remeasure(window, metrics, physical_mm))
    window.heightChanged.connect(lambda _h: _remeasure(window, metrics, physical_mm))
    window.screenChanged.connect(lambda _s: _remeasure(window, metrics, physical_mm))
    _remeasure(window, metrics, physical_mm)
    return KioskView(engine, window, nav, pages, eras, metrics, idle, banner, staff, warnings,
                     decoder, hours)


def physical_size_mm(window: QQuickWindow) -> tuple[float, float] | None:
    """The screen's physical size, or None where the platform can't know it."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication) or app.platformName() in ("offscreen", "minimal"):
        return None
    screen = window.screen()
    if screen is None:
        return None
    physical = screen.physicalSize()
    geometry = screen.geometry()
    # Scale the screen's size to the window, so a window covering half of it gets half.
    if geometry.width() <= 0 or geometry.height() <= 0:
        return None
    return (physical.width() * window.width() / geometry.width(),
            physical.height() * window.height() / geometry.height())


def _remeasure(window: QQuickWindow, metrics: ScreenMetrics,
               physical_mm: tuple[float, float] | None = None) -> None:
    metrics.update_for(window.width(), window.height(),
                       physical_mm if physical_mm is not None else physical_size_mm(window))


def wire_idle(nav: Navigator, idle: IdleMonitor, log_event: EventSink) -> None:
    """The idle monitor runs on every screen of a visit, the closing one included: only
    the welcome screen has nothing to reset."""
    idle.promptShown.connect(lambda: log_event("idle_prompt"))
    idle.promptDismissed.connect(lambda: log_event("idle_dismissed"))

    def reset() -> None:
        log_event("idle_reset")
        nav.reset(reason="idle")

    idle.resetRequested.connect(reset)
    nav.screenChanged.connect(lambda: idle.set_enabled(nav.screen != Screen.Welcome))
    idle.set_enabled(nav.screen != Screen.Welcome)


def wire_hours(nav: Navigator, hours: OpeningHours, log_event: EventSink) -> None:
    """No visit spans a closing: at closing time the visit ends and nothing enters until
    the kiosk opens again, on its welcome screen."""
    nav.set_closed(not hours.open)

    def closed_changed(closed: bool) -> None:
        nav.set_closed(closed)
        if closed:
            if nav.screen != Screen.Welcome:
                nav.reset(reason="closed")
            log_event("closed")
        else:
            log_event("opened")

    hours.closedChanged.connect(closed_changed)
