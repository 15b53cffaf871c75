"""The display power switch the kiosk turns at closing and opening.

``DisplaySwitch(site.display.backends).off()`` tries the site's backends in order until
one works, remembers it, and tries it first from then on, so ``on()`` uses the backend
that turned the display off. Each call blocks while the tools run (up to ``timeout``
seconds each), so callers in the GUI process run it off the GUI thread.
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
from collections.abc import Mapping, Sequence

from kiosk.power.backends import Backend, backend_order, make_backend
from kiosk.power.commands import DEFAULT_TIMEOUT, CommandFailed, Commands, Runner
from kiosk.site.model import AUTO

log = logging.getLogger(__name__)


class DisplaySwitch:
    """Turns the display off and on through the first backend that works here.

    ``preference`` is the site's ``display.power``: ``("auto",)`` or backend names in
    order; empty for ``power: none``, when ``off()`` and ``on()`` run nothing and say
    nothing (that is logged once, here). ``run`` and ``env`` stand in for
    :func:`subprocess.run` and the kiosk's environment (``env`` decides ``auto``'s order
    and is what the tools see). Creating a switch runs nothing.
    """

    def __init__(self, preference: Sequence[str] = (AUTO,), *,
                 run: Runner = subprocess.run, env: Mapping[str, str] | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.order = backend_order(preference, os.environ if env is None else env)
        self._backends: dict[str, Backend] = {name: make_backend(name) for name in self.order}
        self._run = Commands(run, env, timeout)
        self._lock = threading.Lock()  # one switch at a time, from whichever thread calls
        self.backend: str | None = None  # the backend that last worked
        self.is_off = False  # as this switch last left the display
        if not self.order:
            log.info("Display power: off by the site's choice (`display: power: none`): "
                     "the kiosk never switches the display, and shows the closed screen "
                     "while closed")

    def off(self) -> bool:
        """Switch the display off; False when no backend could (each failure is logged)
        or there is none to try."""
        return self._switch("off")

    def on(self) -> bool:
        """Switch the display on; False when no backend could (each failure is logged)
        or there is none to try."""
        return self._switch("on")

    def _candidates(self) -> tuple[str, ...]:
        if self.backend is None:
            return self.order
        # The one that worked first; the others still, as a dark screen is the worst outcome.
        return (self.backend, *(name for name in self.order if name != self.backend))

    def _switch(self, action: str) -> bool:
        with self._lock:
            failed: list[str] = []
            for name in self._candidates():
                backend = self._backends[name]
                switch = backend.off if action == "off" else backend.on
                try:
                    switch(self._run)
                except CommandFailed as failure:
                    log.warning("Display power: %s could not switch the display %s: %s",
                                name, action, failure)
                    failed.append(name)
                    continue
                if name != self.backend:
                    log.info("Display power: using %s (%s)", name, backend.how)
                self.backend = name
                self.is_off = action == "off"
                return True
            if failed:
                log.error("Display power: no backend could switch the display %s (tried %s); "
                          "see 'Display power' in deploy/README.md", action, ", ".join(failed))
            return False
