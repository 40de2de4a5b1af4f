"""The Python API: ``open_corpus()`` and the records it returns.

The command line, the app and notebooks all go through this module, so a fact looks the same
wherever it is read. The records live in ``explorer.records`` (frozen dataclasses whose fields are the JSON contract of
the command line: ``to_dict()`` is exactly what ``--json`` prints); this module re-exports them,
and ``Query``, the question every reader answers (``corpus.reader.quotes(Query(...))``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.errors import UsageError
from explorer.index.query import Query, date_range, first_day, last_day
from explorer.index.query_language import parse as parse_query
from explorer.records import (
    ENTITY_KINDS,
    Bookmark,
    Contradiction,
    Document,
    Entity,
    EntityKind,
    Event,
    Mention,
    Quote,
    SavedSearch,
    Span,
    Stats,
)


def open_corpus(
    path: str | Path,
    index: str | Path | None = None,
    *,
    update: bool = True,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    stale_ok: bool = True,
) -> Corpus:
    """Open (and by default bring up to date) the index of the corpus folder at ``path``.

    ``index`` overrides where the SQLite file lives; by default it is in the user cache folder,
    keyed by the corpus's absolute path. ``progress(done, total)`` is called while documents are
    extracted, ``warn(line)`` once for each file that is skipped. When the index cannot be
    written (a full disk, a read-only file) it answers as it is after a ``warn`` line, unless
    ``stale_ok`` is off or it holds nothing yet: then ``ExplorerError`` says why.
    """
    from explorer.corpus import Corpus  # the index layer; imported late to keep this light

    return Corpus.open(path, index, update=update, progress=progress, warn=warn, stale_ok=stale_ok)


if TYPE_CHECKING:
    from explorer.corpus import Corpus


def __getattr__(name: str) -> Any:
    """``from explorer.api import Corpus`` without importing the index layer up front.

    Importing ``explorer.corpus`` loads the builder and every extractor (~0.25 s); a plain
    re-export made the app pay that before painting its first screen.
    """
    if name == "Corpus":
        from explorer.corpus import Corpus

        return Corpus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ENTITY_KINDS",
    "Bookmark",
    "Contradiction",
    "Corpus",
    "Document",
    "Entity",
    "EntityKind",
    "Event",
    "Mention",
    "Query",
    "Quote",
    "SavedSearch",
    "Span",
    "Stats",
    "UsageError",
    "date_range",
    "first_day",
    "last_day",
    "open_corpus",
    "parse_query",
]
