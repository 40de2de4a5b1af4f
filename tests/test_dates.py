"""Timeline extractor: hand-written cases resolved against a fixed article date.

The article date is Friday 13 August 2021 unless a test says otherwise, so "on Thursday" in past
tense is 2021-08-12 and "on Monday" in future tense is 2021-08-16.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explorer.extract.dates import extract_times, find_times
from explorer.extract.dates.rules import EXAMPLE_DATE, RULES
from explorer.extract.sentences import split_sentences
from explorer.timex import bounds as timex_bounds

DCT = "2021-08-13"  # a Friday


def times(text: str, dct: str | None = DCT):
    return extract_times(text, split_sentences(text), dct)


def one(text: str, dct: str | None = DCT):
    """The single DATE/TIME expression in ``text`` (durations and sets ignored)."""
    found = [t for t in times(text, dct) if t.type in ("DATE", "TIME")]
    assert len(found) == 1, found
    t = found[0]
    assert text[t.start : t.end] == t.expression
    return t


# --- every month name and abbreviation --------------------------------------------------------
MONTH_CASES = [
    ("January", 1), ("Jan.", 1), ("Jan", 1),
    ("February", 2), ("Feb.", 2), ("Feb", 2),
    ("March", 3), ("Mar.", 3), ("Mar", 3),
    ("April", 4), ("Apr.", 4), ("Apr", 4),
    ("May", 5),
    ("June", 6), ("Jun.", 6), ("Jun", 6),
    ("July", 7), ("Jul.", 7), ("Jul", 7),
    ("August", 8), ("Aug.", 8), ("Aug", 8), ("AUG", 8),
    ("September", 9), ("Sept.", 9), ("Sep.", 9), ("Sept", 9),
    ("October", 10), ("Oct.", 10), ("Oct", 10),
    ("November", 11), ("Nov.", 11), ("Nov", 11),
    ("December", 12), ("Dec.", 12), ("Dec", 12),
]  # fmt: skip


@pytest.mark.parametrize(("name", "month"), MONTH_CASES)
def test_month_day_with_year(name: str, month: int) -> None:
    t = one(f"The meeting took place on {name} 5, 2019 in Kabul.")
    assert t.value == f"2019-{month:02d}-05"
    assert t.expression == f"{name} 5, 2019"
    assert t.precision == "day"


@pytest.mark.parametrize(("name", "month"), MONTH_CASES)
def test_day_month_year(name: str, month: int) -> None:
    t = one(f"It was signed on 21 {name} 2020 after long talks.")
    assert t.value == f"2020-{month:02d}-21"


@pytest.mark.parametrize(("name", "month"), [c for c in MONTH_CASES if not c[0].endswith(".")])
def test_month_year(name: str, month: int) -> None:
    t = one(f"Prices rose in {name} 2018 and fell again.")
    assert t.value == f"2018-{month:02d}"
    assert t.precision == "month"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The city fell on Aug. 6.", "2021-08-06"),
        ("The city fell on Aug 13.", "2021-08-13"),
        ("The city fell on AUG 13.", "2021-08-13"),
        ("Talks ended Dec. 20.", "2020-12-20"),  # nearest sensible year: the past December
        ("The vote is set for Sept. 2.", "2021-09-02"),
        ("Thursday, August 12, 2021", "2021-08-12"),
        ("August 12, 2021", "2021-08-12"),
        ("13 August 2021", "2021-08-13"),
        ("2021-08-13", "2021-08-13"),
        ("Posted 13/08/2021 by staff", "2021-08-13"),
        ("the 4th of July", "2021-07-04"),
        ("Friday, Aug. 13, 2021", "2021-08-13"),
    ],
)
def test_absolute_dates(text: str, value: str) -> None:
    assert one(text).value == value


@pytest.mark.parametrize(
    ("text", "expr", "value", "precision"),
    [
        ("his February 2020 peace agreement", "February 2020", "2020-02", "month"),
        ("The embassy opened in 2001.", "2001", "2001", "year"),
        ("Music of the 1980s returned.", "the 1980s", "198X", "decade"),
        ("It peaked in the late '90s.", "the late '90s", "199X", "decade"),
        ("The Great Mosque dates back to 500 BC.", "500 BC", "-0500", "year"),
        ("Growth slowed in mid-2019.", "mid-2019", "2019", "year"),
        ("The offensive began in early May.", "early May", "2021-05", "month"),
        ("in the 19th century", "the 19th century", "18", "century"),
        ("Profit rose in the third quarter.", "the third quarter", "2021-Q3", "quarter"),
        (
            "Sales fell in the first quarter of 2019.",
            "the first quarter of 2019",
            "2019-Q1",
            "quarter",
        ),
        ("They met in the summer of 2019.", "the summer of 2019", "2019-SU", "season"),
        ("It happened last winter.", "last winter", "2020-WI", "season"),
        ("Trade resumed on Christmas Day 2019.", "Christmas Day 2019", "2019-12-25", "day"),
    ],
)
def test_absolute_periods(text: str, expr: str, value: str, precision: str) -> None:
    t = one(text)
    assert (t.expression, t.value, t.precision) == (expr, value, precision)


# --- every weekday, past and future tense -----------------------------------------------------
WEEKDAY_PAST = [
    ("Monday", "2021-08-09"),
    ("Tuesday", "2021-08-10"),
    ("Wednesday", "2021-08-11"),
    ("Thursday", "2021-08-12"),
    ("Friday", "2021-08-13"),  # the article's own day
    ("Saturday", "2021-08-07"),
    ("Sunday", "2021-08-08"),
]
WEEKDAY_FUTURE = [
    ("Monday", "2021-08-16"),
    ("Tuesday", "2021-08-17"),
    ("Wednesday", "2021-08-18"),
    ("Thursday", "2021-08-19"),
    ("Friday", "2021-08-13"),
    ("Saturday", "2021-08-14"),
    ("Sunday", "2021-08-15"),
]


@pytest.mark.parametrize(("day", "value"), WEEKDAY_PAST)
def test_weekday_past(day: str, value: str) -> None:
    t = one(f"The governor said on {day} that the city had fallen.")
    assert (t.expression, t.value, t.type) == (day, value, "DATE")


@pytest.mark.parametrize(("day", "value"), WEEKDAY_FUTURE)
def test_weekday_future(day: str, value: str) -> None:
    t = one(f"The envoys will meet again on {day} in Doha.")
    assert (t.expression, t.value) == (day, value)


def test_weekday_possessive_and_night() -> None:
    assert one("Thursday's ruling angered the family.").value == "2021-08-12"
    t = one("Shots rang out Thursday night near the airport.")
    assert (t.type, t.value) == ("TIME", "2021-08-12TNI")


# --- relative phrases -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Ben Wallace blasted Donald Trump today.", "today", "2021-08-13"),
        ("Protesters gathered tonight in the square.", "tonight", "2021-08-13TNI"),
        ("This morning he laid into the former leader.", "This morning", "2021-08-13TMO"),
        ("He spoke this afternoon to reporters.", "this afternoon", "2021-08-13TAF"),
        ("She will speak this evening at the rally.", "this evening", "2021-08-13TEV"),
        ("The city fell yesterday after a siege.", "yesterday", "2021-08-12"),
        ("The talks resume tomorrow in Doha.", "tomorrow", "2021-08-14"),
        ("They said last week that talks had failed.", "last week", "2021-W31"),
        ("They will meet next week in Doha.", "next week", "2021-W33"),
        ("Prices rose last month.", "last month", "2021-07"),
        ("Elections are due next month.", "next month", "2021-09"),
        ("Profits fell last year.", "last year", "2020"),
        ("A vote is planned next year.", "next year", "2022"),
        ("The base closed last September.", "last September", "2020-09"),
        ("The envoy visited earlier this month.", "earlier this month", "2021-08"),
        ("The deal was signed a week ago.", "a week ago", "2021-08-06"),
        ("The talks started three years ago.", "three years ago", "2018"),
        ("Troops left two months ago.", "two months ago", "2021-06"),
        ("Results are expected later this year.", "later this year", "2021"),
    ],
)
def test_relative(text: str, expr: str, value: str) -> None:
    t = one(text)
    assert (t.expression, t.value) == (expr, value)


def test_later_is_relative_to_previous_date() -> None:
    text = "The siege began on Aug. 2. Three days later the city fell."
    found = times(text)
    assert [(t.expression, t.value) for t in found] == [
        ("Aug. 2", "2021-08-02"),
        ("Three days later", "2021-08-05"),
    ]


def test_the_next_day_follows_the_story() -> None:
    found = times("Kunduz fell on Aug. 8. The next day Aybak was overrun.")
    assert found[-1].expression == "The next day"
    assert found[-1].value == "2021-08-09"


# --- durations and sets -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("after the end of the 20-year occupation", "20-year", "P20Y"),
        ("it lasted a little over three months", "a little over three months", "P3M"),
        ("they had negotiated for months", "months", "PXM"),
        ("an insurgent push 20 years after the U.S. invasion", "20 years", "P20Y"),
        ("a two-day summit", "two-day", "P2D"),
        ("for 48 hours", "48 hours", "PT48H"),
    ],
)
def test_durations(text: str, expr: str, value: str) -> None:
    found = times(text)
    assert [(t.expression, t.type, t.value) for t in found] == [(expr, "DURATION", value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The council meets every week.", "P1W"),
        ("Flights leave twice a day.", "P1D"),
        ("Markets close on Fridays.", "XXXX-WXX-5"),
        ("The paper is published daily.", "P1D"),
        ("Elections are held every other year.", "P2Y"),
    ],
)
def test_sets(text: str, value: str) -> None:
    found = [t for t in times(text) if t.type == "SET"]
    assert [t.value for t in found] == [value]


# --- false positives --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The Taliban may seize Kabul.",
        "May I ask a question?",
        "Theresa May said nothing.",
        "Thousands will march on the capital.",
        "The Sun reported the story.",
        "He read the Sun.",
        "Augusta is a city.",
        "The UK is sending 600 soldiers and the US 3,000 troops.",
        "the $830 billion U.S. Defense Department spent",
        "armed with mines, RPGs and AK47s",
        "a convoy stopped 130 km from the border",
        "Speaking to the BBC Today Programme, Shaheen called it propaganda.",
        "She writes for USA Today about politics.",
        "Some 2000 people marched.",
        "The fall of Saigon shocked America.",
    ],
)
def test_false_positives(text: str) -> None:
    assert [t for t in times(text) if t.type in ("DATE", "TIME")] == []


def test_today_at_sentence_start_is_a_date() -> None:
    assert one("Today the Taliban control most cities.").value == "2021-08-13"


# --- undated documents ------------------------------------------------------------------------
def test_undated_document_keeps_relative_unresolved() -> None:
    text = (
        "On Thursday the Taliban took Ghazni. Yesterday talks failed. The mosque dates to 500 BC."
    )
    found = times(text, None)
    got = {t.expression: t.value for t in found}
    assert got == {"Thursday": None, "Yesterday": None, "500 BC": "-0500"}


def test_undated_document_resolves_full_dates() -> None:
    found = times("The deal was signed on February 29, 2020 in Doha; Aug. 6 came later.", None)
    assert [(t.expression, t.value) for t in found] == [
        ("February 29, 2020", "2020-02-29"),
        ("Aug. 6", None),
    ]


# --- headline / list items --------------------------------------------------------------------
def test_list_items_are_dated_events() -> None:
    text = (
        "Provincial capitals taken by the Taliban:\n"
        "Aug. 6 – ZARANJ – The Taliban take over the city in Nimroz province.\n"
        "•  Aug. 7 – SHEBERGHAN – The Taliban declare they have captured Jawzjan.\n"
        "- Aug. 12 – GHAZNI – The insurgents take over the city.\n"
    )
    sents = split_sentences(text)
    found = extract_times(text, sents, DCT)
    assert [(t.expression, t.value) for t in found] == [
        ("Aug. 6", "2021-08-06"),
        ("Aug. 7", "2021-08-07"),
        ("Aug. 12", "2021-08-12"),
    ]
    kinds = {s.kind for s in sents[1:]}
    assert kinds <= {"item", "headline", "sentence"}


def test_offsets_and_extents_exclude_prepositions() -> None:
    text = "He said on Thursday, in 2001 and since last year."
    for t in times(text):
        assert text[t.start : t.end] == t.expression
    assert [t.expression for t in times(text)] == ["Thursday", "2001", "last year"]


# --- timex_bounds -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2021-08-12", ("2021-08-12", "2021-08-12")),
        ("2021-08-13TMO", ("2021-08-13", "2021-08-13")),
        ("2021-08-13T10:35", ("2021-08-13", "2021-08-13")),
        ("2021-08", ("2021-08-01", "2021-08-31")),
        ("2020-02", ("2020-02-01", "2020-02-29")),
        ("2021", ("2021-01-01", "2021-12-31")),
        ("198X", ("1980-01-01", "1989-12-31")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("2021-W29", ("2021-07-19", "2021-07-25")),
        ("2021-W29-WE", ("2021-07-24", "2021-07-25")),
        ("2021-SU", ("2021-06-01", "2021-08-31")),
        ("2021-WI", ("2021-12-01", "2022-02-28")),
        ("2021-Q3", ("2021-07-01", "2021-09-30")),
        ("2021-H1", ("2021-01-01", "2021-06-30")),
        ("1989-WXX", ("1989-01-01", "1989-12-31")),
    ],
)
def test_timex_bounds(value: str, bounds: tuple[str, str]) -> None:
    assert timex_bounds(value) == bounds


@pytest.mark.parametrize(
    "value", ["PRESENT_REF", "PAST_REF", "FUTURE_REF", "P20Y", "PXM", "XXXX-WXX-5", ""]
)
def test_timex_bounds_none(value: str) -> None:
    assert timex_bounds(value) is None


def test_bc_bounds_sort_before_ad_and_in_order() -> None:
    b500 = timex_bounds("-0500")
    b100 = timex_bounds("-0100")
    ad1 = timex_bounds("0001")
    assert b500 is not None and b100 is not None and ad1 is not None
    assert b500[0] <= b500[1] < b100[0] <= b100[1] < ad1[0]


# --- seed corpus ------------------------------------------------------------------------------
SEED = Path(__file__).resolve().parent.parent / "corpus" / "000_5a29adba1a6ea471.txt"


@pytest.mark.skipif(not SEED.exists(), reason="seed corpus not present")
def test_seed_provincial_capitals_list() -> None:
    from explorer.extract import extract_document

    facts = extract_document(SEED.read_text(encoding="utf-8"))
    assert facts.date == "2021-08-13"
    text = SEED.read_text(encoding="utf-8")
    items = {}
    for t in facts.times:
        line_start = text.rfind("\n", 0, t.start) + 1
        if t.start == line_start and " – " in text[t.end : t.end + 4]:
            items[t.expression] = t.value
    for d in range(6, 13):
        assert items[f"Aug. {d}"] == f"2021-08-{d:02d}"
    assert all(v is not None and v.startswith("2021-08-") for v in items.values())
    rel = {t.expression: t.value for t in facts.times if t.expression in ("today", "Thursday")}
    assert rel == {"today": "2021-08-13", "Thursday": "2021-08-12"}


# --- more shapes ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "typ", "value"),
    [
        ("The blast occurred at 6 a.m. in the capital.", "6 a.m.", "TIME", "2021-08-13T06:00"),
        ("Voting closed at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME", "2021-08-11T22:00"),
        (
            "The deadline expired at midnight on Thursday.",
            "midnight on Thursday",
            "TIME",
            "2021-08-12T24:00",
        ),
        ("Flights resume at 14:30 GMT.", "14:30 GMT", "TIME", "2021-08-13T14:30"),
        (
            "In nineteen ninety-six the games came to Atlanta.",
            "nineteen ninety-six",
            "DATE",
            "1996",
        ),
        ("Sales will peak at Thanksgiving.", "Thanksgiving", "DATE", "2021-11-25"),
        ("Pilgrims gathered for Easter 2019.", "Easter 2019", "DATE", "2019-04-21"),
        ("The plant reopens this summer.", "this summer", "DATE", "2021-SU"),
        ("Talks resume next spring.", "next spring", "DATE", "2022-SP"),
        ("Sales fell in Q3 2020.", "Q3 2020", "DATE", "2020-Q3"),
        ("Growth slowed in the first half of 2020.", "the first half of 2020", "DATE", "2020-H1"),
        ("Earnings fall for the last half of 1989.", "the last half of 1989", "DATE", "1989-H2"),
        (
            "Demand holds through the first two quarters of 1990.",
            "the first two quarters of 1990",
            "DATE",
            "1990-H1",
        ),
        ("December's figures were revised.", "December", "DATE", "2020-12"),
        ("The war ended in the 21st century.", "the 21st century", "DATE", "20"),
        ("It was a crisis like no other this year.", "this year", "DATE", "2021"),
        ("The bombing came a day earlier than planned.", "a day", "DURATION", "P1D"),
    ],
)
def test_more_shapes(text: str, expr: str, typ: str, value: str) -> None:
    found = [t for t in times(text) if t.expression == expr]
    assert [(t.type, t.value) for t in found] == [(typ, value)], times(text)


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        # a deadline a week ahead in a past-tense sentence stays in the future
        ("Meissner gave no reason for the Jan. 14 deadline.", "2000-01-06", "2000-01-14"),
        # a day half a year away in either direction: news looks back
        ("He was last seen Nov. 3 near the border.", "1999-05-07", "1998-11-03"),
        ("The summit will be held on April 24.", "1999-02-10", "1999-04-24"),
        ("The Taliban captured the city in December.", "2021-08-13", "2020-12"),
        ("Parliament will vote in December.", "2021-08-13", "2021-12"),
        ("The company was founded in January.", "2021-08-13", "2021-01"),
    ],
)
def test_nearest_sensible_year(text: str, dct: str, value: str) -> None:
    assert one(text, dct).value == value


def test_weeks_are_iso_weeks() -> None:
    # 2021-08-15 is a Sunday, the last day of ISO week 32: last week is ISO week 31.
    assert one("Officials said last week that talks failed.", "2021-08-15").value == "2021-W31"
    assert one("They meet next week.", "2021-08-15").value == "2021-W33"


def test_weekend_follows_tense() -> None:
    assert one("Fighting raged over the weekend.", "2021-08-16").value == "2021-W32-WE"
    assert one("Crowds will gather this weekend.", "2021-08-13").value == "2021-W32-WE"


def test_previous_day_leans_on_the_story() -> None:
    found = times("Kabul fell on Aug. 15, 2021. The previous day, Jalalabad surrendered.")
    assert [(t.expression, t.value) for t in found] == [
        ("Aug. 15, 2021", "2021-08-15"),
        ("The previous day", "2021-08-14"),
    ]


def test_year_earlier_period_follows_the_quarter() -> None:
    found = times("Profit rose in the third quarter from the year-earlier period.", "1989-10-27")
    assert [(t.expression, t.value) for t in found] == [
        ("the third quarter", "1989-Q3"),
        ("the year-earlier period", "1988-Q3"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The case is for today's youth what the revolution was for their parents.",
        "If I were choosing the people of tomorrow, I would choose them.",
        "Gary Cooper starred in High Noon.",
        "The Sun and the Sat. reports differ.",
        "We watched ABC's This Week with the minister.",
        "Flight 1549 landed on the Hudson.",
    ],
)
def test_more_false_positives(text: str) -> None:
    assert [t for t in times(text) if t.type in ("DATE", "TIME")] == []


def test_abbreviated_weekday_only_before_full_date() -> None:
    t = one("• Wed. Nov 23rd, 2022")
    assert (t.expression, t.value) == ("Wed. Nov 23rd, 2022", "2022-11-23")


def test_bc_century_bounds() -> None:
    b = timex_bounds("-04")  # the 5th century BC: 500..401 BC
    assert b is not None
    assert b[0] < b[1] < timex_bounds("-0400")[0]  # type: ignore[index]


def test_random_text_never_breaks_offsets() -> None:
    """Shuffled date-ish tokens: no exception, every span is the text it claims, no overlaps."""
    import random

    rng = random.Random(7)
    vocab = [
        "Aug.",
        "6",
        "May",
        "may",
        "March",
        "2,000",
        "1990s",
        "'80s",
        "the",
        "last",
        "next",
        "week",
        "Thursday",
        "night",
        "at",
        "10",
        "p.m.",
        "three",
        "days",
        "later",
        "ago",
        "earlier",
        "this",
        "month",
        "500",
        "BC",
        "Q3",
        "2021",
        "–",
        "•",
        "\n",
        ",",
        ".",
        ";",
        "(",
        ")",
        "today",
        "Today",
        "programme",
        "early",
        "mid-",
        "late",
        "2021-08-13",
        "13/08/2021",
        "noon",
        "Sun",
        "Wed.",
        "of",
        "in",
        "since",
        "for",
        "months",
    ]
    for _ in range(300):
        text = " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 40)))
        for dct in (DCT, None):
            found = times(text, dct)
            for t in found:
                assert text[t.start : t.end] == t.expression
                assert t.type in ("DATE", "TIME", "DURATION", "SET")
                if t.value is not None and t.type in ("DATE", "TIME"):
                    assert t.value.endswith("_REF") or timex_bounds(t.value) is not None, t
            spans = sorted((t.start, t.end) for t in found)
            assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


TIMEBANK = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "timebank"


@pytest.mark.skipif(not TIMEBANK.is_dir(), reason="shared TimeBank data not present")
def test_tempeval_training_quality_does_not_regress() -> None:
    """A floor under the scores benchmarks/tempeval.py prints (relaxed extent and value F1)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "tempeval", Path(__file__).resolve().parent.parent / "benchmarks" / "tempeval.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    n_gold = n_pred = matched = correct = 0
    for f in sorted(TIMEBANK.glob("*/*.tml")):
        text, dct, gold = bench.parse_tml(f.read_text(encoding="utf-8"))
        gold = [g for g in gold if g[2] in ("DATE", "TIME")]
        preds = [p for p in times(text, dct) if p.type in ("DATE", "TIME")]
        n_gold += len(gold)
        n_pred += len(preds)
        used: set[int] = set()
        for gs, ge, _t, gv, _x in gold:
            hit = next(
                (i for i, p in enumerate(preds) if i not in used and p.start < ge and gs < p.end),
                None,
            )
            if hit is not None:
                used.add(hit)
                matched += 1
                correct += bench._norm(preds[hit].value) == bench._norm(gv)
    f1 = 2 * matched / (n_gold + n_pred)
    value_f1 = 2 * correct / (n_gold + n_pred)
    assert f1 > 0.92
    assert value_f1 > 0.79


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Across the South on Super Tuesday, 15 states vote.", "Super Tuesday", None),
        ("Shoppers queued on Black Friday 2020.", "Black Friday 2020", "2020-11-27"),
        ("Services were held on Ash Wednesday 2021.", "Ash Wednesday 2021", "2021-02-17"),
        ("Marchers remembered Bloody Sunday.", "Bloody Sunday", None),
    ],
)
def test_named_days_are_not_the_nearest_weekday(text: str, expr: str, value: str | None) -> None:
    t = one(text)
    assert (t.expression, t.value) == (expr, value)


def test_sunday_article_this_week_future_is_the_coming_week() -> None:
    # 2016-07-24 is a Sunday; the convention opens the next day.
    t = one("Gore will skip this week's convention.", "2016-07-24")
    assert t.value == "2016-W30"


def test_year_inside_a_name_is_not_a_date() -> None:
    assert times("Kopp's 1987 Chevrolet was found. Orion 1980, the venture, failed.") == []
    assert one("The 2012 Benghazi attacks shaped the race.").value == "2012"
    assert one("Since 2001 the war has dragged on.").value == "2001"


@pytest.mark.parametrize(
    "text",
    [
        "Trading opens by 1000 GMT on the exchange.",
        "The deadline passed at 1530 EST yesterday.",
        "Talks resumed in 1200 CDT sessions.",
        "Troops moved at 0900 local time and again at 2300 hours.",
        "The statement came at 1145 hrs.",
        "Trades entered by 1000 London time count.",
        "Trading will be from 0900 to 1305 Central Time.",
        "The day runs from 1800 to 2100 local Chicago time.",
    ],
)
def test_clock_times_are_not_years(text: str) -> None:
    assert not any(t.value and t.value[:1] in "012" and len(t.value) == 4 for t in times(text))


def test_price_tables_are_not_months_of_old_years() -> None:
    text = "PARIS SUGAR - APR 7\n May 1145/1148 ba\n Aug 1167/1169 ba\n"
    assert not any((t.value or "").startswith("11") for t in times(text))
    text = "SETTLEMENT NET CHANGE\n JUN 7656  UP    22\n SEP 7650  UP    22\n"
    assert not any((t.value or "").startswith("7") for t in times(text))
    assert one("Exports fell in August 1987 and rose.").value == "1987-08"


def test_years_next_to_clock_words_still_read() -> None:
    assert one("In 1987 GM posted a loss.").value == "1987"
    assert one("It was founded in 1996.").value == "1996"


def test_month_before_a_thousands_number_is_not_a_day() -> None:
    assert [t.expression for t in times("In May 2,000 people died.")] == ["May"]


@pytest.mark.parametrize(
    ("text", "dct", "value"),
    [
        ("They would look for ways around Wednesday's ruling.", "2000-01-07", "2000-01-05"),
        ("Turnout in Tuesday's election will be high.", "2016-11-06", "2016-11-08"),
        ("It was a premium over Thursday's closing price.", "1989-10-30", "1989-10-26"),
    ],
)
def test_possessive_weekday_is_the_nearest_one(text: str, dct: str, value: str) -> None:
    assert one(text, dct).value == value


# -- the rule table: every row's examples ------------------------------------------------------


def test_every_rule_has_examples_and_a_unique_name() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.examples, f"rule {rule.name} has no examples"
        assert rule.triggers, f"rule {rule.name} has no trigger words"


@pytest.mark.parametrize(
    ("rule", "example"),
    [(rule, ex) for rule in RULES for ex in rule.examples],
    ids=lambda x: getattr(x, "name", None) or getattr(x, "expression", ""),
)
def test_rule_examples(rule, example) -> None:  # type: ignore[no-untyped-def]
    """Each example sentence yields its expression, through its rule, with its value."""
    text = example.sentence
    found = find_times(text, split_sentences(text), EXAMPLE_DATE.isoformat())
    got = [(r.name, t.expression, t.value) for r, t in found]
    assert (rule.name, example.expression, example.value) in got, got


@pytest.mark.parametrize(
    "text",
    [
        "The Department will release the estimate at 1500 hrs EST (2100 gmt) today.",
        "MAY8  2040B  2060A  2063",
        "C 1750 2239(1720 2282) AA 2200 2650(2250 2600) AB 2000 2350(2100 2419) MSC 700 2199"
        " (850 2190)",
        "The overall index also hit a new high of 2188 versus 2179 on Friday.",
        "It said those boards let its PC 6300s series display television pictures.",
    ],
)
def test_figures_of_wire_copy_are_not_years(text: str) -> None:
    from explorer.extract import extract_document

    # A clock with its zone, rows of a table, an index level, a model number: no date at all.
    assert [t.value for t in extract_document(text).times if t.value and t.value[0].isdigit()] == []


def test_a_far_year_in_a_sentence_stays_a_year() -> None:
    from explorer.extract import extract_document

    got = [(t.expression, t.value) for t in extract_document("Seas may rise by 2100.").times]
    assert got == [("2100", "2100")]


@pytest.mark.parametrize(
    "text",
    [
        # levels and counts after "to", "of", "about"
        "The Nikkei index climbed 212 points to 1762 in thin trade.",
        "The blue-chip gauge lost a record 310 Tuesday to 1815, traders said.",
        "SHARES DOWN 62 POINTS, TO 1893 AT MIDDAY",
        "It settled at a closing figure of 1826 after a late rally.",
        "Officials counted about 1450 complaints by noon.",
        "The reactor ran at about 1100 megawatts on Friday.",
        "The ore body lies between 600 and 1350 feet below the surface.",
        "The steel maker raised prices for 1300-series sheet.",
        "The bank lent 2 mln dlrs for 1515 Elm Street, an office block.",
        # clock times in pairs, brackets and capital letters
        "The market will stay open from 0730 to 1645 each weekday.",
        "Evening trade runs between 1900 and 2200 in Chicago.",
        "Bids are due until 1400 (1300 GMT) on Monday.",
        "OFFERS STAND UNTIL 1600 SYDNEY LOCAL TIME.",
        "The briefing moved to 1230, an aide said.",
        "The session (1700/2100) will be broadcast.",
        # commodity tables: month, day and price columns
        " Mar   14     1312    up    3\n May   22     1290    dn    1\n",
        "SOFT WHITE SPRING 1485 1480 12",
        # a level named by the word after it
        "The last time the Dow index touched the 1840 level was in November.",
        "Traders watched the 1850 mark on the index.",
    ],
)
def test_levels_clocks_and_table_figures_are_not_years(text: str) -> None:
    from explorer.extract import extract_document

    got = [(t.expression, t.value) for t in extract_document(text).times]
    assert not [g for g in got if g[1] and re.fullmatch(r"1[0-9]{3}(-.*)?", g[1])], got


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The mill was founded in 1694 by a merchant.", "1694"),
        ("The family has farmed here since 1782.", "1782"),
        ("Output doubled between 1930 and 1945, records show.", "1930"),
        ("Output doubled from 1930 to 1945, records show.", "1945"),
        ("The bank has traded since 1985 Wall Street rules allowed it.", "1985"),
        ("Profits in fiscal 1986/1987 rose.", "1986"),
        ("Oil sold for 18 dlrs in 1986 and 1987 sales rose.", "1987"),
        ("The 1929 crash wiped out savings.", "1929"),
        ("The crash of 1929 wiped out savings.", "1929"),
        ("Production returned to 1979 levels.", "1979"),
        ("The treaty was signed on October 14, 1066.", "1066-10-14"),
    ],
)
def test_years_among_figures_stay_years(text: str, value: str) -> None:
    from explorer.extract import extract_document

    assert value in [t.value for t in extract_document(text).times]


@pytest.mark.parametrize(
    "text",
    [
        "He was president of 20th Century Fox Film Corp until May.",
        "CBS and 20th Century-Fox Film Corp formed a venture.",
        "Shares of 21st Century Insurance Group rose.",
    ],
)
def test_a_century_in_a_name_is_not_a_date(text: str) -> None:
    assert [t for t in times(text, "1987-06-01") if "entury" in t.expression] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Leaders met twice this century.", "20"),
        ("He admired the 19th century anarchist Mikhail Bakunin.", "18"),
        ("The 20th Century was violent.", "19"),
    ],
)
def test_centuries_stay_centuries(text: str, value: str) -> None:
    got = [(t.expression, t.value) for t in times(text, "2021-08-13")]
    assert value in [v for _e, v in got], got
