"""People, places and organisations: mentions with offsets, merged into in-document entities.

No statistical tagger can be shipped, so the rules combine three kinds of evidence, strongest
first:

1. context a reader would use: a title or role before the name ("spokesman Ned Price",
   "Maj. Nicole Ferrara"), a speech verb after it ("Hashimi said"), an apposition
   ("Juma Khan, the border town's deputy commissioner"), "province of X", "X province",
   "capital of X", an organisation word at its end ("Defence Select Committee");
2. gazetteers (countries, cities with alternate spellings, provinces) and a short list of
   organisations known by one bare name (Taliban, NATO, BBC);
3. shape: two to four capitalised words with nothing else known about them are most often a
   person's name in news text.

A capitalised word with none of that evidence (sentence-initial "Pictured", "Thursday",
"Islamic") is only kept when the document names it fully elsewhere: "Khalilzad" after "Zalmay
Khalilzad", "Khan" after "Ismail Khan". That second pass is also where in-document aliases
merge (Wallace, Mr Wallace -> Ben Wallace) and where a one-letter slip of a place named in the
same article joins it ("Ghanzi" in an article about Ghazni).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from explorer.extract import gazetteer as gz
from explorer.extract import lexicon
from explorer.extract.names_lexicon import (
    DEMONYMS,
    EPONYMOUS_ORGS,
    EVENT_SUFFIXES,
    EVERYDAY_GIVEN_NAMES,
    FUNCTION_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    ORG_FIRST,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSON_CUES,
    PLACE_SUFFIXES,
    REGIONS,
    SPEECH_VERBS,
    STOPWORDS,
    SURNAME_STOPWORDS,
    TITLES,
    given_name,
)
from explorer.extract.spelling import compact, content_tokens, damerau1, fold, skeleton
from explorer.model import DocEntity, Mention, Sentence
from explorer.records import ORG, PERSON, PLACE

__all__ = ["extract_entities", "same_place_spelling"]

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


def extract_entities(text: str, sentences: list[Sentence]) -> tuple[list[DocEntity], list[Mention]]:
    """Find person, place and organisation mentions and merge in-document aliases.

    Pure: the same text always gives the same entities, in order of first mention.
    """
    tokens = [_make_token(text, m) for m in _TOKEN.finditer(text)]
    if not tokens:
        return [], []
    initial = _sentence_initials(text, sentences)
    titlecase_lines = _titlecase_spans(text, sentences)
    cands: list[_Cand] = []
    for group, connectors in _groups(text, tokens):
        first = group[0].start
        lookup_only = all(t.caps for t in group) or _inside(first, titlecase_lines)
        if lookup_only:
            cands.extend(_lookup_only(text, group))
        else:
            cands.extend(_analyse(text, group, connectors, first in initial))
    return _merge(text, cands)


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
        out.add(_LEADING_PUNCT.match(text, s.start).end())
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


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# --------------------------------------------------------------------------- classification


def _key(tokens: list[_Tok]) -> str:
    return fold(" ".join(t.text for t in tokens))


def _low(tok: _Tok) -> str:
    return tok.text.rstrip(".").lower()


def _lookup_only(text: str, group: list[_Tok]) -> list[_Cand]:
    """Headline capitals and Title Case lines: only names a gazetteer or list knows.

    "ZARANJ", "LASHKAR GAH" and "SAR-E-PUL" are looked up as written; an unknown capitalised
    run that stands as a dateline ("Aug. 12 – FIRUS KOH – The capital of ...") is a place,
    because that is what datelines name.
    """
    out: list[_Cand] = []
    n = len(group)
    whole_start, whole_end = group[0].start, group[-1].end
    if group[0].caps:
        place = gz.lookup_place(text[whole_start:whole_end])
        before = text[max(0, whole_start - 24) : whole_start]
        after_m = _DATELINE_AFTER.match(text, whole_end)
        dateline = after_m is not None and _DATELINE_BEFORE.search(before) is not None
        if dateline and not _known_org(_key(group)) and _key(group) not in STOPWORDS:
            return [_Cand(whole_start, whole_end, PLACE, 3, place, _name_of(text, group))]
    i = 0
    while i < n:
        for j in range(min(n, i + 4), i, -1):
            span = group[i:j]
            key = _key(span)
            if key in DEMONYMS or (key in STOPWORDS and not (j == i + 1 and _acronym(span[0]))):
                continue
            c = _known(text, span, initial=False, strict=True)
            if (
                c is not None
                and c.kind == PLACE
                and j == i + 1
                and c.place is not None
                and c.place.type != "country"
                and given_name(span[0].text) >= 4
                and _first_name(group[i : i + 2], initial=True)
            ):
                # "Mary Jones": a given name before a surname, not a town called Mary.
                out.append(_Cand(span[0].start, group[i + 1].end, None, 1, None, ""))
                out[-1].name = _name_of(text, group[i : i + 2])
                i += 2
                break
            if c is not None:
                out.append(c)
                i = j
                break
        else:
            tok = group[i]
            key = _key([tok])
            if not _is_stop(tok) and key not in DEMONYMS and len(key) > 2:
                out.append(_Cand(tok.start, tok.end, None, 1, None, _title(tok.text)))
            i += 1
    return out


def _known(text: str, span: list[_Tok], initial: bool, strict: bool = False) -> _Cand | None:
    """A gazetteer place, a region or a known organisation, or None."""
    start, end = span[0].start, span[-1].end
    key = _key(span)
    name = _name_of(text, span)
    if _known_org(key):
        return _Cand(start, end, ORG, 3, None, name)
    if key in REGIONS:
        return _Cand(start, end, PLACE, 3, None, name)
    after = _PLACE_AFTER.match(text, end)
    province = after is not None and (after.group(1) or "").lower() == "province"
    place = gz.lookup_place(key, prefer_subdivision=province)
    if place is None:
        return None
    if (
        len(span) == 1
        and place.type == "city"
        and place.population < _SMALL_TOWN
        and not province
        and not _LOCATIVE_BEFORE.search(text, max(0, start - 12), start)
        and not _PLACE_BEFORE.search(text, max(0, start - 30), start)
    ):
        return None  # a small town's name alone is more often a word or a surname ("Media")
    if (
        (initial or strict)
        and place.type == "city"
        and place.population < _MAJOR_CITY
        and not province
        and not _PLACE_BEFORE.search(text, max(0, start - 30), start)
    ):
        return None
    if province and place.type == "subdivision" and after is not None:
        # "Herat province" is another place than the city of Herat; the mention says so.
        end = after.end()
        if gz.lookup_city(key) is not None:
            name = f"{name} province"
    return _Cand(start, end, PLACE, 3, place, name)


def _known_org(key: str) -> bool:
    return key in KNOWN_ORGS or key.replace(" ", "") in KNOWN_ORGS or key in EPONYMOUS_ORGS


_Run = tuple[
    list[_Tok], list[str | None], bool
]  # (tokens, connectors between them, sentence-initial)


def _analyse(text: str, group: list[_Tok], connectors: list[str | None], initial: bool):
    """Classify one run of capitalised words in running text (may yield several mentions).

    The stages below each either decide (return the candidates) or pass the run on, trimmed.
    """
    group, connectors, initial = _drop_leading_articles(group, connectors, initial)
    if not group:
        return []
    found = _joined_bodies(text, group, connectors)
    if found is not None:
        return found
    group, connectors = _drop_trailing_stops(text, group, connectors)
    if len(group) == 1 and _low(group[0]) in SURNAME_STOPWORDS:
        return _lone_surname_word(text, group[0], initial)
    found = _organisation(text, group, connectors, initial)
    if found is None:
        found = _everyday_place(text, group, connectors, initial)
    if found is not None:
        return found
    while group and _is_stop(group[0]) and _low(group[0]) not in TITLES:
        if _low(group[0]) in ORG_HEADS and len(group) > 1:
            break
        group, connectors = group[1:], connectors[1:]
        initial = False
    if not group:
        return []
    found = _titled(text, group, connectors, initial)
    if found is None:
        found = _split_at_connector(text, group, connectors, initial)
    if found is not None:
        return found
    return _plain_run(text, group, connectors, initial)


def _drop_leading_articles(group: list[_Tok], connectors: list[str | None], initial: bool) -> _Run:
    """Articles never start a name: "The Cavell Group"."""
    while (
        group
        and (_low(group[0]) in _ARTICLES or _low(group[0]) in FUNCTION_WORDS)
        and not _acronym(group[0])
    ):
        group, connectors = group[1:], connectors[1:]
        initial = False
    return group, connectors, initial


def _joined_bodies(text: str, group: list[_Tok], connectors: list[str | None]) -> list | None:
    """ "Societe Generale and Banco di Roma" (two bodies), "Procter & Gamble" (a firm)."""
    if len(group) > 1 and _low(group[0]) in ORG_FIRST and "and" in connectors:
        i = connectors.index("and")
        return _analyse(text, group[: i + 1], connectors[:i], False) + _analyse(
            text, group[i + 1 :], connectors[i + 1 :], False
        )
    if "&" in connectors or (len(group) > 1 and _low(group[0]) in ORG_FIRST):
        return [_Cand(group[0].start, group[-1].end, ORG, 3, None, _name_of(text, group))]
    return None


def _drop_trailing_stops(
    text: str, group: list[_Tok], connectors: list[str | None]
) -> tuple[list[_Tok], list[str | None]]:
    """Days and months after a name are not part of it: "North Dakota Tuesday"; a surname
    that is also a stop word is, after a given name: "Theresa May", "Kanye West"."""
    while (
        len(group) > 1
        and _is_stop(group[-1])
        and _low(group[-1]) not in ORG_SUFFIXES
        and not (
            _low(group[-1]) in SURNAME_STOPWORDS
            and len(group) <= 3
            and given_name(group[0].text)
            and not _is_stop(group[0])
            and not _MONTH_DAY.match(text, group[-1].end)
        )
    ):
        group, connectors = group[:-1], connectors[:-1]
    return group, connectors


def _lone_surname_word(text: str, tok: _Tok, initial: bool) -> list:
    """A lone "May" is the month or the modal unless the article names a Theresa May (then the
    merge joins it): never a person or a place on its own."""
    if (
        not _MONTH_DAY.match(text, tok.end)
        and not _TEMPORAL_BEFORE.search(text, max(0, tok.start - 12), tok.start)
        and (not initial or _speech_after(text, tok.end))
    ):
        return [_Cand(tok.start, tok.end, None, 1, None, tok.text)]
    return []


def _organisation(
    text: str, group: list[_Tok], connectors: list[str | None], initial: bool
) -> list | None:
    """A run ending in an organisation word, or a known organisation: a body (split at a
    connector outside it: "Members of the Foreign Affairs Select Committee")."""
    known_org = _known_org(_key(group)) or _ampersand(text, group)
    if not (
        (_low(group[-1]) in ORG_SUFFIXES or known_org)
        and _low(group[-1]) not in PLACE_SUFFIXES
        and (len(group) > 1 or known_org)
    ):
        return None
    firm = _low(group[-1]) in _COMPANY_SUFFIXES
    for i, conn in enumerate(connectors):
        left = group[: i + 1]
        if conn == "and" and firm and not _first_name(left, initial):
            continue  # "Kaiser Aluminum and Chemical Corp" is one firm
        if conn is not None and not any(
            _low(t) in ORG_HEADS or _low(t) in ORG_SUFFIXES for t in left
        ):
            return _analyse(text, left, connectors[:i], initial) + _analyse(
                text, group[i + 1 :], connectors[i + 1 :], False
            )
    return [_Cand(group[0].start, group[-1].end, ORG, 3, None, _name_of(text, group))]


def _everyday_place(
    text: str, group: list[_Tok], connectors: list[str | None], initial: bool
) -> list | None:
    """Places whose name starts with an everyday word: "New York", "South Africa"."""
    if not (len(group) > 1 and (_is_stop(group[0]) or _adjective(group[0]))):
        return None
    cut = next((i for i, c in enumerate(connectors) if c is not None), len(group) - 1) + 1
    whole = _known(text, group[:cut], initial)
    if whole is None:
        return None
    rest = group[cut:]
    return [whole] + (_analyse(text, rest, connectors[cut:], False) if rest else [])


def _titled(
    text: str, group: list[_Tok], connectors: list[str | None], initial: bool
) -> list | None:
    """A title splits the run: what is before it is analysed on its own, what follows is a
    person ("Deputy Foreign Minister Abdul Salam Zaeef")."""
    for i, tok in enumerate(group):
        low = _low(tok)
        if low in TITLES or low in HONORIFICS:
            return _after_title(text, group, connectors, initial, i)
    return None


def _after_title(
    text: str, group: list[_Tok], connectors: list[str | None], initial: bool, i: int
) -> list:
    tok = group[i]
    low = _low(tok)
    j = i + 1  # past a stack of titles: "Deputy Assistant Secretary"
    while (
        j < len(group)
        and connectors[j - 1] is None
        and (_low(group[j]) in TITLES or _low(group[j]) in HONORIFICS)
    ):
        j += 1
    if j - 1 < len(connectors) and connectors[j - 1] is not None:
        # "President of the High Council ...": a role of a body, not a person's title.
        return _analyse(text, group[j:], connectors[j:], False)
    # What comes before a title is a body or a place ("Afghan President", "Taliban
    # spokesman"), never a person: "Foreign" of "Deputy Foreign Minister" is no name.
    out = (
        [
            c
            for c in _analyse(text, group[:i], connectors[: max(0, i - 1)], initial)
            if c.kind not in (PERSON, None)
        ]
        if i
        else []
    )
    rest = group[j:]
    rest_conn = connectors[j:]
    later = next(
        (
            k
            for k, t in enumerate(rest[:-1])
            if k and _low(t) in TITLES and rest_conn[k - 1] is None
        ),
        None,
    )
    if later is not None and not _first_name(rest, False):
        # "Assistant U.S. Treasury Secretary David Mulford": the last title counts.
        return out + _analyse(text, rest, rest_conn, False)
    tail: list[_Cand] = []
    for k, conn in enumerate(rest_conn):
        if conn is not None:
            # "Sen. Marco Rubio of Florida": the name ends at the connector.
            tail = _analyse(text, rest[k + 1 :], rest_conn[k + 1 :], False)
            rest = rest[: k + 1]
            break
    if rest and _low(rest[0]) not in STOPWORDS:
        start = tok.start if low in HONORIFICS else rest[0].start
        kind = PERSON
        if len(rest) == 1 and (
            (low in _ADJECTIVE_TITLES and not given_name(rest[0].text))
            or _low(rest[0]) in ORG_SUFFIXES
        ):
            kind = None  # "General Host", "General Cinema": firms, unless known
        out.append(_Cand(start, rest[-1].end, kind, 3, None, _name_of(text, rest)))
    return out + tail


def _split_at_connector(
    text: str, group: list[_Tok], connectors: list[str | None], initial: bool
) -> list | None:
    """Connectors only hold inside organisation names ("Office for the Coordination of ...")."""
    for i, conn in enumerate(connectors):
        if conn is not None:
            left, right = group[: i + 1], group[i + 1 :]
            if not any(_low(t) in ORG_HEADS for t in left):
                return _analyse(text, left, connectors[:i], initial) + _analyse(
                    text, right, connectors[i + 1 :], False
                )
            return [_Cand(group[0].start, group[-1].end, ORG, 3, None, _name_of(text, group))]
    return None


def _plain_run(text: str, group: list[_Tok], connectors: list[str | None], initial: bool) -> list:
    """A run with no title, connector or organisation word: a region, a known place or body,
    a person by context or given name, or a name of unknown kind."""
    # Regions and places whose name starts with an everyday word first ("Central Asia",
    # "New York", "South Africa"), then strip adjectives ("Afghan", "Southern", "Former").
    if _key(group) in REGIONS:
        return [_Cand(group[0].start, group[-1].end, PLACE, 3, None, _name_of(text, group))]
    while group and (_adjective(group[0]) or _is_stop(group[0])):
        group = group[1:]
        initial = False
    if not group or _not_a_name(group):
        return []
    if _ORG_WORD_END.search(group[-1].text) and not given_name(group[0].text):
        return [_Cand(group[0].start, group[-1].end, ORG, 3, None, _name_of(text, group))]
    if _low(group[-1]) in EVENT_SUFFIXES:
        return []
    if len(group) >= 3 and not _known_org(_key(group)):
        group, connectors, initial = _from_given_name(group, connectors, initial)
    known = _known(text, group, initial)
    if known is not None and _known_stands(text, group, known):
        # A bare town name is read as a person when the sentence says so ("Obama said").
        if len(group) == 1 and known.place is not None and known.place.type == "city":
            known.strength = 2  # a surname of the article's people still wins (see _merge)
        return [known]
    return _by_context(text, group, connectors, initial)


def _not_a_name(group: list[_Tok]) -> bool:
    """Shapes that are never names however capitalised."""
    if any(_adjective(t) for t in group):
        return True  # "Stranded Afghan nationals": an adjective run, not a name
    if len(group) == 1 and _PLURAL_ACRONYM.fullmatch(group[0].text):
        return True  # "MPs", "RPGs"
    # "Corp" cut off "Standard and Poor's Corp", "The Exchange said"
    return len(group) == 1 and (
        _low(group[0]) in ORG_SUFFIXES or _low(group[0])[:-1] in ORG_SUFFIXES
    )


def _from_given_name(group: list[_Tok], connectors: list[str | None], initial: bool) -> _Run:
    """ "Exchequer Nigel Lawson", "Separately John Smith", "Economic Affairs Allen Wallis":
    words before a given name that opens a name are not part of it."""
    for k in range(1, len(group) - 1):
        if given_name(group[k - 1].text) or _low(group[k - 1]) in ORG_SUFFIXES:
            break  # "Senate Bill Eleven": a body's bill, not Bill Eleven
        if _low(group[k]) not in EVERYDAY_GIVEN_NAMES and _first_name(group[k:], False):
            return group[k:], connectors[k:], False
    return group, connectors, initial


def _known_stands(text: str, group: list[_Tok], known: _Cand) -> bool:
    """A known place or body keeps its reading, except a minor town the sentence makes a
    person ("Obama said", "Mr. Sanders")."""
    return (
        len(group) > 1
        or known.place is None
        or known.place.type != "city"
        or known.place.population >= _MAJOR_CITY  # "Kabul tweeted": the government there
        or not (_speech_after(text, group[-1].end) or _person_before(text, group[0].start))
    )


def _by_context(text: str, group: list[_Tok], connectors: list[str | None], initial: bool) -> list:
    """A name the gazetteers do not know: what the words around it say it is."""
    start, end = group[0].start, group[-1].end
    name = _name_of(text, group)
    if _low(group[-1]) in PLACE_SUFFIXES and len(group) > 1:
        return [_Cand(start, end, PLACE, 3, None, name)]
    if len(group) == 1 and len(group[0].text) < 2:
        return []
    if len(group) == 1 and initial:
        # Sentence-initial capitals say nothing, unless a speech verb follows ("Niazi said").
        if not group[0].text.endswith("s") and _speech_after(text, end):
            return [_Cand(start, end, PERSON, 3, None, name)]
        return [_Cand(start, end, None, 1, None, name)]
    if _place_context(text, start, end):
        place = gz.lookup_place_fuzzy(name)
        return [_Cand(start, end, PLACE, 3, place, name)]
    if len(group) > 1:
        head = _known(text, group[:1], initial)
        if head is not None and (head.kind == ORG or _is_big_place(group[0].text, False)):
            # "Taliban Suhail Shaheen": a body or country, then the name of a person.
            return [head] + _analyse(text, group[1:], connectors[1:], False)
    if _person_context(text, start, end) and not _org_like(group):
        return [_Cand(start, end, PERSON, 3, None, name)]
    if len(group) == 1:
        return [_Cand(start, end, None, 1, None, name)]
    if (
        len(group) <= 4
        and not any(_is_big_place(t.text, i > 0) or _acronymish(t) for i, t in enumerate(group))
        and not _ABSTRACT_NOUN.search(group[-1].text)
        and _key(group[:2]) not in REGIONS
    ):
        # Shape alone ("Renewable Fuel Standard", "Good Jobs") is no evidence: a person needs
        # a given name, or the article must use the surname with a title or cue elsewhere
        # (the merge promotes the run then).
        if _first_name(group, initial):
            return [_Cand(start, end, PERSON, 2, None, name)]
        return [_Cand(start, end, None, 1, None, name)]
    return []


_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
_INITIAL = re.compile(r"[A-Z]\.")
# One-word firm names built on an organisation word: "Citibank", "Citicorp", "Bancorp".
_ORG_WORD_END = re.compile(r"\w(?:bank|banc|corp|bancorp|tech|soft)$", re.I)
# Titles that are also everyday adjectives or nouns: "General Host" and "Chief Executive"
# are not people, "General Smith" is only when the article names him fully.
_ADJECTIVE_TITLES = lexicon.words("names/adjective_titles")


def _org_like(group: list[_Tok]) -> bool:
    """A run a speech verb does not make a person: "Statistics Canada said", "Texas Air said"."""
    return any(
        _low(t) in ORG_SUFFIXES or t.caps or (i < len(group) - 1 and _is_big_place(t.text))
        for i, t in enumerate(group)
    ) or any(gz.lookup_country(t.text) is not None for t in group)


_TEMPORAL_BEFORE = re.compile(
    r"\b(?:in|on|by|since|until|till|from|through|last|next|this|early|late|mid|of|during)"
    r"[ \u00a0]+$",
    re.I,
)
_AMPERSAND_AFTER = re.compile(r"[ \u00a0]*&[ \u00a0]*[A-Z]")
_AMPERSAND_BEFORE = re.compile(r"[A-Z][\w.]*[ \u00a0]*&[ \u00a0]*$")


def _ampersand(text: str, group: list[_Tok]) -> bool:
    """ "Procter & Gamble", "Marks & Spencer": names joined by an ampersand are a firm."""
    return bool(
        _AMPERSAND_AFTER.match(text, group[-1].end)
        or _AMPERSAND_BEFORE.search(text, max(0, group[0].start - 30), group[0].start)
    )


def _first_name(group: list[_Tok], initial: bool) -> bool:
    """The run opens with a given name followed by what reads as a surname.

    Why so guarded: the given-name dictionary holds words ("Will", "Mark", "Rose") and place
    names ("Mary", "Paris"), so the name counts only before a capitalised word that is not a
    stop word, a title, a nationality, an organisation or place word, or a country; and an
    everyday word at the start of a sentence also needs that word to be no place at all.
    """
    if len(group) < 2:
        return False
    tok, nxt = group[0], group[1]
    if _INITIAL.fullmatch(nxt.text) and len(group) > 2:
        nxt = group[2]  # a middle initial: "Ronald G. Williams"
    if _INITIAL.fullmatch(tok.text):
        pass  # "J. Brannam", "E. Duff Scott": an initial opens a name like a given name does
    elif tok.caps or "." in tok.text or not given_name(tok.text):
        return False
    low, nlow = _low(tok), _low(nxt)
    if (
        nxt.caps
        or _acronymish(nxt)
        or (nlow in STOPWORDS and nlow not in SURNAME_STOPWORDS)
        or nlow in TITLES
        or nlow in ORG_SUFFIXES
        or nlow in PLACE_SUFFIXES
        or nlow in EVENT_SUFFIXES
        or _adjective(nxt)
        or _known_org(_key([nxt]))
    ):
        return False
    place = gz.lookup_place(nxt.text)
    if place is not None and (place.type == "country" or place.population >= 2_000_000):
        return False
    if low in EVERYDAY_GIVEN_NAMES and initial:
        # "Mark Carney said" (Carney: a town of 30,000), not "Will Georgia vote?".
        small = place is None or (place.type == "city" and place.population < _MAJOR_CITY)
        return small and len(group) <= 3
    return True


_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "those"})


def _is_stop(tok: _Tok) -> bool:
    """A stop word, unless written as an acronym: "US" is the country, never the pronoun."""
    return _low(tok) in STOPWORDS and not _acronym(tok)


def _adjective(tok: _Tok) -> bool:
    """Nationality or stance words, hyphenated ones too ("Afghan", "American-made", "Pro-")."""
    low = _low(tok)
    parts = re.split(r"[\-‐]", tok.text)
    if len(parts) > 1 and parts[-1].islower() and parts[-1].endswith(("ing", "ed", "run", "born")):
        return True  # "Pulitzer Prize-winning", "Kabul-based", "US-led"
    head = parts[0].lower()
    return low in DEMONYMS or (head != low and (head in DEMONYMS or head in ("pro", "anti")))


def _speech_after(text: str, end: int) -> bool:
    """A speech verb follows, and not "said it"/"said its": that is how wires quote firms."""
    after = _AFTER.match(text, end)
    return (
        after is not None
        and after.group(1) in SPEECH_VERBS
        and _IT_AFTER.match(text, after.end()) is None
    )


_IT_AFTER = re.compile(r"\s+(?:that\s+|on\s+\w+\s+)?(?:it|its)\b")


# Last words of capitalised phrases that name programmes, laws and ideas, not people
# ("Renewable Future", "Affordable Care Act" aside): no common surname ends like these.
_ABSTRACT_NOUN = re.compile(r"(?:tion|sion|ment|ness|ism|ship|ture|ics|ogy|ity)s?$")


def _acronymish(tok: _Tok) -> bool:
    """ "N.Z.", "XL": people's names are not written in capitals inside running text."""
    return tok.caps or "." in tok.text.rstrip(".")


def _is_big_place(word: str, subdivisions: bool = True) -> bool:
    """A country, a city of two million (or a province): not a word of a person's name.

    Provinces only count after the first word: "Virginia Woolf" and "Mary Kennedy" are people
    (Mary is also a province of Turkmenistan), "Independent Vermont" is not.
    """
    place = gz.lookup_place(word)
    if place is None:
        return False
    if place.type == "subdivision":
        return subdivisions
    return place.type == "country" or place.population >= 2_000_000


def _person_before(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return before is not None and before.group(1).lower() in PERSON_CUES


def _person_context(text: str, start: int, end: int) -> bool:
    if _person_before(text, start):
        return True
    if _speech_after(text, end):
        return True
    appo = _APPOSITION.match(text, end)
    return appo is not None and appo.end() - end < 80


def _place_context(text: str, start: int, end: int) -> bool:
    if _PLACE_BEFORE.search(text, max(0, start - 30), start):
        return True
    if _PLACE_AFTER.match(text, end) is not None:
        return True
    # "Bluffton, Ohio", "Chaman, Pakistan": a town followed by its state or country.
    m = _COMMA_REGION.match(text, end)
    if m:
        region = gz.lookup_place(m.group(1))
        return region is not None and region.type != "city"
    return False


def _name_of(text: str, toks: list[_Tok]) -> str:
    """The name as it should be shown: headline capitals in title case, honorifics dropped."""
    while len(toks) > 1 and _low(toks[0]) in HONORIFICS:
        toks = toks[1:]
    surface = text[toks[0].start : toks[-1].end]
    if toks[0].caps and len(surface) > 4 and not _known_org(fold(surface)):
        return _title(surface)
    return surface


def _title(s: str) -> str:
    if not s.isupper():
        return s
    out = re.sub(r"[A-Za-z]+", lambda m: m.group().capitalize(), s.lower())
    # Transliteration particles stay lower-case: "Sar-e-Pul", "Qala-e-Naw".
    return re.sub(r"(?<=-)(E|I|Ul|Al|Ye)(?=-)", lambda m: m.group().lower(), out)


# --------------------------------------------------------------------------- merging


def same_place_spelling(a: str, b: str, typo: bool = True) -> bool:
    """True when two place names read as one place spelled two ways.

    ``typo`` lets a one-edit slip count too: safe between two places of one article, not
    between unrelated documents (two villages can be one letter apart).

    Why these guards: transliterations differ in vowels and sibilants ('Feroz Koh' / 'Firus
    Koh', 'Puli-e Alim' / 'Pul-e-Alam'), typos by one edit ('Kabil', 'Ghanzi'), but distinct
    places can sit one edit apart too when short, so a skeleton match must also start with the
    same letter, have as many words and be long enough to mean something.
    """
    ca, cb = compact(a), compact(b)
    if ca == cb:
        return True
    if typo and len(ca) >= 5 and len(cb) >= 5 and damerau1(ca, cb):
        return True
    if ca[:1] != cb[:1] or len(content_tokens(a)) != len(content_tokens(b)):
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa != sb or len(sa) < 3 or min(len(ca), len(cb)) < 6:
        return False
    from rapidfuzz.fuzz import ratio

    return ratio(ca, cb) >= 60


def _merge(text: str, cands: list[_Cand]) -> tuple[list[DocEntity], list[Mention]]:
    """Candidates into the document's entities: overlaps settled, kinds corrected by the
    article's own evidence, the forms of one entity clustered (see ``_Merger``)."""
    kept = _non_overlapping(cands)
    _promote_cued_surnames(kept)
    _people_over_towns(kept)
    merger = _Merger(text, kept)
    merger.by_own_key()
    merger.shorter_names()
    merger.place_variants()
    merger.single_words()
    merger.bracket_acronyms()
    return _emit(merger.clusters)


def _non_overlapping(cands: list[_Cand]) -> list[_Cand]:
    """Overlapping candidates: the earlier, longer one wins."""
    cands.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Cand] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            kept.append(c)
            last_end = c.end
    return kept


def _promote_cued_surnames(kept: list[_Cand]) -> None:
    """ "Dilson Funaro" with no given name known is a person when the article also calls him
    "Funaro said" or "Minister Funaro": the full form of a surname used with a cue."""
    cued = {fold(c.name) for c in kept if c.kind == PERSON and " " not in fold(c.name)}
    for c in kept:
        if c.kind is None and " " in fold(c.name) and fold(c.name).split()[-1] in cued:
            c.kind, c.strength = PERSON, 2


def _people_over_towns(kept: list[_Cand]) -> None:
    """A bare town name that is also a word of a person of this article is that person
    ("Clinton" after "Hillary Clinton", not Clinton, Iowa)."""
    person_words = set()
    for c in kept:
        if c.kind == PERSON:
            toks = fold(c.name).split()
            if len(toks) >= 2:
                person_words.update((toks[0], toks[-1]))
    for c in kept:
        if c.kind == PLACE and c.strength == 2 and fold(c.name) in person_words:
            c.kind, c.place = None, None


class _Merger:
    """Clusters the kept candidates of one document, stage by stage."""

    def __init__(self, text: str, kept: list[_Cand]) -> None:
        self.text = text
        self.kept = kept
        self.clusters: list[_Cluster] = []
        self.by_key: dict[tuple[str, str], int] = {}
        self.assigned: list[int | None] = [None] * len(kept)
        self.persons_multi: list[int] = []

    def add(self, ci: int, idx: int) -> None:
        c = self.kept[idx]
        cl = self.clusters[ci]
        cl.forms.append((c.start, c.end, self.text[c.start : c.end], c.name))
        cl.keys.add(fold(c.name))
        if c.place is not None and cl.place is None:
            cl.place, cl.gid = c.place, c.place.gazetteer_id
        self.assigned[idx] = ci

    def _cluster_for(self, k: tuple[str, str], kind: str, reuse_empty: bool) -> int:
        ci = self.by_key.get(k)
        if ci is None or (not reuse_empty and not self.clusters[ci].forms):
            ci = len(self.clusters)
            self.clusters.append(_Cluster(kind))
            self.by_key[k] = ci
        return ci

    def by_own_key(self) -> None:
        """1. Multi-word persons, places and organisations by their own key (gazetteer id
        first)."""
        for idx, c in enumerate(self.kept):
            if c.kind is None:
                continue
            if c.kind == PERSON and len(fold(c.name).split()) == 1:
                continue
            if c.kind == PLACE and c.place is not None:
                k = (PLACE, c.place.gazetteer_id)
            else:
                k = (c.kind, _merge_key(c.name))
            self.add(self._cluster_for(k, c.kind, reuse_empty=True), idx)
            if c.kind == PERSON:
                self.persons_multi.append(idx)

    def shorter_names(self) -> None:
        """2. Shorter full names inside longer ones: "Ismail Khan" -> "Mohammad Ismail Khan"."""
        clusters, assigned = self.clusters, self.assigned
        person_ci = sorted(
            {assigned[i] for i in self.persons_multi}, key=lambda ci: -_ntok(clusters[ci])
        )
        for ci in reversed(person_ci):
            toks = fold(clusters[ci].forms[0][3]).split()
            hosts = [
                cj
                for cj in person_ci
                if cj != ci
                and _ntok(clusters[cj]) > len(toks)
                and any(fold(f[3]).split()[-len(toks) :] == toks for f in clusters[cj].forms)
            ]
            if len(hosts) == 1 and clusters[ci].forms:
                _absorb(clusters, hosts[0], ci, assigned)

    def place_variants(self) -> None:
        """3. Places spelled like another place of the same article: a transliteration without
        a gazetteer entry ("Feroz Koh" / "FIRUS KOH"), or a slip that happens to be the name of
        some small town far away ("Ghanzi", a town in Botswana, in an article about Ghazni)."""
        clusters = self.clusters
        place_ci = [i for i, cl in enumerate(clusters) if cl.kind == PLACE and cl.forms]
        person_tokens = {t for cl in clusters if cl.kind == PERSON for t in _tokens_of(cl)}
        for ci in place_ci:
            cl = clusters[ci]
            if not cl.forms or not _may_be_variant(cl):
                continue
            for cj in place_ci:
                other = clusters[cj]
                if cj == ci or not other.forms or not _outranks(other, cl, cj < ci):
                    continue
                a, b = cl.forms[0][3], other.forms[0][3]
                if same_place_spelling(a, b) and not any(
                    damerau1(compact(a), t) for t in person_tokens
                ):
                    _absorb(clusters, cj, ci, self.assigned)
                    break

    def single_words(self) -> None:
        """4. Single words: the nearest full name ending in them, a known alias, a one-letter
        slip."""
        known = _known_names(self.clusters)
        for idx, c in enumerate(self.kept):
            if self.assigned[idx] is not None:
                continue
            ci = _attach_single(self.text, c, self.clusters, known)
            if ci is None and c.kind is not None:
                ci = self._cluster_for((c.kind, _merge_key(c.name)), c.kind, reuse_empty=False)
            if ci is not None:
                self.add(ci, idx)

    def bracket_acronyms(self) -> None:
        """5. "Afghan National Army (ANA)": the acronym in brackets names the same
        organisation."""
        for cl in self.clusters:
            if cl.kind != ORG or not cl.forms:
                continue
            for _s, e, _t, _n in list(cl.forms):
                m = _ACRONYM_AFTER.match(self.text, e)
                if m:
                    cl.forms.append((m.start(1), m.end(1), m.group(1), m.group(1)))


def _may_be_variant(cl: _Cluster) -> bool:
    """A place that could be a misspelling: unknown, or a small town read off a typo."""
    if cl.place is None:
        return True
    return cl.place.type == "subdivision" or (
        cl.place.type == "city" and cl.place.population < _MAJOR_CITY
    )


def _outranks(host: _Cluster, guest: _Cluster, earlier: bool) -> bool:
    if guest.place is None:
        return host.place is not None or len(host.forms) > len(guest.forms) or earlier
    if host.place is None or host.place.gazetteer_id == guest.place.gazetteer_id:
        return False
    if guest.place.type == "subdivision":
        # A province far away ("Ghanzi", a district of Botswana) read off a slip of a big town
        # of the article; never a province of the same country.
        return (
            host.place.country != guest.place.country
            and (host.place.type == "country" or host.place.population >= _MAJOR_CITY)
            and len(host.forms) >= len(guest.forms)
        )
    return host.place.population >= 5 * max(1, guest.place.population) and len(host.forms) >= len(
        guest.forms
    )


def _merge_key(name: str) -> str:
    k = fold(name)
    if k.startswith("the "):
        k = k[4:]
    return k.replace(" ", "")


def _ntok(cl: _Cluster) -> int:
    return max(len(fold(f[3]).split()) for f in cl.forms) if cl.forms else 0


def _absorb(clusters: list[_Cluster], host: int, guest: int, assigned: list[int | None]) -> None:
    h, g = clusters[host], clusters[guest]
    h.forms.extend(g.forms)
    h.keys |= g.keys
    if h.place is None and g.place is not None:
        h.place, h.gid = g.place, g.gid
    g.forms = []
    for i, a in enumerate(assigned):
        if a == guest:
            assigned[i] = host


_COMPANY_SUFFIXES = lexicon.words("names/company_suffixes")
_MONTH_DAY = re.compile(r"\.?\s+\d")


@dataclass(slots=True)
class _Known:
    """What the article has named so far, indexed for the lone-word rules (built once)."""

    # (offset, cluster) of every multi-word person form, by its first and by its last word
    by_word: dict[str, list[tuple[int, int]]]
    place_forms: dict[str, set[int]]  # compact spelling -> place clusters
    person_words: set[str]
    org_first: dict[str, int]  # "penril" -> the cluster of "Penril Corp"


def _known_names(clusters: list[_Cluster]) -> _Known:
    by_word: dict[str, list[tuple[int, int]]] = {}
    place_forms: dict[str, set[int]] = {}
    person_words: set[str] = set()
    org_first: dict[str, int] = {}
    for ci, cl in enumerate(clusters):
        if not cl.forms:
            continue
        if cl.kind == PERSON:
            for s, _e, _t, name in cl.forms:
                toks = fold(name).split()
                person_words.update(toks)
                if len(toks) >= 2:
                    for w in {toks[0], toks[-1]}:
                        by_word.setdefault(w, []).append((s, ci))
        elif cl.kind == PLACE:
            for f in cl.forms:
                place_forms.setdefault(compact(f[3]), set()).add(ci)
        elif cl.kind == ORG:
            for f in cl.forms:
                toks = fold(f[3]).split()
                # "Kaiser said" after "Kaiser Aluminum Corp", "Orbit said" after "Orbit
                # Petroleum Inc"; a first word that is a given name or an everyday word
                # ("National", "White") names too many things to count.
                if (
                    len(toks) >= 2
                    and (toks[-1] in _COMPANY_SUFFIXES or toks[-1] in ORG_SUFFIXES)
                    and toks[0] not in STOPWORDS
                    and toks[0] not in ORG_HEADS
                    and not given_name(toks[0])
                ):
                    org_first.setdefault(toks[0], ci)
    return _Known(by_word, place_forms, person_words, org_first)


def _attach_single(text: str, c: _Cand, clusters: list[_Cluster], known: _Known) -> int | None:
    """Which entity a lone capitalised word (or "Mr X") refers to, if the article says."""
    key = fold(c.name)
    if _MONTH_DAY.match(text, c.end):
        return None  # "May 5", "Jan 12": a date, not Theresa May
    if not key or (key in STOPWORDS and not (key in SURNAME_STOPWORDS and key in known.by_word)):
        return None
    # A company named by its first word: "Penril said" after "Penril Corp".
    if key in known.org_first and (
        c.kind is None or (c.kind == PERSON and c.start == c.end - len(c.name))
    ):
        return known.org_first[key]
    # The nearest full name before it whose last (or first) word it is; after it otherwise.
    if c.kind in (None, PERSON):
        best: tuple[int, int] | None = None
        for s, ci in known.by_word.get(key, ()):
            dist = c.start - s if s < c.start else 10**9 + s - c.start
            if best is None or dist < best[0]:
                best = (dist, ci)
        if best is not None:
            return best[1]
    exact = [ci for ci, cl in enumerate(clusters) if cl.forms and key in cl.keys]
    if exact and (c.kind is None or clusters[exact[0]].kind == c.kind):
        return exact[0]
    if c.kind not in (None, PLACE):
        return None
    # A one-edit slip of a place of this article ("Ghanzi" beside "Ghazni"), unless it is as
    # close to a person's name ("Ghani"): then nothing tells them apart and it is dropped.
    ck = compact(c.name)
    if len(ck) < 5:
        return None
    near_place = {
        ci
        for form, cis in known.place_forms.items()
        if abs(len(form) - len(ck)) <= 1 and damerau1(ck, form)
        for ci in cis
        if clusters[ci].forms
    }
    if len(near_place) != 1:
        return None
    if any(abs(len(w) - len(ck)) <= 1 and damerau1(ck, w) for w in known.person_words):
        return None
    return near_place.pop()


def _tokens_of(cl: _Cluster) -> set[str]:
    return {t for f in cl.forms for t in fold(f[3]).split()}


def _emit(clusters: list[_Cluster]) -> tuple[list[DocEntity], list[Mention]]:
    live = [cl for cl in clusters if cl.forms]
    live.sort(key=lambda cl: min(f[0] for f in cl.forms))
    entities: list[DocEntity] = []
    mentions: list[Mention] = []
    seen_starts: set[int] = set()
    for i, cl in enumerate(live):
        aliases: list[str] = []
        for _s, _e, surface, name in sorted(cl.forms):
            for form in (surface, name):
                if form not in aliases:
                    aliases.append(form)
        ent = DocEntity(
            name=_best_name(cl),
            kind=cl.kind,
            aliases=aliases,
            lat=cl.place.lat if cl.place else None,
            lon=cl.place.lon if cl.place else None,
            gazetteer_id=cl.gid,
        )
        entities.append(ent)
        for s, e, surface, _name in cl.forms:
            if s in seen_starts:
                continue
            seen_starts.add(s)
            mentions.append(Mention(s, e, surface, cl.kind, i))
    mentions.sort(key=lambda m: m.start)
    return entities, mentions


def _best_name(cl: _Cluster) -> str:
    """Fullest form for people and bodies; for places the spelling the article uses most."""
    names = [f[3] for f in cl.forms]
    counts: dict[str, int] = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    if cl.kind == PLACE:
        if cl.place is not None and cl.place.type == "country":
            return cl.place.name
        return max(counts, key=lambda n: (not n.isupper(), counts[n], len(n), n))
    return max(counts, key=lambda n: (len(n.split()), not n.isupper(), counts[n], len(n), n))
