"""A Line-API list that stays fast at any length (shared by the three panes).

Textual's OptionList and DataTable build a widget-side structure per row, which costs seconds
at 100k rows. This list keeps the rows as plain Python objects and only renders the lines on
screen (``render_line``), caching the strips it drew, so filling it is a list assignment.
The owning pane supplies ``render_row`` (row -> Rich Text) and ``is_selectable`` (section
headers, such as the timeline's day rows, are drawn but skipped by the cursor).

A row may take more than one line (``lines_for_width``: the Quotes pane gives a quote two
lines in a narrow pane, so that its words can be read at 80 columns): every row then takes the
same number of lines, the renderer's Text holds them separated by newlines, and row ``i``
starts on line ``i * row_height``, so that scrolling stays arithmetic at any length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

RowRenderer = Callable[[Any, int], Text]
# The longest a list keeps the user's moves for rows that do not come (see VirtualList.hold).
HOLD_LIMIT_S = 20.0
LinesForWidth = Callable[[int], int]


def _default_render(row: Any, width: int) -> Text:
    return Text(str(row), end="", no_wrap=True)


class RowMessage(Message):
    """A message about one row of a VirtualList."""

    def __init__(self, virtual_list: VirtualList, index: int, row: Any) -> None:
        super().__init__()
        self.virtual_list = virtual_list
        self.index = index
        self.row = row

    @property
    def control(self) -> VirtualList:
        return self.virtual_list


class VirtualList(ScrollView, can_focus=True):
    """A cursor list over any number of rows, each ``row_height`` terminal lines tall."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-list--cursor",
        "virtual-list--empty",
    }

    DEFAULT_CSS = """
    VirtualList {
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: $surface;
        & > .virtual-list--cursor { background: $boost; }
        &:focus > .virtual-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-list--empty { color: $text-muted; text-style: italic; }
        &.-stale { text-opacity: 55%; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            show=False,
            id="list.down",
            tooltip="Move the cursor down",
        ),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up", tooltip="Move the cursor up"),
        Binding(
            "home,g", "first", "Top", show=False, id="list.top", tooltip="Jump to the first row"
        ),
        Binding(
            "end,G", "last", "Bottom", show=False, id="list.bottom", tooltip="Jump to the last row"
        ),
        Binding(
            "pagedown,ctrl+d",
            "page_down",
            "Page down",
            show=False,
            id="list.page_down",
            tooltip="Move a page down",
        ),
        Binding(
            "pageup,ctrl+u",
            "page_up",
            "Page up",
            show=False,
            id="list.page_up",
            tooltip="Move a page up",
        ),
        Binding("enter", "select", "Open", id="list.open", tooltip="Open the row in the reader"),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True, init=False)

    class Highlighted(RowMessage):
        """The cursor moved onto ``row`` (posted also when new rows arrive)."""

    class Selected(RowMessage):
        """Enter (or a double click) on ``row``."""

    class StaleChanged(Message):
        """The rows became stale (new ones are on their way) or current again."""

        def __init__(self, virtual_list: VirtualList, stale: bool) -> None:
            super().__init__()
            self.virtual_list = virtual_list
            self.stale = stale

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    def __init__(
        self,
        render_row: RowRenderer = _default_render,
        is_selectable: Callable[[Any], bool] | None = None,
        *,
        empty_text: str = "Nothing here",
        lines_for_width: LinesForWidth | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._render_row = render_row
        self._is_selectable = is_selectable or (lambda _row: True)
        self._rows: Sequence[Any] = []
        self._cache: dict[tuple[int, int, bool], list[Strip]] = {}
        self.empty_text = empty_text
        self._lines_for_width = lines_for_width
        self.row_height = 1
        self.stale = False
        self._deferred: list[str] = []
        self._hold_timer: Timer | None = None

    # -- data --------------------------------------------------------------------------------

    @property
    def rows(self) -> Sequence[Any]:
        return self._rows

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def current(self) -> Any | None:
        """The row under the cursor, or None."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(
        self,
        rows: Sequence[Any],
        *,
        keep: Callable[[Any], bool] | None = None,
        grown: bool = False,
    ) -> None:
        """Replace every row (O(1) in their number); the cursor goes to the first selectable
        row, or to the first row for which ``keep`` is true (to keep the user's place).

        ``grown``: the new rows begin with the rows shown (a pane's first screenful, then all
        its rows): the cursor and the scroll stay where the user has them."""
        grown = grown and bool(self._rows)
        cursor = self.cursor
        self._rows = rows
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(rows) * self.row_height)
        target = -1
        if grown and 0 <= cursor < len(rows) and self._is_selectable(rows[cursor]):
            target = cursor
        elif keep is not None:
            target = next((i for i, row in enumerate(rows) if keep(row)), -1)
        if target < 0:
            target = self._next_selectable(-1, 1)
        if not grown:
            self.scroll_to(y=0, animate=False, force=True)
        self.cursor = target
        self.refresh()
        self.release()

    def hold(self) -> None:
        """New rows are on their way: dim these, and keep the user's moves for the new ones.

        Keys typed while a filter applies act after it: "f, oil, Enter, j, j" lands two rows
        down the answer (they used to move a cursor over rows about to be replaced, and so
        were lost). ``set_rows`` or ``release`` replays them; a load that never answers
        releases them after ``HOLD_LIMIT_S``, so a list can never stop obeying.
        """
        if not self.stale:
            self.stale = True
            self.add_class("-stale")
            self.post_message(self.StaleChanged(self, True))
        if self._hold_timer is not None:
            self._hold_timer.stop()
        self._hold_timer = self.set_timer(HOLD_LIMIT_S, self.release)

    def release(self) -> None:
        """The rows are current again: replay the moves made while they were not."""
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        if self.stale:
            self.stale = False
            self.remove_class("-stale")
            self.post_message(self.StaleChanged(self, False))
        deferred, self._deferred = self._deferred, []
        for name in deferred:
            getattr(self, f"action_{name}")()

    def _later(self, action: str) -> bool:
        """True (and the move kept for the new rows) when the rows are stale."""
        if self.stale:
            self._deferred.append(action)
        return self.stale

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        if not self._rows:
            self.refresh()

    def refresh_rows(self) -> None:
        """Redraw after the renderer's output changed (e.g. a new sort order marker)."""
        self._cache.clear()
        self.refresh()

    # -- cursor ------------------------------------------------------------------------------

    def _next_selectable(self, start: int, step: int) -> int:
        i = start + step
        rows, ok = self._rows, self._is_selectable
        while 0 <= i < len(rows):
            if ok(rows[i]):
                return i
            i += step
        return -1

    def move_to(self, index: int, step: int = 1) -> None:
        """Put the cursor on ``index`` or the nearest selectable row in direction ``step``."""
        if not self._rows:
            return
        index = max(0, min(index, len(self._rows) - 1))
        if not self._is_selectable(self._rows[index]):
            found = self._next_selectable(index, step)
            if found < 0:
                found = self._next_selectable(index, -step)
            index = found
        if index >= 0:
            self.cursor = index

    def watch_cursor(self, old: int, new: int) -> None:
        for index in (old, new):
            self._cache = {k: v for k, v in self._cache.items() if k[0] != index}
        self.refresh()
        if 0 <= new < len(self._rows):
            self._scroll_cursor_visible()
            self.post_message(self.Highlighted(self, new, self._rows[new]))

    def _scroll_cursor_visible(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        h = self.row_height
        top = self.scroll_offset.y
        if self.cursor * h < top:
            # Show a section header right above the cursor when there is one.
            above = self.cursor - 1
            row = (
                above if above >= 0 and not self._is_selectable(self._rows[above]) else self.cursor
            )
            self.scroll_to(y=row * h, animate=False, force=True)
        elif (self.cursor + 1) * h > top + height:
            bottom = self.cursor
            # On the last fact, show the closing row after it too (a capped list's "more").
            if bottom == len(self._rows) - 2 and not self._is_selectable(self._rows[-1]):
                bottom += 1
            self.scroll_to(y=(bottom + 1) * h - height, animate=False, force=True)

    def action_cursor_down(self) -> None:
        if self._later("cursor_down"):
            return
        found = self._next_selectable(self.cursor, 1)
        if found >= 0:
            self.cursor = found

    def action_cursor_up(self) -> None:
        if self._later("cursor_up"):
            return
        found = self._next_selectable(self.cursor, -1)
        if found >= 0:
            self.cursor = found
        elif self.cursor >= 0:
            self.scroll_to(y=0, animate=False, force=True)

    def action_first(self) -> None:
        if self._later("first"):
            return
        self.move_to(0, 1)
        self.scroll_to(y=0, animate=False, force=True)

    def action_last(self) -> None:
        if self._later("last"):
            return
        self.move_to(len(self._rows) - 1, -1)

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_page_down(self) -> None:
        if self._later("page_down"):
            return
        self.move_to(self.cursor + self._page(), 1)

    def action_page_up(self) -> None:
        if self._later("page_up"):
            return
        self.move_to(self.cursor - self._page(), -1)

    def action_select(self) -> None:
        if self._later("select"):
            return
        row = self.current
        if row is not None:
            self.post_message(self.Selected(self, self.cursor, row))

    async def _on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // self.row_height
        if 0 <= index < len(self._rows) and self._is_selectable(self._rows[index]):
            self.focus()
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    def notify_style_update(self) -> None:
        """A style changed (the stale rows' dimming, the theme): the drawn lines are old."""
        super().notify_style_update()
        self._cache.clear()

    def _on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        if self._lines_for_width is not None:
            self.row_height = max(1, self._lines_for_width(self.scrollable_content_region.width))
        self.virtual_size = Size(event.size.width, len(self._rows) * self.row_height)
        if 0 <= self.cursor < len(self._rows):
            self._scroll_cursor_visible()

    # -- drawing -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + self.scroll_offset.y
        base = self.rich_style
        if not self._rows:
            if y == 0 and self.empty_text:
                style = base + self.get_component_rich_style("virtual-list--empty")
                text = Text(" " + self.empty_text, end="", no_wrap=True)
                text.truncate(width, overflow="ellipsis")
                return (
                    Strip(text.render(self.app.console), text.cell_len)
                    .adjust_cell_length(width, base)
                    .apply_style(style)
                )
            return Strip.blank(width, base)
        h = self.row_height
        index, part = divmod(index, h)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        selected = index == self.cursor
        key = (index, width, selected)
        strips = self._cache.get(key)
        if strips is None:
            strips = self._render(index, width, selected, base)
            if len(self._cache) > 4096:
                self._cache.clear()
            self._cache[key] = strips
        return strips[part]

    def _render(self, index: int, width: int, selected: bool, base: Style) -> list[Strip]:
        """The ``row_height`` lines of row ``index``, cut to ``width``, cursor colours on."""
        text = self._render_row(self._rows[index], width)
        text.end = ""
        lines = text.split("\n", allow_blank=True) if self.row_height > 1 else [text]
        lines = [*lines[: self.row_height]]
        lines += [Text("", end="") for _ in range(self.row_height - len(lines))]
        style: Style = base
        if selected:
            style = base + self.get_component_rich_style("virtual-list--cursor")
        strips = []
        for line in lines:
            line.end = ""
            line.no_wrap = True
            line.truncate(width, overflow="ellipsis")
            strip = Strip(list(line.render(self.app.console))).adjust_cell_length(width)
            strips.append(strip.apply_style(style) if not selected else _overlay(strip, style))
        return strips

    def region_of(self, index: int) -> Region:
        return Region(0, index * self.row_height, self.size.width, self.row_height)


def _overlay(strip: Strip, style: Style) -> Strip:
    """The cursor row: the cursor's colours win over the row's own (for a readable bar)."""
    return Strip(
        [
            Segment(text, (seg_style or Style()) + style, control)
            for text, seg_style, control in strip
        ]
    )
