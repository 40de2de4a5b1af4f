"""How dates, counts and citations are written in the app (pure functions, tested alone)."""

from __future__ import annotations

import datetime as dt
import re

from explorer.tui.safe_text import clean_line

_SEASONS = {"SP": ("spring", "03"), "SU": ("summer", "06"), "FA": ("autumn", "09"),
            "WI": ("winter", "12")}  # fmt: skip
_REFS = {"PAST_REF": "in the past", "PRESENT_REF": "now", "FUTURE_REF": "in the future"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")


def format_when(date: str | None, precision: str | None = None) -> str:
    """The date as precise as it is known, never more: "2021-08-12", "2021-08", "1980s"."""
    if not date:
        return "unresolved"
    if date in _REFS:
        return _REFS[date]
    if re.fullmatch(r"\d{3}X?", date):  # TIMEX3 decade: "198X" or "198"
        return f"{date[:3]}0s"
    if re.fullmatch(r"\d{2}(XX)?", date):  # TIMEX3 century: "19XX" or "19"
        return f"{date[:2]}00s"
    if m := _SEASON.match(date):
        return f"{_SEASONS[m.group(2)][0]} {m.group(1)}"
    if m := _QUARTER.match(date):
        return f"{m.group(1)} Q{m.group(2)}"
    if m := _HALF.match(date):
        return f"{m.group(1)} H{m.group(2)}"
    return date


def sort_key(date: str | None) -> tuple[int, str, int]:
    """Chronological order over mixed precisions; unresolved events last.

    A coarse date sorts before the finer dates it contains ("2021-08" before "2021-08-01"), a week
    sorts at its Monday, a season or quarter at its first month, a decade at its first year.
    """
    if not date:
        return (2, "", 0)
    if not date[:1].isdigit():  # PAST_REF, PRESENT_REF, FUTURE_REF: vague, after the dated
        return (1, date, 0)
    norm = date
    if m := _WEEK.match(date):
        try:
            norm = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:
            norm = m.group(1)
    elif m := _SEASON.match(date):
        norm = f"{m.group(1)}-{_SEASONS[m.group(2)][1]}"
    elif m := _QUARTER.match(date):
        norm = f"{m.group(1)}-{(int(m.group(2)) - 1) * 3 + 1:02d}"
    elif m := _HALF.match(date):
        norm = f"{m.group(1)}-{'01' if m.group(2) == '1' else '07'}"
    elif re.fullmatch(r"\d{2,3}", date):  # century "19", decade "198"
        norm = date.ljust(4, "0")
    else:
        norm = date.replace("X", "0")
    return (0, norm, len(date))


def is_day(date: str | None) -> bool:
    """True for a full calendar date (YYYY-MM-DD)."""
    return bool(date and _DAY.match(date))


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def citation(text: str, speaker: str | None, title: str | None, date: str | None) -> str:
    """A quote as a journalist pastes it: “…” — Speaker, “Title”, 2021-08-13."""
    who = clean_line(speaker) if speaker else "unattributed"
    parts = [f"“{clean_line(text)}” — {who}"]
    if title:
        parts.append(f"“{clean_line(title)}”")
    parts.append(date or "undated")
    return ", ".join(parts)
