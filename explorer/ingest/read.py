"""One file in, its documents out: decoding, then the reader of its format.

Which reader runs is decided by the file's suffix; a bad file is a ``Skipped`` with the reason,
never an exception (see the package's docstring for the conventions every reader keeps).
"""

from __future__ import annotations

import os

from explorer.ingest.decoding import decode
from explorer.ingest.discovery import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    RECORDS_SUFFIXES,
    SUPPORTED_SUFFIXES,
    FileEntry,
    size_limit,
    suffix_of,
    too_large,
)
from explorer.ingest.html import declared_html_charset, read_html
from explorer.ingest.jsonl import read_records
from explorer.ingest.path_date import date_in_path
from explorer.ingest.raw import RawDoc, Skipped
from explorer.ingest.txt import read_text

__all__ = ["read_file"]


def read_file(entry: FileEntry, data: bytes | None = None) -> tuple[list[RawDoc], Skipped | None]:
    """Read, decode and parse one file into documents; bad content never raises.

    ``data`` lets a caller that already read the bytes (to digest them) avoid a second read.
    Returns ``(docs, None)`` on success, ``([], Skipped)`` when nothing could be used, and
    ``(docs, Skipped)`` when a records file had some bad records: index the docs and report the
    reason.
    """
    suffix = suffix_of(os.path.basename(entry.fspath))
    if suffix not in SUPPORTED_SUFFIXES:
        return [], Skipped(
            entry.rel, f"unsupported type {suffix}" if suffix else "unsupported type (no extension)"
        )
    limit = size_limit(suffix)
    if data is None:
        if entry.size > limit:
            return [], Skipped(entry.rel, too_large(entry.size, limit))
        try:
            with open(entry.fspath, "rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            return [], Skipped(entry.rel, "unreadable: file no longer exists")
        except OSError as e:
            return [], Skipped(entry.rel, f"unreadable: {e.strerror or e}")
    if len(data) > limit:
        return [], Skipped(entry.rel, too_large(max(len(data), entry.size), limit))
    if not data:
        return [], Skipped(entry.rel, "empty file")

    declared = declared_html_charset(data) if suffix in HTML_SUFFIXES else None
    text, warning, problem = decode(data, declared)
    if problem is not None:
        return [], Skipped(entry.rel, problem)
    assert text is not None
    if not text.strip():
        return [], Skipped(entry.rel, "empty file (only whitespace)")

    try:
        if suffix in HTML_SUFFIXES:
            docs, skipped = read_html(entry.rel, text, warning)
        elif suffix in RECORDS_SUFFIXES:
            docs, skipped = read_records(entry.rel, text, warning, jsonl=suffix in JSONL_SUFFIXES)
        else:
            docs, skipped = read_text(
                entry.rel, text, warning, markdown=suffix in MARKDOWN_SUFFIXES
            )
    except RecursionError:
        return [], Skipped(entry.rel, "unreadable: structure nested too deeply")
    day = date_in_path(entry.rel)
    for doc in docs:
        doc.meta.path_date = day
    return docs, skipped
