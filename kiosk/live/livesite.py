"""Live reload of the site file: an edit to the opening hours, the closures (the calendar
file too), the display's power or the daily restart takes effect without a restart; an
edit with errors is refused, logged with the validator's messages, and the kiosk keeps the
settings it had."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.live.filethread import FileThread
from kiosk.site.model import Site

if TYPE_CHECKING:
    from kiosk.site.load import SiteLoadResult

log = logging.getLogger(__name__)


def _read_site(path: Path) -> tuple[SiteLoadResult, tuple[Path, ...] | None]:
    """On the site file's thread: the site, and its calendar file to watch too."""
    from kiosk.site.load import load_site  # the YAML reader: only on kiosks with a site file

    result = load_site(path)
    if result.site is None:
        return result, None
    return result, _named_files(result.site)


def _named_files(site: Site) -> tuple[Path, ...]:
    return () if site.closures_ics is None else (site.closures_ics,)


class LiveSite(QObject):
    """Follows the site file at ``path``. ``site`` is the one in use (None when the file
    had errors at start, and the kiosk runs on the defaults until it is fixed)."""

    applied = Signal(object)  # the new Site
    rejected = Signal(int)  # how many errors the refused file has

    def __init__(self, path: Path, site: Site | None, log_event: Callable[..., None],
                 settle_ms: int = 400, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._site = site
        self._log = log_event
        self._files = FileThread(path, _read_site, "site-file", settle_ms, self)
        self._files.loaded.connect(self._loaded)
        self._files.watch(() if site is None else _named_files(site))

    def stop(self) -> None:
        self._files.stop()

    @Slot(object)
    def _loaded(self, result: SiteLoadResult) -> None:
        if result.site is None:
            errors = [str(d) for d in result.errors] or ["the site file cannot be read"]
            log.warning("the edited site file has errors; the kiosk keeps the settings it "
                        "had:\n%s", "\n".join(errors))
            self._log("site_rejected", messages=errors)
            self.rejected.emit(len(errors))
            return
        if result.site == self._site:
            return  # a comment or a blank line: nothing to do
        self._site = result.site
        log.info("site file %s reloaded: kiosk %r", result.site.path, result.site.name)
        self._log("site_applied")
        self.applied.emit(result.site)
