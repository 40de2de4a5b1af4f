"""The `find` lookup: what a person types, typos included, ranked with the right entity first."""

from __future__ import annotations

import sqlite3

import pytest

from explorer.index import schema
from explorer.index.lookup import NameIndex

NAMES = [
    (1, "Kandahar", "place"),
    (1, "KANDAHAR", "place"),
    (2, "Zalmay Khalilzad", "person"),
    (2, "Khalilzad", "person"),
    (3, "Mohammad Ismail Khan", "person"),
    (3, "Ismail Khan", "person"),
    (3, "Khan", "person"),
    (4, "Juma Khan", "person"),
    (4, "Khan", "person"),
    (5, "Lashkar Gah", "place"),
    (6, "Pul-e-Alam", "place"),
    (6, "Puli-e Alim", "place"),
    (7, "Ghazni", "place"),
    (7, "Ghanzi", "place"),
    (8, "Ashraf Ghani", "person"),
    (9, "Herat", "place"),
    (10, "Helmand", "place"),
    (11, "Kabul", "place"),
    (11, "Kabil", "place"),
    (12, "Kunduz", "place"),
    (13, "Taliban", "org"),
    (14, "Al", "person"),  # a two-letter name: the classic WRatio/partial_ratio trap
    (15, "Ka", "place"),
    (16, "Kandahar province", "place"),
    (17, "Mazar-i-Sharif", "place"),
    (18, "Hibatullah Akhundzada", "person"),
    (19, "Ben Wallace", "person"),
    (20, "Qala-e-Naw", "place"),
]
POP = {
    1: 20,
    2: 3,
    3: 10,
    4: 3,
    5: 13,
    6: 3,
    7: 13,
    8: 1,
    9: 20,
    10: 10,
    11: 39,
    12: 1,
    13: 139,
    14: 50,
    15: 50,
    16: 1,
    17: 2,
    18: 2,
    19: 3,
    20: 2,
}


@pytest.fixture(scope="module")
def index() -> NameIndex:
    return NameIndex.from_names(NAMES, POP)


def top(index: NameIndex, q: str, kind: str | None = None) -> int:
    res = index.search(q, kind=kind)
    assert res, f"no result for {q!r}"
    return res[0][0]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("kandahr", 1),  # deletion
        ("kandhar", 1),
        ("kalilzad", 2),
        ("khalilzda", 2),  # transposition
        ("ismael khan", 3),  # substitution, two words
        ("lashkargah", 5),  # missing space
        ("pul e alam", 6),  # spaces for hyphens
        ("pulealam", 6),
        ("khali", 2),  # still typing
        ("akhund", 18),
        ("ghazni", 7),
        ("ghani", 8),
        ("herat", 9),
        ("helmand", 10),
        ("kabul", 11),
        ("kabil", 11),
        ("kunduz", 12),
        ("Mazar e Sharif", 17),
        ("z khalilzad", 2),  # initial
        ("zk", 2),
        ("bw", 19),
        ("qala e naw", 20),
        ("TALIBAN", 13),
        ("wallce", 19),
    ],
)
def test_typed_queries_find_the_right_entity_first(index, query, expected):
    assert top(index, query) == expected


def test_scores_are_bounded_and_ordered(index):
    res = index.search("kandahar", limit=10)
    assert res[0] == (1, 100.0)
    scores = [s for _, s in res]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert len({e for e, _ in res}) == len(res)  # one row per entity, not per alias


def test_short_names_do_not_win_long_queries(index):
    res = dict(index.search("alexander kandahari", limit=20))
    assert res.get(14, 0) < 60 and res.get(15, 0) < 60


def test_kind_filter(index):
    assert top(index, "kandahar", kind="place") == 1
    kinds = {e: k for e, _, k in NAMES}
    res = index.search("khan", kind="person")
    assert all(kinds[e] == "person" for e, _ in res)
    assert [e for e, _ in res[:2]] == [3, 4]
    assert index.search("kandahar", kind="org") == [] or top(index, "kandahar", kind="org") == 13


def test_ties_go_to_the_most_mentioned(index):
    # "khan" is every Khan's alias: the better known one comes first.
    res = index.search("khan", limit=3)
    assert res[0][0] == 3 and res[1][0] == 4


def test_empty_and_nonsense_queries(index):
    assert index.search("") == []
    assert index.search("   ") == []
    assert index.search("zzzzqqqq") == []
    assert index.search("kabul", limit=0) == []


def test_load_from_sqlite():
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    conn.executemany(
        "INSERT INTO entities(id, name, kind, mentions, docs) VALUES (?,?,?,?,1)",
        [(1, "Kandahar", "place", 20), (2, "Zalmay Khalilzad", "person", 3)],
    )
    conn.executemany(
        "INSERT INTO aliases(entity, alias, norm) VALUES (?,?,?)",
        [
            (1, "Kandahar", "kandahar"),
            (1, "KANDAHAR", "kandahar"),
            (2, "Zalmay Khalilzad", "zalmay khalilzad"),
            (2, "Khalilzad", "khalilzad"),
        ],
    )
    idx = NameIndex.load(conn)
    assert len(idx) == 3  # the two spellings of Kandahar share one normalised form
    assert top(idx, "kandahr") == 1
    assert top(idx, "kalilzad") == 2


def test_many_similar_names_keep_the_right_one_first():
    names = [(i, f"Person{i} Khan", "person") for i in range(3000)]
    names += [(5000, "Ismail Khan", "person"), (5001, "Ismail Khanzada", "person")]
    idx = NameIndex.from_names(names)
    assert top(idx, "ismail khan") == 5000
    assert top(idx, "ismael khan") == 5000


# -- the saved lookup: what the writer keeps in the index, so commands need not build it


QUERIES = ["kandahr", "ismael khan", "zk", "pul e alam", "khali", "TALIBAN", "al", "xyzzy"]


def test_saved_lookup_answers_like_the_built_one(index):
    again = NameIndex.from_bytes(index.to_bytes())
    assert len(again) == len(index)
    for q in QUERIES:
        for kind in (None, "person", "place"):
            assert again.search(q, kind=kind) == index.search(q, kind=kind), (q, kind)


def test_saved_lookup_keeps_names_of_any_script_and_length():
    names = [(1, "Ибрагим Хан", "person"), (2, "محمد", "person"), (3, "A", "place")]
    names += [(4, "x" * 300, "org"), (5, "Zoë Ça\u0301rdenas", "person")]
    idx = NameIndex.from_names(names)
    again = NameIndex.from_bytes(idx.to_bytes())
    for q in ("ибрагим", "محمد", "zoe cardenas", "x" * 300):
        assert again.search(q) == idx.search(q), q


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b"NIX9" + b[4:],  # another format
        lambda b: b[:-1],  # cut short
        lambda b: b + b"\0",  # too long
        lambda b: b[:60] + bytes(len(b) - 60),  # lengths right, contents zeroed
    ],
)
def test_damaged_saved_lookup_is_refused(index, damage):
    with pytest.raises((ValueError, IndexError, UnicodeDecodeError)):
        bad = NameIndex.from_bytes(damage(index.to_bytes()))
        assert bad.search("kandahr")  # refused at the latest when used


def _tiny_index() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    schema.create(conn)
    conn.executemany(
        "INSERT INTO entities(id, name, kind, mentions, docs) VALUES (?,?,?,?,1)",
        [(1, "Kandahar", "place", 20), (2, "Zalmay Khalilzad", "person", 3)],
    )
    conn.executemany(
        "INSERT INTO aliases(entity, alias, norm) VALUES (?,?,?)",
        [(1, "Kandahar", "kandahar"), (2, "Zalmay Khalilzad", "zalmay khalilzad")],
    )
    return conn


def _saved(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM lookup_cache").fetchone()[0]


@pytest.mark.parametrize(
    "change",
    [
        "INSERT INTO aliases(entity, alias, norm) VALUES (1, 'Qandahar', 'qandahar')",
        "DELETE FROM aliases WHERE entity = 2",
        "UPDATE aliases SET norm = 'kandahar city' WHERE entity = 1",
        "INSERT INTO entities(id, name, kind) VALUES (3, 'Herat', 'place')",
        "DELETE FROM entities WHERE id = 2",
        "UPDATE entities SET kind = 'org' WHERE id = 2",
        "UPDATE entities SET mentions = 99 WHERE id = 2",
    ],
)
def test_any_change_to_the_names_drops_the_saved_lookup(change):
    conn = _tiny_index()
    NameIndex.build(conn).save(conn)
    assert _saved(conn) == 1
    conn.execute(change)
    assert _saved(conn) == 0
    assert NameIndex.load(conn).search("kandahr")  # built again from the tables


def test_a_change_elsewhere_keeps_the_saved_lookup():
    conn = _tiny_index()
    NameIndex.build(conn).save(conn)
    conn.execute("UPDATE entities SET lat = 31.6, lon = 65.7 WHERE id = 1")
    conn.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    assert _saved(conn) == 1


def test_load_prefers_the_saved_lookup_and_survives_a_damaged_one():
    conn = _tiny_index()
    NameIndex.from_names([(1, "Saved Only", "place")]).save(conn)
    assert top(NameIndex.load(conn), "saved only") == 1  # the saved one was read
    conn.execute("UPDATE lookup_cache SET data = x'00ff'")
    assert top(NameIndex.load(conn), "kandahr") == 1  # damaged: built from the tables


def test_the_saved_lookup_is_the_same_bytes_in_every_process() -> None:
    """The same names give the same bytes whatever the process's string hashing (which orders
    the sets of trigrams a lookup is built from): two builds of one folder are equal."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from explorer.index.lookup import NameIndex; "
        "names = [(i, n, 'person') for i, n in enumerate(["
        "'Ashraf Ghani', 'Zabihullah Mujahid', 'Ned Price', 'Kandahar', 'Lashkar Gah'])]; "
        "sys.stdout.buffer.write(NameIndex.from_names(names).to_bytes())"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
