"""Why the decoder hands QML only finished pictures, through a synchronous provider on the
GUI thread, rather than through Qt's asynchronous image provider written in Python.

Qt calls an asynchronous provider (and its responses) on its pixmap reader thread while
holding the reader's lock; in Python each call first needs the interpreter lock. The GUI
thread, starting an image load, takes the reader's lock too, and from Python it does so
holding the interpreter lock: loading QML from Python (as the kiosk does at start),
setting an Image's source from Python. Then each thread waits for the other for good. A
debugger on the stuck process (PySide6 6.12) shows the GUI thread in
QQuickPixmap::load → QBasicMutex::lockInternal, inside `loadData`, and the reader thread in
Sbk_GetPyOverride → PyGILState_Ensure.

In a stress run (300 Images, sources changed from a Python timer slot every 5 ms) it hung
within a few frames when the slot set the sources with `setProperty`; it ran for 60 s when
the slot only emitted a signal QML bindings follow, but the kiosk cannot promise that every
path from Python into QML goes that way. If a PySide release stops taking the lock there,
the [asynchronous] case fails: then an asynchronous provider may be reconsidered.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HANG_S = 6  # the child dumps its stack and ends after this; it loads in about a second

CHILD = '''
import faulthandler
import sys

from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import (QQuickAsyncImageProvider, QQuickImageProvider,
                             QQuickImageResponse, QQuickTextureFactory)


def picture() -> QImage:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x336699)
    return image


class Response(QQuickImageResponse):
    def textureFactory(self) -> QQuickTextureFactory:
        return QQuickTextureFactory.textureFactoryForImage(picture())


class Asynchronous(QQuickAsyncImageProvider):
    def requestImageResponse(self, id_, requested):
        return Response()  # never finished: the hang comes before any answer matters


class Ready(QQuickImageProvider):  # the kiosk's way: asked on the GUI thread only
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id_, size, requested):
        return picture()


QML = b"""
import QtQuick
Window {
    Repeater {
        model: 3
        Image {
            required property int index
            asynchronous: ASYNCHRONOUS
            source: "image://p/" + index
            // Time for the reader thread to take up the request just made.
            Component.onCompleted: { const end = Date.now() + 200; while (Date.now() < end) {} }
        }
    }
}"""


def load_from_python(engine: QQmlApplicationEngine, asynchronous: bool) -> None:
    # The interpreter lock is held all along, while QML makes the Images.
    engine.loadData(QML.replace(b"ASYNCHRONOUS", b"true" if asynchronous else b"false"))


faulthandler.dump_traceback_later(float(sys.argv[3]), exit=True)
app = QGuiApplication(sys.argv[:1])
engine = QQmlApplicationEngine()
engine.addImageProvider("p", Asynchronous() if sys.argv[1] == "asynchronous" else Ready())
load_from_python(engine, sys.argv[2] == "asynchronous")
print("loaded", flush=True)
'''


def run(provider: str, images: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", CHILD, provider, images, str(HANG_S)],
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                          capture_output=True, text=True, timeout=HANG_S + 60, check=False)


@pytest.mark.parametrize("provider", ["asynchronous", "synchronous"])
def test_python_on_the_reader_thread_hangs_qml_loaded_from_python(provider: str) -> None:
    # The synchronous provider too, when asked from Image's `asynchronous: true`: that too
    # runs on the reader thread, which is why ExhibitImage asks with `asynchronous: false`.
    hung = run(provider, "asynchronous")
    assert "loaded" not in hung.stdout
    assert "Timeout" in hung.stderr and "in load_from_python" in hung.stderr, hung.stderr


def test_the_synchronous_provider_asked_on_the_gui_thread_loads_the_same_qml() -> None:
    loaded = run("synchronous", "synchronous")
    assert (loaded.returncode, loaded.stdout.strip()) == (0, "loaded"), loaded.stderr[-2000:]
