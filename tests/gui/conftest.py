"""The kiosk's real window under test, driven by real touch, mouse and key events.

pytest-qt has no fixture for QML windows, so `kiosk_window` is ours: it builds the same
window the kiosk shows (`create_view`) over a small sample exhibit, shows it offscreen,
hands the test a :class:`Kiosk` with ways to touch it like a visitor, and on teardown
fails the test if QML reported any warning (binding errors otherwise pass silently).

Input is delivered synchronously by QTest, but tests still wait on the resulting state
(`Kiosk.wait`) rather than assuming when Qt Quick has acted on it; nothing sleeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPointingDevice
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit
from kiosk.site.schedule import Schedule
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView, create_view, load_fonts
from tests.helpers.fake_time import FakeTime
from tests.helpers.sample_exhibit import write_sample_exhibit

SIZE = (1920, 1080)
WAIT_MS = 3000
# Enough small steps that every drag crosses Qt's drag threshold well before it ends.
DRAG_STEPS = 12

Target = str | QQuickItem | QPoint


@dataclass
class Kiosk:
    """The shown kiosk window and a visitor's hands."""

    view: KioskView
    qtbot: Any
    device: QPointingDevice
    clock: FakeTime  # the navigator's clock, so session lengths in the event log are exact
    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    idle_time: FakeTime = field(default_factory=FakeTime)  # the idle monitor's clock
    hours_time: FakeTime = field(default_factory=FakeTime)  # the opening hours' clock

    @property
    def window(self) -> Any:
        return self.view.window

    @property
    def nav(self) -> Any:
        return self.view.nav

    @property
    def idle(self) -> Any:
        return self.view.idle

    # --- finding things --------------------------------------------------------------

    def items(self, name: str) -> list[QQuickItem]:
        """Every item called `name`, found through the visual tree: items a delegate
        makes have no QObject parent, so `findChildren` would miss them."""
        found: list[QQuickItem] = []
        pending = [self.window.contentItem()]
        while pending:
            node = pending.pop()
            if node.objectName() == name:
                found.append(node)
            pending.extend(node.childItems())
        return found

    def item(self, name: str) -> QQuickItem:
        """The item called `name` that a visitor can see now.

        Pages the pager keeps ready beside the current one hold items of the same name;
        the one whose centre lies inside the window is the one on screen.
        """
        found = self.items(name)
        if not found:
            raise LookupError(f"no item named {name!r} in the kiosk window")
        on_screen = [item for item in found if item.isVisible() and self._inside(item)]
        return (on_screen or found)[0]

    def _inside(self, item: QQuickItem) -> bool:
        centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
        return 0 <= centre.x() < self.window.width() and 0 <= centre.y() < self.window.height()

    @staticmethod
    def qml(item: QObject, expression: str) -> Any:
        return _qml(item, expression)

    def centre(self, target: Target) -> QPoint:
        if isinstance(target, QPoint):
            return target
        item = self.item(target) if isinstance(target, str) else target
        return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()

    def is_shown(self, name: str) -> bool:
        """Visible and fully opaque up its ancestry: what a visitor actually sees."""
        found = [i for i in self.items(name) if i.isVisible() and self._inside(i)]
        if not found:
            return False
        node: QQuickItem | None = found[0]
        while node is not None:
            if node.opacity() < 0.999:
                return False
            node = node.parentItem()
        return True

    # --- hands -------------------------------------------------------------------------

    def _touch(self) -> Any:
        return QTest.touchEvent(self.window, self.device)

    def tap(self, target: Target) -> None:
        """A finger down and up on the target's centre (with the tiny move real fingers make)."""
        point = self.centre(target)
        self._touch().press(0, point).commit()
        self._touch().move(0, point + QPoint(1, 0)).commit()
        self._touch().release(0, point + QPoint(1, 0)).commit()

    def double_tap(self, target: Target) -> None:
        self.tap(target)
        self.tap(target)

    def click(self, target: Target) -> None:
        QTest.mouseClick(self.window, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier, self.centre(target))

    def double_click(self, target: Target) -> None:
        # Not two mouseClick()s: QTest spaces those apart so they never form a double click.
        QTest.mouseDClick(self.window, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier, self.centre(target))

    def swipe(self, dx: int, dy: int = 0, start: Target | None = None,
              steps: int = DRAG_STEPS) -> None:
        """One finger pressed at `start` (default: the pager's centre), moved, lifted."""
        origin = self.centre(start if start is not None else "pager")
        self.drag_path([origin + QPoint(dx * step // steps, dy * step // steps)
                        for step in range(steps + 1)])

    def drag_path(self, points: list[QPoint]) -> None:
        """One finger down on the first point, through the others, lifted on the last."""
        sequence = self._touch()
        sequence.press(0, points[0]).commit()
        for point in points[1:]:
            sequence.move(0, point).commit()
        sequence.release(0, points[-1]).commit()

    def two_finger_drag(self, dx: int, dy: int = 0, start: Target | None = None,
                        spread: int = 160, steps: int = DRAG_STEPS) -> None:
        """Two fingers side by side, moved together and lifted together."""
        origin = self.centre(start if start is not None else "pager")
        fingers = (origin - QPoint(0, spread // 2), origin + QPoint(0, spread // 2))
        sequence = self._touch()
        sequence.press(0, fingers[0]).press(1, fingers[1]).commit()
        for step in range(1, steps + 1):
            shift = QPoint(dx * step // steps, dy * step // steps)
            sequence.move(0, fingers[0] + shift).move(1, fingers[1] + shift).commit()
        shift = QPoint(dx, dy)
        sequence.release(0, fingers[0] + shift).release(1, fingers[1] + shift).commit()

    def pinch(self, start_gap: int, end_gap: int, centre: Target | None = None,
              steps: int = DRAG_STEPS) -> None:
        """Two fingers either side of `centre`, moving apart (or together)."""
        middle = self.centre(centre if centre is not None else "imageViewer")
        sequence = self._touch()

        def fingers(gap: int) -> tuple[QPoint, QPoint]:
            return middle - QPoint(gap // 2, 0), middle + QPoint(gap // 2, 0)

        left, right = fingers(start_gap)
        sequence.press(0, left).press(1, right).commit()
        for step in range(1, steps + 1):
            left, right = fingers(start_gap + (end_gap - start_gap) * step // steps)
            sequence.move(0, left).move(1, right).commit()
        sequence.release(0, left).release(1, right).commit()

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(self.window, key)

    # --- looking -----------------------------------------------------------------------

    def wait(self, condition: Callable[[], bool], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(condition, timeout=timeout)

    def grab(self) -> QImage:
        return self.window.grabWindow()

    def pixel(self, image: QImage, point: QPoint) -> QColor:
        return image.pixelColor(point)

    def event_names(self) -> list[str]:
        return [name for name, _ in self.events]

    def events_named(self, name: str) -> list[dict[str, Any]]:
        return [fields for event, fields in self.events if event == name]

    def resize(self, width: int, height: int) -> None:
        self.window.resize(width, height)
        self.wait(lambda: (self.window.width(), self.window.height()) == (width, height))

    def enter(self) -> None:
        """Start a visit by touching the welcome screen."""
        self.tap("welcomeScreen")
        self.wait(lambda: self.nav.screen == Screen.Exhibit)


@pytest.fixture(scope="session")
def touch_device() -> QPointingDevice:
    # Qt keeps every registered device for the life of the process: make one, once.
    return QTest.createTouchDevice()


@pytest.fixture(scope="session")
def _fonts(qapp: Any) -> None:
    load_fonts()


@pytest.fixture
def sample_exhibit_file(tmp_path: Path) -> Path:
    return write_sample_exhibit(tmp_path / "exhibit")


def load(path: Path) -> Exhibit:
    result = load_exhibit(path)
    assert result.exhibit is not None, [str(d) for d in result.diagnostics]
    return result.exhibit


@pytest.fixture
def make_kiosk(qtbot: Any, touch_device: QPointingDevice, _fonts: None,
               sample_exhibit_file: Path) -> Iterator[Callable[..., Kiosk]]:
    """Build and show kiosk windows; each is checked for QML warnings and torn down."""
    made: list[Kiosk] = []

    def make(exhibit: Path | Exhibit | None = None, size: tuple[int, int] = SIZE,
             animate: bool = False, schedule: Schedule | None = None,
             now: datetime | None = None) -> Kiosk:
        """`schedule` (None: open always) is asked on a fake clock that reads `now`
        until the test advances `kiosk.hours_time`."""
        if exhibit is None:
            exhibit = sample_exhibit_file
        model = load(exhibit) if isinstance(exhibit, Path) else exhibit
        clock, idle_time, hours_time = FakeTime(), FakeTime(), FakeTime()
        start, start_ms = now or datetime(2026, 6, 1, 12, tzinfo=UTC), hours_time.ms
        events: list[tuple[str, dict[str, Any]]] = []
        view = create_view(model, size=size, clock=clock.clock, idle_clock=idle_time.clock,
                           idle_timer=idle_time.timer, schedule=schedule,
                           hours_clock=lambda: start + timedelta(
                               milliseconds=hours_time.ms - start_ms),
                           hours_timer=hours_time.timer,
                           log_event=lambda name, **fields: events.append((name, fields)))
        view.nav.animate = animate
        kiosk = Kiosk(view, qtbot, touch_device, clock, events, idle_time, hours_time)
        made.append(kiosk)
        with qtbot.waitExposed(view.window):
            view.window.show()
        return kiosk

    yield make

    problems = [warning for kiosk in made for warning in kiosk.view.warnings]
    for kiosk in made:
        _dispose(kiosk.view)
    if problems:
        pytest.fail("QML reported problems:\n" + "\n".join(problems), pytrace=False)


def _dispose(view: KioskView) -> None:
    view.dispose()
    QCoreApplication.processEvents()


@pytest.fixture
def kiosk_window(make_kiosk: Callable[..., Kiosk]) -> Kiosk:
    """The kiosk at 1920x1080 over the sample exhibit, transitions off, on its welcome screen."""
    return make_kiosk()


def _qml(item: QObject, expression: str) -> Any:
    """Evaluate a QML expression with `item` as its scope, as a binding on it would.

    Reaches what Python can't read directly: grouped and attached properties
    (`border.width`, `Accessible.name`) and QML-only enums (`status === Image.Ready`).
    """
    context = QQmlEngine.contextForObject(item)
    if context is None:
        raise LookupError(f"{item!r} was not made by QML")
    value, failed = QQmlExpression(context, item, expression).evaluate()
    if failed:
        raise ValueError(f"could not evaluate {expression!r} on {item.objectName()!r}")
    return value
