"""The Quotes pane: who said what, with a typo-tolerant filter box of its own."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from explorer.tui.formatting import citation
from explorer.tui.fuzzy import FuzzyIndex, filter_rows
from explorer.tui.safe_text import clean_line
from explorer.tui.widgets.pane import ListPane
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Quote


def quote_search_text(quote: Quote) -> str:
    """What the filter box searches: the quote's words and its speaker's."""
    return f"{quote.text} {quote.speaker or ''} {quote.speaker_mention or ''}"


def render_quote(quote: Quote, width: int) -> Text:
    """date, speaker, “quote…”, and how many documents carry it (when more than one)."""
    text = Text(no_wrap=True, end="")
    if width >= 44:  # narrow panes keep the words; the preview shows the date
        text.append(f"{quote.doc_date or 'undated':<10} ", style="dim")
    who = clean_line(quote.speaker) if quote.speaker else "unattributed"
    limit = max(8, min(22, width // 3))
    if len(who) > limit:
        who = who[: limit - 1] + "…"
    text.append(who, style="bold" if quote.speaker else "dim italic")
    text.append(": ")
    tail = f" ×{quote.docs} docs" if quote.docs > 1 else ""
    room = max(4, width - text.cell_len - len(tail) - 2)
    body = clean_line(quote.text).strip()
    if len(body) > room:
        body = body[: room - 1] + "…"
    text.append(f"“{body}”", style="italic" if quote.fragment else "")
    text.append(tail, style="dim")
    return text


class QuotesPane(ListPane):
    """Quotes under the active filters; the box on top narrows them as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_quote", "Copy quote", id="quotes.copy",
                tooltip="Copy the highlighted quote with speaker, title and date"),
        Binding("f", "focus_filter", "Filter", id="quotes.filter",
                tooltip="Filter quotes by words or speaker (typos are fine)"),
    ]  # fmt: skip

    LIST_ID = "quotes-list"

    @dataclass
    class Filtered(Message):
        """Result of the filter worker for ``query`` over the rows of ``generation``."""

        generation: int
        query: str
        rows: list[Quote]

    def __init__(self, *, id: str | None = "quotes", classes: str | None = "pane") -> None:
        super().__init__(id=id, classes=classes)
        self._quotes: list[Quote] = []
        self._index: tuple[list[Quote], FuzzyIndex] | None = None
        self._index_lock = threading.Lock()
        self._generation = 0
        self._empty = "Loading…"
        self.border_title = "3 Quotes"

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter quotes (typos ok)", id="quotes-filter", compact=True)
        yield VirtualList(render_quote, empty_text="Loading…", id="quotes-list")

    @property
    def filter_input(self) -> Input:
        return self.query_one("#quotes-filter", Input)

    def show(self, quotes: list[Quote], *, loading: bool = False) -> None:
        self._quotes = quotes
        self._generation += 1
        self._empty = "Loading…" if loading else "No quotes yet"
        self.list.set_empty_text(self._empty)
        query = self.filter_input.value
        if query.strip():
            self._filter(self._generation, query)
        else:
            self._set(quotes, query)
            if len(quotes) > 2000:  # build the index before the first keystroke needs it
                self._filter(self._generation, "")

    def _set(self, rows: list[Quote], query: str) -> None:
        self.list.set_rows(rows)
        total = len(self._quotes)
        shown = f"{len(rows):,}/{total:,}" if query.strip() else f"{total:,}"
        self.border_title = f"3 Quotes {shown}"
        if query.strip() and self._quotes:
            self.list.set_empty_text(f"No quote matches “{clean_line(query)}”")
        else:
            self.list.set_empty_text(self._empty)

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self._set(self._quotes, "")
        else:
            self._filter(self._generation, event.value)

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.list.focus()

    @work(thread=True, exclusive=True, group="quote-filter")
    def _filter(self, generation: int, query: str) -> None:
        quotes = self._quotes  # the list of this generation (show() replaces, never mutates)
        with self._index_lock:  # a second keystroke waits for the index the first one builds
            if self._index is None or self._index[0] is not quotes:
                self._index = (quotes, FuzzyIndex(quote_search_text(q) for q in quotes))
            index = self._index[1]
        if query.strip():
            self.post_message(self.Filtered(generation, query, filter_rows(quotes, index, query)))

    def on_quotes_pane_filtered(self, message: Filtered) -> None:
        message.stop()
        # Only the newest answer counts: typing may have moved on while this one was computed.
        if message.generation == self._generation and message.query == self.filter_input.value:
            self._set(message.rows, message.query)

    def clear_filter(self) -> bool:
        """Empty the filter box; False when it was already empty."""
        if not self.filter_input.value:
            return False
        self.filter_input.value = ""
        return True

    def action_focus_filter(self) -> None:
        self.filter_input.focus()

    def action_copy_quote(self) -> None:
        quote = self.list.current
        if quote is None:
            self.notify("No quote to copy", severity="warning")
            return
        self.app.copy_to_clipboard(
            citation(quote.text, quote.speaker, quote.doc_title, quote.doc_date)
        )
        self.notify("Quote copied with its citation", timeout=2)

    def fact_of(self, row: Quote) -> tuple[str, int | None, int | None]:
        return (row.doc, row.start, row.end)
