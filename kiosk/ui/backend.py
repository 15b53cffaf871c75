"""The one QML singleton: how the screens reach the Python objects of their engine.

Each engine gets its own Backend (QML calls `create(engine)` once per engine), so the
kiosk, `kiosk render` and every test can each build a window over their own state.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject
from PySide6.QtQml import QmlElement, QmlSingleton, QQmlEngine

from kiosk.pictures.decoder import ImageDecoder
from kiosk.staff.access import StaffAccess
from kiosk.ui.banner import StaffBanner
from kiosk.ui.hours import OpeningHours
from kiosk.ui.idle import IdleMonitor
from kiosk.ui.metrics import ScreenMetrics
from kiosk.ui.models import ErasModel, PagesModel
from kiosk.ui.navigation import Navigator

QML_IMPORT_NAME = "ExhibitKiosk"
QML_IMPORT_MAJOR_VERSION = 1

_ENGINE_PROPERTY = "kioskBackend"


@QmlElement
@QmlSingleton
class Backend(QObject):
    def __init__(self, nav: Navigator, pages: PagesModel, eras: ErasModel,
                 metrics: ScreenMetrics, idle: IdleMonitor, banner: StaffBanner,
                 staff: StaffAccess, decoder: ImageDecoder, theme: dict[str, str],
                 font_family: str, heading_family: str, hours: OpeningHours,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nav, self._pages, self._eras = nav, pages, eras
        self._metrics, self._idle, self._banner = metrics, idle, banner
        self._staff, self._decoder, self._theme = staff, decoder, theme
        self._font_family, self._heading_family = font_family, heading_family
        self._hours = hours

    @staticmethod
    def create(engine: QQmlEngine) -> Backend:
        backend = engine.property(_ENGINE_PROPERTY)
        if not isinstance(backend, Backend):
            raise RuntimeError("attach a Backend to the engine before loading the kiosk's QML")
        return backend

    def attach(self, engine: QQmlEngine) -> None:
        """Make this the Backend that `engine`'s QML sees."""
        self.setParent(engine)
        engine.setProperty(_ENGINE_PROPERTY, self)

    def _get_nav(self) -> Navigator:
        return self._nav

    def _get_pages(self) -> PagesModel:
        return self._pages

    def _get_eras(self) -> ErasModel:
        return self._eras

    def _get_metrics(self) -> ScreenMetrics:
        return self._metrics

    def _get_idle(self) -> IdleMonitor:
        return self._idle

    def _get_banner(self) -> StaffBanner:
        return self._banner

    def _get_staff(self) -> StaffAccess:
        return self._staff

    def _get_decoder(self) -> ImageDecoder:
        return self._decoder

    def _get_hours(self) -> OpeningHours:
        return self._hours

    @Property("QVariantMap", constant=True)
    def theme(self) -> dict[str, str]:
        return self._theme

    def _get_font_family(self) -> str:
        return self._font_family

    def _get_heading_family(self) -> str:
        return self._heading_family

    nav = Property(Navigator, _get_nav, constant=True)
    pages = Property(PagesModel, _get_pages, constant=True)
    eras = Property(ErasModel, _get_eras, constant=True)
    metrics = Property(ScreenMetrics, _get_metrics, constant=True)
    idle = Property(IdleMonitor, _get_idle, constant=True)
    banner = Property(StaffBanner, _get_banner, constant=True)
    staff = Property(StaffAccess, _get_staff, constant=True)
    decoder = Property(ImageDecoder, _get_decoder, constant=True)
    hours = Property(OpeningHours, _get_hours, constant=True)
    fontFamily = Property(str, _get_font_family, constant=True)
    headingFamily = Property(str, _get_heading_family, constant=True)
