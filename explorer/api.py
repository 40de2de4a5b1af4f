"""The Python API: ``open_corpus()`` and the records it returns.

The command line, the app and notebooks all go through this module, so a fact looks the same
wherever it is read. Records are plain dataclasses whose fields match the JSON contract of the
command line (``to_dict()`` is exactly what ``--json`` prints).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from explorer.errors import UsageError


@dataclass(slots=True)
class Document:
    """One article in the corpus."""

    id: str
    path: str
    title: str
    date: str | None
    date_source: str
    source: str | None
    words: int
    url: str | None = None
    events: int = 0
    quotes: int = 0
    entities: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Event:
    """A dated (or, in an undated article, unresolved) event on the timeline."""

    doc: str
    date: str | None  # ISO day/month/year/decade as the precision allows ("2021-08-12", "198X")
    precision: str | None
    expression: str
    expr_start: int
    expr_end: int
    text: str  # the sentence or list item the expression sits in
    start: int
    end: int
    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    value: str | None = None  # the full TIMEX3 value ("2021-08-13TMO")
    doc_date: str | None = None
    doc_title: str | None = None
    corroborating_docs: int = 1  # documents reporting an event on the same date with similar text

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Quote:
    """A direct quote with its speaker and where it was read."""

    doc: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    fragment: bool
    speaker_id: int | None = None  # entity id when the speaker is a known person/org
    doc_date: str | None = None
    doc_title: str | None = None
    docs: int = 1  # documents carrying the same (or nearly the same) quote
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Entity:
    """A person, place or organisation with its aliases merged across the corpus."""

    id: int
    name: str
    kind: str
    aliases: list[str]
    mentions: int
    docs: int
    lat: float | None = None
    lon: float | None = None
    score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if d["score"] is None:
            del d["score"]
        return d


@dataclass(slots=True)
class Span:
    """A highlight in a document's text, for the reader."""

    start: int
    end: int
    kind: str  # "person" | "place" | "org" | "quote" | "date"
    label: str  # entity name, speaker or resolved date


@dataclass(slots=True)
class Stats:
    documents: int
    events: int
    quotes: int
    entities: int


def open_corpus(
    path: str | Path,
    index: str | Path | None = None,
    *,
    update: bool = True,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> Corpus:
    """Open (and by default bring up to date) the index of the corpus folder at ``path``.

    ``index`` overrides where the SQLite file lives; by default it is in the user cache folder,
    keyed by the corpus's absolute path. ``progress(done, total)`` is called while documents are
    extracted, ``warn(line)`` once for each file that is skipped.
    """
    from explorer.corpus import Corpus  # the index layer; imported late to keep this light

    return Corpus.open(path, index, update=update, progress=progress, warn=warn)


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
    "Corpus",
    "Document",
    "Entity",
    "Event",
    "Quote",
    "Span",
    "Stats",
    "UsageError",
    "open_corpus",
]
