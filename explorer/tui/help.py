"""The help screen (F1 or ?): every key, grouped by where it works."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# explorer — keys

**Who said what, what happened when, and where**, across a folder of articles.

## Anywhere

- `/` — search names, places or any words; Enter adds a filter chip
- `1` `2` `3` — jump to Documents, Timeline, Quotes
- `tab` / `shift+tab` — next / previous pane
- `esc` — close the top overlay, then clear the text, then the filters
- `ctrl+p` — command palette (commands, and a finder over names)
- `F1` `?` — this help
- `q` `ctrl+q` — quit

## In a list

- `j` `k` `↑` `↓` — move
- `g` `G` — first / last row
- `PgUp` `PgDn` — a page up / down
- `enter` — open the article in the reader, at the fact
- `s` — Documents: sort newest first / oldest first / by title
- `[` `]` — Timeline: previous / next date
- `d` — Timeline: only a date range (`2021-08`, `1990..1995`, `2021-08-01..`)
- `f` — Quotes: filter box (typos are fine)
- `y` — Quotes: copy the quote with speaker, title and date

## In the reader

- `n` `N` — next / previous highlight
- `esc` — back to the panes

The preview under the panes follows the cursor. Names are coloured by kind (person, place,
organisation); quotes and dates are highlighted. Timeline dates are as precise as the article
allows: `2021-08-12`, `2021-08`, `1980s`; events that could not be dated come last.
Article text is shown literally: markup and escape codes in a document are never interpreted.
"""


class HelpScreen(ModalScreen[None]):
    """A modal over the app; any of Esc, q, F1 or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close", id="help.close",
                tooltip="Close the help"),
    ]  # fmt: skip

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Markdown(HELP)

    def action_close(self) -> None:
        self.dismiss(None)
