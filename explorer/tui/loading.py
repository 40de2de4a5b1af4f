"""What each pane loads for the active filters, never more than a cap of rows.

A million articles carry millions of events and quotes: loading them all took the app past
8 s and 500 MB at 40k documents. So every pane asks the corpus for at most ``cap`` rows (one
more, to learn whether the list goes on) and says so: a ``Page`` carries the rows, the total
when it is known, and whether rows were left out. The screen runs each loader in its own
thread worker; these functions only talk to the Corpus API, so they are tested without a
terminal.

Filters combine with AND. The corpus answers one entity and the words of every text chip in
one query (its own indexes do the work); a second entity is checked against that entity's own
capped rows, and when those were cut the result is marked "more may match" rather than
claimed complete.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explorer.tui.filters import Filter

if TYPE_CHECKING:
    from explorer.api import Corpus, Document, Event, Quote

# Rows a pane loads at most. Measured on a 200k-document index (benchmarks/bench_app.py and the
# loaders alone): 20k rows load in 0.25 s (documents), 0.75 s (events), 0.9 s (quotes), and
# 50k in 0.6 / 1.6 / 1.3 s; no one scrolls 20k rows, and a smaller load keeps typing snappy
# while the panes fill. Past the cap, the user narrows with the search bar.
ROW_CAP = 20_000
# For a text filter alone, events are read document by document (the timeline has no text
# search): at most this many matching documents, newest first, about 2 ms each.
TEXT_EVENT_DOCS = 300

# The pane's sort names -> the Corpus API's.
API_SORT = {"date": "-date", "date-asc": "date", "title": "title"}


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one pane under the filters, and how they relate to all that match."""

    rows: list[Any]
    total: int | None = None  # how many rows match in all, when known
    capped: bool = False  # rows that match were left out

    @property
    def hidden(self) -> int | None:
        """How many matching rows were not loaded (None: unknown, but some)."""
        if not self.capped:
            return 0
        if self.total is None:
            return None
        return max(0, self.total - len(self.rows))


def text_query(filters: Sequence[Filter], more: str = "") -> str:
    """The words of every text chip (and ``more``, the quote box) as one AND query."""
    parts = [str(f.value) for f in filters if f.kind == "text"]
    if more.strip():
        parts.append(more.strip())
    return " ".join(parts)


def entity_ids(filters: Sequence[Filter]) -> list[int]:
    return [int(f.value) for f in filters if f.kind == "entity"]


def _cut(rows: list[Any], cap: int, total: int | None, maybe_more: bool) -> Page:
    """Keep ``cap`` rows; the total is exact when nothing was cut and nothing was uncertain."""
    capped = len(rows) > cap or maybe_more
    kept = rows[:cap]
    if not capped:
        total = len(kept)
    elif total is not None and total <= len(kept):
        total = None  # the known total no longer holds (an extra filter narrowed the rows)
    return Page(kept, total, capped)


def _narrow(
    rows: list[Any],
    key: Callable[[Any], Hashable],
    extra: list[int],
    fetch: Callable[[int], list[Any]],
    cap: int,
) -> tuple[list[Any], bool]:
    """Rows also matching every entity of ``extra``; True when one of those lists was cut."""
    uncertain = False
    for entity in extra:
        other = fetch(entity)
        if len(other) > cap:
            uncertain = True
        keys = {key(x) for x in other}
        rows = [x for x in rows if key(x) in keys]
    return rows, uncertain


def load_documents(corpus: Corpus, filters: Sequence[Filter], sort: str, cap: int) -> Page:
    """Documents under ``filters`` in the pane's ``sort`` order, at most ``cap``."""
    ents = entity_ids(filters)
    words = text_query(filters)
    order = API_SORT.get(sort, "-date")
    first = ents[0] if ents else None
    rows: list[Document] = corpus.documents(
        entity=first, query=words or None, sort=order, limit=cap + 1
    )
    total = None
    if first is not None and not words and len(ents) == 1 and len(rows) > cap:
        total = corpus.entity(first).docs  # the index counts an entity's documents
    rows, uncertain = _narrow(
        rows,
        lambda d: d.id,
        ents[1:],
        lambda e: corpus.documents(entity=e, query=words or None, sort=order, limit=cap + 1),
        cap,
    )
    return _cut(rows, cap, total, uncertain)


def _event_key(e: Event) -> tuple[str, int, int]:
    return (e.doc, e.expr_start, e.start)


def _has_words(text: str, needles: list[str]) -> bool:
    folded = text.casefold()
    return all(w in folded for w in needles)


def load_events(
    corpus: Corpus,
    filters: Sequence[Filter],
    cap: int,
    since: str | None = None,
    until: str | None = None,
) -> Page:
    """Timeline events under ``filters`` between ``since`` and ``until``, at most ``cap``.

    The timeline has no text search of its own: under a text filter an event is kept when its
    sentence holds every word searched for, read from the entity's events when there is an
    entity filter, else from the newest ``TEXT_EVENT_DOCS`` matching documents.
    """
    ents = entity_ids(filters)
    words = text_query(filters)
    needles = words.casefold().split()
    maybe_more = False
    if ents:
        rows: list[Event] = corpus.timeline(entity=ents[0], since=since, until=until, limit=cap + 1)
        if needles:
            maybe_more = len(rows) > cap
            rows = [e for e in rows[:cap] if _has_words(e.text, needles)]
    elif needles:
        docs = corpus.documents(query=words, sort="-date", limit=TEXT_EVENT_DOCS + 1)
        maybe_more = len(docs) > TEXT_EVENT_DOCS
        rows = []
        for doc in docs[:TEXT_EVENT_DOCS]:
            events = corpus.timeline(doc=doc.id, since=since, until=until)
            rows.extend(e for e in events if _has_words(e.text, needles))
            if len(rows) > cap:
                break
    else:
        rows = corpus.timeline(since=since, until=until, limit=cap + 1)
    rows, uncertain = _narrow(
        rows,
        _event_key,
        ents[1:],
        lambda e: corpus.timeline(entity=e, since=since, until=until, limit=cap + 1),
        cap,
    )
    return _cut(rows, cap, None, maybe_more or uncertain)


def _quote_key(q: Quote) -> tuple[str, int, int]:
    return (q.doc, q.start, q.end)


def load_quotes(corpus: Corpus, filters: Sequence[Filter], cap: int, more: str = "") -> Page:
    """Quotes under ``filters`` (and the words ``more`` typed in the quote box), at most ``cap``.

    With words the corpus ranks by relevance (FTS5, typos forgiven); without, by date.
    """
    ents = entity_ids(filters)
    words = text_query(filters, more)
    rows: list[Quote] = corpus.quotes(
        query=words or None, entity=ents[0] if ents else None, limit=cap + 1
    )
    rows, uncertain = _narrow(
        rows,
        _quote_key,
        ents[1:],
        lambda e: corpus.quotes(query=words or None, entity=e, limit=cap + 1),
        cap,
    )
    return _cut(rows, cap, None, uncertain)
