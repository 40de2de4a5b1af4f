"""TIMEX3 values: the one place that reads them, for extraction, the index and the app.

A value is what the date extractor writes (TimeML conventions, as in TimeBank): ``2021-08-12``,
``2021-08``, ``2021``, ``198X`` (a decade), ``19`` (a century), ``2021-W29``, ``2021-W29-WE``,
``2021-SU``, ``2021-Q3``, ``2021-H1``, ``2021-08-13TMO``, ``2021-08-13T10:35``, ``-0500``
(500 BC), ``PRESENT_REF``. Three things are read from it, here only:

* ``bounds``: the first and last ISO day it covers, which the index sorts and filters by;
* ``display_date``: the part a timeline shows (the day of a time);
* ``describe``: how a person reads it ("1980s", "summer 2021", "2021 Q3").

Standard library only, at the bottom of the layers, so the app can format a date without
loading the extractors.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["SEASON_MONTHS", "bounds", "describe", "display_date", "start_date", "is_day"]

# Meteorological northern seasons: (first month, last month); winter YYYY-WI is Dec YYYY..Feb YYYY+1.
SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}
_SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFS = {"PAST_REF": "in the past", "PRESENT_REF": "now", "FUTURE_REF": "in the future"}

_V_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_V_PLAIN_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_V_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T")
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


def iso_day(d: date) -> str:
    """``YYYY-MM-DD``, zero-padded for years before 1000 too."""
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def safe_date(y: int, m: int, d: int) -> date | None:
    """The date, or None when the numbers are not a calendar day."""
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _last_of_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def _bounds_day(m: re.Match[str]) -> tuple[str, str] | None:
    d = safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return (iso_day(d), iso_day(d)) if d else None


def _bounds_month(m: re.Match[str]) -> tuple[str, str] | None:
    y, mo = int(m.group(1)), int(m.group(2))
    return (f"{y:04d}-{mo:02d}-01", _last_of_month(y, mo)) if 1 <= mo <= 12 else None


def _bounds_year(m: re.Match[str]) -> tuple[str, str]:
    return f"{m.group(1)}-01-01", f"{m.group(1)}-12-31"


def _bounds_week(m: re.Match[str]) -> tuple[str, str] | None:
    try:
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        return None
    if m.group(3):  # the weekend
        return iso_day(monday + timedelta(days=5)), iso_day(monday + timedelta(days=6))
    return iso_day(monday), iso_day(monday + timedelta(days=6))


def _bounds_season(m: re.Match[str]) -> tuple[str, str]:
    y = int(m.group(1))
    first, last = SEASON_MONTHS[m.group(2)]
    if m.group(2) == "WI":
        return f"{y:04d}-12-01", _last_of_month(y + 1, 2)
    return f"{y:04d}-{first:02d}-01", _last_of_month(y, last)


def _bounds_quarter(m: re.Match[str]) -> tuple[str, str]:
    y, q = int(m.group(1)), int(m.group(2))
    return f"{y:04d}-{3 * q - 2:02d}-01", _last_of_month(y, 3 * q)


def _bounds_half(m: re.Match[str]) -> tuple[str, str]:
    y = int(m.group(1))
    return (
        (f"{y:04d}-01-01", f"{y:04d}-06-30")
        if m.group(2) == "1"
        else (
            f"{y:04d}-07-01",
            f"{y:04d}-12-31",
        )
    )


def _bounds_decade(m: re.Match[str]) -> tuple[str, str]:
    return f"{m.group(1)}0-01-01", f"{m.group(1)}9-12-31"


def _bounds_century(m: re.Match[str]) -> tuple[str, str]:
    return f"{m.group(1)}00-01-01", f"{m.group(1)}99-12-31"


def _bounds_bc(m: re.Match[str]) -> tuple[str, str]:
    digits = m.group(1)
    if len(digits) == 2:  # a BC century: -04 is the 5th century BC, 500..401 BC
        c = int(digits)
        first_bc, last_bc = 100 * (c + 1), 100 * c + 1
    else:
        first_bc = last_bc = int(digits)
    return f"-{9999 - first_bc:04d}-01-01", f"-{9999 - last_bc:04d}-12-31"


# (value shape, its bounds), tried in order: the first shape that matches decides.
_BOUNDS = (
    (_V_DAY, _bounds_day),
    (_V_MONTH, _bounds_month),
    (_V_YEAR, _bounds_year),
    (_V_WEEK, _bounds_week),
    (_V_SEASON, _bounds_season),
    (_V_QUARTER, _bounds_quarter),
    (_V_HALF, _bounds_half),
    (_V_DECADE, _bounds_decade),
    (_V_CENTURY, _bounds_century),
    (_V_BC, _bounds_bc),
    (_V_YEAR_VAGUE, _bounds_year),
)


def bounds(value: str | None) -> tuple[str, str] | None:
    """First and last ISO day a TIMEX3 value covers, for sorting and range filters.

    BC values cannot be ISO days, so they map to strings that sort before every AD day and in
    the right order among themselves: year N BC (``-NNNN``) becomes ``-{9999-N:04d}-MM-DD``
    (500 BC -> ``-9499-01-01``..``-9499-12-31``), and BC centuries (``-CC``) span their years the
    same way. ``-`` sorts before every digit, so these come first in a plain string sort.
    Returns None for PRESENT_REF/PAST_REF/FUTURE_REF, durations, sets and anything unresolved.
    """
    if not value:
        return None
    for shape, read in _BOUNDS:
        m = shape.match(value)
        if m:
            return read(m)
    return None


def start_date(value: str | None) -> date | None:
    """The first day of an AD value (None for BC, vague or unresolved values)."""
    b = bounds(value)
    if b is None or b[0].startswith("-"):
        return None
    return parse_iso_day(b[0])


def parse_iso_day(s: str | None) -> date | None:
    """The day a string starting ``YYYY-MM-DD`` names, or None."""
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    return safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def display_date(value: str | None) -> str | None:
    """The part of a value a timeline shows: the day of a time, the value otherwise."""
    if not value:
        return None
    m = _V_TIME.match(value)
    return m.group(1) if m else value


def is_day(value: str | None) -> bool:
    """True for a full calendar date (YYYY-MM-DD)."""
    return bool(value and _V_PLAIN_DAY.match(value))


def describe(value: str | None) -> str:
    """The value as precise as it is known, never more: "2021-08-12", "2021-08", "1980s"."""
    if not value:
        return "unresolved"
    if value in _REFS:
        return _REFS[value]
    if re.fullmatch(r"\d{3}X?", value):  # a decade: "198X" or "198"
        return f"{value[:3]}0s"
    if re.fullmatch(r"\d{2}(XX)?", value):  # a century: "19XX" or "19"
        return f"{value[:2]}00s"
    if m := _V_SEASON.match(value):
        return f"{_SEASON_NAMES[m.group(2)]} {m.group(1)}"
    if m := _V_QUARTER.match(value):
        return f"{m.group(1)} Q{m.group(2)}"
    if m := _V_HALF.match(value):
        return f"{m.group(1)} H{m.group(2)}"
    return value
