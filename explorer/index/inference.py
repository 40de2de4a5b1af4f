"""Dating an undated document from the dated documents it shares passages with.

A page saved without its date often retells, in the same or nearly the same sentences, a report
that has one. When an undated document shares passages (``explorer.extract.passages``: whole
sentences at a Jaccard index of ``MIN_SIMILARITY`` or more, never a lone phrase) with dated
documents, it is dated like them: the date whose documents share the most with it. The
document's own relative dates must agree: a weekday or "yesterday" in a shared passage,
resolved against the candidate date, must fall on the day the dated document gives it, or the
candidate is dropped. The date is marked ``inferred``, with a confidence and the passages it
rests on; relative dates in the document are then resolved against it.

A dated report added today can date a page indexed last year, and an index brought up to date
step by step must equal a clean build: so every change queues the undated documents it may
concern (``queue_stored``, ``queue_removed``) and ``infer_dates`` settles the queue. An
inferred date rests only on documents dated otherwise, so dates never chain.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict

from explorer.extract.passages import similarity
from explorer.index import corroboration
from explorer.index.times import TIMELINE_TYPES, store_times, time_rows, timeline_times
from explorer.model import DocFacts, DocMeta

__all__ = ["infer_dates", "MIN_SIMILARITY"]

MIN_SIMILARITY = 0.3
_POSTINGS = 200  # a key shared by more sentences than this is a common phrase: its first 200


def queue_stored(conn: sqlite3.Connection, doc: int, undated: bool) -> None:
    """A document was stored: it waits for a date if it has none; if it has one, so do the
    undated documents that share one of its passage keys (it may date them)."""
    if undated:
        conn.execute("INSERT OR IGNORE INTO infer_queue(doc) VALUES (?)", (doc,))
        conn.execute(
            "INSERT OR IGNORE INTO undated_keys(key, doc)"
            " SELECT key, doc FROM passage_keys WHERE doc = ?",
            (doc,),
        )
        return
    conn.execute(
        "INSERT OR IGNORE INTO infer_queue(doc)"
        " SELECT DISTINCT u.doc FROM passage_keys p JOIN undated_keys u ON u.key = p.key"
        " WHERE p.doc = ? AND u.doc != p.doc",
        (doc,),
    )


def queue_removed(conn: sqlite3.Connection, doc: int) -> None:
    """A document is being removed: the documents whose inferred date cites it are queued."""
    row = conn.execute("SELECT id FROM documents WHERE rowid = ?", (doc,)).fetchone()
    conn.execute("DELETE FROM infer_queue WHERE doc = ?", (doc,))
    if row is None:
        return
    cited = f'%"doc": {json.dumps(row[0])}%'
    conn.execute(
        "INSERT OR IGNORE INTO infer_queue(doc) SELECT rowid FROM documents"
        " WHERE date_source = 'inferred' AND date_evidence LIKE ? AND rowid != ?",
        (cited, doc),
    )


def infer_dates(conn: sqlite3.Connection, everything: bool = False) -> int:
    """Date (or un-date) the queued undated documents (all of them with ``everything``) from
    their shared passages; how many changed."""
    changed = 0
    undated = conn.execute(
        "SELECT rowid, text, date, date_source, date_evidence FROM documents"
        " WHERE date_source IN ('none', 'inferred')"
        + ("" if everything else " AND rowid IN (SELECT doc FROM infer_queue)")
    ).fetchall()
    texts: dict[int, str] = {}
    for rowid, text, date, source, evidence in undated:
        found = _infer(conn, rowid, text, texts)
        new_date, confidence, new_evidence, facts = found if found else (None, None, [], None)
        new_source = "inferred" if new_date else "none"
        new_json = json.dumps(new_evidence) if new_evidence else None
        if (new_date, new_source, new_json) == (date, source, evidence):
            continue
        if facts is None:
            from explorer.extract.pipeline import extract_document

            facts = extract_document(text, DocMeta())
        _redate(conn, rowid, facts, new_source, confidence, new_json)
        changed += 1
    conn.execute("DELETE FROM infer_queue")
    return changed


def _infer(
    conn: sqlite3.Connection, rowid: int, text: str, texts: dict[int, str]
) -> tuple[str, float, list[dict], DocFacts] | None:
    """The best date for the document ``rowid``, its confidence and evidence, and its facts
    read against that date; or None."""
    # Per passage of this document, its best match: highest similarity, then (for the same
    # result whatever order the documents were indexed in) the smallest document id.
    best: dict[tuple[int, int], tuple[float, str, int, int, str]] = {}
    for key, start, end in conn.execute(
        "SELECT key, start, end FROM passage_keys WHERE doc = ?", (rowid,)
    ).fetchall():
        for src, src_id, s_start, s_end, src_date in conn.execute(
            "SELECT p.doc, d.id, p.start, p.end, d.date FROM passage_keys p"
            " JOIN documents d ON d.rowid = p.doc"
            " WHERE p.key = ? AND p.doc != ? AND d.date IS NOT NULL"
            " AND d.date_source NOT IN ('none', 'inferred') LIMIT ?",
            (key, rowid, _POSTINGS),
        ):
            if src not in texts:
                texts[src] = conn.execute(
                    "SELECT text FROM documents WHERE rowid = ?", (src,)
                ).fetchone()[0]
            score = similarity(text[start:end], texts[src][s_start:s_end])
            here = (start, end)
            mine = (score, src_id, s_start, s_end, src_date)
            held = best.get(here)
            if score >= MIN_SIMILARITY and (
                held is None or (-score, src_id, s_start) < (-held[0], held[1], held[2])
            ):
                best[here] = mine
    if not best:
        return None
    by_date: dict[str, float] = defaultdict(float)
    for score, _src, _s, _e, src_date in best.values():
        by_date[src_date] += score
    for day in sorted(by_date, key=lambda d: (-by_date[d], d)):
        passages = {here: b for here, b in best.items() if b[4] == day}
        from explorer.extract.pipeline import extract_document

        facts = extract_document(text, DocMeta(date=day))
        if _relative_dates_agree(conn, facts, passages):
            evidence = [
                {
                    "doc": src,
                    "start": s_start,
                    "end": s_end,
                    "passage_start": here[0],
                    "passage_end": here[1],
                    "similarity": round(score, 2),
                }
                for here, (score, src, s_start, s_end, _d) in sorted(passages.items())
            ]
            return day, round(min(1.0, by_date[day] / 2), 2), evidence, facts
    return None


def _relative_dates_agree(
    conn: sqlite3.Connection,
    facts: DocFacts,
    passages: dict[tuple[int, int], tuple[float, str, int, int, str]],
) -> bool:
    """Each date expression of a shared passage, read against the candidate date (``facts``
    were extracted with it), names the day the dated document's copy of the passage names."""
    for (start, end), (_score, src, s_start, s_end, _d) in passages.items():
        theirs = conn.execute(
            "SELECT t.expression, t.value FROM times t JOIN documents d ON d.rowid = t.doc"
            " WHERE d.id = ? AND t.start >= ? AND t.end <= ? AND t.value IS NOT NULL"
            " ORDER BY t.start",
            (src, s_start, s_end),
        ).fetchall()
        mine = [
            (t.expression, t.value)
            for t in facts.times
            if start <= t.start and t.end <= end and t.value and not t.value.endswith("_REF")
        ]
        if len(mine) == len(theirs):
            # The same sentence told again: its dates, in order, must name the same days.
            if any(a[1] != b[1] for a, b in zip(mine, theirs, strict=True)):
                return False
        else:
            named = {e.casefold(): v for e, v in theirs}
            if any(named.get(e.casefold(), v) != v for e, v in mine):
                return False
    return True


def _redate(
    conn: sqlite3.Connection,
    rowid: int,
    facts: DocFacts,
    source: str,
    confidence: float | None,
    evidence: str | None,
) -> None:
    """Give the document its (inferred or no) date and the date expressions ``facts`` read
    against it."""
    day = facts.date if source == "inferred" else None
    times = timeline_times(facts)
    corroboration.forget_document(conn, rowid, kinds=(corroboration.EVENT,))
    conn.execute("DELETE FROM times WHERE doc = ?", (rowid,))
    store_times(conn, rowid, time_rows(facts, times))
    conn.execute(
        "UPDATE documents SET date = ?, date_source = ?, date_confidence = ?, date_evidence = ?,"
        " n_events = ? WHERE rowid = ?",
        (
            day,
            source,
            confidence,
            evidence,
            sum(1 for t in times if t.type in TIMELINE_TYPES),
            rowid,
        ),
    )
