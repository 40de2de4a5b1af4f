"""The app's query chips, saved searches (ctrl+s), pins (b) and exports (e), driven with Pilot
over the real reader, and checked against what the command line's own code answers."""

from __future__ import annotations

import csv
from pathlib import Path

from test_tui_app import make_app, rows, settle
from textual.command import CommandPalette
from textual.widgets import Input, Static
from tui_corpus import A1, A2, open_sample

from explorer.api import Query
from explorer.index.search import search as answer
from explorer.saved import Kept
from explorer.tui.kept import SaveSearchScreen
from explorer.tui.search import Chip


async def type_query(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("slash", *text)
    await settle(pilot)


async def test_a_query_in_the_search_bar_filters_every_pane_as_the_cli_does() -> None:
    corpus = open_sample()
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "speaker:wallace")
        note = app.screen.query_one("#query-note", Static)
        assert note.display and "Enter runs it" in str(note.render())
        assert not app.screen.query_one("#suggestions").display  # not looked up as a name
        await pilot.press("enter")
        await settle(pilot)
        [chip] = list(app.screen.query(Chip))
        assert chip.filter.kind == "query" and chip.filter.value == "speaker:wallace"
        want = answer(corpus.reader, "quotes", "speaker:wallace", Query())
        assert [q.text for q in rows(app, "quotes")] == [q.text for q in want]
        assert {q.speaker for q in rows(app, "quotes")} == {"Ben Wallace"}
        # In documents and the timeline a speaker reads as the person named.
        docs = answer(corpus.reader, "docs", "speaker:wallace", Query(order="-date"))
        assert {d.id for d in rows(app, "documents")} == {d.id for d in docs} == {A1, A2}
        assert not note.display


async def test_or_and_not_in_the_search_bar() -> None:
    corpus = open_sample()
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "-speaker:wallace")
        await pilot.press("enter")
        await settle(pilot)
        shown = [q.text for q in rows(app, "quotes")]
        assert shown and all(q.speaker != "Ben Wallace" for q in rows(app, "quotes"))
        every = {q.text for q in corpus.quotes()}
        wallace = {q.text for q in corpus.quotes(speaker="Ben Wallace")}
        assert set(shown) == every - wallace


async def test_a_mistake_is_shown_under_the_box_and_enter_keeps_the_text() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "colour:red")
        note = app.screen.query_one("#query-note", Static)
        assert note.display and note.has_class("-error")
        assert "unknown field 'colour:'" in str(note.render())
        await pilot.press("enter")
        await settle(pilot)
        box = app.screen.query_one("#search", Input)
        assert box.value == "colour:red" and box.has_focus  # kept to be mended
        assert not list(app.screen.query(Chip))
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert not note.display


async def test_a_name_no_entity_has_says_so_in_the_panes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "person:zzqxw")
        await pilot.press("enter")
        await settle(pilot)
        assert rows(app, "quotes") == []
        empty = app.screen.query_one("#quotes-list").empty_text
        assert "no person matches 'zzqxw'" in empty


async def test_ctrl_s_saves_the_filters_as_a_search_the_cli_can_run() -> None:
    corpus = open_sample()
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "speaker:wallace")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SaveSearchScreen)
        name = app.screen.query_one("#save-name", Input)
        name.value = ""
        await pilot.press(*"wallace quotes", "enter")
        await settle(pilot)
        [saved] = Kept(corpus.root).searches()
        assert saved.name == "wallace quotes" and saved.query == "speaker:wallace"
        # The palette lists it; picking it replaces the chips with the saved query.
        await pilot.press("escape")
        await pilot.pause(0.3)
        await pilot.press("escape")  # clear the chips
        await settle(pilot)
        assert not list(app.screen.query(Chip))
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"saved search", "enter")
        await settle(pilot)
        [chip] = list(app.screen.query(Chip))
        assert chip.filter.kind == "query" and chip.filter.value == "speaker:wallace"


async def test_b_pins_the_highlighted_quote() -> None:
    corpus = open_sample()
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        quote = app.screen.query_one("#quotes-list").current
        await pilot.press("b")
        await settle(pilot)
        [mark] = Kept(corpus.root).bookmarks(corpus)
        assert (mark.doc, mark.start, mark.end, mark.text) == (
            quote.doc,
            quote.start,
            quote.end,
            quote.text,
        )
        assert mark.status == "ok" and mark.doc_title == quote.doc_title


async def test_e_exports_the_focused_pane_with_citations(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    corpus = open_sample()
    app = make_app(corpus)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await type_query(pilot, "kabul")  # a name: picked from the suggestions
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("2", "e")
        await settle(pilot)
        [written] = list(tmp_path.glob("explorer-timeline-*.csv"))
        table = list(csv.DictReader(written.open(encoding="utf-8")))
        shown = [r for r in rows(app, "timeline") if hasattr(r, "expression")]
        assert len(table) == len(shown) > 0
        for row in table:
            text = corpus.text(row["doc"])
            assert text[int(row["start"]) : int(row["end"])] == row["text"]
            assert "Kabul" in row["places"]
