"""The read side of an index: a ``Query`` in, a page of records out.

The command line, the Python API and the app all ask through here, so a question gets the same
rows wherever it is asked. Filters combine with AND inside SQL (several entities, words, a date
range, one document); the caller never intersects or re-sorts lists. SQL text lives in
``explorer.index.sql``; rows are read by column name.

Reads are thread-safe: each thread gets its own read-only connection (WAL lets them read while
a writer updates the index). Lookup structures built from the whole index (fuzzy names, quote
vocabulary) are cached until ``forget_caches`` after an update.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date as _date
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.errors import UsageError
from explorer.index import corroboration, fetch, sql
from explorer.index.query import Query, check_kind
from explorer.index.sql import Clause
from explorer.index.store import connect
from explorer.records import (
    PERSON,
    PLACE,
    Document,
    Entity,
    EntityKind,
    Event,
    Mention,
    Quote,
    Span,
    Stats,
)

if TYPE_CHECKING:
    from explorer.index.lookup import NameIndex

__all__ = ["Reader", "interrupted"]

_WORD = re.compile(r"\w+", re.UNICODE)
# How well (``find``'s score, 0-100) a name must match what was typed to stand for it in a
# filter: "wallace" takes Ben Wallace (100), not the Northern Alliance (78).
NAME_MATCH = 80
_LONG_SPAN_DAYS = timedelta(days=367)
# Cost of testing one event for a filter while walking the timeline, relative to reading one
# of its documents' events (calibrated at 1M documents, see Reader._few_docs).
_WALK_COST = 2
# Documents whose mentions one query reads for the timeline's names (3 parameters each, well
# under SQLite's 32,766).
_SPAN_DOCS = 400
# About how many documents a walk in date order may step through to fill a first page, per row
# asked for (``Reader._walking``): a quote walk meets fewer rows per document than a documents one.
WALK_SCAN_DOCUMENTS = 40_000
WALK_SCAN_QUOTES = 5_000


class Reader:
    """Answers queries over one index file."""

    def __init__(self, index_path: Path) -> None:
        self.index_path = index_path
        self._local = threading.local()
        self._lock = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._by_thread: dict[int, sqlite3.Connection] = {}  # for interrupt()
        self._names: NameIndex | None = None  # built or read on first use
        self._vocab: tuple[list[str], set[str]] | None = None

    # -- connections and caches --------------------------------------------------------------

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's read-only connection, rows readable by column name."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if not self.index_path.exists():
                raise UsageError(f"no index at {self.index_path}: run `explorer index` first")
            conn = connect(self.index_path, readonly=True)
            conn.create_function("casefold", 1, _casefold, deterministic=True)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
                self._by_thread[threading.get_ident()] = conn
        return conn

    def interrupt(self, thread: int) -> None:
        """Stop the statement this reader runs on ``thread`` now: it raises
        ``sqlite3.OperationalError("interrupted")`` there. Why: the app gives up loads the user
        has moved past (a new filter, a cleared one), and a page of a frequent name at 200k
        documents is hundreds of milliseconds of SQL that would hold a pool thread the new
        view's loads are waiting for. A thread between statements is not stopped (the asker
        calls again)."""
        with self._lock:
            conn = self._by_thread.get(thread)
        if conn is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed since: replaced
                conn.interrupt()

    def _rows(self, statement: str, params: tuple | list = ()) -> list[dict]:
        """The rows of a statement as dicts keyed by column name.

        Not sqlite3.Row: its lookup by name compares the names one by one, case-insensitively,
        and made quote search a third slower; a dict built from the column names costs a
        microsecond a row and reads the same way."""
        names, rows = fetch.rows(self.db, statement, params)
        return [dict(zip(names, r, strict=True)) for r in rows]

    def _count(self, statement: str, params: tuple | list = ()) -> int:
        """The ``n`` column of a one-row statement."""
        row = self._one(statement, params)
        return row["n"] if row else 0

    def _one(self, statement: str, params: tuple | list = ()) -> dict | None:
        rows = self._rows(statement, params)
        return rows[0] if rows else None

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
            self._by_thread.clear()
        self._local = threading.local()

    def forget_caches(self) -> None:
        """Drop lookup structures built from the index (after an update changed it)."""
        with self._lock:
            self._names = None
            self._vocab = None

    def name_index(self) -> NameIndex:
        """The fuzzy name lookup, built on first use (the app does that in a worker)."""
        with self._lock:
            if self._names is None:
                from explorer.index.lookup import NameIndex  # rapidfuzz: only for lookups

                self._names = NameIndex.load(self.db)
            return self._names

    def vocabulary(self) -> tuple[list[str], set[str]]:
        """The words of all quotes, loaded once: typo candidates come from here."""
        with self._lock:
            if self._vocab is None:
                terms = [r["term"] for r in self._rows(sql.QUOTE_VOCABULARY)]
                self._vocab = (terms, set(terms))
            return self._vocab

    # -- documents ---------------------------------------------------------------------------

    def stats(self) -> Stats:
        r = self._one(sql.STATS)
        assert r is not None
        return Stats(r["documents"], r["events"], r["quotes"], r["entities"])

    def _document_clauses(self, q: Query) -> list[Clause] | None:
        """What a document under ``q`` must hold, as clauses over ``documents d``; None when
        no document can (the words are in no document)."""
        clauses = [sql.document_has_entity(e) for e in q.entities]
        match = self.text_match(q, vocab=False)
        if match == "":
            return None
        if match:
            clauses.append(sql.document_matches(match))
        if q.source:
            clauses.append(sql.document_from(q.source))
        clauses += sql.document_dated(q.since, q.until)
        if q.doc is not None:
            clauses.append(sql.in_document(q.doc))
        return clauses

    def documents(self, q: Query) -> list[Document]:
        """Documents under the query, in ``q.order``."""
        clauses = self._document_clauses(q)
        if clauses is None:
            return []
        read = functools.partial(sql.documents, order=q.order)
        if q.order in sql.DOCUMENT_WALK_ORDER and self._walking(q, WALK_SCAN_DOCUMENTS):
            rows = self._walked(read, clauses, q)
        else:
            rows = self._rows(*read(clauses, limit=q.limit))
        return [_document(r) for r in rows]

    def document(self, doc_id: str) -> Document:
        row = self._one(sql.DOCUMENT_BY_ID, (doc_id,))
        if row is None:
            raise _unknown_document(doc_id)
        return _document(row)

    def texts(self) -> Iterator[tuple[str, str | None, str]]:
        """(id, date, text) of every document, by id, one at a time (not all in memory)."""
        yield from self.db.execute(sql.DOCUMENT_TEXTS)

    def text(self, doc_id: str) -> str:
        row = self._one(sql.DOCUMENT_TEXT, (doc_id,))
        if row is None:
            raise _unknown_document(doc_id)
        return row["text"]

    # -- timeline ----------------------------------------------------------------------------

    def timeline(self, q: Query) -> list[Event]:
        """Dated events in date order, unresolved ones last."""
        if q.doc is not None:
            self.document(q.doc)  # an unknown id is the user's mistake, not "no events"
        rows = [dict(r) for r in self._event_rows(q)]  # each column read once, by name
        for r in rows:
            r.pop("_first", None)  # the walk's own sort key
        spans = [(r.pop("doc"), r["start"], r["end"]) for r in rows]
        names = self._sentence_entities(set(spans))
        told = self._sources("times", {r["event_row"]: r["doc_id"] for r in rows})
        out = []
        for r, span in zip(rows, spans, strict=True):
            row = r.pop("event_row")
            sources = [{"doc": r["doc_id"], "start": r["start"], "end": r["end"]}, *told[row]]
            out.append(
                Event(
                    doc=r.pop("doc_id"),
                    **r,
                    people=names[span][0],
                    places=names[span][1],
                    corroborating_docs=len(sources),
                    sources=sources,
                )
            )
        return out

    def _sources(self, table: str, rows: dict[int, str]) -> dict[int, list[dict]]:
        """For each ``times``/``quotes`` row (with its document id), one {doc, start, end} for
        every other document telling it (``explorer.index.corroboration``), in id order; a
        document repeating itself is one source."""
        kind = corroboration.EVENT if table == "times" else corroboration.QUOTE
        grouped = corroboration.sources(self.db, kind, list(rows))
        where: dict[int, tuple[str, int, int]] = {}
        partners = sorted({b for bs in grouped.values() for b in bs})
        for chunk in _chunks(partners, 500):
            statement, params = sql.told_by(table, chunk)
            for r in self._rows(statement, params):
                where[r["row"]] = (r["doc"], r["start"], r["end"])
        out: dict[int, list[dict]] = defaultdict(list)
        for row, bs in grouped.items():
            firsts: dict[str, tuple[int, int]] = {}
            for b in bs:
                if b in where:
                    doc, start, end = where[b]
                    if doc == rows[row]:
                        continue
                    if doc not in firsts or start < firsts[doc][0]:
                        firsts[doc] = (start, end)
            out[row] = [{"doc": d, "start": s, "end": e} for d, (s, e) in sorted(firsts.items())]
        return out

    def _event_rows(self, q: Query) -> list[dict]:
        """Event rows in timeline order, by the plan that reads the fewest rows.

        One SQL statement can't serve every filter at a million documents: SQLite would walk
        ``times`` from the start of time up to ``until`` and sort all of it. So a filter that
        draws from few documents (an entity named in few, some words, one document) is read
        from those documents, and every other query is a few walks of the ``times_order`` index
        (the timeline order itself) that stop at ``limit``: first the events that began before
        ``since`` and still run on it (those spanning over a year from the partial index
        ``times_long``, then one seek per start day of multi-day events in the year before),
        then the events from ``since`` on.
        """
        match = self.text_match(q, vocab=False)
        if match == "":
            return []
        base = [sql.ON_TIMELINE]
        if q.doc is not None:
            base.append(sql.in_document(q.doc))
        if q.source:
            base.append(sql.document_from(q.source))
        base += [sql.event_names_entity(e) for e in q.entities]
        if match:
            needles = (q.words or "").casefold().split()
            needles += [" ".join(p.casefold().split()) for p in q.phrases]
            base += [sql.event_sentence_has(w) for w in needles if w]
        narrowing = q.doc is not None or q.entities or match
        if narrowing and (q.doc is not None or self._few_docs(q.entities, match, q.limit)):
            extra = sql.event_overlaps(q.since, q.until, from_documents=True)
            if q.doc is None:
                extra += [sql.event_in_entity_docs(e, walking=False) for e in q.entities]
            if match:
                extra.append(sql.event_in_matching_docs(match))
            newest = sql.TIMELINE_ORDER_NEWEST if q.order == "-date" else sql.TIMELINE_ORDER
            order = "t.first_day IS NULL, " + newest
            return self._events(base + extra, order, q.limit, [])
        base += [sql.event_in_entity_docs(e, walking=True) for e in q.entities]
        if match:
            base.append(sql.event_in_matching_docs(match))
        if q.order == "-date":
            return self._walk_newest(base, q.since, q.until, q.limit)
        return self._walk(base, q.since, q.until, q.limit)

    def _walk_newest(
        self, base: list[Clause], since: str | None, until: str | None, limit: int | None
    ) -> list[dict]:
        """``_walk`` newest first: the events that start in the range, walking the date index
        down from ``until``; then those that began before ``since`` and still run on it (few:
        read as ``_walk`` reads them, and reversed); then the unresolved ones."""
        rows: list[dict] = []
        inside = [sql.RESOLVED]
        if since:
            inside.append(Clause("t.first_day >= ?", (since,)))
        if until:
            inside.append(Clause("t.first_day <= ?", (until,)))
        rows += self._events(base + inside, sql.TIMELINE_ORDER_NEWEST, limit, rows)
        if since and not _full(rows, limit):
            before = self._walk(base, since, None, None if limit is None else limit - len(rows))
            rows += [r for r in reversed(before) if r["_first"] < since]
        if not until and not _full(rows, limit):
            rows += self._events(base + [sql.UNRESOLVED], sql.UNRESOLVED_ORDER, limit, rows)
        return rows

    def _walk(
        self, base: list[Clause], since: str | None, until: str | None, limit: int | None
    ) -> list[dict]:
        """Events under ``base`` in timeline order, walking the date index (see _event_rows)."""
        rows: list[dict] = []
        order = sql.TIMELINE_ORDER
        upper = [Clause("t.first_day <= ?", (until,))] if until else []
        if since:
            lo = (_date.fromisoformat(since) - _LONG_SPAN_DAYS).isoformat()
            # Began over a year before `since` and still running: only spans over a year.
            rows += self._events(
                base
                + [
                    sql.LONG_SPAN,
                    Clause("t.first_day < ?", (lo,)),
                    Clause("t.last_day >= ?", (since,)),
                ],
                order,
                limit,
                rows,
            )
            # Began in the year before `since`: few distinct start days (weeks, months, years).
            day, op = lo, ">="
            while not _full(rows, limit):
                nxt = self._one(sql.NEXT_SPAN_START.format(op=op), (day, since))
                if nxt is None:
                    break
                day, op = nxt["first_day"], ">"
                rows += self._events(
                    base + [Clause("t.first_day = ?", (day,)), Clause("t.last_day >= ?", (since,))],
                    order,
                    limit,
                    rows,
                )
            if not _full(rows, limit):
                rows += self._events(
                    base + [Clause("t.first_day >= ?", (since,)), *upper], order, limit, rows
                )
            return rows
        rows += self._events(base + [sql.RESOLVED, *upper], order, limit, rows)
        if not until and not _full(rows, limit):
            rows += self._events(base + [sql.UNRESOLVED], sql.UNRESOLVED_ORDER, limit, rows)
        return rows

    def _events(
        self, clauses: list[Clause], order: str, limit: int | None, have: list
    ) -> list[dict]:
        """One walk: the events under ``clauses``, as many as ``limit`` still allows."""
        statement, params = sql.events(clauses, order, None if limit is None else limit - len(have))
        return self._rows(statement, params)

    def _few_docs(self, entities: tuple[int, ...], match: str | None, limit: int | None) -> bool:
        """Whether reading the filter's documents beats walking events in date order.

        Walking stops after ``limit`` matches, about ``limit / share`` events where ``share``
        is the filter's share of events (well below its share of documents: an entity must be
        named in the event's sentence); reading its documents costs 10-20 µs a document.
        Measured at 1M documents, limit 100, both take ~100 ms at ~6,000 documents (0.6%);
        below that reading documents wins, above it walking does (the walk tests the document
        in the ``times_order`` index itself, ~100-150 ms for any frequent entity at 1M).
        """
        if limit is None:
            return True
        n_docs = self._count(sql.DOCUMENT_COUNT) or 1
        n_times = self._count(sql.TIMES_COUNT) or 1
        per_doc = max(1.0, n_times / n_docs)
        budget = _WALK_COST * max(1, limit) * n_docs / per_doc
        docs = n_docs
        if entities:
            docs = min(self._count(sql.with_marks(sql.ENTITY_DOCS, [e]), [e]) for e in entities)
        if match and docs * docs > budget:
            # Count the matching documents only as far as the decision needs.
            cap = int(budget**0.5) + 1
            docs = min(docs, self._count(sql.FTS_DOCUMENTS_COUNT, (match, cap)))
        return docs * docs <= budget

    def _sentence_entities(
        self, spans: set[tuple[int, int, int]]
    ) -> dict[tuple[int, int, int], tuple[list[str], list[str]]]:
        """People and places named inside each (doc, start, end) span.

        The mentions are read for a few hundred documents a query (the range of each document's
        spans joined from a VALUES list), not one query a document: a query each was half the
        time of a timeline page of a frequent name (3,845 queries for 5,000 events at 200k).
        """
        by_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for doc, start, end in spans:
            by_doc[doc].append((start, end))
        mentions: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
        for chunk in _chunks(list(by_doc), _SPAN_DOCS):
            ranges = [
                (doc, min(a for a, _ in by_doc[doc]), max(b for _, b in by_doc[doc]))
                for doc in chunk
            ]
            statement = sql.SENTENCE_MENTIONS_OF.format(
                spans=", ".join("(?, ?, ?)" for _ in ranges)
            )
            params = [x for r in ranges for x in r]
            for doc, start, end, name, kind in fetch.rows(self.db, statement, params)[1]:
                mentions[doc].append((start, end, name, kind))
        out: dict[tuple[int, int, int], tuple[list[str], list[str]]] = {}
        for doc, doc_ranges in by_doc.items():
            found = mentions.get(doc, [])
            for start, end in doc_ranges:
                people: list[str] = []
                places: list[str] = []
                for m_start, m_end, name, kind in found:
                    if m_start >= start and m_end <= end:
                        bucket = people if kind == PERSON else places if kind == PLACE else None
                        if bucket is not None and name not in bucket:
                            bucket.append(name)
                out[(doc, start, end)] = (people, places)
        return out

    # -- quotes ------------------------------------------------------------------------------

    def quotes(self, q: Query) -> list[Quote]:
        """Quotes under the query: by relevance when words are searched (typos forgiven), else
        by date."""
        if q.doc is not None:
            self.document(q.doc)  # an unknown id is the user's mistake, not "no quotes"
        clauses: list[Clause] = []
        match = self.text_match(q, vocab=True)
        if match == "":
            return []
        if match:
            clauses.append(sql.quote_matches(match))
        if q.source:
            clauses.append(sql.document_from(q.source))
        if q.speaker and q.speaker.strip():
            clause = self._speaker_clause(q.speaker)
            if clause is None:
                return []
            clauses.append(clause)
        if q.speakers:
            clauses.append(sql.quote_by_speaker(list(q.speakers), []))
        for e in q.entities:
            clauses += sql.quote_about(e)
        clauses += sql.document_dated(q.since, q.until)
        if q.doc is not None:
            clauses.append(sql.in_document(q.doc))
        if match and q.limit is not None and len(clauses) == 1:
            rows = self._top_quotes(match, q.limit)
        elif not match and self._walking(q, WALK_SCAN_QUOTES):
            rows = self._walked(functools.partial(sql.quotes, ranked=False), clauses, q)
        else:
            statement, params = sql.quotes(clauses, ranked=match is not None, limit=q.limit)
            rows = self._rows(statement, params)
        # Documents carrying each quote, for the rows returned only (not every match).
        told = self._sources("quotes", {r["quote_row"]: r["doc"] for r in rows})
        out = []
        for r in rows:  # each a QUOTE_COLUMNS row: the Quote's fields and three more
            del r["fingerprint"]
            rank, row = r.pop("rank"), r.pop("quote_row")
            r["fragment"] = bool(r["fragment"])
            parts = json.loads(r["parts"]) if r["parts"] else [(r["start"], r["end"])]
            r["parts"] = tuple((s, e) for s, e in parts)
            score = None if rank is None else round(-float(rank), 3)
            sources = [{"doc": r["doc"], "start": r["start"], "end": r["end"]}, *told[row]]
            out.append(Quote(**r, docs=len(sources), score=score, sources=sources))
        return out

    def _walked(
        self, read: Callable[..., tuple[str, list[object]]], clauses: list[Clause], q: Query
    ) -> list[dict]:
        """The first ``q.limit`` rows ``read`` finds under ``clauses``: those of dated documents
        walking the date index (``walk=True``), then, room left and no date range asked (which
        leaves them out), those of undated documents, which come last."""
        assert q.limit is not None
        rows = self._rows(*read(clauses, limit=q.limit, walk=True))
        if len(rows) < q.limit and not (q.since or q.until):
            undated = [Clause("d.date IS NULL"), *clauses]
            rows += self._rows(*read(undated, limit=q.limit - len(rows)))
        return rows

    def _walking(self, q: Query, scan: int) -> bool:
        """Whether the first ``q.limit`` documents or quotes of frequent names are read walking
        the documents by date (``documents_date``), stopping at the limit, rather than gathered
        and sorted: no words asked (they have their own ranking), and every entity named in
        enough documents that the walk fills the page in about ``scan`` steps a row.

        At 200k documents, the most named entity (in 28% of them): its first 201 documents in
        6 ms walking, 58 sorting, all 5,001 in 18 against 74; its first 201 quotes in 16 ms
        against 213, but all 5,001 in 355 against 211. An entity in 6.5% of the documents:
        5,001 documents in 27 ms walking, 19 sorting.
        """
        if q.limit is None or not q.entities or q.words or q.phrases:
            return False
        n_docs = self._count(sql.DOCUMENT_COUNT) or 1
        least = min(self._count(sql.with_marks(sql.ENTITY_DOCS, [e]), [e]) for e in q.entities)
        return q.limit * n_docs <= scan * least

    def _top_quotes(self, match: str, limit: int) -> list[dict]:
        """The best ``limit`` quotes for words alone (the search bar), with their bm25.

        Ranking inside FTS5 alone costs a few µs per match; joining every match to its quote
        and document first, as one statement would, costs five times that. Rows tied with the
        last one kept are all read, so the date order that breaks ties stays exact.
        """
        k = limit + 32
        while True:
            found = self._rows(sql.TOP_QUOTES, (match, k))
            if len(found) < k or limit == 0 or found[-1]["rank"] > found[min(limit, k) - 1]["rank"]:
                break
            k *= 4
        if not found:
            return []
        rank = {r["quote_row"]: r["rank"] for r in found}
        statement, params = sql.quotes([sql.quote_rows(list(rank))], ranked=False, limit=None)
        rows = self._rows(statement, params)
        for r in rows:
            r["rank"] = rank[r["quote_row"]]
        rows.sort(
            key=lambda r: (
                r["rank"],
                r["doc_date"] is None,
                r["doc_date"] or "",
                r["doc"],
                r["start"],
            )
        )
        return rows[:limit]

    def _speaker_clause(self, speaker: str) -> Clause | None:
        """Quotes whose speaker is an entity matching ``speaker``, or whose role text does."""
        from rapidfuzz import fuzz  # loaded by the questions that need it, not by every command

        ids = [e.id for e in self.find(speaker, limit=5) if (e.score or 0) >= NAME_MATCH]
        wanted = speaker.casefold()
        close = [
            s
            for s in (r["speaker"] for r in self._rows(sql.QUOTE_SPEAKERS))
            if wanted in s.casefold() or fuzz.token_set_ratio(wanted, s.casefold()) >= 85
        ]
        if not ids and not close:
            return None
        return sql.quote_by_speaker(ids, close)

    def text_match(self, q: Query, *, vocab: bool) -> str | None:
        """The FTS5 query for ``q``'s words and phrases: None when it asks for no text, ""
        when what it asks for can match nothing (only punctuation was typed)."""
        parts = []
        if q.words:
            parts.append(self.fts_query(q.words, vocab=vocab))
        for phrase in q.phrases:
            words = [w.casefold() for w in _WORD.findall(phrase)]
            parts.append('"' + " ".join(words) + '"' if words else "")
        if not parts:
            return None
        return "" if not all(parts) else " AND ".join(parts)

    def fts_query(self, query: str, *, vocab: bool) -> str:
        """An FTS5 query for what the user typed: every word must match, typos forgiven.

        With ``vocab``, a word not in the quote vocabulary is replaced by the OR of the close
        words that are; the last word also matches as a prefix because the user may still be
        typing.
        """
        from rapidfuzz import fuzz, process

        words = [w.casefold() for w in _WORD.findall(query)]
        if not words:
            return ""
        terms = []
        vocabulary = self.vocabulary() if vocab else None
        for i, word in enumerate(words):
            options = {f'"{word}"'}
            if i == len(words) - 1 and len(word) >= 2:
                options.add(f'"{word}"*')
            if vocabulary is not None and len(word) >= 4 and word not in vocabulary[1]:
                for close, _score, _ in process.extract(
                    word, vocabulary[0], scorer=fuzz.ratio, limit=4, score_cutoff=75
                ):
                    options.add(f'"{close}"')
            terms.append("(" + " OR ".join(sorted(options)) + ")")
        return " AND ".join(terms)

    # -- entities ----------------------------------------------------------------------------

    def entities(self, q: Query) -> list[Entity]:
        """Entities of ``q.kind`` (and named in ``q.doc``), most mentioned first."""
        clauses = []
        if q.kind:
            clauses.append(sql.entity_of_kind(q.kind))
        if q.doc is not None:
            self.document(q.doc)
            clauses.append(sql.entity_in_document(q.doc))
        statement, params = sql.entities(clauses)
        if q.limit is not None:
            statement += f" LIMIT {int(q.limit)}"
        ids = [r["id"] for r in self._rows(statement, params)]
        return self.entity_records(ids)

    def places(self, q: Query, docs: Sequence[str] | None = None) -> list[Entity]:
        """The places named in the documents under ``q`` (or in the documents ``docs``, when
        given: the app's views with query chips), each with its mentions and documents counted
        there, most mentioned first; at most ``q.limit``. The map pane draws these.

        Why not ``entities``: those count the whole corpus; a map of the articles about
        Kandahar must size Kabul by what those articles say of it.
        """
        if docs is not None:
            counts: dict[int, list[int]] = {}
            for chunk in _chunks(list(dict.fromkeys(docs)), 500):
                for r in self._rows(sql.with_marks(sql.PLACES_OF_DOCUMENTS, chunk), chunk):
                    c = counts.setdefault(r["id"], [0, 0])
                    c[0] += r["mentions"]
                    c[1] += 1
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], kv[0]))
            rows = [{"id": i, "mentions": m, "docs": n} for i, (m, n) in ranked]
            if q.limit is not None:
                rows = rows[: q.limit]
        else:
            clauses = self._document_clauses(q)
            if clauses is None:
                return []
            if clauses:
                statement, params = sql.places(clauses)
            else:
                statement, params = sql.PLACES_IN_CORPUS, []
            if q.limit is not None:
                statement += f" LIMIT {int(q.limit)}"  # a literal: see sql.events()
            rows = self._rows(statement, params)
        records = {e.id: e for e in self.entity_records([r["id"] for r in rows])}
        return [
            dataclasses.replace(records[r["id"]], mentions=r["mentions"], docs=r["docs"])
            for r in rows
            if r["id"] in records
        ]

    def entity(self, entity_id: int) -> Entity:
        found = self.entity_records([entity_id])
        if not found:
            raise UsageError(f"unknown entity id: {entity_id}")
        return found[0]

    def find(self, text: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]:
        """Entities for what a person types: typos, prefixes, missing spaces, best first."""
        check_kind(kind)
        if not text.strip():
            return []
        hits = self.name_index().search(text, kind=kind, limit=limit)
        records = {e.id: e for e in self.entity_records([i for i, _ in hits])}
        return [
            dataclasses.replace(records[entity_id], score=round(float(score), 1))
            for entity_id, score in hits
            if entity_id in records
        ]

    def entity_id(self, entity: int | str) -> int:
        """An entity given as an id, or as a name a person typed (the best fuzzy match)."""
        if isinstance(entity, int) or entity.strip().isdigit():
            return int(entity)
        hits = self.find(entity, limit=1)
        if not hits:
            raise UsageError(f"no person, place or organisation matches {entity!r}")
        return hits[0].id

    def entity_records(self, ids: Iterable[int]) -> list[Entity]:
        """The entities with these ids, in the order given (unknown ids left out)."""
        ids = list(ids)
        if not ids:
            return []
        rows: dict[int, dict] = {}
        aliases: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            for r in self._rows(sql.with_marks(sql.ENTITY_ROWS, chunk), chunk):
                rows[r["id"]] = r
            for r in self._rows(sql.with_marks(sql.ENTITY_ALIASES, chunk), chunk):
                aliases[r["entity"]].append(r["alias"])
        return [
            Entity(
                id=r["id"],
                name=r["name"],
                kind=r["kind"],
                aliases=aliases.get(r["id"], []),
                mentions=r["mentions"],
                docs=r["docs"],
                lat=r["lat"],
                lon=r["lon"],
            )
            for r in (rows.get(i) for i in ids)
            if r is not None
        ]

    def mentions(self, q: Query) -> list[Mention]:
        """Every place a name is named: of ``q.entities`` when given, else of every entity; in
        ``q.doc`` only and of ``q.kind`` only, when given."""
        if q.doc is not None:
            self.document(q.doc)
        statement, params = sql.mentions(q.entities, q.doc, q.kind, q.limit)
        return [Mention(**r) for r in self._rows(statement, params)]

    # -- the reader's highlights -------------------------------------------------------------

    def spans(self, doc_id: str) -> list[Span]:
        """Every highlight of a document, in text order: entity mentions, quotes, dates, and
        the lines that are not the article ("aside": a caption, byline or chrome line)."""
        row = self._one(sql.DOCUMENT_ROWID, (doc_id,))
        if row is None:
            raise _unknown_document(doc_id)
        doc = row["doc"]
        spans = [
            Span(r["start"], r["end"], r["kind"], r["label"])
            for r in self._rows(sql.SPAN_MENTIONS, (doc,))
        ]
        spans += [
            Span(r["start"], r["end"], "quote", r["label"])
            for r in self._rows(sql.SPAN_QUOTES, (doc,))
        ]
        spans += [
            Span(r["start"], r["end"], "date", r["label"])
            for r in self._rows(sql.SPAN_DATES, (doc,))
        ]
        spans += [
            Span(r["start"], r["end"], "aside", r["label"])
            for r in self._rows(sql.SPAN_ASIDES, (doc,))
        ]
        spans.sort(key=lambda s: (s.start, -s.end))
        return spans


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is a statement stopped by ``Reader.interrupt`` (not a damaged index)."""
    return isinstance(exc, sqlite3.OperationalError) and str(exc) == "interrupted"


def _casefold(value: str | None) -> str | None:
    return None if value is None else value.casefold()


def _full(rows: list, limit: int | None) -> bool:
    return limit is not None and len(rows) >= limit


def _unknown_document(doc_id: str) -> UsageError:
    return UsageError(f"unknown document id: {doc_id!r} (see `explorer docs`)")


def _document(r: dict) -> Document:
    return Document(
        id=r["id"],
        path=r["path"],
        title=r["title"],
        date=r["date"],
        date_source=r["date_source"],
        source=r["source"],
        words=r["words"],
        url=r["url"],
        events=r["events"],
        quotes=r["quotes"],
        entities=r["entities"],
        author=r["author"],
        place=r["place"],
        date_confidence=r["date_confidence"],
        date_evidence=tuple(json.loads(r["date_evidence"])) if r["date_evidence"] else (),
    )


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
