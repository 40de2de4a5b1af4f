"""The extraction pipeline: one ``Doc`` per document, components that annotate it in order.

The text is prepared once into a ``Doc`` (``explorer.extract.doc``); the ``PIPELINE`` is a
declared list of components, each reading the ``Doc`` and adding its annotations, in order:

    segments -> pubdate -> names -> dates -> quotes -> title

Segments come first: the lines that are not the article (captions, bylines, site chrome)
give no timeline event and no quote. Dates need the publication date (relative expressions
resolve against it); quotes need the names (a speaker is canonicalised through the person
mentions).
"""

from __future__ import annotations

from collections.abc import Callable

from explorer.extract.dateline import find_dateline
from explorer.extract.dates import extract_times
from explorer.extract.dates.terms import security_term
from explorer.extract.doc import Doc, Segment
from explorer.extract.names import extract_entities
from explorer.extract.passages import passages
from explorer.extract.pubdate import publication_date
from explorer.extract.quotes import extract_quotes
from explorer.extract.segments import find_segments
from explorer.extract.speakers import no_place_speaks
from explorer.extract.title import guess_title, only_dates
from explorer.model import DocFacts, DocMeta

__all__ = ["PIPELINE", "Component", "extract_document"]

Component = Callable[[Doc], None]


def segments(doc: Doc) -> None:
    """The lines that are not the article: captions, bylines, site chrome (``segments.py``)."""
    found = find_segments(doc.text, doc.paragraphs, only_dates, doc.sentences)
    doc.segments = [Segment(start, end, kind) for start, end, kind in found]  # type: ignore[arg-type]


def pubdate(doc: Doc) -> None:
    """The publication date: metadata first, else a date line at the top, else the story's
    dateline ("BUENOS AIRES, Feb 26 -", ``dateline.py``), else the day the file's path names
    ("nyt_2016-10-02_story.txt", ``ingest/path_date.py``), else weighed from the text
    (``pubdate.py``). A dateline without a year (which takes the file's) comes before the path
    only when the path names no day."""
    meta = doc.meta
    doc.dateline = find_dateline(doc.text, doc.paragraphs, meta.file_date)
    day, source = publication_date(doc.text, doc.sentences, meta)
    line = doc.dateline
    if (
        line is not None
        and line.date is not None
        and (source == "none" or (source == "body" and not line.year_of_file))
        and not (line.year_of_file and meta.path_date)
    ):
        day = line.date
        source = "dateline, year of file" if line.year_of_file else "dateline"
    if meta.path_date and source in ("none", "body"):
        # The archive's own statement of the day beats the text's weaker evidence (dates in
        # the running text) and a dateline that gave no year.
        day, source = meta.path_date, "file name"
    doc.date, doc.date_source = day, source


def names(doc: Doc) -> None:
    """People, places and organisations, merged in the document (``names/``)."""
    doc.entities, doc.mentions = extract_entities(doc.text, doc.sentences, tables=doc.table_rows)


def dates(doc: Doc) -> None:
    """Date and time expressions resolved against the publication date (``dates/``)."""
    times = extract_times(doc.text, doc.sentences, doc.date)
    rows = doc.table_rows
    doc.times = [
        t
        for t in times
        if not doc.outside_article(t.start)
        # "2063" in "MAY8 2040B 2060A 2063": a figure of a table row, not a year
        and not (t.expression.isdigit() and any(a <= t.start < b for a, b in rows))
        # "notes due 1999", "the 1997 tranche": a security's name, not an event (terms.py)
        and not security_term(doc.text, t.start, t.end)
    ]


def quotes(doc: Doc) -> None:
    """Direct quotes and their speakers, canonicalised through the names (``quotes/``); a
    place never speaks, its government does (``speakers.py``)."""
    found = extract_quotes(doc.text, doc.sentences, doc.entities, doc.mentions)
    doc.quotes = [q for q in found if not doc.outside_article(q.start)]
    no_place_speaks(doc.quotes, doc.entities, doc.mentions)


def title(doc: Doc) -> None:
    """The metadata's title, else the headline line (``title.py``)."""
    doc.title = doc.meta.title or guess_title(doc.text, doc.sentences)


PIPELINE: tuple[tuple[str, Component], ...] = (
    ("segments", segments),
    ("pubdate", pubdate),
    ("names", names),
    ("dates", dates),
    ("quotes", quotes),
    ("title", title),
)


def extract_document(text: str, meta: DocMeta | None = None) -> DocFacts:
    """Run every component of the pipeline over one document's decoded text."""
    doc = Doc.make(text, meta)
    for _name, component in PIPELINE:
        component(doc)
    return DocFacts(
        title=doc.title,
        date=doc.date,
        date_source=doc.date_source,
        words=doc.word_count,
        text=doc.text,
        place=doc.dateline.place if doc.dateline else None,
        segments=[(s.start, s.end, s.kind) for s in doc.segments],
        passages=passages(doc.text, [s for s in doc.sentences if not doc.outside_article(s.start)]),
        sentences=doc.sentences,
        entities=doc.entities,
        mentions=doc.mentions,
        times=doc.times,
        quotes=doc.quotes,
    )
