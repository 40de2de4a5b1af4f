"""Answering a parsed query (``explorer.index.query_language``) with the reader's records.

A query of terms joined by AND (the common case) becomes one ``Query`` for the reader, so
``quotes 'speaker:wallace'`` returns exactly what ``quotes --speaker wallace`` returns, in the
same order, at the same cost. OR, NOT and a second term for a field already taken (two dates,
two speakers) are answered as sets of records: each part is asked as a ``Query`` narrowed by the
terms around it, and the answers are joined, intersected or subtracted by the record's identity
(document id; document and offsets; entity id), then put back in the order the reader uses.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from typing import Any, Protocol

from explorer.errors import UsageError
from explorer.index.query import Query
from explorer.index.query_language import (
    ENTITY_FIELDS,
    SUBJECTS,
    All,
    Expr,
    Not,
    Subject,
    Term,
    parse,
)
from explorer.index.query_language import Any as AnyOf
from explorer.index.reader import NAME_MATCH
from explorer.records import KIND_LABELS, Document, Entity, EntityKind, Event, Quote
from explorer.timex import bounds

__all__ = ["Subject", "search"]

# The names a person uses for what each subject lists, in error lines.
_NOUN = {
    "docs": "documents",
    "timeline": "the timeline",
    "quotes": "quotes",
    "entities": "entities",
}
# Names a lookup of the entities list may return for one word: a screenful of close matches.
_ENTITY_MATCHES = 50
# How far below the best match a name may score and still be listed.
_NAME_MARGIN = 15


class Answers(Protocol):
    """What answering a query needs of the index: the reader (``explorer.index.reader``), or
    the app's pooled front of it. ``entities`` lists also need ``entities``/``entity_records``."""

    def documents(self, q: Query) -> list[Document]: ...
    def timeline(self, q: Query) -> list[Event]: ...
    def quotes(self, q: Query) -> list[Quote]: ...
    def find(self, text: str, kind: EntityKind | None = None, limit: int = 10) -> list[Entity]: ...
    def document(self, doc_id: str) -> Document: ...


def search(reader: Answers, subject: Subject, query: str | Expr | None, base: Query) -> list[Any]:
    """The records of ``subject`` that ``query`` (typed text or a parsed tree) and ``base`` (the
    options: --entity, --since, --doc, order, limit...) both select, in the reader's order."""
    expr = parse(query) if isinstance(query, str) else query
    if subject not in SUBJECTS:
        raise UsageError(f"expected one of {', '.join(SUBJECTS)}, got {subject!r}")
    if subject == "entities":
        return _Entities(reader).answer(expr, base)
    asker = _Asker(reader, subject)
    if expr is None:
        return asker.ask(base)
    limit = base.limit
    records = asker.answer(expr, dataclasses.replace(base, limit=None), limit)
    return records if limit is None else records[:limit]


class _Asker:
    """Turns terms into ``Query`` fields and joins the answers of the parts that cannot be one."""

    def __init__(self, reader: Answers, subject: Subject) -> None:
        self.reader = reader
        self.subject = subject
        self.ask: Callable[[Query], list[Any]] = {
            "docs": reader.documents,
            "timeline": reader.timeline,
            "quotes": reader.quotes,
        }[subject]
        self._entity_ids: dict[tuple[str, str], int] = {}

    def answer(self, expr: Expr, q: Query, limit: int | None) -> list[Any]:
        """Records of ``q`` that ``expr`` selects, in order; with ``limit``, at least the first
        ``limit`` of them (more may come: the caller cuts).

        A limit is passed down where the answer stays exact: to a single ``Query``; to each
        branch of an OR (the first ``limit`` of a union are among the first ``limit`` of its
        branches); and past exclusions (the first ``limit + n`` rows, less the ``n`` excluded,
        still hold the first ``limit``). So ``-speaker:wallace`` at 200k documents reads a
        page, not every quote. An intersection reads its parts whole.
        """
        parts = list(expr.parts) if isinstance(expr, All) else [expr]
        rest: list[Expr] = []
        for part in parts:
            narrowed = self.narrow(q, part) if isinstance(part, Term) else None
            if narrowed is None:
                rest.append(part)
            else:
                q = narrowed
        if not rest:
            return self.ask(dataclasses.replace(q, limit=limit))
        positives = [p for p in rest if not isinstance(p, Not)]
        drop: set[Hashable] = set()
        for part in rest:
            if isinstance(part, Not):
                drop |= {self.key(r) for r in self._part(part.part, q, None)}
        # The rows to read before exclusion: enough to leave `limit` when all excluded are in.
        wanted = None if limit is None else limit + len(drop)
        if not positives:
            found = self.ask(dataclasses.replace(q, limit=wanted))
        elif len(positives) == 1:
            found = self._part(positives[0], q, wanted)
        else:
            first, *others = positives
            found = self._part(first, q, None)
            for part in others:
                keep = {self.key(r) for r in self._part(part, q, None)}
                found = [r for r in found if self.key(r) in keep]
        return [r for r in found if self.key(r) not in drop] if drop else found

    def _part(self, part: Expr, q: Query, limit: int | None) -> list[Any]:
        """The records of ``q`` that one part selects (at least the first ``limit``)."""
        if isinstance(part, AnyOf):
            return self._union(part, q, limit)
        if isinstance(part, Term) and self.narrow(q, part) is None:
            # A second date, speaker, doc or source: asked alone within q's other fields,
            # then kept where q's own holds too.
            alone = self.narrow(_cleared(q, part.field), part)
            assert alone is not None
            keep = {self.key(r) for r in self.ask(alone)}
            return [r for r in self.ask(q) if self.key(r) in keep]
        return self.answer(part, q, limit)

    def _union(self, expr: AnyOf, q: Query, limit: int | None) -> list[Any]:
        seen: dict[Hashable, Any] = {}
        for part in expr.parts:
            for r in self.answer(part, q, limit):
                seen.setdefault(self.key(r), r)
        return sorted(seen.values(), key=self.order(q))

    def narrow(self, q: Query, term: Term) -> Query | None:
        """``q`` narrowed by ``term``, or None when ``q`` already has that field set (the term
        is then answered as a set of its own)."""
        field = term.field
        if field is None:
            if term.phrase:
                return dataclasses.replace(q, phrases=(*q.phrases, term.value))
            return dataclasses.replace(q, text=f"{q.text} {term.value}" if q.text else term.value)
        if field == "speaker" and self.subject == "quotes":
            return None if q.speaker else dataclasses.replace(q, speaker=term.value)
        if field == "speaker" or field in ENTITY_FIELDS:
            # In documents and the timeline a speaker is read as the person named.
            kind = None if field in ("entity", "speaker") else field
            entity = self.entity(term, kind)
            return dataclasses.replace(q, entities=(*q.entities, entity))
        if field == "date":
            if q.since or q.until:
                return None
            return dataclasses.replace(q, since=term.since, until=term.until)
        if field == "doc":
            if q.doc is not None:
                return None
            self.reader.document(term.value)  # an unknown id is the user's mistake
            return dataclasses.replace(q, doc=term.value)
        if field == "source":
            return None if q.source else dataclasses.replace(q, source=term.value)
        raise UsageError(f"query: {term.typed!r} does not apply to {_NOUN[self.subject]}")

    def entity(self, term: Term, kind: str | None) -> int:
        """The corpus entity a name stands for, as ``explorer find`` ranks them (the best)."""
        cache_key = (term.value.casefold(), kind or "")
        if cache_key not in self._entity_ids:
            hits = self.reader.find(term.value, kind=kind, limit=1)  # type: ignore[arg-type]
            if not hits:
                what = KIND_LABELS[kind] if kind else "person, place or organisation"
                raise UsageError(f"query: no {what} matches {term.value!r} ({term.typed})")
            self._entity_ids[cache_key] = hits[0].id
        return self._entity_ids[cache_key]

    def key(self, record: Any) -> Hashable:
        """What makes a record itself: two answers naming the same fact share it."""
        if isinstance(record, Document):
            return record.id
        if isinstance(record, Event):
            return (record.doc, record.expr_start, record.expr_end)
        return (record.doc, record.start, record.end)

    def order(self, q: Query) -> Callable[[Any], Any]:
        """The reader's own order for this subject (``explorer.index.sql``), as a sort key."""
        if self.subject == "docs":
            if q.order == "title":
                return lambda d: d.title.casefold()
            if q.order == "-date":
                return lambda d: (d.date is None, _descending(d.date or ""), d.title)
            return lambda d: (d.date is None, d.date or "", d.title)
        if self.subject == "timeline":
            newest = q.order == "-date"

            def event_key(e: Event) -> Any:
                span = bounds(e.value or e.date)
                if span is None:
                    return (True, "", "", e.doc_date or "", e.doc, e.start)
                parts = (*span, e.doc_date or "", e.doc, e.expr_start)
                return (False, *(_descending(p) if newest else p for p in parts))

            return event_key

        def quote_key(r: Quote) -> Any:
            rank = -(r.score or 0.0) if r.score is not None else 0.0
            return (rank, r.doc_date is None, r.doc_date or "", r.doc, r.start)

        return quote_key


def _cleared(q: Query, field: str | None) -> Query:
    """``q`` without the value of the field a term would set."""
    if field == "date":
        return dataclasses.replace(q, since=None, until=None)
    if field in ("speaker", "doc", "source"):
        return dataclasses.replace(q, **{field: None})
    return q


def _descending(value: Any) -> Any:
    """A sort key that orders strings (or numbers) backwards within an ascending sort."""
    if isinstance(value, str):
        return tuple(-ord(c) for c in value) + (1,)
    return -value


class _Entities:
    """``entities QUERY``: names match words and name fields (as ``find`` does), ``doc:`` the
    entities a document names; other fields do not apply to a list of names."""

    def __init__(self, reader: Any) -> None:  # the Reader: Answers and the entity lists
        self.reader = reader

    def answer(self, expr: Expr | None, base: Query) -> list[Entity]:
        if expr is None:
            return self.reader.entities(base)
        ids = self.ids(expr, base)
        if base.doc is not None:
            ids &= self.ids(Term("doc", base.doc), base)
        found = [
            e for e in self.reader.entity_records(ids) if base.kind is None or e.kind == base.kind
        ]
        found.sort(key=lambda e: (-e.mentions, e.name))
        return found if base.limit is None else found[: base.limit]

    def ids(self, expr: Expr, base: Query) -> set[int]:
        if isinstance(expr, All):
            sets = [self.ids(p, base) for p in expr.parts]
            return set.intersection(*sets)
        if isinstance(expr, AnyOf):
            return set().union(*(self.ids(p, base) for p in expr.parts))
        if isinstance(expr, Not):
            every = self.reader.entities(Query(kind=base.kind, doc=base.doc))
            return {e.id for e in every} - self.ids(expr.part, base)
        field = expr.field
        if field is None or field in ENTITY_FIELDS:
            kind: EntityKind | None = None
            if field in ("person", "place", "org"):
                kind = field  # type: ignore[assignment]
            hits = self.reader.find(expr.value, kind=kind, limit=_ENTITY_MATCHES)
            # Close to the best: "kabul" lists Kabul, not Zabul (also 80, a letter apart).
            best = max((e.score or 0 for e in hits), default=0)
            floor = max(NAME_MATCH, best - _NAME_MARGIN)
            return {e.id for e in hits if (e.score or 0) >= floor}
        if field == "doc":
            return {e.id for e in self.reader.entities(Query(doc=expr.value))}  # checks the id
        raise UsageError(f"query: {expr.typed!r} does not apply to entities")
