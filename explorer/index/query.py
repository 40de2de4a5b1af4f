"""What a reader of the index can ask for: one frozen ``Query`` value, and its date bounds.

Every front end states its question the same way: the command line from its options, the
Python API from keyword arguments, the app from the chips under its search bar. The reader
(``explorer.index.reader``) answers a ``Query`` with a page of records; nothing above the index
filters, intersects or sorts rows itself, so the same question gets the same rows everywhere.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as _date
from typing import Literal

from explorer.errors import UsageError
from explorer.records import ENTITY_KINDS, EntityKind

__all__ = ["DocumentOrder", "Query", "check_kind", "first_day", "last_day"]

DocumentOrder = Literal["date", "-date", "title"]
# More rows than any index holds; SQLite's integers stop at 2**63.
MAX_LIMIT = 1_000_000_000
DOCUMENT_ORDERS: tuple[DocumentOrder, ...] = ("date", "-date", "title")

_DAY = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True, slots=True)
class Query:
    """One question to the index; every field narrows the answer (fields combine with AND).

    * ``entities``: corpus entity ids that must *all* be present: in the document (documents),
      in the event's sentence (timeline), as the speaker or inside the quote (quotes).
    * ``speaker``: a name or role typed by a person; quotes whose speaker matches it (fuzzy).
    * ``speakers``: corpus entity ids; quotes *said by* one of them (not merely about them).
    * ``text``: words typed by a person: full text of articles (documents), of the event's
      sentence (timeline), of quotes, typo-tolerant (quotes, ranked by relevance).
    * ``phrases``: exact phrases that must appear there as well, word for word.
    * ``source``: part of the outlet's name (documents, and the documents of events and quotes).
    * ``since``/``until``: ISO days, inclusive (see ``first_day``/``last_day``); an event is
      kept when its period overlaps them, a document or quote when its date falls inside.
    * ``doc``: one document id. ``kind``: person, place or org (entities).
    * ``order``: documents ("date" oldest first, "-date" newest first, "title") and the
      timeline ("date" chronological, "-date" newest first; unresolved events last either way);
      quotes by relevance when ``text`` is set, else date.
    * ``limit``: at most this many records (None: all).
    """

    entities: tuple[int, ...] = ()
    speaker: str | None = None
    speakers: tuple[int, ...] = ()
    text: str | None = None
    phrases: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    kind: EntityKind | None = None
    source: str | None = None
    order: DocumentOrder = "date"
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.order not in DOCUMENT_ORDERS:
            raise UsageError(f"sort: expected date, -date or title, got {self.order!r}")
        check_kind(self.kind)
        if self.limit is not None and not 0 <= self.limit <= MAX_LIMIT:
            raise UsageError(
                f"limit: expected a number of rows up to {MAX_LIMIT:,}, got {self.limit}"
            )

    @property
    def words(self) -> str | None:
        """The text searched for, or None when only blanks were typed."""
        return self.text if self.text and self.text.strip() else None


def check_kind(kind: str | None) -> None:
    """A kind typed by a person is person, place or org (or none)."""
    if kind is not None and kind not in ENTITY_KINDS:
        raise UsageError(f"kind: expected {', '.join(ENTITY_KINDS)}, got {kind!r}")


def first_day(value: str, option: str = "--since") -> str:
    """The first day of a date typed as YYYY, YYYY-MM or YYYY-MM-DD ("2021-08" -> 2021-08-01).

    ``option`` names the input in the error a person sees for a malformed date.
    """
    value = value.strip()
    m = _DAY.fullmatch(value)
    if not m:
        raise UsageError(f"{option}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return _date(year, month, day).isoformat()
    except ValueError as exc:
        raise UsageError(f"{option}: {value!r} is not a calendar date ({exc})") from None


def last_day(value: str, option: str = "--until") -> str:
    """The last day of the period a date names: an --until of 2021-08 runs to 2021-08-31."""
    first = first_day(value, option)
    parts = value.strip().split("-")
    if len(parts) == 3:
        return first
    year, month = int(parts[0]), int(parts[1]) if len(parts) == 2 else 12
    return _date(year, month, calendar.monthrange(year, month)[1]).isoformat()


_OPEN_START = re.compile(r"^(?:until|till|before|to|up to)\s+", re.I)
_OPEN_END = re.compile(r"^(?:since|from|after)\s+", re.I)


def date_range(text: str, today: str | None = None) -> tuple[str | None, str | None] | None:
    """The days a person means by a date range typed in words or digits, as (since, until) ISO
    days (None: open); None when the text is no date range.

    "2021-08", "1990..1995", "2021-08-12..", "..1990", "aug 2021", "spring 2020", "Q3 2020",
    "the 1980s", "march 3, 1987", "since 2021", "before 1990", "last week": read by the
    date extractor the timeline is built with, against ``today`` (ISO), so the words mean here
    what they mean in the articles.
    """
    text = " ".join(text.split())
    if not text:
        return None
    if ".." in text:
        left, _, right = text.partition("..")
        a = _period(left, today) if left.strip() else None
        b = _period(right, today) if right.strip() else None
        if (left.strip() and a is None) or (right.strip() and b is None) or not (a or b):
            return None
        return (a[0] if a else None), (b[1] if b else None)
    opened_start, opened_end = _OPEN_START.match(text), _OPEN_END.match(text)
    rest = text[(opened_start or opened_end).end() :] if (opened_start or opened_end) else text
    period = _period(rest, today)
    if period is None:
        return None
    first, last = period
    if opened_end:
        # "after 2020" starts in 2021; "since 2021" and "from 2021" in 2021.
        after = opened_end.group(0).strip().lower() == "after"
        return (_shift(last, 1) if after else first), None
    if opened_start:
        before = opened_start.group(0).strip().lower() == "before"
        return None, (_shift(first, -1) if before else last)
    return period


def _shift(day: str, days: int) -> str:
    from datetime import timedelta

    return (_date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _period(text: str, today: str | None) -> tuple[str, str] | None:
    """First and last day of one period typed by a person ("2021-08", "aug 2021")."""
    text = text.strip()
    if _DAY.fullmatch(text):
        try:
            return first_day(text), last_day(text)
        except UsageError:
            return None
    from explorer.extract.dates import extract_times  # the extractor loads only when asked
    from explorer.extract.sentences import split_sentences
    from explorer.extract.timex_lex import MONTHS
    from explorer.timex import bounds

    # Typed in lower case, "aug 2021" is the month all the same (in running text "may" is not).
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    typed = re.sub(rf"\b(?:{months})\b", lambda m: m.group(0).capitalize(), text, flags=re.I)
    found = [t for t in extract_times(typed, split_sentences(typed), today) if bounds(t.value)]
    if not found:
        return None
    best = max(found, key=lambda t: t.end - t.start)
    covered = sum(1 for c in typed[best.start : best.end] if c.isalnum())
    if covered * 10 < 7 * sum(1 for c in typed if c.isalnum()):
        return None  # a date inside other words is not what was typed
    return bounds(best.value)
