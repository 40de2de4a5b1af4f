"""What the three list panes share: a titled box around a VirtualList whose cursor drives the
preview. Only the pane holding focus speaks for the preview, and it speaks again when it gets
focus back, so the preview always shows the cursor the user is looking at."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.containers import Vertical

from explorer.tui.messages import FactHighlighted, FactOpened
from explorer.tui.widgets.virtual_list import VirtualList


class ListPane(Vertical):
    """Base of the Documents, Timeline and Quotes panes."""

    LIST_ID = ""

    @property
    def list(self) -> VirtualList:
        return self.query_one(f"#{self.LIST_ID}", VirtualList)

    def fact_of(self, row: Any) -> tuple[str, int | None, int | None]:
        """(document id, start, end) of what ``row`` shows; subclasses say where it was read."""
        raise NotImplementedError

    def _announce(self) -> None:
        row = self.list.current
        if row is not None:
            self.post_message(FactHighlighted(*self.fact_of(row)))

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        event.stop()
        if self.has_focus_within:
            self.post_message(FactHighlighted(*self.fact_of(event.row)))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        self.post_message(FactOpened(*self.fact_of(event.row)))

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._announce()
