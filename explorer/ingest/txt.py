"""Plain text and Markdown files: front matter gives metadata, the rest is the article.

The front matter block (YAML ``---`` or TOML ``+++``) is never article text: it is not shown,
offsets do not count it, and no quote or date is read from it (a quoted YAML title used to
become the document's first "quote").
"""

from __future__ import annotations

import re

from explorer.ingest.frontmatter import parse_front_matter
from explorer.ingest.metadata import clean_value
from explorer.ingest.raw import RawDoc, Skipped


def read_text(
    rel: str, text: str, warning: str | None, *, markdown: bool
) -> tuple[list[RawDoc], Skipped | None]:
    meta, body_start = parse_front_matter(text)
    body = text[body_start:]
    if body_start:
        body = body.lstrip("\r\n")
    if not body.strip():
        return [], Skipped(rel, "no article text (only front matter)")
    if markdown and meta.title is None:
        m = _MD_HEADING.match(body)
        if m:
            meta.title = clean_value(m.group(1).strip().rstrip("#").strip())
    return [RawDoc(rel, body, meta, warning)], None


_MD_HEADING = re.compile(r"\s*#\s+([^\n]+)")
