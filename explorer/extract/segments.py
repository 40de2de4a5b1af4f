"""Which lines of a page are not the article: site chrome, photo captions, bylines.

A saved web page carries more than its story: the site's date bar ("• Wed. Nov 23rd, 2022"),
share and newsletter lines, "Read more" links to other stories, photo captions ("Pictured: …",
"In this picture taken on August 13, 2021, …", "… (AP Photo/Jane Doe)") and bylines. Read as
article text they put the scrape date and the caption's date on the timeline and the linked
headlines among the quotes. A reader skips them by their shape and cue words; so does this
module, one line (paragraph) at a time, from the rules in ``RULES``, each with lines it must
and must not match (checked by the tests). Nothing here knows an outlet or a seed article.

The lines found are kept (the reader shows them dimmed); the components that make timeline
events and quotes leave them out (``Doc.outside_article``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from explorer.extract import lexicon
from explorer.extract.sentences import split_sentences
from explorer.extract.timex_lex import DATE_LABEL_RE, MONTH_RE, WEEKDAY_RE
from explorer.model import Sentence

__all__ = [
    "NON_ARTICLE",
    "RULES",
    "SENTENCE_RULES",
    "TRAILING_CAPTION",
    "LineRule",
    "SentenceRule",
    "find_segments",
]

# The kinds a line can be besides article text.
NON_ARTICLE = ("caption", "chrome", "byline")

_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Getty(?:\s+Images)?|Shutterstock|Xinhua|ANI|PA|"
    r"Bloomberg|Alamy|NurPhoto|SOPA|Anadolu|UPI|dpa|Sipa|WireImage)"
)

# The date a caption closes on: "on August 13, 2021", ", Thursday, Aug. 12, 2021", "on 3
# March", "on Thursday", ", last September". After "on" or a comma, and at the very end.
_DAY_MONTH = (
    rf"(?:{MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}(?:\s+\d{{4}})?)"
)
_DATE_TAIL = (
    rf"(?i:(?:\son|,)\s+(?:{WEEKDAY_RE},?\s+)?{_DAY_MONTH}"
    rf"|\son\s+{WEEKDAY_RE}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|,\s+(?:last|this)\s+(?:{MONTH_RE}|{WEEKDAY_RE}|week|month|year))"
)

# A caption shows; it does not report or foretell. A line that says who said something, or
# what will happen, is the article's, however it ends.
_NOT_REPORTED = r"(?!.*\b(?:said|says|told|according|will|would|to\s+be)\b)"


@dataclass(frozen=True, slots=True)
class LineRule:
    """One kind of non-article line: a pattern over the stripped line, and examples."""

    name: str
    kind: str  # one of NON_ARTICLE
    pattern: re.Pattern[str]
    max_words: int  # longer lines are prose, whatever they start with
    matches: tuple[str, ...]  # lines this rule must take
    misses: tuple[str, ...] = ()  # lines it must leave to the article
    # Known by its shape, not by a cue word: the rule reads the line as written (a bulleted
    # line is the article's summary), never takes the page's first line (its headline) and
    # needs a sentence's worth of words ("NEW YORK, March 12" is a dateline). Such a rule
    # takes only lines that close on a date (tested first, cheaply: ``_ends_on_date``).
    by_shape: bool = False
    min_words: int = 0


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


RULES: tuple[LineRule, ...] = (
    LineRule(
        "caption label",
        "caption",
        _rx(
            r"^(?:pictured|photo(?:graph)?s?|image|picture|above|below|top|left|right|inset|"
            r"main\s+image|file\s+photo|video(?:\s+grab)?|watch|caption|credit)\s*[:|–—]\s*\S",
            re.IGNORECASE,
        ),
        80,
        (
            "Pictured: Smoke rises after fighting in the city of Kandahar",
            "PHOTO: Protesters gather outside parliament on Tuesday.",
            "Above: the new bridge, opened in March 2019",
            "Image | A convoy leaves the base",
        ),
        (
            "Photographers were kept away from the site on Friday.",
            "Above all, the minister said, the talks must go on.",
        ),
    ),
    LineRule(
        "in this picture",
        "caption",
        _rx(
            r"^(?:in\s+this|this)\s+(?:\w+\s+){0,2}(?:photo(?:graph)?|picture|image|"
            r"video\s+grab|screen\s*(?:grab|shot)|still|frame\s+grab)\b",
            re.IGNORECASE,
        ),
        90,
        (
            "In this picture taken on August 13, 2021, Taliban fighters stand guard.",
            "In this undated handout photo released by the army, soldiers patrol.",
            "This file photo shows the minister in 2019.",
        ),
        ("In this war, he said, nobody wins.",),
    ),
    LineRule(
        "agency credit",
        "caption",
        _rx(
            r"(?:\(\s*" + _AGENCY + r"\s*(?:Photo|Images?|/|via)[^()]*\)"
            r"|(?:Photo(?:graph)?|Image|Credit|Picture)\s*:\s*[^.]{2,60}$"
            r"|\b" + _AGENCY + r"\s*/\s*[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}$"
            r"|\bvia\s+Getty\s+Images$|\bGetty\s+Images$)\s*$"
        ),
        90,
        (
            "Fighters ride through the city on Friday. (AP Photo/Rahmat Gul)",
            "Smoke rises over the airport, August 26, 2021. REUTERS/Stringer",
            "Crowds outside the gate. Photograph: Jane Doe/Reuters",
            "A convoy on the highway (AFP via Getty Images)",
            "The square at dawn. Credit: John Roe for The Times",
        ),
        (
            "The photo, he said, was taken by Reuters in 2019.",
            "He works for Getty Images and has covered three wars.",
        ),
    ),
    LineRule(
        "byline",
        "byline",
        _rx(
            r"^(?i:by|words\s+by|story\s+by|reporting\s+by|writing\s+by|editing\s+by|"
            r"additional\s+reporting\s+by|compiled\s+by)\s+"
            # the names: capitalised words and the particles between them
            r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|al|bin|da))*"
            # then an outlet, a place or another credit: capitalised words again
            r"(?:(?:\s*[,;|–—-]\s*|\s+(?:in|for|at)\s+)"
            r"(?:[A-Z(][\w.'’&()-]*|and|in|for|by|of|the)"
            r"(?:\s+(?:[A-Z(][\w.'’&()-]*|and|in|for|by|of|the))*)*\.?$"
        ),
        24,
        (
            "By Jane Doe, Reuters",
            "By JANE DOE and JOHN ROE",
            "Reporting by Jane Doe; Editing by John Roe",
            "By Ahmad Seir in Kabul",
            "Writing by Mark Smith for The Associated Press",
            "By Jane Doe For Mailonline",
        ),
        (
            "By Friday the city had fallen, officials said.",
            "By and large, the talks failed.",
            "By Friday, the city had fallen.",
        ),
    ),
    LineRule(
        "site chrome",
        "chrome",
        _rx(
            r"^(?:share(?:\s+(?:this|on|via)\b.*)?|tweet|e-?mail|print|comments?|"
            r"subscribe\b.*|sign\s+(?:up|in)\b.*|log\s*in|follow\s+(?:us|@)\S*.*|advertisement|"
            r"advert|sponsored(?:\s+content)?|skip\s+to\s+(?:main\s+)?content|menu|"
            r"(?:read|see|watch)\s+(?:more|also|next)\b.*|related(?:\s+(?:articles?|stories|"
            r"coverage|content|topics))?\s*(?::.*)?|more\s+(?:from|on|stories)\b.*|"
            r"most\s+read(?:\s+stories)?:?|trending(?:\s+(?:now|stories))?:?|"
            r"we\s+use\s+cookies\b.*|cookies?\s+(?:policy|settings|preferences)\b.*|"
            r"accept\s+(?:all\s+)?cookies|"
            r"all\s+rights\s+reserved.*|(?:©|\(c\)|copyright)\s*\d{4}.*|"
            r"newsletter\b.*|download\s+(?:the|our)\s+app\b.*|listen\s+to\s+(?:this|the)\s+"
            r"(?:article|story)\b.*)$",
            re.IGNORECASE,
        ),
        16,
        (
            "Share this article",
            "READ MORE: Taliban seize Kandahar as Afghan forces retreat",
            "Related: ‘It is over,’ says the last governor of Helmand",
            "Sign up for our daily newsletter",
            "© 2021 Example News. All rights reserved.",
            "Advertisement",
            "Follow us on Twitter",
        ),
        (
            "Share prices fell on Monday after the report.",
            "Related talks in Doha ended without a deal, a spokesman said on Friday.",
            "Comments by the minister drew criticism from both sides of the house.",
        ),
    ),
    LineRule(
        "menu",
        "chrome",
        _rx(r"^[\w&'’ -]{1,24}(?:\s*[|•·»›]\s*[\w&'’ -]{1,24}){2,}$"),
        24,
        ("Home | World | Business | Sport", "News › World › Asia"),
        ("Kabul | 13 August 2021",),
    ),
    LineRule(
        "teaser",
        "chrome",
        # a link to another story, cut mid-sentence: it ends on a word no sentence ends on
        _rx(
            r"\b(?:as|of|the|an?|to|and|that|for|with|in|at|after|before|by|from|but|or|"
            r"while|when|amid|into|says|said)\s*(?:…|\.\.\.)$",
            re.IGNORECASE,
        ),
        30,
        (
            "Ben Wallace’s comments this morning come as…",
            "The minister’s remarks follow a week in which the...",
        ),
        (
            "He paused, then said he was not sure…",
            "‘We will see what happens…’",
            "The list goes on and on...",
        ),
    ),
    LineRule(
        "dated, unterminated line",
        "caption",
        # A line closing on its date with no full stop, no quotation and no bullet: how a
        # scraped page keeps a photo's caption ("… in Kandahar on August 13, 2021", "…, in
        # Doha, Qatar, last September"). Article sentences end with a stop; a bulleted
        # summary ("• The Taliban seized Lashkar Gah on Friday") is the article's.
        _rx(
            r"^(?![•◦▪‣●○■□*>–—-])(?!\w+:)(?!.*[“”\"«»])(?!.*[a-z0-9)][.!?]\s+[A-Z])"
            + _NOT_REPORTED
            + r".*?(?:"
            + _DATE_TAIL
            + r")$"
        ),
        60,
        (
            "Taliban fighters stand on a vehicle along the roadside in Kandahar on August 13, 2021",
            "Smoke rises after fighting, in Kandahar, southwest of Kabul, Thursday, Aug. 12, 2021",
            "A flag is seen flying in a square in the city of Ghazni on Thursday",
            "Mike Pompeo with the Taliban chief Abdul Ghani Baradar in Doha, Qatar, last September",
            "Protesters outside the embassy in Berlin on 3 March",
        ),
        (
            "The Taliban took Kandahar on Thursday, officials said.",
            "• The Taliban seized Lashkar Gah – the capital of Helmand – on Friday",
            "“We will be back on Monday",
            "Talks will resume on Monday.",
            "Provincial capitals being contested as of Aug. 13:",
            "NEW YORK, March 12",
            "STRIKE TO CLOSE NEW ZEALAND PORTS ON MONDAY",
            "Factors on Wednesday, Feb 25",
            "NOTE: shr reflects 2-for-1 stock split on June 9, 1986",
            "It said shareholders will be asked to approve the new name at the meeting on June 16",
        ),
        by_shape=True,
        min_words=8,
    ),
)

_FILLER = re.compile(r"^[\s•◦▪‣●○■□*|·>–—-]+|[\s|·]+$")
_WORD = re.compile(r"\w+")


def _rule_kind(line: str, as_written: str | None = None, headline: bool = False) -> str | None:
    """The kind of the first rule taking ``line`` (its bullets and filler stripped);
    ``as_written`` is the line as it stands, for the rules that read its bullet; the
    ``headline`` (the page's first line) is judged by cue words only."""
    words = len(_WORD.findall(line))
    for rule in RULES:
        if rule.by_shape:
            if headline or words < rule.min_words or _SHOUTED.match(line):
                continue
            if not _ends_on_date(line):
                continue
            seen = as_written if as_written is not None else line
        else:
            seen = line
        if words <= rule.max_words and rule.pattern.search(seen):
            return rule.kind
    return None


# A line without a lower-case word is a wire headline ("STRIKE TO CLOSE PORTS ON MONDAY"),
# never a caption, which is written as a sentence.
_SHOUTED = re.compile(r"^[^a-z]*$")


@dataclass(frozen=True, slots=True)
class SentenceRule:
    """A caption without a label inside a longer paragraph, known by the shape of its sentence.

    ``last_only``: the sentence must be the paragraph's last, glued on without a full stop of
    its own (a scraper joined the caption to the paragraph above it)."""

    name: str
    pattern: re.Pattern[str]
    last_only: bool
    matches: tuple[str, ...]  # paragraphs whose matching sentence is a caption
    misses: tuple[str, ...] = ()  # paragraphs with no caption


_CAPTION_VERB = (
    r"(?:\b(?:is|are)\s+(?:seen|pictured|shown)\b|\b(?:"
    + "|".join(sorted(lexicon.words("segments/caption_verbs")))
    + r")\b)"
)

SENTENCE_RULES: tuple[SentenceRule, ...] = (
    SentenceRule(
        "glued, dated, present tense",
        # "… had surrendered. A Taliban flag is seen flying in Ghazni on Thursday": the
        # picture's present tense, its date, and no stop, glued to the article's last stop
        _rx(
            r"^(?!.*[“”\"«»])"
            + _NOT_REPORTED
            + r"(?=.*"
            + _CAPTION_VERB
            + r").*?(?:"
            + _DATE_TAIL
            + r")$"
        ),
        True,
        (
            "The city fell, officials said. A Taliban flag is seen flying in Ghazni on Thursday",
            "Aid arrived late. Families wait outside the clinic in Herat on August 14, 2021",
        ),
        (
            "The city fell, officials said. The Taliban took the prison on Thursday",
            "The city fell. Talks resume on Monday.",
            "He said: “Families wait outside the clinic on Thursday”",
        ),
    ),
    SentenceRule(
        "place, weekday and full date",
        # The agency caption's close: "…, in Chaman, Pakistan, Friday, Aug. 13, 2021." A
        # sentence of the article says "on Friday"; a caption lists place, weekday, date.
        _rx(
            r",\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*,\s+(?i:"
            + WEEKDAY_RE
            + r",\s+"
            + _DAY_MONTH
            + r")\.?$"
        ),
        False,
        (
            "Stranded people cross the border, in Chaman, Pakistan, Friday, Aug. 13, 2021. "
            "Pakistan opened the crossing for people who had been stranded.",
            "Police detain a man in Minsk, Belarus, Sunday, Aug. 9, 2020. Protests went on.",
        ),
        (
            "The talks, the last before the deadline, ended on Friday, Aug. 13, 2021.",
            "He arrived in Chaman, Pakistan, on Friday, Aug. 13, 2021, officials said.",
        ),
    ),
)


# Every caption known by its shape closes on a date: most lines of an article do not, and this
# test on a line's last characters spares them the rules' full patterns (a third of the
# segment finder's time on long articles).
_DATE_END = re.compile(r"(?:" + _DATE_TAIL + r")\.?$")
_TAIL_CHARS = 48
# A weekday between commas ("…, Pakistan, Friday, Aug. 13, 2021. …"): an agency caption may
# close a sentence inside the paragraph, not only at its end.
_WEEKDAY_DATE = re.compile(r",\s+(?i:" + WEEKDAY_RE + r"),\s")


def _ends_on_date(line: str) -> bool:
    line = line.rstrip()
    return _DATE_END.search(line, max(0, len(line) - _TAIL_CHARS)) is not None


def _sentence_captions(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences (``spans``, one paragraph's, in order) ``SENTENCE_RULES`` take as
    captions."""
    out = []
    for i, (a, b) in enumerate(spans):
        sentence = text[a:b].rstrip()
        if len(_WORD.findall(sentence)) > 60 or not _ends_on_date(sentence):
            continue
        for rule in SENTENCE_RULES:
            if rule.last_only and (i == 0 or i != len(spans) - 1):
                continue
            if rule.pattern.search(sentence):
                out.append((a, b))
                break
    return out


# A caption a scraper glued to the end of a paragraph: "… the mission there. Pictured: Taliban
# fighters pose for a photo in Ghazni on Thursday". From its label to the end of the line.
TRAILING_CAPTION = re.compile(
    r"(?<=[.!?”’\"'])\s+((?:pictured|photo(?:graph)?|image|picture|above|below|inset|caption)"
    r"\s*[:|–—]\s*\S[^\n]*)$",
    re.IGNORECASE | re.MULTILINE,
)
TRAILING_EXAMPLES = (
    "The city fell on Thursday. Pictured: Taliban fighters pose for a photo in Ghazni",
    "They left before dawn.\u00a0Pictured:\u00a0A convoy leaves the base on Friday",
)
# The page's own date label glued before its headline: "date 2021-07-18 After inconclusive
# Doha talks, …". The label and its date are chrome (the publication date is read from them
# all the same); the headline after them stays article.
LEADING_DATE_LABEL = re.compile(
    rf"^\s*((?i:{DATE_LABEL_RE})\s*[:|–—-]?\s*"
    r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})"
    r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s+(?=\S)"
)
LEADING_EXAMPLES = (
    " date 2021-07-18 After inconclusive Doha talks, Afghan rivals will meet again.",
    "Published: 13/08/2021 Taliban take Kandahar",
    "Updated 2021-08-13T10:32Z Kandahar falls",
)
TRAILING_MISSES = (
    "The view from above: a city in ruins, officials said on Friday.",
    "He was pictured: smiling, on Friday.",
)


def find_segments(
    text: str,
    paragraphs: list[tuple[int, int]],
    only_dates: Callable[[str], bool],
    sentences: list[Sentence] | None = None,
) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every paragraph that is not article text, in text order; of
    every caption glued to a line of the article, with its label (``TRAILING_CAPTION``) or
    known by its sentence's shape (``SENTENCE_RULES``); and of a date label glued before the
    headline (``LEADING_DATE_LABEL``).

    ``only_dates(line)`` says a line holds nothing but dates and labels (the site's date bar,
    "Updated: 13/08/2021 10:32"): such a line is chrome. Only one-line paragraphs are judged
    whole: a block of several lines is prose, whatever its first words. ``sentences`` are the
    text's (the ``Doc``'s; split here when not given), for the captions inside a paragraph.
    """
    starts: list[int] | None = None  # the sentences' starts, found when a paragraph needs them
    out: list[tuple[int, int, str]] = []
    headline = True
    for start, end in paragraphs:
        raw = text[start:end]
        line = _FILLER.sub("", raw).strip()
        kind = None
        if line and "\n" not in raw.strip():
            kind = _rule_kind(line, raw.strip(), headline)
            if kind is None and len(line) <= 80 and only_dates(line):
                kind = "chrome"
        if kind is None and line:
            headline = False
        if kind is not None:
            out.append((start, end, kind))
            continue
        found = []
        if (m := LEADING_DATE_LABEL.match(raw)) is not None:
            out.append((start + m.start(1), start + m.end(1), "chrome"))
        for m in TRAILING_CAPTION.finditer(raw):
            tail = m.group(1)
            if len(_WORD.findall(tail)) <= 60:
                found.append((start + m.start(1), start + m.end(1), "caption"))
        if (
            not found
            and "\n" not in raw.strip()
            and (_ends_on_date(raw) or _WEEKDAY_DATE.search(raw))
        ):
            # a sentence of it may close on a date as a caption does
            if starts is None:
                sentences = split_sentences(text) if sentences is None else sentences
                starts = [s.start for s in sentences]
            lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
            spans = [(s.start, s.end) for s in sentences[lo:hi]]
            found = [(a, b, "caption") for a, b in _sentence_captions(text, spans)]
        out.extend(found)
    return out
