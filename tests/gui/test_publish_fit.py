"""`kiosk publish --screen`: an exhibit whose text does not fit on a kiosk's screen is not
published; one that fits is."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.content.publish import PublishError, publish
from kiosk.screens import PROFILES
from tests.helpers.sample_exhibit import write_sample_exhibit

LONG_TITLE = " ".join(["Unterseebootsflottillenkommandantenkajüte"] * 12)


def test_a_title_too_long_for_the_smallest_screen_is_not_published(
        qapp: object, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    exhibit.write_text(exhibit.read_text(encoding="utf-8").replace(
        "Sample Exhibit", LONG_TITLE, 1), encoding="utf-8")
    with pytest.raises(PublishError, match=r"exhibit.yaml:\d+:\d+: warning: the title "
                                           r"\(en\) does not fit on .*10\.1"):
        publish(exhibit.parent, tmp_path / "publish", screens=[PROFILES["10.1in"]])
    assert not (tmp_path / "publish").exists()


def test_an_exhibit_that_fits_is_published(qapp: object, tmp_path: Path) -> None:
    exhibit = write_sample_exhibit(tmp_path / "exhibit")
    manifest, written = publish(exhibit.parent, tmp_path / "publish",
                                screens=[PROFILES["10.1in"]])
    assert written and (tmp_path / "publish" / "releases" / manifest.release).is_dir()
