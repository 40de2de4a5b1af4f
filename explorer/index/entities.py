"""Corpus-wide entities: every document's people, places and bodies merged across the corpus.

The result is a function of the documents only, never of the order they were indexed in: an
index brought up to date file by file holds exactly the entities, ids, names and counts of a
clean rebuild. That is what makes it a cache of the folder rather than a history of it.

How: every ``doc_entities`` row belongs to a *node*, the rows that offer the same merge keys
(all "Kabul" rows with one gazetteer id; all "Ben Wallace" rows). Nodes are clustered by the
rules below, greedily, in a canonical order that depends on content only (gazetteer-backed
first, then most mentioned, then node id). Two nodes can only influence each other through a
key they share (a stored key or a key probed for a one-letter slip), so the clustering of one
connected component of the key graph depends on that component alone. ``resolve(conn)``
therefore recomputes only the components that hold a changed node, from per-node aggregates
(mentions, rows, forms) kept incrementally: its cost follows what changed, not the corpus.
Entity ids are a hash of the cluster's first node, so the same cluster gets the same id
whichever way the index was built.

Matching is deliberately lopsided: a false merge puts one person's quotes under another's name,
a missed merge only shows two entries, so

* people merge on an identical full name (any two-word-or-longer form the documents used),
  or on a one-letter slip in the surname of a full name three times as mentioned, under the
  same given name (Paul Vocker -> Paul Volcker; surnames of six letters or more); a bare
  surname never merges across documents;
* places merge on the gazetteer id, on an identical spelling, on a transliteration of the same
  consonant frame (Feroz Koh / Firus Koh), or, when the name is unknown to the gazetteer, on a
  one-letter slip of a gazetteer place at least as frequent (Kabil -> Kabul);
* kinds never mix (Ghazni the city and Ghani the president stay apart), and two places with
  different gazetteer ids never merge however close their spelling (Herat / Heart, Iran / Iraq).

``cluster`` runs the same rules in memory for tests and notebooks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from explorer.extract.spelling import compact, damerau1, fold, skeleton
from explorer.records import ORG, PERSON, PLACE

__all__ = [
    "resolve",
    "cluster",
    "entity_keys",
    "touch_keys",
    "alias_norm",
    "Item",
    "best_name",
    "row_aliases",
]

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
    return list(_keys(name, kind, gazetteer_id, tuple(aliases)))


@functools.lru_cache(maxsize=65536)
def _keys(name: str, kind: str, gazetteer_id: str | None, aliases: tuple[str, ...]):
    # The same names come back in every batch (Reuters, the Taliban): computed once each.
    keys: list[str] = []
    if gazetteer_id:
        keys.append(f"g:{gazetteer_id}")
    forms = [name, *aliases]
    if kind == PERSON:
        # A surname alone ("Khan") names many people: only full names are keys, unless the
        # document never gave more than one word, then that word keys only the same bare word.
        full = [f for f in forms if _is_full_name(f)]
        forms = full or [name]
    if kind == ORG:
        # "Congress" for Congress Video Group Inc in its own story is that firm; elsewhere it is
        # the legislature: a shortened form keys nothing across documents. Legal forms do not
        # count ("Boeing Co" and "Boeing" are one firm); acronyms do ("IMF").
        forms = [name] + [f for f in aliases if not _shortened(f, name)]
        forms = [_without_legal_form(f) for f in forms]
    for f in forms:
        k = _name_key(f)
        if k:
            keys.append(f"n:{kind}:{k}")
    if kind == PERSON:
        # Symmetric-delete keys of the surname, under the given name: a one-letter slip of a
        # full name ("Paul Vocker" for "Paul Volcker") shares one with it.
        for f in forms:
            slip = _slip_parts(f)
            if slip is not None:
                given, surname = slip
                keys.append(f"pd:{given}|{surname}")
                keys.extend(f"pd:{given}|{d}" for d in sorted(_deletes(surname)))
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
                    keys.extend(f"d:{d}" for d in sorted(_deletes(c)))
    return tuple(dict.fromkeys(keys))


_LEGAL_FORMS = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "ltd",
        "llc",
        "plc",
        "ag",
        "sa",
        "nv",
        "bv",
        "gmbh",
        "spa",
        "bhd",
        "pty",
        "cos",
    ]
)


def _without_legal_form(name: str) -> str:
    """ "Boeing Co" -> "Boeing", "Penril Corp." -> "Penril" (never down to nothing)."""
    words = name.split()
    while len(words) > 1 and words[-1].strip(".,").lower() in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def _shortened(form: str, name: str) -> bool:
    """``form`` is some of the words of ``name`` (its first word, its last...), not the name
    without its legal form, nor an acronym."""
    f = _bare(_without_legal_form(form)).split()
    n = _bare(_without_legal_form(name)).split()
    return bool(f) and f != n and all(w in n for w in f)


def touch_keys(name: str, kind: str, gazetteer_id: str | None, aliases: Iterable[str] = ()):
    """Every key through which this entity can affect another's clustering, or be affected.

    Its merge keys, and for a place unknown to the gazetteer the keys it probes for a one-letter
    slip of a known place, marked "p:". Nodes linked by none of these keys never influence each
    other, which is what lets ``resolve`` recompute only the components a change touches. A
    probe only reaches the same key stored as a merge key: two unknown places probing the same
    deletion are not linked by it (the rule only ever joins a slip to a known place), which keeps
    the components of thousands of unknown names from fusing into one.
    """
    keys = entity_keys(name, kind, gazetteer_id, aliases)
    if kind == PLACE and gazetteer_id is None:
        for f in dict.fromkeys([name, *aliases]):
            c = compact(f)
            if len(c) >= 5:
                # The slip rule probes "d:" and "n:place:" keys for the name and each of its
                # one-letter deletions: stored once each as "p:d:<form>" (see _reach).
                keys += [f"p:d:{c}"] + [f"p:d:{d}" for d in sorted(_deletes(c))]
    return list(dict.fromkeys(keys))


_NAME_PLACE = f"n:{PLACE}:"


def _reach(key: str) -> tuple[str, ...]:
    """The stored keys a node holding ``key`` is linked to (see ``touch_keys``)."""
    if key.startswith("p:d:"):
        form = key[4:]
        return (f"d:{form}", _NAME_PLACE + form)
    if key.startswith("d:"):
        return (key, "p:" + key)
    if key.startswith(_NAME_PLACE):
        return (key, "p:d:" + key[len(_NAME_PLACE) :])
    return (key,)


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
    """The matching rules, over the clusters made so far and the merge keys they hold."""

    def __init__(self) -> None:
        self.keys: dict[str, list[int]] = {}
        self.entities: list[_Entity] = []

    def find(self, key: str) -> list[_Entity]:
        return [self.entities[i] for i in self.keys.get(key, ())]

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
        if item.kind == PERSON:
            return self._person_slip(item, keys)
        if item.kind != PLACE:
            return None
        from explorer.extract.names import same_place_spelling  # the name rules: when merging

        forms = [item.name, *item.aliases]
        # A transliteration: same consonant frame and the guards of same_place_spelling.
        skel = [
            e
            for e in self.find_many([k for k in keys if k.startswith("s:")])
            if e.kind == PLACE
            and _compatible(e.gid, item.gazetteer_id)
            and (e.gid is None or item.gazetteer_id is None)
            and any(same_place_spelling(a, b, typo=False) for a in forms for b in e.names)
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
                    and any(damerau1(c, compact(n)) for n in e.names)
                ]
                if near:
                    return _best(near)
        return None

    def _person_slip(self, item: Item, keys: list[str]) -> int | None:
        """A one-letter slip in the surname of a full name the corpus uses far more often, under
        the same given name: "Paul Vocker" (once) joins "Paul Volcker" (in hundreds of
        stories). Two real people one letter apart ("John Smith", "John Smyth") are kept apart
        by the guards: a surname of six letters or more, and a host three times as mentioned."""
        mine = [p for p in map(_slip_parts, (item.name, *item.aliases)) if p is not None]
        if not mine:
            return None
        near = [
            e
            for e in self.find_many([k for k in keys if k.startswith("pd:")])
            if e.kind == PERSON
            and e.mentions >= _SLIP_RATIO * item.mentions
            and any(
                g == g2 and damerau1(s, s2)
                for g, s in mine
                for g2, s2 in filter(None, map(_slip_parts, e.names))
            )
        ]
        return _best(near) if near else None

    def add(self, item: Item) -> int:
        """Put ``item`` into the cluster it matches, or a new one; that cluster's number."""
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


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _best(cands: list[_Entity]) -> int:
    return min(cands, key=lambda e: (-e.mentions, e.id)).id


_SLIP_RATIO = 3  # a misspelt name is rare beside the name it misspells
_SLIP_MIN = 6  # letters of a surname below which one letter often makes another real name


def _slip_parts(name: str) -> tuple[str, str] | None:
    """(given name, compact surname) of a full person name long enough for the slip rule."""
    words = _bare(name).split()
    if len(words) < 2:
        return None
    surname = compact(words[-1])
    return (words[0], surname) if len(surname) >= _SLIP_MIN else None


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


# --------------------------------------------------------------------------- clustering


def _canonical(item: Item, tiebreak) -> tuple:
    """The order nodes are clustered in: content only, never the order they were indexed."""
    return (item.gazetteer_id is None, -item.mentions, tiebreak)


def _cluster_items(items: Sequence[Item], tiebreaks: Sequence) -> tuple[list[int], list[int]]:
    """Cluster labels (the canonical rank of each cluster's first item), and the canonical
    order of the items."""
    order = sorted(range(len(items)), key=lambda i: _canonical(items[i], tiebreaks[i]))
    m = _Matcher()
    first: list[int] = []  # matcher entity -> its first item's position in canonical order
    labels = [0] * len(items)
    for rank, i in enumerate(order):
        eid = m.add(items[i])
        if eid == len(first):
            first.append(rank)
        labels[i] = first[eid]
    return labels, order


def cluster(items: Iterable[Item | tuple]) -> list[int]:
    """Cluster labels for ``items`` ((name, kind, gazetteer_id[, aliases[, mentions]]) or Item).

    The same rules and canonical order as ``resolve``, without SQLite, each item taken as one
    node, so a unit test sees what the index would do. Equal labels mean one entity.
    """
    items = [i if isinstance(i, Item) else Item(*i) for i in items]
    return _cluster_items(items, [_node_id(_signature(i)) for i in items])[0]


# --------------------------------------------------------------------------- nodes


def _signature(item: Item) -> str:
    """What makes rows one node: the gazetteer id, else the exact set of merge keys."""
    if item.gazetteer_id:
        return f"{item.kind}|g:{item.gazetteer_id}"
    keys = sorted(entity_keys(item.name, item.kind, None, item.aliases))
    return f"{item.kind}|" + "|".join(keys or [fold(item.name)])


def _node_id(signature: str) -> int:
    """A 63-bit id derived from the node's signature, the same in every index."""
    digest = hashlib.blake2b(signature.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _entity_id(anchor: int) -> int:
    """An entity id from its first node's id: 52 bits, exact in JSON readers using doubles."""
    return anchor >> 11


@dataclass(slots=True)
class _Node:
    id: int
    kind: str
    gid: str | None
    lat: float | None
    lon: float | None
    mentions: int
    rows: int
    entity: int | None
    forms: dict[str, int] = field(default_factory=dict)

    def item(self) -> Item:
        forms = [f for f, n in self.forms.items() if n > 0]
        name = best_name(self.kind, [(f, n) for f, n in self.forms.items() if n > 0] or [("", 0)])
        return Item(name, self.kind, self.gid, sorted(forms), self.mentions)


def resolve(conn: sqlite3.Connection) -> None:
    """Give every unresolved ``doc_entities`` row an entity and bring changed entities up to date.

    New rows join their node (aggregates updated); rows deleted since the last call were taken
    off theirs by the ``doc_entities_gone`` trigger. The components of the key graph holding a
    changed node are then clustered afresh and written back where they differ.
    """
    new_rows = _add_new_rows(conn)
    changed = {node for _doc, _local, node in new_rows}
    changed |= {r[0] for r in conn.execute("SELECT id FROM nodes_dirty")}
    conn.execute("DELETE FROM nodes_dirty")
    if not changed:
        return
    nodes = _load(conn, _component(conn, changed))
    live = [n for n in nodes.values() if n.rows > 0]
    for n in nodes.values():
        if n.rows <= 0:
            conn.execute("DELETE FROM node_forms WHERE node = ?", (n.id,))
            conn.execute("DELETE FROM node_keys WHERE node = ?", (n.id,))
            conn.execute("DELETE FROM entity_nodes WHERE id = ?", (n.id,))
    items = [n.item() for n in live]
    labels, order = _cluster_items(items, [n.id for n in live])
    members: dict[int, list[_Node]] = defaultdict(list)
    for i in order:
        members[labels[i]].append(live[i])
    old_members: dict[int, set[int]] = defaultdict(set)
    for n in nodes.values():
        if n.entity is not None:
            old_members[n.entity].add(n.id)
    # A cluster made of the same nodes as before, none of them changed, is already written.
    for label in list(members):
        ids = {n.id for n in members[label]}
        entity = members[label][0].entity
        if entity is not None and old_members.get(entity) == ids and not ids & changed:
            del members[label]
            del old_members[entity]
    _write(conn, members, old_members, new_rows)


def _add_new_rows(conn: sqlite3.Connection) -> list[tuple[int, int, int]]:
    """Put unresolved rows into their nodes (created as needed); (doc, local, node) of each."""
    rows = conn.execute(
        "SELECT doc, local, name, kind, aliases, lat, lon, gazetteer_id, mentions"
        " FROM doc_entities WHERE entity IS NULL"
    ).fetchall()
    if not rows:
        return []
    agg: dict[int, list] = {}
    forms_delta: dict[tuple[int, str], int] = defaultdict(int)
    keys: dict[tuple[str, int], None] = {}
    memo: dict[tuple, tuple[int, list[str]]] = {}
    assigned = []
    for doc, local, name, kind, aliases_json, lat, lon, gid, mentions in rows:
        sig = (name, kind, gid, aliases_json)
        hit = memo.get(sig)
        if hit is None:
            forms = list(dict.fromkeys([name, *row_aliases(aliases_json, name)]))
            item = Item(name, kind, gid, forms)
            nid = _node_id(_signature(item))
            for k in touch_keys(name, kind, gid, forms):
                keys[(k, nid)] = None
            hit = memo[sig] = (nid, forms)
        nid, forms = hit
        a = agg.setdefault(nid, [kind, gid, lat, lon, 0, 0])
        a[2] = a[2] if a[2] is not None else lat
        a[3] = a[3] if a[3] is not None else lon
        a[4] += mentions
        a[5] += 1
        for f in forms:
            forms_delta[(nid, f)] += 1
        assigned.append((nid, doc, local))
    conn.executemany(
        "INSERT INTO entity_nodes(id, kind, gazetteer_id, lat, lon, mentions, rows)"
        " VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
        " mentions = mentions + excluded.mentions, rows = rows + excluded.rows,"
        " lat = coalesce(lat, excluded.lat), lon = coalesce(lon, excluded.lon)",
        [(nid, *a) for nid, a in agg.items()],
    )
    conn.executemany(
        "INSERT INTO node_forms(node, form, n) VALUES (?,?,?)"
        " ON CONFLICT(node, form) DO UPDATE SET n = n + excluded.n",
        [(nid, f, n) for (nid, f), n in forms_delta.items()],
    )
    conn.executemany("INSERT OR IGNORE INTO node_keys(key, node) VALUES (?,?)", list(keys))
    # The rows' node (and entity) are written once clustered, in one pass (see _write).
    return [(doc, local, nid) for nid, doc, local in assigned]


def _in_chunks(conn: sqlite3.Connection, sql: str, values: Iterable) -> list[tuple]:
    values = list(values)
    out: list[tuple] = []
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        out += conn.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()
    return out


def _component(conn: sqlite3.Connection, seeds: set[int]) -> set[int]:
    """The changed nodes with everything they can influence or be influenced by.

    The closure over shared keys and over current entities (a cluster found before is always
    recomputed whole, so that an entity is rewritten from all its nodes).
    """
    region: set[int] = set()
    frontier = set(seeds)
    seen_keys: set[str] = set()
    seen_entities: set[int] = set()
    while frontier:
        region |= frontier
        keys = {
            k
            for (k,) in _in_chunks(
                conn, "SELECT key FROM node_keys WHERE node IN ({marks})", frontier
            )
        } - seen_keys
        seen_keys |= keys
        ents = {
            e
            for (e,) in _in_chunks(
                conn, "SELECT entity FROM entity_nodes WHERE id IN ({marks})", frontier
            )
            if e is not None
        } - seen_entities
        seen_entities |= ents
        # A merge key reaches the same key and probes of it; a probe only merge keys.
        wanted = {r for k in keys for r in _reach(k)}
        found = {
            n
            for (n,) in _in_chunks(
                conn, "SELECT node FROM node_keys WHERE key IN ({marks})", wanted
            )
        }
        found |= {
            n
            for (n,) in _in_chunks(
                conn, "SELECT id FROM entity_nodes WHERE entity IN ({marks})", ents
            )
        }
        frontier = found - region
    return region


def _load(conn: sqlite3.Connection, ids: set[int]) -> dict[int, _Node]:
    nodes = {
        r[0]: _Node(*r)
        for r in _in_chunks(
            conn,
            "SELECT id, kind, gazetteer_id, lat, lon, mentions, rows, entity FROM entity_nodes"
            " WHERE id IN ({marks})",
            ids,
        )
    }
    for nid, form, n in _in_chunks(
        conn, "SELECT node, form, n FROM node_forms WHERE node IN ({marks})", nodes
    ):
        nodes[nid].forms[form] = n
    return nodes


def _write(
    conn: sqlite3.Connection,
    members: dict[int, list[_Node]],
    old_members: dict[int, set[int]],
    new_rows: list[tuple[int, int, int]],
) -> None:
    """Write the recomputed clusters back: entities, their names and forms, row assignments."""
    new_ids = _new_ids(conn, members, set(old_members))
    gone = set(old_members) - set(new_ids.values())
    conn.executemany("DELETE FROM aliases WHERE entity = ?", [(e,) for e in gone])
    conn.executemany("DELETE FROM entities WHERE id = ?", [(e,) for e in gone])
    # Document counts first, while rows still say where they were. A cluster of new nodes only
    # counts its new rows; one that is the same as before adds the documents its new rows
    # bring; any other is counted once rows have moved.
    node_entity = {n.id: new_ids[label] for label, nodes in members.items() for n in nodes}
    fresh: dict[int, set[int]] = defaultdict(set)
    for doc, _local, node in new_rows:
        if node in node_entity:
            fresh[node_entity[node]].add(doc)
    stable = {
        new_ids[label]
        for label, nodes in members.items()
        if old_members.get(new_ids[label]) == {n.id for n in nodes}
    }
    old_docs = dict(_in_chunks(conn, "SELECT id, docs FROM entities WHERE id IN ({marks})", stable))
    # (document, entity) pairs the new rows' documents already had (none, unless a document
    # kept its row id): those documents are not counted again.
    had = set(
        _in_chunks(
            conn,
            "SELECT doc, entity FROM doc_entities WHERE doc IN ({marks}) AND entity IS NOT NULL",
            {doc for doc, _local, _node in new_rows},
        )
    )
    docs: dict[int, int | None] = {}
    for label, nodes in members.items():
        eid = new_ids[label]
        new_docs = fresh.get(eid, set())
        if all(n.entity is None for n in nodes):
            docs[label] = len(new_docs)
        elif eid in stable:
            docs[label] = old_docs[eid] + sum((d, eid) not in had for d in new_docs)
        else:
            docs[label] = None
    # Nodes that changed entity: new ones (whose rows are all new rows, assigned below), and,
    # rarely, merges and splits, whose older rows follow them here.
    before = {n.id: n.entity for nodes in members.values() for n in nodes}
    conn.executemany(
        "UPDATE entity_nodes SET entity = ? WHERE id = ?",
        [(e, n) for n, e in node_entity.items() if before[n] != e],
    )
    for label, nodes in members.items():
        eid = new_ids[label]
        moved = [n.id for n in nodes if n.entity is not None and n.entity != eid]
        if moved:
            conn.execute(
                f"UPDATE doc_entities SET entity = ? WHERE node IN ({_marks(moved)})",
                [eid, *moved],
            )
    conn.executemany(
        "UPDATE doc_entities SET entity = ?, node = ? WHERE doc = ? AND local = ?",
        [(node_entity.get(node), node, doc, local) for doc, local, node in new_rows],
    )
    entity_rows: list[tuple] = []
    alias_rows: list[tuple] = []
    for label, nodes in members.items():
        eid = new_ids[label]
        count = docs[label]
        if count is None:
            count = conn.execute(
                "SELECT count(DISTINCT doc) FROM doc_entities WHERE entity = ?", (eid,)
            ).fetchone()[0]
        forms: dict[str, int] = defaultdict(int)
        for n in nodes:
            for f, c in n.forms.items():
                if c > 0:
                    forms[f] += c
        first = nodes[0]
        lat = next((n.lat for n in nodes if n.lat is not None), None)
        lon = next((n.lon for n in nodes if n.lon is not None), None)
        gid = next((n.gid for n in nodes if n.gid), None)
        name = best_name(first.kind, forms.items())
        if first.kind == PLACE and gid:
            # A place goes by its gazetteer's spelling, in plain letters, whatever spelling
            # the articles used ("Shibirghan" for Sheberghan, "California" for Calif.).
            from explorer.extract.gazetteer import canonical_name  # loaded when resolving

            name = canonical_name(gid) or name
            if name not in forms:
                forms[name] = 0  # findable under the name it is shown with
        entity_rows.append(
            (
                eid,
                name,
                first.kind,
                lat,
                lon,
                gid,
                sum(n.mentions for n in nodes),
                count,
            )
        )
        alias_rows += [(eid, f, alias_norm(f), c) for f, c in sorted(forms.items())]
    conn.executemany(
        "INSERT INTO entities(id, name, kind, lat, lon, gazetteer_id, mentions, docs)"
        " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = excluded.name,"
        " kind = excluded.kind, lat = excluded.lat, lon = excluded.lon,"
        " gazetteer_id = excluded.gazetteer_id, mentions = excluded.mentions,"
        " docs = excluded.docs",
        entity_rows,
    )
    conn.executemany("DELETE FROM aliases WHERE entity = ?", [(r[0],) for r in entity_rows])
    conn.executemany("INSERT INTO aliases(entity, alias, norm, n) VALUES (?,?,?,?)", alias_rows)


def _new_ids(
    conn: sqlite3.Connection, members: dict[int, list[_Node]], free: set[int]
) -> dict[int, int]:
    """Each cluster's id: a hash of its first node, unless another entity holds it already (a
    collision, about one in 10^4 at a million entities: then the next free id). ``free``: the
    ids of the entities being rewritten, which may be reused."""
    wanted = {label: _entity_id(nodes[0].id) for label, nodes in members.items()}
    existing = {
        e
        for (e,) in _in_chunks(
            conn, "SELECT id FROM entities WHERE id IN ({marks})", set(wanted.values())
        )
    } - free
    used: set[int] = set()
    out: dict[int, int] = {}
    for label, eid in wanted.items():
        while eid in used or eid in existing:
            eid = (eid + 1) & ((1 << 52) - 1)
            if (
                eid not in free
                and conn.execute("SELECT 1 FROM entities WHERE id = ?", (eid,)).fetchone()
            ):
                existing.add(eid)
        used.add(eid)
        out[label] = eid
    return out


def _marks(values) -> str:
    return ",".join("?" * len(values))


def row_aliases(aliases_json: str | None, name: str) -> list[str]:
    """The forms a ``doc_entities`` row stores as JSON (its name when none are readable)."""
    try:
        aliases = json.loads(aliases_json) if aliases_json else []
    except ValueError:
        aliases = []
    return [a for a in aliases if isinstance(a, str) and a] or [name]


def best_name(kind: str, counts: Iterable[tuple[str, int]]) -> str:
    """The name an entity is shown under: the most used full form.

    People and bodies prefer a form of two words or more ("Ismail Khan" over "Khan" or
    "Mr Khan"), without a title before it ("Barnett Slepian" over "Dr. Barnett Slepian", however
    often the articles write the title), and then the most used; places the most used spelling
    not written in capitals.
    """
    counts = list(counts)

    def rank(nc: tuple[str, int]):
        n, c = nc
        full = _is_full_name(n) if kind in (PERSON, ORG) else True
        untitled = kind != PERSON or not full or _bare(n) == fold(n)  # "Mrs. Clinton" stays
        return (full, not n.isupper(), untitled, c, len(n), n)

    return max(counts, key=rank)[0]
