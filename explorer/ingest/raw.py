"""What reading a file gives: documents (text and metadata), or why a file was skipped."""

from __future__ import annotations

from dataclasses import dataclass

from explorer.model import DocMeta


@dataclass(slots=True)
class RawDoc:
    """One document read from a file."""

    id: str  # == rel for single-document files; f"{rel}#{n}" for .jsonl/.json records
    text: str  # the decoded text; every offset the explorer reports indexes into it
    meta: DocMeta
    warning: str | None = None  # e.g. "decoded as windows-1252 (detected)"


@dataclass(slots=True)
class Skipped:
    """A file (or some records of it) that could not be used, with one human-readable reason."""

    rel: str
    reason: str
