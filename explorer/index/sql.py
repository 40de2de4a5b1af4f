"""Every statement the reader runs, in one place, with bound parameters only.

Values from a user (names, words, dates, ids) always travel as ``?`` parameters; the only text
put into a statement is written here (column lists, orders, and ``?`` marks counted from a
list), plus row limits, which are numbers by ``int()`` and go in as literals because SQLite
plans a ``LIMIT ?`` as if the count were unknown. Columns are given names (``AS ...``) because the reader reads rows by name: a column
added to a SELECT can never shift another one.

``Clause`` is a piece of a WHERE: its SQL and the parameters it binds, kept together so a filter
can never be added without its values.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Clause", "marks"]


@dataclass(frozen=True, slots=True)
class Clause:
    """A condition and the values its ``?`` marks bind, in order."""

    sql: str
    params: tuple[object, ...] = ()


def marks(items: list | tuple) -> str:
    """``?,?,?``: one parameter mark per item."""
    return ",".join("?" * len(items))


def where(clauses: list[Clause]) -> tuple[str, list[object]]:
    """`` WHERE a AND b`` (or nothing) and the parameters of every clause, in order."""
    if not clauses:
        return "", []
    params: list[object] = []
    for c in clauses:
        params.extend(c.params)
    return " WHERE " + " AND ".join(c.sql for c in clauses), params


# -- documents -------------------------------------------------------------------------------

DOCUMENT_COLUMNS = (
    "d.id AS id, d.file AS path, d.title AS title, d.date AS date, d.date_source AS date_source,"
    " d.source AS source, d.words AS words, d.url AS url, d.author AS author, d.place AS place,"
    " d.date_confidence AS date_confidence, d.date_evidence AS date_evidence,"
    " d.n_events AS events,"
    " d.n_quotes AS quotes, d.n_entities AS entities"
)
# The id last: documents of one day with one title come in one order, whichever plan reads them
# (a first page must be the start of the whole answer).
DOCUMENT_ORDER = {
    "date": "d.date IS NULL, d.date, d.title, d.id",
    "-date": "d.date IS NULL, d.date DESC, d.title, d.id",
    "title": "d.title COLLATE NOCASE, d.id",
}
# The dated documents in date order, read walking ``documents_date`` (``Reader._walking``).
DOCUMENT_WALK_ORDER = {"date": "d.date, d.title, d.id", "-date": "d.date DESC, d.title, d.id"}
DOCUMENTS = f"SELECT {DOCUMENT_COLUMNS} FROM documents d"


def documents(
    clauses: list[Clause], *, order: str, limit: int | None, walk: bool = False
) -> tuple[str, list[object]]:
    """Documents under ``clauses`` in ``order`` (a ``DOCUMENT_ORDER`` key).

    ``walk``: only the dated ones, read walking ``documents_date`` in date order and stopping
    at ``limit`` (``Reader._walked``): for a frequent name, rather than sorting all of its
    documents."""
    if walk:
        w, params = where([Clause("d.date IS NOT NULL"), *clauses])
        sql = f"{DOCUMENTS} INDEXED BY documents_date{w} ORDER BY {DOCUMENT_WALK_ORDER[order]}"
    else:
        w, params = where(clauses)
        sql = f"{DOCUMENTS}{w} ORDER BY {DOCUMENT_ORDER[order]}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"  # a literal: see events()
    return sql, params


DOCUMENT_BY_ID = f"SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?"
DOCUMENT_ROWID = "SELECT rowid AS doc FROM documents WHERE id = ?"
DOCUMENT_TEXT = "SELECT text FROM documents WHERE id = ?"
DOCUMENT_TEXTS = "SELECT id, date, text FROM documents ORDER BY id"
STATS = (
    "SELECT count(*) AS documents, coalesce(sum(n_events), 0) AS events,"
    " coalesce(sum(n_quotes), 0) AS quotes, (SELECT count(*) FROM entities) AS entities"
    " FROM documents"
)
DOCUMENT_COUNT = "SELECT coalesce(max(rowid), 0) AS n FROM documents"
TIMES_COUNT = "SELECT coalesce(max(rowid), 0) AS n FROM times"
FTS_DOCUMENTS_COUNT = (
    "SELECT count(*) AS n FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH ? LIMIT ?)"
)


def document_has_entity(entity: int) -> Clause:
    """The document names the entity."""
    return Clause("d.rowid IN (SELECT doc FROM doc_entities WHERE entity = ?)", (entity,))


def document_matches(match: str) -> Clause:
    """The document's title or text matches an FTS5 query."""
    return Clause(
        "d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", (match,)
    )


def document_dated(since: str | None, until: str | None) -> list[Clause]:
    """The document's date (a quote's: its document's) falls in [since, until]; undated
    documents are left out."""
    out = []
    if since:
        out.append(Clause("d.date >= ?", (since,)))
    if until:
        out.append(Clause("substr(d.date, 1, 10) <= ?", (until,)))
    return out


def document_from(source: str) -> Clause:
    """The document's outlet (``source``) holds these words, case-folded: "reuters" finds
    "Reuters" and "Thomson Reuters"."""
    return Clause("instr(casefold(d.source), ?) > 0", (" ".join(source.casefold().split()),))


def in_document(doc: str) -> Clause:
    """The row belongs to the document ``doc`` (every statement here joins documents as d)."""
    return Clause("d.id = ?", (doc,))


# -- timeline --------------------------------------------------------------------------------

EVENT_COLUMNS = (
    "d.id AS doc_id, t.date AS date, t.precision AS precision, t.expression AS expression,"
    " t.start AS expr_start, t.end AS expr_end,"
    " substr(d.text, t.sent_start + 1, t.sent_end - t.sent_start) AS text,"
    " t.sent_start AS start, t.sent_end AS end, t.value AS value, d.date AS doc_date,"
    " d.title AS doc_title, t.doc AS doc, t.first_day AS _first, t.rowid AS event_row"
)
# Timeline order after "unresolved last". t.doc_date equals d.date (copied at index time), so
# the index times_order serves the sort.
TIMELINE_ORDER = "t.first_day, t.last_day, t.doc_date, d.id, t.start"
TIMELINE_ORDER_NEWEST = (
    "t.first_day DESC, t.last_day DESC, t.doc_date DESC, d.id DESC, t.start DESC"
)
UNRESOLVED_ORDER = "t.doc_date, d.id, t.start"
# Events spanning more than a year (decade, century): the partial index times_long holds them.
LONG_SPAN = Clause("julianday(t.last_day) - julianday(t.first_day) > 366")
ON_TIMELINE = Clause("t.type IN ('DATE', 'TIME')")
RESOLVED = Clause("t.first_day IS NOT NULL")
UNRESOLVED = Clause("t.first_day IS NULL")
NEXT_SPAN_START = (
    "SELECT first_day FROM times WHERE first_day < last_day"
    " AND first_day {op} ? AND first_day < ? ORDER BY first_day LIMIT 1"
)
ENTITY_DOCS = "SELECT coalesce(sum(docs), 0) AS n FROM entities WHERE id IN ({marks})"
# The mentions inside (doc, lo, hi) ranges, the events' sentences they are asked for; "{spans}"
# is a list of "(?, ?, ?)", one per document.
SENTENCE_MENTIONS_OF = (
    "WITH spans(doc, lo, hi) AS (VALUES {spans})"
    " SELECT m.doc, m.start, m.end, coalesce(e.name, de.name), de.kind"
    " FROM spans JOIN mentions m ON m.doc = spans.doc AND m.start >= spans.lo"
    " AND m.start < spans.hi"
    " JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
    " LEFT JOIN entities e ON e.id = de.entity"
    " ORDER BY m.doc, m.start"
)


def events(clauses: list[Clause], order: str, limit: int | None) -> tuple[str, list[object]]:
    """Timeline events under ``clauses`` in ``order``, at most ``limit``."""
    w, params = where(clauses)
    sql = f"SELECT {EVENT_COLUMNS} FROM times t JOIN documents d ON d.rowid = t.doc{w} ORDER BY {order}"
    if limit is not None:
        # A literal, not a parameter: with "LIMIT ?" SQLite plans for an unknown row count and
        # took twice as long over the times_order index (measured on Reuters). int() makes
        # it a number whatever the caller passed.
        sql += f" LIMIT {int(limit)}"
    return sql, params


def event_names_entity(entity: int) -> Clause:
    """The entity is mentioned inside the event's sentence."""
    return Clause(
        "EXISTS (SELECT 1 FROM mentions m JOIN doc_entities de"
        " ON de.doc = m.doc AND de.local = m.local"
        # "m.start < sent_end" bounds the primary key's range to the sentence (with only
        # "m.end <=" it ran on to the document's end: 10% of a frequent name's timeline)
        " WHERE m.doc = t.doc AND m.start >= t.sent_start AND m.start < t.sent_end"
        " AND m.end <= t.sent_end"
        " AND de.entity = ?)",
        (entity,),
    )


def event_in_entity_docs(entity: int, *, walking: bool) -> Clause:
    """The event's document names the entity: a cheap test before the sentence-level one.

    ``walking``: the unary ``+`` keeps SQLite on the timeline-order index (a walk that stops at
    the limit) instead of starting from the entity's documents.
    """
    prefix = "+" if walking else ""
    return Clause(f"{prefix}t.doc IN (SELECT doc FROM doc_entities WHERE entity = ?)", (entity,))


def event_in_matching_docs(match: str) -> Clause:
    """The event's document matches an FTS5 query (its sentence is then tested for the words)."""
    return Clause(
        "t.doc IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)", (match,)
    )


def event_sentence_has(needle: str) -> Clause:
    """The event's sentence holds ``needle`` (case-folded; ``casefold`` is registered per
    connection by the reader, as SQLite's own ``lower`` folds ASCII only)."""
    return Clause(
        "instr(casefold(substr(d.text, t.sent_start + 1, t.sent_end - t.sent_start)), ?) > 0",
        (needle,),
    )


def event_overlaps(since: str | None, until: str | None, *, from_documents: bool) -> list[Clause]:
    """The event's period overlaps [since, until]; ``from_documents``: the rows come from the
    documents, so ``+`` keeps SQLite off the date indexes."""
    p = "+" if from_documents else ""
    out = []
    if since:
        out.append(Clause(f"{p}t.last_day >= ?", (since,)))
    if until:
        out.append(Clause(f"{p}t.first_day <= ?", (until,)))
    return out


# -- quotes ----------------------------------------------------------------------------------

# The corpus-wide name when the speaker is the entity itself ("Kabil" -> "Kabul"); a role stays
# a role ("a Taliban spokesman" is not "Taliban").
QUOTE_COLUMNS = (
    "d.id AS doc, q.text AS text, q.display AS display, q.parts AS parts,"
    " q.start AS start, q.end AS end,"
    " CASE WHEN de.name = q.speaker THEN coalesce(e.name, q.speaker) ELSE q.speaker END AS speaker,"
    " q.speaker_mention AS speaker_mention, q.speaker_start AS speaker_start,"
    " q.speaker_end AS speaker_end, q.cue AS cue, q.fragment AS fragment,"
    " de.entity AS speaker_id, d.date AS doc_date, d.title AS doc_title,"
    " q.fingerprint AS fingerprint, q.rowid AS quote_row"
)
QUOTE_DOCUMENT_JOIN = " JOIN documents d ON d.rowid = q.doc"
QUOTE_SPEAKER_JOINS = (
    " LEFT JOIN doc_entities de ON de.doc = q.doc AND de.local = q.speaker_local"
    " LEFT JOIN entities e ON e.id = de.entity"
)
QUOTE_JOINS = QUOTE_DOCUMENT_JOIN + QUOTE_SPEAKER_JOINS
QUOTE_DATE_ORDER = "d.date IS NULL, d.date, d.id, q.start"
QUOTE_WALK_ORDER = "d.date, d.id, q.start"  # the dated ones only: see quotes(walk=True)
QUOTE_SPEAKERS = "SELECT DISTINCT speaker FROM quotes WHERE speaker IS NOT NULL"
QUOTE_VOCABULARY = "SELECT term FROM quotes_vocab"
TOP_QUOTES = (
    "SELECT rowid AS quote_row, bm25(quotes_fts) AS rank FROM quotes_fts"
    " WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?"
)


def quotes(
    clauses: list[Clause], *, ranked: bool, limit: int | None, walk: bool = False
) -> tuple[str, list[object]]:
    """Quotes under ``clauses``; ``ranked``: the clauses hold an FTS5 match and the best come
    first (bm25), ties and the rest by date.

    ``walk``: the dated documents are read in date order (``documents_date``) and the query
    stops at ``limit``; only quotes of dated documents (the undated come after them, asked
    apart). A first page of a frequent name's quotes: SQLite otherwise gathers and sorts all
    of them (200 of the most named entity's at 200k documents: 16 ms walking, 213 sorting)."""
    if walk:
        clauses = [Clause("d.date IS NOT NULL"), *clauses]
    w, params = where(clauses)
    if ranked:
        source = " FROM quotes_fts JOIN quotes q ON q.rowid = quotes_fts.rowid"
    elif walk:
        source = " FROM documents d INDEXED BY documents_date JOIN quotes q ON q.doc = d.rowid"
    else:
        source = " FROM quotes q"
    rank = "bm25(quotes_fts)" if ranked else "NULL"
    order = ("rank, " if ranked else "") + (QUOTE_WALK_ORDER if walk else QUOTE_DATE_ORDER)
    joins = QUOTE_SPEAKER_JOINS if walk else QUOTE_JOINS  # walking, the documents lead
    sql = f"SELECT {QUOTE_COLUMNS}, {rank} AS rank{source}{joins}{w} ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"  # a literal: see events()
    return sql, params


def quote_matches(match: str) -> Clause:
    """FTS5 drives the query and scores in C; a per-row bm25 subquery and the FTS rowid list as
    an IN set cost seconds for a common word at a million quotes."""
    return Clause("quotes_fts MATCH ?", (match,))


def quote_rows(rows: list[int]) -> Clause:
    return Clause(f"q.rowid IN ({marks(rows)})", tuple(rows))


def quote_by_speaker(entity_ids: list[int], speakers: list[str]) -> Clause:
    """The speaker is one of the entities, or one of the speaker strings (roles)."""
    parts, params = [], []
    if entity_ids:
        parts.append(f"de.entity IN ({marks(entity_ids)})")
        params.extend(entity_ids)
    if speakers:
        parts.append(f"q.speaker IN ({marks(speakers)})")
        params.extend(speakers)
    return Clause("(" + " OR ".join(parts) + ")", tuple(params))


def quote_about(entity: int) -> list[Clause]:
    """The entity speaks the quote or is named inside it.

    The second clause is implied by the first; it lets SQLite start from the entity's
    documents instead of testing every quote of the corpus.
    """
    return [
        Clause(
            "(de.entity = ? OR EXISTS (SELECT 1 FROM mentions m JOIN doc_entities x"
            " ON x.doc = m.doc AND x.local = m.local WHERE m.doc = q.doc"
            " AND m.start >= q.start AND m.start < q.end AND m.end <= q.end"  # as event_names_entity
            " AND x.entity = ?))",
            (entity, entity),
        ),
        Clause("q.doc IN (SELECT doc FROM doc_entities WHERE entity = ?)", (entity,)),
    ]


def told_by(table: str, rows: list[int]) -> tuple[str, list[object]]:
    """Where the ``times`` or ``quotes`` rows with these rowids were read: document id and
    span (an event's sentence, a quote's words)."""
    span = "t.sent_start AS start, t.sent_end AS end" if table == "times" else "t.start, t.end"
    return (
        f"SELECT t.rowid AS row, d.id AS doc, {span} FROM {table} t"
        f" JOIN documents d ON d.rowid = t.doc WHERE t.rowid IN ({marks(rows)})",
        list(rows),
    )


# -- entities --------------------------------------------------------------------------------

ENTITY_ROWS = "SELECT id, name, kind, mentions, docs, lat, lon FROM entities WHERE id IN ({marks})"
ENTITY_ALIASES = "SELECT entity, alias FROM aliases WHERE entity IN ({marks}) ORDER BY alias"
ENTITY_ORDER = "e.mentions DESC, e.name"


def entities(clauses: list[Clause]) -> tuple[str, list[object]]:
    """Entity ids under ``clauses``, most mentioned first."""
    w, params = where(clauses)
    return f"SELECT e.id AS id FROM entities e{w} ORDER BY {ENTITY_ORDER}", params


PLACES_IN_CORPUS = (
    "SELECT e.id AS id, e.mentions AS mentions, e.docs AS docs FROM entities e"
    " WHERE e.kind = 'place' ORDER BY e.mentions DESC, e.id"
)


def places(doc_clauses: list[Clause]) -> tuple[str, list[object]]:
    """The places named in the documents under ``doc_clauses`` (every statement here joins
    documents as d), with their mentions and documents counted there, most mentioned first."""
    w, params = where(doc_clauses)
    return (
        "SELECT de.entity AS id, sum(de.mentions) AS mentions, count(DISTINCT de.doc) AS docs"
        " FROM doc_entities de JOIN entities e ON e.id = de.entity"
        f" WHERE e.kind = 'place' AND de.doc IN (SELECT d.rowid FROM documents d{w})"
        " GROUP BY de.entity ORDER BY mentions DESC, id"
    ), params


PLACES_OF_DOCUMENTS = (
    "SELECT de.entity AS id, de.mentions AS mentions FROM doc_entities de"
    " JOIN documents d ON d.rowid = de.doc JOIN entities e ON e.id = de.entity"
    " WHERE e.kind = 'place' AND d.id IN ({marks})"
)


def entity_of_kind(kind: str) -> Clause:
    return Clause("e.kind = ?", (kind,))


def entity_in_document(doc: str) -> Clause:
    return Clause(
        "e.id IN (SELECT de.entity FROM doc_entities de JOIN documents d"
        " ON d.rowid = de.doc WHERE d.id = ?)",
        (doc,),
    )


def mentions(
    entities: tuple[int, ...], doc: str | None, kind: str | None, limit: int | None
) -> tuple[str, list]:
    """Where names are named (of ``entities`` only, when given), in document date order, then
    in text order."""
    clauses = []
    if entities:
        clauses.append(Clause(f"de.entity IN ({marks(entities)})", tuple(entities)))
    if doc is not None:
        clauses.append(Clause("d.id = ?", (doc,)))
    if kind is not None:
        clauses.append(Clause("de.kind = ?", (kind,)))
    w, params = where(clauses)
    sql = (
        "SELECT d.id AS doc, m.start AS start, m.end AS end,"
        " substr(d.text, m.start + 1, m.end - m.start) AS text, de.kind AS kind,"
        " de.entity AS entity_id FROM mentions m"
        " JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
        f" JOIN documents d ON d.rowid = m.doc{w}"
        " ORDER BY d.date IS NULL, d.date, d.id, m.start"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"  # a literal: see events()
    return sql, params


def with_marks(template: str, items: list | tuple) -> str:
    """A template above with its ``{marks}`` filled for ``items``."""
    return template.format(marks=marks(items))


# -- the reader's highlights -----------------------------------------------------------------

SPAN_MENTIONS = (
    "SELECT m.start AS start, m.end AS end, coalesce(x.name, de.name) AS label, de.kind AS kind"
    " FROM mentions m JOIN doc_entities de ON de.doc = m.doc AND de.local = m.local"
    " LEFT JOIN entities x ON x.id = de.entity WHERE m.doc = ?"
)
SPAN_QUOTES = "SELECT start, end, coalesce(speaker, '') AS label FROM quotes WHERE doc = ?"
SPAN_ASIDES = "SELECT start, end, kind AS label FROM segments WHERE doc = ?"
SPAN_DATES = (
    "SELECT start, end, coalesce(value, 'unresolved') AS label FROM times"
    " WHERE doc = ? AND type IN ('DATE', 'TIME')"
)
