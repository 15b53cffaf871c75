"""Drawing an SVG in a child process that is stopped when it takes too long.

Qt cannot interrupt a drawing once it has begun, and an SVG of a few kilobytes can take
minutes to draw (thousands of shapes under a wide blur). So an SVG is drawn by a
short-lived child process with an alarm set: when the budget passes, the kernel ends the
child even deep inside Qt's C++ (ending the process is SIGALRM's default action), and the
thread that waited for it is free again. The child checks the bytes it draws itself, so a
file swapped on disk meanwhile gains nothing.

This half imports no Qt, so the validator can use it too; the child's half imports Qt
only when it runs (``python -m kiosk.pictures.svgdraw``).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from kiosk.exhibit.filebytes import os_reason, read_regular_file
from kiosk.exhibit.imagecheck import inspect_svg, shown_size
from kiosk.exhibit.imagerefused import ImageRefused
from kiosk.exhibit.svgcheck import SVG_MAX_BYTES

#: Longest an SVG may take to draw, at the size it is shown, before it is refused.
DRAW_SECONDS = 2.0
#: Room for the child to start (Python and Qt) on a busy machine, before the budget starts.
START_SECONDS = 15.0
#: What `kiosk validate` times an SVG at: a picture zoomed in the viewer (2.5×) on a
#: 1920×1080 screen, the usual kiosk. The kiosk times every drawing at its own size.
CHECKED_BOX = (4800, 2700)
_REFUSED = 3  # the child's exit status for an SVG that fails the checks
_BYTES_PER_PIXEL = 4
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])


def draw_svg(path: Path, size: tuple[int, int], *, seconds: float | None = None,
             keep_pixels: bool = True) -> bytes:
    """``path`` drawn at ``size`` pixels, as rows of premultiplied ARGB32 pixels (Qt's
    ``Format_ARGB32_Premultiplied``); with ``keep_pixels`` False it is only timed, and
    b"" returned. Raises :class:`ImageRefused` when the SVG fails the checks, cannot be
    drawn, or takes longer than ``seconds`` (:data:`DRAW_SECONDS` unless given)."""
    seconds = DRAW_SECONDS if seconds is None else seconds
    width, height = size
    # guard: svg-drawing-import-path
    command = [sys.executable, "-P", "-m", "kiosk.pictures.svgdraw", str(path.absolute()),
               str(width), str(height), repr(seconds), "pixels" if keep_pixels else "time"]
    # The child runs this very copy of the kiosk; -P keeps the exhibit folder (its working
    # folder, so that Qt finds the pictures an SVG names beside it) off its import path.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_PARENT,
                                                        os.environ.get("PYTHONPATH")]))}
    try:
        done = subprocess.run(command, cwd=path.parent, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, timeout=START_SECONDS + seconds,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ImageRefused(_too_slow(seconds, size)) from None
    except OSError as exc:
        raise ImageRefused(f"it could not be drawn ({os_reason(exc)})") from None
    if done.returncode == -signal.SIGALRM:
        raise ImageRefused(_too_slow(seconds, size))
    if done.returncode == _REFUSED:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ImageRefused(lines[-1] if lines else "it could not be drawn")
    expected = width * height * _BYTES_PER_PIXEL if keep_pixels else 0
    if done.returncode != 0 or len(done.stdout) != expected:
        raise ImageRefused(f"it could not be drawn (the drawing stopped with status "
                           f"{done.returncode}); export it again")
    return done.stdout


def time_svg_drawing(path: Path, natural: tuple[int, int]) -> None:
    """Refuse the SVG at ``path`` (``natural`` pixels) if drawing it to fit
    :data:`CHECKED_BOX` takes longer than :data:`DRAW_SECONDS`."""
    draw_svg(path, shown_size(natural, CHECKED_BOX, crop=False, scalable=True),
             keep_pixels=False)


def _too_slow(seconds: float, size: tuple[int, int]) -> str:
    return (f"it takes more than {seconds:g} s to draw at {size[0]}×{size[1]} pixels; "
            "simplify it (blurs and filters over many shapes are slow) or export it as PNG")


def _child(argv: list[str]) -> int:
    """Check and draw one SVG; pixels to stdout, a refusal's reason to stderr."""
    path, width, height, seconds, output = Path(argv[0]), int(argv[1]), int(argv[2]), \
        float(argv[3]), argv[4]
    try:
        data = read_regular_file(path, SVG_MAX_BYTES)
        # guard: svg-drawing-checks-its-bytes
        inspect_svg(data, path.parent)
    except ImageRefused as refused:
        print(refused.message, file=sys.stderr)
        return _REFUSED
    except (OSError, ValueError) as exc:
        print(f"the file cannot be read: {os_reason(exc)}", file=sys.stderr)
        return _REFUSED

    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication(["kiosk-svgdraw"])  # text in an SVG needs the font database
    signal.setitimer(signal.ITIMER_REAL, seconds)  # guard: svg-drawing-stopped-at-budget
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid():
        print("it could not be drawn (Qt cannot read it); export it again", file=sys.stderr)
        return _REFUSED
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    signal.setitimer(signal.ITIMER_REAL, 0)
    if output == "pixels":
        sys.stdout.buffer.write(image.constBits())
    del app
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1:]))
