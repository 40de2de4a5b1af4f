"""The reader: a document's text with its facts highlighted, as a preview and a full screen.

The text is untrusted: it is cleaned of control characters (same length, so offsets hold) and
only ever placed in ``rich.text.Text`` objects, never parsed as markup. Wrapping is done here,
with the offsets of every line kept, so the view can scroll straight to a fact's offset.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich._wrap import divide_line
from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.geometry import Size
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widgets import Footer, Static

from explorer.records import KIND_LABELS, ORG, PERSON, PLACE
from explorer.safe_text import clean, literal

if TYPE_CHECKING:
    from explorer.api import Document, Span

KINDS = ("aside", "quote", "date", PLACE, ORG, PERSON)  # drawn in this order: later wins


@dataclass(slots=True)
class LoadedDoc:
    """A document ready to show: its record, cleaned text and highlight spans."""

    document: Document
    text: str
    spans: list[Span] = field(default_factory=list)

    @classmethod
    def build(cls, document: Document, raw_text: str, spans: list[Span]) -> LoadedDoc:
        text = clean(raw_text)
        n = len(text)
        good = [s for s in spans if 0 <= s.start < s.end <= n]
        good.sort(key=lambda s: (s.start, -s.end))
        return cls(document, text, good)


def doc_heading(doc: Document) -> Text:
    """Title line of the reader: title · date · source, all literal."""
    heading = literal(doc.title or "(untitled)", "bold")
    heading.append(f"  {doc.date or 'undated'}", style="dim")
    if doc.date_source == "inferred" and doc.date_evidence:
        # Say where an inferred date comes from: the documents whose passages this one retells.
        sources = sorted({str(e.get("doc")) for e in doc.date_evidence})
        n = len(doc.date_evidence)
        heading.append(f" (inferred from {n} passage{'s' * (n != 1)} of ", style="dim")
        heading.append_text(literal(", ".join(sources), "dim"))
        heading.append(f"; confidence {doc.date_confidence or 0:.2f})", style="dim")
    elif doc.date_source.startswith("dateline, year"):
        heading.append(" (year of the file)", style="dim")
    elif doc.date_source == "file name":
        heading.append(" (from the file name)", style="dim")
    if doc.source:
        heading.append("  ")
        heading.append_text(literal(doc.source, "dim italic"))
    return heading


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """(start, end) of each screen line when ``text`` is wrapped at ``width`` cells."""
    lines: list[tuple[int, int]] = []
    pos = 0
    width = max(1, width)
    for para in text.split("\n"):
        if not para:
            lines.append((pos, pos))
        else:
            cuts = [0, *divide_line(para, width, fold=True), len(para)]
            for a, b in zip(cuts, cuts[1:], strict=False):
                if b > a:
                    lines.append((pos + a, pos + b))
        pos += len(para) + 1
    return lines


class DocumentView(ScrollView, can_focus=True):
    """The document text, wrapped, with entities, quotes and dates coloured by kind."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-view--person",
        "document-view--place",
        "document-view--org",
        "document-view--quote",
        "document-view--date",
        "document-view--aside",
        "document-view--focus",
        "document-view--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_highlight", "Next highlight", id="reader.next",
                tooltip="Move to the next highlighted name, quote or date"),
        Binding("N", "previous_highlight", "Prev highlight", id="reader.previous",
                tooltip="Move to the previous highlighted name, quote or date"),
        Binding("s", "next_highlight('quote')", "Next quote", show=False,
                id="reader.next_quote", tooltip="Move to the next quote (what was said)"),
        Binding("S", "previous_highlight('quote')", "Prev quote", show=False,
                id="reader.previous_quote", tooltip="Move to the previous quote"),
        Binding("t", "next_highlight('date')", "Next date", show=False, id="reader.next_date",
                tooltip="Move to the next date (time expression)"),
        Binding("T", "previous_highlight('date')", "Prev date", show=False,
                id="reader.previous_date", tooltip="Move to the previous date"),
        Binding("m", "next_highlight('name')", "Next name", show=False, id="reader.next_name",
                tooltip="Move to the next mention of a person, place or organisation"),
        Binding("M", "previous_highlight('name')", "Prev name", show=False,
                id="reader.previous_name", tooltip="Move to the previous mention of a name"),
        Binding("j,down", "scroll_down", "Down", show=False, id="reader.down",
                tooltip="Scroll down a line"),
        Binding("k,up", "scroll_up", "Up", show=False, id="reader.up",
                tooltip="Scroll up a line"),
        Binding("g,home", "scroll_home", "Top", show=False, id="reader.top",
                tooltip="Go to the start of the article"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="reader.bottom",
                tooltip="Go to the end of the article"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="reader.page_down",
                tooltip="Scroll a page down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page_up",
                tooltip="Scroll a page up"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    DocumentView {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: scroll;  /* a scrollbar that comes and goes would change the wrap width */
        scrollbar-size-vertical: 1;
        padding: 0 1;
    }
    """

    def __init__(self, *, empty_text: str = "", id: str | None = None) -> None:
        super().__init__(id=id)
        self.doc: LoadedDoc | None = None
        self.focus_span: tuple[int, int] | None = None
        self.empty_text = empty_text
        self._styled: Text | None = None
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._cache: dict[int, Strip] = {}
        self._width = 0
        self._pending: int | None = None  # offset to scroll to once the view has a size

    def show(self, doc: LoadedDoc | None, start: int | None = None, end: int | None = None) -> None:
        """Show ``doc`` scrolled to ``start`` (the selected fact), which is highlighted."""
        self.doc = doc
        self.focus_span = (
            (start, end if end is not None else start + 1) if start is not None else None
        )
        self._styled = None
        self._pending = self.focus_span[0] if self.focus_span else 0
        self._layout(force=True)

    def set_empty(self, text: str) -> None:
        self.doc = None
        self.empty_text = text
        self._styled = None
        self._layout(force=True)

    # -- layout -----------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"document-view--{name}", partial=True)

    def _build_styled(self) -> Text:
        assert self.doc is not None
        text = Text(self.doc.text, end="")
        by_kind: dict[str, Style] = {kind: self._style(kind) for kind in KINDS}
        for kind in KINDS:
            style = by_kind[kind]
            for span in self.doc.spans:
                if span.kind == kind:
                    text.stylize(style, span.start, span.end)
        if self.focus_span:
            text.stylize(self._style("focus"), *self.focus_span)
        return text

    def _layout(self, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        if not force and width == self._width:
            return
        self._width = width
        self._cache.clear()
        if self.doc is None:
            self._lines = []
        else:
            self._lines = wrap_offsets(self.doc.text, width)
        self._starts = [a for a, _b in self._lines]
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()
        if self._pending is not None:
            self.call_after_refresh(self._scroll_pending)

    def _scroll_pending(self) -> None:
        if self._pending is not None and self._lines:
            offset, self._pending = self._pending, None
            self._scroll_to_offset(offset)

    def _on_resize(self, event: events.Resize) -> None:
        self._layout()

    def on_mount(self) -> None:
        self._layout(force=True)

    def line_of(self, offset: int) -> int:
        """The screen line that shows character ``offset``."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def _scroll_to_offset(self, offset: int) -> None:
        height = max(1, self.scrollable_content_region.height)
        line = self.line_of(offset)
        self.scroll_to(y=max(0, line - height // 3), animate=False, force=True)

    # -- highlights -------------------------------------------------------------------------

    def _stops(self, kind: str | None = None) -> list[tuple[int, int]]:
        """Where n/N stop: every highlight, or those of one ``kind`` ("quote", "date", or
        "name" for the mentions of people, places and organisations)."""
        if self.doc is None:
            return []
        seen: list[tuple[int, int]] = []
        for s in self.doc.spans:
            if s.kind == "aside":
                continue  # a dimmed caption or byline is not a fact to step to
            if kind is not None and (s.kind if s.kind in ("quote", "date") else "name") != kind:
                continue
            if not seen or (s.start, s.end) != seen[-1]:
                seen.append((s.start, s.end))
        return seen

    def _move(self, step: int, kind: str | None = None) -> None:
        stops = self._stops(kind)
        if not stops:
            what = {"quote": "quotes", "date": "dates", "name": "names"}.get(kind or "")
            self.notify(f"No {what or 'highlights'} in this document", timeout=2)
            return
        here = self.focus_span[0] if self.focus_span else -1
        if step > 0:
            nxt = next((s for s in stops if s[0] > here), stops[0])
        else:
            prev = [s for s in stops if s[0] < here]
            nxt = prev[-1] if prev else stops[-1]
        self.focus_span = nxt
        self._styled = None
        self._cache.clear()
        self.refresh()
        line = self.line_of(nxt[0])
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if not top <= line < top + height:
            self._scroll_to_offset(nxt[0])

    def action_next_highlight(self, kind: str | None = None) -> None:
        self._move(1, kind)

    def action_previous_highlight(self, kind: str | None = None) -> None:
        self._move(-1, kind)

    def action_scroll_home(self) -> None:
        self.scroll_to(y=0, animate=False, force=True)

    def action_scroll_end(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False, force=True)

    # -- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = y + self.scroll_offset.y
        if self.doc is None:
            if y == 0 and self.empty_text:
                text = Text(self.empty_text, end="", no_wrap=True)
                text.truncate(width, overflow="ellipsis")
                style = base + self._style("empty")
                return (
                    Strip(text.render(self.app.console))
                    .adjust_cell_length(width)
                    .apply_style(style)
                )
            return Strip.blank(width, base)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        strip = self._cache.get(index)
        if strip is None:
            if self._styled is None:
                self._styled = self._build_styled()
            a, b = self._lines[index]
            line = self._styled[a:b]
            line.rstrip()
            line.end = ""
            line.no_wrap = True
            strip = Strip(line.render(self.app.console)).adjust_cell_length(width).apply_style(base)
            if len(self._cache) > 2048:
                self._cache.clear()
            self._cache[index] = strip
        return strip


class Preview(Vertical):
    """The reader area under the panes: follows the cursor of whichever pane has focus."""

    def __init__(self, *, id: str | None = "preview") -> None:
        super().__init__(id=id)
        self.border_title = "Preview"

    def compose(self) -> ComposeResult:
        yield Static(id="preview-heading")
        yield DocumentView(empty_text="Move the cursor in a pane to preview its article here.",
                           id="preview-view")  # fmt: skip

    def on_mount(self) -> None:
        self.query_one(DocumentView).can_focus = False

    def show(self, doc: LoadedDoc | None, start: int | None = None, end: int | None = None) -> None:
        self.query_one("#preview-heading", Static).update(doc_heading(doc.document) if doc else "")
        self.query_one(DocumentView).show(doc, start, end)


class ReaderScreen(Screen[None]):
    """A full-screen reader for one document; Esc goes back to the panes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="reader.back", tooltip="Back to the panes"),
    ]

    def __init__(self, doc: LoadedDoc, start: int | None = None, end: int | None = None) -> None:
        super().__init__()
        self._doc = doc
        self._start = start
        self._end = end

    def compose(self) -> ComposeResult:
        yield Static(doc_heading(self._doc.document), id="reader-heading")
        yield Static(id="reader-legend")
        yield DocumentView(id="reader-view")
        yield Footer()

    def on_mount(self) -> None:
        view = self.query_one(DocumentView)
        view.focus()
        self.query_one("#reader-legend", Static).update(legend(view))
        self.call_after_refresh(view.show, self._doc, self._start, self._end)

    def action_back(self) -> None:
        self.dismiss(None)


def legend(view: DocumentView) -> Text:
    """The colour key, drawn with the very styles the view uses (they come from reader.tcss)."""
    text = Text(end="")
    kinds = (*KIND_LABELS.items(), ("quote", "quote"), ("date", "date"), ("aside", "not article"))
    for kind, label in kinds:
        text.append(f" {label} ", style=view.get_component_rich_style(f"document-view--{kind}"))
        text.append(" ")
    text.append("  n/N next/previous highlight · Esc back", style="dim")
    return text
