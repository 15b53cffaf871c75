"""What the site file sets in the running kiosk: the opening hours, the display's power
switch, the daily restart and the kiosk's name. Set at start, and again from each good
edit of the file (kiosk/live/livesite.py), without a restart."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, Signal, Slot

from kiosk.live.dailyrestart import DailyRestart
from kiosk.live.reporting import StateReporter
from kiosk.live.screenpower import ScreenPower
from kiosk.power.display import DisplaySwitch
from kiosk.site.model import Site
from kiosk.site.schedule import Schedule
from kiosk.ui.navigation import Screen
from kiosk.ui.window import KioskView

log = logging.getLogger(__name__)


class SiteSettings(QObject):
    """Applies a :class:`Site` to the kiosk of ``view``. ``restart`` ends the kiosk for its
    daily restart (systemd starts it again); a preview (``windowed``) never restarts."""

    applied = Signal(object)  # the Site now in effect

    def __init__(self, view: KioskView, reporter: StateReporter,
                 log_event: Callable[..., None], restart: Callable[[], None], *,
                 windowed: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._reporter = reporter
        self._log_event = log_event
        self._restart = restart
        self._windowed = windowed
        self.site: Site | None = None
        self.power: ScreenPower | None = None  # made once the site has hours
        self.daily: DailyRestart | None = None
        self.restarting = False  # ending for the daily restart

    @Slot(object)
    def apply(self, site: Site) -> None:
        old, self.site = self.site, site
        if old is not None and (old.metrics, old.content) != (site.metrics, site.content):
            log.warning("the site file's metrics or content settings changed; they take "
                        "effect when the kiosk next starts")
        state = self._reporter.state
        state.kiosk, state.zone = site.name, site.timezone
        hours = self._view.hours
        schedule = None if site.always_open else Schedule(site)
        hours.set_schedule(schedule)  # a closing or an opening now is announced from here
        if schedule is not None:
            self._power_for(site, old)
            if not hours.open:
                assert self.power is not None
                self.power.start_closed(_closed_for_s(schedule, hours.now()))
        if old is None or (old.daily_restart, old.timezone) != (site.daily_restart,
                                                                 site.timezone):
            self._daily_for(site)
        self.applied.emit(site)

    def stop(self) -> None:
        """At the kiosk's end: no restart pending, and the display left on, except when the
        kiosk restarts at night (the next one finds it off and keeps it so)."""
        if self.daily is not None:
            self.daily.stop()
        if self.power is not None:
            self.power.stop(leave_on=not (self.restarting and not self._view.hours.open))

    def _power_for(self, site: Site, old: Site | None) -> None:
        if self.power is None:
            self.power = ScreenPower(DisplaySwitch(site.display.backends),
                                     site.display.off_after, self._log_event, parent=self)
            self._view.hours.closedChanged.connect(self.power.closed)
            self.power.changed.connect(self._reporter.displayChanged)
        elif old is not None and old.display != site.display:
            self.power.use(DisplaySwitch(site.display.backends), site.display.off_after)

    def _daily_for(self, site: Site) -> None:
        if self.daily is not None:
            self.daily.stop()
            self.daily.deleteLater()
            self.daily = None
        if site.daily_restart is None or self._windowed:
            return
        nav = self._view.nav
        self.daily = DailyRestart(site.daily_restart, site.timezone,
                                  busy=lambda: nav.screen != Screen.Welcome,
                                  restart=self._restart_now, log_event=self._log_event,
                                  parent=self)
        nav.screenChanged.connect(self.daily.check)
        self.daily.start()

    def _restart_now(self) -> None:
        self.restarting = True
        self._restart()


def _closed_for_s(schedule: Schedule, now: datetime) -> float:
    """How long the kiosk, closed ``now``, has been: a kiosk restarted at night keeps the
    display off rather than lighting it for the whole grace again."""
    since = schedule.closed_since(now)
    return 0.0 if since is None else (now - since).total_seconds()
