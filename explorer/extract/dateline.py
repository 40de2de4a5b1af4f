"""The dateline that opens a news story: where it was filed and, often, on which day.

    BUENOS AIRES, Feb 26 - Argentine grain board figures show ...
    KABUL, Afghanistan (AP) — The Taliban ...
    VIENNA, Feb 2, 2021 – The agency said ...
    NEW YORK, March 3 (Reuters) - Stocks ...

Wire copy names the place in capitals (or in title case when a date or an agency follows),
then the month and day, sometimes the year, sometimes the agency, then a dash. The place is the
story's place; the day is its date when nothing better says so.

A dateline without a year takes the year of the file's modification time, the latest one that
does not put the day after the file was saved (a story saved on 2026-01-04 with "Dec 30" is
from 2025). The years the story itself mentions were tried and are no guide: on Reuters-21578
the commonest, the latest or the earliest year in the text is the story's own for 20-22% of
datelines (a 1987 story reports 1986 results and 1988 forecasts). Without a file date the day
stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from explorer.extract.timex_lex import MONTH_RE, MONTHS

__all__ = ["Dateline", "find_dateline"]

_AGENCY = r"Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg|CNN|BBC|ANI|PTI|IANS|Kyodo|Yonhap|TASS"
_CAPS_PLACE = r"[A-Z][A-Z'.&-]+(?:[ -][A-Z][A-Z'.&-]+){0,4}"
_TITLE_PLACE = r"[A-Z][a-z'.-]+(?:[ -][A-Z][a-z'.-]+){0,3}"
_REGION = r"[A-Z][A-Za-z'.-]+(?:\s+[A-Z][A-Za-z'.-]+){0,3}"
_DATE = rf"(?P<mon>(?i:{MONTH_RE}))\.?\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_DASH = r"\s*(?:-{1,2}|–|—)\s+"

_DATELINE = re.compile(
    rf"""^(?:
        (?P<caps>{_CAPS_PLACE})(?:,\s*(?P<region>{_REGION}))?
          (?:\s*,?\s*{_DATE})?(?:\s*\((?P<agency>{_AGENCY})\))?
      | (?P<title>{_TITLE_PLACE})(?:,\s*(?P<tregion>{_REGION}))?
          (?:\s*,\s*{_DATE.replace("?P<", "?P<t")}(?:\s*\((?P<tagency>{_AGENCY})\))?
            |\s*\((?P<tagency2>{_AGENCY})\))
    ){_DASH}(?=\S)""",
    re.VERBOSE | re.MULTILINE,
)
LOOK_AT = 6  # the dateline opens the story: within its first paragraphs


@dataclass(frozen=True, slots=True)
class Dateline:
    """A story's dateline: its place as written, and its day when one can be told."""

    start: int
    end: int
    place: str
    date: str | None  # ISO day
    year_of_file: bool  # the dateline gave month and day; the year is the file's


def find_dateline(
    text: str, paragraphs: list[tuple[int, int]], file_date: str | None = None
) -> Dateline | None:
    """The dateline at the start of one of the first paragraphs, or None. ``file_date`` (ISO)
    gives the year of a dateline without one."""
    found: list[tuple[int, Dateline]] = []
    for start, end in paragraphs[:LOOK_AT]:
        m = _DATELINE.match(text, start, end)
        if m is None:
            continue
        g = m.groupdict()
        place = (g["caps"] or g["title"] or "").strip()
        dated = bool(g["mon"] or g["tmon"])
        agency = bool(g["agency"] or g["tagency"] or g["tagency2"])
        if g["caps"] and len(place.replace(" ", "")) < 3:
            continue  # "A -", "US - ..." a bullet, not a dateline
        # A headline in capitals ("ARGENTINA COULD SUSPEND PAYMENTS - DEPUTY") has the shape
        # of a bare "PLACE -": without a date or an agency, only a paragraph of prose after
        # the dash makes it a dateline.
        rank = 0 if dated else 1 if agency else 2
        if rank == 2 and end - m.end() < 80:
            continue
        day, guessed = _day(g, file_date)
        found.append((rank, Dateline(m.start(), m.end(), place, day, guessed)))
        if rank == 0:
            break
    return min(found, key=lambda f: f[0])[1] if found else None


def _day(g: dict[str, str | None], file_date: str | None) -> tuple[str | None, bool]:
    mon = g["mon"] or g["tmon"]
    num = g["day"] or g["tday"]
    if not mon or not num:
        return None, False
    month, dom = MONTHS.get(mon.lower().rstrip(".")), int(num)
    if month is None:
        return None, False
    year = g["year"] or g["tyear"]
    if year:
        return _iso(int(year), month, dom), False
    if not file_date:
        return None, False
    saved = date.fromisoformat(file_date)
    y = saved.year if (month, dom) <= (saved.month, saved.day) else saved.year - 1
    return _iso(y, month, dom), True


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
