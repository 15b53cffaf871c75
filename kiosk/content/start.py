"""Which exhibit a kiosk with a content folder starts with: the release it adopted last.
Before its first, the exhibit it was started with is adopted as one, so the live reload,
`kiosk status` and `kiosk rollback` work the same from the first day."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from kiosk.content.manifest import RELEASES
from kiosk.content.publish import PublishError, publish
from kiosk.content.store import ReleaseStore

log = logging.getLogger(__name__)

SEED = "seed"


def exhibit_from_store(store: ReleaseStore, given: Path) -> Path:
    """The exhibit file to show: the current release's, or ``given`` when it cannot be
    adopted (it has errors: the usual start-up then reports them)."""
    if store.current is None:
        _adopt_given(store, given)
    return store.current_exhibit if store.current is not None else given


def _adopt_given(store: ReleaseStore, given: Path) -> None:
    seed = store.root / SEED
    try:
        manifest, _ = publish(given.parent, seed, by="the kiosk's own start")
        outcome = store.adopt_folder(seed / RELEASES / manifest.release)
    except (PublishError, OSError) as error:
        log.warning("%s is not adopted as the kiosk's first release: %s", given, error)
        return
    finally:
        shutil.rmtree(seed, ignore_errors=True)
    log.info("%s adopted as the kiosk's first release, %s (%s)", given, outcome.release,
             outcome.result)
