"""Passages two documents share, told in the same or nearly the same words.

Wire stories are rewritten, trimmed and republished: one outlet's undated page retells the
sentences of a dated report. Each sentence of some length is keyed by the ``KEYS`` smallest
hashes of its word 3-grams (a bottom-k MinHash: two sentences at Jaccard index J share their
smallest 3-gram with probability J, and one of three smallest far more often); sentences sharing
a key are candidates, and ``similarity`` (the Jaccard index of their 3-grams) decides. A single
common phrase never dates a document: ``similarity`` weighs whole sentences, and a sentence
needs ``MIN_WORDS`` words to be keyed at all.

Used to date an undated document from the dated ones it shares passages with (by the index,
once every document is stored); kept general so that corroboration across documents can use it.
Hashes are CRC-32 based, not Python's ``hash()`` (salted per process), so that every worker and
every run computes the same keys.
"""

from __future__ import annotations

import re
import zlib

from explorer.model import Sentence

__all__ = ["MIN_WORDS", "band_keys", "passages", "similarity", "shingles"]

MIN_WORDS = 8
KEYS = 3
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[str]:
    """The word 3-grams of ``text``, case-folded."""
    words = [w.casefold() for w in _WORD.findall(text)]
    return {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}


def similarity(a: str, b: str) -> float:
    """Jaccard index of the two texts' word 3-grams (0 when either has none)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def band_keys(text: str) -> tuple[int, ...]:
    """The keys of ``text``: its ``KEYS`` smallest 3-gram hashes (empty under ``MIN_WORDS``)."""
    grams = shingles(text)
    if len(grams) < MIN_WORDS - 2:
        return ()
    return tuple(sorted(zlib.crc32(g.encode("utf-8")) for g in grams)[:KEYS])


def passages(text: str, sentences: list[Sentence]) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, band keys) of every sentence long enough to be worth matching."""
    out = []
    for s in sentences:
        keys = band_keys(text[s.start : s.end])
        if keys:
            out.append((s.start, s.end, keys))
    return out
