"""Contradictions: the claims they rest on, read from hand-made sentences, and the pairs that
must (and must not) be flagged across documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import explorer
from explorer import cli
from explorer.extract.claims import acts, counts, date_governs


def place_offsets(sentence: str, *names: str) -> list[tuple[int, int]]:
    return [(sentence.index(n), sentence.index(n) + len(n)) for n in names]


# -- claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "n", "of", "owner"),
    [
        ("who have taken 12 of Afghanistan’s 34 provincial capitals as part of a blitz", 12, 34, "afghanistan"),
        ("Eleven of the 15 council members voted against the plan.", 11, 15, ""),
        ("The rebels hold two of its 9 border crossings.", 2, 9, ""),
    ],
)  # fmt: skip
def test_counts_read_n_of_m_things(text: str, n: int, of: int, owner: str) -> None:
    [c] = counts(text)
    assert (c.n, c.of, c.owner) == (n, of, owner)
    assert text[c.start : c.end].split()[0].casefold() in (str(n), "eleven", "two")


@pytest.mark.parametrize(
    "text",
    [
        "one of the most important cities",  # no whole
        "12 of 10 things",  # more than the whole
        "captured two of the country’s 34 provincial capitals",  # an owner not a name
        "In 1 of 1 cases",  # a whole of one
    ],
)
def test_what_is_not_a_count(text: str) -> None:
    assert counts(text) == []


def test_acts_need_the_place_as_object_or_subject() -> None:
    s = "Kandahar and Herat fell on Thursday – further squeezing the government"
    assert [s[a.place[0] : a.place[1]] for a in acts(s, place_offsets(s, "Kandahar", "Herat"))] == [
        "Kandahar",
        "Herat",
    ]
    s = "The Taliban have captured Afghanistan’s second biggest city of Kandahar, officials said."
    found = acts(s, place_offsets(s, "Afghanistan", "Kandahar"))
    assert [s[a.place[0] : a.place[1]] for a in found] == ["Kandahar"]  # not the possessor
    s = "In Kandahar, the Taliban claimed to have captured the city’s prison on Wednesday"
    assert acts(s, place_offsets(s, "Kandahar")) == []  # the prison was taken, not the city
    s = "Rebels captured the airport in Kunduz on Monday"
    assert acts(s, place_offsets(s, "Kunduz")) == []


def test_a_date_in_another_clause_does_not_date_the_act() -> None:
    s = "Insurgents detained the commander on Friday after they seized the city of Herat"
    [act] = acts(s, place_offsets(s, "Herat"))
    friday = (s.index("Friday"), s.index("Friday") + 6)
    assert not date_governs(s, friday, act.verb)
    s = "On Thursday, the group took Kandahar"
    [act] = acts(s, place_offsets(s, "Kandahar"))
    assert date_governs(s, (3, 11), act.verb)


# -- across documents --------------------------------------------------------------------------

STORIES = {
    "a.txt": (
        "Rebels take Kunduz\n\n"
        "Rebels captured Kunduz on Thursday, Aug 12, 2021, officials said.\n\n"
        "The rebels have taken 11 of Ruritania's 20 border posts in a week-long offensive, "
        "a spokesman said on Thursday, Aug 12, 2021.\n"
    ),
    "b.txt": (
        "Kunduz falls\n\n"
        "Kunduz fell to the rebels on Friday, Aug 13, 2021, the governor said.\n\n"
        "The rebels have taken 12 of Ruritania's 20 border posts in a week-long offensive, "
        "officials said on Friday, Aug 13, 2021.\n"
    ),
    # Near-misses: another city on another day; the same day's count of a different thing;
    # a count of the day's gains, not the running total.
    "c.txt": (
        "Herat quiet\n\n"
        "Rebels captured Herat on Friday, Aug 13, 2021, after a week of fighting.\n\n"
        "Rebels seized two of Ruritania's 20 border posts on Friday, Aug 13, 2021 alone.\n\n"
        "Police arrested 5 of the 40 protesters at the border on Friday, Aug 13, 2021.\n"
    ),
}


@pytest.fixture(scope="module")
def found(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("contra")
    folder = root / "news"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    # The documents' own dates: reports of one day apart.
    import os

    for name, stamp in (("a.txt", 1628812800), ("b.txt", 1628899200), ("c.txt", 1628899200)):
        os.utime(folder / name, (stamp, stamp))
    with explorer.open_corpus(folder, root / "i.sqlite") as corpus:
        return corpus.contradictions()


def test_the_same_event_dated_two_ways(found) -> None:  # type: ignore[no-untyped-def]
    dates = [c for c in found if c.kind == "date"]
    assert [(c.subject, c.a["value"], c.b["value"]) for c in dates] == [
        ("Kunduz", "2021-08-12", "2021-08-13")
    ]
    [c] = dates
    assert {c.a["doc"], c.b["doc"]} == {"a.txt", "b.txt"}


def test_the_same_thing_counted_two_ways(found) -> None:  # type: ignore[no-untyped-def]
    numbers = [c for c in found if c.kind == "number"]
    assert [(c.a["value"], c.b["value"]) for c in numbers] == [(11, 12)]


def test_each_side_is_the_slice_its_offsets_name(found, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    for c in found:
        for side in (c.a, c.b):
            assert side["text"] == STORIES_TEXT(side["doc"])[side["start"] : side["end"]]


def STORIES_TEXT(doc: str) -> str:  # noqa: N802 - a lookup table in the shape of a function
    """The text `explorer show` gives for a story (the title line and blank lines kept)."""
    return STORIES[doc]


def test_the_command_prints_json_records(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    code = cli.main(
        ["contradictions", "--json", "--corpus", str(folder), "--index", str(tmp_path / "i")]
    )
    out = capsys.readouterr().out
    assert code == 0
    for line in out.splitlines():
        record = json.loads(line)
        assert set(record) == {"kind", "subject", "a", "b", "note"}
        assert set(record["a"]) == {"doc", "start", "end", "text", "value"}


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Sales of new homes in the United States fell 6.8 pct in January", "United States"),
        ("Copper stocks held by U.S. refineries fell to 109,200 tons", "U.S."),
        ("Shares of Tokyo Electric fell sharply on Monday", "Tokyo"),
    ],
)
def test_a_place_that_is_not_the_subject_does_not_fall(sentence: str, place: str) -> None:
    assert acts(sentence, place_offsets(sentence, place)) == []
