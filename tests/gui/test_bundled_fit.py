"""The bundled exhibit shows every text whole, at rest, in every language, on each of the
six screen profiles: what `kiosk render --screen all --strict` checks for any exhibit."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.bundled import bundled_exhibit
from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import Exhibit
from kiosk.render.command import check_fit
from kiosk.screens import PROFILES, ScreenProfile


@pytest.fixture(scope="module")
def bundled() -> Exhibit:
    result = load_exhibit(bundled_exhibit())
    assert result.exhibit is not None, [str(d) for d in result.diagnostics]
    return result.exhibit


@pytest.mark.parametrize("screen", PROFILES.values(), ids=lambda p: p.name)
def test_every_text_of_the_bundled_exhibit_fits_at_rest(
        qapp: Any, _fonts: None, bundled: Exhibit, screen: ScreenProfile) -> None:
    checked = check_fit(bundled, screen)

    assert checked.languages == bundled.languages
    assert checked.qml_warnings == []
    assert checked.unsettled == []
    assert not checked.fit, f"{len(checked.fit)} texts do not fit:\n" + "\n".join(
        str(warning) for warning in checked.fit)
