"""Claims two reports can disagree on: counts ("12 of Afghanistan's 34 provincial capitals")
and dated acts on a place ("Kandahar fell on Thursday", "Aug 13 – the Taliban have captured
... Kandahar").

Pure and conservative: a claim is read only where its parts are plain, because a list of
contradictions full of false alarms is worse than none. A count needs "N of [OWNER's|the] M
THING"; an act needs a verb of ``facts/event_verbs`` with the place right after it (or right
before it for verbs like "fell"), in a sentence with one day-precision date that is not
attached to another clause ("detained on Friday after they seized Herat" dates the detention,
not the seizure).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from explorer.extract import lexicon
from explorer.extract.retelling import content_words

__all__ = ["Act", "Count", "acts", "counts", "date_governs", "number"]

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUM = r"\d{1,6}|" + "|".join(_NUMBER_WORDS)
_COUNT = re.compile(
    rf"\b(?P<n>{_NUM})\s+of\s+(?:(?P<owner>(?-i:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?))['’]s?\s+"
    rf"|the\s+|its\s+"
    rf"|their\s+)?(?P<of>{_NUM})\s+(?P<thing>(?:[a-z][a-z-]+\s+){{0,2}}[a-z][a-z-]+)",
    re.IGNORECASE,
)
# Words after the number that end the counted thing ("34 provincial capitals as part of").
_THING_STOP = frozenset(
    [
        "as",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "with",
        "and",
        "or",
        "but",
        "that",
        "which",
        "who",
        "since",
    ]
)
# Between a date and the verb it dates, one of these starts another clause.
_CLAUSE_WORDS = frozenset(
    [
        "after",
        "before",
        "when",
        "while",
        "as",
        "since",
        "until",
        "once",
        "because",
        "although",
        "though",
        "and",
        "but",
    ]
)
_WORD = re.compile(r"[\w’'-]+")


def number(text: str) -> int | None:
    """A count written in digits or words ("12", "twelve"), else None."""
    t = text.casefold()
    if t.isdigit():
        return int(t)
    return _NUMBER_WORDS.get(t)


@dataclass(frozen=True, slots=True)
class Count:
    """ "N of [OWNER's] M THING" at ``start``-``end`` of the text it was read in."""

    start: int
    end: int
    n: int
    of: int
    owner: str  # case-folded, "" when none
    thing: tuple[str, ...]  # the counted thing's content words, stemmed

    @property
    def key(self) -> tuple[str, int, tuple[str, ...]]:
        """What is counted: two counts with one key and different ``n`` disagree."""
        return (self.owner, self.of, self.thing)


def counts(text: str) -> list[Count]:
    """Every plain count of a whole in ``text`` (n at most the whole, a thing named)."""
    out = []
    for m in _COUNT.finditer(text):
        n, of = number(m["n"]), number(m["of"])
        words = []
        for w in m["thing"].split():
            if w.casefold() in _THING_STOP:
                break
            words.append(w)
        thing = tuple(sorted(content_words(" ".join(words))))
        if n is None or of is None or not thing or n > of or of < 2:
            continue
        end = m.start("thing") + len(" ".join(words))
        owner = (m["owner"] or "").casefold()
        out.append(Count(m.start(), end, n, of, owner, thing))
    return out


@dataclass(frozen=True, slots=True)
class Act:
    """An event of ``kind`` ("capture") happening to the place mentioned at ``place``."""

    kind: str
    place: tuple[int, int]  # offsets of the place's mention
    verb: tuple[int, int]


@cache
def _verbs() -> dict[str, tuple[str, bool]]:
    """verb -> (class, whether the place is its object, i.e. follows it)."""
    out: dict[str, tuple[str, bool]] = {}
    for line in lexicon.lines("facts/event_verbs"):
        kind, _, verbs = line.partition("=")
        objects, _, subjects = verbs.partition("|")
        for v in objects.split():
            out[v] = (kind.strip(), True)
        for v in subjects.split():
            out[v] = (kind.strip(), False)
    return out


# How many words may stand between a verb and its place ("captured Afghanistan's second
# biggest city of Kandahar": six).
_REACH = 7


def acts(sentence: str, places: list[tuple[int, int]]) -> list[Act]:
    """The acts on a place a sentence tells (``places``: the mentions' offsets in it)."""
    verbs = _verbs()
    words = [(m.start(), m.end(), m.group(0).casefold()) for m in _WORD.finditer(sentence)]
    out = []
    for i, (start, end, w) in enumerate(words):
        if w not in verbs:
            continue
        kind, place_follows = verbs[w]
        # The place after a verb that takes it ("captured ... Kandahar"), before one that it
        # is the subject of ("Kandahar and Herat fell").
        span = words[i + 1 : i + 1 + _REACH] if place_follows else words[max(0, i - 3) : i]
        if not span:
            continue
        lo, hi = span[0][0], span[-1][1]
        for p_start, p_end in places:
            if lo <= p_start and p_end <= hi:
                gap = sentence[end:p_start] if place_follows else sentence[p_end:start]
                # "captured the city's prison in Kandahar": a noun of its own comes first;
                # "captured Afghanistan's third largest city": the place only owns the object.
                if place_follows and re.search(r"\b(?:in|near|at|outside|from)\b", gap):
                    continue
                if sentence[p_end : p_end + 2] in ("'s", "’s"):
                    continue
                if not place_follows and not _subject(sentence, places, (p_start, p_end), start):
                    continue
                out.append(Act(kind.strip(), (p_start, p_end), (start, end)))
    return out


_PREPOSITIONS = frozenset(["in", "of", "at", "for", "from", "by", "near", "to", "on", "into"])


def _subject(
    sentence: str, places: list[tuple[int, int]], place: tuple[int, int], verb: int
) -> bool:
    """Whether the place is the verb's subject: "Kandahar (and Herat) fell", not "homes in
    the United States fell" or "U.S. refineries fell"."""
    before = [w.casefold() for w in _WORD.findall(sentence[: place[0]])]
    if before and before[-1] == "the":
        before.pop()
    if before and before[-1] in _PREPOSITIONS:
        return False
    gap = sentence[place[1] : verb]
    for start, end in places:  # other places listed with it ("Kandahar and Herat")
        if place[1] <= start and end <= verb:
            gap = gap.replace(sentence[start:end], " ")
    return all(w.casefold() in ("and", "or") for w in _WORD.findall(gap))


def date_governs(sentence: str, date: tuple[int, int], verb: tuple[int, int]) -> bool:
    """Whether the date expression at ``date`` dates the verb at ``verb`` (same clause)."""
    lo, hi = (date[1], verb[0]) if date[1] <= verb[0] else (verb[1], date[0])
    between = {w.casefold() for w in _WORD.findall(sentence[lo:hi])}
    return not (between & _CLAUSE_WORDS) and len(between) <= 12
