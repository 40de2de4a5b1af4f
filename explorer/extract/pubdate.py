"""Publication date of an article (placeholder until the timeline issue fills it in)."""

from __future__ import annotations

from explorer.model import DocMeta, Sentence


def publication_date(text: str, sentences: list[Sentence], meta: DocMeta) -> tuple[str | None, str]:
    """Return (ISO date or None, date_source)."""
    if meta.date:
        return meta.date, "front matter"
    return None, "none"
