"""The Map pane (key m): the places of the current view on a world of country outlines.

It takes the place of the preview under the three panes (taller than the preview, so a
country has room at 80×24), and follows every filter the panes follow: the screen loads its
page (``Pages.map``: places named in the documents of the view, counted there) with the
others. Markers are sized by mentions and the most mentioned are labelled; the view zooms to
where most of the mentions are (the world when nothing is set). The arrow keys move from
marker to marker, Enter filters every pane to the highlighted place.

Places without coordinates (a region no gazetteer places) cannot be drawn; the pane says how
many there are instead of dropping them silently.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from explorer.safe_text import clean_line
from explorer.tui.formatting import plural
from explorer.tui.widgets.pane import LOADING_MARK
from explorer.tui.world import WORLD, Extent, Projection, fit, land

if TYPE_CHECKING:
    from explorer.api import Entity

# Labels drawn at most, besides the highlighted place's: one per three rows of map.
LABEL_ROWS = 3
LABEL_WIDTH = 16
ZOOM_STEP = 1.6
PAN_STEP = 0.25
# Marker glyphs by mentions relative to the most mentioned place on the map.
GLYPHS = ((0.25, "●"), (0.04, "•"), (0.0, "·"))
# Directions of the arrow keys, in cells: (dx, dy), y down.
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


@dataclass(frozen=True, slots=True)
class Marker:
    """A place that has coordinates, as the map draws it."""

    place: Entity
    lon: float
    lat: float


def glyph(mentions: int, most: int) -> str:
    """The marker for a place with ``mentions``, when the map's largest has ``most``."""
    share = mentions / most if most else 0.0
    return next(g for limit, g in GLYPHS if share >= limit)


def markers_of(places: Sequence[Entity]) -> tuple[list[Marker], int]:
    """The places that can be drawn, and how many cannot (no coordinates)."""
    out = [
        Marker(p, float(p.lon), float(p.lat))
        for p in places
        if p.lat is not None and p.lon is not None and math.isfinite(p.lat + p.lon)
    ]
    return out, len(places) - len(out)


def step(
    cells: Sequence[tuple[int, int] | None], at: int, direction: tuple[int, int]
) -> int | None:
    """The marker the arrow ``direction`` leads to from marker ``at``: the nearest one that
    lies that way (within 60 degrees of it), counting sideways distance double. None: none."""
    here = cells[at]
    if here is None:
        return None
    dx, dy = direction
    best: tuple[float, int] | None = None
    for i, cell in enumerate(cells):
        if cell is None or i == at:
            continue
        # A cell is about twice as tall as wide: compare in half-rows.
        ex, ey = cell[0] - here[0], (cell[1] - here[1]) * 2
        ahead = ex * dx + ey * dy
        side = abs(ex * dy - ey * dx)
        if ahead <= 0 or side > ahead * 1.8:
            continue
        score = ahead + 2 * side
        if best is None or score < best[0]:
            best = (score, i)
    return None if best is None else best[1]


class WorldMap(Widget, can_focus=True):
    """The drawing: outlines (cached per view and size), markers, labels, the highlight."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "world-map--land",
        "world-map--marker",
        "world-map--label",
        "world-map--focus",
        "world-map--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move('left')", "West", show=False),
        Binding("right", "move('right')", "East", show=False),
        Binding("up", "move('up')", "North", show=False),
        Binding("down", "move('down')", "South", show=False),
        Binding("j", "rank(1)", "Next place", show=False,
                tooltip="The next most mentioned place"),
        Binding("k", "rank(-1)", "Previous place", show=False),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in", tooltip="Zoom in (- out, 0 fits)"),
        Binding("minus", "zoom(-1)", "Zoom out", show=False),
        Binding("0", "fit", "Fit", show=False, tooltip="Back to the view that fits the places"),
        Binding("shift+left", "pan(-1, 0)", "Pan west", show=False),
        Binding("shift+right", "pan(1, 0)", "Pan east", show=False),
        Binding("shift+up", "pan(0, 1)", "Pan north", show=False),
        Binding("shift+down", "pan(0, -1)", "Pan south", show=False),
        Binding("enter", "choose", "Filter to place", tooltip="Filter every pane to this place"),
    ]  # fmt: skip

    @dataclass
    class Highlighted(Message):
        """The highlighted place changed (None: there is none)."""

        place: Entity | None

    @dataclass
    class Chosen(Message):
        """Enter on a place: filter every pane to it."""

        place: Entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.markers: list[Marker] = []
        self.fitted: Extent = WORLD
        self.extent: Extent = WORLD
        self.selected: int | None = None
        self.empty_text = "Loading…"

    def show(self, markers: list[Marker], fitted: Extent) -> None:
        """New places (most mentioned first) and the view that fits them."""
        self.markers = markers
        self.fitted = self.extent = fitted
        self.selected = 0 if markers else None
        self.refresh()
        self._announce()

    @property
    def current(self) -> Entity | None:
        return None if self.selected is None else self.markers[self.selected].place

    def projection(self) -> Projection:
        return Projection(self.extent, max(1, self.size.width), max(1, self.size.height))

    def cells(self) -> list[tuple[int, int] | None]:
        """Each marker's cell on the canvas now (None: off screen)."""
        proj = self.projection()
        return [proj.cell(m.lon, m.lat) for m in self.markers]

    # -- keys -------------------------------------------------------------------------------

    def action_move(self, direction: str) -> None:
        if self.selected is None:
            return
        cells = self.cells()
        if cells[self.selected] is None:  # the highlight was panned off: start from the top
            nxt = next((i for i, c in enumerate(cells) if c is not None), None)
        else:
            nxt = step(cells, self.selected, DIRECTIONS[direction])
        if nxt is not None:
            self._select(nxt)

    def action_rank(self, delta: int) -> None:
        if self.selected is not None:
            self._select((self.selected + delta) % len(self.markers), follow=True)

    def action_zoom(self, direction: int) -> None:
        factor = ZOOM_STEP if direction > 0 else 1 / ZOOM_STEP
        zoomed = self.extent.zoomed(factor)
        if direction > 0 and self.current is not None:
            m = self.markers[self.selected or 0]
            # Zoom in about the highlighted place, so it stays in sight.
            clon, clat = zoomed.centre
            zoomed = zoomed.panned(
                (m.lon - clon) / (zoomed.east - zoomed.west) / 2,
                (m.lat - clat) / (zoomed.north - zoomed.south) / 2,
            )
        if zoomed.east - zoomed.west > 400 or zoomed.east - zoomed.west < 0.5:
            return
        self.extent = zoomed
        self.refresh()

    def action_pan(self, dx: int, dy: int) -> None:
        self.extent = self.extent.panned(dx * PAN_STEP, dy * PAN_STEP)
        self.refresh()

    def action_fit(self) -> None:
        self.extent = self.fitted
        self.refresh()

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def _select(self, index: int, follow: bool = False) -> None:
        self.selected = index
        if follow and self.cells()[index] is None:
            m = self.markers[index]
            clon, clat = self.extent.centre
            w, h = self.extent.east - self.extent.west, self.extent.north - self.extent.south
            self.extent = self.extent.panned((m.lon - clon) / w, (m.lat - clat) / h)
        self.refresh()
        self._announce()

    def _announce(self) -> None:
        self.post_message(self.Highlighted(self.current))

    # -- drawing ----------------------------------------------------------------------------

    def render(self) -> Text:
        cols, rows = self.size.width, self.size.height
        if cols <= 0 or rows <= 0:
            return Text("")
        proj = self.projection()
        grid = [list(line) for line in land(self.extent, cols, rows)]
        land_style = self.get_component_rich_style("world-map--land", partial=True)
        styles: list[list[Style]] = [[land_style] * cols for _ in range(rows)]
        taken = [[False] * cols for _ in range(rows)]
        marker = self.get_component_rich_style("world-map--marker", partial=True)
        label = self.get_component_rich_style("world-map--label", partial=True)
        focus = self.get_component_rich_style("world-map--focus", partial=True)
        cells = [proj.cell(m.lon, m.lat) for m in self.markers]
        most = max((m.place.mentions for m in self.markers), default=0)
        for i in range(len(self.markers) - 1, -1, -1):  # the most mentioned drawn last, on top
            cell = cells[i]
            if cell is not None:
                c, r = cell
                grid[r][c] = glyph(self.markers[i].place.mentions, most)
                styles[r][c] = marker
        # The most mentioned are labelled; a label may cover a lesser marker (still reachable
        # with the keys), never a labelled one or another label. The highlight always is.
        labelled = [i for i, c in enumerate(cells) if c is not None][: max(1, rows // LABEL_ROWS)]
        if self.selected is not None and cells[self.selected] is not None:
            labelled = [self.selected, *(i for i in labelled if i != self.selected)]
        for i in labelled:
            c, r = cells[i]  # type: ignore[misc]
            taken[r][c] = True
        for i in labelled:
            cell = cells[i]
            assert cell is not None
            text = clean_line(self.markers[i].place.name)[:LABEL_WIDTH]
            chosen = i == self.selected
            _write_label(grid, styles, taken, cell, text, focus if chosen else label, chosen)
            if chosen:
                styles[cell[1]][cell[0]] = focus
        if not self.markers:
            _write_centred(grid, styles, self.empty_text, self.get_component_rich_style(
                "world-map--empty", partial=True))  # fmt: skip
        out = Text(no_wrap=True, overflow="crop", end="")
        for r in range(rows):
            for c in range(cols):
                out.append(grid[r][c], styles[r][c])
            if r < rows - 1:
                out.append("\n")
        return out


def _write_label(
    grid: list[list[str]],
    styles: list[list[Style]],
    taken: list[list[bool]],
    cell: tuple[int, int],
    text: str,
    style: Style,
    force: bool = False,
) -> None:
    """The name beside its marker: to the right when the cells are free, else to the left;
    not at all where it would cover a labelled marker or a label, unless ``force`` (the
    highlighted place: on whichever side has room on the canvas)."""
    col, row = cell
    cols = len(grid[row])
    sides = [col + 1, col - len(text)]
    if force:
        sides += [min(col + 1, cols - len(text)), max(0, col - len(text))]
    for k, start in enumerate(sides):
        end = start + len(text)
        if start < 0 or end > cols or (k < 2 and any(taken[row][start:end])):
            continue
        for k, ch in enumerate(text):
            grid[row][start + k] = ch
            styles[row][start + k] = style
            taken[row][start + k] = True
        return


def _write_centred(
    grid: list[list[str]], styles: list[list[Style]], text: str, style: Style
) -> None:
    row = len(grid) // 2
    cols = len(grid[row])
    text = text[:cols]
    start = max(0, (cols - len(text)) // 2)
    for k, ch in enumerate(text):
        grid[row][start + k] = ch
        styles[row][start + k] = style


class MapPane(Vertical):
    """The map and a line about the highlighted place; shown in place of the preview."""

    def __init__(self) -> None:
        super().__init__(id="map", classes="pane")
        self.border_title = "Map"
        self._unplaced = 0

    def compose(self) -> ComposeResult:
        yield WorldMap(id="map-view")
        yield Static(id="map-status")

    @property
    def view(self) -> WorldMap:
        return self.query_one(WorldMap)

    def hold(self) -> None:
        """New places are being loaded: say so in the title."""
        if not str(self.border_title).endswith(LOADING_MARK):
            self.border_title = f"{self.border_title}{LOADING_MARK}"

    def show(
        self,
        places: Sequence[Entity],
        *,
        whole: bool,
        capped: bool = False,
        note: str | None = None,
    ) -> None:
        """The places of a view, most mentioned first; ``whole``: nothing is set (the world
        is shown, not the places' extent)."""
        markers, self._unplaced = markers_of(places)
        fitted = WORLD if whole else fit([(m.lon, m.lat, m.place.mentions) for m in markers])
        count = f"{len(places):,}{'+' if capped else ''}"
        self.border_title = f"Map {count} place{'' if len(places) == 1 else 's'}"
        self.border_subtitle = (
            f"{plural(self._unplaced, 'place')} not on the map" if self._unplaced else ""
        )
        self.view.empty_text = clean_line(note) if note else "No places in this view"
        self.view.show(markers, fitted)

    def failed(self) -> None:
        self.border_title = "Map"
        self.view.empty_text = "Loading failed"
        self.view.show([], WORLD)

    def on_world_map_highlighted(self, message: WorldMap.Highlighted) -> None:
        place = message.place
        status = self.query_one("#map-status", Static)
        if place is None:
            status.update("")
            return
        status.update(
            Text(
                f"{clean_line(place.name)} · {plural(place.mentions, 'mention')} in "
                f"{plural(place.docs, 'document')} · ←↑↓→ j k move · + - 0 zoom · Enter filters",
                no_wrap=True,
                overflow="ellipsis",
            )
        )
