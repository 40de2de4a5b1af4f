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

import re
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["NON_ARTICLE", "RULES", "TRAILING_CAPTION", "LineRule", "find_segments"]

# The kinds a line can be besides article text.
NON_ARTICLE = ("caption", "chrome", "byline")

_AGENCY = (
    r"(?:AP|AFP|Reuters|REUTERS|EPA|EPA-EFE|Getty(?:\s+Images)?|Shutterstock|Xinhua|ANI|PA|"
    r"Bloomberg|Alamy|NurPhoto|SOPA|Anadolu|UPI|dpa|Sipa|WireImage)"
)


@dataclass(frozen=True, slots=True)
class LineRule:
    """One kind of non-article line: a pattern over the stripped line, and examples."""

    name: str
    kind: str  # one of NON_ARTICLE
    pattern: re.Pattern[str]
    max_words: int  # longer lines are prose, whatever they start with
    matches: tuple[str, ...]  # lines this rule must take
    misses: tuple[str, ...] = ()  # lines it must leave to the article


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
)

_FILLER = re.compile(r"^[\s•◦▪‣●○■□*|·>–—-]+|[\s|·]+$")
_WORD = re.compile(r"\w+")


def _rule_kind(line: str) -> str | None:
    words = len(_WORD.findall(line))
    for rule in RULES:
        if words <= rule.max_words and rule.pattern.search(line):
            return rule.kind
    return None


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
TRAILING_MISSES = (
    "The view from above: a city in ruins, officials said on Friday.",
    "He was pictured: smiling, on Friday.",
)


def find_segments(
    text: str, paragraphs: list[tuple[int, int]], only_dates: Callable[[str], bool]
) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every paragraph that is not article text, in text order, and of
    every caption glued to the end of a line of the article (``TRAILING_CAPTION``).

    ``only_dates(line)`` says a line holds nothing but dates and labels (the site's date bar,
    "Updated: 13/08/2021 10:32"): such a line is chrome. Only one-line paragraphs are judged
    whole: a block of several lines is prose, whatever its first words.
    """
    out: list[tuple[int, int, str]] = []
    for start, end in paragraphs:
        raw = text[start:end]
        line = _FILLER.sub("", raw).strip()
        kind = None
        if line and "\n" not in raw.strip():
            kind = _rule_kind(line)
            if kind is None and len(line) <= 80 and only_dates(line):
                kind = "chrome"
        if kind is not None:
            out.append((start, end, kind))
            continue
        for m in TRAILING_CAPTION.finditer(raw):
            tail = m.group(1)
            if len(_WORD.findall(tail)) <= 60:
                out.append((start + m.start(1), start + m.end(1), "caption"))
    return out
