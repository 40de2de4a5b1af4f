"""The linking step between the statistical tagger and the rules.

Two readers of the same words. The rules (``classify.py``) know what no tagger trained on 1996
wire copy can: which gazetteer place a name is (coordinates), that a Title Case headline's
capitals say nothing, that "Juma Khan, the deputy commissioner" is a person, that "Kandahar
province" is one name. The tagger (``tagger.py``, given the rules' reading of every token as
evidence) knows what rules miss: that "Boeing", "Sky" and "ANDSF" are bodies, where a name
ends, which words the rules left unknown are names at all.

They are settled stretch by stretch where their names overlap (``_settle``):

* no tagger name there, or a Title Case headline: the rules' reading;
* the tagger runs together names the rules keep apart with evidence ("Morgan Stanley and
  Goldman Sachs", "the Lion of Herat"): the rules' reading;
* the rules read a longer name with evidence of what the extra words are ("Kandahar province",
  "Mr Wallace", "Afghan Interior Ministry"): the rules' name;
* otherwise the tagger's names, each completed by the rule candidate at the same words, whose
  kind counts where the rules had evidence (``_reconcile``: a titled person, a known body, a
  gazetteer place) and the tagger's elsewhere; a word the rules left unknown stays unknown
  where the tagger only says "person" (the merge keeps it if the article gives a cue).

Measured on CoNLL-2003 ``eng.testa`` (``benchmarks/ner.py``): this beats the rules alone
everywhere and, on the stories that are not sports, comes within two points of the tagger's
own reading while keeping every hand-written case of ``tests/test_names.py``.

Last, a place that *speaks* is its government, an organisation ("Washington said").
"""

from __future__ import annotations

import bisect
import re

from explorer.extract import gazetteer as gz
from explorer.extract import lexicon
from explorer.extract.names.tagger import tag_tokens, tokenize
from explorer.extract.names.tokens import (
    _AFTER,
    _APPOSITION,
    _LOCATIVE_BEFORE,
    _MAJOR_CITY,
    _WORD_BEFORE,
    _Cand,
    _full_name_ends,
    _inside,
)
from explorer.extract.names_lexicon import (
    DEMONYMS,
    HONORIFICS,
    KNOWN_ORGS,
    ORG_SUFFIXES,
    PERSON_CUES,
    PLACE_SUFFIXES,
    SPEECH_VERBS,
    TITLES,
    given_name,
)
from explorer.extract.spelling import fold
from explorer.model import Sentence
from explorer.records import ORG, PERSON, PLACE

# A name of another kind (nationality, event, product): no mention, but no rule may take its
# words for a person, place or organisation either ("Wimbledon" the tournament).
MISC = "misc"
_KINDS = {"PER": PERSON, "LOC": PLACE, "ORG": ORG, "MISC": MISC}

Span = tuple[int, int, str]  # start, end, kind (person/place/org)


def rule_labels(
    offsets: list[tuple[int, int]], cands: list[_Cand], headlines: list[tuple[int, int]]
) -> list[str]:
    """What the rules said of each token (``cands`` sorted by start), as the tagger's ``rule`` feature: the candidate's
    kind and strength, "B"/"I" for its first and later tokens ("person3B"); "head" for a word
    of a Title Case headline the rules found nothing in; "" for nothing."""
    out = [""] * len(offsets)
    ordered = cands  # sorted by start (callers sort them once per document)
    k = max(0, bisect.bisect_right(ordered, offsets[0][0], key=_start) - 1) if offsets else 0
    for i, (a, b) in enumerate(offsets):
        while k < len(ordered) and ordered[k].end <= a:
            k += 1
        if k < len(ordered) and ordered[k].start <= a and b <= ordered[k].end + 1:
            c = ordered[k]
            out[i] = f"{c.kind or 'unknown'}{c.strength}{'B' if c.start == a else 'I'}"
        elif headlines and _inside(a, headlines):
            out[i] = "head"
    return out


def _start(c: _Cand) -> int:
    return c.start


def tagged_spans(
    text: str,
    sentences: list[Sentence],
    cands: list[_Cand],
    headlines: list[tuple[int, int]],
) -> list[Span]:
    """The tagger's names of a text, as character spans (kind MISC: a name explorer does not
    show), the rules' candidates given to it as evidence."""
    sents: list[list[str]] = []
    offsets: list[list[tuple[int, int]]] = []
    for s in sentences:
        toks = tokenize(text, s.start, s.end)
        for a, b in _windows(text, toks):
            sents.append([text[x:y] for x, y in toks[a:b]])
            offsets.append(toks[a:b])
    ordered = sorted(cands, key=lambda c: c.start)
    rules = [rule_labels(o, ordered, headlines) for o in offsets]
    out: list[Span] = []
    for labels, offs, words in zip(tag_tokens(sents, rules), offsets, sents, strict=True):
        i = 0
        while i < len(labels):
            kind = labels[i][2:]
            if kind not in _KINDS or not _opens_name(words[i]):
                i += 1
                continue
            j = i + 1
            while j < len(labels) and labels[j] == "I-" + kind and _word_like(words[j]):
                j += 1
            last = j
            while not _opens_name(words[last - 1]):
                last -= 1  # "Bank of" cut before a verb: the name ends at "Bank"
            out.append((offs[i][0], offs[last - 1][1], _KINDS[kind]))
            i = j
    return out


# Lower-case words that may stand inside a name.
_NAME_WORDS = frozenset(
    [
        "of",
        "for",
        "and",
        "on",
        "the",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "al",
        "el",
        "bin",
        "ibn",
        "le",
        "la",
        "y",
        "e",
        "i",
        "upon",
    ]
)
# "AT & T", "Martyrs’ Square", "Standard and Poor 's Corp" (a name's last word is never one:
# a possessive after a name is cut off by the trim in ``tagged_spans``).
_NAME_MARKS = frozenset({"&", "'", "’", "'s", "’s"})
_CONTEXT = 2  # tokens of context kept on each side of a capitalised word


def _windows(text: str, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a sentence worth tagging: each capitalised word (or number: "3M")
    with two tokens either side (as far as the features look), joined where they touch.
    Why: a name starts with a capital in the text this tags, and long articles are mostly
    lower-case words, so this halves the work; the tags inside a window are the same as the
    whole sentence's but for what Viterbi would carry across many lower-case words."""
    out: list[tuple[int, int]] = []
    n = len(toks)
    for i, (a, _) in enumerate(toks):
        if not (text[a].isupper() or text[a].isdigit()):
            continue
        lo, hi = max(0, i - _CONTEXT), min(n, i + _CONTEXT + 1)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _opens_name(token: str) -> bool:
    """A name opens with a capital or a digit ("3M"), or a particle joined to a capitalised
    word ("al-Qaida")."""
    if token[:1].isupper() or token[:1].isdigit():
        return True
    head, _, rest = token.partition("-")
    return bool(rest) and head in _NAME_WORDS and rest[:1].isupper()


def _word_like(token: str) -> bool:
    """Names hold capitalised words, numbers, initials, "&" and the small words of names
    ("Bank of England", "bin Laden"), never a dash, a bracket or a verb: a name the tagger
    carries over "ZARANJ – The" or "Mujahideen reached Martyrs" ends there."""
    return _opens_name(token) or token in _NAME_WORDS or token in _NAME_MARKS


def combine(
    text: str,
    spans: list[Span],
    cands: list[_Cand],
    headlines: list[tuple[int, int]],
    initials: set[int],
) -> list[_Cand]:
    """The tagger's names and the rules' candidates, settled stretch by stretch where they
    overlap (see the module docstring). ``headlines``: Title Case lines, where capitals say
    nothing and only the rules' look-ups count; ``initials``: where sentences start."""
    items: list[tuple[int, int, _Cand | None, str]] = [(a, b, None, k) for a, b, k in spans]
    items += [(c.start, c.end, c, "") for c in cands]
    items.sort(key=lambda x: (x[0], -x[1]))
    # A name the article once gives a person's evidence ("Juma Khan, the deputy
    # commissioner") stays a person where the tagger reads it otherwise.
    people = {fold(c.name) for c in cands if c.kind == PERSON and not _may_be_body(text, c)}
    out: list[_Cand] = []
    group: list[tuple[int, int, _Cand | None, str]] = []
    group_end = -1
    for item in items:
        if group and item[0] >= group_end:
            out.extend(_settle(text, group, headlines, initials, people))
            group = []
        group_end = max(group_end, item[1]) if group else item[1]
        group.append(item)
    if group:
        out.extend(_settle(text, group, headlines, initials, people))
    person_words = _full_name_ends(out)
    for c in out:
        if c.kind == PLACE and _governs(text, c):
            if fold(c.name) in person_words:
                # "Warren said" in a story of Elizabeth Warren, "Castro said" beside Fidel
                # Castro: the person (the merge joins it to the full name), not a town.
                c.kind, c.place = None, None
            else:
                c.kind, c.place = ORG, None  # "Washington said": the government, not the city
    out = _with_possessive_orgs(text, out)
    # "the Bank said", "(USA) Corp": an organisation word alone names no body.
    out = [c for c in out if not (c.kind == ORG and _bare_org_word(_low(text, c)))]
    # "1500 hrs EST", "(2100 gmt)": the zone of a clock, not a body.
    out = [c for c in out if not _CLOCK_ZONE.search(text, max(0, c.start - 12), c.end)]
    out.sort(key=lambda c: (c.start, -c.end))
    return out


def _phrase_pattern(name: str) -> str:
    parts = []
    for word in name.split():
        w = "['’]".join(re.escape(piece) for piece in re.split("['’]", word))
        parts.append(r"(?:and|&)" if word in ("&", "and") else w)
    return r"\s+".join(parts)


_POSSESSIVE_ORGS = lexicon.lines("names/possessive_orgs")
_POSSESSIVE_ORG = re.compile(
    r"(?<![\w’'])(?:"
    + "|".join(_phrase_pattern(n) for n in sorted(_POSSESSIVE_ORGS, key=len, reverse=True))
    + r")(?:\s+(?:Corp|Inc|Co|Ltd|plc|Group|Corporation|Company)\b\.?)?(?![\w’'])"
)


def _with_possessive_orgs(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Bodies whose name holds a possessive or "&" ("Standard and Poor's Corp", "Moody's
    Investors Service Inc"), whole: the pieces either reader made of them give way."""
    found = [(m.start(), m.end()) for m in _POSSESSIVE_ORG.finditer(text)]
    if not found:
        return cands
    kept = [c for c in cands if not any(a < c.end and c.start < b for a, b in found)]
    kept += [_Cand(a, b, ORG, 3, None, text[a:b]) for a, b in found]
    return kept


_CLOCK_ZONE = re.compile(
    r"\d[ \u00a0]*(?:hrs|hours|h)?[ \u00a0]*\(?(?i:gmt|utc|[ecmpa][sd]t|bst|ces?t|jst)$"
)


def _bare_org_word(word: str) -> bool:
    """ "bank", "corp", "ministry": a word that ends bodies' names, not a known body itself
    ("Reuters" ends "Thomson Reuters" and is one)."""
    return word in ORG_SUFFIXES and word not in KNOWN_ORGS


def _low(text: str, c: _Cand) -> str:
    return text[c.start : c.end].rstrip(".").lower()


def _settle(
    text: str,
    group: list[tuple[int, int, _Cand | None, str]],
    headlines: list[tuple[int, int]],
    initials: set[int],
    people: set[str],
) -> list[_Cand]:
    """One stretch of overlapping tagger names and rule candidates, settled."""
    tagged = [(a, b, k) for a, b, c, k in group if c is None]
    rules = [c for _, _, c, _ in group if c is not None]
    if not tagged or _inside(group[0][0], headlines):
        # The tagger saw no name here, or capitals say nothing (a Title Case headline).
        return _rules_alone(text, rules, headlines, "no tagger" if not tagged else "headline")
    strong = [c for c in rules if c.kind is not None and c.strength >= 2]
    for a, b, _ in tagged:
        inside = [c for c in rules if a <= c.start and c.end <= b]
        crossed = any(
            (c.start < a < c.end and b > c.end) or (c.start < b < c.end and a < c.start)
            for c in strong
        )
        joined = any(
            _JOINER.search(text, x.end, y.start) for x, y in zip(inside, inside[1:], strict=False)
        )
        glued = (
            len(inside) >= 2
            and any(c.place is not None for c in inside)
            and all(c.kind is None or c.place is not None for c in inside)
        )  # "GLOBAL BRITAIN": a known place and a word the rules know nothing of
        if crossed or ((joined or glued) and any(c in strong for c in inside)):
            # The tagger runs names together the rules keep apart with evidence ("Morgan
            # Stanley and Goldman Sachs", "the Lion of Herat"): the rules' reading stands.
            return _rules_alone(text, rules, headlines, "crossed")
    for c in strong:
        titled = _body_then_person(text, c, tagged)
        if titled is not None:
            return titled
        if c.strength >= 3 and _widens(text, c, tagged):
            # The rules read the words as one longer name, with evidence: "Kandahar
            # province", "Afghan Interior Ministry".
            return [c]
    by_span = {(c.start, c.end): c for c in rules}
    out: list[_Cand] = []
    for start, end, kind in tagged:
        same = by_span.get((start, end))
        if kind == MISC:
            if same is not None and same.kind is not None and same.strength >= 3:
                out.append(same)  # "Boeing, the plane maker,": the rules' evidence stands
            continue
        if same is not None:
            out.append(_reconcile(text, same, kind, people, start in initials))
            continue
        inner = [c for c in strong if start <= c.start and c.end <= end and c.kind == kind]
        unknown = [c for c in rules if c.kind is None and c.start < end and start < c.end]
        if inner and kind == PERSON:
            # "Economic Affairs Allen Wallis": the rules trimmed the role words away.
            out.extend(inner)
        elif unknown and kind == PERSON:
            # A person the tagger reads where the rules found no evidence ("Senate Bill
            # Eleven"): the merge keeps it only if the article names it with a cue.
            out.extend(unknown)
        elif _modifier_first(text, start, end):
            # "American-made Humvees", "Afghan forces": a modifier opens no name.
            out.extend(c for c in rules if c.kind is None)
        elif not rules and " " in text[start:end].strip():
            # Capitalised words the rules read and rejected ("the Renewable Future
            # campaign", "the Middle East Peace talks"): several words, no evidence.
            continue
        elif start in initials and " " not in text[start:end] and rules:
            # One capitalised word opening a sentence ("Smoke rises"): the rules found no
            # evidence in it; the merge keeps it if the article names it elsewhere.
            out.extend(c for c in rules if c.kind is None)
        else:
            out.append(_tagger_cand(text, start, end, kind))
    return out


# What joins two names into a list rather than one name: "and", "&", a comma, "of" ("Morgan
# Stanley and Goldman Sachs", "the Lion of Herat"); "China Daily" is one name, a newspaper.
_JOINER = re.compile(r"\s(?:and|of)\s|&|,")


def _body_then_person(text: str, c: _Cand, tagged: list[Span]) -> list[_Cand] | None:
    """ "High Council for National Reconciliation Abdullah Abdullah": the rules read one body,
    the tagger ends it with a person, named by the body he heads. The body is the rules' words
    before the person, the person the tagger's."""
    if c.kind != ORG:
        return None
    last = max(tagged, key=lambda t: t[1])
    if last[2] != PERSON or last[1] != c.end or last[0] <= c.start:
        return None
    body_end = c.start + len(text[c.start : last[0]].rstrip())
    if " " not in text[c.start : body_end]:
        return None  # "Boeing Abdullah": too little left to be a body's name
    body = _Cand(c.start, body_end, ORG, 3, None, text[c.start : body_end])
    return [body, _tagger_cand(text, last[0], last[1], PERSON)]


def _widens(text: str, c: _Cand, tagged: list[Span]) -> bool:
    """The rules' name holds every tagger name of the stretch and more, and what it adds is
    what the rules know to belong to a name: "province" after a place, a nationality or a
    particle before a body ("Afghan Interior Ministry", "al Qaida"), words before a person
    the tagger also reads as one ("Mr Wallace", "Ben Wallace", "Ursula von der Leyen"); not
    "Shares of" before a firm."""
    if not all(c.start <= a and b <= c.end for a, b, _ in tagged):
        return False
    if all((a, b) == (c.start, c.end) for a, b, _ in tagged):
        return False
    if len(tagged) > 1 and any(k not in (c.kind, MISC) for _, _, k in tagged):
        return False  # the tagger reads several names of other kinds in the rules' one
    if c.kind == PLACE:
        return True
    first = min(a for a, _, _ in tagged)
    last = max(b for _, b, _ in tagged)
    extra = [
        w.rstrip(".").lower() for w in (text[c.start : first] + " " + text[last : c.end]).split()
    ]
    if c.kind == PERSON:
        # "Mr Wallace", "Ben Wallace", "Ursula von der Leyen": the tagger agrees on a person,
        # the rules' evidence reaches further back.
        return all(k == PERSON for _, _, k in tagged) and all(w[:1].isalpha() for w in extra)
    return c.kind == ORG and all(w in DEMONYMS or w in _NAME_WORDS for w in extra)


_DATE_LED = re.compile(r"\d[ \u00a0]*[–—-][ \u00a0]*$")


def _rules_alone(
    text: str, rules: list[_Cand], headlines: list[tuple[int, int]], why: str = ""
) -> list[_Cand]:
    """The rules' candidates as they stand, with two doubts settled by the tagger's silence or
    disagreement. Where it saw no name at all, a capitalised run the rules took for a place only
    because it stands like a dateline ("NOTE -", "PRESS DIGEST -") is no place, unless a date
    leads the line ("Aug 13 – QALA-E-NAW –"); a person by shape alone ("Ned Price spoke": a
    given name and a surname) stays one, as the rules alone kept it. Where the tagger reads the
    words otherwise, that person needs the article to confirm it (a cue elsewhere, which the
    merge looks for)."""
    if why == "no tagger":
        return [
            c
            for c in rules
            if not (
                c.kind == PLACE
                and c.place is None
                and not _DATE_LED.search(text, max(0, c.start - 12), c.start)
            )
        ]
    for c in rules:
        if c.kind == PERSON and c.strength < 3 and not _inside(c.start, headlines):
            c.kind, c.strength = None, 1
    return rules


def _reconcile(text: str, c: _Cand, kind: str, people: set[str], initial: bool) -> _Cand:
    """The rules' candidate at the very words the tagger names: whose kind counts."""
    if c.kind == kind:
        pass
    elif c.kind is None and initial and " " not in c.name:
        pass  # "Videos showed ...": a sentence's first word, the merge decides
    elif c.kind is None and _known_person(c, people):
        pass  # "Ben Wallace’s comments": the article's person (the merge joins them)
    elif c.kind == PERSON and (_known_person(c, people) or not _may_be_body(text, c)):
        pass  # a title, an apposition or a given name: "Juma Khan, the deputy commissioner"
    elif c.kind == ORG and c.strength >= 3:
        pass  # a known body, an organisation word, an ampersand: "Taliban", "Tanjug Holdings"
    elif (
        c.kind == PLACE
        and c.place is not None
        and (kind == ORG or c.place.type != "city" or c.place.population >= _MAJOR_CITY)
    ):
        pass  # a gazetteer place stays one: its government speaking is read apart
    elif c.kind is None and kind == PERSON:
        pass  # one word or several, the tagger's "person" alone is no cue: "Comelf", "Lear"
    else:
        c.kind = _by_last_word(c.name, kind)
        c.place = (c.place or gz.lookup_place(c.name)) if c.kind == PLACE else None
        if c.kind == ORG and text[c.start : c.end].isupper() and " " not in c.name:
            c.name = text[c.start : c.end]  # an acronym keeps its capitals: "ANDSF"
    if c.kind is not None and c.strength < 3 and c.kind != PERSON:
        c.strength = 3
    return c


def _modifier_first(text: str, start: int, end: int) -> bool:
    """The span opens with a nationality or a hyphenated modifier ("American-made")."""
    first = text[start:end].split(maxsplit=1)[0]
    _, _, tail = first.partition("-")
    return " " in text[start:end] and (first.lower() in DEMONYMS or (bool(tail) and tail.islower()))


def _known_person(c: _Cand, people: set[str]) -> bool:
    """The article gives this name, or its last word, a person's evidence elsewhere: "Ben
    Wallace" where it also writes "Mr Wallace"."""
    key = fold(c.name)
    return key in people or key.rsplit(" ", 1)[-1] in people


def _tagger_cand(text: str, start: int, end: int, kind: str) -> _Cand:
    """A name the tagger found and the rules did not."""
    from explorer.extract.names.classify import _title

    surface = text[start:end]
    if surface.isupper() and len(surface) > 4 and fold(surface) not in KNOWN_ORGS:
        name = _title(surface)
    else:
        name = surface
    kind = _by_last_word(name, kind)
    place = gz.lookup_place(name) if kind == PLACE else None
    return _Cand(start, end, kind, 3, place, name)


def _by_last_word(name: str, kind: str) -> str:
    """A name ending in a place word is a place whatever the tagger says: "Martyrs’ Square",
    "Bagram Airbase" (CoNLL calls airports and stadiums organisations; a reader does not)."""
    words = name.split()
    if kind == ORG and len(words) > 1 and words[-1].lower() in PLACE_SUFFIXES:
        return PLACE
    return kind


def _may_be_body(text: str, c: _Cand) -> bool:
    """Whether the tagger's "organisation" may overrule the rules' reading of a name.

    A one-word name of unknown kind ("Reuters"; several words of unknown kind are more often
    a campaign or a programme than a body: "the Renewable Future campaign"), a place no
    gazetteer knows, and a person by shape alone, or by a speech verb when the name is one word
    that is no given name, with no title before it ("Airbus said"); a gazetteer place stays
    one (its government speaking is read apart, ``_governs``), and so do a titled person and
    a person of several words ("Juma Khan said": the rules call bodies of several words by
    their organisation word, "Penril Corp", "Braxton Associates")."""
    if c.kind is None:
        return len(c.name.split()) == 1
    if c.kind == PLACE:
        return c.place is None
    if c.kind == PERSON:
        if c.strength < 3:
            return True
        return (
            " " not in c.name.strip()
            and not given_name(c.name)
            and not _titled(text, c)
            and not _APPOSITION.match(text, c.end)  # "Juma Khan, the deputy commissioner"
        )
    return False


def _titled(text: str, c: _Cand) -> bool:
    """A title, honorific or person cue stands before the name: "Minister X", "Mr X"."""
    m = _WORD_BEFORE.search(text, max(0, c.start - 30), c.start)
    word = text[c.start : c.end].split(maxsplit=1)[0].rstrip(".").lower()
    before = m.group(1).lower() if m else ""
    return any(w in TITLES or w in HONORIFICS or w in PERSON_CUES for w in (word, before))


def _governs(text: str, c: _Cand) -> bool:
    """A country or capital as the subject of a speech verb ("Washington said", "Monaco said
    it would not"): its government speaks. Not after "in", "from"...: "the embassy in Kabul
    said" is the embassy speaking."""
    after = _AFTER.match(text, c.end)
    return (
        after is not None
        and after.group(1) in SPEECH_VERBS
        and not _LOCATIVE_BEFORE.search(text, max(0, c.start - 12), c.start)
        and (c.place is None or c.place.type in ("country", "city"))
    )
