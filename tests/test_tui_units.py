"""Unit tests of the app's helpers: dates, grouping, safe text, wrapping, and the pages the state
service (explorer.tui.state) asks the real reader for."""

from __future__ import annotations

import pytest
from rich.console import Console

from explorer.api import Entity, Event
from explorer.safe_text import clean, clean_line, literal
from explorer.timex import describe as format_when
from explorer.timex import is_day
from explorer.tui.formatting import citation
from explorer.tui.reader import wrap_offsets
from explorer.tui.search import MATCH_CUTOFF, match_score
from explorer.tui.timeline import DayHeader, density, group_events


def ev(date: str | None, doc: str = "d", start: int = 0, precision: str | None = None) -> Event:
    return Event(doc, date, precision, "x", start, start + 1, "x", start, start + 1)


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("2021-08-12", "2021-08-12"),
        ("2021-08", "2021-08"),
        ("2021", "2021"),
        ("198X", "1980s"),
        ("19XX", "1900s"),
        ("2021-SU", "summer 2021"),
        ("2021-Q3", "2021 Q3"),
        ("2021-W32", "2021-W32"),
        ("PRESENT_REF", "now"),
        (None, "unresolved"),
        ("", "unresolved"),
    ],
)
def test_format_when_keeps_precision(date: str | None, shown: str) -> None:
    assert format_when(date) == shown


def test_is_day() -> None:
    assert is_day("2021-08-12")
    assert not is_day("FUTURE_REF") and not is_day("2021-08") and not is_day(None)


def test_group_events_puts_a_header_before_each_date_keeping_the_index_order() -> None:
    events = [ev("198X", precision="decade"), ev("2021-08-01"), ev("2021-08", precision="month"),
              ev("2021-08-12", start=2), ev("2021-08-12", start=9), ev(None, start=5)]  # fmt: skip
    rows, headers = group_events(events)
    # The index's timeline order: a day before the month that holds it, unresolved last.
    assert [rows[i].date for i in headers] == ["198X", "2021-08-01", "2021-08", "2021-08-12", None]
    assert all(isinstance(rows[i], DayHeader) for i in headers)
    assert rows[headers[3]].count == 2
    day12 = [r.start for r in rows[headers[3] + 1 : headers[4]]]
    assert day12 == [2, 9]
    assert group_events([]) == ([], [])


def test_density_per_day_and_per_month() -> None:
    days = [ev("2021-08-12"), ev("2021-08-12"), ev("2021-08-14"), ev("FUTURE_REF"), ev(None)]
    bars, caption = density(days, 40)
    assert bars.plain == "█ ▄"  # two on the 12th, none on the 13th, one on the 14th
    assert "per day" in caption and "peak 2" in caption
    spread = [ev("2020-01-05"), ev("2021-06-01"), ev("2021-06-02")]
    bars, caption = density(spread, 80)
    assert "per month" in caption
    assert len(bars.plain) == 18  # Jan 2020 .. Jun 2021
    assert bars.plain[0] != " " and bars.plain[-1] == "█"
    narrow, _ = density(spread, 5)
    assert len(narrow.plain) <= 5
    empty, _ = density([ev(None)], 40)
    assert "no dated events" in empty.plain


def test_clean_keeps_length_and_newlines_but_neutralises_controls() -> None:
    nasty = "a\x1b[31mb\x9b2J\tc\r\nd\u202ee\x00"
    cleaned = clean(nasty)
    assert len(cleaned) == len(nasty)
    assert "\n" in cleaned
    assert not any(ord(ch) < 32 and ch != "\n" for ch in cleaned)
    assert "\x9b" not in cleaned and "\u202e" not in cleaned
    assert "␛[31m" in cleaned
    assert "\n" not in clean_line("a\nb")


def test_literal_never_parses_markup() -> None:
    text = literal("[bold red]x[/] [link=https://e.example]y[/link]")
    assert text.plain == "[bold red]x[/] [link=https://e.example]y[/link]"
    assert text.spans == []
    console = Console(width=80, color_system=None)
    with console.capture() as cap:
        console.print(text)
    assert "[bold red]x[/]" in cap.get()


def test_wrap_offsets_cover_the_text_exactly() -> None:
    text = "One two three four five six seven.\n\nEight nine ten eleven twelve thirteen.\nLast"
    lines = wrap_offsets(text, 12)
    assert all(0 <= a <= b <= len(text) for a, b in lines)
    assert all(len(text[a:b].rstrip()) <= 12 for a, b in lines)
    rebuilt = "".join(text[a:b] for a, b in lines if b > a)
    assert rebuilt.replace(" ", "") == text.replace("\n", "").replace(" ", "")
    assert (text.index("Last"), len(text)) in lines
    long_word = "x" * 30
    assert wrap_offsets(long_word, 10) == [(0, 10), (10, 20), (20, 30)]
    assert wrap_offsets("", 10) == [(0, 0)]


def test_citation_format() -> None:
    assert (
        citation("It is over,", "Mohammad Khan", "Helmand falls", "2021-08-13")
        == "“It is over,” — Mohammad Khan, “Helmand falls”, 2021-08-13"
    )
    assert citation("x\ny", None, None, None) == "“x y” — unattributed, undated"
    assert citation(
        "It is over,",
        "Mohammad Khan",
        "Helmand falls",
        "2021-08-13",
        outlet="Reuters",
        where="https://example.org/a",
        doc="a3.json",
        span=(40, 51),
    ) == (
        "“It is over,” — Mohammad Khan, “Helmand falls”, Reuters, 2021-08-13, "
        "https://example.org/a (doc a3.json, characters 40–51)"
    )


def test_match_score_tells_names_from_phrases() -> None:
    kandahar = Entity(1, "Kandahar", "place", ["Kandahar", "Qandahar"], 3, 2)
    assert match_score("kandahr", kandahar) >= MATCH_CUTOFF
    assert match_score("qandahar", kandahar) == 100
    assert match_score("withdrawal of troops", kandahar) < MATCH_CUTOFF


def test_density_leaves_stray_dates_out_of_the_strip() -> None:
    story = [ev(f"2016-08-{d:02d}") for d in range(1, 29) for _ in range(3)]
    stray = [ev("1789-07-14"), ev("1863-11-19")]
    bars, caption = density(story + stray, 60)
    assert "2016-08-01 → 2016-08-28" in caption and "2 outside" in caption
    assert "per day" in caption


def test_centuries_and_decades_without_x() -> None:
    assert format_when("18") == "1800s" and format_when("198") == "1980s"


# -- pages for a view (explorer.tui.state), over the real reader ----------------------------------


def _pages(cap: int):  # type: ignore[no-untyped-def]
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from tui_corpus import open_sample, recorded

    from explorer.tui.state import Pages

    corpus = open_sample()
    recorder = recorded(corpus)
    return corpus, recorder, Pages(recorder, cap)


def _entity(corpus, name: str):  # type: ignore[no-untyped-def]
    from explorer.tui.filters import Filter

    e = corpus.find(name, limit=1)[0]
    return Filter("entity", e.id, e.name, e.kind)


def test_pages_cap_rows_and_never_claim_completeness() -> None:
    from tui_corpus import A1, A2, EVENTS, QUOTES

    from explorer.tui.state import View

    corpus, recorder, pages = _pages(2)
    page = pages.documents(View())
    assert [d.id for d in page.rows] == [A2, A1]  # the newest two, asked in that order
    assert page.capped and page.total is None and page.hidden is None  # stats give the total
    page = pages.documents(View(sort="date-asc"))
    assert [d.id for d in page.rows] == [A1, A2]
    pages.cap = 3
    full = pages.documents(View())
    assert not full.capped and full.total == 3 and full.hidden == 0
    pages.cap = EVENTS - 1
    events = pages.timeline(View())
    assert len(events.rows) == EVENTS - 1 and events.capped
    pages.cap = 10
    quotes = pages.quotes(View())
    assert len(quotes.rows) == QUOTES and not quotes.capped and quotes.total == QUOTES
    # Every query is asked with a limit: one row past the cap, to learn if the list goes on.
    asked = [c for c in recorder.calls if c.startswith(("documents", "timeline", "quotes"))]
    assert asked and all(c.rsplit(":", 1)[1] in {"3", "4", str(EVENTS), "11"} for c in asked)


def test_an_entity_filter_totals_its_documents_when_capped() -> None:
    from explorer.tui.state import View

    corpus, _, pages = _pages(1)
    page = pages.documents(View((_entity(corpus, "Kandahar"),)))
    assert len(page.rows) == 1 and page.capped and page.total == 2 and page.hidden == 1


def test_two_entities_combine_in_the_index_not_in_the_app() -> None:
    """Documents naming both, events whose sentence names both, quotes by or about both: one
    query each, exact totals, whatever the cap of either entity's own list."""
    from tui_corpus import A1

    from explorer.tui.state import View

    corpus, recorder, pages = _pages(10)
    both = View((_entity(corpus, "Kandahar"), _entity(corpus, "Taliban")))
    page = pages.documents(both)
    assert [d.id for d in page.rows] == [A1] and not page.capped and page.total == 1
    events = pages.timeline(both)
    assert [e.expression for e in events.rows] == ["Thursday"] and not events.capped
    quotes = pages.quotes(View((_entity(corpus, "Kandahar"), _entity(corpus, "Ben Wallace"))))
    assert [q.text for q in quotes.rows] == ["We will not abandon Kandahar,"]
    pages.cap = 1  # Kandahar alone has two documents: the pair still has exactly one
    page = pages.documents(both)
    assert [d.id for d in page.rows] == [A1] and not page.capped
    assert len([c for c in recorder.calls if c.startswith("documents")]) == 2


def test_text_filter_events_are_asked_of_the_index_once() -> None:
    from explorer.tui.filters import Filter
    from explorer.tui.state import View

    _, recorder, pages = _pages(10)
    page = pages.timeline(View((Filter("text", "withdrawal", "withdrawal"),)))
    assert [e.expression for e in page.rows] == ["August 2021"] and not page.capped
    assert [c for c in recorder.calls if c.startswith("timeline")] == [
        "timeline:withdrawal:-date:11"
    ]


def test_quote_box_words_join_the_text_filters() -> None:
    from explorer.tui.filters import Filter
    from explorer.tui.state import View

    _, recorder, pages = _pages(10)
    page = pages.quotes(View((Filter("text", "deal", "deal"),), quote_words="mistake"))
    assert [q.text for q in page.rows] == ["The deal was a mistake,"]
    assert "quotes:deal mistake:date:11" in recorder.calls


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2021-08", ("2021-08", "2021-08")),
        ("2021-08-01..2021-08-15", ("2021-08-01", "2021-08-15")),
        (" 1990 .. 1995 ", ("1990", "1995")),
        ("1990 to 1995", ("1990", "1995")),
        ("2021-08-01..", ("2021-08-01", None)),
        ("..1990", (None, "1990")),
        ("", None),
        ("..", None),
        ("august", None),
        ("2021 2022", None),
        ("21-08", None),
        # In words, as a person types them.
        ("aug 2021", ("2021-08-01", "2021-08-31")),
        ("since 2021", ("2021-01-01", None)),
        ("before 1990", (None, "1989-12-31")),
        ("spring 2020", ("2020-03-01", "2020-05-31")),
        ("the 1980s", ("1980-01-01", "1989-12-31")),
        ("march 3, 1987", ("1987-03-03", "1987-03-03")),
        ("aug 2021..dec 2021", ("2021-08-01", "2021-12-31")),
        ("whenever", None),
    ],
)
def test_timeline_date_ranges_parse(text: str, found: tuple | None) -> None:
    from explorer.tui.timeline import parse_range

    assert parse_range(text) == found


def test_events_in_a_date_range_only() -> None:
    from explorer.tui.state import View

    _, recorder, pages = _pages(10)
    page = pages.timeline(View(since="2021-08-13", until="2021-08-14"))
    # Newest first: the month, starting before the 13th, comes after the days in it.
    assert [e.date for e in page.rows] == ["2021-08-14", "2021-08-14", "2021-08-13", "2021-08"]
    assert "timeline:None:-date:11" in recorder.calls


def test_pooled_source_runs_every_call_on_a_few_reused_threads() -> None:
    """The reader keeps a SQLite connection per thread: calls from many short-lived worker
    threads must land on the pool's few threads, or every keystroke opens a connection."""
    import threading

    from explorer.api import Query
    from explorer.tui.state import PooledSource

    corpus, _, _ = _pages(10)
    reader = corpus.reader
    threads: set[str] = set()

    class Watched:
        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            def call(*args, **kwargs):  # type: ignore[no-untyped-def]
                threads.add(threading.current_thread().name)
                return getattr(reader, name)(*args, **kwargs)

            return call

    pooled = PooledSource(Watched(), 2, "test")  # type: ignore[arg-type]
    results: list[int] = []
    callers = [
        threading.Thread(target=lambda: results.append(len(pooled.quotes(Query()))))
        for _ in range(30)
    ]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    assert results == [results[0]] * 30 and results[0] > 0
    assert 1 <= len(threads) <= 2 and all(n.startswith("facts-test") for n in threads)
    pooled.shutdown()


def test_help_lists_every_binding_of_every_place() -> None:
    """The help is generated from the bindings: each key the app binds is in it, described."""
    from explorer.tui.app import help_places
    from explorer.tui.help import help_markdown, key_label

    text = help_markdown(help_places())
    for _title, owners in help_places():
        for owner in owners:
            for b in owner.BINDINGS:
                if b.system:
                    continue
                for key in b.key.split(","):
                    assert f"`{key_label(key)}`" in text, (owner.__name__, key)
                assert (b.tooltip or b.description) in text


# -- quote rows on two lines ------------------------------------------------------------------


def _quote(words: str, speaker: str | None = "Ben Wallace", docs: int = 1):
    from explorer.api import Quote

    return Quote("d", words, 0, len(words), speaker, speaker, 0, 3, "said", False, docs=docs)


@pytest.mark.parametrize("width", [18, 20, 24, 30, 38, 46, 60, 89])
@pytest.mark.parametrize(
    "words",
    [
        "rotten",
        "We will not abandon Kandahar",
        "strenuously",
        "So far, we have retaken 24 districts; our goal is to retake all of the territories",
        "Antidisestablishmentarianism and its discontents",
    ],
)
@pytest.mark.parametrize("speaker", ["Ben Wallace", "Mohammad Ismail Khan of Herat", None])
def test_a_quote_row_is_two_lines_that_fit_and_never_cut_a_word(width, words, speaker) -> None:
    from explorer.tui.quotes import quote_lines, render_quote

    assert quote_lines(width) == 2
    text = render_quote(_quote(words, speaker, docs=3 if width > 40 else 1), width)
    lines = text.plain.split("\n")
    assert len(lines) <= 2 and all(len(line) <= width for line in lines)
    shown = " ".join(lines).split("“", 1)[1].split("”", 1)[0]
    shown = " ".join(shown.split())
    if shown.endswith("…"):  # cut short: what is shown is whole words, then part of one
        kept = shown[:-1].split()
        assert words.startswith(" ".join(kept[:-1]))
    else:
        assert shown == words  # shown whole, marks included
    assert text.plain.count("“") == 1


def test_a_quote_row_is_one_line_where_there_is_room() -> None:
    from explorer.tui.quotes import quote_lines, render_quote

    assert quote_lines(120) == 1
    assert "\n" not in render_quote(_quote("We will not abandon Kandahar"), 120).plain


def test_pages_of_recent_views_are_kept_until_the_index_changes() -> None:
    from explorer.tui.state import Pages, View

    corpus, recorder, pages = _pages(10)
    plain, kandahar = View(), View(filters=(_entity(corpus, "kandahar"),))
    asked = lambda: len(recorder.calls)  # noqa: E731
    first = pages.page("documents", plain)
    n = asked()
    pages.page("documents", kandahar)
    assert asked() > n
    n = asked()
    assert pages.page("documents", plain) is first and asked() == n  # cleared: no query
    assert pages.kept("timeline", plain) is None  # only what was loaded is kept
    for k in range(Pages.KEPT_VIEWS):  # newer views push the oldest out
        pages.page("documents", View(since=f"20{10 + k}"))
    assert pages.kept("documents", plain) is None
    pages.page("documents", plain)
    pages.forget()  # the index changed under the kept pages
    assert pages.kept("documents", plain) is None


# A statement that never ends on its own: only an interrupt stops it.
_ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c"


def test_a_cancelled_call_is_stopped_mid_statement_and_frees_its_thread() -> None:
    """A load the user moved past is stopped, not run to its end: its SQL raises in the pool
    thread, the caller gets ``Cancelled`` at once, and the thread serves the next call."""
    import threading
    import time

    from explorer.api import Query
    from explorer.tui.state import Cancelled, PooledSource

    corpus, recorder, _ = _pages(10)
    reader = recorder.reader
    facts = corpus.facts  # the app's source: questions through Corpus._ask

    class Slow:
        def __getattr__(self, name):  # type: ignore[no-untyped-def]
            return getattr(facts, name)

        def documents(self, q):  # type: ignore[no-untyped-def]
            return reader._rows(_ENDLESS)

    gave_up = threading.Event()
    pooled = PooledSource(Slow(), 1, "test", cancelled=gave_up.is_set)  # type: ignore[arg-type]
    outcome: list[object] = []

    def ask() -> None:
        try:
            outcome.append(pooled.documents(Query()))
        except Cancelled as exc:
            outcome.append(exc)

    caller = threading.Thread(target=ask)
    caller.start()
    time.sleep(0.2)  # the statement is running
    assert not outcome
    t0 = time.perf_counter()
    gave_up.set()
    caller.join(5)
    assert not caller.is_alive() and isinstance(outcome[0], Cancelled)
    assert time.perf_counter() - t0 < 1
    # The one pool thread is free again, and its connection answers (no rebuild was tried).
    gave_up.clear()
    assert len(pooled.quotes(Query())) > 0
    assert corpus._repairs == 0
    pooled.shutdown()


def test_a_queued_call_that_is_cancelled_never_runs() -> None:
    import threading

    from explorer.api import Query
    from explorer.tui.state import Cancelled, PooledSource

    started: list[str] = []
    release = threading.Event()

    class Source:
        def documents(self, q):  # type: ignore[no-untyped-def]
            started.append("documents")
            release.wait(5)
            return []

        def quotes(self, q):  # type: ignore[no-untyped-def]
            started.append("quotes")
            return []

    gave_up = threading.Event()  # only the queued caller gives up (as one worker is cancelled)

    def cancelled() -> bool:
        return threading.current_thread().name == "queued" and gave_up.is_set()

    pooled = PooledSource(Source(), 1, "test", cancelled=cancelled)  # type: ignore[arg-type]
    busy = threading.Thread(target=lambda: pooled.documents(Query()))
    gave_up_later: list[object] = []
    busy.start()

    def queued() -> None:
        try:
            pooled.quotes(Query())
        except Cancelled as exc:
            gave_up_later.append(exc)

    # The second call waits behind the first; cancelled there, it is dropped, never run.
    waiting = threading.Thread(target=queued, name="queued")
    waiting.start()
    while not started:
        pass
    gave_up.set()
    waiting.join(5)
    assert gave_up_later and isinstance(gave_up_later[0], Cancelled)
    release.set()
    busy.join(5)
    pooled.shutdown()
    assert started == ["documents"]
