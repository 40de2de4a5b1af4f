"""Bytes to text: byte-order marks, UTF-8, legacy code pages, binary files, line endings.

Every offset the explorer reports indexes into the text ``decode`` returns, so its
normalisation (``\\n`` line endings, controls to spaces, no BOM) is the same for every format.
"""

from __future__ import annotations

import codecs
import re

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
    return normalise(text), warning, None


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


def normalise(text: str) -> str:
    """Line endings to ``\\n`` and stray controls to spaces, so offsets mean the same everywhere."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_SEPARATORS.sub("\n", text)
    text = text.rstrip("\x1a") if text.endswith("\x1a") else text
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    return text
