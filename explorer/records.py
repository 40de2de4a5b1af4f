"""The records every front end reads: documents, events, quotes, entities, highlights.

One module, standard library only, at the bottom of the layers: the index reader builds these,
the Python API returns them, the command line prints ``to_dict()`` as its JSON and the app
renders them. Field names *are* the JSON contract of the command line (README, "JSON
records"), so a field renamed here is a breaking change for every script that reads
``--json``.

Records are frozen: a record is a fact read from the index, and a pane, a cache or a caller
that could change one in place would make two views of the same fact disagree. Derive a new
one with ``dataclasses.replace`` instead.

Entity kinds are spelled once, here (``EntityKind``/``ENTITY_KINDS``); the extractors, the
index, the command line and the app all use these names.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Final, Literal, get_args

EntityKind = Literal["person", "place", "org"]
PERSON: Final = "person"
PLACE: Final = "place"
ORG: Final = "org"
ENTITY_KINDS: tuple[EntityKind, ...] = get_args(EntityKind)
# What each kind is called in prose (help, legends, error lines).
KIND_LABELS: dict[str, str] = {PERSON: "person", PLACE: "place", ORG: "organisation"}

# A highlight in the reader is an entity mention, a quote or a date expression.
# "aside": a line that is not the article (caption, byline, site chrome; ``label`` says which).
SpanKind = Literal["person", "place", "org", "quote", "date", "aside"]


def is_entity_kind(kind: str | None) -> bool:
    """True for "person", "place" and "org": the kinds an entity (and a name filter) can have."""
    return kind in ENTITY_KINDS


class _Record:
    """``to_dict()``: exactly the JSON object the command line prints for a record."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """One article in the corpus."""

    id: str
    path: str
    title: str
    date: str | None
    # "front matter" | "header line" | "dateline" | "file name" | "dateline, year of file" |
    # "body" | "inferred" | "none"
    date_source: str
    source: str | None
    words: int
    url: str | None = None
    events: int = 0
    quotes: int = 0
    entities: int = 0
    author: str | None = None
    place: str | None = None  # where the story was filed, from its dateline
    # An inferred date (date_source "inferred"): how sure, and the passages it rests on, each
    # {doc, start, end} of the dated document and {passage_start, passage_end} in this one.
    date_confidence: float | None = None
    date_evidence: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Event(_Record):
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
    # Documents telling the same event (the same date, the same fact in the same or other
    # words): this one first, each {doc, start, end} of the sentence there.
    corroborating_docs: int = 1  # len(sources)
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Quote(_Record):
    """A direct quote with its speaker and where it was read."""

    doc: str
    text: str  # explorer show DOC's text[start:end], as the reader highlights it
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
    docs: int = 1  # documents carrying the same (or nearly the same) quote: len(sources)
    score: float | None = None
    # The quoted words as read: equal to ``text`` unless the quote comes in several parts
    # (split by its attribution, or over paragraphs), then the parts joined by " … " or a
    # newline. ``parts`` holds the [start, end] of each part (one for most quotes).
    display: str = ""
    parts: tuple[tuple[int, int], ...] = ()
    # This quote first, then one {doc, start, end} for each other document carrying it.
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Entity(_Record):
    """A person, place or organisation with its aliases merged across the corpus."""

    id: int
    name: str
    kind: EntityKind
    aliases: list[str]
    mentions: int
    docs: int
    lat: float | None = None
    lon: float | None = None
    score: float | None = None  # how well it matched a `find` query; absent from plain listings

    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        if d["score"] is None:
            del d["score"]
        return d


@dataclass(frozen=True, slots=True)
class Mention(_Record):
    """One place a corpus entity is named: ``text`` is ``explorer show DOC``'s text[start:end]."""

    doc: str
    start: int
    end: int
    text: str
    kind: EntityKind
    entity_id: int  # the corpus entity id (``explorer entities`` lists it as ``id``)

    @property
    def entity(self) -> int:
        """The corpus entity id under its first name (kept for code written against it)."""
        return self.entity_id


@dataclass(frozen=True, slots=True)
class Contradiction(_Record):
    """Two passages that disagree about one subject (``explorer contradictions``).

    ``kind``: "date" (the same event dated differently) or "number" (the same thing counted
    differently). ``a`` and ``b`` are each ``{doc, start, end, text, value}``: the sentence's
    offsets in ``explorer show DOC``'s text, the sentence, and the normalised date or number it
    gives (``a`` the earlier date or the first document). ``note`` says it in words.
    """

    kind: str
    subject: str
    a: dict[str, Any]
    b: dict[str, Any]
    note: str


@dataclass(frozen=True, slots=True)
class SavedSearch(_Record):
    """A query kept under a name (``explorer saved add NAME QUERY``)."""

    name: str
    query: str


@dataclass(frozen=True, slots=True)
class Bookmark(_Record):
    """A passage a person pinned, with its citation.

    ``status``: "ok" (the text is still at ``start``-``end``), "moved" (the document changed
    and the passage was found again by its text; the offsets are the new ones) or "gone" (the
    document or the passage is no longer there; the offsets and text are the ones pinned).
    """

    doc: str
    start: int
    end: int
    text: str
    note: str | None
    doc_title: str | None
    doc_date: str | None
    source: str | None
    url: str | None
    status: str = "ok"


@dataclass(frozen=True, slots=True)
class Span:
    """A highlight in a document's text, for the reader."""

    start: int
    end: int
    kind: SpanKind
    label: str  # entity name, speaker or resolved date


@dataclass(frozen=True, slots=True)
class Stats:
    """What the index holds, for the app's header and `explorer index`."""

    documents: int
    events: int
    quotes: int
    entities: int


__all__ = [
    "ENTITY_KINDS",
    "KIND_LABELS",
    "Bookmark",
    "Contradiction",
    "ORG",
    "PERSON",
    "PLACE",
    "Document",
    "Entity",
    "EntityKind",
    "Event",
    "Mention",
    "Quote",
    "SavedSearch",
    "Span",
    "SpanKind",
    "Stats",
    "is_entity_kind",
]
