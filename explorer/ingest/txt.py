"""Plain text and Markdown files: the whole file is the text; front matter gives metadata."""

from __future__ import annotations

import re

from explorer.ingest.frontmatter import parse_front_matter
from explorer.ingest.metadata import clean_value
from explorer.ingest.raw import RawDoc, Skipped


def read_text(
    rel: str, text: str, warning: str | None, *, markdown: bool
) -> tuple[list[RawDoc], Skipped | None]:
    meta, body_start = parse_front_matter(text)
    if not text[body_start:].strip():
        return [], Skipped(rel, "no article text (only front matter)")
    if markdown and meta.title is None:
        m = _MD_HEADING.match(text, body_start)
        if m:
            meta.title = clean_value(m.group(1).strip().rstrip("#").strip())
    return [RawDoc(rel, text, meta, warning)], None


_MD_HEADING = re.compile(r"\s*#\s+([^\n]+)")
