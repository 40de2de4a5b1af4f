"""A statistical name tagger: a linear-chain CRF over tokens, trained on CoNLL-2003 news.

Why a CRF: measured against the alternatives the issue names, it is the one that reaches the
accuracy of the rules' gazetteers plus what only context can tell (which capitalised word is an
organisation, where a name ends) while tagging tens of thousands of words a second on one core:
CRFsuite decodes in C, and the features below are computed once per distinct word and reused
(news repeats its words), so the Python cost per token is a few list concatenations.

The features are the evidence a reader uses, written as strings CRFsuite weighs:

* the word itself (lower-cased, a trailing abbreviation dot dropped so "Inc" and "Inc." agree
  whatever the tokenizer did), its shape ("Xxxx", "XX", "X.X.", "dd-dd"), prefixes, suffixes;
* the same for the words around it, and the pair with the word before;
* what the package's own lists and gazetteers know of it: a country, a city and how big, a
  province, a given name and how common, a demonym, a title, an honorific, a person cue, a
  speech verb, an organisation or company word, a known organisation. This is how the tagger
  and the gazetteer work together: the gazetteer is evidence, the tagger weighs it in context;
* where it stands: first in its sentence, in a sentence written all in capitals (a headline);
* what the rest of the document says of the word: whether it is also written lower-case there
  (then a capital may only be the headline's) and whether it is written capitalised in the
  middle of a sentence (then it is a name even where a capital says nothing).

``train`` in ``benchmarks/train_tagger.py`` builds the model from ``eng.train``; this module
only loads the shipped weights (``names.crfsuite`` beside it) once per process and tags.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from itertools import groupby

from explorer.extract import gazetteer as gz
from explorer.extract import lexicon
from explorer.extract.names_lexicon import (
    DEMONYMS,
    HONORIFICS,
    KNOWN_ORGS,
    ORG_SUFFIXES,
    PERSON_CUES,
    PLACE_SUFFIXES,
    SPEECH_VERBS,
    STOPWORDS,
    TITLES,
    given_name,
)

__all__ = ["MODEL_FILE", "doc_features", "load", "tag_tokens", "tokenize", "word_features"]

MODEL_FILE = "names.crfsuite"

# Tokens as CoNLL writes them: dotted acronyms ("U.S."), words with inner hyphens, dots,
# apostrophes or ampersands ("Sar-e-Pul", "AT&T", "O'Neill"), numbers with their separators,
# the possessive "'s" apart, and any other non-space character alone.
TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|\d+(?:[.,:/\-]\d+)*(?:[A-Za-z]+\b)?"
    r"|[^\W\d_](?:[\w&]|[\-‐](?=[^\W\d_])|['’](?!s\b)(?=[^\W\d_])|\.(?=\w))*"
    r"|[’']s\b"
    r"|\S"
)

_ABBREVIATIONS = lexicon.words("names/abbreviations")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token offsets of ``text[start:end]``, cut as the training data is: an initial or a
    listed abbreviation keeps its dot ("D.", "Inc.", "Calif."), any other dot stands alone."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    skip = -1
    for m in TOKEN.finditer(text, start, end):
        a, b = m.span()
        if a == skip:
            continue
        if b < end and text[b] == "." and b - a < 8:
            word = text[a:b]
            if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS:
                b += 1
                skip = b - 1
        out.append((a, b))
    return out


_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_COMPANY = frozenset(
    {"inc", "corp", "co", "ltd", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh", "spa", "bhd"}
)


def _shape(word: str) -> str:
    """ "Xxxx" for "Kabul", "XX" for "US", "X.X." for "U.S.", "dd-dd" for "10-12"."""
    s = word.translate(_SHAPE_MAP)
    if not s.isascii():
        s = "".join(
            "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c for c in s
        )
    return s if len(s) <= 4 else s[:2] + _squeeze(s[2:-2]) + s[-2:]


def _short_shape(word: str) -> str:
    return _squeeze(word.translate(_SHAPE_MAP))


def _squeeze(s: str) -> str:
    """Each run of one character as one ("Xxxxx" -> "Xx"): ``groupby`` is the regex
    ``(.)\1+`` replaced by ``\1`` without a template expanded per run in Python (a token
    holds no line break, the one character ``.`` would not have taken)."""
    return "".join(k for k, _ in groupby(s))


def _lexicon_features(word: str, low: str) -> list[str]:
    """What the package's lists and gazetteers know of one word."""
    out: list[str] = []
    if low in STOPWORDS:
        out.append("L:stop")
    if low in DEMONYMS:
        out.append("L:demonym")
    if low in TITLES:
        out.append("L:title")
    if low in HONORIFICS:
        out.append("L:honorific")
    if low in PERSON_CUES:
        out.append("L:cue")
    if low in SPEECH_VERBS:
        out.append("L:speech")
    if low in ORG_SUFFIXES:
        out.append("L:orgword")
    if low in _COMPANY:
        out.append("L:company")
    if low in PLACE_SUFFIXES:
        out.append("L:placeword")
    if low in KNOWN_ORGS:
        out.append("L:knownorg")
    if word[:1].isupper() and len(word) > 1:
        freq = given_name(word)
        if freq:
            out.append(f"L:given{min(freq, 12) // 4}")
        place = gz.lookup_place(word)
        if place is not None:
            if place.type == "city":
                size = (
                    "big"
                    if place.population >= 1_000_000
                    else "mid"
                    if place.population >= 100_000
                    else "small"
                )
                out.append(f"L:city-{size}")
            else:
                out.append(f"L:{place.type}")
    return out


class _Word:
    """The features of one distinct word, as itself and as a neighbour (computed once)."""

    __slots__ = ("own", "prev", "next", "prev2", "next2", "title", "low")

    def __init__(self, word: str) -> None:
        low = word.lower()
        if len(low) > 1 and low.endswith(".") and "." not in low[:-1]:
            low = low[:-1]
        shape = _shape(word)
        short = _short_shape(word)
        lex = _lexicon_features(word, low)
        self.low = low
        self.title = word[:1].isupper()
        own = [
            "w=" + low,
            "s=" + shape,
            "ss=" + short,
            "p3=" + low[:3],
            "x2=" + low[-2:],
            "x3=" + low[-3:],
            "x4=" + low[-4:],
        ]
        if word.isupper() and len(word) > 1:
            own.append("upper")
        elif word[:1].isupper():
            own.append("title")
        if any(c.isdigit() for c in word):
            own.append("digit")
        if "-" in word:
            own.append("hyphen")
        own.extend(lex)
        self.own = own
        self.prev = ["-1w=" + low, "-1s=" + short] + ["-1" + f for f in lex]
        self.next = ["+1w=" + low, "+1s=" + short] + ["+1" + f for f in lex]
        self.prev2 = ["-2w=" + low]
        self.next2 = ["+2w=" + low]


_BOS = ["BOS"]
_CACHE: dict[str, _Word] = {}
_CACHE_LIMIT = 300_000


def _word(w: str) -> _Word:
    got = _CACHE.get(w)
    if got is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        got = _CACHE[w] = _Word(w)
    return got


def word_features(
    sentence: Sequence[str],
    doc: dict[str, int] | None = None,
    rules: Sequence[str] | None = None,
) -> list[list[str]]:
    """The feature strings of every token of one sentence (``doc`` from ``doc_features``;
    ``rules``: what the rules read in each token, from ``combine.rule_labels``)."""
    words = [_word(w) for w in sentence]
    n = len(words)
    headline = (
        n > 2
        and all(not w[:1].islower() for w in sentence)
        and any(len(w) > 1 and w.isupper() for w in sentence)
    )
    out: list[list[str]] = []
    for i, w in enumerate(words):
        if i == 0:
            f = w.own + _BOS
        else:
            p = words[i - 1]
            f = w.own + p.prev
            f.append("bi=" + p.low + "|" + w.low)
            if i > 1:
                f += words[i - 2].prev2
        if i + 1 < n:
            nxt = words[i + 1]
            f += nxt.next
            if i + 2 < n:
                f += words[i + 2].next2
                f.append("nb=" + nxt.low + "|" + words[i + 2].low)  # "said it": a body
        else:
            f.append("EOS")
        if headline:
            f.append("headline")
        if rules is not None:
            r = rules[i]
            f.append("r=" + r)
            if i + 1 < n:
                f.append("+1r=" + rules[i + 1])
            if i > 0:
                f.append("-1r=" + rules[i - 1])
        if doc is not None and w.title:
            seen = doc.get(w.low, 0)
            if seen & 1:
                f.append("doc:lower")
            if seen & 2:
                f.append("doc:midcap")
        out.append(f)
    return out


def doc_features(sentences: Sequence[Sequence[str]]) -> dict[str, int]:
    """How a document writes each word: bit 1 lower-case somewhere, bit 2 capitalised inside a
    sentence that is not a headline (a name the writer capitalised on purpose)."""
    out: dict[str, int] = {}
    for sent in sentences:
        upper = sum(1 for w in sent if len(w) > 1 and w.isupper())
        headline = upper * 2 > len(sent)
        for i, w in enumerate(sent):
            if not w[:1].isalpha():
                continue
            low = w.lower()
            if w.islower():
                out[low] = out.get(low, 0) | 1
            elif i > 0 and not headline and w[:1].isupper() and not w.isupper():
                out[low] = out.get(low, 0) | 2
    return out


def load() -> None:
    """Open the model now (a worker warming up) instead of at the first sentence tagged."""
    _tagger()


@lru_cache(maxsize=1)
def _tagger():
    """The shipped model, opened once per process (and so once per worker)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    path = resources.files(__package__).joinpath(MODEL_FILE)
    with resources.as_file(path) as real:
        tagger.open(str(real))
    return tagger


def tag_tokens(
    sentences: Sequence[Sequence[str]], rules: Sequence[Sequence[str]]
) -> list[list[str]]:
    """BIO labels ("B-PER", "I-ORG", "O"...) for every token of every sentence of one document,
    given what the rules read in each token."""
    doc = doc_features(sentences)
    tagger = _tagger()
    return [
        tagger.tag(word_features(s, doc, r)) if s else []
        for s, r in zip(sentences, rules, strict=True)
    ]
