"""Loading an exhibit file: read, parse, check, and build the frozen model — or say why not.

:func:`load_exhibit` never raises: every problem, expected or not, comes back as a
:class:`Diagnostic` so the kiosk can keep showing the last good exhibit and
``kiosk validate`` can print them all.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.exhibit.build import Counts, ExhibitBuilder
from kiosk.exhibit.diagnostics import Diagnosed, Diagnostic
from kiosk.exhibit.model import Exhibit
from kiosk.exhibit.source import read_source
from kiosk.exhibit.yamltree import parse_tree

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadResult(Diagnosed):
    """A loaded exhibit file: the exhibit when it has no errors, and every problem found."""

    exhibit: Exhibit | None  # None whenever there is any error
    diagnostics: tuple[Diagnostic, ...]  # sorted by line, then column
    readable: bool = True  # False when the file could not be read as text at all
    counts: Counts = Counts()  # eras, panels and images described, valid or not
    source: bytes = field(default=b"", repr=False)  # the file's bytes this was made from

    @property
    def ok(self) -> bool:
        return self.exhibit is not None


def load_exhibit(path: Path, *, check_images: bool = True, time_svgs: bool = False
                 ) -> LoadResult:
    """Load and validate ``path``; image headers are read unless ``check_images`` is False,
    and with ``time_svgs`` every SVG is drawn once to see that it draws in time (slow: a
    process per SVG, for `kiosk validate`; the kiosk itself stops a slow drawing as it shows it).

    Diagnostics name the file as ``path`` was given (e.g. ``exhibit.yaml``).
    """
    file = str(path)
    try:
        return _load(path, file, check_images, time_svgs)
    # guard: load-never-raises
    except Exception as exc:  # the promise is a result for every input, even our own bugs
        log.exception("unexpected failure while loading %s", file)
        return LoadResult(None, (Diagnostic(
            file, 0, 0, "error",
            f"the exhibit could not be checked because of an internal error ({exc!r}); "
            "please report this with the file attached"),))


def _load(path: Path, file: str, check_images: bool, time_svgs: bool) -> LoadResult:
    source = read_source(path, file)
    if source.text is None:
        return LoadResult(None, source.diagnostics, readable=source.readable)
    if source.diagnostics:  # tabs in indentation: parsing would only add confusion
        return LoadResult(None, source.diagnostics)
    root, problems = parse_tree(source.text, file)
    if root is None:
        return LoadResult(None, tuple(sorted(problems)))
    builder = ExhibitBuilder(path, file, check_images=check_images, time_svgs=time_svgs)
    exhibit = builder.build(root)
    diagnostics = tuple(sorted([*problems, *builder.reader.diagnostics]))
    if any(d.is_error for d in diagnostics):  # guard: errors-mean-no-exhibit
        exhibit = None
    return LoadResult(exhibit, diagnostics, counts=builder.counts, source=source.data)

