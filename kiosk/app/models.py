"""List models QML draws the exhibit from: its pages and its eras, in the current language."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)

from kiosk.app.navigation import Navigator, image_entry
from kiosk.exhibit.model import Text

ModelIndex = QModelIndex | QPersistentModelIndex

# Qt::DisplayRole and Qt::UserRole as the plain numbers QML passes: naming them through
# Qt.ItemDataRole would make PySide build every enum of the Qt namespace at start-up.
DISPLAY_ROLE = 0
USER_ROLE = 0x0100


def _text(text: Text | None, language: str) -> str:
    return text.get(language) if text is not None else ""


class _LanguageModel(QAbstractListModel):
    """A list whose texts follow the navigator's language and exhibit."""

    ROLES: tuple[str, ...] = ()

    def __init__(self, nav: Navigator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nav = nav
        nav.languageChanged.connect(self._texts_changed)
        nav.exhibitChanged.connect(self._rebuild)

    def roleNames(self) -> dict[int, QByteArray]:
        return {USER_ROLE + i: QByteArray(name.encode())
                for i, name in enumerate(self.ROLES)}

    def data(self, index: ModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        offset = role - USER_ROLE
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


class PagesModel(_LanguageModel):
    """One row per page: each era's opening, then its panels."""

    ROLES = ("kind", "eraId", "panelId", "eraIndex", "eraTitle", "years", "title", "body",
             "images")

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nav.pages)

    def row(self, row: int, language: str) -> dict[str, Any]:
        page = self._nav.pages[row]
        era, panel = page.era, page.panel
        return {
            "kind": "opening" if panel is None else "panel",
            "eraId": era.id,
            "panelId": panel.id if panel else "",
            "eraIndex": page.era_index,
            "eraTitle": _text(era.title, language),
            "years": era.years,
            "title": _text(panel.title if panel else era.title, language),
            "body": _text(panel.text if panel else era.summary, language),
            "images": [image_entry(image, language, self._nav.generation)
                       for image in (panel.images if panel else era.panels[0].images[:1])],
        }


class ErasModel(_LanguageModel):
    """The era timeline."""

    ROLES = ("eraId", "title", "years")

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._nav.exhibit.eras)

    def row(self, row: int, language: str) -> dict[str, Any]:
        era = self._nav.exhibit.eras[row]
        return {"eraId": era.id, "title": _text(era.title, language), "years": era.years}
