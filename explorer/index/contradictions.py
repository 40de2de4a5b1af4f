"""Contradictions across (and within) documents: the same event dated differently, the same
thing counted differently.

"The same" is decided narrowly, because a list of false alarms is worse than none:

* **date**: two sentences tell an act of one class (``facts/event_verbs``: captured/seized/
  fell...) on the same place entity (the place right after the verb, or right before "fell"),
  each with a single day-precision date in the same clause as the verb, dated within
  ``MAX_DAYS_APART`` of each other, in documents dated within ``MAX_REPORT_DAYS`` of each other
  (a city taken twice in a year is news twice, not a contradiction).
* **number**: two counts "N of [OWNER's] M THING" with the same owner, whole and thing and a
  different N, in sentences otherwise alike (``retelling.content_words``: at least
  ``MIN_SHARED`` shared, covering half the shorter), from documents dated within a day of each
  other (counts move as news moves: "11 of 34" on Wednesday, "12 of 34" on Thursday is no
  contradiction, and undated documents are never compared).

Each side carries its provenance: the document, the offsets of its sentence (``text`` is that
slice) and ``value``, the date or number it gives. One record per subject and pair of values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date as _date
from typing import Any

from explorer.extract.claims import acts, counts, date_governs
from explorer.extract.retelling import content_words
from explorer.extract.sentences import split_sentences
from explorer.index.query import Query
from explorer.records import Contradiction

__all__ = ["find"]

MAX_DAYS_APART = 7
MAX_REPORT_DAYS = 3
MIN_SHARED = 2


def find(reader: Any, docs: Iterable[str] | None = None) -> list[Contradiction]:
    """Contradictions among the documents ``docs`` (ids; every document when None)."""
    wanted = None if docs is None else set(docs)
    found = [*_dates(reader, wanted), *_numbers(reader, wanted)]
    return sorted(found, key=lambda c: (c.kind, c.subject.casefold(), c.a["doc"], c.a["start"]))


# -- dates -----------------------------------------------------------------------------------


def _dates(reader: Any, wanted: set[str] | None) -> Iterator[Contradiction]:
    events = [
        e
        for e in reader.timeline(Query())
        if e.precision == "day" and (wanted is None or e.doc in wanted)
    ]
    per_sentence: dict[tuple[str, int, int], list[Any]] = defaultdict(list)
    for e in events:
        per_sentence[(e.doc, e.start, e.end)].append(e)
    places: dict[str, list[Any]] = {}
    claims: dict[tuple[str, str], list[tuple[Any, str]]] = defaultdict(list)
    for (doc, start, end), told in per_sentence.items():
        if len({e.date for e in told}) != 1:
            continue  # "seized Lashkar Gah on Friday, and Kandahar on Thursday": whose date?
        e = told[0]
        if not e.places:
            continue
        if doc not in places:
            places[doc] = [s for s in reader.spans(doc) if s.kind == "place"]
        inside = [s for s in places[doc] if start <= s.start and s.end <= end]
        offsets = [(s.start - start, s.end - start) for s in inside]
        for act in acts(e.text, offsets):
            when = (e.expr_start - start, e.expr_end - start)
            if not date_governs(e.text, when, act.verb):
                continue
            place = next(s for s in inside if (s.start - start, s.end - start) == act.place)
            claims[(act.kind, place.label)].append((e, e.text[act.verb[0] : act.verb[1]]))
    for (_kind, subject), told in claims.items():
        seen: set[frozenset[str]] = set()
        for i, (a, verb_a) in enumerate(told):
            for b, verb_b in told[i + 1 :]:
                if a.date == b.date or frozenset((a.date, b.date)) in seen:
                    continue
                if _days(a.date, b.date) > MAX_DAYS_APART:
                    continue
                if a.doc != b.doc and not _close(a.doc_date, b.doc_date, MAX_REPORT_DAYS):
                    continue
                seen.add(frozenset((a.date, b.date)))
                first, second = sorted(((a, verb_a), (b, verb_b)), key=lambda t: t[0].date)
                yield Contradiction(
                    kind="date",
                    subject=subject,
                    a=_side(first[0].doc, first[0].start, first[0].end, first[0].text, first[0].date),
                    b=_side(second[0].doc, second[0].start, second[0].end, second[0].text, second[0].date),
                    note=f"{subject}: “{first[1]}” on {first[0].date} in one, “{second[1]}” on"
                    f" {second[0].date} in the other",
                )  # fmt: skip


# -- numbers ---------------------------------------------------------------------------------


def _numbers(reader: Any, wanted: set[str] | None) -> Iterator[Contradiction]:
    by_key: dict[tuple, list[tuple[str, str | None, Any, int, int, str, frozenset[str]]]]
    by_key = defaultdict(list)
    for doc, day, text in reader.texts():
        if wanted is not None and doc not in wanted:
            continue
        found = counts(text)
        if not found:
            continue
        sentences = split_sentences(text)
        for c in found:
            s = next((s for s in sentences if s.start <= c.start < s.end), None)
            start, end = (s.start, s.end) if s else (c.start, c.end)
            # What the sentence says besides the count itself (owner and thing left out).
            words = content_words(text[start : c.start] + " " + text[c.end : end])
            by_key[c.key].append((doc, day, c, start, end, text[start:end], words))
    for key, told in by_key.items():
        seen: set[frozenset[int]] = set()
        for i, (doc_a, day_a, a, sa, ea, text_a, words_a) in enumerate(told):
            for doc_b, day_b, b, sb, eb, text_b, words_b in told[i + 1 :]:
                if a.n == b.n or frozenset((a.n, b.n)) in seen:
                    continue
                if doc_a != doc_b and not _close(day_a, day_b, 1):
                    continue
                shared = len(words_a & words_b)
                if shared < MIN_SHARED or 2 * shared < min(len(words_a), len(words_b)):
                    continue
                seen.add(frozenset((a.n, b.n)))
                owner, whole, _thing = key
                thing = text_a[a.start - sa : a.end - sa].split(str(a.of), 1)[-1].strip()
                subject = f"{owner.title()}'s {whole} {thing}" if owner else f"{whole} {thing}"
                yield Contradiction(
                    kind="number",
                    subject=subject,
                    a=_side(doc_a, sa, ea, text_a, a.n),
                    b=_side(doc_b, sb, eb, text_b, b.n),
                    note=f"{subject}: {a.n} in one, {b.n} in the other",
                )


# -- helpers ---------------------------------------------------------------------------------


def _side(doc: str, start: int, end: int, text: str, value: Any) -> dict[str, Any]:
    return {"doc": doc, "start": start, "end": end, "text": text, "value": value}


def _days(a: str | None, b: str | None) -> int:
    try:
        return abs((_date.fromisoformat(a or "") - _date.fromisoformat(b or "")).days)
    except ValueError:
        return 10**6


def _close(a: str | None, b: str | None, days: int) -> bool:
    """Both dated (to the day) and at most ``days`` apart."""
    return bool(a and b) and _days((a or "")[:10], (b or "")[:10]) <= days
