"""One document as every extractor sees it: the ``Doc`` they all read and annotate.

As in spaCy, the text is prepared once (hard-wrapped lines unwrapped, sentences and paragraphs
split, word tokens found) into a ``Doc``; each component of the pipeline
(``explorer.extract.PIPELINE``) reads what earlier ones wrote and adds its own annotations:
the publication date, entity mentions, date expressions, quotes, the title. No extractor splits
the text again, and a component added later (a tagger, a caption finder) reads and writes the
same object.

``segments`` say what each stretch of the text is. Today the whole text is one ``article``
segment; the kinds the reader will tell apart (front matter, captions, bylines, site chrome)
are named in ``SegmentKind`` so that a component can mark them and the others skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from explorer.extract.sentences import split_sentences, unwrap
from explorer.model import DocEntity, DocMeta, Mention, Quote, Sentence, TimeExpr

__all__ = ["Doc", "Segment", "SegmentKind", "Token"]

SegmentKind = Literal["article", "front matter", "caption", "byline", "chrome"]
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
    segments: list[Segment]
    # Annotations, filled by the pipeline's components in order.
    date: str | None = None  # publication date, ISO YYYY-MM-DD
    date_source: str = "none"
    entities: list[DocEntity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    title: str = ""

    @classmethod
    def make(cls, text: str, meta: DocMeta | None = None) -> Doc:
        """Prepare ``text``: unwrap hard-wrapped lines, split sentences, one article segment."""
        flow = unwrap(text)
        return cls(
            text=flow,
            meta=meta or DocMeta(),
            sentences=split_sentences(flow),
            segments=[Segment(0, len(flow), "article")],
        )

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
