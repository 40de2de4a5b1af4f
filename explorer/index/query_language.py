"""The query language every front end shares: what a person types, parsed into a tree.

    wallace "strenuously reject" speaker:"ben wallace" date:2021-08 -place:kabul
    (place:kandahar OR place:herat) NOT source:reuters date:2021-08-01..2021-08-15

* Bare words search the full text (quotes: the quote's words, timeline: the event's sentence,
  docs: the article), typos forgiven; ``"an exact phrase"`` must appear as written.
* ``field:value`` narrows: ``speaker:``, ``person:``, ``place:``, ``org:``, ``entity:`` (a name,
  fuzzy, resolved as ``explorer find`` resolves it), ``date:`` (``2021``, ``2021-08``,
  ``2021-08-12``, ranges ``2021-08-01..2021-08-15``, ``2021..``, ``..2021``), ``doc:ID`` and
  ``source:`` (the outlet). A value with spaces is quoted: ``speaker:"ben wallace"``.
* Terms combine with AND; ``OR`` between two terms; ``-term`` or ``NOT term`` excludes;
  parentheses group.

One parser, so the command line (``explorer quotes QUERY``), the Python API and the app's search
bar read a query the same way and reject the same mistakes with the same line. Parsing is pure:
names are resolved and the tree is answered by ``explorer.index.search``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from explorer.errors import UsageError
from explorer.index.query import date_range

__all__ = [
    "FIELDS",
    "HELP",
    "All",
    "Any",
    "Expr",
    "Not",
    "SUBJECTS",
    "Subject",
    "Term",
    "parse",
    "structured",
]

# What a query can list: the command names of the command line.
Subject = Literal["docs", "timeline", "quotes", "entities"]
SUBJECTS: tuple[Subject, ...] = ("docs", "timeline", "quotes", "entities")
# Every field, with what it narrows to; the order is the order help and errors list them in.
FIELDS: dict[str, str] = {
    "speaker": "quotes said by this person or organisation (fuzzy, aliases included)",
    "person": "facts naming this person",
    "place": "facts naming this place",
    "org": "facts naming this organisation",
    "entity": "facts naming this person, place or organisation",
    "date": "a day, month or year, or a range a..b (either end may be left open)",
    "doc": "one document, by its id",
    "source": "documents from this outlet (any part of its name)",
}
ENTITY_FIELDS = ("person", "place", "org", "entity")
_KEYWORDS = ("AND", "OR", "NOT")
_EXAMPLE = {
    "speaker": 'speaker:"ben wallace"',
    "person": "person:wallace",
    "place": "place:kandahar",
    "org": "org:taliban",
    "entity": "entity:kabul",
    "date": "date:2021-08",
    "doc": "doc:000_kandahar",
    "source": "source:reuters",
}

HELP = """\
A query is words and fields; every part must hold (AND) unless OR joins two of them.

  wallace mistake                   the words, anywhere in the text (typos forgiven)
  "strenuously reject"              this exact phrase
  speaker:wallace                   quotes said by a speaker whose name matches (fuzzy)
  speaker:"ben wallace"             quote a value that has spaces
  person:NAME place:NAME org:NAME   facts naming this person, place or organisation
  entity:NAME                       ... of any kind
  date:2021-08-12  date:2021-08  date:2021
  date:2021-08-01..2021-08-15       a range; date:2021.. and date:..1990 leave one end open
  doc:ID                            one document (ids as `explorer docs` lists them)
  source:reuters                    documents from this outlet
  place:kabul OR place:kandahar     either
  -place:kabul   NOT place:kabul    leave these out
  (place:kabul OR place:herat) date:2021-08

Examples:
  explorer quotes 'speaker:wallace mistake'
  explorer quotes -- '-speaker:wallace taliban'      (-- lets a query start with -)
  explorer timeline 'place:kandahar date:2021-08'
  explorer docs 'source:reuters (oil OR crude) date:1987'
  explorer export quotes 'speaker:"ben wallace"' --format csv --out wallace.csv

Names are matched as `explorer find` matches them; a date holds when an event's period
overlaps it (timeline) or the document's date falls in it (docs, quotes).
"""


@dataclass(frozen=True, slots=True)
class Term:
    """One word, phrase or ``field:value``.

    ``field`` is None for words and phrases (full text). ``since``/``until`` are the ISO days a
    ``date:`` term spans (None: open). ``typed`` is the term as written, for error lines.
    """

    field: str | None
    value: str
    phrase: bool = False
    since: str | None = None
    until: str | None = None
    typed: str = ""


@dataclass(frozen=True, slots=True)
class Not:
    """Everything the inner expression does not match."""

    part: Expr


@dataclass(frozen=True, slots=True)
class All:
    """Every part holds (AND)."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True, slots=True)
class Any:
    """At least one part holds (OR)."""

    parts: tuple[Expr, ...]


Expr = Term | Not | All | Any


def parse(text: str) -> Expr | None:
    """The tree of a typed query, or None when it holds nothing but blanks.

    Raises ``UsageError`` naming the bad term and what is allowed: an unknown field, a field
    without a value, a malformed date, an unclosed quote or parenthesis, a dangling OR/NOT.
    """
    tokens = _tokens(text)
    if not tokens:
        return None
    parser = _Parser(tokens)
    expr = parser.any()
    if parser.i < len(tokens):  # only a stray ")" stops the top level early
        raise UsageError("query: ')' closes no '(' (quote it to search for it)")
    return expr


def structured(text: str) -> bool:
    """Whether ``text`` uses the language beyond plain words: a field, a phrase, OR/AND/NOT, a
    minus or parentheses. The app's search bar looks a plain word up as a name, and runs the
    rest as a query (a malformed one included: its mistake is then shown)."""
    try:
        tokens = _tokens(text)
    except UsageError:
        return True
    return any(
        t.kind != _TERM or (t.term is not None and (t.term.field or t.term.phrase)) for t in tokens
    )


# -- tokens ----------------------------------------------------------------------------------

_LPAR, _RPAR, _NEG, _KEYWORD, _TERM = "(", ")", "-", "keyword", "term"


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str
    term: Term | None = None
    word: str = ""


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Token(c))
            i += 1
        elif c == "-" and i + 1 < n and not text[i + 1].isspace():
            out.append(_Token(_NEG))  # "-term"; a hyphen inside a word ("al-Qaeda") stays
            i += 1
        else:
            i = _term(text, i, out)
    return out


def _term(text: str, i: int, out: list[_Token]) -> int:
    """Read one word, phrase or ``field:value`` starting at ``i``; append it, return the end."""
    n = len(text)
    start = i
    if text[i] == '"':
        value, i = _quoted(text, i)
        out.append(_Token(_TERM, Term(None, value, phrase=True, typed=text[start:i])))
        return i
    while i < n and not text[i].isspace() and text[i] not in '()":':
        i += 1
    word = text[start:i]
    if i < n and text[i] == ":" and word.isalpha():
        field = word.casefold()
        if field not in FIELDS:
            raise UsageError(
                f"query: unknown field {word + ':'!r}; fields are "
                + ", ".join(f + ":" for f in FIELDS)
                + ' (to search for a word with a colon, quote it: "note:this")'
            )
        i += 1
        if i < n and text[i] == '"':
            value, i = _quoted(text, i)
        else:
            vstart = i
            while i < n and not text[i].isspace() and text[i] not in '()"':
                i += 1
            value = text[vstart:i]
        out.append(_Token(_TERM, _field_term(field, value.strip(), text[start:i])))
        return i
    if i < n and text[i] == ":":  # "10:30", a lone ":": a colon inside a word is punctuation
        while i < n and not text[i].isspace() and text[i] not in '()"':
            i += 1
        word = text[start:i]
    if word in _KEYWORDS:
        out.append(_Token(_KEYWORD, word=word))
    else:
        out.append(_Token(_TERM, Term(None, word, typed=word)))
    return i


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The text between the quote at ``i`` and the next one, and the index after it."""
    end = text.find('"', i + 1)
    if end < 0:
        raise UsageError(f"query: a quote opened at {text[i : i + 20]!r} is never closed")
    return text[i + 1 : end], end + 1


def _field_term(field: str, value: str, typed: str) -> Term:
    if not value:
        raise UsageError(f"query: {typed!r} needs a value, as in {_EXAMPLE[field]}")
    if field != "date":
        return Term(field, value, typed=typed)
    found = date_range(value) if any(ch.isdigit() for ch in value) else None
    if found is None:
        raise UsageError(
            f"query: {typed!r} is not a date; write date:2021-08-12, date:2021-08, date:2021,"
            " or a range date:2021-08-01..2021-08-15 (date:2021.. and date:..1990 are open)"
        )
    since, until = found
    return Term(field, value, since=since, until=until, typed=typed)


# -- grammar: any := all (OR all)* ; all := unary (AND? unary)* ; unary := (NOT | -) unary | atom


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def _peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def any(self) -> Expr:
        parts = [self.all()]
        while (t := self._peek()) is not None and t.kind == _KEYWORD and t.word == "OR":
            self.i += 1
            if self._ends_here():
                raise UsageError(
                    "query: OR needs a term after it, as in place:kabul OR place:herat"
                )
            parts.append(self.all())
        return parts[0] if len(parts) == 1 else Any(tuple(parts))

    def all(self) -> Expr:
        parts: list[Expr] = []
        while (t := self._peek()) is not None:
            if t.kind == _RPAR or (t.kind == _KEYWORD and t.word == "OR"):
                break
            if t.kind == _KEYWORD and t.word == "AND":
                self.i += 1
                if not parts or self._ends_here():
                    raise UsageError("query: AND needs a term on both sides")
                continue
            parts.append(self.unary())
        if not parts:
            t = self._peek()
            if t is not None and t.kind == _KEYWORD:
                raise UsageError(
                    "query: OR needs a term on both sides, as in place:kabul OR place:herat"
                )
            raise UsageError("query: '()' holds nothing; put terms between the parentheses")
        return parts[0] if len(parts) == 1 else All(tuple(parts))

    def unary(self) -> Expr:
        t = self._peek()
        assert t is not None
        if t.kind == _NEG or (t.kind == _KEYWORD and t.word == "NOT"):
            self.i += 1
            if self._ends_here():
                raise UsageError("query: NOT (or -) needs a term after it, as in -place:kabul")
            return Not(self.unary())
        if t.kind == _LPAR:
            self.i += 1
            if (u := self._peek()) is not None and u.kind == _RPAR:
                raise UsageError("query: '()' holds nothing; put terms between the parentheses")
            inner = self.any()
            if (u := self._peek()) is None or u.kind != _RPAR:
                raise UsageError("query: a '(' is never closed")
            self.i += 1
            return inner
        self.i += 1
        assert t.term is not None
        return t.term

    def _ends_here(self) -> bool:
        t = self._peek()
        return t is None or t.kind == _RPAR or (t.kind == _KEYWORD and t.word in ("OR", "AND"))
