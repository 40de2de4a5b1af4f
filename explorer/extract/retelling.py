"""Whether two passages tell the same fact: the test behind corroboration and contradictions.

Wire copy is rewritten as it travels: "which dates to 500 BC" in one outlet is "which dates
back to 500 BC" in another, a long sentence in one is a clause of a longer one in the next.
Near-identical text (word 3-grams, as ``explorer.extract.passages`` compares passages) misses
those, so two sentences tell the same fact when most of the meaning-bearing words of the
shorter one are in the longer one (the overlap coefficient of their content words, at least
``MIN_OVERLAP`` and ``MIN_SHARED`` words) and they name no different places or
organisations, and give the same figures where both give any: "the Taliban have captured the
capital of Helmand" and "... of Badghis" share every content word but one, and are two events;
so are "Witco Corp is raising 140 mln dlrs via an offering of convertible debentures" and the
same words about Micropolis Corp, or "is raising 100 mln dlrs ... due 1997" and "150 mln dlrs
... due 1992".

The index asks only about pairs already alike in what it compares on its own (the same date for
events, the same speaker or the same words for quotes), so the test here is about wording.
Pure and symmetric: ``same_fact(a, b) == same_fact(b, a)``, so the groups an index keeps do not
depend on which of two documents came first.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

from explorer.extract import lexicon

__all__ = ["MIN_SHARED", "Telling", "content_words", "same_fact"]

# Content words two tellings must share, and the share of the shorter one's they must cover.
MIN_SHARED = 3
MIN_OVERLAP = 0.6
_WORD = re.compile(r"[^\W\d_]{3,}")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _stem(word: str) -> str:
    """A crude English stem, enough to meet "capital"/"capitals", "seized"/"seizes"."""
    for suffix in ("ies", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    """The meaning-bearing words of ``text``, case-folded and stemmed."""
    common = lexicon.words("facts/common_words")
    return frozenset(
        _stem(w) for w in (m.group(0).casefold() for m in _WORD.finditer(text)) if w not in common
    )


@dataclass(frozen=True, slots=True)
class Telling:
    """One passage as ``same_fact`` compares it: its text, content words, and the names of the
    places and organisations it mentions.

    ``needed``: the content words another telling, no shorter, must share with this one.
    """

    text: str
    words: frozenset[str]
    names: frozenset[str]
    needed: int
    numbers: frozenset[str] = frozenset()

    @classmethod
    def of(cls, text: str, names: frozenset[str] | set[str] = frozenset()) -> Telling:
        """``names``: the places and organisations the passage mentions, as written (they are
        compared case-folded)."""
        words = content_words(text)
        needed = _needed(words)
        numbers = frozenset(n.replace(",", "") for n in _NUMBER.findall(text))
        return cls(text, words, frozenset(n.casefold() for n in names), needed, numbers)

    def signature(self) -> str:
        """What ``same_fact`` reads of this telling, as one string the index keeps beside the
        event (``from_signature`` reads it back): regrouping a day's events then costs no
        tokenising and no look-up of the names each sentence mentions."""
        return json.dumps([sorted(self.words), sorted(self.names), sorted(self.numbers)])

    @classmethod
    def from_signature(cls, signature: str) -> Telling:
        """The telling a ``signature`` was made from (its text is not kept: not compared)."""
        words, names, numbers = json.loads(signature)
        return cls("", frozenset(words), frozenset(names), _needed(words), frozenset(numbers))

    def prefix(self) -> frozenset[str]:
        """Words of which any telling of the same fact, no shorter than this one, holds one.

        A prefix filter: in a fixed order of words (longest first, so the rarer as a rule),
        two sets sharing ``needed`` words share one among the first ``len - needed + 1``.
        So an index finds every candidate without comparing every pair (a day of wire copy
        holds over a thousand dated sentences); empty when no telling can match.
        """
        ordered = sorted(self.words, key=lambda w: (-len(w), w))
        return frozenset(ordered[: max(0, len(ordered) - self.needed + 1)])


def _needed(words: frozenset[str] | list[str]) -> int:
    """The content words a telling no shorter than one of ``words`` must share with it."""
    return max(MIN_SHARED, math.ceil(MIN_OVERLAP * len(words)))


def same_fact(a: Telling, b: Telling) -> bool:
    """Whether ``a`` and ``b`` tell the same fact, in the same or other words."""
    if a.names and b.names and not (a.names & b.names):
        return False  # other places or bodies: other events, however alike the wording
    # Other figures, other facts: a retelling keeps most of them.
    shared_numbers = len(a.numbers & b.numbers)
    if a.numbers and b.numbers and 2 * shared_numbers < min(len(a.numbers), len(b.numbers)):
        return False
    needed = a.needed if len(a.words) <= len(b.words) else b.needed
    return len(a.words & b.words) >= needed
