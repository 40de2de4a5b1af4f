"""The Textual app: ``explorer`` with no subcommand. Thin: the screens do the work."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from explorer.tui.commands import CorrectionCommands, EntityCommands
from explorer.tui.documents import DocumentsPane
from explorer.tui.kept import KeptCommands
from explorer.tui.main_screen import MainScreen, Opener
from explorer.tui.quotes import QuotesPane
from explorer.tui.reader import DocumentView, ReaderScreen
from explorer.tui.search import SearchBar
from explorer.tui.state import ROW_CAP, FactSource
from explorer.tui.timeline import TimelinePane
from explorer.tui.widgets.submit_input import SubmitInput
from explorer.tui.widgets.virtual_list import VirtualList

# Seconds a thread holds the GIL before another waiting for it gets it (see run_app).
SWITCH_INTERVAL_S = 0.001

if TYPE_CHECKING:
    from explorer.api import Corpus


class ExplorerApp(App[int]):
    """Who said what, what happened when, and where, across a folder of articles."""

    TITLE = "explorer"
    CSS_PATH: ClassVar[list[str | Path]] = [
        "app.tcss",
        "search.tcss",
        "documents.tcss",
        "timeline.tcss",
        "quotes.tcss",
        "map.tcss",
        "reader.tcss",
        "help.tcss",
    ]
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (32, "-tall")]
    COMMANDS = App.COMMANDS | {EntityCommands, CorrectionCommands, KeptCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit explorer"),
        Binding("f1,question_mark", "help", "Help", id="app.help", tooltip="Show every key"),
    ]

    def __init__(self, corpus_name: str, opener: Opener, *, cap: int = ROW_CAP) -> None:
        """``cap``: rows each pane loads at most (the rest is reached by narrowing)."""
        super().__init__()
        self.corpus_name = corpus_name
        self._opener = opener
        self.cap = cap

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.corpus_name, self._opener, cap=self.cap))

    @property
    def facts(self) -> FactSource | None:
        """The index, for quick questions (the palette's name finder); None until open."""
        screen = self.main_screen()
        return screen.facts if screen else None

    def main_screen(self) -> MainScreen | None:
        """The screen of the panes (under any overlay), for the palette's providers."""
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def action_help(self) -> None:
        # Imported here: the help's Markdown widget costs ~80 ms of start-up (markdown-it,
        # pygments) that the first paint should not pay.
        from explorer.tui.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_places()))

    def action_quit(self) -> None:
        self.exit(0)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main_screen()
        if main is None:
            return
        yield SystemCommand("Help", "Every key, grouped by pane", self.action_help)
        for name in ("documents", "timeline", "quotes"):
            yield SystemCommand(
                f"Go to {name.title()}", f"Focus the {name} pane",
                lambda n=name: main.action_focus_pane(n),
            )  # fmt: skip
        yield SystemCommand("Search", "Focus the search bar", main.action_focus_search)
        yield SystemCommand("Clear filters", "Remove every filter chip", main.action_clear)
        yield SystemCommand(
            "Contradictions", "Where the documents under the filters disagree (dates, counts)",
            main.action_contradictions,
        )  # fmt: skip
        yield SystemCommand(
            "Sort documents", "Newest first / oldest first / by title",
            lambda: main.query_one("#documents").action_cycle_sort(),
        )  # fmt: skip


def help_places() -> list[tuple[str, tuple[type, ...]]]:
    """Where keys work, and the classes whose bindings are the keys there (the help lists them)."""
    return [
        ("Anywhere", (MainScreen, ExplorerApp, App)),
        ("In a list", (VirtualList,)),
        ("Documents", (DocumentsPane,)),
        ("Timeline", (TimelinePane,)),
        ("Quotes", (QuotesPane,)),
        ("In the search bar", (SearchBar,)),
        ("In a text box", (SubmitInput,)),
        ("In the reader", (DocumentView, ReaderScreen)),
    ]


def run_app(corpus_path: str | Path, index_path: str | Path | None = None) -> int:
    """Run the app on the corpus folder ``corpus_path`` (indexed into ``index_path``).

    The corpus is opened (and indexed) inside the app, in a worker, so the window paints at once.
    Returns the exit code: 0 on quit.
    """
    from explorer.tui import main_screen

    main_screen.FREEZE_GC = True  # one app in this process: see MainScreen._freeze_gc
    # The panes' loads run on threads beside the one that paints. Each of their SQLite calls
    # lets go of the GIL and must take it back, which waits out the painter's switch
    # interval: 5 ms by default, a few dozen times a page. At 1 ms every pane held its first
    # rows for the commonest name at 200k documents 154-169 ms after Enter, against 187-249
    # at 5 ms (one traced run each, alternating).
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    path = Path(corpus_path)
    name = path.resolve().name or str(path)
    result = ExplorerApp(name, CorpusOpener(path, index_path)).run()
    return 0 if result is None else int(result)


class CorpusOpener:
    """Opens one corpus folder and index for the app (an ``Opener``; tests pass fakes)."""

    def __init__(self, path: str | Path, index_path: str | Path | None = None) -> None:
        self.path = Path(path)
        self.index_path = index_path

    def __call__(
        self,
        progress: Callable[[int, int], None],
        warn: Callable[[str], None],
        *,
        update: bool = True,
    ) -> Corpus:
        from explorer.api import open_corpus  # the index layer loads after the first paint

        return open_corpus(self.path, self.index_path, update=update, progress=progress, warn=warn)

    def index_ready(self) -> bool:
        """An up-to-date-schema index exists: the app shows it first and updates behind."""
        from explorer.corpus import Corpus

        return Corpus.index_ready(self.path, self.index_path)
