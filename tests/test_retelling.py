"""Two passages telling the same fact, in the same or other words; and near-misses that must
not count as one (the test behind corroboration)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.extract.retelling import Telling, content_words, same_fact


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # A clause of a long sentence retold as a short one.
        (
            "Taliban fighters rushed past the Great Mosque in the historic city – which dates to"
            " 500 BC and was once a spoil of Alexander the Great – and seized government offices.",
            "The Great Mosque, which dates back to 500 BC, was seized by the Taliban fighters.",
        ),
        # Other words for the same prison break.
        (
            "In Kandahar, the Taliban claimed to have captured the city's prison on Wednesday,"
            " freeing inmates.",
            "Officials said that the Taliban invaded a Kandahar prison and released inmates"
            " Wednesday night.",
        ),
        # Wire copy trimmed by a second outlet.
        (
            "The central bank cut its benchmark lending rate by half a point to 5.5 pct, citing"
            " weak exports and a strong yen.",
            "The central bank cut its benchmark lending rate to 5.5 pct, citing weak exports.",
        ),
        # Plural and tense differences.
        (
            "Floodwaters breached the levees protecting the northern suburbs overnight.",
            "Floodwater breaches levee protecting northern suburbs",
        ),
    ],
)
def test_retellings_are_the_same_fact(a: str, b: str) -> None:
    assert same_fact(Telling.of(a), Telling.of(b))
    assert same_fact(Telling.of(b), Telling.of(a))


@pytest.mark.parametrize(
    ("a", "b", "places_a", "places_b"),
    [
        # The same template about two provinces: two events.
        (
            "The Taliban have captured the capital of the southern province of Helmand, police"
            " said.",
            "The Taliban have captured the capital of the northwestern province of Badghis,"
            " officials said.",
            {"Helmand"},
            {"Badghis"},
        ),
        # Same day, same actors, different acts.
        (
            "The prime minister met union leaders to discuss the pay offer.",
            "The prime minister flew to Brussels for the summit on fishing quotas.",
            set(),
            {"Brussels"},
        ),
        # Only reporting words and dates in common.
        (
            "Officials said on Monday the report was published.",
            "A spokesman said on Monday that talks had ended.",
            set(),
            set(),
        ),
    ],
)
def test_near_misses_are_different_facts(a: str, b: str, places_a, places_b) -> None:  # type: ignore[no-untyped-def]
    ta, tb = Telling.of(a, places_a), Telling.of(b, places_b)
    assert not same_fact(ta, tb)
    assert not same_fact(tb, ta)


def test_place_spellings_compare_case_folded() -> None:
    a = Telling.of("Rebels captured the airport of Kandahar on Friday.", {"Kandahar"})
    b = Telling.of("KANDAHAR airport was captured by rebels, officials said.", {"KANDAHAR"})
    assert same_fact(a, b)


def test_content_words_leave_out_reporting_and_time_words() -> None:
    assert content_words("Officials said on Thursday that the bridge collapsed") == {
        "bridge",
        "collaps",
    }


@given(st.text(max_size=200), st.text(max_size=200))
def test_same_fact_is_symmetric_and_total(a: str, b: str) -> None:
    ta, tb = Telling.of(a), Telling.of(b)
    assert same_fact(ta, tb) == same_fact(tb, ta)
    if a.strip() and len(content_words(a)) >= 3:
        assert same_fact(ta, Telling.of(a))


# Letters only, no suffix a stem would cut: each word is its own content word.
_VOCAB = [f"zq{a}{b}{c}" for a in "abc" for b in "def" for c in "xyz"]


@given(st.sets(st.sampled_from(_VOCAB), max_size=14), st.sets(st.sampled_from(_VOCAB), max_size=14))
def test_the_prefix_filter_misses_no_pair_that_is_the_same_fact(a: set[str], b: set[str]) -> None:
    """The index only compares pairs the prefixes bring together: none may be lost."""
    ta, tb = Telling.of(" ".join(a)), Telling.of(" ".join(b))
    assert ta.words == a and tb.words == b
    if same_fact(ta, tb):
        shorter, longer = sorted((ta, tb), key=lambda t: len(t.words))
        assert shorter.prefix() & longer.words


def test_other_figures_are_another_fact() -> None:
    a = Telling.of("USG Corp is raising 100 mln dlrs through an offering of notes due 1997")
    b = Telling.of("Mellon Bank is raising 150 mln dlrs via an offering of notes due 1992")
    assert not same_fact(a, b)
    c = Telling.of("The company is raising 100 mln dlrs through an offering of notes due 1997.")
    assert same_fact(a, c)


def test_a_signature_gives_back_the_telling_it_was_made_from() -> None:
    for text, names in [
        ("The Taliban captured Kandahar on Thursday, killing 12 of 34 guards.", {"Kandahar"}),
        ("Prices rose 1,200 dlrs in March, the ministry said.", set()),
        ("", set()),
    ]:
        told = Telling.of(text, names)
        back = Telling.from_signature(told.signature())
        assert (back.words, back.names, back.numbers, back.needed) == (
            told.words,
            told.names,
            told.numbers,
            told.needed,
        )
        assert same_fact(back, told) == same_fact(told, told)
