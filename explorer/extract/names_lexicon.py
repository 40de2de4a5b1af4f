"""Word lists behind the name rules: titles, roles, organisation words, stop words.

Kept apart from the rules so a reviewer can extend a list without reading the matcher, and so
the matcher stays short. Every list is compared lower-case (dots removed) unless it says not.
"""

from __future__ import annotations

from functools import lru_cache

from explorer.extract import lexicon
from explorer.extract.spelling import fold, fold_uncached

FUNCTION_WORDS = lexicon.words("names/function_words")

STOPWORDS = lexicon.words("names/stopwords")

DEMONYMS = lexicon.words("names/demonyms")

HONORIFICS = lexicon.words("names/honorifics")

TITLES = lexicon.words("names/titles")

PERSON_CUES = lexicon.words("names/person_cues")

SPEECH_VERBS = lexicon.words("names/speech_verbs")

ORG_SUFFIXES = lexicon.words("names/org_suffixes")

ORG_FIRST = lexicon.words("names/org_first")

ORG_HEADS = lexicon.words("names/org_heads")

PLACE_SUFFIXES = lexicon.words("names/place_suffixes")

EVENT_SUFFIXES = lexicon.words("names/event_suffixes")

KNOWN_ORGS = lexicon.words("names/known_orgs") | frozenset(
    lexicon.lines("names/known_orgs_phrases")
)

REGIONS = lexicon.words("names/regions") | frozenset(lexicon.lines("names/regions_phrases"))

PLACE_CUES_BEFORE = lexicon.lines("names/place_cues_before")

EVERYDAY_GIVEN_NAMES = lexicon.words("names/everyday_given_names")

NOT_GIVEN_NAMES = lexicon.words("names/not_given_names")

SURNAME_STOPWORDS = lexicon.words("names/surname_stopwords")

EPONYMOUS_ORGS = frozenset(lexicon.lines("names/eponymous_orgs"))


@lru_cache(maxsize=1)
def _given_names() -> dict[str, int]:
    """gender-guesser's dictionary of ~45k first names from many countries, folded.

    Read from its data file rather than through ``Detector``: only the names and how common
    each is are needed (the highest of the per-country frequency digits, 1 = rare .. 13 =
    very common), and a plain dict is faster to build and to query. Loaded once, on first use.
    """
    from pathlib import Path

    import gender_guesser

    out: dict[str, int] = {}
    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line[:1] in "#=" or len(line) < 31:
                continue
            parts = line.split(None, 2)
            # Frequency digits are 1-9 then A-D: ASCII order is numeric order here.
            digits = line[30:86].translate(_NOT_DIGITS)
            freq = int(max(digits), 16) if digits else 1
            name = parts[1]
            for variant in {name.replace("+", "-"), name.replace("+", "")}:
                key = (
                    variant.lower()
                    if variant.isascii() and variant.isalpha()
                    else fold_uncached(variant)
                )
                if key and out.get(key, 0) < freq:
                    out[key] = freq
    for w in NOT_GIVEN_NAMES:
        out.pop(w, None)
    return out


_NOT_DIGITS = str.maketrans("", "", " $\r\n\t")


def given_name(word: str) -> int:
    """How common ``word`` is as a first name (1 rare .. 13 very common), 0 when it is not one.

    Already folded keys and surface forms both work ("José", "JOSE", "jose").
    """
    return _given_names().get(fold(word), 0)
