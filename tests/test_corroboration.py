"""Corroboration kept in the index: every event and quote lists the documents telling it
(`sources`), the same whatever the filter, and the same after updates in any order as after a
clean build."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import explorer

STORIES = {
    "gazette.txt": """Mosque seized

The Taliban seized the Great Mosque, which dates back to 500 BC, on Thursday, Aug 12, 2021.

"We will rebuild the old town stone by stone," said Mayor Ann Lee on Thursday, Aug 12, 2021.

The council met on Friday, Aug 13, 2021 to discuss the budget for schools.
""",
    "courier.txt": """Fighters take historic city

Fighters rushed past the Great Mosque in the historic city – which dates to 500 BC – and seized the governor's office on Thursday, Aug 12, 2021.

"We will rebuild the old town stone by stone," Ann Lee told reporters.

Farmers in Herat reported a record wheat harvest on Friday, Aug 13, 2021.
""",
    "wire.txt": """Harvest news

Farmers in Kunduz reported a record wheat harvest on Friday, Aug 13, 2021.
""",
}


def build(folder: Path, index: Path) -> explorer.api.Corpus:  # type: ignore[name-defined]
    return explorer.open_corpus(folder, index)


def answers(corpus) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out = {}
    for name, records in (("timeline", corpus.timeline()), ("quotes", corpus.quotes())):
        out[name] = sorted(json.dumps(r.to_dict(), sort_keys=True) for r in records)
    return out


def write(folder: Path, names) -> None:  # type: ignore[no-untyped-def]
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(STORIES[name], encoding="utf-8")


def test_events_told_in_other_words_list_each_other(tmp_path: Path) -> None:
    write(tmp_path / "news", STORIES)
    with build(tmp_path / "news", tmp_path / "i.sqlite") as corpus:
        mosque = [e for e in corpus.timeline() if "500 BC" in e.text or "Mosque" in e.text]
        mosque = [e for e in mosque if e.date == "-0500"]
        assert {e.doc for e in mosque} == {"gazette.txt", "courier.txt"}
        for e in mosque:
            assert e.corroborating_docs == len(e.sources) == 2
            assert e.sources[0] == {"doc": e.doc, "start": e.start, "end": e.end}
            other = e.sources[1]
            text = corpus.text(other["doc"])[other["start"] : other["end"]]
            assert "Mosque" in text
        # A record harvest in two places on one day is two events, not one told twice.
        harvest = [e for e in corpus.timeline() if "harvest" in e.text]
        assert len(harvest) == 2 and all(e.corroborating_docs == 1 for e in harvest)
        # The count does not depend on the rows around it: one document's timeline agrees.
        alone = [e for e in corpus.timeline(doc="courier.txt") if e.date == "-0500"]
        assert [e.sources for e in alone] == [e.sources for e in mosque if e.doc == "courier.txt"]


def test_a_quote_in_two_documents_lists_both(tmp_path: Path) -> None:
    write(tmp_path / "news", STORIES)
    with build(tmp_path / "news", tmp_path / "i.sqlite") as corpus:
        rebuild = [q for q in corpus.quotes("rebuild")]
        assert {q.doc for q in rebuild} == {"gazette.txt", "courier.txt"}
        for q in rebuild:
            assert q.docs == len(q.sources) == 2
            assert {s["doc"] for s in q.sources} == {"gazette.txt", "courier.txt"}
            for s in q.sources:
                assert "stone by stone" in corpus.text(s["doc"])[s["start"] : s["end"]]


def test_updates_in_any_order_equal_a_clean_build(tmp_path: Path) -> None:
    write(tmp_path / "all", STORIES)
    with build(tmp_path / "all", tmp_path / "clean.sqlite") as corpus:
        want = answers(corpus)
    for n, order in enumerate(itertools.permutations(STORIES)):
        folder = tmp_path / f"step{n}"
        index = tmp_path / f"step{n}.sqlite"
        for name in order:  # one file more per update
            write(folder, [name])
            build(folder, index).close()
        # A document removed and put back: its links go and come back.
        (folder / order[0]).unlink()
        build(folder, index).close()
        write(folder, [order[0]])
        with build(folder, index) as corpus:
            assert answers(corpus) == want, order
        shutil.rmtree(folder)


def test_a_bucket_larger_than_sqlite_takes_in_one_statement(tmp_path: Path) -> None:
    """A date with hundreds of thousands of events is read and cleared in chunks: one IN (...)
    of them all is more variables than SQLite allows."""
    import sqlite3

    from explorer.index import corroboration

    write(tmp_path / "news", STORIES)
    build(tmp_path / "news", tmp_path / "i.sqlite").close()
    conn = sqlite3.connect(tmp_path / "i.sqlite")
    rows = list(range(10_000_000, 10_300_000))
    corroboration._clear(conn, corroboration.EVENT, rows)
    assert corroboration.sources(conn, corroboration.EVENT, rows) == {}
    conn.close()


def test_a_document_repeating_itself_is_one_source(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    line = "Engineers closed the old harbour bridge on Monday, March 7, 2022 for repairs."
    (folder / "one.txt").write_text(f"Bridge\n\n{line}\n\nMore news.\n\n{line}\n")
    with build(folder, tmp_path / "i.sqlite") as corpus:
        events = [e for e in corpus.timeline() if "bridge" in e.text]
        assert len(events) == 2
        assert all(e.corroborating_docs == 1 and len(e.sources) == 1 for e in events)
