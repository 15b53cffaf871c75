"""How long `kiosk validate` takes on a large exhibit: 1,000 panels, each with a real image.

Run: ``python bench/bench_validate.py [PANELS]``. Generates the exhibit and its small PNG,
JPEG, WebP and SVG files in a temporary folder, then times ``load_exhibit`` with the image
header checks included. The budget is one second for 1,000 panels.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kiosk.exhibit.load import load_exhibit

ASSETS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "exhibits" / "assets"
SAMPLES = ("tiny.png", "tiny.jpg", "tiny.webp", "tiny.svg")
BUDGET_SECONDS = 1.0


def write_exhibit(folder: Path, panels: int, panels_per_era: int = 50) -> Path:
    assets = folder / "assets"
    assets.mkdir()
    lines = ["version: 1", "title: {en: Benchmark, ru: Замер}", "languages: [en, ru]",
             "attract:", "  image: assets/img-0.png", "  prompt: {en: Touch, ru: Коснитесь}",
             "eras:"]
    for number in range(panels):
        sample = SAMPLES[number % len(SAMPLES)]
        name = f"img-{number}{Path(sample).suffix}"
        shutil.copyfile(ASSETS / sample, assets / name)
        if number % panels_per_era == 0:
            era = number // panels_per_era
            lines += [f"  - id: era-{era}", f"    title: {{en: Era {era}, ru: Эпоха {era}}}",
                      f"    years: {1900 + era}",
                      "    summary: {en: A short summary. Two sentences., "
                      "ru: Краткое описание. Два предложения.}",
                      "    panels:"]
        lines += [f"      - id: panel-{number}",
                  f"        title: {{en: Panel {number}, ru: Панель {number}}}",
                  "        text:",
                  "          en: Some body text, a few sentences long. Another one here.",
                  "          ru: Основной текст из нескольких предложений. Ещё одно.",
                  "        images:",
                  f"          - file: assets/{name}",
                  "            alt: {en: A photograph of a street, ru: Фотография улицы}",
                  "            caption: {en: The street in spring., ru: Улица весной.}",
                  "            credit: Museum archive"]
    path = folder / "exhibit.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    panels = int(argv[1]) if len(argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as temp:
        path = write_exhibit(Path(temp), panels)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            result = load_exhibit(path)
            timings.append(time.perf_counter() - start)
        if not result.ok:
            print("\n".join(str(d) for d in result.diagnostics[:10]), file=sys.stderr)
            return 1
        size = path.stat().st_size
    best, median = min(timings), statistics.median(timings)
    print(f"validate {panels} panels, {panels} images, {size / 1024:.0f} KB of YAML: "
          f"best {best * 1000:.0f} ms, median {median * 1000:.0f} ms "
          f"(budget {BUDGET_SECONDS * 1000:.0f} ms)")
    return 0 if median < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
