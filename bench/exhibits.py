"""The exhibits the benchmarks run on: the bundled one, and a generated large one.

The large exhibit has one big PNG per panel. Writing 1,000 distinct 12-megapixel PNGs
would take minutes and gigabytes, and pointing every panel at the same few files would
flatter the kiosk (Qt caches decoded images by URL). So a handful of distinct pictures
are written once and every panel gets its own hard link to one of them: a different
name, hence a different URL and a real decode, at no cost in disk space.

Generated exhibits are kept under the system's temporary folder and reused by later
runs; delete ``$TMPDIR/exhibit-kiosk-bench`` to start afresh.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "exhibit.yaml"
CACHE = Path(tempfile.gettempdir()) / "exhibit-kiosk-bench"
# Photo-like colours for the gradients; the noise on top keeps PNG from compressing the
# pictures to nothing, so files and decode times are those of a real scanned photograph.
COLOURS = ("#8c3b32", "#35557a", "#6b7d4a", "#9a7a35", "#5d4a7a", "#3f6f6a", "#7a5d4a",
           "#4a4f5d")


@dataclass(frozen=True)
class BenchExhibit:
    name: str  # how tables call it, e.g. "bundled" or "1,000 panels"
    path: Path
    note: str = ""  # why it is not what was asked for, when it is not


def large_exhibit(eras: int = 100, panels_per_era: int = 10, size: tuple[int, int] = (4000, 3000),
                  distinct: int = 8) -> BenchExhibit:
    """``eras`` × ``panels_per_era`` panels, each with its own ``size`` PNG (hard-linked)."""
    width, height = size
    folder = CACHE / f"large-{eras}x{panels_per_era}-{width}x{height}-{distinct}"
    path = folder / "exhibit.yaml"
    done = folder / ".complete"
    if not done.exists():
        _write_large(folder, eras, panels_per_era, size, distinct)
        problem = validate(path)
        if problem:
            raise RuntimeError(f"the generated exhibit {path} is invalid: {problem}")
        done.touch()
    panels = eras * panels_per_era
    return BenchExhibit(f"{panels:,} panels", path)


def small_exhibit() -> BenchExhibit:
    """A stand-in for the bundled exhibit: 5 eras of 4 panels, 2400×1600 pictures."""
    bench = large_exhibit(5, 4, (2400, 1600), 6)
    return BenchExhibit("generated 20 panels", bench.path)


def bundled_exhibit() -> BenchExhibit:
    """The exhibit shipped in the repository, or the stand-in if it does not validate."""
    if not BUNDLED.exists():
        return _stand_in(f"{BUNDLED} does not exist")
    problem = validate(BUNDLED)
    if problem:
        return _stand_in(f"kiosk validate {BUNDLED} failed ({problem})")
    return BenchExhibit("bundled", BUNDLED)


def validate(path: Path) -> str:
    """"" when `kiosk validate` accepts ``path``, else its first message.

    Run in its own process, exactly as staff would run it."""
    check = subprocess.run([sys.executable, "-m", "kiosk", "validate", str(path)],
                           capture_output=True, text=True, cwd=REPO)
    if check.returncode == 0:
        return ""
    return ((check.stdout + check.stderr).strip().splitlines() or ["no output"])[0]


def _stand_in(reason: str) -> BenchExhibit:
    small = small_exhibit()
    return BenchExhibit(small.name, small.path,
                        f"{reason}; measured a generated 20-panel exhibit instead")


def _write_large(folder: Path, eras: int, panels_per_era: int, size: tuple[int, int],
                 distinct: int) -> None:
    originals = folder / "originals"
    assets = folder / "assets"
    originals.mkdir(parents=True, exist_ok=True)
    assets.mkdir(exist_ok=True)
    sources = [originals / f"photo-{index}.png" for index in range(distinct)]
    missing = [s for s in sources if not s.exists()]
    if missing:
        # Qt draws the pictures; a child process keeps Qt out of the parent.
        subprocess.run([sys.executable, str(Path(__file__).resolve()), "--draw",
                        f"{size[0]}x{size[1]}", *map(str, missing)], check=True)
    lines = ["version: 1", "title: {en: Benchmark Exhibit, ru: Замерная выставка}",
             "subtitle: {en: Generated for the benchmarks, ru: Создана для замеров}",
             "languages: [en, ru]", "attract:", "  image:", "    file: assets/attract.png",
             "    alt: {en: A generated photograph, ru: Созданная фотография}",
             "  prompt: {en: Touch to explore, ru: Коснитесь экрана}", "eras:"]
    _link(sources[0], assets / "attract.png")
    number = 0
    for era in range(eras):
        lines += [f"  - id: era-{era}", f"    title: {{en: Era {era}, ru: Эпоха {era}}}",
                  f"    years: \"{1800 + era}–{1801 + era}\"",
                  "    summary:",
                  "      en: What happened in these years, in two sentences. The second.",
                  "      ru: Что происходило в эти годы, в двух предложениях. Вот второе.",
                  "    panels:"]
        for panel in range(panels_per_era):
            name = f"era{era:03d}-panel{panel:02d}.png"
            _link(sources[number % distinct], assets / name)
            number += 1
            lines += [f"      - id: panel-{panel}",
                      f"        title: {{en: Panel {era}.{panel}, ru: Панель {era}.{panel}}}",
                      "        text:",
                      "          en: A few sentences of body text about the picture, long "
                      "enough to wrap over several lines at arm's length. And one more.",
                      "          ru: Несколько предложений о картине, достаточно длинных, "
                      "чтобы занять несколько строк. И ещё одно.",
                      "        images:",
                      f"          - file: assets/{name}",
                      "            alt: {en: A photograph of a street, ru: Фотография улицы}",
                      "            caption: {en: The street in spring., ru: Улица весной.}",
                      "            credit: Museum archive"]
    (folder / "exhibit.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _link(source: Path, target: Path) -> None:
    if target.exists():
        return
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links: a copy still defeats URL caching
        target.write_bytes(source.read_bytes())


def _draw(size: str, paths: list[str]) -> None:
    """Photo-like PNGs: a diagonal gradient over low-amplitude noise."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(["draw"])
    width, height = (int(side) for side in size.split("x"))
    for index, path in enumerate(paths):
        noise = os.urandom(width * height * 4)
        image = QImage(noise, width, height, width * 4, QImage.Format.Format_RGB32).copy()
        painter = QPainter(image)
        painter.setOpacity(0.88)
        gradient = QLinearGradient(QPointF(0, 0), QPointF(width, height))
        gradient.setColorAt(0.0, QColor(COLOURS[index % len(COLOURS)]))
        gradient.setColorAt(0.6, QColor(COLOURS[(index + 3) % len(COLOURS)]).lighter(140))
        gradient.setColorAt(1.0, QColor(COLOURS[(index + 5) % len(COLOURS)]).darker(130))
        painter.fillRect(image.rect(), gradient)
        painter.end()
        if not image.save(path, "PNG"):
            raise OSError(f"could not write {path}")
    del app


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--draw":
        _draw(sys.argv[2], sys.argv[3:])
    else:
        for exhibit in (bundled_exhibit(), large_exhibit()):
            print(f"{exhibit.name}: {exhibit.path}" + (f" ({exhibit.note})" if exhibit.note
                                                        else ""))
