"""Front matter: the ``---`` YAML (or ``+++`` TOML) block at the top of a saved article.

Scrapers, static-site generators and note apps (Jekyll, Hugo, Obsidian) save an article's title,
date, outlet and URL this way. The block is read with real parsers, PyYAML (its libyaml loader)
and the standard library's ``tomllib``, so quoting, escapes, lists, folded blocks and comments
mean what they mean in YAML and TOML. YAML scalars are kept as written (PyYAML's base loader:
no implicit types), since metadata is cleaned as text and a date must not be shifted to UTC or
a version number turned into a float; it is also four times faster than the safe loader, which
cost more than the rest of reading a file.

What is ours is deciding what *is* a front matter block, and leniency where people write
almost-YAML: a block must open on the first line, close with ``---`` or ``...`` (``+++`` for
TOML) within ``MAX_LINES`` lines and hold a mapping; a horizontal rule followed by prose is not
front matter. A block that is not valid YAML, the common case being an unquoted colon
(``title: Wallace: the deal was rotten``), is still read as ``key: value`` lines, since
losing an article's title to a stray colon helps no one.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

import yaml

from explorer.ingest.metadata import meta_from_fields
from explorer.model import DocMeta

__all__ = ["MAX_LINES", "parse_front_matter"]

# Front matter is a dozen lines; a longer "block" is a document that happens to start with ---.
MAX_LINES = 200
_OPEN = re.compile(r"\s*(---|\+\+\+)[ \t]*\n")
_CLOSERS = {"---": ("---", "..."), "+++": ("+++",)}
# A top-level "key: value" (or TOML "key = value") line, for blocks that are not valid YAML.
_KEY_LINE = re.compile(r"([A-Za-z_][\w .-]{0,60}?)\s*[:=]\s*(.*)")


# libyaml when the wheel has it (it does on every platform PyPI builds for).
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def _has_aliases(body: str) -> bool:
    """Anchors or aliases in the block. Front matter never needs them, and nested aliases
    ("billion laughs") make a few lines of a hostile file expand into billions of values once
    the metadata is flattened; such a block is read as plain ``key: value`` lines instead."""
    if "&" not in body and "*" not in body:
        return False  # the common case, without a second pass
    tokens = yaml.scan(body, Loader=_LOADER)
    return any(isinstance(t, (yaml.AliasToken, yaml.AnchorToken)) for t in tokens)


def parse_front_matter(text: str) -> tuple[DocMeta, int]:
    """Metadata from a leading front matter block: ``(meta, body_start)``.

    ``body_start`` is the offset just after the closing delimiter line, or 0 when the text has
    no front matter (then ``meta`` is empty).
    """
    block = _block(text)
    if block is None:
        return DocMeta(), 0
    delim, body, end = block
    fields = _parse(body, toml=delim == "+++")
    if not fields:
        return DocMeta(), 0
    return meta_from_fields(fields), end


def _block(text: str) -> tuple[str, str, int] | None:
    """The delimiter, the lines between the delimiters and the offset after the closing one."""
    m = _OPEN.match(text)
    if not m:
        return None
    delim = m.group(1)
    closers = _CLOSERS[delim]
    pos = m.end()
    for _ in range(MAX_LINES):
        if pos >= len(text):
            return None
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        if text[pos:end].strip() in closers:
            return delim, text[m.end() : pos], min(end, len(text))
        pos = end
    return None


def _parse(body: str, *, toml: bool) -> dict[str, Any] | None:
    """The block's top-level mapping, or None when it holds none (prose, a list, nothing)."""
    try:
        if toml:
            data = tomllib.loads(body)
        elif _has_aliases(body):
            return _key_lines(body)
        else:
            data = yaml.load(body, Loader=_LOADER)  # the base loader builds no objects
    except (tomllib.TOMLDecodeError, yaml.YAMLError, ValueError, RecursionError):
        return _key_lines(body)
    if not isinstance(data, dict) or not data:
        return None
    return {str(k): v for k, v in data.items()}


def _key_lines(body: str) -> dict[str, Any] | None:
    """``key: value`` lines of a block no parser accepts; None when a line is anything else."""
    fields: dict[str, Any] = {}
    for line in body.split("\n"):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[:1] in " \t-":
            continue  # a continuation or list item of a broken value: skipped, not guessed
        m = _KEY_LINE.fullmatch(line.rstrip())
        if not m:
            return None
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[m.group(1).strip()] = value
    return fields or None
