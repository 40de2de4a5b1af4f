"""The filters a user sets in the app: the chips under the search bar.

A plain value with no Textual in it, so the loaders (``explorer.tui.loading``) and the messages
panes exchange (``explorer.tui.messages``) can both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from explorer.records import EntityKind

FilterKind = Literal["entity", "text"]


@dataclass(frozen=True, slots=True)
class Filter:
    """One chip under the search bar: an entity, or free text searched in quotes and documents."""

    kind: FilterKind
    value: Any  # entity id (int) or the text
    label: str
    entity_kind: EntityKind | None = None  # for the chip's colour
