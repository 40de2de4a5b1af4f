"""People, places and organisations: mentions with offsets, merged into in-document entities.

Two readers, then a merge:

1. the rules (``classify.py``) read every run of capitalised words with the evidence a reader
   uses, strongest first: a title or role before the name ("spokesman Ned Price"), a speech
   verb after it, an apposition, "province of X", an organisation word at its end; the
   gazetteers (countries, cities with alternate spellings, provinces) and known bodies
   (Taliban, NATO); shape last. Headline capitals are only looked up;
2. a CRF tagger trained on CoNLL-2003 news (``tagger.py``), given the rules' reading of each
   token as a feature, reads the same sentences; ``combine.py`` settles the two readings;
3. the merge (``merge.py``) keeps a word of unknown kind only when the document names it fully
   elsewhere ("Khalilzad" after "Zalmay Khalilzad"), and joins in-document aliases (Wallace,
   Mr Wallace -> Ben Wallace; a one-letter slip of a place named in the same article).
"""

from __future__ import annotations

from explorer.extract.names.classify import _analyse, _lookup_only
from explorer.extract.names.combine import combine, tagged_spans
from explorer.extract.names.merge import _merge, same_place_spelling
from explorer.extract.names.tokens import (
    _TOKEN,
    _Cand,
    _groups,
    _inside,
    _make_token,
    _sentence_initials,
    _titlecase_spans,
)
from explorer.extract.tables import table_rows
from explorer.model import DocEntity, Mention, Sentence

__all__ = ["extract_entities", "rule_candidates", "same_place_spelling"]


def extract_entities(
    text: str,
    sentences: list[Sentence],
    *,
    use_tagger: bool = True,
    tables: list[tuple[int, int]] | None = None,
) -> tuple[list[DocEntity], list[Mention]]:
    """Find person, place and organisation mentions and merge in-document aliases.

    Pure: the same text always gives the same entities, in order of first mention.
    ``use_tagger=False`` runs the rules alone: how ``benchmarks/ner.py`` measures what the
    tagger adds. ``tables``: the rows of tables, when the caller found them already.
    """
    cands, headlines = rule_candidates(text, sentences, tables)
    if use_tagger:
        spans = tagged_spans(text, sentences, cands, headlines)
        cands = combine(text, spans, cands, headlines, _sentence_initials(text, sentences))
    return _merge(text, cands)


def rule_candidates(
    text: str, sentences: list[Sentence], tables: list[tuple[int, int]] | None = None
) -> tuple[list[_Cand], list[tuple[int, int]]]:
    """What the rules read in every run of capitalised words, and the Title Case headline
    lines (where they only look names up); the tagger weighs both as evidence."""
    tokens = [_make_token(text, m) for m in _TOKEN.finditer(text)]
    if not tokens:
        return [], []
    initial = _sentence_initials(text, sentences)
    # Headlines in Title Case and rows of tables: capitals there say nothing of names.
    if tables is None:
        tables = table_rows(text, sentences)
    titlecase_lines = sorted(_titlecase_spans(text, sentences) + tables)
    cands: list[_Cand] = []
    for group, connectors in _groups(text, tokens):
        first = group[0].start
        lookup_only = all(t.caps for t in group) or _inside(first, titlecase_lines)
        if lookup_only:
            cands.extend(_lookup_only(text, group))
        else:
            cands.extend(_analyse(text, group, connectors, first in initial))
    return cands, titlecase_lines
