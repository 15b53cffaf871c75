"""A small, complete exhibit written to a folder, for tests that need real files."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtGui import QColor, QImage

COLOURS = ("#8c3b32", "#35557a", "#6b7d4a", "#9a7a35", "#5d4a7a", "#3f6f6a", "#7a5d4a")
RUSSIAN_OCHRE = "#c08a2e"  # panel three's picture in Russian: its labels' language differs


def write_png(path: Path, colour: str, width: int = 320, height: int = 200) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


QUOTE = """\
                quote:
                  text: {en: We shall meet again., ru: Мы ещё встретимся.}
                  who: {en: A traveller, ru: Путешественник}
                  when: {en: 1 May 1920, ru: 1 мая 1920 года}
                  source: {en: A letter home, ru: Письмо домой}
"""


def write_sample_exhibit(folder: Path, *, timeout: int = 90, countdown: int = 15,
                         quote: bool = False) -> Path:
    """Three eras of two panels each; the second panel of the first era has two images,
    panel three a picture per language; with ``quote``, panel four has a quotation, on a
    page of its own after it."""
    for index, colour in enumerate(COLOURS):
        write_png(folder / "assets" / f"img{index}.png", colour)
    write_png(folder / "assets" / "img3.ru.png", RUSSIAN_OCHRE)
    exhibit = folder / "exhibit.yaml"
    exhibit.write_text(textwrap.dedent(f"""\
        version: 1
        title: {{en: Sample Exhibit, ru: Образец выставки}}
        languages: [en, ru]
        idle: {{timeout: {timeout}, countdown: {countdown}}}
        attract:
          image: {{file: assets/img0.png, alt: {{en: A red field, ru: Красное поле}}}}
          prompt: {{en: Touch to explore, ru: Коснитесь экрана}}
        eras:
          - id: first
            title: {{en: First Era, ru: Первая эпоха}}
            years: "1900–1910"
            summary: {{en: The first era begins., ru: Первая эпоха начинается.}}
            panels:
              - id: one
                title: {{en: Panel One, ru: Панель один}}
                text: {{en: Some words., ru: Несколько слов.}}
                images:
                  - file: assets/img0.png
                    alt: {{en: A red field, ru: Красное поле}}
                    caption: {{en: Red caption., ru: Красная подпись.}}
              - id: two
                title: {{en: Panel Two, ru: Панель два}}
                images:
                  - file: assets/img1.png
                    alt: {{en: A blue field, ru: Синее поле}}
                    caption: {{en: Blue caption., ru: Синяя подпись.}}
                    credit: {{en: Sample credit, ru: Пример источника}}
                  - file: assets/img2.png
                    alt: {{en: A green field, ru: Зелёное поле}}
                    caption: {{en: Green caption., ru: Зелёная подпись.}}
          - id: second
            title: {{en: Second Era, ru: Вторая эпоха}}
            years: 1920
            summary: {{en: The second era begins., ru: Вторая эпоха начинается.}}
            panels:
              - id: three
                title: {{en: Panel Three, ru: Панель три}}
                images:
                  - file: {{en: assets/img3.png, ru: assets/img3.ru.png}}
                    alt: {{en: An ochre field, ru: Охристое поле}}
                    caption: {{en: Ochre caption., ru: Охристая подпись.}}
              - id: four
                title: {{en: Panel Four, ru: Панель четыре}}
{QUOTE if quote else ""}                images:
                  - file: assets/img4.png
                    alt: {{en: A violet field, ru: Фиолетовое поле}}
                    caption: {{en: Violet caption., ru: Фиолетовая подпись.}}
          - id: third
            title: {{en: Third Era, ru: Третья эпоха}}
            years: "1930–1940"
            summary: {{en: The third era begins., ru: Третья эпоха начинается.}}
            panels:
              - id: five
                title: {{en: Panel Five, ru: Панель пять}}
                images:
                  - file: assets/img5.png
                    alt: {{en: A teal field, ru: Бирюзовое поле}}
                    caption: {{en: Teal caption., ru: Бирюзовая подпись.}}
              - id: six
                title: {{en: Panel Six, ru: Панель шесть}}
                images:
                  - file: assets/img6.png
                    alt: {{en: A brown field, ru: Коричневое поле}}
                    caption: {{en: Brown caption., ru: Коричневая подпись.}}
        """), encoding="utf-8")
    return exhibit
