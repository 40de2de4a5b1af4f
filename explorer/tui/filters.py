"""The filters a user sets in the app: the chips under the search bar.

A plain value with no Textual in it, so the loaders (``explorer.tui.loading``) and the messages
panes exchange (``explorer.tui.messages``) can both use it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from explorer.records import EntityKind

FilterKind = Literal["entity", "text", "query"]


@dataclass(frozen=True, slots=True)
class Filter:
    """One chip under the search bar: an entity, free text searched in every pane, or a query
    in the query language (``explorer help query``: fields, OR, NOT) that every pane runs."""

    kind: FilterKind
    value: Any  # entity id (int), the text, or the query as typed
    label: str
    entity_kind: EntityKind | None = None  # for the chip's colour
