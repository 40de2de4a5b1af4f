"""Index shards: build an index for a subset of a corpus anywhere, merge shards into one.

Why: past what one machine extracts in an acceptable time, the per-document work (by far the
dominant cost) must run on many machines, and SQLite has one writer. So each worker (a Dask or
Ray task, a batch job, a local process) indexes its own files into its own shard file with the
very code the incremental builder uses, and one cheap, sequential ``merge`` copies the shards'
rows into the target: documents, facts, full-text rows and the files table, with row ids
offset. Entities are the one corpus-wide decision (do "Ben Wallace" in one shard and "Wallace"
in another name one person?), so merged rows arrive unresolved and
``explorer.index.entities.resolve`` settles them over the merged whole, exactly as after a
direct build. See docs/scaling.md.

A shard is an index file of the same schema; it is not meant to be queried before merging
(its entities are left unresolved unless ``resolve=True``).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from explorer.index import corroboration, inference, schema, store, writer
from explorer.index import entities as entity_store
from explorer.ingest.discovery import FileEntry, scan
from explorer.ingest.raw import Skipped

__all__ = ["MergeReport", "Merger", "build_shard", "build_sharded", "merge", "partition"]

# Columns that hold row ids of another table, per table: merge offsets them. Every other
# column is copied as is, so a column the schema gains later is merged without a change here.
_DOC_REFS = {
    "documents": ("rowid",),
    "doc_entities": ("doc",),
    "mentions": ("doc",),
    "segments": ("doc",),
    "passage_keys": ("doc",),
    "undated_keys": ("doc",),
    "times": ("rowid", "doc"),
    "quotes": ("rowid", "doc"),
}


@dataclass(slots=True)
class MergeReport:
    """What a merge did."""

    shards: int = 0
    files: int = 0
    documents: int = 0
    replaced_files: int = 0  # files the target already held, replaced by a shard's version


def partition(entries: Iterable[FileEntry | str], shards: int) -> list[list[FileEntry | str]]:
    """Split files into ``shards`` groups by a hash of their relative path.

    Hashing (not slicing the sorted list) keeps a file in the same shard when others are added
    or removed, so a re-run rebuilds only the shards whose files changed.
    """
    if shards < 1:
        raise ValueError("shards must be at least 1")
    groups: list[list[FileEntry | str]] = [[] for _ in range(shards)]
    for entry in entries:
        rel = entry if isinstance(entry, str) else entry.rel
        h = hashlib.blake2b(rel.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        groups[int.from_bytes(h, "big") % shards].append(entry)
    return groups


def _entries(root: Path, files: Iterable[FileEntry | str] | None) -> list[FileEntry]:
    if files is None:
        return scan(root)[0]
    out: list[FileEntry] = []
    for f in files:
        if isinstance(f, FileEntry):
            out.append(f)
            continue
        path = root / f
        try:
            st = os.stat(path)
        except OSError:
            continue  # gone since it was listed: the next update of the target notices
        out.append(FileEntry(f, path, st.st_size, st.st_mtime_ns))
    return out


def build_shard(
    root: Path,
    shard: Path,
    files: Iterable[FileEntry | str] | None = None,
    *,
    resolve: bool = False,
) -> writer.BuildReport:
    """Index ``files`` (relative paths or scanned entries; all of ``root`` if None) into a new
    shard file, in this process.

    This is the function a distributed worker runs: it needs the corpus folder (or a copy of
    the files under the same relative paths) and writes one file. It extracts and stores
    exactly as ``writer.update`` does, so a merged index equals a directly built one.
    """
    root = Path(root)
    store.remove(shard)
    conn = store.open_index(shard)
    report = writer.BuildReport()
    try:
        entries = _entries(root, files)
        report.scanned = len(entries)
        batch: list = []
        for entry in entries:
            batch.append(writer.extract_file(entry))
            report.added += 1
            if len(batch) >= writer.BATCH_FILES:
                _store_batch(conn, batch, report)
                batch = []
        _store_batch(conn, batch, report)
        if resolve:
            with conn:
                entity_store.resolve(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return report


def _store_batch(conn: sqlite3.Connection, batch: list, report: writer.BuildReport) -> None:
    if not batch:
        return
    with conn:
        for work in batch:
            writer.store_file(conn, work, report)


def _columns(conn: sqlite3.Connection, db: str, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA {db}.table_info({table})")]


def merge(target: Path, shards: list[Path]) -> MergeReport:
    """Merge shard indexes into the index at ``target`` (created when absent).

    Each shard is copied in one transaction, so an interrupted merge leaves the target
    consistent with the shards merged so far. A file present both in the target (or an earlier
    shard) and in a shard is replaced by the shard's version. Entities of the merged documents
    are resolved once at the end, over the whole target.
    """
    merger = Merger(target)
    try:
        for shard in shards:
            merger.add(shard)
        return merger.finish()
    finally:
        merger.close()


class Merger:
    """``merge`` a shard at a time: a driver copies each shard in as it arrives, while the
    workers still build the others, and only resolving the entities (the one corpus-wide
    step) waits for the last (``finish``). Shards are added in batch order, so row ids do not
    depend on which task ended first."""

    def __init__(self, target: Path) -> None:
        self.report = MergeReport()
        self._conn: sqlite3.Connection | None = store.open_index(Path(target))

    def add(self, shard: Path) -> None:
        """Copy one shard's rows in (one transaction)."""
        assert self._conn is not None
        _merge_one(self._conn, Path(shard), self.report)
        self.report.shards += 1

    def resolve(self) -> None:
        """Resolve the entities of the shards added so far, while the workers build the rest:
        ``finish`` then only places the names of those added after (the result is the same;
        ``writer.update`` resolves in passes too)."""
        assert self._conn is not None
        with self._conn:
            entity_store.resolve(self._conn)

    def finish(self) -> MergeReport:
        """Resolve entities, infer dates and group tellings over everything added, once."""
        conn = self._conn
        assert conn is not None
        with conn:
            entity_store.resolve(conn)
        with conn:
            inference.infer_dates(conn, everything=True)
        with conn:
            # Which documents tell the same events and quotes, across shards (after inference,
            # as in writer.update: it dates the events of undated documents anew).
            corroboration.group(conn)
        writer.save_name_lookup(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return self.report

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def _merge_one(conn: sqlite3.Connection, shard: Path, report: MergeReport) -> None:
    if not shard.is_file():
        raise FileNotFoundError(f"no shard index at {shard}")
    probe = store.read_only(shard)
    try:
        found = schema.version(probe)
    finally:
        probe.close()
    if found != schema.SCHEMA_VERSION:
        raise ValueError(f"{shard} is not a shard of schema version {schema.SCHEMA_VERSION}")
    conn.execute("ATTACH DATABASE ? AS shard", (f"{shard.resolve().as_uri()}?mode=ro",))
    try:
        with conn:
            overlap = [
                r[0]
                for r in conn.execute(
                    "SELECT path FROM shard.files WHERE path IN (SELECT path FROM main.files)"
                )
            ]
            for rel in overlap:
                writer.delete_file(conn, rel)
            report.replaced_files += len(overlap)
            offsets = {
                table: conn.execute(f"SELECT coalesce(max(rowid), 0) FROM main.{table}").fetchone()[
                    0
                ]
                for table in ("documents", "times", "quotes")
            }
            cols = _columns(conn, "main", "files")
            report.files += conn.execute(
                f"INSERT INTO main.files({', '.join(cols)}) SELECT {', '.join(cols)} FROM shard.files"
            ).rowcount
            for table, refs in _DOC_REFS.items():
                _copy_table(conn, table, refs, offsets)
            report.documents += conn.execute("SELECT count(*) FROM shard.documents").fetchone()[0]
            off = offsets["documents"]
            conn.execute(
                "INSERT INTO documents_fts(rowid, title, text)"
                " SELECT rowid + ?, title, text FROM shard.documents",
                (off,),
            )
            conn.execute(
                "INSERT INTO quotes_fts(rowid, display, speaker)"
                " SELECT rowid + ?, display, coalesce(speaker, '') FROM shard.quotes",
                (offsets["quotes"],),
            )
            # Their events and quotes are grouped with the rest's once all are in (merge).
            conn.execute(
                "INSERT OR IGNORE INTO link_dirty(kind, key) SELECT DISTINCT 'event',"
                " first_day || '|' || last_day FROM shard.times"
                " WHERE type IN ('DATE', 'TIME') AND first_day IS NOT NULL"
            )
            conn.execute(
                "INSERT OR IGNORE INTO link_dirty(kind, key)"
                " SELECT 'quote', '*' WHERE EXISTS (SELECT 1 FROM shard.quotes)"
            )
    finally:
        conn.execute("DETACH DATABASE shard")


def _copy_table(
    conn: sqlite3.Connection, table: str, refs: tuple[str, ...], offsets: dict[str, int]
) -> None:
    """Copy a shard table's rows into the target, row ids offset past the target's."""
    mine = _columns(conn, "main", table)
    theirs = set(_columns(conn, "shard", table))
    cols = [c for c in mine if c in theirs]
    if "rowid" in refs and "rowid" not in cols:
        cols.insert(0, "rowid")
    exprs = []
    for c in cols:
        if c == "rowid":
            exprs.append(f"rowid + {int(offsets[table])}")
        elif c == "doc" and c in refs:
            exprs.append(f"doc + {int(offsets['documents'])}")
        elif table == "doc_entities" and c in ("entity", "node"):
            exprs.append("NULL")  # resolved afresh over the merged corpus
        else:
            exprs.append(f'"{c}"')
    names = ", ".join(f'"{c}"' if c != "rowid" else "rowid" for c in cols)
    conn.execute(f"INSERT INTO main.{table}({names}) SELECT {', '.join(exprs)} FROM shard.{table}")


def _build_shard_job(args: tuple[Path, Path, list[FileEntry]]) -> tuple[Path, int, list[Skipped]]:
    root, shard, files = args
    report = build_shard(root, shard, files)
    return shard, report.documents, report.skipped


def build_sharded(
    root: Path,
    target: Path,
    shards: int,
    *,
    workers: int | None = None,
    work_dir: Path | None = None,
) -> MergeReport:
    """Build the whole corpus as ``shards`` shards in a local process pool, then merge them.

    The local stand-in for a cluster map (docs/scaling.md): the same ``build_shard`` calls,
    the same ``merge``. ``target`` is replaced.
    """
    root = Path(root)
    target = Path(target)
    entries, _ = scan(root)
    groups = partition(entries, shards)
    work_dir = Path(work_dir) if work_dir else target.parent
    work_dir.mkdir(parents=True, exist_ok=True)
    jobs = [
        (root, work_dir / f"{target.name}.shard{k:03d}", list(group))
        for k, group in enumerate(groups)
    ]
    paths: list[Path] = []
    try:
        with ProcessPoolExecutor(
            max_workers=workers or os.cpu_count() or 1,
            initializer=writer.die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            for shard, _docs, _skipped in pool.map(_build_shard_job, jobs):
                paths.append(shard)
        store.remove(target)
        return merge(target, paths)
    finally:
        for _root, shard, _files in jobs:
            store.remove(shard)
