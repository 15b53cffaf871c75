"""Which site file a kiosk uses: ``--site PATH``, else the system-wide one, else the user's."""

from __future__ import annotations

from pathlib import Path

from kiosk.paths import config_dir

SYSTEM_SITE_FILE = Path("/etc/exhibit-kiosk/site.yaml")
SITE_FILE_NAME = "site.yaml"


def site_file_candidates(system: Path = SYSTEM_SITE_FILE) -> tuple[Path, ...]:
    """Where a site file is looked for, in order, when none is named."""
    return (system, config_dir() / SITE_FILE_NAME)


def find_site_file(named: Path | None = None, *, system: Path = SYSTEM_SITE_FILE
                   ) -> Path | None:
    """``named`` when given (even if missing: loading it then says so), else the first of
    :func:`site_file_candidates` that exists; None means no site file: open always.

    Anything at a candidate's path counts, a broken or unreadable file too, so that a
    mistake there is reported rather than silently passed over for the next one.
    """
    if named is not None:
        return named
    for candidate in site_file_candidates(system):
        try:
            if candidate.exists() or candidate.is_symlink():
                return candidate
        except OSError:  # e.g. a folder the kiosk may not look into: loading will say so
            return candidate
    return None
