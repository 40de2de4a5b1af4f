"""The facts explorer extracts from one document, as plain dataclasses.

This module is the contract between the extractors (``explorer.extract``), the index
(``explorer.index``) and everything above them. It imports nothing but the standard library,
so a notebook, a Dask worker or a test can build and inspect facts without SQLite or Textual.

Every fact carries provenance as character offsets (``start``/``end``, end exclusive) into the
document's decoded text: ``text[start:end]`` is the span the fact was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from explorer.records import EntityKind


@dataclass(slots=True)
class Sentence:
    """A sentence, list item or headline line: the unit a fact is shown in."""

    start: int
    end: int
    kind: str = "sentence"  # "sentence" | "item" | "headline"
    paragraph: int = 0  # index of the paragraph (blank-line or line-break block) it sits in


@dataclass(slots=True)
class DocEntity:
    """One person, place or organisation as one document knows it (aliases merged in-document)."""

    name: str  # the fullest form used in the document ("Ben Wallace")
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)  # every surface form seen, name included
    lat: float | None = None
    lon: float | None = None
    # A gazetteer key ("geonames:1138958", "country:AF", "subdivision:AF-KAN") when the name
    # matched one; documents that agree on it are the same place whatever their spelling.
    gazetteer_id: str | None = None


@dataclass(slots=True)
class Mention:
    """One occurrence of an entity in the text."""

    start: int
    end: int
    text: str
    kind: EntityKind
    entity: int  # index into DocFacts.entities


@dataclass(slots=True)
class TimeExpr:
    """A date or time expression, normalised to a TIMEX3 value against the article's date."""

    start: int
    end: int
    expression: str  # the text as written: "on Thursday" -> "Thursday"
    type: str  # "DATE" | "TIME" | "DURATION" | "SET"
    value: str | None  # TIMEX3 value ("2021-08-12", "2021-W29", "198X"); None when unresolved
    # "day" | "week" | "month" | "season" | "quarter" | "year" | "decade" | "century" | None
    precision: str | None = None


@dataclass(slots=True)
class Quote:
    """A direct quote and, when it can be told, who said it."""

    start: int  # offsets of the quote text, without the quotation marks
    end: int
    text: str  # the document text[start:end]: its provenance, as the reader highlights it
    speaker: str | None = None  # canonical name, or a role/body ("a Taliban spokesman")
    speaker_mention: str | None = None  # the words in the text that name the speaker
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None  # "said", "told", "according to", ":" ...
    fragment: bool = False  # a short scare quote such as 'rotten'
    # The quoted words as read: the parts of a quote split by its attribution joined by " … ",
    # paragraphs by a newline. Equal to ``text`` for a quote in one part.
    display: str = ""
    parts: list[tuple[int, int]] = field(default_factory=list)  # offsets of each part


@dataclass(slots=True)
class DocMeta:
    """What the reader of a file knows before extraction (front matter, HTML meta, JSON fields)."""

    title: str | None = None
    date: str | None = None  # ISO date given by metadata, trusted over anything in the body
    source: str | None = None
    url: str | None = None
    author: str | None = None
    file_date: str | None = None  # the file's modification day (UTC): a yearless dateline's year
    path_date: str | None = None  # the day the file's path names (ingest/path_date.py)


@dataclass(slots=True)
class DocFacts:
    """Everything extracted from one document: the pure output of ``extract_document``."""

    title: str
    date: str | None  # publication date, ISO YYYY-MM-DD
    date_source: str  # "front matter" | "header line" | "dateline" | "file name" | ... | "none"
    words: int
    place: str | None = None  # the dateline's place, as written ("BUENOS AIRES")
    # The text every offset indexes and ``explorer show`` prints: the decoded article with
    # hard wrapping undone (same length as what was read, so offsets also index that).
    text: str = ""
    # (start, end, MinHash keys) of the sentences worth matching across documents.
    passages: list[tuple[int, int, tuple[int, ...]]] = field(default_factory=list)
    # (start, end, kind) of the lines that are not the article: "caption", "byline", "chrome".
    segments: list[tuple[int, int, str]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[DocEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
