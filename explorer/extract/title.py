"""A title for documents whose metadata has none.

Plain-text articles often open with site chrome: a bullet and a date, "date 2021-07-18", a
"Published" line. A reader would skip those and take the first line that says something, so
date expressions and their labels are masked out before a line may serve as the title.
"""

from __future__ import annotations

import re

from explorer.extract.dates import extract_times
from explorer.extract.timex_lex import DATE_LABEL_RE
from explorer.model import Sentence

MAX_TITLE = 200
_LABELS = re.compile(
    rf"^(?:(?:{DATE_LABEL_RE}|on|at|by)\b[\s:|–—-]*)+",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^[\s•◦▪‣●○■□*|·:;,.–—-]+|[\s•◦▪‣●○■□*|·:;,–—-]+$")
_WORDS = re.compile(r"[^\W\d_]{2,}")
LOOK_AT = 8  # a title further down than this many lines is not a title


def guess_title(text: str, sentences: list[Sentence]) -> str:
    """The first early line that is more than a date, a label or a bullet."""
    seen_lines: set[int] = set()
    for s in sentences:
        if len(seen_lines) >= LOOK_AT:
            break
        seen_lines.add(s.paragraph)
        whole = text[s.start : s.end]
        line = _without_dates(whole)
        if len(_WORDS.findall(line)) >= 2:
            # "On Thursday, the Taliban…" is a sentence that starts with a date: keep it whole.
            # "date 2021-07-18 After talks…" is a label and a date before the title. A date
            # inside the headline is part of it ("RESERVES FALL IN FEB 18 WEEK").
            if line[0].islower():
                return _FILLER.sub("", whole)[:MAX_TITLE]
            return _FILLER.sub("", whole[whole.find(line.split()[0]) :])[:MAX_TITLE]
    for s in sentences:
        line = _FILLER.sub("", text[s.start : s.end])
        if line:
            return line[:MAX_TITLE]
    return ""


def only_dates(line: str) -> bool:
    """The line holds nothing but dates, labels and bullets ("• Wed. Nov 23rd, 2022")."""
    return not _WORDS.search(_without_dates(line))


def _without_dates(line: str) -> str:
    """The line with its date expressions and their labels cut away at either end."""
    times = extract_times(line, [Sentence(0, len(line), "headline")], None)
    for t in sorted(times, key=lambda t: t.start, reverse=True):
        line = line[: t.start] + " " * (t.end - t.start) + line[t.end :]
    line = _FILLER.sub("", line)
    previous = None
    while previous != line:
        previous = line
        line = _FILLER.sub("", _LABELS.sub("", line))
    return re.sub(r"\s{2,}", " ", line)
