"""A small in-memory stand-in for ``explorer.corpus.Corpus`` for pure UI tests.

It implements the same read methods with honest (if simple) logic over hand-written articles:
entity mentions are found by alias, quotes by curly quotation marks, events are given. The real
Corpus is exercised by the end-to-end tests in test_tui_app.py.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz

from explorer.api import Document, Entity, Event, Quote, Span, Stats
from explorer.errors import UsageError

_QUOTE = re.compile(r"“([^”]+)”(?:,? (said|says) ([A-Z]\w+(?: [A-Z]\w+)*))?")


def _first_day(date: str) -> str:
    parts = date.split("-")
    return "-".join([parts[0], *(p.zfill(2) for p in parts[1:])] + ["01"] * (3 - len(parts)))


def _last_day(date: str) -> str:
    parts = date.split("-")
    return "-".join([parts[0], *(p.zfill(2) for p in parts[1:])] + ["31"] * (3 - len(parts)))


class FakeCorpus:
    name = "fake"
    root = Path("/fake")
    index_path = Path("/fake/index.db")

    def __init__(
        self,
        docs: list[tuple[str, str, str | None, str]],
        entities: list[tuple[str, str, list[str]]],
        events: list[tuple[str, str | None, str | None, str]] = (),  # type: ignore[assignment]
    ) -> None:
        """``docs``: (id, title, date, text); ``entities``: (name, kind, aliases);
        ``events``: (doc id, ISO date, precision, expression found in the text)."""
        self._text = {d[0]: d[3] for d in docs}
        self._entities = [
            Entity(i + 1, name, kind, [name, *aliases], 0, 0)
            for i, (name, kind, aliases) in enumerate(entities)
        ]
        self._mentions: dict[str, list[tuple[int, int, Entity]]] = {}
        for doc_id, text in self._text.items():
            found = []
            for ent in self._entities:
                for alias in ent.aliases:
                    for m in re.finditer(rf"\b{re.escape(alias)}\b", text):
                        found.append((m.start(), m.end(), ent))
            self._mentions[doc_id] = sorted(found, key=lambda x: x[0])
        counted = {
            ent.id: dataclasses.replace(
                ent,
                mentions=sum(1 for ms in self._mentions.values() for m in ms if m[2] is ent),
                docs=sum(1 for ms in self._mentions.values() if any(m[2] is ent for m in ms)),
            )
            for ent in self._entities
        }
        self._entities = list(counted.values())
        self._mentions = {
            d: [(s, e, counted[ent.id]) for s, e, ent in ms] for d, ms in self._mentions.items()
        }
        self._quotes: list[Quote] = []
        for doc_id, title, date, text in docs:
            for m in _QUOTE.finditer(text):
                self._quotes.append(
                    Quote(doc_id, m.group(1), m.start(1), m.end(1), m.group(3), m.group(3),
                          m.start(3) if m.group(3) else None, m.end(3) if m.group(3) else None,
                          m.group(2), False, doc_date=date, doc_title=title)
                )  # fmt: skip
        self._events: list[Event] = []
        for doc_id, iso, precision, expression in events:
            text = self._text[doc_id]
            at = text.index(expression)
            s = text.rfind(".", 0, at) + 1
            e = text.find(".", at)
            e = len(text) if e < 0 else e + 1
            people = [m[2].name for m in self._mentions[doc_id] if s <= m[0] < e]
            meta = next(d for d in docs if d[0] == doc_id)
            self._events.append(
                Event(doc_id, iso, precision, expression, at, at + len(expression),
                      text[s:e].strip(), s, e, people=people, doc_date=meta[2], doc_title=meta[1])
            )  # fmt: skip
        self._docs = [
            Document(d[0], f"{d[0]}.txt", d[1], d[2], "front matter" if d[2] else "none", None,
                     len(d[3].split()), None,
                     sum(1 for e in self._events if e.doc == d[0]),
                     sum(1 for q in self._quotes if q.doc == d[0]),
                     len({m[2].id for m in self._mentions[d[0]]}))
            for d in docs
        ]  # fmt: skip
        self.calls: list[str] = []

    @classmethod
    def empty(cls) -> FakeCorpus:
        return cls([], [])

    # -- the Corpus API ----------------------------------------------------------------------

    def stats(self) -> Stats:
        return Stats(len(self._docs), len(self._events), len(self._quotes), len(self._entities))

    def _docs_with(self, entity: int) -> set[str]:
        return {d for d, ms in self._mentions.items() if any(m[2].id == entity for m in ms)}

    def documents(self, entity=None, query=None, sort="date", limit=None):  # type: ignore[no-untyped-def]
        self.calls.append(f"documents:{entity}:{query}:{sort}:{limit}")
        docs = list(self._docs)
        if entity is not None:
            keep = self._docs_with(int(entity))
            docs = [d for d in docs if d.id in keep]
        if query:
            docs = [d for d in docs if query.casefold() in self._text[d.id].casefold()]
        # The real order: by date (undated last), newest first for "-date", or by title.
        undated = [d for d in docs if not d.date]
        dated = sorted((d for d in docs if d.date), key=lambda d: (d.date, d.title))
        if sort == "-date":
            dated.sort(key=lambda d: d.date or "", reverse=True)
        docs = dated + undated if sort != "title" else sorted(docs, key=lambda d: d.title.lower())
        return docs[:limit] if limit is not None else docs

    def document(self, doc_id: str) -> Document:
        for d in self._docs:
            if d.id == doc_id:
                return d
        raise UsageError(f"no document {doc_id}")

    def text(self, doc_id: str) -> str:
        return self._text[doc_id]

    def timeline(self, entity=None, since=None, until=None, doc=None, limit=None):  # type: ignore[no-untyped-def]
        self.calls.append(f"timeline:{entity}:{doc}:{limit}")
        events = list(self._events)
        if doc is not None:
            events = [e for e in events if e.doc == doc]
        if since or until:  # as the index does: an event overlapping the range is in it
            lo, hi = _first_day(since) if since else "", _last_day(until) if until else "9999"
            events = [e for e in events if e.date and e.date[:4].isdigit()
                      and _last_day(e.date) >= lo and _first_day(e.date) <= hi]  # fmt: skip
        if entity is not None:
            ent = self.entity(int(entity))
            events = [e for e in events if ent.name in e.people or ent.name in e.places
                      or any(a in e.text for a in ent.aliases)]  # fmt: skip
        return events[:limit] if limit is not None else events

    def quotes(self, query=None, speaker=None, entity=None, doc=None, limit=None):  # type: ignore[no-untyped-def]
        self.calls.append(f"quotes:{query}:{entity}:{limit}")
        quotes = list(self._quotes)
        if entity is not None:
            ent = self.entity(int(entity))
            quotes = [q for q in quotes
                      if q.speaker in ent.aliases or any(a in q.text for a in ent.aliases)]  # fmt: skip
        if query:  # every word, as the real FTS query does
            needles = query.casefold().split()
            quotes = [q for q in quotes if all(w in q.text.casefold() for w in needles)]
        return quotes[:limit] if limit is not None else quotes

    def entities(self, kind=None, doc=None):  # type: ignore[no-untyped-def]
        return [e for e in self._entities if kind is None or e.kind == kind]

    def entity(self, entity_id: int) -> Entity:
        for e in self._entities:
            if e.id == entity_id:
                return e
        raise UsageError(f"no entity {entity_id}")

    def find(self, query: str, kind: str | None = None, limit: int = 10) -> list[Entity]:
        self.calls.append(f"find:{query}")
        scored = []
        for e in self._entities:
            score = max(fuzz.WRatio(query.casefold(), a.casefold()) for a in e.aliases)
            if score >= 60:
                scored.append(replace(e, score=score))
        scored.sort(key=lambda e: -(e.score or 0))
        return scored[:limit]

    def spans(self, doc_id: str) -> list[Span]:
        spans = [Span(s, e, ent.kind, ent.name) for s, e, ent in self._mentions[doc_id]]
        spans += [Span(q.start, q.end, "quote", q.speaker or "") for q in self._quotes
                  if q.doc == doc_id]  # fmt: skip
        spans += [Span(e.expr_start, e.expr_end, "date", e.date or "") for e in self._events
                  if e.doc == doc_id]  # fmt: skip
        return sorted(spans, key=lambda s: s.start)

    def close(self) -> None:
        pass


ARTICLES = [
    ("a1", "Taliban seize Kandahar", "2021-08-13",
     "Taliban seize Kandahar\n\nThe Taliban seized Kandahar on Thursday, officials said. "
     "“We will not abandon Kandahar,” said Ben Wallace. Kabul was calm on Friday.\n\n"
     "In August 2021 the withdrawal sped up. Fighting in the 1980s shaped the region."),
    ("a2", "Wallace criticises deal", "2021-08-14",
     "Ben Wallace called the deal ‘rotten’ on Saturday. “The deal was a mistake,” said Ben Wallace. "
     "Donald Trump did not respond. Kabul airport was crowded on Saturday."),
    ("a3", "Undated note on Helmand", None,
     "Lashkar Gah, the capital of Helmand, fell. “It is over,” said Mohammad Khan. "
     "Kandahar remained tense."),
]  # fmt: skip

ENTITIES = [
    ("Kandahar", "place", []),
    ("Ben Wallace", "person", ["Wallace"]),
    ("Kabul", "place", []),
    ("Taliban", "org", []),
    ("Donald Trump", "person", ["Trump"]),
    ("Helmand", "place", []),
    ("Mohammad Khan", "person", []),
]

EVENTS = [
    ("a1", "2021-08-12", "day", "Thursday"),
    ("a1", "2021-08-13", "day", "Friday"),
    ("a1", "2021-08", "month", "August 2021"),
    ("a1", "198X", "decade", "1980s"),
    ("a2", "2021-08-14", "day", "Saturday"),
]


def sample_corpus() -> FakeCorpus:
    return FakeCorpus(ARTICLES, ENTITIES, EVENTS)


def big_corpus(n_docs: int = 2000, quotes_per_doc: int = 50) -> FakeCorpus:
    """Many rows (n_docs × quotes_per_doc quotes) to check that lists stay fast."""
    words = [
        "army",
        "city",
        "deal",
        "troops",
        "withdrawal",
        "airport",
        "border",
        "talks",
        "ceasefire",
        "spokesman",
    ]
    docs = []
    for i in range(n_docs):
        sentences = [
            f"“The {words[(i + j) % 10]} {words[(i * 7 + j) % 10]} case {i}-{j},” said Ben Wallace."
            for j in range(quotes_per_doc)
        ]
        docs.append((f"d{i}", f"Report {i}", f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}",
                     " ".join(sentences)))  # fmt: skip
    return FakeCorpus(docs, [("Ben Wallace", "person", ["Wallace"])])
