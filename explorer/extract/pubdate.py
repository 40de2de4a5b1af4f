"""Publication date of an article: the anchor every relative date in it is resolved against.

Order of trust: metadata (front matter, HTML meta) first; then a date line near the top of the
text; then dates in the running text; else nothing. Never the clock: an undated article stays
undated, so that "on Thursday" is left unresolved rather than pinned to the day it was indexed.

The top of a scraped page mixes the article's date with site chrome: a page header such as
"• Wed. Nov 23rd, 2022" (the day the page was rendered) can sit above the real dateline
"Aug 13, 2021". No single position rule tells them apart, so every candidate line is scored on
general evidence: a standalone date line beats a date inside a sentence; chrome markers (bullets,
separators) count against; the same day repeated in the body counts for; a date far in the
future of every other date the article mentions is probably a render/scrape date; and the
weekdays the article names ("on Thursday", "Friday, Aug. 13") should fall in the days just
before the candidate.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

from explorer.extract.timex_lex import MONTH_RE, MONTHS, WEEKDAY_ABBR_RE, WEEKDAY_RE, WEEKDAYS
from explorer.model import DocMeta, Sentence

__all__ = ["publication_date"]

# Full dates with a year, as they appear in headers and captions.
_FULL_DATE = re.compile(
    rf"""(?<![\w-])
    (?:(?P<wd>{WEEKDAY_RE}|{WEEKDAY_ABBR_RE})\s*,?\s*)?
    (?:
      (?P<mon1>{MONTH_RE})\s*(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*,?\s*(?P<y1>(?:19|20)\d\d)
     |(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_RE})\s*,?\s*(?P<y2>(?:19|20)\d\d)
     |(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)
     |(?P<y4>(?:19|20)\d\d)/(?P<m4>[01]?\d)/(?P<d4>[0-3]?\d)
     |(?P<a5>[0-3]?\d)[/.](?P<b5>[0-3]?\d)[/.](?P<y5>(?:19|20)\d\d)
    )(?!/)(?!(?!T\d)\w)""",
    re.IGNORECASE | re.VERBOSE,
)
# Month and day without a year, to count body mentions of a candidate ("as of Aug. 13").
_MONTH_DAY = re.compile(
    rf"(?<![\w-])(?P<mon>{MONTH_RE})\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    rf"|(?<![\w-])(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_RE})(?!\w)",
    re.IGNORECASE,
)
_WEEKDAY_MENTION = re.compile(rf"(?<![\w-])(?P<wd>{WEEKDAY_RE})(?!\w)", re.IGNORECASE)
_RELATIVE_WORDS = re.compile(r"\b(?:today|tonight|yesterday|this\s+morning)\b", re.IGNORECASE)
# Words that may share a date line without making it prose: "Published: Aug 13, 2021 10:35 BST".
_LINE_NOISE = re.compile(
    rf"(?:published|updated|posted|last\s+modified|modified|date[d]?|on|at|by|am|pm|a\.m\.|p\.m\."
    rf"|gmt|utc|bst|cet|[ecmp][sd]t|{WEEKDAY_RE}|{WEEKDAY_ABBR_RE}|\d{{1,2}}[:.]\d\d|[^\w])+",
    re.IGNORECASE,
)
_CHROME = re.compile(
    r"^[\s]*[•·|»›◦▪●■►]|[|»›]\s|\b(?:menu|subscribe|sign\s+in|log\s+in|home|search)\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified|edited|last\s+reviewed)\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"\b(?:published|posted|first\s+published|dated?)\b", re.IGNORECASE)
# What may precede a date at the start of a dateline/headline line.
_DATE_PREFIX = re.compile(
    r"[\W_]*(?:(?:date[d]?|published|updated|posted|last\s+updated|first\s+published)\s*:?\s*(?:on\s+)?)?",
    re.IGNORECASE,
)
# A date after these words is a deadline, maturity or period end, not the day of writing.
_FORWARD_CUE = re.compile(
    r"\b(?:due|matur\w*|beginning|starting|of|end|ending|ended|ends|until|till|through|expires?|expiring|effective|by|before|"
    r"from|since|to|between|and|or)\s+(?:on\s+)?$",
    re.IGNORECASE,
)
# Words that make the top of a page a page: after this many characters we are in the article.
_HEADER_CHARS = 2500
# A header line (a dateline, "date 2021-07-18 Headline") is short; a longer one is body text.
_HEADER_LINE_CHARS = 400
_HEADER_LINES = 15


def publication_date(text: str, sentences: list[Sentence], meta: DocMeta) -> tuple[str | None, str]:
    """Return (ISO date or None, source) where source is "front matter" | "header line" |
    "body" | "none". Metadata wins when it parses; otherwise the text is weighed (see module)."""
    if meta.date:
        iso = normalise_date(meta.date)
        if iso:
            return iso, "front matter"
    dates = [(m.start(), m.end(), d) for m, d in _full_dates(text)]
    header = _header_candidate(text, dates)
    if header:
        return header, "header line"
    body = _body_candidate(text, dates)
    if body:
        return body, "body"
    return None, "none"


def normalise_date(value: str) -> str | None:
    """Any common date string ("2021-08-13T10:00:00Z", "Fri, 13 Aug 2021", "Aug 13, 2021",
    "13/08/2021") as YYYY-MM-DD; None when it does not name a day."""
    value = value.strip()
    m = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if m:
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d.isoformat() if d else None
    if re.fullmatch(r"\d{8}", value):
        d = _safe(int(value[:4]), int(value[4:6]), int(value[6:]))
        return d.isoformat() if d else None
    m = re.match(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", value)
    dayfirst = bool(m and int(m.group(1)) > 12)
    # Parse against two different defaults: a field the string does not give (the year of
    # "Aug 13", the day of "August 2021") comes out different, and the string is not a day.
    try:
        a = dateutil_parser.parse(value, default=datetime(1, 1, 1), dayfirst=dayfirst, fuzzy=True)
        b = dateutil_parser.parse(value, default=datetime(2, 2, 2), dayfirst=dayfirst, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if a.date() != b.date():
        return None
    return a.date().isoformat()


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _full_dates(text: str):
    for m in _FULL_DATE.finditer(text):
        g = m.groupdict()
        d = None
        mon = g.get("mon1") or g.get("mon2")
        if mon:
            if not mon[0].isupper():
                continue
            d = _safe(
                int(g.get("y1") or g.get("y2")),
                MONTHS[mon.lower().rstrip(".")],
                int(g.get("d1") or g.get("d2")),
            )
        elif g.get("y3"):
            d = _safe(int(g["y3"]), int(g["m3"]), int(g["d3"]))
        elif g.get("y4"):
            d = _safe(int(g["y4"]), int(g["m4"]), int(g["d4"]))
        elif g.get("y5"):
            a, b, y = int(g["a5"]), int(g["b5"]), int(g["y5"])
            d = _safe(y, b, a) if a > 12 else _safe(y, a, b)
        if d is not None:
            yield m, d


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


def _weekday_support(text: str, d: date) -> int:
    """How many weekday names in the text fall on the candidate day or the six before it,
    minus those that cannot: articles say "on Thursday" about the days just gone."""
    names = Counter(
        m.group("wd").lower() for m in _WEEKDAY_MENTION.finditer(text) if m.group("wd")[0].isupper()
    )
    if not names:
        return 0
    recent = {d.weekday(), (d.weekday() - 1) % 7, (d.weekday() - 2) % 7}
    return sum(n for w, n in names.items() if WEEKDAYS[w] in recent)


def _header_candidate(text: str, dates: list[tuple[int, int, date]]) -> str | None:
    limit = min(len(text), _HEADER_CHARS)
    # The first _HEADER_LINES non-empty lines, or the first _HEADER_CHARS characters.
    for nonempty, m in enumerate(re.finditer(r"[^\n]*\S[^\n]*", text[:limit]), start=1):
        if nonempty > _HEADER_LINES:
            limit = m.start()
            break
    cands = [(s, e, d) for s, e, d in dates if s < limit]
    if not cands:
        return None
    all_days = [d for _s, _e, d in dates]
    best: tuple[float, int, date] | None = None
    scored: list[tuple[float, int, date, bool]] = []
    for s, e, d in cands:
        lo, hi = _line_bounds(text, s)
        if hi - lo > _HEADER_LINE_CHARS:
            continue  # a paragraph, not a dateline (and reading it per date was quadratic)
        line = text[lo:hi]
        if _continues_sentence(text, lo) or _FORWARD_CUE.search(text, max(0, s - 25), s):
            continue  # a hard-wrapped sentence or a deadline ("due\nMarch 30, 1990"), not a dateline
        rest = _LINE_NOISE.sub(" ", line[: s - lo] + " " + line[e - lo :]).strip()
        if not rest:
            score = 3.0  # a line that is only a date: a dateline
        elif _DATE_PREFIX.fullmatch(line[: s - lo]) and not re.match(
            r"\s*,\s*[a-z]", line[e - lo :]
        ):
            score = 2.0  # "date 2021-07-18 Headline ..." / "Aug 13, 2021 — Kabul ..."
        else:
            continue  # a date inside a sentence is body text, weighed by _body_candidate
        if _CHROME.search(line):
            score -= 1.0
        if _UPDATED.search(line):
            score -= 1.0  # "Updated: ..." is a later edit; the article's own day is its first
        elif _PUBLISHED.search(line):
            score += 0.5
        # The same day mentioned again further down (with or without the year).
        repeats = sum(1 for s2, _e2, d2 in dates if d2 == d and s2 != s)
        repeats += sum(
            1
            for m in _MONTH_DAY.finditer(text, hi)
            if _month_day_is(m, d) and not any(s2 <= m.start() < e2 for s2, e2, _ in dates)
        )
        score += min(repeats, 3)
        others = [x for x in all_days if x != d]
        if others and d > max(others) + timedelta(days=45):
            score -= 3.0  # far in the future of everything the article mentions: a render date
        if others and d < max(others) - timedelta(days=60):
            score -= 1.5  # older than something the article reports: background, not the dateline
        score += min(_weekday_support(text[hi:], d), 3) * 0.5
        scored.append((score, s, d, not rest))
    # Several lines each starting with a different date are a chronology ("Oct. 31, 2012 The
    # Obama hug"), not a dateline: only standalone date lines survive that.
    leading = {d for _sc, _s, d, alone in scored if not alone}
    if len(leading) >= 2:
        scored = [x for x in scored if x[3]]
    for score, s, d, _alone in scored:
        if best is None or score > best[0]:
            best = (score, s, d)
    if best is None or best[0] < 1.5:
        return None
    return best[2].isoformat()


def _continues_sentence(text: str, lo: int) -> bool:
    """True when the line at ``lo`` carries on a sentence from the line above (hard wrapping)."""
    if lo == 0:
        return False
    prev_end = text.rfind("\n", 0, lo - 1)
    prev = text[prev_end + 1 : lo - 1].strip()
    if not prev:
        return False  # a blank line above: a new block
    if prev[-1] in ",;-–(":
        return True
    # Hard-wrapped prose: a long line cut mid-sentence. A short line above is a headline.
    return len(prev) >= 50 and prev[-1].isalnum() and prev[-1].islower()


def _month_day_is(m: re.Match[str], d: date) -> bool:
    mon = m.group("mon") or m.group("mon2")
    if not mon or not mon[0].isupper():
        return False
    day = int(m.group("d") or m.group("d2"))
    return MONTHS[mon.lower().rstrip(".")] == d.month and day == d.day


def _body_candidate(text: str, dates: list[tuple[int, int, date]]) -> str | None:
    """A date in the running text is the article's own only with corroboration: repeated, or
    named with its own weekday, or followed by relative words that fit it."""
    if not dates:
        return None
    dates = [(s, e, d) for s, e, d in dates if not _FORWARD_CUE.search(text, max(0, s - 25), s)]
    if not dates:
        return None
    counts = Counter(d for _s, _e, d in dates)
    ranked = sorted(counts, key=lambda d: (counts[d], d), reverse=True)
    for d in ranked:
        support = min(counts[d] - 1, 2)
        for s, e, d2 in dates:
            if d2 != d:
                continue
            m = re.match(rf"({WEEKDAY_RE})\b", text[s:e], re.IGNORECASE) or re.search(
                rf"({WEEKDAY_RE})\s*,?\s*$", text[max(0, s - 14) : s], re.IGNORECASE
            )
            if m and WEEKDAYS[m.group(1).lower()] == d.weekday():
                support += 2  # "Friday, Aug. 13, 2021": a caption or dateline, self-consistent
        if _RELATIVE_WORDS.search(text) or _weekday_support(text, d) >= 2:
            support += 1
        if d != max(counts):
            support -= 1  # a later date exists: this one is more likely background
        if support >= 3:
            return d.isoformat()
    return None
