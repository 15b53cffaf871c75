"""Warnings for label writing that museum accessibility guides flag.

Guides (e.g. the Smithsonian Guidelines for Accessible Exhibition Design, the V&A's
gallery text guidelines) keep sentences short and captions brief so visitors standing
at arm's length can read them. These are advice, never errors.
"""

from __future__ import annotations

import re

MAX_SENTENCE_WORDS = 25
MAX_CAPTION_WORDS = 100

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# A sentence ends at . ! ? … (optionally followed by quotes/brackets) before a space, or at
# a blank line.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+|\n\s*\n")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def longest_sentence(text: str) -> int:
    """Words in the longest sentence of ``text``."""
    return max((word_count(part) for part in _SENTENCE_END.split(text)), default=0)


def prose_warnings(text: str, *, caption: bool) -> list[str]:
    """Plain-words advice about one visitor-facing text (empty when it reads well)."""
    advice: list[str] = []
    if caption:
        words = word_count(text)
        if words > MAX_CAPTION_WORDS:
            advice.append(f"the caption has {words} words; labels read best under "
                          f"{MAX_CAPTION_WORDS}: shorten it or move detail into the panel text")
    longest = longest_sentence(text)
    if longest > MAX_SENTENCE_WORDS:
        advice.append(f"a sentence here has {longest} words; accessibility guides suggest at "
                      f"most {MAX_SENTENCE_WORDS}: split it")
    return advice
