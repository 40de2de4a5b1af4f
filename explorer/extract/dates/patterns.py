"""The date rules' patterns: named pieces, one compiled regex per rule, and the word lists the
acceptance checks consult. ``rules.py`` puts each pattern in its row."""

from __future__ import annotations

import re

from explorer.extract.timex_lex import (
    MONTH_RE,
    NUMBER_RE,
    ORDINALS,
    WEEKDAY_ABBR_RE,
    WEEKDAY_RE,
)

_I = re.IGNORECASE | re.VERBOSE


def _rx(pattern: str, flags: int = _I) -> re.Pattern[str]:
    """Compile a rule whose whitespace never crosses a line break: lines are separate units."""
    pattern = pattern.replace(r"[\s-]", r"(?:[^\S\n]|-)").replace(r"\s", r"[^\S\n]")
    return re.compile(pattern, flags)


# Modifiers that narrow a period without changing its TIMEX3 value ("early May" -> 2021-05).
_MODS = (
    r"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of"
    r"|the\s+first\s+half\s+of|the\s+second\s+half\s+of|the\s+(?:last|latter)\s+half\s+of"
    r"|the\s+(?:first|last)\s+two\s+quarters\s+of|the\s+turn\s+of|the\s+close\s+of"
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

# A four-digit number read as a clock time, not a year: "by 1000 GMT", "at 1530 EST",
# "0900 local time", "2300 hours" (wire copy stamps times this way).
_CLOCK_AFTER = re.compile(
    r"\s*(?:(?i:gmt|utc|[ecmpa][sd]t|bst|ces?t|eet|jst|hkt|sgt|aes?t)\b|GMT|UTC|Z\b|IST|"
    r"hrs\b|hours\b|h\b|local\b|(?:[A-Z][a-z]+\s+|[A-Z]+\s+){0,2}(?:[Tt]ime|TIME)\b)"
)
# A four-digit number paired with another by "to", "and", "-": "from 0800 to 1415", "between
# 1800 and 2100 local time" are clock times; "from 1930 to 1945" are years (see
# accept.clock_pair for which pairs are which).
_PAIRED_AFTER = re.compile(r"\s*(?:to|and|until|till|-|–)\s*(\d{4})\b")
_PAIRED_BEFORE = re.compile(r"\b(\d{4})\s*(?:to|and|until|till|-|–)\s*$")
# What after a four-digit number makes it a figure, not a year: a compound ("1200-series
# grades", "a 1500-seat hall"), a clock in brackets ("until 1500 (1400 GMT)").
_FIGURE_AFTER = re.compile(
    r"-(?i:series|class|type|model|page|seat|strong|member|mile|ton|tonne|unit|bed|room|"
    r"acre|foot|metre|meter|megawatt|mw)\b|"
    r"\s*\(\s*[012]\d[0-5]\d\s*(?i:gmt|utc|[ecmp][sd]t|local|hrs|hours)\b"
)
# An address after a number no preposition of time precedes: "a loan for 1420 K Street",
# "1600 Pennsylvania Avenue" (but "since 1985 Wall Street has ..." keeps its year).
_ADDRESS_AFTER = re.compile(
    r"(?:\s+[A-Z][a-z]*\.?){1,2}\s+(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive)\b"
)
# What before a four-digit number makes it a level, not a year: the Dow "fell 508 points to
# 1738", "up 39 POINTS TO 1778", "a record 508 Monday to 1738", "a closing figure of 1841",
# "a new high of 1757". (The year of a level, "at the 1986 level", is not caught here.)
_LEVEL_BEFORE = re.compile(
    r"(?:\b(?:points?|pts|pct|percent|cents?|cts|dlrs|dollars|yen|marks|francs)\s*,?\s+"
    r"(?:to|at)\s*$|"
    r"\b(?:fell|rose|dropped|climbed|jumped|gained|lost|slipped|declined|advanced|eased|firmed|"
    r"plunged|soared|tumbled|rallied|falls|rises|drops|climbs|jumps|up|down|off)\s+"
    r"(?:a\s+record\s+|almost\s+|nearly\s+|more\s+than\s+|about\s+)?[\d,.]+\s*"
    r"(?:points?\s*)?(?:[A-Za-z]+\s*)?,?\s*to\s*$|"
    r"\b(?:high|low|level|figure|close|closing|record|peak|average|index|reading)\s+(?:of|at)\s*$)",
    re.IGNORECASE,
)
# A level named by the word after it: the Dow "touched the 1840 level", "broke the 1850
# mark". Only for numbers before 1900: "returned to 1979 levels" is the level of a year.
_LEVEL_AFTER = re.compile(r"\s+(?i:levels?|mark|barrier|area|line)\b")
# A century named in capitals before another capitalised word is a name: "20th Century Fox",
# "21st Century-Fox", "Century 21" (not "the 19th century anarchist").
_CENTURY_NAME_AFTER = re.compile(r"(?:\s+|-)(?:[A-Z]|\d)")
# Prepositions after which even an early year is a year ("founded in 1694", "since 1776"); any
# other word before a number under 1800 leaves it a figure ("to 1738" points, "for 1420 K St").
_HISTORY_PREPS = frozenset(
    [
        "in",
        "since",
        "until",
        "till",
        "by",
        "during",
        "through",
        "throughout",
        "before",
        "after",
        "circa",
        "c",
        "early",
        "late",
        "mid",
    ]
)
