"""Word lists as data files: titles, cue verbs, stop words, organisation words, place words.

The rules in ``explorer.extract`` are short because their knowledge lives here, one list a
file, each opening with ``#`` lines that say what the list is for and why a word belongs in it.
A reviewer extends a list without reading the matcher; a list is loaded once per process, on
first use, from inside the package (nothing is downloaded).

Two shapes of file:

* ``words(name)``: words separated by spaces and newlines, written as running text (compared
  lower-case unless the module using it says otherwise).
* ``lines(name)``: one entry a line, order kept, for entries of several words ("province of",
  "goldman sachs") and lists whose order matters.
* ``table(name)``: one entry a line, ``key = value`` ("sept = 9", "great britain = GB").
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["lines", "table", "words"]


def _entries(name: str) -> list[str]:
    """The non-comment lines of ``<name>.txt`` (``name`` is "area/list", e.g. "names/titles")."""
    path = resources.files(__name__).joinpath(f"{name}.txt")
    text = path.read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """Every word of the list ``name``."""
    return frozenset(w for line in _entries(name) for w in line.split())


@cache
def lines(name: str) -> tuple[str, ...]:
    """Every entry (line) of the list ``name``, in file order."""
    return tuple(" ".join(line.split()) for line in _entries(name))


@cache
def table(name: str) -> dict[str, str]:
    """``key = value`` lines of the list ``name``, in file order."""
    out: dict[str, str] = {}
    for line in _entries(name):
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"lexicon {name}: expected 'key = value', got {line!r}")
        out[" ".join(key.split())] = value.strip()
    return out
