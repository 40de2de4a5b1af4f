"""Typo-tolerant filtering of a loaded list (the quotes pane's filter box).

A per-keystroke ``rapidfuzz`` scan of every row would cost hundreds of milliseconds at 100k
rows. Instead the rows are tokenised once into an inverted index; a keystroke only compares
each query word with the *vocabulary* (tens of thousands of distinct words, in C++) and
intersects posting sets, which stays within a few milliseconds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TypeVar

_WORD = re.compile(r"\w+")
T = TypeVar("T")


def words(text: str) -> list[str]:
    """Lower-cased word tokens; apostrophes split words so "Kandahar's" still finds Kandahar."""
    return _WORD.findall(text.casefold())


def max_edits(word: str) -> int:
    """How many typos a query word tolerates: none for short words, where one edit is a new word."""
    n = len(word)
    if n <= 3:
        return 0
    if n <= 7:
        return 1
    return 2


class FuzzyIndex:
    """An inverted index over row texts that answers typo-tolerant AND queries."""

    def __init__(self, texts: Iterable[str]) -> None:
        postings: dict[str, set[int]] = {}
        count = 0
        for i, text in enumerate(texts):
            count += 1
            for w in set(words(text)):
                bucket = postings.get(w)
                if bucket is None:
                    postings[w] = {i}
                else:
                    bucket.add(i)
        self._postings = postings
        self._vocab = sorted(postings)
        self._head_cache: dict[int, list[str]] = {}
        self.size = count

    def _variants(self, word: str, prefix: bool) -> set[str]:
        """Vocabulary words that a query word may stand for."""
        # Imported on first use: ~40 ms that the app's first paint need not pay.
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        found: set[str] = set()
        if word in self._postings:
            found.add(word)
        k = max_edits(word)
        if k:
            for match, _dist, _i in process.extract(
                word, self._vocab, scorer=OSA.distance, score_cutoff=k, limit=None
            ):
                found.add(match)
        if prefix:
            # The word being typed: "kand" already finds "kandahar".
            lo = bisect.bisect_left(self._vocab, word)
            hi = bisect.bisect_left(self._vocab, word + "\U0010ffff")
            found.update(self._vocab[lo:hi])
            if k and len(word) >= 4:
                # ... even with a typo in it: "ceasf" finds "ceasefire".
                heads = self._heads(len(word))
                for _head, _dist, i in process.extract(
                    word, heads, scorer=OSA.distance, score_cutoff=1, limit=None
                ):
                    found.add(self._vocab[i])
        return found

    def _heads(self, n: int) -> list[str]:
        """The first ``n`` letters of every vocabulary word (cached per length)."""
        heads = self._head_cache.get(n)
        if heads is None:
            heads = [w[:n] for w in self._vocab]
            if len(self._head_cache) > 16:
                self._head_cache.clear()
            self._head_cache[n] = heads
        return heads

    def search(self, query: str) -> list[int] | None:
        """Row numbers (ascending) matching every word of ``query``; None for an empty query."""
        terms = words(query)
        if not terms:
            return None
        result: set[int] | None = None
        for n, term in enumerate(terms):
            last = n == len(terms) - 1 and not query[-1:].isspace()
            rows: set[int] = set()
            for variant in self._variants(term, prefix=last or len(term) >= 3):
                rows |= self._postings[variant]
            result = rows if result is None else result & rows
            if not result:
                return []
        return sorted(result) if result is not None else []


def filter_rows(rows: Sequence[T], index: FuzzyIndex, query: str) -> list[T]:
    """Rows of ``rows`` (the list ``index`` was built from) matching ``query``, order kept."""
    hits = index.search(query)
    if hits is None:
        return list(rows)
    return [rows[i] for i in hits]
