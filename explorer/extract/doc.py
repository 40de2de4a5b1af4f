"""One document as every extractor sees it: the ``Doc`` they all read and annotate.

As in spaCy, the text is prepared once (hard-wrapped lines unwrapped, sentences and paragraphs
split, word tokens found) into a ``Doc``; each component of the pipeline
(``explorer.extract.PIPELINE``) reads what earlier ones wrote and adds its own annotations:
the publication date, entity mentions, date expressions, quotes, the title. No extractor splits
the text again, and a component added later (a tagger, a caption finder) reads and writes the
same object.

``segments`` are the stretches of the text that are not the article (site chrome, captions,
bylines; ``explorer.extract.segments`` finds them): the components that make timeline events
and quotes skip them (``outside_article``), the reader shows them dimmed. Front matter never
reaches a ``Doc``: the file readers take it off.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from explorer.extract.dateline import Dateline
from explorer.extract.sentences import split_sentences, unwrap
from explorer.extract.tables import table_rows
from explorer.model import DocEntity, DocMeta, Mention, Quote, Sentence, TimeExpr

__all__ = ["Doc", "Segment", "SegmentKind", "Token"]

SegmentKind = Literal["caption", "byline", "chrome"]
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the text with its offsets (``text[start:end]``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the text and what it is."""

    start: int
    end: int
    kind: SegmentKind


@dataclass
class Doc:
    """One document: its text prepared once, and the annotations the components add."""

    text: str  # the decoded text, hard wrapping undone (same length: offsets hold)
    meta: DocMeta
    sentences: list[Sentence]
    segments: list[Segment] = field(default_factory=list)  # what is not the article
    # Annotations, filled by the pipeline's components in order.
    dateline: Dateline | None = None  # "BUENOS AIRES, Feb 26 -": the story's place and day
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    date_source: str = "none"
    entities: list[DocEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    title: str = ""

    @classmethod
    def make(cls, text: str, meta: DocMeta | None = None) -> Doc:
        """Prepare ``text``: unwrap hard-wrapped lines, split sentences."""
        flow = unwrap(text)
        return cls(text=flow, meta=meta or DocMeta(), sentences=split_sentences(flow))

    def outside_article(self, pos: int) -> bool:
        """True when offset ``pos`` lies in a caption, byline or chrome line."""
        i = bisect.bisect_right(self._segment_starts, pos) - 1
        return i >= 0 and pos < self.segments[i].end

    @cached_property
    def table_rows(self) -> list[tuple[int, int]]:
        """Rows of tables (``tables.py``): read by names and by dates, found once."""
        return table_rows(self.text, self.sentences)

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [s.start for s in self.segments]

    @cached_property
    def word_count(self) -> int:
        """How many words the text has (without building a token for each: a tenth of a
        millisecond a document, a tenth of all extraction on short wire stories)."""
        return len(_WORD.findall(self.text))

    @cached_property
    def tokens(self) -> list[Token]:
        """The words of the text, with offsets (apostrophes and hyphens inside a word kept)."""
        return [Token(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text)]

    @cached_property
    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) of each paragraph, from the sentences' paragraph numbers."""
        out: list[tuple[int, int]] = []
        current = -1
        for s in self.sentences:
            if s.paragraph != current:
                out.append((s.start, s.end))
                current = s.paragraph
            else:
                out[-1] = (out[-1][0], s.end)
        return out
