"""Exhibit-loading promises that only one guard stands between, each checked by
tools/check_guards.py to fail without that guard."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.exhibit.load import load_exhibit

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"


@pytest.mark.parametrize("name", ["duplicate-key", "two-documents"])
def test_an_error_found_while_parsing_means_no_exhibit(
        monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    # The rest of the file builds into a complete exhibit (the duplicate dropped, the
    # second document ignored); live reload must still keep the last good one instead.
    monkeypatch.chdir(CORPUS)
    result = load_exhibit(Path(f"{name}.yaml"))
    assert len(result.errors) == 1 and result.errors[0].file == f"{name}.yaml"
    assert result.exhibit is None and not result.ok
