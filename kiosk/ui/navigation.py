"""Where the visitor is: screen, page, open image, zoom and language.

A visit goes welcome → exhibit → closing (past the last page) and back to welcome.

All of the kiosk's visitor state lives here, in one QObject that QML binds to and calls.
QML only draws it; tests assert it directly.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QEnum, QObject, Qt, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.exhibit.languages import language_name
from kiosk.exhibit.model import Exhibit, Image, Quote
from kiosk.exhibit.pages import Page, build_pages, era_start, find_page, swipe_step

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

MAX_ZOOM = 6.0
MAX_ATTRACT_IMAGES = 8  # enough variety for the welcome loop; each is a screenful
DOUBLE_TAP_ZOOM = 2.5

EventSink = Callable[..., None]

# Qt's pixmap cache is shared by every engine in the process and keyed by URL, so a
# generation is never reused: not after a reload, nor by a second window (render, tests).
_generations = itertools.count(1)


def image_source(path: Path, generation: int) -> str:
    """The picture's file URL, as QML passes it to the decoder (kiosk.pictures.decoder), whose
    cache it keys.

    The generation changes on every reload and is never reused in the process, so no
    cache ever serves a replaced picture by its old URL.
    """
    return QUrl.fromLocalFile(str(path)).toString() + f"?g={generation}"


def image_entry(image: Image, language: str, generation: int) -> dict[str, Any]:
    """What QML shows of one exhibit image, in one language."""
    picture = image.files.get(language)
    return {
        "source": image_source(picture.path, generation),
        "alt": image.alt.get(language),
        "caption": image.caption.get(language),
        "credit": image.credit.get(language) if image.credit else "",
        "width": picture.width or 0,
        "height": picture.height or 0,
    }


def quote_entry(quote: Quote | None, language: str) -> dict[str, str]:
    """What QML shows of a panel's quotation in one language; empty texts without one."""
    fields = ("text", "who", "when", "source")
    if quote is None:
        return dict.fromkeys(fields, "")
    return {name: getattr(quote, name).get(language) for name in fields}


def no_events(event: str, **fields: Any) -> None:
    """Used when no event log is attached (previews, tests)."""


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class Navigator(QObject):
    @QEnum
    class Screen(IntEnum):
        """The screens of a visit, in order."""

        Welcome = 0
        Exhibit = 1
        Closing = 2

    screenChanged = Signal()
    pageChanged = Signal()
    languageChanged = Signal()
    viewerChanged = Signal()
    zoomChanged = Signal()
    exhibitChanged = Signal()
    animateChanged = Signal()
    erasChanged = Signal()
    resetDone = Signal()  # QML forgets scroll positions when this fires
    textsChanged = Signal()  # the language or the exhibit changed: every text may differ

    def __init__(self, exhibit: Exhibit, log_event: EventSink = no_events,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._log = log_event
        self._eras_open = False  # every era shown at once, where the timeline has no room
        self._clock = clock
        self._exhibit = exhibit
        self._pages = build_pages(exhibit)
        self._screen = Screen.Welcome
        self._page = 0
        self._language = exhibit.default_language
        self._viewer_open = False
        self._viewer_index = 0
        self._zoom = 1.0
        self._zoom_logged = False  # image_zoomed was logged for the picture in the viewer
        self._animate = True
        self._session_start: float | None = None
        self._closed = False  # outside opening hours: nobody enters
        self._seen: set[tuple[str, str]] = set()
        self.generation = next(_generations)  # new on every reload; in every image URL
        self.languageChanged.connect(self.textsChanged)
        self.exhibitChanged.connect(self.textsChanged)

    # --- the exhibit ---------------------------------------------------------------

    @property
    def exhibit(self) -> Exhibit:
        return self._exhibit

    @property
    def pages(self) -> tuple[Page, ...]:
        return self._pages

    def set_exhibit(self, exhibit: Exhibit) -> None:
        """Swap in a new exhibit whole, keeping the visitor's place when it still exists."""
        here = self.current_page
        self._exhibit = exhibit
        self._pages = build_pages(exhibit)
        self.generation = next(_generations)
        kept = find_page(self._pages, here.era.id, here.panel.id if here.panel else None,
                         here.quote)
        if kept is None:
            era_index = next((i for i, era in enumerate(exhibit.eras) if era.id == here.era.id),
                             None)
            kept = era_start(self._pages, era_index) if era_index is not None else 0
        self._page = kept
        if self._language not in exhibit.languages:
            self._language = exhibit.default_language
            self.languageChanged.emit()
        self._viewer_index = min(self._viewer_index, max(0, self.viewerCount - 1))
        if self.current_page.pictures_panel is None:
            self._viewer_open = False
        self.exhibitChanged.emit()
        self.pageChanged.emit()
        self.viewerChanged.emit()

    @property
    def current_page(self) -> Page:
        return self._pages[self._page]

    # --- properties QML binds to ---------------------------------------------------

    def _get_screen(self) -> Navigator.Screen:
        return self._screen

    def _get_page_index(self) -> int:
        return self._page

    def _get_page_count(self) -> int:
        return len(self._pages)

    def _get_era_index(self) -> int:
        return self.current_page.era_index

    def _get_panel_index(self) -> int:
        return self.current_page.panel_index

    def _get_era_position(self) -> int:
        """1-based place of this page within its era (the opening counts as the first)."""
        return self.current_page.era_position

    def _get_era_page_count(self) -> int:
        return self.current_page.era_pages

    def _get_language(self) -> str:
        return self._language

    @Property("QVariantList", notify=exhibitChanged)
    def languages(self) -> list[str]:
        return list(self._exhibit.languages)

    @Property("QVariantList", notify=exhibitChanged)
    def languageChoices(self) -> list[dict[str, str]]:
        """The welcome screen's language buttons, each named in its own language."""
        return [{"code": code, "name": language_name(code)} for code in self._exhibit.languages]

    def _get_eras_open(self) -> bool:
        return self._eras_open

    def _get_at_last_page(self) -> bool:
        return self._page == len(self._pages) - 1

    def _get_next_language_name(self) -> str:
        return language_name(self._next_language())

    def _get_viewer_open(self) -> bool:
        return self._viewer_open

    def _get_viewer_index(self) -> int:
        return self._viewer_index

    def _get_viewer_count(self) -> int:
        panel = self.current_page.pictures_panel
        return len(panel.images) if panel else 0

    @Property("QVariantMap", notify=viewerChanged)
    def viewerImage(self) -> dict[str, Any]:
        panel = self.current_page.pictures_panel
        if panel is None or not self._viewer_open:
            return {}
        return image_entry(panel.images[self._viewer_index], self._language, self.generation)

    def _get_zoom(self) -> float:
        return self._zoom

    def _get_animate(self) -> bool:
        return self._animate

    def _set_animate(self, value: bool) -> None:
        if value != self._animate:
            self._animate = value
            self.animateChanged.emit()

    def _get_title(self) -> str:
        return self._exhibit.title.get(self._language)

    def _get_subtitle(self) -> str:
        subtitle = self._exhibit.subtitle
        return subtitle.get(self._language) if subtitle else ""

    @Property("QVariantList", notify=textsChanged)
    def attractImages(self) -> list[dict[str, str]]:
        """Pictures for the welcome screen in the current language, each with its alt text:
        the attract image and highlights, or the first image of each era when the exhibit
        names none."""
        attract, language = self._exhibit.attract, self._language
        shown = [image for image in (attract.image, *attract.images) if image is not None]
        if len(shown) < 2:
            shown += [era.panels[0].images[0] for era in self._exhibit.eras]
        pictures = {image.files.get(language).path: image.alt.get(language) for image in shown}
        return [{"source": image_source(path, self.generation), "alt": alt}
                for path, alt in list(pictures.items())[:MAX_ATTRACT_IMAGES]]

    @Property("QVariantList", notify=textsChanged)
    def attractLanguages(self) -> list[str]:
        """The exhibit's languages, the current one first: the order of the invitations."""
        languages = list(self._exhibit.languages)
        start = languages.index(self._language)
        return languages[start:] + languages[:start]

    @Property("QVariantList", notify=textsChanged)
    def attractPrompts(self) -> list[str]:
        """The invitation in every language, the current one first."""
        prompt = self._exhibit.attract.prompt
        return [prompt.get(code) for code in self.attractLanguages]

    screen = Property(int, _get_screen, notify=screenChanged)  # a Screen
    pageIndex = Property(int, _get_page_index, notify=pageChanged)
    pageCount = Property(int, _get_page_count, notify=exhibitChanged)
    eraIndex = Property(int, _get_era_index, notify=pageChanged)
    panelIndex = Property(int, _get_panel_index, notify=pageChanged)
    eraPosition = Property(int, _get_era_position, notify=pageChanged)
    eraPageCount = Property(int, _get_era_page_count, notify=pageChanged)
    atLastPage = Property(bool, _get_at_last_page, notify=pageChanged)
    erasOpen = Property(bool, _get_eras_open, notify=erasChanged)
    language = Property(str, _get_language, notify=languageChanged)
    nextLanguageName = Property(str, _get_next_language_name, notify=textsChanged)
    viewerOpen = Property(bool, _get_viewer_open, notify=viewerChanged)
    viewerIndex = Property(int, _get_viewer_index, notify=viewerChanged)
    viewerCount = Property(int, _get_viewer_count, notify=viewerChanged)
    zoom = Property(float, _get_zoom, notify=zoomChanged)
    animate = Property(bool, _get_animate, _set_animate, notify=animateChanged)
    title = Property(str, _get_title, notify=textsChanged)
    subtitle = Property(str, _get_subtitle, notify=textsChanged)

    # --- moving around --------------------------------------------------------------

    @Slot()
    def enter(self) -> None:
        """A touch on the welcome screen: the visit begins at the first era."""
        if self._screen != Screen.Welcome or self._closed:
            return
        self._session_start = self._clock()
        self._seen.clear()
        self._set_screen(Screen.Exhibit)
        self._show(self._page, force=True)

    @Slot(str)
    def chooseLanguage(self, code: str) -> None:
        """A language button on the welcome screen: the visit begins in that language."""
        if (self._screen != Screen.Welcome or self._closed
                or code not in self._exhibit.languages):
            return
        self._switch_language(code)
        self._log("language_chosen", lang=code)
        self.enter()

    @Slot(str)
    def enterIn(self, code: str) -> None:
        """A touch elsewhere on the welcome screen while its invitation shows in `code`:
        the visitor answered that invitation, so the visit is in its language."""
        if self._screen != Screen.Welcome or self._closed:
            return
        if code in self._exhibit.languages:
            self._switch_language(code)
        self.enter()

    @Slot()
    def goHome(self) -> None:
        self.reset(reason="home")

    @Slot()
    def startAgain(self) -> None:
        """The closing screen's "Start again": the visit ends, for the next visitor."""
        self.reset(reason="start_again")

    @Slot()
    def next(self) -> None:
        if self._screen == Screen.Closing:
            return
        if self._screen == Screen.Exhibit and self._get_at_last_page():
            self._finish()
        else:
            self._show(self._page + 1)

    @Slot()
    def previous(self) -> None:
        if self._screen == Screen.Closing:
            self._show(self._page)  # back to the last page, where the visitor left it
        else:
            self._show(self._page - 1)

    @Slot(int)
    def goToPage(self, index: int) -> None:
        self._show(index)

    @Slot()
    def showEras(self) -> None:
        self._set_eras_open(True)

    @Slot()
    def hideEras(self) -> None:
        self._set_eras_open(False)

    def _set_eras_open(self, shown: bool) -> None:
        if shown != self._eras_open:
            self._eras_open = shown
            self.erasChanged.emit()

    @Slot(int)
    def openEra(self, era_index: int) -> None:
        self._set_eras_open(False)
        if self._closed:
            return
        if 0 <= era_index < len(self._exhibit.eras):
            if self._screen == Screen.Welcome:
                self.enter()
            self._show(era_start(self._pages, era_index))

    @Slot(float, float, float)
    def endSwipe(self, dx: float, velocity: float, width: float) -> None:
        step = swipe_step(dx, velocity, width)
        if step > 0:
            self.next()
        elif step < 0:
            self.previous()

    def _set_screen(self, screen: Navigator.Screen) -> None:
        if screen != self._screen:
            self._screen = screen
            self.screenChanged.emit()

    def _finish(self) -> None:
        """Past the last page: the closing screen thanks the visitor."""
        self._close_viewer(log=False)
        self._set_screen(Screen.Closing)
        self._log("exhibit_finished", panels_seen=len(self._seen))

    def _show(self, index: int, force: bool = False) -> None:
        """Show a page; from the closing screen, any page means back into the exhibit."""
        index = max(0, min(index, len(self._pages) - 1))
        returning = self._screen == Screen.Closing
        if index == self._page and not force and not returning:
            return
        if returning:
            self._set_screen(Screen.Exhibit)
        previous_era = self.current_page.era_index
        moved = index != self._page
        self._page = index
        self._close_viewer(log=False)
        if moved or force:
            self.pageChanged.emit()
        page = self.current_page
        if force or page.era_index != previous_era or (moved and page.is_opening):
            self._log("era_opened", era=page.era.id)
        if page.quote and page.panel is not None:
            self._log("quote_shown", era=page.era.id, panel=page.panel.id, lang=self._language)
        elif page.panel is not None:
            self._seen.add((page.era.id, page.panel.id))
            self._log("panel_shown", era=page.era.id, panel=page.panel.id, lang=self._language)

    # --- the image viewer -------------------------------------------------------------

    @Slot(int)
    def openImage(self, index: int) -> None:
        panel = self.current_page.pictures_panel
        if panel is None or not 0 <= index < len(panel.images):
            return
        self._viewer_open = True
        self._viewer_index = index
        self._set_zoom(1.0)
        self._zoom_logged = False
        self.viewerChanged.emit()
        self._log_image()

    def _log_image(self) -> None:
        """The picture now in the viewer, whether opened from the panel or moved to."""
        page = self.current_page
        if page.pictures_panel is not None:
            self._log("image_opened", era=page.era.id, panel=page.panel.id,
                      image=page.panel.images[self._viewer_index].files.get(self._language).file,
                      index=self._viewer_index)

    @Slot()
    def closeImage(self) -> None:
        self._close_viewer(log=True)

    def _close_viewer(self, log: bool) -> None:
        if self._viewer_open or self._viewer_index or self._zoom != 1.0:
            self._viewer_open = False
            self._viewer_index = 0
            self._set_zoom(1.0)
            self.viewerChanged.emit()
            if log:
                self._log("image_closed")

    @Slot(int)
    def showImage(self, index: int) -> None:
        if self._viewer_open and 0 <= index < self.viewerCount and index != self._viewer_index:
            self._viewer_index = index
            self._set_zoom(1.0)
            self._zoom_logged = False
            self.viewerChanged.emit()
            self._log_image()

    @Slot(float, float, float)
    def endViewerSwipe(self, dx: float, velocity: float, width: float) -> None:
        """Swiping in the viewer moves between the panel's images (only when not zoomed)."""
        if self._zoom <= 1.0:
            self.showImage(self._viewer_index + swipe_step(dx, velocity, width))

    @Slot(float)
    def setZoom(self, zoom: float) -> None:
        self._set_zoom(zoom)
        self._log_zoom()

    @Slot()
    def toggleZoom(self) -> None:
        self._set_zoom(1.0 if self._zoom > 1.0 else DOUBLE_TAP_ZOOM)
        self._log_zoom()

    def _log_zoom(self) -> None:
        """A visitor zoomed into the picture in the viewer: once for each picture shown."""
        page = self.current_page
        if (self._zoom > 1.0 and self._viewer_open and not self._zoom_logged
                and page.pictures_panel is not None):
            self._zoom_logged = True
            self._log("image_zoomed", era=page.era.id, panel=page.panel.id,
                      image=page.panel.images[self._viewer_index].files.get(
                          self._language).file, index=self._viewer_index)

    def _set_zoom(self, zoom: float) -> None:
        zoom = max(1.0, min(MAX_ZOOM, zoom))
        if abs(zoom - self._zoom) > 1e-3:
            self._zoom = zoom
            self.zoomChanged.emit()

    # --- the accessible keypad ---------------------------------------------------------

    @Slot(int, result=bool)
    def pressKey(self, key: int) -> bool:
        """A key of an accessible kiosk keypad (arrows, Enter, Escape/Back, Home): whether
        it did anything here. Up and Down move the focus, which QML keeps."""
        if self._closed:
            return False  # nothing to move to: the closed screen covers every screen
        keys = Qt.Key
        if key == keys.Key_Home:
            self.goHome()
        elif key in (keys.Key_Escape, keys.Key_Back):
            if self._viewer_open:
                self.closeImage()
            elif self._eras_open:
                self.hideEras()
            elif self._screen != Screen.Welcome:
                self.previous()
        elif key in (keys.Key_Return, keys.Key_Enter, keys.Key_Space):
            if self._screen != Screen.Welcome:
                return False  # the focused control takes it
            self.enter()
        elif key in (keys.Key_Right, keys.Key_Left):
            step = 1 if key == keys.Key_Right else -1
            if self._viewer_open:
                self.showImage(self._viewer_index + step)
            elif step > 0:
                self.next()
            else:
                self.previous()
        else:
            return False
        return True

    # --- language ---------------------------------------------------------------------

    def _next_language(self) -> str:
        languages = self._exhibit.languages
        return languages[(languages.index(self._language) + 1) % len(languages)]

    @Slot()
    def toggleLanguage(self) -> None:
        self.setLanguage(self._next_language())

    @Slot(str)
    def setLanguage(self, code: str) -> None:
        if code in self._exhibit.languages and code != self._language:
            self._switch_language(code)
            self._log("language_changed", lang=code)

    def _switch_language(self, code: str) -> None:
        if code != self._language:
            self._language = code
            self.languageChanged.emit()
            self.viewerChanged.emit()  # the open picture's caption and alt text

    # --- opening hours -------------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._closed

    def set_closed(self, closed: bool) -> None:
        """Outside opening hours nothing enters the exhibit; the caller ends the visit."""
        self._closed = closed

    # --- starting over ------------------------------------------------------------------

    @Slot()
    def reset(self, reason: str = "idle") -> None:
        """Back to the welcome screen, for the next visitor.

        The idle reset and closing time are exactly a fresh start; any other keeps the
        chosen language, as a visitor who goes Home or starts again is still there and
        reading it.
        """
        was_visiting = self._screen != Screen.Welcome
        if was_visiting and self._session_start is not None:
            # An idle reset comes idle timeout + countdown after the last touch, and a
            # panel is read at most for the timeout: said, so that a reader of the log
            # (`kiosk report`) can count the visit to its last touch.
            idle = self._exhibit.idle
            self._log("session_end", reason=reason,
                      seconds=round(self._clock() - self._session_start, 1),
                      panels_seen=len(self._seen), idle_timeout=idle.timeout,
                      idle_countdown=idle.countdown)
        self._session_start = None
        self._seen.clear()
        self._close_viewer(log=False)
        self._set_eras_open(False)
        self._page = 0
        self._screen = Screen.Welcome
        if reason in ("idle", "closed"):
            self._switch_language(self._exhibit.default_language)
        self.pageChanged.emit()
        self.screenChanged.emit()
        self.resetDone.emit()
        self._log("attract_shown")

    def snapshot(self) -> dict[str, Any]:
        """Everything a visitor could have changed, to compare a reset with a fresh start."""
        return {
            "screen": self._screen,
            "page": self._page,
            "language": self._language,
            "viewer_open": self._viewer_open,
            "eras_open": self._eras_open,
            "viewer_index": self._viewer_index,
            "zoom": self._zoom,
            "session": self._session_start,
            "seen": frozenset(self._seen),
        }


Screen = Navigator.Screen
