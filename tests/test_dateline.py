"""Datelines in the styles of several agencies and papers: the story's place and day."""

from __future__ import annotations

import pytest

from explorer.extract import extract_document
from explorer.extract.dateline import find_dateline
from explorer.extract.doc import Doc
from explorer.model import DocMeta


def line(text: str, file_date: str | None = None):  # type: ignore[no-untyped-def]
    doc = Doc.make(text)
    return find_dateline(doc.text, doc.paragraphs, file_date)


@pytest.mark.parametrize(
    ("text", "place", "day"),
    [
        (
            "VIENNA, Feb 2, 2021 – The agency said it would inspect the site.",
            "VIENNA",
            "2021-02-02",
        ),
        ("KABUL, Afghanistan (AP) — The Taliban took Kandahar.", "KABUL", None),
        ("NEW YORK, March 3, 1987 (Reuters) - Stocks rose.", "NEW YORK", "1987-03-03"),
        (
            "PORTLAND, Ore., Feb 26, 1987 - Red Lion Inns said it filed a plan.",
            "PORTLAND",
            "1987-02-26",
        ),
        (
            "RICHMOND, Va. Feb 26, 1987 - Qtly div eights cts vs 7.5 cts prior.",
            "RICHMOND",
            "1987-02-26",
        ),
        ("Vienna, Feb 2, 2021 - The agency said so.", "Vienna", "2021-02-02"),
        (
            "Headline Here\n\nGENEVA, Sept. 14, 2020 -- Talks resumed on Monday.",
            "GENEVA",
            "2020-09-14",
        ),
    ],
)
def test_datelines(text: str, place: str, day: str | None) -> None:
    found = line(text)
    assert found is not None and found.place == place and found.date == day


@pytest.mark.parametrize(
    "text",
    [
        "US - stocks rose.",
        "Smith, a banker - said no.",
        "ARGENTINA COULD SUSPEND DEBT PAYMENTS - DEPUTY\n",
        "The Taliban - a movement born in 1994 - took the city.",
    ],
)
def test_not_datelines(text: str) -> None:
    assert line(text) is None


def test_a_yearless_dateline_takes_the_files_year_without_passing_it() -> None:
    assert line("BONN, Feb 26 - Rates held.", "1987-03-01").date == "1987-02-26"
    # Saved on Jan 4: a story from Dec 30 is last year's.
    assert line("BONN, Dec 30 - Rates held.", "1988-01-04").date == "1987-12-30"
    assert line("BONN, Dec 30 - Rates held.").date is None  # no file date: no day


def test_the_dateline_dates_the_story_and_names_its_place() -> None:
    facts = extract_document(
        "GRAIN REVIEW\n\nBUENOS AIRES, Feb 26 - Farmers sold wheat on Tuesday.\n",
        DocMeta(file_date="1987-02-27"),
    )
    assert (facts.date, facts.date_source, facts.place) == (
        "1987-02-26",
        "dateline, year of file",
        "BUENOS AIRES",
    )
    assert [t.value for t in facts.times if t.expression == "Tuesday"] == ["1987-02-24"]
    # Metadata wins over the dateline.
    meta = DocMeta(date="1987-02-25", file_date="1987-02-27")
    assert extract_document("BONN, Feb 26 - Rates held.", meta).date_source == "front matter"
