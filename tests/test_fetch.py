"""Rows in one step (explorer.index.fetch): the same rows as the statement's own, in its order."""

from __future__ import annotations

import sqlite3

import pytest

from explorer.index import fetch


@pytest.fixture
def conn() -> sqlite3.Connection:
    c = sqlite3.connect(":memory:")
    c.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL, note TEXT)")
    c.execute("CREATE TABLE u(id INTEGER PRIMARY KEY, t INTEGER, label TEXT)")
    rows = [
        (1, "Kandahar", 0.5, None),
        (2, "Ḥerāt “quoted”", -3.25, "a\nnewline"),
        (3, 'a "double" quote', 12.0, "tab\there"),
        (4, "\x1b[31mred\x1b[0m", 1e-3, ""),
        (5, "Zaranj", 2.0, "emoji 🗞"),
    ]
    c.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
    c.executemany("INSERT INTO u VALUES (?, ?, ?)", [(10, 2, "x"), (11, 5, "y"), (12, 2, "z")])
    return c


@pytest.mark.parametrize(
    ("statement", "params"),
    [
        ("SELECT * FROM t ORDER BY name DESC", ()),
        ("SELECT id, name FROM t WHERE score > ? ORDER BY score LIMIT 3", (0,)),
        ("SELECT note, id AS n FROM t ORDER BY note IS NULL, note, id", ()),
        ("WITH s(k) AS (VALUES (5), (1)) SELECT t.name FROM s JOIN t ON t.id = s.k", ()),
        ("SELECT count(*) AS n FROM t WHERE id IN (?, ?)", (1, 9)),
        ("SELECT name FROM t WHERE id > 99", ()),
    ],
)
def test_the_rows_are_the_statements_own_in_its_order(conn, statement, params) -> None:  # type: ignore[no-untyped-def]
    names, rows = fetch.rows(conn, statement, params)
    cur = conn.execute(statement, params)
    assert names == [d[0] for d in cur.description]
    assert [tuple(r) for r in rows] == cur.fetchall()


def test_columns_of_one_name_are_kept_apart(conn) -> None:  # type: ignore[no-untyped-def]
    """Two columns named alike ("id" of two tables) are both read: SQLite names the second
    "id:1" in a sub-query."""
    names, rows = fetch.rows(
        conn, "SELECT t.id, u.id, u.label FROM t JOIN u ON u.t = t.id ORDER BY u.id"
    )
    assert names[0] == "id" and names[2] == "label" and len(names) == 3
    assert [tuple(r) for r in rows] == [(2, 10, "x"), (5, 11, "y"), (2, 12, "z")]


def test_an_error_is_the_statements_own(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        fetch.rows(conn, "SELECT missing FROM t")


def test_a_blob_where_text_was_stored_is_read_as_it_is(conn) -> None:  # type: ignore[no-untyped-def]
    """JSON cannot hold bytes: such a row is read the plain way, not refused."""
    conn.execute("UPDATE t SET note = ? WHERE id = 3", (b"\x00\xff",))
    names, rows = fetch.rows(conn, "SELECT id, note FROM t ORDER BY id")
    assert names == ["id", "note"]
    assert [tuple(r) for r in rows] == conn.execute("SELECT id, note FROM t ORDER BY id").fetchall()
    assert rows[2] == [3, b"\x00\xff"]
