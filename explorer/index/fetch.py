"""Rows of a statement in one step of SQLite, so that a busy thread beside it costs nothing.

Python's ``sqlite3`` lets go of the GIL for every ``sqlite3_step``, that is for every row,
and must take it back before it can read the row. When another thread is running Python (the
app painting its screen, another pane's load building records), taking it back waits for that
thread to give it up: up to the switch interval, 5 ms, a row. So a page of 200 events, read in
7 ms alone, took 50-90 ms in the app, and 2,000 rows read in 2 ms took 2.1-2.7 s beside a
thread counting in a loop.

Here the statement runs inside ``SELECT json_group_array(json_array(<its columns>)) FROM
(<it>)``: SQLite builds every row into one JSON text, which comes back in one step and is
decoded by ``json.loads`` in C. Alone it costs about a microsecond a row more (2,000 rows in
4.7 ms against 2.2); beside the busy thread, 11-16 ms against 2.1-2.7 s. The rows keep the
statement's order (the aggregate reads its sub-query in order). SQLite writes a REAL with 15
significant digits in JSON: a value may differ from the stored one in its 16th or 17th digit.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import OrderedDict

__all__ = ["rows"]

# Column names of the statements seen last (a name lookup costs a step of its own).
_NAMES: OrderedDict[str, list[str]] = OrderedDict()
_NAMES_KEPT = 512
_lock = threading.Lock()


def rows(
    conn: sqlite3.Connection, statement: str, params: tuple | list = ()
) -> tuple[list[str], list[list]]:
    """The column names of ``statement`` and its rows (each a list, in the statement's order)."""
    names = _names(conn, statement, params)
    columns = ", ".join('"' + n.replace('"', '""') + '"' for n in names)
    whole = f"SELECT json_group_array(json_array({columns})) FROM ({statement})"
    try:
        (text,) = conn.execute(whole, params).fetchone()
    except sqlite3.OperationalError as exc:
        if "BLOB" not in str(exc):
            raise
        # JSON holds no bytes: a value stored as a BLOB (the index never writes one where
        # a row is read this way; damage could) is read row by row, as it is.
        return names, [list(r) for r in conn.execute(statement, params)]
    return names, json.loads(text)


def _names(conn: sqlite3.Connection, statement: str, params: tuple | list) -> list[str]:
    """The statement's column names, as SQLite names them in a sub-query ("id", "id:1" when
    two columns share a name), learnt once per statement text."""
    with _lock:
        names = _NAMES.get(statement)
        if names is not None:
            _NAMES.move_to_end(statement)
            return names
    cur = conn.execute(f"SELECT * FROM ({statement}) LIMIT 0", params)
    names = [d[0] for d in cur.description]
    with _lock:
        _NAMES[statement] = names
        while len(_NAMES) > _NAMES_KEPT:
            _NAMES.popitem(last=False)
    return names
