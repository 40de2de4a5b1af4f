"""Titles for plain-text articles without metadata: what a reader would call the headline."""

from __future__ import annotations

import pytest

from explorer.extract import extract_document
from explorer.model import DocMeta


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "• Wed. Nov 23rd, 2022\n\nAug 13, 2021\n\nTroops sent to Kabul\n\nBody.",
            "Troops sent to Kabul",
        ),
        (
            "date 2021-07-18 After inconclusive talks, rivals will meet again.\n",
            "After inconclusive talks, rivals will meet again.",
        ),
        (
            "Published: March 3, 2020 | 10:42\n\nBudget passes after long night\n",
            "Budget passes after long night",
        ),
        ("On Thursday, the city fell.\n\nMore text.", "On Thursday, the city fell."),
        ("Monday, 5 May 2019\n", "Monday, 5 May 2019"),
        (
            "U.S. PAPER FALLS 375 MLN DLRS IN FEB 18 WEEK, FED SAYS\n\nNEW YORK, Feb 26 - The",
            "U.S. PAPER FALLS 375 MLN DLRS IN FEB 18 WEEK, FED SAYS",
        ),
        ("TULTEX CORP SETS QUARTERLY DIVIDEND\n", "TULTEX CORP SETS QUARTERLY DIVIDEND"),
        ("", ""),
    ],
    ids=[
        "site-header",
        "label-and-date",
        "published-line",
        "sentence-starting-with-date",
        "only-a-date",
        "date-inside-headline",
        "frequency-word-inside-headline",
        "empty",
    ],
)
def test_title_skips_date_lines_and_labels(text: str, title: str) -> None:
    assert extract_document(text).title == title


def test_metadata_title_wins() -> None:
    assert extract_document("Some text.", DocMeta(title="Given")).title == "Given"
