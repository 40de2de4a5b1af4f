"""A person's corrections of the names: merge two entities, split one, rename one, set its kind.

Extraction will always get some names wrong, and the person who reads the articles knows
better. Their corrections are kept in a file beside the index (``<index>.corrections.jsonl``,
one JSON object a line, in the order made), not in the index: the index is a cache of the
corpus that any update may rebuild, the corrections are the user's work and must outlive it.
After every update, and when a correction is made, they are applied again, in order, to what
the index holds (``apply``): so they survive rebuilds, new files and schema changes alike.

A correction names its entities by id *and* by name and kind (``Ref``): ids are stable while
the corpus is (a hash of the entity's first node), names when it changes. A correction whose
entities are no longer there (their documents were removed) is kept and does nothing.

The four operations, each a row of ``OPERATIONS``:

* ``merge``: ``{"op": "merge", "entity": REF, "other": REF}``: every mention of ``other``
  becomes a mention of ``entity`` ("Vocker" into "Paul Volcker");
* ``split``: ``{"op": "split", "entity": REF, "alias": "Ismail Khan"}``: the documents where
  the entity goes by ``alias`` become a new entity of that name;
* ``rename``: ``{"op": "rename", "entity": REF, "name": "..."}``: the name it is shown under;
* ``kind``: ``{"op": "kind", "entity": REF, "kind": "org"}``: person, place or organisation
  (a place's coordinates go when it stops being one).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.errors import UsageError
from explorer.index.entities import alias_norm, best_name, row_aliases
from explorer.records import ENTITY_KINDS, PLACE

__all__ = ["OPERATIONS", "Ref", "apply", "corrections_path", "find", "load", "make", "record"]

OPERATIONS = ("merge", "split", "rename", "kind")
SUFFIX = ".corrections.jsonl"


def corrections_path(index_path: Path) -> Path:
    """Where the corrections of the index at ``index_path`` are kept (beside it)."""
    return index_path.with_name(index_path.name + SUFFIX)


@dataclass(frozen=True, slots=True)
class Ref:
    """An entity as a correction names it: its id, name and kind when the correction was made."""

    id: int
    name: str
    kind: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind}

    @classmethod
    def from_dict(cls, d: Any) -> Ref:
        if not isinstance(d, dict):
            raise ValueError("an entity must be {id, name, kind}")
        return cls(int(d["id"]), str(d["name"]), str(d["kind"]))


def load(path: Path, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
    """The corrections in ``path``, in order; a line that is not one is skipped, after a
    warning naming it (it stays in the file: nothing the user wrote is lost)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out: list[dict[str, Any]] = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            c = json.loads(line)
            _check(c)
        except (ValueError, KeyError, TypeError) as exc:
            if warn:
                warn(f"{path}:{n}: not a correction, skipped ({exc})")
            continue
        out.append(c)
    return out


def _check(c: Any) -> None:
    if not isinstance(c, dict) or c.get("op") not in OPERATIONS:
        raise ValueError(f"op must be one of {', '.join(OPERATIONS)}")
    Ref.from_dict(c["entity"])
    if c["op"] == "merge":
        Ref.from_dict(c["other"])
    elif c["op"] == "split" and not str(c["alias"]).strip():
        raise ValueError("split needs an alias")
    elif c["op"] == "rename" and not str(c["name"]).strip():
        raise ValueError("rename needs a name")
    elif c["op"] == "kind" and c["kind"] not in ENTITY_KINDS:
        raise ValueError(f"kind must be one of {', '.join(ENTITY_KINDS)}")


# -- making a correction -------------------------------------------------------------------


def find_ref(conn: sqlite3.Connection, entity: int | str) -> Ref:
    """The entity a person names in a correction: an id, or a name or alias written out in
    full (any case). Never a fuzzy guess: merging the wrong entity is worse than a question."""
    text = str(entity).strip()
    if text.isdigit():
        row = conn.execute("SELECT id, name, kind FROM entities WHERE id = ?", (int(text),))
        found = row.fetchone()
        if found is None:
            raise UsageError(f"no entity has id {text} (see `explorer entities`)")
        return Ref(*found)
    rows = conn.execute(
        "SELECT id, name, kind FROM entities WHERE name = ? COLLATE NOCASE ORDER BY docs DESC",
        (text,),
    ).fetchall()
    if not rows:
        rows = conn.execute(
            "SELECT DISTINCT e.id, e.name, e.kind FROM aliases a JOIN entities e"
            " ON e.id = a.entity WHERE a.alias = ? COLLATE NOCASE ORDER BY e.docs DESC",
            (text,),
        ).fetchall()
    if not rows:
        raise UsageError(f"no entity is named {text!r} (try `explorer find {text}`)")
    if len(rows) > 1:
        which = "; ".join(f"{r[0]} ({r[2]} {r[1]})" for r in rows[:5])
        raise UsageError(f"{len(rows)} entities are named {text!r}: give the id of one: {which}")
    return Ref(*rows[0])


def make(conn: sqlite3.Connection, op: str, entity: str, value: str) -> dict[str, Any]:
    """The correction a person asks for, its entities resolved now (``find_ref``)."""
    if op not in OPERATIONS:
        raise UsageError(f"expected one of {', '.join(OPERATIONS)}, got {op!r}")
    ref = find_ref(conn, entity)
    c: dict[str, Any] = {"op": op, "entity": ref.to_dict()}
    if op == "merge":
        other = find_ref(conn, value)
        if other.id == ref.id:
            raise UsageError(f"{ref.name!r} and {value!r} are already one entity")
        c["other"] = other.to_dict()
    elif op == "split":
        alias = value.strip()
        named = _rows_named(conn, ref.id, alias)
        if not named:
            raise UsageError(f"{ref.name!r} never goes by {alias!r} (see its aliases)")
        if len(named) == _row_count(conn, ref.id):
            raise UsageError(f"every mention of {ref.name!r} is {alias!r}: rename it instead")
        c["alias"] = alias
    elif op == "rename":
        if not value.strip():
            raise UsageError("a new name cannot be empty")
        c["name"] = " ".join(value.split())
    else:
        if value not in ENTITY_KINDS:
            raise UsageError(f"kind: expected {', '.join(ENTITY_KINDS)}, got {value!r}")
        c["kind"] = value
    return c


def record(path: Path, correction: dict[str, Any]) -> None:
    """Append one correction to the file (created with its folder if needed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(correction, ensure_ascii=False) + "\n")


# -- applying them -------------------------------------------------------------------------


def apply(conn: sqlite3.Connection, corrections: Iterable[dict[str, Any]]) -> list[int]:
    """Apply every correction, in order, to the entities the index holds now; the ids of the
    entities they leave changed. Idempotent: applying them twice changes nothing more."""
    touched: list[int] = []
    renames: list[tuple[int, str]] = []
    for c in corrections:
        eid = find(conn, Ref.from_dict(c["entity"]))
        if eid is None:
            continue
        op = c["op"]
        if op == "merge":
            other = find(conn, Ref.from_dict(c["other"]))
            if other is not None and other != eid:
                _merge(conn, eid, other)
                touched.append(eid)
        elif op == "split":
            new = _split(conn, eid, c["alias"])
            if new is not None:
                touched += [eid, new]
        elif op == "rename":
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", (c["name"], eid))
            renames.append((eid, c["name"]))
            touched.append(eid)
        else:
            _set_kind(conn, eid, c["kind"])
            touched.append(eid)
    for eid, name in renames:
        # A later merge or split recounted the aliases: the new name stays findable.
        conn.execute(
            "INSERT OR IGNORE INTO aliases(entity, alias, norm, n) VALUES (?, ?, ?, 0)",
            (eid, name, alias_norm(name)),
        )
    return touched


def find(conn: sqlite3.Connection, ref: Ref) -> int | None:
    """The entity a stored correction means now: the same id, else the same name and kind,
    else the one entity of that kind that goes by that name."""
    if conn.execute("SELECT 1 FROM entities WHERE id = ?", (ref.id,)).fetchone():
        return ref.id
    row = conn.execute(
        "SELECT id FROM entities WHERE name = ? AND kind = ? ORDER BY docs DESC LIMIT 1",
        (ref.name, ref.kind),
    ).fetchone()
    if row is not None:
        return row[0]
    rows = conn.execute(
        "SELECT DISTINCT e.id FROM aliases a JOIN entities e ON e.id = a.entity"
        " WHERE a.alias = ? AND e.kind = ? LIMIT 2",
        (ref.name, ref.kind),
    ).fetchall()
    return rows[0][0] if len(rows) == 1 else None


def _merge(conn: sqlite3.Connection, eid: int, other: int) -> None:
    kind = conn.execute("SELECT kind FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    conn.execute(
        "UPDATE doc_entities SET entity = ?, kind = ? WHERE entity = ?", (eid, kind, other)
    )
    conn.execute("UPDATE entity_nodes SET entity = ? WHERE entity = ?", (eid, other))
    conn.execute("DELETE FROM aliases WHERE entity = ?", (other,))
    conn.execute("DELETE FROM entities WHERE id = ?", (other,))
    _refresh(conn, eid)


def _rows_named(conn: sqlite3.Connection, eid: int, alias: str) -> list[tuple[int, int]]:
    """(doc, local) of the entity's document rows named ``alias``: by their own name, or, when
    none is, by any form they use."""
    rows = conn.execute(
        "SELECT doc, local, name, aliases FROM doc_entities WHERE entity = ?", (eid,)
    ).fetchall()
    want = alias.casefold()
    by_name = [(d, loc) for d, loc, name, _ in rows if name.casefold() == want]
    if by_name:
        return by_name
    return [
        (d, loc)
        for d, loc, name, forms in rows
        if want in {f.casefold() for f in row_aliases(forms, name)}
    ]


def _row_count(conn: sqlite3.Connection, eid: int) -> int:
    return conn.execute("SELECT count(*) FROM doc_entities WHERE entity = ?", (eid,)).fetchone()[0]


def _split(conn: sqlite3.Connection, eid: int, alias: str) -> int | None:
    rows = _rows_named(conn, eid, alias)
    if not rows or len(rows) == _row_count(conn, eid):
        return None
    name, kind = conn.execute("SELECT name, kind FROM entities WHERE id = ?", (eid,)).fetchone()
    new = _split_id(conn, kind, alias)
    conn.execute(
        "INSERT INTO entities(id, name, kind, mentions, docs) VALUES (?, ?, ?, 0, 0)",
        (new, alias, kind),
    )
    conn.executemany(
        "UPDATE doc_entities SET entity = ? WHERE doc = ? AND local = ?",
        [(new, d, loc) for d, loc in rows],
    )
    _refresh(conn, new)
    _refresh(conn, eid, rename=name.casefold() == alias.casefold())
    return new


def _split_id(conn: sqlite3.Connection, kind: str, alias: str) -> int:
    """The id of an entity split off: a hash of its kind and name (the same in every index),
    moved on past an id already taken."""
    digest = hashlib.blake2b(f"split\0{kind}\0{alias.casefold()}".encode(), digest_size=8)
    eid = int.from_bytes(digest.digest(), "big") & ((1 << 52) - 1)
    while conn.execute("SELECT 1 FROM entities WHERE id = ?", (eid,)).fetchone():
        eid = (eid + 1) & ((1 << 52) - 1)
    return eid


def _set_kind(conn: sqlite3.Connection, eid: int, kind: str) -> None:
    conn.execute("UPDATE entities SET kind = ? WHERE id = ?", (kind, eid))
    conn.execute("UPDATE doc_entities SET kind = ? WHERE entity = ?", (kind, eid))
    if kind != PLACE:
        conn.execute(
            "UPDATE entities SET lat = NULL, lon = NULL, gazetteer_id = NULL WHERE id = ?", (eid,)
        )


def _refresh(conn: sqlite3.Connection, eid: int, rename: bool = False) -> None:
    """Recount an entity from its document rows: mentions, documents, names it goes by (and
    its name, when the one it had went elsewhere); gone when no row is left."""
    rows = conn.execute(
        "SELECT doc, name, aliases, mentions, lat, lon, gazetteer_id FROM doc_entities"
        " WHERE entity = ?",
        (eid,),
    ).fetchall()
    if not rows:
        conn.execute("DELETE FROM aliases WHERE entity = ?", (eid,))
        conn.execute("DELETE FROM entities WHERE id = ?", (eid,))
        return
    forms: dict[str, int] = defaultdict(int)
    for _doc, name, aliases, _m, _lat, _lon, _gid in rows:
        for f in set(row_aliases(aliases, name)):
            forms[f] += 1
    kind = conn.execute("SELECT kind FROM entities WHERE id = ?", (eid,)).fetchone()[0]
    located = next((r for r in rows if r[4] is not None), None) if kind == PLACE else None
    conn.execute(
        "UPDATE entities SET mentions = ?, docs = ?, lat = coalesce(lat, ?),"
        " lon = coalesce(lon, ?), gazetteer_id = coalesce(gazetteer_id, ?) WHERE id = ?",
        (
            sum(r[3] for r in rows),
            len({r[0] for r in rows}),
            located[4] if located else None,
            located[5] if located else None,
            located[6] if located else None,
            eid,
        ),
    )
    if rename:
        conn.execute(
            "UPDATE entities SET name = ? WHERE id = ?", (best_name(kind, forms.items()), eid)
        )
    conn.execute("DELETE FROM aliases WHERE entity = ?", (eid,))
    conn.executemany(
        "INSERT INTO aliases(entity, alias, norm, n) VALUES (?, ?, ?, ?)",
        [(eid, f, alias_norm(f), n) for f, n in sorted(forms.items())],
    )
