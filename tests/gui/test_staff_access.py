"""Staff get out through a hidden gesture and a PIN; visitors don't."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.staff.access import StaffAccess
from kiosk.staff.pin import PinLockout, PinStore
from kiosk.ui.window import KioskView, create_view
from tests.helpers.sample_exhibit import write_sample_exhibit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def view(qtbot: QtBot, tmp_path: Path) -> Iterator[KioskView]:
    exhibit = load_exhibit(write_sample_exhibit(tmp_path)).exhibit
    assert exhibit is not None
    view = create_view(exhibit, size=(1280, 800))
    view.nav.animate = False
    view.window.show()
    qtbot.waitExposed(view.window)
    yield view
    assert view.warnings == []
    view.dispose()


@pytest.fixture
def staff(tmp_path: Path) -> tuple[StaffAccess, Clock]:
    store = PinStore(tmp_path / "staff.json")
    store.set_pin("2468")
    clock = Clock()
    return StaffAccess(store, PinLockout(clock=clock), clock=clock), clock


def _type(staff: StaffAccess, pin: str) -> None:
    for digit in pin:
        staff.enterDigit(digit)
    staff.submit()


def test_the_corner_gesture_then_the_right_pin_opens_the_menu(staff) -> None:
    access, clock = staff
    access.cornerHeld()
    clock.now += 2
    access.oppositeCornerTapped()
    assert access.padOpen
    _type(access, "2468")
    assert access.menuOpen and not access.padOpen


def test_a_tap_in_the_corner_without_the_hold_does_nothing(staff) -> None:
    access, clock = staff
    access.oppositeCornerTapped()
    assert not access.padOpen
    access.cornerHeld()
    clock.now += 30  # too long ago: not one gesture
    access.oppositeCornerTapped()
    assert not access.padOpen


def test_five_wrong_pins_lock_the_pad_for_a_minute(staff) -> None:
    access, clock = staff
    access.cornerHeld()
    access.oppositeCornerTapped()
    for _ in range(5):
        _type(access, "0000")
    assert access.locked
    assert "60 s" in access.message
    _type(access, "2468")  # even the right PIN is refused while locked
    assert not access.menuOpen
    clock.now += 61
    _type(access, "2468")
    assert access.menuOpen


CHORD = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
         | Qt.KeyboardModifier.ShiftModifier)


@pytest.mark.parametrize("record", [None, '{"kdf":"scrypt"', '{"kdf": "md5", "salt": "00", '
                                    '"hash": "00", "n": 1, "r": 1, "p": 1}'],
                         ids=["no PIN set", "a damaged PIN file", "an unknown scheme"])
def test_without_a_valid_pin_record_nothing_opens_the_staff_menu(
        qtbot: QtBot, view: KioskView, record: str | None, caplog) -> None:
    if record is not None:
        PinStore().set_pin("1357")
        PinStore().path.write_text(record)
    staff = view.staff
    with caplog.at_level(logging.WARNING):
        staff.cornerHeld()
        staff.oppositeCornerTapped()
        QTest.keyClick(view.window, Qt.Key.Key_S, CHORD)
    assert not staff.padOpen and not staff.menuOpen
    assert view.find("staffMenu").property("visible") is False
    # kiosk.log says why, and what to do.
    assert caplog.text.count("no valid staff PIN record") == 2
    assert "kiosk set-pin" in caplog.text and "systemctl stop" in caplog.text


def test_with_a_pin_set_the_chord_opens_the_pin_pad_not_the_menu(
        qtbot: QtBot, view: KioskView) -> None:
    PinStore().set_pin("1357")
    QTest.keyClick(view.window, Qt.Key.Key_S, CHORD)
    qtbot.waitUntil(lambda: view.staff.padOpen)
    assert not view.staff.menuOpen


def test_a_lockout_outlives_a_restart_of_the_kiosk(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "staff.json")
    store.set_pin("2468")
    first = StaffAccess(store, PinLockout.beside(store))
    first.cornerHeld()
    first.oppositeCornerTapped()
    for _ in range(5):
        _type(first, "0000")

    again = StaffAccess(store, PinLockout.beside(store))  # after kill -9 and a new start
    again.cornerHeld()
    again.oppositeCornerTapped()
    _type(again, "2468")

    assert again.locked and not again.menuOpen


@pytest.mark.parametrize("visiting", [True, False], ids=["during a visit", "on the welcome screen"])
def test_the_hidden_gesture_with_real_touches_opens_the_pin_pad(
        qtbot: QtBot, view: KioskView, tmp_path: Path, visiting: bool) -> None:
    PinStore().set_pin("1357")  # the per-machine settings file (a temporary XDG folder)
    if visiting:
        view.nav.enter()  # (on the welcome screen the held corner enters, as any hold does)
    corner = QPoint(4, 4)
    opposite = QPoint(view.window.width() - 4, view.window.height() - 4)
    # A 3-second hold: the TapHandler's long-press timer fires while the press lasts.
    QTest.mousePress(view.window, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.waitUntil(lambda: view.staff.armed, timeout=6000)
    QTest.mouseRelease(view.window, Qt.MouseButton.LeftButton, pos=corner)
    QTest.mouseClick(view.window, Qt.MouseButton.LeftButton, pos=opposite)
    qtbot.waitUntil(lambda: view.find("pinPad").property("visible") is True)
    for digit in "1357":
        view.staff.enterDigit(digit)
    view.staff.submit()
    assert view.staff.menuOpen
    assert view.find("staffMenu").property("visible") is True


def test_an_idle_reset_closes_the_staff_menu(qtbot: QtBot, view: KioskView) -> None:
    PinStore().set_pin("1357")
    view.nav.enter()
    QTest.keyClick(view.window, Qt.Key.Key_S, CHORD)
    qtbot.waitUntil(lambda: view.staff.padOpen)
    _type(view.staff, "1357")
    qtbot.waitUntil(lambda: view.staff.menuOpen)
    view.nav.reset()
    assert not view.staff.menuOpen


def test_the_diagnostics_say_what_staff_need(tmp_path: Path) -> None:
    from kiosk.run import diagnostics_text

    text = diagnostics_text(tmp_path / "exhibit.yaml", ("exhibit.yaml:3:1: error: x",),
                            3725, tmp_path / "events.jsonl")
    assert "exhibit-kiosk 0.1.0" in text
    assert "uptime: 1 h 2 min" in text
    assert "events.jsonl" in text and "exhibit.yaml:3:1: error: x" in text


def test_the_pin_file_holds_no_pin_in_clear(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "staff.json")
    store.set_pin("918273")
    stored = (tmp_path / "staff.json").read_text()
    assert "918273" not in stored
    assert store.verify("918273") and not store.verify("918274")


def _text(view: KioskView, name: str) -> str:
    return view.find(name).property("text")


def test_the_pin_pad_and_menu_speak_the_kiosks_language(qtbot: QtBot, view: KioskView) -> None:
    PinStore().set_pin("1357")
    view.nav.enter()
    view.nav.toggleLanguage()  # a visitor chose Russian
    QTest.keyClick(view.window, Qt.Key.Key_S, CHORD)
    qtbot.waitUntil(lambda: view.find("pinPad").property("visible") is True)
    assert _text(view, "pinCancel") == "Отмена" and _text(view, "pinKey-OK") == "ОК"
    _type(view.staff, "0000")
    qtbot.waitUntil(lambda: _text(view, "pinMessage") == "Неверный PIN-код")

    view.nav.toggleLanguage()  # words made in Python follow a change of language too
    qtbot.waitUntil(lambda: _text(view, "pinMessage") == "Wrong PIN")
    assert _text(view, "pinCancel") == "Cancel"

    view.nav.toggleLanguage()
    _type(view.staff, "1357")
    qtbot.waitUntil(lambda: view.find("staffMenu").property("visible") is True)
    assert _text(view, "staffQuit") == "Выйти на рабочий стол"
    assert _text(view, "staffClose") == "Закрыть"
