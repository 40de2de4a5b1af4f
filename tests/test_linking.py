"""Names linked across a corpus, through the index: what a reader sees in `explorer entities`."""

from __future__ import annotations

from pathlib import Path

from explorer.corpus import Corpus

STORIES = {
    "a.txt": "Paul Volcker said rates would stay. Volcker spoke in Los Angeles, Calif., on Monday."
    " Officials at the International Monetary Fund (IMF) met in Mazar-i-Sharif.\n",
    "b.txt": "Paul Volcker told reporters the dollar was too strong. The IMF said it would lend."
    " The Taliban entered Sheberghan. Washington said sanctions would stay.\n",
    "c.txt": "Paul Volcker left for Tokyo. Taliban fighters held Mazar-e Sharif. Talks were held"
    " in Washington. Growers in California lost their crops.\n",
    "d.txt": "Paul Vocker warned of inflation on Friday.\n",
    "f.txt": "“Rates will stay high,” Paul Volcker said on Monday.\n\nOfficials said: “Paul "
    "Volcker is wrong about rates.”\n",
    "e.txt": 'U.S. officials said: "The talks will go on." The United States said: "We agree."\n',
}


def test_one_entity_per_thing_across_the_corpus(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for name, text in STORIES.items():
        (root / name).write_text(text, encoding="utf-8")
    with Corpus.open(root, tmp_path / "i.sqlite") as corpus:
        ents = corpus.entities()
        by_name = {(e.name, e.kind): e for e in ents}
        names = [e.name for e in ents]
        # A slip of a far more mentioned name joins it; a surname alone never merges across.
        volcker = by_name[("Paul Volcker", "person")]
        assert volcker.docs == 5 and "Paul Vocker" in volcker.aliases
        # An acronym introduced in brackets is its body in the other documents too.
        imf = by_name[("International Monetary Fund", "org")]
        assert imf.docs == 2 and "IMF" not in names
        # "the Taliban" and "Taliban fighters": one body.
        assert by_name[("Taliban", "org")].docs == 2
        # Places go by the gazetteer's spelling, in plain letters, whatever the article wrote,
        # and stay findable by what it wrote.
        mazar = by_name[("Mazar-e Sharif", "place")]
        assert mazar.docs == 2 and {"Mazar-i-Sharif", "Mazar-e Sharif"} <= set(mazar.aliases)
        california = by_name[("California", "place")]
        assert california.docs == 2 and "Calif." in california.aliases
        assert corpus.find("Sheberghan")[0].name == "Shibirghan"
        # "Washington said" is the government speaking; "in Washington" is the place.
        assert ("Washington", "org") in by_name and ("Washington", "place") in by_name


def test_a_place_is_never_the_entity_a_quote_is_tied_to(tmp_path: Path) -> None:
    root = tmp_path / "news"
    root.mkdir()
    for name, text in STORIES.items():
        (root / name).write_text(text, encoding="utf-8")
    with Corpus.open(root, tmp_path / "i.sqlite") as corpus:
        kinds = {e.id: e.kind for e in corpus.entities()}
        quotes = corpus.quotes(doc="e.txt")
        assert len(quotes) == 2
        tied = [kinds[q.speaker_id] for q in quotes if q.speaker_id is not None]
        assert tied and set(tied) == {"org"}  # the government speaks, never the country


def test_quotes_said_by_a_person_or_by_or_about_them(tmp_path: Path) -> None:
    from explorer.api import Query

    root = tmp_path / "news"
    root.mkdir()
    for name, text in STORIES.items():
        (root / name).write_text(text, encoding="utf-8")
    with Corpus.open(root, tmp_path / "i.sqlite") as corpus:
        volcker = corpus.find("Paul Volcker")[0].id
        about = {q.text for q in corpus.reader.quotes(Query(entities=(volcker,)))}
        said = {q.text for q in corpus.reader.quotes(Query(speakers=(volcker,)))}
        assert said == {"Rates will stay high,"}
        assert about == said | {"Paul Volcker is wrong about rates."}
        assert said == {q.text for q in corpus.quotes(speaker="Paul Volcker")}


def test_a_place_is_named_by_its_id_alone_as_the_whole_gazetteer_names_it() -> None:
    """Resolving entities (the merge of a Dask build) names places by their id without
    building the whole gazetteer: every id must give the name the whole one gives."""
    from explorer.extract import gazetteer

    whole = gazetteer._gazetteer().by_id
    assert len(whole) > 10_000
    assert all(gazetteer._names_by_id(gid) == place.name for gid, place in whole.items())
    assert gazetteer._names_by_id("geonames:0") is None
    assert gazetteer._names_by_id("subdivision:XX-NOPE") is None
    assert gazetteer._names_by_id("elsewhere:1") is None
