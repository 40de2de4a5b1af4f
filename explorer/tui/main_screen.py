"""The main screen: search bar, the three panes, the preview; it coordinates them.

The screen owns the view (filters, date range, order: ``explorer.tui.state.View``) and the
corpus handle. Panes post messages (a fact was highlighted, a filter was added) and the screen
answers by running a worker that asks ``Pages`` for the view and hands the page down. Every
index call happens in a thread worker, so the screen paints at once and fills in; results carry
a generation number so a late answer never overwrites a newer one.

Each pane loads in its own worker and paints as soon as its rows are there (documents, the
cheapest, first), at most ``cap`` rows each: a million articles must open as fast as a
hundred. The corpus-wide counts come from ``stats()`` in a worker of their own and complete
the titles ("5,000 of 5,149,480") when they land.
"""

from __future__ import annotations

import dataclasses
import gc
import subprocess
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, ProgressBar, Static
from textual.worker import NoActiveWorker, get_current_worker

from explorer.index.query import MAX_LIMIT
from explorer.records import is_entity_kind
from explorer.safe_text import clean_line, literal
from explorer.tui.documents import DocumentsPane
from explorer.tui.filters import Filter
from explorer.tui.formatting import citation, plural
from explorer.tui.judge import ContradictionsScreen, SourcesScreen
from explorer.tui.kept import SUBJECT, SaveSearchScreen, export, pin
from explorer.tui.map import MapPane, WorldMap
from explorer.tui.messages import (
    CitationWanted,
    CorpusFailed,
    CorpusReady,
    CorrectionDone,
    CorrectionRequested,
    DataLoaded,
    FactHighlighted,
    FactOpened,
    FilterAdded,
    FilterRemoved,
    FiltersCleared,
    IndexProgress,
    IndexRefreshed,
    QueryRefused,
    RefreshFailed,
    SavedSearchApplied,
    SearchLeft,
    StatsLoaded,
)
from explorer.tui.quotes import QuotesPane
from explorer.tui.reader import LoadedDoc, Preview, ReaderScreen
from explorer.tui.search import SearchBar
from explorer.tui.state import (
    FIRST_ROWS,
    ROW_CAP,
    Cancelled,
    FactSource,
    Page,
    Pages,
    PooledSource,
    View,
)
from explorer.tui.timeline import TimelinePane
from explorer.tui.widgets.pane import ListPane, selectable
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Corpus, Quote, Stats


class Opener(Protocol):
    """Opens the corpus: ``open_corpus`` with its folder and index bound (tests pass a fake)."""

    def __call__(
        self,
        progress: Callable[[int, int], None],
        warn: Callable[[str], None],
        *,
        update: bool = True,
    ) -> Corpus: ...


class IndexingCancelled(Exception):
    """Raised from the progress callback to stop indexing when the user presses Esc."""


PANES = ("documents", "timeline", "quotes")
# Threads (so SQLite connections, ~300 MB each when warm) for pane loads and for quick calls.
BULK_THREADS = 2
QUICK_THREADS = 2
GATE_TIMEOUT_S = 3.0
# The app freezes the collector's long-lived objects after each load (see _freeze_gc); off in
# tests, where hundreds of apps come and go in one process. run_app turns it on.
FREEZE_GC = False
GC_THAW_EVERY = 30
GC_QUIET_S = 2.0
# An export (`e`) is every row of the view, not a pane's first 5,000 (the reader's largest
# limit, less the one row a page reads past its cap).
MAX_ROWS = MAX_LIMIT - 1


def _worker_cancelled() -> bool:
    """Whether the Textual worker running this thread was cancelled (a newer load took its
    place); outside a worker, never."""
    try:
        return get_current_worker().is_cancelled
    except NoActiveWorker:
        return False


def _saved_line(corpus: Corpus, name: str, query: str) -> str:
    """Save ``query`` as ``name`` (``explorer saved add``); the line the app shows."""
    from explorer.saved import Kept

    saved = Kept(corpus.root).save_search(name, query)
    return f"Saved “{saved.name}”: {saved.query} (ctrl+p; explorer quotes --saved NAME)"


class DocStore:
    """Documents loaded for the reader, shared by worker threads (a small LRU)."""

    def __init__(self, facts: FactSource, size: int = 32) -> None:
        self._facts = facts
        self._lock = threading.Lock()
        self._docs: OrderedDict[str, LoadedDoc] = OrderedDict()
        self._size = size

    def get(self, doc_id: str) -> LoadedDoc:
        with self._lock:
            if doc_id in self._docs:
                self._docs.move_to_end(doc_id)
                return self._docs[doc_id]
        facts = self._facts
        loaded = LoadedDoc.build(facts.document(doc_id), facts.text(doc_id), facts.spans(doc_id))
        with self._lock:
            self._docs[doc_id] = loaded
            while len(self._docs) > self._size:
                self._docs.popitem(last=False)
        return loaded


def first_mention(doc: LoadedDoc, filters: tuple[Filter, ...]) -> tuple[int | None, int | None]:
    """Offsets of the first mention of a filtered name (or searched word) in ``doc``."""
    names = {f.label for f in filters if f.kind == "entity"}
    for span in doc.spans:
        if is_entity_kind(span.kind) and span.label in names:
            return span.start, span.end
    folded = doc.text.casefold()
    for flt in filters:
        if flt.kind == "text":
            at = folded.find(str(flt.value).casefold())
            if at >= 0:
                return at, at + len(str(flt.value))
    return None, None


class MainScreen(Screen[None]):
    """Header, search bar, Documents / Timeline / Quotes side by side, preview, footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # priority: checked as the key arrives, so "/kandahr" typed (or pasted) in one burst
        # lands in the box; the keys after "/" would otherwise go to the list that had focus.
        Binding("slash", "focus_search", "Search", id="main.search", priority=True,
                tooltip="Search names, places or words; Enter adds a filter"),
        # Also priority: "3 j j" typed in one burst moves the quotes, not the pane left behind.
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="main.next_pane",
                priority=True, tooltip="Focus the next pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False,
                id="main.previous_pane", priority=True, tooltip="Focus the previous pane"),
        Binding("1", "focus_pane('documents')", "Docs", show=False, id="main.documents",
                priority=True, tooltip="Jump to the Documents pane"),
        Binding("2", "focus_pane('timeline')", "Timeline", show=False, id="main.timeline",
                priority=True, tooltip="Jump to the Timeline pane"),
        Binding("3", "focus_pane('quotes')", "Quotes", show=False, id="main.quotes",
                priority=True, tooltip="Jump to the Quotes pane"),
        Binding("escape", "clear", "Clear filters", show=False, id="main.clear",
                tooltip="Clear the quote filter, then every filter chip"),
        Binding("b", "pin", "Pin", show=False, id="main.pin",
                tooltip="Pin the highlighted quote, event or document (explorer bookmarks)"),
        Binding("e", "export", "Export", show=False, id="main.export",
                tooltip="Export the focused pane's rows with citations as CSV"),
        Binding("ctrl+s", "save_search", "Save search", show=False, id="main.save",
                tooltip="Save the filters as a named search (ctrl+p lists saved searches)"),
        Binding("o", "sources", "Sources", show=False, id="main.sources",
                tooltip="The documents telling the highlighted event or quote"),
        Binding("m", "toggle_map", "Map", id="main.map",
                tooltip="Show the places of the view on a map (in place of the preview)"),
        Binding("4", "focus_map", "Map", show=False, id="main.focus_map", priority=True,
                tooltip="Jump to the map (when shown)"),
    ]  # fmt: skip

    @dataclass
    class DocReady(Message):
        """A document was loaded for the preview (``open`` False) or the reader."""

        doc: LoadedDoc
        start: int | None
        end: int | None
        open: bool
        request: int = 0

    @dataclass
    class DocFailed(Message):
        error: str

    def on_main_screen_doc_failed(self, message: DocFailed) -> None:
        self.notify(clean_line(message.error), severity="error", markup=False)

    def __init__(self, corpus_name: str, opener: Opener, *, cap: int = ROW_CAP) -> None:
        super().__init__()
        self.corpus_name = corpus_name
        self.cap = cap  # rows a pane loads at most
        self._opener = opener
        self.corpus: Corpus | None = None  # the opened corpus: catching up with the folder
        self.facts: PooledSource | None = None  # for the UI's quick calls (preview, search)
        self._pages: Pages | None = None  # the panes' loads, on a pool of their own
        self.store: DocStore | None = None
        self.filters: tuple[Filter, ...] = ()
        self.stats: Stats | None = None
        self._search_hold = False  # Enter in the search box holds the lists (_leave_search)
        self._loads = 0  # pages shown since the last collection, for _freeze_gc
        self._collect_timer: Timer | None = None
        self._refresh_process: subprocess.Popen | None = None
        self._generation = 0
        self._warnings: list[str] = []
        # The generation whose first screenful each pane shows, its whole page still to come.
        self._first_shown: dict[str, int] = {}
        self._last_pane = "documents"
        self._cancel = threading.Event()
        self._request = 0  # numbers document loads, so a slow, stale one is never shown
        self._docs_total: int | None = None  # documents under the filters, when known
        self._opening = True

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal(id="loading"):
            yield Label("Opening the corpus…", id="loading-label")
            yield ProgressBar(id="loading-bar", show_eta=False)
        yield SearchBar()
        with Horizontal(id="panes"):
            yield DocumentsPane()
            yield TimelinePane()
            yield QuotesPane()
        yield Preview()
        yield MapPane()
        yield Footer()

    def on_mount(self) -> None:
        self._update_header()
        self.query_one(DocumentsPane).show([], loading=True)
        self.query_one(TimelinePane).show([], loading=True)
        self.query_one(QuotesPane).show([], loading=True)
        self.query_one("#documents-list", VirtualList).focus()
        # After the first frame: opening imports the index layer (SQLite, rapidfuzz), whose
        # thread would otherwise take the interpreter from the first paint.
        self.call_after_refresh(self._open_corpus)

    # -- opening ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open")
    def _open_corpus(self) -> None:
        last = 0.0

        def progress(done: int, total: int) -> None:
            nonlocal last
            if self._cancel.is_set():
                raise IndexingCancelled
            now = time.monotonic()
            if now - last > 0.1 or done >= total:  # a message per file would flood the queue
                last = now
                self.post_message(IndexProgress(done, total))

        def warn(line: str) -> None:
            self._warnings.append(line)

        ready = getattr(self._opener, "index_ready", None)
        if ready is not None and ready():
            # Show what is indexed now; catching up with changed files walks the whole folder
            # (seconds at a million files) and runs behind the panes instead of before them.
            try:
                corpus = self._opener(lambda done, total: None, warn, update=False)
            except Exception as exc:
                self.post_message(CorpusFailed(str(exc) or type(exc).__name__))
                return
            self.post_message(CorpusReady(corpus))
            self._refresh(corpus)
            return
        try:
            try:
                corpus = self._opener(progress, warn)
            except IndexingCancelled:
                # The index keeps what was fully written: show that, without updating.
                self.post_message(IndexProgress(-1, -1))
                corpus = self._opener(lambda done, total: None, warn, update=False)
        except Exception as exc:  # shown in the app; the CLI prints it for non-app commands
            self.post_message(CorpusFailed(str(exc) or type(exc).__name__))
            return
        self.post_message(CorpusReady(corpus))

    @work(thread=True, exclusive=True, group="refresh")
    def _refresh(self, corpus: Corpus) -> None:
        """Index what changed on disk since the last run, then reload the panes if anything did."""
        warnings: list[str] = []

        def started(process: subprocess.Popen) -> None:
            self._refresh_process = process

        try:
            report = corpus.refresh_isolated(started, warn=warnings.append)
        except Exception as exc:  # the index on screen stays usable: say so, don't crash
            self.post_message(RefreshFailed(str(exc) or type(exc).__name__))
            return
        self.post_message(IndexRefreshed(report.extracted_files, report.removed, warnings))

    def on_index_refreshed(self, message: IndexRefreshed) -> None:
        for line in message.warnings:
            self.notify(clean_line(line), severity="warning", markup=False)
        if not (message.changed or message.removed):
            return
        self.notify(
            f"Index updated: {plural(message.changed, 'file')} added or changed, "
            f"{plural(message.removed, 'file')} removed",
            timeout=4,
            markup=False,
        )
        self.stats = None
        if self._pages is not None:
            self._pages.forget()
        self._reload()

    # -- citations ------------------------------------------------------------------------

    def on_citation_wanted(self, message: CitationWanted) -> None:
        if self.facts is not None:
            self._cite(self.facts, message.quote)

    @work(thread=True, group="cite")
    def _cite(self, facts: FactSource, quote: Quote) -> None:
        """Build the citation with the article's outlet and URL (or path), then copy it."""
        try:
            doc = facts.document(quote.doc)
            outlet, where = doc.source, doc.url or doc.path
        except Exception:  # the quote is still worth copying without them
            outlet = where = None
        text = citation(
            quote.display or quote.text,
            quote.speaker,
            quote.doc_title,
            quote.doc_date,
            outlet=outlet,
            where=where,
            doc=quote.doc,
            span=(quote.start, quote.end),
        )
        self.app.call_from_thread(self._copied, text)

    def _copied(self, text: str) -> None:
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 160 else text[:159] + "…"
        self.notify(f"Copied: {shown}", timeout=4, markup=False)

    # -- corrections of the names (the command palette's CorrectionCommands) -------------------

    def on_correction_requested(self, message: CorrectionRequested) -> None:
        if self.corpus is not None:
            self._correct(self.corpus, message)

    @work(thread=True, group="correct")
    def _correct(self, corpus: Corpus, request: CorrectionRequested) -> None:
        """Make the correction through the corpus (kept beside the index, as the CLI does)."""
        method = {
            "merge": corpus.merge_entities,
            "split": corpus.split_entity,
            "rename": corpus.rename_entity,
            "kind": corpus.set_entity_kind,
        }[request.op]
        try:
            entities = method(request.entity, request.value)
        except Exception as exc:  # a name that is no longer there, a locked index: say so
            self.post_message(CorrectionDone(request, [], str(exc) or type(exc).__name__))
            return
        self.post_message(CorrectionDone(request, entities))

    def on_correction_done(self, message: CorrectionDone) -> None:
        if message.error is not None:
            self.notify(clean_line(message.error), severity="error", markup=False)
            return
        self.notify(clean_line(f"Done: {message.request.summary}"), timeout=4, markup=False)
        # Chips show the entities as they are now; one merged into another is gone.
        now = {e.id: e for e in message.entities}
        gone = int(message.request.value) if message.request.op == "merge" else None
        chips: list[Filter] = []
        for f in self.filters:
            if f.kind == "entity" and f.value == gone:
                continue
            if f.kind == "entity" and f.value in now:
                e = now[f.value]
                f = Filter("entity", e.id, clean_line(e.name), e.kind)
            chips.append(f)
        self.stats = None
        if self._pages is not None:
            self._pages.forget()  # the names changed: every kept page may name them otherwise
        self._set_filters(tuple(chips))

    def on_refresh_failed(self, message: RefreshFailed) -> None:
        self.notify(
            clean_line(f"Could not update the index: {message.error}"),
            severity="warning",
            markup=False,
        )

    def on_unmount(self) -> None:
        if self._refresh_process is not None and self._refresh_process.poll() is None:
            self._refresh_process.terminate()  # safe: the index commits whole files only
        for pool in (self._pages.source if self._pages else None, self.facts):
            if isinstance(pool, PooledSource):
                pool.shutdown()

    def on_index_progress(self, message: IndexProgress) -> None:
        if message.total < 0:
            self.query_one("#loading-label", Label).update("Cancelled: opening what is indexed…")
            return
        self.query_one("#loading-label", Label).update(
            f"Indexing {message.done:,}/{message.total:,} articles…  (Esc to cancel)"
        )
        self.query_one("#loading-bar", ProgressBar).update(
            total=max(1, message.total), progress=message.done
        )

    def on_corpus_failed(self, message: CorpusFailed) -> None:
        self._opening = False
        self.query_one("#loading-label", Label).update(
            literal(f"Could not open the corpus: {message.error}")
        )
        self.query_one("#loading-bar", ProgressBar).display = False
        self.query_one("#loading").add_class("-error")
        for pane in (DocumentsPane, TimelinePane, QuotesPane):
            self.query_one(pane).list.set_empty_text("Corpus unavailable")
        self.notify(
            clean_line(message.error),
            title="Could not open the corpus",
            severity="error",
            markup=False,  # the message may quote a file name: never markup
        )

    def on_corpus_ready(self, message: CorpusReady) -> None:
        self._opening = False
        if self._cancel.is_set():
            self.notify("Indexing cancelled: showing the articles indexed so far", timeout=4)
        # Two small pools (see PooledSource): pane loads can take a second at a million
        # documents, and must not hold up the preview or the search bar behind them.
        self.corpus = message.corpus
        message.corpus.warn = self._warn_later
        reader = message.corpus.facts  # a damaged index found mid-session is repaired
        loads = PooledSource(reader, BULK_THREADS, "load", cancelled=_worker_cancelled)
        self._pages = Pages(loads, self.cap)
        self.facts = facts = PooledSource(reader, QUICK_THREADS, "ui")
        self.store = DocStore(facts)
        self.query_one(SearchBar).find = lambda query, limit: facts.find(query, limit=limit)
        self.query_one(SearchBar).leave_to = self._leave_search
        self.query_one(SearchBar).go_back = lambda: self.query_one(
            f"#{self._last_pane}-list", VirtualList
        )
        self.query_one("#loading").display = False
        if self._warnings:
            self.notify(
                f"{plural(len(self._warnings), 'warning')}: {clean_line(self._warnings[0])}",
                severity="warning",
                markup=False,
            )
        self._reload()
        self._warm_names()

    def _warn_later(self, line: str) -> None:
        """A warning of the corpus once the panes are up (an index found damaged and rebuilt),
        from whichever thread asked: a toast, as the update's warnings are."""

        def toast() -> None:
            self.notify(clean_line(line), severity="warning", markup=False)

        try:
            self.app.call_from_thread(toast)
        except RuntimeError:  # asked on the app's own thread
            toast()

    @work(thread=True, group="warm")
    def _warm_names(self) -> None:
        """Build the name lookup now, so the first keystroke in the search bar doesn't wait;
        once it is built, a keystroke looks names up at once, on the UI thread (a few ms at
        200k documents), instead of through two threads and a message."""
        if self.facts is None or self.corpus is None:
            return
        self.facts.name_index()
        reader = self.corpus.facts
        self.app.call_from_thread(
            setattr,
            self.query_one(SearchBar),
            "find_now",
            lambda query, limit: reader.find(query, limit=limit),
        )

    # -- data -------------------------------------------------------------------------------

    def view(self) -> View:
        """What the user has set, as the panes' loads need it (the quote box applies on top:
        the quotes pane asks for its words itself, see ``on_data_loaded``)."""
        since, until = self.query_one(TimelinePane).range
        said_by = self.query_one(QuotesPane).said_by
        return View(self.filters, since, until, self.query_one(DocumentsPane).sort, said_by=said_by)

    def _reload(self) -> None:
        if self._pages is None:
            return
        self._generation += 1
        generation, view = self._generation, self.view()
        self._docs_total = None
        for lst in self._pane_lists():
            lst.hold()
        # Documents first, alone: the cheapest pane paints at once instead of sharing the CPU
        # with the two slow loads (1.3 s -> 0.3 s to the first rows at 200k documents).
        # Then every pane's first rows before any pane's whole page: the pool has two threads,
        # and a whole page (hundreds of ms for a frequent name at 200k documents) read first
        # kept the third pane blank behind it.
        shown = {pane: threading.Event() for pane in PANES}
        gate, firsts = shown["documents"], tuple(shown.values())
        self._load("documents", generation, view, done=gate, rest_after=firsts)
        self._load(
            "timeline", generation, view, after=gate, done=shown["timeline"], rest_after=firsts
        )
        self._load("quotes", generation, view, after=gate, done=shown["quotes"], rest_after=firsts)
        if self.map_shown:
            self.query_one(MapPane).hold()
            self._load("map", generation, view, after=gate)
        if self.stats is None:
            self._load_stats()

    # -- the map (explorer.tui.map) ---------------------------------------------------------

    @property
    def map_shown(self) -> bool:
        return self.query_one(MapPane).has_class("-shown")

    def action_toggle_map(self) -> None:
        """Show the map in place of the preview (and load its places), or put the preview back."""
        shown = not self.map_shown
        self.query_one(MapPane).set_class(shown, "-shown")
        self.query_one(Preview).display = not shown
        if shown:
            self.query_one(WorldMap).focus()
            if self._pages is not None:
                self.query_one(MapPane).hold()
                self._load("map", self._generation, self.view())
        else:
            self.action_focus_pane(self._last_pane)

    def action_focus_map(self) -> None:
        if self.map_shown:
            self.query_one(WorldMap).focus()

    def on_world_map_chosen(self, message: WorldMap.Chosen) -> None:
        place = message.place
        self.post_message(FilterAdded(Filter("entity", place.id, clean_line(place.name), "place")))

    def _load(
        self,
        pane: str,
        generation: int,
        view: View,
        *,
        after: threading.Event | None = None,
        done: threading.Event | None = None,
        rest_after: tuple[threading.Event, ...] = (),
    ) -> None:
        """Load ``pane``'s page for ``view`` in a worker of its own (a newer load cancels it)."""
        pages = self._pages
        assert pages is not None
        kept = pages.kept(pane, view)
        if kept is not None:  # shown before (the view before a filter): no query, no worker
            self.workers.cancel_group(self, f"load-{pane}")  # an older load must not land
            if done is not None:
                done.set()
            self.post_message(DataLoaded(generation, pane, kept, view=view))
            return

        def load(v: View) -> Page:
            return pages.page(pane, v)

        def first(v: View) -> Page:
            return pages.first(pane, v)

        self.run_worker(
            lambda: self._post_page(
                generation,
                pane,
                view,
                load,
                after,
                done,
                first if pane in PANES and pages.cap > FIRST_ROWS else None,
                rest_after,
            ),
            thread=True,
            exclusive=True,
            group=f"load-{pane}",
        )

    def _post_page(
        self,
        generation: int,
        pane: str,
        view: View,
        load: Callable[[View], Page],
        after: threading.Event | None,
        done: threading.Event | None,
        first: Callable[[View], Page] | None = None,
        rest_after: tuple[threading.Event, ...] = (),
    ) -> None:
        """Run ``load`` (in the calling worker) and hand its rows to the UI, unless superseded.

        ``after``: wait for it first (a few seconds at most: a slow pane never blocks another).
        ``done``: set when this load is over, whatever happened (or once ``first`` is shown).
        ``first``: load and hand over the first screenful before the whole page: a filter on
        a frequent name shows its rows in tens of milliseconds, not the whole page's hundreds.
        ``rest_after``: after the first screenful, wait for these (the other panes' first rows)
        before reading the whole page.
        """
        worker = get_current_worker()
        try:
            if after is not None:
                after.wait(GATE_TIMEOUT_S)
            if worker.is_cancelled:
                return  # the view changed while this waited: don't spend the pool on old rows
            if first is not None:
                try:
                    page = first(view)
                except Exception:  # the whole page's load says what went wrong
                    page = None
                if worker.is_cancelled:
                    return
                if page is not None:
                    whole = not page.capped
                    self.post_message(
                        DataLoaded(generation, pane, page, view=view, first=not whole)
                    )
                    if done is not None:
                        done.set()  # the next pane may start: these rows are on the screen
                    if whole:
                        return
                for event in rest_after:
                    if event is not done:  # (not shown if the first rows failed)
                        event.wait(GATE_TIMEOUT_S)
                if worker.is_cancelled:
                    return
            try:
                page = load(view)
            except Exception as exc:  # one pane failing must not take the others down
                if worker.is_cancelled:
                    return  # stopped on purpose (PooledSource): a newer load has the pane
                self.post_message(DataLoaded(generation, pane, None, error=str(exc) or repr(exc)))
                return
            if not worker.is_cancelled:
                self.post_message(DataLoaded(generation, pane, page, view=view))
        finally:
            if done is not None:
                done.set()

    @work(thread=True, exclusive=True, group="stats")
    def _load_stats(self) -> None:
        assert self._pages is not None
        try:
            stats = self._pages.source.stats()
        except Cancelled:
            return
        except Exception as exc:
            self.post_message(DataLoaded(-1, "stats", None, error=str(exc) or repr(exc)))
            return
        self.post_message(StatsLoaded(stats))

    def on_stats_loaded(self, message: StatsLoaded) -> None:
        self.stats = s = message.stats
        if not self.filters:  # the counts are the unfiltered panes' totals
            self.query_one(DocumentsPane).set_total(s.documents)
            if self.query_one(TimelinePane).range == (None, None):
                self.query_one(TimelinePane).set_total(s.events)
            self.query_one(QuotesPane).set_total(s.quotes)
        self._update_header()

    def on_data_loaded(self, message: DataLoaded) -> None:
        if message.error is not None:
            self.notify(
                clean_line(f"loading {message.pane} failed: {message.error}"),
                severity="error",
                markup=False,
            )
            if message.generation == self._generation and message.pane == "map":
                self.query_one(MapPane).failed()
            if message.generation == self._generation and message.pane in PANES:
                failed = self.query_one(f"#{message.pane}-list", VirtualList)
                failed.set_empty_text("Loading failed")
                failed.release()
            return
        if message.generation != self._generation or message.page is None:
            return  # filters changed while this was loading
        page, view, pages = message.page, message.view, self._pages
        assert view is not None and pages is not None
        if message.pane == "map":
            self.query_one(MapPane).show(
                page.rows,
                whole=not (view.filters or view.dated),
                capped=page.capped,
                note=page.note,
            )
            return
        total = page.total
        # The whole page after its first screenful: the cursor and scroll stay put.
        grown = not message.first and self._first_shown.get(message.pane) == message.generation
        self._first_shown[message.pane] = message.generation if message.first else -1
        if (
            page.capped
            and total is None
            and not view.filters
            and not view.dated
            and self.stats is not None
        ):
            total = {
                "documents": self.stats.documents,
                "timeline": self.stats.events,
                "quotes": self.stats.quotes,
            }[message.pane]
        if message.pane == "documents":
            pane = self.query_one(DocumentsPane)
            if view.sort != pane.sort:
                return  # the user changed the order again: that load is coming
            pane.show(page.rows, total=total, capped=page.capped, grown=grown)
            pane.show_loading_more(message.first)
            self._docs_total = None if message.first else total if page.capped else len(page.rows)
            self._update_header()
        elif message.pane == "timeline":
            timeline = self.query_one(TimelinePane)
            if (view.since, view.until) != timeline.range:
                return  # the date range changed again: that load is coming
            if timeline.range != (None, None):
                total = page.total  # the corpus-wide count is not the range's
            timeline.show(page.rows, total=total, capped=page.capped, grown=grown)
            timeline.show_loading_more(message.first)
        elif message.pane == "quotes":
            if view.said_by != self.query_one(QuotesPane).said_by:
                return  # the user switched again: that load is coming

            def search(words: str) -> Page:
                return pages.quotes(dataclasses.replace(view, quote_words=words))

            quotes = self.query_one(QuotesPane)
            quotes.show(page.rows, total=total, capped=page.capped, search=search, grown=grown)
            quotes.show_loading_more(message.first)
        self._after_rows(message.pane, page.rows, view, page.note)
        if FREEZE_GC:
            self._freeze_gc()

    def _freeze_gc(self) -> None:
        """Put what exists now (the rows just shown, the widgets) out of the cycle collector's
        way: its passes over thousands of long-lived records landed on keystrokes (on Reuters,
        keystroke-to-suggestions p95 71-88 ms frozen, 113-133 ms not). Frozen objects are still
        freed when their count drops; only garbage cycles among them wait, so after
        ``GC_THAW_EVERY`` loads they are thawed and collected once, when the app has been
        quiet for ``GC_QUIET_S`` (a full pass takes ~100 ms at 200k documents: at a load, as it
        was, it landed on the next filter's rows)."""
        self._loads += 1
        gc.freeze()
        if self._loads >= GC_THAW_EVERY:
            if self._collect_timer is not None:
                self._collect_timer.stop()  # not quiet yet: later
            self._collect_timer = self.set_timer(GC_QUIET_S, self._collect_garbage)

    def _collect_garbage(self) -> None:
        self._collect_timer = None
        self._loads = 0
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def _after_rows(self, pane: str, rows: list, view: View, note: str | None = None) -> None:
        """A pane that found nothing says so in words (or why its query could not run), and
        the preview never shows a fact the filters left out (the focused pane's cursor moved to
        its new rows; an empty one has none)."""
        if rows:
            return
        noun = {"documents": "documents", "timeline": "events", "quotes": "quotes"}[pane]
        what = view.describe()
        widget = self.query_one(f"#{pane}", ListPane)
        if note:
            widget.say_empty(clean_line(note))
        elif what:  # with nothing set, the pane's own "No quotes yet" holds (the index may grow)
            widget.say_empty(f"No {noun} match {clean_line(what)}")
        if pane == "documents" or widget.has_focus_within:
            self.query_one(Preview).show(None)

    def on_timeline_pane_range_changed(self, message: TimelinePane.RangeChanged) -> None:
        # The date range restricts every pane: documents and quotes by their article's date.
        for pane in PANES:
            self.query_one(f"#{pane}-list", VirtualList).set_empty_text("Loading…")
        self._reload()

    def on_quotes_pane_mode_changed(self, message: QuotesPane.ModeChanged) -> None:
        if self._pages is not None:
            self.query_one(QuotesPane).list.set_empty_text("Loading…")
            self.query_one(QuotesPane).hold()
            self._load("quotes", self._generation, self.view())

    def on_documents_pane_resort(self, message: DocumentsPane.Resort) -> None:
        if self._pages is not None:
            self.query_one(DocumentsPane).hold()
            self._load("documents", self._generation, self.view())

    def _update_header(self) -> None:
        header = f"explorer · {clean_line(self.corpus_name)}"
        if self.stats is not None:
            s = self.stats
            header += (
                f"  │ {plural(s.documents, 'doc')} · {plural(s.events, 'event')} · "
                f"{plural(s.quotes, 'quote')} · {plural(s.entities, 'name')}"
            )
            if self.filters and self._docs_total is not None:
                header += f" │ filtered: {plural(self._docs_total, 'doc')}"
            elif (
                self.filters
                and self.query_one(DocumentsPane).capped
                and not self.query_one(DocumentsPane).loading_more
            ):
                header += f" │ filtered: over {plural(self.cap, 'doc')}"
        else:
            header += "   loading…"
        self.query_one("#header", Static).update(literal(header))  # the folder name is data

    # -- filters ----------------------------------------------------------------------------

    def _set_filters(self, filters: tuple[Filter, ...]) -> None:
        self.filters = filters
        self.query_one(SearchBar).set_filters(filters)
        self._reload()

    def _leave_search(self) -> VirtualList:
        """Enter in the search box: the keys go back to the lists at once, and the lists keep
        them for the rows of the filter being added (see SubmitInput, VirtualList.hold)."""
        self._search_hold = True
        for lst in self._pane_lists():
            lst.hold()
        return self.query_one(f"#{self._last_pane}-list", VirtualList)

    def _release_search_hold(self) -> None:
        """The search added nothing (an empty box, Esc, a filter already set): no rows are
        coming, so the moves the lists kept apply now."""
        if self._search_hold:
            self._search_hold = False
            for lst in self._pane_lists():
                lst.release()

    def on_filter_added(self, message: FilterAdded) -> None:
        if message.filter not in self.filters:
            self._search_hold = False  # the reload's rows release the lists
            self._set_filters((*self.filters, message.filter))
        else:
            self._release_search_hold()
        self._back_from_search()  # to the lists, to read what is left

    def on_filter_removed(self, message: FilterRemoved) -> None:
        self._set_filters(tuple(f for f in self.filters if f != message.filter))

    def on_filters_cleared(self, message: FiltersCleared) -> None:
        self._set_filters(())

    def on_query_refused(self, message: QueryRefused) -> None:
        self._release_search_hold()

    def on_search_left(self, message: SearchLeft) -> None:
        self._release_search_hold()
        self._back_from_search()

    def _back_from_search(self) -> None:
        """Give the keys back to the last pane, unless they have gone elsewhere already (Enter
        and Esc move the focus as the key arrives; a key after them may have moved it on)."""
        focused = self.focused
        if focused is None or self.query_one(SearchBar) in focused.ancestors_with_self:
            self.action_focus_pane(self._last_pane)

    # -- kept for later: saved searches, pins, exports (explorer.tui.kept) ----------------

    def action_save_search(self) -> None:
        text = self.view().as_query()
        if self.corpus is None or not text:
            self.notify("Nothing to save: add a filter or a date range first", timeout=3)
            return
        corpus = self.corpus

        def save(name: str | None) -> None:
            if name:
                self._aside(lambda: _saved_line(corpus, name, text))

        self.app.push_screen(SaveSearchScreen(text), save)

    def action_pin(self) -> None:
        pane = self.query_one(f"#{self._last_pane}", ListPane)
        row = pane.list.current
        if self.corpus is None or row is None or not selectable(row):
            self.notify("Nothing to pin: highlight a quote, an event or a document", timeout=3)
            return
        corpus = self.corpus
        self._aside(lambda: pin(corpus, row))

    def action_export(self) -> None:
        if self._pages is None:
            return
        pane, view = self._last_pane, self.view()
        if pane == "quotes":
            view = dataclasses.replace(
                view, quote_words=self.query_one(QuotesPane).filter_input.value
            )
        source = self._pages.source
        self.notify(f"Exporting the {pane} with citations…", timeout=2)

        def run() -> str:
            everything = Pages(source, cap=MAX_ROWS).page(pane, view)
            return export(source, SUBJECT[pane], everything.rows, Path.cwd())

        self._aside(run)

    @work(thread=True, group="aside")
    def _aside(self, task: Callable[[], str | None]) -> None:
        """Run a save, pin, export or look-up off the UI thread; show the line it returns, or
        why it could not be done (a damaged saved file, a full disk, an unreadable document)."""
        try:
            line = task()
        except Exception as exc:
            self.app.call_from_thread(
                self.notify, clean_line(str(exc) or type(exc).__name__), severity="error",
                markup=False,
            )  # fmt: skip
            return
        if line:
            self.app.call_from_thread(self.notify, clean_line(line), timeout=5, markup=False)

    # -- judging across documents (explorer.tui.judge) ---------------------------------------

    def action_sources(self) -> None:
        pane = self.query_one(f"#{self._last_pane}", ListPane)
        row = pane.list.current
        if self.facts is None or row is None or not getattr(row, "sources", None):
            self.notify("Highlight an event or a quote to see who else tells it", timeout=3)
            return
        facts = self.facts

        def load() -> None:
            docs, texts = {}, {}
            for s in row.sources:
                docs[s["doc"]] = facts.document(s["doc"])
                texts[s["doc"]] = facts.text(s["doc"])
            self.app.call_from_thread(self.app.push_screen, SourcesScreen.of(row, docs, texts))

        self._aside(load)

    def action_contradictions(self) -> None:
        if self.corpus is None:
            return
        corpus, query = self.corpus, self.view().as_query()
        scope = f"in documents matching {query}" if query else "in the corpus"
        self.notify(f"Looking for contradictions {scope}…", timeout=3, markup=False)

        def load() -> None:
            records = corpus.contradictions(query or None)
            sides = frozenset((s["doc"], s["start"], s["end"]) for r in records for s in (r.a, r.b))
            self.app.call_from_thread(self.query_one(TimelinePane).mark_disputed, sides)
            self.app.call_from_thread(self.app.push_screen, ContradictionsScreen.of(records, scope))

        self._aside(load)

    def on_saved_search_applied(self, message: SavedSearchApplied) -> None:
        self._set_filters((Filter("query", message.query, message.query),))

    # -- preview and reader -----------------------------------------------------------------

    def on_fact_highlighted(self, message: FactHighlighted) -> None:
        self._request += 1
        self._fetch_doc(self._request, message.doc, message.start, message.end, False)

    def on_fact_opened(self, message: FactOpened) -> None:
        self._request += 1
        self._fetch_doc(self._request, message.doc, message.start, message.end, True)

    @work(thread=True, exclusive=True, group="doc")
    def _fetch_doc(
        self, request: int, doc_id: str, start: int | None, end: int | None, open: bool
    ) -> None:
        if self.store is None:
            return
        try:
            loaded = self.store.get(doc_id)
        except Exception as exc:  # one unreadable document must not take the screen down
            self.post_message(self.DocFailed(f"could not read {doc_id}: {exc}"))
            return
        self.post_message(self.DocReady(loaded, start, end, open, request))

    def on_main_screen_doc_ready(self, message: DocReady) -> None:
        if message.request != self._request:
            return  # the cursor moved on while this document loaded: a newer one is coming
        start, end = message.start, message.end
        if start is None:  # a whole document: show where the filtered name first appears
            start, end = first_mention(message.doc, self.filters)
        if message.open:
            self.app.push_screen(ReaderScreen(message.doc, start, end))
        else:
            self.query_one(Preview).show(message.doc, start, end)

    # -- keys -------------------------------------------------------------------------------

    def _pane_lists(self) -> list[VirtualList]:
        return [self.query_one(f"#{name}-list", VirtualList) for name in PANES]

    def action_focus_pane(self, name: str) -> None:
        self.set_focus(self.query_one(f"#{name}-list", VirtualList))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for name in PANES:
            if event.widget.id == f"{name}-list":
                self._last_pane = name

    def action_cycle_pane(self, step: int) -> None:
        lists: list[Widget] = [*self._pane_lists()]
        names = list(PANES)
        if self.map_shown:
            lists.append(self.query_one(WorldMap))
            names.append("map")
        focused = self.focused
        current = -1
        for i, name in enumerate(names):
            pane = self.query_one(f"#{name}")
            if focused is not None and (focused is pane or pane in focused.ancestors):
                current = i
        if current < 0:
            current = -1 if step > 0 else 0
        self.set_focus(lists[(current + step) % len(lists)])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In a text box "/" and digits are characters to type (9/11, 2021/08), not commands.
        typing = isinstance(self.focused, Input)
        return not (typing and action in ("focus_search", "focus_pane", "focus_map"))

    def action_focus_search(self) -> None:
        # set_focus, not focus(): keys typed right after "/" must already land in the box.
        self.set_focus(self.query_one("#search"))

    def action_clear(self) -> None:
        if self._opening and self._pages is None and not self._cancel.is_set():
            self._cancel.set()
            self.query_one("#loading-label", Label).update("Cancelling…")
            return
        if self.query_one(QuotesPane).clear_filter():
            return
        if self.query_one(TimelinePane).clear_range():
            return
        if self.filters:
            self._set_filters(())
