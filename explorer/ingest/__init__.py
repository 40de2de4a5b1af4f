"""Reading a corpus folder: which files are articles, and what text and metadata each holds.

A corpus is whatever a journalist dropped into a folder: plain text, Markdown with front matter,
saved web pages, JSON exports from scrapers and news APIs, in whatever encoding the source used.
This package turns that into ``RawDoc`` records (decoded text + ``DocMeta``) and explains, one
line per file, everything it could not read, so the index never fails on a bad file and the
user can see why a file is missing.

Conventions the rest of the explorer relies on:

* Every offset the explorer reports indexes into ``RawDoc.text``. That text is the decoded file
  with the byte-order mark removed and line endings normalised to ``\\n`` (``\\r\\n``, lone
  ``\\r``, U+2028 and U+2029 all become ``\\n``); stray C0 control characters become spaces and
  a trailing DOS end-of-file mark (``\\x1a``) is dropped. For ``.txt``/``.md`` the text is the
  whole file, front matter included, so it is exactly what ``explorer show DOC`` prints.
* For HTML and JSON the text is the article text extracted from the page or record. The title is
  kept in ``DocMeta.title`` and is also put on the first line of the text (followed by a blank
  line) only when the body does not already open with it: headlines name the people and places
  the article is about, and the extractors only see the text.
* Document ids: the file's path relative to the root (``'/'``-separated) for single-document
  files (``.txt``, ``.md``, ``.html``, a ``.json`` holding one object); ``f"{rel}#{n}"`` for a
  record of a ``.jsonl`` (n = the 1-based line number) or of a ``.json`` list (n = the 1-based
  position in the list). Bad records keep their number, so fixing one never renumbers others.
* ``read_file`` never raises for bad content. A records file with some bad records returns the
  good ones *and* a ``Skipped`` that counts and describes the bad ones; ``([], Skipped)`` means
  nothing in the file could be used.
"""

from __future__ import annotations

from explorer.ingest.decoding import decode
from explorer.ingest.discovery import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MARKDOWN_SUFFIXES,
    MAX_FILE_BYTES,
    MAX_RECORDS_FILE_BYTES,
    RECORDS_SUFFIXES,
    SUPPORTED_SUFFIXES,
    FileEntry,
    digest,
    scan,
    size_limit,
    suffix_of,
    too_large,
)
from explorer.ingest.frontmatter import parse_front_matter
from explorer.ingest.html import declared_html_charset, read_html
from explorer.ingest.jsonl import read_records
from explorer.ingest.raw import RawDoc, Skipped
from explorer.ingest.txt import read_text
from explorer.model import DocMeta

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_RECORDS_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "DocMeta",
    "FileEntry",
    "RawDoc",
    "Skipped",
    "decode",
    "digest",
    "parse_front_matter",
    "read_file",
    "scan",
]


def read_file(entry: FileEntry, data: bytes | None = None) -> tuple[list[RawDoc], Skipped | None]:
    """Read, decode and parse one file into documents; bad content never raises.

    ``data`` lets a caller that already read the bytes (to digest them) avoid a second read.
    Returns ``(docs, None)`` on success, ``([], Skipped)`` when nothing could be used, and
    ``(docs, Skipped)`` when a records file had some bad records: index the docs and report the
    reason.
    """
    suffix = suffix_of(entry.path.name)
    if suffix not in SUPPORTED_SUFFIXES:
        return [], Skipped(
            entry.rel, f"unsupported type {suffix}" if suffix else "unsupported type (no extension)"
        )
    limit = size_limit(suffix)
    if data is None:
        if entry.size > limit:
            return [], Skipped(entry.rel, too_large(entry.size, limit))
        try:
            with open(entry.path, "rb") as f:
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
            return read_html(entry.rel, text, warning)
        if suffix in RECORDS_SUFFIXES:
            return read_records(entry.rel, text, warning, jsonl=suffix in JSONL_SUFFIXES)
        return read_text(entry.rel, text, warning, markdown=suffix in MARKDOWN_SUFFIXES)
    except RecursionError:
        return [], Skipped(entry.rel, "unreadable: structure nested too deeply")
