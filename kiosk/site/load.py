"""Loading a site file: read, parse, check, and build the frozen model — or say why not.

The file is read and parsed by the exhibit file's own machinery (size and encoding checks,
the position-keeping YAML tree), so both files are checked and reported the same way.
:func:`load_site` never raises: every problem comes back as a :class:`Diagnostic`.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.exhibit.diagnostics import Diagnosed, Diagnostic
from kiosk.exhibit.filebytes import FileKind
from kiosk.exhibit.source import read_source
from kiosk.exhibit.yamltree import parse_tree
from kiosk.site.build import SiteBuilder, SiteCounts
from kiosk.site.model import Site
from kiosk.site.zones import machine_zone

log = logging.getLogger(__name__)

SITE_FILE = FileKind("a site file", "the site file", "site files", "site.yaml",
                     "a site file needs")


@dataclass(frozen=True)
class SiteLoadResult(Diagnosed):
    """A loaded site file: the site when it has no errors, and every problem found."""

    site: Site | None  # None whenever there is any error
    diagnostics: tuple[Diagnostic, ...]  # the site file's by line and column, then others
    readable: bool = True  # False when the file could not be read as text at all
    counts: SiteCounts = SiteCounts()
    source: bytes = field(default=b"", repr=False)  # the file's bytes this was made from

    @property
    def ok(self) -> bool:
        return self.site is not None


def load_site(path: Path, *, zone: ZoneInfo | None = None,
              hostname: str | None = None) -> SiteLoadResult:
    """Load and validate the site file ``path``; ``zone`` (default: the machine's) and
    ``hostname`` (default: the machine's) stand in for a missing ``timezone`` and ``name``.

    Diagnostics name the file as ``path`` was given (e.g. ``site.yaml``).
    """
    file = str(path)
    try:
        return _load(path, file, zone or machine_zone(), hostname or socket.gethostname())
    except Exception as exc:  # the promise is a result for every input, even our own bugs
        log.exception("unexpected failure while loading %s", file)
        return SiteLoadResult(None, (Diagnostic(
            file, 0, 0, "error",
            f"the site file could not be checked because of an internal error ({exc!r}); "
            "please report this with the file attached"),))


def _load(path: Path, file: str, zone: ZoneInfo, hostname: str) -> SiteLoadResult:
    source = read_source(path, file, SITE_FILE)
    if source.text is None:
        return SiteLoadResult(None, source.diagnostics, readable=source.readable)
    if source.diagnostics:  # tabs in indentation: parsing would only add confusion
        return SiteLoadResult(None, source.diagnostics)
    root, problems = parse_tree(source.text, file, SITE_FILE)
    if root is None:
        return SiteLoadResult(None, tuple(sorted(problems)))
    builder = SiteBuilder(path, file, machine_zone=zone, hostname=hostname)
    site = builder.build(root)
    # The site file's own problems first, then those inside the calendar file it names.
    diagnostics = tuple(sorted([*problems, *builder.reader.diagnostics],
                               key=lambda d: (d.file != file, d.file, d.line, d.col)))
    if any(d.is_error for d in diagnostics):
        site = None
    return SiteLoadResult(site, diagnostics, counts=builder.counts, source=source.data)

