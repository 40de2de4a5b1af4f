"""The search bar: type a name, pick a suggestion, and every pane filters to it (a chip).

Text in the query language (``speaker:wallace``, ``place:kabul OR place:herat``, ``-date:2021``,
a "quoted phrase") is not looked up as a name: Enter adds it as a query chip that every pane
runs, and a mistake in it is shown under the box in the command line's words.

Lookups run in an exclusive thread worker (each keystroke cancels the previous one) and a
result is only shown if the input still holds the query it was computed for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.scalar import Scalar
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from explorer.errors import UsageError
from explorer.index.query_language import parse, structured
from explorer.safe_text import clean_line, literal
from explorer.tui.filters import Filter
from explorer.tui.formatting import plural
from explorer.tui.messages import (
    FilterAdded,
    FilterRemoved,
    QueryRefused,
    SearchLeft,
    Suggestions,
)
from explorer.tui.widgets.submit_input import SubmitInput

if TYPE_CHECKING:
    from explorer.api import Entity

TEXT_OPTION = "text"
MATCH_CUTOFF = 72  # below this similarity the typed text is a phrase, not a name
SHOWN_SUGGESTIONS = 10  # rows of the suggestion list (search.tcss: max-height 12, border 2)


def match_score(query: str, entity: Entity) -> float:
    """How well ``query`` names ``entity``: the best similarity to its name or an alias."""
    from rapidfuzz import fuzz  # here, not at start-up: ~40 ms the first paint need not pay

    q = query.casefold().strip()
    best = 0.0
    for name in (entity.name, *entity.aliases):
        n = name.casefold()
        best = max(best, fuzz.ratio(q, n), fuzz.partial_ratio(q, n) if len(q) >= 4 else 0.0)
    return best


def suggestion_label(entity: Entity) -> Text:
    """name  kind · mentions · aliases, literal (names come from article text), on one line:
    the list is as tall as its suggestions (``SearchBar.on_suggestions``), so a long label
    ends in "…" rather than wrapping; the aliases come last, to be the part cut."""
    text = literal(entity.name, "bold")
    text.append(f"  {entity.kind}", style="dim")
    text.append(f"  {plural(entity.mentions, 'mention')}", style="dim")
    seen = {entity.name.casefold()}
    others = []
    for alias in entity.aliases:  # "KANDAHAR" is not news next to "Kandahar"
        if alias.casefold() not in seen:
            seen.add(alias.casefold())
            others.append(alias)
    others = others[:3]
    if others:
        text.append("  aka ", style="dim")
        text.append_text(literal(", ".join(others), "dim italic"))
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class Chip(Static):
    """A removable filter: click it (or backspace in an empty search box) to remove it."""

    def __init__(self, flt: Filter) -> None:
        label = literal(flt.label)
        label.append(" ×", style="bold")
        kind = flt.entity_kind or ("query" if flt.kind == "query" else "text")
        super().__init__(label, classes=f"chip chip-{kind}")
        self.filter = flt
        self.tooltip = "Click to remove this filter"

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.post_message(FilterRemoved(self.filter))


class SearchBar(Vertical):
    """The search input, its suggestion list and the active filter chips."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape", "Leave", id="search.clear", priority=True,
                tooltip="Leave the search box (what was typed goes); Esc again clears filters"),
        Binding("down", "suggestion(1)", "Next", show=False, id="search.next",
                tooltip="Highlight the next suggestion (Enter picks it)"),
        Binding("up", "suggestion(-1)", "Previous", show=False, id="search.previous",
                tooltip="Highlight the previous suggestion"),
    ]  # fmt: skip

    def __init__(self, *, id: str | None = "search-bar") -> None:
        super().__init__(id=id)
        self.find: Callable[[str, int], list[Entity]] | None = None
        self.filters: tuple[Filter, ...] = ()
        self._shown_for: str | None = None  # the query the visible suggestions belong to
        self._pending_enter: str | None = None
        self._entities: list[Entity] = []
        # Where Enter sends the keys (the screen's lists); None: they stay in the box.
        self.leave_to: Callable[[], Widget | None] | None = None
        self.go_back: Callable[[], Widget] | None = None  # where Esc sends the keys
        # The lookup on the UI thread, once the screen knows it is quick (names loaded).
        self.find_now: Callable[[str, int], list[Entity]] | None = None

    def compose(self) -> ComposeResult:
        yield SubmitInput(
            placeholder="/ search names, places, or any words",
            id="search",
            compact=True,
            leave_to=self._leave_target,
        )
        yield Static(id="query-note")
        with Horizontal(id="chips"):
            yield Static("filters:", id="chips-label")
        yield OptionList(id="suggestions")

    @property
    def input(self) -> SubmitInput:
        return self.query_one("#search", Input)

    @property
    def suggestions(self) -> OptionList:
        return self.query_one("#suggestions", OptionList)

    # -- chips ------------------------------------------------------------------------------

    def set_filters(self, filters: tuple[Filter, ...]) -> None:
        """Show ``filters`` as chips (state handed down by the app)."""
        self.filters = filters
        chips = self.query_one("#chips", Horizontal)
        for chip in list(chips.query(Chip)):
            chip.remove()
        chips.mount_all([Chip(f) for f in filters])
        chips.display = bool(filters)

    # -- typing -----------------------------------------------------------------------------

    def _leave_target(self) -> Widget | None:
        """Where Enter sends the keys: the lists, unless the box holds a query with a mistake
        (then it stays, to be mended)."""
        typed = self.input.value.strip()
        if typed and structured(typed) and self._query_mistake(typed) is not None:
            return None
        return self.leave_to() if self.leave_to is not None else None

    # -- queries ----------------------------------------------------------------------------

    def _query_mistake(self, text: str) -> str | None:
        """What is wrong with a typed query, in the command line's words (None: it runs)."""
        try:
            parse(text)
        except UsageError as exc:
            return str(exc)
        return None

    def _note(self, text: str | None, error: bool = False) -> None:
        """The line under the box: a query's mistake (or how to run it); hidden when None."""
        note = self.query_one("#query-note", Static)
        note.display = text is not None
        note.set_class(error, "-error")
        if text is not None:
            note.update(literal(text))

    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        query = event.value.strip()
        self._pending_enter = None
        if query and structured(query):
            self._hide()
            mistake = self._query_mistake(query)
            if mistake is None:
                self._note("a query: Enter runs it in every pane (`explorer help query`)")
            else:
                self._note(mistake, error=True)
            return
        self._note(None)
        if not query or self.find is None:
            self._hide()
            return
        if self.find_now is not None:
            self.on_suggestions(self._suggest(event.value, self.find_now))
            return
        self._lookup(event.value)

    @work(thread=True, exclusive=True, group="search")
    def _lookup(self, query: str) -> None:
        find = self.find
        if find is not None:
            self.post_message(self._suggest(query, find))

    @staticmethod
    def _suggest(query: str, find: Callable[[str, int], list[Entity]]) -> Suggestions:
        try:
            entities = find(query.strip(), 8)
        except Exception:  # a lookup failure must not take the search bar down
            entities = []
        prefer_text = not entities or match_score(query, entities[0]) < MATCH_CUTOFF
        return Suggestions(query, entities, prefer_text)

    def on_suggestions(self, message: Suggestions) -> None:
        message.stop()
        if message.query != self.input.value:
            return  # typing moved on: this answer is stale
        self._entities = message.entities
        options: list[Option] = [
            Option(suggestion_label(e), id=f"e{i}") for i, e in enumerate(message.entities)
        ]
        words = Text("search text: ", style="dim", end="")
        words.append_text(literal(message.query.strip(), "bold"))
        words.no_wrap, words.overflow = True, "ellipsis"  # one line each: see the height
        text_option = Option(words, id=TEXT_OPTION)
        if message.prefer_text:
            options.insert(0, text_option)
        else:
            options.append(text_option)
        lst = self.suggestions
        # A height of our own, not "auto": an auto-sized list lays the whole screen out again
        # at every keystroke (OptionList.add_options refreshes the layout when its size is
        # auto), and that layout and repaint were most of a keystroke's 50 ms. And while the
        # list is up it only grows: typing on narrows the suggestions, and each change of
        # height was a layout and two frames more (the second key of a name was the slowest).
        height = min(len(options), SHOWN_SUGGESTIONS) + 2  # the round border's two rows
        if lst.display and isinstance(lst.styles.height, Scalar):
            height = max(height, int(lst.styles.height.value))
        if lst.styles.height != Scalar.from_number(height):
            lst.styles.height = height
        lst.set_options(options)
        lst.highlighted = 0
        lst.display = self.input.has_focus
        self._shown_for = message.query
        if self._pending_enter == message.query:
            self._pending_enter = None
            self._pick()

    def action_suggestion(self, step: int) -> None:
        lst = self.suggestions
        if not lst.display or not lst.option_count:
            return
        current = lst.highlighted if lst.highlighted is not None else -step
        lst.highlighted = (current + step) % lst.option_count

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            self._hide()
            self.post_message(SearchLeft())  # nothing to add: the panes keep their rows
            return
        typed = event.value.strip()
        if structured(typed):
            mistake = self._query_mistake(typed)
            if mistake is not None:  # the text stays, to be mended; the line says what is wrong
                self._note(mistake, error=True)
                self.app.bell()
                self.screen.set_focus(self.input)
                self.post_message(QueryRefused())
                return
            self._add(Filter("query", typed, typed))
            return
        if self._shown_for != event.value:
            self._pending_enter = event.value  # the lookup is still running: pick when it lands
            if self.find is None:
                self._pending_enter = None
                self._add(Filter("text", event.value.strip(), event.value.strip()))
            return
        self._pick()

    @on(OptionList.OptionSelected, "#suggestions")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.suggestions.highlighted = event.option_index
        self._pick()

    def _pick(self) -> None:
        lst = self.suggestions
        query = self.input.value.strip()
        index = lst.highlighted if lst.highlighted is not None else 0
        option = lst.get_option_at_index(index) if lst.option_count else None
        if option is None or option.id == TEXT_OPTION:
            self._add(Filter("text", query, query))
        else:
            entity = self._entities[int(option.id[1:])]
            self._add(Filter("entity", entity.id, clean_line(entity.name), entity.kind))

    def _add(self, flt: Filter) -> None:
        self.input.value = ""
        self._note(None)
        self._hide()
        if flt not in self.filters:
            self.post_message(FilterAdded(flt))

    def _hide(self) -> None:
        self.suggestions.display = False
        self._shown_for = None

    # -- keys -------------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        empty = self.input.has_focus and not self.input.value
        if event.key == "backspace" and empty and self.filters:
            event.stop()
            self.post_message(FilterRemoved(self.filters[-1]))

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget is self.input:
            self.call_after_refresh(self._hide_unless_focused)

    def _hide_unless_focused(self) -> None:
        if not self.input.has_focus and not self.suggestions.has_focus:
            self._hide()

    def action_escape(self) -> None:
        """Leave the search box: what was typed and not picked goes, the suggestions close and
        the keys go back to the panes (``j`` moves a list again, not the text); a second Esc,
        in the panes, clears the filters."""
        if self.go_back is not None:  # at once: the keys after Esc go to the panes
            self.screen.set_focus(self.go_back())

        def clear() -> None:  # after the letters typed before Esc, which it drops too
            self._hide()
            self._note(None)
            self.input.value = ""
            self.post_message(SearchLeft())

        self.input.after_typing(clear)
