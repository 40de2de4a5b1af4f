"""Property tests: any text gives facts without an exception, each with its provenance.

Every fact's words are the slice its offsets name in the text ``explorer show`` prints
(``facts.text``: hard wrapping undone, same length as the input): mentions, date expressions,
quotes (each part of a split quote too) and the words naming a speaker.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explorer.extract import extract_document
from explorer.extract.sentences import unwrap
from explorer.model import DocMeta

WORDS = [
    "Kabul", "Kandahar", "Ben", "Wallace", "said", "told", "the", "Taliban", "on", "Friday",
    "August", "13,", "2021", "in", "1980s", "“", "”", "‘", "’", '"', "'", ":", "—", "-", ".",
    ",", "Mr", "President", "he", "she", "according", "to", "Q3", "10:35", "GMT", "last",
    "week", "ago", "three", "days", "\n\n", "•", "(Reuters)", "WASHINGTON", "\x1b[2J", "\u202e",
]  # fmt: skip

texts = st.lists(st.sampled_from(WORDS), max_size=120).map(" ".join) | st.text(max_size=400)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "2021-08-13"]))
def test_any_text_gives_facts_whose_offsets_name_their_words(text: str, date: str | None) -> None:
    facts = extract_document(text, DocMeta(date=date))
    shown = facts.text
    assert len(shown) == len(text) and shown == unwrap(text)
    for m in facts.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert shown[m.start : m.end] == m.text
    for t in facts.times:
        assert 0 <= t.start < t.end <= len(text)
        assert shown[t.start : t.end] == t.expression
    for q in facts.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert shown[q.start : q.end] == q.text
        parts = q.parts or [(q.start, q.end)]
        assert parts[0][0] == q.start and parts[-1][1] == q.end
        for s, e in parts:
            assert e >= s and shown[s:e] in q.display
        if q.speaker_start is not None and q.speaker_end is not None:
            assert shown[q.speaker_start : q.speaker_end] == q.speaker_mention
