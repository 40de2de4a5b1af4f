"""JSON lines and JSON files: one document per record, fields named however the exporter liked."""

from __future__ import annotations

import html
import json
from typing import Any

from explorer.ingest.decoding import normalise
from explorer.ingest.html import HTML_TAG, html_fragment_to_text
from explorer.ingest.metadata import (
    HTML_ENTITY,
    TEXT_KEY_SET,
    TEXT_KEYS,
    meta_from_fields,
    norm_key,
    with_title,
)
from explorer.ingest.raw import RawDoc, Skipped

_MAX_REASONS = 5


def read_records(
    rel: str, text: str, warning: str | None, *, jsonl: bool
) -> tuple[list[RawDoc], Skipped | None]:
    """Documents from a ``.jsonl`` (one record a line) or ``.json`` (object or list) file.

    The two get mixed up in the wild (a ``.json`` written one object per line, a ``.jsonl``
    holding one pretty-printed list), so each falls back to the other reading when its own
    fails everywhere.
    """
    records: list[tuple[int, Any, str | None]]  # (number, value, parse error)
    single = False
    if jsonl:
        records = _jsonl_records(text)
        if records and all(err for _, _, err in records):
            parsed = _json_records(text)
            if parsed is not None:
                records, single = parsed
    else:
        parsed = _json_records(text)
        if parsed is None:
            try:
                json.loads(text)
            except json.JSONDecodeError as e:
                if e.msg != "Extra data":
                    return [], Skipped(
                        rel, f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
                    )
                records = _jsonl_records(text)  # one object per line in a .json file
            except RecursionError:
                return [], Skipped(rel, "invalid JSON: nested too deeply")
            else:
                return [], Skipped(
                    rel, "no article records in the JSON (expected an object or a list of objects)"
                )
        else:
            records, single = parsed

    docs: list[RawDoc] = []
    problems: list[str] = []
    where = "line" if jsonl else "record"
    for number, value, error in records:
        doc_id = rel if single else f"{rel}#{number}"
        if error is None:
            doc, error = _record_doc(doc_id, value, warning)
            if doc is not None:
                docs.append(doc)
                continue
        problems.append(f"{where} {number}: {error}")
    if not problems:
        return docs, None
    listed = "; ".join(problems[:_MAX_REASONS]) + ("; …" if len(problems) > _MAX_REASONS else "")
    if not docs:
        if single:
            return [], Skipped(rel, f"no usable record: {problems[0].split(': ', 1)[1]}")
        return [], Skipped(rel, f"no usable records ({len(problems)} bad): {listed}")
    return docs, Skipped(rel, f"{len(problems)} of {len(records)} records skipped: {listed}")


def _number(digits: str) -> int | str:
    """An integer of a record; one too long for Python to convert (5,000 digits) stays text
    rather than failing the record or the whole file."""
    return int(digits) if len(digits) <= 4000 else digits


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_number)


def _jsonl_records(text: str) -> list[tuple[int, Any, str | None]]:
    out: list[tuple[int, Any, str | None]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append((number, _loads(line), None))
        except json.JSONDecodeError as e:
            out.append((number, None, f"invalid JSON ({e.msg})"))
        except RecursionError:
            out.append((number, None, "invalid JSON (nested too deeply)"))
        except ValueError as e:  # a value Python cannot hold: this record only
            out.append((number, None, f"unreadable value ({e})"[:200]))
    return out


def _json_records(text: str) -> tuple[list[tuple[int, Any, str | None]], bool] | None:
    """Records of a JSON document, and whether it is a single article; None if not usable."""
    try:
        value = _loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        return None
    if isinstance(value, dict):
        if _text_field(value) is None:
            inner = _wrapped_list(value)
            if inner is not None:
                value = inner
        if isinstance(value, dict):
            return [(1, value, None)], True
    if isinstance(value, list):
        return [(i, v, None) for i, v in enumerate(value, 1)], False
    return None


_WRAPPER_KEYS = (
    "articles",
    "documents",
    "docs",
    "items",
    "records",
    "results",
    "data",
    "entries",
    "posts",
    "stories",
    "news",
    "hits",
)


def _wrapped_list(obj: dict[str, Any]) -> list[Any] | None:
    """The list of articles inside an API response such as ``{"status": ..., "articles": [...]}``."""
    lists = {
        norm_key(k): v
        for k, v in obj.items()
        if isinstance(v, list) and v and isinstance(v[0], dict)
    }
    for key in _WRAPPER_KEYS:
        if key in lists:
            return lists[key]
    if len(lists) == 1:
        return next(iter(lists.values()))
    for value in obj.values():  # one more level: {"response": {"docs": [...]}}
        if isinstance(value, dict):
            inner = {
                norm_key(k): v
                for k, v in value.items()
                if isinstance(v, list) and v and isinstance(v[0], dict)
            }
            for key in _WRAPPER_KEYS:
                if key in inner:
                    return inner[key]
    return None


def _text_field(record: dict[str, Any]) -> Any:
    norm = {norm_key(k): v for k, v in record.items()}
    for key in TEXT_KEYS:
        value = norm.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _record_doc(doc_id: str, value: Any, warning: str | None) -> tuple[RawDoc | None, str | None]:
    """One record to a document, or the reason it cannot be one."""
    if not isinstance(value, dict):
        return None, f"not an object ({type(value).__name__})"
    raw = _text_field(value)
    if raw is None:
        present = [k for k in value if norm_key(k) in TEXT_KEY_SET]
        if present:
            return None, f"empty text ({present[0]} is {json.dumps(value[present[0]])[:20]})"
        keys = ", ".join(str(k) for k in list(value)[:8])
        return None, f"no text field (has: {keys})" if keys else "empty object"
    body = _record_text(raw)
    if body is None or not body.strip():
        return None, "empty text"
    meta = meta_from_fields(value)
    text = with_title(body, meta.title)
    return RawDoc(doc_id, text, meta, warning), None


def _record_text(raw: Any) -> str | None:
    """The text field as plain text: paragraphs lists joined, HTML and entities converted."""
    if isinstance(raw, dict):
        for key in ("rendered", "text", "value", "#text", "html", "plain", "body"):
            if key in raw:
                return _record_text(raw[key])
        return None
    if isinstance(raw, list):
        parts = [p for p in (_record_text(v) for v in raw) if p and p.strip()]
        return "\n\n".join(p.strip() for p in parts) if parts else None
    if not isinstance(raw, str):
        return None
    text = raw
    if "<" in text and HTML_TAG.search(text):
        text = html_fragment_to_text(text)
    elif "&" in text and HTML_ENTITY.search(text):
        text = html.unescape(text)
    text = normalise(text)
    return text.strip("\n")
