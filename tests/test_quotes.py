"""Direct quotes and their speakers, on hand-written passages (and the bundled seed corpus).

Each case is small and aimed at one rule: quotation-mark styles, apostrophe traps, nested and
multi-paragraph quotes, attribution before/after/around a quote, pronouns, roles and quotes
with no speaker at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from explorer.extract import extract_document
from explorer.extract.quotes import extract_quotes
from explorer.extract.sentences import split_sentences, unwrap
from explorer.model import DocEntity, Mention, Quote
from explorer.records import PERSON

ROOT = Path(__file__).resolve().parent.parent


def quotes(text: str) -> list[Quote]:
    found = extract_quotes(text, split_sentences(text), [], [])
    shown = unwrap(text)  # what `explorer show` prints: hard wrapping undone, same offsets
    for q in found:  # provenance: the text is the slice its offsets name, parts included
        assert shown[q.start : q.end] == q.text
        assert all(shown[s:e] in q.display for s, e in q.parts)
    return found


def only(text: str) -> Quote:
    found = quotes(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


# --------------------------------------------------------------------------------------------
# Marks, apostrophes and spans
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quoted",
    [
        ("“We will win,” she said.", "We will win,"),
        ('"We will win," she said.', "We will win,"),
        ("‘We will win,’ she said.", "We will win,"),
        ("'We will win,' she said.", "We will win,"),
        ("«We will win», she said.", "We will win"),
        ("''We will win,'' she said.", "We will win,"),
        ("She said: “We will win.”", "We will win."),
        ("He said it was “pretty much over.” Then he left.", "pretty much over."),
    ],
)
def test_quote_mark_styles(text: str, quoted: str) -> None:
    q = only(text)
    assert q.text == quoted
    assert text[q.start : q.end] == quoted


@pytest.mark.parametrize(
    "text, quoted",
    [
        # Apostrophes inside words and elisions never close a British-style quote.
        (
            "‘Kandahar is completely conquered. The Mujahideen reached Martyrs’ Square,’ a "
            "Taliban spokesman tweeted.",
            "Kandahar is completely conquered. The Mujahideen reached Martyrs’ Square,",
        ),
        (
            "‘It’s Afghanistan’s worst day and we don’t know why,’ he said.",
            "It’s Afghanistan’s worst day and we don’t know why,",
        ),
        ("‘Music of the ’80s was better,’ he said.", "Music of the ’80s was better,"),
        ("'We love rock 'n' roll,' she said.", "We love rock 'n' roll,"),
        ("'Tell 'em we're coming,' she said.", "Tell 'em we're coming,"),
        ("‘The voters’ choice is clear,’ he said.", "The voters’ choice is clear,"),
    ],
)
def test_apostrophes_are_not_closing_quotes(text: str, quoted: str) -> None:
    assert only(text).text == quoted


@pytest.mark.parametrize(
    "text",
    [
        "Afghanistan’s second city fell and the Taliban’s flag flew over Martyrs’ Square.",
        "The ’80s were a decade of rock 'n' roll, and it's fine.",
        "He was 5'11 tall and didn't care about the players' union.",
        "",
    ],
)
def test_no_quotes_in_apostrophe_text(text: str) -> None:
    assert quotes(text) == []


def test_nested_quotes_stay_inside() -> None:
    q = only("“He told me ‘never again’ and left,” she said.")
    assert q.text == "He told me ‘never again’ and left,"
    q = only("‘They shouted “God is great” all night,’ a resident said.")
    assert q.text == "They shouted “God is great” all night,"


def test_multi_paragraph_quote_is_one_quote() -> None:
    text = (
        "Conservative Tobias Ellwood said on Twitter: ‘What would Churchill say?\n"
        "‘The largest alliance ever – defeated by an insurgency.\n"
        "‘We can and must do better.’\n"
        "The next paragraph is plain."
    )
    q = only(text)
    assert q.display == (
        "What would Churchill say?\nThe largest alliance ever – defeated by an insurgency.\n"
        "We can and must do better."
    )
    assert text[q.start :].startswith("What would")
    assert text[: q.end].endswith("do better.")
    assert q.speaker == "Tobias Ellwood"


def test_unclosed_quote_ends_at_its_paragraph() -> None:
    text = (
        "‘Right until this afternoon the city was normal,’ resident Masoom Jan told AFP.\n"
        "‘Late afternoon everything changed. They entered the city in rush.\n"
        "Herat had been under attack for two weeks."
    )
    qs = quotes(text)
    assert [q.text for q in qs] == [
        "Right until this afternoon the city was normal,",
        "Late afternoon everything changed. They entered the city in rush.",
    ]
    # The unclosed paragraph continues the previous quote: same speaker.
    assert qs[0].speaker == qs[1].speaker == "Masoom Jan"


def test_quote_split_by_attribution_is_one_quote() -> None:
    text = "Rahim Khan is a commander. “We are ready,” he said, “and we will not stop.”"
    q = only(text)
    assert q.display == "We are ready, … and we will not stop."
    assert q.text == "We are ready,” he said, “and we will not stop."
    assert [text[s:e] for s, e in q.parts] == ["We are ready,", "and we will not stop."]
    assert q.speaker == "Rahim Khan"
    assert q.cue == "said"
    assert text[q.start : q.start + 12] == "We are ready"
    assert text[: q.end].endswith("will not stop.")


def test_split_quote_with_named_speaker_between_sentences() -> None:
    text = "“The two parties agreed,” said ambassador Mutlaq al-Qahtani. “They will meet again.”"
    q = only(text)
    assert q.display == "The two parties agreed, … They will meet again."
    assert q.speaker == "Mutlaq al-Qahtani"


def test_unclosed_quote_ended_by_its_attribution() -> None:
    text = (
        "“So far, we’ve retaken 24 districts; our goal is to retake all of the territories… "
        "Ajmal Omar Shinwari told reporters, “We are ready to protect our homeland.”"
    )
    q = only(text)
    assert q.speaker == "Ajmal Omar Shinwari"
    assert q.cue == "told"
    assert q.display.startswith("So far, we’ve retaken 24 districts")
    assert "Shinwari" not in q.display
    assert q.display.endswith("We are ready to protect our homeland.")


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("Ben Wallace blasted Donald Trump for agreeing a ‘rotten’ deal.", True),
        ("Militants killed 967 “enemy” combatants, according to a spokesman.", True),
        ("Johnny Mercer called the withdrawal ‘a disgrace’.", True),
        ("They shouted: “God is great!”", False),
        ("“Absolutely,” he said.", False),
        ("‘I think it’s humiliating for the UK military,’ he told Times Radio.", False),
    ],
)
def test_fragment_flag(text: str, fragment: bool) -> None:
    assert only(text).fragment is fragment


# --------------------------------------------------------------------------------------------
# Speakers
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        # Speaker after the quote, name before or after the cue, with and without roles.
        (
            "‘We demand an end to attacks,’ said Zalmay Khalilzad, the US envoy to the talks.",
            "Zalmay Khalilzad",
            "said",
        ),
        (
            "“We are reducing our footprint,” US State Department spokesman Ned Price told reporters.",
            "Ned Price",
            "told",
        ),
        (
            "‘Right until this afternoon it was normal,’ Herat resident Masoom Jan told AFP.",
            "Masoom Jan",
            "told",
        ),
        (
            '"I fundamentally disagree," said retired Army Lt. Gen. Mick Bednarek, who served.',
            "Mick Bednarek",
            "said",
        ),
        (
            "''You need to bomb them,'' Representative Michele Bachmann, Republican of Minnesota, "
            "told Mr. Obama.",
            "Michele Bachmann",
            "told",
        ),
        (
            '"It is a disaster," the assailant, John McGraw, told the program.',
            "John McGraw",
            "told",
        ),
        ("“What was the pivot point?” Beck questioned.", "Beck", "questioned"),
        # Speaker before the quote.
        (
            "Conservative Tobias Ellwood, chairman of the committee, said on Twitter: ‘This is "
            "NOT our finest hour.’",
            "Tobias Ellwood",
            "said",
        ),
        (
            "U.S. Air Force Maj. Nicole Ferrara, spokeswoman for Central Command, stated that "
            "American forces had conducted “multiple airstrikes to defend our partners.”",
            "Nicole Ferrara",
            "stated",
        ),
        (
            "Despite the gains, Hibatullah Akhundzada, the group’s supreme leader, announced that "
            "“the Islamic Emirate fervently favors a political settlement.”",
            "Hibatullah Akhundzada",
            "announced",
        ),
        (
            "Former minister Rory Stewart called the withdrawal ‘a total betrayal by the US and "
            "by the UK’ that risked war.",
            "Rory Stewart",
            "called",
        ),
        (
            "Suhail Shaheen – based in Doha – also called the claims ‘propaganda’ against the "
            "group.",
            "Suhail Shaheen",
            "called",
        ),
        (
            "According to Woodward, “The real estate world is more complex than the CIA.”",
            "Woodward",
            "according to",
        ),
        (
            "The paradox of Nancy, says Carl Anthony, historian at the library, is that she was "
            '"one of the most powerful first ladies."',
            "Carl Anthony",
            "says",
        ),
        # Inverted and headline styles.
        ("Said Stone: “I think that the stakes are so high.”", "Stone", "Said"),
        ("Issa: Clinton’s ‘Honesty Is In Question.’", "Issa", ":"),
    ],
)
def test_named_speakers(text: str, speaker: str, cue: str) -> None:
    q = only(text)
    assert q.speaker == speaker
    assert q.cue == cue
    assert q.speaker_mention is not None
    assert text[q.speaker_start : q.speaker_end] == q.speaker_mention
    assert speaker.split()[-1] in q.speaker_mention


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("‘Kandahar is conquered,’ a Taliban spokesman tweeted.", "a Taliban spokesman"),
        (
            "‘We are hearing reports of executions,’ the US embassy in Kabul tweeted on Thursday.",
            "the US embassy in Kabul",
        ),
        (
            "‘UNHCR stands ready to help,’ a spokesperson for the agency told a briefing in Geneva.",
            "a spokesperson for the agency",
        ),
        (
            "Pro-government fighters killed 967 “enemy” combatants, according to an Afghan "
            "security spokesman.",
            "an Afghan security spokesman",
        ),
        (
            "In Kabul, the U.N.’s Office for the Coordination of Humanitarian Affairs said ‘the "
            "security situation remained unstable.’",
            "the U.N.’s Office for the Coordination of Humanitarian Affairs",
        ),
        ("“The pressure is off,” the newspaper said in an editorial.", "the newspaper"),
    ],
)
def test_roles_and_bodies_as_speakers(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_short_name_resolves_to_full_name() -> None:
    text = (
        "Ghulam Habib Hashimi, a council member, spoke to Reuters.\n"
        "‘The Taliban agreed that they will not harm the officials,’ Hashimi said.\n"
        "Ben Wallace blasted the deal.\n"
        "Mr Wallace told Sky this morning: ‘I felt that that was a mistake.’"
    )
    qs = quotes(text)
    assert [q.speaker for q in qs] == ["Ghulam Habib Hashimi", "Ben Wallace"]
    assert [q.speaker_mention for q in qs] == ["Hashimi", "Mr Wallace"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "And Tom Tugendhat, a veteran of the conflict, said ‘the decision is a rug pull’.\n"
            "‘A hasty exit is not a sign of success,’ he added.",
            "Tom Tugendhat",
        ),
        (
            "Johnny Mercer, a Conservative MP, called the withdrawal ‘a disgrace’.\n"
            "‘I think it’s humiliating for the UK military,’ he told Times Radio.",
            "Johnny Mercer",
        ),
        (
            "Mrs. Jane Doe met Mr. John Roe on Monday.\n“It was a good meeting,” she said.",
            "Jane Doe",
        ),
        (
            "Mrs. Jane Doe met Mr. John Roe on Monday.\n“It was a good meeting,” he said.",
            "John Roe",
        ),
        (
            "Stanekzai also admitted that parts had fallen. However, he maintained that forces "
            "“do exist” within the city.",
            "Stanekzai",
        ),
    ],
)
def test_pronoun_speakers_resolve_to_recent_person(text: str, speaker: str) -> None:
    q = quotes(text)[-1]
    assert q.speaker == speaker
    assert q.speaker_mention is not None and q.speaker_mention.lower() in ("he", "she")


def test_continuation_paragraph_inherits_speaker() -> None:
    text = (
        "Johnny Mercer said the repercussions would be huge.\n"
        "He told BBC Breakfast: ‘Afghanistan is a melting point of tribal groups.\n"
        "‘We will feel the effects of that in the UK.\n"
        "‘The repercussions of this are absolutely huge.’\n"
        "‘We’ve chosen this defeat and it’s shameful.’"
    )
    qs = quotes(text)
    assert len(qs) == 2
    assert all(q.speaker == "Johnny Mercer" for q in qs)
    assert qs[0].text.count("\n") == 2


@pytest.mark.parametrize(
    "text",
    [
        # The role names the person explicitly, before or after.
        "Defence Secretary Ben Wallace spoke on Friday.\nThe Defence Secretary warned ‘al Qaida "
        "will probably come back’ and it could again become a breeding ground.",
        "Ben Wallace, the Defence Secretary, spoke on Friday.\nThe Defence Secretary warned ‘al "
        "Qaida will probably come back’ and it could again become a breeding ground.",
        # Only context ties them: the capitalised office goes to the person in focus.
        "Ben Wallace blasted Donald Trump today.\nThe Defence Secretary admitted UK troops could "
        "return, warning ‘al Qaida will probably come back’ and it could grow.",
    ],
)
def test_role_equated_with_person(text: str) -> None:
    q = only(text)
    assert q.speaker == "Ben Wallace"
    assert q.speaker_mention == "The Defence Secretary"


@pytest.mark.parametrize(
    "text",
    [
        "‘We will win.’",
        "The sign on the door read “Keep out” in red letters.",
        "Shares fell after the so-called “flash crash” on Friday.",
        "It was billed as the “deal of the century” by nobody in particular.",
    ],
)
def test_quotes_without_speaker(text: str) -> None:
    q = only(text)
    assert q.speaker is None
    assert q.speaker_mention is None


def test_names_extractor_mentions_give_the_canonical_name() -> None:
    text = "“We are ready,” the minister said. Later, “we are still ready,” Ali said."
    start = text.index("the minister")
    entities = [DocEntity(name="Ali Ahmad Jalali", kind=PERSON, aliases=["Ali"])]
    mentions = [
        Mention(start, start + len("the minister"), "the minister", PERSON, 0),
        Mention(text.index("Ali"), text.index("Ali") + 3, "Ali", PERSON, 0),
    ]
    qs = extract_quotes(text, split_sentences(text), entities, mentions)
    assert [q.speaker for q in qs] == ["Ali Ahmad Jalali", "Ali Ahmad Jalali"]
    assert qs[0].speaker_mention == "the minister"


def test_offsets_and_sentences_optional() -> None:
    text = "Intro line.\n\n‘A quote here,’ said Jane Roe."
    q = extract_quotes(text, [], [], [])[0]
    assert text[q.start : q.end] == q.text == "A quote here,"
    assert text[q.speaker_start : q.speaker_end] == "Jane Roe"


# --------------------------------------------------------------------------------------------
# The seed corpus: every full quote is found with its speaker
# --------------------------------------------------------------------------------------------

SEED_EXPECTED = {
    "000_5a29adba1a6ea471.txt": [
        ("What would Churchill say?", "Tobias Ellwood"),
        ("the decision to withdraw is like a rug", "Tom Tugendhat"),
        ("A hasty exit is not a sign of success.", "Tom Tugendhat"),
        ("I was public about it", "Ben Wallace"),
        ("If you want to cut out the short-term threat", "Ben Wallace"),
        ("I will always deploy", "Ben Wallace"),
        ("pretty much now in the hands of the Taliban.", "Ben Wallace"),
        ("a total betrayal by the US", "Rory Stewart"),
        ("I think it’s humiliating", "Johnny Mercer"),
        ("We’ve chosen this defeat", "Johnny Mercer"),
        (
            "the security situation remained unstable",
            "the U.N.’s Office for the Coordination of Humanitarian Affairs",
        ),
        ("Kandahar is completely conquered.", "a Taliban spokesman"),
        ("We had proposed a three-months reduction", "the spokesperson"),
        ("An inability to seek safety", "a spokesperson for the agency"),
        ("We demand an immediate end", "Zalmay Khalilzad"),
        ("The Taliban agreed that they will not pose", "Ghulam Habib Hashimi"),
        ("Afghanistan is a kind of melting point", "Johnny Mercer"),
        ("About 200 ANDSF members", "the official"),
        ("the enemy fled", "the insurgents"),
        ("Right until this afternoon", "Masoom Jan"),
        ("Late afternoon everything changed.", "Masoom Jan"),
        ("We’re hearing additional reports", "the US embassy in Kabul"),
        ("We are further reducing our civilian footprint", "Ned Price"),
        ("al Qaida will probably come back", "Ben Wallace"),
    ],
    "001_9b32ee09cb55cf80.txt": [
        ("multiple airstrikes to defend our Afghan partners", "Nicole Ferrara"),
        ("do exist", "Mirwais Stanekzai"),
    ],
    "004_06bf22cdd8765a03.txt": [
        ("the Islamic Emirate fervently favors", "Hibatullah Akhundzada"),
        ("work to avert civilian casualties", "the Qatari mediator"),
        ("The two parties agreed to continue", "Mutlaq al-Qahtani"),
        ("So far, we’ve retaken 24 districts", "Ajmal Omar Shinwari"),
        ("wasting time.", "Hibatullah Akhundzada"),
    ],
}


@pytest.mark.parametrize("name", sorted(SEED_EXPECTED))
def test_seed_corpus_quotes_have_speakers(name: str) -> None:
    path = ROOT / "corpus" / name
    if not path.exists():
        pytest.skip("seed corpus not bundled")
    text = path.read_text(encoding="utf-8")
    found = quotes(text)
    for prefix, speaker in SEED_EXPECTED[name]:
        matches = [q for q in found if q.text.startswith(prefix)]
        assert matches, prefix
        assert all(q.speaker == speaker for q in matches), (prefix, [q.speaker for q in matches])
    for q in found:
        for s, e in [(q.start, q.end), (q.speaker_start, q.speaker_end)]:
            if s is not None:
                assert 0 <= s < e <= len(text)


def test_seed_corpus_scare_quotes_are_fragments() -> None:
    path = ROOT / "corpus" / "000_5a29adba1a6ea471.txt"
    if not path.exists():
        pytest.skip("seed corpus not bundled")
    found = {q.text: q for q in quotes(path.read_text(encoding="utf-8"))}
    for word in ("rotten", "mistake", "a disgrace", "propaganda", "hundreds"):
        assert found[word].fragment, word


# --------------------------------------------------------------------------------------------
# PolNeAR dev, when the shared data is present (quality guard, not a timing)
# --------------------------------------------------------------------------------------------

POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


@pytest.mark.skipif(not (POLNEAR / "dev").exists(), reason="PolNeAR not available")
def test_polnear_dev_sample_quality(capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import polnear
    finally:
        sys.path.pop(0)
    polnear.main(["--split", "dev", "--limit", "40"])
    out = capsys.readouterr().out
    f1 = float(out.split("F1 ")[1].split()[0])
    acc = float(out.split("speaker accuracy ")[1].split()[0])
    assert f1 > 0.85
    assert acc > 0.75


# --------------------------------------------------------------------------------------------
# Attribution patterns found in American political reporting (hand-written variants)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, quoted_prefix, speaker",
    [
        # The clause closing the sentence attributes a quote embedded earlier in it.
        (
            "Clinton “drew quite well from working-class Democrats” in 2008, said Ohio State "
            "University professor Paul Beck.",
            "drew quite well",
            "Paul Beck",
        ),
        # "according to" a document by a person.
        (
            "A living wage is about $12 an hour, according to calculations by Amy Glasmeier of "
            "MIT, who called it “a floor, not a ceiling.”",
            "a floor",
            "Amy Glasmeier",
        ),
        # Inverted after an introductory phrase.
        (
            'In other words, explained CBS moderator Nancy Cordes: "What does that have to do '
            'with donations?"',
            "What does that",
            "Nancy Cordes",
        ),
        # A dateline before the subject of a participle.
        (
            "Washington (AFP) – Democrat Hillary Clinton has taken a swipe at her rival, saying "
            "that “bombastic comments” do more harm than good.",
            "bombastic",
            "Hillary Clinton",
        ),
        # The subject of the last clause, not the first.
        (
            "At one point, a woman asked for a photo and Clinton said, “as long as we’re not "
            "violating any election laws.”",
            "as long as",
            "Clinton",
        ),
        # A relative pronoun's antecedent.
        (
            "Cruz won an endorsement from Mike Lee, who declared in the spin room, “I’m sending "
            "the signal that it’s time to unite.”",
            "I’m sending",
            "Mike Lee",
        ),
        # Apposition chains: person, role, organisation.
        (
            "Giovanni Maria Vian, the editor of the Vatican's newspaper, L'Osservatore Romano, "
            "said every pope was ''both religious and political.''",
            "both religious",
            "Giovanni Maria Vian",
        ),
        # Coordinated verbs share their subject.
        (
            'Suu Kyi, 70, said it was too early to congratulate winners but added, "I think you '
            'all have an idea of the results."',
            "I think you",
            "Suu Kyi",
        ),
        # Titles with full stops do not end the attribution.
        ("''Bernie has been talking about it since 1981,'' Mr. Welch said.", "Bernie has", "Welch"),
        # Sloppy typography: an opening mark used as a closer after "?".
        (
            "Chuck Todd was shocked. “Do you want to be associated with a fascist?“ he asked.",
            "Do you want",
            "Chuck Todd",
        ),
        (
            "\"We think it's a mistake, 'Keep it alive,' \" said former executive Carly Fiorina.",
            "We think",
            "Carly Fiorina",
        ),
    ],
)
def test_american_attribution_patterns(text: str, quoted_prefix: str, speaker: str) -> None:
    found = [q for q in quotes(text) if q.text.startswith(quoted_prefix)]
    assert found, [q.text for q in quotes(text)]
    assert found[0].speaker == speaker


def test_partial_quote_ending_a_sentence_is_not_attributed_to_the_next() -> None:
    text = (
        'Donald Trump said Hillary Clinton "caused death." Bernie Sanders called Trump a '
        '"pathological liar." Carly Fiorina said Ted Cruz "says whatever he needs to say."'
    )
    assert [q.speaker for q in quotes(text)] == ["Donald Trump", "Bernie Sanders", "Carly Fiorina"]


def test_quote_after_attributed_sentence_inherits_its_speaker() -> None:
    text = (
        "Iowa State University's Dianne Bystrom was blunt. Or maybe Jeb Bush, digital "
        'consultant Phil Musser says. "Several surveys suggest a second look is occurring."'
    )
    assert quotes(text)[-1].speaker == "Phil Musser"


def test_paragraph_of_quote_after_attribution_paragraph() -> None:
    text = (
        "Clinton, clearly frustrated, responded by pointing a finger, saying the campaign "
        "was wrong.\n\n“I do not have money from oil companies. I am so sick of it.”"
    )
    assert only(text).speaker == "Clinton"


def test_participle_after_earlier_quote_keeps_that_speaker() -> None:
    text = (
        "“Oh, let him make that decision,” said Vice President Joe Biden, urging those "
        "calling for a withdrawal to “give him time.”"
    )
    assert [q.speaker for q in quotes(text)] == ["Joe Biden", "Joe Biden"]


def test_second_quote_with_its_own_speaker_is_not_merged() -> None:
    text = (
        '"I am going to look at a lot of people," Clinton said. "Grizzly Adams?" Maddow repeated.'
    )
    assert [q.speaker for q in quotes(text)] == ["Clinton", "Maddow"]


def test_headline_colon_after_dash() -> None:
    text = "TURNOUT IN IOWA - Michael P. McDonald: “At long last the contests have started.”"
    assert only(text).speaker == "Michael P. McDonald"


def test_seed_corpus_through_the_pipeline() -> None:
    """The same seeds through ``extract_document``, with whatever the names extractor finds."""
    from explorer.extract import extract_document

    path = ROOT / "corpus" / "000_5a29adba1a6ea471.txt"
    if not path.exists():
        pytest.skip("seed corpus not bundled")
    found = extract_document(path.read_text(encoding="utf-8")).quotes
    for prefix, speaker in SEED_EXPECTED["000_5a29adba1a6ea471.txt"]:
        matches = [q for q in found if q.text.startswith(prefix)]
        assert matches and all(q.speaker == speaker for q in matches), prefix


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "A group of fighters drove down a main street. They shouted: “God is great!”",
            "A group of fighters",
        ),
        # Parenthesised party tags and datelines are not speakers.
        (
            "Sen. Elizabeth Warren (D-MA) said Donald Trump was a “proven failure” in business.",
            "Elizabeth Warren",
        ),
        (
            "LONDON (Reuters) - Donald Trump said Cameron had called him “divisive, stupid and "
            "wrong” for proposing the ban.",
            "Donald Trump",
        ),
        # An absolute construction names the speaker of a participle.
        (
            "The attack sparked a debate, with Republican Senator John McCain telling reporters "
            "he viewed Obama as “directly responsible” for it.",
            "John McCain",
        ),
    ],
)
def test_more_speaker_patterns(text: str, speaker: str) -> None:
    assert quotes(text)[-1].speaker == speaker


def test_most_verbs_do_not_invert_after_a_quote() -> None:
    text = "Trump called Clinton “terrible,” denounced her record and left."
    q = only(text)
    assert q.speaker == "Trump"
    assert q.speaker_mention == "Trump"


def test_they_without_a_plural_antecedent_stays_unresolved() -> None:
    q = only("Mr. Smith arrived late.\nThey said: “We are leaving.”")
    assert q.speaker is None
    assert q.speaker_mention == "They"


@pytest.mark.parametrize(
    "text, speaker",
    [
        # Names that look like calendar words or auxiliaries.
        (
            '"We have never seen water this high," said Jan de Vries, the harbour master.',
            "Jan de Vries",
        ),
        ("Theresa May spoke in Leeds.\n“Brexit means Brexit,” May said on Jan 12.", "Theresa May"),
        (
            '"He just stopped and said hello," Will Estrada, the county chairman, said.',
            "Will Estrada",
        ),
    ],
)
def test_names_that_look_like_other_words(text: str, speaker: str) -> None:
    assert quotes(text)[-1].speaker == speaker


def test_random_mark_soup_never_breaks_offsets() -> None:
    """Unbalanced, nested and stray marks in any order: no crash, offsets always valid."""
    import random

    rng = random.Random(4)
    pieces = [
        "“",
        "”",
        '"',
        "‘",
        "’",
        "'",
        "''",
        "«",
        "»",
        " he said",
        " said Ann Lee,",
        "\n",
        "\n\n",
        " word",
        " Mr. Smith",
        ".",
        ",",
        ":",
        " they",
        " it’s",
        " ’80s",
        "—",
    ]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        for q in quotes(text):
            assert 0 <= q.start <= q.end <= len(text)
            if q.speaker_start is not None:
                assert text[q.speaker_start : q.speaker_end] == q.speaker_mention


@pytest.mark.parametrize(
    "text, speaker",
    [
        # A place after "in X," is not the subject.
        (
            "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling him "
            "“a total stiff.”",
            "Trump",
        ),
        (
            'Clinton, during a town hall meeting in Columbus, Ohio, said she was "going to put a '
            'lot of coal miners out of business."',
            "Clinton",
        ),
        # Party tags without parentheses.
        ("Sen. Ted Cruz, R-Texas, said the week was “rough” for the front-runner.", "Ted Cruz"),
        # Two absolute clauses, two speakers.
        (
            "Both men issued a statement – Ryan saying he was “very encouraged” and Trump calling "
            "it a “great meeting.”",
            "Trump",
        ),
        # "notes that": a noun-like form used as the verb.
        (
            'Gerry O\'Brien, a GOP consultant, notes that Kasich "can do a lot of damage."',
            "Gerry O'Brien",
        ),
        ("''Current immigrants are integrating,'' the report concluded.", "the report"),
        ('From Bush\'s Facebook post: "We must overcome the divisiveness."', "Bush"),
    ],
)
def test_subjects_among_places_tags_and_clauses(text: str, speaker: str) -> None:
    assert quotes(text)[-1].speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "Speaking Sunday on ABC’s “This Week,” Carson admitted that the name was wrong.",
        "“I expect to be vetted,” he said on “Meet the Press.”",
        'She wrote in her memoir, "Tough Choices," that the deal was right.',
        "Carson shared a syllabus for a class called “Perception” on his page.",
    ],
)
def test_titles_are_fragments_without_speakers(text: str) -> None:
    titles = [
        q
        for q in quotes(text)
        if q.text.strip(".,") in ("This Week", "Meet the Press", "Tough Choices", "Perception")
    ]
    assert titles and all(q.fragment and q.speaker is None for q in titles)


def test_hard_wrapped_wire_copy() -> None:
    """Wire copy wrapped at ~70 columns: quotes run across line breaks, offsets stay exact."""
    text = (
        "Legislation to require disclosure of\n"
        "credit card fees and interest rates before the cards are issued\n"
        "have been introduced in the Senate and House.\n"
        "    Sen. Chris Dodd, D-Conn, a co-sponsor of the bill, said\n"
        "many banks do not disclose all the information about terms of\n"
        "their cards in promotional material sent to customers.\n"
        '    "By requiring card issuers to disclose the terms and\n'
        "conditions of their cards at the time of solicitation, the\n"
        'legislation is intended to arm consumers," Dodd said in a\n'
        "statement.\n"
    )
    q = only(text)
    assert q.text.startswith("By requiring card issuers to disclose the terms and conditions")
    assert q.text.endswith("to arm consumers,")
    assert text[q.start : q.end].replace("\n", " ") == q.text
    assert q.speaker == "Chris Dodd"
    assert q.speaker_mention == "Dodd"


def test_one_paragraph_per_line_is_not_unwrapped() -> None:
    text = "“We will not stop,” he said\nThe minister left. Ann Lee spoke.\nShe said “no.”"
    assert [q.text for q in quotes(text)] == ["We will not stop,", "no."]


@pytest.mark.parametrize(
    "text, speaker, mention",
    [
        ("“Your Honor,” I said, “I would like to answer the question.”", None, "I"),
        ("Another tweeted, “Clinton thinks she’s above the rules.”", "Another", "Another"),
        ('"Friend, let me be blunt. I can beat her," the email read.', "the email", "the email"),
        (
            "Iowa State University's Dianne Bystrom agreed. \"Republicans are running out of "
            'time."',
            "Dianne Bystrom",
            "Iowa State University's Dianne Bystrom",
        ),
        (
            "Jane Silverman, a delegate, drew boos upon saying, “Hillary heard the passion.”",
            "Jane Silverman",
            "Jane Silverman",
        ),
        (
            "“There are more candidates,” added another New Hampshire Republican.",
            "another New Hampshire Republican",
            "another New Hampshire Republican",
        ),
    ],
)
def test_first_person_indefinite_and_document_speakers(
    text: str, speaker: str | None, mention: str
) -> None:
    q = quotes(text)[-1]
    assert q.speaker == speaker
    assert q.speaker_mention == mention


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "At the debate before the primary in New Hampshire, Clinton said she would "
            '"certainly look into" releasing transcripts.',
            "Clinton",
        ),
        (
            "Meg Whitman, a former candidate in California who now runs Hewlett Packard "
            "Enterprise, labeled Mr. Trump ''unfit to be president.''",
            "Meg Whitman",
        ),
        (
            "Mr. Slinker, whose latest start-up, Paradata, uses big data, said Mr. Trump was a "
            "candidate: ''He's a start-up kind of guy.''",
            "Slinker",
        ),
        (
            'Celebrants marched, with many marchers and spectators chanting "We are Orlando" and '
            '"Disarm hate."',
            "many marchers and spectators",
        ),
        (
            "Saturday at the party convention Sen. Elizabeth Warren (D-MA) said Trump was a "
            "“proven failure” in business.",
            "Elizabeth Warren",
        ),
    ],
)
def test_relative_clauses_regions_and_coordinated_quotes(text: str, speaker: str) -> None:
    assert all(q.speaker == speaker for q in quotes(text))


@pytest.mark.parametrize(
    "text, prefix, speaker",
    [
        (
            'Ryan and Trump will meet next week, Spicer said, adding, "They need to have a good '
            'talk."',
            "They need",
            "Spicer",
        ),
        (
            "Dick Dever, who was listed on the Cruz slate, told POLITICO, “Of the three, I like "
            "John Kasich the best.”",
            "Of the three",
            "Dick Dever",
        ),
        (
            "Kerry Washington, star of television’s “Scandal,” thanked Obama for “taking these "
            "steps to make us safer.”",
            "taking",
            "Kerry Washington",
        ),
        (
            "She gave an interview, in which Clinton expressed confidence that it was not an issue "
            "“that is going to affect” her.",
            "that is going",
            "Clinton",
        ),
        (
            "Alongside calls for action, even a top GOP strategist said Clinton must choose, "
            "saying, “At some point, she’s going to have to come out.”",
            "At some point",
            "a top GOP strategist",
        ),
        (
            "Eleven groups are asking Clinton to repudiate a retired general who suggested that "
            "the United States should “segregate” some people.",
            "segregate",
            None,
        ),
    ],
)
def test_clause_structure_around_the_cue(text: str, prefix: str, speaker: str | None) -> None:
    q = next(q for q in quotes(text) if q.text.startswith(prefix))
    assert q.speaker == speaker


def test_embedded_quote_ending_a_sentence_is_not_merged_with_the_next() -> None:
    text = (
        "He told WABC that states can pass such laws because “men should not be going to the "
        "bathroom with little girls.” Cruz says, “That is a perfectly reasonable determination.”"
    )
    found = quotes(text)
    assert [q.text[:10] for q in found] == ["men should", "That is a "]
    assert found[1].speaker == "Cruz"


def test_state_abbreviation_after_a_town_is_a_place() -> None:
    text = (
        "In the hours after the attack in San Bernardino, Calif., a familiar voice celebrated "
        "it on Twitter: ''California, we have already arrived.''"
    )
    assert only(text).speaker == "a familiar voice"


# --------------------------------------------------------------------------------------------
# Second pass: particles, more cues, subjects without a cue, pronoun clauses, bylines
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, speaker, mention",
    [
        (
            "“We will act,” said Ursula von der Leyen.",
            "Ursula von der Leyen",
            "Ursula von der Leyen",
        ),
        ("“We will act,” von der Leyen said.", "von der Leyen", "von der Leyen"),
        ("“The city is safe,” Mayor de Blasio said.", "de Blasio", "Mayor de Blasio"),
        ("“Talks went well,” said bin Salman on Monday.", "bin Salman", "bin Salman"),
        ("“It is over,” Mr. van den Berg said.", "van den Berg", "Mr. van den Berg"),
        ("“It is over,” said Osama bin Laden.", "Osama bin Laden", "Osama bin Laden"),
    ],
)
def test_name_particles_stay_inside_the_speaker_mention(
    text: str, speaker: str, mention: str
) -> None:
    q = only(text)
    assert (q.speaker, q.speaker_mention) == (speaker, mention)
    assert text[q.speaker_start : q.speaker_end] == mention


def test_short_particle_name_resolves_to_the_full_name_given_earlier() -> None:
    text = (
        "Ursula von der Leyen arrived in Kyiv on Friday.\n\n"
        "“We stand with you,” von der Leyen said."
    )
    q = only(text)
    assert q.speaker == "Ursula von der Leyen"
    assert q.speaker_mention == "von der Leyen"


def test_lower_case_words_before_a_name_are_not_particles() -> None:
    q = only("“We lost,” said the coach Maria Lopez.")
    assert q.speaker == "Maria Lopez"
    assert q.speaker_mention == "Maria Lopez"


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        ("“Get out of my office,” Mayor Jane Holt barked.", "Jane Holt", "barked"),
        ("“I took the money,” Paul Grant confessed.", "Paul Grant", "confessed"),
        ("“Nobody saw this coming?” reacted Ellen Park.", "Ellen Park", "reacted"),
        (
            "Omar Diaz thinks the plan “will never pass the Senate in this form.”",
            "Omar Diaz",
            "thinks",
        ),
        (
            "Lena Fox worried that the reform was “a gift to the insurers and nobody else.”",
            "Lena Fox",
            "worried",
        ),
    ],
)
def test_manner_and_thinking_verbs_are_cues(text: str, speaker: str, cue: str) -> None:
    q = only(text)
    assert (q.speaker, q.cue) == (speaker, cue)


def test_inversion_with_an_unlisted_verb_needs_a_bare_name() -> None:
    # "denounced her record": no inversion, whatever the verb; "reacted Ellen Park." is one.
    assert only("“This is terrible,” denounced her record.").speaker is None


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Anna Berg spoke first.\n\nShe jokes, “The line never ends, and neither do I.”",
            "Anna Berg",
        ),
        (
            "The new ad claims “the senator never once voted for a tax cut in ten years.”",
            "The new ad",
        ),
    ],
)
def test_noun_like_verb_forms_after_a_pronoun_or_before_a_quote(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_noun_like_forms_stay_nouns_elsewhere() -> None:
    # "his claims" and "the jokes" are nouns; no speaker comes from them.
    q = only("Nobody checked his claims about “a secret plan to end the war by spring.”")
    assert q.speaker is None


def test_time_phrase_opening_a_sentence_is_not_the_subject() -> None:
    text = (
        "Hours later, Sam Reed returned the compliment, telling reporters, “Joan has been a "
        "friend for a long time.”"
    )
    assert only(text).speaker == "Sam Reed"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Karl Weber thought the surge was artificial, “a tribute to the skills of the "
            "party machine, nothing more.”",
            "Karl Weber",
        ),
        (
            "Rita Moss was upset. She anticipated that the hardest job would be “dealing with "
            "the mess the last mayor is going to leave.”",
            "Rita Moss",
        ),
    ],
)
def test_a_person_subject_is_the_source_when_no_cue_is_found(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        # A role or body subject names no speaker without a cue.
        "The first protest came during a speech at the college, “she wins, we lose and so on.”",
        # A short scare quote is not claimed for the subject.
        "Dan Kerr visited the “war room” on Monday.",
        # The subject is a possessive phrase, not a person.
        "Dan Kerr’s campaign ended with “the longest goodbye in the history of politics.”",
        # An indefinite pronoun is nobody in particular.
        "Nobody checked the ledger before “the largest transfer in the history of the fund.”",
    ],
)
def test_no_subject_fallback_for_roles_fragments_or_possessives(text: str) -> None:
    assert quotes(text)[0].speaker is None


def test_previous_line_colon_without_a_cue_takes_the_subject() -> None:
    text = (
        "Tom Baker, the former governor, spoke for an hour.\n\n"
        "He then listed the qualities a nominee needs:\n\n"
        "“A record of leadership, a steady temper and a thick skin.”"
    )
    q = only(text)
    assert q.speaker_mention == "He"
    assert q.speaker == "Tom Baker"


def test_subordinate_clause_subject_is_not_the_speaker() -> None:
    text = (
        "Ann Cole met the donor in March. While the donor didn’t disclose his plans, he did "
        "say he found her “very charming and very well prepared for the job.”"
    )
    q = only(text)
    assert q.speaker_mention == "he"
    assert q.speaker != "the donor didn’t"


def test_negative_contraction_ends_a_role() -> None:
    text = "“Nothing to add,” the mega donor said. The mega donor didn’t say “more than that.”"
    assert [q.speaker for q in quotes(text)] == ["the mega donor", "The mega donor"]


def test_role_without_commas_before_its_cue_is_not_an_apposition() -> None:
    text = (
        "At the town hall in Hudson, New Hampshire Monday, the Christie supporter retorted: "
        "“There is a special place in hell for people who vote that way.”"
    )
    assert only(text).speaker == "the Christie supporter"


@pytest.mark.parametrize(
    "text, speaker, mention",
    [
        (
            "Senate leader Harry Reid told reporters that he had spoken to the secretary and "
            "that “I think you are going to find a pause in these raids.”",
            "Harry Reid",
            "Harry Reid",
        ),
        (
            "The governor told reporters he feels good about his campaign, and “we will see "
            "what it translates to next week.”",
            "The governor",
            "The governor",
        ),
    ],
)
def test_pronoun_clause_reported_by_an_outer_cue(text: str, speaker: str, mention: str) -> None:
    q = only(text)
    assert (q.speaker, q.speaker_mention) == (speaker, mention)


def test_relative_pronoun_with_auxiliaries_before_the_cue() -> None:
    text = (
        "Later, Ames praised the preacher Frank Hale, who has publicly vowed to boycott the "
        "cookies over “support of ideas we cannot accept.”"
    )
    q = only(text)
    assert q.speaker == "Frank Hale"
    assert q.speaker_mention == "who"


def test_it_before_a_cue_is_the_last_organisation() -> None:
    text = "The Heritage Foundation issued a report. “We need action now,” it said."
    ents = [DocEntity("Heritage Foundation", "org", ["Heritage Foundation"])]
    start = text.index("Heritage")
    ments = [Mention(start, start + 19, "Heritage Foundation", "org", 0)]
    q = extract_quotes(text, split_sentences(text), ents, ments)[0]
    assert (q.speaker, q.speaker_mention) == ("Heritage Foundation", "it")


def test_it_without_an_organisation_stays_unresolved() -> None:
    q = only("The email has a photo. At the bottom it reads, “You can chip in $35 or more.”")
    assert q.speaker is None
    assert q.speaker_mention == "it"


def test_expletive_it_is_not_a_speaker() -> None:
    q = only("It is clear that the vote was “a disaster for everyone involved in it,” she said.")
    assert q.speaker_mention == "she"


def test_earlier_cue_when_the_last_has_no_reachable_subject() -> None:
    text = (
        "At the town hall this week she said she did not believe it amounted to "
        "“an error in judgement on anyone’s part.”"
    )
    assert only(text).speaker_mention == "she"


def test_participle_between_two_quotes_shares_the_first_speaker() -> None:
    text = (
        "“Nothing you can do, folks,” Ray Dunn told a rally, saying his rival would "
        "“abolish the second amendment.”"
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Ray Dunn", "Ray Dunn"]


def test_colon_cue_beats_the_next_sentence() -> None:
    text = (
        "Lisa Kent, exasperated, responded: “What difference does it make at this point?” "
        "Her critics cited it for years."
    )
    assert only(text).speaker == "Lisa Kent"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "“I helped write that bill and I am proud of it.”\n\n- Sanders.\n\nHe did not.",
            "Sanders",
        ),
        (
            "“Be the change you wish to see in the world.” — Mahatma Gandhi\nMore text.",
            "Mahatma Gandhi",
        ),
    ],
)
def test_dash_byline_credits_the_quote(text: str, speaker: str) -> None:
    q = next(q for q in quotes(text) if not q.fragment)
    assert q.speaker == speaker
    assert q.cue == "—"


def test_dash_in_running_text_is_not_a_byline() -> None:
    assert only("“We won,” — and nobody doubted it that night.").speaker is None


def test_auxiliary_before_a_post_quote_cue() -> None:
    q = only("“We do not need any more of that,” she has said.")
    assert (q.speaker_mention, q.cue) == ("she", "said")


def test_subordinate_clause_right_before_the_cue_holds_its_subject() -> None:
    text = (
        "Mr. Hale hit back on Sunday after the front-runner had said on Saturday that he was "
        "“the best recruiter the militants ever had.”"
    )
    assert only(text).speaker == "the front-runner"


def test_ever_since_clause_is_not_the_subject() -> None:
    text = (
        "Ever since she endorsed Mrs. Clinton this month, Ms. Warren has been a surrogate "
        "with a simple message: “Do not screw this up!”"
    )
    assert only(text).speaker_mention == "Ms. Warren"


def test_participial_intro_before_a_preposition_is_not_the_subject() -> None:
    text = (
        "Appearing before cheering supporters at the headquarters, Suu Kyi, 70, said it was too "
        "early but added, “I think you all have an idea of the results.”"
    )
    assert only(text).speaker == "Suu Kyi"


def test_relative_pronoun_after_a_dash() -> None:
    text = (
        "GOP front-runner Donald Trump - who previously said he would “bomb the [expletive] out "
        "of” the oil fields - spoke on Saturday."
    )
    q = only(text)
    assert (q.speaker, q.speaker_mention) == ("Donald Trump", "who")


def test_colon_introduced_quotes_in_a_row_are_not_merged() -> None:
    text = (
        "Another user, Roland Z, wrote of the chancellor: “Your boss is still bringing them "
        "in.” Eva Schultheis posted: “She welcomed them all with open arms.”"
    )
    found = quotes(text)
    assert [(q.speaker, q.text[:4]) for q in found] == [
        ("Roland Z", "Your"),
        ("Eva Schultheis", "She "),
    ]


def test_a_second_speaker_in_the_gap_keeps_the_quotes_apart() -> None:
    text = (
        "“There is a young man who is having some problems,” Cruz said as the heckler "
        "yelled: “You suck!”"
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Cruz", "the heckler"]


def test_split_quote_with_a_participle_in_the_gap_stays_one_quote() -> None:
    q = only("“We will win,” he said, adding, “and we will win big.”")
    assert q.display == "We will win, … and we will win big."


def test_who_after_a_name_and_its_role() -> None:
    text = (
        "“Early money sets the terms,” said Scott Reed, the chamber's chief strategist, who "
        "added that his group plans to focus on local issues “like folks running for sheriff.”"
    )
    found = quotes(text)
    assert (found[1].speaker, found[1].speaker_mention) == ("Scott Reed", "who")


def test_lone_capitalised_word_is_no_subject_without_other_evidence() -> None:
    text = (
        "That makes it hard to fix, he said. Good information can still drive out bad, but "
        "usually only when “the truth is sexier than the lie and louder too.”"
    )
    assert quotes(text)[0].speaker is None


def test_lone_surname_is_a_subject_once_the_full_name_was_given() -> None:
    text = (
        "Ken Bolton spoke first.\n\nBolton was sure the buzz was artificial, “a tribute to "
        "the skills of a very good campaign machine.”"
    )
    assert only(text).speaker == "Ken Bolton"


def test_pronoun_inside_a_sentence_goes_to_its_named_subject() -> None:
    text = (
        "Donald Trump spoke on Monday. Trump, alleging that President Obama wanted to admit "
        "more refugees, said he would deport them, who he speculates are “mostly men.”"
    )
    q = only(text)
    assert (q.speaker, q.speaker_mention) == ("Donald Trump", "he")


def test_pronoun_after_a_quote_in_its_sentence_is_not_bound_to_the_quote() -> None:
    text = "Paul Manafort spoke.\n\n“Clinton is still going to be the one to beat,” he added."
    assert only(text).speaker == "Paul Manafort"


def test_capitalised_adverb_before_a_preposition_is_an_intro() -> None:
    text = (
        "Donald Trump spoke. Immediately after the attacks, Trump issued a statement, “Last "
        "night, our nation was attacked by a terrorist.”"
    )
    assert only(text).speaker == "Donald Trump"


def test_name_ending_in_ly_still_opens_a_sentence() -> None:
    q = only("Megyn Kelly spoke. Kelly said, “That is not the question I asked you tonight.”")
    assert q.speaker == "Megyn Kelly"


def test_colon_after_earlier_quotes_takes_the_sentence_head() -> None:
    text = (
        "Tom Perez spoke.\n\nPerez hammered Trump, calling him a “train wreck,” and contrasted "
        "him, whom he called “volatile,” with Clinton: “What I have seen of her is a steady "
        "hand.”"
    )
    assert quotes(text)[-1].speaker == "Tom Perez"


def test_dash_byline_with_a_description() -> None:
    text = "“Great speech. She is tested. She is ready.”\n\n-President Obama, tweeting.\n\nMore."
    assert quotes(text)[0].speaker == "Obama"


def test_participle_after_a_subordinate_clause_takes_that_clause_subject() -> None:
    text = (
        "The first incident came during a speech at the college, when Ben Carr interrupted "
        "her, shouting “she wins, we lose, and that is the end of it!”"
    )
    assert only(text).speaker == "Ben Carr"


def test_participle_after_a_parenthetical_pronoun_clause_keeps_the_main_subject() -> None:
    text = "Trump spoke in Ohio, as he often does, saying “we will win so much you will tire.”"
    assert only(text).speaker_mention == "Trump"


def test_finite_verb_ends_a_role_phrase() -> None:
    text = "The first incident came during a speech, shouting “she wins, we lose!”"
    assert only(text).speaker_mention == "The first incident"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Mitt Romney stayed home. Early in his campaign, Trump attacked Romney, calling him "
            "“a failed candidate and a choker.”",
            "Trump",
        ),
        (
            "Having worked with him for years, Skelly said: “Vito is outstanding with data.”",
            "Skelly",
        ),
        (
            "Saturday at the convention Sen. Elizabeth Warren said Trump was a “proven failure” "
            "in business.",
            "Elizabeth Warren",
        ),
    ],
)
def test_intro_phrases_before_the_subject(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_plural_nationality_is_a_group_not_a_person() -> None:
    q = only("Pollsters expect that Americans will say “no to all of it” in the end.")
    assert q.speaker == "Americans"
    text = "Americans will say “no to all of it,” the pollster said on Monday."
    assert only(text).speaker == "the pollster"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Jan de Vries, the harbour master, spoke on Friday.\n“The pumps work,” he added.",
            "Jan de Vries",
        ),
        ("Theresa May spoke on Friday.\n“We will leave,” she added.", "Theresa May"),
    ],
)
def test_calendar_words_inside_names_do_not_block_pronouns(text: str, speaker: str) -> None:
    assert only(text).speaker == speaker


def test_unspaced_em_dash_separates_phrases_before_the_subject() -> None:
    text = (
        "When the moderators yielded to snark—and do we know how tempting that can be!— Cruz "
        "called them on it:\n\n“The questions asked in this debate show why nobody trusts you.”"
    )
    assert only(text).speaker == "Cruz"


def test_participle_after_a_though_clause_takes_its_pronoun() -> None:
    text = (
        "President Obama was criticized for the term, though in a news conference last week "
        "he used stronger language, saying the group “must be destroyed.”"
    )
    q = only(text)
    assert (q.speaker, q.speaker_mention) == ("Obama", "he")


def test_aside_between_an_outer_cue_and_its_pronoun() -> None:
    text = (
        "Jill Stone spoke. She said, if elected, she would ask him to lead a “cancer moonshot "
        "at the White House.”"
    )
    q = only(text)
    assert (q.speaker, q.speaker_mention) == ("Jill Stone", "She")


def test_second_pronoun_attribution_in_the_gap_keeps_quotes_apart() -> None:
    text = "“I am just not ready to do that,” Ryan said on CNN, though he said, “I hope to.”"
    found = quotes(text)
    assert [q.speaker_mention for q in found] == ["Ryan", "he"]
    assert [q.speaker for q in found] == ["Ryan", "Ryan"]


def test_participle_skips_a_title_to_the_last_speaker_of_the_sentence() -> None:
    text = (
        "“He does not have a chance,” Graham said on MSNBC's “Morning Joe,” adding, “His "
        "problem is he is an insider in an outsider year.”"
    )
    found = quotes(text)
    assert [q.speaker for q in found] == ["Graham", None, "Graham"]


def test_inverted_name_with_a_place_of_origin() -> None:
    q = only("“This is fantastic!” beamed Donald Hartley of Madison, Alabama, on the floor.")
    assert (q.speaker, q.cue) == ("Donald Hartley", "beamed")


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        (
            "“She is the only one strong enough to stop them,” a voice-over in the ad states.",
            "a voice-over in the ad",
            "states",
        ),
        (
            '"For months we had to stand by while leaks created a false story" said Nick '
            "Merrill, a campaign spokesman.",
            "Nick Merrill",
            "said",
        ),
        (
            '"In writing her speech, the team took notes on her life," read the statement, '
            "which was attributed to an aide.",
            "the statement",
            "read",
        ),
        (
            '"Governor, let me help you out - the answer is no," the nominee riffed.',
            "the nominee",
            "riffed",
        ),
    ],
)
def test_more_post_quote_attributions(text: str, speaker: str, cue: str) -> None:
    q = only(text)
    assert (q.speaker, q.cue) == (speaker, cue)


def test_noun_form_after_a_long_phrase_stays_a_noun() -> None:
    # "states" not closing its clause after five words: a noun, or at least no attribution.
    q = only("“Character Studies,” a collection of his essays states nothing new about him.")
    assert q.speaker is None


@pytest.mark.parametrize(
    "text, mention, cue",
    [
        ("''Keep the carbon tax in place at its level,'' it recommended.", "it", "recommended"),
        (
            "To alert the police, the message continues, ''please hold a sign over your head.''",
            "the message",
            "continues",
        ),
        (
            "“Our method succeeds where others fail,” Braynard is quoted as saying.",
            "Braynard",
            "quoted as saying",
        ),
    ],
)
def test_recommend_doubled_marks_and_quoted_as_saying(text: str, mention: str, cue: str) -> None:
    q = only(text)
    assert (q.speaker_mention, q.cue) == (mention, cue)


def test_noun_like_verb_after_a_modal_is_a_cue() -> None:
    text = (
        "The scheduling was so odd that a spokesman for the senator could only quip: “I guess "
        "Christmas Eve was booked.”"
    )
    assert only(text).speaker == "a spokesman for the senator"


def test_lone_determiner_is_no_role_but_another_is_a_speaker() -> None:
    assert only("No wonder people said, and I quote, “We love it.”").speaker_mention != "No"
    assert only("Another tweeted, “He thinks he is above the rules.”").speaker == "Another"


def test_subordinate_clause_after_a_conjunction_is_skipped() -> None:
    text = (
        "Donald Trump spoke. And although he thanked the pastors for their support, Trump "
        "sounded a rare note of modesty, saying, “I am not sure I really deserve it.”"
    )
    assert only(text).speaker_mention == "Trump"


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            'A Taliban spokesman, Suhail Shaheen, said talks would go on. "We want peace," '
            "the Taliban spokesman said.",
            "Suhail Shaheen",
        ),
        (
            'Taliban spokesman Suhail Shaheen said talks would go on. "We want peace," the '
            "spokesman said.",
            "Suhail Shaheen",
        ),
        (
            'Defence Secretary Ben Wallace said the troops would leave. "We will not go back," '
            "the Defence Secretary said.",
            "Ben Wallace",
        ),
        (
            'The company\'s chief executive, Mary Barra, spoke on Monday. "Sales are strong," '
            "the chief executive said.",
            "Mary Barra",
        ),
    ],
)
def test_a_role_links_to_the_person_the_article_names_in_it(text: str, speaker: str) -> None:
    (quote,) = extract_document(text).quotes
    assert quote.speaker == speaker


def test_an_unnamed_spokesman_is_not_the_one_named_later() -> None:
    text = (
        '"Kandahar is completely conquered," a Taliban spokesman tweeted on Friday. '
        "Later, Taliban spokesman Zabihullah Mujahid confirmed that Khan had been detained."
    )
    (quote,) = extract_document(text).quotes
    assert quote.speaker == "a Taliban spokesman"


@pytest.mark.parametrize(
    "text",
    [
        "LIBYA SAYS CHAD FIGHTING TO CONTINUE\n\nBRASILIA, Nov 30 - Libyan leader Tian Jiyun"
        " said the fighting would go on.\n\nHe said the drop was set off by news of the deficit"
        ' "and other things that added to the jitters."\n',
        "KENYA SAYS TALKS WILL RESUME\n\nNAIROBI, March 3 - The minister said talks would go"
        ' on.\n\nShe said the delay was caused by "a misunderstanding between the delegations."\n',
        'KABUL, Aug 13 - The city was calm on Friday.\n\n"We are ready to protect our homeland,"'
        " she added.\n",
        'LAGOS (Reuters) - Fuel queues grew again.\n\n"Nobody knows when it ends," he told'
        " reporters.\n",
    ],
)
def test_a_pronoun_never_stands_for_the_dateline_place(text: str) -> None:
    facts = extract_document(text)
    places = {e.name for e in facts.entities if e.kind == "place"}
    assert facts.quotes and places
    assert all(q.speaker not in places for q in facts.quotes), [q.speaker for q in facts.quotes]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # AP style, the speaker described and never named: "he" goes on quoting them.
        (
            "NAIROBI, Kenya (AP) _\n\nBombs exploded Friday.\n\n``It was definitely a bomb,'' "
            "said a U.S. Embassy official in Nairobi, who refused to identify himself. ``You can "
            "see a huge crater behind the building,'' he said.\n",
            ["a U.S. Embassy official", "a U.S. Embassy official"],
        ),
        (
            'Sun said the bugs would not delay it. "We have not changed our plans," said a Sun '
            'spokesman. To switch to another vendor, "would not be an option," he said.',
            ["a Sun spokesman", "a Sun spokesman"],
        ),
        # "she" after a spokeswoman; "he" is not her, and falls to the person named before.
        (
            "John Smith arrived at noon. “It was a bomb,” said a spokeswoman. “There is a "
            "crater,” she said. “We are safe,” he said.",
            ["a spokeswoman", "a spokeswoman", "John Smith"],
        ),
        # Someone named in the sentence or since: the described speaker is not the antecedent.
        (
            "“It was a bomb,” said a police officer. Mayor John Smith visited the site. “There "
            "is a crater,” he said.",
            ["a police officer", "John Smith"],
        ),
        (
            "Janos Martonyi, who remembers 1956 as a 13-year-old, said Hungary was returning “to "
            "her natural habitat.” “It has been our destiny to rejoin them,” he said.",
            ["Janos Martonyi"],  # the last quote's (the first's is another question)
        ),
    ],
)
def test_he_goes_on_quoting_a_described_speaker(text: str, speakers: list[str]) -> None:
    got = [q.speaker for q in extract_document(text).quotes]
    assert got[-len(speakers) :] == speakers


@pytest.mark.parametrize(("opening", "closing"), [("``", "''"), ("“", "”"), ('"', '"')])
def test_a_quote_paragraph_goes_on_after_a_long_attributed_one(opening: str, closing: str) -> None:
    # Wire copy: the first paragraph's quote opens with "We ...", which is no speaker of the
    # next paragraph's quote; the speaker goes on.
    text = (
        "NAIROBI, Kenya (AP) _\n\nSurgeon General David Satcher led a team to Africa.\n\n"
        f"{opening}We want to build on the long-term partnership that has existed between our "
        f"countries to help innocent Kenyans who suffered in the bombing,{closing} Satcher said "
        "at a news conference.\n\n"
        f"{opening}At the same time, we want to help Kenya prepare for disasters.{closing}\n\n"
        "The bombings killed 259 people.\n"
    )
    assert [q.speaker for q in extract_document(text).quotes] == ["David Satcher"] * 2


def test_a_quote_paragraph_goes_on_after_a_long_attribution_with_a_title() -> None:
    text = (
        "The race turned rough.\n\n"
        "“Politics has never been gentlemanly, and now it's not gentlemanly at all,” said Jon "
        "Meacham, the author of “Destiny and Power,” a biography of the 41st president.\n\n"
        "“The lesson of 2016 is that none of the old rules apply.”\n\n"
        "The candidates met again on Friday.\n"
    )
    got = [(q.speaker, q.fragment) for q in extract_document(text).quotes]
    assert got == [("Jon Meacham", False), (None, True), ("Jon Meacham", False)]
