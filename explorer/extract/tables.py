"""Rows of tables inside articles: earnings and commodity tables of wire copy.

"Shr 34 cts vs 1.19 dlrs", "Net 807,000 vs 2,858,000", "MAY8 2040B 2060A 2063": a row labels
figures. Its capitals name no one (names read it as a headline: look-ups only) and its numbers
are no years (dates drop a bare four-digit number there). One definition, used by both.
"""

from __future__ import annotations

import re

from explorer.model import Sentence

__all__ = ["table_rows"]

_DASH = re.compile(r"(\s[-–—]{1,2}\s)")  # a dateline's dash: "NEW YORK, March 2 - Shr 34 cts"
_NUMERIC = re.compile(r"\S*\d\S*")
_WORDS = re.compile(r"\S+")
_DIGIT = re.compile(r"\d")


def table_rows(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Stretches cut at dateline dashes holding two numbers or more: of at most 16 words with
    numbers for a quarter of them and no sentence's full stop, or of any length with numbers
    for two words in five: rows, not sentences ("On March 3, 1987, Volcker said shares rose
    12 pct." is a sentence)."""
    out = []
    for s in sentences:
        pos = s.start
        for part in _DASH.split(text[s.start : s.end]):
            start, pos = pos, pos + len(part)
            # Most sentences hold no figure: the cheap test first (this runs on every one).
            if _DIGIT.search(part) is None:
                continue
            numbers = len(_NUMERIC.findall(part))
            if numbers < 2:
                continue
            words = _WORDS.findall(part)
            if len(words) < 2:
                continue
            sentence_like = part.rstrip().endswith((".", "?", "!", '"', "”"))
            short_row = len(words) <= 16 and numbers * 4 >= len(words) and not sentence_like
            if short_row or numbers * 5 >= len(words) * 2:
                out.append((start, pos))
    return out
