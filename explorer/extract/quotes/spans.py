"""Step 1: quote spans. Which marks open and close quotes, and what each quote covers."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from explorer.extract.cues import CUE_RE

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
class Span:
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


def find_spans(text: str) -> list[Span]:
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
    spans: list[Span] = []
    pending: Span | None = None  # an unclosed quote waiting for its continuation paragraph
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


def _pair(text: str, marks: list[_Mark], i: int, para_end: int) -> tuple[int, Span]:
    """Find the closer for the opener ``marks[i]``; return the next mark index and the span."""
    op = marks[i]
    weak: int | None = None
    j = i + 1
    while j < len(marks):
        mk = marks[j]
        if mk.family == op.family:
            if mk.role == _CLOSE:
                s, e = _trim(text, op.end, mk.pos)
                return j + 1, Span([(s, e)], op.pos, mk.end, True)
            if mk.role == _WEAK and weak is None:
                weak = j
            if mk.role == _OPEN:
                if op.family == _SINGLE and weak is not None:
                    break
                # A second opener before any closer: the first quote was never closed and
                # ends where the attribution between the two begins.
                cut = _attribution_cut(text, op.end, mk.pos)
                s, e = _trim(text, op.end, cut)
                span = Span([(s, e)], op.pos, e, False)
                span.linked_by_attribution = cut < mk.pos
                return j, span
        j += 1
    if weak is not None:
        mk = marks[weak]
        s, e = _trim(text, op.end, mk.pos)
        return weak + 1, Span([(s, e)], op.pos, mk.end, True)
    s, e = _trim(text, op.end, para_end)
    return len(marks), Span([(s, e)], op.pos, e, False)


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
