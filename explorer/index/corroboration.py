"""Which documents tell each event and each quote: links kept in the index, updated with it.

Two events corroborate each other when they carry the same date (the same TIMEX3 day, month or
year) and tell the same fact in the same or other words (``explorer.extract.retelling``); two
quotes when they are the same words (the fingerprint) or the same speaker in nearly the same
words. Only pairs from two documents count: a document repeating itself is one source.

The pairs are kept as rows of ``event_links``/``quote_links`` (both directions, so the tellers
of one row are one index range), made when a row is stored and removed with it. A page of the
timeline then reads its sources with one indexed query, whatever the filter; before, every page
compared the events of each day among themselves (7.3 s for the commonest entity's timeline at
200k documents), and an event's count depended on the rows on the page.

Linking is incremental and symmetric: a new row is compared with every row of its date (or
speaker) whichever came first, and ``same_fact`` is symmetric, so an index updated file by file
has the links of a clean rebuild. Rows stored since the last linking wait in ``link_queue``; a
run stopped before linking finishes it next time.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable

from explorer.extract.retelling import Telling, same_fact

__all__ = ["forget_document", "link", "queue_events", "queue_quotes", "sources"]

# Rows of one date compared pairwise at most; past it, the date is a list ("2021" in every
# sentence of a yearly review) more than one day's news, and its events are not linked.
MAX_BUCKET = 4_000
EVENT, QUOTE = "event", "quote"
_LINKS = {EVENT: "event_links", QUOTE: "quote_links"}
_ROWS = {EVENT: "times", QUOTE: "quotes"}


def queue_events(conn: sqlite3.Connection, doc: int) -> None:
    """Queue the dated events of ``doc`` (just stored) to be linked."""
    conn.execute(
        "INSERT OR IGNORE INTO link_queue(kind, row) SELECT 'event', rowid FROM times"
        " WHERE doc = ? AND type IN ('DATE', 'TIME') AND first_day IS NOT NULL",
        (doc,),
    )


def queue_quotes(conn: sqlite3.Connection, doc: int) -> None:
    """Queue the quotes of ``doc`` (just stored) to be linked."""
    conn.execute(
        "INSERT OR IGNORE INTO link_queue(kind, row) SELECT 'quote', rowid FROM quotes"
        " WHERE doc = ?",
        (doc,),
    )


def forget_document(conn: sqlite3.Connection, doc: int, kinds: Iterable[str] = (EVENT, QUOTE)):  # type: ignore[no-untyped-def]
    """Drop the links and queued rows of ``doc``'s events/quotes (before they are deleted)."""
    for kind in kinds:
        table, links = _ROWS[kind], _LINKS[kind]
        rows = [r for (r,) in conn.execute(f"SELECT rowid FROM {table} WHERE doc = ?", (doc,))]
        for chunk in _chunks(rows, 500):
            marks = ",".join("?" * len(chunk))
            partners = conn.execute(
                f"SELECT b, a FROM {links} WHERE a IN ({marks})", chunk
            ).fetchall()
            conn.executemany(f"DELETE FROM {links} WHERE a = ? AND b = ?", partners)
            conn.execute(f"DELETE FROM {links} WHERE a IN ({marks})", chunk)
            conn.execute(
                f"DELETE FROM link_queue WHERE kind = ? AND row IN ({marks})", [kind, *chunk]
            )


def link(conn: sqlite3.Connection) -> int:
    """Link every queued row with the rows that tell the same fact; returns the links made."""
    made = 0
    for kind, find in ((EVENT, _event_partners), (QUOTE, _quote_partners)):
        queued = [r for (r,) in conn.execute("SELECT row FROM link_queue WHERE kind = ?", (kind,))]
        if not queued:
            continue
        pairs = find(conn, set(queued))
        links = _LINKS[kind]
        before = conn.total_changes
        conn.executemany(
            f"INSERT OR IGNORE INTO {links}(a, b) VALUES (?, ?)",
            [p for a, b in pairs for p in ((a, b), (b, a))],
        )
        made += (conn.total_changes - before) // 2
        conn.execute("DELETE FROM link_queue WHERE kind = ?", (kind,))
    return made


def _event_partners(conn: sqlite3.Connection, queued: set[int]) -> set[tuple[int, int]]:
    """Pairs (queued event, other) of two documents, the same date, and the same fact."""
    buckets: set[tuple[str, str]] = set()
    for chunk in _chunks(sorted(queued), 500):
        buckets.update(
            conn.execute(
                f"SELECT DISTINCT first_day, last_day FROM times WHERE rowid IN ({_marks(chunk)})",
                chunk,
            )
        )
    pairs: set[tuple[int, int]] = set()
    for first, last in sorted(buckets):
        rows = conn.execute(
            "SELECT t.rowid, t.doc, substr(d.text, t.sent_start + 1, t.sent_end - t.sent_start),"
            " t.sent_start, t.sent_end FROM times t JOIN documents d ON d.rowid = t.doc"
            " WHERE t.first_day = ? AND t.last_day = ? AND t.type IN ('DATE', 'TIME')",
            (first, last),
        ).fetchall()
        if len(rows) < 2 or len(rows) > MAX_BUCKET:
            continue
        places = _sentence_places(conn, rows)
        tellings = {r[0]: Telling.of(r[2], places.get(r[0], set())) for r in rows}
        pairs |= _pairs(rows, queued, tellings)
    return pairs


def _quote_partners(conn: sqlite3.Connection, queued: set[int]) -> set[tuple[int, int]]:
    """Pairs (queued quote, other) of two documents: the same words, or the same named speaker
    in nearly the same words."""
    keys: set[tuple[str, str | None]] = set()
    for chunk in _chunks(sorted(queued), 500):
        keys.update(
            conn.execute(
                "SELECT DISTINCT fingerprint, CASE WHEN speaker_local IS NOT NULL THEN"
                f" lower(speaker) END FROM quotes WHERE rowid IN ({_marks(chunk)})",
                chunk,
            )
        )
    pairs: set[tuple[int, int]] = set()
    fingerprints = {f for f, _ in keys}
    for chunk in _chunks(sorted(fingerprints), 500):
        groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for row, doc, fp in conn.execute(
            f"SELECT rowid, doc, fingerprint FROM quotes WHERE fingerprint IN ({_marks(chunk)})",
            chunk,
        ):
            groups[fp].append((row, doc))
        for members in groups.values():
            for row, doc in members:
                if row in queued:
                    pairs |= {_pair(row, o) for o, d in members if d != doc}
    for speaker in {s for _, s in keys if s}:
        rows = conn.execute(
            "SELECT rowid, doc, display FROM quotes WHERE speaker_local IS NOT NULL"
            " AND lower(speaker) = ?",
            (speaker,),
        ).fetchall()
        if len(rows) < 2 or len(rows) > MAX_BUCKET:
            continue
        tellings = {r[0]: Telling.of(r[2]) for r in rows}
        pairs |= _pairs(rows, queued, tellings)
    return pairs


def _pairs(
    rows: list[tuple], queued: set[int], tellings: dict[int, Telling]
) -> set[tuple[int, int]]:
    """Pairs of ``rows`` (rowid, doc, ...) with one queued, two documents, the same fact.

    Candidates come from the tellings' prefixes (``Telling.prefix``): the shorter of two
    tellings of one fact has a prefix word in the longer. Exact, and far fewer than all pairs.
    """
    prefixed: dict[str, list[int]] = defaultdict(list)
    having: dict[str, list[int]] = defaultdict(list)
    for rowid, *_ in rows:
        t = tellings[rowid]
        for w in t.prefix():
            prefixed[w].append(rowid)
        for w in t.words:
            having[w].append(rowid)
    doc_of = {r[0]: r[1] for r in rows}
    size = {rowid: len(t.words) for rowid, t in tellings.items()}
    out: set[tuple[int, int]] = set()
    for rowid in (r[0] for r in rows if r[0] in queued):
        mine, n, doc = tellings[rowid], size[rowid], doc_of[rowid]
        candidates = {o for w in mine.words for o in prefixed[w] if size[o] <= n}
        candidates.update(o for w in mine.prefix() for o in having[w] if size[o] >= n)
        for other in candidates:
            if doc_of[other] != doc and same_fact(mine, tellings[other]):
                out.add(_pair(rowid, other))
    return out


def _sentence_places(conn: sqlite3.Connection, rows: list[tuple]) -> dict[int, set[str]]:
    """The place names each event's sentence mentions, as written (case-folded later)."""
    by_doc: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for rowid, doc, _text, start, end in rows:
        by_doc[doc].append((rowid, start, end))
    out: dict[int, set[str]] = defaultdict(set)
    for chunk in _chunks(sorted(by_doc), 500):
        for doc, start, end, name in conn.execute(
            "SELECT m.doc, m.start, m.end, substr(d.text, m.start + 1, m.end - m.start)"
            " FROM mentions m JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
            " JOIN documents d ON d.rowid = m.doc"
            f" WHERE m.doc IN ({_marks(chunk)}) AND de.kind = 'place'",
            chunk,
        ):
            for rowid, s_start, s_end in by_doc[doc]:
                if s_start <= start and end <= s_end:
                    out[rowid].add(name)
    return out


def sources(conn: sqlite3.Connection, kind: str, rows: list[int]) -> dict[int, list[int]]:
    """For each row, the rows of other documents linked to it (itself not included)."""
    out: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(set(rows)), 500):
        for a, b in conn.execute(
            f"SELECT a, b FROM {_LINKS[kind]} WHERE a IN ({_marks(chunk)})", chunk
        ):
            out[a].append(b)
    return out


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _marks(items: Iterable) -> str:
    return ",".join("?" * len(list(items)))


def _chunks(items: list, size: int) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
