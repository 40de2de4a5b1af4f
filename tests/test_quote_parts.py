"""Each part of quote extraction on its own: spans, speaker words, resolution, attribution.

tests/test_quotes.py checks what extract_quotes returns; these pin what each module is for, so
a change in one part shows up there rather than somewhere in the composition.
"""

from __future__ import annotations

from explorer.extract.names import extract_entities
from explorer.extract.quotes.attribution import merge_split, post_attribution, pre_attribution
from explorer.extract.quotes.resolution import Resolver
from explorer.extract.quotes.spans import find_spans
from explorer.extract.quotes.speaker import Speaker, name_in, speaker_from_chunk
from explorer.extract.sentences import split_sentences


def words(text: str, parts: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in parts]


# -- spans -------------------------------------------------------------------------------------


def test_spans_pair_marks_and_skip_apostrophes() -> None:
    text = "“We’ll stay,” he said of the ’80s and the Martyrs’ Square rally. ‘Rotten’ deal."
    spans = find_spans(text)
    assert [words(text, s.parts) for s in spans] == [["We’ll stay,"], ["Rotten"]]
    assert all(s.closed for s in spans)


def test_spans_run_over_paragraphs_when_the_next_one_reopens() -> None:
    text = "“The first part.\n\n“The second part,” she said.\n\nNot quoted."
    (span,) = find_spans(text)
    assert words(text, span.parts) == ["The first part.", "The second part,"]
    assert span.seps == ["\n"]


def test_an_unclosed_quote_ends_at_its_paragraph() -> None:
    text = "He said “this never closes\n\nNext paragraph."
    (span,) = find_spans(text)
    assert words(text, span.parts) == ["this never closes"] and not span.closed


# -- speaker words -----------------------------------------------------------------------------


def test_name_in_takes_the_name_after_a_role() -> None:
    text = "the envoy Zalmay Khalilzad"
    sp = name_in(text, 0, len(text))
    assert sp is not None and (sp.name, sp.kind) == ("Zalmay Khalilzad", "name")
    assert text[sp.start : sp.end] == "Zalmay Khalilzad"
    # A capitalised title is part of the words that name the speaker, not of the name.
    text = "Defence Secretary Ben Wallace"
    sp = name_in(text, 0, len(text))
    assert sp is not None and sp.name == "Ben Wallace" and text[sp.start : sp.end] == text


def test_speaker_from_chunk_reads_names_roles_and_pronouns() -> None:
    for chunk, name, kind in [
        ("Zalmay Khalilzad, the US envoy,", "Zalmay Khalilzad", "name"),
        ("a Taliban spokesman", "a Taliban spokesman", "role"),
        ("he", "he", "pronoun"),
    ]:
        sp = speaker_from_chunk(chunk, 0, len(chunk))
        assert sp is not None and (sp.name, sp.kind) == (name, kind), chunk


# -- resolution --------------------------------------------------------------------------------


def test_resolver_makes_a_short_name_canonical() -> None:
    text = "Ben Wallace spoke first. Later Wallace added a line."
    sentences = split_sentences(text)
    entities, mentions = extract_entities(text, sentences)
    resolver = Resolver(text, sentences, entities, mentions, [])
    at = text.index("Wallace added")
    assert resolver.canonical(Speaker("Wallace", "Wallace", at, at + 7, "name")) == "Ben Wallace"


# -- attribution -------------------------------------------------------------------------------


def test_attribution_after_and_before_a_quote() -> None:
    text = "“We will not abandon Kandahar,” said Ben Wallace, the defence secretary."
    close = text.index("”") + 1
    after = post_attribution(text, close, len(text), close - 1)
    assert after is not None and after.speaker is not None
    assert (after.speaker.name, after.cue) == ("Ben Wallace", "said")
    text = "Ben Wallace told Sky News: “It was a mistake.”"
    opener = text.index("“")
    before = pre_attribution(text, 0, opener, 0)
    assert before is not None and before.speaker is not None
    assert (before.speaker.name, before.cue) == ("Ben Wallace", "told")


def test_a_quote_split_by_its_attribution_is_merged() -> None:
    text = "“The deal,” he said, “was a mistake.”"
    (span,) = merge_split(text, find_spans(text))
    assert words(text, span.parts) == ["The deal,", "was a mistake."]
    assert span.seps == [" … "]
