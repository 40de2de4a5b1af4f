"""Steps 2 and 3: split quotes merged, and the clause that attributes a quote.

Each function looks in one place (after the quote, before it in its sentence, the end of the
sentence, a headline colon, the line before) and returns an ``Attribution``: the speaker's words and
the cue, or None.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from explorer.extract import lexicon
from explorer.extract.cues import CUE_RE, CUE_WORDS, PARTICIPLES, POST_CUE_RE
from explorer.extract.quotes.resolution import _capitalised_role
from explorer.extract.quotes.spans import Span
from explorer.extract.quotes.speaker import (
    _CAP,
    _DETERMINERS,
    _FINITE,
    _FUNCTION_WORDS,
    _INVERSION_CUES,
    _MODALS,
    _NOT_NAME,
    _TOKEN,
    Speaker,
    _looks_finite,
    _sentence_subject,
    name_in,
    speaker_from_chunk,
)
from explorer.extract.sentences import ABBREVIATIONS
from explorer.model import Sentence

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
class Attribution:
    speaker: Speaker | None
    cue: str | None


# '“…” said Nick Merrill': inverted, right after a closer that lacks its comma.
_UNPUNCTUATED_INVERSION = re.compile(r"(?:said|says|added|adds)\s+(?:[a-z]+\s+){0,2}[A-Z]")
_INVERTED_NAME = re.compile(
    r"\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*"
    r"(?:\s+of\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w’'-]*)*)?\s*(?:[.,;]|$)"
)


def post_attribution(
    text: str, start: int, stop: int, quote_end: int | None = None
) -> Attribution | None:
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
        return Attribution(sp, "according to") if sp else None
    if quote_end is not None and not _ends_its_clause(text, start, pos, stop, quote_end):
        return None
    if pos >= stop:
        return None
    window = text[pos:stop]
    cue = _post_cue(window)
    if cue is None:
        return None
    before = window[: cue.start()]
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
        sp = speaker_from_chunk(text, pos, pos + cue.start(), leading=True)
        if sp is None:
            return None
        lead_words = text[pos : sp.start]
        if len(lead_words.split()) > 6 or (
            "," in lead_words and lead_words.split()[0].lower() not in _DETERMINERS
        ):
            return None  # "That is because, as he puts it": not an attribution clause
        return Attribution(sp, cue.group())
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
    sp = speaker_from_chunk(text, after_start, after_end)
    if sp is None:
        return None
    return Attribution(sp, cue.group())


def _ends_its_clause(text: str, start: int, pos: int, stop: int, quote_end: int) -> bool:
    """The quote must end its clause: “…,” or “…?” or “…” — not “scare quote” of the ...

    Unpunctuated, only “…” Sweeny said / “…” he said count, name and cue adjacent.
    """
    k = quote_end - 1
    while k > 0 and text[k] in "’'\"”":
        k -= 1
    last = text[k] if k >= 0 else ""
    if last in ",.!?…—–-:;" or any(c in ",—–" for c in text[start:pos]):
        return True
    m = re.match(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,2}|he|she|they)\s+", text[pos:stop])
    nxt = POST_CUE_RE.match(text, pos + m.end(), stop) if m else None
    inverted = _UNPUNCTUATED_INVERSION.match(text, pos, stop)
    return not ((nxt is None or nxt.group().lower().endswith("ing")) and inverted is None)


def _post_cue(window: str) -> re.Match[str] | None:
    """The reporting verb in the words after a quote, when they read as its attribution."""
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
    # Single marks only here, not _has_quote_mark: in copy whose quotes are typed '' both ways,
    # a title such as ''Destiny and Power,'' sits in attributions ("said Jon Meacham, the
    # author of ''Destiny and Power,'' a biography ...") and must not void the cue.
    if n_before > 25 or (n_before > 8 and not long_ok) or any(c in before for c in '“”"‘«»'):
        return None
    return cue


def _sentence_final_attribution(text: str, start: int, stop: int) -> Attribution | None:
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
        attr = post_attribution(text, start + m.start(), end)
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


def pre_attribution(text: str, start: int, stop: int, sent_start: int) -> Attribution | None:
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


def _pre_attribution_core(
    text: str, start: int, stop: int, sent_start: int, cues: list[re.Match[str]]
) -> Attribution | None:
    """The last cue before the opener in its sentence, and the subject of that cue."""
    cue = cues[-1]
    word = cue.group()
    cpos = start + cue.start()
    if _after_comma(text, cpos) and word.lower() in _INVERSION_CUES:
        # Parenthetical and inverted: "The paradox of Nancy, says Carl Anthony, is that …"
        end = _after_cue_end(text, cpos + len(word), stop)
        if end < stop and text[end] == ",":
            sp = speaker_from_chunk(text, cpos + len(word), end)
            if sp is not None and sp.kind == "name":
                return Attribution(sp, word)
    if word.lower().startswith("according"):
        sp = _according_to(text, start + cue.end(), stop)
        return Attribution(sp, "according to") if sp else None
    if word.lower() in PARTICIPLES and (
        _after_comma(text, cpos)
        or re.search(r"\b(?:upon|after|before|by|while|when|in|without)\s+$", text[start:cpos])
    ):
        return _participle_attribution(text, start, sent_start, cues, cpos)
    low = word.lower()
    inverted_ok = low not in PARTICIPLES and low not in ("told", "tells", "tell")
    prev_char = text[:cpos].rstrip()[-1:] or "\n"
    if inverted_ok and not text[start:cpos].strip(" \t\n,;:—–-") and prev_char not in "”\"’'»":
        # Inverted: "Said Stone: …", "Added the official, …".
        sp = speaker_from_chunk(
            text, cpos + len(word), _after_cue_end(text, cpos + len(word), stop)
        )
        return Attribution(sp, word) if sp else None
    with_np = re.search(r"\bwith\s+([^,;]{2,80})$", text[start:cpos].rstrip())
    if with_np is not None and low in PARTICIPLES:
        # "…, with Republican Senator John McCain telling reporters …"
        absolute = speaker_from_chunk(text, start + with_np.start(1), start + with_np.end(1))
        if absolute is not None:
            return Attribution(absolute, word)
    found = _subject_before_cue(text, start, stop, sent_start, cpos, word, inverted_ok)
    if isinstance(found, Attribution):
        return found
    sp = found
    if sp is None:
        return None
    if sp.kind == "pronoun" and sp.name.lower() in ("he", "she") and len(cues) > 1:
        outer = _outer_cue_attribution(text, start, sent_start, cues, sp)
        if outer is not None:
            return outer
    return Attribution(sp, word)


def _participle_attribution(
    text: str, start: int, sent_start: int, cues: list[re.Match[str]], cpos: int
) -> Attribution | None:
    """A participle cue ("…, saying ‘…’") takes the main clause's subject."""
    word = cues[-1].group()
    # "…, saying ‘…’": the subject is the main clause's, at the head of the sentence, or
    # the subject of the verb just before ("Spicer said, adding, “…”").
    before = [c for c in cues[:-1] if not text[start + c.end() : cpos].strip(" ,")]
    if before:
        inner = pre_attribution(text, start, start + before[-1].end(), sent_start)
        if inner is not None and inner.speaker is not None:
            return Attribution(inner.speaker, word)
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
                near = Speaker(pm.group(1), pm.group(1), p, pm.end(1), "pronoun")
        if (
            near is not None
            and (
                near.kind in ("name", "role")
                # "though last week he used stronger language, saying" — not a short aside
                # such as "as he often does, saying"
                or len(text[clause.end() : cpos].split()) > 5
            )
        ):
            return Attribution(near, word)
    sp = _sentence_subject(text, min(start, sent_start), cpos)
    return Attribution(sp, word) if sp else None


def _subject_before_cue(
    text: str, start: int, stop: int, sent_start: int, cpos: int, word: str, inverted_ok: bool
) -> Attribution | Speaker | None:
    """The subject of a cue before the quote (a whole attribution when one settles it)."""
    sp = speaker_from_chunk(text, start, cpos, strict=True)
    if sp is None and sent_start < start and not text[start:cpos].strip(" ,;'’\"”"):
        # "As Akhil Amar, author of ''America's Unwritten Constitution,'' put it, ''…''"
        sp = speaker_from_chunk(text, sent_start, cpos, strict=True)
    if (
        sp is None
        and sent_start < cpos
        and re.search(r"\b(?:and|but)\s+(?:\w+ly\s+)?$", text[start:cpos])
    ):
        # "Suu Kyi, 70, said it was too early but added, “…”": the shared subject.
        sp = _sentence_subject(text, sent_start, cpos)
        if sp is not None:
            return Attribution(sp, word)
    if sp is None and inverted_ok and _after_comma(text, cpos):
        # "In other words, explained CBS moderator Nancy Cordes: …"
        after = speaker_from_chunk(
            text, cpos + len(word), _after_cue_end(text, cpos + len(word), stop)
        )
        after_end = _after_cue_end(text, cpos + len(word), stop)
        if (
            after is not None
            and after.kind == "name"
            and after.end >= after_end - 1
            and text[after_end : after_end + 1] in (",", ":")
        ):
            return Attribution(
                after, word
            )  # the name must end the phrase: not "said Mr. Trump was"
    if (
        sp is None
        and sent_start < start
        and not text[start:cpos].strip(" ,;'’\"”").replace("and", "").strip()
    ):
        # "He called it “shameful” and called on leaders “not to …”": the shared subject.
        sp = _sentence_subject(text, sent_start, cpos)
    return sp


def _outer_cue_attribution(
    text: str, start: int, sent_start: int, cues: list[re.Match[str]], sp: Speaker
) -> Attribution | None:
    """A pronoun subject of a clause reported by an outer cue gives way to the outer subject."""
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
            inner = pre_attribution(text, start, start + outer.end(), sent_start)
            if (
                inner is not None
                and inner.speaker is not None
                and (
                    inner.speaker.kind in ("name", "role")
                    or inner.speaker.name.lower() in ("he", "she")
                )
            ):
                return inner
    return None


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


def _colon_or_possessive(text: str, start: int, opener: int) -> Attribution | None:
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
            sp = speaker_from_chunk(text, h_start, end)
            if sp is not None and (sp.kind == "name" or _capitalised_role("the " + sp.name)):
                return Attribution(sp, ":")
            for owner in _POSSESSIVE_IN.finditer(text, h_start, end):
                # "From Bush's Facebook post: “…”"
                o_start = owner.start(1)
                first = re.match(r"(\w+)\s+", text[o_start : owner.end(1)])
                if first and first.group(1).lower() in _NOT_NAME:
                    o_start += first.end()
                named = name_in(text, o_start, owner.end(1))
                if named is not None:
                    return Attribution(named, ":")
        if pre.endswith(":"):
            return None
    m = _POSSESSIVE.search(pre)
    if m is not None:
        sp = name_in(text, start + m.start(1), start + m.end(1))
        if sp is not None:
            return Attribution(sp, None)
    return None


def _has_quote_mark(chunk: str) -> bool:
    """A quotation mark in ``chunk``, typographic, straight, or typed as two characters
    (the ``…'' of wire copy and LaTeX)."""
    return any(c in chunk for c in '“”"‘«»') or "``" in chunk or "''" in chunk


def _previous_line_colon(
    text: str, sentences: list[Sentence], starts: list[int], line_start: int
) -> Attribution | None:
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
        if _has_quote_mark(text[s_start : k + 1]):
            return None  # a quote's own sentence: the continuation rule handles it
        attr = pre_attribution(text, s_start, k + 1, s_start)
        if attr is not None and attr.speaker is not None and attr.speaker.kind != "role":
            return attr
        return None
    si = _sentence_index(sentences, starts, k)
    s_start = sentences[si].start if sentences else text.rfind("\n", 0, k) + 1
    attr = pre_attribution(text, s_start, k + 1, s_start) or _colon_or_possessive(
        text, s_start, k + 1
    )
    if attr is None and not _has_quote_mark(text[s_start:k]):
        # "He then listed the qualities a nominee needs:" — no reporting verb, but the
        # sentence's subject introduces what follows.
        subject = _person_subject(text, s_start, k)
        if subject is not None:
            attr = Attribution(subject, ":")
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


def _according_to(text: str, start: int, stop: int) -> Speaker | None:
    """``according to an Afghan security spokesman`` / ``according to calculations by X``."""
    end = _after_cue_end(text, start, stop)
    m = _BY_NAME.match(text, end, stop)
    if m:
        # "calculations by Amy Glasmeier of MIT": the person behind the document.
        name_end = _after_cue_end(text, m.end() + 1, stop)
        named = speaker_from_chunk(text, m.end(), name_end)
        if named is not None and named.kind == "name":
            return named
    return speaker_from_chunk(text, start, end)


def _after_comma(text: str, pos: int) -> bool:
    """A comma just before ``pos``, also behind a closing quote: ``“fantastic,” telling``."""
    k = pos - 1
    while k >= 0 and text[k] in " ”’\"'":
        k -= 1
    return k >= 0 and text[k] == ","


# A quote credited by a dash and a bare name, on its own line or after the closing mark,
# perhaps followed by a description: "-President Obama, tweeting after the speech."
_DASH_BYLINE = re.compile(
    r"[ \t]*(?:\n\s*)?[-–—―]+[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})"
    r"(?:,[^\n“”\"]{0,100})?[ \t]*[.]?[ \t]*(?:\n|$)"
)
_FIRST_MARK = re.compile(r"[“”\"«»]|''")


_INDEFINITE = lexicon.words("quotes/indefinite")


def _person_subject(text: str, start: int, stop: int) -> Speaker | None:
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


def _continues(
    text: str,
    prev_end: int,
    opener: int,
    sentences: list[Sentence] | None = None,
    starts: list[int] | None = None,
) -> bool:
    """A quote-only paragraph right after the paragraph holding the previous quote.

    Between them, at most the rest of the previous quote's paragraph: a short tail, or, given
    the ``sentences`` (and their ``starts``), the rest of the quote's own sentence however long
    its attribution ("…,'' said Jon Meacham, the author of ''Destiny and Power,'' a biography
    of the 41st president.").
    """
    if prev_end < 0 or prev_end > opener:
        return False
    between = text[prev_end:opener]
    line_start = text.rfind("\n", 0, opener) + 1
    if text[line_start:opener].strip():
        return False
    if between.count("\n") > 2:
        return False
    rest = between.strip()
    if len(rest) <= 80:
        return True
    if sentences is None or starts is None or len(rest) > 300:
        return False
    tail_end = prev_end + len(between.rstrip())
    return _sentence_index(sentences, starts, prev_end - 1) == _sentence_index(
        sentences, starts, tail_end - 1
    )


def _next_quote_start(openers: list[int], span: Span, default: int) -> int:
    """Where the next quote opens: the words after a quote stop there."""
    i = bisect_right(openers, span.closer_end - 1)
    return min(openers[i], default) if i < len(openers) else default


def merge_split(text: str, spans: list[Span]) -> list[Span]:
    """Join ``“X,” he said, “Y”`` (and an unclosed part ended by its attribution) into one."""
    out: list[Span] = []
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


def _is_attribution_gap(text: str, first: Span, second: Span) -> bool:
    gap = text[first.closer_end : second.opener]
    g = gap.strip()
    if not g or len(g.split()) > 12 or not CUE_RE.search(g):
        return False
    gap_attr = post_attribution(text, first.closer_end, second.opener, first.parts[-1][1])
    if gap_attr is None:
        return False
    own_cue = pre_attribution(text, first.closer_end, second.opener, first.closer_end)
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
    own = post_attribution(
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
