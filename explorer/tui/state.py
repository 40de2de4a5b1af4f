"""The app's one way to the facts: a ``FactSource`` and the pages each pane shows.

Panes render pages; they never filter, intersect or sort rows. What the user has set (filter
chips, the timeline's date range, the documents' order, the quote box) is one ``View``; for a
view, ``Pages`` asks the source one ``Query`` per pane and gets rows in their final order, so
the app shows exactly what ``explorer docs|timeline|quotes`` print for the same filters.

A ``FactSource`` is what the app needs of an index: the reader (``explorer.index.reader``)
is one. Tests give the app a real reader over a small corpus, not a hand-written fake.

A million articles carry millions of events and quotes: loading them all took the app past 8 s
and 500 MB at 40k documents. So every pane asks for at most ``cap`` rows (one more, to learn
whether the list goes on) and says so: a ``Page`` carries the rows, the total when it is known,
and whether rows were left out.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar

from explorer.api import Query, UsageError, first_day, last_day
from explorer.index.query_language import Subject
from explorer.tui.filters import Filter

if TYPE_CHECKING:
    from explorer.api import Document, Entity, EntityKind, Event, Quote, Span, Stats

# Rows a pane loads at most. On a 200k-document index the most mentioned entity's 20k events
# took 1.3 s to load, its documents 0.28 s, its quotes 0.35 s, and a filter must apply in about
# 0.3 s (issue 15); a load costs about its number of rows, and no one scrolls 5,000 rows. Past
# the cap, the pane says how many more match and the user narrows (search bar, date range).
ROW_CAP = 5_000
# Places the map draws at most, the most mentioned; past a few hundred, markers share cells.
MAP_PLACES = 2_000
# A pane's first screenful, shown while the rest of its rows load (``Pages.first``).
FIRST_ROWS = 200

PaneSort = Literal["date", "date-asc", "title"]
# The pane's sort names -> the reader's document orders.
DOCUMENT_ORDER = {"date": "-date", "date-asc": "date", "title": "title"}

T = TypeVar("T")


class FactSource(Protocol):
    """What the app reads from an index (``explorer.index.reader.Reader`` is one)."""

    def stats(self) -> Stats: ...
    def documents(self, q: Query) -> list[Document]: ...
    def timeline(self, q: Query) -> list[Event]: ...
    def quotes(self, q: Query) -> list[Quote]: ...
    def entity(self, entity_id: int) -> Entity: ...
    def find(self, text: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]: ...
    def document(self, doc_id: str) -> Document: ...
    def text(self, doc_id: str) -> str: ...
    def spans(self, doc_id: str) -> list[Span]: ...
    def name_index(self) -> Any: ...
    def places(self, q: Query, docs: Sequence[str] | None = None) -> list[Entity]: ...


class Cancelled(Exception):
    """The caller gave the call up (``PooledSource``): its rows would land on a view the user
    has left."""


# How often a caller waiting on the pool checks whether it was cancelled.
CANCEL_POLL_S = 0.01


class PooledSource:
    """A ``FactSource`` whose calls run on ``threads`` reused threads.

    The reader opens one SQLite connection per thread, each with its own page cache and memory
    map (hundreds of MB once warm). Textual starts a new thread for every thread worker, so
    calling the reader from workers directly opened a connection per keystroke and per pane
    load. Through a pool the app holds as many connections as pool threads, whatever the user
    does; the worker that made the call waits for the answer.

    ``cancelled`` (asked in the calling thread) says the caller gave up: a new filter, a
    cleared one. The call is then dropped if it has not started, and stopped if it has
    (``source.interrupt``: the reader's statement raises): a frequent name's page at 200k
    documents is hundreds of milliseconds of SQL, and a stale load run to its end holds one
    of the pool's threads that the new view's loads wait for.
    """

    def __init__(
        self,
        source: FactSource,
        threads: int,
        name: str,
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self.source = source
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix=f"facts-{name}")
        self._cancelled = cancelled

    def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        if self._cancelled is None:
            return self._pool.submit(fn, *args, **kwargs).result()
        running: list[int] = []

        def call() -> T:
            running.append(threading.get_ident())
            return fn(*args, **kwargs)

        future = self._pool.submit(call)
        while True:
            try:
                return future.result(timeout=CANCEL_POLL_S)
            except FutureTimeout:
                if not self._cancelled():
                    continue
            if future.cancel():
                raise Cancelled
            # Running: stop its statements until it returns (interrupt stops only the one
            # running; the call may start another after it).
            interrupt = getattr(self.source, "interrupt", None)
            while interrupt is not None and running and not future.done():
                interrupt(running[0])
                wait([future], timeout=CANCEL_POLL_S)
            raise Cancelled

    def stats(self) -> Stats:
        return self._run(self.source.stats)

    def documents(self, q: Query) -> list[Document]:
        return self._run(self.source.documents, q)

    def timeline(self, q: Query) -> list[Event]:
        return self._run(self.source.timeline, q)

    def quotes(self, q: Query) -> list[Quote]:
        return self._run(self.source.quotes, q)

    def entity(self, entity_id: int) -> Entity:
        return self._run(self.source.entity, entity_id)

    def find(self, text: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]:
        return self._run(self.source.find, text, kind, limit)

    def document(self, doc_id: str) -> Document:
        return self._run(self.source.document, doc_id)

    def text(self, doc_id: str) -> str:
        return self._run(self.source.text, doc_id)

    def spans(self, doc_id: str) -> list[Span]:
        return self._run(self.source.spans, doc_id)

    def name_index(self) -> Any:
        return self._run(self.source.name_index)

    def places(self, q: Query, docs: Sequence[str] | None = None) -> list[Entity]:
        return self._run(self.source.places, q, docs)

    def shutdown(self) -> None:
        """Stop taking calls; queued ones are dropped, a running one finishes."""
        self._pool.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True, slots=True)
class View:
    """Everything the user has set that decides which rows the panes show."""

    filters: tuple[Filter, ...] = ()
    since: str | None = None  # the date range (key d), as YYYY, YYYY-MM or YYYY-MM-DD
    until: str | None = None
    sort: PaneSort = "date"  # the documents' order
    quote_words: str = ""  # the quotes pane's own filter box
    said_by: bool = False  # quotes said by the person/org chips, not by or about them

    @property
    def entities(self) -> tuple[int, ...]:
        return tuple(int(f.value) for f in self.filters if f.kind == "entity")

    @property
    def dated(self) -> bool:
        """A date range is set (it restricts every pane)."""
        return bool(self.since or self.until)

    @property
    def queries(self) -> str | None:
        """The query chips as one query (each must hold), or None when there are none."""
        typed = [str(f.value) for f in self.filters if f.kind == "query"]
        if not typed:
            return None
        return typed[0] if len(typed) == 1 else " ".join(f"({q})" for q in typed)

    def as_query(self) -> str:
        """Everything set, written in the query language: what ctrl+s saves, and what
        ``explorer quotes QUERY`` runs to print the same rows (by or about the names)."""
        parts = []
        for f in self.filters:
            if f.kind == "entity":
                field = f.entity_kind or "entity"
                parts.append(f'{field}:"{f.label}"' if " " in f.label else f"{field}:{f.label}")
            elif f.kind == "text":
                parts.append(str(f.value))
            else:
                parts.append(f"({f.value})" if len(self.filters) > 1 else str(f.value))
        if self.dated:
            parts.append(f"date:{self.since or ''}..{self.until or ''}")
        return " ".join(parts)

    def describe(self) -> str:
        """The view in words, for a pane that found nothing: "Kandahar + “ceasefire” · said by ·
        2021-08..2021-09"; empty when nothing is set."""
        parts = []
        if self.filters:
            parts.append(
                " + ".join(f.label if f.kind == "entity" else f"“{f.label}”" for f in self.filters)
            )
            if self.said_by:
                parts.append("said by")
        if self.dated:
            parts.append(f"{self.since or '…'}..{self.until or '…'}")
        return " · ".join(parts)

    def days(self) -> dict[str, str | None]:
        """The range as the Query's first and last days."""
        return {
            "since": first_day(self.since, "since") if self.since else None,
            "until": last_day(self.until, "until") if self.until else None,
        }

    @property
    def speakers(self) -> tuple[int, ...]:
        """The chips that can speak: people and organisations."""
        return tuple(
            int(f.value)
            for f in self.filters
            if f.kind == "entity" and f.entity_kind in ("person", "org")
        )

    def words(self, more: str = "") -> str | None:
        """The words of every text chip (and ``more``) as one AND query; None when none."""
        parts = [str(f.value) for f in self.filters if f.kind == "text"]
        if more.strip():
            parts.append(more.strip())
        return " ".join(parts) or None


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one pane under a view, and how they relate to all that match."""

    rows: list[Any]
    total: int | None = None  # how many rows match in all, when known
    capped: bool = False  # rows that match were left out
    note: str | None = None  # why there are no rows, when a query chip cannot run here

    @property
    def hidden(self) -> int | None:
        """How many matching rows were not loaded (None: unknown, but some)."""
        if not self.capped:
            return 0
        if self.total is None:
            return None
        return max(0, self.total - len(self.rows))


def _page(rows: Sequence[Any], cap: int, total: int | None = None) -> Page:
    """Keep ``cap`` of ``rows`` (read with a limit of cap + 1); exact total when nothing was cut."""
    if len(rows) <= cap:
        return Page(list(rows), len(rows), False)
    return Page(list(rows[:cap]), total if total is not None and total > cap else None, True)


class Pages:
    """The page each pane shows for a ``View``: one query each, at most ``cap`` rows.

    The pages of the last few views are kept (``KEPT_VIEWS``): clearing a filter goes back to
    the unfiltered view, whose three pages took 2.3 s to load again on Reuters and far longer
    at 200k documents, and toggling a chip or a mode off and on again is common. They are
    forgotten (``forget``) whenever the index changes under them.
    """

    KEPT_VIEWS = 3

    def __init__(self, source: FactSource, cap: int = ROW_CAP) -> None:
        self.source = source
        self.cap = cap
        self._kept: OrderedDict[View, dict[str, Page]] = OrderedDict()
        self._lock = threading.Lock()
        self._era = 0  # bumped by forget: a load begun before it is not kept after it

    def forget(self) -> None:
        """The index changed: no kept page may be shown again."""
        with self._lock:
            self._kept.clear()
            self._era += 1

    def kept(self, pane: str, view: View) -> Page | None:
        """The page of ``pane`` for ``view`` when it is kept (no query then)."""
        with self._lock:
            pages = self._kept.get(view)
            if pages is None or pane not in pages:
                return None
            self._kept.move_to_end(view)
            return pages[pane]

    def _keep(self, pane: str, view: View, page: Page, era: int) -> Page:
        with self._lock:
            if era == self._era:
                self._kept.setdefault(view, {})[pane] = page
                self._kept.move_to_end(view)
                while len(self._kept) > self.KEPT_VIEWS:
                    self._kept.popitem(last=False)
        return page

    def page(self, pane: str, view: View) -> Page:
        """``pane``'s page for ``view``: kept, or loaded (and kept)."""
        found = self.kept(pane, view)
        if found is not None:
            return found
        era = self._era
        load: Callable[[View], Page] = getattr(self, pane)
        return self._keep(pane, view, load(view), era)

    def first(self, pane: str, view: View) -> Page:
        """``pane``'s first ``FIRST_ROWS`` rows for ``view``, to paint while the whole page
        loads: the first rows of a frequent name's timeline come back in 30 ms at 200k
        documents, all 5,000 in 300-400 ms. A first page that holds every row is the page:
        it is kept as such."""
        found = self.kept(pane, view)
        if found is not None:
            return found
        era = self._era
        page = getattr(Pages(self.source, min(self.cap, FIRST_ROWS)), pane)(view)
        if not page.capped:
            return self._keep(pane, view, page, era)
        return page

    def documents(self, view: View) -> Page:
        """Documents naming every entity and holding every word, dated in the date range, in
        the pane's order."""
        words = view.words()
        q = Query(
            entities=view.entities,
            text=words,
            order=DOCUMENT_ORDER[view.sort],
            limit=self.cap + 1,
            **view.days(),
        )
        if view.queries:
            return self._queried("docs", view, q)
        rows = self.source.documents(q)
        total = None
        if len(rows) > self.cap and len(view.entities) == 1 and not words and not view.dated:
            total = self.source.entity(view.entities[0]).docs  # the index counts these
        return _page(rows, self.cap, total)

    def timeline(self, view: View) -> Page:
        """Events in the date range whose sentence names every entity and holds every word."""
        q = Query(
            entities=view.entities,
            text=view.words(),
            since=first_day(view.since, "since") if view.since else None,
            until=last_day(view.until, "until") if view.until else None,
            # Newest first: the first screen of a folder of news is its latest events, not the
            # oldest year some article mentions.
            order="-date",
            limit=self.cap + 1,
        )
        if view.queries:
            return self._queried("timeline", view, q)
        return _page(self.source.timeline(q), self.cap)

    def quotes(self, view: View) -> Page:
        """Quotes by or about every entity (or, ``said_by``, said by the person and body chips),
        holding every word (of the chips and the quote box): by relevance when there are words,
        else by date."""
        words = view.words(view.quote_words)
        speakers = view.speakers if view.said_by else ()
        if speakers:
            # Said by the people and bodies on the chips (as `explorer quotes --speaker`),
            # about the rest (a place chip: said by Wallace about Kandahar).
            about = tuple(e for e in view.entities if e not in speakers)
            q = Query(
                speakers=speakers, entities=about, text=words, limit=self.cap + 1, **view.days()
            )
        else:
            q = Query(entities=view.entities, text=words, limit=self.cap + 1, **view.days())
        if view.queries:
            return self._queried("quotes", view, q)
        return _page(self.source.quotes(q), self.cap)

    def map(self, view: View) -> Page:
        """Places named in the view's documents (the Documents pane's filters), with their
        mentions and documents counted there, most mentioned first. With query chips, the
        places of the first ``cap`` documents the query selects."""
        q = Query(entities=view.entities, text=view.words(), limit=MAP_PLACES + 1, **view.days())
        if view.queries:
            from explorer.index.search import search

            try:
                first = dataclasses.replace(q, limit=self.cap)
                docs = search(self.source, "docs", view.queries, first)
            except UsageError as exc:
                return Page([], 0, False, note=str(exc))
            rows = self.source.places(Query(limit=MAP_PLACES + 1), [d.id for d in docs])
        else:
            rows = self.source.places(q)
        return _page(rows, MAP_PLACES)

    def _queried(self, subject: Subject, view: View, q: Query) -> Page:
        """The page of a view with query chips: the chips' query within the rest of the view,
        answered as the command line answers it; a query that cannot run here (a name no
        entity matches, a field this pane has not) is a note instead of rows."""
        from explorer.index.search import search  # the query algebra, only when a chip asks

        try:
            rows = search(self.source, subject, view.queries, q)
        except UsageError as exc:
            return Page([], 0, False, note=str(exc))
        return _page(rows, self.cap)
