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
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    kind: EntityKind | None = None
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
