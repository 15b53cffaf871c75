"""Starting the kiosk: logging, the exhibit, the window, and the services around it."""

from __future__ import annotations

import logging
import signal
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtQuick import QQuickWindow

from kiosk import __version__
from kiosk.logsetup import setup_logging

if TYPE_CHECKING:
    from kiosk.app.live import LiveExhibit
    from kiosk.app.window import KioskView

log = logging.getLogger(__name__)

EXIT_TOO_MANY_FAULTS = 3
_signal_sockets: list[socket.socket] = []


class _RefuseClose(QObject):
    """In kiosk mode the window cannot be closed by any shortcut or window manager."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            event.ignore()
            return True
        return False


def run_kiosk(exhibit_path: Path, *, windowed: bool = False,
              size: tuple[int, int] | None = None, event_log: Path | None = None) -> int:
    setup_logging()
    from kiosk.exhibit.load import load_exhibit
    from kiosk.exhibit.report import report

    result = load_exhibit(exhibit_path)
    report(exhibit_path, result, sys.stderr, sys.stderr, summary_when_valid=False)
    if result.exhibit is None:
        print(f"{exhibit_path}: the kiosk cannot start until these errors are fixed "
              f"(check with: kiosk validate {exhibit_path})", file=sys.stderr)
        return 1

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName("exhibit-kiosk")
    app.setApplicationDisplayName(result.exhibit.title.get(result.exhibit.default_language))

    from kiosk.app.eventlog import EventLog, default_event_log_path
    from kiosk.app.faults import install_fault_handler
    from kiosk.app.live import LiveExhibit
    from kiosk.app.watchdog import Watchdog
    from kiosk.app.window import create_view, load_fonts

    load_fonts()
    events = EventLog(event_log or default_event_log_path())
    # The file name only: a full path can carry a staff member's account name.
    events.log("start", exhibit=exhibit_path.name, mode="preview" if windowed else "kiosk")
    faults = install_fault_handler(on_too_many=lambda: app.exit(EXIT_TOO_MANY_FAULTS))

    screen_size = app.primaryScreen().size()
    view = create_view(result.exhibit,
                       size=size or ((1920, 1080) if windowed
                                     else (screen_size.width(), screen_size.height())),
                       log_event=events.log)
    live = LiveExhibit(view, exhibit_path.resolve(), preview=windowed, log_event=events.log)
    started = time.monotonic()
    view.staff.diagnostics_source = lambda: diagnostics_text(
        exhibit_path, live.last_messages, time.monotonic() - started, events.path)
    view.staff.reloadRequested.connect(live.reload)
    view.staff.quitRequested.connect(lambda: app.exit(0))
    view.staff.previewToggled.connect(lambda on: _set_preview(view, live, on))

    if windowed:
        view.window.show()
    else:
        view.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        guard = _RefuseClose(view.window)
        view.window.installEventFilter(guard)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        view.window.showFullScreen()
    log_when_shown(view.window, lambda: events.log("attract_shown"))

    stop_on_signals(app)
    watchdog = Watchdog(app)
    QTimer.singleShot(0, watchdog.start)  # READY=1 once the event loop really runs
    code = app.exec()
    log.info("kiosk stopping (code %d); last validation messages: %s", code, live.last_messages)
    watchdog.stop()
    faults.uninstall()
    events.log("stop", code=code)
    return code


def diagnostics_text(exhibit: Path, messages: tuple[str, ...], uptime_s: float,
                     event_log: Path) -> str:
    hours, rest = divmod(int(uptime_s), 3600)
    lines = [
        f"exhibit-kiosk {__version__}",
        f"exhibit: {exhibit.resolve()}",
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
    loop waits; the wakeup fd wakes the loop through a socket notifier instead.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        try:
            reader.recv(64)
        except OSError:
            pass

    notifier.activated.connect(wake)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda signum, _frame: (
            log.info("stopping on signal %d", signum), app.exit(0)))
    _signal_sockets[:] = [reader, writer]  # alive as long as the process


def log_when_shown(window: QQuickWindow, log: Callable[[], None]) -> None:
    """Log once the first frame is on screen, when a visitor can really see and touch it."""
    done: list[bool] = []

    def first_frame() -> None:
        if not done:
            done.append(True)
            window.frameSwapped.disconnect(first_frame)
            log()

    # Queued: with a threaded render loop, frameSwapped comes from the render thread.
    window.frameSwapped.connect(first_frame, Qt.ConnectionType.QueuedConnection)
