"""Judging facts across documents in the app: who else tells this (``o`` on an event or a
quote), and where the documents disagree (the palette's "Contradictions").

Both are lists in an overlay; Enter on an entry opens the reader on that passage. The rows come
from the index as the command line gets them (``sources`` of each record, ``explorer
contradictions``), looked up in a worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from explorer.safe_text import literal
from explorer.tui.messages import FactOpened

if TYPE_CHECKING:
    from explorer.api import Contradiction, Document

__all__ = ["ContradictionsScreen", "SourcesScreen", "passage"]


def passage(text: str, width: int = 100) -> str:
    """A passage on one line, cut to ``width`` characters."""
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


class _ListScreen(ModalScreen[None]):
    """An overlay list of passages; Enter opens the highlighted one in the reader."""

    DEFAULT_CSS = """
    _ListScreen { align: center middle; }
    _ListScreen > Vertical {
        width: 90%; height: 80%; padding: 0 1;
        border: round $accent; background: $surface;
    }
    _ListScreen Label { width: 1fr; margin: 0 0 1 0; }
    _ListScreen OptionList { height: 1fr; border: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Back", id="judge.back", tooltip="Back to the panes"),
        Binding("j", "move(1)", "Down", show=False, id="judge.down", tooltip="Next entry"),
        Binding("k", "move(-1)", "Up", show=False, id="judge.up", tooltip="Previous entry"),
    ]

    def __init__(self, title: str, entries: list[tuple[Text, tuple[str, int, int] | None]]):
        super().__init__()
        self.title_text = title
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(literal(self.title_text, "bold"))
            yield OptionList(*[Option(label) for label, _ in self.entries], id="judge-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_move(self, step: int) -> None:
        """j/k as in the panes' lists."""
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        where = self.entries[event.option_index][1]
        if where is None:
            return
        doc, start, end = where
        self.dismiss()
        main = getattr(self.app, "main_screen", lambda: None)()
        if main is not None:
            main.post_message(FactOpened(doc, start, end))


class SourcesScreen(_ListScreen):
    """The documents telling one event or quote: this one first, then the others."""

    @classmethod
    def of(cls, record: Any, documents: dict[str, Document], texts: dict[str, str]):  # type: ignore[no-untyped-def]
        """``documents``/``texts``: the source documents and their texts, by id."""
        entries: list[tuple[Text, tuple[str, int, int] | None]] = []
        for i, s in enumerate(record.sources):
            doc = documents.get(s["doc"])
            label = Text()
            label.append("this  " if i == 0 else "also  ", style="dim")
            label.append(doc.date or "undated" if doc else "?", style="bold")
            label.append("  ")
            label.append_text(literal(passage(doc.title if doc else s["doc"], 70), "italic"))
            if doc and doc.source:
                label.append_text(literal(f"  {doc.source}", "dim"))
            label.append("\n      ")
            text = texts.get(s["doc"], "")
            label.append_text(literal(passage(text[s["start"] : s["end"]])))
            entries.append((label, (s["doc"], s["start"], s["end"])))
        n = len(record.sources)
        title = f"Told by {n} document{'s' if n != 1 else ''} — Enter opens one, Esc goes back"
        return cls(title, entries)


class ContradictionsScreen(_ListScreen):
    """Disagreements among the documents under the filters: both sides of each."""

    @classmethod
    def of(cls, records: list[Contradiction], scope: str):  # type: ignore[no-untyped-def]
        entries: list[tuple[Text, tuple[str, int, int] | None]] = []
        for r in records:
            head = Text()
            head.append(f"{r.kind}  ", style="bold red")
            head.append_text(literal(r.note))
            entries.append((head, None))
            for side in (r.a, r.b):
                label = Text("   ")
                label.append(str(side["value"]), style="bold")
                label.append_text(literal(f"  {side['doc']}  ", "dim"))
                label.append_text(literal(passage(side["text"], 90)))
                entries.append((label, (side["doc"], side["start"], side["end"])))
        if not records:
            entries.append((Text("No contradictions found.", style="dim"), None))
        n = len(records)
        title = f"{n} contradiction{'s' if n != 1 else ''} {scope} — Enter opens a side"
        return cls(title, entries)
