"""Starting the kiosk: logging, the exhibit, the window, and the services around it."""

from __future__ import annotations

import logging
import signal
import socket
import sys
import time
from pathlib import Path

from PySide6.QtCore import QSocketNotifier, Qt
from PySide6.QtGui import QCursor, QGuiApplication

from kiosk import __version__
from kiosk.content.start import exhibit_from_store
from kiosk.content.store import STORE, ReleaseStore
from kiosk.control.answers import RunningKiosk
from kiosk.control.server import ControlServer
from kiosk.control.socketpath import control_socket_path
from kiosk.exhibit.start import StartingExhibit, load_for_start
from kiosk.live.eventlog import DEFAULT_KEEP, DEFAULT_MAX_BYTES, EventLog, default_event_log_path
from kiosk.live.faults import install_fault_handler
from kiosk.live.livecontent import LiveContent
from kiosk.live.livereload import LiveExhibit
from kiosk.live.livesite import LiveSite
from kiosk.live.reporting import StateReporter, state_reporter
from kiosk.live.sitesettings import SiteSettings
from kiosk.live.watchdog import Watchdog
from kiosk.logsetup import setup_logging
from kiosk.paths import data_dir
from kiosk.pictures import decoder
from kiosk.refcounts import make_singletons_immortal
from kiosk.site.defaults import default_site
from kiosk.site.locate import find_site_file
from kiosk.site.model import Site
from kiosk.site.schedule import Schedule
from kiosk.ui.firstframe import on_first_frame
from kiosk.ui.window import KioskView, create_view, load_fonts

log = logging.getLogger(__name__)

EXIT_TOO_MANY_FAULTS = 3
_signal_sockets: list[socket.socket] = []


def run_kiosk(exhibit_path: Path, *, windowed: bool = False,
              size: tuple[int, int] | None = None, event_log: Path | None = None,
              event_log_max_bytes: int | None = None, event_log_keep: int | None = None,
              site_path: Path | None = None) -> int:
    """Show the exhibit until the kiosk is told to stop; returns the exit code.

    The welcome screen goes up first: in kiosk mode it is full screen, frameless,
    unclosable and without a cursor from the start; what watches input (the idle monitor,
    the staff chord), the pictures and the services nobody meets in the first moments
    (live reload, signals, systemd's watchdog, the screens behind the welcome screen)
    start once it is on screen.
    """
    make_singletons_immortal()  # before any PySide call (see the module)
    setup_logging()
    site_file = find_site_file(site_path)
    site_as_written = load_site_for_start(site_file)
    site = site_as_written or default_site()
    store = (ReleaseStore(data_dir() / STORE, site.content.keep)
             if site.content is not None else None)
    if store is not None:
        exhibit_path = exhibit_from_store(store, exhibit_path)
    starting = load_for_start(exhibit_path)
    exhibit = starting.exhibit
    if exhibit is None:
        return 1

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("exhibit-kiosk")
    app.setApplicationDisplayName(exhibit.title.get(exhibit.default_language))

    load_fonts()
    events = EventLog(event_log or default_event_log_path(),
                      max_bytes=event_log_max_bytes or DEFAULT_MAX_BYTES,
                      keep=event_log_keep or DEFAULT_KEEP)
    # guard: restart-wired-to-exit
    faults = install_fault_handler(on_too_many=lambda: app.exit(EXIT_TOO_MANY_FAULTS))

    # Absolute, not resolved: a release store's `current` link must stay a link here.
    reporter = state_reporter(site, exhibit_path.absolute(), parent=app)

    def log_event(name: str, **fields: object) -> None:
        events.log(name, **fields)
        reporter.visitor_event(name)

    screen_size = app.primaryScreen().size()
    view = create_view(exhibit,
                       size=size or ((1920, 1080) if windowed
                                     else (screen_size.width(), screen_size.height())),
                       log_event=log_event, defer_screens=True, locked=not windowed,
                       schedule=None if site.always_open else Schedule(site))
    view.hours.closedChanged.connect(reporter.closedChanged)
    reporter.closedChanged(not view.hours.open)
    settings = SiteSettings(view, reporter, log_event, restart=lambda: app.exit(0),
                            windowed=windowed, parent=app)
    running = RunningKiosk(view, reporter.state, site, events.path, reporter.metrics_file)
    settings.applied.connect(running.site_applied)
    settings.apply(site)
    # Started once the first frame is up: the site file and the releases followed.
    live_site: list[LiveSite] = []
    content: list[LiveContent] = []
    reporter.state.release = store.current if store is not None else None
    control = ControlServer(control_socket_path(),
                            {"status": running.status, "screenshot": running.screenshot}, app)
    services = _Services(app, view, exhibit_path, windowed, events, starting, reporter)

    if windowed:
        view.window.show()
    else:
        hide_cursor()
        view.window.showFullScreen()

    def start_services() -> None:
        services.start()
        control.listen()
        if store is not None and site.content is not None and services.live is not None:
            content.append(LiveContent(store, site.content.folder, log_event, parent=app))
            content[0].refused.connect(reporter.releaseRefused)
            # The release shown: adopted here, or gone back to by `kiosk rollback`.
            services.live.applied.connect(
                lambda _source: reporter.state.release_adopted(store.current or ""))
        if site_file is not None:
            live_site.append(LiveSite(site_file, site_as_written, log_event, parent=app))
            live_site[0].applied.connect(settings.apply)

    on_first_frame(view.window, start_services)

    code = app.exec()
    control.close()
    services.stop(code)
    for follower in (*live_site, *content):
        follower.stop()
    settings.stop()
    view.dispose()
    decoder.shutdown()  # a decode still running finishes; those waiting are dropped
    faults.uninstall()
    events.log("stop", code=code)
    return code


def load_site_for_start(path: Path | None) -> Site | None:
    """The site file's settings; None with no file, or one that does not load, and the
    kiosk is then open always (the problems logged for staff: hours must never keep an
    exhibit dark by mistake) until the file is fixed."""
    if path is None:
        return None
    # The site file's reader (YAML) only on kiosks that have one.
    from kiosk.site.load import load_site

    result = load_site(path)
    if result.site is None:
        log.error("the site file %s has errors; running without it (open always, no "
                  "metrics) until it is fixed:\n%s", path,
                  "\n".join(str(d) for d in result.errors))
        return None
    log.info("site file %s: kiosk %r", path, result.site.name)
    return result.site


def hide_cursor() -> None:
    """Kiosk mode's cursor: none. (The window itself, made `locked` when it was created,
    has no frame and refuses to close, whatever shortcut or window manager asks: see
    Main.qml.)"""
    QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))


class _Services:
    """What the kiosk runs beside its window, started once the first frame is up."""

    def __init__(self, app: QGuiApplication, view: KioskView, exhibit_path: Path,
                 windowed: bool, events: EventLog, starting: StartingExhibit,
                 reporter: StateReporter) -> None:
        self._app = app
        self._starting = starting
        self._view = view
        self._exhibit_path = exhibit_path
        self._windowed = windowed
        self._events = events
        self.live: LiveExhibit | None = None
        self._watchdog: Watchdog | None = None
        self._reporter = reporter

    def start(self) -> None:
        app, view, path, events = self._app, self._view, self._exhibit_path, self._events
        view.window.setProperty("screensWanted", True)  # build the rest of the screens
        live = LiveExhibit(view, path.absolute(), preview=self._windowed,
                           log_event=events.log)
        live.started_with(self._starting.messages, self._starting.errors)
        self.live = live
        started = time.monotonic()
        view.staff.diagnostics_source = lambda: diagnostics_text(
            path, live.last_messages, time.monotonic() - started, events.path)
        view.staff.reloadRequested.connect(live.reload)
        view.staff.quitRequested.connect(lambda: app.exit(0))
        view.staff.previewToggled.connect(lambda on: _set_preview(view, live, on))
        stop_on_signals(app)
        self._watchdog = Watchdog(app)
        self._report(self._reporter, live, self._watchdog)
        self._watchdog.start()  # READY=1: the event loop runs and the exhibit is on screen
        # The file name only: a full path can carry a staff member's account name.
        events.log("start", exhibit=path.name, mode="preview" if self._windowed else "kiosk")
        events.log("attract_shown")
        if self._starting.keep is not None:
            self._starting.keep()

    def _report(self, reporter: StateReporter, live: LiveExhibit, watchdog: Watchdog) -> None:
        reporter.watch(self._view.window)
        live.applied.connect(reporter.reloadApplied)
        live.rejected.connect(reporter.reloadRejected)
        watchdog.pinged.connect(reporter.watchdogPinged)
        self._view.decoder.refused.connect(reporter.pictureRefused)
        reporter.start(len(self._starting.errors))

    def stop(self, code: int) -> None:
        messages = self.live.last_messages if self.live is not None else ()
        log.info("kiosk stopping (code %d); last validation messages: %s", code, messages)
        self._reporter.stop()
        if self._watchdog is not None:
            self._watchdog.stop()
        if self.live is not None:
            self.live.stop()


def diagnostics_text(exhibit: Path, messages: tuple[str, ...], uptime_s: float,
                     event_log: Path) -> str:
    hours, rest = divmod(int(uptime_s), 3600)
    lines = [
        f"exhibit-kiosk {__version__}",
        f"exhibit: {exhibit.absolute()}",
        f"uptime: {hours} h {rest // 60} min",
        f"event log: {event_log}",
        "last validation: " + ("no problems" if not messages else f"{len(messages)} message(s)"),
        *messages[:12],
    ]
    return "\n".join(lines)


def _set_preview(view: KioskView, live: LiveExhibit, on: bool) -> None:
    """Staff preview: a window, and edits shown at once rather than at the next reset."""
    live.preview = on
    if on:
        view.window.showNormal()
    else:
        view.window.showFullScreen()


def stop_on_signals(app: QGuiApplication) -> None:
    """SIGTERM (systemd stopping the service) and SIGINT end the event loop cleanly.

    `exit()`, not `quit()`: Qt 6 asks windows to close on quit(), and the kiosk window
    refuses.

    Python runs signal handlers only between bytecodes, which never happens while Qt's
    loop waits; the wakeup fd wakes the loop through a socket notifier instead, and carries
    the signal's number. The stop happens there, in the event loop: a Python handler that
    logged would run in the middle of whatever the main thread was doing (a write to
    stderr, for one, which refuses to be re-entered, and the stop would be lost).
    """
    stopping = {signal.SIGTERM.value, signal.SIGINT.value}
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        try:
            numbers = reader.recv(64)
        except OSError:
            return
        for number in stopping.intersection(numbers):
            log.info("stopping on signal %d", number)
            app.exit(0)

    notifier.activated.connect(wake)
    for number in stopping:
        # Only so that the wakeup fd is written; the work is done in wake().
        signal.signal(number, lambda _signum, _frame: None)  # guard: stop-from-the-event-loop
    _signal_sockets[:] = [reader, writer]  # alive as long as the process
