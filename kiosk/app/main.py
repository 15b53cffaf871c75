"""Starting the kiosk: logging, the exhibit, the window, and the services around it."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QCursor, QGuiApplication

from kiosk.logsetup import setup_logging

log = logging.getLogger(__name__)

EXIT_TOO_MANY_FAULTS = 3


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

    result = load_exhibit(exhibit_path)
    for diagnostic in result.diagnostics:
        print(diagnostic, file=sys.stderr)
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
    events.log("start", exhibit=str(exhibit_path), mode="preview" if windowed else "kiosk")
    faults = install_fault_handler(on_too_many=lambda: app.exit(EXIT_TOO_MANY_FAULTS))

    screen_size = app.primaryScreen().size()
    view = create_view(result.exhibit,
                       size=size or ((1920, 1080) if windowed
                                     else (screen_size.width(), screen_size.height())),
                       log_event=events.log)
    live = LiveExhibit(view, exhibit_path.resolve(), preview=windowed, log_event=events.log)

    if windowed:
        view.window.show()
    else:
        view.window.setFlag(Qt.WindowType.FramelessWindowHint, True)
        guard = _RefuseClose(view.window)
        view.window.installEventFilter(guard)
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
        view.window.showFullScreen()
    events.log("attract_shown")

    watchdog = Watchdog(app)
    watchdog.start()
    code = app.exec()
    log.info("kiosk stopping (code %d); last validation messages: %s", code, live.last_messages)
    watchdog.stop()
    faults.uninstall()
    events.log("stop", code=code)
    return code
