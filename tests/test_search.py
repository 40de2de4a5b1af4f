"""Searching the index as a fact-checker would: words with typos, speakers, entities, dates."""

from __future__ import annotations

import pytest

from explorer import open_corpus
from explorer.errors import UsageError

ARTICLES = {
    "a.txt": (
        "Flooding shuts port\n\n"
        "March 4, 2020\n\n"
        "The port of Rotterdam closed on Tuesday after heavy flooding.\n"
        '"We have never seen water this high," said Jan de Vries, the harbour master.\n'
        "Officials in Amsterdam said the city would reopen its canals next week.\n"
    ),
    "b.txt": (
        "Harbour master speaks\n\n"
        "March 5, 2020\n\n"
        '"We have never seen water this high," Jan de Vries told reporters in Rotterdam.\n'
        '"The insurance bill will be enormous," said Maria Jansen, a spokeswoman for the city.\n'
    ),
    "c.txt": (
        "Pumps at work\n\n"
        "March 6, 2020\n\n"
        "Jan de Vries, the harbour master, spoke to reporters on Friday.\n"
        '"The pumps are working day and night," he added.\n'
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("news")
    for name, text in ARTICLES.items():
        (root / name).write_text(text, encoding="utf-8")
    with open_corpus(root, root.parent / "search.sqlite") as c:
        yield c


def test_quote_search_finds_words(corpus) -> None:
    hits = corpus.quotes("water high")
    assert {q.doc for q in hits} == {"a.txt", "b.txt"}
    assert all("water" in q.text for q in hits)


def test_quote_search_forgives_typos(corpus) -> None:
    hits = corpus.quotes("insurence")
    assert hits and all("insurance" in q.text for q in hits)


def test_quote_search_matches_the_word_being_typed(corpus) -> None:
    assert any("enormous" in q.text for q in corpus.quotes("enorm"))


def test_same_quote_in_two_documents_is_counted(corpus) -> None:
    hits = corpus.quotes("never seen water")
    assert hits and all(q.docs == 2 for q in hits)


def test_speaker_filter_is_fuzzy(corpus) -> None:
    by_name = corpus.quotes(speaker="jan de vries")
    assert by_name and all(q.speaker == "Jan de Vries" for q in by_name)
    # c.txt quotes him through "he added": the pronoun still ties the quote to him.
    assert {q.doc for q in corpus.quotes(speaker="de vreis")} == {"a.txt", "b.txt", "c.txt"}
    assert all(q.speaker != "Jan de Vries" for q in corpus.quotes(speaker="maria jansen"))


def test_unmatched_query_returns_nothing(corpus) -> None:
    assert corpus.quotes("zzzzqqq") == []


def test_timeline_since_until_filters(corpus) -> None:
    # "on Tuesday" in a.txt, dated March 4, 2020 (a line holding only a date is the page's
    # date, not an event of the story: it gives none)
    events = corpus.timeline(since="2020-03-03", until="2020-03-03")
    assert events and all(e.date == "2020-03-03" for e in events)
    assert corpus.timeline(since="2020-03-05", until="2020-03-05") == []
    assert corpus.timeline(since="2030") == []
    with pytest.raises(UsageError):
        corpus.timeline(since="5 March")


def test_documents_filter_by_entity(corpus) -> None:
    rotterdam = corpus.find("roterdam", kind="place")
    assert rotterdam and rotterdam[0].name == "Rotterdam"
    docs = corpus.documents(entity=rotterdam[0].id)
    assert {d.id for d in docs} == {"a.txt", "b.txt"}
    amsterdam = corpus.find("amsterdam", kind="place")[0]
    assert [d.id for d in corpus.documents(entity=amsterdam.id)] == ["a.txt"]


def test_quotes_by_or_about_an_entity(corpus) -> None:
    person = corpus.find("maria jansen", kind="person")[0]
    quotes = corpus.quotes(entity=person.id)
    assert [q.speaker for q in quotes] == ["Maria Jansen"]


def test_mentions_of_an_entity_carry_offsets_into_the_shown_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from explorer.api import open_corpus

    repo = __import__("pathlib").Path(__file__).resolve().parent.parent
    with open_corpus(repo / "corpus", tmp_path / "i.sqlite") as corpus:
        kandahar = corpus.find("kandahar", kind="place")[0]
        found = corpus.mentions(kandahar.id)
        assert len(found) == kandahar.mentions
        assert {m.entity for m in found} == {kandahar.id} and {m.kind for m in found} == {"place"}
        for m in found:
            assert corpus.text(m.doc)[m.start : m.end] == m.text
        one_doc = found[0].doc
        assert all(m.doc == one_doc for m in corpus.mentions(kandahar.id, doc=one_doc))
        assert len(corpus.mentions("kandahar", limit=2)) == 2


@pytest.mark.parametrize(
    ("since", "until"),
    [(None, None), ("2020-03-04", None), (None, "2020-03-05"), ("2020-03-03", "2020-03-06")],
)
def test_timeline_newest_first_is_the_same_events_reversed(corpus, since, until) -> None:
    from explorer.api import Query

    oldest = corpus.reader.timeline(Query(since=since, until=until))
    newest = corpus.reader.timeline(Query(since=since, until=until, order="-date"))
    dated = [e for e in oldest if e.value]
    assert [e for e in newest if e.value] == list(reversed(dated))
    assert [e for e in newest if not e.value] == [e for e in oldest if not e.value]  # last
    assert newest[: len(dated)] == list(reversed(dated))
