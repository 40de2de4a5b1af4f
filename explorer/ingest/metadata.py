"""Document metadata from fields with arbitrarily spelled keys (front matter, JSON, HTML meta).

Scrapers, note apps and news APIs name the same field a dozen ways ("published", "pubDate",
"datePublished"): ``meta_from_fields`` maps them onto ``DocMeta`` and cleans their values.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime
from typing import Any

from explorer.model import DocMeta

_FIELD_KEYS = {
    # normalised key (lower case, no '_' or '-') -> DocMeta field; the first listed wins
    "title": ["title", "headline", "heading"],
    "date": [
        "date",
        "published",
        "pubdate",
        "publishdate",
        "publisheddate",
        "datepublished",
        "datepublish",
        "publishedat",
        "publishedtime",
        "articlepublishedtime",
        "datetime",
        "publicationdate",
        "created",
        "createdat",
        "datecreated",
        "timestamp",
    ],
    "source": [
        "source",
        "sourcename",
        "publisher",
        "publication",
        "outlet",
        "sitename",
        "site",
        "sourcedomain",
        "newspaper",
        "domain",
        "feed",
    ],
    "url": [
        "url",
        "link",
        "canonicalurl",
        "canonical",
        "permalink",
        "sourceurl",
        "articleurl",
        "href",
    ],
    "author": ["author", "authors", "byline", "by", "creator", "writer", "writers"],
}
TEXT_KEYS = [
    "text",
    "body",
    "content",
    "article",
    "articletext",
    "articlebody",
    "fulltext",
    "maintext",
    "story",
    "bodytext",
    "contenttext",
    "plaintext",
]
TEXT_KEY_SET = frozenset(TEXT_KEYS)
_NULLISH = frozenset({"", "null", "none", "nil", "~", "n/a", "na", "unknown", "undefined", "-"})
SPACES = re.compile(r"\s+")
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated|created)\b\s*(?:on|at)?\s*[:\-–]?\s*)",
    re.I,
)
HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def clean_value(value: Any, limit: int = 500) -> str | None:
    """A metadata value as one clean line: quotes, HTML entities and nullish words removed."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (list, tuple)):
        parts = [p for p in (clean_value(v, limit) for v in value) if p]
        return clean_value(", ".join(dict.fromkeys(parts)), limit) if parts else None
    if isinstance(value, dict):
        for key in ("name", "rendered", "text", "value", "#text", "title", "href", "url"):
            if key in value:
                return clean_value(value[key], limit)
        return None
    s = str(value)
    if "&" in s and HTML_ENTITY.search(s):
        s = html.unescape(s)
    s = SPACES.sub(" ", s).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'" and s[0] not in s[1:-1]:
        s = s[1:-1].strip()
    if s.lower() in _NULLISH:
        return None
    return s[:limit]


def clean_date(value: Any) -> str | None:
    """The date as given, minus labels and junk: the pipeline normalises it, so no parsing here.

    Numbers are taken as Unix timestamps (seconds, or milliseconds when too large), which is
    how many APIs export dates and which no date parser reads as a date.
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = float(value)
        if seconds > 1e11:
            seconds /= 1000
        if 0 < seconds < 4e9:
            return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return None
    if isinstance(value, (date, datetime)):  # parsed by YAML or TOML front matter
        iso = value.isoformat()
        return iso[:-6] + "Z" if iso.endswith("+00:00") else iso
    if isinstance(value, dict):
        for key in ("$date", "date", "value", "iso"):
            if key in value:
                return clean_date(value[key])
        return None
    if isinstance(value, (list, tuple)):
        return next((d for d in (clean_date(v) for v in value) if d), None)
    s = clean_value(value, limit=200)
    if s is None:
        return None
    s = _DATE_LABEL.sub("", s).strip(" \t|,;:-–—·•[]()")
    if not any(c.isdigit() for c in s) or len(s) > 80:
        return None
    if s.isdigit() and len(s) >= 9:  # a timestamp that arrived as a string
        return clean_date(int(s))
    return s


def meta_from_fields(fields: dict[str, Any]) -> DocMeta:
    """DocMeta from a mapping with arbitrarily spelled keys (front matter, JSON record)."""
    norm: dict[str, Any] = {}
    for key, value in fields.items():
        k = norm_key(key)
        if k not in norm or norm[k] in (None, "", [], {}):
            norm[k] = value
    meta = DocMeta()
    for field_name, keys in _FIELD_KEYS.items():
        for k in keys:
            if k in norm:
                raw = norm[k]
                value = clean_date(raw) if field_name == "date" else clean_value(raw)
                if field_name == "url" and value and (" " in value or "." not in value):
                    value = None
                if value:
                    setattr(meta, field_name, value)
                    break
    return meta


def norm_key(key: Any) -> str:
    return str(key).lower().replace("_", "").replace("-", "").replace(" ", "").replace(":", "")


def with_title(body: str, title: str | None) -> str:
    """Put the title on the first line unless the body already opens with it.

    "Opens with it" means one of the first three lines is the title (case, spacing and a
    trailing full stop aside): a lede that merely starts with the title's words still gets it.
    """
    if not title:
        return body
    want = _fold(title).rstrip(".:")
    if not want:
        return body
    seen = 0
    for line in body[: len(title) * 3 + 600].split("\n"):
        if not line.strip():
            continue
        if _fold(line).rstrip(".:") == want:
            return body
        seen += 1
        if seen == 3:
            break
    return f"{title}\n\n{body}"


def _fold(s: str) -> str:
    return SPACES.sub(" ", s).strip().casefold().replace("’", "'").replace("‘", "'")
