"""Timeline extraction: find date/time expressions and resolve them against the article's date.

The rules are a table (``rules.py``), one row per family of expression (absolute dates, bare
years, decades, quarters, seasons, weekdays, relative units, "N days ago", durations, sets,
clock times, PRESENT/PAST/FUTURE_REF words) with its pattern (``patterns.py``), acceptance check
(``accept.py``), reading (``resolve.py``) and examples. This module is the engine: each rule
scans only the text around its own trigger words (a month name, a four-digit number, "ago"...),
which keeps the cost near one pass over the text; the longest non-overlapping matches win, and
the survivors are resolved in text order so that "three days later" can lean on the date
mentioned just before it, as a reader does.

Where the text leaves a choice, the reading a news reader would make is taken: a weekday is the
nearest one in the direction the clause's tense points (past by default: news reports what
happened), a month or day without a year is the nearest one with the past preferred, weeks are
ISO weeks, seasons are meteorological northern seasons (``YYYY-WI`` is Dec YYYY to Feb YYYY+1).

Values follow TimeML TIMEX3 conventions (read back by ``explorer.timex``), so they can be scored
against TimeBank/TempEval:
``2021-08-12``, ``2021-08``, ``2021``, ``198X``, ``19`` (a century), ``2021-W29``,
``2021-W29-WE``, ``2021-SU``, ``2021-Q3``, ``2021-H1``, ``2021-08-13TMO``, ``2021-08-13T10:35``,
``-0500`` (500 BC), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ``P20Y`` (durations), and
``P1W``/``XXXX-WXX-1`` (sets). The article's own date is the only anchor for relative
expressions: with no ``doc_date`` they stay unresolved (value None), never resolved against
today's clock.

Why regexes and not dateparser: dateparser costs milliseconds per call and does not find
expressions in running text; the whole per-document pipeline has a budget of a few ms.
Calendar arithmetic is delegated to python-dateutil (``relativedelta``, ``easter``).
"""

from __future__ import annotations

import bisect
import re

from explorer.extract.dates.accept import accept_match
from explorer.extract.dates.resolve import Anchor, Candidate, Resolver
from explorer.extract.dates.rules import RULES, Rule
from explorer.model import Sentence, TimeExpr
from explorer.timex import parse_iso_day, start_date

__all__ = ["extract_times", "find_times"]

_TOKEN = re.compile(r"\w+")
_BY_NAME = {rule.name: rule for rule in RULES}
# Trigger word -> indexes of the rules it triggers.
_WORD_RULES: dict[str, tuple[int, ...]] = {}
for _i, _rule in enumerate(RULES):
    for _w in _rule.triggers:
        _WORD_RULES[_w] = (*_WORD_RULES.get(_w, ()), _i)


def extract_times(text: str, sentences: list[Sentence], doc_date: str | None) -> list[TimeExpr]:
    """Find date/time expressions and resolve them against ``doc_date`` (ISO YYYY-MM-DD).

    Relative expressions are resolved only against the article's own date: with ``doc_date``
    None they are returned with value None so the timeline never invents a date. Durations and
    sets come back typed DURATION/SET; the index keeps them off the timeline.
    """
    return [expr for _rule, expr in find_times(text, sentences, doc_date)]


def find_times(
    text: str, sentences: list[Sentence], doc_date: str | None
) -> list[tuple[Rule, TimeExpr]]:
    """``extract_times`` with the rule that found each expression (for tests and tuning)."""
    dct = parse_iso_day(doc_date)
    cands: list[Candidate] = []
    for rule, spans in zip(RULES, _windows(text), strict=True):
        for ws, we in spans:
            for m in rule.pattern.finditer(text, ws, we):
                span = accept_match(rule.check, m, text)
                if span is not None:
                    cands.append(Candidate(span[0], span[1], rule.name, m, rule.priority))
    chosen = _select(cands)
    starts = [s.start for s in sentences]
    ctx = Resolver(text, sentences, starts, dct)
    out: list[tuple[Rule, TimeExpr]] = []
    for c in chosen:
        rule = _BY_NAME[c.kind]
        res = rule.read(ctx, c, c.m.groupdict())
        if res is None:
            continue
        typ, value, precision = res
        out.append((rule, TimeExpr(c.start, c.end, text[c.start : c.end], typ, value, precision)))
        if (
            value
            and typ in ("DATE", "TIME")
            and c.kind not in ("ago", "yearago")
            and "year" not in (c.m.groupdict().get("rel") or "")
            and precision in ("day", "month", "quarter", "year")
        ):
            d = start_date(value)
            if d is not None:
                ctx.anchor = Anchor(d, precision, c.start)
                if precision == "day":
                    ctx.day_anchor = ctx.anchor
    return out


_BEFORE = 60  # the longest prefix a rule puts before its trigger ("the beginning of the ...")
_AFTER = 70  # and the longest tail after it ("... , 2021 BC", "or so ago")


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """For each rule, merged spans around its trigger words; the rule only scans these."""
    out: list[list[tuple[int, int]]] = [[] for _ in RULES]
    n = len(text)
    get = _WORD_RULES.get
    four, decade, colon = get("#4", ()), get("#0s", ()), get("#:", ())
    for m in _TOKEN.finditer(text):
        w = m.group()
        if w[0].isdigit():
            if len(w) == 4 and w.isdigit():
                rules = four
            elif w.endswith("0s") and w[:-1].isdigit():
                rules = decade
            elif text[m.end() : m.end() + 1] == ":":
                rules = colon
            else:
                continue
        else:
            rules = get(w.lower())
            if not rules:
                continue
        ws, we = m.start() - _BEFORE, m.end() + _AFTER
        ws = 0 if ws < 0 else ws
        we = n if we > n else we
        for r in rules:
            spans = out[r]
            if spans and ws <= spans[-1][1]:
                spans[-1] = (spans[-1][0], we)
            else:
                spans.append((ws, we))
    return out


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest non-overlapping candidates, as a reader takes the fullest reading.

    The kept spans never overlap, so they stay sorted by start and a new candidate is checked
    against its two neighbours only: n log n, where testing every kept span was quadratic (an
    article of 20,000 dates took minutes).
    """
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Candidate] = []
    for c in cands:
        i = bisect.bisect_left(starts, c.start)
        if (i > 0 and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen
