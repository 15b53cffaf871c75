"""Problems found in an exhibit, reported the way compilers do so editors can jump to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
        if self.line <= 0:
            return f"{self.file}: {self.severity}: {self.message}"
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
