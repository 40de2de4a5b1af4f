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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explorer.ingest.decoding import decode
    from explorer.ingest.discovery import (
        MAX_FILE_BYTES,
        MAX_RECORDS_FILE_BYTES,
        SUPPORTED_SUFFIXES,
        FileEntry,
        digest,
        scan,
    )
    from explorer.ingest.frontmatter import parse_front_matter
    from explorer.ingest.raw import RawDoc, Skipped
    from explorer.ingest.read import read_file
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

# Loaded on first use (PEP 562): a command over an up-to-date index only scans the folder, and
# the readers (YAML, HTML, JSON, date parsing) cost a tenth of a second to import.
_HOMES = {
    "MAX_FILE_BYTES": "explorer.ingest.discovery",
    "MAX_RECORDS_FILE_BYTES": "explorer.ingest.discovery",
    "SUPPORTED_SUFFIXES": "explorer.ingest.discovery",
    "FileEntry": "explorer.ingest.discovery",
    "digest": "explorer.ingest.discovery",
    "scan": "explorer.ingest.discovery",
    "decode": "explorer.ingest.decoding",
    "parse_front_matter": "explorer.ingest.frontmatter",
    "RawDoc": "explorer.ingest.raw",
    "Skipped": "explorer.ingest.raw",
    "read_file": "explorer.ingest.read",
    "DocMeta": "explorer.model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
