"""Acceptance checks: what the regexes cannot see, one function per rule.

A rule's regex finds a candidate; its check looks at the words around it and says no ("May" the
name, "Euro 2016" the tournament, "1000 GMT" a clock time) or trims the span. Each returns the
(possibly trimmed) span, or None to reject the candidate. Rules without a check accept what
their pattern matched.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from explorer.extract.dates.patterns import (
    _ADDRESS_AFTER,
    _CENTURY_NAME_AFTER,
    _CLOCK_AFTER,
    _DATE_PREPS,
    _DETERMINERS,
    _FIGURE_AFTER,
    _GENERIC_AFTER,
    _HISTORY_PREPS,
    _LEVEL_AFTER,
    _LEVEL_BEFORE,
    _NAME_AFTER_TODAY,
    _PAIRED_AFTER,
    _PAIRED_BEFORE,
    _PREV_NAME,
    _PREV_WORD,
    _STRONG_PREPS,
    _UNIT_NOUNS,
)
from explorer.extract.timex_lex import MONTHS

Span = tuple[int, int]
# (match, text, start, end, named groups) -> the span to keep, or None to reject.
Accept = Callable[[re.Match[str], str, int, int, dict], Span | None]


def accept_match(check: Accept | None, m: re.Match[str], text: str) -> Span | None:
    """Run a rule's check on its match, after the checks every rule shares."""
    start, end = m.span()
    g = m.groupdict()
    # Month and weekday names are capitalised in news copy; "may" and "march" are verbs.
    if g.get("mon") is not None and not _is_capitalised(g["mon"]):
        return None
    if g.get("wd") is not None and not _is_capitalised(g["wd"]):
        return None
    return (start, end) if check is None else check(m, text, start, end, g)


def prev_word(text: str, pos: int) -> str:
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


def _day_month(
    kind: str, m: re.Match[str], text: str, start: int, end: int, g: dict
) -> Span | None:
    """ "Aug 13, 2021", "13 August": a day of the month that exists, not a count ("March 15 people")."""
    day = int(g["day"])
    if not 1 <= day <= 31:
        return None
    if g.get("wda") is not None and (not _is_capitalised(g["wda"]) or not g.get("year")):
        # Abbreviated weekday only counts in front of a full date ("Wed. Nov 23rd, 2022").
        start = m.start("mon") if kind == "mdy" else m.start("day")
        if kind == "dmy" and g.get("day") and text[start - 4 : start] == "the ":
            start -= 4
    year = g.get("year") or ""
    if len(year) == 4 and year.isdigit():
        if "  " in text[start:end]:
            return None  # "Apr   12     1274": a commodity table's month, day and price
        if not 1800 <= int(year) <= 2199 and "," not in text[start:end]:
            return None  # "OCT 3 1244" (a price); "October 14, 1066" keeps its comma
    mon = g["mon"]
    if (
        kind == "mdy"
        and mon.lower() in ("may", "march")
        and not g.get("year")
        and _UNIT_NOUNS.match(text, m.end())
    ):
        return None  # "March 15 people": a count after the verb, not a day
    return start, end


def accept_month(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    mon = g["mon"]
    ml = mon.lower().rstrip(".")
    if g.get("det") and g["det"].lower() in ("every", "each"):
        return start, end
    year = g.get("year") or ""
    if (
        year.isdigit()
        and len(year) == 4
        and (not 1800 <= int(year) <= 2199 or text[end : end + 1] == "/")
    ):
        # "May 1145/1148 ba", "JUN 7656  UP 22": a commodity table's delivery month and a
        # price, not a month of the year 1145 or 7656.
        return None
    if year or g.get("yrel") or g.get("mod") or g.get("mod2") or g.get("det"):
        return start, end
    prev = prev_word(text, start)
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


def clock_like(digits: str) -> bool:
    """Four digits that read as a 24-hour clock time, HHMM: "0800", "1415", "2100"."""
    return len(digits) == 4 and int(digits[:2]) <= 24 and int(digits[2:]) < 60


def clock_pair(text: str, start: int, end: int) -> bool:
    """The four digits at ``start:end`` and the number they are paired with ("from 0800 to
    1415", "between 1800 and 2100") are clock times: both read as HHMM, and one starts with
    0, passes 2100, or both are whole hours. "from 1930 to 1945" stays a pair of years."""
    mine = text[start:end]
    after = _PAIRED_AFTER.match(text, end)
    before = _PAIRED_BEFORE.search(text, max(0, start - 16), start)
    other = after.group(1) if after else before.group(1) if before else None
    if other is None or not (clock_like(mine) and clock_like(other)):
        return False
    pair = (mine, other)
    return any(d[0] == "0" or int(d) > 2100 for d in pair) or all(d.endswith("00") for d in pair)


def accept_year(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    y = int(g["year"])
    era = g.get("era") or g.get("pera")
    if era:
        if not era[0].isupper():
            return None
        return (start, end) if y > 0 else None
    if len(g["year"]) != 4:
        return None
    if _CLOCK_AFTER.match(text, end) or clock_pair(text, start, end):
        return None  # "by 1000 GMT", "from 0800 to 1415": times of day
    if g.get("mod"):
        return (start, end) if 1000 <= y <= 2199 else None
    if _FIGURE_AFTER.match(text, end) or _UNIT_NOUNS.match(text, end):
        return None  # "1200-series grades", "1200 feet", "until 1500 (1400 GMT)"
    slash = re.match(r"/(\d{4})\b", text[end : end + 6])
    if slash and int(slash.group(1)) != y + 1:
        return None  # "(1800/2200)": two figures; "1986/1987" is a fiscal year
    prev = prev_word(text, start)
    if prev in _HISTORY_PREPS:
        if y < 1800 and clock_like(g["year"]) and prev not in ("in", "since", "circa", "c"):
            return None  # "after 1530 if ...": a time of day more often than the year 1530
        return (start, end) if 1000 <= y <= 2100 else None
    if _LEVEL_BEFORE.search(text, max(0, start - 50), start):
        return None  # "fell 508 points to 1738", "a closing figure of 1841"
    if y < 1900 and _LEVEL_AFTER.match(text, end):
        return None  # "the Dow touched the 1840 level"
    if _ADDRESS_AFTER.match(text, end):
        return None  # "a loan for 1420 K Street"
    if not 1800 <= y <= 2100:
        return None  # "to 1738", "about 1300 megawatts": below 1800 only after "in", "since"...
    if prev not in _DATE_PREPS:
        pm = _PREV_NAME.search(text, max(0, start - 30), start)
        if (
            pm
            and pm.group(1).lower().rstrip(".") not in MONTHS
            and pm.group(1).lower() not in _DETERMINERS
        ):
            return None  # "Orion 1980", "Euro 2016", "Kopp's 1987 Chevrolet": part of a name
    if re.match(r"\s+[a-z]+s\b", text[end : end + 30]) and not re.match(
        r"\s+(?:was|has|is|as|its|this|results|earnings|figures|levels|forecasts|plans|elections|"
        r"sales|profits|revenues|losses|exports|imports|budgets|taxes|dividends|prices|talks)\b",
        text[end : end + 30],
    ):
        return None  # "about 1700 lawsuits": a count
    before = text[max(0, start - 12) : start]
    if re.search(
        r"(?:No\.|number|Flight|Route|Room|Boeing|Airbus|Article|Section|Resolution)\s*$",
        before,
    ):
        return None
    return start, end


def accept_century(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    """A capitalised "Century" followed by a capitalised word is a name ("20th Century Fox")."""
    if "Century" in text[start:end] and _CENTURY_NAME_AFTER.match(text, end):
        return None
    return start, end


def accept_quarter(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    if g.get("q"):
        return start, end
    unit = g["unit"].lower()
    ordw = g.get("ord")
    rel = (g.get("rel") or "").lower()
    det = (g.get("det") or "").lower()
    if unit == "half" and not ordw:
        return None
    if unit == "period" and (ordw or rel not in ("latest", "most recent", "current", "comparable")):
        return None
    if det in ("this", "that") and not ordw and not rel:
        return start, end
    if not ordw and not rel and not g.get("ypre"):
        if det != "the" or prev_word(text, start) not in ("in", "for", "during", "of"):
            return None
        # "the quarter" as a period only when a financial reading is likely.
        if text[end : end + 1].isalpha():
            return None
    if det and det not in ("the", "this", "last", "next"):
        start = m.start("rel") if g.get("rel") else (m.start("ord") if ordw else m.start("unit"))
    return start, end


def accept_season(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    season = g["season"].lower()
    year = g.get("year") or ""
    if year.isdigit() and len(year) == 4 and not 1800 <= int(year) <= 2199:
        return None  # "HARD RED WINTER 1639": a wheat grade and its price
    if year or g.get("mod") or g.get("mod2"):
        pass
    elif g.get("det"):
        det = g["det"].lower()
        if det in ("the", "that"):
            if re.match(r"\s+of\s+(?!\d)", text[end : end + 8]):
                return None
            if season == "fall" and prev_word(text, start) not in _STRONG_PREPS:
                return None
    elif season == "fall" or prev_word(text, start) not in (
        "in",
        "during",
        "by",
        "since",
        "until",
        "through",
    ):
        return None
    return start, end


def accept_relday(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
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
        or (prev_word(text, start) == "of" and re.match(r"\W", text[end : end + 1] or "."))
    ):
        return None
    return start, end


def accept_clock(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    nm = g.get("nm")
    if nm and (
        (nm[0].isupper() and not _at_sentence_start(text, start))
        or prev_word(text, start) == "high"
    ):
        return None  # "High Noon"
    if g.get("h24") is not None:
        if int(g["h24"]) > 24:
            return None
        if not g.get("tz") and prev_word(text, start) not in (
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


def accept_duration(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
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


def accept_vague(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    if not g.get("prep") and not g.get("det"):
        return None
    if g.get("prep"):
        start = m.start("det") if g.get("det") else m.start("unit")
        if not g.get("det") and g["prep"].lower() in ("in", "during", "through"):
            return None
    return start, end


def accept_ref(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    ref = g["ref"].lower()
    if ref == "soon" and (
        text[max(0, start - 3) : start].lower() == "as " or prev_word(text, start) == "as"
    ):
        return None
    return start, end


def accept_relunit(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    det = " ".join(g["det"].lower().split())
    unit = g["unit"].lower()
    if (unit == "end") != det.startswith("year"):
        return None
    if det == "in the" and (g.get("mod") or "").lower() not in ("earlier", "later"):
        return None
    if det == "the" and unit != "weekend" and not g.get("mod"):
        if unit not in ("year", "week", "month") or prev_word(text, start) not in (
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


def accept_spoken(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    if g.get("mon") or g.get("season") or text[start:end].lower().startswith("the year"):
        return start, end
    prev = prev_word(text, start)
    if prev in _DATE_PREPS or prev in ("a", "an", "the") or _at_sentence_start(text, start):
        return start, end
    return None


def accept_mdy(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    return _day_month("mdy", m, text, start, end, g)


def accept_dmy(m: re.Match[str], text: str, start: int, end: int, g: dict) -> Span | None:
    return _day_month("dmy", m, text, start, end, g)
