"""The help screen (F1 or ?): every key, grouped by where it works, read from the bindings.

The list is generated from the ``BINDINGS`` of the app, its screens, panes and widgets, so a key
added or remapped in code is a key the help shows: the two can never disagree. Each binding's
tooltip (or its description) says what it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

INTRO = """\
# explorer — keys

**Who said what, what happened when, and where**, across a folder of articles.
"""

OUTRO = """\
The preview under the panes follows the cursor. Names are coloured by kind (person, place,
organisation); quotes and dates are highlighted. Timeline dates are as precise as the article
allows: `2021-08-12`, `2021-08`, `1980s`; events that could not be dated come last.
Article text is shown literally: markup and escape codes in a document are never interpreted.
"""

# How a key is written for a person (Textual's names are for code).
_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "space": "space",
    "f1": "F1",
}


def key_label(key: str) -> str:
    """``ctrl+d`` stays, ``left_square_bracket`` becomes ``[``."""
    return _KEY_NAMES.get(key, key)


def _bindings(owner: type) -> list[Binding]:
    out = []
    for b in getattr(owner, "BINDINGS", []):
        if isinstance(b, Binding):
            out.append(b)
        elif isinstance(b, tuple):
            out.append(Binding(*b))
    return out


Places = list[tuple[str, Iterable[type]]]  # (where the keys work, classes whose BINDINGS apply)


def sections(places: Places) -> list[tuple[str, list[tuple[str, str]]]]:
    """(title, [(keys, what they do)]) for every place keys work, from the bindings."""
    out = []
    for title, owners in places:
        rows = []
        for owner in owners:
            for b in _bindings(owner):
                if b.system or not (b.tooltip or b.description):
                    continue
                keys = " ".join(f"`{key_label(k.strip())}`" for k in b.key.split(","))
                rows.append((keys, b.tooltip or b.description))
        out.append((title, rows))
    out.append(
        (
            "Palette",
            [
                ("`ctrl+p`", "Command palette: commands, and a finder over names"),
                ("", "With a name chip: make it a person/place/org, split an alias off,"),
                ("", "`rename NEW NAME`, `merge OTHER NAME` (kept beside the index)"),
            ],
        )
    )
    return out


def help_markdown(places: Places) -> str:
    """The whole help text."""
    parts = [INTRO]
    for title, rows in sections(places):
        parts.append(f"## {title}\n")
        parts.extend(f"- {keys} — {what}" for keys, what in rows)
        parts.append("")
    parts.append(OUTRO)
    return "\n".join(parts)


class HelpScreen(ModalScreen[None]):
    """A modal over the app; any of Esc, q, F1 or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close", id="help.close",
                tooltip="Close the help"),
    ]  # fmt: skip

    def __init__(self, places: Places) -> None:
        super().__init__()
        self.places = places

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Markdown(help_markdown(self.places))

    def action_close(self) -> None:
        self.dismiss(None)
