"""A document's date expressions as the index keeps them: the rows of ``times``.

Written when a document is stored (``writer``) and again when an inferred date re-reads its
relative expressions (``inference``), so both write them the same way.
"""

from __future__ import annotations

import bisect
import sqlite3

from explorer.extract.retelling import Telling
from explorer.index import corroboration
from explorer.model import DocFacts, TimeExpr
from explorer.timex import bounds as timex_bounds
from explorer.timex import display_date

__all__ = ["TIMELINE_TYPES", "store_times", "time_rows", "timeline_times"]

TIMELINE_TYPES = ("DATE", "TIME")


def timeline_times(facts: DocFacts) -> list[TimeExpr]:
    """The date expressions worth keeping: "now", "the past" (PRESENT_REF, PAST_REF) are not
    points a timeline can place."""
    return [t for t in facts.times if not (t.value and t.value.endswith("_REF"))]


def time_rows(facts: DocFacts, times: list[TimeExpr]) -> list[tuple]:
    """The ``times`` rows of ``times`` (``timeline_times(facts)``), all but the document's row
    id: pure, so an extraction worker makes them and the writer only inserts them."""
    starts = [s.start for s in facts.sentences]
    named = [
        (m.start, m.end, facts.text[m.start : m.end])
        for m in facts.mentions
        if facts.entities[m.entity].kind in ("place", "org")
    ]
    rows = []
    tellings: dict[tuple[int, int], str] = {}
    for t in times:
        s_start, s_end = _sentence_around(facts, starts, t.start, t.end)
        if (s_start, s_end) not in tellings:
            names = {n for a, b, n in named if s_start <= a and b <= s_end}
            sentence = facts.text[s_start:s_end]
            tellings[(s_start, s_end)] = Telling.of(sentence, names).signature()
        bounds = timex_bounds(t.value) if t.value else None
        rows.append(
            (
                t.start,
                t.end,
                t.expression,
                t.type,
                t.value,
                t.precision,
                display_date(t.value),
                bounds[0] if bounds else None,
                bounds[1] if bounds else None,
                s_start,
                s_end,
                facts.date,
                tellings[(s_start, s_end)],
            )
        )
    return rows


def store_times(conn: sqlite3.Connection, doc: int, rows: list[tuple]) -> None:
    """Insert the ``times`` rows (from ``time_rows``) of document ``doc``."""
    conn.executemany(
        "INSERT INTO times(doc, start, end, expression, type, value, precision, date, first_day,"
        " last_day, sent_start, sent_end, doc_date, telling)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(doc, *row) for row in rows],
    )
    corroboration.queue_events(conn, doc)


def _sentence_around(facts: DocFacts, starts: list[int], start: int, end: int) -> tuple[int, int]:
    """The sentence (or list item) holding a span; the span itself when none does."""
    i = bisect.bisect_right(starts, start) - 1
    if i >= 0:
        s = facts.sentences[i]
        if s.start <= start and end <= s.end:
            return s.start, s.end
        if s.start <= start < s.end:
            # An expression running over a sentence break: widen to the sentences it spans.
            j = i
            while j + 1 < len(facts.sentences) and facts.sentences[j].end < end:
                j += 1
            return s.start, max(end, facts.sentences[j].end)
    return start, end
