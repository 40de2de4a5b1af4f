"""The app's views across documents: `o` lists the documents telling an event, and the palette's
Contradictions lists where they disagree; Enter on an entry opens the reader there."""

from __future__ import annotations

from test_tui_app import make_app, rows, settle
from textual.command import CommandPalette
from textual.widgets import OptionList
from tui_corpus import open_sample

from explorer.tui.judge import ContradictionsScreen, SourcesScreen
from explorer.tui.reader import ReaderScreen
from explorer.tui.timeline import DayHeader

ARTICLES = [
    ("g1", "Rebels take Kunduz", "2021-08-12",
     "Rebels take Kunduz\n\nRebels captured Kunduz on Thursday, Aug 12, 2021, officials said. "
     "The Great Mosque, which dates back to 500 BC, was seized by the fighters."),
    ("g2", "Kunduz falls", "2021-08-13",
     "Kunduz falls\n\nKunduz fell to the rebels on Friday, Aug 13, 2021, the governor said. "
     "Fighters rushed past the Great Mosque in the old city, which dates to 500 BC, and "
     "seized its gates."),
]  # fmt: skip


async def test_o_lists_the_documents_telling_the_event_and_enter_opens_one() -> None:
    app = make_app(open_sample(ARTICLES))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        events = [r for r in rows(app, "timeline") if not isinstance(r, DayHeader)]
        mosque = next(e for e in events if e.date == "-0500")
        assert mosque.corroborating_docs == 2
        await pilot.press("2")
        timeline = app.screen.query_one("#timeline-list")
        timeline.move_to(rows(app, "timeline").index(mosque))
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, SourcesScreen)
        assert [where for _, where in app.screen.entries] == [
            (s["doc"], s["start"], s["end"]) for s in mosque.sources
        ]
        await pilot.press("j", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReaderScreen)
        other = mosque.sources[1]
        assert app.screen._doc.document.id == other["doc"]


async def test_the_palette_lists_contradictions() -> None:
    app = make_app(open_sample(ARTICLES))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"contradictions")
        await settle(pilot)  # the palette finds the command
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContradictionsScreen)
        labels = [str(o.prompt) for o in app.screen.query_one(OptionList).options]
        assert any("Kunduz" in label and "2021-08-12" in label for label in labels), labels
        sides = [where for _, where in app.screen.entries if where is not None]
        assert {doc for doc, _, _ in sides} == {"g1.json", "g2.json"}


async def test_listed_contradictions_badge_their_events_on_the_timeline() -> None:
    app = make_app(open_sample(ARTICLES))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.action_contradictions()
        await settle(pilot)
        assert isinstance(app.screen, ContradictionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        timeline = app.screen.query_one("#timeline-list")
        lines = [timeline.render_line(y).text for y in range(timeline.size.height)]
        badged = [line for line in lines if "≠" in line]
        assert len(badged) == 2 and all("Kunduz" in line for line in badged)
