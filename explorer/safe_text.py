"""Showing untrusted text safely: in the app, the tables, ``show``, warnings, errors and JSON.

Article text, titles and file names come from strangers: they may hold Rich markup
(``[bold red]``, ``[link=...]``) or terminal escape sequences (``\\x1b]52;`` writes the
clipboard, ``\\x1b]8;`` makes hidden links, ``\\x1b[2J`` clears the screen), C1 controls
(``\\x9b`` is a one-byte CSI) and bidi overrides (U+202E reverses what follows). Nothing of it
reaches a terminal raw: every control character becomes a visible one-character stand-in, so
the text keeps its length and the character offsets that facts carry still point at the right
place in what is printed. JSON escapes them instead (``json_line``), as ``git`` and ``ls`` do.
"""

from __future__ import annotations

import json
import re
from typing import Any

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
    # Line and paragraph separators: text tools break lines at them, so one table row would
    # become two ("0\u20280"); a space keeps the length.
    table[0x2028] = table[0x2029] = " "
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


# What JSON may carry but a terminal must not see raw: json.dumps escapes C0 controls itself
# (\\u001b), but with ensure_ascii=False it leaves C1 controls, bidi overrides, zero-width
# characters and line separators as they are.
_JSON_UNSAFE = re.compile(
    "[\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]"
)


def json_line(record: Any) -> str:
    """One JSON object, UTF-8 text kept readable, every invisible or control character escaped."""
    text = json.dumps(record, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
