"""Corpus-wide entities: every document's people, places and bodies merged across the corpus.

``resolve(conn)`` runs inside the index builder's write transaction after it has inserted the
``doc_entities`` rows of new documents (``entity`` NULL) and deleted those of removed ones. Its
cost follows what changed, never the corpus: a new name is matched through ``entity_keys``
(exact keys, looked up by primary key), and only entities that gained or lost rows are
recounted (lost rows are recorded by a trigger into ``entities_dirty``).

Matching is deliberately lopsided: a false merge puts one person's quotes under another's name,
a missed merge only shows two entries, so

* people merge on an identical full name (any two-word-or-longer form the documents used);
  a bare surname never merges across documents;
* places merge on the gazetteer id, on an identical spelling, on a transliteration of the same
  consonant frame (Feroz Koh / Firus Koh), or, when the name is unknown to the gazetteer, on a
  one-letter slip of a gazetteer place at least as frequent (Kabil -> Kabul);
* kinds never mix (Ghazni the city and Ghani the president stay apart), and two places with
  different gazetteer ids never merge however close their spelling (Herat / Heart, Iran / Iraq).

``cluster`` runs the same rules in memory for tests and notebooks.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from explorer.extract.gazetteer import compact, fold, skeleton
from explorer.extract.names import same_place_spelling
from explorer.model import ORG, PERSON, PLACE

__all__ = ["resolve", "cluster", "entity_keys", "alias_norm", "Item"]

_HONORIFICS = ("mr ", "mrs ", "ms ", "miss ", "dr ", "sir ", "dame ", "lord ", "lady ")
_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def alias_norm(alias: str) -> str:
    """The normalised form stored in ``aliases.norm``: folded, one space between words."""
    return fold(alias)


def _name_key(name: str) -> str:
    k = fold(name)
    for h in _HONORIFICS:
        if k.startswith(h):
            k = k[len(h) :]
            break
    if k.startswith("the "):
        k = k[4:]
    return k.replace(" ", "")


def _is_full_name(name: str) -> bool:
    k = fold(name)
    for h in _HONORIFICS:
        if k.startswith(h):
            k = k[len(h) :]
    return len(k.split()) >= 2


def entity_keys(name: str, kind: str, gazetteer_id: str | None, aliases: Iterable[str] = ()):
    """The merge keys one document's entity offers (see the module docstring for why)."""
    keys: list[str] = []
    if gazetteer_id:
        keys.append(f"g:{gazetteer_id}")
    forms = [name, *aliases]
    if kind == PERSON:
        # A surname alone ("Khan") names many people: only full names are keys, unless the
        # document never gave more than one word, then that word keys only the same bare word.
        full = [f for f in forms if _is_full_name(f)]
        forms = full or [name]
    for f in forms:
        k = _name_key(f)
        if k:
            keys.append(f"n:{kind}:{k}")
    if kind == PLACE:
        for f in forms:
            s = skeleton(f)
            if len(s) >= 3:
                keys.append(f"s:{s}")
    return list(dict.fromkeys(keys))


@dataclass(slots=True)
class Item:
    """One document's entity as ``cluster`` takes it."""

    name: str
    kind: str
    gazetteer_id: str | None = None
    aliases: Sequence[str] = ()
    mentions: int = 1


@dataclass(slots=True)
class _Entity:
    id: int
    name: str
    kind: str
    gid: str | None
    mentions: int
    names: list[str] = field(default_factory=list)


class _Matcher:
    """The matching rules over an abstract key store (SQLite or dicts)."""

    def find(self, key: str) -> list[_Entity]:  # pragma: no cover - overridden
        raise NotImplementedError

    def find_many(self, keys: list[str]) -> list[_Entity]:
        out: dict[int, _Entity] = {}
        for k in keys:
            for e in self.find(k):
                out[e.id] = e
        return list(out.values())

    def match(self, item: Item) -> int | None:
        keys = entity_keys(item.name, item.kind, item.gazetteer_id, item.aliases)
        if item.gazetteer_id:
            same = [e for e in self.find(f"g:{item.gazetteer_id}") if e.kind == item.kind]
            if same:
                return _best(same)
        exact = [
            e
            for e in self.find_many([k for k in keys if k.startswith("n:")])
            if e.kind == item.kind and _compatible(e.gid, item.gazetteer_id)
        ]
        if exact:
            return _best(exact)
        if item.kind != PLACE:
            return None
        forms = [item.name, *item.aliases]
        # A transliteration: same consonant frame and the guards of same_place_spelling.
        skel = [
            e
            for e in self.find_many([k for k in keys if k.startswith("s:")])
            if e.kind == PLACE
            and _compatible(e.gid, item.gazetteer_id)
            and (e.gid is None or item.gazetteer_id is None)
            and any(same_place_spelling(a, b) for a in forms for b in e.names)
        ]
        if skel:
            return _best(skel)
        # A one-letter slip of a gazetteer place at least as frequent as the slip itself.
        if item.gazetteer_id is None:
            c = compact(item.name)
            if len(c) >= 5:
                near = [
                    e
                    for e in self.find_many([f"n:{PLACE}:{v}" for v in sorted(_edits1(c))])
                    if e.kind == PLACE and e.gid is not None and e.mentions >= item.mentions
                ]
                if near:
                    return _best(near)
        return None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _best(cands: list[_Entity]) -> int:
    return min(cands, key=lambda e: (-e.mentions, e.id)).id


def _edits1(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    out.discard(word)
    return out


# --------------------------------------------------------------------------- in memory


class _MemoryMatcher(_Matcher):
    def __init__(self) -> None:
        self.keys: dict[str, list[int]] = {}
        self.entities: list[_Entity] = []

    def find(self, key: str) -> list[_Entity]:
        return [self.entities[i] for i in self.keys.get(key, ())]

    def add(self, item: Item) -> int:
        eid = self.match(item)
        if eid is None:
            eid = len(self.entities)
            self.entities.append(_Entity(eid, item.name, item.kind, item.gazetteer_id, 0))
        e = self.entities[eid]
        e.mentions += item.mentions
        e.gid = e.gid or item.gazetteer_id
        for f in (item.name, *item.aliases):
            if f not in e.names:
                e.names.append(f)
        for k in entity_keys(item.name, item.kind, item.gazetteer_id, item.aliases):
            ids = self.keys.setdefault(k, [])
            if eid not in ids:
                ids.append(eid)
        return eid


def cluster(items: Iterable[Item | tuple]) -> list[int]:
    """Cluster labels for ``items`` ((name, kind, gazetteer_id[, aliases[, mentions]]) or Item).

    The same rules as ``resolve`` without SQLite, in the same processing order (gazetteer-backed
    names first, then input order), so a unit test sees what the index would do.
    """
    items = [i if isinstance(i, Item) else Item(*i) for i in items]
    order = sorted(range(len(items)), key=lambda i: (items[i].gazetteer_id is None, i))
    m = _MemoryMatcher()
    labels = [0] * len(items)
    for i in order:
        labels[i] = m.add(items[i])
    return labels


# --------------------------------------------------------------------------- SQLite


class _SqlMatcher(_Matcher):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def find(self, key: str) -> list[_Entity]:
        return self.find_many([key])

    def find_many(self, keys: list[str]) -> list[_Entity]:
        out: dict[int, _Entity] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for eid, name, kind, gid, mentions in self.conn.execute(
                "SELECT e.id, e.name, e.kind, e.gazetteer_id, e.mentions FROM entities e"
                f" WHERE e.id IN (SELECT entity FROM entity_keys WHERE key IN ({marks}))",
                chunk,
            ):
                out[eid] = _Entity(eid, name, kind, gid, mentions)
        ents = list(out.values())
        for e in ents:
            e.names = [r[0] for r in self.conn.execute(
                "SELECT alias FROM aliases WHERE entity = ?", (e.id,)
            )] if e.kind == PLACE else [e.name]
        return ents


def resolve(conn: sqlite3.Connection) -> None:
    """Give every unresolved ``doc_entities`` row an entity and bring touched entities up to date.

    Deterministic: rows are taken gazetteer-backed first, then by (doc, local), and ties between
    candidate entities go to the most mentioned, then the oldest.
    """
    matcher = _SqlMatcher(conn)
    rows = conn.execute(
        "SELECT doc, local, name, kind, aliases, lat, lon, gazetteer_id, mentions"
        " FROM doc_entities WHERE entity IS NULL"
        " ORDER BY gazetteer_id IS NULL, doc, local"
    ).fetchall()
    touched: set[int] = set()
    for doc, local, name, kind, aliases_json, lat, lon, gid, mentions in rows:
        aliases = _aliases(aliases_json, name)
        item = Item(name, kind, gid, aliases, mentions)
        eid = matcher.match(item)
        if eid is None:
            cur = conn.execute(
                "INSERT INTO entities(name, kind, lat, lon, gazetteer_id, mentions, docs)"
                " VALUES (?,?,?,?,?,0,0)",
                (name, kind, lat, lon, gid),
            )
            eid = cur.lastrowid
            assert eid is not None
        elif gid is not None or lat is not None:
            conn.execute(
                "UPDATE entities SET gazetteer_id = COALESCE(gazetteer_id, ?),"
                " lat = COALESCE(lat, ?), lon = COALESCE(lon, ?) WHERE id = ?",
                (gid, lat, lon, eid),
            )
        conn.execute("UPDATE doc_entities SET entity = ? WHERE doc = ? AND local = ?", (eid, doc, local))
        _add_names(conn, eid, item)
        # Counts matter to later rows of this very batch (the one-letter-slip rule).
        conn.execute("UPDATE entities SET mentions = mentions + ? WHERE id = ?", (mentions, eid))
        touched.add(eid)
    dirty = {r[0] for r in conn.execute("SELECT id FROM entities_dirty")}
    conn.execute("DELETE FROM entities_dirty")
    for eid in sorted(dirty):
        _rebuild_names(conn, eid)
    for eid in sorted(touched | dirty):
        _recount(conn, eid)


def _aliases(aliases_json: str | None, name: str) -> list[str]:
    try:
        aliases = json.loads(aliases_json) if aliases_json else []
    except ValueError:
        aliases = []
    return [a for a in aliases if isinstance(a, str) and a] or [name]


def _add_names(conn: sqlite3.Connection, eid: int, item: Item) -> None:
    forms = list(dict.fromkeys([item.name, *item.aliases]))
    conn.executemany(
        "INSERT OR IGNORE INTO aliases(entity, alias, norm) VALUES (?,?,?)",
        [(eid, f, alias_norm(f)) for f in forms],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO entity_keys(key, entity) VALUES (?,?)",
        [(k, eid) for k in entity_keys(item.name, item.kind, item.gazetteer_id, item.aliases)],
    )


def _rebuild_names(conn: sqlite3.Connection, eid: int) -> None:
    """After rows left an entity, its aliases and keys are those of the rows that remain."""
    conn.execute("DELETE FROM aliases WHERE entity = ?", (eid,))
    conn.execute("DELETE FROM entity_keys WHERE entity = ?", (eid,))
    for name, kind, aliases_json, gid, mentions in conn.execute(
        "SELECT name, kind, aliases, gazetteer_id, mentions FROM doc_entities WHERE entity = ?",
        (eid,),
    ).fetchall():
        _add_names(conn, eid, Item(name, kind, gid, _aliases(aliases_json, name), mentions))


def _recount(conn: sqlite3.Connection, eid: int) -> None:
    docs, mentions = conn.execute(
        "SELECT COUNT(DISTINCT doc), COALESCE(SUM(mentions), 0) FROM doc_entities WHERE entity = ?",
        (eid,),
    ).fetchone()
    if not docs:
        conn.execute("DELETE FROM aliases WHERE entity = ?", (eid,))
        conn.execute("DELETE FROM entity_keys WHERE entity = ?", (eid,))
        conn.execute("DELETE FROM entities WHERE id = ?", (eid,))
        return
    kind = conn.execute("SELECT kind FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    names = conn.execute(
        "SELECT name, SUM(mentions) FROM doc_entities WHERE entity = ? GROUP BY name", (eid,)
    ).fetchall()
    conn.execute(
        "UPDATE entities SET name = ?, docs = ?, mentions = ? WHERE id = ?",
        (best_name(kind, names), docs, mentions, eid),
    )


def best_name(kind: str, counts: Iterable[tuple[str, int]]) -> str:
    """The name an entity is shown under: the most used full form.

    People and bodies prefer a form of two words or more ("Ismail Khan" over "Khan") and then
    the most mentioned; places the most mentioned spelling not written in capitals.
    """
    counts = list(counts)

    def rank(nc: tuple[str, int]):
        n, c = nc
        full = len(fold(n).split()) >= 2 if kind in (PERSON, ORG) else True
        return (full, not n.isupper(), c, len(n), n)

    return max(counts, key=rank)[0]
