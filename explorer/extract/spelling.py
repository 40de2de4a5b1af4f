"""Spelling keys for names: the same name, however it is written, gives the same key.

Extraction (in-document merging, gazetteer lookup), the index (corpus-wide merging) and the
search bar all compare names through these functions: a key computed differently in two
places is a silent miss, so there is exactly one of each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["compact", "content_tokens", "damerau1", "fold", "fold_uncached", "skeleton"]

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": "", "`": "", "ʿ": "", "ʼ": ""})


@lru_cache(maxsize=65536)
def fold(name: str) -> str:
    return fold_uncached(name)


def fold_uncached(name: str) -> str:
    """Lower-case, strip accents and apostrophes, and turn every separator into one space.

    Why: 'Mazār-e Sharīf', 'Mazar-e Sharif' and 'MAZAR-E SHARIF' are one spelling to a reader;
    only the letters matter. Apostrophes are dropped rather than spaced so that "Qal`eh" and
    "Qaleh" agree.
    """
    s = name.translate(_APOSTROPHES)
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(c for c in s if not unicodedata.combining(c))
        s = s.replace("ß", "ss").replace("ø", "o").replace("ł", "l").replace("đ", "d")
    return _NON_ALNUM.sub(" ", s.lower()).strip()


def compact(name: str) -> str:
    """``fold`` without spaces: 'Lashkar Gah', 'Lashkargah' and 'pul e alam' compare equal."""
    return fold(name).replace(" ", "")


# Transliteration classes: letters that romanisations of Dari, Pashto and Arabic swap freely.
_SKEL_PAIRS = (("kh", "k"), ("gh", "g"), ("ph", "f"), ("sh", "s"), ("ch", "c"), ("q", "k"))
_SKEL_MAP = str.maketrans({"z": "s", "c": "k", "w": "v", "j": "j", "x": "k"})
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")
# Connector particles inside transliterated names ("Qala-e Naw", "Mazar-i-Sharif", "Pul-i").
_CONNECTORS = frozenset({"e", "i", "ye", "ul", "al", "el", "ol", "os", "us", "es", "o"})


def skeleton(name: str) -> str:
    """A consonant skeleton that survives vowel and sibilant changes between romanisations.

    Why: 'Feroz Koh' / 'Firus Koh' and 'Puli-e Alim' / 'Pul-e-Alam' are the same town written
    by different news agencies; their vowels, z/s and doubled letters differ but the consonant
    frame does not. Only used together with other guards (kind, first letter, token count).
    """
    tokens = [t for t in fold(name).split() if t not in _CONNECTORS]
    s = "".join(tokens)
    for a, b in _SKEL_PAIRS:
        s = s.replace(a, b)
    s = s.translate(_SKEL_MAP)
    head, tail = s[:1], _VOWELS.sub("", s[1:])
    return _DOUBLE.sub(r"\1", head + tail)


def content_tokens(name: str) -> list[str]:
    """Folded tokens without transliteration connectors, for token-count guards."""
    return [t for t in fold(name).split() if t not in _CONNECTORS]


def damerau1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one edit (insert, delete, substitute, swap)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
