"""Lines that are not the article (captions, bylines, site chrome) give no events or quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.extract import extract_document, segments
from explorer.extract.segments import RULES, SENTENCE_RULES, _rule_kind
from explorer.model import DocMeta

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.parametrize(
    ("rule", "line"), [(r, line) for r in RULES for line in r.matches], ids=lambda x: str(x)[:40]
)
def test_each_rule_takes_its_examples(rule, line: str) -> None:  # type: ignore[no-untyped-def]
    assert _rule_kind(line) == rule.kind


@pytest.mark.parametrize("line", [line for r in RULES for line in r.misses])
def test_prose_that_looks_alike_stays_article(line: str) -> None:
    assert _rule_kind(segments._FILLER.sub("", line).strip(), line) is None


def _found(paragraph: str) -> list[str]:
    body = "Headline of the page\n\n" + paragraph
    at = len(body) - len(paragraph)
    spans = segments.find_segments(body, [(0, at - 2), (at, len(body))], lambda _: False)
    return [body[s:e] for s, e, _kind in spans]


@pytest.mark.parametrize(
    ("rule", "paragraph"),
    [(r, p) for r in SENTENCE_RULES for p in r.matches],
    ids=lambda x: str(x)[:40],
)
def test_a_caption_inside_a_paragraph_is_only_its_sentence(rule, paragraph: str) -> None:  # type: ignore[no-untyped-def]
    found = _found(paragraph)
    assert len(found) == 1
    caption = found[0]
    assert rule.pattern.search(caption)
    # the article's sentences around it stay article
    assert caption != paragraph.strip() and caption in paragraph


@pytest.mark.parametrize("paragraph", [p for r in SENTENCE_RULES for p in r.misses])
def test_an_article_paragraph_keeps_its_sentences(paragraph: str) -> None:
    assert _found(paragraph) == []


def test_a_shaped_caption_is_never_the_headline() -> None:
    line = "Fighters gather outside the governor’s office in Kandahar on August 13, 2021"
    text = line + "\n\n" + line
    paragraphs = [(0, len(line)), (len(line) + 2, len(text))]
    spans = segments.find_segments(text, paragraphs, lambda _: False)
    assert [(s, kind) for s, _e, kind in spans] == [(len(line) + 2, "caption")]


@pytest.mark.parametrize("line", segments.LEADING_EXAMPLES)
def test_a_date_label_before_the_headline_is_chrome(line: str) -> None:
    found = segments.find_segments(line, [(0, len(line))], lambda _: False)
    assert len(found) == 1
    start, end, kind = found[0]
    assert kind == "chrome" and line[end:].strip()[0].isupper()  # the headline stays


def _facts(text: str, date: str = "2021-08-14"):  # type: ignore[no-untyped-def]
    return extract_document(text, DocMeta(date=date))


# Articles as different outlets lay them out: each holds one article sentence with a date and
# a quote, and around it the page's other lines, each with a date or a quote of its own.
PAGES = {
    "tabloid": (
        "• Wed. Nov 23rd, 2022\n"
        "Taliban take Kandahar\n"
        "By Jane Doe For Mailonline\n"
        "The Taliban took Kandahar on Thursday, officials said. “It is over,” a commander said.\n"
        "Pictured: Fighters in Kandahar on August 13, 2021, after the city fell\n"
        "READ MORE: ‘We will fight on,’ says governor as Herat falls on Friday\n"
        "Share this article\n"
    ),
    "wire": (
        "By Ahmad Seir and Kathy Gannon\n"
        "KABUL, Afghanistan (AP) — The Taliban took Kandahar on Thursday. “It is over,” a "
        "commander said.\n"
        "Fighters patrol the city on Friday, Aug. 13, 2021. (AP Photo/Sidiqullah Khan)\n"
        "Copyright 2021 The Associated Press. All rights reserved.\n"
    ),
    "broadsheet": (
        "Home | World | Asia | Afghanistan\n"
        "Updated: 13/08/2021 10:32\n"
        "The Taliban took Kandahar on Thursday. “It is over,” a commander said.\n"
        "In this photo taken on August 12, 2021, smoke rises over the city.\n"
        "Crowds at the airport on Sunday. Photograph: Jane Doe/Reuters\n"
        "Related: ‘A betrayal’, says veteran on Monday\n"
        "Reporting by John Roe; Editing by Mark Smith\n"
    ),
    # Captions without a label, as scrapers keep them: a line in the present tense closing on
    # its date, a caption glued to a paragraph, an agency caption leading one, a teaser.
    "scraped": (
        "date 2021-08-14 Taliban take Kandahar\n"
        "The Taliban took Kandahar on Thursday. “It is over,” a commander said. Fighters "
        "gather outside the governor’s office in Kandahar on August 13, 2021\n"
        "Smoke rises over the old city, in Kandahar, Afghanistan, Friday, Aug. 13, 2021. "
        "Residents fled west.\n"
        "Former governor Jane Roe with tribal elders in Quetta, Pakistan, last September\n"
        "Families wait for buses outside the stadium in Kabul on Sunday\n"
        "The governor’s remarks on Friday come as…\n"
    ),
}


@pytest.mark.parametrize("style", sorted(PAGES))
def test_only_the_article_gives_events_and_quotes(style: str) -> None:
    facts = _facts(PAGES[style])
    text = facts.text
    events = [t for t in facts.times if t.type in ("DATE", "TIME")]
    assert [t.expression for t in events] == ["Thursday"]
    assert [q.text for q in facts.quotes] == ["It is over,"]
    kinds = {kind for _s, _e, kind in facts.segments}
    assert kinds and kinds <= {"caption", "byline", "chrome"}
    for s, e, _kind in facts.segments:
        assert "took Kandahar" not in text[s:e]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no bundled corpus")
def test_seed_captions_and_date_bar_give_no_events() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        facts = extract_document(path.read_text(encoding="utf-8"))
        for t in facts.times:
            line_start = facts.text.rfind("\n", 0, t.start) + 1
            line = facts.text[line_start : line_start + 40]
            assert not line.startswith(("Pictured", "In this picture", "•")), (path.name, line)
            # Nor a caption glued to the end of a paragraph ("… there. Pictured: …").
            before = facts.text[line_start : t.start]
            assert "Pictured:" not in before.replace("\u00a0", " "), (path.name, t.expression)
            assert not (t.value or "").startswith("2022-11"), (path.name, t.expression)


# The seed articles' captions that carry no label, as found by reading them.
SEED_CAPTIONS = (
    "Taliban fighters stand over a damaged police vehicle",
    "Taliban fighters drive an Afghan National Army",
    "Smoke rises after fighting between the Taliban and Afghan security personnel, in Kandahar",
    "Taliban fighters stand on a vehicle along the roadside in Kandahar",
    "Stranded Afghan nationals stand in queues",
    "Stranded people cross the border between Pakistan and Afghanistan",
    "A Taliban flag is seen flying",
    "Former US Secretary of State Mike Pompeo with",
)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no bundled corpus")
def test_seed_captions_without_a_label_give_no_events() -> None:
    path = CORPUS / "000_5a29adba1a6ea471.txt"
    facts = extract_document(path.read_text(encoding="utf-8"))
    captions = [facts.text[s:e] for s, e, kind in facts.segments if kind == "caption"]
    for start in SEED_CAPTIONS:
        assert any(c.startswith(start) for c in captions), start
    for t in facts.times:
        sentence = next(s for s in facts.sentences if s.start <= t.start < s.end)
        assert not facts.text[sentence.start : sentence.end].startswith(SEED_CAPTIONS)


def test_the_index_keeps_them_for_the_reader(tmp_path: Path) -> None:
    from explorer import open_corpus

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "page.txt").write_text(PAGES["wire"], encoding="utf-8")
    with open_corpus(folder, tmp_path / "i.sqlite") as corpus:
        text = corpus.text("page.txt")
        asides = [s for s in corpus.spans("page.txt") if s.kind == "aside"]
        assert {s.label for s in asides} == {"byline", "caption", "chrome"}
        caption = next(s for s in asides if s.label == "caption")
        assert text[caption.start : caption.end].endswith("(AP Photo/Sidiqullah Khan)")
        assert [e.expression for e in corpus.timeline(doc="page.txt")] == ["Thursday"]


@pytest.mark.parametrize("line", segments.TRAILING_EXAMPLES)
def test_a_caption_glued_to_a_paragraph_is_found(line: str) -> None:
    found = segments.find_segments(line, [(0, len(line))], lambda _: False)
    assert len(found) == 1
    start, end, kind = found[0]
    assert kind == "caption" and line[start:end].split(":")[0].strip().lower() == "pictured"
    assert end == len(line) and start > 0  # the paragraph before it stays article


@pytest.mark.parametrize("line", segments.TRAILING_MISSES)
def test_prose_with_a_label_word_is_not_a_glued_caption(line: str) -> None:
    assert segments.find_segments(line, [(0, len(line))], lambda _: False) == []
