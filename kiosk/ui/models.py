"""List models QML draws the exhibit from: its pages and its eras, in the current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.exhibit.model import Panel, Text
from kiosk.ui.navigation import Navigator, image_entry, quote_entry

ModelIndex = QModelIndex | QPersistentModelIndex

DISPLAY_ROLE = Qt.ItemDataRole.DisplayRole
USER_ROLE = Qt.ItemDataRole.UserRole

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1


# A panel with more words than this gives its words the larger share of the screen.
WORDY_CHARACTERS = 420
SHORT_NAME = 12  # characters: a name this short reads best on one line


def _text(text: Text | None, language: str) -> str:
    return text.get(language) if text is not None else ""


def is_wordy(panel: Panel, language: str) -> bool:
    """Whether the panel's words, rather than its picture, should have the most room."""
    words = _text(panel.title, language) + _text(panel.text, language)
    words += _text(panel.images[0].caption, language) if panel.images else ""
    return len(words) > WORDY_CHARACTERS


def two_lines(title: str) -> str:
    """A name broken at the space that best balances it over two lines, so a timeline tile
    can be sized to its words and never cut them. One word stays one line."""
    words = title.split()
    if len(words) < 2 or len(title) <= SHORT_NAME:
        return title
    best = min(range(1, len(words)),
               key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class LanguageModel(QAbstractListModel):
    """A list whose texts follow the navigator's language and exhibit."""

    ROLES: tuple[str, ...] = ()

    def __init__(self, nav: Navigator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nav = nav
        nav.languageChanged.connect(self._texts_changed)
        nav.exhibitChanged.connect(self._rebuild)

    def roleNames(self) -> dict[int, QByteArray]:
        return {USER_ROLE.value + i: QByteArray(name.encode())
                for i, name in enumerate(self.ROLES)}

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        offset = int(role) - USER_ROLE.value
        if not 0 <= offset < len(self.ROLES):
            return None
        return self.row(index.row(), self._nav.language)[self.ROLES[offset]]

    def row(self, row: int, language: str) -> dict[str, Any]:
        raise NotImplementedError

    def _texts_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0), self.index(self.rowCount() - 1))

    def _rebuild(self) -> None:
        self.beginResetModel()
        self.endResetModel()


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class PagesModel(LanguageModel):
    """One row per page: each era's opening, then its panels."""

    ROLES = ("kind", "eraId", "panelId", "eraIndex", "eraTitle", "years", "title", "body",
             "images", "quote", "eraPosition", "eraPages", "wordy")

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nav.pages)

    def row(self, row: int, language: str) -> dict[str, Any]:
        page = self._nav.pages[row]
        era, panel = page.era, page.panel
        return {
            "kind": "opening" if panel is None else "quote" if page.quote else "panel",
            "eraId": era.id,
            "panelId": panel.id if panel else "",
            "eraIndex": page.era_index,
            "eraTitle": _text(era.title, language),
            "years": era.years,
            "title": _text(panel.title if panel else era.title, language),
            "body": _text(panel.text if panel else era.summary, language),
            "images": [image_entry(image, language, self._nav.generation)
                       for image in (panel.images if panel else era.panels[0].images[:1])],
            "quote": quote_entry(panel.quote if page.quote and panel else None, language),
            "eraPosition": page.era_position,
            "eraPages": page.era_pages,
            "wordy": is_wordy(panel, language) if panel else False,
        }


@QmlElement
@QmlUncreatable("made by the kiosk for each window")
class ErasModel(LanguageModel):
    """The era timeline."""

    ROLES = ("eraId", "title", "years", "label")

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nav.exhibit.eras)

    def row(self, row: int, language: str) -> dict[str, Any]:
        era = self._nav.exhibit.eras[row]
        title = _text(era.title, language)
        return {"eraId": era.id, "title": title, "years": era.years, "label": two_lines(title)}
