"""What the picture tests share: a real decoder, closed and drained after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.pictures.decoder import ImageDecoder


@pytest.fixture
def decoder(qtbot: QtBot) -> Iterator[ImageDecoder]:
    decoder = ImageDecoder()
    yield decoder
    decoder.close()
    qtbot.waitUntil(lambda: decoder.pending == 0, timeout=10000)
