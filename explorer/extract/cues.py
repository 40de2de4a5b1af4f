"""Reporting-verb lexicon for quote attribution.

Attribution in news hangs on a small, closed class of verbs ("said", "told", "tweeted", "warned")
plus a few multi-word cues ("according to", "pointed out"), and verbs of thinking and manner
("thought", "worried", "barked") that news uses the same way. The list is written as base forms and
inflected by rule, so adding a verb adds all of its forms at once and a regex can match any of
them without a morphological analyser.
"""

from __future__ import annotations

import re

from explorer.extract import lexicon

_BASE_VERBS = lexicon.words("cues/base_verbs")

_NOUNISH = lexicon.words("cues/nounish")

# Irregular or consonant-doubling forms the suffix rules below would get wrong.
_IRREGULAR = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "begin": ("begins", "began", "begun", "beginning"),
    "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"),
    "blog": ("blogs", "blogged", "blogging"),
    "confide": ("confides", "confided", "confiding"),
    "snap": ("snaps", "snapped", "snapping"),
    "brag": ("brags", "bragged", "bragging"),
    "chat": ("chats", "chatted", "chatting"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "sob": ("sobs", "sobbed", "sobbing"),
    "rebut": ("rebuts", "rebutted", "rebutting"),
    "refer": ("refers", "referred", "referring"),
    "sing": ("sings", "sang", "sung", "singing"),
}

# Multi-word cues; spaces match any run of whitespace.
_PHRASES = (
    "according to",
    "pointed out",
    "points out",
    "pointing out",
    "went on",
    "goes on",
    "put it",
    "puts it",
    "chimed in",
    "shot back",
    "fired back",
    "wrote back",
    "spoke out",
    "called for",
    "calls for",
    "quoted as saying",
)


def _inflect(verb: str) -> tuple[str, ...]:
    """Regular English inflections: -s/-es, -ed/-d, -ing, with y->i and silent-e rules."""
    if verb in _IRREGULAR:
        return (verb, *_IRREGULAR[verb])
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb, verb + "es", verb + "ed", verb + "ing"
    return verb, verb + "s", verb + "ed", verb + "ing"


def _forms(verb: str) -> tuple[str, ...]:
    forms = _inflect(verb)
    if verb in _NOUNISH:
        return tuple(f for f in forms if f != verb and f != verb + "s" and f != verb + "es")
    return forms


CUE_WORDS: frozenset[str] = frozenset(f for v in _BASE_VERBS for f in _forms(v))
# Every form, nouns included: right after a quote and its speaker ("the document states"),
# "states" can only be the verb.
ALL_CUE_WORDS: frozenset[str] = frozenset(f for v in _BASE_VERBS for f in _inflect(v))
# Forms ending in -ing introduce a participial clause whose subject is the main clause's.
PARTICIPLES: frozenset[str] = frozenset(w for w in CUE_WORDS if w.endswith("ing"))

# Longest alternatives first so "according to" wins over nothing and "said" over "sa".
_ALTERNATIVES = sorted(
    [p.replace(" ", r"\s+") for p in _PHRASES] + [re.escape(w) for w in CUE_WORDS],
    key=len,
    reverse=True,
)
# Lower case, except past forms and "According to", which open inverted attributions
# ("Said Stone: …", "According to Woodward, …"); capitalised "State", "Post" or "Report" are
# names far more often than verbs.
_CAPITALISED = sorted(
    [w[0].upper() + w[1:] for w in CUE_WORDS if w.endswith("ed") or w in ("said", "told", "wrote")]
    + ["According\\s+to", "Says", "Tells", "Warns", "Writes"],
    key=len,
    reverse=True,
)
# "notes that", "claims that": a noun-like -s form is the verb when a clause follows.
_BEFORE_THAT = sorted(
    (re.escape(w) for w in lexicon.words("cues/before_that")),
    key=len,
    reverse=True,
)
# The forms _NOUNISH leaves out are verbs after a singular subject pronoun ("he jokes", "it
# reads"), after a modal ("could only quip:") and right before an opening quotation mark
# ("The ad claims “Jeb is …”").
_NOUN_S = [_inflect(v)[1] for v in sorted(_NOUNISH & _BASE_VERBS)]
_AFTER_PRONOUN = (
    r"(?:(?<=\b[Hh]e )|(?<=\b[Ss]he )|(?<=\b[Ii]t )|(?<=\bwho ))(?:"
    + "|".join(sorted(_NOUN_S, key=len, reverse=True))
    + r"|(?<=\b[Ii]t )reads"
    + r")|(?:(?<=\bwill )|(?<=\bwould )|(?<=\bcould )|(?<=\bcan )|(?<=\bmight )"
    + r"|(?<=\bmust )|(?<=\bshould )|(?<=\bdid )|(?<=\bonly ))(?:"
    + "|".join(sorted(_NOUNISH & _BASE_VERBS, key=len, reverse=True))
    + r")(?=[\s,:])"
)
_BEFORE_QUOTE = (
    r"(?:" + "|".join(sorted(_NOUN_S, key=len, reverse=True)) + r")(?=,?\s+(?:[“\"‘«]|''))"
)
# The lookahead lets every position that cannot start a cue fail before the alternation.
CUE_RE = re.compile(
    r"(?<![\w’'-])(?=[A-Za-z][a-z])(?<!\bso )(?<!\bso-)(?:"
    + _AFTER_PRONOUN
    + "|"
    + _BEFORE_QUOTE
    + "|"
    + "|".join(_ALTERNATIVES + _CAPITALISED)
    + r"|(?:dis)?agreed(?=\s*[.,:])"  # "Dianne Bystrom agreed." — not "agreed to"
    + r"|(?:"
    + "|".join(_BEFORE_THAT)
    + r")(?=\s+that\b))(?![\w’'-])"
)


_LOOSE = sorted(
    [p.replace(" ", r"\s+") for p in _PHRASES] + [re.escape(w) for w in ALL_CUE_WORDS],
    key=len,
    reverse=True,
)
# For the words right after a closing quote, where a noun reading is implausible; "read"
# only there ("“…,” the email read").
POST_CUE_RE = re.compile(
    r"(?<![\w’'-])(?=[A-Za-z][a-z])(?:"
    + "|".join(_LOOSE + _CAPITALISED + ["reads", "read"])
    + r")(?![\w’'-])"
)


def is_cue(word: str) -> bool:
    """True for any inflected reporting verb ("said", "tweeting", "claims")."""
    return word.lower() in CUE_WORDS
