"""Direct quotes and speakers (placeholder until the quotes issue fills it in)."""

from __future__ import annotations

from explorer.model import DocEntity, Mention, Quote, Sentence


def extract_quotes(
    text: str, sentences: list[Sentence], entities: list[DocEntity], mentions: list[Mention]
) -> list[Quote]:
    """Find direct quotes and attribute them."""
    return []
