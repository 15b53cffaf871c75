"""The exhibit shipped with the kiosk validates cleanly: no errors, and no warnings either."""

from __future__ import annotations

import io
from pathlib import Path

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.report import validate_command

BUNDLED = Path(__file__).resolve().parents[3] / "exhibit.yaml"


def test_bundled_exhibit_has_no_errors_or_warnings() -> None:
    result = load_exhibit(BUNDLED)
    assert [str(d) for d in result.diagnostics] == []
    assert result.exhibit is not None
    assert len(result.exhibit.eras) >= 1


def test_kiosk_validate_accepts_the_bundled_exhibit() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert validate_command(BUNDLED, out, err) == 0
    assert err.getvalue() == ""
    assert out.getvalue().endswith(", 0 warnings, 0 errors\n")
