"""A quote is spoken by a person or a body, never by a place.

When the attribution names a place ("Japan branded North Korea an outlaw nation", "Even China,
Pyongyang's only ally, said"), what speaks is its government: the speaker's mention becomes a
mention of an organisation of that name (the place keeps its other mentions and coordinates),
as ``names/combine.py`` already does for "Washington said". A "place" the gazetteer does not
know is more likely a misread heading ("CONGRESS HAS INVESTIGATED HIM") than a government: the
quote keeps no speaker rather than a wrong one.
"""

from __future__ import annotations

import re

from explorer.model import DocEntity, Mention, Quote
from explorer.records import ORG, PLACE


def no_place_speaks(
    quotes: list[Quote], entities: list[DocEntity], mentions: list[Mention]
) -> None:
    """Re-read, in place, every quote whose speaker is a place (see the module docstring)."""
    governments: dict[int, int] = {}  # place entity -> its government's entity
    for q in quotes:
        if q.speaker_start is None or q.speaker_end is None:
            continue
        mi = _speaker_mention(mentions, q)
        if mi is None:
            if _names_a_place(q.speaker, entities):
                # "he added" read as the dateline's city ("BRASILIA, Nov 30 - ... he said"): a
                # pronoun or a role stands for a person, so the place was the wrong antecedent.
                q.speaker = None
            continue
        m = mentions[mi]
        place = entities[m.entity]
        if place.kind != PLACE:
            continue
        if place.gazetteer_id is None:
            q.speaker = q.speaker_mention = None
            q.speaker_start = q.speaker_end = None
            continue
        gov = governments.get(m.entity)
        if gov is None:
            gov = governments[m.entity] = len(entities)
            entities.append(DocEntity(place.name, ORG, aliases=[m.text]))
        elif m.text not in entities[gov].aliases:
            entities[gov].aliases.append(m.text)
        mentions[mi] = Mention(m.start, m.end, m.text, ORG, gov)
        q.speaker = place.name
    for ent_index, _gov in governments.items():
        place = entities[ent_index]
        still = {m.text for m in mentions if m.entity == ent_index}
        place.aliases = [a for a in place.aliases if a in still] or [place.name]


def _names_a_place(speaker: str | None, entities: list[DocEntity]) -> bool:
    """The speaker's name is the name or an alias of a place of the document, and of nothing
    else (a person or body of the same name may speak)."""
    if not speaker:
        return False
    key = speaker.casefold()
    kinds = {e.kind for e in entities if key in {a.casefold() for a in (e.name, *e.aliases)}}
    return kinds == {PLACE}


def _speaker_mention(mentions: list[Mention], q: Quote) -> int | None:
    """The mention naming the speaker: at the very words, or the same words after an article
    ("the United States"); not a place inside a longer description ("the US embassy in
    Kabul" is the embassy speaking, not the United States)."""
    words = _ARTICLE.sub("", q.speaker_mention or "").casefold()
    for i, m in enumerate(mentions):
        if m.start == q.speaker_start and m.end == q.speaker_end:
            return i
        if (
            q.speaker_start is not None
            and q.speaker_start <= m.start < (q.speaker_end or 0)
            and m.text.casefold() == words
        ):
            return i
    return None


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
