"""The map pane's drawing (Braille dots, projection, where to look), where places lie (the
gazetteer's coordinates, "Paris, Texas"), the places of a view (``Reader.places``), and the
pane itself driven with Pilot: m, the arrow keys, Enter, the zoom keys."""

from __future__ import annotations

import math

import pytest
from test_tui_app import make_app, rows, settle
from tui_corpus import A1, A3, open_sample

from explorer.api import Query
from explorer.extract import gazetteer as gz
from explorer.extract.pipeline import extract_document
from explorer.tui.map import MapPane, WorldMap, glyph, markers_of, step
from explorer.tui.reader import Preview
from explorer.tui.search import Chip
from explorer.tui.widgets.braille import Braille, _clip
from explorer.tui.world import WORLD, Extent, Projection, fit, land, outlines

# -- Braille -----------------------------------------------------------------------------------


def test_each_dot_of_a_cell_is_its_own_braille_bit() -> None:
    seen = set()
    for x in range(2):
        for y in range(4):
            canvas = Braille(1, 1)
            canvas.set(x, y)
            seen.add(canvas.rows()[0])
    assert len(seen) == 8 and all(0x2800 < ord(ch) <= 0x28FF for ch in seen)
    full = Braille(1, 1)
    for x in range(2):
        for y in range(4):
            full.set(x, y)
    assert full.rows() == ["⣿"]


def test_a_line_is_drawn_only_where_it_is_on_the_canvas() -> None:
    canvas = Braille(4, 2)  # 8 x 8 dots
    canvas.line(-100, 3, 100, 3)  # far off both sides: the part on screen is drawn
    assert canvas.rows()[0] == "⣀⣀⣀⣀" and canvas.rows()[1] == "    "  # y = 3: the bottom dots
    canvas = Braille(4, 2)
    canvas.line(-10, -10, -1, -5)  # wholly off screen
    assert canvas.rows() == ["    ", "    "]
    canvas.set(8, 0)  # one past the edge: ignored
    assert canvas.rows() == ["    ", "    "]
    assert _clip(0, 0, 1, 1, 8, 8) == (0, 0, 1, 1)
    assert _clip(20, 20, 30, 30, 8, 8) is None


# -- projection and where to look --------------------------------------------------------------


def test_dots_are_square_and_the_box_is_centred() -> None:
    proj = Projection(Extent(0, 0, 40, 20), cols=40, rows=10)  # 80 x 40 dots
    assert proj.scale == 2.0
    assert proj.dot(20, 10) == (40.0, 20.0)  # the centre of the box, the centre of the canvas
    assert proj.cell(0.1, 19.9) == (0, 0)
    assert proj.cell(100, 10) is None
    shown = proj.shown()
    assert (shown.west, shown.east, shown.south, shown.north) == (0, 40, 0, 20)
    wide = Projection(Extent(0, 0, 10, 10), cols=40, rows=10)  # taller box: wider view
    assert wide.shown().east - wide.shown().west == 20


KANDAHAR_ARTICLES = [  # (lon, lat, mentions) of what articles about Kandahar name
    (65.0, 33.0, 39),  # Afghanistan
    (69.17, 34.53, 38),  # Kabul
    (65.71, 31.61, 23),  # Kandahar
    (-97.0, 38.0, 23),  # United States
    (62.2, 34.35, 20),  # Herat
    (64.37, 31.59, 13),  # Lashkar Gah
    (-2.0, 54.0, 13),  # United Kingdom
    (68.42, 33.55, 13),  # Ghazni
]


def test_the_view_fits_where_most_mentions_are_not_the_outliers() -> None:
    box = fit(KANDAHAR_ARTICLES)
    assert box.west < 61 and box.east > 70 and box.south < 30 and box.north > 37  # Afghanistan
    assert box.east - box.west < 40 and box.west > 0  # not Washington, not London
    assert fit([]) == WORLD


def test_a_single_town_is_shown_with_its_surroundings() -> None:
    box = fit([(65.71, 31.61, 5)])
    assert box.east - box.west >= 12 and box.north - box.south >= 12
    assert box.west < 65.71 < box.east and box.south < 31.61 < box.north


def test_outlines_are_natural_earth_and_drawn_where_the_countries_are() -> None:
    assert len(outlines()) > 250  # 177 countries, islands as rings of their own
    world = land(WORLD, 80, 20)
    assert land(WORLD, 80, 20) is world  # cached: a repaint does not draw them again
    assert sum(ch != " " for row in world for ch in row) > 400
    afghanistan = land(Extent(60, 29, 75, 39), 30, 10)
    assert sum(ch != " " for row in afghanistan for ch in row) > 20
    ocean = land(Extent(-150, -40, -130, -30), 30, 10)  # the South Pacific
    assert all(ch == " " for row in ocean for ch in row)


def test_marker_size_follows_mentions_and_unplaced_places_are_counted() -> None:
    assert glyph(100, 100) == "●" and glyph(10, 100) == "•" and glyph(1, 100) == "·"
    kabul = _place("Kabul", 34.5, 69.2)
    helmand = _place("Helmand", None, None)
    markers, unplaced = markers_of([kabul, helmand])
    assert [m.place for m in markers] == [kabul] and unplaced == 1


def test_arrow_keys_go_to_the_nearest_marker_that_way() -> None:
    cells = [(10, 5), (20, 5), (10, 1), (0, 9), (12, 9)]
    assert step(cells, 0, (1, 0)) == 1
    assert step(cells, 0, (0, -1)) == 2
    assert step(cells, 0, (0, 1)) == 4
    assert step(cells, 0, (-1, 0)) == 3
    assert step(cells, 1, (1, 0)) is None  # nothing further east
    assert step([(1, 1), None], 0, (1, 0)) is None  # off-screen markers are skipped


def _place(name: str, lat: float | None, lon: float | None):  # type: ignore[no-untyped-def]
    from explorer.api import Entity

    return Entity(id=hash(name) % 1000, name=name, kind="place", aliases=[name], mentions=3,
                  docs=1, lat=lat, lon=lon)  # fmt: skip


# -- where places lie --------------------------------------------------------------------------


def _places(text: str) -> dict[str, tuple[float | None, float | None, str | None]]:
    facts = extract_document(text)
    return {e.name: (e.lat, e.lon, e.gazetteer_id) for e in facts.entities if e.kind == "place"}


def test_a_country_is_at_its_centre_not_its_capital() -> None:
    af = gz.lookup_country("Afghanistan")
    kabul = gz.lookup_city("Kabul")
    assert af is not None and kabul is not None
    assert math.dist((af.lat, af.lon), (kabul.lat, kabul.lon)) > 2
    assert 29 < af.lat < 39 and 60 < af.lon < 75


@pytest.mark.parametrize(
    ("text", "name", "box"),
    [
        ("A tornado hit Paris, Texas, on Monday.", "Paris", (25, 37, -107, -93)),
        ("Crowds gathered in Paris on Monday, police said.", "Paris", (48, 49.5, 1.5, 3)),
        ("Flooding hit Hyderabad, Pakistan, officials said.", "Hyderabad", (24, 27, 67, 70)),
        ("Flooding hit Hyderabad on Monday, officials said.", "Hyderabad", (16, 19, 77, 80)),
        ("He flew from London, Ontario, to Toronto.", "London", (42, 44, -82, -80)),
        ("Police in Springfield, Illinois, arrested two men.", "Springfield", (39, 40.5, -90, -89)),
    ],
)
def test_a_town_the_text_places_itself_is_that_town(text, name, box) -> None:  # type: ignore[no-untyped-def]
    lat, lon, _ = _places(text)[name]
    assert lat is not None and lon is not None
    assert box[0] < lat < box[1] and box[2] < lon < box[3]


def test_the_articles_later_bare_mentions_are_the_same_town() -> None:
    found = extract_document("The storm hit Paris, Texas, at noon. Later, Paris lost power.")
    paris = [e for e in found.entities if e.name == "Paris"]
    assert len(paris) == 1 and paris[0].lat is not None and paris[0].lat < 40


def test_the_region_after_a_town_is_the_province_not_a_namesake_city() -> None:
    places = _places("He flew from London, Ontario, to Toronto.")
    assert places["Ontario"][2] == "subdivision:CA-ON"


def test_us_states_lie_inside_themselves() -> None:
    for name, (s, n, w, e) in {
        "Texas": (25, 37, -107, -93),
        "Ohio": (38, 42, -85, -80),
        "California": (32, 42, -125, -114),
    }.items():
        state = gz.lookup_subdivision(name)
        assert state is not None and state.lat is not None and state.lon is not None
        assert s < state.lat < n and w < state.lon < e, name


# -- the places of a view ------------------------------------------------------------------------


def test_places_are_counted_in_the_views_documents() -> None:
    corpus = open_sample()
    reader = corpus.reader
    everywhere = {p.name: p for p in reader.places(Query())}
    assert {"Kandahar", "Kabul", "Lashkar Gah"} <= set(everywhere)
    assert all(p.kind == "place" for p in everywhere.values())
    wallace = reader.find("Ben Wallace", limit=1)[0]
    about = {p.name: p for p in reader.places(Query(entities=(wallace.id,)))}
    assert "Lashkar Gah" not in about  # only a3 names it, and a3 does not name Wallace
    assert about["Kabul"].docs == 2 and about["Kabul"].mentions == everywhere["Kabul"].mentions
    by_ids = reader.places(Query(), docs=[A3])
    assert {p.name for p in by_ids} >= {"Lashkar Gah", "Kandahar"}
    assert all(p.docs == 1 for p in by_ids)
    assert reader.places(Query(limit=1)) == reader.places(Query())[:1]
    assert reader.places(Query(text="zzzzqqq")) == []


# -- the pane ------------------------------------------------------------------------------------


async def test_m_shows_the_map_in_place_of_the_preview_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one(MapPane)
        assert not pane.display or not pane.has_class("-shown")
        await pilot.press("m")
        await settle(pilot)
        assert pane.has_class("-shown") and not app.screen.query_one(Preview).display
        world = app.screen.query_one(WorldMap)
        assert app.focused is world
        names = [m.place.name for m in world.markers]
        assert {"Kandahar", "Kabul"} <= set(names)
        assert world.extent == WORLD  # nothing set: the whole world
        assert str(pane.border_title).startswith("Map ")
        assert world.current is not None
        assert world.current.name in str(app.screen.query_one("#map-status").render())
        await pilot.press("m")
        await settle(pilot)
        assert not pane.has_class("-shown") and app.screen.query_one(Preview).display


async def test_moving_and_enter_filter_every_pane_to_the_place() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        world = app.screen.query_one(WorldMap)
        first = world.current
        await pilot.press("j")
        assert world.current is not None and world.current != first
        for _ in world.markers:
            if world.current is not None and world.current.name == "Kandahar":
                break
            await pilot.press("j")
        assert world.current is not None and world.current.name == "Kandahar"
        await pilot.press("enter")
        await settle(pilot)
        chips = [c.filter for c in app.screen.query(Chip)]
        assert [(f.kind, f.label) for f in chips] == [("entity", "Kandahar")]
        assert {d.id for d in rows(app, "documents")} == {A1, A3}
        # The map follows the filter: the places of those articles, and a view fitted to them.
        assert "Kandahar" in {m.place.name for m in world.markers}
        assert world.extent != WORLD and world.extent.east - world.extent.west < 60


async def test_the_map_follows_the_search_and_zooms_with_keys() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("slash", *"wallace")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        world = app.screen.query_one(WorldMap)
        assert "Lashkar Gah" not in {m.place.name for m in world.markers}
        await pilot.press("4")
        fitted = world.extent
        await pilot.press("plus")
        inner = world.extent
        assert inner.east - inner.west < fitted.east - fitted.west
        await pilot.press("minus", "minus")
        assert world.extent.east - world.extent.west > fitted.east - fitted.west
        await pilot.press("0")
        assert world.extent == fitted
        await pilot.press("shift+right")
        assert world.extent.west > fitted.west
