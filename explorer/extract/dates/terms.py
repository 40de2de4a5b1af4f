"""A security's term is not an event: "notes due 1999", "bonds of 2009", "the 1997 tranche".

Wire copy about capital markets names a bond or a loan by the year it matures. Read as dates,
those years filled a news archive's timeline with one stretch of empty future per issue:
on Reuters-21578 the newest-first timeline opened on "debentures due 2012" and "the key U.S.
7-1/2 pct Treasury bond due 2016", 27 times over. The date is the security's name, not when
anything happened, so the pipeline leaves it off the timeline (``pipeline.dates``); the
expression finder itself still reads it (TimeBank tags these years, and
``benchmarks/tempeval.py`` measures the finder).

A date is a term when a security word names it (``lexicon/dates/securities.txt`` before
"due"; the fewer of ``security_names.txt`` next to a year):

=====================================================  ==========================================
shape                                                  examples
=====================================================  ==========================================
"due" [in|on] DATE, with a security word among the     "notes due 1995", "eurobond due May 15,
8 words before; "maturing" / "matures" [in|on] DATE     1995", "it matures 2018"
security word "of" YEAR                                 "bonds of 2009", "12-3/8s of 2013"
YEAR followed by a security word                        "the 1997 tranche", "the 2011 maturity"
=====================================================  ==========================================

Never a term: "due in 1992" with no security before ("the plant is due to close in 1992" has
no security word), "the contract runs until 1992", "delivered before 1992".
"""

from __future__ import annotations

import re

from explorer.extract import lexicon

__all__ = ["security_term"]

_DUE_BEFORE = re.compile(r"(?i)\b(due|maturing|matures|mature)(?:\s+(?:in|on))?\s*$")
_OF_BEFORE = re.compile(r"(?i)\b(\S+)\s+of\s*$")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")
_WORDS = re.compile(r"[A-Za-z]+|\d+(?:-\d+/\d+)?s\b")  # "12s", "8-5/8s": bonds by their coupon
_COUPON = re.compile(r"^\d+(?:-\d+/\d+)?s$")
_LOOK_BACK = 8  # words before "due" that may name the security
_YEAR = re.compile(r"^\d{4}$")
_NAMES = "dates/security_names"  # the words a year names ("the 1997 tranche")


def _security(word: str, names: str = "dates/securities") -> bool:
    return word.lower() in lexicon.words(names) or bool(_COUPON.match(word))


def security_term(text: str, start: int, end: int) -> bool:
    """Whether the date at ``text[start:end]`` names a security's term (see the module)."""
    head = text[max(0, start - 200) : start]
    due = _DUE_BEFORE.search(head)
    if due:
        if due.group(1).lower() != "due":
            return True  # only a security matures ("the note matures in 1998", "matures 2018")
        words = _WORDS.findall(head[: due.start()].rsplit(".", 1)[-1])[-_LOOK_BACK:]
        return any(_security(w) for w in words)
    of = _OF_BEFORE.search(head)
    if of and _YEAR.match(text[start:end]) and _security(of.group(1), _NAMES):
        return True
    after = _WORD_AFTER.match(text, end)
    return bool(_YEAR.match(text[start:end]) and after and _security(after.group(1), _NAMES))
