"""Exhibit text is shown as plain text: markup in a caption loads nothing and opens
nothing, it is simply shown as the characters staff typed."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.exhibit.load import load_exhibit
from kiosk.ui.window import create_view
from tests.helpers.sample_exhibit import write_sample_exhibit


class Listener:
    """A TCP listener on loopback that records every connection made to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    running = Listener()
    yield running
    running.close()


def test_markup_in_captions_fetches_nothing_and_reads_nothing(
        qtbot: QtBot, tmp_path: Path, listener: Listener) -> None:
    fifo = tmp_path / "secret.png"
    os.mkfifo(fifo)  # a reader that opened this would hang; we check none did
    url = f"http://127.0.0.1:{listener.port}/pixel.png"
    hostile = (f'<img src="{url}"><img src="file://{fifo}"><a href="{url}">link</a>'
               f"<b>bold</b>")
    path = write_sample_exhibit(tmp_path / "exhibit")
    text = path.read_text(encoding="utf-8")
    text = text.replace("{en: Red caption., ru: Красная подпись.}",
                        "{en: '" + hostile + "', ru: '" + hostile + "'}")
    text = text.replace("{en: Some words., ru: Несколько слов.}",
                        "{en: '" + hostile + "', ru: '" + hostile + "'}")
    path.write_text(text, encoding="utf-8")
    result = load_exhibit(path)
    assert result.exhibit is not None, [str(d) for d in result.diagnostics]

    view = create_view(result.exhibit, size=(1280, 800))
    view.nav.animate = False
    view.window.show()
    qtbot.waitExposed(view.window)
    view.nav.enter()
    view.nav.goToPage(1)  # the panel with the hostile caption and text

    def shown_as_typed(name: str) -> bool:
        item = view.find_on_screen(name)
        return item is not None and item.property("text") == hostile

    qtbot.waitUntil(lambda: shown_as_typed("panelCaption"))
    assert shown_as_typed("panelBody")
    view.nav.openImage(0)
    qtbot.waitUntil(lambda: view.find("viewerCaption").property("text") == hostile)
    # Render a few frames: a rich-text Text would have started its fetches by now.
    for _ in range(3):
        with qtbot.waitSignal(view.window.frameSwapped, timeout=3000):
            view.window.update()
    assert listener.connections == 0
    with pytest.raises(OSError):  # ENXIO: nobody has the FIFO open for reading
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    assert view.warnings == []
    view.dispose()
