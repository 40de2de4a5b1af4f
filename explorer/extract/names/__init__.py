"""People, places and organisations: mentions with offsets, merged into in-document entities.

No statistical tagger can be shipped, so the rules combine three kinds of evidence, strongest
first:

1. context a reader would use: a title or role before the name ("spokesman Ned Price",
   "Maj. Nicole Ferrara"), a speech verb after it ("Hashimi said"), an apposition
   ("Juma Khan, the border town's deputy commissioner"), "province of X", "X province",
   "capital of X", an organisation word at its end ("Defence Select Committee");
2. gazetteers (countries, cities with alternate spellings, provinces) and a short list of
   organisations known by one bare name (Taliban, NATO, BBC);
3. shape: two to four capitalised words with nothing else known about them are most often a
   person's name in news text.

A capitalised word with none of that evidence (sentence-initial "Pictured", "Thursday",
"Islamic") is only kept when the document names it fully elsewhere: "Khalilzad" after "Zalmay
Khalilzad", "Khan" after "Ismail Khan". That second pass is also where in-document aliases
merge (Wallace, Mr Wallace -> Ben Wallace) and where a one-letter slip of a place named in the
same article joins it ("Ghanzi" in an article about Ghazni).
"""

from __future__ import annotations

from explorer.extract.names.classify import _analyse, _lookup_only
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
from explorer.model import DocEntity, Mention, Sentence

__all__ = ["extract_entities", "same_place_spelling"]


def extract_entities(text: str, sentences: list[Sentence]) -> tuple[list[DocEntity], list[Mention]]:
    """Find person, place and organisation mentions and merge in-document aliases.

    Pure: the same text always gives the same entities, in order of first mention.
    """
    tokens = [_make_token(text, m) for m in _TOKEN.finditer(text)]
    if not tokens:
        return [], []
    initial = _sentence_initials(text, sentences)
    titlecase_lines = _titlecase_spans(text, sentences)
    cands: list[_Cand] = []
    for group, connectors in _groups(text, tokens):
        first = group[0].start
        lookup_only = all(t.caps for t in group) or _inside(first, titlecase_lines)
        if lookup_only:
            cands.extend(_lookup_only(text, group))
        else:
            cands.extend(_analyse(text, group, connectors, first in initial))
    return _merge(text, cands)
