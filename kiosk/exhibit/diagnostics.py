"""Problems found in an exhibit, reported the way compilers do so editors can jump to them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# C0 and C1 controls (DEL included), and the bidirectional overrides and isolates that can
# make a line read differently from what it holds ("Trojan Source").
INVISIBLE_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    """``text`` with each control character written out as ``\\xNN`` or ``\\uNNNN``."""
    return INVISIBLE_CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                                  text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: ``exhibit.yaml:LINE:COL: error: message``.

    Lines and columns are 1-based; 0 means "the file as a whole" (for example a file
    that cannot be read at all).
    """

    file: str
    line: int
    col: int
    severity: Severity
    message: str

    def __str__(self) -> str:
        # A file name or a quoted text may hold control characters: shown escaped, an ESC
        # cannot drive the terminal and a newline cannot split the FILE:LINE:COL line.
        # guard: messages-escape-controls
        file, message = escape_controls(self.file), escape_controls(self.message)
        if self.line <= 0:
            return f"{file}: {self.severity}: {message}"
        return f"{file}:{self.line}:{self.col}: {self.severity}: {message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Diagnosed:
    """A loaded file's result: its ``diagnostics``, split into errors and warnings."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if not d.is_error)
