"""The staff's hidden way in: a corner gesture, a PIN pad, and the staff menu.

Visitors never find it: a 3-second press in the top-left corner followed, within a few
seconds, by a tap in the bottom-right corner opens the PIN pad, as does the keyboard chord
Ctrl+Alt+Shift+S. Five wrong PINs lock it for a minute, each further lockout twice as long.
It fails closed: without a valid PIN record (none set, or the file damaged) neither the
gesture nor the chord opens anything, and kiosk.log says why; staff then stop the kiosk
from a console (`systemctl stop`) and set a PIN with `kiosk set-pin`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.staff.pin import PinLockout, PinStore

log = logging.getLogger(__name__)

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

GESTURE_WINDOW_S = 6.0  # from the corner hold to the opposite corner's tap
MAX_PIN_DIGITS = 12


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class StaffAccess(QObject):
    changed = Signal()
    quitRequested = Signal()
    reloadRequested = Signal()
    previewToggled = Signal(bool)

    def __init__(self, store: PinStore, lockout: PinLockout | None = None,
                 diagnostics: Callable[[], str] = lambda: "",
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._lockout = lockout or PinLockout(clock=clock)
        self.diagnostics_source = diagnostics  # the app sets this once it knows it all
        self._clock = clock
        self._held_at: float | None = None
        self._pad_open = False
        self._menu_open = False
        self._digits = ""
        self._wrong_pin = False  # the last PIN tried was wrong: the pad says so
        self._preview = False
        # Refreshes the "locked for N s" countdown while the pad is open.
        self._ticker = QTimer(self, interval=1000)
        self._ticker.timeout.connect(self.changed)

    # --- what QML shows -----------------------------------------------------------

    def _get_pad_open(self) -> bool:
        return self._pad_open

    def _get_menu_open(self) -> bool:
        return self._menu_open

    def _get_entered(self) -> int:
        return len(self._digits)

    def _get_message(self) -> str:
        # Translated as it is read, so it follows the kiosk's language (see kiosk.ui.translation).
        if self._lockout.locked():
            return QCoreApplication.translate("StaffAccess", "Locked: try again in %1 s").replace(
                "%1", str(self._lockout.seconds_left()))
        return QCoreApplication.translate("StaffAccess", "Wrong PIN") if self._wrong_pin else ""

    def _get_locked(self) -> bool:
        return self._lockout.locked()

    def _get_diagnostics(self) -> str:
        return self.diagnostics_source() if self._menu_open else ""

    def _get_preview(self) -> bool:
        return self._preview

    @property
    def armed(self) -> bool:
        """The corner has been held; a tap in the opposite corner now opens the pad."""
        return self._held_at is not None

    padOpen = Property(bool, _get_pad_open, notify=changed)
    menuOpen = Property(bool, _get_menu_open, notify=changed)
    entered = Property(int, _get_entered, notify=changed)
    message = Property(str, _get_message, notify=changed)
    locked = Property(bool, _get_locked, notify=changed)
    diagnostics = Property(str, _get_diagnostics, notify=changed)
    preview = Property(bool, _get_preview, notify=changed)

    # --- the hidden gesture ---------------------------------------------------------

    @Slot()
    def cornerHeld(self) -> None:
        """The top-left corner was pressed for the long-press time (3 s)."""
        self._held_at = self._clock()

    @Slot()
    def oppositeCornerTapped(self) -> None:
        held, self._held_at = self._held_at, None
        if held is None or self._clock() - held > GESTURE_WINDOW_S:
            return
        self._open_pad_if_pin_set("the corner gesture")

    def _open_pad_if_pin_set(self, how: str) -> None:
        if not self._store.is_set():
            log.warning("%s asked for the staff menu, but there is no valid staff PIN "
                        "record, so it stays closed: set one with `kiosk set-pin`, or stop "
                        "the kiosk from a console (systemctl stop)", how)
            return
        self._open_pad()

    def _open_pad(self) -> None:
        self._pad_open, self._digits, self._wrong_pin = True, "", False
        self._ticker.start()
        self.changed.emit()

    # --- the PIN pad -------------------------------------------------------------------

    @Slot(str)
    def enterDigit(self, digit: str) -> None:
        if self._pad_open and digit.isdigit() and len(self._digits) < MAX_PIN_DIGITS:
            self._digits += digit
            self._wrong_pin = False
            self.changed.emit()

    @Slot()
    def backspace(self) -> None:
        if self._digits:
            self._digits = self._digits[:-1]
            self.changed.emit()

    @Slot()
    def submit(self) -> None:
        if not self._pad_open:
            return
        digits, self._digits = self._digits, ""
        if self._lockout.locked():
            self.changed.emit()
            return
        if digits and self._store.verify(digits):
            self._lockout.record_success()
            log.info("staff menu opened")
            self._pad_open, self._menu_open, self._wrong_pin = False, True, False
        else:
            self._lockout.record_failure()
            log.warning("wrong staff PIN entered")
            self._wrong_pin = True
        self.changed.emit()

    @Slot()
    def close(self) -> None:
        """Leave the pad or menu; also called on every idle reset."""
        if self._pad_open or self._menu_open or self._digits:
            self._pad_open = self._menu_open = False
            self._digits, self._wrong_pin = "", False
            self._ticker.stop()
            self.changed.emit()

    # --- the menu ------------------------------------------------------------------

    @Slot()
    def reloadNow(self) -> None:
        if self._menu_open:
            self.reloadRequested.emit()
            self.changed.emit()  # diagnostics now hold the new validation messages

    @Slot()
    def togglePreview(self) -> None:
        if self._menu_open:
            self._preview = not self._preview
            self.previewToggled.emit(self._preview)
            self.changed.emit()

    @Slot()
    def quitToDesktop(self) -> None:
        if self._menu_open:
            log.info("staff quit the kiosk from the staff menu")
            self.quitRequested.emit()

    # --- the keyboard chord ----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            chord = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                     | Qt.KeyboardModifier.ShiftModifier)
            if event.key() == Qt.Key.Key_S and mods == chord:
                self._open_pad_if_pin_set("Ctrl+Alt+Shift+S")  # guard: staff-chord-needs-a-pin
                return True
        return False
