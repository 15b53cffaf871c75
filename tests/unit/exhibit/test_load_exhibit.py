"""What a valid file turns into: the frozen model the kiosk shows, with its sources."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kiosk.exhibit.load import load_exhibit
from kiosk.exhibit.model import SourceLocation, Text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "exhibits"


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)


def test_good_exhibit_model() -> None:
    result = load_exhibit(Path("good.yaml"))
    exhibit = result.exhibit
    assert result.ok and result.readable and result.diagnostics == ()
    assert exhibit is not None
    assert exhibit.languages == ("en", "ru") and exhibit.default_language == "en"
    assert exhibit.title.values == (("en", "Under Glass"), ("ru", "Под стеклом"))
    assert (exhibit.idle.timeout, exhibit.idle.countdown) == (90.0, 15.0)
    assert exhibit.attract.prompt.get("ru") == "Коснитесь экрана"
    assert exhibit.attract.image is not None
    assert exhibit.attract.image.files.get("en").path == CORPUS / "assets" / "tiny.jpg"
    assert exhibit.attract.image.alt.get("ru") == "Витрина в сумерках"
    assert [image.files.get("ru").file for image in exhibit.attract.images] == [
        "assets/tiny.png", "assets/tiny.svg"]
    assert [era.id for era in exhibit.eras] == ["early-years", "later"]
    era = exhibit.eras[0]
    assert era.years == "1933"  # written as a bare number, shown as written
    assert era.location == SourceLocation("good.yaml", 18, 5)
    panel = era.panels[0]
    assert panel.location == SourceLocation("good.yaml", 25, 9)
    assert [(p.file, p.width, p.height) for i in panel.images for p in i.files.distinct()] == [
        ("assets/tiny.png", 4, 3), ("assets/tiny.webp", 4, 3)]
    assert panel.images[0].location == SourceLocation("good.yaml", 31, 13)
    # A plain string is the same text in every language, written in one place.
    assert panel.images[0].credit == Text(
        (("en", "Museum archive"), ("ru", "Museum archive")),
        (("en", SourceLocation("good.yaml", 34, 21)), ("ru", SourceLocation("good.yaml", 34, 21))))
    assert panel.images[1].credit is None and panel.quote is None
    # A picture per language: a chart or map with its words in the visitor's language.
    archive = exhibit.eras[1].panels[0]
    files = archive.images[0].files
    assert (files.get("en").file, files.get("ru").file) == ("assets/lossless.webp",
                                                            "assets/tiny.png")
    # A voice of the time, each of its parts a text like any other.
    assert archive.quote is not None
    assert archive.quote.text.get("ru") == "Храните каждый негатив."
    assert archive.quote.when.get("ru") == "1941"
    assert archive.quote.source.get("en") == "Letter, studio archive (original in English)"
    assert len(exhibit.referenced_files()) == 5


def test_each_language_of_a_text_knows_where_it_is_written() -> None:
    exhibit = load_exhibit(Path("good.yaml")).exhibit
    assert exhibit is not None
    assert exhibit.title.location("en") == SourceLocation("good.yaml", 3, 13)
    assert exhibit.title.location("ru") == SourceLocation("good.yaml", 3, 32)
    assert exhibit.subtitle is not None
    assert exhibit.subtitle.location("ru") == SourceLocation("good.yaml", 6, 7)
    era = exhibit.eras[0]
    assert era.summary.location("en") == SourceLocation("good.yaml", 22, 11)
    assert era.years_location == SourceLocation("good.yaml", 20, 12)
    assert era.panels[0].text is not None
    assert era.panels[0].text.location("ru") == SourceLocation("good.yaml", 29, 15)
    caption = era.panels[0].images[0].caption
    assert caption.location("ru") == SourceLocation("good.yaml", 33, 62)
    assert caption.location("fr") is None
    # Still a value: hashable, and kept whole in the start-up snapshot.
    assert hash(caption) == hash(pickle.loads(pickle.dumps(caption)))
    assert pickle.loads(pickle.dumps(exhibit)) == exhibit


def test_yaml_11_numbers_and_dates_are_kept_as_typed() -> None:
    exhibit = load_exhibit(Path("yaml11-text.yaml")).exhibit
    assert exhibit is not None
    panel = exhibit.eras[0].panels[0]
    image = panel.images[0]
    assert exhibit.title.get("en") == "12:30"  # YAML 1.1 would make it 750 (base 60)
    assert exhibit.eras[0].years == "1933"
    assert panel.text is not None and panel.text.get("en") == "1.10"  # not 1.1
    assert image.caption.get("en") == "2024-01-31"  # not a date
    assert image.credit is not None and image.credit.get("en") == "0755"  # not octal 493


def test_without_image_checks_no_image_is_opened(tmp_path: Path) -> None:
    text = (CORPUS / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "exhibit.yaml"
    path.write_text(text, encoding="utf-8")  # no assets folder at all
    result = load_exhibit(path, check_images=False)
    assert result.ok
    assert result.exhibit is not None
    assert all(picture.width is None for image in result.exhibit.images()
               for picture in image.files.distinct())
    assert not load_exhibit(path).ok


def test_errors_mean_no_exhibit_and_warnings_do_not() -> None:
    broken = load_exhibit(Path("era-ids.yaml"))
    assert broken.exhibit is None and not broken.ok and len(broken.errors) == 2
    advised = load_exhibit(Path("labels.yaml"))
    assert advised.ok and len(advised.warnings) == 5 and advised.errors == ()


def test_diagnostics_are_sorted_by_line_then_column() -> None:
    diagnostics = load_exhibit(Path("images.yaml")).diagnostics
    positions = [(d.line, d.col) for d in diagnostics]
    assert positions == sorted(positions) and len(positions) == 12


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text(
        "version: 3\n"
        "title: yes\n"
        "idle: {timeout: 1, countdown: 500}\n"
        "attract: {prompt: Touch, image: /abs.png}\n"
        "eras:\n"
        "  - id: A\n"
        "    title: x\n"
        "    years: 1900\n"
        "    summary: s\n"
        "    panels: []\n",
        encoding="utf-8")
    lines = [(d.line, d.col) for d in load_exhibit(path).errors]
    assert lines == [(1, 10), (2, 8), (3, 17), (3, 31), (4, 33), (6, 9), (10, 13)]


def test_a_spaced_dash_stays_on_the_line_of_the_word_before_it(tmp_path: Path) -> None:
    path = tmp_path / "exhibit.yaml"
    path.write_text(
        "version: 1\ntitle: Пакт Молотова — Риббентропа\n"
        "attract: {prompt: Touch}\n"
        "eras: [{id: a, title: A, years: '1939', summary: Aug — Sept, panels: [{id: p, "
        "title: P, images: [{file: a.png, alt: An image, caption: 1939 – 1940 at a glance}]}]}]\n",
        encoding="utf-8")
    exhibit = load_exhibit(path, check_images=False).exhibit
    assert exhibit is not None
    assert exhibit.title.get("en") == "Пакт Молотова\u00a0— Риббентропа"
    assert exhibit.eras[0].summary.get("en") == "Aug\u00a0— Sept"
    assert exhibit.eras[0].panels[0].images[0].caption.get("en") == "1939\u00a0– 1940 at a glance"
