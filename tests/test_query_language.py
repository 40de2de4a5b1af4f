"""The query language's parser: every form it reads, and one clear line for each mistake."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explorer.errors import UsageError
from explorer.index.query_language import All, Any, Not, Term, parse


def terms(expr) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    """The (field, value) of every term, left to right."""
    if isinstance(expr, Term):
        return [(expr.field, expr.value)]
    if isinstance(expr, Not):
        return terms(expr.part)
    return [t for p in expr.parts for t in terms(p)]


def test_blank_is_no_query() -> None:
    assert parse("") is None
    assert parse("   \t ") is None


def test_bare_words_are_anded_full_text_terms() -> None:
    expr = parse("oil  prices")
    assert expr == All((Term(None, "oil", typed="oil"), Term(None, "prices", typed="prices")))


def test_a_quoted_phrase_is_one_exact_term() -> None:
    expr = parse('"strenuously reject" deal')
    assert isinstance(expr, All)
    first = expr.parts[0]
    assert isinstance(first, Term) and first.phrase and first.value == "strenuously reject"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("speaker:wallace", "speaker", "wallace"),
        ('speaker:"ben wallace"', "speaker", "ben wallace"),
        ("person:Merkel", "person", "Merkel"),
        ("PLACE:kabul", "place", "kabul"),
        ("org:opec", "org", "opec"),
        ("entity:'kabul'", "entity", "'kabul'"),
        ("doc:a/b.txt", "doc", "a/b.txt"),
        ('source:"new york times"', "source", "new york times"),
    ],
)
def test_fields_take_a_bare_or_quoted_value(text: str, field: str, value: str) -> None:
    assert terms(parse(text)) == [(field, value)]


@pytest.mark.parametrize(
    ("text", "since", "until"),
    [
        ("date:2021-08-12", "2021-08-12", "2021-08-12"),
        ("date:2021-08", "2021-08-01", "2021-08-31"),
        ("date:2020-02", "2020-02-01", "2020-02-29"),
        ("date:1987", "1987-01-01", "1987-12-31"),
        ("date:2021-08-01..2021-08-15", "2021-08-01", "2021-08-15"),
        ("date:2021..", "2021-01-01", None),
        ("date:..1990", None, "1990-12-31"),
        ('date:"aug 2021"', "2021-08-01", "2021-08-31"),
    ],
)
def test_dates_are_days_months_years_and_ranges(text: str, since, until) -> None:  # type: ignore[no-untyped-def]
    expr = parse(text)
    assert isinstance(expr, Term)
    assert (expr.since, expr.until) == (since, until)


def test_or_binds_looser_than_and() -> None:
    expr = parse("oil OR gas prices")
    assert isinstance(expr, Any)
    assert terms(expr.parts[0]) == [(None, "oil")]
    assert terms(expr.parts[1]) == [(None, "gas"), (None, "prices")]


def test_parentheses_group() -> None:
    expr = parse("(place:kabul OR place:herat) date:2021-08")
    assert isinstance(expr, All)
    assert isinstance(expr.parts[0], Any)
    assert terms(expr) == [("place", "kabul"), ("place", "herat"), ("date", "2021-08")]


@pytest.mark.parametrize("text", ["-speaker:wallace", "NOT speaker:wallace", "- speaker:wallace"])
def test_minus_and_not_negate(text: str) -> None:
    expr = parse(text)
    if text.startswith("- "):  # a lone minus is a word, not a negation
        assert isinstance(expr, All)
        return
    assert isinstance(expr, Not) and terms(expr) == [("speaker", "wallace")]


def test_explicit_and_is_the_default() -> None:
    assert parse("oil AND gas") == parse("oil gas")


def test_a_hyphen_or_colon_inside_a_word_stays_text() -> None:
    assert terms(parse("al-Qaeda 10:30")) == [(None, "al-Qaeda"), (None, "10:30")]


def test_lowercase_keywords_are_words() -> None:
    assert terms(parse("war or peace")) == [(None, "war"), (None, "or"), (None, "peace")]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("colour:red", ["unknown field 'colour:'", "speaker:", "source:"]),
        ("speaker:", ["'speaker:' needs a value", 'speaker:"ben wallace"']),
        ('speaker:""', ["needs a value"]),
        ("date:2021-13", ["'date:2021-13' is not a date", "date:2021-08-12"]),
        ("date:2021-02-30", ["is not a date"]),
        ("date:soon", ["'date:soon' is not a date"]),
        ('"open phrase', ["never closed"]),
        ("(place:kabul", ["'(' is never closed"]),
        ("place:kabul)", ["')' closes no '('"]),
        ("oil OR", ["OR needs a term"]),
        ("OR oil", ["OR needs a term"]),
        ("oil AND", ["AND needs a term"]),
        ("NOT", ["NOT (or -) needs a term"]),
        ("()", ["holds nothing"]),
    ],
)
def test_mistakes_are_one_line_naming_the_term(text: str, words: list[str]) -> None:
    with pytest.raises(UsageError) as caught:
        parse(text)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("query: ")
    for w in words:
        assert w in message


@given(st.text(max_size=60))
def test_any_text_parses_or_says_why(text: str) -> None:
    try:
        parse(text)
    except UsageError as exc:
        assert str(exc).startswith("query: ")


@given(st.lists(st.sampled_from(["oil", "(", ")", "OR", "NOT", "-x", '"a b"', "place:kabul"])))
def test_token_soup_parses_to_its_own_terms_or_says_why(words: list[str]) -> None:
    try:
        expr = parse(" ".join(words))
    except UsageError as exc:
        assert str(exc).startswith("query: ")
        return
    values = [] if expr is None else [v for _, v in terms(expr)]
    typed = [w.strip('"-') for w in words if w not in ("(", ")", "OR", "NOT")]
    assert [v.split(":")[-1] for v in values] == [w.split(":")[-1] for w in typed]
