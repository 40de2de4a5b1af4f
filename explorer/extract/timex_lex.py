"""Word lists and regex fragments shared by the timeline extractor and the publication-date finder.

Kept apart from the rules so that both ``dates`` and ``pubdate`` read the same month and weekday
spellings: a missing alternative here would silently drop every date of that month everywhere,
which is why the tests enumerate every name and abbreviation.
"""

from __future__ import annotations

from explorer.extract import lexicon

MONTHS: dict[str, int] = {k: int(v) for k, v in lexicon.table("dates/months").items()}

# Full names first so the alternation prefers "September" over "Sep"; abbreviations may carry a
# full stop ("Aug."). Matched case-insensitively, then checked for capitalisation in code.
MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?)"
)

WEEKDAYS: dict[str, int] = {k: int(v) for k, v in lexicon.table("dates/weekdays").items()}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# Abbreviated weekdays are only trusted in front of a full date ("Wed. Nov 23rd, 2022"): alone,
# "Sun" is a newspaper and "Sat" a verb.
WEEKDAY_ABBR_RE = r"(?:mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\.?"

# The labels a page puts before its own date ("date 2021-07-18", "Published: …"): the title
# finder cuts them off a headline, the segment finder marks them as the page's chrome.
DATE_LABEL_RE = r"(?:date[ds]?|published|updated|posted|last\s+updated)"

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a dozen": 12,
    "dozen": 12,
    "half a": 0.5,
}
# Vague quantities: the unit is known, the amount is not ("several years" -> P XY).
VAGUE_NUMBERS = frozenset(["several", "a few", "few", "many", "some", "numerous", "countless"])

NUMBER_RE = (
    r"(?:\d+(?:\.\d+)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred|hundred"
    r"|a\s+couple(?:\s+of)?|a\s+dozen|half\s+a|several|a\s+few|few|many|some|numerous"
    r"|an?)"
)

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty first": 21,
    "last": 4,  # "the last quarter" of a year is its fourth
}

DECADE_WORDS: dict[str, int] = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

UNITS: dict[str, str] = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "fortnight": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}
TIME_UNITS = frozenset(["second", "minute", "hour"])

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}
# Meteorological northern seasons: (first month, last month); winter YYYY-WI is Dec YYYY..Feb YYYY+1.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}


def number_value(word: str) -> float | None:
    """Numeric value of a cardinal written in digits or words; None for vague amounts."""
    w = " ".join(word.lower().replace("-", " ").split())
    if not w:
        return None
    if w[0].isdigit():
        try:
            return float(w)
        except ValueError:
            return None
    if w in VAGUE_NUMBERS:
        return None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None
