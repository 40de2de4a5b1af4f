"""The write side of an index: bring it up to date with its corpus folder, incrementally.

A file is re-extracted only when its bytes changed (size and mtime are checked first, the digest
settles it), removed files leave the index, and an unchanged corpus costs one directory walk.
Writes are committed in batches, each in its own transaction, and every file is written whole
inside one batch: a run killed midway leaves an index that is consistent and merely behind, and
the next run carries on from where it stopped instead of starting over.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from explorer.errors import UsageError
from explorer.index import corrections as user_corrections
from explorer.index import corroboration, inference, schema, store
from explorer.index import entities as entity_store
from explorer.index.corrections import corrections_path
from explorer.index.times import TIMELINE_TYPES, store_times, time_rows, timeline_times
from explorer.ingest.discovery import OUTSIDE_LINK, FileEntry, digest, scan
from explorer.ingest.raw import RawDoc, Skipped
from explorer.model import DocFacts
from explorer.records import PLACE

# Files extracted per write transaction: large enough to amortise commits, small enough that an
# interrupted run loses little work.
BATCH_FILES = 256
# Below this many changed files a process pool costs more to start than it saves.
POOL_THRESHOLD = 24
# Entities are resolved once this share of the index has been added since the last time, but
# at least every RESOLVE_MIN_FILES and at most every RESOLVE_MAX_FILES files (see update).
RESOLVE_SHARE = 0.25
RESOLVE_MIN_FILES = 2048
RESOLVE_MAX_FILES = 10_000


def resolve_before_the_end(coming: int, waiting: int) -> bool:
    """Whether to resolve the names waiting (of ``waiting`` files or shards stored since the
    last pass) while the last ``coming`` are still extracted: once they are a third of those
    waiting, so the pass after the last, when nothing else runs, is a short one. Both
    engines ask it once per build."""
    return 0 < 3 * coming <= waiting


@dataclass(slots=True)
class BuildReport:
    """What one update did, for the CLI's summary line and the tests."""

    scanned: int = 0
    added: int = 0  # files new to the index
    changed: int = 0  # files whose content changed
    removed: int = 0
    unchanged: int = 0
    documents: int = 0  # documents extracted in this run
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def extracted_files(self) -> int:
        return self.added + self.changed

    def to_json(self) -> str:
        """One line of JSON: how a child process hands its report to the parent."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> BuildReport:
        d = json.loads(line)
        d["skipped"] = [Skipped(**s) for s in d["skipped"]]
        return cls(**d)


@dataclass(slots=True)
class DocRows:
    """One document's rows as the index stores them, all but its row id (``prepare_document``).

    Why rows and not the facts: they are made in the extraction worker, so the one process
    that writes (the pool's parent, the only one on a core the workers need) only inserts, and
    tuples of plain values cross from the worker several times faster than the facts' objects.
    """

    id: str
    warning: str | None
    document: tuple  # the documents row: id, file, title ... text
    undated: bool
    entities: list[tuple]  # local, name, kind, aliases (JSON), lat, lon, gazetteer id, mentions
    mentions: list[tuple]  # start, end, local
    segments: list[tuple]  # start, end, kind
    passages: list[tuple]  # key, start, end
    times: list[tuple]  # times.time_rows
    quotes: list[tuple]  # start, end, text, display, parts, speaker ... fingerprint

    @property
    def title(self) -> str:
        return self.document[2]

    @property
    def text(self) -> str:
        return self.document[-1]


@dataclass(slots=True)
class FileWork:
    """A file whose content is new to the index, with what extracting it produced."""

    entry: FileEntry
    digest: str
    docs: list[DocRows]
    skipped: Skipped | None


Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


def update_index(
    root: Path,
    index_path: Path,
    *,
    progress: Progress | None = None,
    warn: Warn | None = None,
    rebuild: bool = False,
) -> BuildReport:
    """Bring the index file at ``index_path`` up to date with ``root``, creating it if needed.

    An index found unusable while updating (corrupt pages surface only when read) is rebuilt
    from the corpus once, after a line saying so: the folder is the source of truth. One
    update runs at a time (``store.writing``); another waits for it, after a line saying so.
    """
    with store.writing(index_path, notice=warn):
        if rebuild:
            return _rebuild(root, index_path, progress=progress, warn=warn)
        conn = store.open_index(index_path, notice=warn)
        try:
            return update(
                conn,
                root,
                progress=progress,
                warn=warn,
                corrections=corrections_path(index_path),
            )
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):
                raise  # a full disk or a read-only file: rebuilding would not help
            if warn:
                warn(f"index {index_path} is unusable ({exc}); rebuilding it from the corpus")
        finally:
            conn.close()
        return _rebuild(root, index_path, progress=progress, warn=warn)


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    """The error says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), not that it cannot
    be written (a full disk, a read-only file): only then does a rebuild help."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (11, 26)
    return type(exc) is sqlite3.DatabaseError


def _rebuild(
    root: Path, index_path: Path, *, progress: Progress | None, warn: Warn | None
) -> BuildReport:
    """Build a new index beside the old one and swap it in: a reader sees the old complete
    index or the new one, never a half-built one (it used to see "no documents")."""
    if not store.owned(index_path):
        raise store.refuse(index_path)
    fresh = index_path.with_name(index_path.name + ".new")
    store.remove(fresh)  # what a rebuild killed midway left
    conn = store.open_index(fresh, notice=warn)
    try:
        report = update(
            conn, root, progress=progress, warn=warn, corrections=corrections_path(index_path)
        )
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        conn.close()
        store.remove(fresh)  # the old index stays as it was; a half-built one helps nobody
        raise
    conn.close()
    store.replace(fresh, index_path)
    return report


def update_in_child(
    root: Path,
    index_path: Path,
    *,
    started: Callable[[subprocess.Popen], None] | None = None,
    warn: Warn | None = None,
) -> BuildReport:
    """``update_index`` in a child process at a lower CPU priority; returns its report.

    The app uses this: walking a million files in-process would hold the interpreter lock and
    the memory of the walk while the user types. ``started`` receives the process, so the
    caller can stop it; stopping it is safe, as the index commits whole files only.
    """
    cmd = [sys.executable, "-m", "explorer.index.writer", str(root), str(index_path)]
    nice = shutil.which("nice")
    if nice:
        cmd = [nice, "-n", "5", *cmd]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True
    )
    if started:
        started(proc)
    out, err = proc.communicate()
    lines = [line for line in err.splitlines() if line.strip()]
    if proc.returncode != 0:
        raise UsageError(lines[-1] if lines else "indexing failed")
    for line in lines:
        if warn:
            warn(line)
    return BuildReport.from_json(out.splitlines()[-1])


def update(
    conn: sqlite3.Connection,
    root: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    workers: int | None = None,
    corrections: Path | None = None,
) -> BuildReport:
    """Bring the index in ``conn`` up to date with the folder ``root``, then apply the user's
    name corrections kept at ``corrections`` again (the update may have undone them)."""
    report = BuildReport()
    entries, not_read = scan(root)
    report.scanned = len(entries)
    report.skipped.extend(not_read)
    for skipped in not_read:
        # Links out of the corpus and oversized files are never read: say so, one line each,
        # on every run (other types are simply not articles).
        if warn and (skipped.reason == OUTSIDE_LINK or skipped.reason.startswith("too large")):
            warn(f"skipped {skipped.rel}: {skipped.reason}")
    todo, touched_stats, gone, indexed = _plan(conn, entries, report)
    if gone or touched_stats:
        with conn:
            for rel in gone:
                delete_file(conn, rel)
            conn.executemany("UPDATE files SET size=?, mtime_ns=? WHERE path=?", touched_stats)
            if gone:
                entity_store.resolve(conn)
        report.removed = len(gone)

    already_reported = len(report.skipped)
    total = len(todo)
    if progress:
        progress(0, total)
    done = 0
    # Entities are resolved every few thousand files, not per batch: each resolve() clusters
    # again every entity the new rows touch, and the commonest ("Reuters", "United States")
    # are touched every time. Per batch made a large build quadratic (75 of 116 s at 20k
    # documents); every 256 files was still most of the main process's work on 1,000 long
    # articles (four passes where one does). The cap bounds the unresolved rows a pass reads
    # at once (~25 a document). One more pass, once, while the last files are extracted
    # (``resolve_before_the_end``). Rows wait unresolved (entity NULL) in between; the check
    # after the loop also resolves what an interrupted run left.
    pending = 0
    resolved_near_end = False
    for batch in _batches(_extract_all(todo, workers), BATCH_FILES):
        with conn:
            for work in batch:
                store_file(conn, work, report)
            pending += len(batch)
            every = min(RESOLVE_MAX_FILES, RESOLVE_SHARE * (indexed + done))
            coming = total - done - len(batch)
            near_end = not resolved_near_end and resolve_before_the_end(coming, pending)
            if pending >= max(RESOLVE_MIN_FILES, every) or near_end:
                entity_store.resolve(conn)
                pending = 0
                resolved_near_end = resolved_near_end or near_end
        done += len(batch)
        if progress:
            progress(done, total)
    if (
        pending
        or conn.execute("SELECT 1 FROM doc_entities WHERE entity IS NULL LIMIT 1").fetchone()
    ):
        with conn:
            entity_store.resolve(conn)
    if conn.execute("SELECT 1 FROM infer_queue LIMIT 1").fetchone():
        # Undated documents dated from the passages they share with dated ones: those the
        # changes may concern were queued as documents were stored and removed.
        with conn:
            inference.infer_dates(conn)
    if conn.execute("SELECT 1 FROM link_dirty LIMIT 1").fetchone():
        # Which documents tell the same events and quotes (after inference: it dates the
        # events of undated documents anew).
        with conn:
            corroboration.group(conn)
    # Warn once, when a file is first found bad; later runs count it without repeating it.
    for skipped in report.skipped[already_reported:]:
        if warn and skipped.reason and not skipped.reason.startswith("unsupported"):
            warn(f"skipped {skipped.rel}: {skipped.reason}")
    for line in report.warnings:
        if warn:
            warn(line)
    if corrections is not None:
        reapply_corrections(conn, corrections, warn, changed=bool(todo or gone))
    save_name_lookup(conn)
    return report


def save_name_lookup(conn: sqlite3.Connection) -> None:
    """Keep the fuzzy name lookup built for the next reader, unless a current one is kept.

    Any write to the names drops the kept one (triggers of the schema), so this costs one
    query after an update that changed nothing, and one build after one that did, here in the
    writer (the app's child process) instead of in every command and at every app start.
    """
    if conn.execute("SELECT 1 FROM lookup_cache WHERE name = ?", (schema.NAME_LOOKUP,)).fetchone():
        return
    if not conn.execute("SELECT 1 FROM entities LIMIT 1").fetchone():
        return
    from explorer.index.lookup import NameIndex  # rapidfuzz: loaded when there is work

    names = NameIndex.build(conn)
    with conn:
        names.save(conn)


def correct(
    index_path: Path, op: str, entity: str, value: str, warn: Warn | None = None
) -> list[int]:
    """Make one name correction (``corrections.OPERATIONS``): resolve its entities, keep it
    in the corrections file, apply it; the ids of the entities it concerns afterwards."""
    with store.writing(index_path, notice=warn):
        conn = store.open_index(index_path, notice=warn)
        try:
            c = user_corrections.make(conn, op, entity, value)
            path = corrections_path(index_path)
            user_corrections.record(path, c)
            reapply_corrections(conn, path, warn, changed=True)
            save_name_lookup(conn)
            ref = user_corrections.Ref.from_dict(c["entity"])
            ids = [user_corrections.find(conn, ref)]
            if op == "split":
                ids.append(
                    user_corrections.find(conn, user_corrections.Ref(-1, c["alias"], ref.kind))
                )
            return [i for i in ids if i is not None]
        finally:
            conn.close()


def reapply_corrections(
    conn: sqlite3.Connection, path: Path, warn: Warn | None, *, changed: bool = True
) -> None:
    """Apply the user's corrections again (``corrections.py``) when the index changed or they
    did since they were last applied; an index that did not change is not written to."""
    found = user_corrections.load(path, warn)
    stamp = hashlib.sha1(json.dumps(found, sort_keys=True).encode()).hexdigest()
    row = conn.execute("SELECT value FROM meta WHERE key = 'corrections'").fetchone()
    if not changed and (row[0] if row else hashlib.sha1(b"[]").hexdigest()) == stamp:
        return
    with conn:
        user_corrections.apply(conn, found)
        conn.execute(
            "INSERT INTO meta(key, value) VALUES ('corrections', ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (stamp,),
        )


def _plan(
    conn: sqlite3.Connection, entries: list[FileEntry], report: BuildReport
) -> tuple[list[tuple[FileEntry, bytes | None]], list[tuple[int, int, str]], list[str], int]:
    """What an update must do: files to extract (with bytes already read), touched files whose
    bytes did not change, files gone from the folder, and how many files the index held;
    counts them in ``report``."""
    # Only what the unchanged-file test needs is held (at a million files, digests and statuses
    # too cost half a GB in the app); a touched file's digest is read when it is met.
    known = {
        row[0]: (row[1], row[2], row[3])
        for row in conn.execute("SELECT path, size, mtime_ns, message FROM files")
    }
    present = {e.rel for e in entries}
    gone = [rel for rel in known if rel not in present]

    todo: list[tuple[FileEntry, bytes | None]] = []
    touched_stats: list[tuple[int, int, str]] = []
    for entry in entries:
        old = known.get(entry.rel)
        if old is not None and old[0] == entry.size and old[1] == entry.mtime_ns:
            report.unchanged += 1
            if old[2]:
                report.skipped.append(Skipped(entry.rel, old[2]))
            continue
        if old is not None:
            # Touched but maybe not changed (a copy, a checkout): the digest decides.
            try:
                data = entry.path.read_bytes()
            except OSError:
                data = None
            (old_digest,) = conn.execute(
                "SELECT digest FROM files WHERE path = ?", (entry.rel,)
            ).fetchone()
            if data is not None and digest(data) == old_digest:
                report.unchanged += 1
                touched_stats.append((entry.size, entry.mtime_ns, entry.rel))
                if old[2]:
                    report.skipped.append(Skipped(entry.rel, old[2]))
                continue
            todo.append((entry, data))
            report.changed += 1
        else:
            todo.append((entry, None))
            report.added += 1

    return todo, touched_stats, gone, len(known)


def _batches(items: Iterable[FileWork], size: int) -> Iterator[list[FileWork]]:
    batch: list[FileWork] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_all(
    todo: list[tuple[FileEntry, bytes | None]], workers: int | None
) -> Iterator[FileWork]:
    """Extract the changed files, in a process pool when there are enough to pay for it."""
    if workers is None:
        workers = os.cpu_count() or 1
    if workers <= 1 or len(todo) < POOL_THRESHOLD:
        for entry, data in todo:
            yield extract_file(entry, data)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        chunk = max(1, min(64, len(todo) // (workers * 8) or 1))
        # Bytes already read are dropped: the worker re-reads, which is cheaper than pickling.
        entries = [entry for entry, _ in todo]
        try:
            results = pool.map(extract_file, entries, chunksize=chunk)
            # While the workers start: what resolving entities needs, else read after the last
            # batch, when nothing else runs.
            from explorer.extract import gazetteer

            gazetteer.load_names()
            yield from results
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def die_with_parent(parent: int) -> None:
    """In a worker process: end when the process that started it ends.

    A ``kill -9`` of ``explorer index`` left its pool workers running on, orphaned. On Linux
    the kernel now sends them SIGTERM when their parent dies (PR_SET_PDEATHSIG); elsewhere
    this does nothing and the pool ends them as before when the parent exits normally.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 is PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def extract_file(entry: FileEntry, data: bytes | None = None) -> FileWork:
    """Read one file and extract each document in it (runs in a worker process)."""
    # Imported here: a command over an up-to-date index never extracts, and the pipeline with
    # its models and rule tables is a third of a second to load.
    from explorer.extract.pipeline import extract_document
    from explorer.index import models
    from explorer.ingest.read import read_file

    models.load()  # once per process: the gazetteer from its snapshot, the tagger
    if data is None:
        try:
            data = entry.path.read_bytes()
        except OSError as exc:
            reason = f"unreadable: {exc.strerror or exc}"
            return FileWork(entry, "", [], Skipped(entry.rel, reason))
    docs, skipped = read_file(entry, data)
    saved = datetime.fromtimestamp(entry.mtime_ns / 1e9, tz=UTC).date().isoformat()
    for raw in docs:
        raw.meta.file_date = saved
    rows = [prepare_document(entry.rel, raw, extract_document(raw.text, raw.meta)) for raw in docs]
    return FileWork(entry, digest(data), rows, skipped)


def delete_file(conn: sqlite3.Connection, rel: str) -> None:
    """Remove a file's documents and every fact read from them."""
    for (rowid,) in conn.execute("SELECT rowid FROM documents WHERE file = ?", (rel,)).fetchall():
        _delete_document(conn, rowid)
    conn.execute("DELETE FROM files WHERE path = ?", (rel,))


def _delete_document(conn: sqlite3.Connection, rowid: int) -> None:
    inference.queue_removed(conn, rowid)
    corroboration.forget_document(conn, rowid)
    title, text = conn.execute(
        "SELECT title, text FROM documents WHERE rowid=?", (rowid,)
    ).fetchone()
    conn.execute(
        "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES('delete', ?, ?, ?)",
        (rowid, title, text),
    )
    for qrow, qtext, qspeaker in conn.execute(
        "SELECT rowid, display, speaker FROM quotes WHERE doc=?", (rowid,)
    ).fetchall():
        conn.execute(
            "INSERT INTO quotes_fts(quotes_fts, rowid, display, speaker) VALUES('delete', ?, ?, ?)",
            (qrow, qtext, qspeaker or ""),
        )
    tables = ("quotes", "times", "mentions", "segments", "passage_keys", "undated_keys")
    for table in (*tables, "doc_entities"):
        conn.execute(f"DELETE FROM {table} WHERE doc = ?", (rowid,))
    conn.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))


def store_file(conn: sqlite3.Connection, work: FileWork, report: BuildReport) -> None:
    """Write one extracted file (replacing what the index held for it), counting it in
    ``report``."""
    entry = work.entry
    delete_file(conn, entry.rel)
    status, message = ("ok", None)
    if work.skipped is not None:
        report.skipped.append(work.skipped)
        # Partly bad files (a .jsonl with broken lines) keep their reason for later counts.
        status, message = ("ok" if work.docs else "skipped"), work.skipped.reason
    conn.execute(
        "INSERT INTO files(path, size, mtime_ns, digest, status, message) VALUES (?,?,?,?,?,?)",
        (entry.rel, entry.size, entry.mtime_ns, work.digest, status, message),
    )
    for rows in work.docs:
        if rows.warning:
            report.warnings.append(f"{rows.id}: {rows.warning}")
        store_rows(conn, rows)
        report.documents += 1


def prepare_document(file_rel: str, raw: RawDoc, facts: DocFacts) -> DocRows:
    """The rows ``store_rows`` writes for one document of the file ``file_rel``: pure, made
    where the document was extracted."""
    meta = raw.meta
    times = timeline_times(facts)
    events = [t for t in times if t.type in TIMELINE_TYPES]
    document = (
        raw.id,
        file_rel,
        facts.title,
        facts.date,
        facts.date_source,
        meta.source,
        meta.url,
        meta.author,
        facts.place,
        facts.words,
        len(events),
        len(facts.quotes),
        len(facts.entities),
        facts.text,
    )
    counts = [0] * len(facts.entities)
    for m in facts.mentions:
        counts[m.entity] += 1
    entities = [
        (
            i,
            e.name,
            e.kind,
            json.dumps(e.aliases, ensure_ascii=False),
            e.lat,
            e.lon,
            e.gazetteer_id,
            counts[i],
        )
        for i, e in enumerate(facts.entities)
    ]
    # A place never speaks (its government does: extract/speakers.py makes that an org): a
    # quote is tied to the person or body its speaker words name, never to a place in them
    # ("U.S. officials said" is not the United States speaking).
    mention_at = {
        (m.start, m.end): m.entity for m in facts.mentions if facts.entities[m.entity].kind != PLACE
    }
    # A speaker reached through a pronoun ("he added") is named, not mentioned, at the quote:
    # the name still ties the quote to the entity, so a speaker filter finds all its quotes.
    named = {}
    for i, e in enumerate(facts.entities):
        if e.kind != PLACE:
            for alias in (e.name, *e.aliases):
                named.setdefault(alias, i)
    quotes = []
    for q in facts.quotes:
        local = None
        if q.speaker_start is not None and q.speaker_end is not None:
            local = mention_at.get((q.speaker_start, q.speaker_end))
            if local is None:
                local = _overlapping_mention(facts, q.speaker_start, q.speaker_end)
        if local is None and q.speaker:
            local = named.get(q.speaker)
        quotes.append(
            (
                q.start,
                q.end,
                q.text,
                q.display or q.text,
                json.dumps(q.parts) if len(q.parts) > 1 else None,
                q.speaker,
                q.speaker_mention,
                q.speaker_start,
                q.speaker_end,
                local,
                q.cue,
                int(q.fragment),
                fingerprint(q.display or q.text),
            )
        )
    return DocRows(
        id=raw.id,
        warning=raw.warning,
        document=document,
        undated=facts.date is None,
        entities=entities,
        mentions=[(m.start, m.end, m.entity) for m in facts.mentions],
        segments=list(facts.segments),
        passages=[(k, start, end) for start, end, keys in facts.passages for k in keys],
        times=time_rows(facts, times),
        quotes=quotes,
    )


def store_rows(conn: sqlite3.Connection, rows: DocRows) -> int:
    """Write one document's rows (``prepare_document``); returns its rowid. Entities stay
    unresolved until resolve()."""
    cur = conn.execute(
        "INSERT INTO documents(id, file, title, date, date_source, source, url, author, place,"
        " words, n_events, n_quotes, n_entities, text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        rows.document,
    )
    doc = cur.lastrowid
    assert doc is not None
    conn.execute(
        "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
        (doc, rows.title, rows.text),
    )
    conn.executemany(
        "INSERT INTO doc_entities(doc, local, name, kind, aliases, lat, lon, gazetteer_id, mentions)"
        " VALUES (?,?,?,?,?,?,?,?,?)",
        [(doc, *row) for row in rows.entities],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO mentions(doc, start, end, local) VALUES (?,?,?,?)",
        [(doc, *row) for row in rows.mentions],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO segments(doc, start, end, kind) VALUES (?,?,?,?)",
        [(doc, *row) for row in rows.segments],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO passage_keys(key, doc, start, end) VALUES (?,?,?,?)",
        [(key, doc, start, end) for key, start, end in rows.passages],
    )
    inference.queue_stored(conn, doc, rows.undated)
    store_times(conn, doc, rows.times)
    for row in rows.quotes:
        cur = conn.execute(
            "INSERT INTO quotes(doc, start, end, text, display, parts, speaker, speaker_mention,"
            " speaker_start, speaker_end, speaker_local, cue, fragment, fingerprint)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc, *row),
        )
        _start, _end, _text, display, _parts, speaker, *_ = row
        conn.execute(
            "INSERT INTO quotes_fts(rowid, display, speaker) VALUES (?, ?, ?)",
            (cur.lastrowid, display, speaker or ""),
        )
    corroboration.queue_quotes(conn, doc)
    return doc


def _overlapping_mention(facts: DocFacts, start: int, end: int) -> int | None:
    for m in facts.mentions:
        if m.start < end and start < m.end and facts.entities[m.entity].kind != PLACE:
            return m.entity
    return None


_NON_WORD = re.compile(r"[^\w]+")


def fingerprint(text: str) -> str:
    """Quote text reduced to its words, so punctuation and quote styles don't split a group."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():  # only then can it hold combining marks
        folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", folded).strip()


def main(argv: list[str] | None = None) -> int:
    """``python -m explorer.index.writer ROOT INDEX``: the child process of ``update_in_child``.

    Prints the report as one JSON line on stdout and each warning as a line on stderr; a usage
    error is its last stderr line, with exit code 2.
    """
    root, index_path = (argv if argv is not None else sys.argv[1:])[:2]

    def warn(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    try:
        report = update_index(Path(root), Path(index_path), warn=warn)
    except UsageError as exc:
        warn(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    print(report.to_json(), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
