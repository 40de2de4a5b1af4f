"""Showing untrusted article text safely.

Article text comes from the web: it may hold Rich markup (``[bold red]``, ``[link=...]``) or
terminal escape sequences (``\\x1b[31m``). The app never builds markup strings from it and
replaces every control character by a visible one-cell stand-in of the SAME length, so the
character offsets that facts carry still point at the right place in what is drawn.
"""

from __future__ import annotations

from rich.text import Text


def _control_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        # U+2400.. are the "control pictures": ␀ ␁ ... ␛ (escape) ... ␟, one cell each.
        table[code] = chr(0x2400 + code)
    table[0x09] = " "  # a tab would jump to the next tab stop and break the cell arithmetic
    table[0x0A] = "\n"  # newlines are kept: the reader splits paragraphs on them
    table[0x0D] = " "
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1 controls (CSI is \x9b): never pass them to a terminal
        table[code] = "\ufffd"
    for code in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF):  # zero-width: would shift columns
        table[code] = "\u00b7"
    for code in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069):
        table[code] = "\ufffd"  # bidi overrides can disguise text ("Trojan Source")
    return table


_TABLE = _control_table()
_ONE_LINE_TABLE = {**_TABLE, 0x0A: " "}


def clean(text: str) -> str:
    """Return ``text`` with control characters made visible, keeping its length and newlines."""
    return text.translate(_TABLE)


def clean_line(text: str) -> str:
    """Like :func:`clean` but for one-line cells: newlines become spaces."""
    return text.translate(_ONE_LINE_TABLE)


def literal(text: str | None, style: str = "") -> Text:
    """A Rich ``Text`` that shows ``text`` literally on one line (markup is not parsed)."""
    return Text(clean_line(text or ""), style=style, end="", no_wrap=True)
