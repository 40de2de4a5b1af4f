"""Unit tests of the app's pure helpers: dates, ordering, fuzzy filter, safe text, wrapping."""

from __future__ import annotations

import pytest
from rich.console import Console

from explorer.api import Entity, Event
from explorer.tui.formatting import citation, format_when, is_day, sort_key
from explorer.tui.fuzzy import FuzzyIndex, filter_rows, max_edits
from explorer.tui.reader import wrap_offsets
from explorer.tui.safe_text import clean, clean_line, literal
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


def test_sort_key_is_chronological_across_precisions_with_unresolved_last() -> None:
    dates = [None, "2021-08-12", "PAST_REF", "198X", "2021-08", "2021-W32", "2021-SU", "2020",
             "2021-08-02", "2021-Q1"]  # fmt: skip
    ordered = sorted(dates, key=sort_key)
    assert ordered == ["198X", "2020", "2021-Q1", "2021-SU", "2021-08", "2021-08-02",
                       "2021-W32", "2021-08-12", "PAST_REF", None]  # fmt: skip


def test_is_day() -> None:
    assert is_day("2021-08-12")
    assert not is_day("FUTURE_REF") and not is_day("2021-08") and not is_day(None)


def test_group_events_puts_a_header_before_each_date_and_unresolved_last() -> None:
    events = [ev(None, start=5), ev("2021-08-13"), ev("2021-08-12", start=9),
              ev("2021-08-12", start=2), ev("198X", precision="decade")]  # fmt: skip
    rows, headers = group_events(events)
    assert [rows[i].date for i in headers] == ["198X", "2021-08-12", "2021-08-13", None]
    assert all(isinstance(rows[i], DayHeader) for i in headers)
    assert rows[headers[1]].count == 2
    day12 = [r.start for r in rows[headers[1] + 1 : headers[2]]]
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


def test_fuzzy_index_tolerates_typos_and_prefixes() -> None:
    rows = ["The deal was a mistake", "We will not abandon Kandahar", "It is over",
            "Kandahar's governor fled", "said Ben Wallace"]  # fmt: skip
    index = FuzzyIndex(rows)
    assert index.search("kandahr") == [1, 3]
    assert index.search("mistke deal") == [0]
    assert index.search("kand") == [1, 3]  # the word being typed
    assert index.search("walace") == [4]
    assert index.search("over") == [2]
    assert index.search("ovr") == []  # three letters: no typo allowed
    assert index.search("kandh") == [1, 3]  # a typo in the word being typed
    assert index.search("abandno") == [1]
    assert index.search("   ") is None
    assert filter_rows(rows, index, "") == rows
    assert filter_rows(rows, index, "abandon kandahar") == ["We will not abandon Kandahar"]
    assert max_edits("abc") == 0 and max_edits("kandahr") == 1 and max_edits("afghanistan") == 2


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
    assert sorted(["1850", "18", "1799"], key=sort_key) == ["1799", "18", "1850"]


# -- capped loading (explorer.tui.loading) -------------------------------------------------------


def _loaders():  # type: ignore[no-untyped-def]
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_tui_fakes import sample_corpus

    from explorer.tui import loading
    from explorer.tui.filters import Filter

    return sample_corpus(), loading, Filter


def test_loaders_cap_rows_and_never_claim_completeness() -> None:
    corpus, loading, _ = _loaders()
    page = loading.load_documents(corpus, (), "date", cap=2)
    assert [d.id for d in page.rows] == ["a2", "a1"]  # the newest two, asked in that order
    assert page.capped and page.total is None and page.hidden is None  # stats give the total
    page = loading.load_documents(corpus, (), "date-asc", cap=2)
    assert [d.id for d in page.rows] == ["a1", "a2"]
    full = loading.load_documents(corpus, (), "date", cap=3)
    assert not full.capped and full.total == 3 and full.hidden == 0
    events = loading.load_events(corpus, (), cap=4)
    assert len(events.rows) == 4 and events.capped
    quotes = loading.load_quotes(corpus, (), cap=10)
    assert len(quotes.rows) == 3 and not quotes.capped and quotes.total == 3
    # Every query is asked with a limit: one row past the cap, to learn if the list goes on.
    assert all(call.endswith((":3", ":4", ":5", ":11")) for call in corpus.calls
               if call.startswith(("documents", "timeline", "quotes")))  # fmt: skip


def test_an_entity_filter_totals_its_documents_when_capped() -> None:
    corpus, loading, Filter = _loaders()
    kandahar = Filter("entity", 1, "Kandahar", "place")
    page = loading.load_documents(corpus, (kandahar,), "date", cap=1)
    assert len(page.rows) == 1 and page.capped and page.total == 2 and page.hidden == 1


def test_two_entities_intersect_and_a_cut_list_makes_the_result_uncertain() -> None:
    corpus, loading, Filter = _loaders()
    kandahar = Filter("entity", 1, "Kandahar", "place")
    wallace = Filter("entity", 2, "Ben Wallace", "person")
    page = loading.load_documents(corpus, (kandahar, wallace), "date", cap=10)
    assert [d.id for d in page.rows] == ["a1"] and not page.capped and page.total == 1
    # Wallace's own list (a2, a1) is cut at one row: a1 might be beyond it, so no claim of
    # completeness is made, whatever the intersection holds.
    page = loading.load_documents(corpus, (kandahar, wallace), "date", cap=1)
    assert page.capped and page.total is None


def test_text_filter_events_come_from_matching_documents_sentences() -> None:
    corpus, loading, Filter = _loaders()
    page = loading.load_events(corpus, (Filter("text", "withdrawal", "withdrawal"),), cap=10)
    assert [e.expression for e in page.rows] == ["August 2021"] and not page.capped
    assert any(call.startswith("timeline:None:a1") for call in corpus.calls)  # per document
    assert not any(call == "timeline:None:None:None" for call in corpus.calls)  # never all


def test_quote_box_words_join_the_text_filters() -> None:
    corpus, loading, Filter = _loaders()
    flt = Filter("text", "deal", "deal")
    page = loading.load_quotes(corpus, (flt,), cap=10, more="mistake")
    assert [q.text for q in page.rows] == ["The deal was a mistake,"]
    assert "quotes:deal mistake:None:11" in corpus.calls


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
    ],
)
def test_timeline_date_ranges_parse(text: str, found: tuple | None) -> None:
    from explorer.tui.timeline import parse_range

    assert parse_range(text) == found


def test_events_in_a_date_range_only() -> None:
    corpus, loading, _ = _loaders()
    page = loading.load_events(corpus, (), cap=10, since="2021-08-13", until="2021-08-14")
    assert sorted(e.date for e in page.rows) == ["2021-08", "2021-08-13", "2021-08-14"]
    assert "timeline:None:None:11" in corpus.calls


def test_pooled_corpus_runs_every_call_on_a_few_reused_threads() -> None:
    """The Corpus keeps a SQLite connection per thread: calls from many short-lived worker
    threads must land on the pool's few threads, or every keystroke opens a connection."""
    import threading

    from explorer.tui.pool import PooledCorpus

    class Recorder:
        label = "not a method"

        def __init__(self) -> None:
            self.threads: set[str] = set()

        def where(self, x: int, *, plus: int = 0) -> int:
            self.threads.add(threading.current_thread().name)
            return x + plus

    inner = Recorder()
    pooled = PooledCorpus(inner, 2, "test")
    results: list[int] = []
    callers = [
        threading.Thread(target=lambda i=i: results.append(pooled.where(i, plus=1)))
        for i in range(30)
    ]
    for t in callers:
        t.start()
    for t in callers:
        t.join()
    assert sorted(results) == list(range(1, 31))
    assert 1 <= len(inner.threads) <= 2 and all(n.startswith("corpus-test") for n in inner.threads)
    assert pooled.label == "not a method" and pooled.wrapped is inner
    pooled.shutdown()
