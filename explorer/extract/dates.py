"""Timeline extraction: find date/time expressions and resolve them against the article's date.

Detection is a set of precompiled regexes, one per family of expression (absolute dates, bare
years, decades, quarters, seasons, weekdays, relative units, "N days ago", durations, sets,
clock times, PRESENT/PAST/FUTURE_REF words). Each rule scans only the text around its own
trigger words (a month name, a four-digit number, "ago"...), which keeps the cost near one pass
over the text; the longest non-overlapping matches win, and the survivors are resolved in text
order so that "three days later" can lean on the date mentioned just before it, as a reader does.

Where the text leaves a choice, the reading a news reader would make is taken: a weekday is the
nearest one in the direction the clause's tense points (past by default: news reports what
happened), a month or day without a year is the nearest one with the past preferred, weeks are
ISO weeks, seasons are meteorological northern seasons (``YYYY-WI`` is Dec YYYY to Feb YYYY+1).

Values follow TimeML TIMEX3 conventions so they can be scored against TimeBank/TempEval:
``2021-08-12``, ``2021-08``, ``2021``, ``198X``, ``19`` (a century), ``2021-W29``,
``2021-W29-WE``, ``2021-SU``, ``2021-Q3``, ``2021-H1``, ``2021-08-13TMO``, ``2021-08-13T10:35``,
``-0500`` (500 BC), ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, ``P20Y`` (durations), and
``P1W``/``XXXX-WXX-1`` (sets). The article's own date is the only anchor for relative
expressions: with no ``doc_date`` they stay unresolved (value None), never resolved against
today's clock.

Why regexes and not dateparser: dateparser costs milliseconds per call and does not find
expressions in running text; the whole per-document pipeline has a budget of a few ms.
Calendar arithmetic is delegated to python-dateutil (``relativedelta``, ``easter``).
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from explorer.extract.timex_lex import (
    DECADE_WORDS,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASON_MONTHS,
    SEASONS,
    TIME_UNITS,
    UNITS,
    WEEKDAY_ABBR_RE,
    WEEKDAY_NAMES,
    WEEKDAY_RE,
    WEEKDAYS,
    number_value,
)
from explorer.model import Sentence, TimeExpr

__all__ = ["extract_times", "timex_bounds"]

_I = re.IGNORECASE | re.VERBOSE


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    """Compile a rule whose whitespace never crosses a line break: lines are separate units."""
    pattern = pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    return re.compile(pattern, flags)


# Modifiers that narrow a period without changing its TIMEX3 value ("early May" -> 2021-05).
_MODS = (
    r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
    r"|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+turn\s+of|the\s+close\s+of"
    r"|the\s+spring\s+of|the\s+summer\s+of|the\s+autumn\s+of|the\s+fall\s+of|the\s+winter\s+of)"
)
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

_R_ISO = _rx(
    r"""(?<![\w./-])
    (?P<y>\d{4})(?P<sep>[-/])(?P<mo>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)
    (?:[T\s](?P<h>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?
    (?![\w/]|-\d)""",
    _I,
)
# 13/08/2021, 8/13/2021, 13.08.2021: the order is read from the numbers, else the nearer date.
_R_NUMERIC = _rx(
    r"""(?<![\w./-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)(?P<y>\d{4})(?![\w/]|\.\d)""",
    _I,
)
_R_MDY = _rx(
    rf"""(?<![\w-])
    (?:(?:(?P<wd>{WEEKDAY_RE})\s*,?|(?P<wda>{WEEKDAY_ABBR_RE})\s*,?)\s+(?:the\s+)?)?
    (?P<mon>{MONTH_RE})(?:(?<=\.)\s*|\s+)(?:the\s+)?{_DAYNUM}(?!\d|:\d|,\d{{3}}(?!\d)|%|\.\d|\s*(?:%|percent))
    (?:\s*,?\s*(?P<year>\d{{4}})(?![\d%]|[.,]\d)(?:\s*(?P<era>BC|B\.C\.|AD|A\.D\.))?)?""",
    _I,
)
_R_DMY = _rx(
    rf"""(?<![\w-])
    (?:(?:(?P<wd>{WEEKDAY_RE})\s*,?|(?P<wda>{WEEKDAY_ABBR_RE})\s*,?)\s+)?(?:the\s+)?
    {_DAYNUM}\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?!\w)
    (?:\s*,?\s*(?P<year>\d{{4}})(?![\d%]|[.,]\d))?""",
    _I,
)
_R_MONTH = _rx(
    rf"""(?<![\w-])
    (?:(?P<mod>{_MODS})[\s-]+)?
    (?:(?P<det>this\s+past|this\s+coming|this|last|next|the\s+following|the\s+previous|every|each)\s+)?
    (?:(?P<mod2>early|mid|late)[\s-]+)?
    (?P<mon>{MONTH_RE})(?!\w)
    (?:(?:\s+of)?\s*,?\s+(?P<year>\d{{4}})(?![\d%]|[.,]\d)|\s+(?P<yrel>this|last|next)\s+year(?![\w'’]))?""",
    _I,
)
_R_YEAR = _rx(
    rf"""(?<![\w$£€¥#@.,/:'’-])
    (?:(?P<mod>{_MODS}|fiscal|calendar|the\s+year|the\s+fiscal\s+year|financial\s+year|model\s+year)[\s-]+)?
    (?:(?P<pera>AD|A\.D\.)\s+)?
    (?P<year>\d{{1,4}})
    (?:\s*(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|AD|A\.D\.|CE)(?!\w))?
    (?![\w%]|[.,]\d|\s*(?:%|percent|per\s+cent))""",
    _I,
)
_R_DECADE = _rx(
    r"""(?<![\w-])
    (?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?
    (?:(?P<dec>\d{3}0)|['’‘](?P<dec2>\d0))['’]?s(?!\w)
    |(?<![\w-])(?P<the2>the)\s+(?:(?P<mod2>early|mid|late)[\s-]+)?
    (?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?!\w)""",
    _I,
)
_R_CENTURY = _rx(
    rf"""(?<![\w-])
    (?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?
    (?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{"|".join(sorted(ORDINALS, key=len, reverse=True))})[\s-]+centur(?:y|ies)(?!\w)
    (?:\s+(?P<era>BCE|BC|B\.C\.|AD|A\.D\.|CE)(?!\w))?""",
    _I,
)
_R_QUARTER = _rx(
    r"""(?<![\w-])
    (?:(?P<det>the|this|that|last|next|its|their|our|his|her)\s+)?
    (?:(?P<ypre>(?:this|last|next)\s+year['’]s|(?:fiscal\s+)?(?:19|20)\d\d)\s+)?
    (?:(?P<rel>latest|last|past|previous|current|same|coming|recent|most\s+recent|just-ended|just\s+ended|year-earlier|year-ago|prior-year|comparable(?:\s+year-ago|\s+year-earlier)?|year\s+earlier|year\s+ago)[\s-]+)?
    (?:(?:fiscal|calendar)[\s-]+)?
    (?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+)?
    (?:(?:fiscal|calendar)[\s-]+)?
    (?P<unit>quarter|half|period)(?!\w)
    (?:\s+(?:of|in)\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<year>\d{4})(?!\d)|(?P<yrel>this|last|next)\s+year))?
    |(?<![\w-])(?P<q>Q[1-4]|H[12])(?:\s*(?P<qy>(?:19|20)\d\d)(?!\d))?(?!\w)""",
    _I,
)
_R_SEASON = _rx(
    r"""(?<![\w-])
    (?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)[\s-]+)?
    (?:(?P<det>this\s+past|this\s+coming|this|last|next|the\s+coming|the\s+past|the|that)\s+)?
    (?:(?P<mod2>early|mid|late)[\s-]+)?
    (?P<season>spring|summer|autumn|fall|winter)(?:time)?(?![\w-])
    (?:(?:\s+of)?\s*,?\s+(?P<year>\d{4})(?!\d))?""",
    _I,
)
_R_RELDAY = _rx(
    r"""(?<![\w-])
    (?:(?P<mod>early|late|later|earlier)\s+)?
    (?P<rd>today|tonight|tomorrow|yesterday|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)
    (?![\w-])
    (?:\s+(?P<pod>morning|afternoon|evening|night))?(?!\w)""",
    _I,
)
_R_POD = _rx(
    r"""(?<![\w-])
    (?P<det>this|last|tomorrow|yesterday|early\s+this|late\s+last|later\s+this|earlier\s+this|late\s+this|early\s+last
      |the\s+next|the\s+following|the\s+previous|that|mid)
    [\s-]+(?P<pod>morning|afternoon|evening|night)(?!\w)(?:\s+(?P<rd>yesterday|today|tomorrow)(?!\w))?""",
    _I,
)
_R_WEEKDAY = _rx(
    rf"""(?<![\w-])
    (?:(?P<det>last|next|this\s+past|this\s+coming|this|the\s+previous|the\s+following|the\s+next|coming|early|late)\s+)?
    (?P<wd>{WEEKDAY_RE})(?P<plural>s)?(?![\w-])
    (?:\s+(?P<pod>morning|afternoon|evening|night|overnight)(?!\w))?""",
    _I,
)
_R_HOLIDAY = _rx(
    r"""(?<![\w-])
    (?:(?P<det>last|next|this|this\s+past)\s+)?
    (?P<hol>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?
    |Easter(?:\s+(?:Sunday|Monday))?|Good\s+Friday|Halloween|Boxing\s+Day|Valentine['’]s\s+Day
    |Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Veterans\s+Day|Black\s+Friday|Cyber\s+Monday
    |Ash\s+Wednesday|Palm\s+Sunday|Maundy\s+Thursday|Shrove\s+Tuesday
    |(?P<named>(?:Super|Bloody|Blue|Black|Holy)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))(?!\w)
    (?:\s*,?\s+(?P<year>\d{4})(?!\d))?""",
    re.VERBOSE,
)
_R_CLOCK = _rx(
    rf"""(?<![\w:.$£€])
    (?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ampm>a\.\s?m\.?|p\.\s?m\.?|am|pm)(?!\w)
      |(?P<h24>[0-2]?\d):(?P<mi24>[0-5]\d)(?![\d:])
      |(?P<nm>noon|midnight|midday))
    (?:\s*\(?(?P<tz>GMT|UTC|BST|CET|CEST|[ECMP][SD]T|local\s+time)\)?(?!\w))?
    (?:\s*,?\s*(?:on\s+)?(?P<anchor>today|tonight|yesterday|tomorrow|{WEEKDAY_RE}
      |{MONTH_RE}\s*[0-3]?\d(?:st|nd|rd|th)?(?:,?\s*\d{{4}})?)(?!\w))?""",
    _I,
)
_R_AGO = _rx(
    rf"""(?<![\w-])
    (?:(?P<mod>about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|over|at\s+least|exactly|barely)\s+)?
    (?P<n>{NUMBER_RE})[\s-]+(?:and\s+a\s+half\s+)?(?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ies))s?
    (?:\s+or\s+(?:so|two|more))?\s+(?P<dir>ago|earlier|later|before|after|hence|from\s+now|back|previously|on(?=\s*[,.;]))(?!\w)""",
    _I,
)
_R_DURATION = _rx(
    rf"""(?<![\w-])
    (?:(?P<pre>the\s+(?:past|last|next|coming|previous|first|final|following|preceding|same|remaining)\s+)
      |(?P<mod>(?:a\s+little\s+|just\s+|well\s+|a\s+bit\s+)?(?:over|under|more\s+than|less\s+than|nearly|almost|about|around|roughly|some|at\s+least|up\s+to|approximately|at\s+most|fewer\s+than|close\s+to)\s+))?
    (?P<n>{NUMBER_RE})[\s-]+(?P<half>and[\s-]+a[\s-]+half[\s-]+)?
    (?P<unit>second|minute|hour|day|night|week|fortnight|month|year|decade|centur(?:y|ies))(?P<pl>s)?
    (?:[\s-]+(?P<long>long|old))?(?![\w])""",
    _I,
)
_R_VAGUE = _rx(
    r"""(?<![\w-])
    (?:(?P<prep>for|over|within|during|in|through)\s+)?
    (?:(?P<det>the\s+(?:coming|next|past|last|previous|following)|recent|coming)\s+)?
    (?P<unit>minutes|hours|days|weeks|months|years|decades|centuries)(?!\w)""",
    _I,
)
_R_SET = _rx(
    rf"""(?<![\w-])
    (?:(?P<q>every|each|once\s+a|twice\s+a|once\s+every|(?:{NUMBER_RE})\s+times\s+(?:a|per|each|every)|per)
      \s+(?P<other>other\s+)?(?P<u>day|week|month|year|quarter|morning|afternoon|evening|night|weekend|{WEEKDAY_RE}|spring|summer|autumn|fall|winter)(?!\w)
    |(?P<adv>daily|weekly|monthly|quarterly|annually|yearly|nightly|hourly|biweekly|fortnightly|semiannually|biannually)(?!\w))""",
    _I,
)
_R_REF = _rx(
    r"""(?<![\w-])
    (?P<ref>right\s+now|now|currently|nowadays|these\s+days|at\s+present|recently|lately
      |the\s+(?:recent|distant|immediate)\s+past|the\s+past
      |the\s+(?:near|distant|immediate|foreseeable)\s+future|the\s+future|soon)
    (?![\w-])""",
    _I,
)
_UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TWO_DIGITS_W = rf"(?:{_TENS_W}(?:[\s-]{_UNITS_W})?|{_TEENS_W}|oh[\s-]{_UNITS_W})"
# Years as broadcast transcripts spell them: "nineteen ninety-six", "two thousand and one".
_R_SPOKEN_YEAR = _rx(
    rf"""(?<![\w-])
    (?:(?P<mon>{MONTH_RE})\s+|the\s+(?P<season>spring|summer|autumn|fall|winter)\s+of\s+|the\s+year\s+)?
    (?:(?P<c>nineteen|twenty|eighteen)[\s-](?:hundred(?:\s+and)?\s+)?(?P<yy>{_TWO_DIGITS_W})
      |two\s+thousand(?:\s+and)?(?:[\s-](?P<y2k>{_TWO_DIGITS_W}|{_UNITS_W}))?)
    (?![\w-])""",
    _I,
)
_R_YEARAGO = _rx(
    r"""(?<![\w-])(?:(?P<det>the|a)\s+)?(?:comparable\s+)?(?P<w>year-earlier|year-ago|prior-year)
    (?:\s+(?P<u>period|quarter|results|figures|level|levels|month|months|week))?(?![\w-])""",
    _I,
)
_R_RELUNIT = _rx(
    r"""(?<![\w-])
    (?:(?P<mod>early|late|earlier|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of
      |the\s+rest\s+of|the\s+remainder\s+of|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+turn\s+of)[\s-]+)?
    (?P<det>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+next
      |the\s+following|the\s+current|the\s+same|the\s+preceding|the\s+prior|the\s+present|that\s+same|that
      |in\s+the|the\s+full|the\s+fiscal|the\s+current\s+fiscal|the\s+latest\s+fiscal|the|year['’]s|year)
    (?:\s+|(?<=year)-|(?<=year)\s*)(?P<unit>day|week|weekend|month|year|decade|century|end)(?![\w-])""",
    _I,
)

# Words before a bare month or year that make it a date ("in May", "since 2001").
_DATE_PREPS = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "through",
        "throughout",
        "from",
        "to",
        "before",
        "after",
        "of",
        "between",
        "and",
        "or",
        "early",
        "late",
        "mid",
        "end",
        "start",
        "beginning",
        "around",
        "circa",
        "c",
        "about",
        "fiscal",
        "year",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "into",
        "for",
        "on",
        "as",
    ]
)
# Prepositions that keep "May"/"March" a month even without a day or year ("in May").
_STRONG_PREPS = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "through",
        "throughout",
        "from",
        "before",
        "after",
        "early",
        "late",
        "mid",
        "of",
    ]
)
_UNIT_NOUNS = re.compile(
    r"\s+(?:km|kms|kilomet(?:er|re)s?|miles?|m|metres?|meters?|feet|ft|kg|tonnes?|tons?|hectares?|acres?|"
    r"dollars?|euros?|pounds?|yuan|yen|rupees?|barrels?|square|sq|people|troops|soldiers|men|women|"
    r"children|families|votes|cases|deaths|points|units|shares|jobs|homes|houses|cars|fighters)\b",
    re.IGNORECASE,
)
_PREV_WORD = re.compile(r"([A-Za-z]+)[\s,-]*$")
_DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "and",
        "but",
        "or",
        "as",
        "also",
        "then",
        "when",
        "while",
        "if",
        "only",
        "even",
        "every",
        "each",
        "some",
        "all",
        "both",
    ]
)
_PREV_NAME = re.compile(r"([A-Z][\w.]*)(?:['’]s)?[ \t]+$")
_FUTURE = re.compile(
    r"\b(?:[Ww]ill|won['’]t|shall|going\s+to|is\s+to|are\s+to|plans\s+to|plan\s+to|planning|planned|"
    r"scheduled|expected\s+to|is\s+due|are\s+due|set\s+to|to\s+be\s+held|upcoming|until|till|"
    r"next(?!\s+to\b)|hopes?\s+to|would|intends?\s+to|aims?\s+to|as\s+(?:soon|early|late)\s+as|"
    r"tomorrow)\b|['’]ll\b"
)
# Finite past forms only: an "-ed" participle is as often passive ("must be returned by Jan. 14").
_PAST = re.compile(
    r"\b(?:said|told|was|were|had|did|took|fell|began|came|went|met|saw|won|lost|left|held|spoke|"
    r"wrote|gave|got|ago|since|last|seized|captured|killed|announced|reported|arrived|died)\b",
    re.IGNORECASE,
)
# A participle after an auxiliary is not a past event: "will be held", "to be returned".
_AUX_BEFORE = re.compile(
    r"\b(?:be|been|being|to|will|would|could|should|may|might|must)\s+$", re.IGNORECASE
)
_CLAUSE_END = re.compile(
    r"[,;:()]|\b(?:that|which|who|saying|when|where|while|and|but)\b", re.IGNORECASE
)
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|announced|reported|added|stated)\b", re.IGNORECASE
)
# "today's youth", "the people of tomorrow": figures of speech for an era, not a day.
_GENERIC_AFTER = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|young|children|kids|standards|technology|economy)\b",
    re.IGNORECASE,
)
_NAME_AFTER_TODAY = re.compile(
    r"\s+(?:programme|program|show|newspaper|paper|magazine|broadcast|interview|presenter|host)\b",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    kind: str
    m: re.Match[str]
    prio: int


@dataclass(slots=True)
class _Anchor:
    """The last date the text put the reader at, for "three days later" and "the next day"."""

    day: date
    precision: str
    pos: int


_RULES: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("clock", _R_CLOCK, 0),
    ("iso", _R_ISO, 1),
    ("numeric", _R_NUMERIC, 2),
    ("mdy", _R_MDY, 3),
    ("dmy", _R_DMY, 4),
    ("holiday", _R_HOLIDAY, 5),
    ("ago", _R_AGO, 6),
    ("set", _R_SET, 7),
    ("quarter", _R_QUARTER, 8),
    ("relunit", _R_RELUNIT, 9),
    ("yearago", _R_YEARAGO, 9),
    ("month", _R_MONTH, 10),
    ("season", _R_SEASON, 11),
    ("decade", _R_DECADE, 12),
    ("century", _R_CENTURY, 13),
    ("relday", _R_RELDAY, 14),
    ("pod", _R_POD, 15),
    ("weekday", _R_WEEKDAY, 16),
    ("duration", _R_DURATION, 17),
    ("vague", _R_VAGUE, 18),
    ("year", _R_YEAR, 19),
    ("spoken", _R_SPOKEN_YEAR, 19),
    ("ref", _R_REF, 20),
)


def extract_times(text: str, sentences: list[Sentence], doc_date: str | None) -> list[TimeExpr]:
    """Find date/time expressions and resolve them against ``doc_date`` (ISO YYYY-MM-DD).

    Relative expressions are resolved only against the article's own date: with ``doc_date``
    None they are returned with value None so the timeline never invents a date. Durations and
    sets come back typed DURATION/SET; the index keeps them off the timeline.
    """
    dct = _parse_iso_day(doc_date)
    cands: list[_Cand] = []
    for (kind, rx, prio), spans in zip(_RULES, _windows(text), strict=True):
        for ws, we in spans:
            for m in rx.finditer(text, ws, we):
                span = _accept(kind, m, text)
                if span is not None:
                    cands.append(_Cand(span[0], span[1], kind, m, prio))
    chosen = _select(cands)
    starts = [s.start for s in sentences]
    ctx = _Ctx(text, sentences, starts, dct)
    out: list[TimeExpr] = []
    for c in chosen:
        res = ctx.resolve(c)
        if res is None:
            continue
        typ, value, precision = res
        out.append(TimeExpr(c.start, c.end, text[c.start : c.end], typ, value, precision))
        if (
            value
            and typ in ("DATE", "TIME")
            and c.kind not in ("ago", "yearago")
            and "year" not in (c.m.groupdict().get("rel") or "")
            and precision in ("day", "month", "quarter", "year")
        ):
            d = _value_day(value)
            if d is not None:
                ctx.anchor = _Anchor(d, precision, c.start)
                if precision == "day":
                    ctx.day_anchor = ctx.anchor
    return out


_TOKEN = re.compile(r"\w+")
_UNIT_WORDS = [
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "night",
    "nights",
    "week",
    "weeks",
    "fortnight",
    "fortnights",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
]
# The words (lower-case) that every match of a rule contains; "#4" stands for a four-digit
# number, "#0s" for a decade ("1980s", "'80s") and "#:" for a number before a colon ("10:35"). Scanning only the text around them keeps each rule off the long stretches of prose that
# cannot hold its kind of expression: the whole extractor then costs about as much as one pass.
_RULE_TRIGGERS: dict[str, list[str]] = {
    "clock": ["#:"]
    + [
        "m",
        "am",
        "pm",
        "noon",
        "midnight",
        "midday",
        "gmt",
        "utc",
        "bst",
        "cet",
        "cest",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "mst",
        "mdt",
    ],
    "iso": ["#4"],
    "numeric": ["#4"],
    "mdy": list(MONTHS),
    "dmy": list(MONTHS),
    "holiday": [
        "super",
        "bloody",
        "blue",
        "black",
        "holy",
        "cyber",
        "ash",
        "palm",
        "maundy",
        "shrove",
        "christmas",
        "new",
        "thanksgiving",
        "easter",
        "good",
        "halloween",
        "boxing",
        "valentine",
        "independence",
        "labor",
        "labour",
        "memorial",
        "veterans",
    ],
    "ago": _UNIT_WORDS,
    "set": [
        "every",
        "each",
        "once",
        "twice",
        "times",
        "per",
        "daily",
        "weekly",
        "monthly",
        "quarterly",
        "annually",
        "yearly",
        "nightly",
        "hourly",
        "biweekly",
        "fortnightly",
        "semiannually",
        "biannually",
    ],
    "quarter": ["quarter", "quarters", "half", "period", "q1", "q2", "q3", "q4", "h1", "h2"],
    "relunit": ["day", "week", "weekend", "month", "year", "decade", "century", "end"],
    "yearago": ["year"],
    "month": list(MONTHS),
    "season": list(SEASONS) + ["springtime", "summertime", "wintertime"],
    "decade": ["#0s"] + list(DECADE_WORDS),
    "century": ["century", "centuries"],
    "relday": ["today", "tonight", "tomorrow", "yesterday"],
    "pod": list(PARTS_OF_DAY),
    "weekday": [w.lower() for w in WEEKDAY_NAMES] + [w.lower() + "s" for w in WEEKDAY_NAMES],
    "duration": _UNIT_WORDS,
    "vague": [w for w in _UNIT_WORDS if w.endswith("s")],
    "year": ["#4", "bc", "bce", "ad", "ce"],
    "spoken": ["nineteen", "twenty", "eighteen", "thousand"],
    "ref": [
        "now",
        "currently",
        "nowadays",
        "days",
        "present",
        "recently",
        "lately",
        "past",
        "future",
        "soon",
    ],
}
_WORD_RULES: dict[str, tuple[int, ...]] = {}
for _i, (_kind, _rx, _prio) in enumerate(_RULES):
    for _w in _RULE_TRIGGERS[_kind]:
        _WORD_RULES[_w] = (*_WORD_RULES.get(_w, ()), _i)
_BEFORE = 60  # the longest prefix a rule puts before its trigger ("the beginning of the ...")
_AFTER = 70  # and the longest tail after it ("... , 2021 BC", "or so ago")


def _windows(text: str) -> list[list[tuple[int, int]]]:
    """For each rule, merged spans around its trigger words; the rule only scans these."""
    out: list[list[tuple[int, int]]] = [[] for _ in _RULES]
    n = len(text)
    get = _WORD_RULES.get
    four, decade, colon = get("#4", ()), get("#0s", ()), get("#:", ())
    for m in _TOKEN.finditer(text):
        w = m.group()
        if w[0].isdigit():
            if len(w) == 4 and w.isdigit():
                rules = four
            elif w.endswith("0s") and w[:-1].isdigit():
                rules = decade
            elif text[m.end() : m.end() + 1] == ":":
                rules = colon
            else:
                continue
        else:
            rules = get(w.lower())
            if not rules:
                continue
        ws, we = m.start() - _BEFORE, m.end() + _AFTER
        ws = 0 if ws < 0 else ws
        we = n if we > n else we
        for r in rules:
            spans = out[r]
            if spans and ws <= spans[-1][1]:
                spans[-1] = (spans[-1][0], we)
            else:
                spans.append((ws, we))
    return out


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest non-overlapping candidates, as a reader takes the fullest reading."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[_Cand] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text, max(0, pos - 30), pos)
    return m.group(1).lower() if m else ""


def _is_capitalised(s: str) -> bool:
    return bool(s) and s[0].isupper()


def _at_sentence_start(text: str, pos: int) -> bool:
    """True when only punctuation, quotes or bullets separate ``pos`` from a line or sentence start."""
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘«(•*–—-`":
        i -= 1
    return i < 0 or text[i] in "\n.!?:;"


def _accept(kind: str, m: re.Match[str], text: str) -> tuple[int, int] | None:  # noqa: C901
    """Reject false positives that the regexes cannot see; return the (possibly trimmed) span."""
    start, end = m.span()
    g = m.groupdict()
    if g.get("mon") is not None and not _is_capitalised(g["mon"]):
        return None
    if g.get("wd") is not None and not _is_capitalised(g["wd"]):
        return None
    if kind in ("mdy", "dmy"):
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if g.get("wda") is not None and (not _is_capitalised(g["wda"]) or not g.get("year")):
            # Abbreviated weekday only counts in front of a full date ("Wed. Nov 23rd, 2022").
            start = m.start("mon") if kind == "mdy" else m.start("day")
            if kind == "dmy" and g.get("day") and text[start - 4 : start] == "the ":
                start -= 4
        mon = g["mon"]
        if (
            kind == "mdy"
            and mon.lower() in ("may", "march")
            and not g.get("year")
            and _UNIT_NOUNS.match(text, m.end())
        ):
            return None  # "March 15 people": a count after the verb, not a day
        return start, end
    if kind == "month":
        mon = g["mon"]
        ml = mon.lower().rstrip(".")
        if g.get("det") and g["det"].lower() in ("every", "each"):
            return start, end
        if g.get("year") or g.get("yrel") or g.get("mod") or g.get("mod2") or g.get("det"):
            return start, end
        prev = _prev_word(text, start)
        if text[end : end + 1] in ("'", "’"):
            # "December's figures" is the month; "May's" is more often Theresa May's.
            if ml in ("may", "march") or text[end + 1 : end + 2] != "s":
                return None
            return start, end
        if prev in ("the", "a", "an") and re.match(r" [a-z]{3,}", text[end : end + 5]):
            return start, end  # "the October slaying", "a June agreement"
        if ml in ("may", "march"):
            return (start, end) if prev in _STRONG_PREPS else None
        if "." not in mon and len(ml) <= 4 and ml != "june" and ml != "july":
            # Bare abbreviations ("Jan") need a clear preposition.
            return (start, end) if prev in _STRONG_PREPS else None
        if prev in _DATE_PREPS:
            return start, end
        nxt = text[end : end + 2]
        if nxt[:1] in (",", ".", ";", ")") or nxt == "" or nxt[:1] == "\n":
            # "... since last summer and again in April." — a month closing a clause.
            return (start, end) if prev in _DATE_PREPS or prev in ("of", "the") else None
        return None
    if kind == "year":
        y = int(g["year"])
        era = g.get("era") or g.get("pera")
        if era:
            if not era[0].isupper():
                return None
            return (start, end) if y > 0 else None
        if len(g["year"]) != 4:
            return None
        if g.get("mod"):
            return (start, end) if 1000 <= y <= 2199 else None
        prev = _prev_word(text, start)
        if prev in _DATE_PREPS:
            return (start, end) if 1000 <= y <= 2199 else None
        if not 1800 <= y <= 2100:
            return None
        pm = _PREV_NAME.search(text, max(0, start - 30), start)
        if (
            pm
            and pm.group(1).lower().rstrip(".") not in MONTHS
            and pm.group(1).lower() not in _DETERMINERS
        ):
            return None  # "Orion 1980", "Euro 2016", "Kopp's 1987 Chevrolet": part of a name
        if _UNIT_NOUNS.match(text, end):
            return None
        if re.match(r"\s+[a-z]+s\b", text[end : end + 30]) and not re.match(
            r"\s+(?:was|has|is|as|its|this|results|earnings|figures|levels|forecasts|plans|elections)\b",
            text[end : end + 30],
        ):
            return None
        before = text[max(0, start - 12) : start]
        if re.search(
            r"(?:No\.|number|Flight|Route|Room|Boeing|Airbus|Article|Section|Resolution)\s*$",
            before,
        ):
            return None
        return start, end
    if kind == "decade":
        return start, end
    if kind == "century":
        return start, end
    if kind == "quarter":
        if g.get("q"):
            return start, end
        unit = g["unit"].lower()
        ordw = g.get("ord")
        rel = (g.get("rel") or "").lower()
        det = (g.get("det") or "").lower()
        if unit == "half" and not ordw:
            return None
        if unit == "period" and (
            ordw or rel not in ("latest", "most recent", "current", "comparable")
        ):
            return None
        if det in ("this", "that") and not ordw and not rel:
            return start, end
        if not ordw and not rel and not g.get("ypre"):
            if det != "the" or _prev_word(text, start) not in ("in", "for", "during", "of"):
                return None
            # "the quarter" as a period only when a financial reading is likely.
            if text[end : end + 1].isalpha():
                return None
        if det and det not in ("the", "this", "last", "next"):
            start = (
                m.start("rel") if g.get("rel") else (m.start("ord") if ordw else m.start("unit"))
            )
        return start, end
    if kind == "season":
        season = g["season"].lower()
        if g.get("year") or g.get("mod") or g.get("mod2"):
            pass
        elif g.get("det"):
            det = g["det"].lower()
            if det in ("the", "that"):
                if re.match(r"\s+of\s+(?!\d)", text[end : end + 8]):
                    return None
                if season == "fall" and _prev_word(text, start) not in _STRONG_PREPS:
                    return None
        elif season == "fall" or _prev_word(text, start) not in (
            "in",
            "during",
            "by",
            "since",
            "until",
            "through",
        ):
            return None
        return start, end
    if kind == "relday":
        rd = g["rd"]
        if (
            rd[0] == "T"
            and rd.lower() == "today"
            and (
                not _at_sentence_start(text, m.start("rd"))
                or _NAME_AFTER_TODAY.match(text, m.end("rd"))
            )
        ):
            return None  # "BBC Today Programme", "USA Today": a title, not the day
        if rd.lower() in ("today", "tomorrow") and (
            _GENERIC_AFTER.match(text, m.end("rd"))
            or (_prev_word(text, start) == "of" and re.match(r"\W", text[end : end + 1] or "."))
        ):
            return None
        return start, end
    if kind == "weekday":
        return start, end
    if kind == "clock":
        nm = g.get("nm")
        if nm and (
            (nm[0].isupper() and not _at_sentence_start(text, start))
            or _prev_word(text, start) == "high"
        ):
            return None  # "High Noon"
        if g.get("h24") is not None:
            if int(g["h24"]) > 24:
                return None
            if not g.get("tz") and _prev_word(text, start) not in (
                "at",
                "by",
                "until",
                "before",
                "after",
                "from",
                "to",
                "around",
            ):
                return None
        return start, end
    if kind == "ago":
        return start, end
    if kind == "duration":
        n = g["n"].lower()
        if (
            n in ("a", "an")
            and not g.get("pre")
            and not g.get("mod")
            and g["unit"].lower() in ("day", "night")
            and not g.get("long")
        ):
            return None  # "a day" alone is rarely a duration worth keeping
        if g.get("pl") and n in ("a", "an", "one"):
            return None
        if (
            not g.get("pl")
            and n not in ("a", "an", "one", "half a")
            and not re.match(r"[\s-]", text[m.end("n") : m.end("n") + 1] or " ")
        ):
            return None
        return start, end
    if kind == "vague":
        if not g.get("prep") and not g.get("det"):
            return None
        if g.get("prep"):
            start = m.start("det") if g.get("det") else m.start("unit")
            if not g.get("det") and g["prep"].lower() in ("in", "during", "through"):
                return None
        return start, end
    if kind == "set":
        return start, end
    if kind == "ref":
        ref = g["ref"].lower()
        if ref == "soon" and (
            text[max(0, start - 3) : start].lower() == "as " or _prev_word(text, start) == "as"
        ):
            return None
        return start, end
    if kind == "relunit":
        det = " ".join(g["det"].lower().split())
        unit = g["unit"].lower()
        if (unit == "end") != det.startswith("year"):
            return None
        if det == "in the" and (g.get("mod") or "").lower() not in ("earlier", "later"):
            return None
        if det == "the" and unit != "weekend" and not g.get("mod"):
            if unit not in ("year", "week", "month") or _prev_word(text, start) not in (
                "for",
                "of",
            ):
                return None
            if re.match(r"\s*(?:-|ago|earlier|before|after|old|long)\b", text[end : end + 8]):
                return None
        if det in ("that", "that same") and unit in ("decade", "century", "weekend"):
            return None
        if g["det"][0].isupper() and not _at_sentence_start(text, start) and not g.get("mod"):
            return None  # ABC's "This Week": a programme title
        if unit == "day" and det not in (
            "in the",
            "that",
            "that same",
            "the previous",
            "the following",
            "the next",
            "the same",
            "the preceding",
            "the prior",
        ):
            return None
        if det == "the last" and unit == "day":
            return None
        return start, end
    if kind == "holiday":
        return start, end
    if kind == "spoken":
        if g.get("mon") or g.get("season") or text[start:end].lower().startswith("the year"):
            return start, end
        prev = _prev_word(text, start)
        if prev in _DATE_PREPS or prev in ("a", "an", "the") or _at_sentence_start(text, start):
            return start, end
        return None
    return start, end


class _Ctx:
    """Resolution state for one document: the article date, the sentence index, the anchor."""

    __slots__ = ("text", "sentences", "starts", "dct", "anchor", "day_anchor")

    def __init__(self, text: str, sentences: list[Sentence], starts: list[int], dct: date | None):
        self.text = text
        self.sentences = sentences
        self.starts = starts
        self.dct = dct
        self.anchor: _Anchor | None = None
        self.day_anchor: _Anchor | None = None

    # -- context ---------------------------------------------------------------------------
    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i].end >= pos:
            return self.sentences[i].start, self.sentences[i].end
        lo = self.text.rfind("\n", 0, pos) + 1
        hi = self.text.find("\n", pos)
        return lo, len(self.text) if hi < 0 else hi

    def tense(self, start: int, end: int) -> str | None:
        """Future when the nearest verb marker before (else after) the expression is future."""
        s0, s1 = self._sentence_bounds(start)
        b0 = max(s0, start - 80)
        before = self.text[b0:start]
        fut = [m.end() for m in _FUTURE.finditer(before)]
        past = [
            m.end()
            for m in _PAST.finditer(before)
            if not _AUX_BEFORE.search(self.text, max(0, b0 + m.start() - 12), b0 + m.start())
        ]
        if fut or past:
            return "future" if (max(fut) if fut else -1) >= (max(past) if past else -1) else "past"
        after = self.text[end : min(s1, end + 40)]
        cut = _CLAUSE_END.search(after)
        if cut:
            after = after[: cut.start()]
        f = _FUTURE.search(after)
        # "... on Wednesday, an official said": the reporting verb is not the event's tense.
        p = next((p for p in _PAST.finditer(after) if not _REPORTING.match(after, p.start())), None)
        if f and (not p or f.start() < p.start()):
            return "future"
        if p:
            return "past"
        return None

    def _ref_day(self, day_level: bool = True) -> date | None:
        """The day the text last put the reader at; the article date when there is none."""
        a = self.day_anchor if day_level else self.anchor
        return a.day if a else self.dct

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, c: _Cand) -> tuple[str, str | None, str | None] | None:
        return getattr(self, "_r_" + c.kind)(c, c.m.groupdict())

    def _r_iso(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        d = _safe_date(int(g["y"]), int(g["mo"]), int(g["d"]))
        if d is None:
            return None
        if g.get("h") is not None:
            return "TIME", f"{_day(d)}T{int(g['h']):02d}:{g['mi']}", "day"
        return "DATE", _day(d), "day"

    def _r_numeric(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        options = [d for d in (_safe_date(y, b, a), _safe_date(y, a, b)) if d is not None]
        if not options:
            return None
        if len(options) == 2 and options[0] != options[1] and self.dct is not None:
            options.sort(key=lambda d: abs((d - self.dct).days))
        elif len(options) == 2 and g["sep"] == "/":
            options.reverse()  # month-first is the common slash order in English news
        return "DATE", _day(options[0]), "day"

    def _nearest_sensible(self, options: list[date], c: _Cand, slack: int = 45) -> date:
        """The candidate nearest the article date, unless the tense rules its side out."""
        assert self.dct is not None
        # News mostly looks back: a future reading must be twice as close to win.
        options = sorted(
            options, key=lambda d: (d - self.dct).days * 2 if d > self.dct else (self.dct - d).days
        )
        best = options[0]
        tense = self.tense(c.start, c.end)
        if tense == "past" and (best - self.dct).days > slack:
            earlier = [d for d in options if (d - self.dct).days <= slack]
            best = max(earlier) if earlier else best
        elif tense == "future" and (self.dct - best).days > slack:
            later = [d for d in options if (self.dct - d).days <= slack]
            best = min(later) if later else best
        return best

    def _month_day(self, g: dict, c: _Cand) -> tuple[str, str | None, str | None] | None:
        month = MONTHS[g["mon"].lower().rstrip(".")]
        day = int(g["day"])
        if g.get("year"):
            y = int(g["year"])
            era = g.get("era")
            if era and era.upper().startswith("B"):
                return "DATE", None, "day"
            d = _safe_date(y, month, day)
            return ("DATE", _day(d), "day") if d else None
        if self.dct is None:
            return "DATE", None, "day"
        options = [
            d
            for d in (
                _safe_date(y, month, day)
                for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)
            )
            if d is not None
        ]
        best = self._nearest_sensible(options, c) if options else None
        wdname = g.get("wd") or g.get("wda")
        if wdname and best is not None:
            # A weekday pins the year when the nearest one disagrees ("Friday, Aug. 13").
            wd = WEEKDAYS.get(wdname.lower().rstrip("."))
            if wd is not None and best.weekday() != wd:
                for y in (self.dct.year, self.dct.year - 1, self.dct.year + 1):
                    d = _safe_date(y, month, day)
                    if d is not None and d.weekday() == wd:
                        best = d
                        break
        return ("DATE", _day(best), "day") if best else None

    def _r_mdy(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        return self._month_day(g, c)

    _r_dmy = _r_mdy

    def _r_month(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        month = MONTHS[g["mon"].lower().rstrip(".")]
        det = (g.get("det") or "").lower()
        if det in ("every", "each"):
            return "SET", f"XXXX-{month:02d}", "month"
        if g.get("year"):
            return "DATE", f"{int(g['year']):04d}-{month:02d}", "month"
        if self.dct is None:
            return "DATE", None, "month"
        if g.get("yrel"):
            y = self.dct.year + {"this": 0, "last": -1, "next": 1}[g["yrel"].lower()]
            return "DATE", f"{y:04d}-{month:02d}", "month"
        y = self.dct.year
        cur = self.dct.month
        if det in ("last", "this past", "the previous"):
            y = y if month < cur else y - 1
        elif det in ("next", "this coming", "the following"):
            y = y if month > cur else y + 1
        elif det == "this":
            pass
        else:
            opts = [date(yy, month, 15) for yy in (y - 1, y, y + 1)]
            y = self._nearest_sensible(opts, c, slack=20).year
        return "DATE", f"{y:04d}-{month:02d}", "month"

    def _r_year(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        y = int(g["year"])
        era = (g.get("era") or "").upper().replace(".", "")
        if era in ("BC", "BCE"):
            return "DATE", f"-{y:04d}", "year"
        mod = (g.get("mod") or "").lower()
        if "half" in mod:
            half = "H1" if "first" in mod else "H2"
            return "DATE", f"{y:04d}-{half}", "quarter"
        for season, code in SEASONS.items():
            if season in mod:
                return "DATE", f"{y:04d}-{code}", "season"
        return "DATE", f"{y:04d}", "year"

    def _r_decade(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        if g.get("dec"):
            return "DATE", g["dec"][:3] + "X", "decade"
        if g.get("dec2"):
            tens = int(g["dec2"][0])
            century = 19
            if self.dct is not None and 2000 + tens * 10 <= self.dct.year:
                century = 20 if tens * 10 <= self.dct.year - 2000 and tens < 3 else 19
            return "DATE", f"{century}{tens}X", "decade"
        tens = DECADE_WORDS[g["decw"].lower()]
        return "DATE", f"19{tens}X", "decade"

    def _r_century(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        o = g["ord"].lower()
        n = (
            int(re.match(r"\d+", o).group())
            if o[0].isdigit()
            else ORDINALS.get(o.replace("-", " "), ORDINALS.get(o))
        )
        if not n:
            return None
        era = (g.get("era") or "").upper().replace(".", "")
        if era in ("BC", "BCE"):
            return "DATE", f"-{n - 1:02d}", "century"
        return "DATE", f"{n - 1:02d}", "century"

    def _r_quarter(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:  # noqa: C901
        if g.get("q"):
            q = g["q"].upper()
            if g.get("qy"):
                return "DATE", f"{g['qy']}-{q}", "quarter"
            if self.dct is None:
                return "DATE", None, "quarter"
            return "DATE", f"{self.dct.year:04d}-{q}", "quarter"
        unit = g["unit"].lower()
        ordw = (g.get("ord") or "").lower()
        rel = (g.get("rel") or "").lower()
        det = (g.get("det") or "").lower()
        if unit == "period":
            unit = "quarter"
            if rel == "comparable":
                rel = "year-ago"
        if det == "that" and not ordw and not rel:
            a = self.anchor
            if a is not None and a.precision == "quarter":
                return "DATE", f"{a.day.year:04d}-Q{(a.day.month - 1) // 3 + 1}", "quarter"
            return "DATE", None, "quarter"
        n = {
            "first": 1,
            "1st": 1,
            "second": 2,
            "2nd": 2,
            "third": 3,
            "3rd": 3,
            "fourth": 4,
            "4th": 4,
        }.get(ordw)
        if ordw == "final":
            n = 4 if unit == "quarter" else 2
        year = None
        ypre = (g.get("ypre") or "").lower()
        if ypre[-4:].isdigit():
            year = int(ypre[-4:])
        elif ypre and self.dct is not None:
            year = self.dct.year + {"this": 0, "last": -1, "next": 1}[ypre.split()[0]]
        if g.get("year"):
            year = int(g["year"])
        elif year is None and self.dct is not None:
            year = self.dct.year
            yrel = (g.get("yrel") or "").lower()
            if yrel == "last" or det == "last" and n:
                year -= 1
            elif yrel == "next" or det == "next" and n:
                year += 1
            if "year" in rel or rel.startswith("comparable"):
                year -= 1
        if year is None:
            return "DATE", None, "quarter"
        if unit == "half":
            return "DATE", f"{year:04d}-H{n or 1}", "quarter"
        if n is None:
            cur_q = (self.dct.month - 1) // 3 + 1 if self.dct else 1
            if rel in ("current", "this") or det == "this" and not rel:
                n = cur_q
            elif det == "next" or rel == "coming":
                n = cur_q + 1
            else:
                n = cur_q - 1  # "the latest quarter": the last one reported, i.e. completed
            if n == 0:
                n, year = 4, year - 1
            elif n == 5:
                n, year = 1, year + 1
        return "DATE", f"{year:04d}-Q{n}", "quarter"

    def _r_season(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        code = SEASONS[g["season"].lower()]
        if g.get("year"):
            return "DATE", f"{g['year']}-{code}", "season"
        if self.dct is None:
            return "DATE", None, "season"
        det = (g.get("det") or "").lower()
        y = self.dct.year
        m = self.dct.month
        # Season the article date sits in, with winter counted from its December.
        cur_code = next(
            k
            for k, (a, b) in SEASON_MONTHS.items()
            if (a <= m <= b if a <= b else m >= a or m <= b)
        )
        cur_year = y - 1 if cur_code == "WI" and m <= 2 else y
        order = ["SP", "SU", "FA", "WI"]

        def shift(code0: str, year0: int, k: int) -> tuple[str, int]:
            i = order.index(code0) + k
            return order[i % 4], year0 + i // 4

        # Index of the wanted season's most recent start at or before the article date.
        k_back = (order.index(cur_code) - order.index(code)) % 4
        past_code, past_year = shift(cur_code, cur_year, -k_back)
        if det in ("last", "this past", "the past"):
            if k_back == 0:
                past_code, past_year = shift(cur_code, cur_year, -4)
            return "DATE", f"{past_year}-{past_code}", "season"
        if det in ("next", "this coming", "the coming"):
            k_fwd = (order.index(code) - order.index(cur_code)) % 4 or 4
            nc, ny = shift(cur_code, cur_year, k_fwd)
            return "DATE", f"{ny}-{nc}", "season"
        if det == "this" or k_back == 0:
            # "this summer" is the article year's summer, gone or coming ("this winter" the one
            # that starts in its December, or the one under way in January).
            y0 = cur_year if code == "WI" else self.dct.year
            return "DATE", f"{y0}-{code}", "season"
        tense = self.tense(c.start, c.end)
        if tense == "future":
            k_fwd = (order.index(code) - order.index(cur_code)) % 4
            nc, ny = shift(cur_code, cur_year, k_fwd)
            return "DATE", f"{ny}-{nc}", "season"
        return "DATE", f"{past_year}-{past_code}", "season"

    def _r_relday(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        rd = " ".join(g["rd"].lower().split())
        pod = (g.get("pod") or "").lower()
        offset = {
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
            "yesterday": -1,
            "the day before yesterday": -2,
            "the day after tomorrow": 2,
        }[rd]
        if rd == "tonight":
            pod = "night"
        if self.dct is None:
            return ("TIME" if pod else "DATE"), None, "day"
        d = self.dct + timedelta(days=offset)
        if pod:
            return "TIME", f"{_day(d)}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", _day(d), "day"

    def _r_pod(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        det = " ".join(g["det"].lower().split())
        pod = g["pod"].lower()
        if self.dct is None:
            return "TIME", None, "day"
        offset = 0
        base = self.dct
        if det in ("the next", "the following", "the previous", "that"):
            base = self._ref_day() or self.dct
            offset = {"the next": 1, "the following": 1, "the previous": -1}.get(det, 0)
        elif det.endswith("last") or det == "yesterday":
            offset = -1
        elif det == "tomorrow":
            offset = 1
        rd = (g.get("rd") or "").lower()
        if rd:
            offset += {"yesterday": -1, "today": 0, "tomorrow": 1}[rd]
        d = base + timedelta(days=offset)
        return "TIME", f"{_day(d)}T{PARTS_OF_DAY[pod]}", "day"

    def _weekday_date(self, wd: int, det: str, start: int, end: int) -> date | None:
        base = self.dct
        if det in ("the previous", "the following", "the next"):
            base = self._ref_day()
        if base is None:
            return None
        back = (base.weekday() - wd) % 7
        fwd = (wd - base.weekday()) % 7
        if det in ("last", "the previous", "this past"):
            return base - timedelta(days=back or 7)
        if det in ("next", "the following", "the next", "this coming", "coming"):
            return base + timedelta(days=fwd or 7)
        if self.text[end : end + 2] in ("'s", "’s") and not det:
            # "Wednesday's ruling", "Tuesday's election": the clause's verb belongs to another
            # event, so the nearest such day is the best reading (news looks back: a future
            # day must be twice as close).
            return base - timedelta(days=back) if back <= 2 * fwd else base + timedelta(days=fwd)
        tense = self.tense(start, end)
        if tense == "future":
            return base + timedelta(days=fwd)
        return base - timedelta(days=back)

    def _r_weekday(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        wd = WEEKDAYS[g["wd"].lower()]
        if g.get("plural"):
            return "SET", f"XXXX-WXX-{wd + 1}", None
        det = " ".join((g.get("det") or "").lower().split())
        pod = (g.get("pod") or "").lower()
        d = self._weekday_date(wd, det, c.start, c.end)
        if d is None:
            return ("TIME" if pod else "DATE"), None, "day"
        if pod:
            return "TIME", f"{_day(d)}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", _day(d), "day"

    def _r_holiday(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:  # noqa: C901
        hol = " ".join(g["hol"].lower().replace("’", "'").split())

        if g.get("named") and not hol.startswith(("black friday", "cyber")):
            # "Super Tuesday", "Bloody Sunday": a named day, not the nearest weekday.
            return "DATE", None, "day"

        def on(y: int) -> date:  # noqa: C901
            if hol == "black friday":
                return _nth_weekday(y, 11, 3, 4) + timedelta(days=1)
            if hol == "cyber monday":
                return _nth_weekday(y, 11, 3, 4) + timedelta(days=4)
            if hol == "ash wednesday":
                return easter(y) - timedelta(days=46)
            if hol == "palm sunday":
                return easter(y) - timedelta(days=7)
            if hol == "maundy thursday":
                return easter(y) - timedelta(days=3)
            if hol == "shrove tuesday":
                return easter(y) - timedelta(days=47)
            if hol.startswith("christmas eve"):
                return date(y, 12, 24)
            if hol.startswith("christmas"):
                return date(y, 12, 25)
            if hol == "new year's eve":
                return date(y, 12, 31)
            if hol.startswith("new year"):
                return date(y, 1, 1)
            if hol.startswith("thanksgiving"):
                return _nth_weekday(y, 11, 3, 4)
            if hol == "easter monday":
                return easter(y) + timedelta(days=1)
            if hol == "good friday":
                return easter(y) - timedelta(days=2)
            if hol.startswith("easter"):
                return easter(y)
            if hol == "halloween":
                return date(y, 10, 31)
            if hol == "boxing day":
                return date(y, 12, 26)
            if hol.startswith("valentine"):
                return date(y, 2, 14)
            if hol == "independence day":
                return date(y, 7, 4)
            if hol.startswith("labo"):
                return _nth_weekday(y, 9, 0, 1)
            if hol == "memorial day":
                return _nth_weekday(y, 5, 0, -1)
            return date(y, 11, 11)  # Veterans Day

        if g.get("year"):
            return "DATE", _day(on(int(g["year"]))), "day"
        if self.dct is None:
            return "DATE", None, "day"
        det = (g.get("det") or "").lower()
        options = [on(y) for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1)]
        if det in ("last", "this past"):
            pick = max(d for d in options if d < self.dct)
        elif det == "next":
            pick = min(d for d in options if d > self.dct)
        else:
            tense = self.tense(c.start, c.end)
            if tense == "future":
                pick = min(d for d in options if d >= self.dct)
            elif tense == "past":
                pick = max(d for d in options if d <= self.dct)
            else:
                pick = min(options, key=lambda d: abs((d - self.dct).days))
        return "DATE", _day(pick), "day"

    def _r_clock(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        if g.get("nm"):
            nm = g["nm"].lower()
            hh, mm = (24, 0) if nm == "midnight" else (12, 0)
        elif g.get("h") is not None:
            hh = int(g["h"])
            mm = int(g["mi"] or 0)
            pm = g["ampm"].lower().startswith("p")
            if hh > 12 or hh == 0:
                return None
            if pm and hh != 12:
                hh += 12
            elif not pm and hh == 12:
                hh = 0
        else:
            hh, mm = int(g["h24"]), int(g["mi24"])
        anchor = g.get("anchor")
        d: date | None = None
        if anchor:
            d = self._anchor_day(anchor, c)
        elif self.dct is not None:
            # "at 10 p.m." leans on a day named earlier in the same sentence, else the article day.
            d = self.dct
            if self.day_anchor:
                s0, _ = self._sentence_bounds(c.start)
                if self.day_anchor.pos >= s0:
                    d = self.day_anchor.day
        if d is None:
            return "TIME", None, "day"
        return "TIME", f"{_day(d)}T{hh:02d}:{mm:02d}", "day"

    def _anchor_day(self, anchor: str, c: _Cand) -> date | None:
        a = anchor.lower()
        if self.dct is not None:
            rel = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}.get(a)
            if rel is not None:
                return self.dct + timedelta(days=rel)
            if a in WEEKDAYS:
                return self._weekday_date(WEEKDAYS[a], "", c.start, c.end)
        m = _R_MDY.match(anchor)
        if m:
            res = self._month_day(m.groupdict(), c)
            if res and res[1]:
                return _value_day(res[1])
        return None

    def _shift(self, base: date, unit: str, n: float, sign: int) -> date:
        k = int(n) * sign
        if unit in ("day", "night"):
            return base + timedelta(days=k)
        if unit in ("week", "fortnight"):
            return base + timedelta(weeks=k * (2 if unit == "fortnight" else 1))
        if unit == "month":
            return base + relativedelta(months=k)
        if unit == "year":
            return base + relativedelta(years=k)
        if unit == "decade":
            return base + relativedelta(years=10 * k)
        return base + relativedelta(years=100 * k)

    def _r_ago(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        unit = g["unit"].lower()
        unit = "century" if unit.startswith("centur") else unit
        dirw = " ".join(g["dir"].lower().split())
        after = self.text[c.end : c.end + 6]
        n = number_value(g["n"])
        if (dirw in ("before", "after") and not re.match(r"\s*[,.;:)\n]", after or ".")) or (
            dirw in ("earlier", "later") and re.match(r"\s+than\b", after)
        ):
            # "20 years after the U.S. invasion", "a day earlier than planned": a length of time.
            end = c.m.end("unit") + (
                1 if self.text[c.m.end("unit") : c.m.end("unit") + 1] == "s" else 0
            )
            c.end = end
            return "DURATION", _duration(n, unit), None
        backwards = dirw in ("ago", "earlier", "before", "back", "previously")
        if n is None:
            return "DATE", "PAST_REF" if backwards else "FUTURE_REF", None
        if dirw in ("ago", "back", "hence", "from now"):
            base = self.dct
            prec_from_anchor = None
        else:
            day_level = unit in ("day", "night", "week", "fortnight") or unit in TIME_UNITS
            base = self._ref_day(day_level)
            prec_from_anchor = None if day_level or not self.anchor else self.anchor.precision
        if base is None:
            return "DATE", None, None
        if unit in TIME_UNITS:
            return "TIME" if unit != "day" else "DATE", _day(base), "day"
        d = self._shift(base, unit, n, -1 if backwards else 1)
        if unit in ("day", "night", "week", "fortnight"):
            return "DATE", _day(d), "day"
        if unit == "month":
            return "DATE", f"{d.year:04d}-{d.month:02d}", "month"
        if unit == "year":
            if n == 1 and self.anchor is not None and self.anchor.precision == "quarter":
                d = self._shift(self.anchor.day, "year", 1, -1 if backwards else 1)
                return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "quarter"
            if prec_from_anchor == "quarter":
                return "DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", "quarter"
            return "DATE", f"{d.year:04d}", "year"
        if unit == "decade":
            return "DATE", f"{str(d.year)[:3]}X", "decade"
        return "DATE", f"{d.year // 100:02d}", "century"

    def _r_duration(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        unit = g["unit"].lower()
        unit = "century" if unit.startswith("centur") else unit
        n = number_value(g["n"])
        if n is not None and g.get("half"):
            n += 0.5
        return "DURATION", _duration(n, unit), None

    def _r_vague(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        unit = g["unit"].lower()[:-1]
        unit = "century" if unit.startswith("centur") else unit
        det = " ".join((g.get("det") or "").lower().split())
        if det == "recent" or det in ("the past", "the last", "the previous"):
            return "DATE", "PAST_REF", None
        if det in ("coming", "the coming", "the next", "the following"):
            return "DATE", "FUTURE_REF", None
        return "DURATION", _duration(None, unit), None

    def _r_set(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        if g.get("adv"):
            adv = g["adv"].lower()
            value = {
                "daily": "P1D",
                "nightly": "P1D",
                "hourly": "PT1H",
                "weekly": "P1W",
                "biweekly": "P2W",
                "fortnightly": "P2W",
                "monthly": "P1M",
                "quarterly": "P3M",
                "annually": "P1Y",
                "yearly": "P1Y",
                "semiannually": "P6M",
                "biannually": "P6M",
            }[adv]
            return "SET", value, None
        u = g["u"].lower()
        k = 2 if g.get("other") else 1
        if u in WEEKDAYS:
            return "SET", f"XXXX-WXX-{WEEKDAYS[u] + 1}", None
        if u in SEASONS:
            return "SET", f"XXXX-{SEASONS[u]}", None
        if u in PARTS_OF_DAY:
            return "SET", f"TXX{PARTS_OF_DAY[u]}", None
        if u == "weekend":
            return "SET", "XXXX-WXX-WE", None
        code = {"day": "D", "week": "W", "month": "M", "year": "Y", "quarter": "Q"}[u]
        if code == "Q":
            return "SET", f"P{3 * k}M", None
        return "SET", f"P{k}{code}", None

    def _r_ref(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        ref = " ".join(g["ref"].lower().split())
        if ref in ("recently", "lately", "previously", "formerly") or ref.endswith("past"):
            return "DATE", "PAST_REF", None
        if ref.endswith("future") or ref == "soon":
            return "DATE", "FUTURE_REF", None
        return "DATE", "PRESENT_REF", None

    def _r_spoken(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        if g.get("c"):
            century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[g["c"].lower()]
            yy = _words_to_int(g["yy"])
        else:
            century, yy = 20, _words_to_int(g["y2k"]) if g.get("y2k") else 0
        if yy is None:
            return None
        y = century * 100 + yy
        if g.get("mon"):
            return "DATE", f"{y:04d}-{MONTHS[g['mon'].lower().rstrip('.')]:02d}", "month"
        if g.get("season"):
            return "DATE", f"{y:04d}-{SEASONS[g['season'].lower()]}", "season"
        return "DATE", f"{y:04d}", "year"

    def _r_yearago(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        """ "the year-earlier period": the period under discussion, one year back."""
        u = (g.get("u") or "").lower()
        if u in ("results", "figures", "level", "levels"):
            c.end = c.m.end("w")
        a = self.anchor
        if a is not None and a.precision == "quarter":
            return "DATE", f"{a.day.year - 1:04d}-Q{(a.day.month - 1) // 3 + 1}", "quarter"
        if self.dct is None:
            return "DATE", None, "year"
        if u in ("quarter", "period"):
            q = (self.dct.month - 1) // 3
            y = self.dct.year - 1 if q else self.dct.year - 2
            return "DATE", f"{y:04d}-Q{q or 4}", "quarter"
        return "DATE", f"{self.dct.year - 1:04d}", "year"

    def _r_relunit(self, c: _Cand, g: dict) -> tuple[str, str | None, str | None] | None:
        det = " ".join(g["det"].lower().split())
        unit = g["unit"].lower()
        if unit == "end":
            unit = "year"  # "year-end", "year's end"
        anchored = det in (
            "the following",
            "the previous",
            "the same",
            "the preceding",
            "the prior",
            "that",
            "that same",
        )
        anchored = anchored or (det == "the next" and unit == "day")
        base = self._ref_day(unit in ("day", "week", "weekend")) if anchored else self.dct
        if base is None:
            return "DATE", None, _UNIT_PRECISION.get(unit)
        if det in (
            "last",
            "the past",
            "the last",
            "the previous",
            "this past",
            "the preceding",
            "the prior",
        ):
            k = -1
        elif det in ("next", "the next", "the coming", "the following", "this coming"):
            k = 1
        else:
            k = 0
        if unit == "day":
            return "DATE", _day(base + timedelta(days=k)), "day"
        if unit in ("week", "weekend"):
            if (
                base.weekday() == 6
                and det == "this"
                and unit == "week"
                and self.tense(c.start, c.end) == "future"
            ):
                k = 1  # on a Sunday, "this week's convention" is the week starting tomorrow
            d = base + timedelta(weeks=k)
            if unit == "weekend" and k == 0 and not anchored and base.weekday() < 5:
                tense = self.tense(c.start, c.end)
                if _prev_word(self.text, c.start) in ("over", "during", "since"):
                    tense = "past"
                if tense == "past" or (tense is None and base.weekday() <= 2):
                    d = base - timedelta(weeks=1)
            iso = d.isocalendar()
            suffix = "-WE" if unit == "weekend" else ""
            return "DATE", f"{iso[0]:04d}-W{iso[1]:02d}{suffix}", "week"
        if unit == "month":
            d = base + relativedelta(months=k)
            return "DATE", f"{d.year:04d}-{d.month:02d}", "month"
        if unit == "year":
            return "DATE", f"{base.year + k:04d}", "year"
        if unit == "decade":
            return "DATE", f"{str(base.year + 10 * k)[:3]}X", "decade"
        return "DATE", f"{base.year // 100 + k:02d}", "century"


_UNIT_PRECISION = {
    "day": "day",
    "week": "week",
    "weekend": "week",
    "month": "month",
    "year": "year",
    "decade": "decade",
    "century": "century",
}


def _words_to_int(words: str) -> int | None:
    """ "ninety-six" -> 96, "oh five" -> 5, "twelve" -> 12."""
    parts = [p for p in re.split(r"[\s-]+", words.lower()) if p and p != "oh"]
    total = 0
    for p in parts:
        v = NUMBER_WORDS.get(p)
        if v is None or p in ("a", "an"):
            return None
        total += int(v)
    return total if 0 <= total < 100 else None


def _nth_weekday(y: int, month: int, wd: int, n: int) -> date:
    """The n-th (or, with n=-1, last) given weekday of a month: Thanksgiving, Labor Day..."""
    if n > 0:
        d = date(y, month, 1)
        d += timedelta(days=(wd - d.weekday()) % 7)
        return d + timedelta(weeks=n - 1)
    d = date(y, month, calendar.monthrange(y, month)[1])
    return d - timedelta(days=(d.weekday() - wd) % 7)


def _duration(n: float | None, unit: str) -> str:
    """TIMEX3 duration value: P3M, PT2H, P1.5Y; unknown amounts are X ("for months" -> PXM)."""
    code = UNITS.get(unit, "X")
    if unit in ("decade", "century"):
        mult = 10 if unit == "decade" else 100
        return f"P{int(n * mult) if n is not None else 'X'}{'Y' if n is not None else code}"
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "fortnight" and n is not None:
        amount = str(int(2 * n))
    if unit in TIME_UNITS:
        return f"PT{amount}{code}"
    return f"P{amount}{code}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _day(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def _parse_iso_day(s: str | None) -> date | None:
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        return None
    return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _value_day(value: str) -> date | None:
    """A representative day of a value, used as the anchor for later relative expressions."""
    b = timex_bounds(value)
    if b is None or b[0].startswith("-"):
        return None
    return _parse_iso_day(b[0])


_V_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_V_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_V_YEAR = re.compile(r"^(\d{4})$")
_V_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_V_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_V_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_V_HALF = re.compile(r"^(\d{4})-H([12])$")
_V_DECADE = re.compile(r"^(\d{3})X?$")
_V_CENTURY = re.compile(r"^(\d{2})(?:XX)?$")
_V_BC = re.compile(r"^-(\d{2,4})$")
_V_YEAR_VAGUE = re.compile(r"^(\d{4})-[A-Z0-9]*X")


def timex_bounds(value: str) -> tuple[str, str] | None:
    """First and last ISO day a TIMEX3 value covers, for sorting and range filters.

    BC values cannot be ISO days, so they map to strings that sort before every AD day and in
    the right order among themselves: year N BC (``-NNNN``) becomes ``-{9999-N:04d}-MM-DD``
    (500 BC -> ``-9499-01-01``..``-9499-12-31``), and BC centuries (``-CC``) span their years the
    same way. ``-`` sorts before every digit, so these come first in a plain string sort.
    Returns None for PRESENT_REF/PAST_REF/FUTURE_REF, durations, sets and anything unresolved.
    """
    if not value:
        return None
    m = _V_DAY.match(value)
    if m:
        d = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (_day(d), _day(d)) if d else None
    m = _V_MONTH.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        return f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}"
    m = _V_YEAR.match(value)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    m = _V_WEEK.match(value)
    if m:
        y, w = int(m.group(1)), int(m.group(2))
        try:
            monday = date.fromisocalendar(y, w, 1)
        except ValueError:
            return None
        if m.group(3):
            return _day(monday + timedelta(days=5)), _day(monday + timedelta(days=6))
        return _day(monday), _day(monday + timedelta(days=6))
    m = _V_SEASON.match(value)
    if m:
        y = int(m.group(1))
        first, last = SEASON_MONTHS[m.group(2)]
        if m.group(2) == "WI":
            return f"{y:04d}-12-01", f"{y + 1:04d}-02-{calendar.monthrange(y + 1, 2)[1]:02d}"
        return (
            f"{y:04d}-{first:02d}-01",
            f"{y:04d}-{last:02d}-{calendar.monthrange(y, last)[1]:02d}",
        )
    m = _V_QUARTER.match(value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        first, last = 3 * q - 2, 3 * q
        return (
            f"{y:04d}-{first:02d}-01",
            f"{y:04d}-{last:02d}-{calendar.monthrange(y, last)[1]:02d}",
        )
    m = _V_HALF.match(value)
    if m:
        y, h = int(m.group(1)), int(m.group(2))
        return (
            (f"{y:04d}-01-01", f"{y:04d}-06-30") if h == 1 else (f"{y:04d}-07-01", f"{y:04d}-12-31")
        )
    m = _V_DECADE.match(value)
    if m:
        return f"{m.group(1)}0-01-01", f"{m.group(1)}9-12-31"
    m = _V_CENTURY.match(value)
    if m:
        return f"{m.group(1)}00-01-01", f"{m.group(1)}99-12-31"
    m = _V_BC.match(value)
    if m:
        digits = m.group(1)
        if len(digits) == 2:  # a BC century: -04 is the 5th century BC, 500..401 BC
            c = int(digits)
            first_bc, last_bc = 100 * (c + 1), 100 * c + 1
        else:
            first_bc = last_bc = int(digits)
        return f"-{9999 - first_bc:04d}-01-01", f"-{9999 - last_bc:04d}-12-31"
    m = _V_YEAR_VAGUE.match(value)
    if m:
        return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"
    return None
