"""Saved web pages: article text and metadata through trafilatura, the standard library as fallback."""

from __future__ import annotations

import functools
import logging
import re
from html.parser import HTMLParser

from explorer.ingest.decoding import normalise
from explorer.ingest.metadata import SPACES, clean_date, clean_value, with_title
from explorer.ingest.raw import RawDoc, Skipped
from explorer.model import DocMeta


@functools.cache
def _trafilatura():
    """Import trafilatura on first use and keep its (and its helpers') logging quiet.

    It costs a quarter of a second to import and logs a warning for every page it finds
    little text in, which would flood the terminal during an index build.
    """
    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)  # before the import, which logs too
    import trafilatura

    return trafilatura


def read_html(rel: str, page: str, warning: str | None) -> tuple[list[RawDoc], Skipped | None]:
    body: str | None = None
    meta = DocMeta()
    try:
        doc = _trafilatura().bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            fast=True,  # skip the slower readability/justext fallbacks: news pages rarely need them
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura/lxml choke on some malformed pages; fall back below
        doc = None
    if doc is not None and (doc.text or "").strip():
        body = doc.text
        meta = DocMeta(
            title=clean_value(doc.title),
            date=clean_date(doc.date),
            source=clean_value(doc.sitename),
            url=clean_value(doc.url),
            author=clean_value(doc.author),
        )
    else:
        parser = _HTMLToText()
        try:
            parser.feed(page)
            parser.close()
        except Exception:
            return [], Skipped(rel, "unreadable HTML")
        body = parser.text()
        meta = parser.meta()
        if not body.strip():
            return [], Skipped(rel, "no article text found in the HTML")
    text = with_title(tidy(normalise(body)), meta.title)
    return [RawDoc(rel, text, meta, warning)], None


def tidy(text: str) -> str:
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    out = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", out).strip()


_INLINE_SPACE = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


class _HTMLToText(HTMLParser):
    """Plain text and metadata from HTML with the standard library only.

    Used for HTML fragments inside JSON records and as a fallback when trafilatura finds no
    article: it keeps every visible paragraph, which is better than losing the document.
    """

    _SKIP = frozenset(
        {"script", "style", "noscript", "template", "svg", "head", "iframe", "object"}
    )
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "section",
            "article",
            "header",
            "footer",
            "main",
            "aside",
            "nav",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "ul",
            "ol",
            "li",
            "dl",
            "dt",
            "dd",
            "table",
            "tr",
            "blockquote",
            "pre",
            "figure",
            "figcaption",
            "hr",
            "address",
            "form",
        }
    )
    _META_KEYS = {
        "title": ("og:title", "twitter:title", "dc.title", "headline"),
        "date": (
            "article:published_time",
            "og:published_time",
            "datepublished",
            "pubdate",
            "publishdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
            "dcterms.date",
            "dcterms.created",
        ),
        "author": ("author", "article:author", "dc.creator", "byl", "sailthru.author"),
        "source": ("og:site_name", "application-name", "publisher", "dc.publisher"),
        "url": ("og:url", "twitter:url"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skip_depth = 0
        self._in_title = False
        self._title: list[str] = []
        self._metas: dict[str, str] = {}
        self._canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = {k.lower(): v for k, v in attrs if v is not None}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self._metas.setdefault(key, a["content"])
        elif tag == "link":
            a = {k.lower(): v for k, v in attrs if v is not None}
            if (a.get("rel") or "").lower() == "canonical" and a.get("href"):
                self._canonical = a["href"]
        elif tag == "time":
            a = {k.lower(): v for k, v in attrs if v is not None}
            if a.get("datetime") and "pubdate" in {k.lower() for k, _ in attrs}:
                self._metas.setdefault("pubdate", a["datetime"])
        if tag == "br":
            self._parts.append("\n")
        elif tag in self._BLOCK:
            self._parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            return  # a self-closing <svg/> opens nothing
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self._BLOCK:
            self._parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skip_depth:
            self._parts.append(SPACES.sub(" ", data))

    def text(self) -> str:
        return tidy("".join(self._parts))

    def meta(self) -> DocMeta:
        fields: dict[str, str | None] = {}
        for field_name, keys in self._META_KEYS.items():
            fields[field_name] = next((self._metas[k] for k in keys if k in self._metas), None)
        fields["url"] = fields["url"] or self._canonical
        fields["title"] = fields["title"] or "".join(self._title)
        return DocMeta(
            title=clean_value(fields["title"]),
            date=clean_date(fields["date"]),
            source=clean_value(fields["source"]),
            url=clean_value(fields["url"]),
            author=clean_value(fields["author"]),
        )


def html_fragment_to_text(fragment: str) -> str:
    parser = _HTMLToText()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:
        return fragment
    return parser.text()


HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|img)\b[^>]*>", re.I
)


_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def declared_html_charset(data: bytes) -> str | None:
    m = _HTML_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None
