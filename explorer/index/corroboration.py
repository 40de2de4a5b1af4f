"""Which documents tell each event and each quote: groups kept in the index, updated with it.

Two events tell the same story when they carry the same date (the same TIMEX3 day, month or
year) and the same fact in the same or other words (``explorer.extract.retelling``); two
quotes when they are the same words (the fingerprint) or the same named speaker in nearly the
same words. The groups are the connected components of that relation, kept as rows of
``event_groups``/``quote_groups`` (a row and its group; a fact told once has none). A page of
the timeline reads its sources with one indexed query, whatever the filter; before, every page
compared the events of each day among themselves (7.3 s for the commonest entity's timeline at
200k documents), and an event's count depended on the rows on the page.

Groups, not pairs: a wire story syndicated to 500 outlets is 500 rows in one group, where pairs
would be 125,000 (a generated 200k corpus, heavy with repeats, queued 100 million candidate
pairs). For the same reason exact repeats (the same content words and names) are one telling
before any comparison.

Incremental and order-independent: storing or removing a document marks the date buckets of
its events dirty (``link_dirty``) and the bucket's groups are computed again from the bucket as
it is, so an index updated file by file has the groups of a clean rebuild. Quotes, few beside
events, are regrouped whole when any changed. A run stopped before grouping finishes next time.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator

from explorer.extract.retelling import Telling, same_fact
from explorer.index import fetch
from explorer.index.sql import marks

__all__ = ["EVENT", "QUOTE", "forget_document", "group", "queue_events", "queue_quotes", "sources"]

# Distinct tellings of one date compared at most; past it, the date is a list ("1987" in every
# sentence of a year's reports) more than one day's news, and its events are not grouped.
MAX_BUCKET = 4_000
EVENT, QUOTE = "event", "quote"
_GROUPS = {EVENT: "event_groups", QUOTE: "quote_groups"}
_ROWS = {EVENT: "times", QUOTE: "quotes"}
_ON_TIMELINE = "type IN ('DATE', 'TIME') AND first_day IS NOT NULL"


def queue_events(conn: sqlite3.Connection, doc: int) -> None:
    """Mark the date buckets of ``doc``'s events (just stored, or about to go) to regroup."""
    conn.execute(
        "INSERT OR IGNORE INTO link_dirty(kind, key) SELECT DISTINCT 'event',"
        f" first_day || '|' || last_day FROM times WHERE doc = ? AND {_ON_TIMELINE}",
        (doc,),
    )


def queue_quotes(conn: sqlite3.Connection, doc: int) -> None:
    """Mark the quotes to regroup when ``doc`` has any (just stored, or about to go)."""
    if conn.execute("SELECT 1 FROM quotes WHERE doc = ? LIMIT 1", (doc,)).fetchone():
        conn.execute("INSERT OR IGNORE INTO link_dirty(kind, key) VALUES ('quote', '*')")


def forget_document(conn: sqlite3.Connection, doc: int, kinds: Iterable[str] = (EVENT, QUOTE)):  # type: ignore[no-untyped-def]
    """Before ``doc``'s events/quotes are deleted: mark their groups to compute again."""
    for kind in kinds:
        (queue_events if kind == EVENT else queue_quotes)(conn, doc)
        conn.execute(
            f"DELETE FROM {_GROUPS[kind]} WHERE row IN (SELECT rowid FROM {_ROWS[kind]}"
            " WHERE doc = ?)",
            (doc,),
        )


def group(conn: sqlite3.Connection) -> int:
    """Compute again the groups of every dirty bucket; returns the rows now in a group."""
    grouped = 0
    buckets = [k for (k,) in conn.execute("SELECT key FROM link_dirty WHERE kind = 'event'")]
    for key in buckets:
        first, _, last = key.partition("|")
        # Each event's telling was made as it was stored (times.store_times): a day of a
        # million documents holds thousands, and tokenising them again took minutes.
        rows = conn.execute(
            "SELECT rowid, telling FROM times"
            " WHERE first_day = ? AND last_day = ? AND type IN ('DATE', 'TIME')",
            (first, last),
        ).fetchall()
        _clear(conn, EVENT, [r[0] for r in rows])
        tellings = {r[0]: Telling.from_signature(r[1]) for r in rows}
        grouped += _store(conn, EVENT, _components(rows, tellings))
    if conn.execute("SELECT 1 FROM link_dirty WHERE kind = 'quote'").fetchone():
        conn.execute("DELETE FROM quote_groups")
        grouped += _store(conn, QUOTE, _quote_components(conn))
    conn.execute("DELETE FROM link_dirty")
    return grouped


def _components(rows: list[tuple], tellings: dict[int, Telling]) -> list[list[int]]:
    """The rows of one bucket in groups telling the same fact (singletons left out)."""
    # Exact repeats are one telling: compared once, grouped together.
    same: dict[tuple[frozenset[str], ...], list[int]] = defaultdict(list)
    for rowid, *_ in rows:
        t = tellings[rowid]
        if len(t.words) >= 3:
            same[(t.words, t.names, t.numbers)].append(rowid)
    if len(same) > MAX_BUCKET:
        return [sorted(g) for g in same.values() if len(g) > 1]
    leaders = _leaders({key: tellings[members[0]] for key, members in same.items()})
    out: dict[tuple, list[int]] = defaultdict(list)  # type: ignore[type-arg]
    for key, members in same.items():
        out[leaders[key]].extend(members)
    return [sorted(g) for g in out.values() if len(g) > 1]


def _quote_components(conn: sqlite3.Connection) -> list[list[int]]:
    """Quotes in groups: the same words (fingerprint), or the same named speaker in nearly
    the same words."""
    by_print: dict[str, list[int]] = defaultdict(list)
    speaker_prints: dict[str, dict[str, str]] = defaultdict(dict)
    for rowid, fp, speaker, display in conn.execute(
        "SELECT rowid, fingerprint, CASE WHEN speaker_local IS NOT NULL THEN lower(speaker) END,"
        " display FROM quotes"
    ):
        by_print[fp].append(rowid)
        if speaker:
            speaker_prints[speaker].setdefault(fp, display)
    parent = {fp: fp for fp in by_print}
    for prints in speaker_prints.values():
        if len(prints) < 2 or len(prints) > MAX_BUCKET:
            continue
        leaders = _leaders({fp: Telling.of(text) for fp, text in prints.items()})
        for fp, leader in leaders.items():
            _union(parent, fp, leader)
    out: dict[str, list[int]] = defaultdict(list)
    for fp, members in by_print.items():
        out[_find(parent, fp)].extend(members)
    return [sorted(g) for g in out.values() if len(g) > 1]


def _leaders(tellings: dict) -> dict:  # type: ignore[type-arg]
    """Each telling's group, named by its leader: the first leader, in a fixed order of
    content (so not of storage), that it tells the same fact as.

    Leaders, not the closure of the relation: in a closure, short wire sentences sharing
    "dlrs", "year" and a number chain into one group of a thousand unrelated sentences (1,266
    on Reuters' 1985). Every member here tells the same fact as its leader.

    Candidates come from the leaders' prefixes (``Telling.prefix``): of two tellings of one
    fact, the shorter has a prefix word in the longer, so no pair is missed and few are tried.
    """

    def content(k):  # type: ignore[no-untyped-def]  # unique per telling, whatever was stored first
        t = tellings[k]
        return (
            -len(t.words),
            sorted(t.words),
            sorted(t.names),
            sorted(t.numbers),
            k if isinstance(k, str) else "",
        )

    order = sorted(tellings, key=content)
    prefixed: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    having: dict[str, list] = defaultdict(list)  # type: ignore[type-arg]
    rank: dict = {}  # type: ignore[type-arg]
    out: dict = {}  # type: ignore[type-arg]
    for k in order:  # longest first: a leader is never shorter than its members
        mine = tellings[k]
        prefix = mine.prefix()
        candidates = {o for w in mine.words for o in prefixed[w]}
        candidates.update(o for w in prefix for o in having[w])
        matching = [o for o in candidates if same_fact(mine, tellings[o])]
        if matching:
            out[k] = min(matching, key=rank.__getitem__)
            continue
        rank[k] = len(rank)
        out[k] = k
        for w in prefix:
            prefixed[w].append(k)
        for w in mine.words:
            having[w].append(k)
    return out


def _union(parent: dict, a, b) -> None:  # type: ignore[no-untyped-def, type-arg]
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _find(parent: dict, a):  # type: ignore[no-untyped-def, type-arg]
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


def _clear(conn: sqlite3.Connection, kind: str, rows: list[int]) -> None:
    for chunk in _chunks(rows, 500):
        conn.execute(f"DELETE FROM {_GROUPS[kind]} WHERE row IN ({marks(chunk)})", chunk)


def _store(conn: sqlite3.Connection, kind: str, groups: list[list[int]]) -> int:
    """Each group's rows under the group's smallest row."""
    conn.executemany(
        f"INSERT OR REPLACE INTO {_GROUPS[kind]}(row, grp) VALUES (?, ?)",
        [(r, g[0]) for g in groups for r in g],
    )
    return sum(len(g) for g in groups)


def sources(conn: sqlite3.Connection, kind: str, rows: list[int]) -> dict[int, list[int]]:
    """For each row in a group, the other rows of its group (itself not included)."""
    table = _GROUPS[kind]
    group_of: dict[int, int] = {}
    for chunk in _chunks(sorted(set(rows)), 500):
        statement = f"SELECT row, grp FROM {table} WHERE row IN ({marks(chunk)})"
        group_of.update(fetch.rows(conn, statement, chunk)[1])
    members: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(set(group_of.values())), 500):
        statement = f"SELECT row, grp FROM {table} WHERE grp IN ({marks(chunk)})"
        for row, grp in fetch.rows(conn, statement, chunk)[1]:
            members[grp].append(row)
    return {row: [m for m in members[grp] if m != row] for row, grp in group_of.items()}


def _chunks(items: list, size: int) -> Iterator[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i : i + size]
