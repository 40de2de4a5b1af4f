"""Export with citations: the records of a query as CSV, JSON lines or Markdown.

Every row says where its fact was read, so it can go into a story or a spreadsheet and be
checked: ``doc``, ``doc_title``, ``doc_date``, ``source`` (the outlet), ``url``, ``path``, and
``start``/``end``, the offsets of the fact in ``explorer show DOC``'s text, before the record's
own fields. An entity's citation is the first place it is named (earliest document first).

Text from documents is untrusted: in CSV and Markdown, control characters and bidi overrides
are made visible (``explorer.safe_text``), and a CSV cell that a spreadsheet would run as a
formula (starting with =, +, @, or - before a letter) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any, Protocol, TextIO

from explorer.errors import UsageError
from explorer.index.query import Query
from explorer.records import Document, Entity, Event, Mention, Quote
from explorer.safe_text import clean, json_line

__all__ = ["FORMATS", "citation_rows", "write"]

FORMATS = ("csv", "jsonl", "md", "geojson")
CITATION = ("doc", "doc_title", "doc_date", "source", "url", "path", "start", "end")
# The record's own fields after the citation, per subject: what a story or a sheet needs.
FIELDS = {
    "quotes": ("speaker", "text", "display", "cue", "docs"),
    "timeline": (
        "date",
        "expression",
        "expr_start",
        "expr_end",
        "text",
        "people",
        "places",
        "corroborating_docs",
    ),
    "docs": ("date_source", "author", "words", "events", "quotes", "entities"),
    "entities": ("id", "name", "kind", "aliases", "mentions", "docs", "lat", "lon", "text"),
}


class Cited(Protocol):
    """Where citations are looked up: the index reader (``explorer.index.reader.Reader``)."""

    def document(self, doc_id: str) -> Document: ...
    def text(self, doc_id: str) -> str: ...
    def mentions(self, q: Query) -> list[Mention]: ...


def citation_rows(subject: str, records: Iterable[Any], source: Cited) -> list[dict[str, Any]]:
    """One flat dict per record: its citation, then its own fields (``FIELDS``)."""
    documents: dict[str, Document] = {}

    def document(doc_id: str) -> Document:
        if doc_id not in documents:
            documents[doc_id] = source.document(doc_id)
        return documents[doc_id]

    out = []
    for r in records:
        if isinstance(r, Document):
            d, start, end, own = r, 0, len(source.text(r.id)), r.to_dict()
        elif isinstance(r, Entity):
            first = source.mentions(Query(entities=(r.id,), limit=1))
            m = first[0] if first else None
            d = document(m.doc) if m else None
            start, end = (m.start, m.end) if m else (None, None)
            own = {**r.to_dict(), "text": m.text if m else None}
        elif isinstance(r, Event | Quote):
            d, start, end, own = document(r.doc), r.start, r.end, r.to_dict()
        else:
            raise TypeError(f"cannot export {type(r).__name__}")
        row: dict[str, Any] = {
            "doc": d.id if d else None,
            "doc_title": d.title if d else None,
            "doc_date": d.date if d else None,
            "source": d.source if d else None,
            "url": d.url if d else None,
            "path": d.path if d else None,
            "start": start,
            "end": end,
        }
        for field in FIELDS[subject]:
            row[field] = own.get(field)
        if isinstance(r, Quote) and not row["display"]:
            row["display"] = r.text
        out.append(row)
    return out


def write(subject: str, rows: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    """``rows`` (from ``citation_rows``) to ``out`` as ``fmt``: csv, jsonl or md."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json_line(row) + "\n")
    elif fmt == "csv":
        _csv(subject, rows, out)
    elif fmt == "md":
        for row in rows:
            out.write(_markdown(subject, row) + "\n")
    elif fmt == "geojson":
        out.write(json.dumps(geojson(subject, rows), ensure_ascii=True) + "\n")
    else:
        raise UsageError(f"--format: expected {', '.join(FORMATS)}, got {fmt!r}")


def geojson(subject: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Entities with coordinates as a GeoJSON FeatureCollection of points ``[lon, lat]``, with
    ``name, kind, mentions, docs, aliases`` and the citation of the first mention; entities
    without coordinates are left out (``skipped`` counts them)."""
    if subject != "entities":
        raise UsageError("--format geojson: only entities have coordinates (export entities)")
    features, skipped = [], 0
    for row in rows:
        if row.get("lat") is None or row.get("lon") is None:
            skipped += 1
            continue
        properties = {k: row.get(k) for k in ("name", "kind", "mentions", "docs", "aliases")}
        properties["id"] = row.get("id")
        properties["cited"] = {
            k: row.get(k) for k in ("doc", "doc_title", "doc_date", "start", "end")
        }
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features, "skipped": skipped}


def _csv(subject: str, rows: list[dict[str, Any]], out: TextIO) -> None:
    columns = [*CITATION, *FIELDS[subject]]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    out.write(buffer.getvalue())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = clean(str(value))
    if text[:1] in ("=", "+", "@") or (text[:1] == "-" and text[1:2].isalpha()):
        text = "'" + text  # a spreadsheet would run it as a formula
    return text


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def _md(value: Any) -> str:
    """Document text made inert in Markdown: one line, its markup characters escaped."""
    return " ".join(clean(str(value or "")).split()).translate(_MD_SPECIAL)


def _markdown(subject: str, row: dict[str, Any]) -> str:
    """One list item: the fact, then its citation ("*Title*, Source, date — doc:start-end")."""
    where = f"{row['doc']}:{row['start']}-{row['end']}" if row["doc"] else ""
    link = f"[{_md(where)}]({row['url']})" if row.get("url") else f"`{clean(where)}`"
    cite = ", ".join(
        part
        for part in (
            f"*{_md(row['doc_title'])}*" if row.get("doc_title") else "",
            _md(row["source"]) if row.get("source") else "",
            row["doc_date"] or "",
        )
        if part
    )
    cite = f"{cite} — {link}" if cite else link
    if subject == "quotes":
        speaker = _md(row["speaker"]) if row.get("speaker") else "unattributed"
        return f"- “{_md(row['display'] or row['text'])}” — {speaker}. {cite}"
    if subject == "timeline":
        return f"- **{row['date'] or 'undated'}** {_md(row['text'])} ({cite})"
    if subject == "docs":
        return f"- {cite}"
    return (
        f"- **{_md(row['name'])}** ({row['kind']}; {row['mentions']} mentions in"
        f" {row['docs']} documents), first named in {cite}"
    )
