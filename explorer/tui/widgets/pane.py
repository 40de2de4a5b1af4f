"""What the three list panes share: a titled box around a VirtualList whose cursor drives the
preview. Only the pane holding focus speaks for the preview, and it speaks again when it gets
focus back, so the preview always shows the cursor the user is looking at.

A pane loads at most a cap of rows (see ``explorer.tui.loading``) and never pretends the list
is complete: its title says "20,000 of 5,149,480" and its last row, a ``MoreRow`` the cursor
skips, says how many more match and how to narrow them down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import events
from textual.containers import Vertical

from explorer.tui.messages import FactHighlighted, FactOpened
from explorer.tui.widgets.virtual_list import VirtualList


@dataclass(frozen=True, slots=True)
class MoreRow:
    """The last row of a capped list: what was left out, and how to see it."""

    hidden: int | None  # None: some, but the index cannot say how many cheaply
    noun: str  # "document", "event", "quote" (singular)
    hint: str = "narrow with / (a name or words)"


def more_text(row: MoreRow) -> Text:
    """The "more" row's words: "… 5,129,480 more events, not loaded: narrow with / …"."""
    if row.hidden is None:
        what = f"More {row.noun}s match"
    else:
        what = f"{row.hidden:,} more {row.noun}{'' if row.hidden == 1 else 's'}"
    return Text(f"… {what}, not loaded: {row.hint}", style="dim italic", end="")


def count_title(label: str, shown: int, total: int | None, capped: bool) -> str:
    """A pane title with the truth about its rows: "2 Timeline 20,000 of 5,149,480"."""
    if not capped:
        return f"{label} {shown:,}"
    if total is not None:
        return f"{label} {shown:,} of {total:,}"
    return f"{label} first {shown:,}"


# Ends a pane's title while its rows are being replaced.
LOADING_MARK = " …"


def selectable(row: Any) -> bool:
    """The cursor stops on facts, not on the "more" row."""
    return not isinstance(row, MoreRow)


class ListPane(Vertical):
    """Base of the Documents, Timeline and Quotes panes."""

    LIST_ID = ""

    @property
    def list(self) -> VirtualList:
        return self.query_one(f"#{self.LIST_ID}", VirtualList)

    def fact_of(self, row: Any) -> tuple[str, int | None, int | None]:
        """(document id, start, end) of what ``row`` shows; subclasses say where it was read."""
        raise NotImplementedError

    def _update_more(self, hidden: int) -> None:
        """Say how many rows the "more" row stands for, keeping the cursor and the scroll."""
        rows = self.list.rows
        if isinstance(rows, list) and rows and isinstance(rows[-1], MoreRow):
            rows[-1] = MoreRow(hidden, rows[-1].noun, rows[-1].hint)
            self.list.refresh_rows()

    def _announce(self) -> None:
        row = self.list.current
        if row is not None and selectable(row):
            self.post_message(FactHighlighted(*self.fact_of(row)))

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        event.stop()
        if self.has_focus_within and selectable(event.row):
            self.post_message(FactHighlighted(*self.fact_of(event.row)))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        if selectable(event.row):
            self.post_message(FactOpened(*self.fact_of(event.row)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._announce()

    def on_virtual_list_stale_changed(self, event: VirtualList.StaleChanged) -> None:
        """While new rows are on their way the title ends in "…" (the rows are dimmed)."""
        event.stop()
        self._mark_loading()

    # The pane shows its first screenful of rows and the rest are being read.
    loading_more = False

    def show_loading_more(self, loading: bool) -> None:
        """The rows shown are the first of the answer, the rest on their way (the title ends
        in "…", the rows are not dimmed: they are current, and keys act on them at once)."""
        self.loading_more = loading
        self._mark_loading()

    def set_title(self, title: str) -> None:
        """The pane's title, ending in "…" while rows are on their way."""
        self.border_title = title
        self._mark_loading()

    def _mark_loading(self) -> None:
        title = str(self.border_title or "")
        busy = self.list.stale or self.loading_more
        if busy and not title.endswith(LOADING_MARK):
            self.border_title = title + LOADING_MARK
        elif not busy and title.endswith(LOADING_MARK):
            self.border_title = title.removesuffix(LOADING_MARK)

    def say_empty(self, text: str) -> None:
        """What the list says when it has no rows ("No quotes match Kandahar · 2021-08..…")."""
        self.list.set_empty_text(text)

    def hold(self) -> None:
        """New rows for this pane are on their way (see ``VirtualList.hold``)."""
        self.list.hold()
