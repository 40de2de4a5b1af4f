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
from dataclasses import dataclass, field

from explorer.extract import lexicon
from explorer.extract.cues import PARTICIPLES
from explorer.extract.quotes.attribution import (
    _DASH_BYLINE,
    _FIRST_MARK,
    Attribution,
    _colon_or_possessive,
    _continues,
    _next_quote_start,
    _participle_link,
    _person_subject,
    _previous_line_colon,
    _sentence_final_attribution,
    _sentence_index,
    merge_split,
    post_attribution,
    pre_attribution,
)
from explorer.extract.quotes.resolution import Resolver
from explorer.extract.quotes.spans import _FRAGMENT_WORDS, _WORD, Span, find_spans
from explorer.extract.quotes.speaker import Speaker, _sentence_subject, name_in
from explorer.extract.sentences import split_sentences, unwrap
from explorer.model import DocEntity, Mention, Quote, Sentence


def extract_quotes(
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
    spans = merge_split(text, find_spans(text))
    if not spans:
        return []
    quoted = sorted(p for span in spans for p in span.parts)
    state = _State(
        text=text,
        sentences=sentences,
        starts=[s.start for s in sentences],
        openers=[span.opener for span in spans],
        resolver=Resolver(text, sentences, entities, mentions, quoted),
    )
    for span in spans:
        state.add(_attribute(state, span), span.closer_end)
    return state.out


@dataclass(slots=True)
class _State:
    """One document's walk through its quotes: what the quotes before the current one said."""

    text: str
    sentences: list[Sentence]
    starts: list[int]
    openers: list[int]
    resolver: Resolver
    out: list[Quote] = field(default_factory=list)
    prev: Quote | None = None  # the last quote that is not a fragment
    prev_para_end: int = -1  # where it closed
    prev_closer_end: int = -1  # where the last quote of any kind closed
    prev_in_sentence: Quote | None = None  # the last quote of any kind

    def add(self, quote: Quote, closer_end: int) -> None:
        """Record ``quote``, whose closing mark ends at ``closer_end``."""
        self.out.append(quote)
        self.prev_closer_end = closer_end
        self.prev_in_sentence = quote
        if not quote.fragment:
            self.prev = quote
            self.prev_para_end = closer_end


@dataclass(slots=True)
class _Place:
    """Where a quote sits: its sentence, and the stretches before and after it to search."""

    si: int  # index of its sentence
    sent: Sentence
    line_start: int
    pre_start: int  # the words before the opener worth reading start here
    post_stop: int  # and those after the closer stop here
    pre_text: str  # the words before the opener, in its sentence and line


def _place(state: _State, span: Span) -> _Place:
    text, sentences = state.text, state.sentences
    si = _sentence_index(sentences, state.starts, span.opener)
    sent = sentences[si] if sentences else Sentence(0, len(text))
    line_start = text.rfind("\n", 0, span.opener) + 1
    pre_start = max(sent.start, line_start, state.prev_closer_end)
    line_end = text.find("\n", span.closer_end)
    line_end = len(text) if line_end < 0 else line_end
    post_stop = _next_quote_start(state.openers, span, min(line_end, span.closer_end + 250))
    pre_text = text[pre_start : span.opener].strip()
    return _Place(si, sent, line_start, pre_start, post_stop, pre_text)


def _attribute(state: _State, span: Span) -> Quote:
    """The quote of ``span`` with its speaker, by the first attribution that holds."""
    text, resolver = state.text, state.resolver
    where = _place(state, span)
    attr, from_prev = _nearby_attribution(state, span, where)
    if attr is None and from_prev is None:
        attr = _further_attribution(state, span, where)
    quote = _quote(text, span, where.pre_text)
    if len(span.parts) == 1 and _is_title(quote.text, where.pre_text):
        # “Meet the Press”, the memoir “Tough Choices”: a title, not words someone said.
        quote.fragment = True
        attr, from_prev = None, None
    if from_prev is None and (attr is None or attr.speaker is None):
        from_prev = _listed_with_previous(state, span, where)
    if from_prev is not None:
        _copy_speaker(quote, from_prev)
    elif attr is not None and attr.speaker is not None:
        _fill_speaker(quote, attr, resolver)
    else:
        _speaker_without_cue(state, span, where, quote, attr)
    if quote.speaker is None and quote.speaker_mention is None and not quote.fragment:
        byline = _DASH_BYLINE.match(text, span.closer_end)
        if byline is not None:
            # "“I helped write that bill.”\n\n- Sanders.": a dash line credits the quote.
            sp = name_in(text, byline.start(1), byline.end(1))
            if sp is not None:
                _fill_speaker(quote, Attribution(sp, "—"), resolver)
    return quote


def _quote(text: str, span: Span, pre_text: str) -> Quote:
    """The quote's words (parts joined) and whether it is a fragment inside a sentence."""
    body = ""
    for k, (s, e) in enumerate(span.parts):
        body += (span.seps[k - 1] if k else "") + text[s:e]
    start, end = span.parts[0][0], span.parts[-1][1]
    quote = Quote(start=start, end=end, text=text[start:end], display=body, parts=list(span.parts))
    quote.fragment = (
        len(_WORD.findall(body)) <= _FRAGMENT_WORDS
        and len(span.parts) == 1
        and bool(pre_text)
        and not pre_text.endswith(":")
    )
    return quote


def _nearby_attribution(
    state: _State, span: Span, where: _Place
) -> tuple[Attribution | None, Quote | None]:
    """The attribution between the parts, after the quote or before it in its sentence; or the
    quote before it in the sentence whose speaker this one shares (second item)."""
    text = state.text
    attr = None
    for gs, ge in span.gaps:
        if attr is None:
            attr = post_attribution(text, gs, ge)
    lead_in = text[where.pre_start : span.opener].strip()
    # A partial quote that ends its sentence ('said Clinton "caused death." Bernie
    # Sanders called …') is not attributed by the next sentence.
    ends_sentence = text[span.parts[-1][1] - 1] == "." and bool(lead_in) and lead_in[-1] not in ":,"
    if (
        attr is None
        and lead_in[-1:] in (":", ",")
        and text[span.parts[-1][1] - 1] in ".?!"
        and re.match(r"\s+[A-Z]", text[span.closer_end : span.closer_end + 3])
    ):
        # 'Clinton, exasperated, responded: "What difference …?" Her critics cited it':
        # a cue before a quote that closes its sentence beats a cue in the next sentence.
        pre = pre_attribution(text, where.pre_start, span.opener, where.sent.start)
        if pre is not None and pre.speaker is not None:
            attr = pre
    if attr is None and span.closed and not ends_sentence:
        attr = post_attribution(text, span.closer_end, where.post_stop, span.parts[-1][1])
    if attr is not None:
        return attr, None
    attr = pre_attribution(text, where.pre_start, span.opener, where.sent.start)
    return _shared_with_previous(state, span, where, attr)


def _shared_with_previous(
    state: _State, span: Span, where: _Place, attr: Attribution | None
) -> tuple[Attribution | None, Quote | None]:
    """A cue before the quote that belongs to an earlier quote of the sentence gives way to it."""
    text, sent = state.text, where.sent
    before = state.prev_in_sentence
    # The last quote of this sentence with a speaker: "“…,” Graham said on MSNBC's
    # “Morning Joe,” adding, “…”" skips the programme's title.
    spoken = next(
        (
            q
            for q in reversed(state.out)
            if q.start > sent.start and q.speaker is not None and not q.fragment
        ),
        None,
    )
    in_sentence = state.prev_closer_end > sent.start
    said_before = before is not None and before.speaker is not None
    if (
        attr is not None
        and (attr.cue or "").lower() in PARTICIPLES
        and in_sentence
        and (attr.speaker is None or attr.speaker.start < state.prev_closer_end)
        and (said_before or spoken is not None)
    ):
        # "“Oh, let him decide,” said Joe Biden, urging them to “give him time.”"
        return None, before if said_before else spoken
    if (
        attr is None
        and said_before
        and in_sentence
        and _participle_link(text, state.prev_closer_end, span.opener)
    ):
        # "“…,” Trump told a rally, saying Clinton would “abolish …”": the participle
        # shares the subject of the quote before it in the sentence.
        return None, before
    return attr, None


def _further_attribution(state: _State, span: Span, where: _Place) -> Attribution | None:
    """The clause closing the sentence, a headline colon or possessive, the line before."""
    text = state.text
    attr = None
    if span.closed:
        attr = _sentence_final_attribution(text, span.closer_end, where.post_stop)
    if attr is None and where.pre_text:
        attr = _colon_or_possessive(text, where.pre_start, span.opener)
    if attr is None and not where.pre_text:
        attr = _previous_line_colon(text, state.sentences, state.starts, where.line_start)
    if (
        attr is None
        and not where.pre_text
        and not _same_paragraph(state, span)
        and where.line_start < where.sent.start
    ):
        # "Phil Musser says Jeb is back. “Several surveys …”": the sentence before, in the
        # same paragraph, attributes a quote that opens the next one.
        before = state.sentences[where.si - 1] if where.si > 0 else None
        if before is not None and before.start >= where.line_start:
            attr = pre_attribution(text, before.start, before.end, before.start)
            if attr is not None and attr.speaker is not None and attr.speaker.kind == "role":
                attr = None
    return attr


def _same_paragraph(state: _State, span: Span) -> bool:
    return state.prev is not None and "\n" not in state.text[state.prev_para_end : span.opener]


def _listed_with_previous(state: _State, span: Span, where: _Place) -> Quote | None:
    """chanting “We are Orlando” and “Disarm hate.”: a quote listed right after another."""
    before = state.prev_in_sentence
    if (
        before is not None
        and before.speaker is not None
        and state.prev_closer_end > where.sent.start
        and re.fullmatch(
            r"[\s,;]*(?:and|or|as well as|but)?[\s,]*",
            state.text[state.prev_closer_end : span.opener],
        )
    ):
        return before
    return None


def _speaker_without_cue(
    state: _State, span: Span, where: _Place, quote: Quote, attr: Attribution | None
) -> None:
    """No cue names a speaker: the previous quote's (a continuing paragraph), the subject of a
    line ending in a colon, or a person who is the sentence's subject."""
    text, resolver, prev = state.text, state.resolver, state.prev
    pre_text, pre_start = where.pre_text, where.pre_start
    if (
        prev is not None
        and not pre_text
        and (
            _same_paragraph(state, span)
            or _continues(text, state.prev_para_end, span.opener, state.sentences, state.starts)
        )
    ):
        _copy_speaker(quote, prev)
    elif pre_text.endswith(":") and attr is None:
        # "She then addressed the supporters again: “…”": the subject of the sentence.
        subject = _colon_subject(text, where, span)
        if subject is not None:
            _fill_speaker(quote, Attribution(subject, ":"), resolver)
        quote.cue = ":"
    elif pre_text and not quote.fragment and attr is None:
        # No reporting verb, but a person is the subject of the sentence the quote sits in:
        # "Paul Ryan worried that the safety net was becoming “a hammock that …”".
        subject = _person_subject(text, pre_start, span.opener)
        if subject is not None and resolver.known_person(subject):
            _fill_speaker(quote, Attribution(subject, None), resolver)


def _colon_subject(text: str, where: _Place, span: Span) -> Speaker | None:
    """The subject of a sentence that ends in a colon before the quote."""
    subject = _sentence_subject(text, where.pre_start, span.opener)
    if subject is None and where.sent.start < where.pre_start:
        # 'Perez hammered Trump, calling him a "wreck", and contrasted … with Clinton:'
        head = _sentence_subject(text, max(where.sent.start, where.line_start), span.opener)
        if head is not None and head.kind in ("name", "pronoun"):
            first_mark = _FIRST_MARK.search(text, max(where.sent.start, where.line_start))
            if first_mark is None or head.end <= first_mark.start():
                subject = head
    return subject


# Words that name what follows as a title whatever its case: 'the item "Philippine Telephone
# firm plans stock split"', 'a report entitled "Growth at risk"'.
_NAMING = r"titled|entitled|headlined|item|headline"
_NAMED_TITLE = re.compile(rf"\b(?:{_NAMING})[,:]?$")
# Words after which Title Case words are a title: a programme, book or film.
_TITLE_CONTEXT = re.compile(
    r"(?:\b(?:on|in|of|book|books|show|shows|film|movie|documentary|song|album|program|"
    r"programme|series|column|op-ed|memoir|magazine|newspaper|called|dubbed|"
    r"named|ad|video|speech|essay|report|slogan|hashtag|tweet|article|story|episode|"
    rf"{_NAMING})"
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
    if _NAMED_TITLE.search(pre_text):
        return True
    if sum(1 for w in words if w[:1].isupper()) < max(1, len(words) - 2):
        return False
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def _copy_speaker(quote: Quote, other: Quote) -> None:
    quote.speaker = other.speaker
    quote.speaker_mention = other.speaker_mention
    quote.speaker_start = other.speaker_start
    quote.speaker_end = other.speaker_end
    quote.cue = other.cue


def _fill_speaker(quote: Quote, attr: Attribution, resolver: Resolver) -> None:
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
                or resolver.recent_role_speaker(sp.start, low == "she")
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
    elif sp.kind == "role" and quote.speaker == sp.name:
        resolver.note_role_speaker(sp, quote.speaker)  # described, not named
