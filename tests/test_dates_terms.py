"""A security's term is not an event (explorer.extract.dates.terms), in the styles of wire copy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explorer.extract.dates.terms import security_term
from explorer.extract.pipeline import extract_document


def _term(text: str, date: str) -> bool:
    i = text.index(date)
    return security_term(text, i, i + len(date))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        (
            "Acme is raising 100 mln dlrs through an offering of notes due 1995 yielding 8.06 pct.",
            "1995",
        ),
        (
            "Offering of 100 mln dlrs of convertible debentures due April 1, 2012 through Merrill.",
            "April 1, 2012",
        ),
        ("It will buy back its 11-1/4 pct bonds of 2009 and its 12-3/8s of 2013.", "2009"),
        ("It will buy back its 11-1/4 pct bonds of 2009 and its 12-3/8s of 2013.", "2013"),
        ("It redeems its 12s due 2010 at par.", "2010"),
        ("Demand was 13.95 billion francs for the 8.50 pct 1997 tranche.", "1997"),
        ("The bank will buy 10 mln dlrs of the 2011 maturity.", "2011"),
        (
            "A 14-5/8 pct bullet eurobond priced at 101-1/4 and maturing November 1991.",
            "November 1991",
        ),
        (
            "By comparison, the 500 mln dlr note which matures in 1998 yielded only 20 points.",
            "1998",
        ),
        ("The Treasury bond due 2016 was 95.26-28 in late Tokyo trade.", "2016"),
        ("The 2-1/2 pct index-linked Treasury stock due 2020 closed lower.", "2020"),
        ("It has an average life of 13.49 years and matures 2018.", "2018"),
    ],
)
def test_the_date_in_a_securitys_name_is_its_term(text: str, date: str) -> None:
    assert _term(text, date)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The plant is due to close in 1992.", "1992"),
        ("Elections are due in 1990, officials said.", "1990"),
        ("The loan is due in 1991, the ministry said.", "1991"),  # a loan falling due is news
        ("The contract runs from next year until 1992, Volvo added.", "1992"),
        ("The jets are scheduled for delivery beginning in 1991.", "1991"),
        ("The payment is due March 15.", "March 15"),
        ("Shares rose after the notes were sold. Talks are due to end in 1988.", "1988"),
        ("Debt repayments due in 1991 total 4 billion dlrs.", "1991"),
        ("The stock is due to be listed in 1988.", "1988"),
        ("Since the 1987 stock market crash, brokers have cut staff.", "1987"),
        ("A 1986 paper by two economists found no effect.", "1986"),
    ],
)
def test_a_date_of_the_story_is_not_a_term(text: str, date: str) -> None:
    assert not _term(text, date)


def test_the_timeline_keeps_the_story_and_leaves_the_terms() -> None:
    text = (
        "NEW YORK, March 26 - Hertz Corp is raising 100 mln dlrs through an offering of notes "
        "due 1995 yielding 8.06 pct, the lead manager said on March 25. The offering closes "
        "in April 1987."
    )
    facts = extract_document(text)
    found = [t.expression for t in facts.times]
    assert "1995" not in found
    assert "March 25" in found and "April 1987" in found


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("due of 1995 notes bonds 12s tranche.,\n")), max_size=120
    ),
    st.data(),
)
def test_any_span_of_any_text_is_answered(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert security_term(text, start, end) in (True, False)
