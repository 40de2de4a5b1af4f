"""A canvas of Braille dots: each terminal cell holds 2 × 4 of them (U+2800..U+28FF).

Why by hand: the map needs a plain layer of dots it can cache and write markers and labels
over, cell by cell, with its own styles; the canvas widgets on PyPI paint themselves and
redraw everything on every change. Drawing lines into a byte per cell is a few lines.
"""

from __future__ import annotations

# Bit of the dot at (x % 2, y % 4) in a Braille character: dots 1-2-3-7 run down the left
# column, 4-5-6-8 down the right (Unicode's numbering).
_BITS = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))
BLANK = 0x2800


class Braille:
    """``cols`` × ``rows`` cells, that is ``2·cols`` × ``4·rows`` dots, y down."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols = max(0, cols)
        self.rows_ = max(0, rows)
        self.width = 2 * self.cols
        self.height = 4 * self.rows_
        self.cells = bytearray(self.cols * self.rows_)

    def set(self, x: int, y: int) -> None:
        """Turn the dot at (x, y) on; dots off the canvas are ignored."""
        if 0 <= x < self.width and 0 <= y < self.height:
            self.cells[(y >> 2) * self.cols + (x >> 1)] |= _BITS[y & 3][x & 1]

    def line(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Dots along the segment, clipped to the canvas first (a zoomed-in map has coastlines
        thousands of dots long off screen; only the part on screen is walked)."""
        clipped = _clip(x0, y0, x1, y1, self.width, self.height)
        if clipped is None:
            return
        x0, y0, x1, y1 = clipped
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        dx, dy = (x1 - x0) / steps, (y1 - y0) / steps
        x, y = x0, y0
        for _ in range(steps + 1):
            self.set(int(x), int(y))
            x += dx
            y += dy

    def rows(self) -> list[str]:
        """One string per row of cells; a cell with no dot is a space."""
        out = []
        for r in range(self.rows_):
            row = self.cells[r * self.cols : (r + 1) * self.cols]
            out.append("".join(chr(BLANK + b) if b else " " for b in row))
        return out


def _clip(
    x0: float, y0: float, x1: float, y1: float, width: int, height: int
) -> tuple[float, float, float, float] | None:
    """Liang-Barsky: the part of the segment inside [0, width) × [0, height), or None."""
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, width - 1e-6 - x0), (-dy, y0), (dy, height - 1e-6 - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy
