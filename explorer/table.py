"""Plain-text tables for the command line: one line per record, fast at any size.

Why not ``rich.table``: it measures and wraps every cell, which took 71-83 s for the 21,578 rows
of Reuters-21578 (and it folds long ids onto a second line when the output is piped, so a row
is no longer a line for ``grep``, ``cut`` or ``sort``). Here a row is always exactly one line:

* on a terminal, the long text columns (``flex``) share what the fixed ones leave of its width
  and are cut with "…"; ids, dates and numbers are never cut;
* into a pipe or a file nothing is cut, and the longest column comes last so that no row is
  padded to the longest quote.

Display widths come from ``rich.cells`` (wide CJK characters count two), and every cell is
cleaned by ``explorer.safe_text.clean_line``: document text never reaches a terminal raw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from rich.cells import cell_len, set_cell_size

from explorer.safe_text import clean_line

__all__ = ["Column", "render"]

_GAP = "  "
_MIN_FLEX = 12  # a flexible column is never squeezed narrower than this on a terminal


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its header, whether it may be cut to fit, whether it holds numbers."""

    header: str
    flex: bool = False
    numeric: bool = False


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, with "…" when it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)) + "…" if width > 0 else ""


def _widths(columns: Sequence[Column], rows: list[list[str]], width: int | None) -> list[int]:
    """Each column's width: its longest cell, flex columns shrunk to fit ``width`` if given."""
    natural = [cell_len(c.header) for c in columns]
    for row in rows:
        for i, cell in enumerate(row):
            n = cell_len(cell)
            if n > natural[i]:
                natural[i] = n
    if width is None:
        return natural
    flex = [i for i, c in enumerate(columns) if c.flex]
    fixed = sum(n for i, n in enumerate(natural) if i not in flex)
    room = width - fixed - len(_GAP) * (len(columns) - 1)  # what the flexible columns may take
    if not flex or sum(natural[i] for i in flex) <= room:
        return natural
    # The last flexible column holds the text the table is about (the quote, the title): it
    # gets two thirds of the room; the others (a speaker, an expression) share the rest.
    main, others = flex[-1], flex[:-1]
    out = list(natural)
    share = _fill(natural, others, max(room // 3, sum(min(natural[i], _MIN_FLEX) for i in others)))
    out[main] = min(natural[main], max(room - sum(share.values()), _MIN_FLEX))
    share = _fill(natural, others, room - out[main])  # what the main text leaves unused
    for i, w in share.items():
        out[i] = w
    return out


def _fill(natural: list[int], columns: list[int], room: int) -> dict[int, int]:
    """Widths of ``columns`` within ``room``: each cut to one common cap, none below its floor
    (the widest cap that fits, found by bisection)."""

    def at(cap: int) -> dict[int, int]:
        return {i: min(natural[i], max(cap, _MIN_FLEX)) for i in columns}

    lo, hi = 0, max((natural[i] for i in columns), default=0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(at(mid).values()) <= room:
            lo = mid
        else:
            hi = mid - 1
    return at(lo)


def render(
    columns: Sequence[Column],
    records: Iterable[Sequence[str]],
    out: TextIO,
    *,
    width: int | None = None,
    bold: bool = False,
) -> int:
    """Write a header line, a rule and one line per record to ``out``; the number of records.

    ``width`` is the terminal's: flexible columns are cut to fit it. ``None`` (a pipe) cuts
    nothing. ``bold`` writes the header in bold (a terminal that takes colour).
    """
    rows = [[clean_line(str(c)).strip() for c in r] for r in records]
    widths = _widths(columns, rows, width)
    last = len(columns) - 1

    def line(cells: Sequence[str]) -> str:
        parts = []
        for i, (col, cell) in enumerate(zip(columns, cells, strict=True)):
            w = widths[i]
            cell = _fit(cell, w) if width is not None else cell
            pad = w - cell_len(cell)
            if col.numeric:
                parts.append(" " * pad + cell)
            elif i == last:
                parts.append(cell)  # never pad the last column: no trailing blanks
            else:
                parts.append(cell + " " * pad)
        return _GAP.join(parts)

    head = line([c.header for c in columns])
    out.write(f"\x1b[1m{head}\x1b[0m\n" if bold else head + "\n")
    out.write(_GAP.join("─" * w for w in widths) + "\n")
    out.writelines(line(r) + "\n" for r in rows)
    return len(rows)
