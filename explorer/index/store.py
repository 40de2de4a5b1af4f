"""The SQLite store of a corpus: where it lives, opening it safely, and rebuilding a bad one.

The index is a cache of what the extractors read from the corpus folder; the folder stays the
source of truth. So an index that is corrupt or from another schema version is replaced, after
one line saying so, rather than reported as an error the user must fix. A file at the index
path that is not an explorer index at all (a text file, another program's database) is never
touched: the command stops with one line and the file stays byte-identical.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from explorer.errors import UsageError
from explorer.index import schema

_SQLITE_MAGIC = b"SQLite format 3\x00"


def corpus_key(root: Path) -> str:
    """A file name for what belongs to the corpus at ``root``: its folder name, readable, and a
    hash of its absolute path, so two folders named alike never share an index or bookmarks."""
    root = root.resolve()
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", root.name)[:40] or "corpus"
    key = hashlib.blake2b(str(root).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return f"{slug}-{key}"


CACHE_ENV = "EXPLORER_CACHE_DIR"


def cache_dir() -> Path:
    """The folder of explorer's caches (default indexes, the gazetteer's snapshot):
    ``$EXPLORER_CACHE_DIR``, else the user's cache folder."""
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    from platformdirs import user_cache_dir  # only when it is needed

    return Path(user_cache_dir("explorer", appauthor=False))


def default_index_path(root: Path) -> Path:
    """Where the index of the corpus at ``root`` lives when ``--index`` is not given."""
    return cache_dir() / f"{corpus_key(root)}.sqlite"


def read_only(path: Path, **kwargs: object) -> sqlite3.Connection:
    """A plain read-only connection: opening it never creates or changes the file."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, **kwargs)  # type: ignore[arg-type]


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """A connection tuned for this workload: WAL so readers never block the writer."""
    if readonly:
        conn = read_only(path, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 10000")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -65536")
    if not readonly:
        # Not for readers: the pages a reader maps count in the app's memory (484 of its 736 MB
        # after loading the panes at 200k documents), and reading them through the operating
        # system's cache was as fast (1.68 s for the three panes, 1.77 s mapped).
        conn.execute("PRAGMA mmap_size = 268435456")
    return conn


def owned(path: Path) -> bool:
    """Whether the file at ``path`` may be written, replaced or deleted as an index: it is absent
    or empty, or an SQLite database stamped with our application id, or an older explorer index
    (our ``meta`` table, from before the stamp)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return True
    except IsADirectoryError:
        return False
    if not header:
        return True
    if len(header) < 100 or not header.startswith(_SQLITE_MAGIC):
        return False
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == schema.APPLICATION_ID:
        return True
    if app_id != 0:
        return False
    try:
        conn = read_only(path)
        try:
            return schema.version(conn) is not None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False


def refuse(path: Path) -> UsageError:
    return UsageError(
        f"{path} is not an explorer index; it was left as it is (give --index another path)"
    )


def open_index(path: Path, notice: Callable[[str], None] | None = None) -> sqlite3.Connection:
    """Open the index at ``path`` for writing, creating or rebuilding it when needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not owned(path):
        raise refuse(path)
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
    return path.is_file() and path.stat().st_size > 0 and owned(path) and _check(path) is None


def has_documents(path: Path) -> bool:
    """A usable index holding at least one document: worth answering from when it is stale."""
    if not is_current(path):
        return False
    try:
        conn = read_only(path)
        try:
            return conn.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _check(path: Path) -> str | None:
    """Why the file at ``path`` can't be used as an index, or None when it can (or is absent)."""
    if not path.exists():
        return None
    if path.is_dir():
        return "is a folder"
    try:
        conn = read_only(path)
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
    """Delete an index file and its WAL companions (never a folder, never a file not ours)."""
    if not owned(path):
        raise refuse(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        if p.is_dir():
            raise OSError(f"{p} is a folder, not an index file")
        p.unlink(missing_ok=True)


@contextlib.contextmanager
def writing(path: Path, notice: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the index's writer lock: one update at a time, others wait their turn.

    Two ``explorer index`` runs on one index used to interleave their batches (a UNIQUE
    constraint failed, entity counts came out wrong). The lock is an advisory ``flock`` on a
    file beside the index, released by the OS if the process dies, so a crash never leaves it
    held; readers do not take it (WAL lets them read while one writer writes).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(str(path) + ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if notice:
                notice(f"index {path} is being updated by another explorer; waiting for it")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def replace(fresh: Path, path: Path) -> None:
    """Put the complete index ``fresh`` (no WAL of its own) in the place of ``path``.

    The old index's WAL is checkpointed and emptied first: SQLite would otherwise replay its
    frames into the new file. Readers still holding the old file keep reading it; new ones
    open the new one.
    """
    if path.exists():
        try:
            old = connect(path)
            try:
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                old.close()
        except sqlite3.DatabaseError:
            pass  # a damaged old index: nothing worth keeping in its WAL
    os.replace(fresh, path)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
