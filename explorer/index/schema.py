"""The SQLite schema of a corpus index, versioned.

An index whose ``schema_version`` differs from ``SCHEMA_VERSION`` is rebuilt from scratch: the
corpus folder is the source of truth and the index only a cache of what was extracted from it,
so a rebuild loses nothing. The version also goes up when extraction changes what it finds
from unchanged files (front matter no longer article text, captions no longer events, a
security's term no longer an event, a lone surname the person's and not a foundation's,
the day a file's path names its publication date):
otherwise an index would keep the old facts of every file not touched since.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 24
# The ``lookup_cache`` row holding the fuzzy name lookup (explorer.index.lookup.NameIndex.save).
NAME_LOOKUP = "names"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);

-- One row per file in the corpus folder, indexed or skipped, to tell changed files apart.
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,          -- relative to the corpus root, '/'-separated
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest TEXT NOT NULL,           -- blake2b of the raw bytes
    status TEXT NOT NULL,           -- 'ok' | 'skipped'
    message TEXT                    -- why it was skipped
);

CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,        -- path relative to the root; 'file.jsonl#3' for records
    file TEXT NOT NULL REFERENCES files(path),
    title TEXT NOT NULL,
    date TEXT,
    date_source TEXT NOT NULL,
    source TEXT,
    url TEXT,
    author TEXT,
    place TEXT,                     -- the dateline's place ("BUENOS AIRES")
    date_confidence REAL,           -- an inferred date's confidence, 0..1
    date_evidence TEXT,             -- JSON: the passages an inferred date rests on
    words INTEGER NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    n_quotes INTEGER NOT NULL DEFAULT 0,
    n_entities INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_file ON documents(file);
CREATE INDEX IF NOT EXISTS documents_date ON documents(date);

-- Entities as one document knows them; `entity` is the corpus-wide entity they merge into.
CREATE TABLE IF NOT EXISTS doc_entities (
    doc INTEGER NOT NULL REFERENCES documents(rowid),
    local INTEGER NOT NULL,         -- index into DocFacts.entities
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL,          -- JSON list of surface forms
    lat REAL,
    lon REAL,
    gazetteer_id TEXT,
    mentions INTEGER NOT NULL,
    entity INTEGER,                 -- entities.id, NULL until resolved
    node INTEGER,                   -- entity_nodes.id, NULL until resolved
    PRIMARY KEY (doc, local)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_entities_entity ON doc_entities(entity);
CREATE INDEX IF NOT EXISTS doc_entities_node ON doc_entities(node);
CREATE INDEX IF NOT EXISTS doc_entities_unresolved ON doc_entities(entity) WHERE entity IS NULL;

CREATE TABLE IF NOT EXISTS mentions (
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    local INTEGER NOT NULL,         -- doc_entities.local
    PRIMARY KEY (doc, start)
) WITHOUT ROWID;

-- Corpus-wide entities and the names they go by (maintained by explorer.index.entities).
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL,
    lon REAL,
    gazetteer_id TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    docs INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_gazetteer ON entities(gazetteer_id);
CREATE TABLE IF NOT EXISTS aliases (
    entity INTEGER NOT NULL REFERENCES entities(id),
    alias TEXT NOT NULL,            -- as written
    norm TEXT NOT NULL,             -- normalised once at index time for lookup
    n INTEGER NOT NULL DEFAULT 0,   -- documents that use this form
    PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS aliases_norm ON aliases(norm);
-- Structures built from the tables above and kept for the next process (explorer.index.lookup:
-- the fuzzy name lookup, rebuilt by the writer). Any change to the names drops them, here, so
-- that no code path that writes names can leave a stale one behind.
CREATE TABLE IF NOT EXISTS lookup_cache (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TRIGGER IF NOT EXISTS aliases_added AFTER INSERT ON aliases BEGIN
    DELETE FROM lookup_cache;
END;
CREATE TRIGGER IF NOT EXISTS aliases_removed AFTER DELETE ON aliases BEGIN
    DELETE FROM lookup_cache;
END;
CREATE TRIGGER IF NOT EXISTS aliases_changed AFTER UPDATE ON aliases BEGIN
    DELETE FROM lookup_cache;
END;
CREATE TRIGGER IF NOT EXISTS entities_added AFTER INSERT ON entities BEGIN
    DELETE FROM lookup_cache;
END;
CREATE TRIGGER IF NOT EXISTS entities_removed AFTER DELETE ON entities BEGIN
    DELETE FROM lookup_cache;
END;
CREATE TRIGGER IF NOT EXISTS entities_changed AFTER UPDATE OF id, kind, mentions ON entities
BEGIN
    DELETE FROM lookup_cache;
END;
-- Nodes: the doc_entities rows that offer the same merge keys (one gazetteer id, or one exact
-- set of name keys), with their totals kept as rows come and go. explorer.index.entities
-- clusters nodes into entities; `node_keys` holds every key a node offers or probes, the
-- edges along which a change can spread, so that only the affected part is recomputed.
CREATE TABLE IF NOT EXISTS entity_nodes (
    id INTEGER PRIMARY KEY,         -- a hash of the node's signature, the same in every index
    kind TEXT NOT NULL,
    gazetteer_id TEXT,
    lat REAL,
    lon REAL,
    mentions INTEGER NOT NULL DEFAULT 0,
    rows INTEGER NOT NULL DEFAULT 0,
    entity INTEGER                  -- entities.id
);
CREATE INDEX IF NOT EXISTS entity_nodes_entity ON entity_nodes(entity);
CREATE TABLE IF NOT EXISTS node_forms (
    node INTEGER NOT NULL,
    form TEXT NOT NULL,             -- a name as written
    n INTEGER NOT NULL,             -- rows (documents) of the node using it
    PRIMARY KEY (node, form)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS node_keys (
    key TEXT NOT NULL,              -- "g:<gazetteer id>", "n:<kind>:<name>", "s:<skeleton>", "d:…"
    node INTEGER NOT NULL,
    PRIMARY KEY (key, node)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_keys_node ON node_keys(node);
-- Nodes that lost rows since the last resolve(): their components are recomputed.
CREATE TABLE IF NOT EXISTS nodes_dirty (id INTEGER PRIMARY KEY);
-- Totals follow deletions here, so that removing documents never rescans a popular entity.
CREATE TRIGGER IF NOT EXISTS doc_entities_gone AFTER DELETE ON doc_entities
WHEN OLD.node IS NOT NULL BEGIN
    INSERT OR IGNORE INTO nodes_dirty(id) VALUES (OLD.node);
    UPDATE entity_nodes SET mentions = mentions - OLD.mentions, rows = rows - 1
    WHERE id = OLD.node;
    UPDATE node_forms SET n = n - 1
    WHERE node = OLD.node
      AND form IN (SELECT value FROM json_each(OLD.aliases) UNION SELECT OLD.name);
    UPDATE entities SET
        docs = docs - NOT EXISTS (
            SELECT 1 FROM doc_entities WHERE doc = OLD.doc AND entity = OLD.entity)
    WHERE id = OLD.entity;
END;

-- Lines that are not the article (explorer.extract.segments): the reader dims them.
CREATE TABLE IF NOT EXISTS segments (
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,             -- "caption" | "byline" | "chrome"
    PRIMARY KEY (doc, start)
) WITHOUT ROWID;

-- Sentences keyed for matching across documents (explorer.extract.passages): an undated
-- document is dated from the dated ones it shares passages with (explorer.index.inference).
CREATE TABLE IF NOT EXISTS passage_keys (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (key, doc, start)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS passage_keys_doc ON passage_keys(doc);
-- Undated documents whose inferred date may have changed: a document stored undated, the
-- undated ones sharing a passage with a dated document just stored, those whose evidence
-- cited a document just removed. Filled in the transaction that changes the documents, so a
-- run stopped before inference finishes it next time.
CREATE TABLE IF NOT EXISTS infer_queue (doc INTEGER PRIMARY KEY);
-- The passage keys of documents stored without a date (few, as a rule): a dated document just
-- stored finds the undated ones it may date here, not among the postings of every document
-- (a common 3-gram can key thousands of sentences).
CREATE TABLE IF NOT EXISTS undated_keys (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS undated_keys_doc ON undated_keys(doc);
CREATE INDEX IF NOT EXISTS documents_inferred ON documents(date_source)
    WHERE date_source = 'inferred';

-- Date expressions; the timeline is those of type DATE/TIME.
CREATE TABLE IF NOT EXISTS times (
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    expression TEXT NOT NULL,
    type TEXT NOT NULL,
    value TEXT,
    precision TEXT,
    date TEXT,                      -- the value as shown on a timeline ("2021-08-12", "2021-08")
    first_day TEXT,                 -- bounds of the value, for sorting and --since/--until
    last_day TEXT,
    sent_start INTEGER NOT NULL,    -- the sentence or list item it sits in
    sent_end INTEGER NOT NULL,
    doc_date TEXT,                  -- documents.date, copied so the timeline order is indexed
    telling TEXT                    -- the sentence as corroboration compares it (Telling.signature)
);
CREATE INDEX IF NOT EXISTS times_doc ON times(doc);
-- Timeline order (first_day, last_day, document date): a page of a date range is an index walk
-- that stops at the limit, never a sort of every event in the range. doc and type ride along
-- so that the walk rejects events of other documents without reading the table.
CREATE INDEX IF NOT EXISTS times_order ON times(first_day, last_day, doc_date, doc, type);
-- Start days of events lasting more than a day: what can overlap a --since day from before it.
CREATE INDEX IF NOT EXISTS times_multi ON times(first_day) WHERE first_day < last_day;
-- Events spanning over a year (decades, centuries): the only ones that overlap a date range
-- while starting long before it, so a range query seeks them here instead of scanning.
CREATE INDEX IF NOT EXISTS times_long ON times(first_day)
    WHERE julianday(last_day) - julianday(first_day) > 366;

CREATE TABLE IF NOT EXISTS quotes (
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,             -- documents.text[start:end]
    display TEXT NOT NULL,          -- the quoted words as read (parts joined by " … ")
    parts TEXT,                     -- JSON [[start, end], ...] of a quote in several parts
    speaker TEXT,
    speaker_mention TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_local INTEGER,          -- doc_entities.local of the speaker, when an entity
    cue TEXT,
    fragment INTEGER NOT NULL,
    fingerprint TEXT NOT NULL       -- normalised display, to group the same quote across documents
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_fingerprint ON quotes(fingerprint);

-- Events and quotes told more than once (explorer.index.corroboration): each row of a group
-- of rows telling the same fact, under the group's smallest row; a fact told once has none.
CREATE TABLE IF NOT EXISTS event_groups (
    row INTEGER PRIMARY KEY,        -- times.rowid
    grp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS event_groups_grp ON event_groups(grp);
CREATE TABLE IF NOT EXISTS quote_groups (
    row INTEGER PRIMARY KEY,        -- quotes.rowid
    grp INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quote_groups_grp ON quote_groups(grp);
-- What to group again: 'event' and a date bucket ("first_day|last_day"), or 'quote' and '*'.
CREATE TABLE IF NOT EXISTS link_dirty (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    display, speaker, content='quotes', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_vocab USING fts5vocab(quotes_fts, row);
"""


# Stamped in the SQLite header (offset 68) of every index: "EXP1". A file at --index without it
# is someone else's and is never deleted or overwritten (see store.owned).
APPLICATION_ID = 0x45585031


def create(conn: sqlite3.Connection) -> None:
    """Create every table of an empty index and stamp its version and application id."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)",
        (str(SCHEMA_VERSION),),
    )


def version(conn: sqlite3.Connection) -> int | None:
    """The schema version stamped in an index, or None when it is not one of ours."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return int(row[0]) if row else None
