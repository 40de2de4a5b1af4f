"""A corpus folder and its index as one object: the ``Corpus`` behind ``explorer.open_corpus``.

It keeps the index up to date (``explorer.index.writer``) and answers the Python API's keyword
questions by turning them into one ``Query`` for the reader (``explorer.index.reader``); it
holds no SQL and no filtering of its own. The command line and notebooks call these methods;
the app asks the reader through its state service with the same ``Query`` values.
"""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from explorer.errors import ExplorerError, UsageError
from explorer.index import store, writer
from explorer.index.query import DocumentOrder, Query, first_day, last_day
from explorer.index.query_language import Subject
from explorer.index.reader import Reader, interrupted
from explorer.index.search import search
from explorer.records import (
    Contradiction,
    Document,
    Entity,
    EntityKind,
    Event,
    Mention,
    Quote,
    Span,
    Stats,
)

__all__ = ["Corpus", "RepairingFacts"]

EntityRef = int | str  # an entity id, or a name as a person types it (the best match is taken)
if TYPE_CHECKING:
    from explorer.index.lookup import NameIndex

T = TypeVar("T")


def _index_path(root: Path, index: str | Path | None) -> Path:
    """The index file of the corpus at ``root``: ``index`` made absolute, or the default one."""
    if index is None:
        return store.default_index_path(root)
    if not str(index).strip():
        raise UsageError("--index: an empty path names no file")
    return Path(index).expanduser().absolute()


class Corpus:
    """One corpus and its index. Reads are thread-safe: each thread gets its own connection."""

    def __init__(self, root: Path, index_path: Path) -> None:
        self.root = root
        self.index_path = index_path
        self.name = root.name or str(root)
        self.reader = Reader(index_path)
        self.report: writer.BuildReport | None = None
        self.warn: Callable[[str], None] | None = None
        self._repair_lock = threading.Lock()
        self._repairs = 0  # rebuilds after damage so far: a question that failed meanwhile retries

    # -- opening and updating ----------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        index: str | Path | None = None,
        *,
        update: bool = True,
        rebuild: bool = False,
        progress: Callable[[int, int], None] | None = None,
        warn: Callable[[str], None] | None = None,
        stale_ok: bool = True,
    ) -> Corpus:
        """Open the corpus at ``path``, bringing its index up to date unless ``update`` is off.

        When the update cannot write (a full disk, a read-only file) and ``stale_ok``, the
        corpus answers from the index as it is, after a line saying why; otherwise, or when
        that index holds no documents yet, the error is raised.
        """
        if not str(path).strip():
            raise UsageError("corpus folder: an empty path names no folder")
        root = Path(path).expanduser()
        if not root.exists():
            raise UsageError(f"corpus folder not found: {root}")
        if not root.is_dir():
            raise UsageError(f"corpus must be a folder, not a file: {root}")
        root = root.resolve()
        index_path = _index_path(root, index)
        if index_path.is_dir():
            raise UsageError(f"--index must be a file path, not a folder: {index_path}")
        corpus = cls(root, index_path)
        corpus.warn = warn
        if update or rebuild or not index_path.exists():
            try:
                corpus.report = writer.update_index(
                    root, index_path, progress=progress, warn=warn, rebuild=rebuild
                )
            except (OSError, sqlite3.OperationalError) as exc:
                # A read-only index or folder, a full disk: answer from the index as it is,
                # after saying why it could not be brought up to date.
                if not stale_ok or rebuild or not store.has_documents(index_path):
                    raise ExplorerError(f"cannot update index {index_path}: {exc}") from exc
                if warn:
                    warn(f"cannot update index {index_path} ({exc}); answering from it as it is")
        return corpus

    @staticmethod
    def index_ready(path: str | Path, index: str | Path | None = None) -> bool:
        """True when the corpus has an index of this version: it can be shown before updating.

        The app uses it to paint what is already indexed at once and catch up with changed
        files in the background (a no-change check alone walks a million files: seconds).
        """
        root = Path(path).expanduser()
        if not root.is_dir():
            return False
        return store.is_current(_index_path(root.resolve(), index))

    def refresh(
        self,
        progress: Callable[[int, int], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> writer.BuildReport:
        """Bring the index up to date while readers keep reading (WAL); returns what changed."""
        report = writer.update_index(self.root, self.index_path, progress=progress, warn=warn)
        return self._adopt(report)

    def refresh_isolated(
        self,
        started: Callable[[subprocess.Popen], None] | None = None,
        warn: Callable[[str], None] | None = None,
    ) -> writer.BuildReport:
        """``refresh()`` in a child process at a lower CPU priority (see ``update_in_child``)."""
        report = writer.update_in_child(self.root, self.index_path, started=started, warn=warn)
        return self._adopt(report)

    # -- corrections ---------------------------------------------------------------------

    def merge_entities(self, entity: EntityRef, other: EntityRef) -> list[Entity]:
        """Make ``other`` one with ``entity`` (kept beside the index; survives rebuilds)."""
        return self._correct("merge", entity, other)

    def split_entity(self, entity: EntityRef, alias: str) -> list[Entity]:
        """The documents where ``entity`` goes by ``alias`` become an entity of that name."""
        return self._correct("split", entity, alias)

    def rename_entity(self, entity: EntityRef, name: str) -> list[Entity]:
        """Show ``entity`` under ``name``."""
        return self._correct("rename", entity, name)

    def set_entity_kind(self, entity: EntityRef, kind: EntityKind) -> list[Entity]:
        """Make ``entity`` a person, a place or an organisation."""
        return self._correct("kind", entity, kind)

    def _correct(self, op: str, entity: EntityRef, value: EntityRef | str) -> list[Entity]:
        """One correction, made, kept and applied; the entities it leaves, as they are now.
        Entities are named by id or by a name or alias written in full, never guessed."""
        ids = writer.correct(self.index_path, op, str(entity), str(value), warn=self.warn)
        self.reader.forget_caches()
        return self.reader.entity_records(ids)

    def _adopt(self, report: writer.BuildReport) -> writer.BuildReport:
        """Keep an update's report; drop lookup caches built from what it changed."""
        self.report = report
        if report.extracted_files or report.removed:
            self.reader.forget_caches()
        return report

    def _ask(self, question: Callable[[], T]) -> T:
        """Answer ``question``; if the index turns out damaged, rebuild it once and ask again.

        Damage (bytes overwritten on disk, a bad sector) hides in pages a no-change update
        never reads, so it surfaces as a query failing: "malformed", or text that no longer
        decodes. Then ``quick_check`` settles whether the file is damaged (undecodable text
        is, whatever it says), and a damaged index is rebuilt from the corpus after one line:
        the folder is the source of truth, and a wrong count is worse than a rebuild.
        """
        seen = self._repairs
        try:
            return question()
        except sqlite3.DatabaseError as exc:
            if interrupted(exc):
                raise  # the asker gave the question up (Reader.interrupt): no damage
            # Questions run on several threads (the app's panes): one repairs, the others
            # wait for it and ask again, their connections closed under them by the repair.
            with self._repair_lock:
                if self._repairs == seen:
                    if not self._damaged(exc):
                        raise
                    if self.warn:
                        self.warn(
                            f"index {self.index_path} is damaged ({exc}); "
                            "rebuilding it from the corpus"
                        )
                    self.reader.close()
                    self._adopt(
                        writer.update_index(
                            self.root, self.index_path, warn=self.warn, rebuild=True
                        )
                    )
                    self._repairs += 1
            return question()

    def _damaged(self, exc: sqlite3.DatabaseError) -> bool:
        if "decode" in str(exc).lower():
            return True
        try:
            conn = store.connect(self.index_path, readonly=True)
            try:
                return conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            return True

    @property
    def facts(self) -> RepairingFacts:
        """The reader's questions, each asked as the API's are: an index found damaged on the
        way is rebuilt and the question asked again. The app reads through this."""
        return RepairingFacts(self)

    def close(self) -> None:
        self.reader.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- questions ---------------------------------------------------------------------------

    def stats(self) -> Stats:
        return self._ask(lambda: self.reader.stats())

    def search(self, subject: Subject, query: str | None, base: Query | None = None) -> list:
        """The records of ``subject`` ("docs", "timeline", "quotes", "entities") that a query in
        the query language selects (``explorer help query``), within ``base``.

        ``corpus.search("quotes", 'speaker:wallace -date:2021-08')``. A mistake in the query
        raises ``UsageError`` naming the bad term.
        """
        return self._ask(lambda: search(self.reader, subject, query, base or Query()))

    def documents(
        self,
        entity: EntityRef | None = None,
        query: str | None = None,
        sort: DocumentOrder = "date",
        limit: int | None = None,
    ) -> list[Document]:
        """Documents, optionally those naming an entity and/or matching a query (words, or the
        query language); by date or title.

        ``limit`` keeps a first screenful cheap on a large corpus (a million rows otherwise).
        """
        base = Query(entities=self._entities(entity), order=sort, limit=limit)
        return self.search("docs", query, base)

    def contradictions(self, query: str | None = None) -> list[Contradiction]:
        """Passages that disagree (``explorer.index.contradictions``): the same event dated
        differently, the same thing counted differently; among the documents ``query`` selects
        (all when None)."""
        from explorer.index.contradictions import find

        def ask() -> list[Contradiction]:
            docs = None
            if query and query.strip():
                docs = [d.id for d in search(self.reader, "docs", query, Query())]
            return find(self.reader, docs)

        return self._ask(ask)

    def document(self, doc_id: str) -> Document:
        return self._ask(lambda: self.reader.document(doc_id))

    def text(self, doc_id: str) -> str:
        """The text every offset of the document indexes into."""
        return self._ask(lambda: self.reader.text(doc_id))

    def timeline(
        self,
        entity: EntityRef | None = None,
        since: str | None = None,
        until: str | None = None,
        doc: str | None = None,
        limit: int | None = None,
        query: str | None = None,
    ) -> list[Event]:
        """Dated events in date order, unresolved ones last; filters combine.

        ``since``/``until`` are YYYY, YYYY-MM or YYYY-MM-DD: an event is kept when its period
        overlaps the range (``until`` 2021-08 runs to the 31st). ``query``: words of the event's
        sentence, or the query language.
        """
        base = Query(
            entities=self._entities(entity),
            since=first_day(since, "--since") if since else None,
            until=last_day(until, "--until") if until else None,
            doc=doc,
            limit=limit,
        )
        return self.search("timeline", query, base)

    def quotes(
        self,
        query: str | None = None,
        speaker: str | None = None,
        entity: EntityRef | None = None,
        doc: str | None = None,
        limit: int | None = None,
    ) -> list[Quote]:
        """Quotes matching words (typo-tolerant) or a query, a speaker (fuzzy, aliases
        included), an entity (speaking or named in the quote)."""
        base = Query(entities=self._entities(entity), speaker=speaker, doc=doc, limit=limit)
        return self.search("quotes", query, base)

    def entities(
        self,
        kind: EntityKind | None = None,
        doc: str | None = None,
        limit: int | None = None,
        query: str | None = None,
    ) -> list[Entity]:
        """People, places and organisations, most mentioned first; ``query`` matches names."""
        return self.search("entities", query, Query(kind=kind, doc=doc, limit=limit))

    def entity(self, entity_id: int) -> Entity:
        return self._ask(lambda: self.reader.entity(entity_id))

    def find(self, query: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]:
        """Entities for what a person types: typos, prefixes, missing spaces, best first."""
        return self._ask(lambda: self.reader.find(query, kind=kind, limit=limit))

    def mentions(
        self,
        entity: EntityRef | None = None,
        doc: str | None = None,
        limit: int | None = None,
        kind: EntityKind | None = None,
    ) -> list[Mention]:
        """Every place a name is named, each with its offsets (document date order): of one
        entity, or of all of them (in one document, of one kind)."""
        return self._ask(
            lambda: self.reader.mentions(
                Query(entities=self._entities(entity), doc=doc, kind=kind, limit=limit)
            )
        )

    def name_index(self) -> NameIndex:
        """The fuzzy lookup structure, built on first use (the app does that in a worker)."""
        return self.reader.name_index()

    def spans(self, doc_id: str) -> list[Span]:
        """Every highlight of a document, in text order: entity mentions, quotes, dates."""
        return self._ask(lambda: self.reader.spans(doc_id))

    def _entities(self, entity: EntityRef | None) -> tuple[int, ...]:
        return () if entity is None else (self.reader.entity_id(entity),)


class RepairingFacts:
    """What the app reads of an index (``tui.state.FactSource``), through ``Corpus._ask``.

    The app's panes ask the reader directly, with ``Query`` values. Damage to the index that
    surfaces mid-session (bytes overwritten on disk, in pages no earlier query read) then
    showed "Loading failed" in a pane until the app was reopened; through this it is repaired
    as a command's question is, and the pane gets its rows.
    """

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus

    def _ask(self, fn: Callable[[Reader], T]) -> T:
        corpus = self._corpus
        return corpus._ask(lambda: fn(corpus.reader))

    def interrupt(self, thread: int) -> None:
        """Stop the statement running for a question on ``thread`` (``Reader.interrupt``)."""
        self._corpus.reader.interrupt(thread)

    def stats(self) -> Stats:
        return self._ask(lambda r: r.stats())

    def documents(self, q: Query) -> list[Document]:
        return self._ask(lambda r: r.documents(q))

    def timeline(self, q: Query) -> list[Event]:
        return self._ask(lambda r: r.timeline(q))

    def quotes(self, q: Query) -> list[Quote]:
        return self._ask(lambda r: r.quotes(q))

    def entity(self, entity_id: int) -> Entity:
        return self._ask(lambda r: r.entity(entity_id))

    def find(self, text: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]:
        return self._ask(lambda r: r.find(text, kind, limit))

    def document(self, doc_id: str) -> Document:
        return self._ask(lambda r: r.document(doc_id))

    def text(self, doc_id: str) -> str:
        return self._ask(lambda r: r.text(doc_id))

    def spans(self, doc_id: str) -> list[Span]:
        return self._ask(lambda r: r.spans(doc_id))

    def name_index(self) -> NameIndex:
        return self._ask(lambda r: r.name_index())

    def places(self, q: Query, docs: Sequence[str] | None = None) -> list[Entity]:
        return self._ask(lambda r: r.places(q, docs))
