"""Date expressions (placeholder until the timeline issue fills it in)."""

from __future__ import annotations

from explorer.model import Sentence, TimeExpr


def extract_times(text: str, sentences: list[Sentence], doc_date: str | None) -> list[TimeExpr]:
    """Find date/time expressions and resolve them against ``doc_date``."""
    return []


def timex_bounds(value: str) -> tuple[str, str] | None:
    """First and last ISO day a TIMEX3 value covers, for sorting and range filters."""
    return None
