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
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from explorer.extract.names import same_place_spelling
from explorer.extract.spelling import compact, damerau1, fold, skeleton
from explorer.records import ORG, PERSON, PLACE

__all__ = ["resolve", "cluster", "entity_keys", "alias_norm", "Item"]

_LEADING_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady) |the )")


def alias_norm(alias: str) -> str:
    """The normalised form stored in ``aliases.norm``: folded, one space between words."""
    return fold(alias)


def _bare(name: str) -> str:
    """Folded name without a leading honorific or article ("Mr Wallace" -> "wallace")."""
    return _LEADING_HONORIFIC.sub("", fold(name), count=1)


def _name_key(name: str) -> str:
    return _bare(name).replace(" ", "")


def _is_full_name(name: str) -> bool:
    return " " in _bare(name)


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
        if gazetteer_id:
            # Symmetric-delete keys: a later one-letter slip of this gazetteer place shares one.
            for f in forms:
                c = compact(f)
                if len(c) >= 5:
                    keys.append(f"d:{c}")
                    keys.extend(f"d:{d}" for d in _deletes(c))
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
    names: list[str] | None = field(default_factory=list)


class _Matcher:
    """The matching rules over an abstract key store (SQLite or dicts)."""

    def find(self, key: str) -> list[_Entity]:  # pragma: no cover - overridden
        raise NotImplementedError

    def names_of(self, e: _Entity) -> list[str]:
        return e.names

    def find_many(self, keys: list[str]) -> list[_Entity]:
        out: dict[int, _Entity] = {}
        for k in keys:
            for e in self.find(k):
                out[e.id] = e
        return list(out.values())

    def match(self, item: Item, keys: list[str] | None = None) -> int | None:
        """The entity ``item`` joins, or None for a new one (``keys``: its entity_keys)."""
        if keys is None:
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
            and any(same_place_spelling(a, b, typo=False) for a in forms for b in self.names_of(e))
        ]
        if skel:
            return _best(skel)
        # A one-letter slip of a gazetteer place at least as frequent as the slip itself,
        # found through the symmetric-delete keys and checked letter by letter.
        if item.gazetteer_id is None:
            c = compact(item.name)
            if len(c) >= 5:
                dels = sorted(_deletes(c))
                probe = [f"d:{c}"] + [f"d:{d}" for d in dels] + [f"n:{PLACE}:{d}" for d in dels]
                near = [
                    e
                    for e in self.find_many(probe)
                    if e.kind == PLACE
                    and e.gid is not None
                    and e.mentions >= item.mentions
                    and any(damerau1(c, compact(n)) for n in self.names_of(e))
                ]
                if near:
                    return _best(near)
        return None


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _best(cands: list[_Entity]) -> int:
    return min(cands, key=lambda e: (-e.mentions, e.id)).id


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


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
    """Key lookups against ``entity_keys``, cached for one resolve() call.

    A batch of documents names the same entities over and over (Kabul, the Taliban), so key
    -> entity ids is kept in memory for the call and updated as keys are added; mention counts
    include what this call has added but not yet written.
    """

    def __init__(self, conn: sqlite3.Connection, pending: dict[int, int]) -> None:
        self.conn = conn
        self.cache: dict[str, set[int]] = {}
        self.pending = pending

    def find(self, key: str) -> list[_Entity]:
        return self.find_many([key])

    def find_many(self, keys: list[str]) -> list[_Entity]:
        cache = self.cache
        missing = [k for k in keys if k not in cache]
        for k in missing:
            cache[k] = set()
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, eid in self.conn.execute(
                f"SELECT key, entity FROM entity_keys WHERE key IN ({marks})", chunk
            ):
                cache[key].add(eid)
        ids = sorted({e for k in keys for e in cache[k]})
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        out = []
        for eid, name, kind, gid, mentions in self.conn.execute(
            "SELECT id, name, kind, gazetteer_id, mentions FROM entities"
            f" WHERE id IN ({marks}) ORDER BY id",
            ids,
        ):
            e = _Entity(eid, name, kind, gid, mentions + self.pending.get(eid, 0))
            e.names = None  # read on demand: only the transliteration rule needs them
            out.append(e)
        return out

    def names_of(self, e: _Entity) -> list[str]:
        if e.names is None:
            e.names = [
                r[0]
                for r in self.conn.execute(
                    "SELECT alias FROM aliases WHERE entity = ? AND n > 0", (e.id,)
                )
            ] or [e.name]
        return e.names

    def added(self, eid: int, keys: list[str]) -> None:
        for k in keys:
            if k in self.cache:
                self.cache[k].add(eid)


def resolve(conn: sqlite3.Connection) -> None:
    """Give every unresolved ``doc_entities`` row an entity and bring touched entities up to date.

    Deterministic: rows are taken gazetteer-backed first, then by (doc, local), and ties between
    candidate entities go to the most mentioned, then the oldest. Counts are kept incrementally
    (here for new rows, by the ``doc_entities_gone`` trigger for removed ones), so the cost is
    that of the rows that changed, whatever the size of the corpus. Rows that read the same
    (name, kind, gazetteer id, forms) are matched once per call.
    """
    mentions_delta: dict[int, int] = defaultdict(int)
    docs_delta: dict[int, int] = defaultdict(int)
    forms_delta: dict[tuple[int, str], int] = defaultdict(int)
    new_keys: dict[tuple[str, int], None] = {}
    assigned: list[tuple[int, int, int]] = []
    seen_pairs: set[tuple[int, int]] = set()
    memo: dict[tuple, tuple[int, list[str]]] = {}
    matcher = _SqlMatcher(conn, mentions_delta)
    rows = conn.execute(
        "SELECT doc, local, name, kind, aliases, lat, lon, gazetteer_id, mentions"
        " FROM doc_entities WHERE entity IS NULL"
        " ORDER BY gazetteer_id IS NULL, doc, local"
    ).fetchall()
    for doc, local, name, kind, aliases_json, lat, lon, gid, mentions in rows:
        sig = (name, kind, gid, aliases_json)
        hit = memo.get(sig)
        if hit is None:
            aliases = _aliases(aliases_json, name)
            item = Item(name, kind, gid, aliases, mentions)
            keys = entity_keys(name, kind, gid, aliases)
            eid = matcher.match(item, keys)
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
            for k in keys:
                new_keys[(k, eid)] = None
            matcher.added(eid, keys)
            hit = memo[sig] = (eid, list(dict.fromkeys([name, *aliases])))
        eid, forms = hit
        assigned.append((eid, doc, local))
        mentions_delta[eid] += mentions
        if (doc, eid) not in seen_pairs:
            # A document's rows arrive together, so a pair not seen in this call is new.
            seen_pairs.add((doc, eid))
            docs_delta[eid] += 1
        for f in forms:
            forms_delta[(eid, f)] += 1
    conn.executemany("UPDATE doc_entities SET entity = ? WHERE doc = ? AND local = ?", assigned)
    conn.executemany(
        "UPDATE entities SET mentions = mentions + ?, docs = docs + ? WHERE id = ?",
        [(m, docs_delta[e], e) for e, m in mentions_delta.items()],
    )
    conn.executemany(
        "INSERT INTO aliases(entity, alias, norm, n) VALUES (?,?,?,?)"
        " ON CONFLICT(entity, alias) DO UPDATE SET n = n + excluded.n",
        [(e, f, alias_norm(f), n) for (e, f), n in forms_delta.items()],
    )
    conn.executemany("INSERT OR IGNORE INTO entity_keys(key, entity) VALUES (?,?)", list(new_keys))
    touched = set(mentions_delta)
    dirty = {r[0] for r in conn.execute("SELECT id FROM entities_dirty")}
    conn.execute("DELETE FROM entities_dirty")
    for eid in sorted(touched | dirty):
        _refresh(conn, eid, eid in dirty)


def _aliases(aliases_json: str | None, name: str) -> list[str]:
    try:
        aliases = json.loads(aliases_json) if aliases_json else []
    except ValueError:
        aliases = []
    return [a for a in aliases if isinstance(a, str) and a] or [name]


def _refresh(conn: sqlite3.Connection, eid: int, lost_rows: bool) -> None:
    """Name an entity after its forms; drop forms, keys or the entity itself once unused."""
    row = conn.execute(
        "SELECT kind, gazetteer_id, docs FROM entities WHERE id = ?", (eid,)
    ).fetchone()
    if row is None:
        return
    kind, gid, docs = row
    if docs <= 0:
        conn.execute("DELETE FROM aliases WHERE entity = ?", (eid,))
        conn.execute("DELETE FROM entity_keys WHERE entity = ?", (eid,))
        conn.execute("DELETE FROM entities WHERE id = ?", (eid,))
        return
    if (
        lost_rows
        and conn.execute("DELETE FROM aliases WHERE entity = ? AND n <= 0", (eid,)).rowcount
    ):
        # Keys come from the forms: rebuild them from those that remain.
        forms = [r[0] for r in conn.execute("SELECT alias FROM aliases WHERE entity = ?", (eid,))]
        conn.execute("DELETE FROM entity_keys WHERE entity = ?", (eid,))
        keys = entity_keys(forms[0], kind, gid, forms) if forms else []
        conn.executemany(
            "INSERT OR IGNORE INTO entity_keys(key, entity) VALUES (?,?)", [(k, eid) for k in keys]
        )
    counts = conn.execute("SELECT alias, n FROM aliases WHERE entity = ?", (eid,)).fetchall()
    if counts:
        conn.execute("UPDATE entities SET name = ? WHERE id = ?", (best_name(kind, counts), eid))


def best_name(kind: str, counts: Iterable[tuple[str, int]]) -> str:
    """The name an entity is shown under: the most used full form.

    People and bodies prefer a form of two words or more ("Ismail Khan" over "Khan" or
    "Mr Khan") and then the most used; places the most used spelling not written in capitals.
    """
    counts = list(counts)

    def rank(nc: tuple[str, int]):
        n, c = nc
        full = _is_full_name(n) if kind in (PERSON, ORG) else True
        return (full, not n.isupper(), c, len(n), n)

    return max(counts, key=rank)[0]
