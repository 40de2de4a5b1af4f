"""The SQLite store of a corpus: where it lives, opening it safely, and rebuilding a bad one.

The index is a cache of what the extractors read from the corpus folder; the folder stays the
source of truth. So an index that is corrupt, from another schema version, or not ours at all
is replaced, after one line saying so, rather than reported as an error the user must fix.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_cache_dir

from explorer.index import schema


def default_index_path(root: Path) -> Path:
    """Where the index of the corpus at ``root`` lives when ``--index`` is not given."""
    root = root.resolve()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", root.name)[:40] or "corpus"
    key = hashlib.blake2b(str(root).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return Path(user_cache_dir("explorer", appauthor=False)) / f"{slug}-{key}.sqlite"


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection tuned for this workload: WAL so readers never block the writer."""
    if readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA mmap_size = 268435456")
    return conn


def open_index(path: Path, notice: Callable[[str], None] | None = None) -> sqlite3.Connection:
    """Open the index at ``path`` for writing, creating or rebuilding it when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    problem = _check(path)
    if problem:
        if notice:
            notice(f"index {path} {problem}; rebuilding it from the corpus")
        remove(path)
    conn = connect(path)
    if schema.version(conn) is None:
        with conn:
            schema.create(conn)
    return conn


def is_current(path: Path) -> bool:
    """An index file of this schema version exists and opens."""
    return path.is_file() and path.stat().st_size > 0 and _check(path) is None


def _check(path: Path) -> str | None:
    """Why the file at ``path`` can't be used as an index, or None when it can (or is absent)."""
    if not path.exists():
        return None
    if path.is_dir():
        return "is a folder"
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables:
                return None if path.stat().st_size == 0 else "is empty"
            found = schema.version(conn)
            if found is None:
                return "is not an explorer index"
            if found != schema.SCHEMA_VERSION:
                return f"has schema version {found}, this explorer needs {schema.SCHEMA_VERSION}"
            conn.execute("SELECT count(*) FROM files").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return "is corrupt or not a database"
    return None


def remove(path: Path) -> None:
    """Delete an index file and its WAL companions (never a folder)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.is_dir():
            raise OSError(f"{p} is a folder, not an index file")
        p.unlink(missing_ok=True)
