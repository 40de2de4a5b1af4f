"""The date rules, one row each: what a rule matches, where to look, how to check and read it,
and the examples it must get right.

A row is the whole rule, as a HeidelTime resource line is: its ``pattern`` (built in
``patterns.py`` from named pieces), the ``triggers`` (lower-case words every match contains;
the engine scans only the text around them), its ``priority`` among overlapping matches of the
same length (lower wins), its acceptance ``check`` (``accept.py``; None accepts what the pattern
matched), its ``read`` (a ``Resolver`` method turning a match into a TIMEX3 value) and
``examples``. The test suite runs every row's examples: each sentence, read as written on the
article date ``EXAMPLE_DATE`` (Friday 2021-08-13), must yield the expression with that value
through this rule. Adding a rule touches this table, its pattern and, when it needs them, one
check and one read method.

Trigger words: "#4" stands for a four-digit number, "#0s" for a decade ("1980s", "'80s") and
"#:" for a number before a colon ("10:35").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from explorer.extract.dates import accept as a
from explorer.extract.dates import patterns as p
from explorer.extract.dates.resolve import Candidate, Resolution, Resolver
from explorer.extract.timex_lex import DECADE_WORDS, MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAY_NAMES

__all__ = ["EXAMPLE_DATE", "RULES", "Example", "Rule"]

EXAMPLE_DATE = date(2021, 8, 13)  # a Friday: the article date every example is read against

Read = Callable[[Resolver, Candidate, dict], Resolution | None]


@dataclass(frozen=True, slots=True)
class Example:
    """``sentence`` holds ``expression``, whose value on EXAMPLE_DATE is ``value``."""

    sentence: str
    expression: str
    value: str | None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    priority: int
    triggers: tuple[str, ...]
    read: Read
    check: a.Accept | None = None
    examples: tuple[Example, ...] = field(default=())


def _words(*groups: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Trigger words from space-separated strings and lists."""
    out: list[str] = []
    for g in groups:
        out.extend(g.split() if isinstance(g, str) else g)
    return tuple(out)


_UNIT_WORDS = _words(
    *(
        (u, u + "s")
        for u in ("second", "minute", "hour", "day", "night", "week", "fortnight", "month", "year")
    ),
    "decade",
    "decades",
    "century",
    "centuries",
)
_TIME_ZONES = _words("gmt utc bst cet cest est edt cst cdt pst pdt mst mdt")
_WEEKDAYS = _words([w.lower() for w in WEEKDAY_NAMES], [w.lower() + "s" for w in WEEKDAY_NAMES])


def _ex(*rows: tuple[str, str, str | None]) -> tuple[Example, ...]:
    return tuple(Example(*row) for row in rows)


RULES: tuple[Rule, ...] = (
    Rule(
        "clock", p._R_CLOCK, 0, _words("#:", "m", "am", "pm", "noon", "midnight", "midday", _TIME_ZONES),
        Resolver.read_clock, a.accept_clock,
        _ex(("The meeting was at 10:35 on Friday.", "10:35 on Friday", "2021-08-13T10:35"),
            ("Markets closed at 4 p.m. on Thursday.", "4 p.m. on Thursday", "2021-08-12T16:00"),
            ("The vote is at midnight.", "midnight", "2021-08-13T24:00")),
    ),
    Rule(
        "iso", p._R_ISO, 1, ("#4",), Resolver.read_iso, None,
        _ex(("The report is dated 2021-08-12.", "2021-08-12", "2021-08-12")),
    ),
    Rule(
        "numeric", p._R_NUMERIC, 2, ("#4",), Resolver.read_numeric, None,
        _ex(("The ruling came on 8/12/2021.", "8/12/2021", "2021-08-12")),
    ),
    Rule(
        "mdy", p._R_MDY, 3, tuple(MONTHS), Resolver.read_mdy, a.accept_mdy,
        _ex(("It happened on Aug. 12, 2021 in Kabul.", "Aug. 12, 2021", "2021-08-12"),
            ("It happened on August 12 in Kabul.", "August 12", "2021-08-12")),
    ),
    Rule(
        "dmy", p._R_DMY, 4, tuple(MONTHS), Resolver.read_dmy, a.accept_dmy,
        _ex(("It happened on 12 August 2021 in Kabul.", "12 August 2021", "2021-08-12"),
            ("The deal was announced on 12 Aug.", "12 Aug.", "2021-08-12")),
    ),
    Rule(
        "holiday", p._R_HOLIDAY, 5,
        _words("super bloody blue black holy cyber ash palm maundy shrove christmas new",
               "thanksgiving easter good halloween boxing valentine independence labor",
               "labour memorial veterans"),
        Resolver.read_holiday, None,
        _ex(("Shops opened on Black Friday.", "Black Friday", "2021-11-26"),
            ("They left on Christmas Day.", "Christmas Day", "2020-12-25"),
            ("Voters go to the polls on Super Tuesday.", "Super Tuesday", None)),
    ),
    Rule(
        "ago", p._R_AGO, 6, _UNIT_WORDS, Resolver.read_ago, None,
        _ex(("He arrived three days ago.", "three days ago", "2021-08-10"),
            ("Troops left a decade ago.", "a decade ago", "201X"),
            ("It happened five years ago.", "five years ago", "2016")),
    ),
    Rule(
        "set", p._R_SET, 7,
        _words("every each once twice times per daily weekly monthly quarterly annually",
               "yearly nightly hourly biweekly fortnightly semiannually biannually"),
        Resolver.read_set, None,
        _ex(("The council meets every week.", "every week", "P1W"),
            ("He paid twice a month.", "twice a month", "P1M"),
            ("The group meets weekly.", "weekly", "P1W")),
    ),
    Rule(
        "quarter", p._R_QUARTER, 8,
        _words("quarter quarters half period q1 q2 q3 q4 h1 h2"),
        Resolver.read_quarter, a.accept_quarter,
        _ex(("Profits rose in the third quarter of 2020.", "the third quarter of 2020", "2020-Q3"),
            ("Sales fell in the first half.", "the first half", "2021-H1"),
            ("Profits fell in the latest quarter.", "the latest quarter", "2021-Q2"),
            ("Profits fell in Q2 2020.", "Q2 2020", "2020-Q2")),
    ),
    Rule(
        "relunit", p._R_RELUNIT, 9,
        _words("day week weekend month year decade century end"),
        Resolver.read_relunit, a.accept_relunit,
        _ex(("They will meet again next month.", "next month", "2021-09"),
            ("The talks ended later that day.", "later that day", "2021-08-13"),
            ("The talks resumed the following week.", "the following week", "2021-W33")),
    ),
    Rule(
        "yearago", p._R_YEARAGO, 9, ("year",), Resolver.read_yearago, None,
        _ex(("Net profit rose from year-earlier levels.", "year-earlier", "2020"),
            ("Sales fell from the prior-year period.", "the prior-year period", "2020-Q2")),
    ),
    Rule(
        "month", p._R_MONTH, 10, tuple(MONTHS), Resolver.read_month, a.accept_month,
        _ex(("The deal was signed in August.", "August", "2021-08"),
            ("Exports fell in August 2020.", "August 2020", "2020-08")),
    ),
    Rule(
        "season", p._R_SEASON, 11, _words(list(SEASONS), "springtime summertime wintertime"),
        Resolver.read_season, a.accept_season,
        _ex(("The festival is held in the summer of 2019.", "the summer of 2019", "2019-SU"),
            ("Sales rose last summer.", "last summer", "2020-SU"),
            ("Prices rose in the spring.", "the spring", "2021-SP")),
    ),
    Rule(
        "decade", p._R_DECADE, 12, _words("#0s", list(DECADE_WORDS)), Resolver.read_decade, None,
        _ex(("The city grew in the 1980s.", "the 1980s", "198X"),
            ("The city recovered in the late 1990s.", "the late 1990s", "199X")),
    ),
    Rule(
        "century", p._R_CENTURY, 13, ("century", "centuries"), Resolver.read_century,
        a.accept_century,
        _ex(("The mosque dates to the 5th century BC.", "the 5th century BC", "-04"),
            ("The temple was built in the 12th century.", "the 12th century", "11")),
    ),
    Rule(
        "relday", p._R_RELDAY, 14, ("today", "tonight", "tomorrow", "yesterday"),
        Resolver.read_relday, a.accept_relday,
        _ex(("He left yesterday.", "yesterday", "2021-08-12"),
            ("He will come tomorrow.", "tomorrow", "2021-08-14"),
            ("She said it tonight.", "tonight", "2021-08-13TNI")),
    ),
    Rule(
        "pod", p._R_POD, 15, tuple(PARTS_OF_DAY), Resolver.read_pod, None,
        _ex(("They met this morning.", "this morning", "2021-08-13TMO"),
            ("They met this afternoon.", "this afternoon", "2021-08-13TAF")),
    ),
    Rule(
        "weekday", p._R_WEEKDAY, 16, _WEEKDAYS, Resolver.read_weekday, None,
        _ex(("The city fell on Thursday.", "Thursday", "2021-08-12"),
            ("He will come next Friday.", "next Friday", "2021-08-20"),
            ("Fighting resumed on Friday morning.", "Friday morning", "2021-08-13TMO")),
    ),
    Rule(
        "duration", p._R_DURATION, 17, _UNIT_WORDS, Resolver.read_duration, a.accept_duration,
        _ex(("The siege lasted three weeks.", "three weeks", "P3W"),
            ("The ceasefire held for a week.", "a week", "P1W"),
            ("The plan took several years.", "several years", "PXY")),
    ),
    Rule(
        "vague", p._R_VAGUE, 18, tuple(w for w in _UNIT_WORDS if w.endswith("s")),
        Resolver.read_vague, a.accept_vague,
        _ex(("For years the city was calm.", "years", "PXY"),
            ("In recent days the city fell.", "recent days", "PAST_REF")),
    ),
    Rule(
        "year", p._R_YEAR, 19, ("#4", "bc", "bce", "ad", "ce"), Resolver.read_year, a.accept_year,
        _ex(("It was founded in 1996.", "1996", "1996"),
            ("It was founded in 1996 BC.", "1996 BC", "-1996")),
    ),
    Rule(
        "spoken", p._R_SPOKEN_YEAR, 19, ("nineteen", "twenty", "eighteen", "thousand"),
        Resolver.read_spoken, a.accept_spoken,
        _ex(("He was born in nineteen eighty-four.", "nineteen eighty-four", "1984"),
            ("They voted in the year two thousand.", "the year two thousand", "2000")),
    ),
    Rule(
        "ref", p._R_REF, 20,
        _words("now currently nowadays days present recently lately past future soon"),
        Resolver.read_ref, a.accept_ref,
        _ex(("The war is now over.", "now", "PRESENT_REF"),),
    ),
)  # fmt: skip
