"""Capitalised tokens and the runs they form: the raw material of names.

Headlines in Title Case and sentence-initial capitals are marked here, since a capital there
says nothing about a name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.extract import gazetteer as gz
from explorer.extract import lexicon
from explorer.extract.names_lexicon import (
    PERSON_CUES,
)
from explorer.extract.spelling import fold
from explorer.model import Sentence
from explorer.records import PERSON

# A capitalised token: a dotted acronym (U.S., U.N.), or a word that may carry hyphenated parts
# (Sar-e-Pul, Mazar-i-Sharif) and a lower-case Arabic/European particle before it
# ("al Qaida", "al-Qahtani", "bin Laden"), or two of them ("von der Leyen", "van den Berg").
_TOKEN = re.compile(
    r"(?<![\w’'.\-‐])"
    r"(?:(?:al|el|ul|bin|ibn|abu|de|del|della|di|da|du|dos|das|van|von|der|den|ter)[\-‐ ]){0,2}"
    r"(?=[A-Z])"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][^\W\d_]*(?:[’'][A-Z][^\W\d_]+)?(?:[\-‐][^\W\d_]+)*(?![\w\-‐]))"
    r"(?![’'](?:t|ll|re|ve|d|m)\b)"  # "Aren’t", "We’ll": words, not names
)
_POSSESSIVE = re.compile(r"[’']s(?!\w)|(?<=s)[’'](?=\s|$)")
_GAP_JOIN = re.compile(r"[ \u00a0]")
_GAP_CONNECTOR = re.compile(r"[ \u00a0](of|for|and|on)(?: the)?[ \u00a0]|[ \u00a0]?(&)[ \u00a0]?")
_DOTTED_ABBREVIATIONS = lexicon.words("names/dotted_abbreviations")
# Words right after a name.
_AFTER = re.compile(r"\s*(?:,\s*)?(?:who\s+|also\s+|has\s+|had\s+|later\s+|then\s+)?([a-z]+)")
_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?:[\w’'\-]+\s+){0,5}?("
    + "|".join(
        sorted(
            PERSON_CUES
            | {"spokesman", "commissioner", "governor", "leader", "lawmaker", "veteran"},
            key=len,
            reverse=True,
        )
    )
    + r")s?\b"
)
_PLACE_AFTER = re.compile(
    r"(?:\s+(province|city|district|region|state)\b)"
    r"|(?:,\s+(?:the\s+)?(?:provincial\s+|regional\s+|national\s+)?capital\b)"
    r"|(?:\s+[–—-]\s+(?:the\s+)?capital\b)",
    re.I,
)
_PLACE_BEFORE = re.compile(
    r"(?:(?:province|city|town|capital|village|district|region|outskirts|suburbs)\s+of"
    r"|capital,?|city|town|(?:province|capital)\s+[–—-])\s+$",
    re.I,
)
_WORD_BEFORE = re.compile(r"([A-Za-z][a-z]+)[ \u00a0]+$")
_DATELINE_AFTER = re.compile(r"\s*(?:[–—]|-\s|,\s)")
_DATELINE_BEFORE = re.compile(r"(?:^|\n|[–—]\s*|\d\s+[–—-]\s+)$")
_COMMA_REGION = re.compile(r",\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b(?![ \u00a0][A-Z])")
_ACRONYM_AFTER = re.compile(r"\s+\(([A-Z]{2,6})\)")

_MAJOR_CITY = 100_000  # a bare sentence-initial word is read as a city only above this size
_SMALL_TOWN = 50_000  # below this a one-word town needs "in", "at", "near"... before it
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|to|outside|into|towards?|across|around|via)[ \u00a0]+$", re.I
)


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    caps: bool  # written all in capitals (headline, dateline or shouting)
    poss: bool  # followed by a possessive ’s


@dataclass(slots=True)
class _Cand:
    """A candidate mention before merging."""

    start: int
    end: int
    kind: str | None  # None: keep only if the document knows the name from elsewhere
    strength: int  # 3 context/gazetteer, 2 shape, 1 unknown
    place: gz.Place | None = None
    name: str = ""  # the name proper (honorific left out), for merging


@dataclass(slots=True)
class _Cluster:
    kind: str
    forms: list[tuple[int, int, str, str]] = field(default_factory=list)  # start,end,text,name
    gid: str | None = None
    place: gz.Place | None = None
    keys: set[str] = field(default_factory=set)


# --------------------------------------------------------------------------- tokens and groups


def _make_token(text: str, m: re.Match) -> _Tok:
    start, end = m.span()
    word = m.group()
    if end < len(text) and text[end] == "." and fold(word) in _DOTTED_ABBREVIATIONS:
        end += 1  # "Maj." "Mr." keep their dot
    elif end < len(text) and text[end] == "." and len(word) == 1:
        end += 1  # an initial: "John F. Kennedy"
    letters = [c for c in word if c.isalpha()]
    caps = len(letters) >= 2 and all(c.isupper() for c in letters) and "." not in word
    poss = bool(_POSSESSIVE.match(text, end))
    return _Tok(start, end, text[start:end], caps, poss)


def _groups(text: str, tokens: list[_Tok]):
    """Yield runs of capitalised tokens joined by a space or a connector word ("of", "for")."""
    group = [tokens[0]]
    connectors: list[str | None] = []
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        gap = text[prev.end : tok.start]
        joined = None
        if not prev.poss and (prev.caps == tok.caps or _acronym(prev) or _acronym(tok)):
            if _GAP_JOIN.fullmatch(gap):
                joined = ""
            else:
                m = _GAP_CONNECTOR.fullmatch(gap)
                if m and not prev.caps:
                    joined = m.group(1) or m.group(2)
        if joined is None:
            yield group, connectors
            group, connectors = [tok], []
        else:
            group.append(tok)
            connectors.append(joined or None)
    yield group, connectors


def _acronym(tok: _Tok) -> bool:
    """A short all-capital word inside running text ("BBC Radio", "US Defense Department")."""
    return tok.caps and len(tok.text) <= 4


_LEADING_PUNCT = re.compile(r"[\s\"'“‘«(\[•*–—\-]*")
_AFTER_COLON = re.compile(r"[:;]\s+[\"'“‘]?(?=[A-Z])")
_AFTER_QUOTE = re.compile(r"[“\"‘]\s*(?=[A-Z])")
_HEADLINE_WORD = re.compile(r"[A-Za-z][\w’'\-]*")
_HEADLINE_LOWER = lexicon.words("names/headline_lower")


def _sentence_initials(text: str, sentences: list[Sentence]) -> set[int]:
    """Offsets where a sentence, item or line starts, or a clause after a colon starts."""
    out = set()
    for s in sentences:
        lead = _LEADING_PUNCT.match(text, s.start)  # matches, if only the empty string
        out.add(lead.end() if lead else s.start)
    for m in _AFTER_COLON.finditer(text):
        out.add(m.end())
    for m in _AFTER_QUOTE.finditer(text):
        out.add(m.end())
    return out


def _titlecase_spans(text: str, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Headline lines Written In Title Case, where capitals say nothing about names."""
    out = []
    for s in sentences:
        whole_line = (s.start == 0 or text[s.start - 1] == "\n") and (
            s.end >= len(text.rstrip()) or text[s.end : s.end + 1] in ("\n", "")
        )
        if s.kind != "headline" and not whole_line:
            continue
        words = _HEADLINE_WORD.findall(text, s.start, s.end)
        long = [w for w in words if len(w) > 3]
        # A sentence of names ("Yesterday John Smith met Mary Jones in Kabul.") still has a
        # lower-case verb; a Title Case headline capitalises its verbs too.
        lower = sum(1 for w in words if w[0].islower() and len(w) >= 3 and w not in _HEADLINE_LOWER)
        if (
            len(long) >= 3
            and sum(w[0].isupper() for w in long) >= 0.8 * len(long)
            and lower <= (0 if text[s.start : s.end].rstrip().endswith(".") else len(words) // 12)
        ):
            out.append((s.start, s.end))
    return out


def _full_name_ends(cands: list[_Cand]) -> set[str]:
    """The first and last words (folded) of the people named in full among ``cands``: the
    words a bare town or a speaking place may stand for ("Clinton" beside Hillary Clinton)."""
    out: set[str] = set()
    for c in cands:
        if c.kind == PERSON:
            toks = fold(c.name).split()
            if len(toks) >= 2:
                out.update((toks[0], toks[-1]))
    return out


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# --------------------------------------------------------------------------- classification


def _key(tokens: list[_Tok]) -> str:
    return fold(" ".join(t.text for t in tokens))


def _low(tok: _Tok) -> str:
    return tok.text.rstrip(".").lower()
