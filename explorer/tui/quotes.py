"""The Quotes pane: who said what, with a typo-tolerant filter box of its own.

The box asks the index (the same search as ``explorer quotes WORDS``: FTS5 over quote text and
speaker, typos forgiven, capped like every load), in an exclusive worker a moment after the
last keystroke; an answer is shown only if the box still holds the words it was computed for.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input
from textual.worker import get_current_worker

from explorer.safe_text import clean_line
from explorer.tui.messages import CitationWanted
from explorer.tui.widgets.pane import ListPane, MoreRow, count_title, more_text, selectable
from explorer.tui.widgets.submit_input import SubmitInput
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Quote
    from explorer.tui.state import Page

# Wait this long after a keystroke before asking the corpus: the next key usually comes first.
SEARCH_DELAY_S = 0.08


# Below this width a quote takes two lines: on one, the speaker left no room to read the words
# (at 80 columns a row showed "Hibatul…: “strenuou…”").
TWO_LINES_BELOW = 90


def quote_lines(width: int) -> int:
    """How many lines a quote row takes in a list ``width`` cells wide."""
    return 2 if width < TWO_LINES_BELOW else 1


def render_quote(quote: Quote | MoreRow, width: int) -> Text:
    """date, speaker, “quote…”, and how many documents carry it (when more than one); on two
    lines in a narrow pane, the words running on from the first line to the second."""
    if isinstance(quote, MoreRow):
        return more_text(quote)
    two = quote_lines(width) == 2
    text = Text(no_wrap=True, end="")
    if width >= 44:  # narrow panes keep the words; the preview shows the date
        text.append(f"{quote.doc_date or 'undated':<10} ", style="dim")
    who = clean_line(quote.speaker) if quote.speaker else "unattributed"
    limit = max(8, min(22, width // 3)) if not two else max(8, width // 2)
    if len(who) > limit:
        who = who[: limit - 1] + "…"
    text.append(who, style="bold" if quote.speaker else "dim italic")
    text.append(": ")
    # How many documents carry it; in a narrow pane without the word, which took the quote's room.
    tail = (f" ×{quote.docs}" + (" docs" if width >= 30 else "")) if quote.docs > 1 else ""
    body = clean_line(quote.display or quote.text).strip()
    style = "italic" if quote.fragment else ""
    if not two:
        room = max(4, width - text.cell_len - len(tail) - 2)
        if len(body) > room:
            body = body[: room - 1] + "…"
        text.append(f"“{body}”", style=style)
        text.append(tail, style="dim")
        return text
    # Two lines: the words start after the speaker and run on, indented, on the second line.
    first_room = max(0, width - text.cell_len - 1)
    head, rest = _wrap(body, first_room - 1)  # room for the closing mark, if it all fits
    if not rest:
        text.append(f"“{head}”", style=style)
        text.append(f"\n {tail}" if tail else "", style="dim")
        return text
    head, rest = _wrap(body, first_room)
    if not rest:  # it fits only without its closing mark: the last word goes down with it
        head, rest = _wrap(body, len(body) - 1)
    if head:
        text.append("“" + head, style=style)
        text.append("\n  ")
        opening = ""
    else:  # not even the first word fits after the speaker: the words start below
        text.append("\n  ")
        opening = "“"
    second_room = max(4, width - 2 - len(opening) - len(tail) - 1)
    if len(rest) > second_room:
        rest = rest[: second_room - 1].rstrip() + "…"
    text.append(opening + rest + "”", style=style)
    text.append(tail, style="dim")
    return text


def _wrap(body: str, room: int) -> tuple[str, str]:
    """``body`` cut at the last space that fits ``room`` cells (or at ``room`` when a word
    is longer): what goes on this line, and what runs on to the next."""
    if len(body) <= room:
        return body, ""
    cut = body.rfind(" ", 0, room + 1)
    if cut <= 0:
        return "", body  # never cut a word in two: it goes whole to the next line
    return body[:cut].rstrip(), body[cut:].lstrip()


class QuotesPane(ListPane):
    """Quotes under the active filters; the box on top narrows them as you type."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "copy_quote", "Copy quote", id="quotes.copy",
                tooltip="Copy the highlighted quote with speaker, title and date"),
        # priority: "f" and the words after it, typed in one burst, all reach the box.
        Binding("f", "focus_filter", "Filter", id="quotes.filter", priority=True,
                tooltip="Filter quotes by words or speaker (typos are fine)"),
        Binding("s", "toggle_said_by", "Said by", id="quotes.said_by",
                tooltip="Quotes said by the person or body on the chips / by or about them"),
    ]  # fmt: skip

    LIST_ID = "quotes-list"

    @dataclass
    class ModeChanged(Message):
        """``said_by``: quotes said by the chips' people and bodies, else by or about them."""

        said_by: bool

    @dataclass
    class Filtered(Message):
        """Result of the filter worker for ``query`` over the rows of ``generation``."""

        generation: int
        query: str
        rows: list[Quote]
        capped: bool = False  # the corpus found more than it returned
        error: str | None = None

    def __init__(self, *, id: str | None = "quotes", classes: str | None = "pane") -> None:
        super().__init__(id=id, classes=classes)
        self._quotes: list[Quote] = []
        self._generation = 0
        self._empty = "Loading…"
        self.total: int | None = None
        self.capped = False
        self._search: Callable[[str], Page] | None = None
        self.said_by = False
        self.border_title = "3 Quotes"
        self.border_subtitle = "by or about"

    def compose(self) -> ComposeResult:
        yield SubmitInput(
            placeholder="filter quotes (typos ok)",
            id="quotes-filter",
            compact=True,
            leave_to=lambda: self.list,  # Enter: the keys go back to the quotes at once
        )
        yield VirtualList(
            render_quote,
            selectable,
            empty_text="Loading…",
            lines_for_width=quote_lines,
            id="quotes-list",
        )

    @property
    def filter_input(self) -> Input:
        return self.query_one("#quotes-filter", Input)

    def show(
        self,
        quotes: list[Quote],
        *,
        loading: bool = False,
        total: int | None = None,
        capped: bool = False,
        search: Callable[[str], Page] | None = None,
        grown: bool = False,
    ) -> None:
        """Show ``quotes``. ``capped``: more match (``total``, when known). The filter box
        calls ``search(words)`` (in a worker) for the quotes under the same filters.
        ``grown``: ``quotes`` begin with the rows shown (see ``VirtualList.set_rows``)."""
        self._quotes = quotes
        self._generation += 1
        self.total = total if capped else len(quotes)
        self.capped = capped
        self._search = search
        self._empty = "Loading…" if loading else "No quotes yet"
        self.list.set_empty_text(self._empty)
        query = self.filter_input.value
        if query.strip():
            self._start_filter(query)
        else:
            self._set(quotes, query, grown=grown)

    def set_total(self, total: int) -> None:
        """The total became known after the rows (the corpus's counts came in later)."""
        if self.capped and self.total != total:
            self.total = total
            if not self.filter_input.value.strip():
                self.set_title(count_title("3 Quotes", len(self._quotes), total, True))
                self._update_more(max(0, total - len(self._quotes)))

    def _set(
        self, rows: list[Quote], query: str, found_more: bool = False, grown: bool = False
    ) -> None:
        """Show ``rows``: all loaded quotes (no query) or those matching ``query``."""
        shown: list[Quote | MoreRow] = list(rows)
        if not query.strip():
            if self.capped:
                hidden = None if self.total is None else max(0, self.total - len(rows))
                shown.append(MoreRow(hidden, "quote"))
            self.set_title(count_title("3 Quotes", len(rows), self.total, self.capped))
        else:  # found by the index
            if found_more:
                shown.append(MoreRow(None, "quote", "add words to narrow"))
            plus = "+" if found_more else ""
            of = f"/{self.total:,}" if self.total is not None else " found"
            self.set_title(f"3 Quotes {len(rows):,}{plus}{of}")
        self.list.set_rows(shown, grown=grown)
        if query.strip() and (self._quotes or self._search is not None):
            self.list.set_empty_text(f"No quote matches “{clean_line(query)}”")
        else:
            self.list.set_empty_text(self._empty)

    def say_empty(self, text: str) -> None:
        """What the list says with no rows, unless the filter box says why itself."""
        self._empty = text
        if not self.filter_input.value.strip():
            self.list.set_empty_text(text)

    def _start_filter(self, query: str) -> None:
        if self._search is not None:
            self.hold()
            self._ask_index(self._generation, query, self._search)

    @on(Input.Changed, "#quotes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():
            self.workers.cancel_group(self, "quote-filter")
            self._set(self._quotes, "")
        else:
            self._start_filter(event.value)

    @on(Input.Submitted, "#quotes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()  # the box already gave the focus back (SubmitInput)

    @work(thread=True, exclusive=True, group="quote-filter")
    def _ask_index(self, generation: int, query: str, search: Callable[[str], Page]) -> None:
        worker = get_current_worker()
        time.sleep(SEARCH_DELAY_S)  # typing on: this worker is cancelled before it asks
        if worker.is_cancelled:
            return
        try:
            page = search(query)
        except Exception as exc:  # a failed search must not take the pane down
            self.post_message(self.Filtered(generation, query, [], error=str(exc)))
            return
        if not worker.is_cancelled:
            self.post_message(self.Filtered(generation, query, page.rows, page.capped))

    def on_quotes_pane_filtered(self, message: Filtered) -> None:
        message.stop()
        # Only the newest answer counts: typing may have moved on while this one was computed.
        if message.generation == self._generation and message.query == self.filter_input.value:
            self._set(message.rows, message.query, message.capped)
            if message.error:
                self.list.set_empty_text(f"Search failed: {clean_line(message.error)}")

    def clear_filter(self) -> bool:
        """Empty the filter box; False when it was already empty."""
        if not self.filter_input.value:
            return False
        self.filter_input.value = ""
        return True

    def action_toggle_said_by(self) -> None:
        """Quotes said by the people and bodies on the chips, or by or about them (``b``)."""
        self.said_by = not self.said_by
        self.border_subtitle = "said by" if self.said_by else "by or about"
        self.post_message(self.ModeChanged(self.said_by))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # In the filter box, "f" is a letter to type.
        return not (action == "focus_filter" and isinstance(self.screen.focused, Input))

    def action_focus_filter(self) -> None:
        # set_focus, not focus(): the keys typed right after `f` must already land in the box.
        self.screen.set_focus(self.filter_input)

    def action_copy_quote(self) -> None:
        """Copy the highlighted quote with its citation (the screen looks up the article's
        outlet and URL; the terminal's clipboard is reached through OSC 52, so it works over
        ssh and in tmux)."""
        quote = self.list.current
        if quote is None:
            self.notify("No quote to copy", severity="warning")
            return
        self.post_message(CitationWanted(quote))

    def fact_of(self, row: Quote) -> tuple[str, int | None, int | None]:
        return (row.doc, row.start, row.end)
