"""Messages the panes and the app exchange.

Panes never reach into one another: a pane posts one of these and the app (which owns the
Corpus and the filter state) reacts, handing new data down to the panes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

from explorer.tui.filters import Filter

if TYPE_CHECKING:
    from explorer.api import Corpus, Entity, Stats
    from explorer.tui.state import Page, View


@dataclass
class IndexProgress(Message):
    """The index worker extracted ``done`` of ``total`` documents."""

    done: int
    total: int


@dataclass
class CorpusReady(Message):
    """The corpus is open and its index up to date."""

    corpus: Corpus


@dataclass
class IndexRefreshed(Message):
    """The background catch-up with the corpus folder finished (counts of files it touched)."""

    changed: int
    removed: int
    warnings: list[str]


@dataclass
class RefreshFailed(Message):
    """The background catch-up failed; what is on screen is still the previous index."""

    error: str


@dataclass
class CorpusFailed(Message):
    """Opening or indexing the corpus failed; ``error`` is the one line to show."""

    error: str


@dataclass
class DataLoaded(Message):
    """Rows of one pane (``documents``, ``timeline``, ``quotes``) for the ``view`` of
    ``generation``, or the error that stopped their loading."""

    generation: int
    pane: str
    page: Page | None
    error: str | None = None
    view: View | None = None
    first: bool = False  # the first screenful of the page: the rest follows in another


@dataclass
class StatsLoaded(Message):
    """The corpus-wide counts: the header, and the totals of the unfiltered panes."""

    stats: Stats


@dataclass
class Suggestions(Message):
    """Entities matching what the search bar held when the lookup started."""

    query: str
    entities: list[Entity]
    prefer_text: bool  # the best entity is a poor match: Enter should search the text instead


@dataclass
class FilterAdded(Message):
    filter: Filter


@dataclass
class FilterRemoved(Message):
    filter: Filter


@dataclass
class FiltersCleared(Message):
    pass


@dataclass
class SearchLeft(Message):
    """Esc in the search box: the keys go back to the panes."""


@dataclass
class SavedSearchApplied(Message):
    """A saved search picked in the palette: its query replaces the filter chips."""

    query: str


@dataclass
class QueryRefused(Message):
    """Enter on a query with a mistake: nothing is added, the keys stay in the box to mend it
    (the lists held for new rows get none)."""


@dataclass
class FactHighlighted(Message):
    """The cursor of a pane rests on something in document ``doc``; the preview follows it."""

    doc: str
    start: int | None = None
    end: int | None = None


@dataclass
class FactOpened(Message):
    """Enter on a row: open the document in the reader, scrolled to ``start``."""

    doc: str
    start: int | None = None
    end: int | None = None


@dataclass
class CorrectionRequested(Message):
    """Correct the names (``explorer entities merge|split|rename|kind``): ``op`` on the entity
    ``entity`` with ``value`` (the other entity's id, an alias, a name or a kind)."""

    op: str
    entity: int
    value: str
    summary: str  # what the user chose, said back when it is done


@dataclass
class CorrectionDone(Message):
    """A correction was made and kept: the entities as it leaves them (``ok``), or why not."""

    request: CorrectionRequested
    entities: list[Any]
    error: str | None = None


@dataclass
class CitationWanted(Message):
    """``y`` on a quote: copy it with its citation (outlet, URL or path, offsets)."""

    quote: Any
