"""People, places and organisations (placeholder until the names issue fills it in)."""

from __future__ import annotations

from explorer.model import DocEntity, Mention, Sentence


def extract_entities(text: str, sentences: list[Sentence]) -> tuple[list[DocEntity], list[Mention]]:
    """Find entity mentions and merge in-document aliases."""
    return [], []
