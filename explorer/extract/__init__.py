"""Pure per-document extraction: text and metadata in, facts out.

Nothing here touches the disk, the index or the terminal, so the same function runs in a
process pool, a Dask/Ray worker or a test, and its output depends only on its input.
"""

from __future__ import annotations

import re

from explorer.extract.dates import extract_times
from explorer.extract.names import extract_entities
from explorer.extract.pubdate import publication_date
from explorer.extract.quotes import extract_quotes
from explorer.extract.sentences import split_sentences, unwrap
from explorer.extract.title import guess_title
from explorer.model import DocFacts, DocMeta

_WORD = re.compile(r"\w+(?:[’'-]\w+)*")

__all__ = ["extract_document", "split_sentences"]


def extract_document(text: str, meta: DocMeta | None = None) -> DocFacts:
    """Run every extractor over one document's decoded text."""
    meta = meta or DocMeta()
    # Hard-wrapped wire copy reads as flowing paragraphs; same length, so offsets hold.
    flow = unwrap(text)
    sentences = split_sentences(flow)
    date, date_source = publication_date(flow, sentences, meta)
    entities, mentions = extract_entities(flow, sentences)
    times = extract_times(flow, sentences, date)
    quotes = extract_quotes(flow, sentences, entities, mentions)
    return DocFacts(
        title=meta.title or guess_title(flow, sentences),
        date=date,
        date_source=date_source,
        words=len(_WORD.findall(text)),
        sentences=sentences,
        entities=entities,
        mentions=mentions,
        times=times,
        quotes=quotes,
    )
