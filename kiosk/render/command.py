"""``kiosk render``: every screen of the real kiosk window to PNG, plus a proof sheet,
on one screen profile or several, with a check that every text fits (kiosk.render.fit).

The screens are the kiosk's own QML over the exhibit (built by :func:`create_view`), so
what curators proof is exactly what visitors will see. Rendering needs no display: the
command uses Qt's offscreen platform unless one is already chosen.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QElapsedTimer, QEventLoop, QRectF, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.pages import Page
from kiosk.refcounts import make_singletons_immortal
from kiosk.render.fit import fit_problems
from kiosk.render.fitreport import FitLog, fit_warning
from kiosk.render.proof import write_proof
from kiosk.render.rendered import RenderResult, Screenshot
from kiosk.screens import DEFAULT_PROFILE, ScreenProfile, sized, unique
from kiosk.site.model import Interval, Site, WeeklyHours
from kiosk.site.schedule import Schedule
from kiosk.ui.visualtree import items_under
from kiosk.ui.window import create_view, load_fonts

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_DOES_NOT_FIT = 1  # with --strict
EXIT_UNWRITABLE = 2

PROOF_NAME = "proof.pdf"
# A screen is ready once its images are in and no frame has been drawn for this long:
# Qt Quick draws only when something changed, so quiet means nothing is still moving.
QUIET_MS = 60
SETTLE_TIMEOUT_MS = 15_000
POLL_MS = 10
MAX_PENDING_SAVES = 4
PNG_QUALITY = 80  # Qt's scale for PNG: zlib level 9 at 0, none at 100
_IMAGE_LOADING = 2  # QQuickImageBase.Status.Loading
_SCREEN_FILE = re.compile(r"^\d\d-.+\.png$")
CLOSED_STEM = "99-closed"  # after every page, whatever the exhibit holds
# The closed screen is shown as on a Monday evening of a kiosk open daily 10:00-18:00.
_SAMPLE_HOURS = Schedule(Site("render", UTC, WeeklyHours(((Interval(600, 1080),),) * 7)))
_OPEN_AT = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
_CLOSED_AT = datetime(2026, 6, 1, 20, 0, tzinfo=UTC)


def screenshot_name(page: Page | None, language: str, default_language: str, *,
                    closed: bool = False) -> str:
    """``00-welcome.png``, ``01-recognition.png``, ``01-recognition--embassy-ru.png`` …,
    and the closed screen's ``99-closed.png``."""
    if closed:
        stem = CLOSED_STEM
    elif page is None:
        stem = "00-welcome"
    else:
        stem = f"{page.era_index + 1:02d}-{page.era.id}"
        if page.panel is not None:
            stem += f"--{page.panel.id}" + ("--quote" if page.quote else "")
    if language != default_language:
        stem += "-" + re.sub(r"[^A-Za-z0-9_-]", "_", language)
    return stem + ".png"


def render_exhibit(exhibit: Exhibit, out: Path | None, screen: ScreenProfile, *,
                   languages: tuple[str, ...] | None = None) -> RenderResult:
    """Render the welcome screen, every page and the closed screen in each of
    ``languages`` (default: all) on ``screen`` to PNG files in ``out`` (None: none),
    checking on each that every text fits. Needs a QGuiApplication; raises OSError if a
    file can't be written."""
    started = time.monotonic()
    languages = languages or exhibit.languages
    result = RenderResult(screen, languages)
    fit = FitLog()
    moment = [_OPEN_AT]  # the kiosk's clock: open for the pages, closed for the last
    view = create_view(exhibit, size=screen.size, physical_mm=screen.physical_mm,
                       schedule=_SAMPLE_HOURS, hours_clock=lambda: moment[0])
    # No transitions, no idle prompt: every grab shows a screen at rest.
    view.nav.animate = False
    view.idle.stop()
    window = view.window
    window.show()
    saves: list[Future[None]] = []
    # Encoding a PNG takes longer than drawing the next screen: do it alongside.
    with ThreadPoolExecutor(max_workers=2) as pool:
        try:
            for language in languages:
                moment[0] = _OPEN_AT
                view.hours.check()
                view.nav.reset(reason="render")
                view.nav.setLanguage(language)
                targets: list[Page | None] = [None, *view.nav.pages, None]
                for index, page in enumerate(targets):
                    closed = index == len(targets) - 1
                    if closed:
                        moment[0] = _CLOSED_AT
                        view.hours.check()
                        view.nav.setLanguage(language)  # closing time starts afresh
                    elif page is not None:
                        if index == 1:
                            view.nav.enter()
                        view.nav.goToPage(index - 1)
                    name = screenshot_name(page, language, exhibit.default_language,
                                           closed=closed)
                    if not wait_until_settled(window, view.engine):
                        result.unsettled.append(name)
                    where = str(out / name) if out is not None else name
                    for problem in fit_problems(window, view.engine):
                        fit.add(fit_warning(problem, exhibit, page, language, screen, where))
                    if out is None:
                        continue
                    image = window.grabWindow()
                    path = out / name
                    if len(saves) >= MAX_PENDING_SAVES:  # a 4K screen is 33 MB: keep few
                        saves.pop(0).result()
                    saves.append(pool.submit(_save, image, path))
                    result.shots.append(Screenshot(path, language, page, closed))
        finally:
            for save in saves:
                save.result()  # re-raises a failed write
            result.qml_warnings = list(view.warnings)
            view.dispose()
    result.fit = fit.warnings
    result.seconds = time.monotonic() - started
    return result


def check_fit(exhibit: Exhibit, screen: ScreenProfile, *,
              languages: tuple[str, ...] | None = None) -> RenderResult:
    """Whether every text of every screen fits on ``screen``, without writing any file:
    the result's ``fit`` lists what does not. Needs a QGuiApplication and the fonts."""
    return render_exhibit(exhibit, None, screen, languages=languages)


def _save(image: QImage, path: Path) -> None:
    if image.isNull():
        raise OSError(f"{path}: the screen could not be captured")
    # Opaque RGB and a light zlib level: less than half the time of Qt's default, for
    # files barely larger.
    opaque = image.convertToFormat(QImage.Format.Format_RGB888)
    if not opaque.save(str(path), "PNG", PNG_QUALITY):
        raise OSError(f"{path}: could not write the file")


def wait_until_settled(window: QQuickWindow, engine: QQmlEngine, *,
                       quiet_ms: int = QUIET_MS, timeout_ms: int = SETTLE_TIMEOUT_MS) -> bool:
    """Run the event loop until no image on screen is loading and a frame has been
    drawn with nothing drawn since for ``quiet_ms``. False if ``timeout_ms`` ran out."""
    clock = QElapsedTimer()
    clock.start()
    last_frame = [-1]

    def frame_swapped() -> None:
        last_frame[0] = clock.elapsed()

    loop = QEventLoop()
    settled = [False]

    def poll() -> None:
        now = clock.elapsed()
        if images_loading(window, engine):
            window.update()
        elif last_frame[0] >= 0 and now - last_frame[0] >= quiet_ms:
            settled[0] = True
            loop.quit()
            return
        if now >= timeout_ms:
            loop.quit()

    window.frameSwapped.connect(frame_swapped)
    timer = QTimer()
    timer.setInterval(POLL_MS)
    timer.timeout.connect(poll)
    try:
        window.update()
        timer.start()
        loop.exec()
    finally:
        timer.stop()
        window.frameSwapped.disconnect(frame_swapped)
    return settled[0]


def picture_status(item: QQuickItem, engine: QQmlEngine) -> int | None:
    """As Image.status (0 null, 1 ready, 2 loading, 3 error) for an Image or an exhibit
    picture, which reads as loading while it is being decoded (its Image has no source
    yet); None for any other item."""
    decoding = item.property("pictureLoading")
    if decoding is True:
        return _IMAGE_LOADING
    if decoding is None and not item.inherits("QQuickImageBase"):
        return None
    # PySide cannot convert the Status enum itself; QML's view of it is an int.
    return engine.toScriptValue(item).property("status").toInt()


def images_loading(window: QQuickWindow, engine: QQmlEngine) -> bool:
    """Whether any visible picture on the window's surface is still loading or decoding."""
    bounds = QRectF(0, 0, window.width(), window.height())
    return any(picture_status(item, engine) == _IMAGE_LOADING
               and item.mapRectToScene(item.boundingRect()).intersects(bounds)
               for item in items_under(window.contentItem()))


def stale_screens(out: Path, written: list[Screenshot]) -> list[Path]:
    """Screens in ``out`` left by an earlier render (a panel since renamed or removed)."""
    fresh = {shot.path.name for shot in written}
    return sorted(p for p in out.iterdir()
                  if _SCREEN_FILE.match(p.name) and p.name not in fresh)


def render_command(exhibit_path: Path, out: Path, size: tuple[int, int] | None = None, *,
                   screens: Sequence[ScreenProfile] = (), strict: bool = False,
                   stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """``kiosk render``: 0 written, 1 the exhibit is invalid (or, with ``strict``, a text
    does not fit), 2 unreadable or unwritable.

    On each of ``screens``, or else on a ``size`` in pixels taken as a 24-inch screen
    (default: the 24in profile). One screen goes into ``out``; several into a folder each.
    """
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    # Before any QGuiApplication exists: render over SSH, in CI, anywhere without a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    make_singletons_immortal()  # also when called without the CLI (see the module)
    from kiosk.exhibit.load import load_exhibit
    from kiosk.exhibit.report import report

    result = load_exhibit(exhibit_path)
    status = report(exhibit_path, result, stdout, stderr, summary_when_valid=False)
    if result.exhibit is None:
        if status == EXIT_INVALID:
            print(f"{exhibit_path}: nothing rendered; fix the errors above first "
                  f"(check with: kiosk validate {exhibit_path})", file=stderr)
        return status
    exhibit = result.exhibit
    targets = list(unique(screens)) or [sized(*size) if size else DEFAULT_PROFILE]
    folders = {screen: out if len(targets) == 1 else out / screen.name for screen in targets}
    for folder in folders.values():
        if not _writable(folder, stderr):
            return EXIT_UNWRITABLE

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert isinstance(app, QGuiApplication)

    load_fonts()
    counts: list[tuple[ScreenProfile, int]] = []
    for screen, folder in folders.items():
        try:
            rendered = render_exhibit(exhibit, folder, screen)
            pages = write_proof(exhibit, rendered, folder / PROOF_NAME,
                                datetime.now().astimezone())
        except OSError as exc:
            print(f"{exc}; choose another folder with --out", file=stderr)
            return EXIT_UNWRITABLE
        _report(rendered, folder, pages, stdout, stderr)
        counts.append((screen, len(rendered.fit)))

    total = sum(count for _, count in counts)
    noun = "fit warning" if total == 1 else "fit warnings"
    per_screen = ", ".join(f"{screen.name}: {count}" for screen, count in counts)
    print(f"{exhibit_path}: {total} {noun} ({per_screen})", file=stdout)
    return EXIT_DOES_NOT_FIT if strict and total else EXIT_OK


def _writable(folder: Path, stderr: TextIO) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kiosk-render-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        print(f"{folder}: cannot write the screens here ({exc.strerror or exc}); "
              "choose another folder with --out", file=stderr)
        return False
    return True


def _report(rendered: RenderResult, folder: Path, pages: int, stdout: TextIO,
            stderr: TextIO) -> None:
    for warning in rendered.qml_warnings:
        print(f"QML warning: {warning}", file=stderr)
    for name in rendered.unsettled:
        print(f"{folder / name}: images still loading after {SETTLE_TIMEOUT_MS // 1000} s; "
              "this screen may be incomplete", file=stderr)
    for fit in rendered.fit:
        print(fit, file=stderr)
    width, height = rendered.size
    print(f"{folder}: {len(rendered.shots)} screens at {width}x{height} "
          f"({', '.join(rendered.languages)}) and {PROOF_NAME} ({pages} pages) "
          f"in {rendered.seconds:.1f} s", file=stdout)
    stale = stale_screens(folder, rendered.shots)
    if stale:
        print(f"{folder}: {len(stale)} older screens not from this render (panels renamed or "
              f"removed?): {', '.join(p.name for p in stale)}", file=stdout)
