"""What a run of capitalised words is: a person, a place, an organisation, or not a name.

``_analyse`` reads a run in stages (each decides or passes the run on, trimmed), with the
evidence the package docstring lists; ``_lookup_only`` reads runs whose capitals say nothing
(headlines), by the gazetteers and known organisations alone."""

from __future__ import annotations

import re

from explorer.extract import gazetteer as gz
from explorer.extract import lexicon
from explorer.extract.names.tokens import (
    _AFTER,
    _APPOSITION,
    _COMMA_REGION,
    _DATELINE_AFTER,
    _DATELINE_BEFORE,
    _LOCATIVE_BEFORE,
    _MAJOR_CITY,
    _PLACE_AFTER,
    _PLACE_BEFORE,
    _SMALL_TOWN,
    _WORD_BEFORE,
    _acronym,
    _Cand,
    _key,
    _low,
    _Tok,
)
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
from explorer.extract.spelling import fold
from explorer.records import ORG, PERSON, PLACE


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
                # "SEC", "NATO": an acronym keeps its capitals; "KABUL" is a headline's.
                name = tok.text if tok.caps and len(tok.text) <= 4 else _title(tok.text)
                out.append(_Cand(tok.start, tok.end, None, 1, None, name))
            i += 1
    return out


# Legal-form words that end a company name; a number after a month is a day ("May 4").
_COMPANY_SUFFIXES = lexicon.words("names/company_suffixes")
_MONTH_DAY = re.compile(r"\.?\s+\d")


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
        if conn == "and" and all(_low(t) in _COMPANY_SUFFIXES for t in group[i + 1 :]):
            continue  # "Morgan Stanley and Co Inc": the legal form of one firm
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
        kind: str | None = PERSON
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
    if _org_context(text, start, end) and not _first_name(group, initial):
        # "the plane maker Airbus", "Boeing, the US plane maker,", "Boeing said it would".
        return [_Cand(start, end, ORG, 3, None, name)]
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


# Nouns naming a body: before a name ("chip firm Intel") or in an apposition after it.
_ORG_CUES = lexicon.words("names/org_cues")
_ORG_APPOSITION = re.compile(
    r",\s+(?:(?:a|an|the|its)\s+)?(?:[\w’'\-.]+\s+){0,4}?("
    + "|".join(sorted(_ORG_CUES, key=len, reverse=True))
    + r")s?\b(?![’'])"  # "the group's supreme leader" is a person's role
)
_ORG_WORD_BEFORE = re.compile(r"([a-z]+?)s?[ \u00a0]+$")


def _org_context(text: str, start: int, end: int) -> bool:
    """The words around a name say it is a body: an organisation noun right before it or in
    an apposition after it, or "said it"/"said its" after it (how wires quote firms)."""
    before = _ORG_WORD_BEFORE.search(text, max(0, start - 24), start)
    if before is not None and before.group(1) in _ORG_CUES:
        return True
    appo = _ORG_APPOSITION.match(text, end)
    if appo is not None and appo.end() - end < 60 and not _APPOSITION.match(text, end):
        return True
    after = _AFTER.match(text, end)
    return (
        after is not None
        and after.group(1) in SPEECH_VERBS
        and _IT_AFTER.match(text, after.end()) is not None
    )


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
