"""A corpus folder and its index, queried through one object (see ``explorer.api``).

This is the read side every front end shares: the command line, the app and notebooks ask a
``Corpus`` and get the same records. It knows SQL and the lookup structures, nothing of
terminals or widgets.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date as _date
from datetime import timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

from explorer import index as store
from explorer.errors import UsageError
from explorer.index import build
from explorer.index.lookup import NameIndex
from explorer.records import (
    ENTITY_KINDS,
    PERSON,
    PLACE,
    Document,
    Entity,
    Event,
    Quote,
    Span,
    Stats,
)

_DOC_COLUMNS = (
    "d.id, d.file, d.title, d.date, d.date_source, d.source, d.words, d.url,"
    " d.n_events, d.n_quotes, d.n_entities"
)
_WORD = re.compile(r"\w+", re.UNICODE)
# Timeline order after "unresolved last" (see Corpus._timeline_rows).
# t.doc_date equals d.date (copied at index time) so that times_order serves the sort.
_TIMELINE_ORDER = "t.first_day, t.last_day, t.doc_date, d.id, t.start"
# Events spanning more than a year (decade, century): the partial index times_long holds them.
_LONG_SPAN = "julianday(t.last_day) - julianday(t.first_day) > 366"
_LONG_SPAN_DAYS = timedelta(days=367)
# Cost of testing one event for an entity while walking, relative to reading one of its
# documents' events (calibrated at 1M documents, see Corpus._few_docs).
_WALK_COST = 2


def parse_day(value: str, option: str) -> str:
    """Check a --since/--until value; partial dates mean their first day ("2021-08")."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value)
    if not m:
        raise UsageError(f"{option}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _date(year, month, day).isoformat()
    except ValueError as exc:
        raise UsageError(f"{option}: {value!r} is not a calendar date ({exc})") from None


def _until_day(value: str, option: str) -> str:
    """An --until bound covers the whole period it names: 2021-08 runs to 2021-08-31."""
    first = parse_day(value, option)
    parts = value.strip().split("-")
    if len(parts) == 3:
        return first
    year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else 12
    nxt = _date(year + (month == 12), month % 12 + 1, 1)
    return _date.fromordinal(nxt.toordinal() - 1).isoformat()


class Corpus:
    """One corpus and its index. Reads are thread-safe: each thread gets its own connection."""

    def __init__(self, root: Path, index_path: Path) -> None:
        self.root = root
        self.index_path = index_path
        self.name = root.name or str(root)
        self._local = threading.local()
        self._lock = threading.RLock()
        self._names: NameIndex | None = None
        self._vocab: tuple[list[str], set[str]] | None = None
        self._connections: list[sqlite3.Connection] = []
        self.report: build.BuildReport | None = None

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        index: str | Path | None = None,
        *,
        update: bool = True,
        rebuild: bool = False,
        progress: Callable[[int, int], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> Corpus:
        """Open the corpus at ``path``, bringing its index up to date unless ``update`` is off."""
        root = Path(path).expanduser()
        if not root.exists():
            raise UsageError(f"corpus folder not found: {root}")
        if not root.is_dir():
            raise UsageError(f"corpus must be a folder, not a file: {root}")
        root = root.resolve()
        index_path = Path(index).expanduser() if index else store.default_index_path(root)
        if index_path.is_dir():
            raise UsageError(f"--index must be a file path, not a folder: {index_path}")
        if rebuild:
            store.remove(index_path)
        corpus = cls(root, index_path)
        if update or not index_path.exists():
            corpus.report = corpus._update(progress, warn)
        return corpus

    @staticmethod
    def index_ready(path: str | Path, index: str | Path | None = None) -> bool:
        """True when the corpus has an index of this version: it can be shown before updating.

        The app uses it to paint what is already indexed at once and catch up with changed
        files in the background (a no-change check alone walks a million files: seconds).
        """
        root = Path(path).expanduser()
        if not root.is_dir():
            return False
        index_path = Path(index).expanduser() if index else store.default_index_path(root)
        return store.is_current(index_path)

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> build.BuildReport:
        """Bring the index up to date while readers keep reading (WAL); returns what changed."""
        return self._adopt(self._update(progress, warn))

    def refresh_isolated(
        self,
        started: Callable[[subprocess.Popen], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> build.BuildReport:
        """``refresh()`` in a child process (``explorer index``), at a lower CPU priority.

        The app uses this: walking a million files in-process would hold the interpreter lock
        and the memory of the walk while the user types. ``started`` receives the process, so
        the caller can stop it; stopping it is safe, as the index commits whole files only.
        """
        cmd = [sys.executable, "-m", "explorer.cli", "index", "--json",
               "--corpus", str(self.root), "--index", str(self.index_path)]  # fmt: skip
        nice = shutil.which("nice")
        if nice:
            cmd = [nice, "-n", "5", *cmd]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        if started:
            started(proc)
        out, err = proc.communicate()
        for line in err.splitlines():
            if warn and line.strip():
                warn(line.removeprefix("explorer: "))
        if proc.returncode != 0:
            raise UsageError(err.strip().splitlines()[-1] if err.strip() else "indexing failed")
        summary = json.loads(out.splitlines()[-1])
        return self._adopt(
            build.BuildReport(
                scanned=summary["files_scanned"],
                added=summary["files_added"],
                changed=summary["files_changed"],
                removed=summary["files_removed"],
                unchanged=summary["files_unchanged"],
                documents=summary["documents_extracted"],
            )
        )

    def _adopt(self, report: build.BuildReport) -> build.BuildReport:
        """Keep an update's report; drop lookup caches built from what it changed."""
        self.report = report
        if report.extracted_files or report.removed:
            with self._lock:
                self._names = None
                self._vocab = None
        return report

    def _update(
        self, progress: Callable[[int, int], None] | None, warn: Callable[[str], None] | None
    ) -> build.BuildReport:
        for attempt in (1, 2):
            conn = store.open_index(self.index_path, notice=warn)
            try:
                return build.update(conn, self.root, progress=progress, warn=warn)
            except sqlite3.DatabaseError as exc:
                conn.close()
                if attempt == 2:
                    raise
                if warn:
                    warn(
                        f"index {self.index_path} is unusable ({exc}); rebuilding it from the corpus"
                    )
                store.remove(self.index_path)
            finally:
                conn.close()
        raise AssertionError("unreachable")

    @property
    def _db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if not self.index_path.exists():
                raise UsageError(f"no index at {self.index_path}: run `explorer index` first")
            conn = store.connect(self.index_path, readonly=True)
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- documents ---------------------------------------------------------------------------

    def stats(self) -> Stats:
        db = self._db
        docs, events, quotes = db.execute(
            "SELECT count(*), coalesce(sum(n_events), 0), coalesce(sum(n_quotes), 0) FROM documents"
        ).fetchone()
        (entities,) = db.execute("SELECT count(*) FROM entities").fetchone()
        return Stats(docs, events, quotes, entities)

    def documents(
        self,
        entity: int | str | None = None,
        query: str | None = None,
        sort: str = "date",
        limit: int | None = None,
    ) -> list[Document]:
        """Documents, optionally those mentioning an entity and/or matching words; by date or title.

        ``limit`` keeps a first screenful cheap on a large corpus (a million rows otherwise).
        """
        order = {
            "date": "d.date IS NULL, d.date, d.title",
            "-date": "d.date IS NULL, d.date DESC, d.title",
            "title": "d.title COLLATE NOCASE",
        }.get(sort)
        if order is None:
            raise UsageError(f"sort: expected date, -date or title, got {sort!r}")
        where, params = [], []
        if entity is not None:
            ids = self._entity_ids(entity)
            where.append(
                f"d.rowid IN (SELECT doc FROM doc_entities WHERE entity IN ({_marks(ids)}))"
            )
            params.extend(ids)
        if query and query.strip():
            match = self._fts_query(query, vocab=False)
            if not match:
                return []
            where.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)")
            params.append(match)
        sql = f"SELECT {_DOC_COLUMNS} FROM documents d"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_document(row) for row in self._db.execute(sql, params)]

    def document(self, doc_id: str) -> Document:
        row = self._db.execute(
            f"SELECT {_DOC_COLUMNS} FROM documents d WHERE d.id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise UsageError(f"unknown document id: {doc_id!r} (see `explorer docs`)")
        return _document(row)

    def text(self, doc_id: str) -> str:
        row = self._db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise UsageError(f"unknown document id: {doc_id!r} (see `explorer docs`)")
        return row[0]

    # -- timeline ----------------------------------------------------------------------------

    def timeline(
        self,
        entity: int | str | None = None,
        since: str | None = None,
        until: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[Event]:
        """Dated events in date order, unresolved ones last; filters combine."""
        since_day = parse_day(since, "--since") if since else None
        until_day = _until_day(until, "--until") if until else None
        ids = self._entity_ids(entity) if entity is not None else None
        rows = self._timeline_rows(since_day, until_day, doc, ids, limit)
        names = self._sentence_entities({(r[12], r[7], r[8]) for r in rows})
        events = []
        for r in rows:
            people, places = names.get((r[12], r[7], r[8]), ([], []))
            events.append(
                Event(
                    doc=r[0],
                    date=r[1],
                    precision=r[2],
                    expression=r[3],
                    expr_start=r[4],
                    expr_end=r[5],
                    text=r[6],
                    start=r[7],
                    end=r[8],
                    people=people,
                    places=places,
                    value=r[9],
                    doc_date=r[10],
                    doc_title=r[11],
                )
            )
        return _corroborate(events)

    def _timeline_rows(
        self,
        since_day: str | None,
        until_day: str | None,
        doc: str | None,
        ids: list[int] | None,
        limit: int | None,
    ) -> list[tuple]:
        """Event rows in timeline order, by the plan that reads the fewest rows.

        One SQL statement can't serve every filter at a million documents: SQLite would walk
        ``times`` from the start of time up to ``--until`` and sort all of it. So an entity
        named in few documents (or one document) is read from its documents, and every other
        query is a few walks of the ``times_order`` index (the timeline order itself) that stop
        at ``limit``: first the events that began before ``--since`` and still run on it (those
        spanning over a year from the partial index ``times_long``, then one seek per start day
        of multi-day events in the year before), then the events from ``--since`` on.
        """
        base = ["t.type IN ('DATE', 'TIME')"]
        params: list[object] = []
        if doc is not None:
            base.append("d.id = ?")
            params.append(doc)
        if ids is not None:
            base.append(
                "EXISTS (SELECT 1 FROM mentions m JOIN doc_entities de"
                " ON de.doc = m.doc AND de.local = m.local"
                " WHERE m.doc = t.doc AND m.start >= t.sent_start AND m.end <= t.sent_end"
                f" AND de.entity IN ({_marks(ids)}))"
            )
            params.extend(ids)
        db = self._db
        rows: list[tuple] = []

        def run(extra: list[str], extra_params: list[object], order: str) -> list[tuple]:
            sql = (
                "SELECT d.id, t.date, t.precision, t.expression, t.start, t.end,"
                " substr(d.text, t.sent_start + 1, t.sent_end - t.sent_start), t.sent_start,"
                " t.sent_end, t.value, d.date, d.title, t.doc"
                " FROM times t JOIN documents d ON d.rowid = t.doc"
                f" WHERE {' AND '.join(base + extra)} ORDER BY {order}"
            )
            if limit is not None:
                sql += f" LIMIT {int(limit) - len(rows)}"
            return db.execute(sql, params + extra_params).fetchall()

        def full() -> bool:
            return limit is not None and len(rows) >= limit

        if doc is not None or (ids is not None and self._few_docs(ids, limit)):
            # '+' keeps SQLite off the date indexes: the rows come from the documents.
            extra, extra_params = [], []
            if since_day:
                extra.append("+t.last_day >= ?")
                extra_params.append(since_day)
            if until_day:
                extra.append("+t.first_day <= ?")
                extra_params.append(until_day)
            if ids is not None and doc is None:
                extra.append(
                    f"t.doc IN (SELECT doc FROM doc_entities WHERE entity IN ({_marks(ids)}))"
                )
                extra_params.extend(ids)
            return run(extra, extra_params, "t.first_day IS NULL, " + _TIMELINE_ORDER)
        if ids is not None:
            # Walking: test the document against the entity's documents (one lookup in a set
            # SQLite builds once) before the sentence-level test, which joins two tables.
            base.insert(
                1, f"+t.doc IN (SELECT doc FROM doc_entities WHERE entity IN ({_marks(ids)}))"
            )
            params[:0] = ids
        upper = (["t.first_day <= ?"], [until_day]) if until_day else ([], [])
        if since_day:
            lo = (_date.fromisoformat(since_day) - _LONG_SPAN_DAYS).isoformat()
            # Began over a year before --since and still running: only spans over a year.
            rows += run(
                [_LONG_SPAN, "t.first_day < ?", "t.last_day >= ?"], [lo, since_day], _TIMELINE_ORDER
            )
            # Began in the year before --since: few distinct start days (weeks, months, years).
            day, op = lo, ">="
            while not full():
                nxt = db.execute(
                    "SELECT first_day FROM times WHERE first_day < last_day"
                    f" AND first_day {op} ? AND first_day < ? ORDER BY first_day LIMIT 1",
                    (day, since_day),
                ).fetchone()
                if nxt is None:
                    break
                day, op = nxt[0], ">"
                rows += run(
                    ["t.first_day = ?", "t.last_day >= ?"], [day, since_day], _TIMELINE_ORDER
                )
            if not full():
                rows += run(
                    ["t.first_day >= ?", *upper[0]], [since_day, *upper[1]], _TIMELINE_ORDER
                )
            return rows
        rows += run(["t.first_day IS NOT NULL", *upper[0]], upper[1], _TIMELINE_ORDER)
        if not until_day and not full():
            rows += run(["t.first_day IS NULL"], [], "t.doc_date, d.id, t.start")
        return rows

    def _few_docs(self, ids: list[int], limit: int | None) -> bool:
        """Whether reading an entity's documents beats walking events in date order.

        Walking stops after ``limit`` matches, about ``limit / share`` events where ``share``
        is the entity's share of events (well below its share of documents: it must be named
        in the event's sentence); reading its documents costs 10-20 µs a document. Measured at
        1M documents, limit 100, both take ~100 ms at ~6,000 documents (0.6%); below that
        reading documents wins, above it walking does (the walk tests the document in the
        ``times_order`` index itself, ~100-150 ms for any frequent entity at 1M).
        """
        if limit is None:
            return True
        db = self._db
        (docs,) = db.execute(
            f"SELECT coalesce(sum(docs), 0) FROM entities WHERE id IN ({_marks(ids)})", ids
        ).fetchone()
        n_docs = db.execute("SELECT coalesce(max(rowid), 0) FROM documents").fetchone()[0] or 1
        n_times = db.execute("SELECT coalesce(max(rowid), 0) FROM times").fetchone()[0] or 1
        per_doc = max(1.0, n_times / n_docs)
        return docs * docs <= _WALK_COST * max(1, limit) * n_docs / per_doc

    def _sentence_entities(
        self, spans: set[tuple[int, int, int]]
    ) -> dict[tuple[int, int, int], tuple[list[str], list[str]]]:
        """People and places named inside each (doc, start, end) span."""
        by_doc: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for doc, start, end in spans:
            by_doc[doc].append((start, end))
        out: dict[tuple[int, int, int], tuple[list[str], list[str]]] = {}
        db = self._db
        for doc, ranges in by_doc.items():
            mentions = db.execute(
                "SELECT m.start, m.end, coalesce(e.name, de.name), de.kind FROM mentions m"
                " JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
                " LEFT JOIN entities e ON e.id = de.entity WHERE m.doc = ? ORDER BY m.start",
                (doc,),
            ).fetchall()
            for start, end in ranges:
                people: list[str] = []
                places: list[str] = []
                for m_start, m_end, name, kind in mentions:
                    if m_start >= start and m_end <= end:
                        bucket = people if kind == PERSON else places if kind == PLACE else None
                        if bucket is not None and name not in bucket:
                            bucket.append(name)
                out[(doc, start, end)] = (people, places)
        return out

    # -- quotes ------------------------------------------------------------------------------

    def quotes(
        self,
        query: str | None = None,
        speaker: str | None = None,
        entity: int | str | None = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[Quote]:
        """Quotes matching words (typo-tolerant), a speaker (fuzzy, aliases included), an entity."""
        where: list[str] = []
        params: list[object] = []
        rank = "NULL"
        if query and query.strip():
            match = self._fts_query(query, vocab=True)
            if not match:
                return []
            # FTS5 drives the query and scores in C; a per-row bm25 subquery and the FTS rowid
            # list as an IN set cost seconds for a common word at a million quotes.
            where.append("quotes_fts MATCH ?")
            params.append(match)
            rank = "bm25(quotes_fts)"
        if speaker and speaker.strip():
            clause, extra = self._speaker_clause(speaker)
            if not clause:
                return []
            where.append(clause)
            params.extend(extra)
        if entity is not None:
            ids = self._entity_ids(entity)
            marks = _marks(ids)
            where.append(
                f"(de.entity IN ({marks}) OR EXISTS (SELECT 1 FROM mentions m JOIN doc_entities x"
                " ON x.doc = m.doc AND x.local = m.local WHERE m.doc = q.doc"
                f" AND m.start >= q.start AND m.end <= q.end AND x.entity IN ({marks})))"
            )
            # Implied by the clause above; lets SQLite start from the entity's documents
            # instead of testing every quote of the corpus.
            where.append(f"q.doc IN (SELECT doc FROM doc_entities WHERE entity IN ({marks}))")
            params.extend(ids + ids + ids)
        if doc is not None:
            where.append("d.id = ?")
            params.append(doc)
        top: dict[int, float] | None = None
        if rank != "NULL" and limit is not None and len(where) == 1:
            # Words alone (the search bar): rank in FTS5 only, then read just the winners.
            top = self._top_quotes(params[0], int(limit))
            if not top:
                return []
            where, params, rank = [f"q.rowid IN ({_marks(list(top))})"], list(top), "NULL"
        sql = (
            # The corpus-wide name when the speaker is the entity itself ("Kabil" -> "Kabul");
            # a role stays a role ("a Taliban spokesman" is not "Taliban").
            "SELECT d.id, q.text, q.start, q.end,"
            " CASE WHEN de.name = q.speaker THEN coalesce(e.name, q.speaker) ELSE q.speaker END,"
            " q.speaker_mention,"
            " q.speaker_start, q.speaker_end, q.cue, q.fragment, de.entity, d.date, d.title,"
            f" q.fingerprint, {rank} AS rank"
            + (
                " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
                if rank != "NULL"
                else " FROM quotes q"
            )
            + " JOIN documents d ON d.rowid = q.doc"
            " LEFT JOIN doc_entities de ON de.doc = q.doc AND de.local = q.speaker_local"
            " LEFT JOIN entities e ON e.id = de.entity"
        )
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            " ORDER BY "
            + ("rank, " if rank != "NULL" else "")
            + "d.date IS NULL, d.date, d.id, q.start"
        )
        if limit is not None and top is None:
            sql += " LIMIT ?"
        if top is not None:
            rows = [
                (*r[:14], top[r[15]])
                for r in self._db.execute(sql.replace(" AS rank", " AS rank, q.rowid"), params)
            ]
            rows.sort(key=lambda r: (r[14], r[11] is None, r[11] or "", r[0], r[2]))
            rows = rows[: int(limit or 0)]
        else:
            rows = self._db.execute(
                sql, params + ([int(limit)] if limit is not None else [])
            ).fetchall()
        # Documents sharing each quote, counted for the rows returned only (not every match).
        shared = self._quote_docs({r[13] for r in rows})
        return [
            Quote(
                doc=r[0],
                text=r[1],
                start=r[2],
                end=r[3],
                speaker=r[4],
                speaker_mention=r[5],
                speaker_start=r[6],
                speaker_end=r[7],
                cue=r[8],
                fragment=bool(r[9]),
                speaker_id=r[10],
                doc_date=r[11],
                doc_title=r[12],
                docs=shared.get(r[13], 1),
                score=None if r[14] is None else round(-float(r[14]), 3),
            )
            for r in rows
        ]

    def _top_quotes(self, match: str, limit: int) -> dict[int, float]:
        """Row ids and bm25 of the best ``limit`` quotes for an FTS query, ties at the cut kept.

        Ranking inside FTS5 alone costs a few µs per match; joining every match to its quote
        and document first, as one statement would, costs five times that. Rows tied with the
        last one kept are all returned, so the date order that breaks ties stays exact.
        """
        k = limit + 32
        while True:
            found = self._db.execute(
                "SELECT rowid, bm25(quotes_fts) AS r FROM quotes_fts WHERE quotes_fts MATCH ?"
                " ORDER BY r LIMIT ?",
                (match, k),
            ).fetchall()
            if len(found) < k or limit == 0 or found[-1][1] > found[min(limit, k) - 1][1]:
                return dict(found)
            k *= 4

    def _quote_docs(self, fingerprints: set[str]) -> dict[str, int]:
        """How many documents carry each quote fingerprint."""
        out: dict[str, int] = {}
        items = list(fingerprints)
        for chunk in _chunks(items, 500):
            out.update(
                self._db.execute(
                    "SELECT fingerprint, count(DISTINCT doc) FROM quotes"
                    f" WHERE fingerprint IN ({_marks(chunk)}) GROUP BY fingerprint",
                    chunk,
                ).fetchall()
            )
        return out

    def _speaker_clause(self, speaker: str) -> tuple[str, list[object]]:
        """Quotes whose speaker is an entity matching ``speaker``, or whose role text does."""
        ids = [e.id for e in self.find(speaker, limit=5) if (e.score or 0) >= 80]
        strings = self._db.execute(
            "SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL"
        ).fetchall()
        wanted = speaker.casefold()
        close = [
            s
            for (s,) in strings
            if wanted in s.casefold() or fuzz.token_set_ratio(wanted, s.casefold()) >= 85
        ]
        parts = []
        params: list[object] = []
        if ids:
            parts.append(f"de.entity IN ({_marks(ids)})")
            params.extend(ids)
        if close:
            parts.append(f"q.speaker IN ({_marks(close)})")
            params.extend(close)
        return ("(" + " OR ".join(parts) + ")" if parts else ""), params

    def _fts_query(self, query: str, *, vocab: bool) -> str:
        """An FTS5 query for what the user typed: every word must match, typos forgiven.

        A word not in the quote vocabulary is replaced by the OR of the close words that are,
        and the last word also matches as a prefix because the user may still be typing.
        """
        words = [w.casefold() for w in _WORD.findall(query)]
        if not words:
            return ""
        terms = []
        vocabulary = self._vocabulary() if vocab else None
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

    def _vocabulary(self) -> tuple[list[str], set[str]]:
        """The words of all quotes, loaded once: typo candidates come from here."""
        with self._lock:
            if self._vocab is None:
                terms = [r[0] for r in self._db.execute("SELECT term FROM quotes_vocab")]
                self._vocab = (terms, set(terms))
            return self._vocab

    # -- entities ----------------------------------------------------------------------------

    def entities(self, kind: str | None = None, doc: str | None = None) -> list[Entity]:
        where, params = [], []
        if kind:
            _check_kind(kind)
            where.append("e.kind = ?")
            params.append(kind)
        if doc is not None:
            self.document(doc)
            where.append(
                "e.id IN (SELECT de.entity FROM doc_entities de JOIN documents d"
                " ON d.rowid = de.doc WHERE d.id = ?)"
            )
            params.append(doc)
        sql = "SELECT e.id FROM entities e"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY e.mentions DESC, e.name"
        ids = [r[0] for r in self._db.execute(sql, params)]
        return self._entity_records(ids)

    def entity(self, entity_id: int) -> Entity:
        found = self._entity_records([entity_id])
        if not found:
            raise UsageError(f"unknown entity id: {entity_id}")
        return found[0]

    def find(self, query: str, kind: str | None = None, limit: int = 10) -> list[Entity]:
        """Entities for what a person types: typos, prefixes, missing spaces, best first."""
        if kind:
            _check_kind(kind)
        if not query.strip():
            return []
        hits = self.name_index().search(query, kind=kind, limit=limit)
        records = {e.id: e for e in self._entity_records([i for i, _ in hits])}
        return [
            dataclasses.replace(records[entity_id], score=round(float(score), 1))
            for entity_id, score in hits
            if entity_id in records
        ]

    def name_index(self) -> NameIndex:
        """The fuzzy lookup structure, built on first use (the app does that in a worker)."""
        with self._lock:
            if self._names is None:
                self._names = NameIndex.load(self._db)
            return self._names

    def _entity_records(self, ids: Iterable[int]) -> list[Entity]:
        ids = list(ids)
        if not ids:
            return []
        db = self._db
        rows: dict[int, tuple] = {}
        aliases: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks(ids, 500):
            marks = _marks(chunk)
            for r in db.execute(
                f"SELECT id, name, kind, mentions, docs, lat, lon FROM entities WHERE id IN ({marks})",
                chunk,
            ):
                rows[r[0]] = r
            for entity_id, alias in db.execute(
                f"SELECT entity, alias FROM aliases WHERE entity IN ({marks}) ORDER BY alias", chunk
            ):
                aliases[entity_id].append(alias)
        return [
            Entity(
                id=r[0],
                name=r[1],
                kind=r[2],
                aliases=aliases.get(r[0], []),
                mentions=r[3],
                docs=r[4],
                lat=r[5],
                lon=r[6],
            )
            for r in (rows.get(i) for i in ids)
            if r is not None
        ]

    def _entity_ids(self, entity: int | str) -> list[int]:
        """An entity filter given as an id or as a name (the best fuzzy match, and its kin)."""
        if isinstance(entity, int) or (isinstance(entity, str) and entity.strip().isdigit()):
            return [int(entity)]
        hits = self.find(str(entity), limit=1)
        if not hits:
            raise UsageError(f"no person, place or organisation matches {entity!r}")
        return [hits[0].id]

    # -- the reader --------------------------------------------------------------------------

    def spans(self, doc_id: str) -> list[Span]:
        """Every highlight of a document, in text order: entity mentions, quotes, dates."""
        db = self._db
        row = db.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise UsageError(f"unknown document id: {doc_id!r} (see `explorer docs`)")
        doc = row[0]
        spans = [
            Span(s, e, kind, name)
            for s, e, name, kind in db.execute(
                "SELECT m.start, m.end, coalesce(x.name, de.name), de.kind FROM mentions m"
                " JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
                " LEFT JOIN entities x ON x.id = de.entity WHERE m.doc = ?",
                (doc,),
            )
        ]
        spans += [
            Span(s, e, "quote", speaker or "")
            for s, e, speaker in db.execute(
                "SELECT start, end, speaker FROM quotes WHERE doc = ?", (doc,)
            )
        ]
        spans += [
            Span(s, e, "date", value or "unresolved")
            for s, e, value in db.execute(
                "SELECT start, end, value FROM times WHERE doc = ? AND type IN ('DATE', 'TIME')",
                (doc,),
            )
        ]
        spans.sort(key=lambda s: (s.start, -s.end))
        return spans


def _document(r: tuple) -> Document:
    return Document(
        id=r[0],
        path=r[1],
        title=r[2],
        date=r[3],
        date_source=r[4],
        source=r[5],
        words=r[6],
        url=r[7],
        events=r[8],
        quotes=r[9],
        entities=r[10],
    )


def _corroborate(events: list[Event]) -> list[Event]:
    """The events with ``corroborating_docs``: documents reporting one on the same day in
    similar words."""
    by_date: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e.date and e.precision == "day":
            by_date[e.date].append(i)
    out = list(events)
    for group in by_date.values():
        if len(group) < 2 or len(group) > 200:
            continue
        for i in group:
            e = events[i]
            docs = {e.doc}
            for j in group:
                other = events[j]
                if other.doc not in docs and fuzz.token_set_ratio(e.text, other.text) >= 70:
                    docs.add(other.doc)
            out[i] = dataclasses.replace(e, corroborating_docs=len(docs))
    return out


def _marks(items: list) -> str:
    return ",".join("?" * len(items))


def _chunks(items: list, size: int):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _check_kind(kind: str) -> None:
    if kind not in ENTITY_KINDS:
        raise UsageError(f"kind: expected {', '.join(ENTITY_KINDS)}, got {kind!r}")


__all__ = ["Corpus", "parse_day"]
