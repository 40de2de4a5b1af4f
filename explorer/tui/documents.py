"""The Documents pane: every article (or those matching the filters), by date or title."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.reactive import reactive

from explorer.tui.safe_text import clean_line
from explorer.tui.widgets.pane import ListPane
from explorer.tui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from explorer.api import Document

SORTS = ("date", "date-asc", "title")
_SORT_LABEL = {"date": "newest first", "date-asc": "oldest first", "title": "by title"}


def sort_documents(docs: list[Document], sort: str) -> list[Document]:
    """Newest first (undated last), oldest first, or by title; ties by title, then id."""
    dated = [d for d in docs if d.date]
    undated = sorted((d for d in docs if not d.date), key=lambda d: (d.title.casefold(), d.id))
    if sort == "title":
        return sorted(docs, key=lambda d: (d.title.casefold(), d.date or "", d.id))
    dated.sort(key=lambda d: (d.title.casefold(), d.id))
    dated.sort(key=lambda d: d.date or "", reverse=(sort == "date"))
    return dated + undated


def render_document(doc: Document, width: int) -> Text:
    """One row: date, title, and the counts (events, quotes) right-aligned."""
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
    sort: reactive[str] = reactive("date", init=False)

    def __init__(self, *, id: str | None = "documents", classes: str | None = "pane") -> None:
        super().__init__(id=id, classes=classes)
        self._docs: list[Document] = []
        self.border_title = "1 Documents"

    def compose(self) -> ComposeResult:
        yield VirtualList(render_document, empty_text="Loading…", id="documents-list")

    def show(self, docs: list[Document], *, loading: bool = False) -> None:
        """Show ``docs`` (any order: the pane sorts them), keeping the cursor's document."""
        self._docs = docs
        self._refill()
        self.list.set_empty_text("Loading…" if loading else "No documents match")

    def _refill(self) -> None:
        current = self.list.current
        keep_id = current.id if current is not None else None
        rows = sort_documents(self._docs, self.sort)
        self.list.set_rows(rows, keep=(lambda d: d.id == keep_id) if keep_id else None)
        self.border_title = f"1 Documents {len(rows):,}"
        self.border_subtitle = _SORT_LABEL[self.sort]

    def watch_sort(self) -> None:
        self._refill()

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]

    def fact_of(self, row: Document) -> tuple[str, int | None, int | None]:
        return (row.id, None, None)
