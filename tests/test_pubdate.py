"""Publication date: metadata first, then the article's own date line, then the body; never today.

The header-date trap: scraped pages often carry the day the page was rendered above the article's
own dateline. These cases build that trap in several shapes, none of them copied from the seeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.extract import extract_document
from explorer.extract.pubdate import normalise_date, publication_date
from explorer.extract.sentences import split_sentences
from explorer.ingest import read_file, scan
from explorer.ingest.path_date import date_in_path
from explorer.model import DocMeta


def pub(text: str, meta: DocMeta | None = None) -> tuple[str | None, str]:
    return publication_date(text, split_sentences(text), meta or DocMeta())


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2021-08-13", "2021-08-13"),
        ("2021-08-13T10:35:00Z", "2021-08-13"),
        ("Fri, 13 Aug 2021 10:35:00 +0000", "2021-08-13"),
        ("Aug 13, 2021", "2021-08-13"),
        ("13 August 2021", "2021-08-13"),
        ("13/08/2021", "2021-08-13"),
        ("20210813", "2021-08-13"),
    ],
)
def test_front_matter_normalised(raw: str, iso: str) -> None:
    assert pub("Some text on Thursday.", DocMeta(date=raw)) == (iso, "front matter")


def test_unparsable_meta_falls_back_to_text() -> None:
    assert pub("March 3, 2020\n\nThe talks collapsed today.", DocMeta(date="n/a")) == (
        "2020-03-03",
        "header line",
    )


def test_normalise_rejects_non_dates() -> None:
    assert normalise_date("yesterday-ish") is None
    assert normalise_date("2021-02-30") is None


BODY = (
    "The rebels seized the provincial capital on Thursday, officials said on Friday.\n"
    "Fighting continued overnight, and the governor fled on Thursday evening.\n"
    "In a statement issued on {echo}, the ministry said troops would regroup.\n"
)


@pytest.mark.parametrize(
    "header",
    [
        # site chrome with a bullet and an abbreviated weekday, article date further down
        "• Wed. Nov 23rd, 2022\n\nRebels take city\n\nJun 4, 2021\n\n",
        # separator-style navigation bar carrying today's date
        "Home | World | Tuesday 7 March 2023 | Subscribe\nRebels take city\n4 June 2021\n\n",
        # ISO render stamp at the very top, human dateline below
        "2024-01-15\nRebels take city\nBy Staff Reporter\nPublished: June 4, 2021 09:12 BST\n\n",
    ],
)
def test_header_trap_prefers_article_date(header: str) -> None:
    text = header + BODY.format(echo="June 4, 2021")
    assert pub(text) == ("2021-06-04", "header line")


def test_header_line_with_leading_date_and_headline() -> None:
    text = " date 2019-03-02 Talks resume in Doha\n\nDelegates met on Saturday for a second round."
    assert pub(text) == ("2019-03-02", "header line")


def test_lone_header_date_with_agreeing_weekdays() -> None:
    # 2021-06-04 was a Friday; the body talks about Thursday and Friday.
    text = "June 4, 2021\n" + BODY.format(echo="Friday")
    assert pub(text) == ("2021-06-04", "header line")


def test_body_date_with_weekday_and_caption() -> None:
    text = (
        "Rebels took the city on Friday, officials said.\n"
        "Displaced families wait at a checkpoint, Friday, June 4, 2021.\n"
        "Aid agencies said today that food was running out.\n"
    )
    assert pub(text) == ("2021-06-04", "body")


def test_historical_date_in_body_is_not_the_publication_date() -> None:
    text = (
        "The alliance was founded on April 4, 1949, in Washington.\n"
        "Ministers will meet again to discuss its future.\n"
    )
    assert pub(text) == (None, "none")


def test_undated_article_stays_undated() -> None:
    text = "On Thursday, the rebels captured the third largest city.\nDiplomats met in Doha."
    assert pub(text) == (None, "none")


SEEDS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000_", ("2021-08-13", "header line")),
        ("001_", (None, "none")),
        ("004_", ("2021-07-18", "header line")),
    ],
)
def test_seed_corpus(prefix: str, expected: tuple[str | None, str]) -> None:
    files = sorted(SEEDS.glob(prefix + "*.txt"))
    if not files:
        pytest.skip("seed corpus not present")
    assert pub(files[0].read_text(encoding="utf-8")) == expected


def test_chronology_lines_are_not_a_dateline() -> None:
    text = (
        "What went wrong for the governor\n\n"
        "Oct. 31, 2012 The storm hug.\n\n"
        "Sept. 9, 2013 Traffic problems.\n\n"
        "June 16, 2015 A rival joins the race.\n\n"
        "He left the race on Wednesday after a sixth-place finish.\n"
    )
    assert pub(text) == (None, "none")


def test_hard_wrapped_deadline_is_not_a_dateline() -> None:
    text = (
        "Merrill Lynch and Co is issuing a 100 mln Ecu eurobond due\n"
        "March 30, 1990, paying 7-3/8 pct and priced at 101 pct, the lead manager said.\n"
        "The bonds will be listed in Luxembourg.\n"
    )
    assert pub(text) == (None, "none")


def test_prose_starting_with_a_date_is_not_a_dateline() -> None:
    text = "Officials said the plan was approved.\n    On October 7, 1986, the unit sold 200 mln dlrs of notes.\n"
    assert pub(text) == (None, "none")


def test_published_label_with_time() -> None:
    text = "Rebels take city\nPublished: 4 June 2021 09:12 BST\n\nThe rebels said on Friday they held the city."
    assert pub(text) == ("2021-06-04", "header line")


def test_render_date_far_after_article_dates_loses() -> None:
    # Both lines are standalone; only the second agrees with the body.
    text = (
        "March 2, 2024\n\nTalks collapse\n\nNovember 5, 2019\n\n"
        "Negotiators walked out on Monday. By November 5, 2019, no deal was in sight.\n"
    )
    assert pub(text) == ("2019-11-05", "header line")


@pytest.mark.parametrize("raw", ["2021", "August 2021", "Aug 13", "Friday", "n/a", ""])
def test_normalise_needs_a_whole_day(raw: str) -> None:
    assert normalise_date(raw) is None


def test_published_beats_updated() -> None:
    text = (
        "Rebels take city\n"
        "Updated: June 6, 2021\n"
        "Published: June 4, 2021\n\n"
        "The rebels said on Friday they held the city.\n"
    )
    assert pub(text) == ("2021-06-04", "header line")


def test_iso_timestamp_header() -> None:
    text = "2021-06-04T09:12:00Z\nRebels take city\n\nThe rebels said on Friday they held the city."
    assert pub(text) == ("2021-06-04", "header line")


# --------------------------------------------------------------------------- the file's path


@pytest.mark.parametrize(
    ("rel", "day"),
    [
        ("nyt/nyt_2016-10-02_a-curious-plan.txt", "2016-10-02"),
        ("2016/10/02/story.html", "2016-10-02"),
        ("archive/2016/1/2/story.html", "2016-01-02"),
        ("APW19980807.0261.txt", "1998-08-07"),
        ("wires/20161002-kabul.md", "2016-10-02"),
        ("2016_10_02 Kabul.txt", "2016-10-02"),
        ("2016.10.02.txt", "2016-10-02"),
        ("2016-10-02/2016-10-03 late edition.txt", "2016-10-03"),  # nearest the file name
        ("2016-10-02/notes.txt", "2016-10-02"),
        ("windows\\2016-10-02\\story.txt", "2016-10-02"),
        # not a day
        ("reut-0012345.txt", None),
        ("report-2016.txt", None),
        ("2016-10/story.txt", None),
        ("10-02-2016.txt", None),  # month or day first: ambiguous
        ("2016-13-02.txt", None),
        ("2016-02-30.txt", None),
        ("120161002.txt", None),  # inside a longer number
        ("201610021.txt", None),
        ("2016-10_02.txt", None),  # mixed separators
        ("1850-10-02.txt", None),
        ("story.txt", None),
    ],
)
def test_the_day_a_path_names(rel: str, day: str | None) -> None:
    assert date_in_path(rel) == day


def test_the_path_dates_an_article_that_states_no_date_of_its_own(tmp_path: Path) -> None:
    folder = tmp_path / "2016" / "10"
    folder.mkdir(parents=True)
    (folder / "nyt_2016-10-02_talks.txt").write_text(
        "The talks collapsed on Thursday, officials said.\n", encoding="utf-8"
    )
    (folder / "day.jsonl").write_text('{"text": "Rates held yesterday."}\n', encoding="utf-8")
    entries, _ = scan(tmp_path)
    docs = {d.id: d for e in entries for d in read_file(e)[0]}
    talks = docs["2016/10/nyt_2016-10-02_talks.txt"]
    assert talks.meta.path_date == "2016-10-02"
    assert docs["2016/10/day.jsonl#1"].meta.path_date is None  # "2016/10" names no day
    facts = extract_document(talks.text, talks.meta)
    assert (facts.date, facts.date_source) == ("2016-10-02", "file name")
    assert [t.value for t in facts.times if t.expression == "Thursday"] == ["2016-09-29"]


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        # metadata, a date line at the top and a dateline with its year come before the path
        ("Rates held.", DocMeta(date="2016-09-30"), ("2016-09-30", "front matter")),
        ("Sept. 30, 2016\n\nRates held today.", DocMeta(), ("2016-09-30", "header line")),
        ("BONN, Sept 30, 2016 - Rates held.", DocMeta(), ("2016-09-30", "dateline")),
        # a dateline without a year, the running text and nothing at all come after it
        (
            "BONN, Sept 30 - Rates held.",
            DocMeta(file_date="2016-11-20"),
            ("2016-10-02", "file name"),
        ),
        (
            "On Friday, Sept. 30, 2016, the bank met. The bank met again on Sept. 30, 2016.",
            DocMeta(),
            ("2016-10-02", "file name"),
        ),
        ("Rates held.", DocMeta(), ("2016-10-02", "file name")),
    ],
)
def test_where_the_path_ranks_among_the_evidence(
    text: str, meta: DocMeta, expected: tuple[str, str]
) -> None:
    meta.path_date = "2016-10-02"
    facts = extract_document(text, meta)
    assert (facts.date, facts.date_source) == expected
    meta.path_date = None
    assert extract_document(text, meta).date_source != "file name"
