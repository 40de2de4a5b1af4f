"""What the app keeps for later: saved searches (ctrl+s), pins (``b``), exports (``e``), and the
command palette's lists of the first two.

They are the command line's own (``explorer saved``, ``explorer bookmarks``, ``explorer
export``): the same file in the user data folder, the same CSV with citations, so a search
saved here runs as ``explorer quotes --saved NAME`` and a pin shows in ``explorer bookmarks``.
"""

from __future__ import annotations

import asyncio
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from explorer.records import Document, Event, Quote
from explorer.safe_text import clean_line, literal
from explorer.tui.commands import main_screen
from explorer.tui.messages import FactOpened, SavedSearchApplied

if TYPE_CHECKING:
    from explorer.api import Corpus
    from explorer.tui.state import FactSource

# What each pane lists, in the command line's words (``explorer export SUBJECT``).
SUBJECT = {"documents": "docs", "timeline": "timeline", "quotes": "quotes"}


def pin_span(row: Any, text: str) -> tuple[int, int]:
    """The passage a pin keeps for a pane's row: the quote, the event's whole sentence, or a
    document's first paragraph (``text`` is the document's)."""
    if isinstance(row, Quote | Event):
        return row.start, row.end
    if isinstance(row, Document):  # an empty one gives an empty span: add_bookmark says so
        first = len(text) - len(text.lstrip())
        end = text.find("\n", first)
        return first, len(text) if end < 0 else end
    raise TypeError(f"nothing to pin in {type(row).__name__}")


def pin(corpus: Corpus, row: Any) -> str:
    """Pin ``row``'s passage (see ``pin_span``); the line the app shows for it."""
    from explorer.saved import Kept

    doc = row.id if isinstance(row, Document) else row.doc
    start, end = pin_span(row, corpus.text(doc))
    mark = Kept(corpus.root).add_bookmark(corpus, doc, start, end)
    return f"Pinned {mark.doc}:{mark.start}-{mark.end} (ctrl+p lists pins; explorer bookmarks)"


def export(source: FactSource, subject: str, rows: list[Any], folder: Path) -> str:
    """Write ``rows`` with their citations as CSV in ``folder``; the line the app shows."""
    from explorer.export import citation_rows, write

    cited = citation_rows(subject, rows, source)  # type: ignore[arg-type]
    path = folder / f"explorer-{subject}-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8", newline="") as f:
        write(subject, cited, "csv", f)
    part.replace(path)
    return f"Exported {len(cited):,} {subject} with citations to {path}"


class SaveSearchScreen(ModalScreen[str | None]):
    """Asks the name to save the current filters under (Enter saves, Esc cancels)."""

    DEFAULT_CSS = """
    SaveSearchScreen { align: center middle; }
    SaveSearchScreen > Vertical {
        width: 70%; max-width: 80; height: auto; padding: 1 2;
        border: round $accent; background: $surface;
    }
    SaveSearchScreen Label { width: 1fr; margin-bottom: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save.cancel", tooltip="Save nothing"),
    ]

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical():
            label = literal("Save these filters as a search: ")
            label.append_text(literal(self.query_text, "bold"))
            yield Label(label)
            yield Input(
                value=" ".join(self.query_text.split())[:40],
                placeholder="a name",
                id="save-name",
            )

    @on(Input.Submitted, "#save-name")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class KeptCommands(Provider):
    """The palette's "Saved search: NAME" (filters every pane by it) and "Pin: …" (opens the
    reader on the passage), for what was kept here or with the command line."""

    def _corpus(self) -> Corpus | None:
        screen = main_screen(self.app)
        return None if screen is None else screen.corpus

    async def discover(self) -> Hits:
        for hit in await self._hits():
            yield hit

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for hit in await self._hits():
            score = matcher.match(hit.text or "")
            if score > 0:
                yield Hit(score, matcher.highlight(hit.text or ""), hit.command, help=hit.help)

    async def _hits(self) -> list[Hit]:
        corpus = self._corpus()
        if corpus is None:
            return []
        from explorer.saved import Kept

        kept = Kept(corpus.root)
        try:
            searches = await asyncio.to_thread(kept.searches)
            marks = await asyncio.to_thread(kept.bookmarks, corpus)
        except Exception:  # a damaged file: `explorer saved list` says why
            return []
        hits = []
        for s in searches:
            text = f"Saved search: {clean_line(s.name)}"
            hits.append(
                Hit(1.0, text, partial(self._apply, s.query), text=text, help=clean_line(s.query))
            )
        for b in marks:
            words = " ".join(b.text.split())
            words = words if len(words) <= 60 else words[:59] + "…"
            text = f"Pin: {clean_line(words)}"
            where = f"{b.doc}:{b.start}-{b.end} · {b.status}" + (f" · {b.note}" if b.note else "")
            open_it = partial(self._open, b.doc, b.start, b.end) if b.status != "gone" else None
            hits.append(
                Hit(
                    1.0,
                    text,
                    open_it or partial(self._gone, b.doc),
                    text=text,
                    help=clean_line(where),
                )  # fmt: skip
            )
        return hits

    def _apply(self, query: str) -> None:
        screen = main_screen(self.app)
        if screen is not None:
            screen.post_message(SavedSearchApplied(query))

    def _open(self, doc: str, start: int, end: int) -> None:
        screen = main_screen(self.app)
        if screen is not None:
            screen.post_message(FactOpened(doc, start, end))

    def _gone(self, doc: str) -> None:
        self.app.notify(
            clean_line(f"That passage of {doc} is no longer there (explorer bookmarks)"),
            severity="warning",
            markup=False,
        )
