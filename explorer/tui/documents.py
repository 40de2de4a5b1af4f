"""The Documents pane: every article (or those matching the filters), by date or title.

The screen loads at most a cap of documents in the pane's order, and the index sorts them. A
new order asks the screen to load them again (``Resort``): when the list was cut, the newest
5,000 are not the oldest, and the pane never sorts rows itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive

from explorer.safe_text import clean_line
from explorer.tui.state import PaneSort
from explorer.tui.widgets.pane import ListPane, MoreRow, count_title, more_text, selectable
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Document

SORTS: tuple[PaneSort, ...] = ("date", "date-asc", "title")
_SORT_LABEL = {"date": "newest first", "date-asc": "oldest first", "title": "by title"}


def render_document(doc: Document | MoreRow, width: int) -> Text:
    """One row: date, title, and the counts (events, quotes) right-aligned."""
    if isinstance(doc, MoreRow):
        return more_text(doc)
    date = doc.date or "undated"
    counts = f" {doc.events:>3}e {doc.quotes:>3}q" if width >= 36 else ""
    row = Text(no_wrap=True, end="")
    row.append(f"{date:<10} ", style="dim" if not doc.date else "")
    room = max(1, width - 11 - len(counts))
    title = clean_line(doc.title) or "(untitled)"
    if len(title) > room:
        title = title[: max(0, room - 1)] + "…"
    row.append(f"{title:<{room}}")
    row.append(counts, style="dim")
    return row


class DocumentsPane(ListPane):
    """Lists documents; the preview follows its cursor and Enter opens the reader."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", "Sort", id="documents.sort",
                tooltip="Sort documents: newest first, oldest first, by title"),
    ]  # fmt: skip

    LIST_ID = "documents-list"
    sort: reactive[PaneSort] = reactive("date", init=False)

    def __init__(self, *, id: str | None = "documents", classes: str | None = "pane") -> None:
        super().__init__(id=id, classes=classes)
        self._docs: list[Document] = []
        self.total: int | None = None
        self.capped = False
        self.border_title = "1 Documents"

    def compose(self) -> ComposeResult:
        yield VirtualList(render_document, selectable, empty_text="Loading…", id="documents-list")

    @dataclass
    class Resort(Message):
        """The order changed: the screen loads the documents again, first in ``sort`` order."""

        sort: PaneSort

    def show(
        self,
        docs: list[Document],
        *,
        loading: bool = False,
        total: int | None = None,
        capped: bool = False,
        grown: bool = False,
    ) -> None:
        """Show ``docs`` (in the pane's order), keeping the cursor's document.

        ``capped``: more documents match than ``docs`` holds (``total`` of them, when known).
        ``grown``: ``docs`` begin with the rows shown (see ``VirtualList.set_rows``).
        """
        self._docs = docs
        self.total = total if capped else len(docs)
        self.capped = capped
        self.list.set_empty_text("Loading…" if loading else "No documents match")
        self.border_subtitle = _SORT_LABEL[self.sort]
        self._fill(docs, grown)

    def set_total(self, total: int) -> None:
        """The total became known after the rows (the corpus's counts came in later)."""
        if self.capped and self.total != total:
            self.total = total
            shown = len(self._docs)
            self.set_title(count_title("1 Documents", shown, total, True))
            self._update_more(max(0, total - shown))

    def _fill(self, rows: list[Document], grown: bool = False) -> None:
        keep_id = getattr(self.list.current, "id", None)  # the "more" row has none
        shown: list[Document | MoreRow] = list(rows)
        if self.capped:
            hidden = None if self.total is None else max(0, self.total - len(rows))
            shown.append(MoreRow(hidden, "document"))
        self.list.set_rows(
            shown,
            keep=(lambda d: getattr(d, "id", None) == keep_id) if keep_id else None,
            grown=grown,
        )
        self.set_title(count_title("1 Documents", len(rows), self.total, self.capped))

    def watch_sort(self) -> None:
        self.border_subtitle = _SORT_LABEL[self.sort]
        self.post_message(self.Resort(self.sort))

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def fact_of(self, row: Document) -> tuple[str, int | None, int | None]:
        return (row.id, None, None)
