"""Label-writing advice: counting words and sentences the way a reader meets them."""

from __future__ import annotations

from kiosk.exhibit.labels import longest_sentence, prose_warnings, word_count


def test_words_include_hyphenated_and_apostrophes_once() -> None:
    assert word_count("The photographer's well-known studio, 1933–1939.") == 6


def test_sentences_split_at_end_marks_and_blank_lines() -> None:
    text = "One two three. Four five! Six?\n\nSeven eight nine ten"
    assert longest_sentence(text) == 4
    assert longest_sentence("“Quoted,” she said. Then more.") == 3


def test_long_sentence_and_long_caption_are_flagged() -> None:
    long_sentence = " ".join(["word"] * 26) + "."
    assert prose_warnings(long_sentence, caption=False) == [
        "a sentence here has 26 words; accessibility guides suggest at most 25: split it"]
    caption = "Short sentence here. " * 34  # 102 words, none of them in a long sentence
    assert prose_warnings(caption, caption=True) == [
        "the caption has 102 words; labels read best under 100: shorten it or move detail "
        "into the panel text"]
    assert prose_warnings(caption, caption=False) == []
