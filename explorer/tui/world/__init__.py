"""The world the map pane draws on: country outlines, the projection, and where to look.

Outlines are Natural Earth's 1:110m countries (public domain), shipped in ``countries.json``
and rebuilt by ``benchmarks/world_outlines.py``. They are drawn in Braille dots
(``explorer.tui.widgets.braille``) on an equirectangular projection: a terminal cell is about
twice as tall as wide and holds 2×4 dots, so dots are square and a degree of longitude is a
degree of latitude on screen, which keeps countries recognisable at every zoom.

Drawing every outline costs tens of milliseconds in Python; a filter change or a key press
must repaint within a frame, so the outline layer for a given view and size is cached
(``land``) and only the markers are drawn anew.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from explorer.tui.widgets.braille import Braille

__all__ = ["Extent", "Projection", "WORLD", "fit", "land", "outlines"]

# Latitudes the map shows at most: Antarctica and the far Arctic carry no news and would take
# a third of a world map's height.
SOUTHMOST, NORTHMOST = -58.0, 84.0
# A filter's view is never narrower than this many degrees: a single town is shown with the
# countries around it.
MIN_SPAN = 12.0
# The share of the mentions a filter's view must hold (the rest are far-off outliers: the
# articles about Kandahar also name Washington and London).
VIEW_SHARE = 0.7


@dataclass(frozen=True, slots=True)
class Extent:
    """A box of the world in degrees (west < east, south < north)."""

    west: float
    south: float
    east: float
    north: float

    @property
    def centre(self) -> tuple[float, float]:
        """(lon, lat) of the middle of the box."""
        return (self.west + self.east) / 2, (self.south + self.north) / 2

    def zoomed(self, factor: float) -> Extent:
        """The box ``factor`` times smaller (> 1 zooms in), about its centre."""
        lon, lat = self.centre
        half_w = (self.east - self.west) / 2 / factor
        half_h = (self.north - self.south) / 2 / factor
        return Extent(lon - half_w, lat - half_h, lon + half_w, lat + half_h)

    def panned(self, dx: float, dy: float) -> Extent:
        """The box moved by ``dx`` of its width east and ``dy`` of its height north."""
        w, h = self.east - self.west, self.north - self.south
        return Extent(
            self.west + dx * w, self.south + dy * h, self.east + dx * w, self.north + dy * h
        )


WORLD = Extent(-180.0, SOUTHMOST, 180.0, NORTHMOST)


@dataclass(frozen=True, slots=True)
class Projection:
    """Degrees to dots for a canvas of ``cols`` × ``rows`` cells showing at least ``extent``.

    The scale is the same in both directions (square dots); the box is centred and the
    canvas shows more of the world on the side that has room to spare.
    """

    extent: Extent
    cols: int
    rows: int

    @property
    def scale(self) -> float:
        """Dots per degree."""
        w = max(1e-9, self.extent.east - self.extent.west)
        h = max(1e-9, self.extent.north - self.extent.south)
        return min(2 * self.cols / w, 4 * self.rows / h)

    def dot(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) in dots, y down; outside the canvas when the point is not shown."""
        clon, clat = self.extent.centre
        s = self.scale
        return (lon - clon) * s + self.cols, (clat - lat) * s + 2 * self.rows

    def cell(self, lon: float, lat: float) -> tuple[int, int] | None:
        """(column, row) of the cell holding the point, or None when it is off the canvas."""
        x, y = self.dot(lon, lat)
        col, row = math.floor(x / 2), math.floor(y / 4)
        if 0 <= col < self.cols and 0 <= row < self.rows:
            return col, row
        return None

    def shown(self) -> Extent:
        """The box of the world the whole canvas shows."""
        clon, clat = self.extent.centre
        s = self.scale
        return Extent(
            clon - self.cols / s,
            clat - 2 * self.rows / s,
            clon + self.cols / s,
            clat + 2 * self.rows / s,
        )


@dataclass(frozen=True, slots=True)
class Ring:
    """One closed outline: flat [lon, lat, ...] and its box, to skip it when off screen."""

    points: tuple[float, ...]
    box: Extent


@lru_cache(maxsize=1)
def outlines() -> tuple[Ring, ...]:
    """Every country's rings, loaded once from the package data."""
    raw = json.loads(resources.files(__package__).joinpath("countries.json").read_text("utf-8"))
    rings = []
    for country in raw["countries"]:
        for flat in country["rings"]:
            lons, lats = flat[0::2], flat[1::2]
            rings.append(Ring(tuple(flat), Extent(min(lons), min(lats), max(lons), max(lats))))
    return tuple(rings)


@lru_cache(maxsize=32)
def land(extent: Extent, cols: int, rows: int) -> tuple[str, ...]:
    """The outlines of every country seen in ``extent`` on a ``cols`` × ``rows`` canvas, one
    string of Braille characters per row (blank cells are spaces). Cached: see the module."""
    projection = Projection(extent, cols, rows)
    seen = projection.shown()
    canvas = Braille(cols, rows)
    for ring in outlines():
        b = ring.box
        if b.east < seen.west or b.west > seen.east or b.north < seen.south or b.south > seen.north:
            continue
        p = ring.points
        x0, y0 = projection.dot(p[-2], p[-1])
        for i in range(0, len(p), 2):
            x1, y1 = projection.dot(p[i], p[i + 1])
            canvas.line(x0, y0, x1, y1)
            x0, y0 = x1, y1
    return tuple(canvas.rows())


def fit(points: Sequence[tuple[float, float, float]]) -> Extent:
    """Where to look for ``points`` (lon, lat, weight): the smallest box holding
    ``VIEW_SHARE`` of the weight in each direction, padded, at least ``MIN_SPAN`` wide, within
    the world. No points: the world."""
    if not points:
        return WORLD
    west, east = _window([(lon, w) for lon, _, w in points])
    south, north = _window([(lat, w) for _, lat, w in points])
    pad_x = max(MIN_SPAN, (east - west) * 1.3) / 2
    pad_y = max(MIN_SPAN, (north - south) * 1.3) / 2
    cx, cy = (west + east) / 2, (south + north) / 2
    return Extent(
        max(-180.0, cx - pad_x),
        max(SOUTHMOST, cy - pad_y),
        min(180.0, cx + pad_x),
        min(NORTHMOST, cy + pad_y),
    )


def _window(values: list[tuple[float, float]]) -> tuple[float, float]:
    """The narrowest interval of positions holding ``VIEW_SHARE`` of the weight (two
    pointers over the sorted positions)."""
    values.sort()
    total = sum(max(w, 0.0) for _, w in values) or 1.0
    need = VIEW_SHARE * total
    best = (values[0][0], values[-1][0])
    held = 0.0
    lo = 0
    for hi, (pos, w) in enumerate(values):
        held += max(w, 0.0)
        while lo < hi and held - max(values[lo][1], 0.0) >= need:
            held -= max(values[lo][1], 0.0)
            lo += 1
        if held >= need and pos - values[lo][0] < best[1] - best[0]:
            best = (values[lo][0], pos)
    return best
