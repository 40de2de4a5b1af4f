"""The query language answered: the same rows as the options, set algebra for OR and NOT, on
the command line, the Python API, export, saved searches and bookmarks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import explorer
from explorer import cli

ARTICLES = {
    "harbour/bridge.md": """---
title: Bridge to open in May
date: 2022-03-04
source: Harbour Gazette
url: https://gazette.example/bridge
---
PORTSMOUTH, March 4 - The new harbour bridge in Portsmouth will open in May, the council said.

"The bridge will open on time and on budget," Mayor Ann Lee said on Friday.

Engineers from Solent Works finished the deck on March 1, 2022.
""",
    "north/flood.md": """---
title: Floods close roads in Carlisle
date: 2022-03-10
source: Northern Courier
---
Floods closed roads in Carlisle on Tuesday, March 8, 2022, after the river rose.

"We strenuously reject the claim that the defences failed," said Ann Lee, who chairs the
flood board.

"Nobody could have predicted this much rain," said Tom Grey, a council engineer.
""",
    "harbour/strike.md": """---
title: Dock workers vote to strike
date: 2022-04-02
source: Harbour Gazette
---
Dock workers in Portsmouth voted on April 1, 2022 to strike for two days.

"The strike will go ahead unless the offer improves," said Tom Grey, the union leader.

"We regret the vote," a spokesperson for Solent Works said.
""",
    "wire/markets.txt": """Oil prices rise

LONDON - Oil prices rose on Monday, March 7, 2022, traders said.

"Supply is tight and demand is strong," said Maria Costa, an analyst at Penrose Bank.
""",
}


@pytest.fixture(scope="module")
def where(tmp_path_factory) -> tuple[str, ...]:
    root = tmp_path_factory.mktemp("q")
    folder = root / "news"
    for name, text in ARTICLES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    args = ("--corpus", str(folder), "--index", str(root / "i.sqlite"))
    assert cli.main(["index", *args]) == 0
    return args


@pytest.fixture(scope="module")
def corpus(where):  # type: ignore[no-untyped-def]
    c = explorer.open_corpus(where[1], where[3])
    yield c
    c.close()


def run(capsys, *argv: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        code = cli.main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def rows(capsys, *argv: str) -> list[dict]:  # type: ignore[no-untyped-def]
    paged = argv[0] in ("docs", "timeline", "quotes", "entities")
    code, out, err = run(capsys, *argv, "--json", *(["--all"] if paged else []))
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def keys(records) -> set:  # type: ignore[no-untyped-def]
    return {(r.doc, r.start, r.end) for r in records}


# -- the same rows as the options -------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "options"),
    [
        ("speaker:lee", ["--speaker", "lee"]),
        ('speaker:"ann lee"', ["--speaker", "Ann Lee"]),
        ("person:grey", ["--entity", "Tom Grey"]),
    ],
)
def test_a_field_returns_what_its_option_returns(capsys, where, query, options) -> None:  # type: ignore[no-untyped-def]
    by_query = rows(capsys, "quotes", query, *where)
    assert by_query, query
    assert by_query == rows(capsys, "quotes", *options, *where)


def test_timeline_fields_match_options(capsys, where) -> None:  # type: ignore[no-untyped-def]
    by_query = rows(capsys, "timeline", "place:carlisle date:2022-03", *where)
    by_options = rows(
        capsys, "timeline", "--entity", "Carlisle", "--since", "2022-03", "--until", "2022-03",
        *where,
    )  # fmt: skip
    assert by_query and by_query == by_options
    assert all("2022-03" in e["date"] for e in by_query)


def test_words_search_the_subjects_own_text(corpus) -> None:  # type: ignore[no-untyped-def]
    assert {q.speaker for q in corpus.quotes("budget")} == {"Ann Lee"}
    assert [d.title for d in corpus.documents(query="deck")] == ["Bridge to open in May"]
    assert all("river" in e.text for e in corpus.timeline(query="river"))
    assert corpus.timeline(query="river")


def test_a_phrase_must_appear_word_for_word(corpus) -> None:  # type: ignore[no-untyped-def]
    hit = corpus.quotes('"strenuously reject"')
    assert [q.speaker for q in hit] == ["Ann Lee"]
    assert corpus.quotes('"reject strenuously"') == []
    assert [d.title for d in corpus.documents(query='"dock workers"')] == [
        "Dock workers vote to strike"
    ]


def test_source_is_any_part_of_the_outlet(corpus) -> None:  # type: ignore[no-untyped-def]
    gazette = corpus.documents(query="source:gazette")
    assert {d.title for d in gazette} == {"Bridge to open in May", "Dock workers vote to strike"}
    assert corpus.documents(query='source:"harbour gazette"') == gazette
    assert {q.doc for q in corpus.quotes("source:courier")} == {"north/flood.md"}


def test_doc_field_and_unknown_doc(capsys, corpus, where) -> None:  # type: ignore[no-untyped-def]
    assert {q.doc for q in corpus.quotes("doc:harbour/strike.md")} == {"harbour/strike.md"}
    code, _out, err = run(capsys, "quotes", "doc:nosuch.txt", *where)
    assert code == 2 and "nosuch.txt" in err and len(err.splitlines()) == 1


def test_dates_narrow_documents_and_quotes_by_the_documents_date(corpus) -> None:  # type: ignore[no-untyped-def]
    march = corpus.documents(query="date:2022-03")
    assert {d.date for d in march} == {"2022-03-04", "2022-03-10"}
    assert {d.date for d in corpus.documents(query="date:2022-04..")} == {"2022-04-02"}
    assert {q.doc for q in corpus.quotes("date:..2022-03-05")} == {"harbour/bridge.md"}


# -- OR, NOT, parentheses: set algebra over the same records ----------------------------------


def test_or_is_the_union_in_the_readers_order(corpus) -> None:  # type: ignore[no-untyped-def]
    lee, grey = corpus.quotes("speaker:lee"), corpus.quotes("speaker:grey")
    either = corpus.quotes("speaker:lee OR speaker:grey")
    assert keys(either) == keys(lee) | keys(grey)
    dates = [(q.doc_date, q.doc, q.start) for q in either]
    assert dates == sorted(dates)


def test_not_is_the_difference(corpus) -> None:  # type: ignore[no-untyped-def]
    every, lee = corpus.quotes(), corpus.quotes("speaker:lee")
    assert keys(corpus.quotes("-speaker:lee")) == keys(every) - keys(lee)
    assert keys(corpus.quotes("NOT speaker:lee")) == keys(every) - keys(lee)
    gazette = corpus.documents(query="source:gazette")
    others = corpus.documents(query="-source:gazette")
    assert {d.id for d in others} == {d.id for d in corpus.documents()} - {d.id for d in gazette}


def test_parentheses_and_a_second_value_of_one_field(corpus) -> None:  # type: ignore[no-untyped-def]
    grouped = corpus.timeline(query="(place:carlisle OR place:portsmouth) date:2022-03")
    carlisle = corpus.timeline(query="place:carlisle date:2022-03")
    portsmouth = corpus.timeline(query="place:portsmouth date:2022-03")
    assert grouped and keys(grouped) == keys(carlisle) | keys(portsmouth)
    # Two dates must both hold: March and April share no document.
    assert corpus.documents(query="date:2022-03 date:2022-04") == []
    assert corpus.quotes("speaker:lee speaker:grey") == []


def test_limit_applies_after_the_algebra(corpus) -> None:  # type: ignore[no-untyped-def]
    every = corpus.quotes("-speaker:lee")
    assert corpus.quotes("-speaker:lee", limit=2) == every[:2]


def test_entities_list_names_matching_words_and_fields(corpus) -> None:  # type: ignore[no-untyped-def]
    names = {e.name for e in corpus.entities(query="carlise")}  # a typo
    assert "Carlisle" in names
    assert {e.kind for e in corpus.entities(query="place:portsmouth")} == {"place"}
    in_doc = {e.name for e in corpus.entities(query="doc:wire/markets.txt")}
    assert "Maria Costa" in in_doc and "Ann Lee" not in in_doc


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["quotes", "colour:red"], ["unknown field 'colour:'"]),
        (["timeline", "place:"], ["'place:' needs a value"]),
        (["docs", "date:2022-13"], ["is not a date"]),
        (["timeline", "speaker:nobody-like-this"], ["no person, place or organisation"]),
        (["entities", "date:2022"], ["does not apply to entities"]),
        (["export", "quotes", "(oil"], ["never closed"]),
    ],
)
def test_query_mistakes_exit_2_with_one_line(capsys, where, argv, words) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, *argv, *where)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    for w in words:
        assert w in err


def test_a_query_may_start_with_a_minus(capsys, where) -> None:  # type: ignore[no-untyped-def]
    plain = rows(capsys, "quotes", "-speaker:lee", *where)
    code, out, err = run(capsys, "quotes", "--json", "--all", *where, "--", "-speaker:lee")
    assert code == 0, err
    assert [json.loads(line) for line in out.splitlines()] == plain
    assert plain and all(r["speaker"] != "Ann Lee" for r in plain)


def test_help_query_prints_the_examples(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _err = run(capsys, "help", "query")
    assert code == 0
    for form in ('speaker:"ben wallace"', "date:2021-08-01..2021-08-15", " OR ", "-place:"):
        assert form in out


# -- export -----------------------------------------------------------------------------------


def test_export_csv_carries_citations_that_point_at_the_text(capsys, corpus, where) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "export", "quotes", "speaker:lee", "--format", "csv", *where)
    assert code == 0, err
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(corpus.quotes("speaker:lee")) >= 2
    for row in table:
        for field in ("doc", "doc_title", "doc_date", "source", "url", "path", "start", "end"):
            assert field in row
        text = corpus.text(row["doc"])
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
        assert row["speaker"] == "Ann Lee"
    bridge = next(r for r in table if r["doc"] == "harbour/bridge.md")
    assert bridge["source"] == "Harbour Gazette"
    assert bridge["url"] == "https://gazette.example/bridge"


def test_export_timeline_jsonl_has_the_event_fields(capsys, where) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "export", "timeline", "place:carlisle", "--format", "jsonl", *where)
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert records
    for r in records:
        assert {"doc", "doc_title", "doc_date", "source", "start", "end"} <= set(r)
        assert {"date", "expression", "places", "people"} <= set(r)
        assert "Carlisle" in r["places"]


def test_export_markdown_to_a_file_says_where(capsys, tmp_path, where) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "lee.md"
    code, out, err = run(
        capsys, "export", "quotes", "speaker:lee", "--format", "md", "--out", str(out_file), *where
    )
    assert code == 0 and out == ""
    assert str(out_file) in err and "rows written" in err
    lines = out_file.read_text(encoding="utf-8").splitlines()
    assert lines and all(line.startswith("- “") and "Ann Lee" in line for line in lines)
    assert any(
        "Harbour Gazette" in line and "https://gazette.example/bridge" in line for line in lines
    )


def test_export_defuses_formulas_and_control_characters(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "x.txt").write_text(
        '=HYPERLINK("http://evil")\x1b]52;c;AAAA\x07\n\nThe mayor of Leeds spoke in Leeds.\n'
    )
    code, out, err = run(
        capsys, "export", "docs", "--corpus", str(folder), "--index", str(tmp_path / "i.sqlite")
    )
    assert code == 0, err
    assert "\x1b" not in out and "\x07" not in out
    title = list(csv.DictReader(io.StringIO(out)))[0]["doc_title"]
    assert title.startswith("'=")


# -- saved searches and bookmarks -------------------------------------------------------------


def test_saved_searches_add_list_run_remove(capsys, where) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "saved", "add", "lee", 'speaker:"ann lee"', *where)
    assert code == 0, err
    assert rows(capsys, "saved", "list", *where)[-1] == {
        "name": "lee",
        "query": 'speaker:"ann lee"',
    }
    by_name = rows(capsys, "quotes", "--saved", "lee", *where)
    assert by_name == rows(capsys, "quotes", 'speaker:"ann lee"', *where)
    narrowed = rows(capsys, "quotes", "--saved", "lee", "budget", *where)
    assert len(narrowed) == 1 and "budget" in narrowed[0]["text"]
    code, _, err = run(capsys, "saved", "add", "broken", "colour:red", *where)
    assert code == 2 and "unknown field" in err
    assert run(capsys, "saved", "rm", "lee", *where)[0] == 0
    code, _, err = run(capsys, "quotes", "--saved", "lee", *where)
    assert code == 2 and "no saved search named 'lee'" in err


def test_a_damaged_saved_file_is_reported_and_kept(capsys, where) -> None:  # type: ignore[no-untyped-def]
    from explorer.saved import Kept

    path = Kept(Path(where[1])).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "saved", "add", "x", "oil", *where)
    assert code == 1 and str(path) in err and len(err.strip().splitlines()) == 1
    assert path.read_text(encoding="utf-8") == "{not json"
    path.unlink()


def test_bookmarks_keep_their_passage_across_changes(capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"
    folder.mkdir()
    story = folder / "s.txt"
    story.write_text("Flood warning\n\nThe river Eden rose two metres in Carlisle overnight.\n")
    where = ("--corpus", str(folder), "--index", str(tmp_path / "i.sqlite"))
    corpus = explorer.open_corpus(folder, tmp_path / "i.sqlite")
    text = corpus.text("s.txt")
    corpus.close()
    start = text.index("river Eden")
    passage = f"s.txt:{start}-{start + len('river Eden')}"
    code, out, err = run(capsys, "bookmark", "add", passage, "--note", "check", "--json", *where)
    assert code == 0, err
    [mark] = [json.loads(line) for line in out.splitlines()]
    assert mark["text"] == "river Eden" and mark["note"] == "check" and mark["status"] == "ok"
    assert mark["doc_title"] == "Flood warning"

    # The article gains a paragraph before the passage: found again by its text.
    story.write_text(
        "Flood warning\n\nRain fell all week.\n\nThe river Eden rose two metres in Carlisle.\n"
    )
    [moved] = rows(capsys, "bookmarks", *where)
    assert moved["status"] == "moved" and moved["start"] > start
    corpus = explorer.open_corpus(folder, tmp_path / "i.sqlite")
    assert corpus.text("s.txt")[moved["start"] : moved["end"]] == "river Eden"
    corpus.close()
    [again] = rows(capsys, "bookmarks", *where)
    assert again["status"] == "ok" and again["start"] == moved["start"]  # written back

    # The passage is rewritten away: the bookmark says it is gone and keeps what was pinned.
    story.write_text("Flood warning\n\nThe water fell back by morning.\n")
    [gone] = rows(capsys, "bookmarks", *where)
    assert gone["status"] == "gone" and gone["text"] == "river Eden"

    assert run(capsys, "bookmark", "rm", "1", *where)[0] == 0
    assert rows(capsys, "bookmarks", *where) == []


@pytest.mark.parametrize(
    ("passage", "words"),
    [
        ("nosuch.txt:1-5", ["nosuch.txt"]),
        ("s.txt:5-1", ["must end after it starts"]),
        ("s.txt", ["DOC:START-END"]),
        ("s.txt:0-999999", ["outside the document"]),
    ],
)
def test_bad_bookmarks_are_usage_errors(capsys, tmp_path, passage, words) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "s.txt").write_text("Title\n\nThe river Eden rose in Carlisle.\n")
    where = ("--corpus", str(folder), "--index", str(tmp_path / "i.sqlite"))
    code, _, err = run(capsys, "bookmark", "add", passage, *where)
    assert code == 2 and len(err.strip().splitlines()) == 1
    for w in words:
        assert w in err


@pytest.mark.parametrize(
    ("subject", "query"),
    [
        ("quotes", "-speaker:lee"),
        ("quotes", "speaker:lee OR speaker:grey"),
        ("quotes", "(speaker:lee OR speaker:grey) -source:courier"),
        ("timeline", "place:carlisle OR place:portsmouth"),
        ("timeline", "-place:carlisle"),
        ("docs", "source:gazette OR oil"),
        ("docs", "-source:gazette"),
    ],
)
def test_a_first_page_is_the_start_of_the_whole_answer(corpus, subject, query) -> None:  # type: ignore[no-untyped-def]
    """Limits passed into OR branches and past exclusions never change which rows come first."""
    from explorer.api import Query

    whole = corpus.search(subject, query)
    assert whole, query
    for k in range(1, len(whole) + 1):
        assert corpus.search(subject, query, Query(limit=k)) == whole[:k], (query, k)
    # The union is in the reader's own order: as the whole subject lists the same rows.
    listed = corpus.search(subject, None)
    position = {id_of(r): i for i, r in enumerate(listed)}
    assert [position[id_of(r)] for r in whole] == sorted(position[id_of(r)] for r in whole)


def id_of(record):  # type: ignore[no-untyped-def]
    if hasattr(record, "expr_start"):  # events: several may share a sentence
        return (record.doc, record.expr_start, record.expr_end)
    return getattr(record, "id", None) or (record.doc, record.start, record.end)


def test_export_places_as_geojson(capsys, where) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        capsys, "export", "entities", "--kind", "place", "--format", "geojson", *where
    )
    assert code == 0, err
    collection = json.loads(out)
    assert collection["type"] == "FeatureCollection"
    names = {f["properties"]["name"]: f for f in collection["features"]}
    carlisle = names["Carlisle"]
    lon, lat = carlisle["geometry"]["coordinates"]
    assert 54 < lat < 55.5 and -3.5 < lon < -2.5  # Cumbria, not Carlisle, Pennsylvania
    assert {"name", "kind", "mentions", "docs", "aliases"} <= set(carlisle["properties"])
    assert all(f["properties"]["kind"] == "place" for f in collection["features"])
    code, _, err = run(capsys, "export", "quotes", "--format", "geojson", *where)
    assert code == 2 and "only entities have coordinates" in err


def test_an_option_value_with_a_minus_is_not_a_query(capsys, where) -> None:  # type: ignore[no-untyped-def]
    newest = rows(capsys, "docs", "--sort", "-date", *where)
    dated = [d["date"] for d in newest if d["date"]]
    assert dated == sorted(dated, reverse=True) and len(set(dated)) > 1
    assert rows(capsys, "docs", "--sort=-date", *where) == newest
