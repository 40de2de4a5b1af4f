"""Reading a corpus folder: which files are articles, and what text and metadata each holds.

A corpus is whatever a journalist dropped into a folder: plain text, Markdown with front matter,
saved web pages, JSON exports from scrapers and news APIs, in whatever encoding the source used.
This module turns that into ``RawDoc`` records (decoded text + ``DocMeta``) and explains, one
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

import codecs
import functools
import hashlib
import html
import json
import logging
import os
import re
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from explorer.errors import UsageError
from explorer.model import DocMeta

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_RECORDS_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "FileEntry",
    "RawDoc",
    "Skipped",
    "decode",
    "digest",
    "parse_front_matter",
    "read_file",
    "scan",
]

# A single article is a few KB; a 50 MB "article" is a log, a dump or a mistake, and reading it
# would stall the index. Records files (.jsonl/.json) legitimately hold many articles.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_RECORDS_FILE_BYTES = 1024 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
RECORDS_SUFFIXES = JSONL_SUFFIXES | JSON_SUFFIXES
SUPPORTED_SUFFIXES: frozenset[str] = (
    TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | RECORDS_SUFFIXES
)


@dataclass(slots=True, frozen=True)
class FileEntry:
    """One file found under the root."""

    rel: str  # path relative to the root, '/'-separated (stable id)
    path: Path  # absolute
    size: int
    mtime_ns: int


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


# --------------------------------------------------------------------------------------------
# Scanning


def scan(root: Path) -> tuple[list[FileEntry], list[Skipped]]:
    """Find every article file under ``root``, recursively, sorted by relative path.

    Only directory listings and one ``stat`` per supported file are done here, so a folder of
    200k files scans in under two seconds; content is looked at by ``read_file``. Hidden files and
    folders (``.git``, ``.DS_Store``, editor swap files) are ignored silently because nobody
    expects them to be articles; everything else that is not read (unsupported type, too large,
    broken link, unreadable folder) is returned as ``Skipped`` so the caller can count it.
    Symbolic links are followed; a folder reached twice (a link loop) is listed once.
    """
    root = Path(root)
    try:
        st = os.stat(root)
    except FileNotFoundError:
        raise UsageError(f"no such folder: {root}") from None
    except OSError as e:
        raise UsageError(f"cannot open folder {root}: {e.strerror or e}") from None
    if not stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{root} is a file, not a folder: give the folder that holds the articles")
    base = Path(os.path.abspath(root))
    files: list[FileEntry] = []
    skipped: list[Skipped] = []
    visited: set[tuple[int, int]] = {(st.st_dev, st.st_ino)}
    stack: list[tuple[Path, str]] = [(base, "")]
    while stack:
        dir_path, prefix = stack.pop()
        try:
            with os.scandir(dir_path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            if not prefix:
                raise UsageError(f"cannot read folder {root}: {e.strerror or e}") from None
            skipped.append(Skipped(prefix, f"unreadable folder: {e.strerror or e}"))
            continue
        subdirs: list[tuple[Path, str]] = []
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            rel = prefix + _safe_name(name)
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                try:
                    dst = entry.stat()
                except OSError as e:
                    skipped.append(Skipped(rel + "/", f"unreadable folder: {e.strerror or e}"))
                    continue
                key = (dst.st_dev, dst.st_ino)
                if key in visited:
                    continue  # a link back to a folder already listed: a loop or a duplicate
                visited.add(key)
                subdirs.append((dir_path / name, rel + "/"))
                continue
            suffix = _suffix(name)
            if suffix not in SUPPORTED_SUFFIXES:
                reason = (
                    f"unsupported type {suffix}" if suffix else "unsupported type (no extension)"
                )
                skipped.append(Skipped(rel, reason))
                continue
            try:
                fst = entry.stat()
            except FileNotFoundError:
                reason = "broken symbolic link" if entry.is_symlink() else "vanished while scanning"
                skipped.append(Skipped(rel, reason))
                continue
            except OSError as e:
                skipped.append(Skipped(rel, f"unreadable: {e.strerror or e}"))
                continue
            if not stat.S_ISREG(fst.st_mode):
                skipped.append(Skipped(rel, "not a regular file"))
                continue
            limit = _size_limit(suffix)
            if fst.st_size > limit:
                skipped.append(Skipped(rel, _too_large(fst.st_size, limit)))
                continue
            # Joining one name onto the folder's Path is 3x cheaper than parsing a full path.
            files.append(FileEntry(rel, dir_path / name, fst.st_size, fst.st_mtime_ns))
        # Reverse so that popping visits sub-folders in name order: with symbolic links, the
        # first path that reaches a folder wins, and it must be the same one on every run.
        stack.extend(reversed(subdirs))
    files.sort(key=lambda f: f.rel)
    skipped.sort(key=lambda s: s.rel)
    return files, skipped


def _safe_name(name: str) -> str:
    """File names that are not valid UTF-8 still get a printable, storable, stable id."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", errors="backslashreplace")


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _size_limit(suffix: str) -> int:
    return MAX_RECORDS_FILE_BYTES if suffix in RECORDS_SUFFIXES else MAX_FILE_BYTES


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit)"


def digest(data: bytes) -> str:
    """Fingerprint of a file's raw bytes, to tell a changed file from a touched one.

    BLAKE2b is faster than SHA-256 in CPython and a 128-bit digest is plenty for change
    detection (this is not a security boundary).
    """
    return hashlib.blake2b(data, digest_size=16).hexdigest()


# --------------------------------------------------------------------------------------------
# Reading one file


def read_file(entry: FileEntry, data: bytes | None = None) -> tuple[list[RawDoc], Skipped | None]:
    """Read, decode and parse one file into documents; bad content never raises.

    ``data`` lets a caller that already read the bytes (to digest them) avoid a second read.
    Returns ``(docs, None)`` on success, ``([], Skipped)`` when nothing could be used, and
    ``(docs, Skipped)`` when a records file had some bad records: index the docs and report the
    reason.
    """
    suffix = _suffix(entry.path.name)
    if suffix not in SUPPORTED_SUFFIXES:
        return [], Skipped(
            entry.rel, f"unsupported type {suffix}" if suffix else "unsupported type (no extension)"
        )
    limit = _size_limit(suffix)
    if data is None:
        if entry.size > limit:
            return [], Skipped(entry.rel, _too_large(entry.size, limit))
        try:
            with open(entry.path, "rb") as f:
                data = f.read(limit + 1)
        except FileNotFoundError:
            return [], Skipped(entry.rel, "unreadable: file no longer exists")
        except OSError as e:
            return [], Skipped(entry.rel, f"unreadable: {e.strerror or e}")
    if len(data) > limit:
        return [], Skipped(entry.rel, _too_large(max(len(data), entry.size), limit))
    if not data:
        return [], Skipped(entry.rel, "empty file")

    declared = _declared_html_charset(data) if suffix in HTML_SUFFIXES else None
    text, warning, problem = decode(data, declared)
    if problem is not None:
        return [], Skipped(entry.rel, problem)
    assert text is not None
    if not text.strip():
        return [], Skipped(entry.rel, "empty file (only whitespace)")

    try:
        if suffix in HTML_SUFFIXES:
            return _read_html(entry.rel, text, warning)
        if suffix in RECORDS_SUFFIXES:
            return _read_records(entry.rel, text, warning, jsonl=suffix in JSONL_SUFFIXES)
        return _read_text(entry.rel, text, warning, markdown=suffix in MARKDOWN_SUFFIXES)
    except RecursionError:
        return [], Skipped(entry.rel, "unreadable: structure nested too deeply")


def _read_text(
    rel: str, text: str, warning: str | None, *, markdown: bool
) -> tuple[list[RawDoc], Skipped | None]:
    meta, body_start = parse_front_matter(text)
    if not text[body_start:].strip():
        return [], Skipped(rel, "no article text (only front matter)")
    if markdown and meta.title is None:
        m = _MD_HEADING.match(text, body_start)
        if m:
            meta.title = _clean_value(m.group(1).strip().rstrip("#").strip())
    return [RawDoc(rel, text, meta, warning)], None


_MD_HEADING = re.compile(r"\s*#\s+([^\n]+)")


# --------------------------------------------------------------------------------------------
# Decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32-LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32-BE"),
    (codecs.BOM_UTF8, "utf-8", None),
    (codecs.BOM_UTF16_LE, "utf-16-le", None),
    (codecs.BOM_UTF16_BE, "utf-16-be", None),
)

# Signatures of binary formats people commonly drop next to articles (or rename to .txt).
_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-zip archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SAMPLE = 8192

# Non-ASCII characters that Western European text decoded as windows-1252 is made of. Text in
# another single-byte code page (Polish, Turkish, Cyrillic...) decoded as windows-1252 shows
# characters outside this set (¹ ³ Ð þ) or far too many accented letters.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßŒœŠšŽž"
    "“”‘’‚„–—…•€£¥©®°±«»¡¿§¶·×÷\xa0™¢½¼¾ªº´¨¸¯†‡‰‹›ˆ˜ƒ"
)


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the stray bytes of a mostly-UTF-8 file as windows-1252.

    Articles pasted together from several sources often mix a UTF-8 body with a few
    windows-1252 curly quotes; reading those bytes as windows-1252 recovers the quote instead
    of a replacement character.
    """
    if isinstance(exc, UnicodeDecodeError):
        chunk = exc.object[exc.start : exc.end]
        return chunk.decode("cp1252", errors="replace"), exc.end
    raise exc


codecs.register_error("explorer-cp1252-fallback", _cp1252_fallback)


def decode(data: bytes, declared: str | None = None) -> tuple[str | None, str | None, str | None]:
    """Decode a file's bytes into normalised text: ``(text, warning, problem)``.

    ``problem`` is set (and ``text`` is None) when the bytes are not text. ``warning`` says how
    the text was decoded when that was not plain UTF-8, because a guessed encoding can be wrong
    and the user should be able to tell. ``declared`` is an encoding the file itself names (an
    HTML ``<meta charset>``): trusted when the bytes are not valid UTF-8 but decode with it.
    The fast path (valid UTF-8, the vast majority) costs one decode and a few scans in C.
    """
    if not data:
        return None, None, "empty file"
    head = data[:16]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return None, None, f"binary file ({what})"
    text: str | None = None
    warning: str | None = None
    for bom, codec, label in _BOMS:
        if data.startswith(codecs.BOM_UTF8) and codec == "utf-8":
            text, warning = _decode_8bit(data[len(bom) :], declared)
            if text is None:
                return None, None, "not UTF-8 and no encoding could be detected"
            break
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return (
                    None,
                    None,
                    f"binary file (starts with a {codec.upper()} mark but is not {codec.upper()})",
                )
            if label:
                warning = f"decoded as {label} (byte-order mark)"
            break
    if text is None:
        if b"\x00" in data[:_SAMPLE] or b"\x00" in data[-_SAMPLE:]:
            codec = _bomless_utf16(data)
            if codec is None:
                return None, None, "binary file"
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None, None, "binary file"
            warning = f"decoded as {codec.upper()} (no byte-order mark)"
        else:
            text, warning = _decode_8bit(data, declared)
            if text is None:
                return None, None, "not UTF-8 and no encoding could be detected"
    sample = text[:_SAMPLE]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(8, len(sample) // 20):
        return None, None, "binary file"
    return _normalise(text), warning, None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:_SAMPLE]
    n = len(sample) // 2
    if n < 4:
        return None
    even = sample[0::2].count(0) / n
    odd = sample[1::2].count(0) / n
    if odd > 0.7 and even < 0.1:
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes, declared: str | None) -> tuple[str | None, str | None]:
    """Decode bytes with no NUL and no BOM: UTF-8, then mixed, then a detected code page."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as e:
        # A file cut at a byte limit (scrapers, "head -c") ends inside a character: drop the
        # stump rather than turn the whole article into windows-1252 mojibake.
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            try:
                text = data[: e.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                return text, "truncated UTF-8 character at the end dropped"
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    valid = sum(len(m) for m in _UTF8_MULTIBYTE.findall(data))
    stray = high - valid
    if valid and valid >= stray:
        text = data.decode("utf-8", errors="explorer-cp1252-fallback")
        return text, f"mostly UTF-8; {stray} stray byte(s) read as windows-1252"
    if declared:
        codec = _codec(declared)
        if codec and codec != "utf-8":
            try:
                return data.decode(codec), f"decoded as {declared.lower()} (declared in the file)"
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_western(text):
        return text, "decoded as windows-1252 (detected)"
    return _detect(data)


def _codec(name: str) -> str | None:
    """The Python codec for an encoding name, with browsers' rule that latin-1 means cp1252."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return codec


def _looks_western(text: str) -> bool:
    """Whether windows-1252 is a believable reading of these bytes (see ``_WESTERN``)."""
    letters = 0
    foreign = 0
    for ch in text[:65536]:  # a sample decides as well as the whole and bounds the cost
        if ch >= "\x80":
            if ch not in _WESTERN:
                return False
            if ch.isalpha():
                foreign += 1
        if ch.isalpha():
            letters += 1
    # French or Portuguese run at under 10% accented letters; Cyrillic, Greek or Hebrew read as
    # windows-1252 are almost all accented letters.
    return letters < 20 or foreign <= letters * 0.25


_WESTERN_CODECS = frozenset({"cp1252", "latin_1", "iso8859_15", "ascii"})


def _detect(data: bytes) -> tuple[str | None, str | None]:
    from charset_normalizer import from_bytes  # imported late: only odd files need it

    matches = list(from_bytes(data))
    if not matches:
        return None, None
    # Only reached once windows-1252 was judged implausible (or impossible), so its look-alikes
    # are passed over: the detector ranks them first even for text it knows is Polish.
    best = next((m for m in matches if m.encoding not in _WESTERN_CODECS), matches[0])
    try:
        text = str(best)
    except Exception:  # a detector bug must not stop the index
        return None, None
    return text, f"decoded as {best.encoding} (detected)"


_LINE_SEPARATORS = re.compile("\r\n?|[\u2028\u2029]")


def _normalise(text: str) -> str:
    """Line endings to ``\\n`` and stray controls to spaces, so offsets mean the same everywhere."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_SEPARATORS.sub("\n", text)
    text = text.rstrip("\x1a") if text.endswith("\x1a") else text
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    return text


_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _declared_html_charset(data: bytes) -> str | None:
    m = _HTML_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


# --------------------------------------------------------------------------------------------
# Metadata values

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
_TEXT_KEYS = [
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
_TEXT_KEY_SET = frozenset(_TEXT_KEYS)
_NULLISH = frozenset({"", "null", "none", "nil", "~", "n/a", "na", "unknown", "undefined", "-"})
_SPACES = re.compile(r"\s+")
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:published|posted|updated|last\s+updated|date|dated|created)\b\s*(?:on|at)?\s*[:\-–]?\s*)",
    re.I,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _clean_value(value: Any, limit: int = 500) -> str | None:
    """A metadata value as one clean line: quotes, HTML entities and nullish words removed."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (list, tuple)):
        parts = [p for p in (_clean_value(v, limit) for v in value) if p]
        return _clean_value(", ".join(dict.fromkeys(parts)), limit) if parts else None
    if isinstance(value, dict):
        for key in ("name", "rendered", "text", "value", "#text", "title", "href", "url"):
            if key in value:
                return _clean_value(value[key], limit)
        return None
    s = str(value)
    if "&" in s and _ENTITY.search(s):
        s = html.unescape(s)
    s = _SPACES.sub(" ", s).strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'" and s[0] not in s[1:-1]:
        s = s[1:-1].strip()
    if s.lower() in _NULLISH:
        return None
    return s[:limit]


def _clean_date(value: Any) -> str | None:
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
    if isinstance(value, dict):
        for key in ("$date", "date", "value", "iso"):
            if key in value:
                return _clean_date(value[key])
        return None
    if isinstance(value, (list, tuple)):
        return next((d for d in (_clean_date(v) for v in value) if d), None)
    s = _clean_value(value, limit=200)
    if s is None:
        return None
    s = _DATE_LABEL.sub("", s).strip(" \t|,;:-–—·•[]()")
    if not any(c.isdigit() for c in s) or len(s) > 80:
        return None
    if s.isdigit() and len(s) >= 9:  # a timestamp that arrived as a string
        return _clean_date(int(s))
    return s


def _meta_from_fields(fields: dict[str, Any]) -> DocMeta:
    """DocMeta from a mapping with arbitrarily spelled keys (front matter, JSON record)."""
    norm: dict[str, Any] = {}
    for key, value in fields.items():
        k = _norm_key(key)
        if k not in norm or norm[k] in (None, "", [], {}):
            norm[k] = value
    meta = DocMeta()
    for field_name, keys in _FIELD_KEYS.items():
        for k in keys:
            if k in norm:
                raw = norm[k]
                value = _clean_date(raw) if field_name == "date" else _clean_value(raw)
                if field_name == "url" and value and (" " in value or "." not in value):
                    value = None
                if value:
                    setattr(meta, field_name, value)
                    break
    return meta


def _norm_key(key: Any) -> str:
    return str(key).lower().replace("_", "").replace("-", "").replace(" ", "").replace(":", "")


# --------------------------------------------------------------------------------------------
# Front matter

_FM_OPEN = re.compile(r"\s*(---|\+\+\+)[ \t]*\n")
_FM_LINE = re.compile(r"([A-Za-z_][\w .-]{0,60}?)\s*[:=]\s*(.*)")
_FM_ITEM = re.compile(r"\s*-\s+(.*)")
_FM_MAX_LINES = 200


def parse_front_matter(text: str) -> tuple[DocMeta, int]:
    """Metadata from a leading ``---`` (YAML-ish) or ``+++`` (TOML-ish) block.

    Returns ``(meta, body_start)``: ``body_start`` is the offset just after the closing
    delimiter, or 0 when the text has no front matter. Only what articles actually carry is
    understood (``key: value``, quoted values, inline ``[a, b]`` lists, ``- item`` lists, ``>``
    and ``|`` blocks, ``#`` comments): a full YAML parser would add a dependency and a slower
    path for no gain in recall. A block that does not close, or that holds no ``key: value``
    line, is not front matter (it may be a horizontal rule).
    """
    m = _FM_OPEN.match(text)
    if not m:
        return DocMeta(), 0
    delim = m.group(1)
    closers = ("---", "...") if delim == "---" else ("+++",)
    pos = m.end()
    fields: dict[str, Any] = {}
    key: str | None = None
    block: list[str] | None = None
    n = 0
    while pos < len(text) and n < _FM_MAX_LINES:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        pos = end + 1
        n += 1
        stripped = line.strip()
        if stripped in closers:
            if not fields:
                return DocMeta(), 0
            for k, v in fields.items():
                if isinstance(v, list) and not v:
                    fields[k] = None
            return _meta_from_fields(fields), min(pos, len(text))
        if not stripped or stripped.startswith("#"):
            continue
        if line[:1] in " \t" and key is not None:
            item = _FM_ITEM.match(line)
            if item and isinstance(fields.get(key), list):
                fields[key].append(_unquote(item.group(1)))
            elif block is not None:
                block.append(stripped)
                fields[key] = " ".join(block)
            continue
        if line.startswith("- ") and key is not None and isinstance(fields.get(key), list):
            fields[key].append(_unquote(line[2:]))
            continue
        lm = _FM_LINE.fullmatch(line.rstrip())
        if not lm:
            return DocMeta(), 0  # not key: value lines, so this is no front matter
        key = lm.group(1).strip()
        value = lm.group(2).strip()
        block = None
        if not value:
            fields[key] = []  # a list or nested block follows, or the value is empty
        elif value[0] in "|>" and len(value) <= 3:
            block = []
            fields[key] = ""
        elif value.startswith("[") and value.endswith("]"):
            fields[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            fields[key] = _unquote(value)
    return DocMeta(), 0


def _unquote(value: str) -> str:
    """A scalar as YAML/TOML would read it, without a parser: quotes off, comments off."""
    value = value.strip()
    if len(value) >= 2 and value[0] in "\"'":
        q = value[0]
        close = value.find(q, 1)
        while q == '"' and close > 0 and value[close - 1] == "\\":
            close = value.find(q, close + 1)
        if close > 0:
            inner = value[1:close]
            return inner.replace('\\"', '"') if q == '"' else inner.replace("''", "'")
    hash_at = value.find(" #")
    if hash_at >= 0:
        value = value[:hash_at].rstrip()
    return value


# --------------------------------------------------------------------------------------------
# HTML


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


def _read_html(rel: str, page: str, warning: str | None) -> tuple[list[RawDoc], Skipped | None]:
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
            title=_clean_value(doc.title),
            date=_clean_date(doc.date),
            source=_clean_value(doc.sitename),
            url=_clean_value(doc.url),
            author=_clean_value(doc.author),
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
    text = _with_title(_tidy(_normalise(body)), meta.title)
    return [RawDoc(rel, text, meta, warning)], None


def _tidy(text: str) -> str:
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    out = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", out).strip()


_INLINE_SPACE = re.compile(r"[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _with_title(body: str, title: str | None) -> str:
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
    return _SPACES.sub(" ", s).strip().casefold().replace("’", "'").replace("‘", "'")


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
            self._parts.append(_SPACES.sub(" ", data))

    def text(self) -> str:
        return _tidy("".join(self._parts))

    def meta(self) -> DocMeta:
        fields: dict[str, str | None] = {}
        for field_name, keys in self._META_KEYS.items():
            fields[field_name] = next((self._metas[k] for k in keys if k in self._metas), None)
        fields["url"] = fields["url"] or self._canonical
        fields["title"] = fields["title"] or "".join(self._title)
        return DocMeta(
            title=_clean_value(fields["title"]),
            date=_clean_date(fields["date"]),
            source=_clean_value(fields["source"]),
            url=_clean_value(fields["url"]),
            author=_clean_value(fields["author"]),
        )


def _html_fragment_to_text(fragment: str) -> str:
    parser = _HTMLToText()
    try:
        parser.feed(fragment)
        parser.close()
    except Exception:
        return fragment
    return parser.text()


_HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|em|strong|b|i|h[1-6]|ul|ol|li|blockquote|figure|img)\b[^>]*>", re.I
)


# --------------------------------------------------------------------------------------------
# JSON and JSON lines

_MAX_REASONS = 5


def _read_records(
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


def _jsonl_records(text: str) -> list[tuple[int, Any, str | None]]:
    out: list[tuple[int, Any, str | None]] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            out.append((number, json.loads(line), None))
        except json.JSONDecodeError as e:
            out.append((number, None, f"invalid JSON ({e.msg})"))
        except RecursionError:
            out.append((number, None, "invalid JSON (nested too deeply)"))
    return out


def _json_records(text: str) -> tuple[list[tuple[int, Any, str | None]], bool] | None:
    """Records of a JSON document, and whether it is a single article; None if not usable."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
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
        _norm_key(k): v
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
                _norm_key(k): v
                for k, v in value.items()
                if isinstance(v, list) and v and isinstance(v[0], dict)
            }
            for key in _WRAPPER_KEYS:
                if key in inner:
                    return inner[key]
    return None


def _text_field(record: dict[str, Any]) -> Any:
    norm = {_norm_key(k): v for k, v in record.items()}
    for key in _TEXT_KEYS:
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
        present = [k for k in value if _norm_key(k) in _TEXT_KEY_SET]
        if present:
            return None, f"empty text ({present[0]} is {json.dumps(value[present[0]])[:20]})"
        keys = ", ".join(str(k) for k in list(value)[:8])
        return None, f"no text field (has: {keys})" if keys else "empty object"
    body = _record_text(raw)
    if body is None or not body.strip():
        return None, "empty text"
    meta = _meta_from_fields(value)
    text = _with_title(body, meta.title)
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
    if "<" in text and _HTML_TAG.search(text):
        text = _html_fragment_to_text(text)
    elif "&" in text and _ENTITY.search(text):
        text = html.unescape(text)
    text = _normalise(text)
    return text.strip("\n")
