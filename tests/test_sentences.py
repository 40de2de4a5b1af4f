"""Sentence splitting: the unit every fact is shown in, with offsets into the text."""

from __future__ import annotations

import pytest

from explorer.extract.sentences import split_sentences, unwrap


def pieces(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start : s.end]) for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text",
    [
        "The U.S. Army said so. Then it left.",
        "Maj. Gen. Smith arrived on Aug. 6 in Kabul. Then it left.",
        "Mr. Wallace and Dr. Jones met John F. Kennedy Jr. in Washington, D.C. yesterday. Then it left.",
        "Mrs Holt spoke at 5 p.m. on Monday. Then it left.",
    ],
)
def test_abbreviations_do_not_end_sentences(text: str) -> None:
    got = pieces(text)
    assert [p[1] for p in got][-1] == "Then it left."
    assert len(got) == 2


def test_quotes_and_closing_marks_stay_with_their_sentence() -> None:
    text = "He said “Go.” Then he left! Did he? Yes…"
    assert [p[1] for p in pieces(text)] == ["He said “Go.”", "Then he left!", "Did he?", "Yes…"]


def test_lines_are_boundaries_and_kinds_are_told_apart() -> None:
    text = (
        "Taliban take Kandahar\n\n"
        "• The group seized the city. Officials fled.\n"
        "- Second bullet\n"
        "Aug. 6 – ZARANJ – The Taliban take over the city. It is the first.\n"
        "10:45 - Police say the road is closed. More soon.\n"
        "The city fell on Friday. Residents fled.\n"
    )
    assert pieces(text) == [
        ("headline", "Taliban take Kandahar"),
        ("item", "• The group seized the city. Officials fled."),
        ("item", "- Second bullet"),
        ("item", "Aug. 6 – ZARANJ – The Taliban take over the city. It is the first."),
        ("item", "10:45 - Police say the road is closed. More soon."),
        ("sentence", "The city fell on Friday."),
        ("sentence", "Residents fled."),
    ]


def test_a_dash_inside_prose_is_not_an_entry() -> None:
    text = "Lashkar Gah – the capital of Helmand – fell on Friday."
    assert pieces(text) == [("sentence", text)]


def test_offsets_survive_crlf_free_whitespace_and_paragraphs() -> None:
    text = "  First one.  Second one.\n\n\tThird paragraph here.\n"
    got = split_sentences(text)
    assert [text[s.start : s.end] for s in got] == [
        "First one.",
        "Second one.",
        "Third paragraph here.",
    ]
    assert [s.paragraph for s in got] == [0, 0, 1]


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("\n\n   \n") == []


WIRE = (
    "Showers continued throughout the week in\n"
    "the Bahia cocoa zone, alleviating the drought since early\n"
    "January and improving prospects for the coming harvest,\n"
    "Comissaria Smith said in its weekly review.\n"
    "    The dry period means the harvest will be late this year.\n"
    "Arrivals for the week ended February 22 were 155,221 bags\n"
    "of 60 kilos making a cumulative total for the season.\n"
)


def test_hard_wrapped_wire_copy_flows_into_sentences() -> None:
    flow = unwrap(WIRE)
    assert len(flow) == len(WIRE)
    got = [WIRE[s.start : s.end].replace("\n", " ") for s in split_sentences(flow)]
    assert got[0].startswith("Showers continued") and got[0].endswith("weekly review.")
    assert got[1] == "The dry period means the harvest will be late this year."
    assert len(got) == 3


def test_one_paragraph_per_line_is_left_alone() -> None:
    text = "First paragraph ends here.\nSecond paragraph is separate.\nThird one too.\nFourth.\n"
    assert unwrap(text) is text


def test_doc_is_prepared_once_and_offsets_hold() -> None:
    from explorer.extract import PIPELINE, Doc, extract_document
    from explorer.extract.sentences import unwrap

    raw = "KABUL, Aug 13 - The Taliban took Kandahar on Thursday, officials said.\n\nIt's over.\n"
    doc = Doc.make(raw)
    assert doc.text == unwrap(raw) and len(doc.text) == len(raw)
    assert [doc.text[t.start : t.end] for t in doc.tokens][:3] == ["KABUL", "Aug", "13"]
    assert "It's" in [t.text for t in doc.tokens]
    assert len(doc.paragraphs) == 2 and doc.text[slice(*doc.paragraphs[1])].startswith("It's")
    assert doc.segments == []  # found by the pipeline's first component
    assert [name for name, _ in PIPELINE] == [
        "segments", "pubdate", "names", "dates", "quotes", "title",
    ]  # fmt: skip
    facts = extract_document(raw)
    assert facts.words == len(doc.tokens) == doc.word_count
    assert any(t.expression == "Thursday" for t in facts.times)
